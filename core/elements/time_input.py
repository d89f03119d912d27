"""``time_input``: a time of day, picked in the browser's own time field.

The wire carries ``"HH:MM"`` (``"HH:MM:SS"`` when ``step`` is not whole minutes, or the value has seconds), or null
while empty. The codec refuses anything else, and an empty value for a widget that did not start empty.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, Literal, Protocol, overload

from ..errors import PorchAPIError
from ..widgets import Codec
from ._datetime import WIRE_TIME, TimeLike, step_seconds, to_time, wire_time
from ._layout import width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget

TimeFormat = Literal["12h", "24h"]


class Props(WidgetProps):
    #: The picker's step, in seconds (60 to 82800).
    step: int
    #: "24h" or "12h" as the script asked; a native time field shows the clock of the user's locale instead.
    format: str
    #: The user may empty the field (it started empty and is not ``required``).
    clearable: bool
    required: bool
    #: "stretch" (the container's width, the default) or pixels.
    width: str | int


def time_input(
    place: Block,
    label: str,
    value: TimeLike | None = "now",
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    step: int | timedelta = timedelta(seconds=900),
    format: TimeFormat = "24h",
    width: int | Literal["stretch"] = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> time | None:
    """Show a time input; return the picked ``datetime.time`` (None while empty).

    ``value`` is where it starts: ``"now"`` (the default: the current time, to the minute), a ``time``, a
    ``datetime`` (its time, to the minute) or an ISO string such as ``"08:45"``, ``"08:45:30"`` or
    ``"2024-05-17 08:45"``; ``None`` starts empty and returns None until a time is picked.

    ``step`` is the picker's interval, in seconds or as a ``timedelta``, from 60 seconds to 23 hours (15 minutes by
    default); with a step that is not whole minutes the field shows seconds too. ``format`` is "24h" (default) or
    "12h"; Porch's field is the browser's own time input, which shows the clock of the user's locale whatever
    ``format`` says.

    ``required=True`` means an empty value is never committed: once the user leaves the field empty, the page marks
    it as invalid and does not send it. As in Streamlit, a widget that starts empty (``value=None``) still returns
    None until the user picks a time. Only a widget that started empty can be emptied again.

    ``on_change`` is a callable run before the rerun a change causes (with ``args`` and ``kwargs``), or "rerun" (the
    default: no callback); "ignore" keeps a new time in the page, without a rerun, until something else reruns the
    script, which then sees it. ``width`` is "stretch" (the container's width, the default) or pixels. 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    name = f"time_input({label!r})"
    if format not in ("12h", "24h"):
        raise PorchAPIError(f"{name}: format must be '24h' or '12h', not {format!r}")
    seconds = step_seconds(step, name)
    shown_width = width_of(width, name, keywords=("stretch",))
    default = None if value is None else to_time(value, name)
    empty = default is None
    result: time | None = show_widget(
        place,
        "time_input",
        str(label),
        {
            "step": seconds, "format": format, "clearable": empty and not required, "required": bool(required),
            "width": shown_width,
        },
        key=key,
        default=default,
        codec=time_codec(with_seconds=seconds % 60 != 0, empty=empty),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("time_input", ...): "now" as written
            "value": value if isinstance(value, str) and value == "now" else default,
            "help": help, "step": seconds, "width": width, "required": required,
        },
        keyed_identity=("step",),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value is not None and not (isinstance(value, str) and value == "now"),
    )
    return result


def time_codec(*, with_seconds: bool, empty: bool) -> Codec:
    """Times as ``"HH:MM"`` (``"HH:MM:SS"`` with seconds); ``empty``: None is a value too."""

    def to_wire(value: Any) -> str | None:
        if value is None and empty:
            return None
        if isinstance(value, datetime):
            value = value.time()
        if not isinstance(value, time):
            raise ValueError(f"expected a time, not {value!r}")
        return wire_time(value, with_seconds)

    def from_wire(wire: Any) -> time | None:
        if wire is None and empty:
            return None
        if not isinstance(wire, str) or not WIRE_TIME.match(wire):
            raise ValueError(f"expected a time 'HH:MM' or 'HH:MM:SS', not {wire!r}")
        return time.fromisoformat(wire)

    return Codec(to_wire=to_wire, from_wire=from_wire)


class TimeInput(Protocol):
    """``time_input`` as a script sees it: a time, or ``time | None`` when it may start empty."""

    @overload
    def __call__(
        self,
        label: str,
        value: TimeLike = "now",
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        step: int | timedelta = timedelta(seconds=900),
        format: TimeFormat = "24h",
        width: int | Literal["stretch"] = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> time: ...

    @overload
    def __call__(
        self,
        label: str,
        value: TimeLike | None,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        step: int | timedelta = timedelta(seconds=900),
        format: TimeFormat = "24h",
        width: int | Literal["stretch"] = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> time | None: ...
