"""``popover``: st.popover, a button that opens a floating panel holding the block's children. With ``on_change`` it is
a widget whose value is whether the panel is open (its wire value: a bool, in the prop ``open``), and the block's
``open`` says so."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest
from support import app, bad_values, send


def test_a_popover_holds_what_is_written_into_it() -> None:
    at = app(
        'with st.popover("Filters", icon="🔍", help="Narrow the list") as pop:\n'
        '    st.write("inside")\n'
        '    red = st.checkbox("Red")\n'
        'other = st.popover("Direct")\n'
        'other.write("called on it")\n'
        'st.write(f"red={red} open={pop.open}")'
    )
    first = at.popover[0]
    assert first.label == "Filters" and first.node.id is None
    assert first.props == {
        "label": "Filters", "type": "secondary", "help": "Narrow the list", "icon": "🔍", "disabled": False,
        "width": "content", "wrap": None, "open": False, "key": None,
    }
    assert first.markdown.values == ["inside"] and first.checkbox[0].label == "Red"
    assert at.popover[1].markdown.values == ["called on it"]
    assert at.markdown.values[-1] == "red=False open=None"
    at.checkbox[0].check().run()
    assert at.markdown.values[-1] == "red=True open=None"


def test_type_width_and_use_container_width() -> None:
    at = app(
        'st.popover("A", type="primary", width=240)\n'
        'st.popover("B", use_container_width=True)\n'
        'st.popover("C", disabled=True, wrap=False)'
    )
    assert [(p.props["type"], p.props["width"]) for p in at.popover] == [
        ("primary", 240), ("secondary", "stretch"), ("secondary", "content"),
    ]
    assert at.popover[2].props["disabled"] is True


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.popover("P", type="big")', "type must be one of"),
        ('st.popover("P", width=0)', "width must be a positive number of pixels"),
        ('st.popover("P", on_change=3)', "on_change must be a callable"),
    ],
)
def test_bad_arguments_are_errors(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def tracked(at: AppTest) -> str:
    node_id: str | None = at.popover[0].node.id
    assert node_id is not None
    return node_id


def test_with_on_change_opening_reruns_and_the_block_knows_whether_it_is_open() -> None:
    at = app(
        'def changed():\n    st.session_state.log = st.session_state.get("log", []) + [st.session_state.drawer]\n'
        'pop = st.popover("More", key="drawer", on_change=changed)\n'
        'if pop.open:\n    pop.write("expensive")\n'
        'st.write(str(pop.open), str(st.session_state.get("log")))'
    )
    assert at.markdown.values == ["False None"] and at.popover[0].open is False
    send(at, {tracked(at): True})
    assert at.markdown.values == ["expensive", "True [True]"]
    assert at.popover[0].open is True and at.popover[0].props["open"] is True
    send(at, {tracked(at): False})
    assert at.markdown.values == ["False [True, False]"]


def test_the_script_opens_it_through_session_state() -> None:
    at = app(
        'if st.button("Show"):\n    st.session_state.p = True\n'
        'p = st.popover("P", key="p", on_change="rerun")\nst.write(str(p.open))'
    )
    at.button[0].click().run()
    assert at.markdown.values == ["True"] and at.popover[0].open is True


@pytest.mark.parametrize("wire", [1, "true", None, [True]])
def test_a_tracked_popover_refuses_bad_wire_values(wire: Any) -> None:
    at = app('p = st.popover("P", on_change="rerun")\nst.write(str(p.open))')
    send(at, {tracked(at): wire})
    assert bad_values(at) and at.markdown.values == ["False"]


def test_a_disabled_tracked_popover_takes_no_value_from_a_client() -> None:
    at = app('p = st.popover("P", disabled=True, on_change="rerun")\nst.write(str(p.open))')
    send(at, {tracked(at): True})
    assert bad_values(at) and at.markdown.values == ["False"]


@pytest.mark.browser
def test_a_person_opens_a_popover_uses_a_widget_inside_and_closes_it_in_chromium(context: Any) -> None:
    source = (
        'with st.popover("Filters"):\n'
        '    red = st.checkbox("Red")\n'
        'st.write(f"red: {red}")\n'
        'tracked = st.popover("Tracked", on_change="rerun")\n'
        'st.write(f"tracked open: {tracked.open}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("red: False")).to_be_visible()
        button = page.get_by_role("button", name="Filters")
        expect(button).to_have_attribute("aria-expanded", "false")
        red = page.get_by_role("checkbox", name="Red")
        expect(red).to_be_hidden()
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        panel = page.get_by_role("dialog", name="Filters")
        expect(panel).to_be_visible()
        expect(red).to_be_focused()  # focus moved into the panel
        page.keyboard.press("Space")
        expect(page.get_by_text("red: True")).to_be_visible()
        expect(panel).to_be_visible()  # the rerun left it open
        page.keyboard.press("Escape")
        expect(panel).to_be_hidden()
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()  # and back to the button
        button.click()
        expect(panel).to_be_visible()
        page.mouse.click(5, page.viewport_size["height"] - 5 if page.viewport_size else 500)  # outside it
        expect(panel).to_be_hidden()
        tracked = page.get_by_role("button", name="Tracked")
        tracked.click()
        expect(page.get_by_text("tracked open: True")).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.get_by_text("tracked open: False")).to_be_visible()


def test_a_keyed_popover_is_found_by_its_key_as_in_streamlit() -> None:
    at = app('with st.popover("Settings", key="prefs"):\n    st.write("x")')
    assert at.get_by_key("prefs").markdown.values == ["x"]
