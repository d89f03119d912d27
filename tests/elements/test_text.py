"""``text``: st.text, plain text shown as it is."""

from __future__ import annotations

from support import app


def test_text_is_not_markdown() -> None:
    at = app('st.text("**not bold** <b>x</b>")')
    assert at.text[0].value == "**not bold** <b>x</b>"
    assert "html" not in at.text[0].props
