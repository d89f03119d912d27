"""``echarts_chart``: an Apache ECharts chart (an option object), drawn in the browser.

The wire carries the option as ECharts reads it (JSON), its data frames made rows: a ``dataset.source`` that is a
pandas, polars or pyarrow frame, a NumPy array (or any frame ``dataframe`` reads) becomes the frame's rows, its column
names the dataset's ``dimensions``, its values as Streamlit's client writes them (Streamlit sends the frame as Arrow
beside the option). Everything else in the option must be JSON already: what ``json.dumps`` refuses (NaN, NumPy
integers, dates, arrays) is refused with Streamlit's message. The client
draws it with the ECharts vendored in webui/vendor/echarts (loaded the first time a page shows such a chart), themed
from the page's colours with ``theme="streamlit"``. A ``pyecharts`` chart gives its option JSON (``dump_options()``);
Porch imports nothing of pyecharts.

JavaScript cannot come from Python: an option with functions in it (a ``formatter`` callback, pyecharts' ``JsCode``,
a ``custom`` series' ``renderItem``) is refused with the error Streamlit gives, and so are the chart types Streamlit
refuses (maps and geo charts, which need GeoJSON registered in the page; ECharts GL's 3D and WebGL series; series of
extensions not bundled). ECharts' string templates (``"{b}: {c}"``) do what most callbacks do.

With ``on_select`` the chart is a widget: clicking items of a series with ``selectedMode``, or brushing with a
``brush`` component, reruns the script, and the call returns Streamlit's ``EChartsState``,
``{"selection": {"selected": [...], "areas": [...]}}``, a read-only dict whose keys also read as attributes.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, Protocol, TypeVar, overload

from ..errors import PorchAPIError
from ..widgets import Codec
from ._chart_data import json_value, table_of
from ._layout import Height, Width, height_of, width_of
from ._place import Block, WidgetProps
from ._selection import ReadOnlyState, json_list, json_text_codec, reports_selections, show_selectable

Theme = Literal["streamlit"] | None
OnSelect = Literal["ignore", "rerun"] | Callable[..., Any]
Renderer = Literal["canvas", "svg"]
Place = TypeVar("Place", covariant=True)

#: "content" has no meaning for an option object: Streamlit draws it at these sizes (its charts' default height).
CONTENT_WIDTH = 700
CONTENT_HEIGHT = 350
#: pyecharts' own default size, which every chart carries whether its author chose it or not: taken as unset.
PYECHARTS_WIDTH = "900px"
PYECHARTS_HEIGHT = "500px"
#: What a change to a chart's selection is told.
ECHARTS_REFUSAL = "an ECharts chart's selection is read-only: it changes only in the browser"
#: What a brush draws, as ECharts names it.
BRUSH_TYPES = ("rect", "polygon", "lineX", "lineY")
#: The kinds of items a selection groups: a series' items ("main"), a graph's nodes and edges.
DATA_TYPES = ("main", "node", "edge")
#: Series and components of the ECharts GL extension, which is not bundled (as in Streamlit).
GL_SERIES = frozenset({
    "bar3D", "flowGL", "globe", "graphGL", "line3D", "lines3D", "linesGL", "map3D", "polygons3D", "scatter3D",
    "scatterGL", "surface",
})
GL_COMPONENTS = frozenset({"geo3D", "globe", "grid3D", "mapbox3D", "maptalks3D"})
#: Series of other extensions, by the package that provides them.
EXTENSION_SERIES = {"liquidFill": "echarts-liquidfill", "wordCloud": "echarts-wordcloud"}
#: A JavaScript function in the text of an option (pyecharts writes ``JsCode`` so into ``dump_options()``).
_JS_FUNCTION = re.compile(r"\bfunction\s*\(")
#: pyecharts' marks around a ``JsCode`` in option JSON that keeps it quoted.
_JSCODE = "--x_x--"
#: Libraries whose values Porch reads as data frames in ``dataset.source`` (each imported only by the script).
_FRAME_LIBRARIES = ("pandas", "polars", "pyarrow", "modin", "dask", "cudf", "xarray", "snowflake", "pyspark")


class Props(WidgetProps):
    #: The ECharts option, as ``setOption`` takes it (JSON); frames in ``dataset.source`` as rows.
    spec: dict[str, Any]
    #: "streamlit" (the page's colours and font, light or dark) or None (ECharts' own default theme).
    theme: str | None
    #: "canvas" or "svg": how ECharts draws.
    renderer: str
    #: "stretch" or pixels ("content" is 700 px, or a pyecharts chart's own width, as in Streamlit).
    width: str | int
    #: "stretch" (at least 350 px) or pixels ("content" is 350 px, or a pyecharts chart's own height).
    height: str | int


class EChartsSelectionState(ReadOnlyState):
    """What was selected, as Streamlit's ``EChartsSelectionState``: ``selected`` (a dict per series and kind of item
    that has a selection: ``series_index``, ``series_id``, ``series_name`` (None unless the option names them),
    ``data_type`` ("main", or "node"/"edge" for a graph) and ``data_indices``, sorted positions in the series' data or
    its dataset's rows) and ``areas`` (a dict per brushed region: ``brush_index``, ``brush_type`` ("rect", "lineX",
    "lineY", "polygon") and ``coord_range`` in the axes' values: ``[[x0, x1], [y0, y1]]`` for a rect, ``[start, end]``
    for a line, ``[[x, y], ...]`` for a polygon). Nothing selected: empty lists."""

    refusal = ECHARTS_REFUSAL


class EChartsState(ReadOnlyState):
    """What a chart with ``on_select`` returns, as Streamlit's ``EChartsState``: ``selection``, an
    :class:`EChartsSelectionState` (``event.selection.selected`` or ``event["selection"]["areas"]``)."""

    refusal = ECHARTS_REFUSAL


def selection_state(selected: list[dict[str, Any]], areas: list[dict[str, Any]]) -> EChartsState:
    """The value a chart with selections returns."""
    return EChartsState(selection=EChartsSelectionState(selected=selected, areas=areas))


# -- selections -------------------------------------------------------------------------------------------------------


def selection_codec(points: bool, brush: bool) -> Codec:
    """The wire value of a chart's selection: JSON text of ``{"selection": {"selected": [...], "areas": [...]}}`` (as
    Streamlit's client sends it), or null before anything was selected. ``points``: the option lets items be selected
    (a series' ``selectedMode``, or a brush); ``brush``: it has a brush, whose regions are ``areas``. A selection the
    chart cannot make, indices that are no counts, regions without their coordinates are refused."""

    def parse(value: Any) -> EChartsState:
        if not isinstance(value, Mapping) or set(value) - {"selection"}:
            raise ValueError("an ECharts chart's selection is {'selection': {'selected': [...], 'areas': [...]}}")
        selection = value.get("selection", {})
        if not isinstance(selection, Mapping) or set(selection) - {"selected", "areas"}:
            raise ValueError("a selection has only selected and areas")
        selected = [_group(g) for g in json_list(selection.get("selected"), "selected")]
        areas = [_area(a) for a in json_list(selection.get("areas"), "areas")]
        if selected and not points:
            raise ValueError("this chart's option lets nothing be selected (no series has selectedMode, no brush)")
        if areas and not brush:
            raise ValueError("this chart's option has no brush, so it has no brushed areas")
        seen = [(g["series_index"], g["data_type"]) for g in selected]
        if len(set(seen)) != len(seen):
            raise ValueError("each series and data type is one group of selected")
        selected.sort(key=lambda g: (g["series_index"], DATA_TYPES.index(g["data_type"])))
        selected = [g for g in selected if g["data_indices"]]
        return selection_state(selected, areas)

    return json_text_codec("an ECharts chart's selection", parse, lambda: selection_state([], []))


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _name(value: Any) -> bool:
    """A series' id or name: text or a number, or None."""
    if value is None or isinstance(value, str):
        return True
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _group(value: Any) -> dict[str, Any]:
    """One series' selected items: its index, id, name, data type and the items' sorted indices."""
    keys = {"series_index", "series_id", "series_name", "data_type", "data_indices"}
    if not isinstance(value, Mapping) or set(value) - keys or "series_index" not in value:
        raise ValueError("a selected group is {'series_index', 'series_id', 'series_name', 'data_type', "
                         "'data_indices'}")
    if not _count(value["series_index"]):
        raise ValueError("series_index is the series' position: a count from 0")
    if not _name(value.get("series_id")) or not _name(value.get("series_name")):
        raise ValueError("series_id and series_name are text, numbers or None")
    data_type = value.get("data_type", "main")
    if data_type not in DATA_TYPES:
        raise ValueError(f"data_type is one of {DATA_TYPES}")
    indices = json_list(value.get("data_indices"), "data_indices")
    if not all(_count(i) for i in indices):
        raise ValueError("data_indices are the items' positions: counts from 0")
    return {
        "series_index": value["series_index"], "series_id": value.get("series_id"),
        "series_name": value.get("series_name"), "data_type": data_type, "data_indices": sorted(set(indices)),
    }


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _pair(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and len(value) == 2 and all(_number(v) for v in value)


def _area(value: Any) -> dict[str, Any]:
    """A brushed region: its brush, its type and its coordinates in the axes' values, shaped by its type."""
    if not isinstance(value, Mapping) or set(value) != {"brush_index", "brush_type", "coord_range"}:
        raise ValueError("an area is {'brush_index': ..., 'brush_type': ..., 'coord_range': [...]}")
    if not _count(value["brush_index"]):
        raise ValueError("brush_index is the brush's position: a count from 0")
    kind, coords = value["brush_type"], value["coord_range"]
    if kind not in BRUSH_TYPES:
        raise ValueError(f"brush_type is one of {BRUSH_TYPES}")
    if kind == "rect":
        fits = isinstance(coords, (list, tuple)) and len(coords) == 2 and all(_pair(c) for c in coords)
    elif kind == "polygon":
        fits = isinstance(coords, (list, tuple)) and len(coords) > 0 and all(_pair(c) for c in coords)
    else:
        fits = _pair(coords)
    if not fits:
        raise ValueError("coord_range is [[x0, x1], [y0, y1]] for a rect, [start, end] for lineX and lineY, "
                         "[[x, y], ...] for a polygon")
    return {"brush_index": value["brush_index"], "brush_type": kind, "coord_range": json.loads(json.dumps(coords))}


# -- the option -------------------------------------------------------------------------------------------------------


def _js_callbacks(call: str) -> PorchAPIError:
    return PorchAPIError(
        f"{call}: the option contains JavaScript callbacks (function values or pyecharts' JsCode), which "
        "echarts_chart does not support: only JSON-compatible option objects are. Use ECharts' string templates "
        "instead of JavaScript functions (\"formatter\": \"{b}: {c}\")."
    )


def _library(value: Any) -> str:
    return type(value).__module__.split(".")[0]


def _is_pyecharts(value: Any) -> bool:
    return any(cls.__module__.split(".")[0] == "pyecharts" for cls in type(value).__mro__)


def _loads(text: Any, call: str) -> Any:
    """Option JSON text (a string the script gave, or a pyecharts chart's ``dump_options()``)."""
    if not isinstance(text, str):
        raise PorchAPIError(f"{call}: dump_options() gave {type(text).__name__}, not the option's JSON text")
    try:
        option = json.loads(text)
    except ValueError as err:
        rest = text[getattr(err, "pos", 0):]
        if _JS_FUNCTION.search(rest) or "=>" in rest:
            raise _js_callbacks(call) from None
        raise PorchAPIError(
            f"{call}: the option could not be read as JSON ({err}); echarts_chart takes JSON-compatible option "
            "objects only"
        ) from None
    if _holds_jscode(option):
        raise _js_callbacks(call)
    return option


def _holds_jscode(value: Any) -> bool:
    if isinstance(value, str):
        text = value.strip()
        return text.startswith(_JSCODE) and text.endswith("--") and len(text) > 2 * len(_JSCODE)
    if isinstance(value, dict):
        return any(_holds_jscode(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_jscode(v) for v in value)
    return False


def _frame_like(value: Any) -> bool:
    """A data frame (or series, or table) of a library, read as rows in ``dataset.source``."""
    if isinstance(value, (Mapping, list, tuple, str, bytes)):
        return False
    if _library(value) in _FRAME_LIBRARIES:
        return True
    return any(hasattr(value, name) for name in ("__dataframe__", "to_arrow", "to_pandas"))


def _dataset(value: Any, path: str, call: str) -> Any:
    """A ``dataset`` (one or a list): a frame (or NumPy array) in ``source`` becomes its rows, its columns
    ``dimensions``, as Streamlit's client reads the Arrow table it sends."""
    if isinstance(value, (list, tuple)):
        return [_dataset(item, f"{path}[{i}]", call) for i, item in enumerate(value)]
    if not isinstance(value, dict):
        return _plain(value, path, call)
    source = value.get("source")
    dataset = {_key(k): _plain(v, _at(path, k), call) for k, v in value.items() if k != "source"}
    if source is None or not (_frame_like(source) or _library(source) == "numpy"):
        if "source" in value:
            dataset["source"] = _plain(source, f"{path}.source", call)
        return dataset
    table = table_of(source, call, as_arrow=True)
    names = list(table.columns)
    columns = [table.columns[name] for name in names]
    dataset["source"] = [[_cell(values[row]) for values in columns] for row in range(len(table))]
    dataset.setdefault("dimensions", names)
    dataset.setdefault("sourceHeader", False)
    return dataset


def _cell(value: Any) -> Any:
    """A frame's value as Streamlit's client writes it into ``dataset.source``: a timezone-aware datetime in UTC
    (``2024-01-01T05:00:00.000Z``), a naive one as it is (``2024-01-01T05:00:00.000``), a date as
    ``2024-01-01``, a time as ``05:00:00`` (milliseconds when there are some); the rest as every chart's data."""
    if isinstance(value, datetime.datetime) and not _missing(value):
        if value.tzinfo is not None and value.utcoffset() is not None:
            utc = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
            return f"{utc.isoformat(timespec='milliseconds')}Z"
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.time):
        text = value.replace(tzinfo=None).isoformat(timespec="milliseconds")
        return text.removesuffix(".000")
    return json_value(value)


def _missing(value: Any) -> bool:
    return json_value(value) is None  # pandas' NaT is a datetime


def _key(key: Any) -> str:
    """A dict key as JSON writes it (``json.dumps``): text, a number, true, false or null."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key, allow_nan=False)
    raise TypeError(key)


def _plain(value: Any, path: str, call: str) -> Any:
    """An option's value as JSON, as Streamlit takes it (``json.dumps`` with ``allow_nan=False``): dicts, lists and
    tuples, text, numbers, booleans and None. Anything else (NaN and infinities, NumPy integers and booleans, dates,
    pandas' missing values, arrays, functions) is refused with Streamlit's error naming where it is in the option;
    data frames belong in ``dataset.source``."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if type(value) in (int, bool) else int(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return value if type(value) is float else float(value)
        raise _not_json(call, path, value)
    if isinstance(value, dict):
        plain: dict[str, Any] = {}
        for k, v in value.items():
            try:
                key = _key(k)
            except (TypeError, ValueError):
                raise _not_json(call, None, None) from None
            plain[key] = _dataset(v, _at(path, k), call) if k == "dataset" else _plain(v, _at(path, k), call)
        return plain
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{path}[{i}]", call) for i, v in enumerate(value)]
    raise _not_json(call, path, value)


def _not_json(call: str, path: str | None, value: Any) -> PorchAPIError:
    """Streamlit's refusal of a value JSON cannot hold (``path`` None: no single value is to blame)."""
    detail = "" if path is None else f" `{path}` is {_described(value)}."
    return PorchAPIError(
        f"{call}: The provided ECharts spec is not JSON-serializable.{detail} `st.echarts_chart` only supports "
        "JSON-compatible option objects. Pass chart data as a dataframe in `dataset.source`, which converts "
        "datetimes, NumPy values, and missing values automatically. Values anywhere else (for example "
        "`series.data`) must already be plain Python values such as `int`, `float`, `str`, `None`, lists, and dicts."
    )


def _described(value: Any) -> str:
    """A value JSON cannot hold, named, with the way to make it JSON (as Streamlit words it)."""
    if isinstance(value, float):
        name = "NaN" if math.isnan(value) else repr(float(value))
        return f"`{name}`. Use `None` for missing or non-finite numbers"
    kind = type(value)
    module = kind.__module__.split(".")[0]
    description = f"a `{kind.__qualname__ if module == 'builtins' else f'{module}.{kind.__qualname__}'}`"
    if module == "numpy" and getattr(value, "ndim", None) == 0 and getattr(value.dtype, "kind", "") in "biufc":
        return f"{description}. Convert it with `int()`, `float()`, or `bool()`"
    if module == "pandas" and kind.__name__ in ("NaTType", "NAType"):
        return f"{description}. Use `None` for missing values"
    if isinstance(value, (datetime.date, datetime.time)):
        return f"{description}. Convert it with `.isoformat()`"
    if _frame_like(value) or module == "numpy":
        return f"{description}. Only `dataset.source` accepts dataframes and arrays, so pass the data there"
    if callable(value):
        return f"{description}. Use an ECharts string template such as `\"{{b}}: {{c}}\"` instead of a callback"
    return f"{description}. Convert it to a plain Python value"


def _at(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _variants(option: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The option and its timeline (``baseOption``, ``options``) and responsive (``media[].option``) variants."""
    yield option
    for media in option.get("media") or []:
        if isinstance(media, Mapping) and isinstance(media.get("option"), Mapping):
            yield media["option"]
    base = option.get("baseOption")
    if isinstance(base, Mapping):
        yield from _variants(base)
    for tick in option.get("options") or []:
        if isinstance(tick, Mapping):
            yield from _variants(tick)


def _entries(value: Any) -> list[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        return [value]
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _series(option: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for variant in _variants(option):
        yield from _entries(variant.get("series"))


def _check_features(option: Mapping[str, Any], call: str) -> None:
    """Refuse what the bundled ECharts cannot draw from JSON, as Streamlit does (with its reasons)."""
    for variant in _variants(option):
        for key in ("media", "options"):
            if key in variant and not isinstance(variant[key], list):
                raise PorchAPIError(f"{call}: the option's {key!r} is a list")
        gl = sorted(GL_COMPONENTS & set(variant))
        if gl:
            raise PorchAPIError(f"{call}: the option uses the {gl[0]!r} component, which needs the ECharts GL "
                                "extension: echarts_chart does not draw 3D or WebGL charts")
    uses_geo = any("geo" in variant for variant in _variants(option))
    for series in _series(option):
        kind = series.get("type")
        if kind in GL_SERIES:
            raise PorchAPIError(f"{call}: the option uses the {kind!r} series, which needs the ECharts GL extension: "
                                "echarts_chart does not draw 3D or WebGL charts")
        if isinstance(kind, str) and kind in EXTENSION_SERIES:
            raise PorchAPIError(f"{call}: the option uses the {kind!r} series, which needs the "
                                f"{EXTENSION_SERIES[kind]!r} extension: only core ECharts is bundled")
        if kind == "custom":
            raise PorchAPIError(f"{call}: the option uses a 'custom' series, which needs a JavaScript renderItem "
                                "callback: echarts_chart takes JSON-compatible option objects only")
        uses_geo = uses_geo or kind == "map" or series.get("coordinateSystem") == "geo"
    if uses_geo:
        raise PorchAPIError(f"{call}: the option uses a map or geo coordinate system, which needs GeoJSON map data "
                            "registered in the page: echarts_chart does not draw map charts")


def selections_of(option: Mapping[str, Any]) -> tuple[bool, bool]:
    """What a person can select in the chart: items (a series with ``selectedMode``, or a brush) and brushed areas
    (a ``brush`` component, or the toolbox's brush)."""
    brush = False
    for variant in _variants(option):
        toolbox = variant.get("toolbox")
        for entry in toolbox if isinstance(toolbox, list) else [toolbox]:
            if isinstance(entry, Mapping) and isinstance(entry.get("feature"), Mapping) and "brush" in entry["feature"]:
                brush = True
        brush = brush or "brush" in variant
    points = brush or any(series.get("selectedMode") for series in _series(option))
    return points, brush


def option_of(spec: Any, call: str) -> dict[str, Any]:
    """What a script gave as the option ECharts draws, as JSON."""
    if isinstance(spec, str):
        option = _loads(spec, call)
    elif isinstance(spec, Mapping):
        try:
            option = _plain(dict(spec), "", call)
        except RecursionError:
            raise PorchAPIError(f"{call}: the option refers to itself (it is not JSON)") from None
    elif _is_pyecharts(spec) or callable(getattr(spec, "dump_options", None)):
        option = _loads(spec.dump_options(), call)
    else:
        raise PorchAPIError(
            f"{call}: spec must be an ECharts option (a dict, or its JSON text) or a pyecharts chart, not "
            f"{type(spec).__module__}.{type(spec).__qualname__}"
        )
    if not isinstance(option, dict):
        raise PorchAPIError(f"{call}: an ECharts option is a JSON object (a dict), not {type(option).__name__}")
    if not isinstance(spec, Mapping):  # JSON text may hold NaN and infinities (Python's json reads them): refused
        option = _plain(option, "", call)
    _check_features(option, call)
    checked: dict[str, Any] = option
    return checked


def _own_size(value: Any, default: str, keyword: str) -> int | str | None:
    """A pyecharts chart's own width or height (``InitOpts``): pixels, "stretch" for "100%", None for pyecharts'
    default or a size in other units (as Streamlit reads it)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value) if value > 0 else None
    if not isinstance(value, str) or value.strip() in ("", default):
        return None
    if value.strip() == "100%":
        return keyword
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*px\s*", value)
    return int(float(found[1])) or None if found else None


# -- showing it -------------------------------------------------------------------------------------------------------


def echarts_chart(
    place: Block,
    spec: Any,
    *,
    width: Width = "stretch",
    height: Height = "content",
    theme: Theme = "streamlit",
    key: str | int | None = None,
    on_select: OnSelect = "ignore",
    renderer: Renderer = "canvas",
    alt: str | None = None,
) -> Any:
    """Draw an interactive Apache ECharts chart (https://echarts.apache.org/): bars, lines, pies, gauges, sunbursts,
    Sankey diagrams, graphs, candlesticks, radars and the rest of ECharts' catalogue, drawn in the browser by the
    page's own copy of ECharts (nothing is fetched from the internet).

    ``spec`` is an ECharts option object, the JSON that ECharts' ``setOption`` takes: a dict, its JSON text (as copied
    from ECharts' examples), or a ``pyecharts`` chart. Chart a data frame (pandas, polars, pyarrow, a NumPy array...)
    by giving it as ``dataset.source``: its columns, in order, are the dataset's dimensions (the index is left out:
    ``reset_index()`` to chart it), datetimes become ISO text (in UTC if timezone-aware), durations milliseconds and
    missing values null. Values anywhere else must already be JSON, as in Streamlit: NumPy integers, dates, NaN and
    arrays in ``series.data`` are an error naming where they are and how to convert them. JavaScript cannot be given:
    a function in the option (a ``formatter`` callback, pyecharts' ``JsCode``) is an error, as are ``custom`` series,
    maps and geo charts, and ECharts GL's 3D charts; use ECharts' string templates (``"formatter": "{b}: {c}"``). As
    in Streamlit, a tooltip's ``valueFormatter`` may be a number format ("dollar", "percent", "compact", "%.2f"...)
    and a tooltip ``formatter`` template may name dimensions (``"{b}: {@sales}"``, ``"{@[2]}"``).

    ``width`` is "stretch" (the container's width, the default), "content" (700 pixels, or a pyecharts chart's own
    width) or pixels; ``height`` is "content" (350 pixels, or a pyecharts chart's own height), "stretch" (the
    container's height, at least 350 pixels) or pixels. ``theme="streamlit"`` draws in the page's colours and font,
    light or dark; None leaves the option's look to ECharts' default theme. ``renderer`` is "canvas" or "svg". ``alt``
    describes the chart to screen readers (ECharts' ``aria.label.description``).

    ``on_select="rerun"`` (or a function, called first) makes the chart a widget: selecting items of a series whose
    option sets ``selectedMode``, or brushing regions with a ``brush`` component (or the toolbox's brush), reruns the
    script, and the call returns the selection, ``{"selection": {"selected": [...], "areas": [...]}}``, which also
    reads as attributes (``event.selection.selected``); a double click clears it. ``key`` identifies the chart; with
    one the selection is also ``session_state[key]`` (read-only) and survives changes to the option (without one, a
    change to the option, theme, renderer, size or ``alt`` starts the selection over). Without ``on_select``
    (``"ignore"``) the call returns the chart's place, and ``key`` is accepted and changes nothing.
    """
    call = "echarts_chart()"
    if theme not in ("streamlit", None):
        raise PorchAPIError(f"{call}: theme must be 'streamlit' or None (ECharts' own look), not {theme!r}")
    if renderer not in ("canvas", "svg"):
        raise PorchAPIError(f"{call}: renderer must be 'canvas' or 'svg', not {renderer!r}")
    selecting = reports_selections(on_select, call)
    if alt is not None and not isinstance(alt, str):
        raise PorchAPIError(f"{call}: alt must be a string or None, not {type(alt).__name__}")
    if key is not None and (isinstance(key, bool) or not isinstance(key, (str, int))):
        raise PorchAPIError(f"{call}: key must be text or an integer, not {type(key).__name__}")
    chart_width = width_of(width, call)
    chart_height = height_of(height, call)
    option = option_of(spec, call)
    if chart_width == "content":
        chart_width = _own_size(getattr(spec, "width", None), PYECHARTS_WIDTH, "stretch") or CONTENT_WIDTH
    if chart_height == "content":
        chart_height = _own_size(getattr(spec, "height", None), PYECHARTS_HEIGHT, "stretch") or CONTENT_HEIGHT
    props = {"spec": option, "theme": theme, "renderer": renderer, "width": chart_width, "height": chart_height}
    label = " ".join((alt or "").split())
    return show_selectable(
        place, "echarts_chart", label, props,
        codec=selection_codec(*selections_of(option)) if selecting else None,
        identity=[option, theme, renderer, chart_width, chart_height, label], key=None if key is None else str(key),
        on_select=on_select,
    )


class EChartsChart(Protocol[Place]):
    """``echarts_chart`` as a script sees it: the chart's place, or its selection with ``on_select``."""

    @overload
    def __call__(
        self,
        spec: Any,
        *,
        width: Width = "stretch",
        height: Height = "content",
        theme: Theme = "streamlit",
        key: str | int | None = None,
        on_select: Literal["ignore"] = "ignore",
        renderer: Renderer = "canvas",
        alt: str | None = None,
    ) -> Place: ...

    @overload
    def __call__(
        self,
        spec: Any,
        *,
        width: Width = "stretch",
        height: Height = "content",
        theme: Theme = "streamlit",
        key: str | int | None = None,
        on_select: Literal["rerun"] | Callable[..., Any],
        renderer: Renderer = "canvas",
        alt: str | None = None,
    ) -> EChartsState: ...
