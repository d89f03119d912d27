"""How runs go: rerun(), stop(), exceptions and syntax errors, magic, streaming order, and set_page_config."""

from __future__ import annotations

import pytest

from porch.testing import AppTest
from support import app


# -- rerun and stop ----------------------------------------------------------------------------------------------


def test_rerun_ends_the_run_and_starts_another() -> None:
    at = app(
        'st.session_state.runs = st.session_state.get("runs", 0) + 1\n'
        'st.write(f"run {st.session_state.runs}")\n'
        'if st.session_state.runs < 3:\n    st.rerun()\n    st.write("never")\n'
        'st.write("done")'
    )
    assert at.session_state["runs"] == 3
    assert at.markdown.values == ["run 3", "done"]
    assert at.run_status == "ok"
    statuses = [m["status"] for m in at.messages if m["type"] == "run" and m["state"] == "finished"]
    assert statuses == ["rerun", "rerun", "ok"]


def test_rerun_from_a_button() -> None:
    at = app(
        'if st.button("Reset"):\n    st.session_state.n = 0\n    st.rerun()\n'
        'st.session_state.n = st.session_state.get("n", 0) + 1\nst.write(st.session_state.n)'
    )
    at.run().run()
    assert at.markdown.rendered_texts == ["3"]
    at.button[0].click().run()
    assert at.markdown.rendered_texts == ["1"]


def test_a_callback_that_reruns_the_app_uses_up_its_click() -> None:
    at = app(
        "def save():\n    st.session_state.saves = st.session_state.get('saves', 0) + 1\n    st.rerun()\n"
        "saved = st.button('Save', on_click=save)\n"
        "st.write(f'saved={saved} saves={st.session_state.get(\"saves\", 0)}')"
    )
    at.button[0].click().run()
    # As in Streamlit 1.67: the rerun the callback asked for is a new run of the app, without the click.
    assert at.markdown.rendered_texts == ["saved=False saves=1"]
    assert at.button[0].value is False


def test_stop_ends_the_run_and_keeps_what_was_shown() -> None:
    at = app('st.write("before")\nst.stop()\nst.write("after")')
    assert at.run_status == "stopped"
    assert at.markdown.values == ["before"]


def test_stop_inside_a_container_keeps_the_container() -> None:
    at = app('with st.expander("E"):\n    st.write("in")\n    st.stop()\nst.write("out")')
    assert at.expander[0].markdown.values == ["in"]
    assert at.markdown.values == ["in"]


def test_stop_removes_leftovers_of_the_previous_run() -> None:
    at = app('st.write("top")\nif st.session_state.get("halt"):\n    st.stop()\nst.write("bottom")')
    assert at.markdown.values == ["top", "bottom"]
    at.session_state["halt"] = True
    at.run()
    assert at.markdown.values == ["top"]


def test_stop_cannot_be_swallowed_by_except_exception() -> None:
    at = app('try:\n    st.stop()\nexcept Exception:\n    st.write("swallowed")\nst.write("after")')
    assert at.run_status == "stopped"
    assert at.markdown.values == []


def test_sys_exit_stops_the_run() -> None:
    at = app('import sys\nst.write("a")\nsys.exit()\nst.write("b")')
    assert at.run_status == "stopped"
    assert at.markdown.values == ["a"]


# -- exceptions and syntax errors --------------------------------------------------------------------------------


def test_exception_shows_type_message_and_user_traceback() -> None:
    at = app('st.write("before")\ndef boom(x):\n    return 1 / x\nboom(0)\nst.write("after")')
    assert at.run_status == "error"
    assert at.markdown.values == ["before"]
    exc = at.exception[0]
    assert exc.props["type"] == "ZeroDivisionError"
    assert exc.message == "division by zero"
    trace = "\n".join(exc.stack_trace)
    assert "boom(0)" in trace and "return 1 / x" in trace
    assert "runner.py" not in trace and "site-packages" not in trace


def test_exception_from_a_porch_call_hides_porch_frames() -> None:
    at = app('st.slider("S", "a", "b")')  # (reversed bounds are swapped, as in Streamlit: no error)
    exc = at.exception[0]
    assert exc.props["type"] == "PorchAPIError"
    trace = "\n".join(exc.stack_trace)
    assert 'st.slider("S", "a", "b")' in trace
    assert "inputs.py" not in trace and "base.py" not in trace


def test_exception_is_shown_where_it_happened() -> None:
    at = app('st.write("top")\nwith st.expander("E"):\n    st.write("in")\n    raise KeyError("k")')
    assert at.expander[0].exception[0].props["type"] == "KeyError"
    assert [child.kind for child in at.main.children] == ["markdown", "expander"]


def test_exception_in_the_sidebar_is_shown_there() -> None:
    at = app('with st.sidebar:\n    raise RuntimeError("side")')
    assert at.sidebar.exception[0].message == "side"
    assert len(at.main.exception) == 0


def test_next_run_recovers_after_an_exception() -> None:
    at = app(
        'if st.checkbox("Fail"):\n    raise ValueError("failed")\nst.write("fine")'
    )
    at.checkbox[0].check().run()
    assert at.run_status == "error"
    assert len(at.exception) == 1
    at.checkbox[0].uncheck().run()
    assert at.run_status == "ok"
    assert len(at.exception) == 0
    assert at.markdown.values == ["fine"]


def test_syntax_error_is_shown_as_one() -> None:
    at = AppTest.from_string('import porch as st\nst.write("x"\nst.write("y")\n').run()
    assert at.run_status == "error"
    exc = at.exception[0]
    assert exc.props["type"] == "SyntaxError"
    assert "line" in exc.message
    assert len(at.markdown) == 0


def test_syntax_error_in_a_file_names_the_file(tmp_path: pytest.TempPathFactory) -> None:
    script = tmp_path / "broken_app.py"  # type: ignore[operator]
    script.write_text("import porch as st\nif True\n    st.write('x')\n")
    at = AppTest.from_file(str(script)).run()
    assert at.exception[0].props["type"] == "SyntaxError"
    assert "broken_app.py" in at.exception[0].message
    assert "line 2" in at.exception[0].message


def test_exception_that_is_a_keyboard_interrupt_like_base_exception_is_shown() -> None:
    at = app("class Odd(BaseException):\n    pass\nraise Odd('odd')")
    assert at.exception[0].props["type"] == "Odd"


# -- magic -------------------------------------------------------------------------------------------------------


def test_the_module_docstring_is_not_shown_as_in_streamlit() -> None:
    """Streamlit 1.67 shows a script's docstring only with ``magic.displayRootDocString`` (off by default); a string
    after the first statement is magic as any other."""
    at = AppTest.from_string('"""# My app\n\nWelcome."""\nimport porch as st\nst.write("body")\n"""## Later"""').run()
    assert at.markdown.values == ["body", "## Later"]


def test_bare_expressions_at_module_level() -> None:
    at = app('x = 41\nx + 1\n"a *markdown* string"\n{"k": 1}\n[1, 2]')
    assert at.markdown.rendered_texts == ["42", "a markdown string"]
    assert [j.parsed for j in at.json] == [{"k": 1}, [1, 2]]


def test_bare_expressions_inside_blocks_and_functions() -> None:
    at = app(
        'if True:\n    "in if"\nfor i in range(2):\n    f"in for {i}"\n'
        'with st.container():\n    "in with"\n'
        'def show():\n    "docstring, not shown"\n    "in function"\nshow()\n'
        'try:\n    "in try"\nexcept Exception:\n    pass\n'
        'n = 0\nwhile n < 1:\n    n += 1\n    "in while"'
    )
    assert at.main.markdown.values == ["in if", "in for 0", "in for 1", "in with", "in function", "in try", "in while"]
    assert at.container[0].markdown.values == ["in with"]


def test_assignments_and_porch_calls_are_not_shown() -> None:
    at = app(
        'x = 5\ny: int = 6\nx += 1\nprint("to the console")\n[].append(1)\n'
        'st.slider("S", 0, 10, 3)\nst.checkbox("C")\nst.text_input("T", "typed")\nst.button("B")\n'
        'st.columns(2)\nst.tabs(["a"])\nst.container()\nst.empty()\nst.spinner("x")\n'
        'st.session_state.get("missing", 5)\nst.sidebar.number_input("N")\nst.columns(2)[0].radio("R", [1])'
    )
    assert at.markdown.values == []
    assert at.json.values == []
    assert len(at.text) == 0 and len(at.html) == 0
    assert len(at.slider) == 1 and len(at.sidebar.number_input) == 1


def test_calls_of_porch_functions_imported_by_name_are_not_shown() -> None:
    at = AppTest.from_string('from porch import slider, session_state\nslider("S", 0, 9, 4)\nsession_state').run()
    assert at.markdown.values == []
    assert [j.parsed for j in at.json] == [{}]


def test_write_session_state_shows_its_contents() -> None:
    at = app('st.session_state.a = 1\nst.slider("S", 0, 9, 4, key="s")\nst.write(st.session_state)')
    assert [j.parsed for j in at.json] == [{"a": 1, "s": 4}]


def test_calls_are_not_shown_but_other_values_are_none_included_as_in_streamlit() -> None:
    """Streamlit 1.67's magic leaves calls alone (``magic.displayLastExprIfNoSemicolon`` is off), whatever they
    return, and writes every other value, ``None`` too; a tuple's items are ``write``'s arguments. (Porch showed what
    calls returned until issue 12: ``fig.update_layout(...)`` on a line drew the figure a second time.)"""
    at = app('def answer():\n    return 42\nanswer()\n"-".join(["a", "b"])\nNone\nx = 1\nx, "two"')
    assert at.markdown.values == ["`None`", "`1` two"]


def test_class_bodies_and_docstrings_are_not_shown() -> None:
    at = app('class Thing:\n    """Doc."""\n    "not shown"\n    def method(self):\n        "method docstring"\n        "shown"\nThing().method()')
    assert at.markdown.values == ["shown"]


def test_magic_keeps_line_numbers_for_tracebacks() -> None:
    at = app('"first"\n1 / 0')
    assert any("1 / 0" in line for line in at.exception[0].stack_trace)
    assert any("line 3" in line for line in at.exception[0].stack_trace)


# -- streaming ---------------------------------------------------------------------------------------------------


def test_a_loop_streams_one_delta_per_element_in_order() -> None:
    at = app('for i in range(20):\n    st.write(f"row {i}")')
    deltas = [m for m in at.messages if m["type"] == "delta"]
    assert [d["path"] for d in deltas] == [[0, i] for i in range(20)]
    assert [d["element"]["props"]["html"] for d in deltas] == [f"<p>row {i}</p>\n" for i in range(20)]
    types = [m["type"] for m in at.messages]
    assert types[1] == "run" and types[-1] == "run"


def test_a_slow_loop_sends_rows_before_the_run_ends() -> None:
    at = AppTest.from_string(
        "import time\nimport porch as st\nfor i in range(3):\n    st.write(f'row {i}')\n    time.sleep(0.05)\n"
    )
    at.run()
    # The client received each row in a frame of its own while the script slept.
    frames_before_finish = [m for m in at.messages if m["type"] == "delta"]
    assert len(frames_before_finish) == 3
    assert at.markdown.values == ["row 0", "row 1", "row 2"]


def test_run_messages_frame_each_run() -> None:
    at = app('st.write("x")')
    at.run()
    runs = [m for m in at.messages if m["type"] == "run"]
    assert [(m["state"], m["run"]) for m in runs] == [("running", 1), ("finished", 1), ("running", 2), ("finished", 2)]


# -- set_page_config ---------------------------------------------------------------------------------------------


def test_set_page_config() -> None:
    at = app(
        'st.set_page_config(page_title="My app", page_icon="🏠", layout="wide", initial_sidebar_state="collapsed")'
    )
    assert at.page == {"title": "My app", "icon": "🏠", "layout": "wide", "sidebar": "collapsed"}


def test_set_page_config_later_calls_override_only_what_they_name() -> None:
    at = app('st.write("first")\nst.set_page_config(page_title="A", layout="wide")\nst.set_page_config(page_title="B")')
    assert at.page == {"title": "B", "layout": "wide"}
    assert at.run_status == "ok"


def test_set_page_config_sends_a_page_message_only_on_change() -> None:
    at = app('st.set_page_config(page_title="Same")')
    at.run()
    assert len([m for m in at.messages if m["type"] == "page"]) == 1


@pytest.mark.parametrize("args", ['layout="huge"', 'initial_sidebar_state="open"'])
def test_set_page_config_bad_values(args: str) -> None:
    at = app(f"st.set_page_config({args})")
    assert at.exception[0].props["type"] == "PorchAPIError"


def test_set_page_config_menu_items_are_accepted() -> None:
    at = app('st.set_page_config(menu_items={"About": "An app"})')
    assert at.run_status == "ok"


def test_rerun_scope_app_and_fragment() -> None:
    at = app('st.session_state.n = st.session_state.get("n", 0) + 1\n'
             'if st.session_state.n == 1:\n    st.rerun(scope="app")\nst.write(st.session_state.n)')
    assert at.markdown.rendered_texts == ["2"]
    at = app('st.rerun(scope="fragment")')
    assert "during fragment reruns" in at.exception[0].message
    assert "only allowed from a widget callback" in app('st.rerun(scope="page")').exception[0].message
