"""``dataframe``'s ``lazy``, as Streamlit 1.67 reads it (its ``dataframe/lazy_df_source.py``), where a script can tell.

Porch reads every table's rows as the page shows them (``porch.frames``): a frame in memory never travels whole,
whatever ``lazy`` says, and search and download keep working (they walk the server's windows, where Streamlit's page
turns them off for a lazy table). What ``lazy`` changes is what a script can tell apart:

- ``lazy=True`` refuses what Streamlit's refuses, with its messages (:func:`check_lazy`): a Styler, a selection
  (``on_select``), multi-level (``MultiIndex``) column headers, an unevaluated object Streamlit has no lazy reader for
  (Spark, Snowpark, Modin, Dask, DuckDB relations, DB-API cursors, generator functions).
- A polars ``LazyFrame`` that Streamlit reads lazily (more than 10,000 rows by default, more than 1,000 with
  ``lazy=True``) is read a window at a time, never collected whole (:class:`LazyPolarsFrame`).
- Every other unevaluated object (a smaller LazyFrame, one with ``lazy=False`` or under a selection, a Spark, Snowpark,
  Dask or Modin frame, a DuckDB relation, a DB-API cursor, a generator function) shows Streamlit's capped preview, as
  in every element that takes data: its first 10,000 rows, with Streamlit's caption before the table when that many
  were read (``_preview``).
- Under AppTest, as in Streamlit's, every table is read eagerly: a LazyFrame shows its preview whatever its size, and
  ``lazy=True`` refuses a Styler, a selection and MultiIndex headers only.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from ..errors import PorchAPIError
from ._frames import Backend, Column, _label, _polars_dtype, by_keys, python_order
from ._preview import is_unevaluated

#: Rows above which Streamlit reads an unevaluated object (a LazyFrame) lazily by default (``lazy=None``): its
#: ``_MAX_UNEVALUATED_DF_ROWS``.
AUTO_LAZY_ROWS = 10_000
#: Rows at or below which ``lazy=True`` still reads eagerly (Streamlit's ``FORCED_LAZY_MIN_ROWS``).
FORCED_LAZY_MIN_ROWS = 1_000
#: The row number a LazyFrame's windows and orders are read with (a name no frame is expected to hold).
_ROW = "__porch_row"


def _is_styler(data: Any) -> bool:
    style = sys.modules.get("pandas.io.formats.style")
    return style is not None and isinstance(data, style.Styler)


def _has_multi_level_columns(data: Any) -> bool:
    """Multi-level column headers: a pandas MultiIndex, or a pyarrow Table made from one (its pandas metadata)."""
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(data, pd.DataFrame):
        return isinstance(data.columns, pd.MultiIndex)
    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(data, pa.Table):
        metadata = data.schema.pandas_metadata
        return metadata is not None and len(metadata.get("column_indexes", [])) > 1
    return False


def _is_lazyframe(data: Any) -> bool:
    pl = sys.modules.get("polars")
    return pl is not None and isinstance(data, pl.LazyFrame)


def check_lazy(data: Any, lazy: bool | None, *, selecting: bool, apptest: bool, call: str) -> None:
    """Raise what Streamlit's ``lazy=True`` raises for ``data``, in its order and with its messages (``apptest``:
    under AppTest, where Streamlit's reads every table eagerly and so refuses no unevaluated object)."""
    if lazy is not True or data is None:
        return
    if _is_styler(data):
        raise PorchAPIError(
            "`lazy=True` is not supported for `pandas.Styler` objects. Styler output is tied to the fully materialized "
            "table. Remove `lazy=True` or pass the underlying dataframe instead."
        )
    if selecting:
        raise PorchAPIError(
            "`lazy=True` and `on_select` cannot be used together. Lazy dataframes cannot use position-based selection "
            'in this version. Set `on_select="ignore"` or remove `lazy=True`.'
        )
    if _has_multi_level_columns(data):
        raise PorchAPIError(
            "`lazy=True` is not supported for dataframes with multi-level (`MultiIndex`) column headers. Flatten the "
            "column headers or set `lazy=False`."
        )
    if not apptest and not _is_lazyframe(data) and is_unevaluated(data):
        raise PorchAPIError(
            "`lazy=True` is not supported for this object because no lazy adapter is available for it yet. Remove "
            "`lazy=True` to use the default preview behavior, or convert it to a pandas/Polars dataframe first."
        )


def lazy_backend(data: Any, lazy: bool | None, *, selecting: bool, apptest: bool) -> Backend | None:
    """A backend that reads ``data`` a window at a time, where Streamlit reads it lazily: a polars LazyFrame of more
    than :data:`AUTO_LAZY_ROWS` rows (:data:`FORCED_LAZY_MIN_ROWS` with ``lazy=True``), not under a selection nor
    under AppTest (``apptest``). None: read ``data`` as any other (a LazyFrame previewed: ``_preview``)."""
    if lazy is False or selecting or apptest or not _is_lazyframe(data):
        return None
    backend = LazyPolarsFrame(data)
    least = FORCED_LAZY_MIN_ROWS if lazy else AUTO_LAZY_ROWS
    return backend if backend.row_count > least else None


class LazyPolarsFrame:
    """A polars LazyFrame, never collected whole: its row count counted, each window of rows read with ``slice`` (or,
    in a sorted view, the rows at its positions with a filter on the row number), an order from the sort keys and the
    row number alone. The last window read is kept, since a window is read a column at a time."""

    range_index = False

    def __init__(self, lf: Any) -> None:
        import polars as pl

        self.lf = lf
        schema = lf.collect_schema()
        self.columns = [Column(name, _label(name), _polars_dtype(dtype), False) for name, dtype in schema.items()]
        self._names: list[str] = list(schema.names())
        self.row_count = int(lf.select(pl.len()).collect().item())
        self._last: tuple[object, Any] | None = None

    def _rows(self, positions: Sequence[int]) -> Any:
        """The rows at ``positions``, in that order, as a polars DataFrame."""
        import polars as pl

        if isinstance(positions, range) and positions.step == 1:
            key: object = ("slice", positions.start, positions.stop)
        else:
            wanted = [int(p) for p in positions]
            key = ("at", tuple(wanted))
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        if isinstance(positions, range) and positions.step == 1:
            rows = self.lf.slice(positions.start, len(positions)).collect()
        else:
            found = self.lf.with_row_index(_ROW).filter(pl.col(_ROW).is_in(wanted)).collect()
            at = {int(row): k for k, row in enumerate(found[_ROW].to_list())}
            rows = found.drop(_ROW).select(pl.all().gather([at[p] for p in wanted]))
        self._last = (key, rows)
        return rows

    def values(self, column: int, positions: Sequence[int]) -> list[Any]:
        values: list[Any] = self._rows(positions).to_series(column).to_list()
        return values

    def order(self, keys: Sequence[tuple[int, bool]]) -> Sequence[int]:
        import polars as pl

        names = [f"k{i}" for i in range(len(keys))]
        picked = [pl.col(self._names[column]).alias(name) for (column, _), name in zip(keys, names)]
        try:
            ordered = (
                self.lf.with_row_index(_ROW).select([pl.col(_ROW), *picked])
                .sort(names, descending=[descending for _, descending in keys], nulls_last=True, maintain_order=True)
                .select(_ROW).collect()
            )
        except pl.exceptions.PolarsError:  # values polars cannot sort: sorted in Python, a key column at a time
            columns: dict[int, list[Any]] = {}

            def single(column: int, positions: Sequence[int], descending: bool) -> Sequence[int]:
                if column not in columns:
                    columns[column] = self.lf.select(pl.col(self._names[column])).collect().to_series().to_list()
                values = columns[column]
                return python_order([values[int(p)] for p in positions], descending)

            return by_keys(self, keys, single)
        order: Sequence[int] = ordered[_ROW].to_numpy()
        return order

    def to_pandas(self) -> Any:
        return self.lf.collect().to_pandas()
