"""The Vega-Lite specs of ``line_chart``, ``area_chart``, ``bar_chart`` and ``scatter_chart``, built as Streamlit builds
them (through Altair, in its ``built_in_chart_utils``): the same encodings, titles, tooltips, legends and stacking, so
a chart looks and reads the same. Written here as plain Vega-Lite, with the data inline, so that no chart needs Altair.

The rules, as Streamlit's: ``x`` is a column, or the data's index when None (its axis then has no title); ``y`` is
one column, several, or every other column when None. Several ``y`` columns (a *wide* table) are melted into one long
table of (x, series name, value) rows, the series name becoming the colour. ``color`` is a column (its values name
the series, or are colours themselves), one colour, or a list of colours, one per ``y`` column. Bar charts' x axis is
discrete (ordinal) unless it holds dates; a horizontal bar chart swaps the axes. Line charts get a layer of points
that shows the one nearest the pointer with its tooltip. Every chart can be zoomed and panned along its continuous
axes (mouse wheel, drag), as Altair's ``interactive()`` makes it.

Lines and areas (and bars along dates) of more rows than a chart's width can show are thinned before they are sent
(``_chart_thinning``: the rows that make each pixel column's extremes), so 100,000 points cost the browser what a few
thousand do and look the same; other charts send their rows, up to the session's ``max_chart_points`` setting
(``_chart_data.max_points``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import PorchAPIError
from ._chart_data import (
    INDEX_KEY,
    Table,
    VegaType,
    json_value,
    max_points,
    table_of,
    truncation_note,
    values_type,
    vega_type,
)
from ._chart_thinning import THIN_ABOVE, floats, group_key, thinned_rows

Mark = Literal["line", "area", "bar", "circle"]
#: What ``stack`` takes: True, False, "normalize", "center", "layered" (bars overlap, as False does for areas) or None.
STACKS: tuple[Any, ...] = (None, True, False, "normalize", "center", "layered")

#: Names the charts give the columns they make, chosen so that they never meet a column of the script's.
INDEX = "(index)"
VALUE = "(value)"
SERIES = "(series)"
MISSING = "(none)"
#: A built-in chart's height when the script asks for none (its plot fills the rest of it), as Streamlit's.
DEFAULT_HEIGHT = 350
#: Legends under the chart, as Streamlit places them.
COLOUR_LEGEND = {"titlePadding": 5, "offset": 5, "orient": "bottom"}
SIZE_LEGEND = {"titlePadding": 0.5, "offset": 5, "orient": "bottom"}

#: The colour names Streamlit takes, as this page draws them (style.css); "primary" is the theme's accent, which the
#: client reads from the page (a ``var(--...)`` text in a spec is the page's CSS variable).
NAMED_COLOURS = {
    "red": "#ef4444",
    "orange": "#f97316",
    "yellow": "#ca8a04",
    "green": "#16a34a",
    "blue": "#3b82f6",
    "violet": "#8b5cf6",
    "gray": "#6b7280",
    "grey": "#6b7280",
    "primary": "var(--accent)",
}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


@dataclass(frozen=True)
class Kind:
    call: str
    mark: Mark
    horizontal: bool = False

    @property
    def bar(self) -> bool:
        return self.mark == "bar"


LINE = Kind("line_chart", "line")
AREA = Kind("area_chart", "area")
BAR = Kind("bar_chart", "bar")
HORIZONTAL_BAR = Kind("bar_chart", "bar", horizontal=True)
SCATTER = Kind("scatter_chart", "circle")


# -- colours ----------------------------------------------------------------------------------------------------------


def is_colour_tuple(value: Any) -> bool:
    return (
        isinstance(value, (tuple, list))
        and len(value) in (3, 4)
        and all(isinstance(part, (int, float)) and not isinstance(part, bool) for part in value)
    )


def is_colour(value: Any) -> bool:
    """A hex colour, one of Streamlit's colour names, or an RGB(A) tuple."""
    if isinstance(value, str):
        return bool(_HEX.fullmatch(value)) or value in NAMED_COLOURS
    return is_colour_tuple(value)


def css_colour(value: Any) -> str:
    """A colour as CSS: hex as it is, names as the page draws them, tuples of 0-255 ints or 0.0-1.0 floats as rgba."""
    if isinstance(value, str):
        return NAMED_COLOURS.get(value, value)
    parts = list(value)
    if all(isinstance(part, int) for part in parts):
        red, green, blue, *alpha = parts
        opacity = alpha[0] / 255 if alpha else 1
    else:
        red, green, blue = (round(float(part) * 255) for part in parts[:3])
        opacity = float(parts[3]) if len(parts) == 4 else 1
    return f"rgba({red}, {green}, {blue}, {opacity:g})"


# -- the spec ---------------------------------------------------------------------------------------------------------


def field(name: str) -> str:
    """A column name as a Vega-Lite ``field``: dots and brackets escaped (unescaped, they reach into nested values)."""
    return re.sub(r"([.\[\]\\])", r"\\\1", name)


def channel(name: str, **rest: Any) -> dict[str, Any]:
    """An encoding channel for the column ``name``, with its title kept as written where escaping changed it."""
    found = {"field": field(name), **rest}
    if found["field"] != name and "title" not in rest:
        found["title"] = name
    return found


def builtin_spec(
    kind: Kind,
    data: Any,
    *,
    x: Any,
    y: Any,
    x_label: str | None,
    y_label: str | None,
    color: Any,
    size: Any = None,
    stack: Any = None,
    sort: Any = True,
) -> tuple[dict[str, Any], str | None]:
    """The Vega-Lite spec of a built-in chart and, when it drew only part of the data, the note that says so."""
    call = kind.call
    if stack not in STACKS or (stack is not None and isinstance(stack, (int, float)) and not isinstance(stack, bool)):
        raise PorchAPIError(
            f"{call}: invalid value for stack: {stack!r}. Stack must be one of True, False, \"normalize\", "
            "\"center\", \"layered\" or None."
        )
    table = table_of(data, call)
    x_column = _x_column(table, x, call)
    y_columns = _y_columns(table, y, x_column, call)
    color_column, color_value = _column_or_value(table, color)
    size_column, size_value = _column_or_value(table, size)
    sort_field = _sort_column(table, sort, call) if kind.bar else None

    # No x: the index is the x axis, as a column of its own.
    if x_column is None and y_columns:
        x_column = table.index_name if table.index_name and table.index_name not in table.columns else INDEX
        table.columns = {x_column: table.index, **table.columns}
        if INDEX_KEY in table.integers:
            table.integers.add(x_column)
            table.types[x_column] = "quantitative"  # known: the index need not be read value by value

    kept = list(dict.fromkeys(c for c in (x_column, color_column, size_column, *y_columns) if c is not None))
    melted = len(y_columns) > 1 and x_column is not None
    if sort_field is not None and sort_field not in kept and not (melted and sort_field in y_columns):
        kept.append(sort_field)
    series = len(y_columns) if melted else 1  # each row is a point of every series
    rows: Sequence[int] | None = _thinned(kind, table, x_column, y_columns, color_column, stack)
    most = max_points()
    if rows is None or len(rows) * series > most:
        rows = range(min(len(table), most // series))
    note = truncation_note(len(rows), len(table)) if isinstance(rows, range) else None

    colour_from_column = _colour_column_values(table, color_column, rows)
    y_column: str | None = y_columns[0] if len(y_columns) == 1 else None
    if melted:
        y_column, color_column = VALUE, SERIES
        leave = [c for c in kept if c not in y_columns]
        values = _melt(table, leave, y_columns, rows)
        y_values = [table.columns[name][row] for name in y_columns for row in rows]
        y_type = values_type(y_values)
        y_integer = all(name in table.integers for name in y_columns)
    else:
        values = _records(table, kept, rows)
        y_type = vega_type(table, y_column) if y_column else "quantitative"
        y_integer = y_column in table.integers if y_column else False

    def type_of(column: str | None) -> VegaType:
        if column is None:
            return "quantitative"
        if column == y_column:
            return y_type
        return vega_type(table, column)

    def integer(column: str | None) -> bool:
        return y_integer if column == y_column else column in table.integers

    def is_date(column: str | None) -> bool:
        if column is None or column == VALUE or not table.columns.get(column):
            return False
        return type(table.columns[column][0]).__name__ in ("date", "datetime", "Timestamp")

    # The axes: a horizontal bar chart draws the x column up the side and the values across.
    horizontal_values = kind.horizontal
    across, across_user, across_label = (y_column, y, x_label) if horizontal_values else (x_column, x, x_label)
    up, up_user, up_label = (x_column, x, y_label) if horizontal_values else (y_column, y, y_label)
    across_type: VegaType = type_of(across)
    if kind.bar and not kind.horizontal and not is_date(across):
        across_type = "ordinal"
    up_type: VegaType = type_of(up)
    if kind.horizontal and not is_date(up):
        up_type = "ordinal"
    x_encoding = _axis(across, across_user, across_label, across_type, integer(across), grid=kind.horizontal)
    y_encoding = _axis(up, up_user, up_label, up_type, integer(up), grid=not kind.horizontal)
    for column, encoding_ in ((across, x_encoding), (up, y_encoding)):
        if column in table.ordered:
            encoding_["sort"] = table.ordered[column]  # an ordered category's order
    if stack is not None:
        (x_encoding if kind.horizontal else y_encoding)["stack"] = False if stack == "layered" else stack
    if kind.bar and sort is not True:
        categories = y_encoding if kind.horizontal else x_encoding
        if sort is False:
            categories["sort"] = None
        else:
            assert sort_field is not None
            by = VALUE if melted and sort_field in y_columns else sort_field
            categories["sort"] = {"field": field(by), "order": "descending" if sort.startswith("-") else "ascending"}

    encoding: dict[str, Any] = {"x": x_encoding, "y": y_encoding}
    if kind.bar and stack is False and color_column is not None:
        encoding["yOffset" if kind.horizontal else "xOffset"] = {"field": field(color_column)}
    if color_column is not None and (kind.mark == "area" or stack == "layered"):
        encoding["opacity"] = {"value": 0.7}
    colour = _colour(table, color_value, color_column, y_columns, color, colour_from_column, call)
    if colour is not None:
        encoding["color"] = colour
    size_encoding = _size(kind, table, size_column, size_value, call)
    if size_encoding is not None:
        encoding["size"] = size_encoding
    if x_column is not None and y_column is not None:
        encoding["tooltip"] = _tooltip(x_column, y_column, type_of, size_column, color_column, colour)

    unit: dict[str, Any] = {"mark": {"type": kind.mark}, "encoding": encoding}
    zoom = [name for name, enc in (("x", x_encoding), ("y", y_encoding)) if enc["type"] in ("quantitative", "temporal")]
    if zoom:
        unit["params"] = [{"name": "porch_zoom", "select": {"type": "interval", "encodings": zoom}, "bind": "scales"}]
    spec: dict[str, Any]
    if kind.mark == "line" and x_column is not None:
        points = {
            "mark": {"type": "point", "filled": True, "size": 65},
            "encoding": {
                **encoding,
                "opacity": {"condition": {"param": "porch_hover", "value": 1, "empty": False}, "value": 0},
            },
            "params": [{
                "name": "porch_hover",
                "select": {
                    "type": "point", "nearest": True, "on": "pointerover", "clear": "pointerout",
                    "fields": [field(x_column)],
                },
            }],
        }
        spec = {"layer": [unit, points], "config": {"legend": {"symbolType": "stroke"}}}
    else:
        spec = unit
    if kind.horizontal:
        spec["height"] = DEFAULT_HEIGHT  # a discrete y axis would otherwise be as tall as its steps make it
    spec["data"] = {"values": values}
    return spec, note


def _x_column(table: Table, x: Any, call: str) -> str | None:
    if x is None:
        return None
    if not isinstance(x, str):
        raise PorchAPIError(
            f"{call}: x must be a column name (str) or None to use the data's index, not {x!r} "
            f"({type(x).__name__})"
        )
    _check_column(table, x, call)
    return x


def _y_columns(table: Table, y: Any, x_column: str | None, call: str) -> list[str]:
    if y is None:
        found = list(table.columns)
    elif isinstance(y, str):
        found = [y]
    else:
        found = [str(c) for c in (y.tolist() if hasattr(y, "tolist") else y)]
    for name in found:
        _check_column(table, name, call)
    asked = [] if y is None else [y] if isinstance(y, str) else found
    if x_column in found and x_column not in asked:
        found.remove(x_column)  # x is drawn against the others unless y names it too
    return found


def _check_column(table: Table, name: str, call: str) -> None:
    if name not in table.columns:
        available = ", ".join(table.columns)
        raise PorchAPIError(f'{call}: the data has no column named "{name}". Its columns are: {available}')


def _column_or_value(table: Table, value: Any) -> tuple[str | None, Any]:
    if isinstance(value, str) and value in table.columns:
        return value, None
    return None, value


def _sort_column(table: Table, sort: Any, call: str) -> str | None:
    if isinstance(sort, bool):
        return None
    if not isinstance(sort, str) or not sort.removeprefix("-"):
        raise PorchAPIError(f"{call}: sort must be True, False or a column name (\"-name\": descending), not {sort!r}")
    name = sort.removeprefix("-")
    _check_column(table, name, call)
    return name


def _colour_column_values(table: Table, column: str | None, rows: Sequence[int]) -> list[str] | None:
    """When a colour column holds colours: the column's values as CSS (in place), and the distinct colours of
    ``rows``, the rows drawn."""
    if column is None or not table.columns[column] or not is_colour(table.columns[column][0]):
        return None
    values = [css_colour(v) if is_colour(v) else v for v in table.columns[column]]
    table.columns[column] = values
    return list(dict.fromkeys(v for v in (values[row] for row in rows) if isinstance(v, str)))


def _thinned(
    kind: Kind, table: Table, x_column: str | None, y_columns: list[str], color_column: str | None, stack: Any
) -> list[int] | None:
    """The rows a line, area or bar chart draws when its lines have more rows than its width can show (M4:
    ``_chart_thinning``), else None (every row). Only numbers along a continuous x: lines and areas along numbers or
    dates, bars along dates (Vega draws them 5 pixels wide: a span's tallest and lowest cover the others). Bars
    along categories (each its own band), scatter plots (every translucent circle adds to the picture) and discrete
    axes are drawn whole, up to ``max_points()``."""
    if x_column is None or not y_columns or len(table) <= THIN_ABOVE or x_column in table.ordered:
        return None
    along = vega_type(table, x_column)
    if not (kind.mark in ("line", "area") and along in ("quantitative", "temporal")) and not (
        kind.bar and not kind.horizontal and along == "temporal"
    ):
        return None
    if any(vega_type(table, name) != "quantitative" for name in y_columns):
        return None
    ys = [table.columns[name] for name in y_columns]
    stacked = kind.mark in ("area", "bar") and stack not in (False, "layered")
    if stacked and len(y_columns) > 1:  # the edges of stacked areas are running sums: their extremes are kept too
        ys += _running_sums(ys)[1:]
    groups = table.columns[color_column] if color_column is not None and len(y_columns) == 1 else None
    rows = thinned_rows(table.columns[x_column], ys, groups)
    if rows is not None and stacked and groups is not None:
        # Stacked areas or bars of a colour column: Vega stacks the rows of equal x, so each keeps the x of any.
        xs = table.columns[x_column]
        chosen = {group_key(xs[row]) for row in rows}
        rows = [row for row, value in enumerate(xs) if group_key(value) in chosen]
    return rows


def _running_sums(columns: list[list[Any]]) -> list[list[float]]:
    sums: list[list[float]] = []
    total = [0.0] * len(columns[0])
    for column in columns:
        total = [t + (v if isinstance(v, float) and v == v else 0.0) for t, v in zip(total, floats(column))]
        sums.append(total)
    return sums


def _records(table: Table, names: list[str], rows: Sequence[int]) -> list[dict[str, Any]]:
    columns = [(name, table.columns[name]) for name in names]
    return [{name: json_value(values[row]) for name, values in columns} for row in rows]


def _melt(table: Table, leave: list[str], melt: list[str], rows: Sequence[int]) -> list[dict[str, Any]]:
    """Wide to long, as ``pandas.melt``: for each melted column in turn, each row with that column's name and value."""
    kept = [(name, table.columns[name]) for name in leave]
    out = []
    for name in melt:
        column = table.columns[name]
        for row in rows:
            record = {k: json_value(values[row]) for k, values in kept}
            record[SERIES] = name
            record[VALUE] = json_value(column[row])
            out.append(record)
    return out


def _axis(
    column: str | None, user: Any, label: str | None, kind: VegaType, integer: bool, *, grid: bool
) -> dict[str, Any]:
    if column is None:
        name, title = MISSING, ""  # a field that does not exist: without one, Vega-Lite drops the empty axis
    elif column in (INDEX, VALUE):
        name, title = column, ""
    else:
        name, title = column, "" if user is None else column
    if label is not None:
        title = label
    axis: dict[str, Any] = {"tickMinStep": 1, "grid": grid} if integer else {"grid": grid}
    return {"field": field(name), "title": title, "type": kind, "axis": axis}


def _colour(
    table: Table,
    value: Any,
    column: str | None,
    y_columns: list[str],
    given: Any,
    colours_in_column: list[str] | None,
    call: str,
) -> dict[str, Any] | None:
    if value is not None and not (isinstance(value, (list, tuple)) and len(value) == 0):
        if is_colour(value):
            if len(y_columns) != 1:
                raise _length_error([value], y_columns, call)
            return {"value": css_colour(value)}
        if isinstance(value, (list, tuple)) and all(is_colour(v) for v in value):
            if len(value) != len(y_columns):
                raise _length_error(list(value), y_columns, call)
            if len(value) == 1:
                return {"value": css_colour(value[0])}
            found: dict[str, Any] = {
                "scale": {"domain": y_columns, "range": [css_colour(v) for v in value]},
                "legend": COLOUR_LEGEND,
                "type": "nominal",
                "title": " ",
            }
            if column is not None:
                found = {"field": field(column), **found}
            return found
        raise PorchAPIError(
            f"{call}: this does not look like a valid color argument: {given!r}. The color argument can be a hex "
            'string like "#ffaa00" or "#ffaa0088"; an RGB or RGBA tuple of ints from 0 to 255 or floats from 0.0 to '
            '1.0; one of "red", "orange", "yellow", "green", "blue", "violet", "gray"/"grey" or "primary"; the name '
            "of a column; or a list of colors, one per y column."
        )
    if column is None:
        return None
    if column == SERIES:
        # The series of a melted table: its title must hold a space, or Vega-Lite drops the whole y axis.
        return {"field": SERIES, "legend": COLOUR_LEGEND, "type": "nominal", "title": " "}
    encoding = channel(column, legend=COLOUR_LEGEND, type=vega_type(table, column))
    if column in table.ordered:
        encoding["sort"] = table.ordered[column]
    if colours_in_column:
        # The column's values are the colours: drawn as they are, with no legend of colour codes.
        encoding["scale"] = {"domain": colours_in_column, "range": colours_in_column}
        encoding["legend"] = None
    return encoding


def _length_error(colours: list[Any], y_columns: list[str], call: str) -> PorchAPIError:
    return PorchAPIError(
        f"{call}: the list of colors {colours!r} must have the same length as the list of columns to be colored "
        f"{y_columns!r}."
    )


def _size(kind: Kind, table: Table, column: str | None, value: Any, call: str) -> dict[str, Any] | None:
    if kind.mark != "circle":
        return None
    if column is not None:
        return channel(column, legend=SIZE_LEGEND, type=vega_type(table, column))
    if value is None:
        return {"value": 100}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    raise PorchAPIError(f"{call}: this does not look like a valid size: {value!r}")


def _tooltip(
    x_column: str,
    y_column: str,
    type_of: Any,
    size_column: str | None,
    color_column: str | None,
    colour: dict[str, Any] | None,
) -> list[dict[str, Any]]:
    tips = [
        {"field": field(x_column), "title": "index", "type": type_of(x_column)}
        if x_column == INDEX
        else channel(x_column, type=type_of(x_column)),
        {"field": VALUE, "title": "value", "type": "quantitative"}
        if y_column == VALUE
        else channel(y_column, type=type_of(y_column)),
    ]
    if color_column and (colour is None or colour.get("legend", True) is not None):
        if color_column == SERIES:
            tips.append({"field": SERIES, "title": "color", "type": "nominal"})
        else:
            tips.append(channel(color_column, type=type_of(color_column)))
    if size_column:
        tips.append(channel(size_column, type=type_of(size_column)))
    return tips
