"""``space``: st.space, blank space along the container's direction."""

from __future__ import annotations

from typing import Any

import pytest

from engine_harness import running_engine
from support import app, kinds
from test_browser import open_app


def test_sizes_by_name_and_in_pixels() -> None:
    at = app('st.space()\nst.space("medium")\nst.space("large")\nst.space("stretch")\nst.space(24)\nst.space(size=0)')
    assert [s.props["size"] for s in at.space] == ["small", "medium", "large", "stretch", 24, 0]
    assert kinds(at.main) == ["space"] * 6


def test_a_space_can_be_replaced_in_place() -> None:
    at = app('slot = st.space("large")\nslot.text("filled")')
    assert kinds(at.main) == ["text"]


@pytest.mark.parametrize("size", ["huge", -1, True, 1.5, None])
def test_an_unknown_size_is_a_clear_error(size: object) -> None:
    at = app("st.space(SIZE)", SIZE=size)
    assert "space(): size must be one of" in at.exception[0].message


@pytest.mark.browser
def test_space_pushes_what_follows_down_by_its_size(context: Any) -> None:
    script = """
import porch as st
st.text("a")
st.text("b")
st.space("large")
st.text("c")
st.space(100)
st.text("d")
with st.container(height=300):
    st.text("top")
    st.space("stretch")
    st.text("bottom")
"""
    with running_engine(script) as server:
        page = open_app(context, server.url)

        def top(text: str) -> float:
            box = page.get_by_text(text, exact=True).bounding_box()
            assert box is not None
            return float(box["y"])

        step = top("b") - top("a")  # a line and the gap between elements
        gap = page.evaluate("parseFloat(getComputedStyle(document.getElementById('porch-main-root')).rowGap)")
        rem = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert top("c") - top("b") == pytest.approx(step + 4.25 * rem + gap, abs=1)
        assert top("d") - top("c") == pytest.approx(step + 100 + gap, abs=1)
        # In a container of fixed height, "stretch" takes what is left: "bottom" sits at its foot.
        container = page.locator(".container.scroll").bounding_box()
        bottom = page.get_by_text("bottom", exact=True).bounding_box()
        assert container is not None and bottom is not None
        assert container["y"] + container["height"] - (bottom["y"] + bottom["height"]) < 40
