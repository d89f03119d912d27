"""Durations written as text, read as pandas' ``Timedelta`` reads them (``"1h"``, ``"30m"``, ``"500ms"``,
``"1.5 days"``, ``"1h23s"``, ``"2 days 01:00:00"``, and a whole number alone, which pandas reads as nanoseconds:
``"300"``), which Streamlit passes such strings to: a cache's ``ttl``, a fragment's ``run_every``, a text input's
``live`` pause. Below the API and the elements, so that both read them
alike, and without pandas."""

from __future__ import annotations

import re

#: Seconds in each unit pandas' ``Timedelta`` knows, by every name it takes (compared in lower case).
UNITS: dict[str, float] = {
    "w": 604800, "week": 604800, "weeks": 604800,
    "d": 86400, "day": 86400, "days": 86400,
    "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60, "t": 60,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "ms": 1e-3, "milli": 1e-3, "millis": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3, "l": 1e-3,
    "us": 1e-6, "µs": 1e-6, "micro": 1e-6, "micros": 1e-6, "microsecond": 1e-6, "microseconds": 1e-6, "u": 1e-6,
    "ns": 1e-9, "nano": 1e-9, "nanos": 1e-9, "nanosecond": 1e-9, "nanoseconds": 1e-9, "n": 1e-9,
}
#: One number and its unit, of the parts a duration is the sum of (``"1h"`` of ``"1h30m"``).
_PART = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zµ]+)\s*,?", re.I)
#: A whole number alone (``"300"``, ``" +5 "``): nanoseconds, as pandas' ``Timedelta`` reads it (up to 18 digits:
#: pandas refuses more, past its 64-bit nanoseconds).
_NANOSECONDS = re.compile(r"^\s*\+?(\d{1,18})\s*$")
#: The clock form: ``"01:00:00"``, ``"2 days 01:00:00.5"``.
_CLOCK = re.compile(r"^\s*(?:(\d+)\s*days?\s*,?\s*)?(\d+):(\d\d):(\d\d(?:\.\d+)?)\s*$", re.I)


def seconds_in(text: str) -> float | None:
    """The seconds ``text`` says, or None if it is no duration (an unknown unit, a fraction without a unit, empty
    text): the caller names its parameter in the refusal."""
    bare_number = _NANOSECONDS.match(text)
    if bare_number:
        return int(bare_number.group(1)) / 1e9
    clock_form = _CLOCK.match(text)
    if clock_form:
        days, hours, minutes, seconds = clock_form.groups()
        return int(days or 0) * 86400 + int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    total, position, body = 0.0, 0, text.strip()
    while position < len(body):
        part = _PART.match(body, position)
        if part is None or part.group(2).lower() not in UNITS:
            return None
        total += float(part.group(1)) * UNITS[part.group(2).lower()]
        position = part.end()
    return total if body else None
