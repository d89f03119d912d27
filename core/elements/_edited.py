"""What ``data_editor`` returns: the script's data with an edit state applied, in the type the script gave.

The edit state is Streamlit's (``{"edited_rows": {position: {name: value}}, "added_rows": [{name: value}],
"deleted_rows": [position]}``), its values as the client sent them (numbers, booleans, text, ISO dates and times,
None), already checked against the columns by the element's codec. :func:`edited` turns each value into the type of
its column's data (:func:`typed`: Streamlit's ``_parse_value``), then applies the edits to a copy of the data: cells
first, then deletions, then additions (as Streamlit does), and gives the result as Streamlit 1.67 does:

- a pandas DataFrame stays one; a Series stays a Series; an Index, a Styler or an extension array come back as a
  DataFrame. Column names become text (hierarchical ones joined with ``_``), as the edit state names them. Added rows
  continue a range index (or an integer one, from its greatest value + 1); another index needs the row's ``_index``.
- a polars DataFrame or LazyFrame comes back as a DataFrame, a Series as a Series;
- a pyarrow Table as a Table, a RecordBatch as a RecordBatch, an array as an array;
- a NumPy array as an array of the same shape (one dimension or two), its dtype widened where a value needs it
  (a missing value in integers makes floats, as pandas would);
- Python data as the same shape: a list, tuple or set of values; a list of dicts (records); a list of rows (lists);
  a dict of columns (lists), of columns keyed by row (dicts), or of values keyed by row; missing values as None;
- anything else Porch reads as a table (the interchange protocol, ``to_arrow()``, ``to_pandas()``) as a pandas
  DataFrame (a pyarrow Table without pandas); None as an empty pandas DataFrame (an empty list without pandas).

Only the libraries the data comes from are imported. :func:`fingerprint` is what the element's identity holds of the
data, as Streamlit's holds its bytes: other data, other edits.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import hashlib
import json
import re
import warnings
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from ..errors import PorchAPIError
from ._frames import ArrowFrame, Frame, NumpyFrame, PandasFrame, PolarsFrame, cell

#: The edit state's name for the index column.
INDEX = "_index"
#: Rows read at once when a fingerprint reads the data itself.
CHUNK = 10_000

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$"
)


# ---------------------------------------------------------------------------------------------------------------
# Values: ISO text to dates and times, and a client's value to the type of its column's data.
# ---------------------------------------------------------------------------------------------------------------


def moment(text: str) -> datetime.date | datetime.time | datetime.datetime:
    """An ISO date (``2024-05-01``), time (``08:30``, ``08:30:15.5``) or date and time (``2024-05-01T08:30``, with
    seconds, a fraction, ``Z`` or an offset); raises ValueError for anything else."""
    found = _DATE.match(text)
    if found:
        return datetime.date(*map(int, found.groups()))
    found = _TIME.match(text)
    if found:
        hour, minute, second, fraction = found.groups()
        return datetime.time(int(hour), int(minute), int(second or 0), _micro(fraction))
    found = _DATETIME.match(text)
    if found:
        year, month, day, hour, minute, second, fraction, zone = found.groups()
        tz = None
        if zone:
            if zone == "Z":
                tz = datetime.timezone.utc
            else:
                sign = -1 if zone[0] == "-" else 1
                digits = zone[1:].replace(":", "")
                tz = datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                 _micro(fraction), tzinfo=tz)
    raise ValueError(f"{text!r} is not an ISO date or time")


def _micro(fraction: str | None) -> int:
    return int((fraction or "0")[:6].ljust(6, "0"))


def as_date(value: Any) -> datetime.date:
    found = moment(value)
    return found.date() if isinstance(found, datetime.datetime) else _only(found, datetime.date)


def as_time(value: Any) -> datetime.time:
    found = moment(value)
    return found.time() if isinstance(found, datetime.datetime) else _only(found, datetime.time)


def as_datetime(value: Any) -> datetime.datetime:
    found = moment(value)
    if isinstance(found, datetime.datetime):
        return found
    if isinstance(found, datetime.date):
        return datetime.datetime.combine(found, datetime.time())
    return datetime.datetime.combine(datetime.date.today(), found)


def _only(found: Any, kind: type) -> Any:
    if not isinstance(found, kind):
        raise ValueError(f"{found!r} is not a {kind.__name__}")
    return found


def typed(value: Any, kind: str) -> Any:
    """A value of the edit state as the column's data holds it (``kind``: the data's type, see
    ``data_editor.KINDS``), as Streamlit's ``_parse_value``: text for a column of text whatever was entered, whole
    numbers for integers, ``Decimal`` for decimals, dates and times from their ISO text, durations from their seconds
    (to the microsecond)."""
    if value is None:
        return None
    if kind == "str":
        return value if isinstance(value, str) else str(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    if kind == "decimal":
        return decimal.Decimal(str(value))
    if kind == "datetime":
        return as_datetime(value)
    if kind == "date":
        return as_date(value)
    if kind == "time":
        return as_time(value)
    if kind == "timedelta" and isinstance(value, (int, float)) and not isinstance(value, bool):
        # A duration is edited as its number of seconds, as Streamlit's NumberColumn over durations sends it.
        return datetime.timedelta(seconds=value)
    return value


def _utc_wall(value: Any) -> Any:
    """An instant added to a column of times without a zone, in a library whose column cannot hold both (polars,
    NumPy): its time in UTC, as pyarrow makes it in Streamlit's round trip (its pandas keeps the instant, in a column
    of objects)."""
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def _missing(value: Any) -> bool:
    return cell(value, "object") is None


def _plain(value: Any) -> Any:
    """A value of Python data as Streamlit returns it: a missing one (NaN, NaT, NA) is None."""
    return None if _missing(value) else value


# ---------------------------------------------------------------------------------------------------------------
# The edit state, read for applying.
# ---------------------------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Edits:
    """An edit state with its values typed: cells by column, deleted positions, added rows."""

    #: name -> {position: value}
    cells: dict[str, dict[int, Any]]
    deleted: list[int]
    #: each added row: name -> value (the names the client gave)
    added: list[dict[str, Any]]
    #: cell edits left out, ``(position, name, value as sent)``: an instant (a time with a zone, as a
    #: ``DatetimeColumn(timezone=...)`` sends its edits) for a column of times without one. Streamlit 1.67's pandas
    #: refuses to put it there, and Streamlit ignores the edit with a warning in its log; so does Porch.
    dropped: list[tuple[int, str, Any]] = dataclasses.field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.cells or self.deleted or self.added)


def edits_of(state: Mapping[str, Any], kinds: Mapping[str, str], zoneless: Collection[str] = ()) -> Edits:
    """``state`` with its values typed (``kinds``: each column's data type by name). ``zoneless``: the date-time
    columns whose data hold times without a zone, where an edit with a zone is dropped (see :attr:`Edits.dropped`);
    an added row keeps it, as Streamlit's does (pandas makes the column one of objects)."""
    cells: dict[str, dict[int, Any]] = {}
    dropped: list[tuple[int, str, Any]] = []
    for row, changes in (state.get("edited_rows") or {}).items():
        for name, value in changes.items():
            value_typed = typed(value, kinds.get(name, "empty"))
            if name in zoneless and isinstance(value_typed, datetime.datetime) and value_typed.tzinfo is not None:
                dropped.append((int(row), name, value))
                continue
            cells.setdefault(name, {})[int(row)] = value_typed
    added = [
        {name: typed(value, kinds.get(name, "empty")) for name, value in row.items()}
        for row in state.get("added_rows") or []
    ]
    deleted = sorted({int(row) for row in state.get("deleted_rows") or []})
    return Edits(cells, deleted, added, dropped)


# ---------------------------------------------------------------------------------------------------------------
# The shape of the script's data, and the result in that shape.
# ---------------------------------------------------------------------------------------------------------------


def _module(value: Any) -> str:
    return type(value).__module__.split(".")[0]


def shape_of(data: Any) -> str:
    """What :func:`edited` gives back for ``data``: one of the shapes the module docstring lists."""
    module = _module(data)
    name = type(data).__name__
    if data is None:
        return "none"
    if module == "pandas":
        if name == "DataFrame":
            return "pandas"
        if name == "Series":
            return "pandas-series"
        return "pandas-other"
    if module == "polars":
        return "polars-series" if name == "Series" else "polars"
    if module == "pyarrow":
        if name == "Table":
            return "arrow"
        if name == "RecordBatch":
            return "arrow-batch"
        return "arrow-chunked" if name == "ChunkedArray" else "arrow-array"
    if module == "numpy" and name == "ndarray":
        return "numpy"
    if isinstance(data, Mapping):
        values = list(data.values())
        if not values:
            return "key-value"
        if all(isinstance(v, Mapping) for v in values):
            return "columns-dicts"
        if any(_module(v) == "pandas" and type(v).__name__ == "Series" for v in values):
            return "columns-series"
        if any(_list_like(v) for v in values):
            return "columns-lists"
        return "key-value"
    if isinstance(data, (list, tuple, set, frozenset, range)) or (
        isinstance(data, Iterable) and not isinstance(data, (str, bytes, bytearray))
        and not any(hasattr(data, n) for n in ("__dataframe__", "to_arrow", "to_pandas"))
    ):
        items = data if isinstance(data, (list, tuple)) else None
        if items is not None and items and all(isinstance(item, Mapping) for item in items):
            return "records"
        if items is not None and items and dataclasses.is_dataclass(items[0]) and not isinstance(items[0], type):
            return "records"
        if items is not None and items and all(_list_like(item) for item in items):
            return "rows"
        if isinstance(data, tuple):
            return "tuple"
        if isinstance(data, (set, frozenset)):
            return "set"
        return "list"
    return "other"


def _list_like(value: Any) -> bool:
    return isinstance(value, (list, tuple, range)) or type(value).__name__ in ("ndarray", "Series")


def edited(data: Any, shape: str, frame: Frame, edits: Edits, names: Mapping[str, int]) -> Any:
    """``data`` with ``edits`` (:func:`edits_of`) applied, in the type :func:`shape_of` named. ``names``: each
    column's backend position by its name in the edit state."""
    backend = frame.backend
    if shape == "none":
        try:
            import pandas as pd
        except ImportError:
            return []
        return pd.DataFrame()
    if isinstance(backend, PandasFrame):
        return _pandas(data, shape, backend.df, edits)
    if isinstance(backend, PolarsFrame):
        return _polars(shape, backend.df, edits)
    if isinstance(backend, ArrowFrame):
        result = _arrow(data, shape, backend.table, edits)
        if shape == "other":
            try:
                return result.to_pandas()
            except ImportError:
                return result
        return result
    if isinstance(backend, NumpyFrame):
        return _numpy(data, edits, names)
    return _python(shape, frame, edits, names)


# -- pandas -------------------------------------------------------------------------------------------------------


def _pandas(data: Any, shape: str, source: Any, edits: Edits) -> Any:
    import numpy as np
    import pandas as pd

    df = source.copy()
    if isinstance(df.columns, pd.MultiIndex):
        df.columns = ["_".join(map(str, name)) for name in df.columns.to_flat_index()]
    elif not all(isinstance(name, str) for name in df.columns):
        df.columns = [str(name) for name in df.columns]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, cells in edits.cells.items():
            if name == INDEX:
                labels = df.index.tolist()
                for row, value in cells.items():
                    labels[row] = value
                df.index = pd.Index(labels, name=df.index.name)
                continue
            j = df.columns.get_loc(name)
            for row, value in cells.items():
                _set_cell(pd, df, name, j, row, value)
        if edits.deleted:
            keep = np.ones(len(df), dtype=bool)
            keep[edits.deleted] = False
            df = df[keep]
        if edits.added:
            df = _pandas_added(pd, df, edits.added)
    if shape == "pandas-series":
        series = df.iloc[:, 0]
        series.name = data.name
        return series
    return df


def _set_cell(pd: Any, df: Any, name: str, j: int, row: int, value: Any) -> None:
    column = df[name]
    tz = getattr(column.dtype, "tz", None)
    if tz is not None and isinstance(value, datetime.datetime):
        stamp = pd.Timestamp(value)
        value = stamp.tz_localize(tz) if stamp.tzinfo is None else stamp.tz_convert(tz)
    try:
        df.iat[row, j] = value
        return
    except (TypeError, ValueError):
        pass
    if isinstance(column.dtype, pd.CategoricalDtype) and value is not None:
        df[name] = column.cat.add_categories([value])
    else:
        df[name] = column.astype(object)
    df.iat[row, j] = value


def _pandas_added(pd: Any, df: Any, rows: list[dict[str, Any]]) -> Any:
    index = df.index
    stop: int | None = None
    step = 1
    is_range = isinstance(index, pd.RangeIndex)
    if is_range:
        stop, step = index.stop, index.step
    elif pd.api.types.is_integer_dtype(index.dtype):
        stop = 0 if index.empty else int(index.max()) + 1
    labels: list[Any] = []
    kept: list[dict[str, Any]] = []
    for row in rows:
        label = row.get(INDEX)
        if label is not None and not is_range:
            labels.append(label)
        elif stop is not None:
            labels.append(stop)
            stop += step
        else:  # no value for an index that does not count: Streamlit skips the row too
            continue
        kept.append(row)
    if not kept:
        return df
    new_index = pd.Index(labels, name=index.name)
    columns = {name: _pandas_column(pd, df[name], [row.get(name) for row in kept], new_index) for name in df.columns}
    added = pd.DataFrame(columns, index=new_index)
    return pd.concat([df, added])


def _pandas_column(pd: Any, column: Any, values: list[Any], index: Any) -> Any:
    dtype = column.dtype
    tz = getattr(dtype, "tz", None)
    if tz is not None:
        values = [
            (pd.Timestamp(v).tz_localize(tz) if pd.Timestamp(v).tzinfo is None else pd.Timestamp(v).tz_convert(tz))
            if isinstance(v, datetime.datetime) else v for v in values
        ]
    if isinstance(dtype, pd.CategoricalDtype):
        new = [v for v in values if v is not None and v not in dtype.categories]
        if new:
            dtype = pd.CategoricalDtype([*dtype.categories, *dict.fromkeys(new)], ordered=dtype.ordered)
    missing = any(v is None for v in values)
    if missing and pd.api.types.is_integer_dtype(dtype) and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        dtype = "float64"
    if missing and pd.api.types.is_bool_dtype(dtype) and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        dtype = object
    try:
        return pd.Series(values, dtype=dtype, index=index)
    except (TypeError, ValueError, OverflowError):
        return pd.Series(values, dtype=object, index=index)


# -- polars -------------------------------------------------------------------------------------------------------


def _polars(shape: str, df: Any, edits: Edits) -> Any:
    import polars as pl

    for name, cells in edits.cells.items():
        column = df.get_column(name)
        try:
            changed = column.clone()
            changed.scatter(list(cells), list(cells.values()))
        except Exception:  # a value the column's type does not take (a Null column): read it as Python values
            values = column.to_list()
            for row, value in cells.items():
                values[row] = value
            changed = pl.Series(name, values, strict=False)
        df = df.with_columns(changed)
    if edits.deleted:
        df = df.filter(~pl.int_range(pl.len()).is_in(edits.deleted))
    if edits.added:
        columns = []
        for name, dtype in df.schema.items():
            values = [row.get(name) for row in edits.added]
            if isinstance(dtype, pl.Datetime) and dtype.time_zone is None:
                values = [_utc_wall(value) for value in values]
            try:
                columns.append(pl.Series(name, values, dtype=dtype))
            except Exception:
                columns.append(pl.Series(name, values, strict=False))
        df = pl.concat([df, pl.DataFrame(columns)], how="vertical_relaxed")
    return df.to_series(0) if shape == "polars-series" else df


# -- pyarrow ------------------------------------------------------------------------------------------------------


def _arrow(data: Any, shape: str, table: Any, edits: Edits) -> Any:
    import pyarrow as pa

    errors = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError, OverflowError)
    for name, cells in edits.cells.items():
        i = table.schema.get_field_index(name)
        field = table.schema.field(i)
        values = table.column(i).to_pylist()
        for row, value in cells.items():
            values[row] = value
        try:
            array = pa.array(values, type=field.type)
        except errors:
            array = pa.array(values)
            field = pa.field(name, array.type)
        table = table.set_column(i, field, array)
    if edits.deleted:
        gone = set(edits.deleted)
        table = table.filter(pa.array([i not in gone for i in range(table.num_rows)], type=pa.bool_()))
    if edits.added:
        rows = [{name: row.get(name) for name in table.schema.names} for row in edits.added]
        try:
            added = pa.Table.from_pylist(rows, schema=table.schema)
        except errors:
            added = pa.Table.from_pylist(rows)
        table = pa.concat_tables([table, added], promote_options="permissive")
    if shape == "arrow-batch":
        table = table.combine_chunks()
        batches = table.to_batches()
        return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=table.schema)
    if shape == "arrow-array":
        return table.column(0).combine_chunks()
    if shape == "arrow-chunked":
        return table.column(0)
    return table


# -- NumPy --------------------------------------------------------------------------------------------------------


def _numpy(data: Any, edits: Edits, names: Mapping[str, int]) -> Any:
    import numpy as np

    flat = data.ndim == 1
    result = (data.reshape(-1, 1) if flat else data).copy()
    changes = [(row, names[name] - 1, value) for name, cells in edits.cells.items() for row, value in cells.items()]
    width = result.shape[1]
    rows = [[row.get(name) for name, _ in sorted(names.items(), key=lambda item: item[1]) if name != INDEX]
            for row in edits.added]
    rows = [row + [None] * (width - len(row)) for row in rows]
    if result.dtype.kind == "M":
        rows = [[_utc_wall(value) for value in new_row] for new_row in rows]
    values = [value for _, _, value in changes] + [value for new_row in rows for value in new_row]
    result = result.astype(_dtype_for(np, result.dtype, values), copy=False)
    for position, column, value in changes:
        result[position, column] = _numpy_value(np, result.dtype, value)
    if edits.deleted:
        result = np.delete(result, edits.deleted, axis=0)
    if rows:
        added = np.empty((len(rows), width), dtype=result.dtype)
        for i, new_row in enumerate(rows):
            for j, value in enumerate(new_row):
                added[i, j] = _numpy_value(np, result.dtype, value)
        result = np.concatenate([result, added])
    return result[:, 0] if flat else result


def _dtype_for(np: Any, dtype: Any, values: list[Any]) -> Any:
    """The dtype that holds ``dtype``'s values and ``values``: integers with a missing value become floats, booleans
    with one objects, text wider than the array's widens it."""
    missing = any(v is None for v in values)
    kind = dtype.kind
    if kind in "iu" and missing:
        return np.dtype("float64")
    if kind == "b" and missing:
        return np.dtype(object)
    if kind in "US":
        if missing:
            return np.dtype(object)
        longest = max((len(str(v)) for v in values), default=0)
        size = dtype.itemsize // (4 if kind == "U" else 1)
        if longest > size:
            return np.dtype(f"{'<U' if kind == 'U' else 'S'}{longest}")
    return dtype


def _numpy_value(np: Any, dtype: Any, value: Any) -> Any:
    if value is not None:
        return value
    kind = dtype.kind
    if kind == "f" or kind == "c":
        return np.nan
    if kind in "Mm":
        return np.datetime64("NaT") if kind == "M" else np.timedelta64("NaT")
    return None


# -- Python data --------------------------------------------------------------------------------------------------


def _python(shape: str, frame: Frame, edits: Edits, names: Mapping[str, int]) -> Any:
    backend = frame.backend
    n = backend.row_count
    count = len(backend.columns)
    everything = range(n)
    index = None if backend.range_index else backend.values(0, everything)
    columns = [backend.values(c, everything) for c in range(1, count)]
    labels = [str(column.name) for column in backend.columns[1:]]
    for name, cells in edits.cells.items():
        target = index if name == INDEX else columns[names[name] - 1]
        if target is None:
            continue
        for row, value in cells.items():
            target[row] = value
    if edits.deleted:
        gone = set(edits.deleted)
        keep = [i for i in everything if i not in gone]
        columns = [[column[i] for i in keep] for column in columns]
        index = None if index is None else [index[i] for i in keep]
    if edits.added:
        counting = index is not None and all(isinstance(v, int) and not isinstance(v, bool) for v in index)
        following = (max(index) + 1 if index else 0) if counting and index is not None else None
        for added in edits.added:
            if index is not None:
                label = added.get(INDEX)
                if label is None and following is not None:
                    label, following = following, following + 1
                elif label is None:  # no value for an index that does not count: Streamlit skips the row too
                    continue
                index.append(label)
            for j, column in enumerate(columns):
                column.append(added.get(labels[j]))
    columns = [[_plain(v) for v in column] for column in columns]
    rows = len(columns[0]) if columns else (len(index) if index is not None else 0)
    keys = index if index is not None else list(range(rows))
    if shape in ("list", "tuple", "set"):
        values = columns[0] if columns else []
        return tuple(values) if shape == "tuple" else set(values) if shape == "set" else list(values)
    if shape == "records":
        return [{label: column[i] for label, column in zip(labels, columns)} for i in range(rows)]
    if shape == "rows":
        return [[column[i] for column in columns] for i in range(rows)]
    if shape == "columns-lists":
        return {label: column for label, column in zip(labels, columns)}
    if shape == "columns-dicts":
        return {label: dict(zip(keys, column)) for label, column in zip(labels, columns)}
    if shape == "key-value":
        return dict(zip(keys, columns[0])) if columns else {}
    if shape == "columns-series":
        import pandas as pd

        return {label: pd.Series(column, index=keys, name=label) for label, column in zip(labels, columns)}
    raise PorchAPIError(f"data_editor cannot give back data of type {shape}")


# ---------------------------------------------------------------------------------------------------------------
# Fingerprints.
# ---------------------------------------------------------------------------------------------------------------


def fingerprint(frame: Frame) -> str:
    """A digest of the frame's data (its columns, types and every value): the same for equal data, another for other
    data (with rare collisions where a library's own row hashes are used)."""
    backend = frame.backend
    digest = hashlib.blake2b(digest_size=12)
    head = [type(backend).__name__, backend.row_count, [(str(c.name), c.dtype, c.index) for c in backend.columns]]
    digest.update(json.dumps(head, default=str).encode())
    try:
        _feed(digest, backend)
    except Exception:  # a library that cannot hash these values (lists in cells...): read them
        _feed_values(digest, frame)
    return digest.hexdigest()


def _feed(digest: Any, backend: Any) -> None:
    if isinstance(backend, PandasFrame):
        import pandas as pd

        digest.update(pd.util.hash_pandas_object(backend.df, index=True).to_numpy().tobytes())
    elif isinstance(backend, NumpyFrame):
        if backend.array.dtype.kind == "O":
            raise TypeError("objects")
        import numpy as np

        digest.update(np.ascontiguousarray(backend.array).tobytes())
    elif isinstance(backend, ArrowFrame):
        for column in backend.table.columns:
            for chunk in column.chunks:
                digest.update(f"{chunk.offset}:{len(chunk)}".encode())
                for buffer in chunk.buffers():
                    if buffer is not None:
                        digest.update(memoryview(buffer))
    elif isinstance(backend, PolarsFrame):
        if backend.df.width:
            _feed(digest, ArrowFrame(_arrow_table(backend.df.hash_rows(seed=0).to_arrow())))
    else:
        raise TypeError("read the values")


def _arrow_table(array: Any) -> Any:
    import pyarrow as pa

    return pa.table({"h": array})


def _feed_values(digest: Any, frame: Frame) -> None:
    backend = frame.backend
    for start in range(0, backend.row_count, CHUNK):
        positions = range(start, min(backend.row_count, start + CHUNK))
        for c, column in enumerate(backend.columns):
            values = [cell(v, column.dtype) for v in backend.values(c, positions)]
            digest.update(json.dumps(values, default=str).encode())


def json_value(value: Any) -> Any:
    """A script's value (a ``column_config`` default or option, a value given through AppTest) as the edit state
    holds it: JSON-ready (dates and times as ISO text, NumPy scalars as Python ones, decimals as numbers)."""
    if hasattr(value, "item") and hasattr(value, "dtype") and not hasattr(value, "__len__"):
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    if isinstance(value, decimal.Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if _missing(value):
        return None
    return value
