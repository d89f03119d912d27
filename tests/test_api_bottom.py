"""``porch.bottom`` (st.bottom): the page's bottom root (``protocol.ROOT_BOTTOM``), a container pinned to the bottom of
the main area, which a ``chat_input`` called in the main area itself shares (it goes there, as in Streamlit). In
AppTest (where it is, in what order, where it is refused) and in Chromium (it stays at the bottom of the window while
the page scrolls, in the main column, and never hides the page's last element)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.protocol import ROOT_BOTTOM, ROOT_MAIN, ROOTS
from porch.testing import AppTest
from support import app, kinds


def delta_paths(at: AppTest) -> list[list[int]]:
    return [m["path"] for m in at.messages if m["type"] == "delta"]


def test_the_bottom_is_a_root_of_its_own_after_main_sidebar_and_overlay() -> None:
    assert (ROOT_BOTTOM, ROOTS[ROOT_BOTTOM]) == (3, "bottom")
    at = app('st.write("top")\nst.bottom.write("pinned")\nst.write("end")')
    assert len(at) == 4 and at[ROOT_BOTTOM].type == "bottom"
    assert kinds(at.main) == ["markdown", "markdown"] and at.main.markdown.values == ["top", "end"]
    assert at[ROOT_BOTTOM].markdown.values == ["pinned"]
    assert delta_paths(at) == [[ROOT_MAIN, 0], [ROOT_BOTTOM, 0], [ROOT_MAIN, 1]]
    assert at.markdown.values == ["top", "end", "pinned"]  # page order: main, sidebar, overlay, bottom


def test_written_to_through_methods_and_with_and_shared_with_a_main_chat_input_in_call_order() -> None:
    at = app(
        'st.bottom.caption("before")\n'
        'st.chat_input("Ask")\n'
        "with st.bottom:\n"
        '    a, b = st.columns(2)\n'
        '    a.button("go")\n'
        '    st.chat_input("inside", key="in")\n'
        'st.write("main")\n'
    )
    assert at.exception == []
    assert kinds(at[ROOT_BOTTOM]) == ["markdown", "chat_input", "columns", "chat_input"]
    assert kinds(at.main) == ["markdown"]
    assert at.main.chat_input == [] and [c.placeholder for c in at.chat_input] == ["Ask", "inside"]
    assert all(c.props["pinned"] for c in at.chat_input)
    assert at[ROOT_BOTTOM].button[0].label == "go"
    at.chat_input[0].set_value("hi").run()
    assert at.chat_input[0].value == "hi"


def test_a_chat_input_anywhere_else_stays_inline() -> None:
    at = app(
        'st.sidebar.chat_input("side")\n'
        "with st.container():\n"
        '    st.chat_input("box")\n'
        'st.columns(1)[0].chat_input("col")\n'
    )
    assert at.exception == [] and len(at[ROOT_BOTTOM]) == 0
    assert {c.placeholder: c.props["pinned"] for c in at.chat_input} == {"side": False, "box": False, "col": False}


def test_elements_of_the_bottom_that_a_run_no_longer_writes_are_removed() -> None:
    at = app('if not st.session_state.get("gone"):\n    st.bottom.text("pinned")\n    st.session_state.gone = True')
    assert at[ROOT_BOTTOM].text.values == ["pinned"]
    at.run()
    assert len(at[ROOT_BOTTOM]) == 0


@pytest.mark.parametrize(
    "source, where",
    [
        ('with st.sidebar:\n    st.bottom.write("x")', "inside `porch.sidebar`"),
        ('with st.sidebar:\n    with st.bottom:\n        st.write("x")', "inside `porch.sidebar`"),
        ('@st.dialog("d")\ndef d():\n    st.bottom.write("x")\nd()', "inside a dialog"),
    ],
)
def test_the_bottom_is_refused_inside_the_sidebar_or_a_dialog(source: str, where: str) -> None:
    at = app(source)
    assert at.exception[0].props["type"] == "PorchAPIError" and where in at.exception[0].message
    assert len(at[ROOT_BOTTOM]) == 0


def test_from_a_column_of_the_main_area_it_is_fine() -> None:
    at = app('col, = st.columns(1)\nwith col:\n    st.bottom.text("pinned")\n    st.text("in the column")')
    assert at.exception == [] and at[ROOT_BOTTOM].text.values == ["pinned"]
    assert at.columns[0].text.values == ["in the column"]


def test_a_fragment_writes_into_a_block_of_its_own_in_the_bottom() -> None:
    at = app(
        'st.bottom.text("script")\n'
        "@st.fragment\n"
        "def part():\n"
        '    n = st.number_input("n", value=1)\n'
        '    st.bottom.text(f"fragment {n}")\n'
        "part()\n"
    )
    assert at.exception == []
    assert kinds(at[ROOT_BOTTOM]) == ["text", "container"] and at[ROOT_BOTTOM].text.values == ["script", "fragment 1"]
    at.number_input[0].set_value(2).run()
    assert at[ROOT_BOTTOM].text.values == ["script", "fragment 2"]


LONG_PAGE = """
for i in range(60):
    st.text(f"line {i}")
st.text("the last line")
st.bottom.text("pinned note")
if prompt := st.chat_input("Say"):
    st.session_state.said = prompt
st.sidebar.text("side")
st.text(f"said {st.session_state.get('said')!r}")
"""


@pytest.mark.browser
def test_the_bottom_stays_at_the_bottom_of_the_window_while_the_page_scrolls(context: Any) -> None:
    with running_engine("import porch as st\n" + LONG_PAGE) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 700})
        page.goto(server.url)
        expect(page.get_by_text("said None")).to_be_visible()
        bar = page.locator("#porch-bottom")
        note = page.get_by_text("pinned note")
        field = page.get_by_role("textbox", name="Say")
        expect(bar).to_be_visible()
        assert page.evaluate("document.documentElement.scrollHeight > 2 * innerHeight"), "a page that scrolls"

        def bar_at_the_bottom() -> None:
            found = bar.bounding_box()
            assert found is not None and abs(found["y"] + found["height"] - 700) < 1, found

        bar_at_the_bottom()
        expect(note).to_be_in_viewport()
        expect(field).to_be_in_viewport()
        for y in (400, 1200):
            page.mouse.wheel(0, y)
            page.wait_for_function(f"scrollY >= Math.min({y}, document.documentElement.scrollHeight - innerHeight)")
            bar_at_the_bottom()
        page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("scrollY + innerHeight >= document.documentElement.scrollHeight - 1")
        bar_at_the_bottom()
        last = page.get_by_text("said None").bounding_box()
        top = bar.bounding_box()
        assert last is not None and top is not None and last["y"] + last["height"] <= top["y"], "nothing hides under it"
        # In the main column, beside the open sidebar: the note lines up with the main area's text.
        root, pinned = page.locator("#porch-main-root").bounding_box(), note.bounding_box()
        sidebar = page.locator("#porch-sidebar").bounding_box()
        assert root is not None and pinned is not None and sidebar is not None
        assert abs(pinned["x"] - root["x"]) < 1 and pinned["x"] > sidebar["x"] + sidebar["width"]
        # The chat field in it works as anywhere.
        field.fill("hello")
        field.press("Enter")
        expect(page.get_by_text("said 'hello'")).to_be_visible()
        bar_at_the_bottom()


@pytest.mark.browser
def test_on_a_short_page_the_bar_sits_at_the_bottom_and_without_it_there_is_none(context: Any) -> None:
    source = 'st.text("short")\nif st.checkbox("pin", value=True):\n    st.bottom.button("pinned button")\n'
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 900, "height": 600})
        page.goto(server.url)
        button = page.get_by_role("button", name="pinned button")
        expect(button).to_be_visible()
        found = page.locator("#porch-bottom").bounding_box()
        assert found is not None and abs(found["y"] + found["height"] - 600) < 1
        assert page.evaluate("document.documentElement.scrollHeight <= innerHeight"), "no scrolling for a short page"
        page.get_by_text("pin", exact=True).click()
        expect(button).to_have_count(0)
        expect(page.locator("#porch-bottom")).to_be_hidden()
        assert page.evaluate("document.body.dataset.bottom") == "none"
