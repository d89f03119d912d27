"""``map`` and ``pydeck_chart``: the one wire kind ``deck_gl_chart``, a deck as pydeck's JSON drawn by deck.gl.

AppTest tests read the deck a call sends: ``map``'s ScatterplotLayer from any data (pandas, polars, pyarrow, dicts,
rows), its coordinate columns found by Streamlit's names or named, its colours, sizes and zoom; a pydeck Deck's JSON
(scatter and hexagon layers, tooltip, views, the base map: the engine's tiles of its style, the app's own, or a note
why none); the errors of bad arguments, each naming the call; and selections (set and read back, and raw values a
client could send). Chromium tests draw maps under the page's policy: deck.gl from the package, loaded only when a
map is shown, the layers' colours on the canvas, no request off the page's origin, the base map's tiles (served by
the engine from a stand-in upstream, ``tile_server``: never the internet) under the layers, light or dark, the line
a map shows when they cannot be loaded or are turned off, a click selecting an object for the script, the app's own
tiles under the layers, and the one line a browser without WebGL shows.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pydeck as pdk
import pytest
from PIL import Image
from playwright.sync_api import expect

from browser_checks import first_paint, off_origin, shown_on_click, violations, watched, watched_page
from engine_harness import running_engine
from porch import basemap
from porch.elements import deck_gl_chart
from porch.testing import AppTest
from support import app, bad_values, printed_by, send, shown
from tile_server import COLOURS, closed_port, running_tile_server

LIGHT = "_porch/basemap/light/{z}/{x}/{y}.png"
DARK = "_porch/basemap/dark/{z}/{x}/{y}.png"
OFF = "Base maps are turned off (the map_tiles setting); the layers are drawn without one."
EMPTY: dict[str, Any] = {"selection": {"indices": {}, "objects": {}}}
CITIES = "df = {'lat': [48.85, 52.52, 41.9], 'lon': [2.35, 13.4, 12.5], 'name': ['Paris', 'Berlin', 'Rome']}\n"



def error_of(source: str) -> str:
    at = app(CITIES + source)
    assert at.exception, "expected an error"
    return str(at.exception[0].message)


def layer(at: AppTest, index: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = at.deck_gl_chart[index].spec["layers"][0]
    return found


# -- map ---------------------------------------------------------------------------------------------------------------


def test_a_map_of_a_pandas_frame_is_a_scatterplot_layer_in_a_view_fitted_to_its_points() -> None:
    frame = pd.DataFrame({"lat": [48.85, 52.52, 41.9], "lon": [2.35, 13.4, 12.5], "name": ["a", "b", "c"]})

    def script(df):  # type: ignore[no-untyped-def]
        import porch as st

        st.map(df)

    at = shown(script, frame)
    chart = at.deck_gl_chart[0]
    assert chart.spec["initialViewState"] == {
        "latitude": pytest.approx((52.52 + 41.9) / 2), "longitude": pytest.approx((2.35 + 13.4) / 2), "pitch": 0,
        "zoom": 5,
    }, "11 degrees across: zoom level 5"
    assert layer(at) == {
        "@@type": "ScatterplotLayer", "getPosition": "@@=[lon, lat]", "getRadius": 100, "radiusMinPixels": 3,
        "radiusUnits": "meters", "getFillColor": deck_gl_chart.DEFAULT_COLOR,
        "data": [{"lat": 48.85, "lon": 2.35}, {"lat": 52.52, "lon": 13.4}, {"lat": 41.9, "lon": 12.5}],
    }, "only the columns used travel"
    assert chart.note is None and (chart.props["tiles"], chart.props["dark_tiles"]) == (LIGHT, DARK), \
        "Carto's light or dark map, as the page's scheme is (Streamlit's default)"
    assert chart.props["attribution"] == "Base map © CARTO, © OpenStreetMap contributors"
    assert chart.node.id is None and chart.value is None, "a map is no widget: no value, as in Streamlit's AppTest"
    assert json.loads(chart.proto.json) == chart.spec and chart.proto.selection_mode == []
    assert at.get("deck_gl_json_chart")[0].spec == chart.spec, "Streamlit's name for the element"
    assert chart.props["width"] == "stretch" and chart.props["height"] == 500


@pytest.mark.parametrize("data", [
    {"LATITUDE": [1.0, 2.0], "LONGITUDE": [3.0, 4.0]},
    [{"LATITUDE": 1.0, "LONGITUDE": 3.0}, {"LATITUDE": 2.0, "LONGITUDE": 4.0}],
    pl.DataFrame({"LATITUDE": [1.0, 2.0], "LONGITUDE": [3.0, 4.0]}),
    pa.table({"LATITUDE": [1.0, 2.0], "LONGITUDE": [3.0, 4.0]}),
], ids=["dict", "rows", "polars", "pyarrow"])
def test_a_map_reads_any_data_and_finds_its_coordinates_by_streamlit_s_names(data: Any) -> None:
    def script(d):  # type: ignore[no-untyped-def]
        import porch as st

        st.map(d)

    found = layer(shown(script, data))
    assert found["getPosition"] == "@@=[LONGITUDE, LATITUDE]"
    assert found["data"] == [{"LATITUDE": 1.0, "LONGITUDE": 3.0}, {"LATITUDE": 2.0, "LONGITUDE": 4.0}]


def test_named_columns_win_and_columns_deck_gl_cannot_name_are_renamed_in_the_rows() -> None:
    at = app("st.map({'lat': [0, 0], 'lon': [0, 0], 'y (deg)': [10, 20], 'x': [30, 40]}, latitude='y (deg)',"
             " longitude='x')")
    found = layer(at)
    assert found["getPosition"] == "@@=[x, _y__deg_]"
    assert found["data"] == [{"_y__deg_": 10.0, "x": 30.0}, {"_y__deg_": 20.0, "x": 40.0}]


def test_colours_and_sizes_are_one_value_or_a_column_per_row() -> None:
    at = app(CITIES + "df['c'] = ['#ff0000', (0, 255, 0), [0.0, 0.0, 1.0, 0.5]]\ndf['r'] = [1000, 2000, None]\n"
             "st.map(df, color='#0af8', size=250)\n"
             "st.map(df, color=(1.0, 0.5, 0.0))\n"
             "st.map(df, color=[10, 20, 30, 40], size=1.5)\n"
             "st.map(df, color='c', size='r')\n")
    assert layer(at, 0)["getFillColor"] == [0, 170, 255, 136] and layer(at, 0)["getRadius"] == 250
    assert layer(at, 1)["getFillColor"] == [255, 127, 0, 255], "floats are fractions of 255, as Streamlit reads them"
    assert layer(at, 2)["getFillColor"] == [10, 20, 30, 40] and layer(at, 2)["getRadius"] == 1.5
    per_row = layer(at, 3)
    assert per_row["getFillColor"] == "@@=c" and per_row["getRadius"] == "@@=r"
    assert [row["c"] for row in per_row["data"]] == [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 127]]
    assert [row["r"] for row in per_row["data"]] == [1000, 2000, None]


def test_zoom_is_the_one_given_or_fits_the_points() -> None:
    at = app("st.map({'lat': [10, 10], 'lon': [20, 20]})\n"
             "st.map({'lat': [-60, 70], 'lon': [-170, 170]})\n"
             "st.map({'lat': [1, 2], 'lon': [3, 4]}, zoom=3)\n"
             "st.map()\n"
             "st.map({'lat': [], 'lon': []})\n")
    zooms = [chart.spec["initialViewState"]["zoom"] for chart in at.deck_gl_chart]
    assert zooms == [deck_gl_chart.DEFAULT_ZOOM, 0, 3, 1, 1], "one place: 12; the world: 0; none: the empty map"
    assert at.deck_gl_chart[3].spec == {"initialViewState": deck_gl_chart.EMPTY_VIEW}


def test_a_map_draws_at_most_a_hundred_thousand_points_and_says_so() -> None:
    at = app("n = 100_005\nst.map({'lat': [0.0] * n, 'lon': [0.0] * n})")
    chart = at.deck_gl_chart[0]
    assert len(chart.spec["layers"][0]["data"]) == 100_000
    assert chart.note is not None and chart.note.startswith("Showing the first 100,000 of 100,005 rows")


@pytest.mark.parametrize(("source", "expected"), [
    ("st.map({'x': [1], 'y': [2]})", "map: the data has no latitude column. Name it one of 'lat', 'latitude', 'LAT'"),
    ("st.map({'lat': [1], 'y': [2]})", "map: the data has no longitude column"),
    ("st.map({'x': [1], 'lon': [2]}, latitude='nope')",
     "map: latitude='nope' is not a column of the data, and the data has no latitude column. Name it one of"),
    ("st.map({'lat': [1, None], 'lon': [1, 2]})", "map: column 'lat' has a missing value (None, NaN...) in row 1"),
    ("st.map({'lat': [1, 'x'], 'lon': [1, 2]})", "map: column 'lat' holds 'x' in row 1, not a latitude in degrees"),
    ("st.map(df, color='reddish')", "map: color='reddish' is neither a column of the data nor a colour"),
    ("st.map(df, color=(1, 2))", "map: color=(1, 2) is neither a column of the data nor a colour"),
    ("st.map(df, color='name')", "map: column 'name' does not hold colours: row 0 is 'Paris'"),
    ("st.map(df, size='nope')", "map: size='nope' is not a column of the data"),
    ("st.map(df, size=-1)", "map: size must be a radius in meters (a number from 0) or a column's name, not -1"),
    ("st.map(df, size='name')", "map: column 'name' holds 'Paris' in row 0, not a radius in meters"),
    ("st.map(df, zoom=30)", "map: zoom must be a zoom level from 0 (the whole earth) to 24, not 30"),
    ("st.map(df, width='content')", "map: width must be a positive number of pixels or 'stretch', not 'content'"),
    ("st.map(df, height=0)", "map: height must be a positive number of pixels or 'stretch', not 0"),
    ("st.map(object())", "map: cannot show an object of type builtins.object as a table"),
])
def test_bad_arguments_are_clear_errors_naming_the_call(source: str, expected: str) -> None:
    assert expected in error_of(source)


def test_after_a_bad_map_the_session_goes_on() -> None:
    at = app("if st.checkbox('good'):\n    st.map({'lat': [1], 'lon': [2]})\nelse:\n    st.map({'x': [1]})")
    assert at.exception and not at.deck_gl_chart
    at.checkbox[0].check().run()
    assert not at.exception and len(at.deck_gl_chart) == 1


def test_use_container_width_and_sizes() -> None:
    at = app(CITIES + "st.map(df, width=300, height='stretch')\nst.map(df, width=300, use_container_width=True)\n"
             "st.map(df, width=300, use_container_width=False)")
    assert [(c.props["width"], c.props["height"]) for c in at.deck_gl_chart] == [
        (300, "stretch"), ("stretch", 500), (300, 500)]


def test_a_map_imports_neither_pydeck_nor_pandas() -> None:
    script = (
        "import sys\n"
        "from porch.testing import AppTest\n"
        "at = AppTest.from_string('import porch as st\\n"
        "st.map({\"lat\": [1.0], \"lon\": [2.0]})\\nst.pydeck_chart()').run(timeout=60)\n"
        "assert not at.exception, at.exception\n"
        "assert len(at.deck_gl_chart) == 2\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydeck', 'pandas', 'numpy')))\n"
    )
    assert printed_by(script) == "[]"


# -- pydeck_chart ------------------------------------------------------------------------------------------------------

FRAME = pd.DataFrame({"lat": [37.76, 37.77, 37.78], "lon": [-122.4, -122.41, -122.42], "name": ["a", "b", "c"]})


def deck(**kwargs: Any) -> pdk.Deck:
    layers = [
        pdk.Layer("HexagonLayer", data=FRAME, id="hex", get_position="[lon, lat]", radius=200, extruded=True),
        pdk.Layer("ScatterplotLayer", data=FRAME, id="pts", get_position=["lon", "lat"], get_radius=200,
                  get_fill_color=[200, 30, 0, 160]),
    ]
    kwargs.setdefault("initial_view_state", pdk.ViewState(latitude=37.77, longitude=-122.41, zoom=11, pitch=50))
    return pdk.Deck(layers=layers, **kwargs)


def test_a_pydeck_deck_travels_as_its_json_with_a_scatterplot_and_a_hexagon_layer() -> None:
    def script(d):  # type: ignore[no-untyped-def]
        import porch as st

        st.pydeck_chart(d)

    chart = shown(script, deck(tooltip={"text": "{name}"})).deck_gl_chart[0]
    hexagons, points = chart.spec["layers"]
    assert hexagons["@@type"] == "HexagonLayer" and hexagons["getPosition"] == "@@=[lon, lat]"
    assert hexagons["extruded"] is True and hexagons["radius"] == 200
    assert points["@@type"] == "ScatterplotLayer" and points["getFillColor"] == [200, 30, 0, 160]
    assert points["data"] == FRAME.to_dict("records")
    assert chart.spec["initialViewState"]["pitch"] == 50
    assert chart.tooltip == {"text": "{name}"} and json.loads(chart.proto.tooltip) == {"text": "{name}"}
    assert chart.note is None and (chart.props["tiles"], chart.props["dark_tiles"]) == (DARK, None), \
        "pydeck's default style: Carto's dark map, whatever the page's scheme"
    assert chart.node.id is None and chart.props["selection_mode"] is None


def test_tooltips_that_are_no_dict_show_none_and_none_draws_an_empty_map() -> None:
    def script(d):  # type: ignore[no-untyped-def]
        import porch as st

        st.pydeck_chart(d)
        st.pydeck_chart()

    at = shown(script, deck())
    assert at.deck_gl_chart[0].tooltip is None, "pydeck's default tooltip=True"
    assert at.deck_gl_chart[1].spec == {"initialViewState": deck_gl_chart.EMPTY_VIEW}


def test_the_base_map_is_the_engine_s_tiles_of_the_deck_s_style_or_a_note_says_why_not() -> None:
    def script(*decks):  # type: ignore[no-untyped-def]
        import porch as st

        for d in decks:
            st.pydeck_chart(d)

    decks = [
        deck(map_style="/tiles/{z}/{x}/{y}.png"),
        deck(map_style="road"),
        deck(map_style="light_no_labels"),
        deck(map_style=None),
        deck(map_provider="mapbox", map_style="light"),
        deck(map_style="satellite"),
        deck(map_provider="google_maps"),
        deck(map_provider=None),
        deck(views=[pdk.View("OrbitView", controller=True)]),
    ]
    at = shown(script, *decks)
    found = [(c.props["tiles"], c.props["dark_tiles"], c.note) for c in at.deck_gl_chart]
    unserved = deck_gl_chart.UNSERVED_NOTE
    assert found == [
        ("/tiles/{z}/{x}/{y}.png", None, None),
        ("_porch/basemap/road/{z}/{x}/{y}.png", None, None),
        ("_porch/basemap/light_no_labels/{z}/{x}/{y}.png", None, None),
        (LIGHT, DARK, None),
        (None, None, deck_gl_chart.MAPBOX_NOTE),
        (None, None, unserved.format(style="satellite")),
        (None, None, unserved.format(style="roadmap")),
        (None, None, None),
        (None, None, None),
    ], "the app's own tiles; Carto's styles; no token: Mapbox's not; what no one serves; none asked for; no earth"
    assert at.deck_gl_chart[0].props["attribution"] is None, "the app's own tiles: the app says what they are"
    outside = deck(map_style="https://tiles.example/{z}/{x}/{y}.png")
    assert deck_gl_chart.own_tiles(json.loads(outside.to_json())) is None, "tiles off the page's origin are not drawn"


def test_with_map_tiles_off_no_map_asks_for_tiles_and_says_so() -> None:
    at = AppTest.from_string("import porch as st\nst.map({'lat': [1.0], 'lon': [2.0]})\n")
    at._session.options[basemap.MAP_TILES_OPTION] = False  # as the engine's options say it (map_tiles = false)
    at.run(timeout=60)
    chart = at.deck_gl_chart[0]
    assert chart.props["tiles"] is None and chart.note == OFF


def test_a_layer_s_polars_or_arrow_data_is_sent_as_rows_and_left_as_it_was() -> None:
    frame = pl.DataFrame({"lat": [1.0, 2.0], "lon": [3.0, 4.0]})
    table = pa.table({"lat": [5.0], "lon": [6.0]})
    chart = pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", data=frame, id="a", get_position="[lon, lat]"),
                             pdk.Layer("ScatterplotLayer", data=table, id="b", get_position="[lon, lat]")])

    def script(d):  # type: ignore[no-untyped-def]
        import porch as st

        st.pydeck_chart(d)

    first, second = shown(script, chart).deck_gl_chart[0].spec["layers"]
    assert first["data"] == [{"lat": 1.0, "lon": 3.0}, {"lat": 2.0, "lon": 4.0}]
    assert second["data"] == [{"lat": 5.0, "lon": 6.0}]
    assert chart.layers[0].data is frame and chart.layers[1].data is table


@pytest.mark.parametrize(("source", "expected"), [
    ("st.pydeck_chart({'layers': []})", "pydeck_chart: expected a pydeck.Deck (or None), not builtins.dict"),
    ("st.pydeck_chart(on_select='maybe')", "pydeck_chart: on_select must be 'ignore', 'rerun' or a callable"),
    ("st.pydeck_chart(on_select='rerun', selection_mode='all')",
     "pydeck_chart: selection_mode must be 'single-object' or 'multi-object', not 'all'"),
    ("st.pydeck_chart(on_select='rerun', selection_mode=['single-object'])",
     "pydeck_chart: selection_mode is one mode, 'single-object' or 'multi-object', not a collection"),
    ("st.pydeck_chart(width='content')", "pydeck_chart: width must be a positive number of pixels or 'stretch'"),
])
def test_bad_pydeck_arguments_are_clear_errors_naming_the_call(source: str, expected: str) -> None:
    assert expected in error_of(source)


# -- selections --------------------------------------------------------------------------------------------------------

SELECTING = (
    "import pydeck as pdk\n"
    "rows = [{'lat': 1.0, 'lon': 2.0, 'name': 'a'}, {'lat': 1.5, 'lon': 2.5, 'name': 'b'}]\n"
    "d = pdk.Deck(layers=[pdk.Layer('ScatterplotLayer', data=rows, id='pts', get_position='[lon, lat]'),"
    " pdk.Layer('ScatterplotLayer', data=rows, id='more', get_position='[lon, lat]')])\n"
)


def test_with_on_select_the_chart_returns_streamlit_s_selection_and_takes_one_set() -> None:
    at = app(SELECTING + "ev = st.pydeck_chart(d, on_select='rerun', key='map')\n"
             "st.text(f'{ev.selection.indices} {ev[\"selection\"][\"objects\"]}')")
    chart = at.deck_gl_chart[0]
    assert chart.selection == EMPTY and at.text[0].value == "{} {}"
    assert chart.props["selection_mode"] == "single-object" and chart.proto.selection_mode == ["single-object"]
    chart.select("pts", [1]).run()
    assert at.text[0].value == "{'pts': [1]} {'pts': [{'lat': 1.5, 'lon': 2.5, 'name': 'b'}]}"
    assert at.session_state["map"]["selection"]["indices"] == {"pts": [1]}
    state = at.deck_gl_chart[0].value
    with pytest.raises(TypeError):
        state["selection"] = {}


def test_multi_object_selections_span_layers_and_a_callback_runs_first() -> None:
    at = app(SELECTING + "def seen():\n    st.session_state.calls = st.session_state.get('calls', 0) + 1\n"
             "ev = st.pydeck_chart(d, on_select=seen, selection_mode='multi-object')\n"
             "st.text(f'{dict(ev.selection.indices)} {st.session_state.get(\"calls\", 0)}')")
    at.deck_gl_chart[0].set_value({"selection": {"indices": {"pts": [0, 1], "more": [1]},
                                                 "objects": {"pts": [{}, {}], "more": [{"name": "b"}]}}}).run()
    assert at.text[0].value == "{'pts': [0, 1], 'more': [1]} 1"


@pytest.mark.parametrize("wire", [
    json.dumps({"selection": {"indices": {"pts": [0, 1]}, "objects": {"pts": [{}, {}]}}}),
    json.dumps({"selection": {"indices": {"elsewhere": [0]}, "objects": {"elsewhere": [{}]}}}),
    json.dumps({"selection": {"indices": {"pts": [-1]}, "objects": {"pts": [{}]}}}),
    json.dumps({"selection": {"indices": {"pts": [True]}, "objects": {"pts": [{}]}}}),
    json.dumps({"selection": {"indices": {"pts": [0]}, "objects": {"pts": [{}, {}]}}}),
    json.dumps({"selection": {"indices": {"pts": [0]}, "objects": {"more": [{}]}}}),
    json.dumps({"selection": {"rows": [0]}}),
    json.dumps({"other": 1}),
    '{"selection": {"indices": {"pts": [0]}, "objects": {"pts": [NaN]}}}',
    "not json",
    "x" * 200_001,
    42,
])
def test_a_client_s_bad_selection_is_refused_and_the_script_sees_none(wire: Any) -> None:
    at = app(SELECTING + "ev = st.pydeck_chart(d, on_select='rerun')\nst.text(ev.selection)")
    send(at, {at.deck_gl_chart[0].node.id: wire})
    assert at.text[0].value == str(EMPTY["selection"])
    assert len(bad_values(at)) == 1


def test_a_good_wire_value_is_taken() -> None:
    at = app(SELECTING + "ev = st.pydeck_chart(d, on_select='rerun')\nst.text(ev.selection.objects)")
    wire = json.dumps({"selection": {"indices": {"more": [0]}, "objects": {"more": [{"name": "a", "n": [1.5]}]}}})
    send(at, {at.deck_gl_chart[0].node.id: wire})
    assert at.text[0].value == str({"more": [{"name": "a", "n": [1.5]}]}) and not bad_values(at)


def test_the_selection_cannot_be_set_through_session_state() -> None:
    at = app(SELECTING + "st.session_state.m = {'selection': {'indices': {}, 'objects': {}}}\n"
             "st.pydeck_chart(d, on_select='rerun', key='m')")
    assert at.exception, "a chart's selection is read-only"


# -- in the browser ----------------------------------------------------------------------------------------------------


def pixels(figure: Any, colour: tuple[int, int, int], tolerance: int = 30) -> int:
    """How many pixels of the chart's drawing area are (nearly) ``colour``."""
    data = Image.open(io.BytesIO(figure.locator(".deck-gl-chart-view").screenshot())).convert("RGB").tobytes()
    r, g, b = colour
    return sum(
        1 for i in range(0, len(data), 3)
        if abs(data[i] - r) <= tolerance and abs(data[i + 1] - g) <= tolerance and abs(data[i + 2] - b) <= tolerance
    )


def drawn(figure: Any, colour: tuple[int, int, int], at_least: int = 50, timeout: float = 30) -> int:
    """Wait until the chart's canvas shows ``colour`` (deck.gl draws in frames after its module loads)."""
    deadline = time.monotonic() + timeout
    while True:
        found = pixels(figure, colour)
        if found >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.25)


MAPS = """
import porch as st
import pydeck as pdk
st.text("A page")
if st.button("Show the maps"):
    st.map({"lat": [48.85, 52.52, 41.9], "lon": [2.35, 13.4, 12.5]}, color="#ff0000", size=40000, alt="Cities")
    rows = [{"lat": 37.76 + i / 200, "lon": -122.4 - i / 200} for i in range(20)]
    st.pydeck_chart(pdk.Deck(
        initial_view_state=pdk.ViewState(latitude=37.81, longitude=-122.45, zoom=10),
        layers=[
            pdk.Layer("HexagonLayer", data=rows, id="hex", get_position="[lon, lat]", radius=1500,
                      color_range=[[0, 0, 255]] * 6),
            pdk.Layer("ScatterplotLayer", data=rows, id="pts", get_position="[lon, lat]", get_radius=150,
                      get_fill_color=[0, 200, 0], radius_min_pixels=4),
        ],
    ), alt="Hexagons")
"""


@pytest.mark.browser
def test_maps_draw_their_layers_from_the_package_with_no_request_off_the_origin(context: Any) -> None:
    with running_engine(MAPS, map_tiles=False) as server:
        page, requests, errors = shown_on_click(context, server.url, "Show the maps", "deckgl")
        cities = page.get_by_role("figure", name="Cities")
        hexagons = page.get_by_role("figure", name="Hexagons")
        assert drawn(cities, (255, 0, 0)) >= 50, "the map's red points are on its canvas"
        assert drawn(hexagons, (0, 0, 255)) >= 50, "the HexagonLayer's blue cells"
        assert drawn(hexagons, (0, 200, 0), at_least=20) >= 20, "the ScatterplotLayer's green points over them"
        expect(cities.get_by_text(OFF)).to_be_visible()
        expect(hexagons.get_by_text(OFF)).to_be_visible()
        expect(cities.get_by_role("alert")).to_be_hidden()
        assert off_origin(requests, server.url) == []
        assert not any("/_porch/basemap/" in url for url in requests), "base maps off: no tile asked for"
        loaded = sorted(url.rsplit("/", 1)[1].split(".")[0] for url in requests if "/vendor/deckgl/" in url)
        assert loaded == ["deck", "deck-json", "index"], "vendor/deckgl/index.js and its two builds, once"
        assert violations(page) == [], "nothing is compiled from text, nothing fetched"
        assert errors == []
        assert page.evaluate("() => typeof window.deck?.Deck") == "function", "the global is deck.gl's own"


TILED = """
import porch as st
import pydeck as pdk
st.map({"lat": [0.0], "lon": [0.0]}, color="#0000ff", size=400000, zoom=2, alt="Map")
st.pydeck_chart(pdk.Deck(
    map_style="dark", initial_view_state=pdk.ViewState(latitude=0, longitude=0, zoom=2),
    layers=[pdk.Layer("ScatterplotLayer", data=[{"p": [0, 0]}], get_position="p", get_fill_color=[0, 255, 0],
                      radius_min_pixels=20)],
), alt="Dark")
"""
#: The tiles' colours (tile_server): Carto's light and dark styles.
YELLOW, PURPLE = COLOURS["light_all"], COLOURS["dark_all"]


@pytest.mark.browser
def test_the_engine_s_base_map_is_drawn_under_the_layers_light_or_dark(context: Any, tmp_path: Path) -> None:
    with running_tile_server() as upstream, running_engine(TILED, map_tile_url=upstream.url(),
                                                            map_tile_cache=str(tmp_path)) as server:
        page, requests, errors = watched_page(context, server.url)
        plain, dark = page.get_by_role("figure", name="Map"), page.get_by_role("figure", name="Dark")
        assert drawn(plain, YELLOW, at_least=5000) >= 5000, "st.map: Carto's light tiles fill the map"
        assert drawn(plain, (0, 0, 255)) >= 50, "its points over them"
        assert drawn(dark, PURPLE, at_least=5000) >= 5000, "map_style='dark': Carto's dark tiles"
        assert drawn(dark, (0, 255, 0)) >= 50, "the layer over them"
        assert pixels(dark, YELLOW) == 0
        expect(plain.locator(".deck-gl-chart-note")).to_be_hidden()
        expect(plain.get_by_text("Base map © CARTO, © OpenStreetMap contributors")).to_be_visible()
        assert off_origin(requests, server.url) == [], "the tiles come from the app's origin"
        tiles = [url for url in requests if "/_porch/basemap/" in url]
        assert tiles and all(url.split("/_porch/basemap/")[1].split("/")[0] in ("light", "dark") for url in tiles)
        assert upstream.asked and all(path.split("/")[1] in ("light_all", "dark_all") for path in upstream.asked)
        assert violations(page) == [] and errors == []

        night = context.new_page()
        night.emulate_media(color_scheme="dark")
        night.goto(server.url)
        followed = night.get_by_role("figure", name="Map")
        assert drawn(followed, PURPLE, at_least=5000) >= 5000, "st.map in a dark scheme: the dark tiles"
        assert pixels(followed, YELLOW) == 0
        night.emulate_media(color_scheme="light")
        assert drawn(followed, YELLOW, at_least=5000) >= 5000, "and the light ones when the scheme changes"


@pytest.mark.browser
def test_when_no_tile_can_be_loaded_the_layers_are_drawn_and_one_line_says_why(context: Any, tmp_path: Path) -> None:
    down = f"http://127.0.0.1:{closed_port()}/{{style}}/{{z}}/{{x}}/{{y}}.png"
    with running_engine(TILED, map_tile_url=down, map_tile_cache=str(tmp_path)) as server:
        page, requests, _errors = watched_page(context, server.url)
        plain = page.get_by_role("figure", name="Map")
        expect(plain.locator(".deck-gl-chart-note")).to_have_text(
            "The base map could not be loaded (The tile server (127.0.0.1:" + down.split(":")[2].split("/")[0]
            + ") could not be reached: Connection refused); the layers are drawn without it.", timeout=30_000)
        assert drawn(plain, (0, 0, 255)) >= 50, "the points, on the plain background"
        assert pixels(plain, YELLOW) == 0
        expect(plain.get_by_text("Base map © CARTO")).to_be_hidden()
        expect(plain.get_by_role("alert")).to_be_hidden()
        assert off_origin(requests, server.url) == [] and violations(page) == []


@pytest.mark.browser
def test_a_click_on_a_point_selects_it_for_the_script_and_a_click_on_nothing_clears_it(context: Any) -> None:
    source = (
        "import porch as st\nimport pydeck as pdk\n"
        "rows = [{'lat': 10.0, 'lon': 20.0, 'name': 'centre'}, {'lat': 10.3, 'lon': 20.3, 'name': 'corner'}]\n"
        "d = pdk.Deck(initial_view_state=pdk.ViewState(latitude=10.0, longitude=20.0, zoom=9),"
        " layers=[pdk.Layer('ScatterplotLayer', data=rows, id='pts', get_position='[lon, lat]',"
        " get_fill_color=[0, 160, 0], radius_min_pixels=18)])\n"
        "ev = st.pydeck_chart(d, on_select='rerun', key='chart', alt='Points')\n"
        "s = ev.selection\n"
        "st.text(f'indices={dict(s.indices)} names={[o[\"name\"] for o in s.objects.get(\"pts\", [])]}')\n"
    )
    with running_engine(source, map_tiles=False) as server:
        page, _requests, errors = watched_page(context, server.url)
        expect(page.get_by_text("indices={} names=[]")).to_be_visible()
        figure = page.get_by_role("figure", name="Points")
        assert drawn(figure, (0, 160, 0)) >= 50
        box = figure.locator(".deck-gl-chart-view").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(page.get_by_text("indices={'pts': [0]} names=['centre']")).to_be_visible(timeout=10_000)
        clear = figure.get_by_role("button", name="Clear selection")
        expect(clear).to_be_visible()
        page.mouse.click(box["x"] + 10, box["y"] + box["height"] - 10)
        expect(page.get_by_text("indices={} names=[]")).to_be_visible()
        expect(clear).to_be_hidden()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(page.get_by_text("indices={'pts': [0]} names=['centre']")).to_be_visible(timeout=10_000)
        clear.click()
        expect(page.get_by_text("indices={} names=[]")).to_be_visible()
        assert errors == [] and violations(page) == []


@pytest.mark.browser
def test_the_app_s_own_tiles_are_drawn_under_the_layers_and_no_note_is_shown(context: Any) -> None:
    tile = io.BytesIO()
    Image.new("RGB", (256, 256), (250, 220, 0)).save(tile, format="PNG")
    source = (
        "import porch as st\nimport pydeck as pdk\n"
        "st.pydeck_chart(pdk.Deck(map_style='/tiles/{z}/{x}/{y}.png',"
        " initial_view_state=pdk.ViewState(latitude=0, longitude=0, zoom=2),"
        " layers=[pdk.Layer('ScatterplotLayer', data=[{'p': [0, 0]}], get_position='p',"
        " get_fill_color=[0, 0, 255], radius_min_pixels=20)]), alt='Tiled')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        seen = watched(page)
        asked: list[str] = []

        def serve(route: Any) -> None:
            asked.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=tile.getvalue())

        page.route("**/tiles/**", serve)
        page.goto(server.url)
        figure = page.get_by_role("figure", name="Tiled")
        assert drawn(figure, (250, 220, 0), at_least=5000) >= 5000, "the yellow tiles fill the map"
        assert drawn(figure, (0, 0, 255)) >= 50, "the layer is drawn over them"
        assert asked and all(url.split("/", 3)[:3] == server.url.split("/", 3)[:3] for url in asked)
        expect(figure.locator(".deck-gl-chart-note")).to_be_hidden()
        assert violations(page) == [] and seen["errors"] == []


@pytest.mark.browser
def test_what_deck_gl_cannot_draw_here_says_why_and_the_rest_is_drawn(context: Any) -> None:
    source = (
        "import porch as st\nimport pydeck as pdk\n"
        "st.pydeck_chart(pdk.Deck(layers=[pdk.Layer('NoSuchLayer', data=[], id='x'),"
        " pdk.Layer('ScatterplotLayer', data=[{'p': [0, 0]}], id='ok', get_position='p', get_fill_color=[255, 0, 0],"
        " radius_min_pixels=12, extensions=[{'@@type': 'NoExtension'}])]), alt='unknown')\n"
        "st.pydeck_chart(pdk.Deck(layers=[pdk.Layer('ScatterplotLayer', data='https://example.org/points.json',"
        " id='far', get_position='p')]), alt='far')\n"
    )
    with running_engine(source, map_tiles=False) as server:
        page, requests, _errors = watched_page(context, server.url)
        unknown = page.get_by_role("figure", name="unknown")
        expect(unknown.get_by_role("alert")).to_have_text(
            "Layers of a type deck.gl does not have are not drawn: NoSuchLayer. Layer extensions deck.gl does not "
            "have are left out: NoExtension.")
        assert drawn(unknown, (255, 0, 0)) >= 50, "the layer deck.gl has is drawn"
        expect(page.get_by_role("figure", name="far").get_by_role("alert")).to_contain_text(
            "Layer far: loading data of ScatterplotLayer({id: 'far'}): Failed to fetch (its data is on another site, "
            "and this page loads nothing from other sites)", timeout=20_000)
        assert off_origin(requests, server.url) == []
        assert violations(page) == ["connect-src"], "the policy stopped the one fetch"


@pytest.mark.browser
def test_without_webgl_the_map_says_so_in_one_line(context: Any) -> None:
    with running_engine("import porch as st\nst.map({'lat': [1], 'lon': [2]}, alt='M')\nst.text('after')") as server:
        page = context.new_page()
        page.add_init_script(
            "const own = HTMLCanvasElement.prototype.getContext;"
            "HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {"
            " return String(kind).startsWith('webgl') ? null : own.call(this, kind, ...rest); };"
        )
        seen = watched(page)
        page.goto(server.url)
        figure = page.get_by_role("figure", name="M")
        expect(figure.get_by_role("alert")).to_have_text(
            "This map needs WebGL, which this browser does not offer (it may be turned off): its layers cannot be "
            "drawn.")
        expect(page.get_by_text("after")).to_be_visible()
        assert not any("/vendor/deckgl/" in url for url in seen["requests"]), "nothing to draw with: nothing loaded"


@pytest.mark.browser
def test_the_first_paint_of_a_page_without_a_map_does_not_load_deck_gl(browser: Any) -> None:
    """deck.gl (2 MB) is in the import map, but only a page that shows a map asks for it: a page without one keeps
    its first paint within ten requests and 100 kB."""
    with running_engine("import porch as st\nst.title('No map')\nst.text('Line 20: the end')") as server:
        paint = first_paint(browser, server.url)
    assert "porch/vendor/deckgl/index.js" in paint.html, "deck.gl is in the import map"
    assert not any("deck" in url for url in paint.requests), paint.requests
    assert len(paint.requests) <= 10, paint.requests
    assert paint.size <= 100_000


def test_a_latitude_naming_no_column_falls_back_to_the_default_names_and_any_latitude_is_drawn() -> None:
    """As Streamlit's map: a ``latitude``/``longitude`` the data lacks falls back to "lat"/"lon"..., and a latitude
    past ±90 (swapped coordinates, say) is drawn where deck.gl puts it, not refused."""
    at = app("st.map({'lat': [10.0, 120.0], 'LONGITUDE': [1.0, 2.0]}, latitude='nope', longitude='gone')")
    assert not at.exception
    layer = at.deck_gl_chart[0].spec["layers"][0]
    assert [tuple(sorted(row.values())) for row in layer["data"]] == [(1.0, 10.0), (2.0, 120.0)]
    assert at.deck_gl_chart[0].spec["initialViewState"]["latitude"] == pytest.approx(65.0)
