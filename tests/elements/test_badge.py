"""``badge``: st.badge, a small coloured label."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app

BADGES = """
st.badge("New")
st.badge("Stable", icon="✅", color="green", help="Tested on every release")
st.badge("Muted", color="grey")
"""


def test_badge_shows_label_colour_and_icon() -> None:
    at = app(BADGES)
    assert [b.label for b in at.badge] == ["New", "Stable", "Muted"]
    assert [b.color for b in at.badge] == ["blue", "green", "gray"]
    assert at.badge[1].icon == "✅" and at.badge[0].icon is None
    assert at.badge[1].props["help"] == "Tested on every release"


def test_a_badge_can_be_replaced_in_place() -> None:
    at = app('slot = st.badge("draft", color="orange")\nslot.badge("published", color="green")')
    assert [(b.label, b.color) for b in at.badge] == [("published", "green")]


def test_apptest_reads_a_badge_as_streamlit_does_as_its_markdown() -> None:
    at = app('st.write("intro")\nst.badge("v[2]", icon="🚀", color="violet")\nst.badge("Beta")')
    assert [m.type for m in at.main.children] == ["markdown", "markdown", "markdown"]
    assert at.markdown.values == ["intro", ":violet-badge[🚀 v\\[2\\]]", ":blue-badge[Beta]"]
    assert at.markdown[1].rendered_text == "🚀 v[2]" and at.badge[1].label == "Beta"


def test_an_unknown_colour_is_a_clear_error() -> None:
    at = app('st.badge("x", color="pink")')
    assert "badge color must be one of" in at.exception[0].message


@pytest.mark.browser
def test_badges_render_in_their_colours(context: Any) -> None:
    with running_engine("import porch as st\n" + BADGES) as server:
        page = context.new_page()
        page.goto(server.url)
        stable = page.locator(".badge", has_text="Stable")
        expect(stable).to_be_visible()
        expect(stable.locator(".badge-icon")).to_have_text("✅")
        colours = page.eval_on_selector_all(".badge", "nodes => nodes.map(n => getComputedStyle(n).backgroundColor)")
        assert len(colours) == 3 and len(set(colours)) == 3, colours
