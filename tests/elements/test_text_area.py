"""``text_area``: st.text_area's own options. What it shares with st.text_input: tests/test_api_widgets.py."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, bad_values, send


def test_text_area_height() -> None:
    at = app('st.text_area("Notes", height=200)')
    assert at.text_area[0].props["height"] == 200


@pytest.mark.parametrize("height", ["120", "'content'", "'stretch'", "None"])
def test_text_area_heights(height: str) -> None:
    at = app(f"st.text_area('T', height={height})")
    assert at.text_area[0].props["height"] == eval(height)


def test_text_area_bad_height_is_an_error() -> None:
    assert "height must be pixels" in app("st.text_area('T', height='tall')").exception[0].message


def test_like_streamlit_required_is_the_page_s_check_and_the_server_takes_empty_text() -> None:
    # Streamlit 1.67's AppTest: `.input("")` on a required text_area gives "" (the check runs in the browser).
    at = app('v = st.text_area("T", "draft", required=True, width="content")\nst.write(repr(v))')
    assert at.text_area[0].props["required"] is True and at.text_area[0].props["width"] == "content"
    at.text_area[0].input("").run()
    assert at.markdown.values == ["''"]
    at.text_area[0].input("more").run()
    send(at, {at.text_area[0].id: ""})
    assert at.markdown.values == ["''"] and bad_values(at) == []


@pytest.mark.browser
def test_in_chromium_a_required_text_area_left_empty_is_marked_and_not_sent(context: Any) -> None:
    source = (
        'notes = st.text_area("Notes", "draft", required=True)\n'
        'st.session_state.runs = st.session_state.get("runs", 0) + 1\n'
        'st.write(f"notes [{notes}] run {st.session_state.runs}")\n'
        'st.button("Probe")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("notes [draft] run 1")).to_be_visible()
        notes = page.get_by_label("Notes", exact=True)
        notes.fill("")
        notes.press("Control+Enter")
        expect(notes).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_role("alert")).to_have_text("This field is required.")
        page.get_by_role("button", name="Probe").click()
        expect(page.get_by_text("notes [draft] run 2")).to_be_visible()
        notes.fill("kept")
        notes.press("Control+Enter")
        expect(page.get_by_text("notes [kept] run 3")).to_be_visible()
        expect(notes).not_to_have_attribute("aria-invalid", "true")
