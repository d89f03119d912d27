"""``alert``: st.info, st.success, st.warning and st.error, with markdown and an icon."""

from __future__ import annotations

from support import app


def test_alerts_with_levels_markdown_and_icons() -> None:
    at = app(
        'st.info("Some **info**")\nst.success("Done", icon="✅")\nst.warning("Careful")\nst.error("Broken", icon="🚨")'
    )
    assert at.info.values == ["Some **info**"]  # the markdown source, as in Streamlit
    assert at.info[0].rendered_text == "Some info"
    assert at.success.values == ["Done"]
    assert at.warning.values == ["Careful"]
    assert at.error.values == ["Broken"]
    assert [at.info[0].icon, at.success[0].icon, at.error[0].icon] == ["", "✅", "🚨"]  # "" for none, as in Streamlit
    assert "<strong>info</strong>" in at.info[0].props["html"]


def test_alert_escapes_html() -> None:
    at = app('st.error("<script>x</script>")')
    assert "<script>" not in at.error[0].props["html"]
    assert at.error[0].value == "<script>x</script>"


def test_alert_title_is_inline_markdown_and_width_is_sent() -> None:
    at = app('st.warning("Check the **totals**.", title="Heads *up*", width=400)\nst.info("No title")')
    assert at.warning[0].props["title_html"] == "Heads <em>up</em>"
    assert at.warning[0].props["width"] == 400
    assert at.info[0].props["title_html"] is None
