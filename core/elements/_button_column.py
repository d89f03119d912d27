"""Button columns of tables (``column_config.ButtonColumn`` with a ``key``): each a trigger of the table showing it.

A ``dataframe`` or ``data_editor`` whose ``column_config`` holds a :class:`ButtonColumnResult` registers one widget
for each such column, as Streamlit's ``register_button_column_widgets`` does: a payload trigger (``show_widget``'s
``trigger``/``payload``, through ``_place.register_event``) of kind ``dataframe_button`` under the column's ``key``.
A click on one of the column's buttons sends the trigger with ``{"row": <position in the data>, "label": <the
button's label>}`` as JSON text; the column's ``on_click`` runs (with ``args`` and ``kwargs``) before the rerun, and
``session_state[key]`` holds a :class:`ButtonColumnClickState` in the run the click caused, None in any other. The
column's wire config carries the trigger's id (``widget``), which the page sends with the click (webui/cells.js); a
column without one (no ``key``, or a disabled ``data_editor``) shows its buttons without reporting clicks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..context import get_run
from ..errors import PorchAPIError
from ..widgets import Codec
from ._place import Block, form_of, register_event, widget_id_at
from ._selection import ReadOnlyState, json_text, read_json_text

#: The widget kind of a button column's trigger (Streamlit's element id prefix).
KIND = "dataframe_button"
#: The longest label a click may name (a cell's text; longer is refused).
MAX_LABEL = 10_000


@dataclass(frozen=True)
class ButtonColumnResult:
    """What ``ButtonColumn(..., key=...)`` returns, as Streamlit's: the column's configuration (``config``, a plain
    ``ColumnConfig`` dict) with the callback and key a table registers its clicks under."""

    config: Mapping[str, Any]
    on_click: Callable[..., Any] | None = None
    args: Iterable[Any] | None = None
    kwargs: Mapping[str, Any] | None = None
    key: str | None = None


class ButtonColumnClickState(ReadOnlyState):
    """A click on a button column, as Streamlit's: ``row`` (the row's position in the data, whatever the sort) and
    ``label`` (the button's label), read as keys or attributes (``click.row``, ``click["label"]``)."""

    refusal: ClassVar[str] = "a button column's click is read-only: it comes from the browser"


def click_codec(rows: int) -> Codec:
    """A click on a table of ``rows`` rows: JSON text ``{"row": int, "label": str}`` on the wire, a
    :class:`ButtonColumnClickState` in the script. A row outside the table, a label that is not text (or longer than
    :data:`MAX_LABEL`), any other key, or no click at all is refused."""

    def parse(value: Any) -> ButtonColumnClickState:
        if not isinstance(value, Mapping) or set(value) != {"row", "label"}:
            raise ValueError("a button click is {'row': int, 'label': str}")
        row, label = value["row"], value["label"]
        if type(row) is not int or not 0 <= row < rows:
            raise ValueError(f"a button click's row is a row of the table (0 to {rows - 1}), not {row!r}")
        if not isinstance(label, str) or len(label) > MAX_LABEL:
            raise ValueError(f"a button click's label is text of at most {MAX_LABEL} characters")
        return ButtonColumnClickState(row=row, label=label)

    def to_wire(value: Any) -> str | None:
        return None if value is None else json_text(dict(parse(value)))

    def from_wire(wire: Any) -> ButtonColumnClickState:
        return parse(read_json_text(wire, "a button click", MAX_LABEL * 2))

    return Codec(to_wire=to_wire, from_wire=from_wire)


def split(
    place: Block, column_config: Mapping[Any, Any] | None, *, active: bool = True
) -> tuple[Mapping[Any, Any] | None, dict[str, ButtonColumnResult]]:
    """``column_config`` with each :class:`ButtonColumnResult` replaced by its configuration, and those results by
    their trigger's id. While ``active`` (not a disabled ``data_editor``), the configuration names that id
    (``type_config["widget"]``) for the page to send; otherwise the buttons show and report nothing."""
    if column_config is None or not isinstance(column_config, Mapping):
        return column_config, {}
    if not any(isinstance(value, ButtonColumnResult) for value in column_config.values()):
        return column_config, {}
    plain: dict[Any, Any] = {}
    buttons: dict[str, ButtonColumnResult] = {}
    for name, value in column_config.items():
        if not isinstance(value, ButtonColumnResult):
            plain[name] = value
            continue
        config = dict(value.config)
        if active:
            trigger = widget_id_at(place, KIND, str(value.key), "")
            if trigger in buttons:
                raise PorchAPIError(
                    f"There are multiple button columns with key={value.key!r}. Keys must be unique: give each "
                    "ButtonColumn its own key."
                )
            config["type_config"] = {**dict(config.get("type_config") or {}), "widget": trigger}
            buttons[trigger] = value
        plain[name] = config
    return plain, buttons


def register(place: Block, buttons: Mapping[str, ButtonColumnResult], rows: int, call: str) -> None:
    """Register the trigger of each button column of a table of ``rows`` rows (from :func:`split`), before the table
    is shown. As Streamlit's: a column's key cannot be set through session_state, and a column inside a form takes no
    ``on_click`` (its clicks rerun the script at once, as a form's widgets do not)."""
    if not buttons:
        return
    form = form_of(place)
    session = get_run().session
    for trigger, column in buttons.items():
        key = str(column.key)
        if form is not None and column.on_click is not None:
            raise PorchAPIError(
                f"{call}: widgets inside a form cannot have callbacks, but the ButtonColumn with key {key!r} has "
                "one. Only the form's submit button can take on_click."
            )
        if column.on_click is not None and not callable(column.on_click):
            raise PorchAPIError(f"{call}: the on_click of the ButtonColumn with key {key!r} must be a callable")
        if session.state.take_preset(key)[0]:
            raise PorchAPIError(
                f"session_state[{key!r}] is read-only and cannot be assigned through session state: it holds the "
                "clicks of a ButtonColumn. Use a different session state key for values you need to set."
            )
        register_event(
            place, trigger, KIND, key, codec=click_codec(rows), on_change=column.on_click, key=key,
            args=column.args, kwargs=dict(column.kwargs or {}), read_only=True,
        )
