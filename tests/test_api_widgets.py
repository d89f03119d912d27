"""What widgets of several kinds share: radio and selectbox, text_input and text_area, and the props, labels and
client values every widget has. One kind's own tests live in tests/elements/test_<kind>.py.

Values a client sends that do not fit a widget are refused on the server: those tests send raw wire values through the
session, as a hostile or stale browser tab could.
"""

from __future__ import annotations

import pytest

from support import app, bad_values, send


# -- radio and selectbox -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["radio", "selectbox"])
def test_single_choice_defaults_to_first_option(kind: str) -> None:
    at = app(f'v = st.{kind}("Pick", ["a", "b", "c"])\nst.write(f"v={{v}}")')
    widget = getattr(at, kind)[0]
    assert widget.value == "a"
    assert widget.options == ["a", "b", "c"]
    assert widget.index == 0
    widget.select("c").run()
    assert at.markdown.values == ["v=c"]
    assert getattr(at, kind)[0].index == 2


@pytest.mark.parametrize("kind", ["radio", "selectbox"])
def test_single_choice_index_and_index_none(kind: str) -> None:
    at = app(f'a = st.{kind}("A", [1, 2, 3], index=2)\nb = st.{kind}("B", [1, 2, 3], index=None)\nst.write(a, b)')
    assert getattr(at, kind).values == [3, None]
    assert at.markdown.rendered_texts == ["3 None"]
    getattr(at, kind)[1].select(2).run()
    assert at.markdown.rendered_texts == ["3 2"]


@pytest.mark.parametrize("kind", ["radio", "selectbox"])
def test_single_choice_format_func_changes_labels_not_values(kind: str) -> None:
    at = app(
        f'v = st.{kind}("Size", [1, 2, 3], format_func=lambda n: {{1: "S", 2: "M", 3: "L"}}[n])\nst.write(v + 10)'
    )
    widget = getattr(at, kind)[0]
    assert widget.options == ["S", "M", "L"]
    widget.select_index(1).run()
    assert getattr(at, kind)[0].value == 2
    assert at.markdown.rendered_texts == ["12"]


# -- text_input and text_area ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["text_input", "text_area"])
def test_text_defaults_to_empty_and_takes_input(kind: str) -> None:
    at = app(f'v = st.{kind}("Name")\nst.write(f"[{{v}}]")')
    widget = getattr(at, kind)[0]
    assert widget.value == ""
    assert at.markdown.values == ["[]"]
    widget.input("Ada").run()
    assert at.markdown.values == ["[Ada]"]
    assert getattr(at, kind)[0].value == "Ada"


@pytest.mark.parametrize("kind", ["text_input", "text_area"])
def test_text_value_placeholder_max_chars(kind: str) -> None:
    at = app(f'v = st.{kind}("Name", "Bob", max_chars=5, placeholder="Your name")')
    widget = getattr(at, kind)[0]
    assert widget.value == "Bob"
    assert widget.props["max_chars"] == 5 and widget.props["placeholder"] == "Your name"
    send(at, {widget.id: "far too long"})
    assert getattr(at, kind)[0].value == "Bob"
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize("kind", ["text_input", "text_area"])
def test_text_value_none_returns_none_until_typed(kind: str) -> None:
    at = app(f'v = st.{kind}("Name", value=None)\nst.write(repr(v))')
    assert at.markdown.values == ["None"]
    getattr(at, kind)[0].input("x").run()
    assert at.markdown.values == ["'x'"]


# -- props every widget shares -----------------------------------------------------------------------------------

ALL_WIDGETS = [
    ('st.button("W", help="h", disabled=True)', "button"),
    ('st.checkbox("W", help="h", disabled=True, label_visibility="hidden")', "checkbox"),
    ('st.toggle("W", help="h", disabled=True, label_visibility="hidden")', "toggle"),
    ('st.radio("W", ["a"], help="h", disabled=True, label_visibility="hidden")', "radio"),
    ('st.selectbox("W", ["a"], help="h", disabled=True, label_visibility="hidden")', "selectbox"),
    ('st.multiselect("W", ["a"], help="h", disabled=True, label_visibility="hidden")', "multiselect"),
    ('st.slider("W", help="h", disabled=True, label_visibility="hidden")', "slider"),
    ('st.select_slider("W", ["a"], help="h", disabled=True, label_visibility="hidden")', "select_slider"),
    ('st.number_input("W", help="h", disabled=True, label_visibility="hidden")', "number_input"),
    ('st.text_input("W", help="h", disabled=True, label_visibility="hidden")', "text_input"),
    ('st.text_area("W", help="h", disabled=True, label_visibility="hidden")', "text_area"),
]


@pytest.mark.parametrize("source, kind", ALL_WIDGETS)
def test_common_widget_props(source: str, kind: str) -> None:
    at = app(source)
    widget = getattr(at, kind)[0]
    assert widget.label == "W"
    assert widget.help == "h"
    assert widget.disabled is True
    assert widget.props["form"] is None
    if kind != "button":
        assert widget.props["label_visibility"] == "hidden"


@pytest.mark.parametrize("visibility", ["visible", "hidden", "collapsed"])
def test_label_visibility_values(visibility: str) -> None:
    at = app(f'st.slider("S", label_visibility="{visibility}")')
    assert at.slider[0].props["label_visibility"] == visibility


def test_label_visibility_unknown_is_an_error() -> None:
    at = app('st.slider("S", label_visibility="gone")')
    assert at.exception[0].props["type"] == "PorchAPIError"


def test_labels_are_plain_text_never_html() -> None:
    at = app('st.checkbox("<img src=x onerror=alert(1)>")\nst.selectbox("x", ["<script>alert(1)</script>"])')
    assert at.checkbox[0].label == "<img src=x onerror=alert(1)>"
    assert not any(name == "html" or name.endswith("_html") for name in at.checkbox[0].props)
    assert at.selectbox[0].options == ["<script>alert(1)</script>"]


def test_disabled_widget_ignores_values_from_a_client() -> None:
    at = app('v = st.checkbox("C", disabled=True)\nst.write(v)')
    send(at, {at.checkbox[0].id: True})
    assert at.checkbox[0].value is False
    assert at.markdown.rendered_texts == ["False"]


def test_values_for_unknown_widgets_are_ignored() -> None:
    at = app('st.write(st.slider("S", 0, 10, 3))')
    send(at, {"k:nothing": 5, "wdeadbeef": [1]})
    assert at.markdown.rendered_texts == ["3"]
    assert at.run_status == "ok"


def test_only_changed_values_are_needed() -> None:
    at = app('a = st.slider("A", 0, 10, 1)\nb = st.slider("B", 0, 10, 2)\nst.write(a, b)')
    at.slider[0].set_value(5).run()
    send(at, {at.slider[1].id: 7})
    assert at.markdown.rendered_texts == ["5 7"]
