"""``empty``: st.empty placeholders, and replacing any element through the value its call returned."""

from __future__ import annotations

from support import app, kinds


def test_empty_placeholder_replaced_by_each_call() -> None:
    at = app('ph = st.empty()\nst.write("below")\nph.text("first")\nph.markdown("second")')
    assert kinds(at.main) == ["markdown", "markdown"]
    assert at.markdown.values == ["second", "below"]
    assert len(at.text) == 0


def test_empty_placeholder_cleared_with_empty() -> None:
    at = app('ph = st.empty()\nph.write("shown")\nph.empty()\nst.write("after")')
    assert at.markdown.values == ["after"]
    assert kinds(at.main) == ["empty", "markdown"]


def test_with_placeholder_writes_into_it() -> None:
    at = app('ph = st.empty()\nst.write("below")\nwith ph:\n    st.write("a")\n    st.write("b")\nst.write("end")')
    assert at.markdown.values == ["b", "below", "end"]


def test_placeholder_holding_a_container_takes_several_elements() -> None:
    at = app('ph = st.empty()\nwith ph.container():\n    st.write("a")\n    st.write("b")\nst.write("c")')
    assert at.markdown.values == ["a", "b", "c"]
    assert kinds(at.main) == ["container", "markdown"]


def test_any_element_can_be_replaced_through_its_return_value() -> None:
    at = app('msg = st.info("loading")\nst.write("x")\nmsg.success("loaded")')
    assert len(at.info) == 0
    assert at.success.values == ["loaded"]
    assert kinds(at.main) == ["alert", "markdown"]


def test_apptest_reads_an_element_with_no_content_as_none_as_streamlit_does() -> None:
    at = app('st.empty()\nst.graphviz_chart("digraph { a -> b }")')
    assert [(node.type, node.value) for node in at.main.children] == [("empty", None), ("graphviz_chart", None)]
    assert at.main[1].spec == "digraph { a -> b }"
