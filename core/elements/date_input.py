"""``date_input``: a date, or a range of two, picked in the browser's own date field.

The wire carries ISO dates (``"YYYY-MM-DD"``): one, or null while empty; for a range, a list of 0 to 2 of them. The
codec refuses a date outside ``min_value``..``max_value``, and an empty value for a ``required`` widget that did not
start empty. Any other widget takes an empty value, as Streamlit's server does (its AppTest's ``set_value(None)``
empties a date input whatever it started with), though its page offers to empty only one that started empty.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, Protocol, overload

from ..errors import PorchAPIError
from ..widgets import Codec, OutOfBounds
from ._datetime import ISO_DATE, DateLike, check_date_format, shift_years, to_date
from ._layout import width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget, state_value

DateRange = tuple[()] | tuple[date] | tuple[date, date]


class Props(WidgetProps):
    #: The earliest and latest dates the user may pick, ISO.
    min: str
    max: str
    #: Streamlit's display format ("YYYY/MM/DD"...); a native date field shows the browser's own order instead.
    format: str
    #: True: the value is a list of 0 to 2 dates (start, end).
    range: bool
    #: The user may empty the field (it started empty and is not ``required``).
    clearable: bool
    required: bool
    #: "stretch" (the container's width, the default) or pixels.
    width: str | int


def date_input(
    place: Block,
    label: str,
    value: DateLike | list[DateLike] | tuple[DateLike, ...] | None = "today",
    min_value: DateLike | None = None,
    max_value: DateLike | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    format: str = "YYYY/MM/DD",
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: int | Literal["stretch"] = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> Any:
    """Show a date input; return the picked ``datetime.date`` (a tuple of dates for a range, None while empty).

    ``value`` is where it starts: ``"today"`` (the default), a ``date``, a ``datetime`` (its date) or an ISO string
    such as ``"2024-05-17"``; ``None`` starts empty and returns None until a date is picked. A list or tuple of 0 to
    2 of those makes a range input returning a tuple: ``()``, ``(start,)`` or ``(start, end)``.

    ``min_value`` and ``max_value`` bound what may be picked; they default to ten years before the (first) value and
    ten years after the (last) one, around today when there is none. ``"today"`` is clamped into them.

    ``format`` is how Streamlit displays the date: "YYYY/MM/DD" (default), "DD/MM/YYYY" or "MM/DD/YYYY", with "/",
    "-" or "." between the parts; any other format is an error. Porch's field is the browser's own date input, which
    shows dates in the order of the user's locale whatever ``format`` says.

    ``required=True`` means an empty value is never committed: once the user leaves the field empty, the page marks
    it as invalid and does not send it. As in Streamlit, a widget that starts empty (``value=None`` or ``[]``) still
    returns that empty value until the user picks a date. Only a widget that started empty can be emptied again in the
page; AppTest's ``set_value(None)`` empties any that is not required, as Streamlit's AppTest does.

    ``on_change`` is a callable run before the rerun a change causes (with ``args`` and ``kwargs``), or "rerun" (the
    default: no callback); "ignore" keeps a new date in the page, without a rerun, until something else reruns the
    script, which then sees it. ``width`` is "stretch" (the container's width, the default) or pixels. 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    name = f"date_input({label!r})"
    check_date_format(format, name)
    shown_width = width_of(width, name, keywords=("stretch",))
    is_range = isinstance(value, (list, tuple))
    if isinstance(value, (list, tuple)):
        if len(value) > 2:
            raise PorchAPIError(f"{name}: a range value holds 0 to 2 dates, not {len(value)}")
        dates = [to_date(item, name, "value") for item in value]
    else:
        dates = [] if value is None else [to_date(value, name, "value")]
    dates.sort()
    today = date.today()
    first, last = (dates[0], dates[-1]) if dates else (today, today)
    explicit_bounds = min_value is not None or max_value is not None
    if not explicit_bounds:  # the default bounds take in a date set through session_state too, as Streamlit's
        first, last = _with_state_dates(key, first, last)
    low = to_date(min_value, name, "min_value") if min_value is not None else shift_years(first, -10)
    high = to_date(max_value, name, "max_value") if max_value is not None else shift_years(last, 10)
    if low > high:
        raise PorchAPIError(f"{name}: min_value {low} is later than max_value {high}")
    if isinstance(value, str) and value == "today":
        dates = [min(max(dates[0], low), high)]
    if dates and (dates[0] < low or dates[-1] > high):
        raise PorchAPIError(
            f"{name}: the value {', '.join(map(str, dates))} must lie between min_value {low} and max_value {high}"
        )
    empty = not dates
    default: Any = tuple(dates) if is_range else (dates[0] if dates else None)
    codec = date_codec(low, high, is_range=is_range, empty=empty or not required)
    return show_widget(
        place,
        "date_input",
        str(label),
        {
            "min": low.isoformat(),
            "max": high.isoformat(),
            "format": format,
            "range": is_range,
            "clearable": empty and not required,
            "required": bool(required),
            "width": shown_width,
        },
        key=key,
        default=default,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("date_input", ...): "today" as written
            "value": value if isinstance(value, str) and value == "today" else default,
            "min_value": low if min_value is not None else None, "max_value": high if max_value is not None else None,
            "help": help, "format": format, "width": width, "required": required,
        },
        keyed_identity=("format",),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value is not None and not (isinstance(value, str) and value == "today"),
        reset_out_of_bounds=explicit_bounds,  # beyond the script's bounds a session_state date starts over
    )


def _with_state_dates(key: str | None, first: date, last: date) -> tuple[date, date]:
    """``first`` and ``last`` widened to the dates session_state holds for ``key`` (a date or a tuple of them)."""
    held, value = state_value(key)
    items = (value if isinstance(value, (list, tuple)) else [value]) if held else []
    days = [day.date() if isinstance(day, datetime) else day for day in items if isinstance(day, date)]
    return (min([first, *days]), max([last, *days]))


def date_codec(low: date, high: date, *, is_range: bool, empty: bool) -> Codec:
    """Dates between ``low`` and ``high`` as ISO strings; ``empty``: None (or ``()`` for a range) is a value too."""

    def check(day: Any) -> date:
        if isinstance(day, datetime):
            day = day.date()
        if not isinstance(day, date):
            raise ValueError(f"expected a date, not {day!r}")
        if not low <= day <= high:
            raise OutOfBounds(f"{day} is not between {low} and {high}")
        return day

    def parse(text: Any) -> date:
        if not isinstance(text, str) or not ISO_DATE.match(text):
            raise ValueError(f"expected an ISO date 'YYYY-MM-DD', not {text!r}")
        return check(date.fromisoformat(text))

    def to_wire(value: Any) -> Any:
        if is_range:
            if value is None and empty:  # nothing picked: Streamlit's AppTest sets a range to () with None
                return []
            if not isinstance(value, (list, tuple)) or len(value) > 2 or (not value and not empty):
                raise ValueError(f"expected a tuple of {0 if empty else 1} to 2 dates")
            return sorted(check(day).isoformat() for day in value)
        if value is None and empty:
            return None
        return check(value).isoformat()

    def from_wire(wire: Any) -> Any:
        if is_range:
            if not isinstance(wire, list) or len(wire) > 2 or (not wire and not empty):
                raise ValueError(f"expected a list of {0 if empty else 1} to 2 ISO dates")
            return tuple(sorted(parse(text) for text in wire))
        if wire is None and empty:
            return None
        return parse(wire)

    return Codec(to_wire=to_wire, from_wire=from_wire)


class DateInput(Protocol):
    """``date_input`` as a script sees it: a date, ``date | None`` when it may start empty, a tuple for a range."""

    @overload
    def __call__(
        self,
        label: str,
        value: DateLike = "today",
        min_value: DateLike | None = None,
        max_value: DateLike | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        format: str = "YYYY/MM/DD",
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        width: int | Literal["stretch"] = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> date: ...

    @overload
    def __call__(
        self,
        label: str,
        value: DateLike | None,
        min_value: DateLike | None = None,
        max_value: DateLike | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        format: str = "YYYY/MM/DD",
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        width: int | Literal["stretch"] = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> date | None: ...

    @overload
    def __call__(
        self,
        label: str,
        value: list[DateLike] | tuple[DateLike, ...],
        min_value: DateLike | None = None,
        max_value: DateLike | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        format: str = "YYYY/MM/DD",
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        width: int | Literal["stretch"] = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> DateRange: ...
