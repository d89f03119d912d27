"""``text_area``: st.text_area's own options. What it shares with st.text_input: tests/test_api_widgets.py."""

from __future__ import annotations

from support import app


def test_text_area_height() -> None:
    at = app('st.text_area("Notes", height=200)')
    assert at.text_area[0].props["height"] == 200
