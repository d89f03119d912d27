"""``table``: a static table, every row written out, for data that should read as a page.

It takes the same data as ``dataframe`` (see ``_frames``). As Streamlit 1.67's, it shows every row, with no limit and
no message; to keep the page and each message small, the element carries the first rows (at most :data:`MAX_ROWS`
rows and :data:`MAX_CELLS` cells) and, when the data has more, the session holds the frame (``porch.frames``, as a
``dataframe``'s) and the page asks for the rest in windows (each at most ``frames.MAX_WINDOW_CELLS`` cells) as its
reader nears the end of the rows written so far (``webui/elements/table.js``).

As in Streamlit 1.67 (whose table draws every cell and header through its Markdown component, HTML not allowed), the
headers, text cells and a Styler's formatted text are Markdown, rendered here as ``markdown``'s body is (raw HTML
escaped); numbers, dates and the other typed cells are formatted by the client as a dataframe's are.
"""

from __future__ import annotations

import math
import re
from collections.abc import ItemsView, Mapping, Sequence
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any, Literal, TypedDict

from .. import markdown_html
from ..context import get_run
from ..errors import PorchAPIError
from ._frames import Backend, Frame, first_window, frame_of
from ._layout import height_of, width_of
from ._place import Block, show
from ._preview import evaluated, is_unevaluated

#: Rows the element carries at most, and cells (rows times columns); the page asks for the others.
MAX_ROWS = 1000
MAX_CELLS = 50_000

Width = int | Literal["stretch", "content"]
Height = int | Literal["content", "stretch"]


class Props(TypedDict):
    #: The shown columns, as ``dataframe``'s (``{label, key, dtype, type, index, ...}``).
    columns: list[dict[str, Any]]
    #: How many rows the data has (more than the window holds when the page asks for the rest).
    rows: int
    #: The id the page asks for the rows after the window by (a ``rows`` message), when there are more; else None.
    data: str | None
    #: The rows written out: ``{cells, pos}`` (and ``text``, ``css`` for a Styler), and ``html``: per cell, the
    #: Markdown of a text cell (or of a Styler's text) rendered, None where the client formats the value.
    window: dict[str, Any]
    #: Each column's header label as rendered Markdown.
    headers_html: list[str]
    #: Each column's name as the data gives it (:func:`name_value`), for AppTest's ``value``.
    names: list[Any]
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
    """Show ``data`` as a static table: every row written out, nothing to scroll within or sort. For large data
    :func:`dataframe` is quicker to read: a table of many rows makes a long page (the page writes out the first
    1,000 rows, and the next ones as its reader scrolls near them).

    ``data`` takes what ``dataframe`` takes (pandas, polars, pyarrow, NumPy, lists and dicts...); a pandas Styler's
    formats and colours are shown. Of an unevaluated object (a polars LazyFrame, a database cursor, a generator
    function, a Spark or Dask frame...) the first 100 rows are shown, as Streamlit's table shows them, with its
    caption before the table when there may be more. ``border`` is True (lines around and between cells), False (none) or
    "horizontal" (lines between rows). ``width`` is "stretch" (default), "content" or pixels; ``height`` "content"
    (default: every row), "stretch" or pixels (then it scrolls). ``hide_index`` hides (True) or shows (False) the
    index columns; by default, as in Streamlit, a plain 0..n-1 index is hidden. ``hide_header`` hides or shows the
    header row; by default it is hidden for data without column names (a list of values or of rows, a dict of keys
    to single values, a NumPy array). ``alt`` is the table's accessible name.
    """
    call = "table"
    if border not in (True, False, "horizontal"):
        raise PorchAPIError(f"{call}: border must be True, False or 'horizontal', not {border!r}")
    headerless = _headerless(data)  # of the data given, as Streamlit's reads it before it reads a preview
    if is_unevaluated(data):
        # Its preview's index is a plain 0..n-1 (or a Dask frame's own): hidden unless said otherwise, as Streamlit's.
        data = evaluated(data, MAX_UNEVALUATED_ROWS)
        hide_index = True if hide_index is None else hide_index
    # As Streamlit 1.67's: a plain 0..n-1 index is hidden, and the headers of data that has no column names.
    frame = frame_of(data, call, hide_index=hide_index, hide_range_index=True)
    rows = min(MAX_ROWS, max(1, MAX_CELLS // max(1, frame.column_count)))
    window = first_window(frame, rows)
    window["html"] = _cells_html(frame, window)
    rest = MarkdownRows(frame) if frame.row_count > len(window["cells"]) else None
    data_id = None if rest is None else get_run().session.frames.data_id(rest)
    props: Props = {
        "columns": [item.wire for item in frame.shown],
        "rows": frame.row_count,
        "data": data_id,
        "window": window,
        "headers_html": [_markdown(item.wire["label"]) for item in frame.shown],
        "names": [name_value(item.column.name) for item in frame.shown],
        "border": border,
        "width": width_of(width, call),
        "height": height_of(height, call),
        "hide_header": headerless if hide_header is None else bool(hide_header),
        "alt": None if alt is None else str(alt),
    }
    slot = show(place, "table", props)
    if rest is not None and data_id is not None:
        from .dataframe import place_frame  # a sibling element's: the session holds the frame while the page shows it

        place_frame(slot._path, data_id, rest, None)
    return slot


class MarkdownRows:
    """A table's frame as the session holds it for the page's ``rows`` requests (a :class:`porch.frames.Table`): the
    frame's windows with each cell's Markdown rendered (``html``), as the element's first rows have it."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.source = frame.source
        #: Not a ``dataframe``'s windows (those have no ``html``): the same object shown by both has two ids.
        self.signature = ("table", frame.signature)
        self.row_count = frame.row_count
        self.column_count = frame.column_count

    @property
    def backend(self) -> Backend:
        """The frame's data (AppTest's ``value``)."""
        return self.frame.backend

    def window(self, positions: Sequence[int]) -> dict[str, Any]:
        window = self.frame.window(positions)
        window["html"] = _cells_html(self.frame, window)
        return window

    def order(self, sort: Sequence[tuple[int, bool]]) -> Sequence[int]:
        return self.frame.order(sort)


#: Rows a table reads of an unevaluated object (a polars LazyFrame, a database cursor, a generator function...), as
#: Streamlit 1.67's ("large tables render slowly"); it says so in a caption when it read that many (``_preview``).
MAX_UNEVALUATED_ROWS = 100


def _headerless(data: Any) -> bool:
    """Whether ``data`` names no columns of its own, so that Streamlit 1.67's table hides its header row by default
    (``_HIDE_HEADER_DATA_FORMATS``: a list, tuple or set of values or of rows, a dict of keys to single values, a
    NumPy array, a pandas or pyarrow array)."""
    kind = type(data)
    module = kind.__module__.partition(".")[0]
    if module == "numpy" and kind.__name__ == "ndarray":
        return True
    if module == "pyarrow" and kind.__name__.endswith("Array") and kind.__name__ != "ChunkedArray":
        return True
    if module == "pandas" and "arrays" in kind.__module__:
        return True  # an ExtensionArray
    if isinstance(data, (ItemsView, enumerate)):
        return True
    if isinstance(data, (list, tuple, set, frozenset)):
        items = data if isinstance(data, list) else list(data)
        if all(_scalar(item) for item in items):
            return True  # values
        return isinstance(items[0], (list, tuple, set, frozenset))  # rows; a list of records names its columns
    if isinstance(data, Mapping):
        if not data:
            return True
        first = next(iter(data.values()))
        return not (isinstance(first, (dict, list, tuple)) or type(first).__name__ == "Series")  # keys to values
    return False


def name_value(name: Any) -> Any:
    """A column's name as a JSON value: a number, text, a boolean or null as it is (a NumPy number as its Python
    one, NaN null), a MultiIndex's tuple a list of them, any other name its text."""
    if isinstance(name, tuple):
        return [name_value(part) for part in name]
    if type(name).__module__ == "numpy" and callable(getattr(name, "item", None)):
        name = name.item()
    if isinstance(name, float) and not math.isfinite(name):
        return None if math.isnan(name) else str(name)
    return name if name is None or isinstance(name, (str, bool, int, float)) else str(name)


def _scalar(value: Any) -> bool:
    """A single value (as pandas' ``infer_dtype`` reads a list of them), not a row or a record."""
    if value is None or isinstance(value, (str, bytes, int, float, complex, Decimal, date, time, timedelta)):
        return True
    return type(value).__module__ == "numpy" and getattr(value, "ndim", None) == 0


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
