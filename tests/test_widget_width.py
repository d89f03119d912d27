"""``width`` on badge, color_picker, date_input, time_input, pills, segmented_control and link_button, and
``icon_position`` on link_button, as Streamlit 1.67 takes them: checked by ``width_of`` (core/elements/_layout.py)
and drawn by ``setWidth`` (webui/widget.js) like every other kind's width."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app

#: (accessor, call with a {} for width, Streamlit's default, the keywords it takes)
CALLS = [
    ("badge", "st.badge('B', width={})", "content", ("content", "stretch")),
    ("color_picker", "st.color_picker('C', width={})", "content", ("content", "stretch")),
    ("date_input", "st.date_input('D', width={})", "stretch", ("stretch",)),
    ("time_input", "st.time_input('T', width={})", "stretch", ("stretch",)),
    ("pills", "st.pills('P', ['a'], width={})", "content", ("content", "stretch")),
    ("segmented_control", "st.segmented_control('S', ['a'], width={})", "content", ("content", "stretch")),
    ("link_button", "st.link_button('L', '/x', width={})", "content", ("content", "stretch")),
]


@pytest.mark.parametrize(("accessor", "call", "default", "keywords"), CALLS)
def test_width_is_checked_and_sent(accessor: str, call: str, default: str, keywords: tuple[str, ...]) -> None:
    at = app(call.replace("width={}", "").replace(", )", ")"))
    assert not at.exception, at.exception
    assert getattr(at, accessor)[0].props["width"] == default
    for width in (*keywords, 240):
        at = app(call.format(repr(width)))
        assert getattr(at, accessor)[0].props["width"] == width
    at = app(call.format("-3"))
    assert "width must be a positive number of pixels" in at.exception[0].message


def test_a_link_buttons_icon_position_and_use_container_width() -> None:
    at = app(
        "st.link_button('A', '/a', icon=':material/open_in_new:', icon_position='right')\n"
        "st.link_button('B', '/b', use_container_width=True, width=100)\n"
        "st.link_button('C', '/c', on_click='rerun', width=100)"
    )
    assert [b.props["icon_position"] for b in at.link_button] == ["right", "left", "left"]
    assert [b.props["width"] for b in at.link_button] == ["content", "stretch", 100]
    at = app("st.link_button('A', '/a', icon_position='top')")
    assert "icon_position must be one of ('left', 'right'), not 'top'" in at.exception[0].message


SOURCE = """import porch as st
st.badge("Wide badge", width=300)
st.color_picker("Colour", width=300)
st.date_input("Day", "2024-01-01", width=300)
st.time_input("Time", "08:00", width=300)
st.pills("Pills", ["a", "b"], width=300)
st.segmented_control("Segments", ["a", "b"], width=300)
st.link_button("Go", "https://example.org/", width=300, icon=":material/open_in_new:", icon_position="right")
st.segmented_control("Stretched", ["a", "b"], width="stretch")
st.date_input("Full", "2024-01-01")
"""


@pytest.mark.browser
def test_widths_in_pixels_and_stretch_are_drawn(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_role("link", name="Go")).to_be_visible()
        main = page.locator("#porch-main-root").evaluate("n => n.getBoundingClientRect().width")
        assert main > 600
        width = "n => Math.round(n.getBoundingClientRect().width)"
        assert page.locator(".badge").evaluate(width) == 300
        for label in ("Colour", "Day", "Time"):
            assert page.get_by_label(label).evaluate(f"n => ({width})(n.closest('.widget'))") == 300
        for name in ("Pills", "Segments"):
            group = page.get_by_role("group", name=name)
            assert group.evaluate(f"n => ({width})(n.closest('.widget'))") == 300
        go = page.get_by_role("link", name="Go")
        assert go.evaluate(width) == 300
        # The icon on the right of the label.
        icon_x = go.locator(".btn-icon").evaluate("n => n.getBoundingClientRect().x")
        label_x = go.locator(".btn-label").evaluate("n => n.getBoundingClientRect().x")
        assert icon_x > label_x
        # "stretch": a segmented control's options share the container's width; a date input fills it.
        stretched = page.get_by_role("group", name="Stretched")
        assert abs(stretched.evaluate(width) - main) <= 2
        halves = stretched.get_by_role("button").evaluate_all(
            "ns => ns.map(n => Math.round(n.getBoundingClientRect().width))"
        )
        assert abs(halves[0] - halves[1]) <= 1 and sum(halves) >= main - 4
        full = page.get_by_label("Full").evaluate(f"n => ({width})(n.closest('.widget'))")
        assert abs(full - main) <= 2
