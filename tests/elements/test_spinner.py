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


def test_a_spent_spinner_holds_no_place_in_apptest_as_in_streamlit() -> None:
    at = app(
        "@st.cache_data\ndef total(n):\n    return n * 2\n\n"
        'st.write("a")\nwith st.spinner("Working"):\n    pass\nst.write(total(2))\nph = st.empty()\nst.write("b")'
    )
    assert [child.type for child in at.main.children] == ["markdown", "markdown", "empty", "markdown"]
    assert len(at.main) == 4 and at.main[1].value == "`4`" and len(at.get("empty")) == 1
    assert [m.value for m in at.main if m.type == "markdown"] == ["a", "`4`", "b"]
