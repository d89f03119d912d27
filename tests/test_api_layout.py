"""Layout beyond one block kind: the sidebar, and what a finished run leaves of the elements shown before.

Each block kind's own tests: tests/elements/test_columns.py, test_container.py, test_expander.py, test_tabs.py...
"""

from __future__ import annotations

from support import app, kinds


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
