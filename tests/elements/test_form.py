"""``form``: st.form and st.form_submit_button, and what may not go in a form.

How a form's values travel with its submit, across widget kinds: tests/test_api_state.py."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest
from support import FORM, app




def test_form_submit_button_is_a_submit_button() -> None:
    at = AppTest.from_string(FORM).run()
    assert at.button[0].props["submit"] is True
    assert at.button[0].label == "Send"
    assert len(at.form) == 1 and at.form[0].props["form"] == "f"


def test_form_without_with_block() -> None:
    at = app(
        'f = st.form("f")\nv = f.number_input("N", value=1)\nok = f.form_submit_button()\nst.write(v, ok)'
    )
    assert at.button[0].label == "Submit"
    at.number_input[0].set_value(5)
    at.button[0].click().run()
    assert at.markdown.rendered_texts == ["5 True"]


def test_nested_forms_are_an_error() -> None:
    at = app('with st.form("a"):\n    with st.form("b"):\n        pass')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "nested" in at.exception[0].message


def test_two_forms_with_one_key_are_an_error() -> None:
    at = app('with st.form("a"):\n    st.form_submit_button()\nwith st.form("a"):\n    st.form_submit_button()')
    assert at.exception[0].props["type"] == "PorchAPIError"


def test_button_inside_a_form_is_an_error() -> None:
    at = app('with st.form("a"):\n    st.button("No")')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "form_submit_button" in at.exception[0].message


def test_on_change_inside_a_form_is_an_error() -> None:
    at = app('with st.form("a"):\n    st.checkbox("C", on_change=print)')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "callback" in at.exception[0].message


def test_form_submit_button_outside_a_form_is_an_error() -> None:
    at = app('st.form_submit_button("Go")')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "form" in at.exception[0].message


def test_form_without_submit_button_shows_an_error() -> None:
    at = app('with st.form("lonely"):\n    st.text_input("T")\nst.write("after")')
    assert any("submit" in e.value.lower() for e in at.error)
    assert at.markdown.values == ["after"]


def test_form_props() -> None:
    at = app('with st.form("f", enter_to_submit=False, border=False, width=500, height=240):\n'
             '    st.form_submit_button()')
    assert at.form[0].props == {
        "form": "f", "border": False, "clear_on_submit": False, "enter_to_submit": False, "width": 500, "height": 240,
    }
    assert "height must be" in app('st.form("f", height="tall")').exception[0].message


@pytest.mark.browser
def test_enter_submits_a_form_unless_enter_to_submit_is_false_in_chromium(context: Any) -> None:
    source = (
        'with st.form("a"):\n'
        '    a = st.text_input("First")\n'
        '    sent_a = st.form_submit_button("Send A")\n'
        'with st.form("b", enter_to_submit=False):\n'
        '    b = st.text_input("Second")\n'
        '    sent_b = st.form_submit_button("Send B")\n'
        'st.write(f"a [{a}] {sent_a} b [{b}] {sent_b}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("a [] False b [] False")).to_be_visible()
        page.get_by_label("First").fill("one")
        page.get_by_label("First").press("Enter")
        expect(page.get_by_text("a [one] True b [] False")).to_be_visible()
        page.get_by_label("Second").fill("two")
        page.get_by_label("Second").press("Enter")
        page.wait_for_timeout(300)
        expect(page.get_by_text("a [one] False b [] False")).to_have_count(0)  # no rerun at all
        expect(page.get_by_text("a [one] True b [] False")).to_be_visible()
        page.get_by_role("button", name="Send B").click()
        expect(page.get_by_text("a [one] False b [two] True")).to_be_visible()


def test_a_submit_button_without_a_key_has_streamlits_key() -> None:
    """Streamlit keys it ``FormSubmitter:<form>-<label>``: tests written for Streamlit's AppTest find it by that key."""
    at = app(
        'with st.form("signup"):\n    name = st.text_input("Name")\n    sent = st.form_submit_button("Join")\n'
        'st.write(f"{sent} {name}")'
    )
    assert at.button[0].key == "FormSubmitter:signup-Join"
    at.text_input[0].input("Ada")
    at.button(key="FormSubmitter:signup-Join").click().run()
    assert at.markdown.values == ["True Ada"]
