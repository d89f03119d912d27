"""``grid_cell``: one cell of a ``grid`` holding several elements, or spanning columns and rows (opened by
``grid.cell()`` only, :class:`porch.elements.grid.GridBlock`)."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from ..errors import PorchAPIError
from ._place import Block, open_block

#: What ``column_span`` takes: a number of columns, or "all" (a row of its own).
ColumnSpan = int | Literal["all"]


class Props(TypedDict):
    #: Columns it spans (at most the columns shown), or "all".
    column_span: int | str
    #: Rows it spans.
    row_span: int


def grid_cell(grid: Block, *, column_span: Any, row_span: Any, columns: int | str) -> Block:
    """Open the next cell of ``grid`` (whose ``columns`` a ``column_span`` may not exceed when it is a number)."""
    call = "grid().cell()"
    if isinstance(column_span, str) and column_span == "all":
        span: int | str = "all"
    elif isinstance(column_span, bool) or not isinstance(column_span, int) or not 1 <= column_span < 2**32:
        raise PorchAPIError(f"{call}: column_span must be 'all' or a positive whole number, not {column_span!r}")
    elif isinstance(columns, int) and column_span > columns:
        raise PorchAPIError(f"{call}: column_span must be from 1 to the grid's {columns} columns, not {column_span}")
    else:
        span = column_span
    if isinstance(row_span, bool) or not isinstance(row_span, int) or not 1 <= row_span < 2**32:
        raise PorchAPIError(f"{call}: row_span must be a positive whole number, not {row_span!r}")
    props: Props = {"column_span": span, "row_span": row_span}
    return open_block(grid, "grid_cell", "", props)
