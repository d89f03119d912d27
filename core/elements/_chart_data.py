"""Chart data: whatever a script gives a chart, as a table of JSON values a Vega-Lite spec carries inline.

Scripts pass what ``dataframe`` takes: pandas, polars or pyarrow frames and series, NumPy arrays, dicts of columns,
key-value dicts, lists of records, rows or values (read by ``_frames``, which imports no frame library unless the value
is one of its objects). A :class:`Table` keeps each column's values as Python objects, its row labels (the x of a
chart given none) and what its library said of it (its type, integers, ordered categories); :func:`records` makes
the rows the spec carries, in JSON: NaN and missing values null, dates and times ISO text a browser reads as local
time (or with their offset), durations milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Literal

from ..config import EngineConfig
from ..context import current_run
from ._frames import backend_of
from ._preview import evaluated

VegaType = Literal["quantitative", "ordinal", "temporal", "nominal"]


@dataclass
class Table:
    """Columns by name (text, as Vega-Lite names fields), in order, each a list of Python values of equal length."""

    columns: dict[str, list[Any]] = field(default_factory=dict)
    #: The row labels: a frame's index, a key-value dict's keys, else 0, 1, 2...
    index: list[Any] = field(default_factory=list)
    index_name: str | None = None
    #: Columns whose library stores integers (an axis of them has no fractional ticks).
    integers: set[str] = field(default_factory=set)
    #: Columns that are ordered categories, with their categories in order (Vega-Lite "ordinal", sorted so).
    ordered: dict[str, list[Any]] = field(default_factory=dict)
    #: Each column's Vega-Lite type, as its library types it.
    types: dict[str, VegaType] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.index)


def table_of(data: Any, call: str, *, as_arrow: bool = False) -> Table:
    """``data`` as a :class:`Table`, read as ``dataframe`` reads it (``_frames.backend_of``: each library through its
    own methods); a clear error for what no chart can draw. An unevaluated object (a LazyFrame, a cursor, a
    generator function...) is read to Streamlit's capped preview, with its caption (``_preview``), as Streamlit's
    charts read it: ``as_arrow`` for the charts Streamlit sends their data to as Arrow (``vega_lite_chart``,
    ``altair_chart``, ``echarts_chart``: a LazyFrame captioned only beyond the preview), else as its built-in charts
    and ``map`` read it (through pandas)."""
    if data is None:
        return Table()
    data = evaluated(data, as_arrow=as_arrow)
    backend, _styler = backend_of(data, call)
    rows = range(backend.row_count)
    table = Table()
    levels = [(position, column) for position, column in enumerate(backend.columns) if column.index]
    if levels:
        values = [backend.values(position, rows) for position, _ in levels]
        table.index = values[0] if len(values) == 1 else [", ".join(map(str, row)) for row in zip(*values)]
        names = [str(column.name) for _, column in levels if column.name is not None]
        table.index_name = ", ".join(names) if names else None
        if len(levels) == 1 and levels[0][1].dtype == "int":
            table.integers.add(INDEX_KEY)
    else:
        table.index = list(rows)
        table.integers.add(INDEX_KEY)
    for position, column in enumerate(backend.columns):
        if column.index:
            continue
        key = _name(column.name)
        table.columns[key] = backend.values(position, rows)
        table.types[key] = _TYPES.get(column.dtype, "nominal")
        if column.dtype == "int":
            table.integers.add(key)
    table.ordered = _ordered_categories(data)
    return table


#: The Vega-Lite type of each of ``dataframe``'s column types.
_TYPES: dict[str, VegaType] = {
    "int": "quantitative",
    "float": "quantitative",
    "decimal": "quantitative",
    "timedelta": "quantitative",
    "datetime": "temporal",
    "date": "temporal",
    "time": "temporal",
}
#: Stands for the index in :attr:`Table.integers`.
INDEX_KEY = "\0index"


def _ordered_categories(data: Any) -> dict[str, list[Any]]:
    """The columns of a pandas frame that are ordered categories, and their categories in order."""
    if type(data).__module__.partition(".")[0] != "pandas" or not hasattr(data, "dtypes"):
        return {}
    dtypes = data.dtypes
    if not hasattr(dtypes, "items"):
        return {}
    return {
        _name(name): [json_value(c) for c in dtype.categories.tolist()]
        for name, dtype in dtypes.items()
        if getattr(dtype, "ordered", False)
    }


def _name(name: Any) -> str:
    """A column's name as Vega-Lite's field name: text (a MultiIndex's tuple joined)."""
    if name is None:
        return "0"
    if isinstance(name, tuple):
        return ", ".join(map(str, name))
    return str(name)


# -- types and JSON values --------------------------------------------------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and math.isnan(value)


def vega_type(table: Table, name: str) -> VegaType:
    """The Vega-Lite type of a column, as Altair infers it from pandas' ``infer_dtype``: numbers are quantitative,
    dates and times temporal, ordered categories ordinal, text, booleans and anything mixed nominal."""
    if name in table.ordered:
        return "ordinal"
    found = table.types.get(name)
    if found is not None and found != "nominal":
        return found
    return values_type(table.columns[name] if name in table.columns else table.index)


def values_type(values: Iterable[Any]) -> VegaType:
    kinds = set()
    for value in values:
        if value is None or type(value).__name__ in ("NAType", "NaTType"):
            continue
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            kinds.add("bool")
        elif isinstance(value, (int, float, Decimal)) or _numpy_number(value):
            kinds.add("number")
        elif isinstance(value, (datetime, date, time)) or type(value).__name__ == "datetime64":
            kinds.add("temporal")
        elif isinstance(value, timedelta):
            kinds.add("number")
        else:
            kinds.add("other")
        if len(kinds) > 1:
            break
    if kinds == {"number"}:
        return "quantitative"
    if kinds == {"temporal"}:
        return "temporal"
    return "nominal"


def _numpy_number(value: Any) -> bool:
    return type(value).__module__ == "numpy" and hasattr(value, "dtype") and value.dtype.kind in "iuf"


def json_value(value: Any) -> Any:
    """One value as the JSON a spec carries: null for missing values and NaN, ISO text for dates and times."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if _missing(value):
        return None
    if isinstance(value, Mapping):  # nested values (Vega-Lite reaches into them with "a.b" fields)
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, datetime):  # naive: read as local time; aware: with its offset
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00"  # with a time, a browser reads it as local midnight
    if isinstance(value, time):
        return f"1970-01-01T{value.isoformat(timespec='milliseconds')}"
    if isinstance(value, timedelta):
        return value / timedelta(milliseconds=1)
    if isinstance(value, Decimal):
        return json_value(float(value))
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return json_value(value.item())
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def records(table: Table, names: list[str], *, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` rows of ``table``'s columns ``names`` (None: :func:`max_points`), as JSON records."""
    count = min(len(table), max_points() if limit is None else limit)
    columns = [(name, table.columns[name]) for name in names]
    return [{name: json_value(values[row]) for name, values in columns} for row in range(count)]


def max_points() -> int:
    """The most points (rows) a chart of the calling run sends: its session's ``max_chart_points``, which the engine
    sets from its config (``EngineConfig.max_chart_points``); its default outside of a run. More would be a message
    of many megabytes and a browser drawing for seconds, so the bound is the app's to raise."""
    run = current_run.get()
    return run.session.max_chart_points if run is not None else EngineConfig.max_chart_points


def truncation_note(shown: int, total: int) -> str | None:
    """What a chart says under itself when it drew only part of its data: the bound it hit and how to raise it."""
    if shown >= total:
        return None
    return (
        f"Showing the first {shown:,} of {total:,} rows: a chart draws at most {max_points():,} points "
        "(the max_chart_points setting). Raise it with --max-chart-points, PORCH_MAX_CHART_POINTS or "
        "max_chart_points in .porch/config.toml, or aggregate or sample the data to see all of it."
    )


def is_geo(data: Any) -> bool:
    """GeoJSON or TopoJSON (a map's shapes, not a table): kept in the spec as it is."""
    kinds = {"FeatureCollection", "Topology", "Feature", "Point", "MultiPoint", "LineString", "MultiLineString",
             "Polygon", "MultiPolygon", "GeometryCollection"}
    if isinstance(data, Mapping):
        return data.get("type") in kinds or ("arcs" in data and "objects" in data)
    if isinstance(data, list) and data:
        first = data[0]
        return isinstance(first, Mapping) and first.get("type") == "Feature" and "geometry" in first
    return False
