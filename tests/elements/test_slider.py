"""``slider``: st.slider over ints, floats, dates, times and datetimes, single values and ranges, and the wire values
it refuses.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, bad_values, send


def test_slider_defaults_int_0_to_100_at_min() -> None:
    at = app('v = st.slider("S")\nst.write(repr(v))')
    slider = at.slider[0]
    assert slider.value == 0
    assert (slider.props["min"], slider.props["max"], slider.props["step"], slider.props["dtype"]) == (0, 100, 1, "int")
    slider.set_value(42).run()
    assert at.markdown.values == ["42"]


def test_slider_value_defaults_to_min_value() -> None:
    at = app('st.slider("S", 5, 10)')
    assert at.slider[0].value == 5


def test_slider_float() -> None:
    at = app('v = st.slider("S", 0.0, 1.0, 0.5)\nst.write(repr(v))')
    slider = at.slider[0]
    assert slider.value == 0.5 and slider.props["dtype"] == "float" and slider.props["step"] == 0.01
    slider.set_value(0.25).run()
    assert at.markdown.values == ["0.25"]


def test_slider_float_value_defaults_to_0_1() -> None:
    at = app('v = st.slider("S", value=0.3)')
    assert (at.slider[0].props["min"], at.slider[0].props["max"]) == (0.0, 1.0)


def test_slider_range_returns_a_tuple() -> None:
    at = app('v = st.slider("R", 0, 100, (20, 80))\nst.write(repr(v))')
    assert at.slider[0].value == (20, 80)
    assert at.markdown.values == ["(20, 80)"]
    assert at.slider[0].props["value"] == [20, 80]
    at.slider[0].set_range(10, 30).run()
    assert at.markdown.values == ["(10, 30)"]


def test_slider_range_from_a_list_value() -> None:
    at = app('v = st.slider("R", 0.0, 10.0, [1.0, 2.0])\nst.write(repr(v))')
    assert at.markdown.values == ["(1.0, 2.0)"]


def test_slider_step_and_format() -> None:
    at = app('st.slider("S", 0, 100, 50, step=5, format="%d%%")')
    assert at.slider[0].props["step"] == 5
    assert at.slider[0].props["format"] == "%d%%"


@pytest.mark.parametrize("source", ['st.slider("S", "a", "b")', 'st.slider("S", 0, "b")'])
def test_slider_bad_arguments_are_errors(source: str) -> None:
    at = app(source)
    assert at.exception[0].props["type"] == "PorchAPIError"


def test_bounds_are_swapped_and_widen_to_take_the_value_in_as_in_streamlit() -> None:
    # The expected bounds and values are Streamlit 1.67's AppTest output for the same script (recorded by hand).
    at = app(
        DATES
        + 'st.slider("a", 0, 10, 11)\n'
        'st.slider("b", 10, 0)\n'
        'st.slider("c", 10, 0, 15)\n'
        'st.slider("d", 0, 10, (12, -3))\n'
        'st.slider("e", 0.0, 1.0, 2.5)\n'
        'st.slider("f", value=150)\n'
        'st.slider("g", 0, 10, [])\n'
        'st.slider("h", date(2024, 1, 1), date(2024, 1, 31), date(2024, 2, 1))\n'
        'st.slider("i", date(2024, 2, 1), date(2024, 1, 1))\n'
        'st.slider("j", time(8), time(9), time(10))\n'
    )
    assert not at.exception
    shown = [(s.label, s.props["min"], s.props["max"], s.value) for s in at.slider]
    jan_1, feb_1 = date(2024, 1, 1).toordinal() - 719163, date(2024, 2, 1).toordinal() - 719163
    assert shown == [
        ("a", 0, 11, 11), ("b", 0, 10, 10), ("c", 0, 15, 15), ("d", -3, 12, (-3, 12)), ("e", 0.0, 2.5, 2.5),
        ("f", 0, 150, 150), ("g", 0, 10, (0, 10)), ("h", jan_1, feb_1, date(2024, 2, 1)),
        ("i", jan_1, feb_1, date(2024, 2, 1)), ("j", 8 * 3600 * 10**6, 10 * 3600 * 10**6, time(10)),
    ]


@pytest.mark.parametrize("wire", [11, -1, 2.5, "3", None, True, [1, 2]])
def test_int_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.slider("S", 0, 10, 4)')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == 4
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize("wire", [[1], [1, 2, 3], [0, 20], 5])
def test_range_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.slider("S", 0, 10, (2, 4))')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == (2, 4)
    assert len(bad_values(at)) == 1


def test_int_slider_accepts_whole_float_from_wire() -> None:
    at = app('v = st.slider("S", 0, 10, 4)\nst.write(repr(v))')
    send(at, {at.slider[0].id: 7.0})
    assert at.markdown.values == ["7"]


def test_slider_width() -> None:
    assert app('st.slider("S", width="content")').slider[0].props["width"] == "content"


# -- dates, times and datetimes -------------------------------------------------------------------------------------

DATES = "from datetime import date, datetime, time, timedelta, timezone\n"
DAY = 86_400_000_000  # microseconds


def days(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def micros(moment: datetime) -> int:
    return (moment - datetime(1970, 1, 1)) // timedelta(microseconds=1)


def test_a_datetime_slider_as_in_streamlits_docs() -> None:
    at = app(
        DATES + 'start = st.slider("When do you start?", value=datetime(2020, 1, 1, 9, 30),\n'
        '    format="MM/DD/YY - hh:mm")\n'
        "st.write(repr(start))"
    )
    slider = at.slider[0]
    start = datetime(2020, 1, 1, 9, 30)
    assert slider.value == start and at.markdown.values == [repr(start)]
    props = slider.props
    assert (props["dtype"], props["format"], props["value"]) == ("datetime", "MM/DD/YY - hh:mm", micros(start))
    assert (props["min"], props["max"], props["step"]) == (micros(start) - 14 * DAY, micros(start) + 14 * DAY, DAY)
    slider.set_value(datetime(2020, 1, 5, 9, 30)).run()
    assert at.markdown.values == [repr(datetime(2020, 1, 5, 9, 30))]
    send(at, {slider.id: micros(datetime(2019, 12, 20, 9, 30))})
    assert at.markdown.values == [repr(datetime(2019, 12, 20, 9, 30))]
    assert bad_values(at) == []


def test_a_date_range_slider_steps_by_whole_days_on_the_wire() -> None:
    at = app(
        DATES + 'r = st.slider("Days", date(2024, 1, 1), date(2024, 12, 31), (date(2024, 3, 1), date(2024, 6, 1)),\n'
        '    timedelta(days=7), "D MMM YYYY")\n'
        "st.write(repr(r))"
    )
    slider = at.slider[0]
    assert slider.value == (date(2024, 3, 1), date(2024, 6, 1))
    props = slider.props
    assert (props["min"], props["max"], props["step"]) == (days(date(2024, 1, 1)), days(date(2024, 12, 31)), 7)
    assert props["value"] == [days(date(2024, 3, 1)), days(date(2024, 6, 1))]
    assert (props["dtype"], props["format"]) == ("date", "D MMM YYYY")
    slider.set_range(date(2024, 2, 1), date(2024, 2, 29)).run()
    assert at.markdown.values == [repr((date(2024, 2, 1), date(2024, 2, 29)))]
    send(at, {slider.id: [days(date(2024, 12, 31)), days(date(2024, 1, 1))]})  # either order
    assert at.markdown.values == [repr((date(2024, 1, 1), date(2024, 12, 31)))]


def test_a_time_range_slider_as_in_streamlits_docs() -> None:
    at = app(DATES + 'a = st.slider("Appointment", value=(time(11, 30), time(12, 45)))\nst.write(repr(a))')
    slider = at.slider[0]
    props = slider.props
    hour = 3_600_000_000
    assert (props["min"], props["max"], props["step"]) == (0, DAY - 1, hour // 4)
    assert props["value"] == [11 * hour + hour // 2, 12 * hour + 3 * hour // 4]
    assert (props["dtype"], props["format"]) == ("time", "HH:mm")
    send(at, {slider.id: [9 * hour, 17 * hour + 1]})
    assert at.markdown.values == [repr((time(9, 0), time(17, 0, 0, 1)))]


def test_time_zones_are_kept() -> None:
    at = app(
        DATES + "zone = timezone(timedelta(hours=-5))\n"
        'd = st.slider("D", value=datetime(2024, 5, 1, 12, 0, tzinfo=zone), step=timedelta(hours=1))\n'
        't = st.slider("T", value=time(8, 0, tzinfo=zone))\n'
        "st.write(repr((d, t)))"
    )
    zone = timezone(timedelta(hours=-5))
    d, t = at.slider
    assert d.props["value"] == micros(datetime(2024, 5, 1, 12, 0))  # the wall-clock time
    assert d.props["step"] == 3_600_000_000
    send(at, {d.id: micros(datetime(2024, 5, 2, 7, 0)), t.id: 9 * 3_600_000_000})
    assert at.markdown.values == [repr((datetime(2024, 5, 2, 7, 0, tzinfo=zone), time(9, 0, tzinfo=zone)))]


def test_defaults_of_a_datetime_slider() -> None:
    at = app(
        DATES + 'a = st.slider("A", min_value=date(2024, 1, 1))\n'
        'b = st.slider("B", value=(datetime(2024, 1, 1), datetime(2024, 3, 1)))\n'
        'c = st.slider("C", datetime(2024, 1, 1, 8), datetime(2024, 1, 1, 18))\n'
        "st.write(repr((a, b, c)))"
    )
    a, b, c = at.slider
    assert (a.value, a.props["max"], a.props["step"]) == (date(2024, 1, 1), days(date(2024, 1, 15)), 1)
    # Bounds left to their defaults take the whole range in.
    assert (b.props["min"], b.props["max"]) == (micros(datetime(2023, 12, 18)), micros(datetime(2024, 3, 1)))
    # Bounds less than a day apart step by 15 minutes.
    assert (c.value, c.props["step"]) == (datetime(2024, 1, 1, 8), 15 * 60 * 1_000_000)


def test_session_state_sets_a_date_slider_and_on_change_runs() -> None:
    at = app(
        DATES + "def moved():\n"
        '    st.session_state.log = f"moved to {st.session_state.day}"\n'
        'if "day" not in st.session_state:\n'
        "    st.session_state.day = date(2024, 1, 10)\n"
        'd = st.slider("Day", date(2024, 1, 1), date(2024, 1, 31), key="day", on_change=moved)\n'
        'st.write(str(d), st.session_state.get("log", "-"))'
    )
    assert at.markdown.values == ["2024-01-10 -"]
    at.slider(key="day").set_value(date(2024, 1, 20)).run()
    assert at.markdown.values == ["2024-01-20 moved to 2024-01-20"]


@pytest.mark.parametrize(
    "source, message",
    [
        ('st.slider("S", date(2024, 1, 1), datetime(2024, 2, 1))', "must be of one type"),
        ('st.slider("S", value=date(2024, 1, 1), max_value=5)', "must be of one type"),
        ('st.slider("S", value=(date(2024, 1, 1), time(8)))', "must be of one type"),
        ('st.slider("S", value=date(2024, 1, 1), step=1)', "step must be a timedelta"),
        ('st.slider("S", value=date(2024, 1, 1), step=timedelta(hours=12))', "whole days"),
        ('st.slider("S", value=time(8), step=timedelta(0))', "positive timedelta"),
        ('st.slider("S", value=(date(2024, 1, 1),))', "holds two"),
        ('st.slider("S", value=datetime(1600, 1, 1))', "Use a value between 1684-07-29 and 2255-06-04."),
        ('st.slider("S", value=time(8), format=5)', "format must be"),
    ],
)
def test_bad_date_and_time_arguments_are_clear_errors(source: str, message: str) -> None:
    at = app(DATES + source)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "slider('S')" in at.exception[0].message and message in at.exception[0].message


@pytest.mark.parametrize(
    "wire", ["2024-01-10", 19700.5, float("nan"), True, None, [19730], 19720, 19760, "19730", {"days": 1}]
)
def test_a_date_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app(DATES + 'd = st.slider("Day", date(2024, 1, 1), date(2024, 1, 31), date(2024, 1, 10))')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == date(2024, 1, 10)
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize("wire", [[0], [0, 1, 2], [-1, 5], [0, DAY], "08:00", [None, 0], [0.5, 1]])
def test_a_time_range_slider_refuses_bad_wire_values(wire: Any) -> None:
    at = app(DATES + 'st.slider("T", value=(time(8), time(9)))')
    send(at, {at.slider[0].id: wire})
    assert at.slider[0].value == (time(8), time(9))
    assert len(bad_values(at)) == 1


@pytest.mark.browser
def test_a_person_moves_a_date_slider_with_the_keyboard_in_chromium(context: Any) -> None:
    source = (
        "from datetime import date, datetime, time, timedelta\n"
        'd = st.slider("Day", date(2024, 1, 1), date(2024, 12, 31), date(2024, 3, 1), format="MMM D, YYYY")\n'
        'st.write(f"day {d.isoformat()}")\n'
        'r = st.slider("Hours", value=(time(9, 0), time(17, 0)), step=timedelta(minutes=30))\n'
        'st.write(f"hours {r[0]:%H:%M} to {r[1]:%H:%M}")\n'
        'w = st.slider("When", value=datetime(2020, 1, 1, 9, 30), format="MM/DD/YY - hh:mm A")\n'
        'st.write(f"when {w.isoformat()}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("day 2024-03-01")).to_be_visible()
        day = page.get_by_role("slider", name="Day")
        expect(day).to_have_attribute("aria-valuetext", "Mar 1, 2024")
        widget = page.locator(".widget", has=day)
        expect(widget.locator(".slider-ends")).to_have_text("Jan 1, 2024Dec 31, 2024")
        day.focus()
        for _ in range(3):
            day.press("ArrowRight")
        expect(day).to_have_attribute("aria-valuetext", "Mar 4, 2024")
        day.press("ArrowLeft")
        expect(day).to_have_attribute("aria-valuetext", "Mar 3, 2024")
        expect(page.get_by_text("day 2024-03-03")).to_be_visible()
        day.press("End")
        expect(page.get_by_text("day 2024-12-31")).to_be_visible()

        upper = page.get_by_role("slider", name="Hours (upper end)")
        expect(upper).to_have_attribute("aria-valuetext", "17:00")
        upper.focus()
        upper.press("ArrowLeft")
        expect(upper).to_have_attribute("aria-valuetext", "16:30")
        expect(page.get_by_text("hours 09:00 to 16:30")).to_be_visible()

        when = page.get_by_role("slider", name="When")
        expect(when).to_have_attribute("aria-valuetext", "01/01/20 - 09:30 AM")
        when.focus()
        when.press("ArrowRight")
        expect(when).to_have_attribute("aria-valuetext", "01/02/20 - 09:30 AM")
        expect(page.get_by_text("when 2020-01-02T09:30:00")).to_be_visible()


NAMED_FORMATS = (
    'st.slider("percent", 0.0, 1.0, 0.25, format="percent")\n'
    'st.slider("dollar", 0.0, 5000.0, 1234.5, format="dollar")\n'
    'st.slider("euro", 0.0, 5000.0, 1234.5, format="euro")\n'
    'st.slider("yen", 0.0, 5000.0, 1234.5, format="yen")\n'
    'st.slider("compact", 0, 5000, 1234, format="compact")\n'
    'st.slider("scientific", 0.0, 5000.0, 1234.5, format="scientific")\n'
    'st.slider("engineering", 0, 50000, 12345, format="engineering")\n'
    'st.slider("accounting", -5000.0, 0.0, -1234.5, format="accounting")\n'
    'st.slider("plain", 0.0, 5000.0, 1234.567, step=0.001, format="plain")\n'
    'st.slider("localized", 0.0, 5000.0, 1234.567, step=0.001, format="localized")\n'
    'st.slider("bytes", 0, 5000, 1500, format="bytes")\n'
    'st.slider("default float", 0.0, 1.0, 0.5)\n'
    'st.slider("printf", 0, 100, 7, format="%03d items")\n'
    'st.slider("grouped", 0, 5000000, 1234567, format="%,d")\n'
    'st.slider("grouped float", -5000.0, 5000.0, -1234.5, format="%,.2f")\n'
)


@pytest.mark.browser
def test_named_number_formats_are_shown_as_streamlits_page_shows_them_in_chromium(context: Any) -> None:
    # The texts are what Streamlit 1.67's page shows for the same script in this Chromium (en-US), read by hand.
    shown = {
        "percent": "25%", "dollar": "$1,234.50", "euro": "€1,234.50", "yen": "¥1,235", "compact": "1.2K",
        "scientific": "1.235E3", "engineering": "12.345E3", "accounting": "(1,234.50)", "plain": "1234.567",
        "localized": "1,234.567", "bytes": "1.5KB", "default float": "0.50", "printf": "007 items",
        "grouped": "1,234,567", "grouped float": "-1,234.50",
    }
    with running_engine("import porch as st\n" + NAMED_FORMATS) as server:
        page = context.new_page()
        page.goto(server.url)
        for name, text in shown.items():
            expect(page.get_by_role("slider", name=name, exact=True)).to_have_attribute("aria-valuetext", text)
        ends = page.locator(".widget", has=page.get_by_role("slider", name="dollar", exact=True)).locator(".slider-ends")
        expect(ends).to_have_text("$0.00$5,000.00")


# -- a datetime slider's reach, as Streamlit 1.67's ------------------------------------------------------------------

# Streamlit 1.67's bounds for the same calls (AppTest's slider.min/max, microseconds), read from its slider.
STREAMLITS_BOUNDS = [
    ("datetime(2255, 6, 2, 12)", 9005688000000000, 9007113599999999),
    ("datetime(1684, 7, 31, 1)", -9007113600000000, -9005727600000000),
    ("(datetime(2255, 6, 1), datetime(2255, 6, 3))", 9005558400000000, 9007113599999999),
]


@pytest.mark.parametrize("value, low, high", STREAMLITS_BOUNDS)
def test_the_default_bounds_of_a_datetime_slider_stop_at_its_reach_as_streamlits(value: str, low: int, high: int) -> None:
    at = app(DATES + f'v = st.slider("S", value={value})\nst.write(repr(v))')
    assert not at.exception, at.exception[0].message if at.exception else ""
    assert (at.slider[0].props["min"], at.slider[0].props["max"]) == (low, high)
    assert at.markdown.values == [repr(eval(value))]


@pytest.mark.parametrize(
    "source, name",
    [
        ('st.slider("S", value=datetime(2256, 1, 1))', "min_value"),
        ('st.slider("S", datetime(2000, 1, 1), datetime(2255, 6, 6))', "max_value"),
        ('st.slider("S", datetime(1684, 7, 28), datetime(2000, 1, 1))', "min_value"),
    ],
)
def test_a_datetime_beyond_the_reach_names_the_bound_and_the_days_as_streamlit(source: str, name: str) -> None:
    at = app(DATES + source)
    assert at.exception[0].message.endswith(
        f"{name} is too far from 1970 for the slider to represent exactly. Use a value between 1684-07-29 and "
        "2255-06-04."
    )


def test_a_date_slider_reaches_any_date() -> None:
    at = app(DATES + 'v = st.slider("S", value=(date(1, 1, 1), date(9999, 12, 31)))\nst.write(repr(v))')
    assert at.markdown.values == ["(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))"]


# -- printf formats as sprintf.js reads them (Streamlit's page) -----------------------------------------------------

SPRINTF_FORMATS = (
    'st.slider("hex", 0, 4095, 255, format="%x")\n'
    'st.slider("octal", 0, 100, 8, format="%o")\n'
    'st.slider("binary", 0, 100, 5, format="%b")\n'
    'st.slider("char", 65, 90, 65, format="%c")\n'
    'st.slider("json", 0.0, 10.0, 3.5, format="%j")\n'
    'st.slider("indexed", 0, 100, 42, format="%1$d (%1$x)")\n'
    'st.slider("float in full", 0.0, 10.0, 2.5, format="%f")\n'
    'st.slider("exponent", 0.0, 5000.0, 1234.5, format="%e")\n'
    'st.slider("padded", 0, 100, 42, format="%\'*8d")\n'
    'st.slider("left", 0, 100, 42, format="%-6d|")\n'
    'st.slider("refused", 0, 100, 42, format="%d to %d")\n'
)


@pytest.mark.browser
def test_printf_formats_are_read_as_sprintf_js_reads_them_in_chromium(context: Any) -> None:
    # The texts are what Streamlit 1.67's sprintf.js (its page's) writes for the same formats and values.
    shown = {
        "hex": "ff", "octal": "10", "binary": "101", "char": "A", "json": "3.5", "indexed": "42 (2a)",
        "float in full": "2.5", "exponent": "1.2345e+3", "padded": "******42", "left": "42    |", "refused": "42",
    }
    with running_engine("import porch as st\n" + SPRINTF_FORMATS) as server:
        page = context.new_page()
        page.goto(server.url)
        for name, text in shown.items():
            expect(page.get_by_role("slider", name=name, exact=True)).to_have_attribute("aria-valuetext", text)
        ends = page.locator(".widget", has=page.get_by_role("slider", name="hex", exact=True)).locator(".slider-ends")
        expect(ends).to_have_text("0fff")
        refused = page.locator(".widget", has=page.get_by_role("slider", name="refused", exact=True))
        expect(refused.get_by_role("alert")).to_have_text(
            "format '%d to %d' cannot be shown: '%d' asks for argument 2: the widget gives one number, argument 1"
        )
        expect(page.locator(".input-error")).to_have_count(1)


@pytest.mark.parametrize(
    "fmt, problem",
    [
        ("%2$d", "'%2$d' asks for argument 2"),
        ("%s of %d", "'%d' asks for argument 2"),
        ("100%", "'%' at 3 is not a placeholder"),
        ("% d", "'% d' at 0 is not a placeholder"),
        ("%E", "'%E' at 0 is not a placeholder"),
        ("%(x)d", "'%(x)d' asks the number for a property"),
        ("%1$d %(x)s", "it mixes named and positional placeholders"),
    ],
)
def test_a_format_sprintf_js_refuses_is_said_under_the_slider(fmt: str, problem: str) -> None:
    at = app(f"v = st.slider('S', 0, 100, 42, format={fmt!r})\nst.text(str(v))")
    assert not at.exception and at.text.values == ["42"], "the app goes on, as Streamlit's does"
    assert at.slider[0].props["format_error"].startswith(f"format {fmt!r} cannot be shown: {problem}")


@pytest.mark.parametrize("fmt", ["%d", "%d%%", "%1$d %1$x", "%d %s", "%(x)s", "%'*8.2f", "%_d", "%j", "dollar"])
def test_a_format_sprintf_js_reads_has_no_error(fmt: str) -> None:
    at = app(f"st.slider('S', 0, 100, 42, format={fmt!r})")
    assert at.slider[0].props["format_error"] is None


# -- moment.js date formats as Streamlit's page reads them ------------------------------------------------------------

# Each format with the text Streamlit 1.67's page shows (aria-valuetext) for datetime(2024, 3, 5, 14, 7, 9), read from
# its page in this Chromium (en-US) for the same script. The value is off the default one-day step's grid, and shown
# as it is, as Streamlit's page shows it (a range input alone would round it to March 6th).
STREAMLITS_MOMENT_TEXTS = {
    "L": "03/05/2024", "LL": "March 5, 2024", "LLL": "March 5, 2024 2:07 PM", "LLLL": "Tuesday, March 5, 2024 2:07 PM",
    "LT": "2:07 PM", "LTS": "2:07:09 PM", "l": "3/5/2024", "ll": "Mar 5, 2024", "lll": "Mar 5, 2024 2:07 PM",
    "llll": "Tue, Mar 5, 2024 2:07 PM", "Mo": "3rd", "Q": "1", "Qo": "1st", "DDD": "65", "DDDo": "65th", "DDDD": "065",
    "d": "2", "do": "2nd", "dd": "Tu", "e": "2", "E": "2", "w": "10", "wo": "10th", "ww": "10", "W": "10", "Wo": "10th",
    "WW": "10", "Y": "2024", "gggg": "2024", "GGGG": "2024", "gg": "24", "GG": "24", "k": "14", "kk": "14", "S": "0",
    "SS": "00", "SSSS": "0000", "Z": "+00:00", "ZZ": "+0000", "X": "1709647629", "x": "1709647629000", "z": "UTC",
    "hmm": "207", "Hmmss": "140709", "N": "AD", "NNNN": "Anno Domini", "NNNNN": "AD", "y": "2024", "yo": "2024th",
    "YYYYYY": "+002024", "\\Y\\e\\a\\r YYYY": "Year 2024", "[Week] w, dddd": "Week 10, Tuesday",
    "MMM Do YY, h:mm:ss a": "Mar 5th 24, 2:07:09 pm", "DDDD [of] YYYY LT": "065 of 2024 2:07 PM",
}


@pytest.mark.browser
def test_moment_formats_are_shown_as_streamlits_page_shows_them_in_chromium(context: Any) -> None:
    formats = list(STREAMLITS_MOMENT_TEXTS)
    source = (
        "from datetime import date, datetime\n"
        "when = datetime(2024, 3, 5, 14, 7, 9)\n"
        f"for i, f in enumerate({formats!r}):\n"
        '    st.slider(f"f{i}", datetime(2024, 1, 1), datetime(2024, 12, 31), when, format=f)\n'
        'st.slider("date", date(2024, 1, 1), date(2024, 12, 31), date(2024, 3, 5), format="LLLL")\n'
        'st.slider("early", datetime(2024, 1, 1), datetime(2024, 12, 31), datetime(2024, 1, 1, 0, 5), format="LTS k")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_role("slider", name="early", exact=True)).to_be_visible()
        for i, text in enumerate(STREAMLITS_MOMENT_TEXTS.values()):
            expect(page.get_by_role("slider", name=f"f{i}", exact=True)).to_have_attribute("aria-valuetext", text)
        expect(page.get_by_role("slider", name="date", exact=True)).to_have_attribute(
            "aria-valuetext", "Tuesday, March 5, 2024 12:00 AM"
        )
        early = page.get_by_role("slider", name="early", exact=True)
        expect(early).to_have_attribute("aria-valuetext", "12:05:00 AM 24")


@pytest.mark.browser
def test_iso8601_and_localized_dates_are_shown_as_streamlits_page_shows_them_in_chromium(context: Any) -> None:
    # Streamlit 1.67's page, same script, this Chromium (en-US): moment's `toISOString`, `HH:mm:ss.SSS[Z]` for a time,
    # and Intl's medium date and time styles.
    shown = {
        "a": "2024-03-05T14:07:09.000Z", "b": "14:07:00.000Z", "c": "2024-03-05", "d": "Mar 5, 2024, 2:07:09 PM",
        "e": "2:07:00 PM", "f": "Mar 5, 2024",
    }
    source = (
        "from datetime import date, datetime, time, timedelta\n"
        "when, second = datetime(2024, 3, 5, 14, 7, 9), timedelta(seconds=1)\n"
        'for fmt, (a, b, c) in {"iso8601": "abc", "localized": "def"}.items():\n'
        "    st.slider(a, datetime(2024, 1, 1), datetime(2024, 12, 31), when, format=fmt, step=second)\n"
        "    st.slider(b, time(0), time(23), time(14, 7), format=fmt)\n"
        "    st.slider(c, date(2024, 1, 1), date(2024, 12, 31), date(2024, 3, 5), format=fmt)\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        for name, text in shown.items():
            expect(page.get_by_role("slider", name=name, exact=True)).to_have_attribute("aria-valuetext", text)


@pytest.mark.browser
def test_a_value_off_the_step_grid_shows_as_it_is_and_moves_onto_the_grid_as_streamlits(context: Any) -> None:
    # Streamlit 1.67's page for this script (Chromium): "14:07", then ArrowRight gives 14:15 and the script has it.
    source = 'from datetime import time\nv = st.slider("b", time(0), time(23), time(14, 7))\nst.write(f"value {v}")\n'
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        slider = page.get_by_role("slider", name="b", exact=True)
        expect(slider).to_have_attribute("aria-valuetext", "14:07")
        expect(page.get_by_text("value 14:07:00")).to_be_visible()
        slider.focus()
        slider.press("ArrowRight")
        expect(slider).to_have_attribute("aria-valuetext", "14:15")
        expect(page.get_by_text("value 14:15:00")).to_be_visible()


# What Streamlit 1.67's page shows for ZONED_SOURCE in this Chromium (en-US) with its clock fixed at ZONED_NOW, in
# each time zone, read by hand: `localized` shows the instant that reads the wall-clock time as UTC in the browser's
# zone (14:07 is 3:07 PM in Berlin, 6:07 AM in Los Angeles, where a date's midnight is the day before); `distance` and
# `calendar` are moment's `fromNow()` and `calendar()` of that UTC instant, the same in every zone (23:30 on March 6 is
# "Today" though it is March 7 in Berlin), and a time is on 2000-01-01, as Streamlit's server sends it.
ZONED_NOW = datetime(2024, 3, 6, 23, 30, 20, tzinfo=timezone.utc)
ZONED_SOURCE = (
    "from datetime import date, datetime, time, timedelta\n"
    "when, second = datetime(2024, 3, 5, 14, 7, 9), timedelta(seconds=1)\n"
    'for fmt in ["localized", "distance", "calendar"]:\n'
    '    st.slider(f"dt-{fmt}", datetime(2024, 1, 1), datetime(2024, 12, 31), when, format=fmt, step=second)\n'
    '    st.slider(f"d-{fmt}", date(2024, 1, 1), date(2024, 12, 31), date(2024, 3, 5), format=fmt)\n'
    '    st.slider(f"t-{fmt}", time(0), time(23), time(14, 7), format=fmt)\n'
    "deltas = [timedelta(0), timedelta(minutes=-50), timedelta(hours=1), timedelta(hours=30), timedelta(days=-4),\n"
    "          timedelta(days=8), timedelta(seconds=-50), timedelta(minutes=44), timedelta(hours=22),\n"
    "          timedelta(days=26), timedelta(days=320), timedelta(days=345), timedelta(days=-400)]\n"
    "for k, delta in enumerate(deltas):\n"
    '    for fmt in ["distance", "calendar"]:\n'
    "        value = datetime(2024, 3, 6, 23, 30) + delta\n"
    '        st.slider(f"x{k}-{fmt}", datetime(2020, 1, 1), datetime(2028, 12, 31), value, format=fmt, step=second)\n'
)
ZONED_TEXTS = {
    "dt-distance": "a day ago", "d-distance": "2 days ago", "t-distance": "24 years ago",
    "dt-calendar": "Yesterday at 2:07 PM", "d-calendar": "Yesterday at 12:00 AM", "t-calendar": "01/01/2000",
    "x0-distance": "a few seconds ago", "x0-calendar": "Today at 11:30 PM",
    "x1-distance": "an hour ago", "x1-calendar": "Today at 10:40 PM",
    "x2-distance": "in an hour", "x2-calendar": "Tomorrow at 12:30 AM",
    "x3-distance": "in a day", "x3-calendar": "Friday at 5:30 AM",
    "x4-distance": "4 days ago", "x4-calendar": "Last Saturday at 11:30 PM",
    "x5-distance": "in 8 days", "x5-calendar": "03/14/2024",
    "x6-distance": "a minute ago", "x6-calendar": "Today at 11:29 PM",
    "x7-distance": "in 44 minutes", "x7-calendar": "Tomorrow at 12:14 AM",
    "x8-distance": "in a day", "x8-calendar": "Tomorrow at 9:30 PM",
    "x9-distance": "in a month", "x9-calendar": "04/01/2024",
    "x10-distance": "in 10 months", "x10-calendar": "01/20/2025",
    "x11-distance": "in a year", "x11-calendar": "02/14/2025",
    "x12-distance": "a year ago", "x12-calendar": "01/31/2023",
}
ZONED_LOCALIZED = {
    "Europe/Berlin": {"dt-localized": "Mar 5, 2024, 3:07:09 PM", "d-localized": "Mar 5, 2024",
                      "t-localized": "3:07:00 PM"},
    "America/Los_Angeles": {"dt-localized": "Mar 5, 2024, 6:07:09 AM", "d-localized": "Mar 4, 2024",
                            "t-localized": "6:07:00 AM"},
}


@pytest.mark.browser
@pytest.mark.parametrize("zone", list(ZONED_LOCALIZED))
def test_dates_in_a_browser_outside_utc_are_shown_as_streamlits_page_shows_them(browser: Any, zone: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US", timezone_id=zone)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(ZONED_NOW)  # Date.now() only: the page's timers keep running
        with running_engine("import porch as st\n" + ZONED_SOURCE) as server:
            page.goto(server.url)
            for name, text in {**ZONED_LOCALIZED[zone], **ZONED_TEXTS}.items():
                expect(page.get_by_role("slider", name=name, exact=True)).to_have_attribute("aria-valuetext", text)
    finally:
        context.close()


def test_apptest_format_is_the_scripts_or_streamlits_default() -> None:
    at = app(
        'st.slider("Whole", 0, 10, 3)\nst.slider("Real", 0.0, 1.0, (0.2, 0.4))\nst.slider("Given", 0, 9, format="%d km")'
    )
    assert [s.format for s in at.slider] == ["%d", "%0.2f", "%d km"]
