"""``plotly_chart``: a Plotly figure drawn by plotly.js in the browser.

The wire carries the figure as plotly.js reads it (``data``, ``layout``, ``frames``: what ``plotly.io.to_json`` makes
of a figure, NumPy arrays as plotly's typed-array form) and the ``config`` the script gave. The client draws it with
the plotly.js vendored in ``webui/vendor/plotly`` (its strict build, whose WebGL traces need no ``eval``; loaded the
first time a page shows such a chart: a page without one never asks for it), so a figure given as a dict draws even
without plotly on the server.

A figure dict (or a list of traces) is validated by plotly, as Streamlit validates it
(``plotly.tools.return_figure_from_figure_or_data(..., validate_figure=True)``): an unknown property, a trace type
that does not exist or a figure without traces is the script's error, with plotly's message. Without plotly on the
server a dict is only checked for its shape and read as plain data.

With ``on_select`` the chart is a widget: clicking points, or selecting with the box or the lasso, reruns the
script, and the call returns the selection as Streamlit returns it, ``{"selection": {"points": [...],
"point_indices": [...], "box": [...], "lasso": [...]}}``, a read-only dict whose keys also read as attributes.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, Protocol, TypeVar, overload

from ..errors import PorchAPIError
from ..widgets import Codec
from ._chart_data import json_value
from ._layout import Height, Width, height_of, width_of
from ._place import Block, WidgetProps
from ._selection import ReadOnlyState, json_list, json_text_codec, plain_json, reports_selections, show_selectable

Theme = Literal["streamlit"] | None
OnSelect = Literal["ignore", "rerun"] | Callable[..., Any]
SelectionMode = Literal["points", "box", "lasso"]
Place = TypeVar("Place", covariant=True)

#: Streamlit's selection modes, in the order the props list them.
SELECTION_MODES = ("points", "box", "lasso")
#: What a figure dict holds (plotly.graph_objects.Figure's own properties).
FIGURE_KEYS = ("data", "layout", "frames")
#: plotly's message for a figure without traces (which plotly 6 and later fail to raise: the class is gone).
EMPTY_DATA = ("Empty data list found. Make sure that you populated the list of data objects you're sending and try "
              "again.")
#: The libraries whose array types a figure dict may hold, read as lists.
_ARRAY_LIBRARIES = {"numpy": "tolist", "pandas": "tolist", "polars": "to_list", "pyarrow": "to_pylist"}


class Props(WidgetProps):
    #: The figure as plotly.js reads it: ``data`` (the traces), ``layout``, and ``frames`` when it has some.
    spec: dict[str, Any]
    #: plotly.js's config (``displayModeBar``, ``scrollZoom``...), as the script gave it ({} for none).
    config: dict[str, Any]
    #: "streamlit" (the page's look, light or dark, unless the figure has a template of its own) or None (Plotly's).
    theme: str | None
    #: The selections a person can make ("points", "box", "lasso"); empty without ``on_select``.
    selection_mode: list[str]
    #: "stretch", "content" (the figure's own width, 700 px without one) or pixels.
    width: str | int
    #: "content" (the figure's own height, 450 px without one), "stretch" or pixels.
    height: str | int


class PlotlyState(ReadOnlyState):
    """What a chart with ``on_select`` returns, as Streamlit's ``PlotlyState``: a read-only dict whose keys also read
    as attributes, ``event.selection.points`` or ``event["selection"]["points"]``.

    ``selection`` holds ``points`` (a dict per selected point: ``curve_number``, ``point_number``, ``point_index``,
    ``x``, ``y`` and whatever else plotly.js tells of it, such as ``customdata``, ``marker_color``,
    ``legendgroup``), ``point_indices`` (the points' indices in their traces), ``box`` and ``lasso`` (each selected
    area: ``xref``, ``yref`` and its corners' or outline's ``x`` and ``y``). Nothing selected: empty lists."""

    refusal = "a Plotly chart's selection is read-only: it changes only in the browser"


def selection_state(
    points: list[dict[str, Any]], point_indices: list[int], box: list[dict[str, Any]], lasso: list[dict[str, Any]]
) -> PlotlyState:
    """The value a chart with selections returns."""
    return PlotlyState(
        selection=PlotlyState(points=points, point_indices=point_indices, box=box, lasso=lasso)
    )


# -- selections -------------------------------------------------------------------------------------------------------


def selection_codec(modes: list[str]) -> Codec:
    """The wire value of a chart's selection: JSON text of ``{"selection": {"points": [...], "point_indices": [...],
    "box": [...], "lasso": [...]}}`` (as Streamlit's client sends it), or null before anything was selected. A box or
    lasso the chart does not allow, points that are no dicts, indices that are no counts, areas without their
    coordinates are refused."""

    def parse(value: Any) -> PlotlyState:
        if not isinstance(value, Mapping) or set(value) - {"selection"}:
            raise ValueError("a Plotly chart's selection is {'selection': {'points': [...], 'point_indices': [...], "
                             "'box': [...], 'lasso': [...]}}")
        selection = value.get("selection", {})
        if not isinstance(selection, Mapping) or set(selection) - {"points", "point_indices", "box", "lasso"}:
            raise ValueError("a selection has only points, point_indices, box and lasso")
        points = [_point(p) for p in json_list(selection.get("points"), "points")]
        indices = json_list(selection.get("point_indices"), "point_indices")
        if not all(type(i) is int and i >= 0 for i in indices):
            raise ValueError("point_indices are the points' indices: counts from 0")
        boxes = [_area(a, "box") for a in json_list(selection.get("box"), "box")]
        lassos = [_area(a, "lasso") for a in json_list(selection.get("lasso"), "lasso")]
        if boxes and "box" not in modes:
            raise ValueError("this chart does not allow box selections")
        if lassos and "lasso" not in modes:
            raise ValueError("this chart does not allow lasso selections")
        return selection_state(points, list(dict.fromkeys(indices)), boxes, lassos)

    return json_text_codec("a Plotly chart's selection", parse, lambda: selection_state([], [], [], []))


def _point(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise ValueError("each selected point is a dict of its values")
    return {k: plain_json(v) for k, v in value.items()}


def _area(value: Any, kind: str) -> dict[str, Any]:
    """A box (two corners) or a lasso (its outline): ``xref``, ``yref`` (the axes) and the ``x`` and ``y`` lists."""
    if not isinstance(value, Mapping) or set(value) - {"xref", "yref", "x", "y"}:
        raise ValueError(f"a {kind} is {{'xref': ..., 'yref': ..., 'x': [...], 'y': [...]}}")
    xs, ys = value.get("x"), value.get("y")
    if not isinstance(xs, (list, tuple)) or not isinstance(ys, (list, tuple)) or len(xs) != len(ys):
        raise ValueError(f"a {kind}'s x and y are lists of equal length")
    if kind == "box" and len(xs) != 2:
        raise ValueError("a box has two x and two y: its corners")
    if not all(isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in [*xs, *ys]):
        raise ValueError(f"a {kind}'s coordinates are numbers (or dates and categories as text)")
    area: dict[str, Any] = {
        "xref": str(value.get("xref", "x")), "yref": str(value.get("yref", "y")),
        "x": [plain_json(v) for v in xs], "y": [plain_json(v) for v in ys],
    }
    return area


def selection_modes(selection_mode: Any, call: str) -> list[str]:
    """``selection_mode`` checked as Streamlit checks it: "points", "box" and "lasso", one or several (none: the
    chart reports nothing)."""
    if not selection_mode:
        return []
    asked = [selection_mode] if isinstance(selection_mode, str) else None
    if asked is None:
        try:
            asked = list(selection_mode)
        except TypeError:
            asked = [selection_mode]
    if not all(isinstance(m, str) and m in SELECTION_MODES for m in asked):
        raise PorchAPIError(
            f"{call}: invalid selection mode {selection_mode!r}. Valid options are: 'points', 'box' and 'lasso'."
        )
    return [m for m in SELECTION_MODES if m in asked]


# -- the figure -------------------------------------------------------------------------------------------------------


def _library(value: Any) -> str:
    return type(value).__module__.split(".")[0]


def _holds_plotly(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` is one of plotly's objects or (within two levels) a dict or list holding some."""
    if _library(value) == "plotly":
        return True
    if depth >= 2:
        return False
    if isinstance(value, Mapping):
        return any(_holds_plotly(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_plotly(v, depth + 1) for v in value)
    return False


_plotly_template: tuple[int, Any] | None = None


def _stock_template(pio: Any, go: Any) -> Any:
    """plotly's own default template ("plotly") as a figure's JSON carries it, computed once per template object."""
    global _plotly_template
    template = pio.templates["plotly"]
    if _plotly_template is None or _plotly_template[0] != id(template):
        figure = go.Figure(layout={"template": template})
        _plotly_template = (id(template), json.loads(pio.to_json(figure, validate=False))["layout"]["template"])
    return _plotly_template[1]


def plotly_spec(value: Any, theme: Any, call: str) -> dict[str, Any]:
    """A figure (plotly's objects, or a figure dict or list of traces) as plotly.js reads it, validated by plotly as
    Streamlit validates it. With
    ``theme="streamlit"`` the stock template ("plotly", which every figure gets unless it names another) is left out,
    so that the client draws in the page's look; a figure's own template stays."""
    import plotly.graph_objects as go  # the value is plotly's: plotly is installed
    import plotly.io as pio
    import plotly.tools
    from plotly.basedatatypes import BaseTraceType
    from plotly.exceptions import PlotlyError

    if isinstance(value, BaseTraceType):
        value = [value]
    elif isinstance(value, Mapping):
        value = dict(value)
    elif isinstance(value, tuple):
        value = list(value)
    try:
        figure = plotly.tools.return_figure_from_figure_or_data(value, validate_figure=True)
        spec: dict[str, Any] = json.loads(pio.to_json(figure, validate=False))
    except AttributeError as err:
        if "PlotlyEmptyDataError" not in str(err):
            raise
        # plotly 6 and later raise an error class they no longer have for a figure without traces: its message.
        raise PorchAPIError(f"{call}: {EMPTY_DATA}") from None
    except (PlotlyError, ValueError, TypeError, KeyError) as err:
        message = " ".join(str(err).split())
        message = message if len(message) <= 400 else message[:400] + "..."
        raise PorchAPIError(f"{call}: the figure does not validate: {message}") from None
    layout = spec.get("layout")
    stock = _stock_template(pio, go)
    if theme == "streamlit" and isinstance(layout, dict) and layout.get("template") == stock:
        del layout["template"]
        spec = _page_colours(spec, stock)
    return spec


def _page_colours(spec: dict[str, Any], stock: Mapping[str, Any]) -> dict[str, Any]:
    """The stock template's colours that the figure carries (``plotly.express`` writes its colorway into each trace,
    and its colour scales into the layout) as names of the page's palette, which the client reads from its CSS:
    ``var(--plotly-category-N)`` for the template's Nth colour, ``var(--plotly-ramp)`` and ``var(--plotly-diverging)``
    for its sequential and diverging scales."""
    layout = stock.get("layout") or {}
    colours = {str(c).lower(): f"var(--plotly-category-{i})" for i, c in enumerate(layout.get("colorway") or [])}
    scales = layout.get("colorscale") or {}
    named = [(scales.get(name), token) for name, token in (("sequential", "var(--plotly-ramp)"),
                                                           ("sequentialminus", "var(--plotly-ramp)"),
                                                           ("diverging", "var(--plotly-diverging)"))]

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return colours.get(value.lower(), value)
        if isinstance(value, list):
            for scale, token in named:
                if scale and value == scale:
                    return token
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return value if "bdata" in value else {k: walk(v) for k, v in value.items()}
        return value

    return {key: walk(value) for key, value in spec.items()}


def _plain(value: Any) -> Any:
    """A figure dict's values as JSON: arrays and series of NumPy, pandas, polars and pyarrow as lists, dates as ISO
    text, NaN and missing values as null (a gap, to plotly.js)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    method = _ARRAY_LIBRARIES.get(_library(value))
    if method is not None and callable(getattr(value, method, None)) and getattr(value, "ndim", 1) != 0:
        return _plain(getattr(value, method)())
    return json_value(value)


def dict_spec(value: Any, call: str) -> dict[str, Any]:
    """A figure dict (``{"data": [...], "layout": {...}, "frames": [...]}``) or a list of trace dicts, without plotly
    on the server: checked for its shape and made plain JSON."""
    if isinstance(value, (list, tuple)):
        value = {"data": list(value)}
    unknown = sorted(str(k) for k in value if k not in FIGURE_KEYS)
    if unknown:
        raise PorchAPIError(
            f"{call}: a figure dict has 'data' (the traces), 'layout' and 'frames', not {unknown}"
        )
    data = value.get("data")
    data = [] if data is None else [data] if isinstance(data, Mapping) else data
    if not isinstance(data, (list, tuple)) or not all(isinstance(trace, Mapping) for trace in data):
        raise PorchAPIError(f"{call}: a figure's 'data' is a list of traces, each a dict such as "
                            "{'type': 'scatter', 'x': [...], 'y': [...]}")
    for trace in data:
        if not isinstance(trace.get("type", "scatter"), str):
            raise PorchAPIError(f"{call}: a trace's 'type' is the name of a trace type ('scatter', 'bar'...)")
    layout = value.get("layout")
    if layout is not None and not isinstance(layout, Mapping):
        raise PorchAPIError(f"{call}: a figure's 'layout' is a dict")
    frames = value.get("frames")
    if frames is not None and not (isinstance(frames, (list, tuple)) and all(isinstance(f, Mapping) for f in frames)):
        raise PorchAPIError(f"{call}: a figure's 'frames' is a list of dicts")
    spec: dict[str, Any] = {"data": _plain(list(data)), "layout": _plain(layout or {})}
    if frames:
        spec["frames"] = _plain(list(frames))
    return spec


def plotly_installed() -> bool:
    """Whether the server has plotly, which validates figure dicts (and ships the plotly.js that draws them)."""
    return importlib.util.find_spec("plotly") is not None


def figure_spec(value: Any, theme: Any, call: str) -> dict[str, Any]:
    """What a script gave as the figure plotly.js draws."""
    if _holds_plotly(value) or (isinstance(value, (Mapping, list, tuple)) and plotly_installed()):
        return plotly_spec(value, theme, call)
    if _library(value) == "matplotlib":
        raise PorchAPIError(
            f"{call}: Matplotlib figures are not converted to Plotly (Streamlit dropped it too): show it with "
            "pyplot(fig), or draw it with Plotly"
        )
    if isinstance(value, (Mapping, list, tuple)):
        return dict_spec(value, call)
    raise PorchAPIError(
        f"{call}: expected a Plotly figure (plotly.graph_objects.Figure, a plotly.express chart), a figure dict "
        f"{{'data': [...], 'layout': {{...}}}} or a list of traces, not {type(value).__module__}."
        f"{type(value).__qualname__}"
    )


# -- showing it -------------------------------------------------------------------------------------------------------


def plotly_chart(
    place: Block,
    figure_or_data: Any,
    use_container_width: bool | None = None,
    *,
    width: Width = "stretch",
    height: Height = "content",
    theme: Theme = "streamlit",
    key: str | None = None,
    on_select: OnSelect = "ignore",
    selection_mode: SelectionMode | Iterable[SelectionMode] = ("points", "box", "lasso"),
    config: Mapping[str, Any] | None = None,
    alt: str | None = None,
) -> Any:
    """Draw an interactive Plotly chart (https://plotly.com/python/): it zooms, pans, and tells the values under the
    pointer, drawn by plotly.js in the page (nothing is fetched from the internet; WebGL traces draw with WebGL).

    ``figure_or_data`` is a Plotly figure (``plotly.graph_objects.Figure``, a ``plotly.express`` chart), a figure as
    a dict (``{"data": [traces], "layout": {...}, "frames": [...]}``, its arrays may be NumPy or pandas ones) or a
    list of traces. Each is validated by Plotly first, as Streamlit does (an unknown property or trace type is an
    error, with Plotly's message); what plotly.js cannot draw is said in the chart's place. Matplotlib figures are not
    converted.

    ``width`` is "stretch" (the container's width, the default), "content" (the figure's own ``layout.width``, 700
    pixels without one) or pixels; ``height`` is "content" (the figure's ``layout.height``, 450 pixels without one),
    "stretch" (what the container leaves, shared with other stretched elements; in a container as tall as its content,
    the figure's own height) or pixels. ``use_container_width`` (deprecated) True is
    ``width="stretch"``, False is "content". ``theme="streamlit"`` draws the chart in the page's look, light or dark
    (its fonts, colours and grid), unless the figure chose a template of its own; None draws Plotly's own look.
    ``config`` is plotly.js's configuration (``{"displayModeBar": False}``, ``{"scrollZoom": True}``...). ``alt``
    describes the chart to screen readers.

    ``on_select="rerun"`` (or a function, called first) makes the chart a widget: clicking points (shift adds more),
    dragging a box or a lasso reruns the script, and the call returns the selection, ``{"selection": {"points":
    [...], "point_indices": [...], "box": [...], "lasso": [...]}}``, which also reads as attributes
    (``event.selection.points``); a double click clears it. ``selection_mode`` is one or more of "points", "box" and
    "lasso" (the modes offered); ``key`` identifies the chart, and with one the selection is also
    ``session_state[key]`` (read-only). Without ``on_select`` (``"ignore"``) the call returns the chart's place.
    """
    call = "plotly_chart"
    if theme not in ("streamlit", None):
        raise PorchAPIError(
            f"{call}: theme must be 'streamlit' or None (Plotly's own look), not {theme!r}"
        )
    selecting = reports_selections(on_select, call)
    if use_container_width is True:
        width = "stretch"
    elif use_container_width is False and not (isinstance(width, int) and not isinstance(width, bool)):
        width = "content"
    chart_width = width_of(width, call)
    chart_height = height_of(height, call)
    if config is not None and not isinstance(config, Mapping):
        raise PorchAPIError(f"{call}: config is a dict of plotly.js's options, not {type(config).__name__}")
    spec = figure_spec(figure_or_data, theme, call)
    modes = selection_modes(selection_mode, call) if selecting else []
    props = {
        "spec": spec,
        "config": _plain(dict(config or {})),
        "theme": theme,
        "selection_mode": modes,
        "width": chart_width,
        "height": chart_height,
    }
    return show_selectable(
        place, "plotly_chart", "" if alt is None else str(alt), props,
        codec=selection_codec(modes) if selecting else None,
        identity=[spec, props["config"], modes, theme, chart_width], key=key, on_select=on_select,
    )


class PlotlyChart(Protocol[Place]):
    """``plotly_chart`` as a script sees it: the chart's place, or its selection with ``on_select``."""

    @overload
    def __call__(
        self,
        figure_or_data: Any,
        use_container_width: bool | None = None,
        *,
        width: Width = "stretch",
        height: Height = "content",
        theme: Theme = "streamlit",
        key: str | None = None,
        on_select: Literal["ignore"] = "ignore",
        selection_mode: SelectionMode | Iterable[SelectionMode] = ("points", "box", "lasso"),
        config: Mapping[str, Any] | None = None,
        alt: str | None = None,
    ) -> Place: ...

    @overload
    def __call__(
        self,
        figure_or_data: Any,
        use_container_width: bool | None = None,
        *,
        width: Width = "stretch",
        height: Height = "content",
        theme: Theme = "streamlit",
        key: str | None = None,
        on_select: Literal["rerun"] | Callable[..., Any],
        selection_mode: SelectionMode | Iterable[SelectionMode] = ("points", "box", "lasso"),
        config: Mapping[str, Any] | None = None,
        alt: str | None = None,
    ) -> PlotlyState: ...
