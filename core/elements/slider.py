"""``slider``: a number, a date, a time of day or a datetime, or a range of two, between bounds.

Numbers travel as they are. Dates, times and datetimes travel as whole numbers too, so that the codec stays as strict
as for numbers and the client's range input steps them as it steps numbers (``dtype`` tells it how to show them):

- a date: days since 1970-01-01;
- a time: microseconds since midnight (a time zone, if any, stays on the server and comes back with the value);
- a datetime: microseconds since 1970-01-01 00:00 of its wall-clock time (likewise, its time zone stays on the
  server). JavaScript numbers hold whole microseconds exactly up to 2**53, so a datetime slider spans the days
  1684-07-29 to 2255-06-04, as Streamlit 1.67's does (its wire is microseconds for dates too; Porch's days reach
  further, so a date slider spans any ``date``). As in Streamlit, a bound outside is an error naming the span, and the
  default bounds (14 days either side of the value) stop at its ends.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Final

from ..errors import PorchAPIError
from ._printf import problem as printf_problem
from ..widgets import Codec, number_codec, number_range_codec
from ._layout import Width, width_of
from ._place import Args, Block, Defaults, Kwargs, OnChange, WidgetProps, show_widget

#: The dtypes whose wire numbers stand for dates and times, by the Python type of their values.
TIMELIKE = {"datetime": datetime, "date": date, "time": time}
#: Formats Streamlit shows dates and times with when the script gives none (moment.js tokens).
DEFAULT_FORMATS = {"datetime": "YYYY-MM-DD", "date": "YYYY-MM-DD", "time": "HH:mm"}
MICROS_PER_DAY = 86_400_000_000
#: Streamlit's named number formats (its frontend's ``formatNumber``); any other is printf-style.
NAMED_FORMATS = frozenset({"plain", "localized", "percent", "dollar", "euro", "yen", "compact", "scientific",
                           "engineering", "accounting", "bytes"})
#: The largest whole number a JavaScript number holds exactly.
MAX_SAFE = 2**53 - 1
_EPOCH = datetime(1970, 1, 1)
_EPOCH_DAY = date(1970, 1, 1).toordinal()
#: The first and last days a datetime slider reaches at any time of day: 2**53 microseconds from 1970 lands mid-day,
#: so these round inward, as Streamlit 1.67's ``_MIN_SAFE_DAY`` and ``_MAX_SAFE_DAY`` do.
FIRST_DAY = (_EPOCH - timedelta(microseconds=MAX_SAFE)).date() + timedelta(days=1)
LAST_DAY = (_EPOCH + timedelta(microseconds=MAX_SAFE)).date() - timedelta(days=1)
_REACH = {
    "datetime": ((datetime.combine(FIRST_DAY, time.min) - _EPOCH) // timedelta(microseconds=1),
                 (datetime.combine(LAST_DAY, time.max) - _EPOCH) // timedelta(microseconds=1)),
    "date": (date.min.toordinal() - _EPOCH_DAY, date.max.toordinal() - _EPOCH_DAY),
}


class Props(WidgetProps):
    #: The bounds and the step, in the wire's unit (days, or microseconds, for the dtypes of dates and times).
    min: int | float
    max: int | float
    step: int | float
    #: How values are shown: printf-style for numbers ("%d%%"); moment.js tokens for dates and times ("MM/DD/YY",
    #: "HH:mm"...) or "localized", "iso8601", "distance", "calendar". None: the dtype's own way.
    format: str | None
    #: Why a number's printf-style ``format`` cannot be shown (sprintf.js would refuse it: ``_printf.py``): the page
    #: shows the plain numbers and this under the slider, where Streamlit's page fails to draw the widget. None: it can.
    format_error: str | None
    #: "int", "float", "date", "time" or "datetime": how the client rounds, steps and shows values.
    dtype: str
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/slider.js has the same).
DEFAULTS: Final[Defaults] = {"format": None, "format_error": None, "width": "stretch"}


def slider(
    place: Block,
    label: str,
    min_value: Any = None,
    max_value: Any = None,
    value: Any = None,
    step: Any = None,
    format: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> Any:
    """Show a slider; return its value, or a tuple ``(low, high)`` when ``value`` is a pair.

    Numbers: bounds default to 0-100 for ints and 0.0-1.0 for floats, ``value`` to ``min_value``, ``step`` to 1 or
    0.01; the value is an int when every number given is one. ``format`` is printf-style (``"%d%%"``, ``"%.1f"``;
    ``"%d"`` or ``"%0.2f"`` when None, as in Streamlit) or one of Streamlit's named formats, shown as its page shows
    them: "plain", "localized", "percent" (0.5 is 50%), "dollar", "euro", "yen", "compact", "scientific",
    "engineering", "accounting" (negatives in parentheses) and "bytes". printf-style formats are read as Streamlit's
    page reads them, with sprintf.js: ``%d %i %u %f %e %g`` (no precision: the number in full), ``%x %X %o %b %c``,
    ``%s %j``..., flags ``+``, ``0`` or ``'c`` (pad with c), ``-``, ``,`` or ``_`` (thousands), and ``%1$d`` (the
    value is argument 1). A format sprintf.js cannot read shows the plain numbers and says why under the slider.

    Dates, times and datetimes (``value``, ``min_value`` and ``max_value`` of one of those types, ``step`` a
    ``timedelta``): the slider returns values of that type. Bounds default to 14 days either side of the (first)
    value for dates and datetimes, and to the whole day (00:00 to 23:59:59.999999) for times; ``step`` to one day for
    dates and datetimes (15 minutes when the bounds are less than a day apart) and to 15 minutes for times; a date
    slider steps by whole days. ``format`` uses moment.js tokens (``YYYY``, ``YY``, ``MMMM``, ``MMM``, ``MM``, ``M``,
    ``DD``, ``D``, ``Do``, ``dddd``, ``ddd``, ``HH``, ``H``, ``hh``, ``h``, ``mm``, ``m``, ``ss``, ``s``, ``SSS``,
    ``A``, ``a``, text in ``[brackets]``) or one of "localized", "iso8601", "distance" and "calendar"; it defaults to
    ``"YYYY-MM-DD"`` for dates and datetimes and ``"HH:mm"`` for times. A time zone on a time or datetime is kept: the
    slider shows the wall-clock time and returns values in the same zone. As in Streamlit, datetimes must lie
    between 1684-07-29 and 2255-06-04 (a date slider reaches any date).

    As in Streamlit, bounds given in the wrong order are swapped, a range's ends too, and the bounds widen to take in
    a value outside them; an empty range value is the whole span.
    ``on_change`` is a function run before the rerun a change causes, or "rerun" (the default). ``width`` is
    "stretch" (the default), "content" or pixels. 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    call = f"slider({label!r})"
    shown_width = width_of(width, call)
    value_given = value is not None
    is_range = isinstance(value, (list, tuple))
    if format is not None and not isinstance(format, str):
        raise PorchAPIError(f"{call}: format must be a string or None, not {format!r}")
    given = [v for v in ((*value,) if is_range else (value,)) if v is not None]
    dtype = next((kind for kind in map(_timelike_dtype, (*given, min_value, max_value)) if kind), None)
    if dtype is not None:
        props, codec, default = _timelike(call, dtype, min_value, max_value, value, step, format, is_range)
    else:
        props, codec, default = _numeric(call, min_value, max_value, value, step, format, is_range)
    return show_widget(
        place,
        "slider",
        str(label),
        {**props, "width": shown_width},
        key=key,
        default=default,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("slider", ...), with the bounds it settled on
            "min_value": props["min"], "max_value": props["max"], "value": default, "step": props["step"],
            "format": format, "help": help, "width": width,
        },
        keyed_identity=("min_value", "max_value", "step"),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value_given,
        defaults=DEFAULTS,
    )


def _numeric(
    call: str, min_value: Any, max_value: Any, value: Any, step: Any, format: str | None, is_range: bool
) -> tuple[dict[str, Any], Codec, Any]:
    numbers = [v for v in (min_value, max_value, step, *(value if is_range else [value])) if v is not None]
    for number in numbers:
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise PorchAPIError(f"{call} takes numbers, dates, times or datetimes, not {number!r}")
    integer = all(isinstance(v, int) for v in numbers)
    if min_value is None:
        min_value = 0 if integer else 0.0
    if max_value is None:
        max_value = 100 if integer else 1.0
    if step is None:
        step = 1 if integer else 0.01
    if value is None:
        value = min_value  # the bound given first, before a reversed pair is swapped, as Streamlit takes it
    min_value, max_value = min(min_value, max_value), max(min_value, max_value)  # Streamlit swaps reversed bounds
    if is_range and len(value) == 0:
        value = (min_value, max_value)
    elif is_range and len(value) == 2:
        value = tuple(sorted(value))
    if not is_range or len(value) == 2:  # the bounds widen to take the value in, as Streamlit's do
        min_value = min(min_value, *value) if is_range else min(min_value, value)
        max_value = max(max_value, *value) if is_range else max(max_value, value)
    codec = (
        number_range_codec(min_value, max_value, integer=integer)
        if is_range
        else number_codec(min_value, max_value, integer=integer)
    )
    try:
        default = codec.from_wire(list(value)) if is_range else codec.from_wire(value)
    except ValueError as exc:
        raise PorchAPIError(f"{call}: value {value!r} does not fit: {exc}") from None
    props = {"min": min_value, "max": max_value, "step": step, "format": format, "dtype": "int" if integer else "float"}
    if format is not None and format not in NAMED_FORMATS:
        problem = printf_problem(format)
        if problem is not None:
            props["format_error"] = f"format {format!r} cannot be shown: {problem}"
    return props, codec, default


# -- dates, times and datetimes -------------------------------------------------------------------------------------


def _timelike_dtype(value: Any) -> str | None:
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, time):
        return "time"
    return None


def _timelike(
    call: str,
    dtype: str,
    min_value: Any,
    max_value: Any,
    value: Any,
    step: Any,
    format: str | None,
    is_range: bool,
) -> tuple[dict[str, Any], Codec, Any]:
    kind = TIMELIKE[dtype]
    values = list(value) if is_range else ([] if value is None else [value])
    if is_range and len(values) not in (0, 2):
        raise PorchAPIError(f"{call}: a range value holds two {dtype}s, not {len(values)}")
    for name, given in [*(("value", v) for v in values), ("min_value", min_value), ("max_value", max_value)]:
        if given is not None and _timelike_dtype(given) != dtype:
            raise PorchAPIError(
                f"{call}: {name} {given!r} is not a {kind.__name__}: value, min_value and max_value must be of one "
                "type"
            )
    if step is not None and not isinstance(step, timedelta):
        raise PorchAPIError(f"{call}: step must be a timedelta for a slider of {dtype}s, not {step!r}")
    zone = _zone(values[0] if values else min_value if min_value is not None else max_value)
    wire = _wire(dtype)
    if not values and min_value is not None:
        values = [min_value, max_value] if is_range and max_value is not None else [] if is_range else [min_value]
    numbers = [wire(v, call) for v in values]
    if is_range:
        numbers.sort()
    first = numbers[0] if numbers else None
    if dtype == "time":
        low = wire(min_value, call) if min_value is not None else 0
        high = wire(max_value, call) if max_value is not None else MICROS_PER_DAY - 1
    else:
        fortnight = 14 if dtype == "date" else 14 * MICROS_PER_DAY
        anchor = first if first is not None else wire(min_value if min_value is not None else max_value, call)
        # As Streamlit's ``_window_around``: the default bounds stop at the slider's reach, never past the anchor.
        floor, ceiling = _REACH[dtype]
        low = wire(min_value, call) if min_value is not None else min(
            [min(anchor, max(anchor - fortnight, floor)), *numbers])
        high = wire(max_value, call) if max_value is not None else max(
            [max(anchor, min(anchor + fortnight, ceiling)), *numbers])
    # As Streamlit: reversed bounds are swapped, and the bounds widen to take the value in.
    low, high = min(low, high, *numbers), max(low, high, *numbers)
    if dtype == "datetime":
        for name, bound in (("min_value", low), ("max_value", high)):
            if abs(bound) > MAX_SAFE:
                raise PorchAPIError(
                    f"{call}: {name} is too far from 1970 for the slider to represent exactly. Use a value between "
                    f"{FIRST_DAY:%Y-%m-%d} and {LAST_DAY:%Y-%m-%d}."
                )
    units = _step_units(call, dtype, step, high - low)
    if not numbers:
        numbers = [low, high] if is_range else [low]
    single = timelike_codec(dtype, low, high, zone)
    codec = _range_of(single) if is_range else single
    default = codec.from_wire(numbers if is_range else numbers[0])
    props = {"min": low, "max": high, "step": units, "format": format or DEFAULT_FORMATS[dtype], "dtype": dtype}
    return props, codec, default


def _zone(value: Any) -> tzinfo | None:
    """The time zone the slider's values come back in: that of its (first) value, if a time or datetime."""
    return value.tzinfo if isinstance(value, (datetime, time)) else None


def _wire(dtype: str) -> Callable[[Any, str], int]:
    def convert(value: Any, call: str) -> int:
        try:
            return to_number(dtype, value)
        except OverflowError:
            raise PorchAPIError(f"{call}: {value!r} is out of the slider's reach") from None

    return convert


def _step_units(call: str, dtype: str, step: timedelta | None, span: int) -> int:
    """``step`` in the wire's unit, with Streamlit's defaults."""
    if step is None:
        if dtype == "date":
            return 1
        if dtype == "time" or span < MICROS_PER_DAY:
            return 15 * 60 * 1_000_000
        return MICROS_PER_DAY
    micros = step // timedelta(microseconds=1)
    if micros <= 0:
        raise PorchAPIError(f"{call}: step must be a positive timedelta, not {step!r}")
    if dtype == "date":
        if micros % MICROS_PER_DAY:
            raise PorchAPIError(f"{call}: a slider of dates steps by whole days, not {step!r}")
        return micros // MICROS_PER_DAY
    return micros


def to_number(dtype: str, value: Any) -> int:
    """A date, time or datetime as its wire number (see the module docstring); ``ValueError`` if not one."""
    if dtype == "date" and isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        return day.toordinal() - _EPOCH_DAY
    if dtype == "time" and isinstance(value, time):
        return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
    if dtype == "datetime" and isinstance(value, datetime):
        return (value.replace(tzinfo=None) - _EPOCH) // timedelta(microseconds=1)
    raise ValueError(f"expected a {dtype}, not {value!r}")


def from_number(dtype: str, number: int, zone: tzinfo | None) -> Any:
    """The date, time or datetime a wire number stands for (times and datetimes in ``zone``)."""
    if dtype == "date":
        return date.fromordinal(number + _EPOCH_DAY)
    if dtype == "time":
        seconds, micros = divmod(number, 1_000_000)
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return time(hours, minutes, seconds, micros, tzinfo=zone)
    return (_EPOCH + timedelta(microseconds=number)).replace(tzinfo=zone)


def timelike_codec(dtype: str, low: int, high: int, zone: tzinfo | None) -> Codec:
    """One date, time or datetime between the wire numbers ``low`` and ``high``: whole numbers on the wire."""

    def check(number: Any) -> int:
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise ValueError("expected a whole number")
        if isinstance(number, float):
            if not (math.isfinite(number) and number.is_integer()):
                raise ValueError("expected a whole number")
            number = int(number)
        if not low <= number <= high:
            raise ValueError(f"{number} is not between {low} and {high}")
        return int(number)

    def to_text(number: Any) -> str:
        return _iso(from_number(dtype, check(number), None))

    def from_text(text: str) -> int:
        return to_number(dtype, _parse_iso(dtype, text))

    return Codec(
        to_wire=lambda value: check(to_number(dtype, value)),
        from_wire=lambda wire: from_number(dtype, check(wire), zone),
        text=(to_text, from_text),
    )


def _iso(value: date | time) -> str:
    """A slider's date, time or datetime as the text its query parameter shows (``bind``): ISO, to the minute when
    it has no seconds (Streamlit's form)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    whole_minute = value.second == 0 and value.microsecond == 0
    return value.isoformat(timespec="minutes") if whole_minute else value.isoformat()


def _parse_iso(dtype: str, text: str) -> Any:
    """The date, time or datetime an ISO text names (no time zone); ``ValueError`` otherwise."""
    value: date | time
    if dtype == "date":
        if "T" in text:
            raise ValueError("expected a date")
        value = date.fromisoformat(text)
    else:
        value = datetime.fromisoformat(text) if dtype == "datetime" else time.fromisoformat(text)
        if value.tzinfo is not None:
            raise ValueError("expected a time without a zone")
    return value


def _range_of(single: Codec) -> Codec:
    """Two values of ``single``, low first: ``[low, high]`` on the wire, a tuple in the script."""

    def to_wire(value: Any) -> list[Any]:
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise ValueError("expected (low, high)")
        return sorted(single.to_wire(v) for v in value)

    def from_wire(wire: Any) -> tuple[Any, Any]:
        if not isinstance(wire, list) or len(wire) != 2:
            raise ValueError("expected [low, high]")
        low, high = (single.from_wire(v) for v in sorted(_whole(v) for v in wire))
        return (low, high)

    return Codec(to_wire=to_wire, from_wire=from_wire, text=single.text)


def _whole(wire: Any) -> Any:
    """A wire number as it is, for sorting; anything else fails there or in the codec."""
    if isinstance(wire, bool) or not isinstance(wire, (int, float)):
        raise ValueError("expected a number")
    return wire
