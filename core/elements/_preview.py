"""Streamlit's capped preview of unevaluated data, for every element that takes data.

An unevaluated object holds no rows in memory: a polars LazyFrame, a Spark, Snowpark, Dask or Modin frame, a DuckDB
relation, a DB-API cursor, a generator function (Streamlit 1.67's ``is_unevaluated_data_object``). Streamlit reads
the first rows of such an object by the object's own means (``dataframe_util.convert_anything_to_pandas_df`` with
``max_unevaluated_rows``: 10,000, or 100 for ``table``) and, when it read that many, says so in a caption of the main
area before the element: "⚠️ Showing only 10k rows. Call `collect()` on the dataframe to show more." It does so in
``dataframe``, ``table``, ``data_editor``, the built-in charts, ``vega_lite_chart`` and ``altair_chart`` data,
``map``, ``echarts_chart`` datasets and component arguments; :func:`evaluated` is that step here, called once per
element on the data it was given (``_frames.backend_of`` calls it, so every reader of data does).

Only ``dataframe`` reads some of them otherwise: a LazyFrame Streamlit reads lazily (``_lazy_frames``).
"""

from __future__ import annotations

import inspect
import itertools
import sys
from collections.abc import Callable
from typing import Any

from ..protocol import ROOT_MAIN, ROOTS
from ._place import Block
from .markdown import caption

#: Rows Streamlit reads of an unevaluated object it shows, its capped preview (``_MAX_UNEVALUATED_DF_ROWS``).
PREVIEW_ROWS = 10_000


def type_name(data: Any) -> str:
    """The full name of ``data``'s type, as Streamlit tells the unevaluated objects apart (its ``is_type``)."""
    kind = type(data)
    return f"{kind.__module__}.{kind.__qualname__}"


def is_dbapi_cursor(data: Any) -> bool:
    """A DB-API 2.0 cursor (PEP 249): ``description``, ``fetchmany`` and ``fetchall``."""
    return (
        not isinstance(data, type) and hasattr(data, "description") and callable(getattr(data, "fetchmany", None))
        and callable(getattr(data, "fetchall", None))
    )


def _frame_of_head(head: Any) -> Any:
    """A pandas Series or Index (what a Dask or Modin head may be) as a frame, as Streamlit's preview takes it."""
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(head, (pd.Series, pd.Index)):
        return head.to_frame()
    return head


def _cursor_rows(cursor: Any, rows: int) -> Any:
    """A cursor's first ``rows`` rows, the columns named by its description (as Streamlit reads a cursor): a pandas
    DataFrame, as Streamlit's (so ``data_editor`` gives one back), or without pandas a dict of columns."""
    names = [column[0] for column in cursor.description or []]
    fetched = cursor.fetchmany(rows)
    try:
        import pandas as pd
    except ImportError:
        return {name: [row[j] for row in fetched] for j, name in enumerate(names)}
    return pd.DataFrame([tuple(row) for row in fetched], columns=names or None)


#: How Streamlit previews the unevaluated objects it knows by type (``convert_anything_to_pandas_df``): the first
#: rows, read by the object's own means, and the end of its caption when the preview holds all it read.
_LAZYFRAME = "polars.lazyframe.frame.LazyFrame"
_PREVIEWS: dict[str, tuple[Callable[[Any, int], Any], str]] = {
    _LAZYFRAME: (
        lambda data, rows: data.limit(rows).collect(), "Call `collect()` on the dataframe to show more."
    ),
    **dict.fromkeys(
        [f"dask.dataframe.{module}.{name}" for module in ("dask_expr._collection", "core")
         for name in ("DataFrame", "Series", "Index")],
        (lambda data, rows: _frame_of_head(data.head(rows, compute=True)),
         "Call `compute()` on the data object to show more."),
    ),
    **dict.fromkeys(
        ["modin.pandas.dataframe.DataFrame", "modin.pandas.series.Series"],
        (lambda data, rows: _frame_of_head(data.head(rows)._to_pandas()),
         "Call `_to_pandas()` on the data object to show more."),
    ),
    **dict.fromkeys(
        ["pyspark.sql.dataframe.DataFrame", "pyspark.sql.connect.dataframe.DataFrame"],
        (lambda data, rows: data.limit(rows).toPandas(), "Call `toPandas()` on the data object to show more."),
    ),
    **dict.fromkeys(
        ["snowflake.snowpark.modin.pandas.dataframe.DataFrame", "snowflake.snowpark.modin.pandas.series.Series",
         "snowflake.snowpark.modin.plugin.extensions.index.Index"],
        (lambda data, rows: _frame_of_head(data[:rows].to_pandas()),
         "Call `to_pandas()` on the data object to show more."),
    ),
    **dict.fromkeys(
        ["snowflake.snowpark.dataframe.DataFrame", "snowflake.snowpark.table.Table"],
        (lambda data, rows: data.limit(rows).to_pandas(), "Call `to_pandas()` on the data object to show more."),
    ),
    **dict.fromkeys(
        ["duckdb._relation.DuckDBPyRelation", "_duckdb.DuckDBPyRelation", "duckdb.duckdb.DuckDBPyRelation"],
        (lambda data, rows: data.limit(rows).df(), "Call `df()` on the relation to show more."),
    ),
}


def is_unevaluated(data: Any) -> bool:
    """One of the unevaluated objects Streamlit previews (its ``is_unevaluated_data_object``)."""
    return type_name(data) in _PREVIEWS or is_dbapi_cursor(data) or inspect.isgeneratorfunction(data)


def _simplified(number: int) -> str:
    """``number`` as Streamlit's captions write it (its ``string_util.simplify_number``): 10000 is "10k"."""
    value = float(f"{number:.2g}")
    magnitude = 0
    while abs(value) >= 1000 and magnitude < 4:
        magnitude += 1
        value /= 1000.0
    return f"{value:f}".rstrip("0").rstrip(".") + ["", "k", "m", "b", "t"][magnitude]


def _row_count(data: Any) -> int:
    """The rows of a preview: a pandas or polars frame's, a dict of columns' or a list's."""
    if isinstance(data, dict):
        return len(next(iter(data.values()), []))
    shape = getattr(data, "shape", None)
    return int(shape[0]) if shape is not None else len(data)


def preview_of(data: Any, rows: int = PREVIEW_ROWS, *, as_arrow: bool = False) -> tuple[Any, str | None] | None:
    """Streamlit's capped preview of an unevaluated object: its first ``rows`` rows, in memory (a pandas or polars
    frame, or a list of a generator's items), and the caption Streamlit shows before the element when it read that
    many (its test: exactly that many, so a cursor of 10,000 rows has it too), else None. None for any other data.

    ``as_arrow``: read as Streamlit's ``convert_anything_to_arrow_bytes`` reads (``vega_lite_chart``,
    ``altair_chart`` and ``echarts_chart`` data): a polars LazyFrame one row beyond the preview, captioned only when
    it held more than ``rows`` (its ``collect_polars_lazyframe``)."""
    name = type_name(data)
    if as_arrow and name == _LAZYFRAME:
        head = data.limit(rows + 1).collect()
        capped = head.height > rows
        note = f"⚠️ Showing only {_simplified(rows)} rows. {_PREVIEWS[name][1]}" if capped else None
        return (head.head(rows) if capped else head), note
    if name in _PREVIEWS:
        read, hint = _PREVIEWS[name]
        head = read(data, rows)
    elif is_dbapi_cursor(data):
        head, hint = _cursor_rows(data, rows), "Call `fetchall()` on the Cursor to show more."
    elif inspect.isgeneratorfunction(data):
        head, hint = list(itertools.islice(data(), rows)), "Convert the data to a list to show more."
    else:
        return None
    capped = _row_count(head) == rows
    return head, f"⚠️ Showing only {_simplified(rows)} rows. {hint}" if capped else None


def evaluated(data: Any, rows: int = PREVIEW_ROWS, *, as_arrow: bool = False) -> Any:
    """``data``, or for an unevaluated object its preview (:func:`preview_of`, ``as_arrow`` as there), with
    Streamlit's caption shown before the element when the preview is capped. Runs in the script's thread, as the
    element calling it."""
    preview = preview_of(data, rows, as_arrow=as_arrow)
    if preview is None:
        return data
    head, note = preview
    if note is not None:
        # Where Streamlit's goes: its main container, that is the innermost `with` block (as `porch.caption`).
        caption(Block(path=(ROOT_MAIN,), place=ROOTS[ROOT_MAIN], follows_with=True), note)
    return head
