"""``skeleton``: st.skeleton, a shimmering placeholder: a slot replaced in place as ``empty()`` is, or with ``with``
a placeholder shown (after a delay) while the block runs and cleared when it ends."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, kinds


def test_it_holds_a_place_that_an_element_replaces() -> None:
    at = app('slot = st.skeleton()\nst.write("below")\nwide = st.skeleton(120, width=300)')
    first, second = at.skeleton
    assert (first.height, first.width, first.delayed) == (None, "stretch", False)
    assert (second.height, second.width) == (120, 300)
    at = app('slot = st.skeleton(80)\nst.write("below")\nslot.markdown("loaded")')
    assert kinds(at.main) == ["markdown", "markdown"] and at.markdown.values == ["loaded", "below"]
    assert len(at.skeleton) == 0


def test_a_skeleton_called_again_is_a_skeleton_and_its_replacement_a_plain_place() -> None:
    at = app(
        'slot = st.skeleton()\nagain = slot.skeleton("stretch")\nst.write(f"{type(slot).__name__} {type(again).__name__}")'
        '\nfilled = again.text("x")\nst.write(type(filled).__name__)'
    )
    assert len(at.skeleton) == 0 and [t.value for t in at.text] == ["x"]
    assert at.markdown.values == ["SkeletonContainer SkeletonContainer", "Container"]


def test_with_it_shows_delayed_while_the_block_runs_and_clears_after_writing_around_it() -> None:
    at = app('with st.skeleton(60):\n    st.write("inside")\nst.write("after")')
    assert kinds(at.main) == ["empty", "markdown", "markdown"]
    assert at.markdown.values == ["inside", "after"]
    sent = [m["element"]["props"] for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "skeleton"]
    assert [props["delayed"] for props in sent] == [False, True]


def test_it_is_cleared_however_the_block_ends() -> None:
    at = app("with st.skeleton(60):\n    st.stop()\n")
    assert kinds(at.main) == ["empty"] and at.run_status == "stopped"
    at = app("slot = st.skeleton()\nwith slot:\n    raise ValueError('boom')")
    assert kinds(at.main) == ["empty", "exception"] and at.exception[0].message == "boom"


def test_it_works_in_columns_and_the_sidebar() -> None:
    at = app('a, b = st.columns(2)\nslot = a.skeleton(40)\nst.sidebar.skeleton()\nb.write("b")')
    assert len(at.skeleton) == 2 and len(at.sidebar.skeleton) == 1
    assert len(at.columns[0].skeleton) == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.skeleton("content")', "height must be a positive number of pixels or 'stretch'"),
        ("st.skeleton(0)", "height must be"),
        ('st.skeleton(width="content")', "width must be a positive number of pixels or 'stretch'"),
        ("st.skeleton(width=-5)", "width must be"),
    ],
)
def test_values_the_script_gets_wrong_are_clear_errors(call: str, message: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert message in at.exception[0].message and "skeleton()" in at.exception[0].message


APP = """
import time
import porch as st

slot = st.skeleton(120)
if st.button("Load"):
    slot.markdown("loaded")
if st.button("Slow"):
    with st.skeleton(50):
        time.sleep(1.5)
    st.write("slow done")
"""


@pytest.mark.browser
def test_it_shimmers_unless_motion_is_reduced_and_is_replaced(browser: Any) -> None:
    with running_engine(APP) as server:
        for motion in ("no-preference", "reduce"):
            context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion=motion)
            try:
                page = context.new_page()
                page.goto(server.url)
                skeleton = page.locator(".skeleton")
                expect(skeleton).to_be_visible()
                expect(skeleton).to_have_attribute("role", "status")
                expect(skeleton).to_have_text("Loading…")
                box = skeleton.bounding_box()
                assert box is not None and box["height"] == 120 and box["width"] > 600
                animation = skeleton.evaluate("n => getComputedStyle(n).animationName")
                assert animation == ("skeleton-shimmer" if motion == "no-preference" else "none"), animation
                page.get_by_role("button", name="Load").click()
                expect(page.get_by_text("loaded")).to_be_visible()
                expect(skeleton).to_have_count(0)
            finally:
                context.close()
        # A with block's skeleton shows after half a second while the block runs, then goes.
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.goto(server.url)
            page.get_by_role("button", name="Slow").click()
            delayed = page.locator(".skeleton[data-delayed='true']")
            expect(delayed).to_be_visible()
            assert delayed.evaluate("n => n.getBoundingClientRect().height") == 50
            expect(page.get_by_text("slow done")).to_be_visible()
            expect(delayed).to_have_count(0)
        finally:
            context.close()
