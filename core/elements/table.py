"""``table``: a static table, every row written out (up to a limit), for small data that should read as a page.

It takes the same data as ``dataframe`` (see ``_frames``) and carries its rows in the element: at most
:data:`MAX_ROWS` rows and :data:`MAX_CELLS` cells. A larger frame shows its first rows and says how many there are.

As in Streamlit 1.67 (whose table draws every cell and header through its Markdown component, HTML not allowed), the
headers, text cells and a Styler's formatted text are Markdown, rendered here as ``markdown``'s body is (raw HTML
escaped); numbers, dates and the other typed cells are formatted by the client as a dataframe's are.
"""

from __future__ import annotations

import re
from typing import Any, Literal, TypedDict

from .. import markdown_html
from ..errors import PorchAPIError
from ._frames import Frame, first_window, frame_of
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
    #: The rows written out: ``{cells, pos}`` (and ``text``, ``css`` for a Styler), and ``html``: per cell, the
    #: Markdown of a text cell (or of a Styler's text) rendered, None where the client formats the value.
    window: dict[str, Any]
    #: Each column's header label as rendered Markdown.
    headers_html: list[str]
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
    window["html"] = _cells_html(frame, window)
    props: Props = {
        "columns": [item.wire for item in frame.shown],
        "rows": frame.row_count,
        "window": window,
        "headers_html": [_markdown(item.wire["label"]) for item in frame.shown],
        "border": border,
        "width": width_of(width, call),
        "height": height_of(height, call),
        "hide_header": bool(hide_header),
        "alt": None if alt is None else str(alt),
    }
    return show(place, "table", props)


#: Column types whose text cells are Markdown (a column of another type holds text only as a value's display).
TEXT_TYPES = frozenset({"str", "object"})


def _cells_html(frame: Frame, window: dict[str, Any]) -> list[list[str | None]]:
    """Each cell of ``window`` as Streamlit's table shows it when that is Markdown: a Styler's formatted text, or a
    text value of a text column; None for the cells the client formats (numbers, dates, check boxes...)."""
    texts: list[list[Any]] | None = window.get("text")
    markdown = [item.wire["dtype"] in TEXT_TYPES and not item.wire["type"] for item in frame.shown]
    shown: list[list[str | None]] = []
    for i, row in enumerate(window["cells"]):
        cells: list[str | None] = []
        for j, value in enumerate(row):
            text = texts[i][j] if texts is not None else None
            if text is None and markdown[j] and isinstance(value, str):
                text = value
            cells.append(None if text is None else _markdown(text))
        shown.append(cells)
    return shown


#: Text that Markdown shows as it is, in one paragraph: words, digits, inner spaces and commas (most cells).
_PLAIN = re.compile(r"[^\W_](?:[^\W_]|[ ,])*(?<! )")


def _markdown(text: str) -> str:
    """``text`` rendered as ``markdown`` renders it; plain words without the parser (a table holds thousands)."""
    if _PLAIN.fullmatch(text):
        return f"<p>{text}</p>"
    return markdown_html.render(text).rstrip("\n")
