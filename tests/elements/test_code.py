"""``code``: st.code, with its language and line numbers."""

from __future__ import annotations

from support import app


def test_code_defaults_to_python_and_takes_language_and_line_numbers() -> None:
    at = app('st.code("x = 1")\nst.code("SELECT 1", language="sql", line_numbers=True)\nst.code("plain", language=None)')
    assert at.code.values == ["x = 1", "SELECT 1", "plain"]
    assert [c.language for c in at.code] == ["python", "sql", "plaintext"]  # Streamlit's name for none
    assert at.code[1].props["line_numbers"] is True


def test_code_wrap_lines_height_and_width() -> None:
    at = app('st.code("x = 1", wrap_lines=True, height=120, width="content")\nst.code("y")')
    first, second = at.code
    assert (first.props["wrap_lines"], first.props["height"], first.props["width"]) == (True, 120, "content")
    assert (second.props["wrap_lines"], second.props["height"], second.props["width"]) == (False, "content", "stretch")
    assert "height must be" in app('st.code("x", height="tall")').exception[0].message
