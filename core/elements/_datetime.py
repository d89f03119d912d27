"""What date_input, time_input and datetime_input share: reading the dates and times a script gives, Streamlit's
date formats, steps in seconds, and their ISO wire forms.

A script's value that does not fit is a :class:`PorchAPIError` naming the call (``name``); a client's wire value that
does not fit is a ``ValueError`` from the codec, as everywhere else.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from ..errors import PorchAPIError

#: What a script may give for a date: a date, a datetime (its date), an ISO string, or "today".
DateLike = date | datetime | str
#: What a script may give for a time: a time, a datetime (its time), or an ISO string such as "08:45".
TimeLike = time | datetime | str
#: What a script may give for a date and time: a datetime, a date (at 00:00), a time (today), an ISO string, "now".
DatetimeLike = datetime | date | time | str

#: Streamlit's date formats: year, month and day in one of three orders, with "/", "-" or "." between them.
DATE_FORMATS = re.compile(r"^(YYYY[/.\-]MM[/.\-]DD|DD[/.\-]MM[/.\-]YYYY|MM[/.\-]DD[/.\-]YYYY)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A time on the wire: "HH:MM" or "HH:MM:SS".
WIRE_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
#: A date and time on the wire: "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS".
WIRE_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
#: The bounds of a time picker's step, in seconds (Streamlit's: one minute to 23 hours).
MIN_STEP = 60
MAX_STEP = 23 * 3600


def check_date_format(format: Any, name: str) -> str:
    if not isinstance(format, str) or not DATE_FORMATS.match(format):
        raise PorchAPIError(
            f"{name}: format {format!r} is not valid. Use one of 'YYYY/MM/DD', 'DD/MM/YYYY' or 'MM/DD/YYYY', "
            "with '/', '-' or '.' between the parts."
        )
    return format


def to_date(value: Any, name: str, what: str) -> date:
    """A script's date: a date, a datetime (its date), an ISO string or "today"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if value == "today":
            return date.today()
        try:
            return date.fromisoformat(value)
        except ValueError:
            try:
                return datetime.fromisoformat(value).date()
            except ValueError:
                pass
    raise PorchAPIError(
        f"{name}: {what} must be a date, a datetime, an ISO date string such as '2024-05-17' or 'today', "
        f"not {value!r}"
    )


def to_time(value: Any, name: str) -> time:
    """A script's time: "now" and a datetime's time are taken to the minute, a time or an ISO time as they are."""
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


def to_datetime(value: Any, name: str, what: str) -> datetime:
    """A script's date and time, naive and to the second (the wire carries no time zone and no fraction):

    "now" is the current time to the minute; a datetime loses its time zone (its wall-clock time is kept); a date is
    at 00:00; a time is today at that time; an ISO string is read as a datetime, a date or a time.
    """
    if isinstance(value, str) and value == "now":
        return datetime.now().replace(second=0, microsecond=0)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, time):
        return datetime.combine(date.today(), value.replace(tzinfo=None, microsecond=0))
    if isinstance(value, str):
        text = value.strip()
        for parse in (datetime.fromisoformat, date.fromisoformat, time.fromisoformat):
            try:
                parsed = parse(text)
            except ValueError:
                continue
            return to_datetime(parsed, name, what)
    raise PorchAPIError(
        f"{name}: {what} must be a datetime, a date, a time, an ISO string such as '2024-05-17 08:45' or 'now', "
        f"not {value!r}"
    )


def shift_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes the 28th), kept within the dates Python has."""
    year = day.year + years
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def step_seconds(step: Any, name: str) -> int:
    """A picker's step (an int of seconds or a timedelta) as whole seconds between one minute and 23 hours."""
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


def wire_time(value: time, with_seconds: bool) -> str:
    """``"HH:MM"``, or ``"HH:MM:SS"`` when asked for or when the time has seconds."""
    if with_seconds or value.second:
        return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def wire_datetime(value: datetime, with_seconds: bool) -> str:
    """``"YYYY-MM-DDTHH:MM"``, or with ``":SS"`` when asked for or when the time has seconds."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{wire_time(value.time(), with_seconds)}"
