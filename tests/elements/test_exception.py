"""``exception``: st.exception of a caught error or of an exception never raised.

Errors a run raises are tests of runs: tests/test_api_runs.py."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.elements.exception import REDACTED_MESSAGE
from porch.testing import AppTest
from support import app
from test_browser import open_app


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


UNCAUGHT = (
    "import porch as st\nst.set_option('client.showErrorDetails', LEVEL)\n"
    "class Leak(Exception):\n    pass\n"
    "def fail():\n    raise Leak('password=hunter2')\n"
    "fail()\n"
)


@pytest.mark.parametrize(
    "level, shown",
    [
        ("full", ("Leak", "password=hunter2", True)),
        (True, ("Leak", "password=hunter2", True)),
        ("true", ("Leak", "password=hunter2", True)),
        ("stacktrace", ("Leak", REDACTED_MESSAGE, True)),
        (False, ("Leak", REDACTED_MESSAGE, True)),
        ("type", ("Leak", REDACTED_MESSAGE, False)),
        ("none", ("", REDACTED_MESSAGE, False)),
    ],
)
def test_an_uncaught_exception_shows_what_show_error_details_allows(
    level: object, shown: tuple[str, str, bool], caplog: pytest.LogCaptureFixture
) -> None:
    """As Streamlit 1.67's ``client.showErrorDetails``: "full" (or True) shows the type, message and traceback;
    "stacktrace" (or False) the type and traceback; "type" the type; "none" only the notice. The log has it all."""
    with caplog.at_level(logging.ERROR, logger="porch.exception"):
        at = AppTest.from_string(UNCAUGHT.replace("LEVEL", repr(level))).run()
    (exc,) = at.exception
    type_, message, traced = shown
    assert (exc.props["type"], exc.message) == (type_, message)
    trace = "\n".join(exc.stack_trace)
    assert ("raise Leak('password=hunter2')" in trace) is traced
    withheld = [record for record in caplog.records if record.name == "porch.exception"]
    if message == REDACTED_MESSAGE:
        assert len(withheld) == 1 and withheld[0].exc_info and "hunter2" in str(withheld[0].exc_info[1])
    else:
        assert not withheld


def test_st_exception_shows_everything_whatever_show_error_details_says() -> None:
    """Streamlit applies ``client.showErrorDetails`` only to the exceptions that end a run, not to ``st.exception``."""
    at = app("st.set_option('client.showErrorDetails', 'none')\nst.exception(ValueError('shown'))")
    assert (at.exception[0].props["type"], at.exception[0].message) == ("ValueError", "shown")


def test_a_fragments_exception_follows_show_error_details_too() -> None:
    at = app(
        "st.set_option('client.showErrorDetails', 'type')\n"
        "@st.fragment\ndef part():\n    raise KeyError('secret')\npart()\nst.write('after')"
    )
    assert (at.exception[0].props["type"], at.exception[0].message) == ("KeyError", REDACTED_MESSAGE)
    assert at.exception[0].stack_trace == []


@pytest.mark.browser
def test_the_page_shows_only_the_notice_with_none(context: Any) -> None:
    with running_engine("raise ValueError('password=hunter2')", show_error_details="none") as server:
        page = open_app(context, server.url)
        box = page.locator(".exception")
        expect(box.locator(".exception-message")).to_have_text(REDACTED_MESSAGE)
        expect(box.locator(".exception-type")).to_be_hidden()
        expect(box.locator(".exception-traceback")).to_be_hidden()
        assert "hunter2" not in page.content()


def test_exception_of_a_string_shows_it_as_streamlit_does() -> None:
    at = app('st.exception("the upload was empty")\nst.write("after")')
    assert at.run_status == "ok" and at.markdown.values == ["after"]
    shown = at.exception[0]
    assert (shown.message, shown.props["type"], shown.stack_trace) == ("the upload was empty", "str", [])


def test_stack_trace_lines_are_stripped_as_streamlit_gives_them() -> None:
    at = app(
        "def fail():\n    raise KeyError('k')\n\ntry:\n    fail()\nexcept KeyError as error:\n    st.exception(error)"
    )
    lines = at.exception[0].stack_trace
    assert len(lines) == 2 and lines[0].startswith('File "') and lines[1].endswith("raise KeyError('k')")
    assert all(line == line.strip() for line in lines)
