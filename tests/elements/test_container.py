"""``container``: st.container, written to later, with a border or a height, nested."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, kinds


def test_container_holds_elements_written_later() -> None:
    at = app('box = st.container(border=True)\nst.write("after")\nbox.write("inside")')
    assert kinds(at.main) == ["container", "markdown"]
    assert at.container[0].markdown.values == ["inside"]
    assert at.container[0].props["border"] is True
    assert at.markdown.values == ["inside", "after"]


def test_container_with_height_scrolls_and_has_a_border() -> None:
    at = app('with st.container(height=300):\n    st.write("x")')
    props = at.container[0].props
    assert (props["border"], props["height"], props["horizontal"], props["gap"]) == (True, 300, False, "small")


def test_nested_containers() -> None:
    at = app(
        'with st.container():\n    st.write("a")\n    with st.container():\n        st.write("b")\n'
        '        with st.expander("More"):\n            st.write("c")\n    st.write("d")'
    )
    outer = at.container[0]
    assert kinds(outer) == ["markdown", "container", "markdown"]
    assert outer.container[0].expander[0].markdown.values == ["c"]
    assert at.markdown.values == ["a", "b", "c", "d"]


def test_a_container_is_a_flex_container_found_by_its_key_as_in_streamlit() -> None:
    at = app(
        'with st.container(key="summary", border=True):\n    st.write("totals")\n'
        'with st.container(horizontal=True):\n    st.write("side")'
    )
    box = at.get_by_key("summary")
    assert (box.type, box.key, box.markdown.values) == ("flex_container", "summary", ["totals"])
    assert [block.key for block in at.get("flex_container")] == ["summary", None]
    assert at.container[1].props["key"] is None


@pytest.mark.browser
def test_a_keyed_container_has_streamlits_class_for_a_stylesheet(context: Any) -> None:
    script = 'import porch as st\nwith st.container(key="side panel"):\n    st.write("styled")'
    with running_engine(script) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator(".st-key-side-panel")).to_contain_text("styled")
