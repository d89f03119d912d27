"""``expander``: st.expander; ``type`` and ``width``; with ``on_change`` an expander is a widget whose value is
whether it is open (its wire value: a bool), and the block's ``open`` says so."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest, Block
from support import app, bad_values, send


def test_expander() -> None:
    at = app('with st.expander("Details", expanded=True, icon="🔍"):\n    st.write("hidden stuff")\nst.expander("Closed")')
    assert at.expander[0].label == "Details"
    assert at.expander[0].props["expanded"] is True
    assert at.expander[0].props["icon"] == "🔍"
    assert at.expander[0].markdown.values == ["hidden stuff"]
    assert at.expander[1].props["expanded"] is False


def test_type_and_width_and_no_state_without_on_change() -> None:
    at = app('e = st.expander("Thoughts", type="compact", width="content")\nst.write(str(e.open))')
    assert at.expander[0].node.id is None
    assert (at.expander[0].props["type"], at.expander[0].props["width"]) == ("compact", "content")
    assert at.markdown.values == ["None"]


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.expander("E", type="big")', "type must be one of"),
        ('st.expander("E", width=-3)', "width must be a positive number of pixels"),
        ('st.expander("E", on_change=5)', "on_change must be a callable"),
    ],
)
def test_bad_arguments_are_errors(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def tracked(at: AppTest) -> str:
    block = at.expander[0]
    assert isinstance(block, Block) and block.node.id is not None
    return block.node.id


def test_with_on_change_a_toggle_reruns_and_the_block_knows_whether_it_is_open() -> None:
    at = app(
        'def toggled():\n    st.session_state.log = st.session_state.get("log", []) + [st.session_state.more]\n'
        'more = st.expander("More", key="more", on_change=toggled)\n'
        'if more.open:\n    more.write("expensive")\n'
        'st.write(str(more.open), str(st.session_state.get("log")))'
    )
    assert at.markdown.values == ["False None"]
    send(at, {tracked(at): True})
    assert at.markdown.values == ["expensive", "True [True]"]
    assert at.expander[0].props["expanded"] is True
    send(at, {tracked(at): False})
    assert at.markdown.values == ["False [True, False]"]


def test_the_script_opens_and_closes_it_through_session_state() -> None:
    at = app(
        'if st.button("Open"):\n    st.session_state.e = True\n'
        'e = st.expander("E", key="e", on_change="rerun")\nst.write(str(e.open))'
    )
    at.button[0].click().run()
    assert at.markdown.values == ["True"]
    assert at.expander[0].props["expanded"] is True


@pytest.mark.parametrize("wire", [1, "true", None, [True]])
def test_a_tracked_expander_refuses_bad_wire_values(wire: Any) -> None:
    at = app('e = st.expander("E", on_change="rerun")\nst.write(str(e.open))')
    send(at, {tracked(at): wire})
    assert bad_values(at) and at.markdown.values == ["False"]


@pytest.mark.browser
def test_a_person_opens_a_tracked_expander_in_chromium(context: Any) -> None:
    source = (
        'e = st.expander("Settings", on_change="rerun")\n'
        'if e.open:\n    e.write("settings body")\n'
        'st.write(f"settings open: {e.open}")\n'
        'with st.expander("Plain", type="compact"):\n    st.write("plain body")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("settings open: False")).to_be_visible()
        page.get_by_text("Settings", exact=True).click()
        expect(page.get_by_text("settings open: True")).to_be_visible()
        expect(page.get_by_text("settings body")).to_be_visible()
        page.get_by_text("Settings", exact=True).click()
        expect(page.get_by_text("settings open: False")).to_be_visible()
        page.get_by_text("Plain", exact=True).click()
        expect(page.get_by_text("plain body")).to_be_visible()
        expect(page.locator("details[data-type=compact]")).to_have_count(1)


def test_a_keyed_expander_is_found_by_its_key_as_in_streamlit() -> None:
    at = app('st.expander("Details", key="more").write("x")\nst.expander("Other").write("y")')
    assert at.get_by_key("more").label == "Details" and [e.key for e in at.expander] == ["more", None]


@pytest.mark.browser
def test_keyed_blocks_have_streamlits_class_for_a_stylesheet(context: Any) -> None:
    script = (
        'import porch as st\nst.expander("More", key="more").write("in expander")\n'
        'st.tabs(["One"], key="views")[0].write("in tab")\n'
        'with st.popover("Prefs", key="prefs"):\n    st.write("in popover")'
    )
    with running_engine(script) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator(".st-key-more")).to_contain_text("More")
        expect(page.locator(".st-key-views")).to_contain_text("in tab")
        expect(page.locator(".st-key-prefs")).to_contain_text("Prefs")
