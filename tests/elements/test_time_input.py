"""``time_input``: st.time_input, its step, stepping round the clock, and the wire values it refuses.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

import inspect
import json
from datetime import datetime, time
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from support import REPO, app, bad_values, send

PRELUDE = "from datetime import datetime, time, timedelta\n"


def test_the_default_is_now_to_the_minute() -> None:
    before = datetime.now().replace(second=0, microsecond=0)
    at = app('t = st.time_input("Alarm")\nst.write(repr(t))')
    after = datetime.now()
    value = at.time_input[0].value
    assert value.second == 0 and value.microsecond == 0
    assert before.time() <= value <= after.time() or after.time() < before.time()  # unless midnight passed
    assert at.time_input[0].props["value"] == value.strftime("%H:%M")
    assert at.time_input[0].props["step"] == 900 and at.time_input[0].props["format"] == "24h"
    assert at.time_input[0].props["clearable"] is False


@pytest.mark.parametrize(
    "given, expected, wire",
    [
        ("time(8, 45)", time(8, 45), "08:45"),
        ("datetime(2019, 7, 6, 21, 15, 42)", time(21, 15), "21:15"),
        ("'08:45'", time(8, 45), "08:45"),
        ("'08:45:30'", time(8, 45, 30), "08:45:30"),
        ("'2024-05-17 08:45:30'", time(8, 45), "08:45"),
    ],
)
def test_a_time_a_datetime_or_an_iso_string_starts_it(given: str, expected: time, wire: str) -> None:
    at = app(PRELUDE + f't = st.time_input("Alarm", {given})\nst.write(repr(t))')
    assert at.time_input[0].value == expected
    assert at.time_input[0].props["value"] == wire
    assert at.markdown.values == [repr(expected)]


def test_a_picked_time_reaches_the_script() -> None:
    at = app(PRELUDE + 't = st.time_input("Alarm", time(8, 45))\nst.write(t.isoformat())')
    at.time_input[0].set_value(time(9, 30)).run()
    assert at.markdown.values == ["09:30:00"]
    send(at, {at.time_input[0].id: "23:59"})
    assert at.markdown.values == ["23:59:00"]
    send(at, {at.time_input[0].id: "00:00:15"})
    assert at.markdown.values == ["00:00:15"]
    assert bad_values(at) == []


def test_increment_and_decrement_move_by_step_round_the_clock() -> None:
    at = app(PRELUDE + 't = st.time_input("Alarm", time(23, 30), step=timedelta(minutes=20))\nst.write(t)')
    assert at.time_input[0].step == 1200
    at.time_input[0].increment().run()
    assert at.markdown.rendered_texts == ["23:50:00"]
    at.time_input[0].increment().run()
    assert at.markdown.rendered_texts == ["00:10:00"]
    at.time_input[0].decrement().run()
    at.time_input[0].decrement().run()
    assert at.markdown.rendered_texts == ["23:30:00"]


def test_a_step_with_seconds_puts_seconds_on_the_wire() -> None:
    at = app(PRELUDE + 't = st.time_input("Alarm", time(8, 0), step=90)\nst.write(t)')
    assert at.time_input[0].props["step"] == 90 and at.time_input[0].props["value"] == "08:00:00"
    at.time_input[0].increment().run()
    assert at.markdown.rendered_texts == ["08:01:30"]


def test_value_none_starts_empty_and_may_be_emptied_again() -> None:
    at = app('t = st.time_input("Alarm", None)\nst.write(repr(t))')
    assert at.time_input[0].value is None and at.time_input[0].props["clearable"] is True
    assert at.markdown.values == ["None"]
    at.time_input[0].increment().run()  # nothing to step from
    assert at.markdown.values == ["None"]
    send(at, {at.time_input[0].id: "07:05"})
    assert at.markdown.values == [repr(time(7, 5))]
    send(at, {at.time_input[0].id: None})
    assert at.markdown.values == ["None"]
    assert bad_values(at) == []


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.time_input("Alarm", step=30)', "between 60 seconds and 23 hours"),
        ('st.time_input("Alarm", step=timedelta(hours=23, seconds=1))', "between 60 seconds and 23 hours"),
        ('st.time_input("Alarm", step=timedelta(seconds=90.5))', "whole seconds"),
        ('st.time_input("Alarm", step="15m")', "int (seconds) or a timedelta"),
        ('st.time_input("Alarm", step=True)', "int (seconds) or a timedelta"),
        ('st.time_input("Alarm", "quarter past")', "ISO time string"),
        ('st.time_input("Alarm", 845)', "must be a time"),
        ('st.time_input("Alarm", format="am/pm")', "format must be"),
        ('st.time_input("Alarm", on_change=5)', "on_change must be"),
    ],
)
def test_bad_arguments_are_clear_errors_naming_the_call(call: str, message: str) -> None:
    at = app(PRELUDE + call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "time_input('Alarm')" in at.exception[0].message and message in at.exception[0].message


@pytest.mark.parametrize("wire", ["24:00", "8:45", "08:60", "08:45:60", "08:45:30.5", "0845", 845, None, ["08:45"]])
def test_time_input_refuses_bad_wire_values(wire: Any) -> None:
    at = app(PRELUDE + 't = st.time_input("Alarm", time(8, 45))\nst.write(t)')
    send(at, {at.time_input[0].id: wire})
    assert at.time_input[0].value == time(8, 45)
    assert at.markdown.rendered_texts == ["08:45:00"]
    assert len(bad_values(at)) == 1


def test_required_marks_the_field_and_an_emptyable_widget_still_starts_empty() -> None:
    at = app('t = st.time_input("Alarm", None, required=True)\nst.write(repr(t))')
    assert at.time_input[0].props["required"] is True and at.time_input[0].props["clearable"] is False
    assert at.markdown.values == ["None"]
    at = app('t = st.time_input("Alarm", required=True)')
    send(at, {at.time_input[0].id: None})
    assert len(bad_values(at)) == 1


def test_session_state_sets_the_value_and_a_change_runs_on_change() -> None:
    at = app(
        PRELUDE + "def changed():\n"
        '    st.session_state.log = f"now {st.session_state.alarm}"\n'
        'if "alarm" not in st.session_state:\n'
        "    st.session_state.alarm = time(6, 30)\n"
        't = st.time_input("Alarm", key="alarm", on_change=changed)\n'
        'st.write(t, st.session_state.get("log", "-"))'
    )
    assert at.markdown.rendered_texts == ["06:30:00 -"]
    at.time_input(key="alarm").set_value(datetime(2024, 1, 1, 7, 15)).run()
    assert at.markdown.rendered_texts == ["07:15:00 now 07:15:00"]
    assert at.session_state["alarm"] == time(7, 15)


def test_compatibility_parameters_are_accepted() -> None:
    at = app(
        PRELUDE + 't = st.sidebar.time_input("Alarm", time(8, 0), "t", "when?", "ignore", None, None, disabled=True,\n'
        '    required=False, label_visibility="collapsed", step=300, format="12h", width=120, bind="query-params",\n'
        '    persist_state="session")\n'
        "st.write(t)"
    )
    widget = at.sidebar.time_input[0]
    assert widget.value == time(8, 0) and widget.disabled and widget.help == "when?"
    assert widget.props["format"] == "12h" and widget.props["step"] == 300
    assert at.markdown.rendered_texts == ["08:00:00"]


def test_in_a_form_the_time_arrives_with_the_submit() -> None:
    at = app(
        PRELUDE + 'with st.form("f"):\n'
        '    t = st.time_input("Alarm", time(8, 0))\n'
        '    st.form_submit_button("Save")\n'
        "st.write(t)"
    )
    at.time_input[0].set_value(time(9, 15))
    at.button[0].click().run()
    assert at.markdown.rendered_texts == ["09:15:00"]


def test_the_signature_is_streamlits() -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = [(p["name"], p["kind"], p["default"]) for p in reference["names"]["st.time_input"]["params"]]
    kinds = {"POSITIONAL_OR_KEYWORD": "either", "KEYWORD_ONLY": "keyword"}
    got = [
        (p.name, kinds[p.kind.name], None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(porch.time_input).parameters.values()
    ]
    assert got == expected


@pytest.mark.browser
def test_a_person_sets_a_time_in_chromium(context: Any) -> None:
    source = (
        "from datetime import time\n"
        't = st.time_input("Meeting", time(9, 0), step=300)\n'
        'st.write(f"meeting at {t}")\n'
        'r = st.time_input("Reminder", None, required=True)\n'
        'st.write(f"reminder {r}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("meeting at 09:00:00")).to_be_visible()
        meeting = page.get_by_label("Meeting", exact=True)
        expect(meeting).to_have_attribute("type", "time")
        expect(meeting).to_have_attribute("step", "300")
        expect(meeting).to_have_value("09:00")
        meeting.fill("14:35")  # sent after a pause, without leaving the field
        expect(page.get_by_text("meeting at 14:35:00")).to_be_visible()

        reminder = page.get_by_label("Reminder", exact=True)
        expect(reminder).to_have_value("")
        expect(reminder).to_have_attribute("required", "")
        expect(reminder).not_to_have_attribute("aria-invalid", "true")  # required, but untouched yet
        reminder.fill("07:05")
        reminder.press("Enter")
        expect(page.get_by_text("reminder 07:05:00")).to_be_visible()
        expect(reminder).not_to_have_attribute("aria-invalid", "true")
        # Emptying a required time is not sent: the field stays empty and marked, the script keeps 07:05.
        reminder.fill("")
        meeting.focus()
        expect(reminder).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_text("reminder 07:05:00")).to_be_visible()
