"""``vega_lite_chart``: a chart drawn by Vega-Lite in the browser, from ``vega_lite_chart``, ``altair_chart``,
``line_chart``, ``area_chart``, ``bar_chart`` and ``scatter_chart`` alike.

The wire carries the Vega-Lite spec with its data inline (``data.values``, and ``datasets`` by name), converted from
whatever the script gave (``_chart_data``: frames of pandas, polars or pyarrow, arrays, dicts, lists). The client draws
it with the Vega libraries the package ships (webui/vendor/vega), loaded the first time a page shows a chart, in the
page's light or dark theme. With ``on_select`` the chart is a widget: selecting points or an interval reruns the
script, and the call returns the selection, keyed by the spec's selection parameters.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from typing import Any, Literal, Protocol, TypeVar, overload

from ..errors import PorchAPIError
from ..widgets import Codec
from ._builtin_charts import AREA, BAR, HORIZONTAL_BAR, LINE, SCATTER, builtin_spec
from ._chart_data import is_geo, json_value, max_points, records, table_of, truncation_note
from ._layout import Height, Width, height_of, width_of
from ._place import Block, WidgetProps
from ._selection import ReadOnlyState, json_text_codec, reports_selections, show_selectable

Theme = Literal["streamlit"] | None
OnSelect = Literal["ignore", "rerun"] | Callable[..., Any]
Place = TypeVar("Place", covariant=True)
Stack = bool | Literal["normalize", "center", "layered"] | None

#: View compositions: a spec is one of these, or a single view with a ``mark``.
COMPOSITIONS = ("layer", "hconcat", "vconcat", "concat", "facet", "repeat")


class Props(WidgetProps):
    #: The Vega-Lite spec, its data inline: ``data.values`` and named ``datasets``, in JSON.
    spec: dict[str, Any]
    #: "streamlit" (the page's look, light or dark) or None (Vega-Lite's own, its text in the page's colours).
    theme: str | None
    #: The selection parameters whose selections reach the script (empty: the chart is not a widget).
    selection_mode: list[str]
    #: "stretch", "content" or pixels: for a single or layered view, the chart's own width follows, as it does for a
    #: composition as Streamlit gives it (a vertical concatenation's views take it; facets keep their own widths).
    width: str | int
    #: "content", "stretch" or pixels: for a single or layered view, the chart's own height follows ("stretch": the
    #: height the page's layout gives it, webui/elements/vega_lite_chart.css); pixels are a composition's too, and so
    #: is "stretch" in a container of fixed height (a facet's cells take it).
    height: str | int
    #: Shown under the chart when it draws only part of its data (more than 100,000 rows), else None.
    note: str | None


class VegaLiteState(ReadOnlyState):
    """What a chart with ``on_select`` returns, as Streamlit's ``VegaLiteState``: ``selection``, a read-only dict with
    one entry per selection parameter, by its name (``event.selection.brush`` or ``event["selection"]["brush"]``).

    A point selection is a list of the points chosen, each a dict of the selection's fields (or its encodings'
    fields); an interval selection a dict of field -> ``[low, high]`` (dates as milliseconds since 1970, categories
    as the list of values inside). Nothing selected: ``{}``."""

    refusal = "a chart's selection is read-only: it changes only in the browser"

    @classmethod
    def of(cls, selection: Mapping[str, Any]) -> VegaLiteState:
        return cls({"selection": ReadOnlyState(selection)})


def selection_codec(modes: list[str]) -> Codec:
    """The wire value of a chart's selection: JSON text of ``{"selection": {param: value}}`` (as Streamlit's, whose
    widget values are flat too), or null before anything was selected. Selections of parameters the chart does not
    report, or that are no point or interval selection, are refused."""

    def empty() -> dict[str, Any]:
        return {name: {} for name in modes}

    def parse(value: Any) -> VegaLiteState:
        given = value.get("selection") if isinstance(value, Mapping) and set(value) == {"selection"} else None
        if not isinstance(given, Mapping):
            raise ValueError("expected {'selection': {parameter: value}}")
        selection = empty()
        for name, found in given.items():
            if name not in modes:
                raise ValueError(f"{name!r} is not a selection parameter this chart reports")
            selection[name] = _checked(name, found)
        return VegaLiteState.of(selection)

    return json_text_codec("a chart's selection", parse, lambda: VegaLiteState.of(empty()))


def _checked(name: str, value: Any) -> Any:
    """A point selection (a list of dicts) or an interval one (a dict), as plain JSON values."""
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and all(isinstance(item, Mapping) for item in value):
        return [{str(k): json_value(v) for k, v in item.items()} for item in value]
    raise ValueError(f"the selection {name!r} must be a list of points or a dict of intervals")


# -- the spec ---------------------------------------------------------------------------------------------------------


def check_spec(spec: Any, call: str) -> None:
    """Refuse what is no Vega-Lite spec, with an error naming the call; Vega-Lite reports the rest in the page."""
    if not isinstance(spec, Mapping):
        raise PorchAPIError(f"{call}: the spec must be a dict (Vega-Lite's JSON as Python), not {type(spec).__name__}")
    if not spec:
        raise PorchAPIError(f"{call}: Vega-Lite charts require a non-empty spec dict.")
    schema = spec.get("$schema")
    if "marks" in spec or (isinstance(schema, str) and "/schema/vega/" in schema):
        raise PorchAPIError(f"{call}: this is a Vega spec; Porch draws Vega-Lite specs (https://vega.github.io/vega-lite/)")
    if "mark" not in spec and not any(key in spec for key in COMPOSITIONS):
        raise PorchAPIError(
            f"{call}: the spec has neither a 'mark' nor a view composition ('layer', 'hconcat', 'vconcat', 'concat', "
            f"'facet', 'repeat'). Its keys: {sorted(map(str, spec))}"
        )
    mark = spec.get("mark")
    if mark is not None and not isinstance(mark, str) and not (isinstance(mark, Mapping) and "type" in mark):
        raise PorchAPIError(f"{call}: 'mark' must be a mark type (\"line\", \"bar\"...) or a dict with a 'type'")
    if "encoding" in spec and not isinstance(spec["encoding"], Mapping):
        raise PorchAPIError(f"{call}: 'encoding' must be a dict of channels")
    for key in ("layer", "hconcat", "vconcat", "concat"):
        if key in spec and not isinstance(spec[key], (list, tuple)):
            raise PorchAPIError(f"{call}: '{key}' must be a list of views")
    for key in ("facet", "repeat"):
        if key in spec and "spec" not in spec:
            raise PorchAPIError(f"{call}: a '{key}' spec needs the 'spec' of the view it repeats")


def plain(value: Any) -> Any:
    """Spec values as JSON: dicts with text keys, lists, and leaves as ``json_value`` makes them."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return json_value(value)


def _values(data: Any, call: str, notes: list[str]) -> Any:
    """A dataset as the rows a spec carries (at most ``max_points()``: the session's ``max_chart_points``). GeoJSON
    and TopoJSON, text (CSV with its ``format``) and lists as Vega-Lite reads them (records; plain values, each wrapped
    as ``{"data": value}``) are kept as they are; frames, arrays and dicts of columns become records."""
    if is_geo(data) or isinstance(data, str):
        return plain(data)
    if isinstance(data, (list, tuple)):
        most = max_points()
        note = truncation_note(min(len(data), most), len(data))
        if note:
            notes.append(note)
        return plain(list(data[:most]))
    table = table_of(data, call, as_arrow=True)
    rows = records(table, list(table.columns))
    note = truncation_note(len(rows), len(table))
    if note:
        notes.append(note)
    return rows


def _inline_data(spec: dict[str, Any], data: Any, call: str) -> list[str]:
    """Put the spec's data in it as rows (in place): its ``data``, its ``datasets``, or ``data`` given beside it."""
    notes: list[str] = []
    if isinstance(spec.get("datasets"), Mapping):
        spec["datasets"] = {str(name): _values(rows, call, notes) for name, rows in spec["datasets"].items()}
    found = spec.get("data")
    if isinstance(found, Mapping):
        if "values" in found:
            spec["data"] = {**plain({k: v for k, v in found.items() if k != "values"}),
                            "values": _values(found["values"], call, notes)}
        else:
            spec["data"] = plain(found)  # a url, a name, a generator
            if data is not None and "name" not in found:
                spec["data"] = {"values": _values(data, call, notes)}
    elif found is not None:
        spec["data"] = {"values": _values(found, call, notes)}
    elif data is not None:
        spec["data"] = {"values": _values(data, call, notes)}
    return notes


def _is_facet(spec: Mapping[str, Any]) -> bool:
    encoding = spec.get("encoding")
    return "facet" in spec or (isinstance(encoding, Mapping) and any(k in encoding for k in ("row", "column", "facet")))


def _nested(spec: Mapping[str, Any]) -> bool:
    """A vconcat whose views are compositions themselves (a scatter plot with histograms at its sides)."""
    views = spec.get("vconcat")
    return isinstance(views, list) and any(
        isinstance(view, Mapping) and any(k in view for k in COMPOSITIONS) for view in views
    )


def _autosize(spec: dict[str, Any], stretch: bool) -> None:
    """Fit the chart in its width and height (padding, axes and legends included), as Streamlit sets it."""
    if "autosize" in spec:
        return
    if "vconcat" in spec and stretch:
        kind = "pad" if _nested(spec) else "fit-x"
    elif _is_facet(spec) or (_nested(spec) and not stretch):
        kind = "pad"
    else:
        kind = "fit"
    spec["autosize"] = {"type": kind, "contains": "padding"}


def _patch_null_legend_titles(spec: dict[str, Any]) -> None:
    """A colour legend's title of null draws badly in Vega-Lite: a space instead, as Streamlit does."""
    encoding = spec.get("encoding")
    colour = encoding.get("color") if isinstance(encoding, dict) else None
    if not isinstance(colour, dict):
        return
    if "title" in colour and colour["title"] is None:
        colour["title"] = " "
    legend = colour.get("legend")
    if isinstance(legend, dict) and "title" in legend and legend["title"] is None:
        legend["title"] = " "


def _renumber(prefix: str, text: str) -> str:
    """Altair names unnamed parameters and views from a counter (Altair 5) or a hash (Altair 6): renamed
    ``param_1``, ``param_2``... in order of appearance, so a spec is the same on every run, and a script reads its
    selections under the names Streamlit gives them."""
    names = list(dict.fromkeys(re.findall(rf'"{prefix}[0-9a-z]+"', text)))
    marker = "\0porch\0"
    for number, name in enumerate(names, start=1):
        text = text.replace(name, f'"{marker}{prefix}{number}"')
    return text.replace(marker, "")


def _stabilised(spec: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {key: spec.pop(key) for key in ("data", "datasets") if key in spec}
    text = json.dumps(spec)
    if '"params"' in text:
        text = _renumber("param_", text)
    if re.search(r'"(vconcat|hconcat|facet|layer|concat|repeat)"', text):
        text = _renumber("view_", text)
    found: dict[str, Any] = json.loads(text)
    found.update(data)
    return found


def selection_parameters(spec: Mapping[str, Any]) -> set[str]:
    """The names of the selection parameters anywhere in the spec (its views, layers and repeated views)."""
    found: set[str] = set()
    params = spec.get("params")
    if isinstance(params, list):
        found |= {p["name"] for p in params if isinstance(p, Mapping) and p.get("name") and p.get("select")}
    for key in ("layer", "hconcat", "vconcat", "concat"):
        views = spec.get(key)
        if isinstance(views, list):
            for view in views:
                if isinstance(view, Mapping):
                    found |= selection_parameters(view)
    if isinstance(spec.get("spec"), Mapping):
        found |= selection_parameters(spec["spec"])
    return found


def _selection_modes(spec: Mapping[str, Any], selection_mode: Any, call: str) -> list[str]:
    available = selection_parameters(spec)
    if not available:
        raise PorchAPIError(
            f"{call}: selections are activated (on_select), but the chart's spec defines no selection parameter. "
            "Add one: alt.selection_point() or alt.selection_interval() with Altair, or a parameter with a "
            "'select' in a Vega-Lite spec's 'params' (https://vega.github.io/vega-lite/docs/selection.html)."
        )
    if selection_mode is None:
        return sorted(available)
    asked = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)
    for name in asked:
        if name not in available:
            raise PorchAPIError(
                f"{call}: selection parameter {name!r} is not defined in the chart's spec. Available selection "
                f"parameters are: {sorted(available)}."
            )
    return sorted(asked)


def _point_encodings(spec: dict[str, Any]) -> None:
    """A point selection with neither fields nor encodings selects by every encoding of the view, so that a script
    reads the points' values rather than Vega's row numbers (as Streamlit's client does)."""
    params, encoding = spec.get("params"), spec.get("encoding")
    if not isinstance(params, list) or not isinstance(encoding, dict):
        return
    for param in params:
        if not isinstance(param, dict) or "select" not in param:
            continue
        if param["select"] in ("point", "interval"):
            param["select"] = {"type": param["select"]}
        select = param["select"]
        if isinstance(select, dict) and select.get("type") == "point":
            if select.get("encodings") is None and select.get("fields") is None:
                select["encodings"] = list(encoding)


# -- Altair -----------------------------------------------------------------------------------------------------------

_altair_lock = threading.Lock()


def altair_spec(chart: Any, call: str) -> tuple[dict[str, Any], list[str]]:
    """An Altair chart's spec (``to_dict()``), its data as rows under ``datasets``, with Altair's own default theme
    (a fixed size) turned off."""
    if not hasattr(chart, "to_dict"):
        raise PorchAPIError(f"{call}: expected an Altair chart (alt.Chart, alt.LayerChart...), not {type(chart).__name__}")
    import altair as alt  # the chart is Altair's, so Altair is installed

    notes: list[str] = []
    datasets: dict[str, Any] = {}

    def to_porch(data: Any, **_options: Any) -> dict[str, str]:
        rows = _values(data, call, notes)
        text = json.dumps(rows, sort_keys=True, default=str)
        name = "data-" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
        datasets[name] = rows
        return {"name": name}

    themes = getattr(alt, "theme", None) or alt.themes
    with _altair_lock:
        alt.data_transformers.register("porch", to_porch)
        theme = themes.enable("none") if themes.active == "default" else nullcontext()
        with theme, alt.data_transformers.enable("porch"):
            spec: dict[str, Any] = chart.to_dict()
    inline = spec.get("datasets")
    if isinstance(inline, Mapping):
        inline = {str(name): _values(rows, call, notes) for name, rows in inline.items() if name not in datasets}
    spec["datasets"] = {**(inline if isinstance(inline, dict) else {}), **datasets}
    return spec, notes


# -- showing it -------------------------------------------------------------------------------------------------------


def _width(spec: Mapping[str, Any], width: Any, use_container_width: bool | None, call: str) -> str | int:
    if use_container_width is None and width is None:
        composite = _is_facet(spec) or "hconcat" in spec or "repeat" in spec or _nested(spec)
        width = "content" if composite else "stretch"
    if use_container_width is True:
        width = "stretch"
    elif use_container_width is False and not (isinstance(width, int) and not isinstance(width, bool)):
        width = "content"
    return width_of(width, call)


def show_chart(
    place: Block,
    spec: dict[str, Any],
    *,
    call: str,
    notes: list[str],
    width: Any,
    height: Any,
    use_container_width: bool | None,
    theme: Any,
    key: str | None = None,
    on_select: Any = "ignore",
    selection_mode: Any = None,
    alt: str | None = None,
) -> Any:
    """Show ``spec`` (its data already inline); return the chart's place, or its selection with ``on_select``."""
    if theme not in ("streamlit", None):
        raise PorchAPIError(f"{call}: theme must be 'streamlit' or None, not {theme!r}")
    selecting = reports_selections(on_select, call)
    chart_width = _width(spec, width, use_container_width, call)
    chart_height = height_of(height, call)
    _autosize(spec, chart_width == "stretch")
    _patch_null_legend_titles(spec)
    spec = _stabilised(spec)
    modes = _selection_modes(spec, selection_mode, call) if selecting else []
    if selecting:
        _point_encodings(spec)
    props = {
        "spec": spec,
        "theme": theme,
        "selection_mode": modes,
        "width": chart_width,
        "height": chart_height,
        "note": " ".join(dict.fromkeys(notes)) or None,
    }
    return show_selectable(
        place, "vega_lite_chart", "" if alt is None else str(alt), props,
        codec=selection_codec(modes) if selecting else None, identity=[spec, modes], key=key, on_select=on_select,
    )


def vega_lite_chart(
    place: Block,
    data: Any = None,
    spec: Mapping[str, Any] | None = None,
    *,
    width: Width | None = None,
    height: Height = "content",
    use_container_width: bool | None = None,
    theme: Theme = "streamlit",
    key: str | None = None,
    on_select: OnSelect = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Any:
    """Draw a chart from a Vega-Lite spec (https://vega.github.io/vega-lite/), a dict as Vega-Lite's JSON reads.

    ``data`` is the data to draw: a pandas, polars or pyarrow frame, a NumPy array, a dict of columns, a list of
    records... It may also carry the spec itself (``vega_lite_chart(spec)``); the spec may hold its data too, in
    ``data`` (``{"values": frame}``) or named ``datasets``. At most 100,000 rows of each are drawn (a note under the
    chart says so). The spec must have a ``mark`` or a view composition (``layer``, ``hconcat``, ``vconcat``,
    ``concat``, ``facet``, ``repeat``); an error in it that only Vega-Lite finds is shown in the chart's place.

    ``width``: "stretch" (the container's width), "content" (the spec's own) or pixels; None is "stretch", or
    "content" for facets, horizontal concatenations and repeats. ``height``: "content" (the spec's own), "stretch"
    (what the container leaves, shared with other stretched elements: in a container of fixed height the chart may
    shrink to nothing; in one as tall as its content it is 350 pixels, or its row's height beside taller elements),
    or pixels. Both size a single or layered view. A composition is sized as Streamlit sizes it: a width ("stretch"
    or pixels) is given to each view of a vertical concatenation (facets, horizontal concatenations and repeats keep
    their views' widths), a height in pixels to a facet's cells; "stretch" gives a composition its container's height
    where that is definite (a container of fixed height: a facet's cells take it, the drawing scrolls with the
    container) and leaves it its own elsewhere.
    ``use_container_width`` (deprecated in Streamlit) True is ``width="stretch"``. ``theme="streamlit"`` draws in
    the page's look, light or dark; None in Vega-Lite's own (its text in the page's colours). ``alt`` describes the
    chart to screen readers.

    ``on_select="rerun"`` (or a function, called first) makes the chart a widget: selecting in it reruns the script
    and the call returns a ``VegaLiteState``, its ``selection`` a dict by selection parameter (a point selection: a
    list of the points chosen; an interval: field -> [low, high]). The spec needs selection parameters; with
    ``selection_mode`` (a name or a list) only those report. ``key`` identifies the chart; the selection is
    read-only in ``session_state``. Without ``on_select``, the call returns the chart's place.
    """
    call = "vega_lite_chart"
    if isinstance(data, Mapping) and spec is None:
        data, spec = None, data  # the spec given first, as Vega-Lite's JSON: its data inside it
    if spec is None:
        spec = {}
    check_spec(spec, call)
    copied = {str(k): v for k, v in spec.items()}
    notes = _inline_data(copied, data, call)
    copied = {k: (v if k in ("data", "datasets") else plain(v)) for k, v in copied.items()}
    return show_chart(
        place, copied, call=call, notes=notes, width=width, height=height, use_container_width=use_container_width,
        theme=theme, key=key, on_select=on_select, selection_mode=selection_mode, alt=alt,
    )


def altair_chart(
    place: Block,
    altair_chart: Any,
    *,
    width: Width | None = None,
    height: Height = "content",
    use_container_width: bool | None = None,
    theme: Theme = "streamlit",
    key: str | None = None,
    on_select: OnSelect = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Any:
    """Draw an Altair chart (https://altair-viz.github.io/): its Vega-Lite spec (``to_dict()``), drawn as
    ``vega_lite_chart`` draws one, with its data (any frame Altair takes) inline.

    ``width``, ``height``, ``use_container_width``, ``theme``, ``alt``, ``key``, ``on_select`` and
    ``selection_mode`` as for ``vega_lite_chart``: with ``on_select="rerun"`` the call returns the selections of the
    chart's ``alt.selection_point()`` and ``alt.selection_interval()`` parameters, unnamed ones under ``param_1``,
    ``param_2``... in the order the spec lists them.
    """
    call = "altair_chart"
    spec, notes = altair_spec(altair_chart, call)
    check_spec(spec, call)
    return show_chart(
        place, spec, call=call, notes=notes, width=width, height=height, use_container_width=use_container_width,
        theme=theme, key=key, on_select=on_select, selection_mode=selection_mode, alt=alt,
    )


def _builtin(
    place: Block, spec: dict[str, Any], note: str | None, call: str, width: Any, height: Any,
    use_container_width: bool | None, alt: str | None,
) -> Block:
    found: Block = show_chart(
        place, spec, call=call, notes=[note] if note else [], width=width, height=height,
        use_container_width=use_container_width, theme="streamlit", alt=alt,
    )
    return found


def line_chart(
    place: Block,
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Iterable[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    width: Width = "stretch",
    height: Height = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Block:
    """Draw a line chart of ``data`` (a frame, an array, a dict of columns, a list of records...): each ``y``
    column a line along ``x``.

    ``x`` is a column, or None for the data's index. ``y`` is a column, a list of them (a wide table: one line per
    column, named in the legend), or None for every other column. ``x_label`` and ``y_label`` title the axes (by
    default the columns' names when given). ``color``: a column whose values group the points into lines (or are the
    lines' colours), one colour for one line, or a list of colours, one per ``y`` column; a colour is a hex string
    ("#ffaa00"), an RGB(A) tuple, or "red", "orange", "yellow", "green", "blue", "violet", "gray" or "primary".
    Pointing at the chart shows the nearest point's values; the wheel zooms and dragging pans.

    ``width`` is "stretch" (the default), "content" or pixels; ``height`` "content" (350 pixels), "stretch" (as for
    ``vega_lite_chart``: the container's height, 350 pixels in one as tall as its content) or pixels;
    ``use_container_width`` (deprecated) True is ``width="stretch"``. ``alt`` describes the chart to screen
    readers. A line of many points along a continuous x is thinned before it is sent, to the rows that draw each
    pixel column's lowest and highest point (``_chart_thinning``: the same picture); other data is drawn up to
    100,000 points (a note says so). Returns the chart's place.
    """
    spec, note = builtin_spec(LINE, data, x=x, y=y, x_label=x_label, y_label=y_label, color=color)
    return _builtin(place, spec, note, "line_chart", width, height, use_container_width, alt)


def area_chart(
    place: Block,
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Iterable[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    stack: Stack = None,
    width: Width = "stretch",
    height: Height = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Block:
    """Draw an area chart of ``data``: each ``y`` column an area along ``x``; ``x``, ``y``, ``x_label``, ``y_label``,
    ``color``, ``width``, ``height``, ``use_container_width`` and ``alt`` as for ``line_chart``.

    ``stack``: None (Vega-Lite's default: stacked), True (stacked), False (overlapping), "normalize" (stacked to
    100% of the height), "center" (stacked around a centre line: a streamgraph) or "layered" (overlapping).
    """
    spec, note = builtin_spec(AREA, data, x=x, y=y, x_label=x_label, y_label=y_label, color=color, stack=stack)
    return _builtin(place, spec, note, "area_chart", width, height, use_container_width, alt)


def bar_chart(
    place: Block,
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Iterable[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    horizontal: bool = False,
    sort: bool | str = True,
    stack: Stack = None,
    width: Width = "stretch",
    height: Height = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Block:
    """Draw a bar chart of ``data``: a bar per ``x`` value for each ``y`` column; ``x``, ``y``, ``x_label``,
    ``y_label``, ``color``, ``width``, ``height``, ``use_container_width`` and ``alt`` as for ``line_chart``. The x
    axis is discrete unless it holds dates.

    ``horizontal=True`` draws the bars across, the x column up the side. ``sort``: True (the categories in order),
    False (in the data's order), or a column name, "-name" for descending. ``stack``: None or True (stacked), False
    (side by side), "layered" (overlapping), "normalize" (stacked to 100%) or "center".
    """
    kind = HORIZONTAL_BAR if horizontal else BAR
    spec, note = builtin_spec(
        kind, data, x=x, y=y, x_label=x_label, y_label=y_label, color=color, stack=stack, sort=sort
    )
    return _builtin(place, spec, note, "bar_chart", width, height, use_container_width, alt)


def scatter_chart(
    place: Block,
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Iterable[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: Any = None,
    size: str | float | None = None,
    width: Width = "stretch",
    height: Height = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Block:
    """Draw a scatter chart of ``data``: a circle per row at (``x``, ``y``); ``x``, ``y``, ``x_label``, ``y_label``,
    ``color``, ``width``, ``height``, ``use_container_width`` and ``alt`` as for ``line_chart``.

    ``size``: a column whose values size the circles (with a legend), or one size for all (a number; 100 by
    default).
    """
    spec, note = builtin_spec(SCATTER, data, x=x, y=y, x_label=x_label, y_label=y_label, color=color, size=size)
    return _builtin(place, spec, note, "scatter_chart", width, height, use_container_width, alt)


class VegaLiteChart(Protocol[Place]):
    """``vega_lite_chart`` as a script sees it: the chart's place, or its selection with ``on_select``."""

    @overload
    def __call__(
        self,
        data: Any = None,
        spec: Mapping[str, Any] | None = None,
        *,
        width: Width | None = None,
        height: Height = "content",
        use_container_width: bool | None = None,
        theme: Theme = "streamlit",
        key: str | None = None,
        on_select: Literal["ignore"] = "ignore",
        selection_mode: str | Iterable[str] | None = None,
        alt: str | None = None,
    ) -> Place: ...

    @overload
    def __call__(
        self,
        data: Any = None,
        spec: Mapping[str, Any] | None = None,
        *,
        width: Width | None = None,
        height: Height = "content",
        use_container_width: bool | None = None,
        theme: Theme = "streamlit",
        key: str | None = None,
        on_select: Literal["rerun"] | Callable[..., Any],
        selection_mode: str | Iterable[str] | None = None,
        alt: str | None = None,
    ) -> VegaLiteState: ...


class AltairChart(Protocol[Place]):
    """``altair_chart`` as a script sees it: the chart's place, or its selection with ``on_select``."""

    @overload
    def __call__(
        self,
        altair_chart: Any,
        *,
        width: Width | None = None,
        height: Height = "content",
        use_container_width: bool | None = None,
        theme: Theme = "streamlit",
        key: str | None = None,
        on_select: Literal["ignore"] = "ignore",
        selection_mode: str | Iterable[str] | None = None,
        alt: str | None = None,
    ) -> Place: ...

    @overload
    def __call__(
        self,
        altair_chart: Any,
        *,
        width: Width | None = None,
        height: Height = "content",
        use_container_width: bool | None = None,
        theme: Theme = "streamlit",
        key: str | None = None,
        on_select: Literal["rerun"] | Callable[..., Any],
        selection_mode: str | Iterable[str] | None = None,
        alt: str | None = None,
    ) -> VegaLiteState: ...

