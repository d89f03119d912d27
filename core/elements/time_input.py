"""``time_input``: a time of day, picked in the browser's own time field.

The wire carries ``"HH:MM"`` (``"HH:MM:SS"`` when ``step`` is not whole minutes, or the value has seconds), or null
while empty. The codec refuses anything else, and an empty value for a widget that did not start empty.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any, Literal, Protocol, overload

from ..errors import PorchAPIError
from ..widgets import Codec
from ._place import Args, Block, Kwargs, WidgetProps, show_widget
from .date_input import OnChange, callback_of

#: What a script may give for a time: a time, a datetime (its time), or an ISO string such as "08:45".
TimeLike = time | datetime | str
TimeFormat = Literal["12h", "24h"]
_WIRE_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
MIN_STEP = 60
MAX_STEP = 23 * 3600


class Props(WidgetProps):
    #: The picker's step, in seconds (60 to 82800).
    step: int
    #: "24h" or "12h" as the script asked; a native time field shows the clock of the user's locale instead.
    format: str
    #: The user may empty the field (it started empty and is not ``required``).
    clearable: bool
    required: bool


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
    default: no callback). "ignore" is accepted; Porch reruns on each change all the same. ``width``, ``bind`` (keep
    the value in the URL's query parameters) and ``persist_state`` are accepted for Streamlit's signature and have
    no effect in Porch yet: the input fills its container's width.
    """
    name = f"time_input({label!r})"
    if format not in ("12h", "24h"):
        raise PorchAPIError(f"{name}: format must be '24h' or '12h', not {format!r}")
    callback = callback_of(on_change, name)
    seconds = _step_seconds(step, name)
    default = None if value is None else _to_time(value, name)
    empty = default is None
    result: time | None = show_widget(
        place,
        "time_input",
        str(label),
        {"step": seconds, "format": format, "clearable": empty and not required, "required": bool(required)},
        key=key,
        default=default,
        codec=time_codec(with_seconds=seconds % 60 != 0, empty=empty),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=callback,
        args=args,
        kwargs=kwargs,
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
        if with_seconds or value.second:
            return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
        return f"{value.hour:02d}:{value.minute:02d}"

    def from_wire(wire: Any) -> time | None:
        if wire is None and empty:
            return None
        if not isinstance(wire, str) or not _WIRE_TIME.match(wire):
            raise ValueError(f"expected a time 'HH:MM' or 'HH:MM:SS', not {wire!r}")
        return time.fromisoformat(wire)

    return Codec(to_wire=to_wire, from_wire=from_wire)


def _to_time(value: Any, name: str) -> time:
    if isinstance(value, str) and value == "now":
        return datetime.now().time().replace(second=0, microsecond=0)
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value)
        except ValueError:
            try:
                return datetime.fromisoformat(value).time().replace(second=0, microsecond=0)
            except ValueError:
                pass
    raise PorchAPIError(
        f"{name}: value must be a time, a datetime, an ISO time string such as '08:45', 'now' or None, not {value!r}"
    )


def _step_seconds(step: Any, name: str) -> int:
    if isinstance(step, timedelta):
        total = step.total_seconds()
        if not total.is_integer():
            raise PorchAPIError(f"{name}: step must be whole seconds, not {step!r}")
        seconds = int(total)
    elif isinstance(step, int) and not isinstance(step, bool):
        seconds = step
    else:
        raise PorchAPIError(f"{name}: step must be an int (seconds) or a timedelta, not {step!r}")
    if not MIN_STEP <= seconds <= MAX_STEP:
        raise PorchAPIError(f"{name}: step must be between 60 seconds and 23 hours, not {seconds} seconds")
    return seconds


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
