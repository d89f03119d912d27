"""``map`` and ``pydeck_chart``: layers drawn by deck.gl in the browser, one wire kind (``deck_gl_chart``) for both, as
both are Streamlit's ``DeckGlJsonChart``.

The wire carries the deck as pydeck's JSON describes it (``spec``: ``initialViewState``, ``layers`` with their
``@@type`` class names and ``@@=`` accessor expressions, ``views``...). The client reads it with deck.gl's JSON
converter, which parses the expressions with its own parser (nothing is compiled with ``eval``), and draws it with
deck.gl (``webui/vendor/deckgl``, loaded the first time a page shows a map: a page without one never asks for it).
``map`` writes that JSON itself: one ScatterplotLayer of the data's points, the view fitted to them. Porch imports
pydeck only for a value that is one of its objects (it made it, so it is installed).

The page fetches nothing from the internet: the base map under the layers comes from the app's own origin. Carto's
styles (Streamlit's default map, light or dark as the page's scheme is; pydeck's light, dark and road, with or
without labels) and Mapbox styles (with the engine's Mapbox token, which stays on the server) are fetched by the
engine and served at ``_porch/basemap/`` (``porch.basemap``, ``porch.http.basemap``); the element carries the URL
templates (``tiles``, ``dark_tiles``). A style it cannot serve (a Google map, a style given as a dict), or any style
when the ``map_tiles`` setting is off, is drawn as a plain background, and one line under the map says why. An app
that serves raster tiles itself, on its own origin, names them as the Deck's ``map_style``, a URL template such as
``"/tiles/{z}/{x}/{y}.png"``, and they are drawn under its layers.

With ``on_select`` a ``pydeck_chart`` is a widget: clicking an object of a pickable layer reruns the script, and the
call returns Streamlit's selection, ``{"selection": {"indices": {layer_id: [...]}, "objects": {layer_id: [...]}}}``,
a read-only dict whose keys also read as attributes.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Literal, Protocol, TypeVar, overload

from .. import basemap
from ..context import current_run
from ..errors import PorchAPIError
from ..widgets import Codec
from ._chart_data import Table, json_value, max_points, records, table_of, truncation_note
from ._layout import height_of, width_of
from ._place import Block, WidgetProps
from ._selection import ReadOnlyState, json_text_codec, plain_json, reports_selections, show_selectable

Width = int | Literal["stretch"]
Height = int | Literal["stretch"]
SelectionMode = Literal["single-object", "multi-object"]
OnSelect = Literal["ignore", "rerun"] | Callable[..., Any]
Place = TypeVar("Place", covariant=True)

#: The line under a map whose base map the engine does not serve (``{style}``: the deck's ``map_style``).
UNSERVED_NOTE = ("Porch cannot draw this base map ({style}): it serves Carto's light, dark and road styles, and "
                 "Mapbox styles with a Mapbox token; the layers are drawn without it.")
#: The line under a map when the engine fetches no tiles.
TILES_OFF_NOTE = "Base maps are turned off (the map_tiles setting); the layers are drawn without one."
#: The line under a map of a Mapbox style when the engine has no Mapbox token.
MAPBOX_NOTE = ("A Mapbox base map needs a Mapbox token on the server (mapbox.token in .streamlit/config.toml, or "
               "PORCH_MAPBOX_TOKEN); the layers are drawn without it.")
#: The view of a map without data (Streamlit's ``EMPTY_MAP``).
EMPTY_VIEW: dict[str, Any] = {"latitude": 0, "longitude": 0, "pitch": 0, "zoom": 1}
#: The columns ``map`` takes for coordinates when it is told none, in the order it looks for them.
LATITUDES = ("lat", "latitude", "LAT", "LATITUDE")
LONGITUDES = ("lon", "longitude", "LON", "LONGITUDE")
#: A point's radius in meters, and its colour (the page's accent, a little transparent), when the script gives none.
DEFAULT_SIZE = 100
DEFAULT_COLOR = [79, 70, 229, 200]
#: The zoom of a map whose points are (nearly) all at one place.
DEFAULT_ZOOM = 12
#: How many degrees of longitude a map shows whole at each zoom level (OpenStreetMap's table), level 0 first.
ZOOM_SPANS = (360, 180, 90, 45, 22.5, 11.25, 5.625, 2.813, 1.406, 0.703, 0.352, 0.176, 0.088, 0.044, 0.022, 0.011,
              0.005, 0.003, 0.001, 0.0005, 0.00025)
#: Streamlit's selection modes.
SELECTION_MODES = ("single-object", "multi-object")
#: What a change to a map's selection is told.
MAP_REFUSAL = "a map's selection is read-only: it changes only in the browser"
#: View classes that draw the earth (a base map would be under them); other views (orbit, orthographic, first person)
#: draw a scene of their own.
_GEO_VIEWS = ("MapView", "_GlobeView", "GlobeView")
#: A name deck.gl's expressions read as a field of the row: an identifier (others are renamed in ``map``'s rows).
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_RESERVED = frozenset({"this", "true", "false", "null", "undefined", "typeof", "in", "new", "void"})
#: A URL with a scheme (``https:``, ``mapbox:``, ``data:``) or a host (``//host``): not the app's own path.
_ELSEWHERE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")


class Props(WidgetProps):
    #: The deck as pydeck's JSON describes it: ``initialViewState``, ``layers`` (``@@type``, ``@@=`` accessors),
    #: ``views``, ``mapStyle``...
    spec: dict[str, Any]
    #: pydeck's ``tooltip`` dict (``html`` or ``text`` with ``{field}`` names, ``style``), or None for none.
    tooltip: dict[str, Any] | None
    #: A raster tile URL template on the app's own origin drawn as the base map (the engine's
    #: ``_porch/basemap/light/{z}/{x}/{y}.png``, or the app's own ``/tiles/{z}/{x}/{y}.png``), else None (none).
    tiles: str | None
    #: The template drawn instead while the page's colour scheme is dark (a map that follows the scheme, as
    #: Streamlit's default one), else None.
    dark_tiles: str | None
    #: The tiles' attribution, shown under the map while they are drawn (the engine's tiles only).
    attribution: str | None
    #: "single-object" or "multi-object" with ``on_select``; None: the chart is not a widget.
    selection_mode: str | None
    #: "stretch" or pixels (never wider than the container).
    width: str | int
    #: Pixels (500 by default) or "stretch".
    height: str | int
    #: One line under the map: why no base map is drawn (and what part of the data is drawn), else None.
    note: str | None


# -- the selection ----------------------------------------------------------------------------------------------------


class PydeckSelectionState(ReadOnlyState):
    """What is selected, as Streamlit's: ``indices`` (layer id -> the selected objects' positions in the layer's
    data) and ``objects`` (layer id -> those objects, as the layer picked them: a row of its data, or an aggregated
    cell of a HexagonLayer...)."""

    refusal = MAP_REFUSAL


class PydeckState(ReadOnlyState):
    """What a ``pydeck_chart`` with ``on_select`` returns, as Streamlit's ``PydeckState``: ``selection``, a
    :class:`PydeckSelectionState`. Read-only; ``event.selection.indices`` or ``event["selection"]["indices"]``."""

    refusal = MAP_REFUSAL


def selection_state(indices: dict[str, list[int]], objects: dict[str, list[Any]]) -> PydeckState:
    """The value a chart with selections returns."""
    return PydeckState(selection=PydeckSelectionState(indices=indices, objects=objects))


def selection_codec(mode: str, layers: frozenset[str]) -> Codec:
    """The wire value of a chart's selection: JSON text of ``{"selection": {"indices": {...}, "objects": {...}}}`` (as
    Streamlit's client sends it), or null before anything was selected. A layer the chart does not have, positions
    that are no counts, objects that do not match them, more than one object in "single-object" mode are refused."""

    def parse(value: Any) -> PydeckState:
        if not isinstance(value, Mapping) or set(value) - {"selection"}:
            raise ValueError("a map's selection is {'selection': {'indices': {...}, 'objects': {...}}}")
        selection = value.get("selection", {})
        if not isinstance(selection, Mapping) or set(selection) - {"indices", "objects"}:
            raise ValueError("a selection has only indices and objects")
        indices, objects = selection.get("indices") or {}, selection.get("objects") or {}
        if not isinstance(indices, Mapping) or not isinstance(objects, Mapping):
            raise ValueError("indices and objects are dicts by layer id")
        if set(objects) - set(indices):
            raise ValueError("objects are given only for layers with indices")
        kept_indices: dict[str, list[int]] = {}
        kept_objects: dict[str, list[Any]] = {}
        for layer, positions in indices.items():
            if not isinstance(layer, str) or layer not in layers:
                raise ValueError(f"this chart has no layer {layer!r}")
            if not isinstance(positions, (list, tuple)) or not all(type(i) is int and i >= 0 for i in positions):
                raise ValueError("a layer's indices are the positions of its objects: counts from 0")
            if len(set(positions)) != len(positions):
                raise ValueError("a layer's indices name each object once")
            found = objects.get(layer, [None] * len(positions))
            if not isinstance(found, (list, tuple)) or len(found) != len(positions):
                raise ValueError("a layer's objects match its indices, one for each")
            if positions:
                kept_indices[layer] = list(positions)
                kept_objects[layer] = [plain_json(o) for o in found]
        if mode == "single-object" and sum(len(p) for p in kept_indices.values()) > 1:
            raise ValueError("this chart selects a single object")
        return selection_state(kept_indices, kept_objects)

    return json_text_codec("a map's selection", parse, lambda: selection_state({}, {}))


def selection_mode_of(selection_mode: Any, call: str) -> str:
    """``selection_mode`` checked as Streamlit checks it: one of "single-object" and "multi-object"."""
    if isinstance(selection_mode, str) and selection_mode in SELECTION_MODES:
        return selection_mode
    if not isinstance(selection_mode, str):
        raise PorchAPIError(f"{call}: selection_mode is one mode, 'single-object' or 'multi-object', not a "
                            f"collection ({selection_mode!r})")
    raise PorchAPIError(f"{call}: selection_mode must be 'single-object' or 'multi-object', not {selection_mode!r}")


# -- the deck's JSON --------------------------------------------------------------------------------------------------


def _finite(value: Any) -> Any:
    """JSON as the wire takes it: NaN and infinities (which pydeck's JSON may hold) as null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def _is_pydeck(value: Any) -> bool:
    return type(value).__module__.split(".")[0] == "pydeck" and callable(getattr(value, "to_json", None))


@contextmanager
def _layers_as_rows(deck: Any, call: str) -> Iterator[None]:
    """Layers whose data is a frame pydeck cannot write as JSON (polars, pyarrow, NumPy...) given it as rows, read
    through ``_frames`` (each library by its own methods), for as long as the deck is written; then as they were."""
    swapped: list[tuple[Any, Any]] = []
    try:
        for layer in list(getattr(deck, "layers", None) or []):
            data = getattr(layer, "_data", None)
            if data is None or isinstance(data, (list, dict, str, bytes)):
                continue
            module = type(data).__module__.split(".")[0]
            if module not in ("pandas", "polars", "pyarrow", "numpy") and not any(
                hasattr(data, name) for name in ("__dataframe__", "to_arrow", "to_pandas")
            ):
                continue
            table = table_of(data, call)
            swapped.append((layer, data))
            layer._data = records(table, list(table.columns), limit=len(table))
        yield
    finally:
        for layer, data in swapped:
            layer._data = data


def pydeck_spec(deck: Any, call: str) -> dict[str, Any]:
    """A pydeck ``Deck`` as its JSON (``Deck.to_json()``), its data rows inline."""
    try:
        with _layers_as_rows(deck, call):
            text = deck.to_json()
        spec = json.loads(text)
    except PorchAPIError:
        raise
    except (TypeError, ValueError, AttributeError, RecursionError) as err:
        message = " ".join(str(err).split())[:400]
        raise PorchAPIError(f"{call}: pydeck could not write this Deck as JSON: {message}") from None
    if not isinstance(spec, dict):
        raise PorchAPIError(f"{call}: pydeck wrote this Deck as {type(spec).__name__}, not as a JSON object")
    finite: dict[str, Any] = _finite(spec)
    return finite


def tooltip_of(deck: Any) -> dict[str, Any] | None:
    """pydeck's ``tooltip`` when it is a dict (``html`` or ``text``, ``style``), as Streamlit takes it; True (pydeck's
    default) and False show none."""
    widget = getattr(deck, "deck_widget", None)
    found = getattr(widget, "tooltip", None) if widget is not None else None
    if not isinstance(found, Mapping):
        found = getattr(deck, "_tooltip", None)
    if not isinstance(found, Mapping):
        return None
    tooltip = {str(k): json_value(v) for k, v in found.items() if k in ("html", "text", "style")}
    return tooltip or None


def own_tiles(spec: Mapping[str, Any]) -> str | None:
    """The base map's tiles when the app serves them on its own origin: a ``map_style`` that is a URL template with
    ``{z}``, ``{x}`` and ``{y}`` and neither a scheme nor a host. A map service's style (Carto, Mapbox, Google) is
    None: the page cannot load it from there (the engine serves those it can: :func:`base_map`)."""
    style = spec.get("mapStyle")
    if not isinstance(style, str) or _ELSEWHERE.match(style.strip()):
        return None
    if all(part in style for part in ("{z}", "{x}", "{y}")):
        return style.strip()
    return None


def base_map(spec: Mapping[str, Any]) -> tuple[dict[str, str | None], str | None]:
    """The base map's props (``tiles``, ``dark_tiles``, ``attribution``) and the note of a map without one: the
    app's own tiles; else the engine's tiles of the style the deck names, when the engine serves it (its options
    say whether it fetches tiles at all, and whether it has a Mapbox token); else none, and why."""
    none: dict[str, str | None] = {"tiles": None, "dark_tiles": None, "attribution": None}
    own = own_tiles(spec)
    if own is not None:
        return {**none, "tiles": own}, None
    if not geographic(spec):
        return none, None
    wanted = basemap.wanted(spec)
    if wanted is None:
        return none, None
    if isinstance(wanted, str):
        return none, UNSERVED_NOTE.format(style=wanted[:200])
    run = current_run.get()
    options = run.session.options if run is not None else {}
    if not options.get(basemap.MAP_TILES_OPTION, True):
        return none, TILES_OFF_NOTE
    if wanted.mapbox and not options.get("mapbox.token"):
        return none, MAPBOX_NOTE
    return {
        "tiles": basemap.template(wanted.light),
        "dark_tiles": basemap.template(wanted.dark) if wanted.dark != wanted.light else None,
        "attribution": basemap.MAPBOX_ATTRIBUTION if wanted.mapbox else basemap.CARTO_ATTRIBUTION,
    }, None


def geographic(spec: Mapping[str, Any]) -> bool:
    """Whether the deck draws the earth (a map view, or no views: deck.gl's default), where a base map would be."""
    views = spec.get("views")
    if not isinstance(views, list) or not views:
        return True
    return any(isinstance(v, Mapping) and v.get("@@type") in _GEO_VIEWS for v in views)


def layer_ids(spec: Mapping[str, Any]) -> frozenset[str]:
    """The ids of the deck's layers as a selection names them (``str(id)``; "null" for a layer without one)."""
    layers = spec.get("layers")
    found = set()
    for layer in layers if isinstance(layers, list) else []:
        if isinstance(layer, Mapping):
            found.add("null" if layer.get("id") in (None, "") else str(layer.get("id")))
    return frozenset(found)


# -- map's JSON -------------------------------------------------------------------------------------------------------


def _columns_text(table: Table) -> str:
    return ", ".join(repr(name) for name in table.columns) or "none"


def _number(value: Any) -> float | None:
    """A number a coordinate or a size may be (None when it is none)."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if type(value).__module__ == "numpy" and hasattr(value, "dtype") and value.dtype.kind in "iuf":
        return float(value.item())
    return None


def _missing(value: Any) -> bool:
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    number = _number(value)
    return number is not None and math.isnan(number)


def _coordinates(table: Table, what: str, given: Any, defaults: tuple[str, ...], call: str) -> tuple[str, list[float]]:
    """The column of latitudes or longitudes (the one named if the data has it, else the first of ``defaults`` the
    data has, as Streamlit falls back), each value a number (a latitude past ±90 is drawn where deck.gl puts it, as
    in Streamlit)."""
    if isinstance(given, str) and given in table.columns:
        name = given
    else:
        found = next((c for c in defaults if c in table.columns), None)
        if found is None:
            named = "" if given is None else f"{what}={given!r} is not a column of the data, and "
            raise PorchAPIError(
                f"{call}: {named}the data has no {what} column. Name it one of {', '.join(repr(d) for d in defaults)},"
                f" or say which it is with {what}=...; its columns are {_columns_text(table)}"
            )
        name = found
    values: list[float] = []
    for row, value in enumerate(table.columns[name]):
        if _missing(value):
            raise PorchAPIError(
                f"{call}: column {name!r} has a missing value (None, NaN...) in row {row}: every point needs a {what}"
            )
        number = _number(value)
        if number is None or not math.isfinite(number):
            raise PorchAPIError(f"{call}: column {name!r} holds {value!r} in row {row}, not a {what} in degrees")
        values.append(number)
    return name, values


def color_of(value: Any) -> list[int] | None:
    """A colour as deck.gl takes it, ``[r, g, b, a]`` (ints 0-255), from a hex text (``#rgb``, ``#rgba``,
    ``#rrggbb``, ``#rrggbbaa``) or an RGB(A) tuple or list (ints 0-255, floats 0.0-1.0, each clamped as Streamlit
    clamps them); None for anything else."""
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})", text):
            return None
        digits = text[1:]
        if len(digits) <= 4:
            digits = "".join(2 * d for d in digits)
        parts = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        return parts + [255] * (4 - len(parts))
    if hasattr(value, "tolist") and type(value).__module__ == "numpy":
        value = value.tolist()
    if not isinstance(value, (list, tuple)) or len(value) not in (3, 4):
        return None
    parts = []
    for component in value:
        if isinstance(component, bool):
            return None
        if type(component).__module__ == "numpy" and hasattr(component, "item"):
            component = component.item()
        if isinstance(component, float):
            if not math.isfinite(component):
                return None
            component = int(component * 255)
        if not isinstance(component, int):
            return None
        parts.append(min(255, max(component, 0)))
    return parts + [255] * (4 - len(parts))


def zoom_for(span: float) -> int:
    """The zoom at which ``span`` degrees fit in the map (OpenStreetMap's levels), or :data:`DEFAULT_ZOOM` for points
    (nearly) at one place."""
    for level in range(len(ZOOM_SPANS) - 1):
        if ZOOM_SPANS[level + 1] < span <= ZOOM_SPANS[level]:
            return level
    return DEFAULT_ZOOM


def _field(name: str, taken: set[str]) -> str:
    """The name a column has in the rows a map sends: its own when deck.gl's expressions read it as a field, else
    one made of its letters."""
    if _IDENTIFIER.fullmatch(name) and name not in _RESERVED:
        return name
    base = "_" + re.sub(r"[^A-Za-z0-9_$]", "_", name)
    field, n = base, 1
    while field in taken:
        n += 1
        field = f"{base}_{n}"
    return field


def map_spec(
    data: Any, latitude: Any, longitude: Any, color: Any, size: Any, zoom: Any, call: str
) -> tuple[dict[str, Any], str | None]:
    """The deck ``map`` draws, as pydeck's JSON: a ScatterplotLayer of the data's points in a view fitted to them;
    and the note of a map that draws only the first ``max_points()`` (the session's ``max_chart_points``)."""
    if zoom is not None and (_number(zoom) is None or not 0 <= float(zoom) <= 24):
        raise PorchAPIError(f"{call}: zoom must be a zoom level from 0 (the whole earth) to 24, not {zoom!r}")
    table = table_of(data, call)
    if len(table) == 0:
        view: dict[str, Any] = dict(EMPTY_VIEW)
        if zoom is not None:
            view["zoom"] = float(zoom) if not float(zoom).is_integer() else int(float(zoom))
        return {"initialViewState": view}, None
    lat_name, lats = _coordinates(table, "latitude", latitude, LATITUDES, call)
    lon_name, lons = _coordinates(table, "longitude", longitude, LONGITUDES, call)
    used = [lat_name, lon_name]
    radius: Any = DEFAULT_SIZE
    size_name: str | None = None
    if isinstance(size, str):
        if size not in table.columns:
            raise PorchAPIError(
                f"{call}: size={size!r} is not a column of the data (its columns are {_columns_text(table)}); give a "
                "column's name or a radius in meters"
            )
        size_name = size
        for row, value in enumerate(table.columns[size]):
            if not _missing(value) and _number(value) is None:
                raise PorchAPIError(f"{call}: column {size!r} holds {value!r} in row {row}, not a radius in meters")
        used.append(size)
    elif size is not None:
        number = _number(size)
        if number is None or not math.isfinite(number) or number < 0:
            raise PorchAPIError(
                f"{call}: size must be a radius in meters (a number from 0) or a column's name, not {size!r}"
            )
        radius = size if isinstance(size, (int, float)) else number
    fill: Any = DEFAULT_COLOR
    color_name: str | None = None
    colors: list[list[int]] = []
    if isinstance(color, str) and color in table.columns:
        color_name = color
        for row, value in enumerate(table.columns[color]):
            found = color_of(value)
            if found is None:
                raise PorchAPIError(
                    f"{call}: column {color!r} does not hold colours: row {row} is {value!r} (a colour is a hex text "
                    "such as '#ffaa00' or an RGB(A) tuple)"
                )
            colors.append(found)
        used.append(color)
    elif color is not None:
        found = color_of(color)
        if found is None:
            raise PorchAPIError(
                f"{call}: color={color!r} is neither a column of the data nor a colour: give a hex colour ('#ffaa00', "
                "'#ffaa0088'), an RGB or RGBA tuple (ints 0-255 or floats 0.0-1.0), or a column's name"
            )
        fill = found
    names = sorted(dict.fromkeys(used))
    taken: set[str] = set()
    fields: dict[str, str] = {}
    for name in names:
        fields[name] = _field(name, taken)
        taken.add(fields[name])
    count = min(len(table), max_points())
    rows: list[dict[str, Any]] = []
    for row in range(count):
        record: dict[str, Any] = {}
        for name in names:
            if name == lat_name:
                record[fields[name]] = lats[row]
            elif name == lon_name:
                record[fields[name]] = lons[row]
            elif name == color_name:
                record[fields[name]] = colors[row]
            else:
                record[fields[name]] = json_value(table.columns[name][row])
        rows.append(record)
    if color_name is not None:
        fill = f"@@={fields[color_name]}"
    if size_name is not None:
        radius = f"@@={fields[size_name]}"
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    level = zoom_for(max(north - south, east - west)) if zoom is None else zoom
    layer = {
        "@@type": "ScatterplotLayer",
        "getPosition": f"@@=[{fields[lon_name]}, {fields[lat_name]}]",
        "getRadius": radius,
        "radiusMinPixels": 3,
        "radiusUnits": "meters",
        "getFillColor": fill,
        "data": rows,
    }
    centre: dict[str, Any] = {
        "latitude": (north + south) / 2, "longitude": (east + west) / 2, "pitch": 0, "zoom": level,
    }
    return {"initialViewState": centre, "layers": [layer]}, truncation_note(count, len(table))


# -- showing it -------------------------------------------------------------------------------------------------------


def _dims(width: Any, height: Any, use_container_width: bool | None, call: str) -> tuple[str | int, str | int]:
    if use_container_width is True:
        width = "stretch"
    return width_of(width, call, keywords=("stretch",)), height_of(height, call, keywords=("stretch",))


def _show(
    place: Block, spec: dict[str, Any], *, call: str, tooltip: dict[str, Any] | None, width: str | int,
    height: str | int, alt: Any, notes: list[str | None], key: Any = None, on_select: Any = "ignore",
    selection_mode: Any = "single-object",
) -> Any:
    tiles, why = base_map(spec)
    notes = [why, *notes]
    selecting = reports_selections(on_select, call)
    mode = selection_mode_of(selection_mode, call) if selecting else None
    props = {
        "spec": spec,
        "tooltip": tooltip,
        **tiles,
        "selection_mode": mode,
        "width": width,
        "height": height,
        "note": " ".join(n for n in notes if n) or None,
    }
    return show_selectable(
        place, "deck_gl_chart", "" if alt is None else str(alt), props,
        codec=selection_codec(str(mode), layer_ids(spec)) if selecting else None, identity=[spec, mode, width],
        key=key, on_select=on_select, version=mode,
    )


def pydeck_chart(
    place: Block,
    pydeck_obj: Any = None,
    *,
    width: Width = "stretch",
    use_container_width: bool | None = None,
    height: Height = 500,
    selection_mode: SelectionMode = "single-object",
    on_select: OnSelect = "ignore",
    key: str | None = None,
    alt: str | None = None,
) -> Any:
    """Draw a pydeck chart (https://deckgl.readthedocs.io): deck.gl's layers (scatter plots, hexagon bins, arcs,
    paths, polygons, GeoJSON, 3D columns, text...) in the browser, which zoom, pan and tilt.

    ``pydeck_obj`` is a ``pydeck.Deck``; None draws an empty map. Its layers, view and ``tooltip`` (a dict with
    ``html`` or ``text`` naming fields as ``{field}``) are drawn as pydeck describes them, by the deck.gl that Porch
    ships (nothing is fetched from the internet). A layer's data may be a pandas, polars or pyarrow frame, a NumPy
    array or a list of dicts.

    The base map under the layers (pydeck's ``map_style`` and ``map_provider``) is fetched by the server and drawn
    from the app's own origin: Carto's styles (pydeck's default dark one, "light", "road", "dark_no_labels",
    "light_no_labels"; ``map_style=None`` is light or dark as the page's scheme is, as in Streamlit) and Mapbox styles
    (``mapbox://styles/...``) when the server has a Mapbox token (Streamlit's ``mapbox.token``; it never reaches the
    page). A style the server cannot serve (Google's, satellite, a dict), or any with the ``map_tiles`` setting off,
    leaves the layers on a plain background, and one line under the chart says why; ``map_provider=None`` draws none.
    An app that serves raster tiles on its own origin names them as ``map_style``, a URL template such as
    ``"/tiles/{z}/{x}/{y}.png"``, and they are drawn under the layers.

    ``width`` is "stretch" (the container's width, the default) or pixels; ``height`` pixels (500) or "stretch".
    ``use_container_width`` (deprecated) True is ``width="stretch"``. ``alt`` describes the chart to screen readers.

    ``on_select="rerun"`` (or a function, called first) makes the chart a widget: clicking an object of a pickable
    layer (all layers are made pickable when none says) reruns the script, and the call returns the selection,
    ``{"selection": {"indices": {layer_id: [...]}, "objects": {layer_id: [...]}}}``, which also reads as attributes
    (``event.selection.objects``). ``selection_mode`` is "single-object" (a click selects one object, another click
    on it or on nothing clears it) or "multi-object" (each click adds or removes one). Give each layer an ``id``: a
    layer without one gets a new id from pydeck each run, and its selection is lost. ``key`` identifies the chart;
    with one the selection is also ``session_state[key]`` (read-only). Without ``on_select`` (``"ignore"``) the
    call returns the chart's place.
    """
    call = "pydeck_chart"
    reports_selections(on_select, call)  # checked first, before the deck is read
    chart_width, chart_height = _dims(width, height, use_container_width, call)
    if pydeck_obj is None:
        spec: dict[str, Any] = {"initialViewState": dict(EMPTY_VIEW)}
        tooltip = None
    elif _is_pydeck(pydeck_obj):
        spec = pydeck_spec(pydeck_obj, call)
        tooltip = tooltip_of(pydeck_obj)
    else:
        raise PorchAPIError(
            f"{call}: expected a pydeck.Deck (or None), not {type(pydeck_obj).__module__}."
            f"{type(pydeck_obj).__qualname__}"
        )
    return _show(
        place, spec, call=call, tooltip=tooltip, width=chart_width, height=chart_height, alt=alt, notes=[],
        key=key, on_select=on_select, selection_mode=selection_mode,
    )


def map(
    place: Block,
    data: Any = None,
    *,
    latitude: str | None = None,
    longitude: str | None = None,
    color: Any = None,
    size: Any = None,
    zoom: int | None = None,
    width: Width = "stretch",
    height: Height = 500,
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Block:
    """Draw points on a map: a circle at each row's latitude and longitude, the view centred on them and zoomed to
    fit them (a shortcut for a ``pydeck_chart`` with a ScatterplotLayer).

    ``data`` is anything ``dataframe`` takes: a pandas, polars or pyarrow frame, a NumPy array, a dict of columns, a
    list of dicts... ``latitude`` and ``longitude`` name its coordinate columns; without them the columns named
    "lat", "latitude", "LAT" or "LATITUDE", and "lon", "longitude", "LON" or "LONGITUDE" are used. Every row needs
    both, in degrees.

    ``color`` is one colour for every point (a hex text such as "#ffaa00" or "#ffaa0088", or an RGB(A) tuple of ints
    0-255 or floats 0.0-1.0) or the name of a column holding a colour per row; ``size`` is each circle's radius in
    meters (100 by default; at least 3 pixels are drawn) or the name of a column of radii. ``zoom`` is the zoom level
    (0 shows the whole earth, 20 a building); None fits the points.

    The base map under the points is Carto's light or dark map, as the page's colour scheme is (Streamlit's), which
    the server fetches and serves from the app's own origin; with the ``map_tiles`` setting off, or when its tiles
    cannot be loaded, the points are drawn on a plain background and one line under the map says so. At most
    100,000 points are drawn (the map says when there are more).

    ``width`` is "stretch" (the container's width, the default) or pixels; ``height`` pixels (500) or "stretch".
    ``use_container_width`` (deprecated) True is ``width="stretch"``. ``alt`` describes the map to screen readers.
    """
    call = "map"
    chart_width, chart_height = _dims(width, height, use_container_width, call)
    spec, note = map_spec(data, latitude, longitude, color, size, zoom, call)
    shown: Block = _show(place, spec, call=call, tooltip=None, width=chart_width, height=chart_height, alt=alt,
                         notes=[note])
    return shown


class PydeckChart(Protocol[Place]):
    """``pydeck_chart`` as a script sees it: the chart's place, or its selection with ``on_select``."""

    @overload
    def __call__(
        self,
        pydeck_obj: Any = None,
        *,
        width: Width = "stretch",
        use_container_width: bool | None = None,
        height: Height = 500,
        selection_mode: SelectionMode = "single-object",
        on_select: Literal["ignore"] = "ignore",
        key: str | None = None,
        alt: str | None = None,
    ) -> Place: ...

    @overload
    def __call__(
        self,
        pydeck_obj: Any = None,
        *,
        width: Width = "stretch",
        use_container_width: bool | None = None,
        height: Height = 500,
        selection_mode: SelectionMode = "single-object",
        on_select: Literal["rerun"] | Callable[..., Any],
        key: str | None = None,
        alt: str | None = None,
    ) -> PydeckState: ...
