"""``radio``: st.radio's own options. What it shares with st.selectbox: tests/test_api_widgets.py."""

from __future__ import annotations

import pytest

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


def test_a_session_state_value_warns_beside_an_index_but_not_beside_none_or_the_first(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """As Streamlit: index=None (nothing chosen) and index=0 are no value of the script's own to warn about (in the
    log, as Streamlit's warning)."""
    for index, warnings in (("None", 0), ("0", 0), ("1", 1)):
        caplog.clear()
        at = app(f'st.session_state.r = "c"\nst.write(st.radio("Pick", ["a", "b", "c"], index={index}, key="r"))')
        logged = [r for r in caplog.records if r.name == "porch.widgets"]
        assert at.markdown.values == ["c"] and len(logged) == warnings and not at.warning, index
