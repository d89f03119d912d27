"""``date_input``: st.date_input, one date or a range, its bounds and formats, and the wire values it refuses.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

import inspect
import json
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from support import REPO, app, bad_values, send

PRELUDE = "from datetime import date, datetime\n"


def ten_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def test_the_default_is_today_within_ten_years_either_side() -> None:
    at = app('d = st.date_input("Day")\nst.write(repr(d))')
    today = date.today()
    widget = at.date_input[0]
    assert widget.value == today
    assert widget.props["value"] == today.isoformat()
    assert widget.props["min"] == ten_years(today, -10).isoformat()
    assert widget.props["max"] == ten_years(today, 10).isoformat()
    assert (widget.props["format"], widget.props["range"], widget.props["clearable"]) == ("YYYY/MM/DD", False, False)
    assert at.markdown.values == [repr(today)]


@pytest.mark.parametrize(
    "given", ["date(2024, 5, 17)", "datetime(2024, 5, 17, 21, 15)", "'2024-05-17'", "'2024-05-17T08:00:00'"]
)
def test_a_date_a_datetime_or_an_iso_string_starts_it(given: str) -> None:
    at = app(PRELUDE + f'd = st.date_input("Day", {given})\nst.write(repr(d))')
    assert at.date_input[0].value == date(2024, 5, 17)
    assert at.markdown.values == ["datetime.date(2024, 5, 17)"]
    assert at.date_input[0].props["min"] == "2014-05-17" and at.date_input[0].props["max"] == "2034-05-17"


def test_a_picked_date_reaches_the_script() -> None:
    at = app(PRELUDE + 'd = st.date_input("Day", date(2024, 5, 17))\nst.write(d.isoformat())')
    at.date_input[0].set_value(date(2024, 6, 1)).run()
    assert at.markdown.values == ["2024-06-01"]
    assert at.date_input[0].props["value"] == "2024-06-01"
    send(at, {at.date_input[0].id: "2025-01-31"})
    assert at.markdown.values == ["2025-01-31"]
    assert bad_values(at) == []


def test_value_none_starts_empty_and_may_be_emptied_again() -> None:
    at = app('d = st.date_input("Day", None)\nst.write(repr(d))')
    assert at.date_input[0].value is None and at.date_input[0].props["value"] is None
    assert at.date_input[0].props["clearable"] is True
    assert at.markdown.values == ["None"]
    at.date_input[0].set_value(date.today()).run()
    assert at.markdown.values == [repr(date.today())]
    send(at, {at.date_input[0].id: None})
    assert at.markdown.values == ["None"]
    assert bad_values(at) == []


def test_a_list_makes_a_range_returned_as_a_tuple() -> None:
    at = app(PRELUDE + 'r = st.date_input("Trip", [date(2024, 7, 1), "2024-07-14"])\nst.write(repr(r))')
    widget = at.date_input[0]
    assert widget.props["range"] is True and widget.props["value"] == ["2024-07-01", "2024-07-14"]
    assert widget.value == (date(2024, 7, 1), date(2024, 7, 14))
    assert widget.props["min"] == "2014-07-01" and widget.props["max"] == "2034-07-14"
    widget.set_value((date(2024, 8, 2), date(2024, 8, 1))).run()
    assert at.markdown.values == [repr((date(2024, 8, 1), date(2024, 8, 2)))]
    send(at, {at.date_input[0].id: ["2024-09-01"]})
    assert at.markdown.values == [repr((date(2024, 9, 1),))]


def test_an_empty_range_returns_an_empty_tuple_and_may_be_emptied_again() -> None:
    at = app('r = st.date_input("Trip", [])\nst.write(repr(r))')
    assert at.date_input[0].value == () and at.date_input[0].props["value"] == []
    assert at.date_input[0].props["clearable"] is True
    assert at.markdown.values == ["()"]
    send(at, {at.date_input[0].id: ["2024-01-02", "2024-01-01"]})
    assert at.markdown.values == [repr((date(2024, 1, 1), date(2024, 1, 2)))]
    send(at, {at.date_input[0].id: []})
    assert at.markdown.values == ["()"]


def test_explicit_bounds_and_today_clamped_into_them() -> None:
    at = app(PRELUDE + 'd = st.date_input("Day", min_value=date(2000, 1, 1), max_value="2000-12-31")\nst.write(d)')
    assert at.date_input[0].value == date(2000, 12, 31)
    assert (at.date_input[0].props["min"], at.date_input[0].props["max"]) == ("2000-01-01", "2000-12-31")
    at = app(PRELUDE + 'd = st.date_input("Day", min_value=date(2999, 1, 1), max_value=date(3000, 1, 1))')
    assert at.date_input[0].value == date(2999, 1, 1)


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.date_input("Day", date(1999, 1, 1), min_value=date(2000, 1, 1))', "must lie between"),
        ('st.date_input("Day", min_value=date(2001, 1, 1), max_value=date(2000, 1, 1))', "later than"),
        ('st.date_input("Day", [date(2000, 1, 1)] * 3)', "0 to 2 dates"),
        ('st.date_input("Day", "next tuesday")', "ISO date string"),
        ('st.date_input("Day", 20240517)', "must be a date"),
        ('st.date_input("Day", min_value=5)', "min_value must be"),
        ('st.date_input("Day", format="YYYY/MM")', "format 'YYYY/MM' is not valid"),
        ('st.date_input("Day", format="DD MM YYYY")', "is not valid"),
        ('st.date_input("Day", on_change="later")', "on_change must be"),
    ],
)
def test_bad_arguments_are_clear_errors_naming_the_call(call: str, message: str) -> None:
    at = app(PRELUDE + call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "date_input('Day')" in at.exception[0].message and message in at.exception[0].message


@pytest.mark.parametrize("format", ["YYYY/MM/DD", "YYYY-MM-DD", "DD.MM.YYYY", "MM/DD/YYYY", "DD-MM-YYYY"])
def test_the_formats_streamlit_allows(format: str) -> None:
    at = app(f'st.date_input("Day", format={format!r})')
    assert at.date_input[0].props["format"] == format


@pytest.mark.parametrize(
    "wire", ["2024-13-01", "2024-5-17", "17/05/2024", "2030-01-01", "1999-12-31", 20240517, ["2024-05-17"], True]
)
def test_a_single_date_refuses_bad_wire_values(wire: Any) -> None:
    at = app(PRELUDE + 'd = st.date_input("Day", date(2024, 5, 17), max_value=date(2029, 1, 1))\nst.write(d)')
    send(at, {at.date_input[0].id: wire})
    assert at.date_input[0].value == date(2024, 5, 17)
    assert at.markdown.rendered_texts == ["2024-05-17"]
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize(
    "wire", [["2024-05-17"] * 3, ["2024-05-17", "bad"], "2024-05-17", None, ["2000-01-01"], [20240517]]
)
def test_a_range_refuses_bad_wire_values(wire: Any) -> None:
    at = app(PRELUDE + 'r = st.date_input("Trip", (date(2024, 5, 17),))\nst.write(repr(r))')
    send(at, {at.date_input[0].id: wire})
    assert at.date_input[0].value == (date(2024, 5, 17),)
    assert len(bad_values(at)) == 1


def test_an_empty_value_empties_a_date_that_started_with_one_as_streamlits_server_does() -> None:
    at = app(PRELUDE + 'd = st.date_input("Day", date(2024, 5, 17))\nr = st.date_input("Trip", [date(2024, 5, 17)])\n'
             'st.write(repr((d, r)))')
    send(at, {at.date_input[0].id: None, at.date_input[1].id: []})
    assert at.markdown.values == ["(None, ())"] and not bad_values(at)
    at.date_input[0].set_value(date(2024, 5, 18)).run()
    at.date_input[0].set_value(None).run()
    at.date_input[1].set_value(None).run()
    assert at.markdown.values == ["(None, ())"]


def test_required_marks_the_field_and_an_emptyable_widget_still_starts_empty() -> None:
    at = app('d = st.date_input("Day", None, required=True)\nst.write(repr(d))')
    assert at.date_input[0].props["required"] is True and at.date_input[0].props["clearable"] is False
    assert at.markdown.values == ["None"]
    at.date_input[0].set_value(date.today()).run()
    assert at.markdown.values == [repr(date.today())]
    at = app('d = st.date_input("Day", required=True)')
    send(at, {at.date_input[0].id: None})
    assert len(bad_values(at)) == 1


def test_session_state_sets_the_value_and_a_change_runs_on_change() -> None:
    at = app(
        PRELUDE + "def changed():\n"
        '    st.session_state.log = f"now {st.session_state.day}"\n'
        'if "day" not in st.session_state:\n'
        "    st.session_state.day = date(2020, 2, 29)\n"
        'd = st.date_input("Day", key="day", on_change=changed)\n'
        'st.write(d.isoformat(), st.session_state.get("log", "-"))'
    )
    assert at.markdown.values == ["2020-02-29 -"]
    at.date_input(key="day").set_value(date(2021, 3, 1)).run()
    assert at.markdown.values == ["2021-03-01 now 2021-03-01"]
    assert at.session_state["day"] == date(2021, 3, 1)


def test_a_value_beside_a_session_state_value_warns_but_none_does_not(caplog: pytest.LogCaptureFixture) -> None:
    at = app(PRELUDE + 'st.session_state.d = date(2024, 1, 1)\nst.write(st.date_input("Day", "2024-02-02", key="d"))')
    assert at.markdown.rendered_texts == ["2024-01-01"] and not at.warning
    assert len([r for r in caplog.records if r.name == "porch.widgets"]) == 1  # logged, as Streamlit's
    caplog.clear()
    at = app(PRELUDE + 'st.session_state.d = date(2024, 1, 1)\nst.write(st.date_input("Day", None, key="d"))')
    assert at.markdown.rendered_texts == ["2024-01-01"] and not at.warning
    assert not [r for r in caplog.records if r.name == "porch.widgets"]


def test_a_session_state_date_beyond_the_default_bounds_is_taken_as_streamlits() -> None:
    """Bounds the script did not give widen to the session_state date (Streamlit checks none)."""
    for value in ("None", '"today"', "[]"):
        held = "(date(1900, 1, 1),)" if value == "[]" else "date(1900, 1, 1)"
        at = app(PRELUDE + f'st.session_state.d = {held}\nst.write(repr(st.date_input("Day", {value}, key="d")))')
        assert not at.exception, value
        assert at.markdown.values[0] in ("datetime.date(1900, 1, 1)", "(datetime.date(1900, 1, 1),)"), value
        assert at.date_input[0].min <= date(1900, 1, 1)


def test_a_session_state_date_beyond_the_scripts_bounds_starts_over_from_its_value() -> None:
    """As Streamlit: silently, and session_state reads the value the widget went back to."""
    at = app(
        PRELUDE + 'if "d" not in st.session_state:\n    st.session_state.d = date(1900, 1, 1)\n'
        'st.write(repr(st.date_input("Day", date(2024, 5, 17), min_value=date(2024, 1, 1), key="d")))'
    )
    assert not at.exception and at.markdown.values == ["datetime.date(2024, 5, 17)"]
    assert at.session_state["d"] == date(2024, 5, 17)
    at = app(PRELUDE + 'st.session_state.d = "soon"\nst.date_input("Day", key="d")')
    assert at.exception[0].props["type"] == "PorchAPIError"  # no date at all: still an error


def test_compatibility_parameters_are_accepted() -> None:
    at = app(
        PRELUDE + 'd = st.sidebar.date_input("Day", date(2024, 1, 2), None, None, "d", "when?", "rerun", None, None,\n'
        '    format="DD.MM.YYYY", disabled=True, required=False, label_visibility="hidden", width=200,\n'
        '    bind="query-params", persist_state="session")\n'
        'st.write(d, st.date_input("Other", on_change="ignore") == date.today())'
    )
    assert at.sidebar.date_input[0].value == date(2024, 1, 2)
    assert at.sidebar.date_input[0].disabled and at.sidebar.date_input[0].help == "when?"
    assert at.markdown.rendered_texts == ["2024-01-02 True"]


def test_in_a_form_the_date_arrives_with_the_submit() -> None:
    at = app(
        PRELUDE + 'with st.form("f"):\n'
        '    d = st.date_input("Day", date(2024, 1, 1))\n'
        '    st.form_submit_button("Save")\n'
        "st.write(d)"
    )
    assert at.date_input[0].props["form"] == "f"
    at.date_input[0].set_value(date(2024, 2, 2))
    at.button[0].click().run()
    assert at.markdown.rendered_texts == ["2024-02-02"]


def test_bounds_changing_under_the_value_start_it_over() -> None:
    at = app(
        PRELUDE + 'low = st.session_state.get("low", date(2000, 1, 1))\n'
        'd = st.date_input("Day", date(2020, 1, 1), min_value=low)\nst.write(d)'
    )
    at.date_input[0].set_value(date(2010, 1, 1)).run()
    assert at.markdown.rendered_texts == ["2010-01-01"]
    at.session_state["low"] = date(2015, 1, 1)
    at.run()
    assert at.markdown.rendered_texts == ["2020-01-01"]


def test_the_signature_is_streamlits() -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = [(p["name"], p["kind"], p["default"]) for p in reference["names"]["st.date_input"]["params"]]
    kinds = {"POSITIONAL_OR_KEYWORD": "either", "KEYWORD_ONLY": "keyword"}
    got = [
        (p.name, kinds[p.kind.name], None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(porch.date_input).parameters.values()
    ]
    assert got == expected


@pytest.mark.browser
def test_a_person_types_a_date_and_picks_a_range_in_chromium(context: Any) -> None:
    source = (
        "from datetime import date\n"
        'd = st.date_input("Birthday", date(1990, 4, 2), help="For the cake")\n'
        'st.write(f"birthday {d.isoformat()}")\n'
        'r = st.date_input("Holiday", [date(2024, 7, 1), date(2024, 7, 14)], max_value=date(2024, 12, 31))\n'
        'st.write("holiday " + " to ".join(day.isoformat() for day in r))\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("birthday 1990-04-02")).to_be_visible()
        birthday = page.get_by_label("Birthday", exact=True)
        expect(birthday).to_have_attribute("type", "date")
        expect(birthday).to_have_value("1990-04-02")
        expect(birthday).to_have_attribute("min", "1980-04-02")
        birthday.fill("1991-12-24")
        birthday.press("Enter")
        expect(page.get_by_text("birthday 1991-12-24")).to_be_visible()

        start = page.get_by_label("Holiday (start)")
        end = page.get_by_label("Holiday (end)")
        expect(start).to_have_value("2024-07-01")
        expect(end).to_have_value("2024-07-14")
        end.fill("2024-08-03")  # sent after a pause, without leaving the field
        expect(page.get_by_text("holiday 2024-07-01 to 2024-08-03")).to_be_visible()
        # A date past max_value is not sent: leaving the field puts the last value back.
        end.fill("2025-01-05")
        expect(end).to_have_attribute("aria-invalid", "true")
        birthday.focus()
        expect(end).to_have_value("2024-08-03")
        expect(end).not_to_have_attribute("aria-invalid", "true")
        expect(page.get_by_text("holiday 2024-07-01 to 2024-08-03")).to_be_visible()
