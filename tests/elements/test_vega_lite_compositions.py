"""Vega-Lite compositions (facets, concatenations, repeats) sized as Streamlit 1.67 sizes them, drawn in Chromium.

``height="stretch"``:
Streamlit gives a composition its element's height only where the parent's height is definite (a container of fixed
height, or a stretched one inside it): the element fills what the container leaves (shared with other stretched
elements), the spec's top-level height is that height, so a faceted chart's cells take it while the views of
concatenations, repeats and the facet operator keep their own (Vega-Lite ignores a top-level height there), and the
drawing overflows the element into the container's scrolling. Elsewhere it keeps its own height.

The expected cell heights are Streamlit 1.67's, measured in Chromium (benchmarks/.peers-venv, the same scripts with
``import streamlit as st``): 500 and 500 for a column or row facet alone in ``st.container(height=500,
border=False)`` (and in a stretched container inside one), 350 for the facet operator, an hconcat, a vconcat and a
repeat there, 242 for each of two facets sharing one. In a container as tall as its content Streamlit 1.67 draws a
stretched composition not at all (an element 0 pixels tall); Porch draws it at its own height (350-pixel cells).

Their own sizes: Streamlit pads every chart 20 pixels below (where the spec sets no bottom padding), sizes axes,
headers and titles with its theme's fonts and paddings, and lays a wrapped facet out one cell per row; the drawings'
heights are Streamlit's to a pixel or two (widths follow the page's font, so they are not compared).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from engine_harness import running_engine

CHARTS = """
import porch as st
bars = {'mark': 'bar',
        'encoding': {'x': {'field': 'k', 'type': 'nominal'}, 'y': {'field': 'v', 'type': 'quantitative'}}}
data = {'values': [{'k': 'a', 'v': 1, 'w': 3, 'g': 'p'}, {'k': 'b', 'v': 2, 'w': 1, 'g': 'q'}]}
facet = {**bars, 'data': data, 'encoding': {**bars['encoding'], 'column': {'field': 'g', 'type': 'nominal'}}}
rows = {**bars, 'data': data, 'encoding': {**bars['encoding'], 'row': {'field': 'g', 'type': 'nominal'}}}
operator = {'data': data, 'facet': {'column': {'field': 'g', 'type': 'nominal'}}, 'spec': bars}
repeat = {'data': data, 'repeat': {'column': ['v', 'w']},
          'spec': {**bars, 'encoding': {**bars['encoding'], 'y': {'field': {'repeat': 'column'},
                                                                  'type': 'quantitative'}}}}
single = {
    'Facet': facet, 'Rows': rows, 'Facet operator': operator, 'Side by side': {'data': data, 'hconcat': [bars, bars]},
    'Stacked': {'data': data, 'vconcat': [bars, bars]}, 'Repeat': repeat,
}
for name, spec in single.items():
    with st.container(height=500, border=False):
        st.vega_lite_chart(spec, height='stretch', alt=name)
with st.container(height=500, border=False):
    st.vega_lite_chart(facet, height='stretch', alt='Top facet')
    st.vega_lite_chart(facet, height='stretch', alt='Bottom facet')
with st.container(height=500, border=False):
    with st.container(height='stretch', border=False):
        st.vega_lite_chart(facet, height='stretch', alt='Nested')
st.vega_lite_chart(facet, height='stretch', alt='Free')
"""

#: Each named chart's cells (the background of each view Vega drew, in order) and element: {name: {cells: [heights],
#: element: height, view: the height of the view Vega draws in}}; null until all are drawn.
MEASURE = """(names) => {
  const found = {};
  for (const name of names) {
    const figure = document.querySelector(`[role=figure][aria-label="${name}"]`);
    const svg = figure && figure.querySelector('.chart-view > svg');
    if (!svg) return null;
    const cells = [...svg.querySelectorAll('g.mark-group.role-scope > g > path.background')]
      .map((p) => p.getBoundingClientRect().height);
    found[name] = {cells, element: figure.getBoundingClientRect().height,
                   view: figure.querySelector('.chart-view').clientHeight};
  }
  return found;
}"""

#: Whether every chart named in ``cells`` has cells that tall (to 2 pixels).
SETTLED = f"""([cells]) => {{
  const m = ({MEASURE})(Object.keys(cells));
  return !!m && Object.entries(cells).every(([name, hs]) => m[name].cells.length === hs.length
    && hs.every((h, i) => Math.abs(m[name].cells[i] - h) <= 2));
}}"""


def measured(page: Any, cells: dict[str, list[float]]) -> dict[str, Any]:
    """Each chart's measures, once all named in ``cells`` have cells that tall or after a generous wait: Vega draws, and
    draws a facet again, as the layout settles (a chart's siblings arrive after it)."""
    try:
        page.wait_for_function(SETTLED, arg=[cells], timeout=30_000)
    except PlaywrightTimeout:
        pass  # the assertions that follow show what was drawn instead
    found: dict[str, Any] = page.evaluate(MEASURE, list(cells)) or {}
    return found


def cells_of(found: dict[str, Any]) -> dict[str, list[float]]:
    return {name: measure["cells"] for name, measure in found.items()}


@pytest.mark.browser
def test_a_stretched_facet_s_cells_take_the_container_s_height_and_other_compositions_keep_theirs(
    context: Any,
) -> None:
    expected = {
        "Facet": [500, 500],  # Streamlit 1.67's, as for each below
        "Rows": [500, 500],  # each row's cells
        "Facet operator": [350, 350],  # its spec keeps its own height
        "Side by side": [350, 350],
        "Stacked": [350, 350],
        "Repeat": [350, 350],
        "Top facet": [242, 242],  # half of the 500 pixels each, less the gap between them
        "Bottom facet": [242, 242],
        "Nested": [500, 500],  # a stretched container in a fixed one is as definite
        "Free": [350, 350],  # a container as tall as its content: its own height
    }
    with running_engine(CHARTS) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 4000})  # every chart on screen
        page.goto(server.url)
        found = measured(page, {name: [float(h) for h in hs] for name, hs in expected.items()})
        assert cells_of(found) == {name: pytest.approx(hs, abs=2) for name, hs in expected.items()}
        for name in ("Facet", "Rows", "Facet operator", "Side by side", "Stacked", "Repeat", "Nested"):
            assert found[name]["element"] == pytest.approx(500, abs=1), f"{name} fills its container"
        assert found["Top facet"]["element"] == pytest.approx(found["Top facet"]["cells"][0], abs=2), "shared"
        assert found["Free"]["element"] > 350, "as tall as its drawing (cells, axes and headers)"
        # The drawing overflows its element, and the container scrolls to show it: nothing is cut off.
        scrolled = page.evaluate(
            """() => { const f = document.querySelector('[role=figure][aria-label="Rows"]');
                       const svg = f.querySelector('svg').getBoundingClientRect().height;
                       return [f.parentElement.scrollHeight, svg]; }"""
        )
        assert scrolled[0] == pytest.approx(scrolled[1], abs=2) and scrolled[1] > 1000, "two 500-pixel rows and more"


FOLLOWS = """
import porch as st
more = st.button('More')
bars = {'mark': 'bar', 'data': {'values': [{'k': 'a', 'v': 1, 'g': 'p'}, {'k': 'b', 'v': 2, 'g': 'q'}]},
        'encoding': {'x': {'field': 'k', 'type': 'nominal'}, 'y': {'field': 'v', 'type': 'quantitative'},
                     'column': {'field': 'g', 'type': 'nominal'}}}
with st.container(height=500, border=False):
    if more:
        st.line_chart({'y': [2, 1]}, height=200, alt='Newcomer')
    st.vega_lite_chart(bars, height='stretch', alt='Facet')
"""


@pytest.mark.browser
def test_a_stretched_facet_is_drawn_again_when_its_container_gives_it_less(context: Any) -> None:
    with running_engine(FOLLOWS) as server:
        page = context.new_page()
        page.goto(server.url)
        assert cells_of(measured(page, {"Facet": [500, 500]})) == {"Facet": pytest.approx([500, 500], abs=2)}
        page.get_by_role("button", name="More").click()
        page.get_by_role("figure", name="Newcomer").locator("svg").wait_for(timeout=30_000)
        gap = page.evaluate(
            """() => parseFloat(getComputedStyle(
                 document.querySelector('[role=figure][aria-label="Facet"]').parentElement).rowGap) || 0"""
        )
        left = 500 - 200 - gap  # what the newcomer leaves
        found = measured(page, {"Facet": [left, left]})
        assert cells_of(found) == {"Facet": pytest.approx([left, left], abs=2)}
        assert found["Facet"]["view"] == pytest.approx(left, abs=2)


OWN = """
import porch as st
bars = {'mark': 'bar',
        'encoding': {'x': {'field': 'k', 'type': 'nominal'}, 'y': {'field': 'v', 'type': 'quantitative'}}}
data = {'values': [{'k': 'a', 'v': 1, 'g': 'p'}, {'k': 'b', 'v': 2, 'g': 'q'}]}
def by(channel):
    return {**bars, 'data': data, 'encoding': {**bars['encoding'], channel: {'field': 'g', 'type': 'nominal'}}}
st.vega_lite_chart(by('column'), alt='Facet')
st.vega_lite_chart({'data': data, 'hconcat': [bars, bars]}, alt='Side by side')
st.vega_lite_chart({'data': data, 'vconcat': [bars, bars]}, alt='Stacked')
st.vega_lite_chart(by('facet'), alt='Wrapped')
st.vega_lite_chart({'data': data, 'hconcat': [bars, bars], 'padding': 0}, alt='Unpadded')
"""

#: Each chart's drawing: its height and its cells' left edges; null until all are drawn.
DRAWN = """(names) => {
  const found = {};
  for (const name of names) {
    const svg = document.querySelector(`[role=figure][aria-label="${name}"] .chart-view > svg`);
    if (!svg) return null;
    const top = svg.getBoundingClientRect();
    const cells = [...svg.querySelectorAll('g.mark-group.role-scope > g > path.background')]
      .map((p) => Math.round(p.getBoundingClientRect().left - top.left));
    found[name] = {height: top.height, lefts: cells};
  }
  return found;
}"""


@pytest.mark.browser
def test_compositions_take_the_height_they_take_in_streamlit(context: Any) -> None:
    expected = {"Facet": 482, "Side by side": 425, "Stacked": 850, "Wrapped": 865}  # Streamlit 1.67's drawings
    names = [*expected, "Unpadded"]
    with running_engine(OWN) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 4000})
        page.goto(server.url)
        page.wait_for_function(f"() => !!({DRAWN})({names!r})", timeout=30_000)
        drawn = page.evaluate(DRAWN, names)
        assert {name: drawn[name]["height"] for name in expected} == pytest.approx(expected, abs=2)
        assert len(set(drawn["Wrapped"]["lefts"])) == 1, "a wrapped facet's cells one per row"
        unpadded = drawn["Unpadded"]["height"]
        assert unpadded == pytest.approx(drawn["Side by side"]["height"] - 20, abs=1), "a spec's own padding is kept"
