"""``progress``: st.progress, its value range, its text, and a bar updated in place."""

from __future__ import annotations

import pytest

from support import app, kinds


def test_progress_int_percent_and_float_fraction_and_text() -> None:
    at = app('st.progress(30)\nst.progress(0.5, text="Half *way*")\nst.progress(1.0)\nst.progress(1)')
    assert at.progress.values == [30, 50, 100, 1]
    assert at.progress[1].text == "Half way"


@pytest.mark.parametrize("bad", ["101", "-1", "1.5", "-0.1", "'50'", "True"])
def test_progress_out_of_range_is_an_error(bad: str) -> None:
    at = app(f"st.progress({bad})")
    assert at.run_status == "error"
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert len(at.progress) == 0


def test_progress_bar_is_updated_in_place() -> None:
    at = app('bar = st.progress(0)\nfor i in range(1, 5):\n    bar.progress(i * 25, text=f"step {i}")\nst.write("done")')
    assert at.progress.values == [100]
    assert at.progress[0].text == "step 4"
    assert kinds(at.main) == ["progress", "markdown"]
    progress_paths = [m["path"] for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "progress"]
    assert progress_paths == [[0, 0]] * 5
