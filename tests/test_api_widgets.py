"""Every widget of issue 2 with Streamlit's defaults and options, driven the way a user would through AppTest.

Values a client sends that do not fit a widget are refused on the server: those tests send raw wire values through the
session, as a hostile or stale browser tab could.
"""

from __future__ import annotations

from typing import Any

import pytest

from porch.testing import AppTest
from support import app, send


def bad_values(at: AppTest) -> list[dict[str, Any]]:
    return [e for e in at._client.errors if e["code"] == "bad_value"]


# -- button ------------------------------------------------------------------------------------------------------


def test_button_is_true_only_in_the_run_its_click_caused() -> None:
    at = app('if st.button("Go"):\n    st.write("clicked")')
    assert at.button[0].value is False
    assert at.markdown.values == []
    at.button[0].click().run()
    assert at.button[0].value is True
    assert at.markdown.values == ["clicked"]
    at.run()
    assert at.button[0].value is False
    assert at.markdown.values == []


def test_button_props() -> None:
    at = app('st.button("Go", help="tip", type="primary", icon="🚀", disabled=True, use_container_width=True)')
    props = at.button[0].props
    assert props["type"] == "primary" and props["icon"] == "🚀" and props["use_container_width"] is True
    assert at.button[0].help == "tip" and at.button[0].disabled
    assert props["value"] is None and props["submit"] is False


def test_button_click_sent_as_a_value_is_ignored() -> None:
    at = app('if st.button("Go"):\n    st.write("clicked")')
    send(at, {at.button[0].id: True})
    assert at.markdown.values == []


def test_disabled_button_click_is_refused() -> None:
    at = app('if st.button("Go", disabled=True):\n    st.write("clicked")')
    at.button[0].click().run()
    assert at.markdown.values == []


# -- checkbox and toggle -----------------------------------------------------------------------------------------


def test_checkbox_defaults_to_false_and_checks() -> None:
    at = app('on = st.checkbox("Agree")\nst.write(f"agree={on}")')
    assert at.checkbox[0].value is False
    at.checkbox[0].check().run()
    assert at.checkbox[0].value is True
    assert at.markdown.values == ["agree=True"]
    at.checkbox[0].uncheck().run()
    assert at.markdown.values == ["agree=False"]


def test_checkbox_value_true() -> None:
    at = app('st.write(st.checkbox("A", value=True))')
    assert at.checkbox[0].value is True
    assert at.markdown.values == ["True"]


def test_toggle_is_a_checkbox_shown_as_a_switch() -> None:
    at = app('t = st.toggle("Dark")\nc = st.checkbox("Other")\nst.write(t, c)')
    assert len(at.toggle) == 1 and len(at.checkbox) == 1
    assert at.toggle[0].props["toggle"] is True
    at.toggle[0].set_value(True).run()
    assert at.markdown.values == ["True False"]


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
    assert at.markdown.values == ["3 None"]
    getattr(at, kind)[1].select(2).run()
    assert at.markdown.values == ["3 2"]


@pytest.mark.parametrize("kind", ["radio", "selectbox"])
def test_single_choice_format_func_changes_labels_not_values(kind: str) -> None:
    at = app(
        f'v = st.{kind}("Size", [1, 2, 3], format_func=lambda n: {{1: "S", 2: "M", 3: "L"}}[n])\nst.write(v + 10)'
    )
    widget = getattr(at, kind)[0]
    assert widget.options == ["S", "M", "L"]
    widget.select_index(1).run()
    assert getattr(at, kind)[0].value == 2
    assert at.markdown.values == ["12"]


@pytest.mark.parametrize(
    "options, expected",
    [
        ("range(3)", [0, 1, 2]),
        ("(x for x in 'ab')", ["a", "b"]),
        ("{'k1': 1, 'k2': 2}", ["k1", "k2"]),
        ("('x', 'y')", ["x", "y"]),
        ("Series(['p', 'q'])", ["p", "q"]),
        ("Frame(['u', 'v'])", ["u", "v"]),
    ],
)
def test_options_from_any_iterable(options: str, expected: list[Any]) -> None:
    at = app(
        "class Series:\n"
        "    def __init__(self, items): self.items = items\n"
        "    def tolist(self): return list(self.items)\n"
        "class Frame:\n"
        "    columns = ['c']\n"
        "    def __init__(self, items): self.iloc = self; self.items = items\n"
        "    def __getitem__(self, index): return Series(self.items)\n"
        f"v = st.selectbox('Pick', {options})\n"
        "st.write(repr(v))"
    )
    assert at.selectbox[0].options == [str(e) for e in expected]
    assert at.selectbox[0].value == expected[0]
    at.selectbox[0].select_index(len(expected) - 1).run()
    assert at.markdown.values == [repr(expected[-1])]


def test_options_given_as_a_single_string_is_an_error() -> None:
    at = app('st.selectbox("Pick", "abc")')
    assert at.exception[0].type == "PorchAPIError"


def test_selectbox_placeholder_and_empty_options() -> None:
    at = app('v = st.selectbox("Pick", [], placeholder="Nothing here")\nst.write(repr(v))')
    assert at.selectbox[0].props["placeholder"] == "Nothing here"
    assert at.selectbox[0].value is None
    assert at.markdown.values == ["None"]


def test_radio_horizontal_and_captions() -> None:
    at = app('st.radio("R", ["a", "b"], horizontal=True, captions=["first", "second"])')
    assert at.radio[0].props["horizontal"] is True
    assert at.radio[0].props["captions"] == ["first", "second"]


def test_choice_index_out_of_range_is_an_error() -> None:
    at = app('st.radio("R", ["a", "b"], index=5)')
    assert at.exception[0].type == "PorchAPIError"
    assert "index" in at.exception[0].message


@pytest.mark.parametrize("wire", [7, -1, "0", 1.5, True, [0]])
def test_selectbox_refuses_bad_wire_values(wire: Any) -> None:
    at = app('v = st.selectbox("Pick", ["a", "b"], index=1)\nst.write(v)')
    send(at, {at.selectbox[0].id: wire})
    assert at.selectbox[0].value == "b"
    assert at.markdown.values == ["b"]
    assert len(bad_values(at)) == 1


def test_value_kept_when_options_still_hold_it_and_reset_when_not() -> None:
    at = app(
        'opts = st.session_state.get("opts", ["a", "b", "c"])\n'
        'v = st.selectbox("Pick", opts)\nst.write(v)'
    )
    at.selectbox[0].select("c").run()
    at.session_state["opts"] = ["a", "b", "c", "d"]
    at.run()
    assert at.markdown.values == ["c"]
    at.session_state["opts"] = ["x", "y"]
    at.run()
    assert at.markdown.values == ["x"]


# -- multiselect -------------------------------------------------------------------------------------------------


def test_multiselect_defaults_to_empty_and_selects() -> None:
    at = app('v = st.multiselect("Tags", ["a", "b", "c"])\nst.write(f"{v}")')
    assert at.multiselect[0].value == []
    at.multiselect[0].select("b").run()
    at.multiselect[0].select("a").run()
    assert at.multiselect[0].value == ["b", "a"]
    assert at.markdown.values == ["['b', 'a']"]
    at.multiselect[0].unselect("b").run()
    assert at.multiselect[0].value == ["a"]


def test_multiselect_default_single_value_and_list_and_format_func() -> None:
    at = app(
        'a = st.multiselect("A", [1, 2, 3], default=2)\n'
        'b = st.multiselect("B", [1, 2, 3], default=[3, 1], format_func=lambda n: f"#{n}")'
    )
    assert at.multiselect.values == [[2], [3, 1]]
    assert at.multiselect[1].options == ["#1", "#2", "#3"]


def test_multiselect_default_not_in_options_is_an_error() -> None:
    at = app('st.multiselect("A", [1, 2], default=[5])')
    assert at.exception[0].type == "PorchAPIError"


def test_multiselect_max_selections() -> None:
    at = app('st.multiselect("A", ["a", "b", "c"], max_selections=2, placeholder="Pick two")')
    assert at.multiselect[0].props["max_selections"] == 2
    assert at.multiselect[0].props["placeholder"] == "Pick two"
    send(at, {at.multiselect[0].id: [0, 1, 2]})
    assert at.multiselect[0].value == []
    assert len(bad_values(at)) == 1
    send(at, {at.multiselect[0].id: [2, 0]})
    assert at.multiselect[0].value == ["c", "a"]


def test_multiselect_default_above_max_selections_is_an_error() -> None:
    at = app('st.multiselect("A", ["a", "b", "c"], default=["a", "b"], max_selections=1)')
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [[0, 0], [5], 0, ["a"], [True]])
def test_multiselect_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.multiselect("A", ["a", "b"], default=["b"])')
    send(at, {at.multiselect[0].id: wire})
    assert at.multiselect[0].value == ["b"]
    assert len(bad_values(at)) == 1


# -- slider ------------------------------------------------------------------------------------------------------


def test_slider_defaults_int_0_to_100_at_min() -> None:
    at = app('v = st.slider("S")\nst.write(repr(v))')
    slider = at.slider[0]
    assert slider.value == 0
    assert (slider.props["min"], slider.props["max"], slider.props["step"], slider.props["dtype"]) == (0, 100, 1, "int")
    slider.set_value(42).run()
    assert at.markdown.values == ["42"]


def test_slider_value_defaults_to_min_value() -> None:
    at = app('st.slider("S", 5, 10)')
    assert at.slider[0].value == 5


def test_slider_float() -> None:
    at = app('v = st.slider("S", 0.0, 1.0, 0.5)\nst.write(repr(v))')
    slider = at.slider[0]
    assert slider.value == 0.5 and slider.props["dtype"] == "float" and slider.props["step"] == 0.01
    slider.set_value(0.25).run()
    assert at.markdown.values == ["0.25"]


def test_slider_float_value_defaults_to_0_1() -> None:
    at = app('v = st.slider("S", value=0.3)')
    assert (at.slider[0].props["min"], at.slider[0].props["max"]) == (0.0, 1.0)


def test_slider_range_returns_a_tuple() -> None:
    at = app('v = st.slider("R", 0, 100, (20, 80))\nst.write(repr(v))')
    assert at.slider[0].value == (20, 80)
    assert at.markdown.values == ["(20, 80)"]
    assert at.slider[0].props["value"] == [20, 80]
    at.slider[0].set_range(10, 30).run()
    assert at.markdown.values == ["(10, 30)"]


def test_slider_range_from_a_list_value() -> None:
    at = app('v = st.slider("R", 0.0, 10.0, [1.0, 2.0])\nst.write(repr(v))')
    assert at.markdown.values == ["(1.0, 2.0)"]


def test_slider_step_and_format() -> None:
    at = app('st.slider("S", 0, 100, 50, step=5, format="%d%%")')
    assert at.slider[0].props["step"] == 5
    assert at.slider[0].props["format"] == "%d%%"


@pytest.mark.parametrize("source", ['st.slider("S", 0, 10, 11)', 'st.slider("S", 10, 0)', 'st.slider("S", "a", "b")'])
def test_slider_bad_arguments_are_errors(source: str) -> None:
    at = app(source)
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [11, -1, 2.5, "3", None, True, [1, 2]])
def test_int_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.slider("S", 0, 10, 4)')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == 4
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize("wire", [[1], [1, 2, 3], [0, 20], 5])
def test_range_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.slider("S", 0, 10, (2, 4))')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == (2, 4)
    assert len(bad_values(at)) == 1


def test_int_slider_accepts_whole_float_from_wire() -> None:
    at = app('v = st.slider("S", 0, 10, 4)\nst.write(repr(v))')
    send(at, {at.slider[0].id: 7.0})
    assert at.markdown.values == ["7"]


# -- select_slider -----------------------------------------------------------------------------------------------


def test_select_slider_defaults_to_first_option() -> None:
    at = app('v = st.select_slider("Size", ["S", "M", "L"])\nst.write(v)')
    assert at.select_slider[0].value == "S"
    at.select_slider[0].set_value("L").run()
    assert at.markdown.values == ["L"]


def test_select_slider_value_and_format_func() -> None:
    at = app('v = st.select_slider("N", [1, 2, 3], value=2, format_func=lambda n: "*" * n)\nst.write(v)')
    assert at.select_slider[0].options == ["*", "**", "***"]
    assert at.select_slider[0].value == 2


def test_select_slider_range() -> None:
    at = app('v = st.select_slider("R", ["a", "b", "c", "d"], value=("b", "c"))\nst.write(repr(v))')
    assert at.select_slider[0].value == ("b", "c")
    at.select_slider[0].set_range("a", "d").run()
    assert at.markdown.values == ["('a', 'd')"]


def test_select_slider_value_not_an_option_is_an_error() -> None:
    at = app('st.select_slider("R", ["a", "b"], value="z")')
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [None, 3, [0, 9]])
def test_select_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.select_slider("R", ["a", "b", "c"], value="b")')
    send(at, {at.select_slider[0].id: wire})
    assert at.select_slider[0].value == "b"
    assert len(bad_values(at)) == 1


# -- number_input ------------------------------------------------------------------------------------------------


def test_number_input_defaults_to_float_zero() -> None:
    at = app('v = st.number_input("N")\nst.write(repr(v))')
    number = at.number_input[0]
    assert number.value == 0.0 and isinstance(number.value, float)
    assert number.props["dtype"] == "float" and number.props["step"] == 0.01
    assert at.markdown.values == ["0.0"]


def test_number_input_int_when_all_numbers_are_ints() -> None:
    at = app('v = st.number_input("N", min_value=1, max_value=10)\nst.write(repr(v))')
    assert at.number_input[0].value == 1
    assert at.number_input[0].props["dtype"] == "int" and at.number_input[0].props["step"] == 1
    assert at.markdown.values == ["1"]


def test_number_input_int_value_alone_is_int() -> None:
    at = app('v = st.number_input("N", value=5)\nst.write(repr(v))')
    assert at.markdown.values == ["5"]


def test_number_input_float_value_is_float() -> None:
    at = app('v = st.number_input("N", min_value=0.0, value=2.5, step=0.5)\nst.write(repr(v))')
    assert at.markdown.values == ["2.5"]


def test_number_input_increment_and_decrement_within_bounds() -> None:
    at = app('v = st.number_input("N", min_value=0, max_value=3, value=2)\nst.write(v)')
    at.number_input[0].increment().run()
    assert at.markdown.values == ["3"]
    at.number_input[0].increment().run()
    assert at.markdown.values == ["3"]
    at.number_input[0].decrement().run()
    at.number_input[0].decrement().run()
    at.number_input[0].decrement().run()
    at.number_input[0].decrement().run()
    assert at.markdown.values == ["0"]


def test_number_input_set_value() -> None:
    at = app('v = st.number_input("N", value=1.5)\nst.write(v * 2)')
    at.number_input[0].set_value(4.25).run()
    assert at.markdown.values == ["8.5"]


def test_number_input_value_none_is_empty_until_set() -> None:
    at = app('v = st.number_input("N", value=None, placeholder="Type a number")\nst.write(repr(v))')
    assert at.number_input[0].value is None
    assert at.number_input[0].props["placeholder"] == "Type a number"
    assert at.markdown.values == ["None"]
    at.number_input[0].set_value(3.0).run()
    assert at.markdown.values == ["3.0"]


def test_number_input_value_outside_bounds_is_an_error() -> None:
    at = app('st.number_input("N", min_value=0, max_value=5, value=9)')
    assert at.exception[0].type == "PorchAPIError"


@pytest.mark.parametrize("wire", [11, -1, 1.5, "3", True])
def test_int_number_input_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.number_input("N", min_value=0, max_value=10, value=4)')
    send(at, {at.number_input[0].id: wire})
    assert at.number_input[0].value == 4
    assert len(bad_values(at)) == 1


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


def test_text_input_password_type() -> None:
    at = app('st.text_input("Password", type="password")')
    assert at.text_input[0].props["type"] == "password"


def test_text_input_bad_type_is_an_error() -> None:
    at = app('st.text_input("Password", type="secret")')
    assert at.exception[0].type == "PorchAPIError"


def test_text_area_height() -> None:
    at = app('st.text_area("Notes", height=200)')
    assert at.text_area[0].props["height"] == 200


@pytest.mark.parametrize("wire", [5, None, ["x"], True])
def test_text_input_refuses_non_strings(wire: Any) -> None:
    at = app('st.text_input("T", "keep")')
    send(at, {at.text_input[0].id: wire})
    assert at.text_input[0].value == "keep"
    assert len(bad_values(at)) == 1


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
    assert at.exception[0].type == "PorchAPIError"


def test_labels_are_plain_text_never_html() -> None:
    at = app('st.checkbox("<img src=x onerror=alert(1)>")\nst.selectbox("x", ["<script>alert(1)</script>"])')
    assert at.checkbox[0].label == "<img src=x onerror=alert(1)>"
    assert not any(name == "html" or name.endswith("_html") for name in at.checkbox[0].props)
    assert at.selectbox[0].options == ["<script>alert(1)</script>"]


def test_disabled_widget_ignores_values_from_a_client() -> None:
    at = app('v = st.checkbox("C", disabled=True)\nst.write(v)')
    send(at, {at.checkbox[0].id: True})
    assert at.checkbox[0].value is False
    assert at.markdown.values == ["False"]


def test_values_for_unknown_widgets_are_ignored() -> None:
    at = app('st.write(st.slider("S", 0, 10, 3))')
    send(at, {"k:nothing": 5, "wdeadbeef": [1]})
    assert at.markdown.values == ["3"]
    assert at.run_status == "ok"


def test_only_changed_values_are_needed() -> None:
    at = app('a = st.slider("A", 0, 10, 1)\nb = st.slider("B", 0, 10, 2)\nst.write(a, b)')
    at.slider[0].set_value(5).run()
    send(at, {at.slider[1].id: 7})
    assert at.markdown.values == ["5 7"]
