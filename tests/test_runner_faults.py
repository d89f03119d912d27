"""A fault in Porch's own code during a run is logged and reported; the session stays usable."""

from __future__ import annotations

import logging

import pytest

import porch.api.write
from porch.testing import AppTest

APP = """
import porch as st
if st.checkbox("Fail"):
    raise ValueError("the script's own error")
st.text("fine")
"""


def test_an_error_while_showing_an_exception_does_not_kill_the_session(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("porch itself failed")

    at = AppTest.from_string(APP).run()
    monkeypatch.setattr(porch.api.write, "show_exception", broken)
    with caplog.at_level(logging.ERROR, logger="porch.runner"):
        at.checkbox[0].check().run()
    assert at.run_status == "error"
    assert "the script's own error" in caplog.text
    monkeypatch.undo()
    at.checkbox[0].uncheck().run()
    assert at.run_status == "ok" and at.text[0].value == "fine"


def test_an_internal_error_outside_the_script_ends_the_run_as_an_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    at = AppTest.from_string(APP).run()
    session = at._session  # the fault is planted inside the session: no public name, on purpose

    def broken_begin(*args: object) -> None:
        raise RuntimeError("bookkeeping failed")

    monkeypatch.setattr(session, "begin_run", broken_begin)
    with caplog.at_level(logging.ERROR, logger="porch.runner"):
        at.checkbox[0].check().run()
    assert at.run_status == "error"
    assert "internal error" in caplog.text
    monkeypatch.undo()
    at.checkbox[0].uncheck().run()
    assert at.run_status == "ok"
