"""porch.durations: text durations read as pandas' ``Timedelta`` reads them (a cache's ``ttl``, a fragment's
``run_every`` and a text input's ``live`` go through it). The seconds below are pandas' own (recorded with the
peers' venv), a bare whole number too, which pandas reads as nanoseconds (``"300"``), as Streamlit 1.67 takes it."""

from __future__ import annotations

import pytest

from porch.durations import seconds_in


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1h", 3600.0), ("30m", 1800.0), ("1m", 60.0), ("2h", 7200.0), ("1.5 days", 129600.0), ("1h23s", 3623.0),
     ("1D", 86400.0), ("2 hours 30 minutes", 9000.0), ("500ms", 0.5), ("0.5s", 0.5), ("1500us", 0.0015),
     ("1 days 01:00:00", 90000.0), ("00:00:02.5", 2.5), ("1w", 604800.0), ("3 min", 180.0), ("0ms", 0.0),
     (" 1s, 250ms ", 1.25), ("300", 3e-07), ("5", 5e-09), ("0", 0.0), (" +5 ", 5e-09), ("0300", 3e-07),
     ("999999999999999999", 999999999.999999999)],
)
def test_pandas_forms(text: str, seconds: float) -> None:
    assert seconds_in(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "text",
    ["soon", "1 fortnight", "", "  ", "1.5", "5.", ".5", "1e3", "1h 5", "9223372036854775807", "1h soon", "-", "h"],
)
def test_text_that_is_no_duration_is_none(text: str) -> None:
    assert seconds_in(text) is None


def test_the_elements_and_the_api_read_durations_from_the_one_module() -> None:
    """The parser lives below both layers: the cache's ``ttl`` and the text input's ``live`` agree on a form."""
    from porch.api import _cache_store
    from porch.elements import text_input

    assert _cache_store.ttl_seconds("1m") == seconds_in("1m") == 60.0
    assert text_input._live_ms("1m", "text_input('T')") == 60_000
