"""A button's keyboard ``shortcut`` (button, download_button, form_submit_button, link_button): checked and
normalized as Streamlit 1.67 does (core/elements/_shortcut.py), shown on the button as a hint, and pressing it clicks
the button (webui/shortcut.js, one listener for all of them)."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.elements import _shortcut
from porch.elements._shortcut import shortcut_of
from porch.errors import PorchAPIError
from support import app


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("K", "k"), ("4", "4"), ("F11", "f11"), ("Ctrl+K", "ctrl+k"), ("cmd+shift+s", "cmd+shift+s"),
        ("Shift + Cmd + O", "cmd+shift+o"), ("Mod+Alt+Shift+F", "ctrl+alt+shift+f"), ("Meta+Enter", "cmd+enter"),
        ("option+Esc", "alt+escape"), ("Control+Return", "ctrl+enter"), ("Ctrl+Ctrl+ArrowUp", "ctrl+up"),
        ("spacebar", "space"), ("Del", "delete"),
    ],
)
def test_a_shortcut_is_normalized_as_streamlit_does(given: str, normal: str) -> None:
    assert shortcut_of(given, "button('A')") == normal


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "must contain at least one key or modifier"),
        ("+ +", "must contain at least one key or modifier"),
        ("Ctrl+Shift", "must include a non-modifier key such as 'K' or 'Ctrl+K'"),
        ("Ctrl+K+J", "may only specify a single non-modifier key"),
        ("Ctrl+C", "cannot use the keys 'C' or 'R'"),
        ("r", "cannot use the keys 'C' or 'R'"),
        ("Ctrl+.", "must include a single character or one of the supported keys"),
        ("Ctrl+Insert", "must include a single character or one of the supported keys"),
    ],
)
def test_an_invalid_shortcut_is_streamlits_error(given: str, message: str) -> None:
    with pytest.raises(PorchAPIError, match=re.escape(message)):
        shortcut_of(given, "button('A')")
    at = app(f"st.button('A', shortcut={given!r})")
    assert at.exception[0].props["type"] == "PorchAPIError" and message in at.exception[0].message


def test_a_shortcut_that_is_not_text_is_refused() -> None:
    at = app("st.button('A', shortcut=5)")
    assert "shortcut must be a str, not int" in at.exception[0].message


def test_a_shortcut_the_browser_keeps_is_accepted_with_a_warning_logged_once(caplog: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(_shortcut, "_warned", set())  # once per process: start as a fresh one
    with caplog.at_level(logging.WARNING, logger="porch.elements"):
        at = app("st.button('A', shortcut='Ctrl+W')\nst.button('B', shortcut='ctrl+w')")
    assert [b.props["shortcut"] for b in at.button] == ["ctrl+w", "ctrl+w"]
    warned = [r for r in caplog.records if "reserved by the browser" in r.getMessage()]
    assert len(warned) == 1 and "Ctrl+W" in warned[0].getMessage()


def test_each_button_kind_sends_its_shortcut() -> None:
    at = app(
        "st.button('A', shortcut='Ctrl+K')\n"
        "st.download_button('D', b'x', shortcut='cmd+shift+d')\n"
        "st.link_button('L', 'https://example.org', shortcut='F2')\n"
        "st.link_button('M', 'https://example.org', shortcut='alt+m', on_click='rerun')\n"
        "with st.form('f'):\n"
        "    st.form_submit_button('S', shortcut='Enter')\n"
        "st.button('N')"
    )
    assert not at.exception, at.exception
    assert [b.props["shortcut"] for b in at.button] == ["ctrl+k", "enter", None]
    assert at.download_button[0].props["shortcut"] == "cmd+shift+d"
    assert [b.props["shortcut"] for b in at.link_button] == ["f2", "alt+m"]


SOURCE = """import porch as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
save = st.button("Save", shortcut="Ctrl+K")
letter = st.button("Letter", shortcut="J")
note = st.text_input("Note")
with st.form("f"):
    name = st.text_input("Name")
    sent = st.form_submit_button("Send", shortcut="Ctrl+Shift+Enter")
st.write(f"run {st.session_state.runs}: save {save}, letter {letter}, note {note}, sent {sent} {name}")
"""


@pytest.mark.browser
def test_a_person_presses_the_shortcuts_and_the_script_sees_the_clicks(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("run 1: save False, letter False, note , sent False")).to_be_visible()
        save = page.get_by_role("button", name="Save")
        # The hint on the button, named as the platform names it (Chromium here runs on Linux).
        expect(save.locator(".shortcut-hint")).to_have_text("Ctrl+K")
        expect(save).to_have_attribute("aria-keyshortcuts", "Control+K")
        page.keyboard.press("Control+k")
        expect(page.get_by_text("run 2: save True, letter False")).to_be_visible()
        # Cmd (Meta) presses a Ctrl shortcut too, as in Streamlit.
        page.keyboard.press("Meta+k")
        expect(page.get_by_text("run 3: save True, letter False")).to_be_visible()
        # A shortcut without Ctrl, Cmd or Alt does nothing while the user types: the "j" is text.
        note = page.get_by_label("Note")
        note.fill("")
        note.press("j")
        note.press("Enter")
        expect(page.get_by_text("run 4: save False, letter False, note j, sent False")).to_be_visible()
        page.evaluate("document.activeElement.blur()")  # out of the field: now "j" is the shortcut
        page.keyboard.press("j")
        expect(page.get_by_text("run 5: save False, letter True")).to_be_visible()
        # A form's submit button: its shortcut sends the form's values with it, even from a field of the form.
        page.get_by_label("Name").fill("Ada")
        page.get_by_label("Name").press("Control+Shift+Enter")
        expect(page.get_by_text("run 6: save False, letter False, note j, sent True Ada")).to_be_visible()


@pytest.mark.browser
def test_a_link_buttons_shortcut_opens_it_and_a_disabled_buttons_does_nothing(context: Any) -> None:
    source = (
        "import porch as st\n"
        'st.session_state.runs = st.session_state.get("runs", 0) + 1\n'
        'off = st.button("Off", shortcut="K", disabled=True)\n'
        'go = st.link_button("Docs", "https://example.org/", shortcut="Alt+D", on_click="rerun")\n'
        'st.write(f"run {st.session_state.runs}: off {off}, go {go}")\n'
    )
    with running_engine(source) as server:
        page = context.new_page()
        context.route("https://example.org/**", lambda route: route.fulfill(body="docs"))
        page.goto(server.url)
        expect(page.get_by_text("run 1: off False, go False")).to_be_visible()
        expect(page.get_by_role("link", name="Docs").locator(".shortcut-hint")).to_have_text("Alt+D")
        page.keyboard.press("k")  # disabled: no click, no rerun (the next run below is the link's, run 2)
        with context.expect_page() as opened:
            page.keyboard.press("Alt+d")
        assert opened.value.url == "https://example.org/"
        expect(page.get_by_text("run 2: off False, go True")).to_be_visible()
