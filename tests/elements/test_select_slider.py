"""``select_slider``: st.select_slider over options, single values and ranges.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from support import app, bad_values, send


def test_select_slider_defaults_to_first_option() -> None:
    at = app('v = st.select_slider("Size", ["S", "M", "L"])\nst.write(v)')
    assert at.select_slider[0].value == "S"
    at.select_slider[0].set_value("L").run()
    assert at.markdown.values == ["L"]


def test_select_slider_value_and_format_func() -> None:
    at = app('v = st.select_slider("N", [1, 2, 3], value=2, format_func=lambda n: "*" * n)\nst.write(v)')
    assert at.select_slider[0].options == ["*", "**", "***"]
    assert at.select_slider[0].value == 2


def test_select_slider_range() -> None:
    at = app('v = st.select_slider("R", ["a", "b", "c", "d"], value=("b", "c"))\nst.write(repr(v))')
    assert at.select_slider[0].value == ("b", "c")
    at.select_slider[0].set_range("a", "d").run()
    assert at.markdown.values == ["('a', 'd')"]


def test_select_slider_value_not_an_option_is_an_error() -> None:
    at = app('st.select_slider("R", ["a", "b"], value="z")')
    assert at.exception[0].props["type"] == "PorchAPIError"


@pytest.mark.parametrize("wire", [None, 3, [0, 9]])
def test_select_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.select_slider("R", ["a", "b", "c"], value="b")')
    send(at, {at.select_slider[0].id: wire})
    assert at.select_slider[0].value == "b"
    assert len(bad_values(at)) == 1


def test_select_slider_width() -> None:
    assert app('st.select_slider("S", [1, 2], width=250)').select_slider[0].props["width"] == 250


def test_select_slider_over_dates_times_and_timestamps() -> None:
    at = app(
        "from datetime import date, datetime, time\n"
        "import pandas as pd\n"
        'm = st.select_slider("Months", [date(2024, n, 1) for n in range(1, 13)], value=(date(2024, 3, 1),\n'
        '    date(2024, 6, 1)), format_func=lambda d: d.strftime("%b"))\n'
        'h = st.select_slider("Hour", [time(n) for n in range(24)], value=time(9))\n'
        'd = st.select_slider("Day", pd.date_range("2024-01-01", periods=5), value=datetime(2024, 1, 3))\n'
        "st.write(repr((m, h, d)))"
    )
    months, hour, day = at.select_slider
    assert months.options[:3] == ["Jan", "Feb", "Mar"] and months.props["value"] == [2, 5]
    assert hour.options[9] == "09:00:00" and hour.value == time(9)
    assert day.options[2] == "2024-01-03 00:00:00" and day.props["value"] == 2
    months.set_range(date(2024, 1, 1), date(2024, 2, 1)).run()
    assert at.select_slider[0].value == (date(2024, 1, 1), date(2024, 2, 1))
    send(at, {at.select_slider[2].id: 4})
    assert at.select_slider[2].value == datetime(2024, 1, 5)
