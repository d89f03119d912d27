"""``celebration``: st.balloons and st.snow, an animation over the page played once per call."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from support import app, kinds


def shots(at: Any) -> list[tuple[str, str]]:
    """(style, shot) of every celebration the session sent, oldest first."""
    return [
        (m["element"]["props"]["style"], m["element"]["props"]["shot"])
        for m in at.messages
        if m["type"] == "delta" and m["element"]["kind"] == "celebration"
    ]


def test_balloons_and_snow_take_no_arguments_and_return_their_place() -> None:
    assert not inspect.signature(porch.balloons).parameters
    assert not inspect.signature(porch.snow).parameters
    at = app("b = st.balloons()\nst.snow()\nb.text('replaced')")
    assert len(at.balloons) == 0 and [s.style for s in at.snow] == ["snow"] and at.snow[0].value is None
    assert kinds(at.main) == ["text", "celebration"]


def test_each_call_plays_once_and_a_rerun_that_calls_again_plays_again() -> None:
    at = app('st.balloons()\nst.snow()\nst.button("Again")')
    assert [b.style for b in at.balloons] == ["balloons"] and [s.style for s in at.snow] == ["snow"]
    first = shots(at)
    assert [style for style, _ in first] == ["balloons", "snow"]
    at.button[0].click().run()
    second = shots(at)
    assert len(second) == 4, "a rerun that calls them again sends them again"
    assert len({shot for _, shot in second}) == 4


def test_a_rerun_that_does_not_call_it_shows_none() -> None:
    at = app('if not st.checkbox("Done"):\n    st.balloons()')
    assert len(at.balloons) == 1
    at.checkbox[0].check().run()
    assert len(at.balloons) == 0
    assert kinds(at.main) == ["checkbox"]


def test_two_calls_at_one_place_play_twice() -> None:
    at = app("slot = st.empty()\nslot.balloons()\nslot.snow()")
    sent = shots(at)
    assert [style for style, _ in sent] == ["balloons", "snow"] and sent[0][1] != sent[1][1]
    assert [s.style for s in at.snow] == ["snow"]


CELEBRATE = (
    "import porch as st\n"
    "st.title('Party')\n"
    "if st.button('Balloons'):\n"
    "    st.balloons()\n"
    "if st.button('Snow'):\n"
    "    st.snow()\n"
    "st.button('Nothing')\n"
)


@pytest.mark.browser
def test_a_click_plays_balloons_over_the_page_once(context: Any) -> None:
    with running_engine(CELEBRATE) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_role("heading", name="Party")).to_be_visible()
        page.get_by_role("button", name="Balloons").click()
        overlay = page.locator(".celebration-overlay[data-style='balloons']")
        expect(overlay).to_have_count(1)
        expect(overlay.locator(".celebration-piece svg ellipse").first).to_be_attached()
        assert overlay.evaluate("n => getComputedStyle(n).pointerEvents") == "none"
        assert overlay.evaluate("n => getComputedStyle(n).position") == "fixed"
        assert overlay.get_attribute("aria-hidden") == "true"
        assert overlay.locator(".celebration-piece").first.evaluate(
            "n => getComputedStyle(n).animationName"
        ) == "celebration-rise"
        # The page stays usable under it, and the element itself takes no room in the page.
        expect(page.locator("#porch-main-root .celebration")).to_be_hidden()
        page.get_by_role("button", name="Nothing").click()
        expect(page.locator("#porch-main-root .celebration")).to_have_count(0)
        # It clears itself away after a few seconds.
        expect(overlay).to_have_count(0, timeout=8000)
        # The same call in a new run plays again; snow falls instead of rising.
        page.get_by_role("button", name="Snow").click()
        snow = page.locator(".celebration-overlay[data-style='snow']")
        expect(snow).to_have_count(1)
        assert snow.locator(".celebration-piece").first.evaluate(
            "n => getComputedStyle(n).animationName"
        ) == "celebration-fall"
        expect(snow.locator(".celebration-flake").first).to_be_attached()
        page.get_by_role("button", name="Snow").click()
        expect(page.locator(".celebration-overlay[data-style='snow']")).to_have_count(2)
        # A reload resumes the session: the element is still in the tree, but what was played is not played again.
        page.reload()
        expect(page.locator("body")).to_have_attribute("data-run", "finished")
        expect(page.locator("#porch-main-root .celebration[data-style='snow']")).to_have_count(1)
        expect(page.locator(".celebration-overlay")).to_have_count(0)


@pytest.mark.browser
def test_with_reduced_motion_the_shapes_only_fade(browser: Any) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    try:
        with running_engine(CELEBRATE) as server:
            page = ctx.new_page()
            page.goto(server.url)
            page.get_by_role("button", name="Balloons").click()
            piece = page.locator(".celebration-overlay .celebration-piece").first
            expect(piece).to_be_attached()
            style = piece.evaluate(
                "n => { const s = getComputedStyle(n); return [s.animationName, s.animationDuration, s.transform] }"
            )
            assert style == ["celebration-fade", "1.6s", "none"], style
            expect(page.locator(".celebration-overlay")).to_have_count(0, timeout=6000)
    finally:
        ctx.close()
