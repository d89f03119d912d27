"""``text_area``: st.text_area's own options. What it shares with st.text_input: tests/test_api_widgets.py."""

from __future__ import annotations

import pytest

from support import app, bad_values, send


def test_text_area_height() -> None:
    at = app('st.text_area("Notes", height=200)')
    assert at.text_area[0].props["height"] == 200


@pytest.mark.parametrize("height", ["120", "'content'", "'stretch'", "None"])
def test_text_area_heights(height: str) -> None:
    at = app(f"st.text_area('T', height={height})")
    assert at.text_area[0].props["height"] == eval(height)


def test_text_area_bad_height_is_an_error() -> None:
    assert "height must be pixels" in app("st.text_area('T', height='tall')").exception[0].message


def test_text_area_required_refuses_empty_text() -> None:
    at = app('v = st.text_area("T", "draft", required=True, width="content")\nst.write(repr(v))')
    assert at.text_area[0].props["required"] is True and at.text_area[0].props["width"] == "content"
    send(at, {at.text_area[0].id: ""})
    assert bad_values(at) and at.markdown.values == ["'draft'"]
