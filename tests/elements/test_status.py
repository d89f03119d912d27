"""``status``: st.status, an expander-like block with a state ("running", "complete", "error"); ``update()`` changes
it, and as a context manager it completes, or turns to "error" when its block raises (as in Streamlit)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, kinds


def test_a_status_holds_its_content_and_starts_running() -> None:
    status = app('s = st.status("Downloading...", expanded=True)\ns.write("found it")').status[0]
    assert status.props == {
        "label": "Downloading...", "expanded": True, "state": "running", "type": "default", "width": "stretch",
    }
    assert (status.label, status.state, status.expanded) == ("Downloading...", "running", True)
    assert status.markdown.values == ["found it"]


def test_with_a_status_completes_when_its_block_ends() -> None:
    at = app('with st.status("Working") as s:\n    st.write("step 1")\nst.write(type(s).__name__)')
    assert at.status[0].state == "complete" and at.status[0].markdown.values == ["step 1"]
    assert at.markdown.values[-1] == "StatusContainer"


def test_a_status_whose_block_raises_shows_the_error_inside_it() -> None:
    at = app('with st.status("Working"):\n    st.write("step 1")\n    raise ValueError("broken")')
    assert at.status[0].state == "error"
    assert kinds(at.status[0]) == ["markdown", "exception"]
    assert at.exception[0].message == "broken"


def test_stop_inside_a_status_is_an_error_state_as_in_streamlit() -> None:
    at = app('with st.status("Working"):\n    st.stop()\nst.write("never")')
    assert at.status[0].state == "error" and at.markdown.values == []


def test_update_changes_label_state_and_expanded_and_keeps_the_content() -> None:
    at = app(
        'with st.status("Downloading...", expanded=True) as s:\n'
        '    st.write("a")\n'
        '    s.update(label="Done!", state="complete", expanded=False)\n'
        '    st.write("b")\n'
        't = st.status("Later")\n'
        't.update(state="error")\n'
        't.update(label="Later, failed")\n'
    )
    first, second = at.status
    assert (first.label, first.state, first.expanded) == ("Done!", "complete", False)
    assert first.markdown.values == ["a", "b"]
    assert (second.label, second.state) == ("Later, failed", "error")


def test_a_state_the_block_set_itself_stays_when_it_ends() -> None:
    at = app('with st.status("W") as s:\n    s.update(state="error")\nwith st.status("X", state="complete"):\n    pass')
    assert [s.state for s in at.status] == ["error", "complete"]


def test_what_is_made_inside_a_status_is_a_plain_container() -> None:
    at = app(
        'with st.status("W") as s:\n    c = st.container()\n    e = st.empty()\n'
        'st.text(" ".join([type(c).__name__, type(e).__name__, str(hasattr(type(c), "update"))]))'
    )  # the class: a container answers every name, as Streamlit's does (c.update() is "not a valid command")
    assert at.text.values == ["Container Container False"]


def test_type_and_width() -> None:
    at = app('st.status("A", type="compact")\nst.status("B", type="step", width=300)')
    assert [(s.props["type"], s.props["width"]) for s in at.status] == [("compact", "stretch"), ("step", 300)]


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.status("S", state="done")', "state must be one of"),
        ('st.status("S", type="big")', "type must be one of"),
        ('st.status("S", width="content")', "width must be a positive number of pixels or 'stretch'"),
        ('st.status("S").update(state="paused")', "state must be one of"),
    ],
)
def test_bad_arguments_are_errors(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def test_a_status_kept_from_an_earlier_run_cannot_be_updated() -> None:
    at = app(
        'if "s" not in st.session_state:\n    st.session_state.s = st.status("Old")\n'
        'else:\n    st.session_state.s.update(state="complete")\n'
        'st.button("again")'
    )
    at.button[0].click().run()
    assert "earlier run" in at.exception[0].message


@pytest.mark.browser
def test_a_status_that_completes_and_one_that_errors_in_chromium(context: Any) -> None:
    source = (
        'import time\n'
        'with st.status("Downloading data...") as s:\n'
        '    st.write("Searching for data...")\n'
        '    time.sleep(1.0)\n'
        '    st.write("Found URL.")\n'
        'try:\n'
        '    with st.status("Parsing", expanded=True):\n'
        '        st.write("reading rows")\n'
        '        raise RuntimeError("bad row")\n'
        'except RuntimeError:\n'
        '    st.write("parse failed")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        first = page.locator("details.status").first
        expect(first).to_have_attribute("data-state", "running")
        expect(first.get_by_role("img", name="Running")).to_be_visible()
        expect(page.get_by_text("parse failed")).to_be_visible()
        expect(first).to_have_attribute("data-state", "complete")
        expect(first.get_by_role("img", name="Complete")).to_be_visible()
        expect(page.get_by_text("Searching for data...")).to_be_hidden()  # collapsed
        page.get_by_text("Downloading data...", exact=True).click()
        expect(page.get_by_text("Searching for data...")).to_be_visible()
        second = page.locator("details.status").nth(1)
        expect(second).to_have_attribute("data-state", "error")
        expect(second.get_by_role("img", name="Error")).to_be_visible()
        expect(second.get_by_text("reading rows")).to_be_visible()


@pytest.mark.browser
def test_consecutive_steps_are_joined_into_one_timeline_in_chromium(context: Any) -> None:
    # Streamlit 1.67 draws a connector from under a step's icon to its bottom, extended across the block's gap when
    # the next element is a step too; a step with no content has none.
    source = (
        'with st.status("Fetch", type="step", expanded=True):\n    st.write("fetched")\n'
        'with st.status("Parse", type="step"):\n    st.write("parsed")\n'
        'with st.status("Load", type="step", expanded=True):\n    st.write("loaded")\n'
        'st.write("between")\n'
        'st.status("Empty", type="step", state="complete")\n'
        'with st.status("Last", type="step"):\n    st.write("done")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("loaded")).to_be_visible()
        steps = page.locator(".status[data-type='step']")
        expect(steps).to_have_count(5)
        lines = steps.evaluate_all(
            """steps => steps.map((step) => {
                const line = getComputedStyle(step, "::before");
                const box = step.getBoundingClientRect();
                const next = step.nextElementSibling?.getBoundingClientRect();
                return {content: line.content, top: box.top, bottom: box.bottom, nextTop: next ? next.top : null,
                        lineTop: parseFloat(line.top), lineBottom: parseFloat(line.bottom)};
            })"""
        )
        fetch, parse, load, empty, last = lines
        for joined in (fetch, parse):  # down to the next step's top, across the gap
            assert joined["content"] == '""' and joined["nextTop"] is not None
            assert abs(joined["bottom"] - joined["lineBottom"] - joined["nextTop"]) < 1.5, joined
        assert load["content"] == '""' and load["lineBottom"] == 0  # the next element is no step: it ends there
        assert empty["content"] == "none"  # nothing inside: no line, and no chevron
        assert steps.nth(3).locator("summary").evaluate("s => getComputedStyle(s, '::after').content") == "none"
        assert last["content"] == '""' and last["lineBottom"] == 0
        assert load["bottom"] - load["top"] > load["lineTop"], "the line runs along an open step's content"


def test_apptest_gives_a_status_the_icon_of_its_state_as_streamlit_does() -> None:
    at = app('a = st.status("Fetching")\nb = st.status("Saved", state="complete")\nc = st.status("Failed")\n'
             'c.update(state="error")')
    assert [block.icon for block in at.get("status")] == ["spinner", ":material/check:", ":material/error:"]
