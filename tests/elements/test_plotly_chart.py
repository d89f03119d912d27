"""``plotly_chart``: a Plotly figure (or a figure dict) drawn by plotly.js's strict build, vendored.

AppTest tests read the figure a chart carries (from plotly's objects and from dicts, validated by plotly as
Streamlit validates them, its error shown; without plotly, a dict as plain JSON), the theme (the stock template left
out so that the page's look applies, the stock colours named for the page's palette), the checks on arguments, and
selections (set and read back, and raw values a client could send). Chromium tests draw charts under the page's
policy: the vendored plotly.js, loaded only when a chart is shown, no request off the page's origin and no violation,
WebGL traces (scattergl, scatterpolargl, splom, parcoords, scatter3d) drawn on their canvases, a person's box selection
reaching the script (on SVG and on WebGL points), and a dict drawn when the server has no plotly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import plotly.express as px
import plotly.graph_objects as go
import pytest
from playwright.sync_api import expect

import porch.elements.plotly_chart as plotly_chart
from browser_checks import first_paint, off_origin, shown_on_click, violations, watched_page
from engine_harness import running_engine
from porch.static import StaticAssets
from porch.testing import AppTest
from porch.webui import STATIC_DIR
from support import app, bad_values, printed_by, send, shown

DICT = "fig = {'data': [{'type': 'bar', 'x': ['a', 'b'], 'y': [3, 4]}], 'layout': {'title': {'text': 'Bars'}}}\n"
EMPTY: dict[str, Any] = {"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}



def error_of(source: str) -> str:
    at = app(DICT + source)
    assert at.exception, "expected an error"
    return str(at.exception[0].message)


# -- the figure -------------------------------------------------------------------------------------------------------


def test_a_plotly_figure_carries_its_traces_and_layout_as_plotly_js_reads_them() -> None:
    figure = px.scatter(x=[1, 2, 3], y=[4, 5, 6], title="Points")

    def script(fig):  # type: ignore[no-untyped-def]
        import porch as st

        st.plotly_chart(fig)

    chart = shown(script, figure).plotly_chart[0]
    spec = chart.spec
    assert [trace["type"] for trace in spec["data"]] == ["scatter"]
    assert spec["data"][0]["x"] == {"dtype": "i1", "bdata": "AQID"}, "NumPy arrays in plotly's typed-array form"
    assert spec["layout"]["title"]["text"] == "Points"
    assert chart.value is None and chart.figure == spec  # no on_select: no value, as in Streamlit's AppTest
    assert chart.props["theme"] == "streamlit" and chart.props["selection_mode"] == []
    assert chart.node.id is None, "without on_select it is no widget"
    assert json.loads(chart.proto.spec) == spec and chart.proto.theme == "streamlit"


def test_the_streamlit_theme_drops_plotly_s_stock_template_and_names_its_colours_for_the_page() -> None:
    figure = px.scatter(x=[1, 2], y=[3, 4], color=["a", "b"])
    dark = go.Figure(go.Bar(x=[1], y=[2]), layout={"template": "plotly_dark"})

    def script(fig, other):  # type: ignore[no-untyped-def]
        import porch as st

        st.plotly_chart(fig)
        st.plotly_chart(fig, theme=None)
        st.plotly_chart(other)

    themed, own, chosen = shown(script, figure, dark).plotly_chart
    assert "template" not in themed.spec["layout"], "the client applies the page's template instead"
    assert [t["marker"]["color"] for t in themed.spec["data"]] == ["var(--plotly-category-0)",
                                                                   "var(--plotly-category-1)"]
    assert own.props["theme"] is None and own.spec["layout"]["template"]["layout"]["colorway"][0] == "#636efa"
    assert [t["marker"]["color"] for t in own.spec["data"]] == ["#636efa", "#EF553B"], "Plotly's own look"
    assert chosen.spec["layout"]["template"]["layout"]["paper_bgcolor"] == "rgb(17,17,17)", "a chosen template stays"


def test_a_continuous_colour_scale_of_the_stock_template_becomes_the_page_s_ramp() -> None:
    figure = px.scatter(x=[1, 2], y=[3, 4], color=[0.5, 1.5])

    def script(fig):  # type: ignore[no-untyped-def]
        import porch as st

        st.plotly_chart(fig)

    layout = shown(script, figure).plotly_chart[0].spec["layout"]
    assert layout["coloraxis"]["colorscale"] == "var(--plotly-ramp)"


def test_traces_and_lists_of_them_are_figures_too() -> None:
    trace = go.Scatter(x=[1, 2], y=[2, 1], name="line")

    def script(t):  # type: ignore[no-untyped-def]
        import plotly.graph_objects as go

        import porch as st

        st.plotly_chart(t)
        st.plotly_chart([t, t])
        st.plotly_chart({"data": [t], "layout": go.Layout(title="T")})

    one, two, mixed = shown(script, trace).plotly_chart
    assert [len(c.spec["data"]) for c in (one, two, mixed)] == [1, 2, 1]
    assert mixed.spec["layout"]["title"]["text"] == "T"


def test_a_dict_figure_is_validated_by_plotly_as_streamlit_validates_it() -> None:
    chart = app(DICT + "st.plotly_chart(fig)\nst.plotly_chart(fig, theme=None)").plotly_chart
    bars = {"type": "bar", "x": ["a", "b"], "y": [3, 4]}
    themed, own = chart
    assert themed.spec == {"data": [bars], "layout": {"title": {"text": "Bars"}}}, "the stock template left out"
    assert own.spec["layout"]["template"]["layout"]["colorway"][0] == "#636efa", "plotly's own look: its template"
    listed = app("import porch as st\nst.plotly_chart(({'type': 'bar', 'y': [3]},))").plotly_chart[0]
    assert listed.spec["data"] == [{"type": "bar", "y": [3]}]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("st.plotly_chart({'data': [{'type': 'bar', 'y': [1], 'colour': 'red'}]})",
         "Invalid property specified for object of type plotly.graph_objs.Bar: 'colour'"),
        ("st.plotly_chart({'data': [{'type': 'nonsense'}]})",
         "Invalid element(s) received for the 'data' property of Invalid elements include: [{'type': 'nonsense'}]"),
        ("st.plotly_chart({'data': [], 'layout': {'title': {'text': 'None'}}})", "Empty data list found"),
        ("st.plotly_chart([])", "Empty data list found"),
        ("st.plotly_chart({'data': [{'type': 'bar', 'y': [1]}], 'layout': {'xaxis': {'rang': [0, 1]}}})",
         "Invalid property specified for object of type plotly.graph_objs.layout.XAxis: 'rang'"),
    ],
)
def test_plotly_s_error_for_a_bad_figure_dict_is_shown_in_the_app(source: str, message: str) -> None:
    assert message in error_of(source)
    assert error_of(source).startswith("plotly_chart: ")


def test_without_plotly_a_dict_is_checked_for_its_shape_and_its_arrays_dates_and_gaps_become_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plotly_chart, "plotly_installed", lambda: False)

    def script():  # type: ignore[no-untyped-def]
        import datetime as dt

        import numpy as np
        import pandas as pd

        import porch as st

        when = [dt.date(2024, 1, 1), dt.datetime(2024, 1, 2, 12, 30)]
        first = {"x": np.arange(3), "y": pd.Series([1.5, float("nan"), 2.5]), "text": np.array(["a", "b", "c"])}
        second = {"x": when, "y": (np.int64(1), np.float32(2.5))}
        st.plotly_chart({"data": [first, second], "frames": [{"name": "f"}]})

    spec = shown(script).plotly_chart[0].spec
    assert spec["data"][0] == {"x": [0, 1, 2], "y": [1.5, None, 2.5], "text": ["a", "b", "c"]}
    assert spec["data"][1] == {"x": ["2024-01-01T00:00:00", "2024-01-02T12:30:00.000"], "y": [1, 2.5]}
    assert spec["frames"] == [{"name": "f"}] and spec["layout"] == {}


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("st.plotly_chart({'data': [], 'config': {}})", "a figure dict has 'data' (the traces), 'layout'"),
        ("st.plotly_chart({'data': 'x'})", "a figure's 'data' is a list of traces"),
        ("st.plotly_chart({'data': [1, 2]})", "a figure's 'data' is a list of traces"),
        ("st.plotly_chart({'data': [{'type': 3}]})", "a trace's 'type' is the name of a trace type"),
        ("st.plotly_chart({'layout': [1]})", "a figure's 'layout' is a dict"),
        ("st.plotly_chart({'frames': {}})", "a figure's 'frames' is a list of dicts"),
    ],
)
def test_without_plotly_a_dict_of_the_wrong_shape_is_a_clear_error(
    source: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plotly_chart, "plotly_installed", lambda: False)
    assert message in error_of(source)
    assert "plotly_chart" in error_of(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("st.plotly_chart({'data': [], 'config': {}})", "invalid Figure property: config"),
        ("st.plotly_chart({'layout': [1]})", "Invalid value of type 'builtins.list' received for the 'layout'"),
        ("st.plotly_chart(42)", "plotly_chart: expected a Plotly figure"),
        ("st.plotly_chart(fig, theme='dark')", "theme must be 'streamlit' or None"),
        ("import plotly.graph_objects as go\nst.plotly_chart([go.Bar(y=[1]), {'type': 'nonsense'}])",
         "plotly_chart: the figure does not validate"),
        ("st.plotly_chart(fig, on_select='yes')", "on_select must be 'ignore', 'rerun' or a callable"),
        ("st.plotly_chart(fig, on_select='rerun', selection_mode='boxes')", "invalid selection mode 'boxes'"),
        ("st.plotly_chart(fig, on_select='rerun', selection_mode=['points', 'zoom'])", "invalid selection mode"),
        ("st.plotly_chart(fig, width='wide')", "width must be a positive number of pixels"),
        ("st.plotly_chart(fig, height=0)", "height must be a positive number of pixels"),
        ("st.plotly_chart(fig, config=['scrollZoom'])", "config is a dict of plotly.js's options"),
    ],
)
def test_what_cannot_be_a_chart_is_a_clear_error_naming_the_call(source: str, message: str) -> None:
    assert message in error_of(source)
    assert "plotly_chart" in error_of(source)


def test_a_matplotlib_figure_is_not_converted() -> None:
    class Figure:  # stands for matplotlib.figure.Figure, recognised by its module as _frames recognises frames
        pass

    Figure.__module__ = "matplotlib.figure"

    def script(fig):  # type: ignore[no-untyped-def]
        import porch as st

        st.plotly_chart(fig)

    at = AppTest.from_function(script, args=(Figure(),)).run()
    assert "Matplotlib figures are not converted to Plotly" in at.exception[0].message


def test_sizes_config_theme_and_alt() -> None:
    at = app(
        DICT
        + "st.plotly_chart(fig)\n"
        "st.plotly_chart(fig, True, width=300)\n"
        "st.plotly_chart(fig, use_container_width=False, height=250, theme=None, alt='Two bars')\n"
        "st.plotly_chart(fig, False, width=320, height='stretch', config={'scrollZoom': True, 'displayModeBar': 0})\n"
    )
    first, stretched, content, pixels = at.plotly_chart
    assert (first.props["width"], first.props["height"]) == ("stretch", "content")
    assert stretched.props["width"] == "stretch", "use_container_width=True wins"
    assert (content.props["width"], content.props["height"], content.props["theme"]) == ("content", 250, None)
    assert content.props["label"] == "Two bars" and content.props["label_visibility"] == "collapsed"
    assert (pixels.props["width"], pixels.props["height"]) == (320, "stretch")
    assert pixels.config == {"scrollZoom": True, "displayModeBar": 0} and first.config == {}


def test_a_chart_carries_no_error_prop_since_the_page_draws_a_dict_without_plotly_on_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(plotly_chart, "plotly_installed", lambda: False)
    chart = app(DICT + "st.plotly_chart(fig)").plotly_chart[0]
    assert chart.spec["data"] == [{"type": "bar", "x": ["a", "b"], "y": [3, 4]}]
    assert "error" not in chart.props, "plotly.js is vendored: nothing to say about the server's plotly"


# -- selections -------------------------------------------------------------------------------------------------------

POINT = {"curve_number": 0, "point_number": 1, "point_index": 1, "x": "b", "y": 4, "legendgroup": "g"}
BOX = {"xref": "x", "yref": "y", "x": [0.5, 1.5], "y": [0, 5]}
LASSO = {"xref": "x", "yref": "y", "x": [0, 1, 1], "y": [0, 0, 4]}


def test_a_selection_is_set_and_read_back_as_streamlit_returns_it() -> None:
    at = app(DICT + "ev = st.plotly_chart(fig, on_select='rerun', key='c')\n"
             "st.text(f'{ev.selection.point_indices} {ev[\"selection\"][\"box\"]} {len(ev.selection.points)}')")
    chart = at.plotly_chart[0]
    assert chart.props["selection_mode"] == ["points", "box", "lasso"]
    assert chart.selection == EMPTY and chart.value == EMPTY
    assert at.text[0].value == "[] [] 0"
    chart.set_value({"selection": {"points": [POINT], "point_indices": [1], "box": [BOX], "lasso": []}}).run()
    assert at.text[0].value == "[1] [{'xref': 'x', 'yref': 'y', 'x': [0.5, 1.5], 'y': [0, 5]}] 1"
    state = at.session_state["c"]
    assert state["selection"]["points"] == [POINT] and state.selection.points[0]["legendgroup"] == "g"
    at.plotly_chart[0].select([POINT, {**POINT, "point_index": 0}], lasso=[LASSO]).run()
    assert at.text[0].value == "[1, 0] [] 2", "point_indices default to the points' indices"
    assert at.plotly_chart[0].selection.selection.lasso == [LASSO]
    assert chart.proto.selection_mode == ["points", "box", "lasso"] and chart.proto.id == "k:c"


def test_the_selection_is_read_only_and_a_callback_runs_first() -> None:
    at = app(
        DICT + "def seen():\n    st.session_state.seen = st.session_state.c.selection.point_indices\n"
        "ev = st.plotly_chart(fig, on_select=seen, key='c', selection_mode='points')\n"
        "st.text(st.session_state.get('seen'))\n"
        "try:\n    ev.selection['points'] = []\nexcept TypeError as err:\n    st.caption(str(err))\n"
    )
    assert at.plotly_chart[0].props["selection_mode"] == ["points"]
    assert "read-only" in at.caption[0].value
    at.plotly_chart[0].select([POINT]).run()
    assert at.text[0].value == "[1]"
    preset = app(DICT + "st.session_state.c = 1\nst.plotly_chart(fig, on_select='rerun', key='c')")
    assert preset.exception, "a chart's selection cannot be set through session_state"


def test_selection_modes_limit_the_areas_and_an_empty_mode_reports_nothing() -> None:
    at = app(DICT + "ev = st.plotly_chart(fig, on_select='rerun', selection_mode=('lasso', 'points'))\nst.write(ev)")
    assert at.plotly_chart[0].props["selection_mode"] == ["points", "lasso"], "in Streamlit's order"
    with pytest.raises(ValueError, match="does not allow box selections"):
        at.plotly_chart[0].select(box=[BOX])
    none = app(DICT + "ev = st.plotly_chart(fig, on_select='rerun', selection_mode=[])\nst.write(ev)")
    assert none.plotly_chart[0].props["selection_mode"] == [] and none.plotly_chart[0].node.id is not None
    plain = app(DICT + "st.plotly_chart(fig)")
    with pytest.raises(Exception, match="set_value\\(\\) needs a plotly_chart with on_select"):
        plain.plotly_chart[0].set_value(EMPTY)


@pytest.mark.parametrize(
    "wire",
    [
        {"selection": {"points": []}},  # a dict, not JSON text
        "not json",
        7,
        '{"other": {}}',
        '{"selection": [], "more": 1}',
        '{"selection": {"rows": []}}',
        '{"selection": {"points": [1, 2]}}',
        '{"selection": {"points": [{"x": NaN}]}}',
        '{"selection": {"points": {"x": 1}}}',
        '{"selection": {"point_indices": [-1]}}',
        '{"selection": {"point_indices": [1.5]}}',
        '{"selection": {"box": [{"xref": "x", "yref": "y", "x": [1, 2, 3], "y": [1, 2, 3]}]}}',
        '{"selection": {"box": [{"x": [1, 2], "y": [1]}]}}',
        '{"selection": {"box": [{"x": [1, 2], "y": [1, 2], "path": "M0,0Z"}]}}',
        '{"selection": {"lasso": [{"x": [true, 1], "y": [1, 2]}]}}',
        '{"selection": {"lasso": [{"x": [1, 2], "y": [1, 2]}]}}',  # lasso is not a mode of this chart
        '{"selection": {"points": [' + ",".join(['{"x": 1, "y": 2}'] * 30_000) + "]}}",
    ],
)
def test_selection_refuses_bad_wire_values(wire: Any) -> None:
    at = app(DICT + "ev = st.plotly_chart(fig, on_select='rerun', selection_mode=['points', 'box'])\n"
             "st.text(ev.selection)")
    send(at, {at.plotly_chart[0].node.id: wire})
    assert at.text[0].value == str(EMPTY["selection"])
    assert len(bad_values(at)) == 1


def test_a_good_wire_value_is_taken() -> None:
    at = app(DICT + "ev = st.plotly_chart(fig, on_select='rerun')\nst.text(ev.selection.box)")
    wire = json.dumps({"selection": {"points": [POINT], "point_indices": [1], "box": [BOX], "lasso": [LASSO]}})
    send(at, {at.plotly_chart[0].node.id: wire})
    assert at.text[0].value == str([BOX]) and not bad_values(at)


# -- the vendored build ----------------------------------------------------------------------------------------------

BUILD = STATIC_DIR / "vendor" / "plotly" / "plotly-strict.min.js"


def plotly_js_version(build: Path) -> str:
    """The version a plotly.js build names in its first lines (``* plotly.js (strict - minified) v4.1.1``)."""
    with open(build, encoding="utf-8") as handle:
        head = handle.read(300)
    found = re.search(r"plotly\.js[^\n]* v(\d+\.\d+\.\d+)", head)
    assert found is not None, head
    return found.group(1)


def test_plotly_js_is_the_vendored_strict_build_in_the_import_map_hashed_and_read_on_first_request() -> None:
    import gzip

    assets = StaticAssets(STATIC_DIR)
    imports = json.loads(assets.import_map())["imports"]
    url = imports["porch/vendor/plotly/plotly-strict.min.js"]
    assert re.fullmatch(r"\./_porch/static/vendor/plotly/plotly-strict\.min\.[0-9a-f]{12}\.js", url)
    assert not [name for name in imports if "plotly" in name and name not in (
        "porch/vendor/plotly/plotly-strict.min.js", "porch/vendor/plotly/index.js", "porch/elements/plotly_chart.js")]
    asset = assets.by_url(url.removeprefix("./_porch/static/"))
    assert asset is not None and asset.content_type.startswith("text/javascript")
    assert not asset.ready and "body" not in vars(asset), "5 MB read only when a page asks for it"
    asset.prepare()
    assert asset.body == BUILD.read_bytes() and asset.gzipped is not None
    assert gzip.decompress(asset.gzipped) == asset.body and asset.ready
    assert b"plotly.js (strict - minified)" in asset.body[:200], "the build made for pages without 'unsafe-eval'"
    assert b"sourceMappingURL" not in asset.body[-500:]


def test_the_vendored_plotly_js_is_the_major_version_the_plotly_package_ships() -> None:
    """Figures are made by the plotly package and drawn by the vendored build: the two must speak the same schema
    (webui/vendor/plotly/README.md says how to update the build with the package)."""
    import plotly

    shipped = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert plotly_js_version(BUILD).split(".")[0] == plotly_js_version(shipped).split(".")[0]


# -- in Chromium ------------------------------------------------------------------------------------------------------

SCATTER = """
import porch as st
import plotly.express as px
st.text("A page")
if st.button("Show the chart"):
    fig = px.scatter(x=[1, 2, 3, 4], y=[10, 11, 12, 13], color=["a", "b", "a", "b"], title="Points")
    st.plotly_chart(fig, alt="Four points")
    st.plotly_chart({"data": [{"type": "bar", "x": ["a", "b", "c"], "y": [3, 4, 2]}]}, theme=None, alt="Bars")
"""


@pytest.mark.browser
def test_a_figure_and_a_dict_draw_with_the_vendored_build_and_no_request_off_the_origin(context: Any) -> None:
    with running_engine(SCATTER) as server:
        page, requests, errors = shown_on_click(context, server.url, "Show the chart", "plotly")
        figure = page.get_by_role("figure", name="Four points")
        traces = figure.locator("svg.main-svg .scatterlayer .trace")
        expect(traces).to_have_count(2, timeout=20_000)
        expect(figure.locator(".scatterlayer .point")).to_have_count(4)
        first = figure.locator(".scatterlayer .trace").first.locator(".point").first
        assert "rgb(79, 70, 229)" in (first.get_attribute("style") or ""), "the page's palette (--plotly-category)"
        expect(figure.locator(".gtitle")).to_have_text("Points")
        width = figure.locator("svg.main-svg").first.evaluate("(svg) => svg.getBoundingClientRect().width")
        assert width == pytest.approx(figure.evaluate("(n) => n.clientWidth"), abs=2), "as wide as its container"
        bars = page.get_by_role("figure", name="Bars").locator(".barlayer .point")
        expect(bars).to_have_count(3)
        assert off_origin(requests, server.url) == []
        loaded = sorted(url.rsplit("/", 1)[1].split(".")[0] for url in requests if "/vendor/plotly/" in url)
        assert loaded == ["index", "plotly-strict"], "vendor/plotly/index.js and the vendored build, once"
        assert violations(page) == []
        assert errors == []
        assert page.evaluate("() => 'moduleName' in window") is False, "the build's stray global is removed"


@pytest.mark.browser
def test_a_person_box_selects_points_and_the_script_sees_them(context: Any) -> None:
    source = (
        "import porch as st\n"
        "fig = {'data': [{'type': 'scatter', 'mode': 'markers', 'x': [1, 2, 3, 4], 'y': [1, 2, 3, 4],"
        " 'marker': {'size': 14}}], 'layout': {'xaxis': {'range': [0, 5]}, 'yaxis': {'range': [0, 5]}}}\n"
        "ev = st.plotly_chart(fig, on_select='rerun', key='chart')\n"
        "s = ev.selection\n"
        "st.text(f'indices={sorted(s.point_indices)} boxes={len(s.box)} xs={sorted(p[\"x\"] for p in s.points)}')\n"
    )
    with running_engine(source) as server:
        page, _requests, errors = watched_page(context, server.url)
        expect(page.get_by_text("indices=[] boxes=0 xs=[]")).to_be_visible()
        area = page.locator(".plotly-chart .nsewdrag").first
        expect(page.locator(".plotly-chart .scatterlayer .point")).to_have_count(4, timeout=20_000)
        box = area.bounding_box()
        assert box is not None
        # From x = 0.5 to 2.5 and y = 0.5 to 2.5 (the axes run 0 to 5): the first two points.
        left, top = box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.5
        page.mouse.move(left, box["y"] + box["height"] * 0.9)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, top, steps=10)
        page.mouse.up()
        expect(page.get_by_text("indices=[0, 1] boxes=1 xs=[1, 2]")).to_be_visible()
        page.mouse.dblclick(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.1)
        expect(page.get_by_text("indices=[] boxes=0 xs=[]")).to_be_visible()
        assert errors == [] and violations(page) == []


#: The chart's SVG points' opacities (plotly.js dims the points a selection leaves out) and its selections' outlines.
HIGHLIGHT = """() => ({
  opacities: [...document.querySelectorAll(".plotly-chart .scatterlayer .point")]
    .map((p) => getComputedStyle(p).opacity),
  outlines: document.querySelectorAll(".plotly-chart .selectionlayer path").length,
  tick: document.querySelector(".plotly-chart .xtick text")?.style.fill ?? null,
})"""


@pytest.mark.browser
def test_a_selection_stays_drawn_when_the_colour_scheme_changes_and_after_a_reload(context: Any) -> None:
    """As Streamlit 1.67 keeps a selection in the figure it draws again (its colour scheme changed), the chart draws
    the selection the widget holds whenever it draws: after a change of scheme, and after a reload that resumes the
    session (whose script still has the selection)."""
    source = (
        "import porch as st\n"
        "fig = {'data': [{'type': 'scatter', 'mode': 'markers', 'x': [1, 2, 3, 4], 'y': [1, 2, 3, 4],"
        " 'marker': {'size': 14}}], 'layout': {'xaxis': {'range': [0, 5]}, 'yaxis': {'range': [0, 5]}}}\n"
        "ev = st.plotly_chart(fig, on_select='rerun', key='chart')\n"
        "st.text(f'indices={sorted(ev.selection.point_indices)}')\n"
    )
    highlighted = ["1", "1", "0.2", "0.2"]
    with running_engine(source) as server:
        page, _requests, errors = watched_page(context, server.url)
        expect(page.locator(".plotly-chart .scatterlayer .point")).to_have_count(4, timeout=20_000)
        box = page.locator(".plotly-chart .nsewdrag").first.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.9)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=10)
        page.mouse.up()
        expect(page.get_by_text("indices=[0, 1]")).to_be_visible()
        drawn = page.evaluate(HIGHLIGHT)
        assert drawn["opacities"] == highlighted and drawn["outlines"] > 0, drawn
        page.emulate_media(color_scheme="light" if page.evaluate("() => matchMedia('(prefers-color-scheme: dark)')"
                                                                  ".matches") else "dark")
        # Drawn again in the other scheme (its tick labels' colour changes), the selection with it.
        page.wait_for_function(f"(before) => ({HIGHLIGHT})().tick !== before", arg=drawn["tick"], timeout=20_000)
        again = page.evaluate(HIGHLIGHT)
        assert again["opacities"] == highlighted and again["outlines"] > 0, again
        page.reload()
        expect(page.get_by_text("indices=[0, 1]")).to_be_visible()
        expect(page.locator(".plotly-chart .scatterlayer .point")).to_have_count(4, timeout=20_000)
        reloaded = page.evaluate(HIGHLIGHT)
        assert reloaded["opacities"] == highlighted and reloaded["outlines"] > 0, reloaded
        page.mouse.dblclick(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.1)
        expect(page.get_by_text("indices=[]")).to_be_visible()
        page.wait_for_function(f"() => ({HIGHLIGHT})().opacities.every((o) => o === '1')", timeout=20_000)
        assert errors == [] and violations(page) == []


#: How many pixels of a chart's WebGL canvases are drawn on (not transparent): each canvas copied onto a 2D canvas,
#: whose pixels can be read whatever WebGL context drew it.
PAINTED = """(figure) => {
  let painted = 0;
  for (const canvas of figure.querySelectorAll("canvas")) {
    if (!canvas.width || !canvas.height) continue;
    const copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext("2d");
    context.drawImage(canvas, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) painted++;
  }
  return painted;
}"""


def wait_painted(page: Any, name: str, least: int = 200) -> None:
    """Wait (with a generous deadline) until the chart named ``name`` has at least ``least`` pixels drawn with WebGL,
    and no SVG point: WebGL traces are drawn as WebGL, not as SVG twins."""
    figure = page.get_by_role("figure", name=name)
    expect(figure.locator(".plotly-chart-view .main-svg").first).to_be_attached(timeout=30_000)
    handle = figure.element_handle()
    page.wait_for_function(f"(figure) => ({PAINTED})(figure) >= {least}", arg=handle, timeout=30_000)
    assert figure.locator(".scatterlayer .point").count() == 0, f"{name}: drawn with WebGL, not as SVG points"
    expect(figure.get_by_role("alert")).to_have_count(0)


WEBGL = """
import porch as st
import plotly.express as px
st.plotly_chart(px.scatter(x=list(range(2000)), y=[i % 7 for i in range(2000)]), alt='many')
st.plotly_chart({'data': [{'type': 'scatterpolargl', 'r': [1, 2, 3, 2], 'theta': [0, 90, 180, 270],
                 'marker': {'size': 12}}]}, alt='polar')
st.plotly_chart({'data': [{'type': 'splom', 'dimensions': [{'label': 'a', 'values': [1, 2, 3, 4]},
                 {'label': 'b', 'values': [4, 2, 3, 1]}], 'marker': {'size': 10}}]}, alt='splom')
st.plotly_chart({'data': [{'type': 'parcoords', 'dimensions': [{'label': 'a', 'values': [1, 2, 3]},
                 {'label': 'b', 'values': [3, 1, 2]}]}]}, alt='parcoords')
st.plotly_chart({'data': [{'type': 'scatter3d', 'mode': 'markers', 'x': [1, 2, 3], 'y': [3, 1, 2], 'z': [2, 3, 1],
                 'marker': {'size': 8}}]}, alt='3d')
st.plotly_chart({'data': [{'type': 'scattergeo', 'lon': [2.35, 13.4], 'lat': [48.85, 52.5]}]}, alt='geo')
st.plotly_chart({'data': [{'type': 'scattermap', 'lon': [1], 'lat': [2]}]}, alt='tiles')
"""


@pytest.mark.browser
def test_webgl_traces_draw_with_webgl_under_the_page_s_policy_and_what_plotly_js_would_fetch_says_why(
    context: Any,
) -> None:
    """plotly.js's strict build draws WebGL traces (plotly.express makes scattergl past 1,000 points) on their
    canvases with no policy violation: its WebGL code is generated ahead, never compiled in the page. A geographic map
    draws its data without the base map plotly.js would fetch, and says so; a tile map says why it is not drawn."""
    with running_engine(WEBGL) as server:
        page, requests, errors = watched_page(context, server.url)
        for name in ("many", "polar", "splom", "parcoords"):
            wait_painted(page, name)
        # A 3D scene draws on one WebGL canvas that keeps no copy of its drawing to read back (plotly.js's 3D code
        # never compiled code in the page, and was drawn before too): drawn, with no word against it.
        scene = page.get_by_role("figure", name="3d")
        expect(scene.locator(".gl-container canvas")).to_have_count(1)
        expect(scene.get_by_role("alert")).to_have_count(0)
        geo = page.get_by_role("figure", name="geo")
        expect(geo.locator(".scattergeo .point")).to_have_count(2)
        expect(geo.get_by_text("The base map (land, coasts, borders) comes from Plotly's site")).to_be_visible()
        expect(page.get_by_role("figure", name="tiles").get_by_role("alert")).to_contain_text(
            "A scattermap trace draws on map tiles from the internet, which this page does not load")
        assert off_origin(requests, server.url) == []
        assert violations(page) == []
        assert errors == []


@pytest.mark.browser
def test_a_person_box_selects_webgl_points_and_the_script_sees_them(context: Any) -> None:
    source = (
        "import porch as st\n"
        "import plotly.express as px\n"
        "fig = px.scatter(x=list(range(2000)), y=[i % 10 for i in range(2000)], range_x=[0, 2000], range_y=[-1, 10])\n"
        "ev = st.plotly_chart(fig, on_select='rerun', key='chart', alt='points')\n"
        "s = ev.selection\n"
        "xs = [p['x'] for p in s.points]\n"
        "st.text(f'kind={fig.data[0].type} n={len(s.point_indices)} boxes={len(s.box)}'"
        " f' lo={min(xs, default=None)} hi={max(xs, default=None)} same={sorted(xs) == sorted(s.point_indices)}')\n"
    )
    with running_engine(source) as server:
        page, _requests, errors = watched_page(context, server.url)
        expect(page.get_by_text("kind=scattergl n=0 boxes=0 lo=None hi=None")).to_be_visible()
        wait_painted(page, "points")
        area = page.locator(".plotly-chart .nsewdrag").first
        box = area.bounding_box()
        assert box is not None
        # From x = 500 to 1000 (a quarter of the axis to its half), the whole height: the points 500 to 1000.
        page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.02)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.98, steps=10)
        page.mouse.up()
        shown = page.get_by_text(re.compile(r"kind=scattergl n=[1-9]"))
        expect(shown).to_be_visible()
        found = re.search(r"n=(\d+) boxes=(\d+) lo=(\d+) hi=(\d+) same=(\w+)", shown.inner_text())
        assert found is not None
        count, boxes, low, high, same = found.groups()
        assert (boxes, same) == ("1", "True"), "one box, and each point's x is its index"
        assert abs(int(low) - 500) <= 10 and abs(int(high) - 1000) <= 10, (low, high)
        assert int(count) == int(high) - int(low) + 1, "every point in the box"
        page.mouse.dblclick(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.1)
        expect(page.get_by_text("kind=scattergl n=0 boxes=0 lo=None hi=None")).to_be_visible()
        assert errors == [] and violations(page) == []


@pytest.mark.browser
def test_without_plotly_on_the_server_a_dict_is_drawn_by_the_vendored_build(
    context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plotly_chart, "plotly_installed", lambda: False)
    source = (
        "import porch as st\nst.plotly_chart({'data': [{'type': 'bar', 'y': [1, 2]}]}, alt='Bars')\nst.text('after')"
    )
    with running_engine(source) as server:
        page, _requests, errors = watched_page(context, server.url)
        expect(page.get_by_role("figure", name="Bars").locator(".barlayer .point")).to_have_count(2, timeout=20_000)
        expect(page.get_by_text("after")).to_be_visible()
        assert errors == [] and violations(page) == []


@pytest.mark.browser
def test_the_first_paint_of_a_page_without_a_chart_does_not_load_plotly(browser: Any) -> None:
    """plotly.js (5.2 MB) is in the import map but only a page that shows a Plotly chart asks for it: a page without
    one keeps its first paint within ten requests and 100 kB."""
    with running_engine("import porch as st\nst.title('No chart')\nst.text('Line 20: the end')") as server:
        paint = first_paint(browser, server.url)
    assert "porch/vendor/plotly/plotly-strict.min.js" in paint.html, "plotly.js is in the import map"
    assert not any("plotly" in url for url in paint.requests), paint.requests
    assert len(paint.requests) <= 10, paint.requests
    assert paint.size <= 100_000
