"""Layout: where elements go (columns, containers, sidebar, expander, tabs, empty) and what a finished run leaves."""

from __future__ import annotations

from support import app
from porch.testing.elements import Block


def kinds(block: Block) -> list[str]:
    return [child.kind for child in block.children]


# -- columns -----------------------------------------------------------------------------------------------------


def test_columns_from_an_int_have_equal_widths() -> None:
    at = app('a, b, c = st.columns(3)\na.write("A")\nc.write("C")\nb.write("B")')
    assert len(at.columns) == 3
    assert [col.props["width"] for col in at.columns] == [1 / 3] * 3
    assert [col.markdown.values for col in at.columns] == [["A"], ["B"], ["C"]]
    assert kinds(at.main) == ["columns"]


def test_columns_from_widths_and_gap() -> None:
    at = app('cols = st.columns([3, 1], gap="large", vertical_alignment="bottom")')
    assert [col.props["width"] for col in at.columns] == [0.75, 0.25]
    row = at.main.children[0]
    assert isinstance(row, Block)
    assert row.props["gap"] == "large"
    assert row.props["vertical_alignment"] == "bottom"


def test_columns_with_statement() -> None:
    at = app('left, right = st.columns(2)\nwith right:\n    st.button("R")\nwith left:\n    st.button("L")\nst.write("below")')
    assert at.columns[0].button[0].label == "L"
    assert at.columns[1].button[0].label == "R"
    assert kinds(at.main) == ["columns", "markdown"]


def test_nested_columns() -> None:
    at = app('outer = st.columns(2)\nwith outer[0]:\n    inner = st.columns(2)\n    inner[1].write("deep")')
    assert len(at.columns) == 4
    assert at.columns[0].columns[1].markdown.values == ["deep"]


def test_bad_column_specs_are_errors() -> None:
    for spec in ("0", "[]", "[1, -1]", '2, gap="huge"', '2, vertical_alignment="middle"'):
        at = app(f"st.columns({spec})")
        assert at.exception[0].type == "PorchAPIError", spec


# -- container ---------------------------------------------------------------------------------------------------


def test_container_holds_elements_written_later() -> None:
    at = app('box = st.container(border=True)\nst.write("after")\nbox.write("inside")')
    assert kinds(at.main) == ["container", "markdown"]
    assert at.container[0].markdown.values == ["inside"]
    assert at.container[0].props["border"] is True
    assert at.markdown.values == ["inside", "after"]


def test_container_with_height_scrolls_and_has_a_border() -> None:
    at = app('with st.container(height=300):\n    st.write("x")')
    assert at.container[0].props == {"border": True, "height": 300}


def test_nested_containers() -> None:
    at = app(
        'with st.container():\n    st.write("a")\n    with st.container():\n        st.write("b")\n'
        '        with st.expander("More"):\n            st.write("c")\n    st.write("d")'
    )
    outer = at.container[0]
    assert kinds(outer) == ["markdown", "container", "markdown"]
    assert outer.container[0].expander[0].markdown.values == ["c"]
    assert at.markdown.values == ["a", "b", "c", "d"]


# -- sidebar -----------------------------------------------------------------------------------------------------


def test_sidebar_both_call_styles() -> None:
    at = app(
        'st.sidebar.title("Side")\nwith st.sidebar:\n    v = st.slider("S", 0, 10, 2)\n'
        '    st.write("in sidebar")\nst.write(f"main {v}")'
    )
    assert at.sidebar.title.values == ["Side"]
    assert at.sidebar.markdown.values == ["in sidebar"]
    assert at.main.markdown.values == ["main 2"]
    at.sidebar.slider[0].set_value(4).run()
    assert at.main.markdown.values == ["main 4"]


def test_sidebar_containers_and_columns() -> None:
    at = app('a, b = st.sidebar.columns(2)\nb.write("right")\nwith st.sidebar.expander("E"):\n    st.write("x")')
    assert at.sidebar.columns[1].markdown.values == ["right"]
    assert at.sidebar.expander[0].markdown.values == ["x"]
    assert at.main.children == []


def test_module_level_calls_inside_a_sidebar_block_go_to_the_sidebar() -> None:
    at = app('with st.sidebar:\n    col = st.columns(2)[0]\n    col.write("c")\n    st.button("B")')
    assert at.sidebar.button[0].label == "B"
    assert at.main.children == []


# -- expander and tabs -------------------------------------------------------------------------------------------


def test_expander() -> None:
    at = app('with st.expander("Details", expanded=True, icon="🔍"):\n    st.write("hidden stuff")\nst.expander("Closed")')
    assert at.expander[0].label == "Details"
    assert at.expander[0].props["expanded"] is True
    assert at.expander[0].props["icon"] == "🔍"
    assert at.expander[0].markdown.values == ["hidden stuff"]
    assert at.expander[1].props["expanded"] is False


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


# -- what a finished run leaves ----------------------------------------------------------------------------------


def test_elements_the_new_run_did_not_produce_disappear() -> None:
    at = app('if st.checkbox("More"):\n    st.write("extra")\n    st.write("extra 2")\nst.write("end")')
    at.checkbox[0].check().run()
    assert at.markdown.values == ["extra", "extra 2", "end"]
    at.checkbox[0].uncheck().run()
    assert at.markdown.values == ["end"]
    assert kinds(at.main) == ["checkbox", "markdown"]


def test_leftovers_inside_containers_are_trimmed() -> None:
    at = app(
        'n = st.session_state.get("n", 3)\nwith st.sidebar:\n    for i in range(n):\n        st.write(f"s{i}")\n'
        'with st.expander("E"):\n    for i in range(n):\n        st.write(f"e{i}")'
    )
    assert at.sidebar.markdown.values == ["s0", "s1", "s2"]
    at.session_state["n"] = 1
    at.run()
    assert at.sidebar.markdown.values == ["s0"]
    assert at.expander[0].markdown.values == ["e0"]
    trims = [m for m in at.messages if m["type"] == "trim"]
    assert {tuple(m["path"]) for m in trims} == {(1,), (0, 0)}


def test_trims_are_sent_only_when_the_run_ends() -> None:
    at = app('if not st.session_state.get("short"):\n    st.write("a")\n    st.write("b")\nst.write("c")')
    at.session_state["short"] = True
    at.run()
    second_run = at.messages[[m.get("state") for m in at.messages].index("running", 2) :]
    types = [m["type"] for m in second_run]
    assert types.index("trim") > max(i for i, t in enumerate(types) if t == "delta")
    assert types[-1] == "run"
    assert at.markdown.values == ["c"]


def test_a_block_replaced_by_a_different_kind_loses_its_children() -> None:
    at = app(
        'if st.session_state.get("flat"):\n    st.write("flat")\nelse:\n    with st.container():\n        st.write("boxed")'
    )
    assert at.container[0].markdown.values == ["boxed"]
    at.session_state["flat"] = True
    at.run()
    assert len(at.container) == 0
    assert at.markdown.values == ["flat"]


def test_unchanged_elements_are_not_sent_again() -> None:
    at = app('st.title("Static")\nst.write(st.slider("S"))')
    before = len(at.messages)
    at.slider[0].set_value(3).run()
    deltas = [m for m in at.messages[before:] if m["type"] == "delta"]
    assert [d["element"]["kind"] for d in deltas] == ["slider", "markdown"]


def test_containers_kept_from_an_earlier_run_are_refused() -> None:
    at = app(
        'if "box" not in st.session_state:\n    st.session_state.box = st.container()\n'
        'st.session_state.box.write("x")'
    )
    assert at.run_status == "ok"
    at.run()
    assert at.exception[0].type == "PorchAPIError"
    assert "earlier run" in at.exception[0].message
