"""``radio``: st.radio's own options. What it shares with st.selectbox: tests/test_api_widgets.py."""

from __future__ import annotations

from support import app


def test_radio_horizontal_and_captions() -> None:
    at = app('st.radio("R", ["a", "b"], horizontal=True, captions=["first", "second"])')
    assert at.radio[0].props["horizontal"] is True
    assert at.radio[0].props["captions"] == ["first", "second"]


def test_choice_index_out_of_range_is_an_error() -> None:
    at = app('st.radio("R", ["a", "b"], index=5)')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "index" in at.exception[0].message


def test_radio_width() -> None:
    assert app('st.radio("R", [1, 2], width=300)').radio[0].props["width"] == 300
