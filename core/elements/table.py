"""``table``: a static table, every row written out (up to a limit), for small data that should read as a page.

It takes the same data as ``dataframe`` (see ``_frames``) and carries its rows in the element: at most
:data:`MAX_ROWS` rows and :data:`MAX_CELLS` cells. A larger frame shows its first rows and says how many there are.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from ..errors import PorchAPIError
from ._frames import first_window, frame_of
from ._layout import height_of, width_of
from ._place import Block, show

#: Rows a table writes out at most, and cells (rows times columns).
MAX_ROWS = 1000
MAX_CELLS = 50_000

Width = int | Literal["stretch", "content"]
Height = int | Literal["content", "stretch"]


class Props(TypedDict):
    #: The shown columns, as ``dataframe``'s (``{label, key, dtype, type, index, ...}``).
    columns: list[dict[str, Any]]
    #: How many rows the data has (more than the window holds when it was cut).
    rows: int
    #: The rows written out: ``{cells, pos}`` (and ``text``, ``css`` for a Styler).
    window: dict[str, Any]
    #: True (a frame and lines between cells), False (none) or "horizontal" (lines between rows only).
    border: bool | str
    width: str | int
    height: str | int
    hide_header: bool
    alt: str | None


def table(
    place: Block,
    data: Any = None,
    *,
    border: bool | Literal["horizontal"] = True,
    width: Width = "stretch",
    height: Height = "content",
    hide_index: bool | None = None,
    hide_header: bool | None = None,
    alt: str | None = None,
) -> Block:
    """Show ``data`` as a static table: every row written out, nothing to scroll within or sort. For large data use
    :func:`dataframe`, which shows any number of rows.

    ``data`` takes what ``dataframe`` takes (pandas, polars, pyarrow, NumPy, lists and dicts...); a pandas Styler's
    formats and colours are shown. At most 1,000 rows (and 50,000 cells) are written out; a larger table shows its
    first rows and says how many it has. ``border`` is True (lines around and between cells), False (none) or
    "horizontal" (lines between rows). ``width`` is "stretch" (default), "content" or pixels; ``height`` "content"
    (default: every row), "stretch" or pixels (then it scrolls). ``hide_index`` hides the index columns (by default
    they show), ``hide_header`` the header row. ``alt`` is the table's accessible name.
    """
    call = "table"
    if border not in (True, False, "horizontal"):
        raise PorchAPIError(f"{call}: border must be True, False or 'horizontal', not {border!r}")
    frame = frame_of(data, call, hide_index=hide_index)
    rows = min(MAX_ROWS, max(1, MAX_CELLS // max(1, frame.column_count)))
    window = first_window(frame, rows)
    props: Props = {
        "columns": [item.wire for item in frame.shown],
        "rows": frame.row_count,
        "window": window,
        "border": border,
        "width": width_of(width, call),
        "height": height_of(height, call),
        "hide_header": bool(hide_header),
        "alt": None if alt is None else str(alt),
    }
    return show(place, "table", props)
