"""``height="stretch"`` on the Vega-Lite charts (line, area, bar, scatter, vega_lite and altair charts) and Plotly
charts, as Streamlit 1.67 sizes it: the chart fills what its container leaves (shared evenly with other stretched
elements) in a container of fixed height; in one as tall as its content a Vega-Lite chart is 350 pixels and a Plotly
chart its figure's own height (450 pixels without one); beside a taller element in a horizontal container, as tall
as its row. Drawn in Chromium: the sizes are the drawing's own (the SVG Vega or plotly.js made), waited for rather
than slept on.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from engine_harness import running_engine

SHARED = """
import porch as st
import altair as alt
with st.container(height=600, border=False):
    st.line_chart({'y': [1, 3, 2]}, height='stretch', alt='Alone')
with st.container(height=500, border=False):
    st.area_chart({'y': [1, 3, 2]}, height='stretch', alt='Top half')
    st.bar_chart({'k': ['a', 'b'], 'v': [1, 2]}, x='k', y='v', horizontal=True, height='stretch', alt='Bottom half')
st.scatter_chart({'y': [1, 3, 2]}, height='stretch', alt='Free')
spec = {'mark': 'bar', 'data': {'values': [{'a': 1}]}, 'encoding': {'y': {'field': 'a', 'type': 'quantitative'}}}
st.vega_lite_chart(spec, height='stretch', alt='Vega-Lite')
with st.container(horizontal=True):
    st.altair_chart(alt.Chart(alt.Data(values=[{'a': 1}])).mark_bar().encode(y='a:Q'), height='stretch',
                    alt='Altair in a row')
    st.line_chart({'y': [1, 3, 2]}, height=500, alt='Tall')
"""

#: Each chart's drawing (the SVG Vega made, or plotly.js's main SVG): its height, and its container's row gap; null
#: until all are drawn.
MEASURE = """(names) => {
  const found = {};
  for (const name of names) {
    const figure = document.querySelector(`[role=figure][aria-label="${name}"]`);
    const svg = figure && figure.querySelector('.chart-view > svg, .main-svg');
    if (!svg) return null;
    found[name] = {svg: svg.getBoundingClientRect().height,
                   gap: parseFloat(getComputedStyle(figure.parentElement).rowGap) || 0};
  }
  return found;
}"""

#: Whether every chart named in ``heights`` is drawn that tall (to 2 pixels); a height below 0 is the gap's.
SETTLED = f"""([heights]) => {{
  const m = ({MEASURE})(Object.keys(heights));
  return !!m && Object.entries(heights).every(([name, h]) => Math.abs(m[name].svg - h) <= 2);
}}"""


def drawn_at(page: Any, heights: dict[str, float]) -> dict[str, float]:
    """The height each chart named in ``heights`` is drawn at, once all are drawn at those (to 2 pixels) or after a
    generous wait: Vega draws, and draws again, as the layout settles (a chart's siblings arrive after it)."""
    try:
        page.wait_for_function(SETTLED, arg=[heights], timeout=30_000)
    except PlaywrightTimeout:
        pass  # the assertion that follows shows what was drawn instead
    seen = page.evaluate(MEASURE, list(heights)) or {}
    return {name: size["svg"] for name, size in seen.items()}


def gap(page: Any, name: str) -> float:
    found: float = page.evaluate(MEASURE, [name])[name]["gap"]
    return found


@pytest.mark.browser
def test_stretched_charts_fill_fixed_containers_share_them_and_are_350_pixels_elsewhere(context: Any) -> None:
    with running_engine(SHARED) as server:
        page = context.new_page()
        page.goto(server.url)
        page.get_by_role("figure", name="Top half").locator("svg").wait_for(timeout=30_000)
        half = (500 - gap(page, "Top half")) / 2
        expected = {
            "Alone": 600,  # the whole of its container's height
            "Top half": half,  # half each, less the gap between them
            "Bottom half": half,  # a horizontal bar chart too
            "Free": 350,  # the built-in charts' height in a container as tall as its content
            "Vega-Lite": 350,  # a Vega-Lite view's default height
            "Tall": 500,
            "Altair in a row": 500,  # as tall as the row's tallest
        }
        assert drawn_at(page, expected) == pytest.approx(expected, abs=2)


FOLLOWS = """
import porch as st
more = st.button('More')
with st.container(height=600, border=False):
    st.line_chart({'y': [1, 3, 2]}, height='stretch', alt='Stretched')
    if more:
        st.line_chart({'y': [2, 1]}, height=200, alt='Newcomer')
"""


@pytest.mark.browser
def test_a_stretched_chart_follows_its_container_when_another_element_comes(context: Any) -> None:
    with running_engine(FOLLOWS) as server:
        page = context.new_page()
        page.goto(server.url)
        assert drawn_at(page, {"Stretched": 600}) == pytest.approx({"Stretched": 600}, abs=2)
        page.get_by_role("button", name="More").click()
        page.get_by_role("figure", name="Newcomer").locator("svg").wait_for(timeout=30_000)
        # What the newcomer leaves, redrawn in place.
        expected = {"Stretched": 600 - 200 - gap(page, "Stretched"), "Newcomer": 200}
        assert drawn_at(page, expected) == pytest.approx(expected, abs=2)


PLOTLY = """
import porch as st
bars = {'data': [{'type': 'bar', 'y': [1, 3]}]}
with st.container(height=600, border=False):
    st.plotly_chart(bars, height='stretch', alt='Alone')
with st.container(height=500, border=False):
    st.plotly_chart(bars, height='stretch', alt='Top half')
    st.plotly_chart(bars, height='stretch', alt='Bottom half')
st.plotly_chart(bars, height='stretch', alt='Free')
st.plotly_chart({**bars, 'layout': {'height': 320}}, height='stretch', alt='Own height')
with st.container(horizontal=True):
    st.plotly_chart(bars, height='stretch', alt='Plotly in a row')
    st.line_chart({'y': [1, 3, 2]}, height=600, alt='Tall')
"""


@pytest.mark.browser
def test_a_stretched_plotly_chart_fills_its_container_and_is_the_figure_s_height_elsewhere(context: Any) -> None:
    with running_engine(PLOTLY) as server:
        page = context.new_page()
        page.goto(server.url)
        page.get_by_role("figure", name="Top half").locator(".main-svg").first.wait_for(timeout=30_000)
        half = (500 - gap(page, "Top half")) / 2
        expected = {
            "Alone": 600,  # the whole of its container's height
            "Top half": half,  # half each, less the gap between them
            "Bottom half": half,
            "Free": 450,  # plotly.js's default height in a container as tall as its content
            "Own height": 320,  # the figure's own layout.height there
            "Tall": 600,
            "Plotly in a row": 600,  # as tall as the row's tallest
        }
        assert drawn_at(page, expected) == pytest.approx(expected, abs=2)
