"""``menu_button``: st.menu_button, a button that opens a menu; the option chosen is its value in that run only.

It is a trigger that carries a value: the client sends the option's index with the trigger. What a client sends that
does not fit (no index, one that is no option's, a value without its trigger) is refused on the server: those tests
send raw messages through the session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, bad_values, send

EXPORT = """
action = st.menu_button("Export", ["CSV", "JSON", "PDF"], key="export")
st.write(f"action={action}")
st.button("Other")
"""


def test_the_choice_is_the_value_in_the_run_it_caused_only() -> None:
    at = app(EXPORT)
    menu = at.menu_button[0]
    assert (menu.label, menu.options, menu.value, menu.type, menu.button_type, menu.icon) == (
        "Export", ["CSV", "JSON", "PDF"], None, "menu_button", "secondary", "",
    )  # ``type`` is the element's (Streamlit's "menu_button"), ``icon`` "" for none, as Streamlit's AppTest
    assert at.get("menu_button") == [menu]
    assert menu.props["value"] is None
    menu.click("JSON").run()
    assert at.markdown.values == ["action=JSON"] and at.menu_button[0].value == "JSON"
    at.run()
    assert at.markdown.values == ["action=None"] and at.menu_button[0].value is None
    at.menu_button[0].click_index(2).run()
    assert at.markdown.values == ["action=PDF"]
    at.button[0].click().run()
    assert at.markdown.values == ["action=None"]
    # The same option twice in a row is two choices.
    at.menu_button[0].set_value("CSV").run()
    at.menu_button[0].set_value("CSV").run()
    assert at.markdown.values == ["action=CSV"]


def test_options_are_any_objects_labelled_by_format_func_with_inline_markdown() -> None:
    at = app(
        'plans = [{"id": 1, "name": "free"}, {"id": 2, "name": "pro"}]\n'
        'p = st.menu_button("Plan", plans, format_func=lambda p: f"**{p[\'name\']}** <i>")\n'
        "st.write(f\"id={p['id'] if p else None}\")"
    )
    menu = at.menu_button[0]
    assert menu.options == ["**free** <i>", "**pro** <i>"]
    assert menu.props["options_html"] == ["<strong>free</strong> &lt;i&gt;", "<strong>pro</strong> &lt;i&gt;"]
    assert at.markdown.values == ["id=None"]
    send(at, {menu.id: 1}, menu.id)
    assert at.markdown.values == ["id=2"]


def test_on_click_runs_before_the_rerun_and_finds_the_option_in_session_state() -> None:
    # As in Streamlit: the callback gets only its args and kwargs; the option is in session_state[key].
    at = app(
        "def chosen(tag, *, more):\n"
        "    st.session_state.seen = (tag, more, st.session_state.act)\n"
        'v = st.menu_button("Act", ["a", "b"], key="act", on_click=chosen, args=("x",), kwargs={"more": 1})\n'
        "st.write(f\"{st.session_state.get('seen')} {v} {st.session_state.act}\")"
    )
    assert at.markdown.values == ["None None None"]
    at.menu_button[0].click("b").run()
    assert at.markdown.values == ["('x', 1, 'b') b b"]
    at.run()
    assert at.markdown.values == ["('x', 1, 'b') None None"]


def test_its_value_cannot_be_set_through_session_state() -> None:
    at = app('st.menu_button("Act", ["a"], key="act")\nif st.button("Set"):\n    st.session_state.act = "a"')
    at.button[0].click().run()
    assert "cannot be set through session_state" in at.exception[0].message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.menu_button("M", [])', "at least one option"),
        ('st.menu_button("M", "ab")', "not a single string"),
        ('st.menu_button("M", [1, 2], format_func=lambda o: "same")', "the same label"),
        ('st.menu_button("M", ["a"], type="danger")', "type must be 'primary', 'secondary' or 'tertiary'"),
        ('st.menu_button("M", ["a"], on_click="rerun")', "on_click must be a function or None"),
        ('st.menu_button("M", ["a"], width=0)', "width must be"),
        ('with st.form("f"):\n    st.menu_button("M", ["a"])\n    st.form_submit_button()', "inside a form"),
    ],
)
def test_values_the_script_gets_wrong_are_clear_errors(call: str, message: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert message in at.exception[0].message and "menu_button('M')" in at.exception[0].message


@pytest.mark.parametrize(
    ("widgets", "with_trigger"),
    [({}, True), ({"id": 3}, True), ({"id": -1}, True), ({"id": True}, True), ({"id": "CSV"}, True),
     ({"id": None}, True), ({"id": [0]}, True), ({"id": 0}, False)],
)
def test_a_client_cannot_choose_what_is_no_option(widgets: dict[str, Any], with_trigger: bool) -> None:
    at = app(EXPORT)
    menu_id = at.menu_button[0].id
    send(at, {menu_id if name == "id" else name: wire for name, wire in widgets.items()}, menu_id if with_trigger else None)
    assert len(bad_values(at)) == 1
    assert at.markdown.values == ["action=None"]


def test_disabled_type_icon_help_and_width_reach_the_client() -> None:
    at = app(
        'v = st.menu_button("M", ["a"], disabled=True, type="primary", icon="📤", help="Send it", width="stretch", '
        "wrap=True)\nst.write(f\"v={v}\")"
    )
    props = at.menu_button[0].props
    assert (props["disabled"], props["type"], props["icon"], props["help"], props["width"]) == (
        True, "primary", "📤", "Send it", "stretch",
    )
    send(at, {at.menu_button[0].id: 0}, at.menu_button[0].id)
    assert len(bad_values(at)) == 1 and at.markdown.values == ["v=None"]


def test_menu_buttons_without_a_key_are_told_apart_by_their_options() -> None:
    at = app('a = st.menu_button("Go", ["x"])\nb = st.menu_button("Go", ["y"])\nst.write(f"{a} {b}")')
    assert len({m.id for m in at.menu_button}) == 2
    at.menu_button[1].click("y").run()
    assert at.markdown.values == ["None y"]


APP = """
import porch as st

action = st.menu_button("Export", ["CSV", "JSON", "**PDF**"], icon="📤")
st.write(f"action={action}")
st.session_state.runs = st.session_state.get("runs", 0) + 1
st.write(f"runs={st.session_state.runs}")
"""


@pytest.mark.browser
def test_a_person_chooses_from_the_menu_with_the_mouse_and_the_keyboard(context: Any) -> None:
    with running_engine(APP) as server:
        page = context.new_page()
        page.goto(server.url)
        result = page.get_by_text("action=")
        runs = page.get_by_text("runs=")
        expect(result).to_have_text("action=None")
        button = page.get_by_role("button", name="Export")
        expect(button).to_have_attribute("aria-haspopup", "menu")
        menu = page.get_by_role("menu")
        expect(menu).to_be_hidden()
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(menu.get_by_role("menuitem")).to_have_text(["CSV", "JSON", "PDF"])
        expect(menu.get_by_role("menuitem", name="CSV")).to_be_focused()
        menu.get_by_role("menuitem", name="JSON").click()
        expect(result).to_have_text("action=JSON")
        expect(menu).to_be_hidden()
        expect(runs).to_have_text("runs=2")
        # Opening and closing without choosing does not rerun.
        button.click()
        page.keyboard.press("Escape")
        expect(menu).to_be_hidden()
        expect(button).to_be_focused()
        button.click()
        page.mouse.click(5, 700)
        expect(menu).to_be_hidden()
        page.wait_for_timeout(300)
        expect(runs).to_have_text("runs=2")
        # The keyboard: the down arrow opens on the first item, arrows and End move, Enter chooses.
        button.focus()
        page.keyboard.press("ArrowDown")
        expect(menu.get_by_role("menuitem", name="CSV")).to_be_focused()
        page.keyboard.press("End")
        expect(menu.get_by_role("menuitem", name="PDF")).to_be_focused()
        page.keyboard.press("ArrowDown")
        expect(menu.get_by_role("menuitem", name="CSV")).to_be_focused()
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        expect(result).to_have_text("action=PDF")
        expect(runs).to_have_text("runs=3")
