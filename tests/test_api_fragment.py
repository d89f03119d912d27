"""``porch.fragment``: a widget inside a fragment reruns only the fragment, into its own block; the rest of the page
is neither run, resent nor trimmed (Streamlit 1.67's ``st.fragment``)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from porch.protocol import Rerun
from porch.session import Session
from porch.testing import AppTest
from support import app, send

COUNTED = """
st.session_state.app_runs = st.session_state.get("app_runs", 0) + 1
st.title("Page")
st.slider("Outside", 0, 10, 3, key="outside")

@st.fragment
def counter(label):
    st.session_state.fragment_runs = st.session_state.get("fragment_runs", 0) + 1
    st.button(label, key="inner")
    st.write(f"fragment ran {st.session_state.fragment_runs}")

counter("Again")
st.button("Everything", key="outer")
st.write(f"app ran {st.session_state.app_runs}")
"""


def since(at: AppTest, start: int) -> list[dict[str, Any]]:
    return at.messages[start:]


def tree_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in messages if m["type"] in ("delta", "trim", "reset")]


def fragment_path(at: AppTest, index: int = 0) -> list[int]:
    """The path of the ``index``-th fragment block of the session (in the order they were called)."""
    return list(list(at._session.fragments.values())[index].path)


# -- what a fragment event reruns ---------------------------------------------------------------------------------


def test_a_widget_in_a_fragment_reruns_only_the_fragment() -> None:
    at = app(COUNTED)
    assert at.markdown.values == ["fragment ran 1", "app ran 1"]
    for expected in (2, 3):
        start = len(at.messages)
        at.button(key="inner").click().run()
        assert at.session_state["fragment_runs"] == expected
        assert at.session_state["app_runs"] == 1
        assert at.markdown.values == [f"fragment ran {expected}", "app ran 1"]
        assert at.run_status == "ok"
        # Only the fragment's changed element travels: no other delta, no trim anywhere.
        home = fragment_path(at)
        changed = tree_messages(since(at, start))
        assert changed and all(m["type"] == "delta" for m in changed)
        assert all(m["path"][: len(home)] == home for m in changed)
        assert [m["element"]["props"]["body"] for m in changed] == [f"fragment ran {expected}"]


def test_a_widget_outside_reruns_everything() -> None:
    at = app(COUNTED)
    at.button(key="outer").click().run()
    assert (at.session_state["app_runs"], at.session_state["fragment_runs"]) == (2, 2)
    assert at.markdown.values == ["fragment ran 2", "app ran 2"]


def test_widgets_outside_keep_their_state_during_fragment_reruns() -> None:
    at = app(COUNTED)
    at.slider(key="outside").set_value(8).run()
    at.button(key="inner").click().run()
    at.button(key="inner").click().run()
    assert at.slider(key="outside").value == 8
    assert at.session_state["outside"] == 8
    assert at.title[0].value == "Page"
    at.button(key="outer").click().run()
    assert at.slider(key="outside").value == 8


def test_widgets_of_a_fragment_keep_their_values_across_full_reruns() -> None:
    at = app(
        '@st.fragment\ndef f():\n    n = st.number_input("N", value=1)\n    st.write(f"n={n}")\n'
        'f()\nst.button("All")'
    )
    at.number_input[0].set_value(5).run()
    assert at.markdown.values == ["n=5"]
    at.button[0].click().run()
    assert at.number_input[0].value == 5 and at.markdown.values == ["n=5"]
    at.run()
    assert at.number_input[0].value == 5


def test_a_fragment_rerun_uses_the_arguments_of_its_last_call() -> None:
    at = app(
        'st.session_state.n = st.session_state.get("n", 0) + 1\n'
        '@st.fragment\ndef f(who, times=1):\n    st.button("Hi")\n    st.write(who * times)\n'
        'f("ab", times=st.session_state.n)'
    )
    assert at.markdown.values == ["ab"]
    at.run()
    assert at.markdown.values == ["abab"]
    at.button[0].click().run()
    assert at.markdown.values == ["abab"] and at.session_state["n"] == 2


def test_a_fragment_returns_what_its_function_returns() -> None:
    at = app('@st.fragment\ndef f(x):\n    return x * 2\nst.write(f"got {f(21)}")')
    assert at.markdown.values == ["got 42"]


def test_a_shrinking_fragment_trims_only_inside_its_block() -> None:
    at = app(
        'st.write("top")\n'
        '@st.fragment\ndef f():\n    n = st.number_input("Rows", value=3)\n    for i in range(int(n)):\n'
        '        st.text(f"row {i}")\n'
        'f()\nst.write("bottom")'
    )
    assert at.text.values == ["row 0", "row 1", "row 2"]
    start = len(at.messages)
    at.number_input[0].set_value(1).run()
    assert at.text.values == ["row 0"]
    assert at.markdown.values == ["top", "bottom"]
    trims = [m for m in since(at, start) if m["type"] == "trim"]
    assert [(m["path"], m["length"]) for m in trims] == [(fragment_path(at), 2)]


def test_the_fragment_is_a_container_where_it_is_called() -> None:
    at = app('st.write("a")\n@st.fragment\ndef f():\n    st.write("in")\nf()\nst.write("b")')
    assert [c.kind for c in at.main.children] == ["markdown", "container", "markdown"]
    assert at.main.children[1].markdown.values == ["in"]


def test_a_fragment_rerun_sends_only_what_changed() -> None:
    at = app('@st.fragment\ndef f():\n    st.checkbox("C")\n    st.write("static")\nf()\nst.write("out")')
    start = len(at.messages)
    at.checkbox[0].check().run()
    kinds = [(m["type"], m.get("element", {}).get("kind")) for m in since(at, start)]
    assert kinds == [("run", None), ("delta", "checkbox"), ("run", None)]  # the checkbox's new value, nothing else


# -- rerun(scope=...) ----------------------------------------------------------------------------------------------


def test_rerun_scope_fragment_reruns_the_fragment_only() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment\ndef f():\n    st.session_state.frag = st.session_state.get("frag", 0) + 1\n'
        '    if st.button("Twice") and not st.session_state.get("again"):\n'
        '        st.session_state.again = True\n        st.rerun(scope="fragment")\n'
        '    st.session_state.again = False\n    st.write(f"frag {st.session_state.frag}")\n'
        'f()\nst.write(f"app {st.session_state.app}")'
    )
    at.button[0].click().run()
    assert (at.session_state["app"], at.session_state["frag"]) == (1, 3)
    assert at.markdown.values == ["frag 3", "app 1"]
    statuses = [m["status"] for m in at.messages if m["type"] == "run" and m["state"] == "finished"]
    assert statuses == ["ok", "rerun", "ok"]


def test_rerun_scope_app_inside_a_fragment_reruns_everything() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment\ndef f():\n    if st.button("All"):\n        st.rerun(scope="app")\n'
        'f()\nst.write(f"app {st.session_state.app}")'
    )
    at.button[0].click().run()
    assert at.session_state["app"] == 2 and at.markdown.values == ["app 2"]


def test_rerun_scope_fragment_in_a_full_run_is_an_error_shown_inside_the_fragment() -> None:
    at = app('st.write("before")\n@st.fragment\ndef f():\n    st.rerun(scope="fragment")\nf()\nst.write("after")')
    assert at.run_status == "error"
    fragment = at.main.children[1]
    assert fragment.kind == "container"
    assert "during fragment reruns" in fragment.exception[0].message
    assert at.markdown.values == ["before"]  # as in Streamlit, the error ends the full run where the fragment was
    at = app('st.rerun(scope="fragment")')
    assert "during fragment reruns" in at.exception[0].message


def test_rerun_scope_values() -> None:
    assert "only allowed from a widget callback" in app('st.rerun(scope="page")').exception[0].message
    assert "reserved scope name" in app('st.rerun(scope=["app"])').exception[0].message
    assert "at least one" in app("st.rerun(scope=[])").exception[0].message
    assert "scope must be" in app("st.rerun(scope=None)").exception[0].message


def test_a_callback_reruns_a_fragment_by_its_key() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment(key="charts")\ndef charts():\n'
        '    st.session_state.charts = st.session_state.get("charts", 0) + 1\n'
        '    st.write(f"filter {st.session_state.get(\'filter\', \'all\')}")\n'
        'charts()\n'
        'st.selectbox("Filter", ["all", "recent"], key="filter", on_change=lambda: st.rerun("charts"))'
    )
    at.selectbox[0].select("recent").run()
    assert (at.session_state["app"], at.session_state["charts"]) == (1, 2)
    assert at.markdown.values == ["filter recent"]
    # The run left the selectbox, outside the fragment, as the page shows it: with the value the person chose.
    assert at.selectbox[0].value == "recent" and at.selectbox[0].index == 1
    unknown = app('st.button("B", on_click=lambda: st.rerun("nope"))')
    unknown.button[0].click().run()
    assert "No fragment found for target 'nope'" in unknown.exception[0].message


CALLBACK_VOTES = """
st.session_state.app = st.session_state.get("app", 0) + 1
@st.fragment(key="charts")
def charts():
    st.session_state.charts = st.session_state.get("charts", 0) + 1
    st.write(f"charts {st.session_state.charts}")
charts()
def first():
    st.session_state.calls = [*st.session_state.get("calls", []), "first"]
    st.rerun("charts")
def second():
    st.session_state.calls = [*st.session_state.get("calls", []), "second"]
    {second}
st.checkbox("A", key="a", on_change=first)
st.checkbox("B", key="b", on_change=second)
st.write(f"app {st.session_state.app}")
"""


@pytest.mark.parametrize(
    ("second", "runs", "statuses"),
    [
        ('st.rerun("charts")', (1, 2), ["rerun", "ok"]),  # both ask for the fragment: only it reruns, once
        ("pass", (2, 2), ["ok"]),  # the other returns normally: the event's own rerun (the app, this run) wins
        ("st.rerun()", (2, 2), ["rerun", "ok"]),  # the other asks for the app
    ],
)
def test_a_keyed_rerun_in_a_callback_ends_that_callback_only(
    second: str, runs: tuple[int, int], statuses: list[str]
) -> None:
    """Streamlit 1.67's callback votes: ``rerun(<key>)`` ends its own callback; the event's other callbacks run, and
    the event reruns the fragment only when every callback that ran asked for fragments."""
    at = app(CALLBACK_VOTES.replace("{second}", second))
    start = len(at.messages)
    at.checkbox[0].check()
    at.checkbox[1].check().run()  # one event changes both
    finished = [m["status"] for m in since(at, start) if m["type"] == "run" and m["state"] == "finished"]
    assert finished == statuses
    assert at.session_state["calls"] == ["first", "second"]
    assert (at.session_state["app"], at.session_state["charts"]) == runs
    assert at.run_status == "ok" and not at.exception


def test_fragment_keys_are_checked() -> None:
    assert "reserved name" in app('@st.fragment(key="app")\ndef f():\n    pass').exception[0].message
    at = app(
        '@st.fragment(key="k")\ndef f():\n    st.write("f")\n@st.fragment(key="k")\ndef g():\n    st.write("g")\n'
        'f()\ng()'
    )
    assert "two fragments with key='k'" in at.exception[0].message
    shared = app('@st.fragment(key=7)\ndef f(x):\n    st.write(x)\nf("a")\nf("b")')
    assert shared.run_status == "ok" and shared.markdown.values == ["a", "b"]


# -- nesting and layout --------------------------------------------------------------------------------------------

NESTED = """
st.session_state.app = st.session_state.get("app", 0) + 1

@st.fragment
def inner():
    st.session_state.inner = st.session_state.get("inner", 0) + 1
    st.button("In", key="in")
    st.write(f"inner {st.session_state.inner}")

@st.fragment
def outer():
    st.session_state.outer = st.session_state.get("outer", 0) + 1
    st.button("Out", key="out")
    st.write(f"outer {st.session_state.outer}")
    inner()

outer()
st.write(f"app {st.session_state.app}")
"""


def counts(at: AppTest) -> tuple[int, int, int]:
    return (at.session_state["app"], at.session_state["outer"], at.session_state["inner"])


def test_an_inner_fragments_event_reruns_the_innermost_fragment() -> None:
    at = app(NESTED)
    assert counts(at) == (1, 1, 1)
    at.button(key="in").click().run()
    assert counts(at) == (1, 1, 2)
    at.button(key="out").click().run()
    assert counts(at) == (1, 2, 3)
    at.button(key="in").click().run()  # the inner fragment the outer one made anew
    assert counts(at) == (1, 2, 4)
    assert at.markdown.values == ["outer 2", "inner 4", "app 1"]


def test_one_event_naming_an_outer_and_an_inner_fragment_reruns_the_outer_once() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment\ndef inner():\n    st.session_state.inner = st.session_state.get("inner", 0) + 1\n'
        '    st.button("In")\n'
        '@st.fragment\ndef outer():\n    st.session_state.outer = st.session_state.get("outer", 0) + 1\n'
        '    st.checkbox("Out")\n    inner()\n'
        'outer()'
    )
    send(at, {at.checkbox[0].id: True}, trigger=at.button[0].id)
    assert counts(at) == (1, 2, 2)
    assert at.checkbox[0].value is True


def test_one_event_naming_two_sibling_fragments_reruns_both_in_one_run() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment\ndef f(name):\n    st.session_state[name] = st.session_state.get(name, 0) + 1\n'
        '    st.checkbox(name)\n    st.write(f"{name} {st.session_state[name]}")\n'
        'f("a")\nst.write("between")\nf("b")'
    )
    start = len(at.messages)
    send(at, {at.checkbox[0].id: True, at.checkbox[1].id: True})
    assert (at.session_state["app"], at.session_state["a"], at.session_state["b"]) == (1, 2, 2)
    assert at.markdown.values == ["a 2", "between", "b 2"]
    runs = [m for m in since(at, start) if m["type"] == "run" and m["state"] == "finished"]
    assert len(runs) == 1


def test_a_form_inside_a_fragment_submits_into_a_fragment_rerun() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment\ndef f():\n    with st.form("F", clear_on_submit=True):\n        name = st.text_input("Name")\n'
        '        sent = st.form_submit_button("Send")\n    if sent:\n        st.write(f"hello {name}")\n'
        'f()'
    )
    at.text_input[0].input("Ada")
    at.button[0].click().run()
    assert at.session_state["app"] == 1
    assert at.markdown.values == ["hello Ada"]
    assert at.text_input[0].value == ""


@pytest.mark.parametrize(
    "where",
    [
        "with st.sidebar:\n    frag()",
        "cols = st.columns(2)\nwith cols[1]:\n    frag()",
        "tabs = st.tabs(['A', 'B'])\nwith tabs[1]:\n    frag()",
        "with st.expander('E'):\n    frag()",
        "with st.container(border=True):\n    frag()",
    ],
)
def test_fragments_in_columns_sidebar_tabs_and_containers(where: str) -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\nst.write("top")\n'
        '@st.fragment\ndef frag():\n    st.session_state.f = st.session_state.get("f", 0) + 1\n'
        '    st.button("Go")\n    st.text(f"f {st.session_state.f}")\n'
        + where + '\nst.write("bottom")'
    )
    start = len(at.messages)
    at.button[0].click().run()
    assert (at.session_state["app"], at.session_state["f"]) == (1, 2)
    assert at.text.values == ["f 2"]
    home = fragment_path(at)
    changed = tree_messages(since(at, start))
    assert [m["path"][: len(home)] for m in changed] == [home]


def test_two_calls_of_one_fragment_function_are_two_fragments() -> None:
    at = app(
        '@st.fragment\ndef f(name):\n    st.session_state[name] = st.session_state.get(name, 0) + 1\n'
        '    st.button(name)\n    st.write(f"{name} {st.session_state[name]}")\n'
        'f("a")\nf("b")'
    )
    at.button[1].click().run()
    assert at.markdown.values == ["a 1", "b 2"]
    at.button[0].click().run()
    assert at.markdown.values == ["a 2", "b 2"]


# -- errors ---------------------------------------------------------------------------------------------------------


def test_a_fragment_that_raises_in_its_rerun_shows_the_error_inside_and_leaves_the_page() -> None:
    at = app(
        'st.write("top")\n'
        '@st.fragment\ndef f():\n    st.write("fragment")\n    if st.button("Boom"):\n        1 / 0\n'
        'f()\nst.write("bottom")'
    )
    start = len(at.messages)
    at.button[0].click().run()
    assert at.run_status == "error"
    fragment = at.main.children[1]
    assert fragment.exception[0].props["type"] == "ZeroDivisionError"
    assert at.markdown.values == ["top", "fragment", "bottom"]
    home = fragment_path(at)
    assert all(m["path"][: len(home)] == home for m in tree_messages(since(at, start)))
    at.run()  # a full run without the click recovers
    assert at.run_status == "ok" and len(at.exception) == 0


def test_a_fragment_that_raises_in_a_full_run_shows_the_error_inside_it() -> None:
    at = app('st.write("top")\n@st.fragment\ndef f():\n    st.write("in")\n    raise ValueError("bad")\nf()')
    assert at.run_status == "error"
    fragment = at.main.children[1]
    assert fragment.markdown.values == ["in"]
    assert (fragment.exception[0].props["type"], fragment.exception[0].message) == ("ValueError", "bad")
    assert len(at.exception) == 1


def test_an_error_in_a_nested_with_block_is_shown_there() -> None:
    at = app('@st.fragment\ndef f():\n    with st.expander("E"):\n        raise KeyError("k")\nf()')
    assert at.expander[0].exception[0].props["type"] == "KeyError"


# -- writing outside the fragment ------------------------------------------------------------------------------------


def test_a_fragment_writing_into_the_sidebar_redraws_its_part_there() -> None:
    at = app(
        'st.sidebar.write("sidebar top")\n'
        '@st.fragment\ndef f():\n    n = st.number_input("N", value=1)\n    st.sidebar.write(f"n is {n}")\n'
        'f()\nst.sidebar.write("sidebar bottom")'
    )
    assert at.sidebar.markdown.values == ["sidebar top", "n is 1", "sidebar bottom"]
    start = len(at.messages)
    at.number_input[0].set_value(4).run()
    assert at.run_status == "ok"
    assert at.sidebar.markdown.values == ["sidebar top", "n is 4", "sidebar bottom"]
    assert [m["path"] for m in tree_messages(since(at, start))] == [fragment_path(at) + [0], [1, 1, 0]]


def test_what_a_fragment_rerun_no_longer_writes_outside_is_removed() -> None:
    at = app(
        'st.sidebar.write("sidebar top")\n'
        '@st.fragment\ndef f():\n    on = st.checkbox("Sidebar", value=True)\n    if on:\n'
        '        st.sidebar.write("from the fragment")\n        st.sidebar.write("twice")\n'
        'f()\nst.sidebar.write("sidebar bottom")'
    )
    assert at.sidebar.markdown.values == ["sidebar top", "from the fragment", "twice", "sidebar bottom"]
    at.checkbox[0].uncheck().run()
    assert at.sidebar.markdown.values == ["sidebar top", "sidebar bottom"]
    at.checkbox[0].check().run()
    assert at.sidebar.markdown.values == ["sidebar top", "from the fragment", "twice", "sidebar bottom"]


def test_a_fragment_widget_written_outside_reruns_the_fragment() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        'box = st.container()\n'
        '@st.fragment\ndef f():\n    st.session_state.f = st.session_state.get("f", 0) + 1\n'
        '    box.button("In the box")\n    st.write(f"f {st.session_state.f}")\n'
        'f()'
    )
    at.button[0].click().run()
    assert (at.session_state["app"], at.session_state["f"]) == (1, 2)
    assert at.markdown.values == ["f 2"]


def test_an_outside_container_the_fragment_did_not_write_to_in_the_full_run_is_an_error() -> None:
    at = app(
        'slot = st.empty()\n'
        '@st.fragment\ndef f():\n    if st.button("Fill"):\n        slot.write("filled")\n'
        'f()\nst.write("after")'
    )
    at.button[0].click().run()
    assert at.run_status == "error"
    assert "did not write to that container" in at.main.children[1].exception[0].message
    assert at.markdown.values == ["after"]


def test_an_outside_placeholder_written_in_the_full_run_is_refilled() -> None:
    at = app(
        'slot = st.empty()\n'
        '@st.fragment\ndef f():\n    n = st.number_input("N", value=0)\n    slot.write(f"value {n}")\n'
        'f()'
    )
    assert at.markdown.values == ["value 0"]
    at.number_input[0].set_value(3).run()
    assert at.markdown.values == ["value 3"]
    at.number_input[0].set_value(4).run()
    assert at.markdown.values == ["value 4"]


def test_the_block_kept_in_an_outside_container_is_a_plain_container_laid_out_like_it() -> None:
    from porch.elements import container
    from porch.elements._outside import PLAIN_CONTAINER

    assert set(PLAIN_CONTAINER) == set(container.Props.__annotations__)
    at = app(
        'row = st.container(horizontal=True, gap="large")\nrow.write("first")\n'
        '@st.fragment\ndef f():\n    row.write("from the fragment")\n    row.write("and more")\nf()'
    )
    row = at.main.children[0]
    kept = row.children[1]
    assert kept.kind == "container" and kept.markdown.values == ["from the fragment", "and more"]
    assert (kept.props["horizontal"], kept.props["gap"], kept.props["border"]) == (True, "large", False)


def test_a_callback_of_a_fragment_widget_writes_at_the_top_of_the_fragment() -> None:
    at = app(
        'st.write("top")\n'
        '@st.fragment\ndef f():\n    st.button("Go", on_click=lambda: st.write("called back"))\n    st.write("body")\n'
        'f()\nst.write("bottom")'
    )
    at.button[0].click().run()
    assert at.main.children[1].markdown.values == ["called back", "body"]
    assert at.markdown.values == ["top", "called back", "body", "bottom"]


# -- lifetime -------------------------------------------------------------------------------------------------------


def test_a_full_run_that_no_longer_calls_a_fragment_drops_it_and_its_widgets() -> None:
    at = app(
        'show = st.checkbox("Show", value=True)\n'
        '@st.fragment\ndef f():\n    st.text_input("Name", key="name")\nif show:\n    f()'
    )
    at.text_input[0].input("Ada").run()
    assert len(at._session.fragments) == 1
    at.checkbox[0].uncheck().run()
    assert at._session.fragments == {} and "name" not in at.session_state


def test_a_widget_event_of_a_dropped_fragment_reruns_the_whole_script() -> None:
    at = app(COUNTED)
    button = at.button(key="inner")
    at._session.fragments.clear()
    send(at, {}, trigger=button.id)
    assert at.session_state["app_runs"] == 2


def test_run_every_reruns_the_fragment_on_a_timer_until_a_full_run_drops_it() -> None:
    at = app(
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        'live = st.checkbox("Live", value=True)\n'
        '@st.fragment(run_every=0.05)\ndef clock():\n'
        '    st.session_state.ticks = st.session_state.get("ticks", 0) + 1\n'
        '    st.write(f"tick {st.session_state.ticks}")\n'
        'if live:\n    clock()'
    )
    at.wait(0.6)
    ticks = at.session_state["ticks"]
    assert ticks >= 4, ticks
    assert at.session_state["app"] == 1
    assert at.markdown.values == [f"tick {ticks}"]
    at.checkbox[0].uncheck().run()
    stopped = at.session_state["ticks"]
    at.wait(0.3)
    assert at.session_state["ticks"] == stopped


@pytest.mark.parametrize("period", ["50ms", 0.05, "PT"])
def test_run_every_takes_seconds_timedeltas_and_strings(period: Any) -> None:
    if period == "PT":
        at = app('import datetime\n@st.fragment(run_every=datetime.timedelta(milliseconds=50))\ndef f():\n'
                 '    st.session_state.n = st.session_state.get("n", 0) + 1\nf()')
    else:
        at = app('@st.fragment(run_every=period)\ndef f():\n    st.session_state.n = st.session_state.get("n", 0) + 1\n'
                 'f()', period=period)
    at.wait(0.4)
    assert at.session_state["n"] >= 3


def test_run_every_values_are_checked() -> None:
    assert "positive" in app("@st.fragment(run_every=0)\ndef f():\n    pass").exception[0].message
    assert "not a duration" in app('@st.fragment(run_every="soon")\ndef f():\n    pass').exception[0].message


def test_run_every_stops_with_the_session() -> None:
    at = app('@st.fragment(run_every=0.05)\ndef f():\n    st.session_state.n = st.session_state.get("n", 0) + 1\nf()')
    at.close()
    assert at._session.fragments == {}
    at._loop.run_until(lambda: False, 0.2)  # its timer fires once more and finds the session closed
    assert not at._session.has_pending_request()


def test_a_timer_does_not_cut_a_slow_fragment_run_short() -> None:
    at = app(
        'import time\n'
        '@st.fragment(run_every=0.05)\ndef f():\n    st.session_state.n = st.session_state.get("n", 0) + 1\n'
        '    if st.session_state.n > 1:\n        for i in range(3):\n            time.sleep(0.04)\n'
        '            st.text(f"step {i}")\nf()'
    )

    def finished() -> list[str]:
        return [m["status"] for m in at.messages if m["type"] == "run" and m["state"] == "finished"]

    # Each rerun takes longer than the period: the timer's requests wait for it, never cut it short.
    assert at._loop.run_until(lambda: len(finished()) >= 5, 5)
    at.close()
    assert "rerun" not in finished()


# -- requests --------------------------------------------------------------------------------------------------------


def test_a_fragment_event_does_not_interrupt_a_full_run() -> None:
    at = AppTest.from_string(
        "import porch as st, time\n"
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment\ndef f():\n    st.session_state.f = st.session_state.get("f", 0) + 1\n    st.button("In")\n'
        "f()\n"
        'if st.session_state.app > 1:\n    for i in range(5):\n        time.sleep(0.05)\n        st.text(f"slow {i}")\n'
        'st.button("All")\n',
        default_timeout=5,
    ).run()
    inner, outer = at.button[0], at.button[1]
    session = at._session
    session.receive(Rerun(trigger=outer.id))  # a slow full run starts...
    deadline = time.monotonic() + 3
    while not at.messages[-1].get("element", {}).get("props", {}).get("body", "").startswith("slow"):
        at._loop.run_until(lambda: False, 0.01)
        assert time.monotonic() < deadline
    send(at, {}, trigger=inner.id)  # ...and a fragment's event arrives while it goes
    statuses = [m["status"] for m in at.messages if m["type"] == "run" and m["state"] == "finished"]
    assert statuses == ["ok", "ok", "ok"]
    assert (at.session_state["app"], at.session_state["f"]) == (2, 3)
    assert at.text.values == [f"slow {i}" for i in range(5)]


def test_a_full_rerun_request_during_a_fragment_run_interrupts_it() -> None:
    at = app(
        "import time\n"
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment\ndef f():\n    if st.button("Slow"):\n        for i in range(40):\n'
        '            time.sleep(0.05)\n            st.text(f"slow {i}")\n'
        "f()\n"
        'st.button("All")'
    )
    slow, everything = at.button[0], at.button[1]
    at._session.receive(Rerun(trigger=slow.id))
    at._loop.run_until(lambda: bool(at.text.values), 3)
    send(at, {}, trigger=everything.id)
    statuses = [m["status"] for m in at.messages if m["type"] == "run" and m["state"] == "finished"]
    assert statuses == ["ok", "rerun", "ok"]
    assert at.session_state["app"] == 2 and at.text.values == []


def test_streamlit_apptest_reruns_the_whole_script_as_streamlits_does() -> None:
    from porch.streamlit.testing.v1 import AppTest as StreamlitAppTest

    at = StreamlitAppTest.from_string("import streamlit as st\n" + COUNTED).run()
    at.button(key="inner").click().run()
    assert (at.session_state["app_runs"], at.session_state["fragment_runs"]) == (2, 2)


# -- over a real socket ------------------------------------------------------------------------------------------------


def test_run_every_reruns_the_fragment_over_the_socket_while_a_client_is_connected() -> None:
    from engine_harness import ProtocolClient, running_engine

    source = (
        "import porch as st\n"
        'st.session_state.app = st.session_state.get("app", 0) + 1\n'
        '@st.fragment(run_every=0.1)\ndef clock():\n    st.session_state.ticks = st.session_state.get("ticks", 0) + 1\n'
        '    st.text(f"tick {st.session_state.ticks}")\n'
        "clock()\n"
        'st.text(f"app {st.session_state.app}")\n'
    )
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        for _ in range(3):  # no client message: the server's timer reruns the fragment
            client.until_finished()
        texts = client.texts()
        assert texts[-1] == "app 1" and texts[0].startswith("tick ") and int(texts[0].split()[1]) >= 4
        session = server.engine.sessions.get(client.session_id)
        assert isinstance(session, Session)  # the default isolation: a session of this process
        client.close()
        deadline = time.monotonic() + 5
        while session.connected:  # the server notices the closed socket
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.3)  # a run the last tick asked for has ended
        ticks = session.state["ticks"]
        time.sleep(0.4)  # detached: the timer asks for nothing
        assert session.state["ticks"] == ticks


# -- in the browser ---------------------------------------------------------------------------------------------------

SLOW_PAGE = """
import time
import porch as st

st.title("Slow page")
time.sleep(2)  # the slow outside part
st.session_state.app = st.session_state.get("app", 0) + 1
st.text(f"outside ran {st.session_state.app}")

@st.fragment
def quick():
    st.session_state.clicks = st.session_state.get("clicks", 0) + 1
    st.button("Quick")
    st.text(f"fragment ran {st.session_state.clicks}")

quick()
st.text("the end")
"""


@pytest.mark.browser
def test_a_fragment_updates_quickly_and_leaves_the_rest_of_the_page_untouched(context: Any) -> None:
    import json

    from engine_harness import running_engine

    with running_engine(SLOW_PAGE) as server:
        page = context.new_page()
        frames: list[dict[str, Any]] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.extend(json.loads(payload))))
        page.goto(server.url)
        page.wait_for_function("() => document.body.dataset.run === 'finished'", timeout=15_000)
        page.get_by_text("fragment ran 1", exact=True).wait_for()
        # Marks on DOM nodes outside the fragment: a node the client replaced or rebuilt would lose them.
        for text in ("outside ran 1", "the end"):
            page.get_by_text(text, exact=True).evaluate("node => { node.__porchMark = 'kept' }")
        page.get_by_role("heading", name="Slow page").evaluate("node => { node.__porchMark = 'kept' }")
        sent = len(frames)

        for clicks in (2, 3):
            started = time.monotonic()
            page.get_by_role("button", name="Quick").click()
            page.get_by_text(f"fragment ran {clicks}", exact=True).wait_for(timeout=5_000)
            assert time.monotonic() - started < 1.5, "a fragment rerun waits for no slow outside part"

        for text in ("outside ran 1", "the end"):
            assert page.get_by_text(text, exact=True).evaluate("node => node.__porchMark") == "kept"
        assert page.get_by_role("heading", name="Slow page").evaluate("node => node.__porchMark") == "kept"
        tree = [m for m in frames[sent:] if m["type"] in ("delta", "trim", "reset")]
        assert tree and all(m["type"] == "delta" and m["element"]["kind"] == "text" for m in tree)
        assert [m["element"]["props"]["body"] for m in tree] == ["fragment ran 2", "fragment ran 3"]
