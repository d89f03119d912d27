"""``number_input``: st.number_input, int or float by its arguments, stepping within bounds.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could. ``required`` is the page's check, as in Streamlit
1.67: the server takes the None it stops."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, bad_values, send


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
    assert at.markdown.rendered_texts == ["3"]
    at.number_input[0].increment().run()
    assert at.markdown.rendered_texts == ["3"]
    at.number_input[0].decrement().run()
    at.number_input[0].decrement().run()
    at.number_input[0].decrement().run()
    at.number_input[0].decrement().run()
    assert at.markdown.rendered_texts == ["0"]


def test_number_input_set_value() -> None:
    at = app('v = st.number_input("N", value=1.5)\nst.write(v * 2)')
    at.number_input[0].set_value(4.25).run()
    assert at.markdown.rendered_texts == ["8.5"]


def test_number_input_value_none_is_empty_until_set() -> None:
    at = app('v = st.number_input("N", value=None, placeholder="Type a number")\nst.write(repr(v))')
    assert at.number_input[0].value is None
    assert at.number_input[0].props["placeholder"] == "Type a number"
    assert at.markdown.values == ["None"]
    at.number_input[0].set_value(3.0).run()
    assert at.markdown.values == ["3.0"]


def test_number_input_value_outside_bounds_is_an_error() -> None:
    at = app('st.number_input("N", min_value=0, max_value=5, value=9)')
    assert at.exception[0].props["type"] == "PorchAPIError"


@pytest.mark.parametrize("wire", [11, -1, 1.5, "3", True])
def test_int_number_input_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.number_input("N", min_value=0, max_value=10, value=4)')
    send(at, {at.number_input[0].id: wire})
    assert at.number_input[0].value == 4
    assert len(bad_values(at)) == 1


def test_number_input_required_icon_and_width() -> None:
    at = app('v = st.number_input("N", value=None, required=True, icon=":material/tag:", width=120)\nst.write(repr(v))')
    props = at.number_input[0].props
    assert (props["required"], props["icon"], props["width"]) == (True, ":material/tag:", 120)
    send(at, {at.number_input[0].id: 4.5})
    assert at.markdown.values == ["4.5"]


def test_like_streamlit_a_required_input_that_started_empty_takes_none_from_a_client() -> None:
    # Streamlit 1.67's AppTest: `.set_value(None)` on number_input(value=None, required=True) gives None (the check
    # runs in the browser).
    at = app('v = st.number_input("N", value=None, required=True)\nst.write(repr(v))')
    at.number_input[0].set_value(3).run()
    assert at.markdown.values == ["3.0"]
    at.number_input[0].set_value(None).run()
    assert at.markdown.values == ["None"]
    send(at, {at.number_input[0].id: 2.5})
    send(at, {at.number_input[0].id: None})
    assert at.markdown.values == ["None"] and bad_values(at) == []


@pytest.mark.browser
def test_in_chromium_a_required_input_left_empty_is_marked_and_not_sent(context: Any) -> None:
    source = (
        'n = st.number_input("N", value=None, required=True)\n'
        'st.session_state.runs = st.session_state.get("runs", 0) + 1\n'
        'st.write(f"n [{n}] run {st.session_state.runs}")\n'
        'st.button("Probe")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        field = page.get_by_label("N", exact=True)
        field.fill("4")
        field.press("Enter")
        expect(page.get_by_text("n [4.0] run 2")).to_be_visible()
        field.fill("")
        field.press("Enter")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_role("alert")).to_have_text("A number is required.")
        page.get_by_role("button", name="Probe").click()
        expect(page.get_by_text("n [4.0] run 3")).to_be_visible()


def test_a_session_state_value_warns_beside_a_value_but_not_beside_none(caplog: pytest.LogCaptureFixture) -> None:
    """As Streamlit: value=None (an empty field) is no value of the script's own to warn about (in the log, as
    Streamlit's warning)."""
    for value, warnings in (("None", 0), ('"min"', 0), ("3", 1)):
        caplog.clear()
        at = app(f'st.session_state.n = 7\nst.number_input("Count", value={value}, key="n")')
        logged = [r for r in caplog.records if r.name == "porch.widgets"]
        assert at.number_input[0].value == 7 and len(logged) == warnings and not at.warning, value


def test_apptest_format_is_the_scripts_or_streamlits_default() -> None:
    at = app('st.number_input("Whole", value=3)\nst.number_input("Real", value=0.5)\n'
             'st.number_input("Given", value=1.0, format="%.3f")')
    assert [n.format for n in at.number_input] == ["%d", "%0.2f", "%.3f"]


def test_a_session_state_number_beyond_the_bounds_starts_over_from_the_value_as_streamlits() -> None:
    at = app('st.session_state.n = 50\nst.write(repr(st.number_input("Count", 0, 10, 4, key="n")))')
    assert not at.exception and at.markdown.values == ["4"] and at.session_state["n"] == 4
    at = app('st.session_state.n = "many"\nst.number_input("Count", 0, 10, key="n")')
    assert at.exception[0].props["type"] == "PorchAPIError"  # no number at all: still an error
