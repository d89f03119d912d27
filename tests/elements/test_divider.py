"""``divider``: st.divider."""

from __future__ import annotations

from support import app, kinds


def test_divider() -> None:
    at = app('st.write("a")\nst.divider()\nst.write("b")')
    assert kinds(at.main) == ["markdown", "divider", "markdown"]
    assert len(at.divider) == 1
