"""``datetime_input``: a date and a time of day in one field, shown as Streamlit shows it: a text field with the date
in ``format`` and a 24-hour time, and a button that opens a date-and-time picker.

The wire carries ``"YYYY-MM-DDTHH:MM"`` (``"YYYY-MM-DDTHH:MM:SS"`` when ``step`` is not whole minutes, or the value
has seconds), or null while empty: the form of ``<input type=datetime-local>``'s value, whatever the field shows. The codec refuses anything
else, a moment outside ``min_value``..``max_value``, and an empty value for a widget that did not start empty.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, Literal, Protocol, overload

from ..errors import PorchAPIError
from ..widgets import Codec, OutOfBounds
from ._datetime import (
    WIRE_DATETIME,
    DatetimeLike,
    check_date_format,
    shift_years,
    step_seconds,
    to_datetime,
    wire_datetime,
)
from ._layout import width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget, state_value


class Props(WidgetProps):
    #: The earliest and latest moments the user may pick, as on the wire ("YYYY-MM-DDTHH:MM[:SS]").
    min: str
    max: str
    #: The time picker's step, in seconds (60 to 82800).
    step: int
    #: Streamlit's display format of the date part ("YYYY/MM/DD"...), as the field shows it.
    format: str
    #: The user may empty the field (it started empty and is not ``required``).
    clearable: bool
    required: bool
    #: "stretch" or pixels.
    width: str | int


def datetime_input(
    place: Block,
    label: str,
    value: DatetimeLike | None = "now",
    min_value: DatetimeLike | None = None,
    max_value: DatetimeLike | None = None,
    *,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    format: str = "YYYY/MM/DD",
    step: int | timedelta = timedelta(seconds=900),
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: int | Literal["stretch"] = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> datetime | None:
    """Show a date-and-time input; return the picked ``datetime.datetime`` (naive; None while empty).

    ``value`` is where it starts: ``"now"`` (the default: the current date and time, to the minute), a ``datetime``
    (its time zone is dropped, its wall-clock time kept), a ``date`` (at 00:00), a ``time`` (today, at that time), an
    ISO string such as ``"2025-11-19 16:45"``, ``"2025-11-19"`` or ``"16:45"``; ``None`` starts empty and returns
    None until the user picks a moment. Seconds are kept, fractions of a second are not.

    ``min_value`` and ``max_value`` bound what may be picked and take the same kinds of values. They default to ten
    years before and after the value (around today, from 00:00 to 23:59, when it starts empty). ``"now"`` is clamped
    into them; any other value outside them is an error.

    ``format`` is how Streamlit displays the date part: "YYYY/MM/DD" (default), "DD/MM/YYYY" or "MM/DD/YYYY", with
    "/", "-" or "." between the parts; any other format is an error. The field shows the date so, whatever the user's
    locale, with the time as 24-hour "HH:MM" (as Streamlit's does). ``step`` is the time
    picker's interval, in seconds or as a ``timedelta``, from 60 seconds to 23 hours (15 minutes by default); with a
    step that is not whole minutes the field shows seconds too.

    ``required=True`` means an empty value is never committed: once the user leaves the field empty, the page marks
    it as invalid and does not send it. A widget that starts empty (``value=None``) still returns None until the user
    picks a moment. Only a widget that started empty can be emptied again.

    ``on_change`` is a callable run before the rerun a change causes (with ``args`` and ``kwargs``), or "rerun" (the
    default: no callback); "ignore" keeps a change in the page, without a rerun, until something else reruns the
    script, which then sees it. ``width`` is "stretch"
    (the default) or pixels. 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    name = f"datetime_input({label!r})"
    check_date_format(format, name)
    seconds = step_seconds(step, name)
    shown_width = width_of(width, name, keywords=("stretch",))
    is_now = isinstance(value, str) and value == "now"
    start = None if value is None else to_datetime(value, name, "value")
    low = None if min_value is None else to_datetime(min_value, name, "min_value")
    high = None if max_value is None else to_datetime(max_value, name, "max_value")
    if low is not None and high is not None and low > high:
        raise PorchAPIError(f"{name}: min_value {low} is later than max_value {high}")
    if start is not None and is_now:
        start = min(max(start, low or start), high or start)  # "now" is clamped into the bounds given
    explicit_bounds = low is not None or high is not None
    # Bounds not given are Streamlit's: the start of the day ten years before the value (today without one), the
    # end of the day ten years after; they take in a datetime set through session_state too (Streamlit checks no
    # bounds it made up).
    base = date.today() if start is None else start.date()
    low = datetime.combine(shift_years(base, -10), time()) if low is None else low
    high = datetime.combine(shift_years(base, 10), time(23, 59)) if high is None else high
    held, state = state_value(key)
    if not explicit_bounds and held and isinstance(state, datetime):
        low = min(low, datetime.combine(shift_years(state.date(), -10), time()))
        high = max(high, datetime.combine(shift_years(state.date(), 10), time(23, 59)))
    if low > high:
        raise PorchAPIError(f"{name}: min_value {low} is later than max_value {high}")
    if start is not None and not low <= start <= high:
        raise PorchAPIError(f"{name}: the value {start} must lie between min_value {low} and max_value {high}")
    with_seconds = seconds % 60 != 0
    empty = start is None
    result: datetime | None = show_widget(
        place,
        "datetime_input",
        str(label),
        {
            "min": wire_datetime(low, with_seconds),
            "max": wire_datetime(high, with_seconds),
            "step": seconds,
            "format": format,
            "clearable": empty and not required,
            "required": bool(required),
            "width": shown_width,
        },
        key=key,
        default=start,
        codec=datetime_codec(low, high, with_seconds=with_seconds, empty=empty),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("date_time_input", ...): "now" as written
            "value": "now" if is_now else start,
            "min_value": low if min_value is not None else None, "max_value": high if max_value is not None else None,
            "help": help, "format": format, "step": seconds, "width": width, "required": required,
        },
        keyed_identity=("format", "step"),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value is not None and not is_now,
        reset_out_of_bounds=explicit_bounds,  # beyond the script's bounds a session_state value starts over
    )
    return result


def datetime_codec(low: datetime, high: datetime, *, with_seconds: bool, empty: bool) -> Codec:
    """Naive datetimes between ``low`` and ``high``, to the second, as ``"YYYY-MM-DDTHH:MM[:SS]"``; ``empty``: None
    is a value too."""

    def check(value: Any) -> datetime:
        if not isinstance(value, datetime):
            raise ValueError(f"expected a datetime, not {value!r}")
        moment: datetime = value.replace(tzinfo=None, microsecond=0)
        if not low <= moment <= high:
            raise OutOfBounds(f"{moment} is not between {low} and {high}")
        return moment

    def to_wire(value: Any) -> str | None:
        if value is None and empty:
            return None
        return wire_datetime(check(value), with_seconds)

    def from_wire(wire: Any) -> datetime | None:
        if wire is None and empty:
            return None
        if not isinstance(wire, str) or not WIRE_DATETIME.match(wire):
            raise ValueError(f"expected a date and time 'YYYY-MM-DDTHH:MM[:SS]', not {wire!r}")
        return check(datetime.fromisoformat(wire))

    return Codec(to_wire=to_wire, from_wire=from_wire)


class DatetimeInput(Protocol):
    """``datetime_input`` as a script sees it: a datetime, or ``datetime | None`` when it may start empty."""

    @overload
    def __call__(
        self,
        label: str,
        value: DatetimeLike = "now",
        min_value: DatetimeLike | None = None,
        max_value: DatetimeLike | None = None,
        *,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        format: str = "YYYY/MM/DD",
        step: int | timedelta = timedelta(seconds=900),
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        width: int | Literal["stretch"] = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> datetime: ...

    @overload
    def __call__(
        self,
        label: str,
        value: DatetimeLike | None,
        min_value: DatetimeLike | None = None,
        max_value: DatetimeLike | None = None,
        *,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        format: str = "YYYY/MM/DD",
        step: int | timedelta = timedelta(seconds=900),
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        width: int | Literal["stretch"] = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> datetime | None: ...
