"""``vega_lite_chart``: st.line_chart, area_chart, bar_chart, scatter_chart, vega_lite_chart and altair_chart, one
wire kind drawn by Vega-Lite in the browser.

AppTest tests read the spec a chart carries: the encodings Streamlit's built-in charts make (wide and long tables,
colours, stacking, sorting, sizes), the data inline whatever its library, the cap on rows, the checks on a spec, and
selections (with raw values a client could send). Chromium tests draw charts under the page's policy: from the
package's own copy of Vega (loaded only when a chart is shown), no request off the page's origin, no policy
violation, the page's theme, Vega's own errors in the chart's place, and selections a person makes.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from browser_checks import off_origin, shown_on_click, violations
from engine_harness import running_engine
from porch.testing import AppTest
from support import app, bad_values, printed_by, send

FRAME = "df = pd.DataFrame({'a': [1, 2, 3], 'b': [4.5, 5.5, 6.5], 'c': ['x', 'y', 'z']})\n"


def chart(source: str, index: int = 0) -> dict[str, Any]:
    at = app("import pandas as pd\n" + FRAME + source)
    assert not at.exception, at.exception[0].message if at.exception else ""
    spec: dict[str, Any] = at.vega_lite_chart[index].spec
    return spec


def unit(spec: dict[str, Any]) -> dict[str, Any]:
    """A built-in chart's view: a line chart's first layer (the second draws the hovered point)."""
    found: dict[str, Any] = spec["layer"][0] if "layer" in spec else spec
    return found


def error_of(source: str) -> str:
    at = app("import pandas as pd\n" + FRAME + source)
    assert at.exception, "expected an error"
    return str(at.exception[0].message)


# -- built-in charts --------------------------------------------------------------------------------------------------


def test_a_wide_frame_is_melted_into_one_line_per_column_along_the_index() -> None:
    spec = chart("st.line_chart(df[['a', 'b']])")
    encoding = unit(spec)["encoding"]
    assert encoding["x"] == {"field": "(index)", "title": "", "type": "quantitative",
                             "axis": {"tickMinStep": 1, "grid": False}}
    assert encoding["y"] == {"field": "(value)", "title": "", "type": "quantitative", "axis": {"grid": True}}
    assert encoding["color"] == {"field": "(series)", "legend": {"titlePadding": 5, "offset": 5, "orient": "bottom"},
                                 "type": "nominal", "title": " "}
    assert [t.get("title") for t in encoding["tooltip"]] == ["index", "value", "color"]
    assert spec["data"]["values"][:2] == [{"(index)": 0, "(series)": "a", "(value)": 1},
                                          {"(index)": 1, "(series)": "a", "(value)": 2}]
    assert len(spec["data"]["values"]) == 6
    hover = spec["layer"][1]
    assert hover["mark"] == {"type": "point", "filled": True, "size": 65}
    assert hover["params"][0]["select"]["fields"] == ["(index)"]
    assert unit(spec)["params"][0]["bind"] == "scales"
    assert spec["autosize"] == {"type": "fit", "contains": "padding"}


def test_a_long_frame_draws_its_columns_with_their_names_as_titles() -> None:
    spec = chart("st.line_chart(df, x='a', y='b', color='c', x_label='A axis')")
    encoding = unit(spec)["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["title"], encoding["x"]["type"]) == ("a", "A axis", "quantitative")
    assert (encoding["y"]["field"], encoding["y"]["title"]) == ("b", "b")
    assert encoding["color"]["field"] == "c" and encoding["color"]["type"] == "nominal"
    assert spec["data"]["values"] == [{"a": 1, "c": "x", "b": 4.5}, {"a": 2, "c": "y", "b": 5.5},
                                      {"a": 3, "c": "z", "b": 6.5}]


def test_y_names_the_columns_to_draw_and_colours_may_be_one_per_column() -> None:
    spec = chart("st.area_chart(df, x='a', y=['a', 'b'], color=['#ff0000', (0, 0, 255)])")
    encoding = unit(spec)["encoding"]
    assert encoding["color"]["scale"] == {"domain": ["a", "b"], "range": ["#ff0000", "rgba(0, 0, 255, 1)"]}
    assert encoding["opacity"] == {"value": 0.7}
    assert {row["(series)"] for row in spec["data"]["values"]} == {"a", "b"}
    one = unit(chart("st.line_chart(df, y='b', color='primary')"))["encoding"]
    assert one["color"] == {"value": "var(--accent)"}, "the theme's accent, read by the client"
    assert "Showing" not in json.dumps(one)


def test_colour_errors_name_the_call() -> None:
    assert "same length" in error_of("st.line_chart(df, y=['a', 'b'], color=['#f00'])")
    assert "valid color argument" in error_of("st.line_chart(df, y='a', color='not a colour')")
    assert 'no column named "nope"' in error_of("st.bar_chart(df, x='nope')")
    assert "x must be a column name" in error_of("st.line_chart(df, x=1)")


def test_a_colour_column_of_colours_draws_them_without_a_legend() -> None:
    spec = chart("st.scatter_chart(pd.DataFrame({'x': [1, 2], 'y': [3, 4], 'k': ['#f00', (0, 1.0, 0)]}), x='x', "
                 "y='y', color='k')")
    colour = spec["encoding"]["color"]
    assert colour["legend"] is None
    assert colour["scale"] == {"domain": ["#f00", "rgba(0, 255, 0, 1)"], "range": ["#f00", "rgba(0, 255, 0, 1)"]}
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == ["x", "y"], "no colour codes in the tooltip"


def test_bar_charts_are_discrete_along_x_and_horizontal_ones_swap_the_axes() -> None:
    bars = chart("st.bar_chart(df, x='c', y='b')")
    assert bars["encoding"]["x"]["type"] == "ordinal" and bars["encoding"]["y"]["type"] == "quantitative"
    assert bars["params"][0]["select"]["encodings"] == ["y"], "zoom only along the continuous axis"
    across = chart("st.bar_chart(df, x='c', y='b', horizontal=True, x_label='Value', y_label='Name')")["encoding"]
    assert (across["x"]["field"], across["x"]["title"], across["x"]["type"]) == ("b", "Value", "quantitative")
    assert (across["y"]["field"], across["y"]["title"], across["y"]["type"]) == ("c", "Name", "ordinal")
    assert across["x"]["axis"]["grid"] and not across["y"]["axis"]["grid"]


@pytest.mark.parametrize(
    "stack, expected",
    [(None, None), (True, True), ("normalize", "normalize"), ("center", "center"), ("layered", False), (False, False)],
)
def test_stacking(stack: Any, expected: Any) -> None:
    long = "pd.DataFrame({'k': ['p', 'p', 'q'], 'v': [1, 2, 3], 'g': ['m', 'n', 'm']})"
    encoding = chart(f"st.bar_chart({long}, x='k', y='v', color='g', stack={stack!r})")["encoding"]
    assert encoding["y"].get("stack", None) == expected
    assert ("xOffset" in encoding) == (stack is False), "side by side: an offset per colour"
    assert ("opacity" in encoding) == (stack == "layered")


def test_area_charts_stack_and_a_bad_stack_is_an_error() -> None:
    assert unit(chart("st.area_chart(df, x='a', y=['b'], stack='center')"))["encoding"]["y"]["stack"] == "center"
    assert "Invalid value for stack" in error_of("st.area_chart(df, stack='sideways')").replace("invalid", "Invalid")


def test_bar_sort() -> None:
    assert "sort" not in chart("st.bar_chart(df, x='c', y='b')")["encoding"]["x"]
    assert chart("st.bar_chart(df, x='c', y='b', sort=False)")["encoding"]["x"]["sort"] is None
    assert chart("st.bar_chart(df, x='c', y='b', sort='-b')")["encoding"]["x"]["sort"] == {
        "field": "b", "order": "descending"}
    horizontal = chart("st.bar_chart(df, x='c', y='b', sort='a', horizontal=True)")
    assert horizontal["encoding"]["y"]["sort"] == {"field": "a", "order": "ascending"}
    assert "a" in horizontal["data"]["values"][0], "the column sorted by travels with the data"
    assert 'no column named "zz"' in error_of("st.bar_chart(df, x='c', y='b', sort='zz')")


def test_scatter_sizes() -> None:
    assert chart("st.scatter_chart(df, x='a', y='b')")["encoding"]["size"] == {"value": 100}
    assert chart("st.scatter_chart(df, x='a', y='b', size=30)")["encoding"]["size"] == {"value": 30}
    sized = chart("st.scatter_chart(df, x='a', y='b', size='b')")["encoding"]
    assert sized["size"]["field"] == "b" and sized["size"]["legend"]["orient"] == "bottom"
    assert [t["field"] for t in sized["tooltip"]] == ["a", "b", "b"]
    assert "valid size" in error_of("st.scatter_chart(df, x='a', y='b', size=[1])")


def test_dates_missing_values_and_dotted_names() -> None:
    spec = chart(
        "st.line_chart(pd.DataFrame({'when': pd.to_datetime(['2024-01-01', '2024-01-02']), 'v.w': [1.5, float('nan')]}),"
        " x='when', y='v.w')"
    )
    encoding = unit(spec)["encoding"]
    assert encoding["x"]["type"] == "temporal"
    assert encoding["y"]["field"] == "v\\.w", "a dot in a name is escaped (unescaped, it reaches into a value)"
    assert spec["data"]["values"] == [{"when": "2024-01-01T00:00:00.000", "v.w": 1.5},
                                      {"when": "2024-01-02T00:00:00.000", "v.w": None}]


def test_ordered_categories_keep_their_order() -> None:
    spec = chart("sizes = pd.Categorical(['S', 'L', 'M'], categories=['S', 'M', 'L'], ordered=True)\n"
                 "st.bar_chart(pd.DataFrame({'size': sizes, 'n': [1, 3, 2]}), x='size', y='n', color='size')")
    assert spec["encoding"]["x"]["type"] == "ordinal" and spec["encoding"]["x"]["sort"] == ["S", "M", "L"]
    assert spec["encoding"]["color"]["sort"] == ["S", "M", "L"]


@pytest.mark.parametrize(
    "data",
    [
        "pd.DataFrame({'p': [1, 2], 'q': [3, 4]})",
        "pl.DataFrame({'p': [1, 2], 'q': [3, 4]})",
        "pa.table({'p': [1, 2], 'q': [3, 4]})",
        "{'p': [1, 2], 'q': [3, 4]}",
        "[{'p': 1, 'q': 3}, {'p': 2, 'q': 4}]",
        "np.array([[1, 3], [2, 4]])",
    ],
)
def test_any_table_draws_the_same(data: str) -> None:
    at = app(f"import pandas as pd, polars as pl, pyarrow as pa, numpy as np\nst.bar_chart({data})")
    values = at.vega_lite_chart[0].data
    series = sorted({row["(series)"] for row in values})
    assert len(values) == 4 and len(series) == 2
    assert [row["(value)"] for row in values] == [1, 2, 3, 4]


def test_pandas_is_imported_only_for_a_pandas_value() -> None:
    script = (
        "import sys\n"
        "from porch.testing import AppTest\n"
        "at = AppTest.from_string('import porch as st\\nst.line_chart({\"y\": [1, 2, 3]})\\n"
        "st.vega_lite_chart([{\"a\": 1}], {\"mark\": \"point\"})').run(timeout=60)\n"
        "assert not at.exception, at.exception\n"
        "print(sorted(m for m in ('pandas', 'polars', 'pyarrow', 'numpy', 'altair') if m in sys.modules))\n"
    )
    assert printed_by(script) == "[]"


def test_more_than_100000_points_are_capped_with_a_note() -> None:
    # Scatter plots send their rows (lines and areas of many rows are thinned: tests/test_chart_thinning.py).
    at = AppTest.from_string("import porch as st\nst.scatter_chart({'y': list(range(100_001))})\n"
                             "st.scatter_chart({'a': list(range(60_000)), 'b': list(range(60_000))})").run(timeout=60)
    first, second = at.vega_lite_chart
    assert len(first.data) == 100_000
    assert first.note.startswith("Showing the first 100,000 of 100,001 rows")
    assert len(second.data) == 100_000 and {r["(index)"] for r in second.data} == set(range(50_000))
    assert second.note.startswith("Showing the first 50,000 of 60,000 rows: a chart draws at most 100,000 points")


def test_empty_data_draws_an_empty_chart() -> None:
    at = app("st.line_chart()\nst.bar_chart([])")
    assert [c.data for c in at.vega_lite_chart] == [[], []]
    assert unit(at.vega_lite_chart[0].spec)["encoding"]["x"]["field"] == "(none)"


def test_sizes_and_accepted_parameters() -> None:
    at = app(
        "st.line_chart({'y': [1]}, width=300, height=200, alt='A line')\n"
        "st.bar_chart({'y': [1]}, use_container_width=False)\n"
        "st.area_chart({'y': [1]}, width='content', height='stretch')"
    )
    props = [c.props for c in at.vega_lite_chart]
    assert [(p["width"], p["height"]) for p in props] == [(300, 200), ("content", "content"), ("content", "stretch")]
    assert props[0]["label"] == "A line" and props[1]["label"] == ""
    assert at.get("arrow_vega_lite_chart") == list(at.vega_lite_chart)
    assert "height must be" in error_of("st.line_chart(df, height=-1)")


# -- vega_lite_chart and altair_chart ---------------------------------------------------------------------------------

SPEC = "{'mark': 'point', 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}}"


def test_vega_lite_chart_puts_the_data_in_the_spec() -> None:
    assert chart(f"st.vega_lite_chart(df, {SPEC})")["data"]["values"][0] == {"a": 1, "b": 4.5, "c": "x"}
    inside = chart("st.vega_lite_chart({'mark': 'bar', 'data': {'values': df, 'format': {'type': 'json'}}})")
    assert inside["data"] == {"format": {"type": "json"}, "values": [{"a": 1, "b": 4.5, "c": "x"},
                                                                      {"a": 2, "b": 5.5, "c": "y"},
                                                                      {"a": 3, "b": 6.5, "c": "z"}]}
    named = chart("st.vega_lite_chart({'mark': 'bar', 'data': {'name': 't'}, 'datasets': {'t': df}})")
    assert named["data"] == {"name": "t"} and len(named["datasets"]["t"]) == 3
    listed = chart("st.vega_lite_chart([1, 2.5, float('nan')], {'mark': 'tick', 'encoding': {'x': {'field': 'data'}}})")
    assert listed["data"] == {"values": [1, 2.5, None]}, "plain values, as Vega-Lite wraps them: {'data': value}"
    csv = chart("st.vega_lite_chart({'mark': 'bar', 'data': {'values': 'a\\n1', 'format': {'type': 'csv'}}})")
    assert csv["data"] == {"format": {"type": "csv"}, "values": "a\n1"}
    geo = {"type": "FeatureCollection", "features": []}
    assert chart(f"st.vega_lite_chart({{'mark': 'geoshape', 'data': {{'values': {geo!r}}}}})")["data"] == {
        "values": geo}


def test_the_script_s_spec_is_not_changed() -> None:
    at = app(f"s = {SPEC}\nst.vega_lite_chart(s, width=400)\nst.text(s == {SPEC})")
    assert at.text[0].value == "True"
    assert at.vega_lite_chart[0].props["width"] == 400


@pytest.mark.parametrize(
    "spec, message",
    [
        ("{}", "non-empty spec"),
        ("'mark: point'", "must be a dict"),
        ("{'encoding': {}}", "neither a 'mark' nor a view composition"),
        ("{'marks': [], '$schema': 'https://vega.github.io/schema/vega/v5.json'}", "Vega spec"),
        ("{'mark': 3}", "'mark' must be"),
        ("{'layer': {'mark': 'bar'}}", "'layer' must be a list"),
        ("{'facet': {'field': 'a'}}", "needs the 'spec'"),
    ],
)
def test_a_spec_that_cannot_be_vega_lite_is_a_clear_error(spec: str, message: str) -> None:
    assert message in error_of(f"st.vega_lite_chart(None, {spec})")


def test_width_defaults_and_autosize_follow_the_composition() -> None:
    at = app(
        "st.vega_lite_chart({'mark': 'bar'})\n"
        "st.vega_lite_chart({'facet': {'field': 'a'}, 'spec': {'mark': 'bar'}})\n"
        "st.vega_lite_chart({'hconcat': [{'mark': 'bar'}]})\n"
        "st.vega_lite_chart({'vconcat': [{'mark': 'bar'}]})\n"
        "st.vega_lite_chart({'mark': 'bar', 'autosize': 'none'}, use_container_width=False)\n"
        "st.vega_lite_chart({'mark': 'bar', 'encoding': {'color': {'field': 'a', 'title': None}}})"
    )
    charts = at.vega_lite_chart
    assert [c.props["width"] for c in charts] == ["stretch", "content", "content", "stretch", "content", "stretch"]
    assert [c.spec["autosize"] for c in charts[:5]] == [
        {"type": "fit", "contains": "padding"}, {"type": "pad", "contains": "padding"},
        {"type": "fit", "contains": "padding"}, {"type": "fit-x", "contains": "padding"}, "none"]
    assert charts[5].spec["encoding"]["color"]["title"] == " "


def test_theme_and_on_select_are_checked() -> None:
    assert app(f"st.vega_lite_chart(None, {SPEC}, theme=None)").vega_lite_chart[0].props["theme"] is None
    assert "theme must be" in error_of(f"st.vega_lite_chart(None, {SPEC}, theme='dark')")
    assert "on_select must be" in error_of(f"st.vega_lite_chart(None, {SPEC}, on_select='yes')")
    assert "defines no selection parameter" in error_of(f"st.vega_lite_chart(None, {SPEC}, on_select='rerun')")


SELECTING = (
    "spec = {'mark': 'point', 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}, 'data': {'values': [{'a': 1}]},"
    " 'params': [{'name': 'pick', 'select': 'point'}, {'name': 'brush', 'select': 'interval'},"
    " {'name': 'size', 'value': 3}]}\n"
)


def test_selections_return_a_read_only_state_by_parameter() -> None:
    at = app(SELECTING + "ev = st.vega_lite_chart(spec, on_select='rerun', key='c')\n"
             "st.text(f\"{ev.selection.pick} {ev['selection']['brush']}\")")
    element = at.vega_lite_chart[0]
    assert element.props["selection_mode"] == ["brush", "pick"]
    assert element.spec["params"][0]["select"] == {"type": "point", "encodings": ["x"]}
    assert element.selection == {"selection": {"brush": {}, "pick": {}}}
    element.select({"pick": [{"a": 1}]}).run()
    assert at.text[0].value == "[{'a': 1}] {}"
    assert at.session_state["c"]["selection"]["pick"] == [{"a": 1}]
    only = app(SELECTING + "ev = st.vega_lite_chart(spec, on_select='rerun', selection_mode='brush')\nst.write(ev)")
    assert only.vega_lite_chart[0].props["selection_mode"] == ["brush"]
    assert "'nope' is not defined" in error_of(
        SELECTING + "st.vega_lite_chart(spec, on_select='rerun', selection_mode=['nope'])")


def test_a_selection_callback_runs_and_the_state_cannot_be_set() -> None:
    at = app(
        SELECTING + "def seen():\n    st.session_state.seen = st.session_state.c.selection.brush\n"
        "st.vega_lite_chart(spec, on_select=seen, key='c')\nst.text(st.session_state.get('seen'))"
    )
    at.vega_lite_chart[0].select({"brush": {"a": [0, 2]}}).run()
    assert at.text[0].value == "{'a': [0, 2]}"
    state = app(SELECTING + "st.session_state.c = 1\nst.vega_lite_chart(spec, on_select='rerun', key='c')")
    assert state.exception


@pytest.mark.parametrize(
    "wire",
    [
        {"selection": {"pick": []}},  # a dict, not JSON text
        "not json",
        '{"selection": {"nope": {}}}',
        '{"selection": {"pick": [1, 2]}}',
        '{"selection": {"pick": "x"}}',
        '{"selection": {"pick": NaN}}',
        '{"other": {}}',
        '{"selection": {"pick": [' + ",".join(['{"a": 1}'] * 30_000) + "]}}",
        7,
    ],
)
def test_selection_refuses_bad_wire_values(wire: Any) -> None:
    at = app(SELECTING + "ev = st.vega_lite_chart(spec, on_select='rerun')\nst.text(ev.selection.pick)")
    send(at, {at.vega_lite_chart[0].node.id: wire})
    assert at.text[0].value == "{}"
    assert len(bad_values(at)) == 1


def test_altair_charts_carry_their_data_and_name_their_parameters_as_streamlit_does() -> None:
    source = pd.DataFrame({"a": range(6000), "b": [i % 7 for i in range(6000)]})
    chart_ = alt.Chart(source).mark_point().encode(x="a", y="b").add_params(alt.selection_point(), alt.selection_interval())

    def script(chart):  # type: ignore[no-untyped-def]
        import porch as st

        st.session_state.ev = st.altair_chart(chart, on_select="rerun")
        st.altair_chart(chart.properties(width=300), theme=None, width="content")

    at = AppTest.from_function(script, args=(chart_,)).run()
    first, second = at.vega_lite_chart
    spec = first.spec
    assert spec["params"][0]["name"] == "param_1" and spec["params"][1]["name"] == "param_2"
    assert first.props["selection_mode"] == ["param_1", "param_2"]
    assert at.session_state["ev"]["selection"] == {"param_1": {}, "param_2": {}}
    (name,) = spec["datasets"]
    assert spec["data"] == {"name": name} and len(spec["datasets"][name]) == 6000, "no 5,000-row limit"
    assert "config" not in spec, "Altair's default theme (a fixed 300 by 300) is off"
    assert second.props["theme"] is None and second.spec["width"] == 300
    assert "altair_chart: expected an Altair chart" in error_of("st.altair_chart({'mark': 'bar'})")


def test_vega_is_served_from_the_package_hashed_and_compressed_on_first_request() -> None:
    import gzip
    import re

    from porch.static import StaticAssets
    from porch.webui import STATIC_DIR

    assets = StaticAssets(STATIC_DIR)
    imports = json.loads(assets.import_map())["imports"]
    for name in ("index.js", "vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        url = imports[f"porch/vendor/vega/{name}"]
        stem = name.removesuffix(".js")
        assert re.fullmatch(rf"\./_porch/static/vendor/vega/{re.escape(stem)}\.[0-9a-f]{{12}}\.js", url)
        asset = assets.by_url(url.removeprefix("./_porch/static/"))
        assert asset is not None and asset.content_type.startswith("text/javascript")
        assert "gzipped" not in vars(asset), "compressed on its first request, not when the engine starts"
        assert asset.gzipped is not None and gzip.decompress(asset.gzipped) == asset.body
    app_js = assets.by_url(imports["porch/app.js"].removeprefix("./_porch/static/"))
    assert app_js is not None and "gzipped" in vars(app_js), "the client's own files are compressed at start"


# -- in Chromium ------------------------------------------------------------------------------------------------------

LINE = """
import math
if st.button("Show the chart"):
    st.line_chart({"x": list(range(1000)), "y": [math.sin(i / 40) for i in range(1000)]}, x="x", y="y",
                  alt="A sine wave")
"""


@pytest.mark.browser
def test_a_line_of_1000_points_is_drawn_from_the_package_with_no_request_off_the_origin(context: Any) -> None:
    with running_engine("import porch as st\n" + LINE) as server:
        page, requests, errors = shown_on_click(context, server.url, "Show the chart", "/vendor/")
        figure = page.get_by_role("figure", name="A sine wave")
        line = figure.locator("svg g.mark-line path")
        expect(line).to_have_count(1, timeout=15_000)
        assert len(line.get_attribute("d") or "") > 1000, "a path through 1000 points"
        assert figure.locator("svg g.mark-symbol").count() == 1, "the layer that shows the hovered point"
        width = figure.locator("svg").evaluate("(svg) => svg.getBoundingClientRect().width")
        assert width == pytest.approx(figure.evaluate("(n) => n.clientWidth"), abs=2), "as wide as its container"
        assert off_origin(requests, server.url) == []
        vendored = [url for url in requests if "/_porch/static/vendor/vega/" in url]
        assert len(vendored) == 4, vendored
        assert violations(page) == []
        assert errors == []


@pytest.mark.browser
def test_charts_follow_the_dark_theme(browser: Any) -> None:
    source = "import porch as st\nst.bar_chart({'k': ['a', 'b'], 'v': [1, 2]}, x='k', y='v')\n"
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        try:
            with running_engine(source) as server:
                page = context.new_page()
                page.goto(server.url)
                bar = page.locator(".chart svg g.mark-rect path").first
                expect(bar).to_be_visible(timeout=15_000)
                label = page.locator(".chart svg g.role-axis-label text").first
                colours[scheme] = (bar.get_attribute("fill"), label.get_attribute("fill"))
        finally:
            context.close()
    assert colours["light"] == ("#4f46e5", "#646b75"), "style.css's light --accent palette and --muted"
    assert colours["dark"] == ("#8b8cf8", "#98a1ad"), "and their dark values"


@pytest.mark.browser
def test_vega_s_own_error_shows_in_the_chart_s_place_and_large_data_draws_on_a_canvas(context: Any) -> None:
    source = (
        "import porch as st\n"
        "st.vega_lite_chart({'mark': 'bar', 'encoding': {'x': {'field': 'a', 'type': 'nonsense'}}})\n"
        "st.scatter_chart({'x': list(range(100_500)), 'y': [i % 97 for i in range(100_500)]}, x='x', y='y')\n"
        "st.text('after')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        error = page.get_by_role("alert")
        expect(error).to_have_text('Vega-Lite could not draw this chart: Invalid field type "undefined".',
                                   timeout=15_000)
        expect(page.locator(".chart canvas")).to_have_count(1, timeout=30_000)
        expect(page.get_by_text("Showing the first 100,000 of 100,500 rows")).to_be_visible()
        expect(page.get_by_text("after")).to_be_visible()


@pytest.mark.browser
def test_a_person_picks_a_point_and_drags_an_interval(context: Any) -> None:
    source = (
        "import porch as st\n"
        "spec = {'mark': {'type': 'point', 'filled': True, 'size': 400},"
        " 'data': {'values': [{'a': 1, 'b': 2}, {'a': 2, 'b': 3}]},"
        " 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}, 'y': {'field': 'b', 'type': 'quantitative'}},"
        " 'params': [{'name': 'pick', 'select': 'point'}, {'name': 'brush', 'select': 'interval'}]}\n"
        "ev = st.vega_lite_chart(spec, on_select='rerun', key='chart')\n"
        "st.text(f'pick={ev.selection.pick} brush={sorted(ev.selection.brush)}')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        point = page.locator(".chart svg g.mark-symbol path").first
        expect(point).to_be_visible(timeout=15_000)
        box = point.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(page.get_by_text("pick=[{'a': 1, 'b': 2}] brush=[]")).to_be_visible()
        frame = page.locator(".chart svg").bounding_box()
        assert frame is not None
        page.mouse.move(frame["x"] + 80, frame["y"] + 40)
        page.mouse.down()
        page.mouse.move(frame["x"] + 500, frame["y"] + 300, steps=8)
        page.mouse.up()
        expect(page.get_by_text("brush=['a', 'b']")).to_be_visible()


@pytest.mark.browser
def test_a_selection_s_highlight_is_kept_when_the_colour_scheme_changes(context: Any) -> None:
    source = (
        "import porch as st\n"
        "spec = {'mark': {'type': 'point', 'filled': True, 'size': 400},"
        " 'data': {'values': [{'a': 1, 'b': 2}, {'a': 2, 'b': 3}]},"
        " 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}, 'y': {'field': 'b', 'type': 'quantitative'},"
        "  'opacity': {'condition': {'param': 'pick', 'value': 1}, 'value': 0.2}},"
        " 'params': [{'name': 'pick', 'select': 'point'}]}\n"
        "ev = st.vega_lite_chart(spec, on_select='rerun', key='chart')\n"
        "st.text(f'runs={st.session_state.setdefault(\"runs\", 0)} pick={ev.selection.pick}')\n"
        "st.session_state.runs += 1\n"
    )
    #: The points' opacities and the first axis label's colour, once the chart is drawn.
    drawn = """() => {
      const points = [...document.querySelectorAll('.chart svg g.mark-symbol path')];
      const label = document.querySelector('.chart svg g.role-axis-label text');
      if (points.length !== 2 || !label) return null;
      return {opacity: points.map((p) => p.getAttribute('opacity') ?? '1'), label: label.getAttribute('fill')};
    }"""
    with running_engine(source) as server:
        page = context.new_page()
        page.emulate_media(color_scheme="light")
        page.goto(server.url)
        point = page.locator(".chart svg g.mark-symbol path").first
        expect(point).to_be_visible(timeout=15_000)
        box = point.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(page.get_by_text("runs=1 pick=[{'a': 1, 'b': 2}]")).to_be_visible()
        assert page.evaluate(drawn) == {"opacity": ["1", "0.2"], "label": "#646b75"}
        page.emulate_media(color_scheme="dark")
        page.wait_for_function(f"() => ({drawn})()?.label === '#98a1ad'", timeout=30_000)
        expect(page.get_by_text("runs=1 pick=[{'a': 1, 'b': 2}]")).to_be_visible()
        page.wait_for_function(f"() => ({drawn})()?.opacity.join() === '1,0.2'", timeout=30_000)
        assert page.evaluate(drawn) == {"opacity": ["1", "0.2"], "label": "#98a1ad"}, "drawn dark, still selected"


COMPOSITIONS = """
import porch as st
bars = {'mark': 'bar',
        'encoding': {'x': {'field': 'k', 'type': 'nominal'}, 'y': {'field': 'v', 'type': 'quantitative'}}}
data = {'values': [{'k': 'a', 'v': 1, 'g': 'p'}, {'k': 'b', 'v': 2, 'g': 'q'}]}
facet = {**bars, 'data': data, 'encoding': {**bars['encoding'], 'column': {'field': 'g', 'type': 'nominal'}}}
st.vega_lite_chart({'data': data, 'vconcat': [bars, bars]}, alt='Stacked')
st.vega_lite_chart({'data': data, 'vconcat': [bars, bars]}, width=400, alt='Stacked 400')
st.vega_lite_chart({'data': data, 'hconcat': [bars, bars]}, width='stretch', alt='Side by side')
st.vega_lite_chart({'data': data, 'hconcat': [bars, bars]}, alt='Side by side, content')
st.vega_lite_chart(facet, width='stretch', height=150, alt='Facet 150')
st.vega_lite_chart(facet, alt='Facet')
"""

#: Each chart's drawing (the SVG Vega made) and element: [drawing's width, drawing's height, element's width].
SIZES = """() => {
  const found = {};
  for (const figure of document.querySelectorAll('[role=figure]')) {
    const svg = figure.querySelector('.chart-view > svg');
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    found[figure.getAttribute('aria-label')] = [box.width, box.height, figure.clientWidth];
  }
  return Object.keys(found).length === 6 ? found : null;
}"""


@pytest.mark.browser
def test_compositions_take_width_and_height_as_streamlit_gives_them(context: Any) -> None:
    with running_engine(COMPOSITIONS) as server:
        page = context.new_page()
        page.goto(server.url)
        try:  # drawn, and the stretched concatenation drawn again at its element's width
            page.wait_for_function(f"() => {{ const s = ({SIZES})(); return !!s && "
                                   "Math.abs(s['Stacked'][0] - s['Stacked'][2]) <= 2; }", timeout=30_000)
        except PlaywrightTimeout:
            pass  # the assertions that follow show what was drawn instead
        sizes = page.evaluate(SIZES)
        stacked, stacked_400 = sizes["Stacked"], sizes["Stacked 400"]
        assert stacked[0] == pytest.approx(stacked[2], abs=2), "a vertical concatenation fits the element's width"
        assert stacked_400[2] == 400 and stacked_400[0] > 400, "its views are 400 pixels wide, axes beside them"
        side, side_content = sizes["Side by side"], sizes["Side by side, content"]
        assert side[:2] == pytest.approx(side_content[:2], abs=1) and side[0] < side[2] / 2, "views keep their widths"
        facet_150, facet = sizes["Facet 150"], sizes["Facet"]
        assert facet_150[0] == pytest.approx(facet[0], abs=1), "a facet keeps its width"
        assert facet_150[1] <= facet[1] - 150, "its cells are 150 pixels tall (350 without a height)"
        page.set_viewport_size({"width": 600, "height": 800})
        try:  # drawn again at the narrower element's width
            page.wait_for_function(f"() => {{ const s = ({SIZES})(); return !!s && s['Stacked'][2] < {stacked[2]} && "
                                   "Math.abs(s['Stacked'][0] - s['Stacked'][2]) <= 2; }", timeout=30_000)
        except PlaywrightTimeout:
            pass
        narrower = page.evaluate(SIZES)["Stacked"]
        assert narrower[2] < stacked[2] and narrower[0] == pytest.approx(narrower[2], abs=2), "it follows the element"


def test_apptest_gives_streamlits_proto_fields_of_a_chart_the_spec_as_json_text() -> None:
    at = app('st.vega_lite_chart({"mark": "bar", "data": {"values": [{"a": 1}]}}, theme=None)\n'
             'st.line_chart({"y": [1, 2]})')
    first, second = at.get("vega_lite_chart")
    assert json.loads(first.proto.spec)["mark"] == "bar" and first.proto.theme == ""
    assert (second.proto.theme, second.proto.id, second.proto.selection_mode, second.proto.form_id) == (
        "streamlit", "", [], ""
    )


def test_a_selectable_charts_value_is_its_selection_as_in_streamlit() -> None:
    at = app(
        'spec = {"mark": "point", "data": {"values": [{"a": 1}, {"a": 2}]}, "encoding": {"x": {"field": "a"}},'
        ' "params": [{"name": "pick", "select": "point"}]}\n'
        'st.vega_lite_chart(spec, on_select="rerun", key="ch")'
    )
    chart = at.get("vega_lite_chart")[0]
    assert chart.value == {"selection": {"pick": {}}} == chart.selection and chart.spec["mark"] == "point"
