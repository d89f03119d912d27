"""``dataframe``: a table of any size that scrolls, sorts and selects; the frame stays on the server.

The element carries the shown columns (label, type, width...), the row count and the first rows (enough for the first
paint), under a data id. The frame itself stays in the session's :class:`porch.frames.SessionFrames`, referenced,
never copied: as the user scrolls or sorts by a column, the client asks for the rows it shows with a ``rows`` message
and the server answers with those rows only, sorted on the server. A million rows cost the rows on screen.

With ``on_select="rerun"`` or a function it is also a widget: its value is the selection, as Streamlit returns it,
``{"selection": {"rows": [...], "columns": [...], "cells": [...]}}`` (a dict that also reads as attributes: rows are
positions in the data, whatever the sort; columns are names; cells ``(row, column name)``). The wire carries it as
JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar, overload

from ..context import get_run
from ..errors import PorchAPIError
from ..frames import Table
from ..protocol import Path
from ..widgets import Codec
from . import _button_column, _replay
from ._frames import Frame, Height, Width, frame_of, shown_props
from ._lazy_frames import check_lazy, lazy_backend
from ._place import Block, WidgetProps, callback_of, show, show_widget
from ._selection import ReadOnlyState, json_list, json_text, plain_props, read_json_text, reports_selections

SelectionMode = Literal[
    "single-row", "single-row-required", "multi-row", "single-column", "multi-column", "single-cell", "multi-cell"
]
SELECTION_MODES = ("single-row", "single-row-required", "multi-row", "single-column", "multi-column", "single-cell",
                   "multi-cell")
ROW_MODES = frozenset({"single-row", "single-row-required", "multi-row"})
COLUMN_MODES = frozenset({"single-column", "multi-column"})
CELL_MODES = frozenset({"single-cell", "multi-cell"})

Place = TypeVar("Place", covariant=True)


class TableProps(WidgetProps):
    """The props of a table, a ``dataframe``'s and a ``data_editor``'s alike: its data, shown as the client asks for
    its rows (:func:`table_props`)."""

    #: The data id the client asks for rows under (``rows`` messages).
    data: str
    #: The shown columns, in order: ``{label, key, dtype, type, index, width, help, pinned, align, config}``.
    columns: list[dict[str, Any]]
    #: How many rows the frame has.
    rows: int
    #: The first rows: ``{cells, pos}`` (and ``text``, ``css`` for a Styler), as a ``rows`` message carries them.
    window: dict[str, Any]
    width: str | int
    height: str | int
    row_height: int
    #: Text shown for a missing value.
    placeholder: str
    #: Whether a click on a header sorts.
    sortable: bool
    alt: str | None


class Props(TableProps):
    #: The selections the user may make (empty: none, ``on_select="ignore"``); while columns can be selected, a click
    #: on a header does not sort (as in Streamlit).
    selection_mode: list[str]


class AttributeDict(ReadOnlyState):
    """A dataframe's selection as a script reads it, as Streamlit's ``DataframeState``: a read-only dict whose keys also
    read as attributes (``event.selection.rows``)."""

    refusal = "a dataframe's selection is read-only: set a new one through its key in session_state"


class DataframeState(AttributeDict):
    """What a dataframe with selections returns, Streamlit's ``DataframeState`` (``porch.typing``): ``selection``, an
    :class:`AttributeDict` of ``rows``, ``columns`` and ``cells``."""


def selection_state(rows: list[int], columns: list[str], cells: list[tuple[int, str]]) -> AttributeDict:
    """The value a dataframe with selections returns."""
    return DataframeState(selection=AttributeDict(rows=rows, columns=columns, cells=cells))


def selection_modes(selection_mode: Any, call: str) -> list[str]:
    """``selection_mode`` checked as Streamlit checks it: known modes, at most one of each kind."""
    modes = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)
    unknown = [m for m in modes if m not in SELECTION_MODES]
    if unknown or not modes:
        raise PorchAPIError(f"{call}: selection_mode must be one or more of {SELECTION_MODES}, not {selection_mode!r}")
    chosen = set(modes)
    for kind, group in (("row", ROW_MODES), ("column", COLUMN_MODES), ("cell", CELL_MODES)):
        if len(chosen & group) > 1:
            raise PorchAPIError(f"{call}: only one {kind} selection mode can be given, not {sorted(chosen & group)}")
    return sorted(chosen)


def selection_codec(rows: int, names: list[str], modes: list[str]) -> Codec:
    """The selection of a frame of ``rows`` rows and columns ``names`` under ``modes``: JSON text on the wire, a
    :func:`selection_state` in the script. From a client, anything that does not fit (a row out of range, a column the
    frame lacks, two rows in a single-row mode, a kind of selection not allowed) is refused."""
    known = set(names)
    chosen = set(modes)

    def parse(value: Any, *, strict: bool) -> AttributeDict:
        if not isinstance(value, Mapping) or not isinstance(value.get("selection", {}), Mapping):
            raise ValueError("a selection is {'selection': {'rows': [...], 'columns': [...], 'cells': [...]}}")
        if strict and set(value) - {"selection"}:
            raise ValueError("a selection has only 'selection'")
        selection = value.get("selection", {})
        if strict and set(selection) - {"rows", "columns", "cells"}:
            raise ValueError("a selection has only rows, columns and cells")
        picked_rows = json_list(selection.get("rows"), "rows")
        picked_columns = json_list(selection.get("columns"), "columns")
        picked_cells = json_list(selection.get("cells"), "cells")
        good_rows = [r for r in picked_rows if type(r) is int and 0 <= r < rows]
        good_columns = [c for c in picked_columns if isinstance(c, str) and c in known]
        good_cells = [
            (c[0], c[1]) for c in picked_cells
            if isinstance(c, (list, tuple)) and len(c) == 2 and type(c[0]) is int and 0 <= c[0] < rows
            and isinstance(c[1], str) and c[1] in known
        ]
        good_rows = list(dict.fromkeys(good_rows)) if chosen & ROW_MODES else []
        good_columns = list(dict.fromkeys(good_columns)) if chosen & COLUMN_MODES else []
        good_cells = list(dict.fromkeys(good_cells)) if chosen & CELL_MODES else []
        if strict:
            if (len(good_rows), len(good_columns), len(good_cells)) != (
                len(picked_rows), len(picked_columns), len(picked_cells)
            ):
                raise ValueError("the selection names rows, columns or cells the frame does not have or allow")
            if len(good_rows) > 1 and "multi-row" not in chosen:
                raise ValueError("one row at most may be selected")
            if len(good_columns) > 1 and "multi-column" not in chosen:
                raise ValueError("one column at most may be selected")
            if len(good_cells) > 1 and "multi-cell" not in chosen:
                raise ValueError("one cell at most may be selected")
            if "single-row-required" in chosen and rows and not good_rows:
                raise ValueError("a row must be selected")
        else:
            good_rows = good_rows if "multi-row" in chosen else good_rows[:1]
            good_columns = good_columns if "multi-column" in chosen else good_columns[:1]
            good_cells = good_cells if "multi-cell" in chosen else good_cells[:1]
        if "single-row-required" in chosen and rows and not good_rows:
            good_rows = [0]
        return selection_state(good_rows, good_columns, good_cells)

    def to_wire(value: Any) -> str:
        state = parse(value, strict=False)
        selection = state["selection"]
        return json_text(
            {"selection": {"rows": selection["rows"], "columns": selection["columns"],
                           "cells": [list(c) for c in selection["cells"]]}}
        )

    def from_wire(wire: Any) -> AttributeDict:
        return parse(read_json_text(wire, "a selection"), strict=True)

    return Codec(to_wire=to_wire, from_wire=from_wire)


def table_props(
    frame: Frame, call: str, width: Any, height: Any, use_container_width: bool | None, row_height: Any,
    placeholder: Any,
) -> tuple[dict[str, Any], str | None]:
    """The props that show a frame's data (checked: ``_frames.shown_props``) under the data id the client asks for its
    rows by; and what stands for the rows in that id (``SessionFrames.data_id``): the first rows' JSON when they are
    all of them (then the rows are the table's identity), else None."""
    props = shown_props(frame, call, width, height, use_container_width, row_height, placeholder)
    window = props["window"]
    content = json.dumps(window, default=str) if len(window["cells"]) == frame.row_count else None
    return {"data": get_run().session.frames.data_id(frame, content), **props}, content


def dataframe(
    place: Block,
    data: Any = None,
    width: Width = "stretch",
    height: Height = "auto",
    *,
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: Mapping[str | int, Any] | None = None,
    key: str | None = None,
    on_select: Literal["ignore", "rerun"] | Callable[..., Any] = "ignore",
    selection_mode: SelectionMode | Iterable[SelectionMode] = "multi-row",
    selection_default: Mapping[str, Any] | None = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    lazy: bool | None = None,
    alt: str | None = None,
) -> Any:
    """Show ``data`` as an interactive table: it scrolls (only the rows on screen reach the page, so a frame of
    millions of rows shows at once), and a click on a column's header sorts by it (on the server; again for the other
    way, a third time for the data's own order).

    ``data`` may be a pandas DataFrame, Series, Index or Styler (its display formats and cell colours are shown), a
    polars DataFrame, LazyFrame or Series, a pyarrow Table or RecordBatch, a NumPy array of one or two dimensions, a
    list or dict of rows or columns (rows may be dicts, lists, dataclasses or named tuples), any object with
    ``__dataframe__``, ``to_arrow()`` or ``to_pandas()``, or None for an empty table. The frame is not copied: the
    page reads its rows as it shows them, so a frame changed in place after the call may show its new values.

    ``width`` is "stretch" (the container's width, default), "content" (as wide as the columns, at most the
    container's) or pixels; ``use_container_width`` (deprecated) True is "stretch", False "content". ``height`` is
    "auto" (at most ten rows, default), "content" (every row, at most 10,000 pixels), "stretch" or pixels; the table
    scrolls within it. ``row_height`` is in pixels (35 by default). ``hide_index`` hides (True) or shows (False) the
    index columns; by default they show, unless rows can be selected and the index is the plain 0..n-1.
    ``column_order`` lists the data columns to show, in order (others are hidden). ``column_config`` maps a column's
    name (``"_index"`` for the index, or its position counting index columns first) to None (hidden), a label, or a
    ``porch.column_config`` column (label, width, help, pinned, alignment, number and date formats, links, check
    boxes, progress bars, images, lists, JSON, sparklines). ``placeholder`` is the text of a missing value ("None").

    With ``on_select="rerun"`` (or a function, called first with no arguments) selecting rows, columns or cells reruns
    the script and the call returns the selection, ``{"selection": {"rows": [...], "columns": [...], "cells":
    [...]}}``, which also reads as attributes (``event.selection.rows``); rows are positions in ``data`` whatever the
    sort. ``selection_mode`` is one or a list of "single-row", "single-row-required", "multi-row", "single-column",
    "multi-column", "single-cell", "multi-cell" (one of each kind; column selection turns sorting off).
    ``selection_default`` is the first selection, in the same form; with a ``key`` the selection is also
    ``session_state[key]``, which may set it. Without ``on_select`` (``"ignore"``) the call returns the element's place.
    Rows are always read as they are shown, whatever ``lazy`` says; ``lazy=True`` refuses what Streamlit's refuses (a
    Styler, ``on_select``, MultiIndex column headers, unevaluated objects such as a Spark DataFrame), and a polars
    LazyFrame that Streamlit reads lazily (over 10,000 rows, or 1,000 with ``lazy=True``) is read a window at a time,
    never collected whole. Any other unevaluated object (a LazyFrame with ``lazy=False`` or a selection, a Spark,
    Snowpark, Dask or Modin frame, a DuckDB relation, a DB-API cursor, a generator function) shows Streamlit's
    preview: its first 10,000 rows, with Streamlit's caption ("⚠️ Showing only 10k rows...") before the table when
    it has that many; under AppTest, as in Streamlit's, every LazyFrame does (``_lazy_frames``, ``_preview``).
    ``alt`` is the table's accessible name.
    """
    call = "dataframe"
    ignore = not reports_selections(on_select, call, "a function")
    if selection_default is not None and ignore:
        raise PorchAPIError(f"{call}: selection_default can only be used when on_select is not 'ignore'")
    modes = [] if ignore else selection_modes(selection_mode, call)
    apptest = get_run().session.runtime.mode == "test"
    check_lazy(data, lazy, selecting=not ignore, apptest=apptest, call=call)
    column_config, buttons = _button_column.split(place, column_config)
    backend = lazy_backend(data, lazy, selecting=not ignore, apptest=apptest)
    # Else an unevaluated object shows Streamlit's capped preview, with its caption (``_preview``, in ``frame_of``).
    frame = frame_of(
        data, call, hide_index=hide_index, column_order=column_order, column_config=column_config,
        hide_range_index=bool(set(modes) & ROW_MODES), backend=backend,
    )
    _button_column.register(place, buttons, frame.row_count, call)
    shown, content = table_props(frame, call, width, height, use_container_width, row_height, placeholder)
    frames = get_run().session.frames
    data_id = shown["data"]
    props = {
        **shown,
        "selection_mode": modes,
        "sortable": not (set(modes) & COLUMN_MODES),
        "alt": None if alt is None else str(alt),
    }
    if ignore:
        slot = show(place, "dataframe", {**plain_props(place, ""), **props})
        place_frame(slot._path, data_id, frame, content)
        return slot
    names = [c.label for c in frame.backend.columns if not c.index]
    codec = selection_codec(frame.row_count, names, modes)
    default = codec.from_wire(codec.to_wire(selection_default or {}))
    value = show_widget(
        place, "dataframe", "", props,
        key=key, default=default, codec=codec, label_visibility="collapsed",
        on_change=callback_of(on_select, call, "on_select"),
        identity=json.dumps([names, modes]),
        placed=lambda path: frames.place(path, data_id, frame),
    )
    # A selection set through session_state is kept as the script gave it; the script gets it checked, as Streamlit's.
    return value if isinstance(value, AttributeDict) else codec.from_wire(codec.to_wire(value))


def place_frame(path: Path, data_id: str, table: Table, content: str | None) -> None:
    """The element at ``path`` shows ``table`` under ``data_id``: the session holds it while it does. Inside a cached
    function, the table is kept with the call, so that a hit in any session holds it there too (:class:`ShownFrame`).
    """
    get_run().session.frames.place(path, data_id, table)
    if _replay.ACTIVE.get():
        _replay.attach(path, ShownFrame(table, content))


@dataclass(frozen=True)
class ShownFrame:
    """A frame a ``dataframe`` showed, for a session that replays the element (``_replay``): data ids are each
    session's own, so the replaying session makes one and holds the table under it. The table is the one object the
    first computation made, read (never changed) by every session that shows it."""

    table: Table
    #: What stands for the rows in the data id (see ``SessionFrames.data_id``).
    content: str | None

    def restore(self, props: Mapping[str, Any]) -> tuple[Mapping[str, Any], Callable[[Path], None]]:
        data_id = get_run().session.frames.data_id(self.table, self.content)
        return {**props, "data": data_id}, lambda path: place_frame(path, data_id, self.table, self.content)


class Dataframe(Protocol[Place]):
    """``dataframe`` as a script sees it: the element's place by default, the selection with ``on_select``."""

    @overload
    def __call__(
        self,
        data: Any = None,
        width: Width = "stretch",
        height: Height = "auto",
        *,
        use_container_width: bool | None = None,
        hide_index: bool | None = None,
        column_order: Iterable[str] | None = None,
        column_config: Mapping[str | int, Any] | None = None,
        key: str | None = None,
        on_select: Literal["ignore"] = "ignore",
        selection_mode: SelectionMode | Iterable[SelectionMode] = "multi-row",
        selection_default: Mapping[str, Any] | None = None,
        row_height: int | None = None,
        placeholder: str | None = None,
        lazy: bool | None = None,
        alt: str | None = None,
    ) -> Place: ...

    @overload
    def __call__(
        self,
        data: Any = None,
        width: Width = "stretch",
        height: Height = "auto",
        *,
        use_container_width: bool | None = None,
        hide_index: bool | None = None,
        column_order: Iterable[str] | None = None,
        column_config: Mapping[str | int, Any] | None = None,
        key: str | None = None,
        on_select: Literal["rerun"] | Callable[..., Any],
        selection_mode: SelectionMode | Iterable[SelectionMode] = "multi-row",
        selection_default: Mapping[str, Any] | None = None,
        row_height: int | None = None,
        placeholder: str | None = None,
        lazy: bool | None = None,
        alt: str | None = None,
    ) -> AttributeDict: ...
