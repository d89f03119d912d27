"""``tabs`` (and each ``tab`` in it): st.tabs, every tab's content runs."""

from __future__ import annotations

from porch.testing import Block
from support import app, kinds


def test_tabs_all_contents_run() -> None:
    at = app(
        'a, b = st.tabs(["One", "Two"])\nwith a:\n    st.write("first")\nwith b:\n    x = st.slider("S")\n'
        '    st.write("second")'
    )
    assert [tab.label for tab in at.tabs] == ["One", "Two"]
    assert at.tabs[0].markdown.values == ["first"]
    assert at.tabs[1].markdown.values == ["second"]
    assert len(at.tabs[1].slider) == 1
    assert kinds(at.main) == ["tabs"]


def test_tabs_need_labels() -> None:
    at = app("st.tabs([])")
    assert at.exception[0].type == "PorchAPIError"


def test_tab_labels_are_plain_text() -> None:
    at = app('st.tabs(["<b>x</b>"])')
    assert at.tabs[0].label == "<b>x</b>"


def test_widgets_with_one_label_in_different_tabs_are_distinct() -> None:
    at = app('for tab in st.tabs(["A", "B"]):\n    with tab:\n        st.slider("Size")')
    assert at.run_status == "ok"
    at.tabs[1].slider[0].set_value(5).run()
    assert [s.value for s in at.slider] == [0, 5]


def test_each_tab_is_a_tab_block_of_the_group() -> None:
    at = app('one, two = st.tabs(["One", "Two"])\ntwo.write("2")')
    group = at.main.children[0]
    assert isinstance(group, Block) and group.kind == "tabs"
    assert [(tab.kind, tab.props["label"]) for tab in group.children] == [("tab", "One"), ("tab", "Two")]
    second = group.children[1]
    assert isinstance(second, Block) and second.markdown.values == ["2"]
