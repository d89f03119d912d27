"""``container``: st.container, written to later, with a border or a height, nested."""

from __future__ import annotations

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
