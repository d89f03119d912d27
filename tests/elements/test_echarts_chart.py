"""``echarts_chart``: an Apache ECharts option (a dict, its JSON text or a pyecharts chart) drawn in the browser.

AppTest tests read the option a chart carries (as given; frames in ``dataset.source`` made rows; pyecharts' option
JSON and size), the checks on arguments and on what ECharts cannot draw from JSON (JavaScript callbacks, custom
series, maps, 3D charts), and selections: set and read back as Streamlit's ``EChartsState``, and raw values a client
could send. Chromium tests draw charts under the page's policy (ECharts loaded only when a chart is shown, no request
off the page's origin, no policy violation): a bar chart's pixels on its canvas and its bars as SVG, a click on a bar
reaching the script as a selection, a brush's region, and the page's colours.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect
from pyecharts import options as opts
from pyecharts.charts import Bar
from pyecharts.commons.utils import JsCode

from browser_checks import off_origin, violations, watched_page
from engine_harness import running_engine
from porch.elements.echarts_chart import EChartsState
from porch.testing import AppTest
from support import app, bad_values, printed_by, send, shown

BARS = {
    "xAxis": {"type": "category", "data": ["A", "B", "C", "D", "E"]},
    "yAxis": {"type": "value"},
    "series": [{"type": "bar", "data": [5, 20, 36, 10, 10], "selectedMode": "multiple", "name": "Sales"}],
}
EMPTY: dict[str, Any] = {"selection": {"selected": [], "areas": []}}



# -- the option -------------------------------------------------------------------------------------------------------


def test_an_option_dict_reaches_the_element_as_it_is() -> None:
    at = app("st.echarts_chart(bars, alt='Bars A to E')", bars=BARS)
    chart = at.echarts_chart[0]
    assert chart.type == "echarts_chart" and at.get("echarts_chart") == [chart]
    assert chart.spec == BARS
    assert (chart.theme, chart.renderer, chart.width, chart.height) == ("streamlit", "canvas", "stretch", 350)
    assert chart.label == "Bars A to E" and chart.label_visibility == "collapsed"
    assert chart.node.id is None, "without on_select it is no widget"


NOT_JSON = "echarts_chart(): The provided ECharts spec is not JSON-serializable."


def test_json_text_with_nan_is_refused_as_streamlit_refuses_it() -> None:
    text = '{"xAxis": {"type": "category"}, "yAxis": {}, "series": [{"type": "line", "data": [1, NaN, 3]}]}'
    at = app("st.echarts_chart(text)", text=text)
    assert at.exception[0].message.startswith(NOT_JSON)
    assert "`series[0].data[1]` is `NaN`. Use `None` for missing or non-finite numbers." in at.exception[0].message


def test_a_data_frame_in_dataset_source_becomes_rows_as_streamlit_s_client_writes_them() -> None:
    def script():  # type: ignore[no-untyped-def]
        import datetime as dt

        import numpy as np
        import pandas as pd

        import porch as st

        when = pd.to_datetime(["2024-01-01 12:00", None]).tz_localize("Europe/Paris")
        df = pd.DataFrame(
            {"product": ["Matcha", "Cocoa"], "2015": [43.3, np.nan], "when": [dt.date(2024, 1, 1), pd.NaT],
             "at": when, "naive": pd.to_datetime(["2024-01-01 12:00:00.5", None]), "hour": [dt.time(5, 6), None]},
            index=[10, 20],
        )
        st.echarts_chart({"dataset": {"source": df}, "xAxis": {"type": "category"}, "yAxis": {},
                          "series": [{"type": "bar", "data": [np.float64(1.5), 2]}, {"type": "bar"}]})
        st.echarts_chart({"dataset": [{"source": df, "dimensions": ["p", "y", "w"]}, {"source": [[1, 2]]},
                                      {"source": np.array([[1, 2], [3, 4]])}],
                          "series": {"type": "line", 1: {True: None}}})

    first, second = shown(script).echarts_chart
    dataset = first.spec["dataset"]
    assert dataset["dimensions"] == ["product", "2015", "when", "at", "naive", "hour"], "the columns; no index"
    assert dataset["source"] == [
        ["Matcha", 43.3, "2024-01-01", "2024-01-01T11:00:00.000Z", "2024-01-01T12:00:00.500", "05:06:00"],
        ["Cocoa", None, None, None, None, None],
    ], "aware datetimes in UTC, dates and times as Streamlit's client writes them"
    assert dataset["sourceHeader"] is False
    assert first.spec["series"][0]["data"] == [1.5, 2], "a NumPy float is a float (as json.dumps takes it)"
    assert second.spec["dataset"][0]["dimensions"] == ["p", "y", "w"], "the script's own dimensions stay"
    assert second.spec["dataset"][1] == {"source": [[1, 2]]}
    assert second.spec["dataset"][2] == {"source": [[1, 2], [3, 4]], "dimensions": ["0", "1"], "sourceHeader": False}
    assert second.spec["series"]["1"] == {"true": None}, "keys as json.dumps writes them"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("np.int64(3)", "`series[0].data[0]` is a `numpy.int64`. Convert it with `int()`, `float()`, or `bool()`."),
        ("np.bool_(True)", "`series[0].data[0]` is a `numpy.bool`. Convert it with `int()`, `float()`, or `bool()`."),
        ("float('inf')", "`series[0].data[0]` is `inf`. Use `None` for missing or non-finite numbers."),
        ("np.float64('nan')", "`series[0].data[0]` is `NaN`. Use `None` for missing or non-finite numbers."),
        ("pd.NaT", "`series[0].data[0]` is a `pandas.NaTType`. Use `None` for missing values."),
        ("dt.date(2024, 1, 1)", "`series[0].data[0]` is a `datetime.date`. Convert it with `.isoformat()`."),
        ("pd.Timestamp(2024, 1, 1)", "`series[0].data[0]` is a `pandas.Timestamp`. Convert it with `.isoformat()`."),
        ("np.array([1])", "`series[0].data[0]` is a `numpy.ndarray`. Only `dataset.source` accepts dataframes and "
                          "arrays, so pass the data there."),
        ("pd.DataFrame({'a': [1]})", "`series[0].data[0]` is a `pandas.DataFrame`. Only `dataset.source` accepts"),
        ("len", "`series[0].data[0]` is a `builtin_function_or_method`. Use an ECharts string template such as "
                "`\"{b}: {c}\"` instead of a callback."),
        ("object()", "`series[0].data[0]` is a `object`. Convert it to a plain Python value."),
        ("{(1, 2): 3}", "not JSON-serializable. `st.echarts_chart` only supports JSON-compatible option objects."),
    ],
)
def test_values_json_cannot_hold_are_refused_with_streamlit_s_message(value: str, message: str) -> None:
    source = ("import datetime as dt\nimport numpy as np\nimport pandas as pd\n"
              f"st.echarts_chart({{'series': [{{'type': 'line', 'data': [{value}]}}]}})")
    at = app(source)
    assert at.exception, f"expected an error from {value}"
    text = at.exception[0].message
    assert text.startswith(NOT_JSON) and message in text, text
    assert "Pass chart data as a dataframe in `dataset.source`" in text


def test_a_pyecharts_chart_gives_its_option_and_size_and_pyecharts_is_not_imported_for_a_dict() -> None:
    sized = Bar(init_opts=opts.InitOpts(width="640px", height="100%")).add_xaxis(["a", "b"]).add_yaxis("s", [1, 2])
    plain = Bar().add_xaxis(["a"]).add_yaxis("t", [3])

    def script(one, two):  # type: ignore[no-untyped-def]
        import porch as st

        st.echarts_chart(one, width="content")
        st.echarts_chart(two, width="content", height="content")

    first, second = shown(script, sized, plain).echarts_chart
    assert first.spec == json.loads(sized.dump_options())
    assert [s["name"] for s in first.spec["series"]] == ["s"] and first.spec["xAxis"][0]["data"] == ["a", "b"]
    assert (first.width, first.height) == (640, "stretch"), "the chart's own InitOpts size (100%: stretch)"
    assert (second.width, second.height) == (700, 350), "pyecharts' default 900px x 500px counts as unset"
    program = (
        "import sys\nfrom porch.testing import AppTest\n"
        "at = AppTest.from_string('import porch as st\\nst.echarts_chart({\"series\": []})\\n"
        "st.echarts_chart(\\'{\"series\": []}\\', on_select=\"rerun\")').run()\n"
        "assert not at.exception, at.exception\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyecharts', 'pandas', 'numpy')))\n"
    )
    assert printed_by(program) == "[]"


def test_sizes_theme_renderer_and_alt() -> None:
    at = app(
        "st.echarts_chart(bars, width='content', height='stretch', theme=None, renderer='svg', alt='  Two\\n words ')\n"
        "st.echarts_chart(bars, width=320, height=200, alt='  ')\n",
        bars=BARS,
    )
    first, second = at.echarts_chart
    assert (first.width, first.height, first.theme, first.renderer) == (700, "stretch", None, "svg")
    assert first.label == "Two words"
    assert (second.width, second.height, second.label) == (320, 200, "")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("st.echarts_chart(42)", "spec must be an ECharts option (a dict, or its JSON text) or a pyecharts chart"),
        ("st.echarts_chart('[1, 2]')", "an ECharts option is a JSON object (a dict), not list"),
        ("st.echarts_chart('{\"series\": [}')", "the option could not be read as JSON"),
        ("st.echarts_chart('{\"tooltip\": {\"formatter\": function (p) { return p.name; }}}')",
         "the option contains JavaScript callbacks"),
        ("st.echarts_chart('{\"tooltip\": {\"formatter\": (p) => p.name}}')",
         "the option contains JavaScript callbacks"),
        ("st.echarts_chart({'series': [{'type': 'bar', 'label': {'formatter': len}}]})",
         "`series[0].label.formatter` is a `builtin_function_or_method`"),
        ("st.echarts_chart({'series': [{'type': 'custom'}]})",
         "a 'custom' series, which needs a JavaScript renderItem"),
        ("st.echarts_chart({'series': [{'type': 'map', 'map': 'world'}]})", "uses a map or geo coordinate system"),
        ("st.echarts_chart({'geo': {'map': 'world'}})", "uses a map or geo coordinate system"),
        ("st.echarts_chart({'series': [{'type': 'scatter', 'coordinateSystem': 'geo'}]})", "map or geo"),
        ("st.echarts_chart({'baseOption': {'series': [{'type': 'bar3D'}]}})",
         "the 'bar3D' series, which needs the ECharts GL"),
        ("st.echarts_chart({'grid3D': {}})", "the 'grid3D' component, which needs the ECharts GL extension"),
        ("st.echarts_chart({'series': [{'type': 'wordCloud'}]})", "needs the 'echarts-wordcloud' extension"),
        ("st.echarts_chart({'options': {'series': []}})", "the option's 'options' is a list"),
        ("st.echarts_chart(bars, theme='dark')", "theme must be 'streamlit' or None"),
        ("st.echarts_chart(bars, renderer='webgl')", "renderer must be 'canvas' or 'svg'"),
        ("st.echarts_chart(bars, on_select='yes')", "on_select must be 'ignore', 'rerun' or a callable"),
        ("st.echarts_chart(bars, width='wide')", "width must be a positive number of pixels"),
        ("st.echarts_chart(bars, height=0)", "height must be a positive number of pixels"),
        ("st.echarts_chart(bars, alt=3)", "alt must be a string or None, not int"),
        ("st.echarts_chart(bars, key=['k'])", "key must be text or an integer, not list"),
    ],
)
def test_what_cannot_be_drawn_is_a_clear_error_naming_the_call(source: str, message: str) -> None:
    at = app(source, bars=BARS)
    assert at.exception, f"expected an error from {source}"
    assert "echarts_chart()" in at.exception[0].message
    assert message in at.exception[0].message, at.exception[0].message


def test_javascript_from_pyecharts_is_refused_as_streamlit_refuses_it() -> None:
    label = opts.LabelOpts(formatter=JsCode("function(p){return 1}"))
    bar = Bar().add_xaxis(["a"]).add_yaxis("s", [1], label_opts=label)

    def script(chart):  # type: ignore[no-untyped-def]
        import porch as st

        st.echarts_chart(chart)

    at = AppTest.from_function(script, args=(bar,)).run()
    assert "the option contains JavaScript callbacks" in at.exception[0].message
    assert "string templates" in at.exception[0].message


# -- selections -------------------------------------------------------------------------------------------------------

GROUP = {"series_index": 0, "series_id": None, "series_name": "Sales", "data_type": "main", "data_indices": [3, 1]}
BRUSHED = {**BARS, "brush": {"xAxisIndex": "all"}}
AREA = {"brush_index": 0, "brush_type": "lineX", "coord_range": [0.5, 2.5]}


def test_a_selection_is_set_and_read_back_as_streamlit_returns_it() -> None:
    at = app(
        "ev = st.echarts_chart(bars, on_select='rerun', key='sales')\n"
        "st.text(f'{ev.selection.selected} {ev[\"selection\"][\"areas\"]}')",
        bars=BRUSHED,
    )
    chart = at.echarts_chart[0]
    assert chart.value == EMPTY and isinstance(chart.value, EChartsState)
    assert chart.node.id == "k:sales" and chart.form_id == ""
    assert at.text[0].value == "[] []"
    chart.set_value({"selection": {"selected": [GROUP], "areas": [AREA]}}).run()
    group = {**GROUP, "data_indices": [1, 3]}
    assert at.text[0].value == f"{[group]} {[AREA]}", "indices sorted, as Streamlit's client sends them"
    state = at.session_state["sales"]
    assert state.selection.selected[0]["data_indices"] == [1, 3] and state["selection"]["areas"] == [AREA]
    rows = [i for g in state.selection.selected for i in g["data_indices"]]
    assert rows == [1, 3]
    at.echarts_chart[0].set_value(EMPTY).run()
    assert at.text[0].value == "[] []"


def test_the_selection_is_read_only_and_a_callback_runs_first() -> None:
    at = app(
        "def seen():\n    st.session_state.seen = st.session_state.c.selection.selected[0]['data_indices']\n"
        "ev = st.echarts_chart(bars, on_select=seen, key='c')\n"
        "st.text(st.session_state.get('seen'))\n"
        "try:\n    ev.selection['selected'] = []\nexcept TypeError as err:\n    st.caption(str(err))\n",
        bars=BARS,
    )
    assert "read-only" in at.caption[0].value
    at.echarts_chart[0].set_value({"selection": {"selected": [GROUP]}}).run()
    assert at.text[0].value == "[1, 3]"
    preset = app("st.session_state.c = 1\nst.echarts_chart(bars, on_select='rerun', key='c')", bars=BARS)
    assert preset.exception, "a chart's selection cannot be set through session_state"


def test_a_keyed_selection_survives_a_new_option_and_an_unkeyed_one_starts_over() -> None:
    source = (
        "n = st.number_input('n', 1, 9, 1)\n"
        "bars['series'][0]['data'] = [n, 2, 3, 4, 5]\n"
        "a = st.echarts_chart(bars, on_select='rerun', key='kept')\n"
        "b = st.echarts_chart(bars, on_select='rerun')\n"
        "st.text(f'{len(a.selection.selected)} {len(b.selection.selected)}')\n"
    )
    at = app(source, bars=BARS)
    at.echarts_chart[0].set_value({"selection": {"selected": [GROUP]}})
    at.echarts_chart[1].set_value({"selection": {"selected": [GROUP]}}).run()
    assert at.text[0].value == "1 1"
    at.number_input[0].set_value(2).run()
    assert at.text[0].value == "1 0", "without a key the chart's identity holds its option, as in Streamlit"


def test_selections_the_option_does_not_allow_are_refused() -> None:
    at = app("ev = st.echarts_chart(bars, on_select='rerun')\nst.write(ev)", bars=BARS)
    with pytest.raises(ValueError, match="has no brush"):
        at.echarts_chart[0].set_value({"selection": {"areas": [AREA]}})
    plain = {"series": [{"type": "bar", "data": [1, 2]}]}
    none = app("ev = st.echarts_chart(bars, on_select='rerun')\nst.write(ev)", bars=plain)
    with pytest.raises(ValueError, match="lets nothing be selected"):
        none.echarts_chart[0].set_value({"selection": {"selected": [GROUP]}})
    toolbox = {**plain, "toolbox": {"feature": {"brush": {"type": ["rect"]}}}}
    brushed = app("ev = st.echarts_chart(bars, on_select='rerun')\nst.write(ev)", bars=toolbox)
    brushed.echarts_chart[0].set_value({"selection": {"selected": [GROUP], "areas": [AREA]}}).run()
    assert brushed.echarts_chart[0].value.selection.areas == [AREA], "the toolbox's brush brushes too"
    shown = app("st.echarts_chart(bars)", bars=BARS)
    with pytest.raises(Exception, match="set_value\\(\\) is not supported"):
        shown.echarts_chart[0].set_value(EMPTY)


def test_a_chart_in_a_form_reports_on_submit_and_takes_no_callback() -> None:
    at = app(
        "with st.form('f'):\n    ev = st.echarts_chart(bars, on_select='rerun')\n    st.form_submit_button('Go')\n"
        "st.text(ev.selection.selected)",
        bars=BARS,
    )
    assert at.echarts_chart[0].form_id == "f"
    callback = app("with st.form('f'):\n    st.echarts_chart(bars, on_select=print)\n    st.form_submit_button()",
                   bars=BARS)
    assert "cannot have callbacks" in callback.exception[0].message


@pytest.mark.parametrize(
    "wire",
    [
        {"selection": {"selected": []}},  # a dict, not JSON text
        "not json",
        7,
        '{"other": {}}',
        '{"selection": {"selected": [], "points": []}}',
        '{"selection": {"selected": {}}}',
        '{"selection": {"selected": [1]}}',
        '{"selection": {"selected": [{"data_indices": [1]}]}}',
        '{"selection": {"selected": [{"series_index": -1, "data_indices": [1]}]}}',
        '{"selection": {"selected": [{"series_index": 0, "data_indices": [1.5]}]}}',
        '{"selection": {"selected": [{"series_index": 0, "data_indices": [true]}]}}',
        '{"selection": {"selected": [{"series_index": 0, "data_type": "link", "data_indices": [1]}]}}',
        '{"selection": {"selected": [{"series_index": 0, "series_name": {"a": 1}, "data_indices": [1]}]}}',
        '{"selection": {"selected": [{"series_index": 0, "data_indices": [1], "extra": 1}]}}',
        '{"selection": {"selected": [{"series_index": 0, "data_indices": [1]}, '
        '{"series_index": 0, "data_indices": [2]}]}}',
        '{"selection": {"areas": [{"brush_index": 0, "brush_type": "rect", "coord_range": [1, 2]}]}}',
        '{"selection": {"areas": [{"brush_index": 0, "brush_type": "circle", "coord_range": [1, 2]}]}}',
        '{"selection": {"areas": [{"brush_index": 0, "brush_type": "lineX", "coord_range": [1, NaN]}]}}',
        '{"selection": {"areas": [{"brush_index": 0, "brush_type": "polygon", "coord_range": []}]}}',
        '{"selection": {"areas": [{"brush_type": "lineX", "coord_range": [1, 2]}]}}',
        '{"selection": {"selected": [{"series_index": 0, "data_indices": [' + ",".join(["1"] * 120_000) + "]}]}}",
    ],
)
def test_selection_refuses_bad_wire_values(wire: Any) -> None:
    at = app("ev = st.echarts_chart(bars, on_select='rerun')\nst.text(ev.selection)", bars=BRUSHED)
    send(at, {at.echarts_chart[0].node.id: wire})
    assert at.text[0].value == str(EMPTY["selection"])
    assert len(bad_values(at)) == 1


# -- in the browser ---------------------------------------------------------------------------------------------------

SELECT = f"""
if st.button("Show the chart"):
    st.session_state.shown = True
if st.session_state.get("shown"):
    ev = st.echarts_chart({BARS!r}, on_select="rerun", key="bars", alt="Bars A to E")
    st.text("selected: " + str([i for g in ev.selection.selected for i in g["data_indices"]]))
    st.echarts_chart({BARS!r}, renderer="svg", alt="SVG bars", height=300)
"""


#: The centre of bar `index` (of five) in the page: ECharts' own conversion of the data point to pixels.
BAR_CENTRE = """async ([selector, index]) => {
  const echarts = await import("porch/vendor/echarts/index.js");
  const view = document.querySelector(selector);
  const chart = echarts.getInstanceByDom(view);
  const [x, y] = chart.convertToPixel({seriesIndex: 0}, [index, 1]);
  const box = view.getBoundingClientRect();
  return [box.left + x, box.top + y];
}"""


@pytest.mark.browser
def test_a_click_on_a_bar_selects_it_and_the_script_sees_the_selection(context: Any) -> None:
    with running_engine("import porch as st\n" + SELECT) as server:
        page, requests, errors = watched_page(context, server.url)
        page.get_by_role("button", name="Show the chart").click()
        figure = page.get_by_role("figure", name="Bars A to E")
        expect(figure.locator("canvas")).to_have_count(1, timeout=30_000)
        expect(page.get_by_text("selected: []")).to_be_visible()
        page.wait_for_timeout(1200)  # ECharts' entrance animation
        # The canvas has the bars' pixels in the page's first chart colour (the page's --accent).
        painted = figure.locator("canvas").evaluate(
            """(canvas) => {
              const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
              let coloured = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] > 0 && data[i + 2] > 150 && data[i] < 150) coloured++;
              }
              return coloured;
            }"""
        )
        assert painted > 5000, painted
        x, y = page.evaluate(BAR_CENTRE, [".echarts-chart[aria-label='Bars A to E'] .echarts-chart-view", 2])
        page.mouse.click(x, y)
        expect(page.get_by_text("selected: [2]")).to_be_visible()
        x, y = page.evaluate(BAR_CENTRE, [".echarts-chart[aria-label='Bars A to E'] .echarts-chart-view", 0])
        page.mouse.click(x, y)
        expect(page.get_by_text("selected: [0, 2]")).to_be_visible()
        page.mouse.dblclick(x + 400, y - 150)
        expect(page.get_by_text("selected: []")).to_be_visible()
        svg = page.get_by_role("figure", name="SVG bars")
        expect(svg.locator("svg path")).not_to_have_count(0)
        assert "A" in svg.locator("svg text").all_text_contents()
        height = svg.evaluate("(n) => n.getBoundingClientRect().height")
        assert height == pytest.approx(300, abs=1)
        assert off_origin(requests, server.url) == []
        vendored = [url for url in requests if "/_porch/static/vendor/" in url]
        assert len(vendored) == 2 and all("/vendor/echarts/" in url for url in vendored), vendored
        assert violations(page) == []
        assert errors == []


BRUSH = """
ev = st.echarts_chart(
    {"xAxis": {"type": "category", "data": list("ABCDEFGH")}, "yAxis": {"type": "value"},
     "brush": {"xAxisIndex": 0, "toolbox": ["lineX"]},
     "series": [{"type": "bar", "data": [3, 5, 2, 8, 6, 4, 7, 1]}]},
    on_select="rerun", alt="Brush me",
)
st.text("brushed: " + str(ev.selection.selected[0]["data_indices"] if ev.selection.selected else []))
st.text("areas: " + str([a["brush_type"] for a in ev.selection.areas]))
"""


def brushable(context: Any, url: str) -> tuple[Any, list[str]]:
    """A page of the BRUSH app once its chart is drawn and its entry animation (under a second) is over, so that a
    brush lands on bars at rest; the page and its console errors."""
    page, _requests, errors = watched_page(context, url)
    figure = page.get_by_role("figure", name="Brush me")
    expect(figure.locator("canvas")).to_have_count(1, timeout=30_000)
    page.wait_for_timeout(1200)
    return page, errors


@pytest.mark.browser
def test_a_brushed_region_reaches_the_script_with_the_bars_in_it(context: Any) -> None:
    with running_engine("import porch as st\n" + BRUSH) as server:
        page, errors = brushable(context, server.url)
        view = ".echarts-chart-view"
        page.evaluate(
            """async (selector) => {
              const echarts = await import("porch/vendor/echarts/index.js");
              echarts.getInstanceByDom(document.querySelector(selector)).dispatchAction(
                {type: "takeGlobalCursor", key: "brush", brushOption: {brushType: "lineX", brushMode: "single"}});
            }""",
            view,
        )
        start = page.evaluate(BAR_CENTRE, [view, 1])
        end = page.evaluate(BAR_CENTRE, [view, 3])
        page.mouse.move(start[0] - 20, start[1])
        page.mouse.down()
        page.mouse.move((start[0] + end[0]) / 2, start[1], steps=5)
        page.mouse.move(end[0] + 20, start[1], steps=5)
        page.mouse.up()
        expect(page.get_by_text("brushed: [1, 2, 3]")).to_be_visible()
        expect(page.get_by_text("areas: ['lineX']")).to_be_visible()
        assert violations(page) == []
        assert errors == []


@pytest.mark.browser
def test_the_streamlit_theme_takes_the_page_colours_and_none_leaves_echarts_own(browser: Any) -> None:
    source = (
        "import porch as st\n"
        "opt = {'title': {'text': 'Title'}, 'xAxis': {'type': 'category', 'data': ['a']}, 'yAxis': {},\n"
        "       'series': [{'type': 'bar', 'data': [1]}]}\n"
        "st.echarts_chart(opt, renderer='svg', alt='Themed')\n"
        "st.echarts_chart(opt, renderer='svg', theme=None, alt='Plain')\n"
    )
    title = "(n) => getComputedStyle([...n.querySelectorAll('svg text')].find((t) => t.textContent === 'Title')).fill"
    context = browser.new_context(color_scheme="dark")
    try:
        with running_engine(source) as server:
            page, _requests, errors = watched_page(context, server.url)
            themed = page.get_by_role("figure", name="Themed")
            expect(themed.locator("svg text", has_text="Title")).to_have_count(1, timeout=30_000)
            plain = page.get_by_role("figure", name="Plain")
            expect(plain.locator("svg text", has_text="Title")).to_have_count(1)
            fg = page.evaluate("() => getComputedStyle(document.body).color")
            rgb = [int(v) for v in fg.removeprefix("rgb(").rstrip(")").split(",")]
            assert f"rgb({rgb[0]},{rgb[1]},{rgb[2]})" in themed.evaluate(title).replace(" ", ""), "the page's --fg"
            assert plain.evaluate(title) == "rgb(60, 60, 65)", "ECharts 6's own title colour, on the dark page too"
            assert errors == []
    finally:
        context.close()


TOOLTIPS = """
import pandas as pd
sales = pd.DataFrame({"day": ["Mon", "Tue"], "sales": [1200, 20], "bytes": [1500, 2]})
st.echarts_chart({"dataset": {"source": sales}, "xAxis": {"type": "category"}, "yAxis": {},
                  "tooltip": {"formatter": "{b}: {@sales} sold, {@[2]} bytes"},
                  "series": [{"type": "bar", "encode": {"x": "day", "y": "sales"}}]}, alt="Named")
st.echarts_chart({"xAxis": {"type": "category", "data": ["Mon", "Tue"]}, "yAxis": {},
                  "tooltip": {"trigger": "axis", "valueFormatter": "dollar"},
                  "series": [{"type": "bar", "data": [1200, 20], "name": "Sales",
                              "tooltip": {"valueFormatter": "%,d units"}}]}, alt="Formatted")
"""


@pytest.mark.browser
def test_tooltips_take_streamlit_s_number_formats_and_dimension_names(context: Any) -> None:
    with running_engine("import porch as st\n" + TOOLTIPS) as server:
        page, _requests, errors = watched_page(context, server.url)
        for name, expected in (("Named", "Mon: 1200 sold, 1500 bytes"), ("Formatted", "1,200 units")):
            figure = page.get_by_role("figure", name=name)
            expect(figure.locator("canvas")).to_have_count(1, timeout=30_000)
            page.wait_for_timeout(1200)
            x, y = page.evaluate(BAR_CENTRE, [f".echarts-chart[aria-label='{name}'] .echarts-chart-view", 0])
            page.mouse.move(x, y)
            expect(figure).to_contain_text(expected)
        assert violations(page) == []
        assert errors == []


def until(page: Any, script: str, arg: Any, wanted: Any) -> None:
    """Wait (30 s at most) for an async script to give ``wanted``: ``wait_for_function`` does not await a promise, so
    it would take one as true at once."""
    for _ in range(300):
        if page.evaluate(script, arg) == wanted:
            return
        page.wait_for_timeout(100)
    assert page.evaluate(script, arg) == wanted


REDRAWN = f"""
bars = {BARS!r}
n = st.number_input("First bar", 1, 50, 5)
bars["series"][0]["data"][0] = n
ev = st.echarts_chart(bars, on_select="rerun", key="kept", alt="Kept")
st.text("selected: " + str([i for g in ev.selection.selected for i in g["data_indices"]]))
"""
SELECTED_IN_CHART = """async () => {
  const echarts = await import("porch/vendor/echarts/index.js");
  const chart = echarts.getInstanceByDom(document.querySelector(".echarts-chart-view"));
  return chart.getModel().getSeriesByIndex(0).getSelectedDataIndices();
}"""


@pytest.mark.browser
def test_a_selection_is_drawn_again_when_the_option_changes_and_after_a_reload(context: Any) -> None:
    with running_engine("import porch as st\n" + REDRAWN) as server:
        page, _requests, errors = watched_page(context, server.url)
        expect(page.get_by_role("figure", name="Kept").locator("canvas")).to_have_count(1, timeout=30_000)
        page.wait_for_timeout(1200)
        x, y = page.evaluate(BAR_CENTRE, [".echarts-chart-view", 3])
        page.mouse.click(x, y)
        expect(page.get_by_text("selected: [3]")).to_be_visible()
        page.get_by_role("spinbutton", name="First bar").fill("40")
        page.get_by_role("spinbutton", name="First bar").press("Enter")
        until(page, "async () => { const e = await import('porch/vendor/echarts/index.js');"
              " const c = e.getInstanceByDom(document.querySelector('.echarts-chart-view'));"
              " return c.getOption().series[0].data[0]; }", None, 40)
        assert page.evaluate(SELECTED_IN_CHART) == [3], "the keyed selection is drawn on the new option"
        expect(page.get_by_text("selected: [3]")).to_be_visible()
        page.reload()
        expect(page.get_by_text("selected: [3]")).to_be_visible(timeout=30_000)
        until(page, SELECTED_IN_CHART, None, [3])
        assert errors == []


@pytest.mark.browser
def test_brushed_regions_are_drawn_again_after_a_page_reload(context: Any) -> None:
    areas_in_chart = """async (selector) => {
      const echarts = await import("porch/vendor/echarts/index.js");
      const chart = echarts.getInstanceByDom(document.querySelector(selector));
      return chart ? (chart.getModel().getComponent("brush")?.areas ?? []).map((a) => [a.brushType, a.coordRange]) : [];
    }"""
    with running_engine("import porch as st\n" + BRUSH) as server:
        page, errors = brushable(context, server.url)
        view = ".echarts-chart-view"
        page.evaluate(
            """async (selector) => {
              const echarts = await import("porch/vendor/echarts/index.js");
              echarts.getInstanceByDom(document.querySelector(selector)).dispatchAction(
                {type: "brush", areas: [{brushType: "lineX", xAxisIndex: 0, coordRange: [2, 4]}]});
              echarts.getInstanceByDom(document.querySelector(selector)).dispatchAction(
                {type: "brushEnd", areas: [{brushType: "lineX", xAxisIndex: 0, coordRange: [2, 4]}]});
            }""",
            view,
        )
        expect(page.get_by_text("brushed: [2, 3, 4]")).to_be_visible()
        page.reload()
        expect(page.get_by_text("areas: ['lineX']")).to_be_visible(timeout=30_000)
        until(page, areas_in_chart, view, [["lineX", [2, 4]]])
        expect(page.get_by_text("brushed: [2, 3, 4]")).to_be_visible()
        page.mouse.dblclick(*page.evaluate(BAR_CENTRE, [view, 0]))
        expect(page.get_by_text("areas: []")).to_be_visible()
        assert page.evaluate(areas_in_chart, view) == [], "a double click clears the redrawn regions"
        assert errors == []


STREAMLIT_TOOLTIPS = """
POINTS = [["2023-12-31T00:00:00", 1], ["2024-01-01T00:00:00", 5], ["2024-01-03T12:30:00", 7], ["2024-01-05", 2]]
st.echarts_chart({"xAxis": {"type": "category", "data": ["Mon", "Tue"]}, "yAxis": {},
                  "tooltip": {"trigger": "axis"},
                  "series": [{"type": "bar", "data": [1234567.891, 1], "name": "Big"},
                             {"type": "bar", "data": [3.14159265, 1], "name": "Pi"},
                             {"type": "bar", "data": [0.0000123456, 1], "name": "Tiny"},
                             {"type": "bar", "data": [0.123456789, 1], "name": "Small"}]}, alt="Numbers")
st.echarts_chart({"xAxis": {"type": "time"}, "yAxis": {}, "tooltip": {"trigger": "axis"},
                  "series": [{"type": "line", "data": POINTS}]},
                 alt="Times")
st.echarts_chart({"xAxis": {"type": "time"}, "yAxis": {}, "tooltip": {"trigger": "axis"},
                  "series": [{"type": "line", "data": POINTS}]},
                 alt="Own", theme=None)
"""
HOVER_POINT = """async ([selector, point]) => {
  const echarts = await import("porch/vendor/echarts/index.js");
  const view = document.querySelector(selector);
  const [x, y] = echarts.getInstanceByDom(view).convertToPixel({seriesIndex: 0}, point);
  const box = view.getBoundingClientRect();
  return [box.left + x, box.top + y];
}"""


@pytest.mark.browser
def test_the_streamlit_theme_shortens_tooltip_numbers_and_writes_time_pointer_labels(context: Any) -> None:
    with running_engine("import porch as st\n" + STREAMLIT_TOOLTIPS) as server:
        page, _requests, errors = watched_page(context, server.url)
        numbers = page.get_by_role("figure", name="Numbers")
        expect(numbers.locator("canvas")).to_have_count(1, timeout=30_000)
        page.wait_for_timeout(1200)
        page.mouse.move(*page.evaluate(BAR_CENTRE, [".echarts-chart[aria-label='Numbers'] .echarts-chart-view", 0]))
        for text in ("1,234,567.891", "3.1416", "1.23456E-5", "0.123457"):
            expect(numbers).to_contain_text(text)
        for name, midnight, later in (("Times", "2024-01-01", "2024-01-03 12:30:00"),
                                      ("Own", "2024-01-01 00:00:00", "2024-01-03 12:30:00")):
            figure = page.get_by_role("figure", name=name)
            expect(figure.locator("canvas")).to_have_count(1)
            figure.scroll_into_view_if_needed()
            selector = f".echarts-chart[aria-label='{name}'] .echarts-chart-view"
            for point, header in ((["2024-01-01T00:00:00", 5], midnight), (["2024-01-03T12:30:00", 7], later)):
                x, y = page.evaluate(HOVER_POINT, [selector, point])  # inside the grid: neither end point
                page.mouse.move(x - 2, y - 2)
                page.mouse.move(x, y, steps=2)
                expect(figure).to_contain_text(header)
                if name == "Times":
                    expect(figure).not_to_contain_text(f"{header} 00:00:00")
        assert errors == []
