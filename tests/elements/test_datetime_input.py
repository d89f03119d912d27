"""``datetime_input``: st.datetime_input, what starts it, its bounds and step, and the wire values it refuses.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

import inspect
import json
import re
from datetime import date, datetime, time
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from support import REPO, app, bad_values, send

PRELUDE = "from datetime import date, datetime, time, timedelta, timezone\n"


def ten_years_before(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year - 10)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 10, day=28)


def test_the_default_is_now_to_the_minute_within_ten_years_either_side() -> None:
    before = datetime.now().replace(second=0, microsecond=0)
    at = app('d = st.datetime_input("When")\nst.write(repr(d))')
    after = datetime.now()
    widget = at.datetime_input[0]
    value = widget.value
    assert before <= value <= after and value.second == 0 and value.microsecond == 0
    assert widget.props["value"] == value.strftime("%Y-%m-%dT%H:%M")
    assert widget.props["min"] == ten_years_before(value).strftime("%Y-%m-%dT00:00")  # the day's start, as Streamlit's
    assert (widget.props["step"], widget.props["format"], widget.props["clearable"]) == (900, "YYYY/MM/DD", False)
    assert widget.props["width"] == "stretch"
    assert at.markdown.values == [repr(value)]


@pytest.mark.parametrize(
    "given, expected",
    [
        ("datetime(2025, 11, 19, 16, 45)", datetime(2025, 11, 19, 16, 45)),
        ("datetime(2025, 11, 19, 16, 45, 30, 999)", datetime(2025, 11, 19, 16, 45, 30)),
        ("datetime(2025, 11, 19, 16, 45, tzinfo=timezone(timedelta(hours=5)))", datetime(2025, 11, 19, 16, 45)),
        ("date(2025, 11, 19)", datetime(2025, 11, 19)),
        ("'2025-11-19 16:45'", datetime(2025, 11, 19, 16, 45)),
        ("'2025-11-19T16:45:10'", datetime(2025, 11, 19, 16, 45, 10)),
        ("'2025-11-19'", datetime(2025, 11, 19)),
        ("time(16, 45)", datetime.combine(date.today(), time(16, 45))),
        ("'16:45'", datetime.combine(date.today(), time(16, 45))),
    ],
)
def test_a_datetime_a_date_a_time_or_an_iso_string_starts_it(given: str, expected: datetime) -> None:
    at = app(PRELUDE + f'd = st.datetime_input("When", {given})\nst.write(repr(d))')
    widget = at.datetime_input[0]
    assert widget.value == expected and widget.value.tzinfo is None
    assert at.markdown.values == [repr(expected)]
    seconds = ":%S" if expected.second else ""
    assert widget.props["value"] == expected.strftime("%Y-%m-%dT%H:%M" + seconds)
    assert widget.props["min"] == ten_years_before(expected).strftime("%Y-%m-%dT00:00")
    assert widget.props["max"] == ten_years_before(expected).replace(year=expected.year + 10).strftime("%Y-%m-%dT23:59")


def test_a_picked_moment_reaches_the_script() -> None:
    at = app(PRELUDE + 'd = st.datetime_input("When", datetime(2025, 11, 19, 16, 45))\nst.write(d.isoformat())')
    at.datetime_input[0].set_value(datetime(2026, 1, 2, 8, 30)).run()
    assert at.markdown.values == ["2026-01-02T08:30:00"]
    assert at.datetime_input[0].props["value"] == "2026-01-02T08:30"
    send(at, {at.datetime_input[0].id: "2030-12-31T23:59"})
    assert at.markdown.values == ["2030-12-31T23:59:00"]
    send(at, {at.datetime_input[0].id: "2024-02-29T00:00:15"})
    assert at.markdown.values == ["2024-02-29T00:00:15"]
    assert bad_values(at) == []


def test_bounds_step_and_seconds_on_the_wire() -> None:
    at = app(
        PRELUDE + 'd = st.datetime_input("When", "2025-06-01 12:00", min_value=date(2025, 6, 1),\n'
        '    max_value="2025-06-30 18:00", step=90)\n'
        "st.write(str(d))"
    )
    props = at.datetime_input[0].props
    assert (props["min"], props["max"], props["step"]) == ("2025-06-01T00:00:00", "2025-06-30T18:00:00", 90)
    assert props["value"] == "2025-06-01T12:00:00"
    send(at, {at.datetime_input[0].id: "2025-06-30T18:00:01"})
    send(at, {at.datetime_input[0].id: "2025-05-31T23:59:59"})
    assert len(bad_values(at)) == 2 and at.markdown.values == ["2025-06-01 12:00:00"]
    send(at, {at.datetime_input[0].id: "2025-06-30T18:00"})
    assert at.markdown.values == ["2025-06-30 18:00:00"]


def test_now_is_clamped_into_the_bounds_and_other_values_outside_them_are_errors() -> None:
    at = app(PRELUDE + 'd = st.datetime_input("When", max_value=datetime(2001, 1, 1, 9, 0))\nst.write(str(d))')
    assert at.datetime_input[0].value == datetime(2001, 1, 1, 9, 0)
    at = app(PRELUDE + 'st.datetime_input("When", datetime(2001, 1, 1), min_value="2002-01-01")')
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "datetime_input('When')" in at.exception[0].message and "must lie between" in at.exception[0].message


def test_value_none_starts_empty_and_may_be_emptied_again() -> None:
    at = app('d = st.datetime_input("When", None)\nst.write(repr(d))')
    widget = at.datetime_input[0]
    today = date.today()
    assert widget.value is None and widget.props["clearable"] is True and widget.props["value"] is None
    assert widget.props["min"].endswith("T00:00") and widget.props["max"].endswith("T23:59")
    assert widget.props["min"][:4] == str(today.year - 10) and widget.props["max"][:4] == str(today.year + 10)
    assert at.markdown.values == ["None"]
    send(at, {widget.id: f"{today.isoformat()}T07:05"})
    assert at.markdown.values == [repr(datetime.combine(today, time(7, 5)))]
    send(at, {widget.id: None})
    assert at.markdown.values == ["None"]
    assert bad_values(at) == []


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.datetime_input("When", step=30)', "between 60 seconds and 23 hours"),
        ('st.datetime_input("When", step="15m")', "int (seconds) or a timedelta"),
        ('st.datetime_input("When", "next tuesday")', "ISO string"),
        ('st.datetime_input("When", 1700000000)', "must be a datetime"),
        ('st.datetime_input("When", min_value=[])', "min_value must be"),
        ('st.datetime_input("When", format="YY/MM/DD")', "format 'YY/MM/DD' is not valid"),
        ('st.datetime_input("When", min_value="2030-01-01", max_value="2020-01-01", value=None)', "later than"),
        ('st.datetime_input("When", width="content")', "width must be"),
        ('st.datetime_input("When", on_change=5)', "on_change must be"),
    ],
)
def test_bad_arguments_are_clear_errors_naming_the_call(call: str, message: str) -> None:
    at = app(PRELUDE + call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "datetime_input('When')" in at.exception[0].message and message in at.exception[0].message


@pytest.mark.parametrize(
    "wire",
    [
        "2025-11-19 16:45",
        "2025-11-19T16:45Z",
        "2025-11-19T16:45+01:00",
        "2025-11-19T24:00",
        "2025-11-19T16:45:30.5",
        "2025-13-01T10:00",
        "2025-02-30T10:00",
        "2025-11-19",
        "16:45",
        "1900-01-01T00:00",
        1763570700,
        None,
        ["2025-11-19T16:45"],
    ],
)
def test_datetime_input_refuses_bad_wire_values(wire: Any) -> None:
    at = app(PRELUDE + 'd = st.datetime_input("When", datetime(2025, 11, 19, 16, 45))\nst.write(str(d))')
    send(at, {at.datetime_input[0].id: wire})
    assert at.datetime_input[0].value == datetime(2025, 11, 19, 16, 45)
    assert at.markdown.values == ["2025-11-19 16:45:00"]
    assert len(bad_values(at)) == 1


def test_required_marks_the_field_and_an_emptyable_widget_still_starts_empty() -> None:
    at = app('d = st.datetime_input("When", None, required=True)\nst.write(repr(d))')
    assert at.datetime_input[0].props["required"] is True and at.datetime_input[0].props["clearable"] is False
    assert at.markdown.values == ["None"]
    at = app('d = st.datetime_input("When", required=True)')
    send(at, {at.datetime_input[0].id: None})
    assert len(bad_values(at)) == 1


def test_session_state_sets_the_value_and_a_change_runs_on_change() -> None:
    at = app(
        PRELUDE + "def changed(who):\n"
        '    st.session_state.log = f"{who}: {st.session_state.when}"\n'
        'if "when" not in st.session_state:\n'
        "    st.session_state.when = datetime(2025, 1, 1, 6, 30)\n"
        'd = st.datetime_input("When", key="when", on_change=changed, args=("me",))\n'
        'st.write(f"{d} {st.session_state.get(\'log\', \'-\')}")'
    )
    assert at.markdown.values == ["2025-01-01 06:30:00 -"]
    at.datetime_input(key="when").set_value(datetime(2025, 1, 2, 7, 15)).run()
    assert at.markdown.values == ["2025-01-02 07:15:00 me: 2025-01-02 07:15:00"]
    assert at.session_state["when"] == datetime(2025, 1, 2, 7, 15)


def test_compatibility_parameters_are_accepted() -> None:
    at = app(
        PRELUDE + 'd = st.sidebar.datetime_input("When", datetime(2025, 1, 1, 8, 0), None, None, key="k",\n'
        '    help="when?", on_change="ignore", format="DD.MM.YYYY", step=timedelta(minutes=5), disabled=True,\n'
        '    required=False, label_visibility="collapsed", width=240, bind="query-params", persist_state="page")\n'
        "st.write(str(d))"
    )
    widget = at.sidebar.datetime_input[0]
    assert widget.value == datetime(2025, 1, 1, 8, 0) and widget.disabled and widget.help == "when?"
    assert (widget.props["format"], widget.props["step"], widget.props["width"]) == ("DD.MM.YYYY", 300, 240)
    assert at.markdown.values == ["2025-01-01 08:00:00"]


def test_in_a_form_the_moment_arrives_with_the_submit() -> None:
    at = app(
        PRELUDE + 'with st.form("f"):\n'
        '    d = st.datetime_input("When", datetime(2025, 1, 1, 8, 0))\n'
        '    st.form_submit_button("Save")\n'
        "st.write(str(d))"
    )
    at.datetime_input[0].set_value(datetime(2025, 3, 4, 9, 15))
    assert at.markdown.values == ["2025-01-01 08:00:00"]
    at.button[0].click().run()
    assert at.markdown.values == ["2025-03-04 09:15:00"]


def test_the_signature_is_streamlits() -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = [(p["name"], p["kind"], p["default"]) for p in reference["names"]["st.datetime_input"]["params"]]
    kinds = {"POSITIONAL_OR_KEYWORD": "either", "KEYWORD_ONLY": "keyword"}
    got = [
        (p.name, kinds[p.kind.name], None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(porch.datetime_input).parameters.values()
    ]
    assert got == expected


@pytest.mark.browser
def test_a_person_types_a_date_and_time_in_chromium(context: Any) -> None:
    source = (
        "from datetime import datetime\n"
        'd = st.datetime_input("Event", datetime(2025, 11, 19, 16, 45), max_value=datetime(2026, 6, 30, 18, 0),\n'
        '    step=300, help="Local time", format="DD.MM.YYYY")\n'
        'st.write(f"event at {d.isoformat()}")\n'
        'r = st.datetime_input("Reminder", None, required=True)\n'
        'st.write(f"reminder {r}")\n'
        'p = st.datetime_input("Precise", datetime(2025, 1, 2, 3, 4, 5), step=90, format="MM-DD-YYYY")\n'
        'st.write(f"precise {p.isoformat()}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("event at 2025-11-19T16:45:00")).to_be_visible()
        # As Streamlit's: a text field showing the date in `format` (not the locale's order) and a 24-hour time,
        # its placeholder the format, and a button that opens a picker.
        event = page.get_by_label("Event", exact=True)
        expect(event).to_have_attribute("type", "text")
        expect(event).to_have_value("19.11.2025 16:45")
        expect(event).to_have_attribute("aria-describedby", re.compile(r"\S"))  # the help tooltip
        reminder = page.get_by_label("Reminder", exact=True)
        expect(reminder).to_have_value("")
        expect(reminder).to_have_attribute("placeholder", "YYYY/MM/DD HH:MM")
        expect(reminder).not_to_have_attribute("aria-invalid", "true")  # required, but untouched yet
        precise = page.get_by_label("Precise", exact=True)
        expect(precise).to_have_value("01-02-2025 03:04:05")  # a step that is not whole minutes: seconds shown
        expect(precise).to_have_attribute("placeholder", "MM-DD-YYYY HH:MM:SS")
        picker_button = page.get_by_role("button", name="Choose date and time")
        expect(picker_button).to_have_count(3)

        # Typed in the format, and sent on Enter.
        event.fill("")
        event.press_sequentially("24.12.2025 09:30")
        event.press("Enter")
        expect(page.get_by_text("event at 2025-12-24T09:30:00")).to_be_visible()
        # The arrow keys step the part under the caret (the minutes by `step`); sent after a pause, focus kept.
        event.evaluate("e => e.setSelectionRange(15, 15)")
        page.keyboard.press("ArrowUp")
        expect(event).to_have_value("24.12.2025 09:35")
        expect(page.get_by_text("event at 2025-12-24T09:35:00")).to_be_visible()
        event.evaluate("e => e.setSelectionRange(1, 1)")
        page.keyboard.press("ArrowDown")
        expect(event).to_have_value("23.12.2025 09:35")
        expect(page.get_by_text("event at 2025-12-23T09:35:00")).to_be_visible()
        # From the field, Tab reaches the picker's button; a pick in the picker shows in the format and is sent.
        event.focus()
        page.keyboard.press("Tab")
        expect(picker_button.nth(0)).to_be_focused()
        # The browser's picker is a popup outside the page: its opening is recorded here, not shown.
        page.evaluate("HTMLInputElement.prototype.showPicker = function () { window.opened = this.value; }")
        page.keyboard.press("Enter")
        assert page.wait_for_function("window.opened").json_value() == "2025-12-23T09:35"  # at the field's moment
        page.locator(".datetime-picker").nth(0).evaluate(
            "e => { e.value = '2026-02-03T04:05'; e.dispatchEvent(new Event('change', {bubbles: true})); }")
        expect(event).to_have_value("03.02.2026 04:05")
        expect(page.get_by_text("event at 2026-02-03T04:05:00")).to_be_visible()

        # A moment past max_value, or no real date, is not sent: it is marked, and leaving the field puts the last
        # value back.
        for wrong in ("05.01.2027 10:00", "31.02.2026 10:00"):
            event.fill(wrong)
            expect(event).to_have_attribute("aria-invalid", "true")
            precise.focus()
            expect(event).to_have_value("03.02.2026 04:05")
            expect(event).not_to_have_attribute("aria-invalid", "true")

        reminder.fill("2025/01/02 07:05")
        reminder.press("Enter")
        expect(page.get_by_text("reminder 2025-01-02 07:05:00")).to_be_visible()
        reminder.fill("")
        event.focus()
        expect(reminder).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_text("reminder 2025-01-02 07:05:00")).to_be_visible()
        expect(page.get_by_text("event at 2026-02-03T04:05:00")).to_be_visible()
        precise.focus()
        precise.evaluate("e => e.setSelectionRange(18, 18)")
        page.keyboard.press("ArrowUp")  # the seconds, by the 30 seconds of the step that are not whole minutes
        expect(precise).to_have_value("01-02-2025 03:04:35")
        expect(page.get_by_text("precise 2025-01-02T03:04:35")).to_be_visible()


def test_a_session_state_datetime_beyond_the_bounds_as_streamlits() -> None:
    """Beyond the default bounds it is taken (they widen to it); beyond the script's, the widget starts over."""
    held = "st.session_state.t = datetime(1970, 1, 1, 5, 6)\n"
    at = app(PRELUDE + held + 'st.write(repr(st.datetime_input("T", None, key="t")))')
    assert not at.exception and at.markdown.values == ["datetime.datetime(1970, 1, 1, 5, 6)"]
    at = app(
        PRELUDE + 'st.session_state.t = datetime(1970, 1, 1, 5, 6)\n'
        'st.write(repr(st.datetime_input("T", datetime(2020, 1, 1), min_value=datetime(2019, 1, 1), key="t")))'
    )
    assert not at.exception and at.markdown.values == ["datetime.datetime(2020, 1, 1, 0, 0)"]
