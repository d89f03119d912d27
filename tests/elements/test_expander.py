"""``expander``: st.expander."""

from __future__ import annotations

from support import app


def test_expander() -> None:
    at = app('with st.expander("Details", expanded=True, icon="🔍"):\n    st.write("hidden stuff")\nst.expander("Closed")')
    assert at.expander[0].label == "Details"
    assert at.expander[0].props["expanded"] is True
    assert at.expander[0].props["icon"] == "🔍"
    assert at.expander[0].markdown.values == ["hidden stuff"]
    assert at.expander[1].props["expanded"] is False
