"""``spinner``: st.spinner shows during its block only."""

from __future__ import annotations

from support import app


def test_spinner_shows_during_its_block_and_is_gone_after() -> None:
    at = app('with st.spinner("Working..."):\n    st.write("inside")\nst.write("after")')
    spinner_deltas = [m for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "spinner"]
    assert spinner_deltas and spinner_deltas[0]["element"]["props"]["text"] == "Working..."
    assert len(at.spinner) == 0
    assert at.markdown.values == ["inside", "after"]


def test_spinner_is_gone_after_an_exception_in_its_block() -> None:
    at = app('with st.spinner():\n    raise ValueError("inside spinner")')
    assert at.run_status == "error"
    assert len(at.spinner) == 0
    assert at.exception[0].message == "inside spinner"


def test_spinner_text_is_plain() -> None:
    at = app('import time\nwith st.spinner("<b>x</b>"):\n    pass')
    spinner = next(m for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "spinner")
    assert spinner["element"]["props"] == {"text": "<b>x</b>", "show_time": False, "width": "content"}


def test_spinner_show_time_and_cache_flag() -> None:
    at = app('with st.spinner("Loading", show_time=True, _cache=True):\n    st.session_state.seen = True')
    spinner = next(m for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "spinner")
    assert spinner["element"]["props"] == {"text": "Loading", "show_time": True, "width": "content"}
