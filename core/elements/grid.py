"""``grid``: a block whose children are laid out in equal columns (CSS grid), each child one cell in the order written,
as many columns as the width allows (at most ``columns``). What it returns is a container, as Streamlit 1.67's
``GridContainer``: write into it with ``with grid:`` or ``grid.metric(...)``; its ``cell()`` opens a ``grid_cell`` that
groups several elements in one cell or spans columns and rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Protocol, TypedDict, TypeVar, cast

from ..errors import PorchAPIError
from ._layout import GAPS, Height, choice_of, height_of, width_of
from ._place import Block, open_block
from .grid_cell import ColumnSpan, grid_cell

#: The most columns a grid has (``columns`` at most; "auto" at most this many too), as in Streamlit.
MAX_COLUMNS = 24
ALIGNMENTS = ("top", "center", "bottom")
#: One gap: a size's name, pixels, or None (no gap).
Gap = int | Literal["xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge"] | None
#: What ``gap`` takes: one gap for rows and columns, or ``(row_gap, column_gap)``.
GridGap = Gap | tuple[Gap, Gap] | list[Gap]
#: What a grid's ``width`` takes: "stretch" or pixels.
GridWidth = int | Literal["stretch"]

Place = TypeVar("Place", covariant=True)


class Props(TypedDict):
    #: The most columns (1 to 24), or "auto": as many as fit ``min_column_width`` (at most 24).
    columns: int | str
    #: Pixels, or "auto" (200 px): a column is never narrower while the grid wraps.
    min_column_width: int | str
    #: Fewer columns on a narrow grid; False: always ``columns``, scrolling sideways when they do not fit.
    wrap: bool
    #: Between rows, and between columns: "xxsmall" to "xxlarge", pixels, or None (no gap).
    row_gap: str | int | None
    column_gap: str | int | None
    #: Where a cell's content sits in its cell: "top", "center" or "bottom" (the cell itself fills its row).
    vertical_alignment: str
    #: A border around each cell.
    border: bool
    #: "content" (each row as tall as its tallest cell) or pixels (every row; a taller cell scrolls).
    row_height: str | int
    #: "stretch" or pixels.
    width: str | int
    #: "content", "stretch" or pixels (it scrolls beyond them).
    height: str | int
    #: Later cells fill holes left by spanning cells (out of source order on screen).
    dense: bool


class GridBlock(Block):
    """What ``grid`` returns: a container whose ``cell()`` opens a cell.

    A subclass joins this to a container class (``porch.api.container.GridContainer``); a grid opened in a place of
    another class gets such a subclass made for it, once. Its children are places of the plain class.
    """

    #: The grid's ``columns``: a cell may span at most that many when it is a number.
    _columns: int | str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        plain = next(b for b in cls.__mro__[1:] if issubclass(b, Block) and not issubclass(b, GridBlock))
        cls._plain = plain
        _GRID_TYPES.setdefault(plain, cls)

    def cell(self, *, column_span: ColumnSpan = 1, row_span: int = 1) -> Block:
        """Open the next cell of the grid, to group several elements in one cell (``with grid.cell(): ...``) or to
        span tracks: ``column_span`` is a number of columns (1 by default; at most the grid's ``columns`` when that
        is a number; on a grid showing fewer columns it spans them all) or "all" (a row of its own); ``row_span`` a
        number of rows. Return the cell, a container to write into."""
        return grid_cell(self, column_span=column_span, row_span=row_span, columns=self._columns)


#: The grid class for each plain container class.
_GRID_TYPES: dict[type[Block], type[GridBlock]] = {}


def _grid_type(plain: type[Block]) -> type[GridBlock]:
    found = _GRID_TYPES.get(plain)
    if found is None:
        found = type(f"Grid{plain.__name__}", (GridBlock, plain), {"__module__": plain.__module__})
    return found


def grid(
    place: Block,
    columns: int | Literal["auto"] = "auto",
    *,
    min_column_width: int | Literal["auto"] = "auto",
    wrap: bool = True,
    gap: GridGap = "small",
    vertical_alignment: Literal["top", "center", "bottom"] = "top",
    border: bool = False,
    row_height: int | Literal["content"] = "content",
    width: GridWidth = "stretch",
    height: Height = "content",
    key: str | int | None = None,
    dense: bool = False,
) -> GridBlock:
    """Open a grid: each element written into it is one cell, laid out in equal columns, row after row. For cards,
    metric walls, galleries and dashboard panels; ``columns()`` splits a row into a known number of columns instead.

    ``columns`` is the most columns, 1 to 24, or "auto" (the default: as many as the width allows, at most 24).
    With ``wrap=True`` (the default) the grid shows fewer columns when they would be narrower than
    ``min_column_width`` (pixels, or "auto": 200 px), down to one; with ``wrap=False`` it keeps ``columns`` (a
    number, then) at every width and scrolls sideways when they do not fit. ``gap`` is the space between cells
    ("xxsmall" to "xxlarge", "small" by default, pixels, or None), or ``(row_gap, column_gap)``.

    ``vertical_alignment`` places each cell's content in its cell ("top", "center", "bottom"); the cell fills its
    row, and ``border=True`` draws a border around each. ``row_height`` is "content" (each row as tall as its tallest
    cell) or pixels (every row; a taller cell scrolls, and an element with ``height="stretch"`` fills its cell).
    ``width`` is "stretch" (the default) or pixels; ``height`` "content", "stretch" or pixels (the grid scrolls).
    ``dense=True`` lets later cells fill holes that spanning cells leave (they are then shown out of order). ``key``
    gives the grid a stable identity, keeping its widgets' apart from another grid's.

    Return the grid, a container: ``with grid:`` or ``grid.button(...)`` add cells; ``grid.cell()`` opens one cell
    holding several elements, or spanning columns and rows. ``empty()`` as a direct child keeps a cell for later.
    """
    call = "grid()"
    for name, flag in (("wrap", wrap), ("border", border), ("dense", dense)):
        if not isinstance(flag, bool):
            raise PorchAPIError(f"{call}: {name} must be True or False, not {flag!r}")
    shown_columns = _count(columns, call)
    if shown_columns == "auto" and wrap is False:
        raise PorchAPIError(
            f"{call}: wrap=False needs a number of columns to keep, not columns='auto'. Give one, such as "
            "grid(3, wrap=False)."
        )
    row_gap, column_gap = _gaps(gap, call)
    props: Props = {
        "columns": shown_columns,
        "min_column_width": _pixels_or(min_column_width, "auto", call, "min_column_width"),
        "wrap": wrap,
        "row_gap": row_gap,
        "column_gap": column_gap,
        "vertical_alignment": choice_of(vertical_alignment, ALIGNMENTS, call, "vertical_alignment"),
        "border": border,
        "row_height": _pixels_or(row_height, "content", call, "row_height"),
        "width": width_of(width, call, keywords=("stretch",)),
        "height": height_of(height, call),
        "dense": dense,
    }
    block = open_block(place, "grid", "" if key is None else str(key), props)
    block.__class__ = _grid_type(block.__class__)
    opened = cast(GridBlock, block)
    opened._columns = shown_columns
    return opened


def _count(columns: Any, call: str) -> int | str:
    if isinstance(columns, str) and columns == "auto":
        return "auto"
    if isinstance(columns, bool) or not isinstance(columns, int):
        raise PorchAPIError(f"{call}: columns must be 'auto' or a whole number from 1 to {MAX_COLUMNS}, not {columns!r}")
    if not 1 <= columns <= MAX_COLUMNS:
        raise PorchAPIError(f"{call}: columns must be from 1 to {MAX_COLUMNS}, not {columns}")
    return columns


def _pixels_or(value: Any, keyword: str, call: str, name: str) -> int | str:
    """``keyword``, or a positive whole number of pixels."""
    if isinstance(value, str) and value == keyword:
        return keyword
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value < 2**32:
        return value
    raise PorchAPIError(f"{call}: {name} must be {keyword!r} or a positive whole number of pixels, not {value!r}")


def _gaps(gap: Any, call: str) -> tuple[str | int | None, str | int | None]:
    """``(row_gap, column_gap)``: one gap for both, or a pair."""
    if isinstance(gap, (tuple, list)):
        if len(gap) != 2:
            raise PorchAPIError(f"{call}: gap must be one gap or a pair (row_gap, column_gap), not {len(gap)} values")
        pair: Sequence[Any] = gap
        return _gap(pair[0], call), _gap(pair[1], call)
    one = _gap(gap, call)
    return one, one


def _gap(gap: Any, call: str) -> str | int | None:
    if gap is None:
        return None
    if isinstance(gap, int) and not isinstance(gap, bool) and 0 <= gap < 2**32:
        return gap
    if isinstance(gap, str) and gap.lower() in GAPS:
        return gap.lower()
    raise PorchAPIError(f"{call}: gap must be one of {GAPS}, a number of pixels or None, not {gap!r}")


class Grid(Protocol[Place]):
    """``grid`` as a script sees it: the container it returns has ``cell()``."""

    def __call__(
        self,
        columns: int | Literal["auto"] = "auto",
        *,
        min_column_width: int | Literal["auto"] = "auto",
        wrap: bool = True,
        gap: GridGap = "small",
        vertical_alignment: Literal["top", "center", "bottom"] = "top",
        border: bool = False,
        row_height: int | Literal["content"] = "content",
        width: GridWidth = "stretch",
        height: Height = "content",
        key: str | int | None = None,
        dense: bool = False,
    ) -> Place: ...
