"""``tabs`` (and each ``tab`` in it): st.tabs, every tab's content runs; ``default``; with ``on_change`` the tabs are
a widget whose value is the label of the tab shown (its wire value: the tab's index), and each tab's ``open`` says
whether it is that one."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest, Block
from support import app, bad_values, kinds, send


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
    assert at.exception[0].props["type"] == "PorchAPIError"


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


def test_default_picks_the_tab_shown_first_and_tabs_know_nothing_without_on_change() -> None:
    at = app('tabs = st.tabs(["One", "Two", "Three"], default="Two", width=400, height=200)\n'
             'st.write(str([t.open for t in tabs]))')
    group = at.main.children[0]
    assert isinstance(group, Block) and group.node.id is None
    assert group.props == {"width": 400, "height": 200, "selected": 1, "key": None}
    assert at.markdown.values == ["[None, None, None]"]


def test_a_default_that_is_no_label_is_an_error() -> None:
    at = app('st.tabs(["One", "Two"], default="Three")')
    assert "default 'Three' is not one of the tab labels" in at.exception[0].message


def tracked(at: AppTest) -> str:
    group = at.main.children[0]
    assert isinstance(group, Block) and group.kind == "tabs" and group.node.id is not None
    return group.node.id


def test_with_on_change_a_switch_reruns_and_each_tab_knows_whether_it_is_open() -> None:
    at = app(
        'def switched():\n    st.session_state.log = st.session_state.get("log", []) + [st.session_state.t]\n'
        'tabs = st.tabs(["A", "B", "C"], key="t", on_change=switched, default="B")\n'
        'for tab in tabs:\n    if tab.open:\n        tab.write("work of " + st.session_state.t)\n'
        'st.write(str([t.open for t in tabs]), str(st.session_state.get("log")))'
    )
    assert at.markdown.values == ["work of B", "[False, True, False] None"]
    send(at, {tracked(at): 2})
    assert at.markdown.values == ["work of C", "[False, False, True] ['C']"]
    assert at.main.children[0].props["selected"] == 2


def test_the_script_switches_tabs_through_session_state() -> None:
    at = app(
        'if st.button("Go to C"):\n    st.session_state.t = "C"\n'
        'tabs = st.tabs(["A", "B", "C"], key="t", on_change="rerun")\nst.write(st.session_state.t)'
    )
    assert at.markdown.values == ["A"]
    at.button[0].click().run()
    assert at.markdown.values == ["C"]
    assert at.main.children[1].props["selected"] == 2


def test_a_tracked_tab_that_is_gone_falls_back_to_the_default() -> None:
    at = app('labels = st.session_state.get("labels", ["A", "B", "C"])\n'
             'tabs = st.tabs(labels, key="t", on_change="rerun")\nst.write(st.session_state.t)')
    send(at, {tracked(at): 2})
    assert at.markdown.values == ["C"]
    at.session_state["labels"] = ["A", "B"]
    at.run()
    assert at.markdown.values == ["A"]


@pytest.mark.parametrize("wire", [3, -1, "B", None, True, 1.0])
def test_tracked_tabs_refuse_bad_wire_values(wire: Any) -> None:
    at = app('st.tabs(["A", "B", "C"], key="t", on_change="rerun")\nst.write(st.session_state.t)')
    send(at, {tracked(at): wire})
    assert bad_values(at) and at.markdown.values == ["A"]


@pytest.mark.browser
def test_a_person_switches_tracked_tabs_in_chromium(context: Any) -> None:
    source = (
        'tabs = st.tabs(["Sales", "Customers"], on_change="rerun", height=300)\n'
        'st.write("open: " + str([t.open for t in tabs]))\n'
        'plain = st.tabs(["X", "Y"], default="Y")\n'
        'plain[0].write("in X")\nplain[1].write("in Y")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("open: [True, False]")).to_be_visible()
        page.get_by_role("tab", name="Customers").click()
        expect(page.get_by_text("open: [False, True]")).to_be_visible()
        expect(page.get_by_role("tab", name="Customers")).to_have_attribute("aria-selected", "true")
        page.get_by_role("tab", name="Customers").press("ArrowLeft")
        expect(page.get_by_text("open: [True, False]")).to_be_visible()
        # Tabs without on_change: default picks the first shown; a switch stays in the page.
        expect(page.get_by_role("tab", name="Y")).to_have_attribute("aria-selected", "true")
        expect(page.get_by_text("in Y")).to_be_visible()
        expect(page.get_by_text("in X")).to_be_hidden()


def test_keyed_tabs_are_found_by_their_key_as_in_streamlit() -> None:
    at = app('a, b = st.tabs(["One", "Two"], key="views")\na.write("x")')
    assert at.get_by_key("views").type == "tab_container" and at.get_by_key("views").tab[0].label == "One"
