"""``data_editor``: a table the user edits (cells; rows added and deleted when ``num_rows`` allows); the script gets
the data back edited, in the type it gave.

The data shows as ``dataframe`` shows it (``_frames.py``, the session's frame store): the element carries the columns,
the row count and the first rows, and the client asks for the rows it shows. The widget's value is the *edit state*,
as Streamlit keeps it in ``session_state[key]``::

    {"edited_rows": {position: {name: value}}, "added_rows": [{name: value}], "deleted_rows": [position]}

Positions are the data's own rows (0 for its first, whatever the order shown); names are the columns' names as text
(``"_index"`` for the index); values are what the client sent: numbers, booleans, text, ISO dates and times (a column
with a ``timezone`` sends instants in UTC, ``...Z``, as Streamlit's: over times without a zone, such an edit of a cell
is dropped when the state is applied, as Streamlit's pandas refuses it), lists of text (list and multiselect cells),
or None.
The wire carries the state as JSON text; its codec checks it against the columns (known, editable, of the right type;
an added row's index filled), the rows (in range, each once) and ``num_rows`` (rows added or deleted only when allowed),
and refuses the whole state otherwise. A column's ``required``, bounds, options, ``max_chars`` and ``validate`` are
the page's checks, as in Streamlit, whose server takes an edit of the right type that breaks them (and whose
documentation tells apps to check edits themselves). Each run applies the state to a copy of the
data (``_edited.py``). The edit state belongs to the data: given other data (or columns, or ``num_rows``), the editor
starts over, as Streamlit's, whose widget id holds the data.
"""

from __future__ import annotations

import datetime
import inspect
import json
import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..context import get_run
from ..errors import PorchAPIError
from ..widgets import Codec
from . import _button_column
from ._edited import INDEX, Edits, as_date, as_datetime, as_time, edited, edits_of, fingerprint, json_value, shape_of
from ._edited_order import EditedTable
from ._frames import Column, Frame, Height, Shown, Width, cell, frame_of
from ._place import Args, Block, Kwargs, OnChange, callback_of, show_widget
from ._preview import evaluated
from ._selection import ReadOnlyState, json_text, read_json_text
from .dataframe import TableProps, table_props

log = logging.getLogger("porch.data_editor")

NumRows = Literal["fixed", "dynamic", "add", "delete"]
NUM_ROWS = ("fixed", "dynamic", "add", "delete")
#: The ``num_rows`` that let the user add rows, and those that let the user delete them.
ADDING = frozenset({"dynamic", "add"})
DELETING = frozenset({"dynamic", "delete"})
#: Rows a client may add, and cells it may edit, at most.
MAX_ADDED_ROWS = 1000
MAX_EDITED_CELLS = 20_000

#: The editable types of column data (``_frames.DTYPES``, and ``empty``: a column of missing values only), and the
#: field each is edited with by default. A duration is a number of seconds, as in Streamlit 1.67 (whose client makes
#: a NumberColumn of a duration column). Dicts (JSON), bytes and objects of mixed types are read-only, as there.
INPUTS = {"int": "number", "float": "number", "decimal": "number", "bool": "checkbox", "str": "text",
          "datetime": "datetime", "date": "date", "time": "time", "timedelta": "number", "list": "list",
          "empty": "text"}
#: The seconds a duration may hold at most either way (pandas' range, nanoseconds in 64 bits).
MAX_DURATION_SECONDS = (2**63 - 1) / 1e9
#: ``column_config`` types that edit, and the data they may edit (Streamlit's ``_EDITING_COMPATIBILITY_MAPPING``).
COMPATIBLE = {
    "text": {"str", "empty"},
    "number": {"int", "float", "decimal", "str", "timedelta", "empty"},
    "checkbox": {"bool", "str", "int", "empty"},
    "selectbox": {"str", "bool", "int", "float", "empty"},
    "date": {"date", "datetime", "empty"},
    "time": {"time", "datetime", "empty"},
    "datetime": {"datetime", "date", "time", "empty"},
    "link": {"str", "empty"},
    "list": {"list", "str", "empty"},
    "multiselect": {"list", "str", "empty"},
}
#: The values a selectbox column takes, by its data's type (the page offers only its options; the server, as
#: Streamlit's, checks the type alone).
SELECTBOX_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int, float), "float": (int, float), "decimal": (int, float), "bool": (bool,), "str": (str,),
}
#: ``column_config`` types edited in another type's field when their data fits it (a Markdown column's source as
#: text), read-only otherwise: Streamlit checks no data against them.
EDITED_AS = {"markdown": "text"}


class Props(TableProps):
    #: "fixed", "dynamic" (add and delete rows), "add", "delete"; while rows may be added, a click on a header does not
    #: sort (as in Streamlit).
    num_rows: str
    #: For each shown column: ``{name, input, required, default, options, labels, colors, accept_new, timezone,
    #: validate}`` (``input``: the field that edits it, "text", "number", "checkbox", "selectbox", "date", "time",
    #: "datetime", "link", "list", "multiselect"; null: read-only).
    editing: list[dict[str, Any]]
    #: How many of the data's rows a sorted view leaves out: the deleted ones of the edit state the run had.
    sort_left_out: int


@dataclass
class Editor:
    """How one column is edited: what the edit state calls it, its data's type, the field, and its constraints."""

    name: str
    #: The data's type: a key of :data:`INPUTS` for an editable column.
    kind: str
    #: The field that edits it, or None: read-only.
    input: str | None
    required: bool = False
    #: What a new row holds in it (as the edit state holds values), or None.
    default: Any = None
    #: A selectbox's or multiselect's options, as the edit state holds values (a multiselect's as text).
    options: list[Any] | None = None
    #: The options' labels (``format_func``), or None: the options as text.
    labels: list[str] | None = None
    #: A multiselect's option colours (``color``; None where an option has none), or None.
    colors: list[str | None] | None = None
    #: A multiselect takes items that are no option (``accept_new_options``).
    accept_new: bool = False
    #: The zone a date-time column is shown and edited in (``timezone``, else the data's own), or None.
    timezone: str | None = None
    #: A regular expression the page checks text against (``validate``), or None.
    validate: str | None = None
    #: A column of date-times whose data have no zone: an edit with a zone is dropped (``_edited.Edits.dropped``).
    zoneless: bool = False

    @property
    def wire(self) -> dict[str, Any]:
        return {"name": self.name, "input": self.input, "required": self.required, "default": self.default,
                "options": self.options, "labels": self.labels, "colors": self.colors, "accept_new": self.accept_new,
                "timezone": self.timezone, "validate": self.validate}

    def check(self, value: Any, *, strict: bool) -> Any:
        """A value for this column, as the edit state holds it; ValueError when it is not of the column's type (its
        ``required``, bounds, options, ``max_chars`` and ``validate`` are the page's checks, as in Streamlit).
        ``strict``: from a client (exact JSON types); otherwise from the script (dates, decimals, NumPy scalars are
        taken too)."""
        if not strict:
            value = json_value(value)
        if value is None:
            if self.required and self.name == INDEX:
                raise ValueError("a row needs its index")
            return None
        field = self.input
        if field in ("text", "link"):
            if not isinstance(value, str):
                raise ValueError(f"column {self.name!r} takes text")
            return value
        if field == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"column {self.name!r} takes a number")
            try:
                number = float(value)
            except OverflowError:
                raise ValueError(f"{value!r} is beyond the range of a number") from None
            if not math.isfinite(number):
                raise ValueError(f"column {self.name!r} takes a finite number")
            if self.kind == "int" and not number.is_integer():
                raise ValueError(f"column {self.name!r} takes a whole number")
            if self.kind == "timedelta" and abs(number) > MAX_DURATION_SECONDS:
                raise ValueError(f"{value!r} seconds is beyond the range of a duration")
            return value
        if field == "checkbox":
            if not isinstance(value, bool):
                raise ValueError(f"column {self.name!r} takes true or false")
            return value
        if field == "selectbox":
            if not isinstance(value, SELECTBOX_TYPES.get(self.kind, (str, int, float, bool))) or (
                isinstance(value, bool) and self.kind in ("int", "float", "decimal")
            ):
                raise ValueError(f"column {self.name!r} takes a value of its data's type, as its options are")
            return value
        if field in ("list", "multiselect"):
            return self._items(value, strict=strict)
        if field in ("date", "time", "datetime"):
            if not isinstance(value, str):
                raise ValueError(f"column {self.name!r} takes an ISO {field}")
            read: Any = {"date": as_date, "time": as_time, "datetime": as_datetime}[field]
            read(value)  # ValueError: no ISO date or time
            return value
        raise ValueError(f"column {self.name!r} is read-only")

    def _items(self, value: Any, *, strict: bool) -> list[str]:
        """A list or multiselect cell's value: a list of text (Streamlit edits no other items), a multiselect's
        each one of its options (unless it takes new ones) and each once. The edit state's text is bounded as a
        whole (``MAX_SELECTION_TEXT``), so a cell's items are too."""
        if not strict and hasattr(value, "tolist") and not isinstance(value, str):
            value = value.tolist()
        if not isinstance(value, list) and not (not strict and isinstance(value, tuple)):
            raise ValueError(f"column {self.name!r} takes a list of text")
        items = list(value)
        if not all(isinstance(item, str) for item in items):
            raise ValueError(f"column {self.name!r} takes a list of text")
        return items


def _same_json(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return type(a) is type(b) and a == b


def edit_name(shown: Shown) -> str:
    """What the edit state calls a shown column: ``_index`` for the index, else its name as text (the levels of a
    hierarchical name joined with ``_``, as Streamlit names the columns of the frame it returns)."""
    return _name(shown.column)


def _kind(frame: Frame, shown: Shown) -> str:
    """The type of a column's data: its dtype, ``empty`` for a column of objects that are all missing."""
    dtype = shown.column.dtype
    if dtype == "object":
        backend = frame.backend
        if all(cell(v, dtype) is None for v in backend.values(shown.source, range(backend.row_count))):
            return "empty"
    return dtype


def _categories(frame: Frame, shown: Shown) -> list[Any] | None:
    """The categories of a pandas categorical column (Streamlit edits it with a selectbox of them)."""
    df = getattr(frame.backend, "df", None)
    if df is None or type(df).__module__.split(".")[0] != "pandas" or shown.column.index:
        return None
    import pandas as pd

    series = df.iloc[:, shown.source - df.index.nlevels]
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [json_value(v) for v in series.dtype.categories]
    return None


def editors_of(frame: Frame, disabled: bool | Iterable[str | int], call: str) -> list[Editor]:
    """How each shown column is edited (read-only ones included), from the data, ``column_config`` and
    ``disabled``; raises PorchAPIError for a column type that cannot edit its data, as Streamlit does."""
    everything = disabled is True
    names: set[str] = set()
    positions: set[int] = set()
    if not isinstance(disabled, bool):
        for item in [disabled] if isinstance(disabled, (str, int)) else list(disabled):
            if isinstance(item, int) and not isinstance(item, bool):
                positions.add(item)
            elif isinstance(item, str):
                names.add(item)
            else:
                raise PorchAPIError(f"{call}: disabled must be True, False or a list of column names and positions, "
                                    f"not a list holding {item!r}")
    backend = frame.backend
    editors = []
    for shown in frame.shown:
        name = edit_name(shown)
        settings = shown.settings
        kind = _kind(frame, shown)
        type_config = settings.get("type_config") or {}
        if not isinstance(type_config, Mapping):
            type_config = {}
        configured = type_config.get("type")
        off = (everything or name in names or shown.source in positions or settings.get("disabled") is True
               or (shown.column.index and backend.range_index))
        required = settings.get("required") is True or (shown.column.index and not backend.range_index)
        options = type_config.get("options")
        choices: list[Any] | None
        labels: list[str] | None = None
        colors: list[str | None] | None = None
        if isinstance(options, (list, tuple)):
            choices, labels, colors = _options(options, as_text=configured == "multiselect")
        elif configured == "multiselect":
            choices = []
        else:
            choices = _categories(frame, shown)
        field: str | None
        if configured in COMPATIBLE:
            if kind not in COMPATIBLE[configured] and not off:
                raise PorchAPIError(
                    f"{call}: the column type {configured!r} of column {name!r} cannot edit its data of type "
                    f"{kind!r}. Choose a compatible type, disable the column, or convert the column's data."
                )
            field = configured if kind in INPUTS else None
        elif configured in EDITED_AS:
            field = EDITED_AS[configured] if kind in COMPATIBLE[EDITED_AS[configured]] else None
        elif configured is None:
            field = "selectbox" if choices is not None and kind in COMPATIBLE["selectbox"] else INPUTS.get(kind)
        else:  # progress bars, images, charts, lists, JSON: shown, not edited
            field = None
        listed = field in ("selectbox", "multiselect")
        editor = Editor(
            name=name, kind=kind, input=None if off else field, required=required,
            options=choices if listed else None, labels=labels if listed else None,
            colors=colors if field == "multiselect" else None,
            accept_new=field == "multiselect" and type_config.get("accept_new_options") is True,
            timezone=_zone(frame, shown, type_config) if field == "datetime" else None,
            validate=type_config.get("validate") if isinstance(type_config.get("validate"), str) else None,
            zoneless=kind == "datetime" and not shown.column.index and _zone(frame, shown, {}) is None,
        )
        default = settings.get("default")
        if default is not None and editor.input is None:
            editor.default = json_value(default)
        elif default is not None:
            try:
                editor.default = editor.check(default, strict=False)
            except ValueError as exc:
                raise PorchAPIError(f"{call}: the default of column {name!r} does not fit it: {exc}") from None
        editors.append(editor)
    return editors


def _options(options: Iterable[Any], *, as_text: bool) -> tuple[list[Any], list[str] | None, list[str | None] | None]:
    """The values, labels and colours of ``options``: plain values, or Streamlit's ``{value, label, color}`` (what
    ``format_func`` and ``color`` make). ``as_text``: a multiselect's, whose values Streamlit compares as text."""
    values: list[Any] = []
    labels: list[str | None] = []
    colors: list[str | None] = []
    for option in options:
        entry = option if isinstance(option, Mapping) else {"value": option}
        value = json_value(entry.get("value"))
        values.append(str(value).strip() if as_text and value is not None else value)
        label = entry.get("label")
        labels.append(None if label is None else str(label))
        color = entry.get("color")
        colors.append(None if color is None else str(color))
    named = None
    if any(label is not None for label in labels):
        named = [str(value) if label is None else label for value, label in zip(values, labels)]
    return values, named, colors if any(color is not None for color in colors) else None


def _zone(frame: Frame, shown: Shown, type_config: Mapping[str, Any]) -> str | None:
    """The zone a date-time column is edited in: its ``timezone``, else its data's own (a pandas, polars or Arrow
    column of zoned times), else None (the values' wall-clock times)."""
    configured = type_config.get("timezone")
    if isinstance(configured, str):
        return configured
    backend = frame.backend
    df = getattr(backend, "df", None)
    if df is not None and type(df).__module__.split(".")[0] == "pandas":
        if shown.column.index:
            tz = getattr(df.index.dtype, "tz", None) if df.index.nlevels == 1 else None
        else:
            tz = getattr(df.iloc[:, shown.source - df.index.nlevels].dtype, "tz", None)
        return _zone_name(tz)
    offset = sum(1 for column in backend.columns if column.index)
    if df is not None and type(df).__module__.split(".")[0] == "polars" and 0 <= shown.source - offset < df.width:
        zone = getattr(df.dtypes[shown.source - offset], "time_zone", None)
        return zone if isinstance(zone, str) else None
    table = getattr(backend, "table", None)
    if table is not None and type(table).__module__.split(".")[0] == "pyarrow":
        if 0 <= shown.source - offset < table.num_columns:
            zone = getattr(table.schema.field(shown.source - offset).type, "tz", None)
            return zone if isinstance(zone, str) else None
    return None


def _zone_name(tz: Any) -> str | None:
    """A tzinfo as the client names zones: its IANA key (zoneinfo, pytz, dateutil), else its fixed offset."""
    if tz is None:
        return None
    for attribute in ("key", "zone"):
        name = getattr(tz, attribute, None)
        if isinstance(name, str):
            return name
    offset = tz.utcoffset(None) if isinstance(tz, datetime.timezone) else None
    if offset is None:
        return str(tz)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class DataEditorState(ReadOnlyState):
    """An editor's edit state as ``session_state[key]`` holds it, Streamlit's ``DataEditorState`` (``porch.typing``):
    ``edited_rows``, ``added_rows`` and ``deleted_rows``, read by key or attribute, never changed by the script."""

    refusal = "a data editor's edit state is read-only: it changes only when the data is edited in the page"


def empty_state() -> DataEditorState:
    return DataEditorState(edited_rows={}, added_rows=[], deleted_rows=[])


def state_codec(editors: list[Editor], rows: int, num_rows: str) -> Codec:
    """The edit state of an editor of ``rows`` rows whose shown columns are edited by ``editors``: JSON text on the
    wire, Streamlit's dict in the script. Anything that does not fit is refused whole (``ValueError``)."""
    by_name = {editor.name: editor for editor in editors}
    editable = {name: editor for name, editor in by_name.items() if editor.input is not None}

    def parse(value: Any, *, strict: bool) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise ValueError("an edit state is {'edited_rows': {...}, 'added_rows': [...], 'deleted_rows': [...]}")
        extra = set(value) - {"edited_rows", "added_rows", "deleted_rows"}
        if extra:
            raise ValueError(f"an edit state has no {sorted(map(str, extra))}")
        edited_rows = value.get("edited_rows", {})
        added_rows = value.get("added_rows", [])
        deleted_rows = value.get("deleted_rows", [])
        if not isinstance(edited_rows, Mapping):
            raise ValueError("edited_rows maps row positions to {column: value}")
        if not isinstance(added_rows, (list, tuple)) or not isinstance(deleted_rows, (list, tuple)):
            raise ValueError("added_rows and deleted_rows are lists")
        cells = 0
        out_edited: dict[int, dict[str, Any]] = {}
        for key, changes in edited_rows.items():
            row = _position(key, rows, strict=strict)
            if row in out_edited:
                raise ValueError(f"row {row} is edited twice")
            if not isinstance(changes, Mapping):
                raise ValueError(f"the edits of row {row} are {{column: value}}")
            out: dict[str, Any] = {}
            for name, cell_value in changes.items():
                editor = editable.get(name) if isinstance(name, str) else None
                if editor is None:
                    raise ValueError(f"column {name!r} is not an editable column of this editor")
                out[name] = editor.check(cell_value, strict=strict)
                cells += 1
            if cells > MAX_EDITED_CELLS:
                raise ValueError(f"more than {MAX_EDITED_CELLS} edited cells")
            if out:
                out_edited[row] = out
        if added_rows and num_rows not in ADDING:
            raise ValueError(f"rows cannot be added with num_rows={num_rows!r}")
        if len(added_rows) > MAX_ADDED_ROWS:
            raise ValueError(f"more than {MAX_ADDED_ROWS} added rows")
        out_added: list[dict[str, Any]] = []
        for added in added_rows:
            if not isinstance(added, Mapping):
                raise ValueError("an added row is {column: value}")
            row_values: dict[str, Any] = {}
            for name, cell_value in added.items():
                editor = by_name.get(name) if isinstance(name, str) else None
                if editor is None:
                    raise ValueError(f"column {name!r} is not a column of this editor")
                if editor.input is None:
                    taken = json_value(cell_value) if not strict else cell_value
                    if taken is not None and not _same_json(taken, editor.default):
                        raise ValueError(f"column {name!r} is read-only: a new row holds its default")
                    row_values[name] = taken
                else:
                    row_values[name] = editor.check(cell_value, strict=strict)
            index = editable.get(INDEX)
            if index is not None and index.required and row_values.get(INDEX) is None:
                raise ValueError("a new row needs its index")
            out_added.append(row_values)
        if deleted_rows and num_rows not in DELETING:
            raise ValueError(f"rows cannot be deleted with num_rows={num_rows!r}")
        if any(isinstance(row, str) for row in deleted_rows):
            raise ValueError("deleted_rows lists row positions (whole numbers)")
        out_deleted = [_position(row, rows, strict=strict) for row in deleted_rows]
        if len(set(out_deleted)) != len(out_deleted):
            raise ValueError("a row is deleted twice")
        return {"edited_rows": out_edited, "added_rows": out_added, "deleted_rows": out_deleted}

    def to_wire(value: Any) -> str:
        state = parse(value, strict=False)
        state["edited_rows"] = {str(row): changes for row, changes in state["edited_rows"].items()}
        return json_text(state)

    def from_wire(wire: Any) -> DataEditorState:
        return DataEditorState(parse(read_json_text(wire, "an edit state"), strict=True))

    return Codec(to_wire=to_wire, from_wire=from_wire)


def _position(value: Any, rows: int, *, strict: bool) -> int:
    """A row position of the data: an int, or (as JSON keys are) its decimal text."""
    if isinstance(value, str) and value.isdigit() and value.isascii() and len(value) <= 16:
        number = int(value)
    elif type(value) is int or (not strict and hasattr(value, "dtype") and isinstance(json_value(value), int)):
        number = int(value)
    else:
        raise ValueError(f"{value!r} is not a row position")
    if not 0 <= number < rows:
        raise ValueError(f"row {number} is not one of the data's {rows} rows")
    return number


def _check_names(frame: Frame, call: str) -> None:
    """Streamlit's checks of the data an editor takes: distinct column names, none called ``_index``, an index of one
    level of a type it edits."""
    data_names = [_name(column) for column in frame.backend.columns if not column.index]
    twice = sorted(name for name, count in Counter(data_names).items() if count > 1)
    if twice:
        raise PorchAPIError(f"{call}: the columns of the data must have distinct names for editing; {twice} are "
                            "used twice. Rename them in the data.")
    if INDEX in data_names:
        raise PorchAPIError(f"{call}: the column name {INDEX!r} is kept for the index; rename that column of the data.")
    if sum(1 for c in frame.backend.columns if c.index) > 1:
        raise PorchAPIError(f"{call}: data with an index of several levels (a MultiIndex) cannot be edited yet; "
                            "reset the index (df.reset_index()) first.")
    df = getattr(frame.backend, "df", None)
    if df is not None and type(df).__module__.split(".")[0] == "pandas":
        kind = type(df.index).__name__
        if kind in ("IntervalIndex", "PeriodIndex", "TimedeltaIndex"):
            raise PorchAPIError(f"{call}: the type of the data's index - {kind} - cannot be edited yet.")


def _name(column: Column) -> str:
    """What the edit state calls a column of the data (see :func:`edit_name`)."""
    if column.index:
        return INDEX
    if isinstance(column.name, tuple):
        return "_".join(map(str, column.name))
    return str(column.name)


def data_editor(
    place: Block,
    data: Any,
    *,
    width: Width = "stretch",
    height: Height = "auto",
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
    column_order: Iterable[str] | None = None,
    column_config: Mapping[str | int, Any] | None = None,
    num_rows: NumRows = "fixed",
    disabled: bool | Iterable[str | int] = False,
    key: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    row_height: int | None = None,
    placeholder: str | None = None,
    alt: str | None = None,
) -> Any:
    """Show ``data`` as a table the user edits; return the data edited, in the type given.

    ``data`` is anything ``dataframe`` shows but a generator function (refused, as Streamlit refuses it); of an
    unevaluated object (a LazyFrame, a database cursor, a Spark or Dask frame...) its first 10,000 rows are edited, as
    in Streamlit, with its caption when there may be more. The result is of the same type: a pandas DataFrame or
    Series (also for a cursor or another unevaluated object), a polars DataFrame (also for a LazyFrame) or Series, a
    pyarrow Table, RecordBatch or array, a NumPy array, a list, tuple or set of values, a list of dicts or of rows, a
    dict of columns; a pandas Index or Styler, and objects read
    through ``__dataframe__``, ``to_arrow()`` or ``to_pandas()``, come back as a pandas DataFrame. The script's
    object is never changed: the edits go to a copy. Column names come back as text, as the edits name them.

    The user double-clicks a cell (or presses Enter, or starts typing) to edit it, Enter or Tab to keep the new
    value, Escape to leave it; check boxes toggle with a click or Space; a column of options (``column_config``
    ``SelectboxColumn``, or a pandas categorical) edits with a list (showing ``format_func``'s labels); a list or
    ``MultiselectColumn`` cell edits its items as chips (typed in, or picked from the options); arrows, Home, End,
    Page Up and Page Down move between cells. Numbers, text, booleans, dates, times, date-times (in a
    ``DatetimeColumn``'s ``timezone``), durations (as their number of seconds; shown in words, ``a minute``, as
    Streamlit shows them) and lists of text are editable; dicts, bytes, mixed objects and lists of other items show
    read-only (as in Streamlit). As in Streamlit, an edit made in a ``timezone`` over times without a zone is an
    instant the data cannot hold: the edit state keeps it and the cell shows it, but the script gets the time as it
    was, and the log says why (once per session and column); a row added so keeps the instant (pandas makes the
    column one of objects, as Streamlit's does; polars, pyarrow and NumPy data take its time in UTC). A click on a
    header sorts the rows as edited, without the deleted ones; as in Streamlit, the order is made when the sort is
    picked and when rows are deleted, so an edited row stays in place until then.

    ``num_rows``: "fixed" (the default: no rows added or deleted), "dynamic" (both), "add" (added only) or "delete"
    (deleted only). Rows are added with the "Add row" button, deleted by checking them and "Delete rows" (or the
    Delete key); while rows may be added the header does not sort, and a plain 0..n-1 index is hidden unless
    ``hide_index=False``. Added rows continue a numbered index; another index needs a value in each new row.

    ``disabled``: True makes the whole table read-only; a list of column names (``"_index"`` for the index) or
    positions (counting the index columns first) makes those columns read-only. ``column_config`` (see
    ``porch.column_config``) sets each column's label, width, help, type and, for editing, ``disabled``,
    ``required`` (a cell may not be emptied, a new row must fill it), ``default`` (what a new row holds), a number's
    ``min_value``, ``max_value``, ``step`` and ``format``, text's ``max_chars`` and ``validate`` (a regular
    expression), a selectbox's ``options``, a date's or time's bounds. A column type that cannot edit its column's
    data (a ``NumberColumn`` of text...) is an error unless the column is disabled.

    The edits are the widget's value: with a ``key``, ``session_state[key]`` is Streamlit's edit state,
    ``{"edited_rows": {row: {column: value}}, "added_rows": [{column: value}], "deleted_rows": [row]}`` (rows are
    positions in ``data``); it cannot be set by the script. Given other data or columns, the editor starts over.
    ``on_change`` is a function called (with ``args`` and ``kwargs``) before the rerun an edit causes, or "rerun"
    (the default). ``hide_index``, ``column_order``, ``width``, ``height``, ``use_container_width``, ``row_height``
    and ``placeholder`` (the text of a missing value) are as for ``dataframe``; ``alt`` is the table's accessible name.
    """
    call = "data_editor"
    if num_rows not in NUM_ROWS:
        raise PorchAPIError(f"{call}: num_rows must be one of {NUM_ROWS}, not {num_rows!r}")
    callback_of(on_change, call)
    if inspect.isgeneratorfunction(data):  # Streamlit's editor has no data format for one, and says so
        raise PorchAPIError(
            f"The data type ({type(data).__name__}) or format is not supported by the data editor. Please convert "
            "your data into a Pandas Dataframe or another supported data format."
        )
    # An unevaluated object is edited as its preview, as Streamlit's: its first 10,000 rows, with Streamlit's caption
    # when it has that many (``_preview``); they come back as a pandas DataFrame (a LazyFrame's as a polars one).
    data = evaluated(data)
    shape = shape_of(data)
    column_config, buttons = _button_column.split(place, column_config, active=disabled is not True)
    frame = frame_of(data, call, hide_index=hide_index, column_order=column_order, column_config=column_config,
                     hide_range_index=num_rows in ADDING)
    _check_names(frame, call)
    if (hide_index is True and num_rows in ADDING and not frame.backend.range_index
            and any(c.index for c in frame.backend.columns)):
        # New rows need their index: it shows, as Streamlit's (which warns that hide_index has no effect then).
        frame = frame_of(data, call, hide_index=False, column_order=column_order, column_config=column_config)
    editors = editors_of(frame, disabled, call)
    _button_column.register(place, buttons, frame.row_count, call)
    shown, content = table_props(frame, call, width, height, use_container_width, row_height, placeholder)
    frames = get_run().session.frames
    wire_editors = [editor.wire for editor in editors]
    version = json.dumps([fingerprint(frame), wire_editors, num_rows], default=str)
    codec = state_codec(editors, frame.row_count, num_rows)
    props = {
        **shown,
        "num_rows": num_rows,
        "sortable": num_rows not in ADDING,
        "editing": wire_editors,
        "alt": None if alt is None else str(alt),
    }
    # The server sorts the rows as edited, without the deleted ones (``_edited_order``): the table takes this run's
    # edits before it is placed, and the client learns how many rows a sorted view leaves out.
    table = EditedTable(frame, [editor.name for editor in editors], [editor.kind for editor in editors])
    # Its own id (its signature before any edits): a dataframe showing the same object holds its frame under another.
    data_id = props["data"] = frames.data_id(table, content)

    def edits_props(value: Any) -> dict[str, Any]:
        table.set_edits(value)
        return {"sort_left_out": table.left_out}

    state = show_widget(
        place, "data_editor", "", props,
        key=key, default=empty_state(), codec=codec, disabled=disabled is True, label_visibility="collapsed",
        on_change=on_change, args=args, kwargs=kwargs, read_only=True, identity=version, version=version,
        value_props=edits_props, placed=lambda path: frames.place(path, data_id, table),
    )
    kinds = {editor.name: editor.kind for editor in editors}
    names = {_name(column): position for position, column in enumerate(frame.backend.columns)}
    edits = edits_of(state, kinds, {editor.name for editor in editors if editor.zoneless})
    _warn_dropped(edits, version, editors)
    return edited(data, shape, frame, edits, names)


def _warn_dropped(edits: Edits, version: str, editors: list[Editor]) -> None:
    """Log the edits left out (worker thread, during the run), once per session, editor and column: the edit state
    keeps them, so every run would drop them again."""
    if not edits.dropped:
        return
    warned = get_run().session.widgets.warned_params
    zones = {editor.name: editor.timezone for editor in editors}
    for row, name, value in edits.dropped:
        mark = f"data_editor:{hash(version)}:{name}"
        if mark in warned:
            continue
        warned.add(mark)
        zone = zones.get(name) or "UTC"
        log.warning(
            "data_editor: the edit %r of row %d in column %r was ignored, as Streamlit ignores it: it is an instant "
            "(a DatetimeColumn with a timezone sends its edits in UTC) and the column's times have no zone. Give "
            "the data's times their zone (pandas: df[%r] = df[%r].dt.tz_localize(%r)) or leave out the column's "
            "timezone to edit them as they are (logged once per session and column).",
            value, row, name, name, name, zone,
        )
