"""``exception``: st.exception of a caught error or of an exception never raised.

Errors a run raises are tests of runs: tests/test_api_runs.py."""

from __future__ import annotations

from support import app


def test_exception_of_a_caught_error_shows_type_message_and_user_traceback() -> None:
    at = app(
        "def fail():\n    raise ValueError('bad input')\n"
        "try:\n    fail()\nexcept ValueError as e:\n    st.exception(e)\n"
        "st.write('after')"
    )
    assert at.run_status == "ok"
    exc = at.exception[0]
    assert exc.props["type"] == "ValueError"
    assert exc.message == "bad input"
    trace = "\n".join(exc.stack_trace)
    assert "fail()" in trace and "raise ValueError('bad input')" in trace
    assert "porch" not in trace.replace("import porch", "")
    assert at.markdown.values == ["after"]


def test_exception_never_raised_has_no_traceback() -> None:
    at = app("st.exception(RuntimeError('just a value'))")
    assert at.exception[0].props["type"] == "RuntimeError"
    assert at.exception[0].stack_trace == []
