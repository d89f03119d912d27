"""What ``dataframe``, ``data_editor`` and ``table`` share: any data a script gives, read as columns and rows by
position, lazily, and the props that show it (:func:`shown_props`).

:func:`frame_of` turns the script's value into a :class:`Frame` without copying it: a pandas DataFrame, Series, Index
or Styler, a polars DataFrame, LazyFrame or Series, a pyarrow Table, RecordBatch or array, a NumPy array of one or two
dimensions, Python lists, tuples, sets, dicts and iterables of rows or columns (rows may be dicts, sequences,
dataclasses or named tuples), or any object with ``__dataframe__`` (the interchange protocol), ``to_arrow()`` or
``to_pandas()``. Each library is imported only when the value is one of its objects, so Porch needs none of them.
An unevaluated object (a LazyFrame, a DB-API cursor, a generator function, a Spark or Dask frame...) is read to
Streamlit's capped preview (``_preview``). A single column the data does not name (a list of values, a 1-D NumPy
array...) is called ``value``, as Streamlit calls it (:data:`VALUE`).

A frame reads only the rows asked for (:meth:`Frame.window`) and sorts by computing an order of row positions
(:meth:`Frame.order`), so a frame of ten million rows costs what the rows shown cost. Cells go to the wire as JSON:
numbers (an integer beyond 2**53, infinities: text), booleans, text (cut at :data:`MAX_TEXT` characters), ISO dates
and times, lists (for list and chart columns), JSON text for dicts; missing values (None, NaN, NaT, NA) are null; any
other object is shown as its ``str``. A pandas Styler's display formats and cell colours apply to the cells sent, and
only to them.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import json
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol, cast

from .. import markdown_html
from ..errors import PorchAPIError
from ._button_column import ButtonColumnResult
from ._preview import evaluated
from ._cell_media import MEDIA_COLUMNS, served_cells
from ._served import session_media
from ._layout import width_of

#: Longest text a cell carries, in characters (the rest is cut, with an ellipsis).
MAX_TEXT = 2000
#: Items of a list cell sent at most.
MAX_LIST = 500
#: Row values read to decide the type of a column of Python objects.
SAMPLE = 100
#: Cells of a pandas Styler computed at once (pandas' own ``styler.render.max_elements``); a larger Styler's styles
#: are computed for each window, so its column-wise styles (``highlight_max``) see only the rows of that window.
STYLER_CELLS = 262_144
#: CSS properties a Styler may set on a cell; values are kept only when they are plain colours, sizes and words.
STYLE_PROPERTIES = frozenset({
    "color", "background-color", "background", "font-weight", "font-style", "text-decoration", "text-align",
    "opacity",
})
_SAFE_STYLE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#(),.% -")

#: The heights a frame's element takes besides pixels, Streamlit's row height in pixels, and the bounds Porch takes.
HEIGHTS = ("auto", "content", "stretch")
ROW_HEIGHT = 35
MAX_ROW_HEIGHT = 1000

Width = int | Literal["stretch", "content"]
Height = int | Literal["auto", "content", "stretch"]

#: The wire types of a column: how the client shows and formats its cells.
DTYPES = ("int", "float", "bool", "str", "datetime", "date", "time", "timedelta", "list", "json", "decimal", "bytes",
          "object")


@dataclasses.dataclass
class Column:
    """One column of a frame: an index level or a data column."""

    #: The name the data gives it (``column_config`` keys, selections), None for an unnamed index.
    name: Any
    #: The header text.
    label: str
    #: One of :data:`DTYPES`.
    dtype: str
    index: bool


class Backend(Protocol):
    """A frame of one library: index columns first, then data columns, read by position."""

    row_count: int
    columns: list[Column]
    #: Whether the index is the plain 0..n-1 (Streamlit hides it when rows can be selected).
    range_index: bool

    def values(self, column: int, positions: Sequence[int]) -> list[Any]:
        """The Python values of ``column`` at ``positions`` (a range, or any sequence of positions)."""

    def order(self, keys: Sequence[tuple[int, bool]]) -> Sequence[int]:
        """Row positions sorted by ``keys`` ((column, descending) pairs), stable, missing values last."""

    def to_pandas(self) -> Any:
        """The data as a pandas DataFrame (for AppTest's ``value``)."""


# ---------------------------------------------------------------------------------------------------------------
# Types and cells.
# ---------------------------------------------------------------------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    name = type(value).__name__
    if name in ("NAType", "NaTType"):
        return True
    if name.startswith("float") and hasattr(value, "dtype"):  # a NumPy float scalar
        try:
            return bool(value != value)
        except (TypeError, ValueError):
            return False
    return False


def infer_dtype(values: Iterable[Any]) -> str:
    """The wire type of a column of Python objects, from its first non-missing values."""
    seen: set[str] = set()
    for count, value in enumerate(v for v in values if not _missing(v)):
        if count >= SAMPLE:
            break
        seen.add(_value_type(value))
    if not seen:
        return "object"
    if len(seen) == 1:
        return seen.pop()
    if seen <= {"int", "float"}:
        return "float"
    if seen <= {"datetime", "date"}:
        return "datetime"
    return "object"


def _value_type(value: Any) -> str:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "bool"
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"
                                  and not hasattr(value, "__len__")):
        return "int"
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"
                                    and not hasattr(value, "__len__")):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, datetime.datetime):
        return "datetime"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, datetime.time):
        return "time"
    if isinstance(value, datetime.timedelta):
        return "timedelta"
    if isinstance(value, decimal.Decimal):
        return "decimal"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "bytes"
    if isinstance(value, Mapping):
        return "json"
    if isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ in ("ndarray", "Series"):
        return "list"
    return "object"


def _text(value: str) -> str:
    return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1] + "…"


def cell(value: Any, dtype: str) -> Any:
    """One value as the wire carries it in a column of ``dtype``."""
    if _missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return _text(value)
    if hasattr(value, "item") and hasattr(value, "dtype") and not hasattr(value, "__len__"):
        try:
            return cell(value.item(), dtype)  # a NumPy scalar
        except (ValueError, TypeError):
            pass
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        try:
            return value.isoformat()
        except (ValueError, TypeError):
            return str(value)
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value) if value.is_finite() else None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _text(str(bytes(value)))
    if isinstance(value, Mapping):
        return _text(json.dumps(_jsonable(value), default=str, ensure_ascii=False))
    if dtype == "list" or isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "ndarray":
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        if isinstance(items, list):
            return [_scalar(item) for item in items[:MAX_LIST]]
    return _text(str(value))


def _scalar(value: Any) -> Any:
    """An item of a list cell: a number, text, a boolean or null."""
    if _missing(value):
        return None
    if isinstance(value, (bool, str)):
        return _text(value) if isinstance(value, str) else value
    if isinstance(value, (int, float)):
        return cell(value, "float")
    if hasattr(value, "item") and hasattr(value, "dtype"):
        try:
            return _scalar(value.item())
        except (ValueError, TypeError):
            pass
    return _text(str(value))


def _jsonable(value: Any, depth: int = 0) -> Any:
    if depth > 20:
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v, depth + 1) for k, v in list(value.items())[:MAX_LIST]}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, depth + 1) for v in value[:MAX_LIST]]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# ---------------------------------------------------------------------------------------------------------------
# Sorting by position, for the backends without a sort of their own.
# ---------------------------------------------------------------------------------------------------------------


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, (int, float, decimal.Decimal)):
        return (0, float(value))
    if isinstance(value, str):
        return (1, value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        return (2, str(value))
    return (3, str(value))


def python_order(values: list[Any], descending: bool) -> list[int]:
    """Positions of ``values`` in sorted order: stable, missing values last, mixed types by kind then text."""
    present = [i for i, v in enumerate(values) if not _missing(v)]
    missing = [i for i, v in enumerate(values) if _missing(v)]
    try:
        present.sort(key=values.__getitem__, reverse=descending)
    except TypeError:
        present.sort(key=lambda i: _sort_key(values[i]), reverse=descending)
    return present + missing


def by_keys(backend: Backend, keys: Sequence[tuple[int, bool]], single: Callable[[int, Sequence[int], bool],
            Sequence[int]]) -> Sequence[int]:
    """Sort by several keys with a stable one-key sort (``single(column, positions, descending)`` gives the order of
    the rows at ``positions`` as indices into them): by the last key first, then each earlier one."""
    order: Any = range(backend.row_count)
    for column, descending in reversed(keys):
        local = single(column, order, descending)
        if isinstance(order, range):  # the first key: its order is the order
            order = local
        elif hasattr(order, "dtype"):  # a NumPy array: taken at once
            order = order[local]
        else:
            order = [order[i] for i in local]
    result: Sequence[int] = order
    return result


def _numpy_order(np: Any, values: Any, descending: bool) -> Any:
    """Stable order of a NumPy array; NaN and NaT last either way; other kinds fall back to Python's sort."""
    kind = values.dtype.kind
    if kind in "Mm":
        missing = np.isnat(values)
        values = values.view("int64")
    elif kind == "f":
        missing = np.isnan(values)
    elif kind in "biu":
        missing = None
    else:
        return np.asarray(python_order(values.tolist(), descending), dtype=np.int64)
    if descending:
        n = len(values)
        order = (n - 1 - np.argsort(values[::-1], kind="stable"))[::-1]
    else:
        order = np.argsort(values, kind="stable")
    if missing is not None and missing.any():
        gone = missing[order]
        order = np.concatenate([order[~gone], order[gone]])
    return order


def _positions(np: Any, positions: Sequence[int]) -> Any:
    """``positions`` as a NumPy index: a slice for a contiguous range (a view, no copy), else an int64 array."""
    if isinstance(positions, range) and positions.step == 1:
        return slice(positions.start, positions.stop)
    return np.asarray(positions, dtype=np.int64)


# ---------------------------------------------------------------------------------------------------------------
# Backends.
# ---------------------------------------------------------------------------------------------------------------


def _label(name: Any) -> str:
    if name is None:
        return ""
    if isinstance(name, tuple):
        return " / ".join(str(part) for part in name)
    return str(name)


class PandasFrame:
    """A pandas DataFrame, read with ``iloc`` (no copy)."""

    def __init__(self, df: Any) -> None:
        import pandas as pd

        self.df = df
        self.row_count = len(df)
        index = df.index
        self._levels = [index.get_level_values(i) for i in range(index.nlevels)] if index.nlevels > 1 else [index]
        self.range_index = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
        self.columns = [
            Column(level.name, _label(level.name), _pandas_dtype(level), True) for level in self._levels
        ] + [Column(name, _label(name), _pandas_dtype(df.iloc[:, j]), False) for j, name in enumerate(df.columns)]

    def _series(self, column: int) -> Any:
        n = len(self._levels)
        return self._levels[column] if column < n else self.df.iloc[:, column - n]

    def values(self, column: int, positions: Sequence[int]) -> list[Any]:
        import numpy as np

        index = _positions(np, positions)
        part = self._series(column)
        part = part[index] if column < len(self._levels) else part.iloc[index]
        values: list[Any] = part.tolist()
        return values

    def order(self, keys: Sequence[tuple[int, bool]]) -> Sequence[int]:
        import pandas as pd

        data = {f"k{i}": pd.Series(self._series(column)).reset_index(drop=True) for i, (column, _) in enumerate(keys)}
        frame = pd.DataFrame(data)
        ascending = [not descending for _, descending in keys]
        try:
            result = frame.sort_values(list(data), ascending=ascending, kind="stable", na_position="last")
        except TypeError:  # objects of several types: by kind, then text
            result = frame.sort_values(
                list(data), ascending=ascending, kind="stable", na_position="last",
                key=lambda s: s.map(lambda v: str(_sort_key(v))) if s.dtype == object else s,
            )
        order: Sequence[int] = result.index.to_numpy()
        return order

    def to_pandas(self) -> Any:
        return self.df


def _pandas_dtype(values: Any) -> str:
    import pandas as pd

    dtype = values.dtype
    types = pd.api.types
    if isinstance(dtype, pd.CategoricalDtype):
        return _pandas_dtype(dtype.categories)
    if types.is_bool_dtype(dtype):
        return "bool"
    if types.is_integer_dtype(dtype):
        return "int"
    if types.is_float_dtype(dtype):
        return "float"
    if types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if types.is_timedelta64_dtype(dtype):
        return "timedelta"
    if types.is_complex_dtype(dtype):
        return "object"
    if dtype != object and types.is_string_dtype(dtype):
        return "str"
    if dtype == object:
        return infer_dtype(values[:SAMPLE * 4].tolist() if hasattr(values, "tolist") else values[:SAMPLE])
    return "object"


class NumpyFrame:
    """A NumPy array of one dimension (one column) or two (rows by columns), with a range index."""

    range_index = True

    def __init__(self, array: Any) -> None:
        self.array = array if array.ndim == 2 else array.reshape(-1, 1)
        self.row_count = self.array.shape[0]
        kind = self.array.dtype.kind
        dtypes = {"b": "bool", "i": "int", "u": "int", "f": "float", "M": "datetime", "m": "timedelta", "U": "str",
                  "S": "bytes"}
        self._names = _numbered(self.array.shape[1])
        self.columns = [Column(None, "", "int", True)] + [
            Column(name, str(name), dtypes.get(kind) or infer_dtype(self.array[:SAMPLE, j].tolist()), False)
            for j, name in enumerate(self._names)
        ]

    def values(self, column: int, positions: Sequence[int]) -> list[Any]:
        import numpy as np

        if column == 0:
            return list(positions)
        part = self.array[_positions(np, positions), column - 1]
        if part.dtype.kind == "M":
            part = part.astype("datetime64[us]")
        elif part.dtype.kind == "m":
            part = part.astype("timedelta64[us]")
        values: list[Any] = part.tolist()
        return values

    def order(self, keys: Sequence[tuple[int, bool]]) -> Sequence[int]:
        import numpy as np

        def single(column: int, positions: Sequence[int], descending: bool) -> Any:
            if column == 0:
                values = np.asarray(positions, dtype=np.int64)
            else:
                values = self.array[_positions(np, positions), column - 1]
            return _numpy_order(np, values, descending)

        return cast("Sequence[int]", np.asarray(by_keys(self, keys, single), dtype=np.int64))

    def to_pandas(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.array, columns=self._names)


class ArrowFrame:
    """A pyarrow Table (a RecordBatch or an array becomes one, without copying its buffers)."""

    range_index = False

    def __init__(self, table: Any) -> None:
        self.table = table
        self.row_count = table.num_rows
        self.columns = [Column(field.name, _label(field.name), _arrow_dtype(field.type), False)
                        for field in table.schema]

    def values(self, column: int, positions: Sequence[int]) -> list[Any]:
        import pyarrow as pa

        data = self.table.column(column)
        if isinstance(positions, range) and positions.step == 1:
            part = data.slice(positions.start, len(positions))
        else:
            part = data.take(pa.array(positions, type=pa.int64()))
        values: list[Any] = part.to_pylist()
        return values

    def order(self, keys: Sequence[tuple[int, bool]]) -> Sequence[int]:
        import pyarrow as pa
        import pyarrow.compute as pc

        named = pa.table({f"k{i}": self.table.column(column) for i, (column, _) in enumerate(keys)})
        sort_keys = [(f"k{i}", "descending" if descending else "ascending") for i, (_, descending) in enumerate(keys)]
        try:
            try:  # pyarrow 25 and later: where nulls go is said per key
                indices = pc.sort_indices(named, sort_keys=[(*key, "at_end") for key in sort_keys])
            except (TypeError, ValueError):
                indices = pc.sort_indices(named, sort_keys=sort_keys, null_placement="at_end")
            order: Sequence[int] = indices.to_numpy()
            return order
        except (pa.ArrowNotImplementedError, pa.ArrowInvalid):  # lists, structs: Python's sort
            return by_keys(self, keys, lambda c, p, d: python_order(self.values(c, p), d))

    def to_pandas(self) -> Any:
        return self.table.to_pandas()


def _arrow_dtype(kind: Any) -> str:
    import pyarrow as pa

    types = pa.types
    if types.is_dictionary(kind):
        return _arrow_dtype(kind.value_type)
    checks: list[tuple[Callable[[Any], bool], str]] = [
        (types.is_boolean, "bool"), (types.is_integer, "int"), (types.is_floating, "float"),
        (types.is_decimal, "decimal"), (types.is_timestamp, "datetime"), (types.is_date, "date"),
        (types.is_time, "time"), (types.is_duration, "timedelta"), (types.is_binary, "bytes"),
        (types.is_large_binary, "bytes"), (types.is_struct, "json"), (types.is_map, "json"),
    ]
    for check, name in checks:
        if check(kind):
            return name
    if types.is_string(kind) or types.is_large_string(kind) or str(kind) == "string_view":
        return "str"
    if types.is_list(kind) or types.is_large_list(kind) or types.is_fixed_size_list(kind):
        return "list"
    return "object"


class PolarsFrame:
    """A polars DataFrame, read with ``slice`` and ``gather`` (no copy of the frame)."""

    range_index = False

    def __init__(self, df: Any) -> None:
        self.df = df
        self.row_count = df.height
        self.columns = [Column(name, _label(name), _polars_dtype(dtype), False) for name, dtype in df.schema.items()]

    def values(self, column: int, positions: Sequence[int]) -> list[Any]:
        series = self.df.to_series(column)
        if isinstance(positions, range) and positions.step == 1:
            part = series.slice(positions.start, len(positions))
        else:
            part = series.gather(list(positions) if not hasattr(positions, "dtype") else positions)
        values: list[Any] = part.to_list()
        return values

    def order(self, keys: Sequence[tuple[int, bool]]) -> Sequence[int]:
        import polars as pl

        names = [f"k{i}" for i in range(len(keys))]
        keyed = self.df.select([self.df.to_series(column).alias(name) for (column, _), name in zip(keys, names)])
        try:
            ordered = keyed.with_row_index("__porch_row").sort(
                names, descending=[descending for _, descending in keys], nulls_last=True, maintain_order=True
            )
        except pl.exceptions.PolarsError:
            return by_keys(self, keys, lambda c, p, d: python_order(self.values(c, p), d))
        order: Sequence[int] = ordered["__porch_row"].to_numpy()
        return order

    def to_pandas(self) -> Any:
        return self.df.to_pandas()


def _polars_dtype(dtype: Any) -> str:
    import polars as pl

    if dtype == pl.Boolean:
        return "bool"
    if dtype.is_integer():
        return "int"
    if dtype.is_float():
        return "float"
    if dtype == pl.Decimal:
        return "decimal"
    if dtype in (pl.String, pl.Categorical, pl.Enum):
        return "str"
    if dtype == pl.Datetime:
        return "datetime"
    if dtype == pl.Date:
        return "date"
    if dtype == pl.Time:
        return "time"
    if dtype == pl.Duration:
        return "timedelta"
    if dtype in (pl.List, pl.Array):
        return "list"
    if dtype == pl.Struct:
        return "json"
    if dtype == pl.Binary:
        return "bytes"
    return "object"


class RowsFrame:
    """Python data: columns as lists (of the script's objects, not copies of them), with an index."""

    def __init__(self, names: list[Any], columns: list[list[Any]], index: list[Any] | None = None,
                 index_name: Any = None) -> None:
        self._columns = columns
        self._index = index
        self.row_count = len(columns[0]) if columns else (len(index) if index is not None else 0)
        self.range_index = index is None
        index_type = "int" if index is None else infer_dtype(index)
        self.columns = [Column(index_name, _label(index_name), index_type, True)] + [
            Column(name, _label(name), infer_dtype(values), False) for name, values in zip(names, columns)
        ]

    def values(self, column: int, positions: Sequence[int]) -> list[Any]:
        if column == 0:
            return list(positions) if self._index is None else _pick(self._index, positions)
        return _pick(self._columns[column - 1], positions)

    def order(self, keys: Sequence[tuple[int, bool]]) -> Sequence[int]:
        return by_keys(self, keys, lambda c, p, d: python_order(self.values(c, p), d))

    def to_pandas(self) -> Any:
        import pandas as pd

        data = {name.name: values for name, values in zip(self.columns[1:], self._columns)}
        return pd.DataFrame(data, index=self._index)


def _pick(values: list[Any], positions: Sequence[int]) -> list[Any]:
    if isinstance(positions, range) and positions.step == 1:
        return values[positions.start : positions.stop]
    return [values[int(p)] for p in positions]


# ---------------------------------------------------------------------------------------------------------------
# Any data to a backend.
# ---------------------------------------------------------------------------------------------------------------


def _module_of(value: Any) -> str:
    return type(value).__module__.split(".")[0]


def _loaded(name: str) -> Any:
    """A library the value comes from: imported already, since the script made the value with it."""
    return sys.modules.get(name)


def backend_of(data: Any, call: str) -> tuple[Backend, Any]:
    """A backend for ``data``, and the Styler it came with (or None). An unevaluated object (a LazyFrame, a cursor, a
    generator function...) is read to Streamlit's capped preview, with its caption (``_preview.evaluated``): an element
    that reads it otherwise (``table``'s 100 rows) calls ``evaluated`` first."""
    data = evaluated(data)
    module = _module_of(data)
    pd = _loaded("pandas") if module == "pandas" else None
    if pd is not None:
        # A Styler exists only once its module is imported (by the script, or by pandas' ``DataFrame.style``):
        # importing it here would cost every frame's first showing its import (jinja2: 0.1-0.3 s), needed by none.
        style = _loaded("pandas.io.formats.style")
        if style is not None and isinstance(data, style.Styler):
            return PandasFrame(data.data), data
        if isinstance(data, pd.DataFrame):
            return PandasFrame(data), None
        if isinstance(data, pd.Series):
            return PandasFrame(data.to_frame()), None
        if isinstance(data, pd.Index):
            return PandasFrame(data.to_frame(index=False)), None
        if isinstance(data, pd.api.extensions.ExtensionArray):
            return PandasFrame(pd.Series(data).to_frame()), None
    if module == "polars" and _loaded("polars") is not None:
        pl = _loaded("polars")
        if isinstance(data, pl.LazyFrame):
            data = data.collect()
        if isinstance(data, pl.Series):
            data = data.to_frame()
        if isinstance(data, pl.DataFrame):
            return PolarsFrame(data), None
    if module == "pyarrow" and _loaded("pyarrow") is not None:
        pa = _loaded("pyarrow")
        if isinstance(data, pa.RecordBatch):
            data = pa.Table.from_batches([data])
        elif isinstance(data, (pa.Array, pa.ChunkedArray)):
            data = pa.table({"0": data})
        if isinstance(data, pa.Table):
            return ArrowFrame(data), None
    if module == "numpy" and _loaded("numpy") is not None and type(data).__name__ == "ndarray":
        if data.ndim > 2:
            raise PorchAPIError(f"{call}: a NumPy array of {data.ndim} dimensions cannot be shown as a table (one or "
                                "two dimensions can)")
        if data.ndim == 0:
            data = data.reshape(1)
        return NumpyFrame(data), None
    if isinstance(data, enum.EnumMeta):  # an Enum class: its members' values, as Streamlit shows one
        members: list[Any] = list(data)
        return _from_rows([member.value for member in members], call), None
    if isinstance(data, Mapping):
        return _from_mapping(data, call), None
    if isinstance(data, (list, tuple, set, frozenset, range)) or (
        isinstance(data, Iterable) and not isinstance(data, (str, bytes, bytearray)) and not _frame_like(data)
    ):
        return _from_rows(list(data), call), None
    if hasattr(data, "__dataframe__"):
        return _from_interchange(data, call), None
    for method in ("to_arrow", "to_pandas"):
        convert = getattr(data, method, None)
        if callable(convert):
            converted = convert()
            if _module_of(converted) in ("pyarrow", "pandas"):
                return backend_of(converted, call)
    raise PorchAPIError(
        f"{call}: cannot show an object of type {type(data).__module__}.{type(data).__qualname__} as a table. Give a "
        "pandas, polars or pyarrow frame, a NumPy array, a list or dict of rows or columns, or an object with "
        "__dataframe__, to_arrow() or to_pandas()."
    )


def _frame_like(data: Any) -> bool:
    return any(hasattr(data, name) for name in ("__dataframe__", "to_arrow", "to_pandas"))


def _from_interchange(data: Any, call: str) -> Backend:
    try:
        import pyarrow.interchange as interchange

        return ArrowFrame(interchange.from_dataframe(data))
    except ImportError:
        pass
    try:
        from pandas.api.interchange import from_dataframe

        return PandasFrame(from_dataframe(data))
    except ImportError:
        raise PorchAPIError(
            f"{call}: an object with __dataframe__ needs pyarrow or pandas installed to be read"
        ) from None


def _list_like(value: Any) -> bool:
    return isinstance(value, (list, tuple, range)) or type(value).__name__ in ("ndarray", "Series")


def _from_mapping(data: Mapping[Any, Any], call: str) -> Backend:
    if not data:
        return RowsFrame([], [])
    values = list(data.values())
    if all(isinstance(v, Mapping) for v in values):  # {column: {row: value}}
        rows: dict[Any, None] = {}
        for column in values:
            rows.update(dict.fromkeys(column))
        index = list(rows)
        return RowsFrame(list(data), [[column.get(r) for r in index] for column in values], index=index)
    lengths = {len(v) for v in values if _list_like(v)}
    if not lengths:  # {key: value}: one row per key
        return RowsFrame(["value"], [values], index=list(data))
    if len(lengths) > 1:
        raise PorchAPIError(f"{call}: the columns of a dict must all have the same length, not {sorted(lengths)}")
    n = lengths.pop()
    columns = [(v.tolist() if hasattr(v, "tolist") else list(v)) if _list_like(v) else [v] * n for v in values]
    return RowsFrame(list(data), columns)


def _from_rows(items: list[Any], call: str) -> Backend:
    if not items:
        return RowsFrame([], [])
    first = items[0]
    if all(isinstance(item, Mapping) for item in items):
        names: dict[Any, None] = {}
        for item in items:
            names.update(dict.fromkeys(item))
        return RowsFrame(list(names), [[item.get(name) for item in items] for name in names])
    if dataclasses.is_dataclass(first) and not isinstance(first, type):
        fields = [f.name for f in dataclasses.fields(first)]
        return RowsFrame(fields, [[getattr(item, name, None) for item in items] for name in fields])
    if isinstance(first, tuple) and hasattr(first, "_fields"):
        fields = list(first._fields)
        return RowsFrame(fields, [[getattr(item, name, None) for item in items] for name in fields])
    if all(_list_like(item) and not isinstance(item, str) for item in items):
        rows = [item.tolist() if hasattr(item, "tolist") else list(item) for item in items]
        width = max(len(row) for row in rows)
        return RowsFrame(_numbered(width), [[row[j] if j < len(row) else None for row in rows]
                                            for j in range(width)])
    return RowsFrame(_numbered(1), [items])


#: The name of the one column of plain values (a list of them, a 1-D NumPy array, a generator's items...), as
#: Streamlit 1.67 names it (``dataframe_util._fix_column_naming``: pandas would call it 0).
VALUE = "value"


def _numbered(width: int) -> list[Any]:
    """The names of ``width`` columns the data does not name: 0, 1, 2..., or :data:`VALUE` for a single one, as
    Streamlit names the columns of the frames it makes of Python data and NumPy arrays (not of a pandas Series or
    Index, a pyarrow array or a pandas DataFrame, whose names it keeps)."""
    return [VALUE] if width == 1 else list(range(width))


# ---------------------------------------------------------------------------------------------------------------
# Styler.
# ---------------------------------------------------------------------------------------------------------------


def style_text(props: Iterable[tuple[str, Any]]) -> str | None:
    """A Styler cell's CSS as the client may apply it: known properties with plain values only."""
    kept = []
    for name, value in props:
        name = str(name).strip().lower()
        text = str(value).strip()
        if name in STYLE_PROPERTIES and text and len(text) <= 100 and set(text) <= _SAFE_STYLE_CHARS:
            kept.append(f"{name}: {text}")
    return "; ".join(kept) or None


class StylerCells:
    """A pandas Styler's display text and CSS of the cells a window sends."""

    def __init__(self, styler: Any, rows: int, columns: int) -> None:
        self.styler = styler
        self.whole = rows * columns <= STYLER_CELLS
        if self.whole:
            styler._compute()

    def window(self, positions: Sequence[int], columns: list[int]) -> tuple[list[list[Any]], list[list[Any]]]:
        """For each row at ``positions`` and each data column position of ``columns`` (-1: an index column), its
        display text and CSS (or None)."""
        styler = self.styler
        data = styler.data
        if self.whole:
            ctx = styler.ctx
            spots = [int(p) for p in positions]
        else:
            sub = type(styler)(data.iloc[list(positions)])
            sub._todo = list(styler._todo)
            sub._compute()
            ctx = sub.ctx
            spots = list(range(len(positions)))
        text: list[list[Any]] = []
        css: list[list[Any]] = []
        funcs = styler._display_funcs
        for spot, position in zip(spots, positions):
            row_text: list[Any] = []
            row_css: list[Any] = []
            for column in columns:
                if column < 0:
                    row_text.append(None)
                    row_css.append(None)
                    continue
                value = data.iat[int(position), column]
                try:
                    shown = funcs[(int(position), column)](value)
                except Exception:  # a format that fails on this value: the value as it is
                    shown = None
                row_text.append(None if shown is None else _text(str(shown)))
                row_css.append(style_text(ctx.get((spot, column), ())))
            text.append(row_text)
            css.append(row_css)
        return text, css


# ---------------------------------------------------------------------------------------------------------------
# What the client shows: columns (configured), and windows of rows.
# ---------------------------------------------------------------------------------------------------------------

#: Rows the element carries at most for the first paint: a frame of at most this many rows comes whole (then its rows
#: are its identity: ``SessionFrames.data_id``); of a longer one, only the rows its height shows (:func:`rows_in_view`),
#: and the client asks for the others as they come into view. Column widths are estimated from this many rows.
FIRST_ROWS = 50
#: ``column_config`` widths in pixels.
WIDTHS = {"small": 75, "medium": 200, "large": 400}
#: Column types whose cells are drawn rather than written: their width does not follow their text.
DRAWN = {"checkbox": 60, "progress": 150, "image": 90, "line_chart": 150, "bar_chart": 150, "area_chart": 150,
         "audio": 200, "video": 120}
#: Options of a column type that go to the client (the rest: what the client has no use for).
CONFIG_OPTIONS = ("format", "min_value", "max_value", "step", "display_text", "y_min", "y_max", "color", "timezone",
                  "max_chars", "options", "button_type", "widget")


@dataclasses.dataclass
class Shown:
    """A column the client shows: which of the backend's, and its description on the wire."""

    source: int
    column: Column
    wire: dict[str, Any]
    #: Its ``column_config`` entry as a dict (``{}``: none), for what an element does beyond showing it (editing).
    settings: dict[str, Any] = dataclasses.field(default_factory=dict)


class Frame:
    """The data of a ``dataframe`` or ``table`` element: its shown columns and their cells, read by position (a
    :class:`porch.frames.Table`)."""

    def __init__(self, data: Any, backend: Backend, styler: Any, shown: list[Shown]) -> None:
        self.source = data
        self.backend = backend
        self.shown = shown
        self.row_count = backend.row_count
        self.column_count = len(shown)
        n_index = sum(1 for c in backend.columns if c.index)
        data_columns = len(backend.columns) - n_index
        self._style_columns = [-1 if s.column.index else s.source - n_index for s in shown]
        self._styles = StylerCells(styler, backend.row_count, data_columns) if styler is not None else None
        self.signature: object = None
        # The data: URLs of audio and video columns, by shown column and row position: served as the session's media.
        self._served = {j: served_cells(session_media(), backend.values(item.source, range(self.row_count)))
                        for j, item in enumerate(shown) if item.wire["type"] in MEDIA_COLUMNS}

    def window(self, positions: Sequence[int]) -> dict[str, Any]:
        read: dict[int, list[Any]] = {}
        for item in self.shown:
            if item.source not in read:
                dtype = item.column.dtype
                read[item.source] = [cell(v, dtype) for v in self.backend.values(item.source, positions)]
        columns = [read[item.source] for item in self.shown]
        count = len(columns[0]) if columns else len(positions)
        spots = positions.tolist() if hasattr(positions, "tolist") else list(positions)
        for j, served in self._served.items():
            columns[j] = [served.get(int(spot), value) for spot, value in zip(spots, columns[j])]
        result: dict[str, Any] = {
            "cells": [[column[i] for column in columns] for i in range(count)],
            "pos": [int(p) for p in spots],
        }
        if self._styles is not None:
            result["text"], result["css"] = self._styles.window(positions, self._style_columns)
        if any(item.wire["type"] == "markdown" for item in self.shown):
            result["html"] = markdown_cells(self.shown, result["cells"])
        return result

    def order(self, sort: Sequence[tuple[int, bool]]) -> Sequence[int]:
        return self.backend.order([(self.shown[column].source, descending) for column, descending in sort])


def markdown_cells(shown: list[Shown], rows: list[list[Any]]) -> list[list[str | None]]:
    """The HTML of each cell of a Markdown column in ``rows`` (as ``markdown`` renders it: raw HTML escaped), None
    for any other cell and for a missing value."""
    marked = [item.wire["type"] == "markdown" for item in shown]
    return [
        [markdown_html.render(str(value)) if marked[j] and value is not None else None for j, value in enumerate(row)]
        for row in rows
    ]


def _config_for(column: Column, position: int, config: Mapping[Any, Any]) -> tuple[bool, Any]:
    """(found, value) of a column in ``column_config``: by name, ``"_index"`` for an index column, or position."""
    if column.index and "_index" in config:
        return True, config["_index"]
    if not column.index and column.name is not None:
        for key in (column.name, str(column.name)):
            try:
                if key in config:
                    return True, config[key]
            except TypeError:
                continue
    if position in config:
        return True, config[position]
    return False, None


def _config_dict(value: Any, call: str, name: str) -> dict[str, Any] | None:
    """A ``column_config`` entry as a dict: None hides the column, a string is its label."""
    if value is None:
        return None
    if isinstance(value, str):
        return {"label": value}
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, ButtonColumnResult):  # a table that registers no clicks (``_button_column.split``)
        return dict(value.config)
    raise PorchAPIError(
        f"{call}: column_config[{name!r}] must be None, a label or a porch.column_config column, not {value!r}"
    )


def _width(value: Any, call: str, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value in WIDTHS:
        return WIDTHS[value]
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise PorchAPIError(f"{call}: the width of column {name!r} must be 'small', 'medium', 'large' or pixels, "
                        f"not {value!r}")


def _json_option(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()  # a step of a time or datetime column: seconds on the wire
    if isinstance(value, (list, tuple)):
        return [_json_option(v) for v in value[:MAX_LIST]]
    if isinstance(value, Mapping):  # an option with its label and colour ({"value", "label", "color"})
        return {str(key): _json_option(item) for key, item in value.items()}
    return str(value)


def frame_of(
    data: Any,
    call: str,
    *,
    hide_index: bool | None = None,
    column_order: Iterable[Any] | None = None,
    column_config: Mapping[Any, Any] | None = None,
    hide_range_index: bool = False,
    backend: Backend | None = None,
) -> Frame:
    """The frame of ``data`` with the columns the client shows, configured; raises PorchAPIError for data that is
    no table, or a configuration that does not fit. ``hide_range_index``: hide a plain 0..n-1 index unless
    ``hide_index`` says otherwise (Streamlit does when rows can be selected). ``backend``: one made for ``data``
    already (``_lazy_frames``: a LazyFrame read a window at a time), else :func:`backend_of` makes one."""
    styler: Any = None
    if backend is None and data is None:
        backend = RowsFrame([], [])
    elif backend is None:
        backend, styler = backend_of(data, call)
    if column_config is not None and not isinstance(column_config, Mapping):
        raise PorchAPIError(f"{call}: column_config must be a dict of column name to configuration, not "
                            f"{type(column_config).__name__}")
    config = column_config or {}
    order = None
    if column_order is not None:
        if isinstance(column_order, str):
            column_order = [column_order]
        order = [str(name) for name in column_order]
    hidden_index = hide_index if hide_index is not None else (hide_range_index and backend.range_index)
    index_shown: list[Shown] = []
    data_shown: dict[str, list[Shown]] = {}
    plain: list[Shown] = []
    for position, column in enumerate(backend.columns):
        found, value = _config_for(column, position, config)
        name = column.label or "_index"
        settings = _config_dict(value, call, name) if found else {}
        if settings is None or settings.get("hidden") is True:
            continue
        if column.index and hidden_index:
            continue
        kind = settings.get("type_config") or {}
        if not isinstance(kind, Mapping):
            kind = {}
        alignment = settings.get("alignment")
        wire = {
            "label": str(settings["label"]) if settings.get("label") is not None else column.label,
            "key": None if column.index else _label(column.name),
            "dtype": column.dtype,
            "type": kind.get("type"),
            "index": column.index,
            "width": _width(settings.get("width"), call, name),
            "help": None if settings.get("help") is None else str(settings["help"]),
            "pinned": column.index if settings.get("pinned") is None else bool(settings["pinned"]),
            "align": alignment if alignment in ("left", "center", "right") else None,
            "config": {key: _json_option(kind[key]) for key in CONFIG_OPTIONS if kind.get(key) is not None},
        }
        shown = Shown(position, column, wire, settings)
        if column.index:
            index_shown.append(shown)
        elif order is not None:
            data_shown.setdefault(_label(column.name), []).append(shown)
        else:
            plain.append(shown)
    if order is not None:
        plain = [dataclasses.replace(item, wire=dict(item.wire)) for name in order for item in data_shown.get(name, [])]
    columns = index_shown + plain
    columns.sort(key=lambda item: not item.wire["pinned"])  # pinned columns first (sort is stable)
    return Frame(data, backend, styler, columns)


def first_window(frame: Frame, rows: int = FIRST_ROWS) -> dict[str, Any]:
    """The first ``rows`` rows, and the widths of the columns the script left to the client's measure, estimated
    from them (pixels: about 8 per character of the header and of the widest cell)."""
    window = frame.window(range(min(rows, frame.row_count)))
    texts = window.get("text")
    for j, item in enumerate(frame.shown):
        wire = item.wire
        if wire["width"] is not None:
            continue
        if wire["type"] in DRAWN:
            wire["width"] = DRAWN[wire["type"]]
            continue
        longest = len(wire["label"]) + (2 if wire["help"] else 0)
        for i, row in enumerate(window["cells"]):
            shown = texts[i][j] if texts is not None and texts[i][j] is not None else row[j]
            longest = max(longest, _shown_length(shown, wire["dtype"]))
        least = 90 if wire["dtype"] in ("int", "float", "decimal") else 100 if wire["dtype"] == "str" else 60
        wire["width"] = max(least, min(400, 8 * longest + 26))
    frame.signature = json.dumps([item.wire for item in frame.shown], default=str, sort_keys=True)
    return window


def _shown_length(value: Any, dtype: str) -> int:
    if value is None:
        return 4
    if isinstance(value, float) and dtype == "float":
        return len(f"{value:.4f}".rstrip("0").rstrip("."))
    if isinstance(value, list):
        return min(40, len(json.dumps(value)))
    return len(str(value))


def rows_in_view(height: str | int, row_height: int) -> int:
    """How many rows an element of ``height`` shows before it scrolls (a row cut at its bottom edge counts), at most
    :data:`FIRST_ROWS`: "auto" shows ten, pixels what fits below the header (one row high), "content" and "stretch"
    as many as :data:`FIRST_ROWS` (their height is the page's to decide)."""
    if height == "auto":
        return 10
    if isinstance(height, int):
        return max(1, min(FIRST_ROWS, -(-(height - row_height) // row_height)))
    return FIRST_ROWS


def shown_props(
    frame: Frame, call: str, width: Any, height: Any, use_container_width: bool | None, row_height: Any,
    placeholder: Any,
) -> dict[str, Any]:
    """The props of a frame's element (``dataframe``, ``data_editor``) that show its data: checked here."""
    if use_container_width is True:
        width = "stretch"
    elif use_container_width is False and not isinstance(width, int):
        width = "content"
    checked_width = width_of(width, call)
    if isinstance(height, str) and height in HEIGHTS:
        checked_height: str | int = height
    elif isinstance(height, int) and not isinstance(height, bool) and height > 0:
        checked_height = height
    else:
        raise PorchAPIError(f"{call}: height must be 'auto', 'content', 'stretch' or a number of pixels, not "
                            f"{height!r}")
    if row_height is None:
        row_height = ROW_HEIGHT
    elif isinstance(row_height, bool) or not isinstance(row_height, int) or not 0 < row_height <= MAX_ROW_HEIGHT:
        raise PorchAPIError(f"{call}: row_height must be a number of pixels from 1 to {MAX_ROW_HEIGHT}, not "
                            f"{row_height!r}")
    window = first_window(frame)
    if frame.row_count > FIRST_ROWS:
        count = rows_in_view(checked_height, row_height)
        window = {key: value[:count] for key, value in window.items()}
    return {
        "columns": [item.wire for item in frame.shown],
        "rows": frame.row_count,
        "window": window,
        "width": checked_width,
        "height": checked_height,
        "row_height": row_height,
        "placeholder": None if placeholder is None else str(placeholder),  # None: the page shows "None"
    }
