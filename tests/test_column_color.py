"""column_config ``color`` of progress and chart columns, as Streamlit 1.67 has it: None or "primary" the accent,
"auto" green for a bar past half or a line that ends above where it starts (red otherwise), "auto-inverse" the other
way, a colour name in the page's hue, a hex or rgb() colour as it is; anything else refused with Streamlit's message."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

import porch as st
from engine_harness import running_engine
from porch.errors import PorchAPIError


def colour(config: Any) -> object:
    """The colour a column's config carries (None: none)."""
    return (config.get("type_config") or {}).get("color")


def test_the_colour_travels_in_the_columns_config_and_a_bad_one_is_refused() -> None:
    assert colour(st.column_config.ProgressColumn(color="auto")) == "auto"
    assert colour(st.column_config.LineChartColumn(color="#483d8b")) == "#483d8b"
    assert colour(st.column_config.BarChartColumn(color="rgb(10, 20, 30)")) == "rgb(10, 20, 30)"
    assert colour(st.column_config.AreaChartColumn()) is None
    for bad in ("purple", "#zz", "483d8b", "auto-reverse"):
        with pytest.raises(PorchAPIError, match=r"Invalid `color` value\. Supported values: auto, auto-inverse, red"):
            st.column_config.ProgressColumn(color=bad)


SOURCE = """import porch as st
rows = {"share": [0.25, 0.75], "trend": [[1, 2, 3], [3, 2, 1]]}
st.dataframe(rows, column_config={
    "share": st.column_config.ProgressColumn("share", min_value=0, max_value=1, color="auto"),
    "trend": st.column_config.LineChartColumn("trend", color="auto-inverse"),
}, key="auto")
st.dataframe({"share": [0.5]}, column_config={
    "share": st.column_config.ProgressColumn("share", min_value=0, max_value=1, color="#483d8b"),
}, key="hex")
"""


@pytest.mark.browser
def test_auto_colours_follow_the_value_and_a_hex_colour_is_drawn_as_it_is(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.goto(server.url)
        grids = page.get_by_role("grid")
        expect(grids).to_have_count(2)
        fills = grids.nth(0).locator(".cell-progress-fill")
        expect(fills).to_have_count(2)
        red, green = (fills.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(2))
        assert (red, green) == ("rgb(239, 68, 68)", "rgb(22, 163, 74)"), (red, green)
        lines = grids.nth(0).locator("svg.cell-chart path, svg.cell-chart polyline")
        expect(lines).to_have_count(2)
        # auto-inverse: a rising line is red, a falling one green.
        rising, falling = (lines.nth(i).evaluate("e => getComputedStyle(e).stroke") for i in range(2))
        assert (rising, falling) == ("rgb(239, 68, 68)", "rgb(22, 163, 74)"), (rising, falling)
        hex_fill = grids.nth(1).locator(".cell-progress-fill")
        expect(hex_fill).to_have_css("background-color", "rgb(72, 61, 139)")
