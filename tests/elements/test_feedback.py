"""``feedback``: st.feedback, a row of thumbs, faces or stars whose value is the index chosen (or None).

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the session
(``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, bad_values, send


def test_it_starts_empty_chooses_and_clears() -> None:
    at = app('v = st.feedback()\nst.write(f"v={v}")')
    widget = at.feedback[0]
    assert widget.options == "thumbs" and widget.value is None and widget.props["value"] is None
    assert widget.label == "" and widget.props["label_visibility"] == "collapsed"
    widget.set_value(1).run()
    assert at.feedback[0].value == 1 and at.feedback[0].props["value"] == 1
    assert at.markdown.values == ["v=1"]
    at.feedback[0].set_value(0).run()
    assert at.markdown.values == ["v=0"]
    at.feedback[0].set_value(None).run()
    assert at.markdown.values == ["v=None"]


@pytest.mark.parametrize(("options", "count"), [("thumbs", 2), ("faces", 5), ("stars", 5)])
def test_each_kind_has_its_number_of_icons(options: str, count: int) -> None:
    at = app(f'v = st.feedback({options!r}, default={count - 1})\nst.write(f"v={{v}}")')
    assert at.feedback[0].options == options
    assert at.markdown.values == [f"v={count - 1}"]
    send(at, {at.feedback[0].id: count})
    assert len(bad_values(at)) == 1
    assert at.markdown.values == [f"v={count - 1}"]


def test_on_change_runs_before_the_rerun_with_the_new_value_in_session_state() -> None:
    at = app(
        "def rated(tag):\n"
        "    st.session_state.seen = (tag, st.session_state.rating)\n"
        'st.feedback("stars", key="rating", on_change=rated, args=("hit",))\n'
        "st.write(f\"{st.session_state.get('seen')}\")"
    )
    at.feedback[0].set_value(3).run()
    assert at.markdown.values == ["('hit', 3)"]
    assert at.session_state["rating"] == 3


def test_session_state_sets_the_value_before_the_widget_is_created() -> None:
    at = app('st.session_state.f = 4\nv = st.feedback("faces", key="f")\nst.write(f"v={v}")')
    assert at.markdown.values == ["v=4"]
    at = app('st.session_state.f = 7\nst.feedback("faces", key="f")')
    assert "not a valid value for this feedback" in at.exception[0].message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.feedback("hearts")', "options must be 'thumbs', 'faces' or 'stars'"),
        ("st.feedback(default=2)", "default must be None or a whole number from 0 to 1"),
        ('st.feedback("stars", default=-1)', "from 0 to 4"),
        ("st.feedback(default=True)", "not True"),
        ('st.feedback("faces", default=1.0)', "not 1.0"),
        ('st.feedback(on_change="later")', "on_change must be a callable"),
        ('st.feedback(width="wide")', "width must be"),
    ],
)
def test_values_the_script_gets_wrong_are_clear_errors(call: str, message: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert message in at.exception[0].message
    assert "feedback" in at.exception[0].message


@pytest.mark.parametrize("wire", [2, -1, True, "1", 1.5, [0], {"i": 0}])
def test_a_client_cannot_send_what_is_no_icon(wire: Any) -> None:
    at = app('v = st.feedback(default=1)\nst.write(f"v={v}")')
    send(at, {at.feedback[0].id: wire})
    assert len(bad_values(at)) == 1
    assert at.feedback[0].value == 1 and at.markdown.values == ["v=1"]


def test_disabled_shows_it_and_takes_nothing_from_a_client() -> None:
    at = app('v = st.feedback("stars", disabled=True)\nst.write(f"v={v}")')
    assert at.feedback[0].disabled
    send(at, {at.feedback[0].id: 2})
    assert len(bad_values(at)) == 1 and at.markdown.values == ["v=None"]


def test_widgets_without_a_key_are_told_apart_by_their_options_and_default() -> None:
    at = app('a = st.feedback()\nb = st.feedback("stars")\nc = st.feedback(default=0)\nst.write(f"{a} {b} {c}")')
    assert len(at.feedback) == 3 and len({w.id for w in at.feedback}) == 3
    assert at.markdown.values == ["None None 0"]
    at = app("st.feedback()\nst.feedback()")
    assert at.exception[0].props["type"] == "DuplicateWidgetError"


def test_streamlit_only_parameters_are_accepted() -> None:
    at = app(
        'v = st.feedback("faces", key="f", width="stretch", bind="query-params", persist_state="session", '
        'on_change="ignore")\nw = st.feedback("stars", width=240, on_change=None)\nst.write(f"{v} {w}")'
    )
    assert len(at.exception) == 0 and at.markdown.values == ["None None"]
    assert at.feedback[0].props["width"] == "stretch" and at.feedback[1].props["width"] == 240


def test_in_a_form_the_value_is_sent_on_submit() -> None:
    at = app(
        'with st.form("f"):\n'
        '    v = st.feedback("stars")\n'
        '    st.form_submit_button("Send")\n'
        'st.write(f"v={v}")'
    )
    at.feedback[0].set_value(2)
    at.run()
    assert at.markdown.values == ["v=None"]
    at.button[0].click().run()
    assert at.markdown.values == ["v=2"]


APP = """
import porch as st

thumbs = st.feedback()
stars = st.feedback("stars", default=1)
faces = st.feedback("faces")
st.write(f"thumbs={thumbs} stars={stars} faces={faces}")
"""


@pytest.mark.browser
def test_a_person_rates_with_the_mouse_and_the_keyboard(context: Any) -> None:
    with running_engine(APP) as server:
        page = context.new_page()
        page.goto(server.url)
        result = page.get_by_text("thumbs=")
        expect(result).to_have_text("thumbs=None stars=1 faces=None")
        thumbs = page.get_by_role("radiogroup", name="Feedback")
        up = thumbs.get_by_role("radio", name="Thumbs up")
        up.click()
        expect(result).to_have_text("thumbs=1 stars=1 faces=None")
        expect(up).to_have_attribute("aria-checked", "true")
        # Choosing the chosen icon again clears it.
        up.click()
        expect(result).to_have_text("thumbs=None stars=1 faces=None")
        expect(up).to_have_attribute("aria-checked", "false")
        # Stars light up to the one chosen; the group is one Tab stop, on the chosen star.
        stars = page.get_by_role("radiogroup", name="Rating")
        expect(stars.locator(".feedback-option.lit")).to_have_count(2)
        expect(stars.get_by_role("radio", name="2 stars")).to_have_attribute("tabindex", "0")
        stars.get_by_role("radio", name="4 stars").click()
        expect(result).to_have_text("thumbs=None stars=3 faces=None")
        expect(stars.locator(".feedback-option.lit")).to_have_count(4)
        # The arrow keys move the choice, as in any radio group; Space on the chosen one clears it.
        stars.get_by_role("radio", name="4 stars").press("ArrowRight")
        expect(stars.get_by_role("radio", name="5 stars")).to_be_focused()
        expect(result).to_have_text("thumbs=None stars=4 faces=None")
        page.keyboard.press("Home")
        expect(result).to_have_text("thumbs=None stars=0 faces=None")
        page.keyboard.press("Space")
        expect(result).to_have_text("thumbs=None stars=None faces=None")
        faces = page.get_by_role("radiogroup", name="Satisfaction")
        expect(faces.get_by_role("radio")).to_have_count(5)
        faces.get_by_role("radio", name="Very satisfied").click()
        expect(result).to_have_text("thumbs=None stars=None faces=4")
