"""``on_change="ignore"``: a widget's change stays in the page, without a rerun, and reaches the script with the next
rerun something else asks for (a click, another widget's change), as in Streamlit 1.67. One mechanism for every
widget: the server marks the widget (``ignore_rerun``, core/elements/_place.py), the client holds its value
(webui/widget.js ``commit``) and every rerun the page sends carries what is held (``withHeld``)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app

IGNORING = [
    'st.date_input("D", on_change="ignore")',
    'st.time_input("T", on_change="ignore")',
    'st.datetime_input("DT", on_change="ignore")',
    'st.feedback(on_change="ignore")',
    'st.pills("P", ["a", "b"], on_change="ignore")',
    'st.segmented_control("S", ["a", "b"], on_change="ignore")',
    'st.pagination(5, on_change="ignore")',
    'st.color_picker("C", on_change="ignore")',
    'st.file_uploader("F", on_change="ignore")',
    'st.camera_input("Cam", on_change="ignore")',
    'st.audio_input("A", on_change="ignore")',
    'st.checkbox("B", on_change="ignore")',
    'st.slider("N", on_change="ignore")',
]


@pytest.mark.parametrize("call", IGNORING)
def test_each_widget_with_on_change_ignore_is_marked_for_the_client(call: str) -> None:
    at = app(call)
    assert not at.exception, at.exception
    (element,) = [e for e in at.main.children if e.props.get("ignore_rerun") is not None]
    assert element.props["ignore_rerun"] is True
    rerun = app(call.replace('on_change="ignore"', 'on_change="rerun"'))
    assert [e.props["ignore_rerun"] for e in rerun.main.children] == [False]


def test_the_script_sees_an_ignored_change_in_the_run_the_client_sends_it_with() -> None:
    at = app(
        'st.session_state.runs = st.session_state.get("runs", 0) + 1\n'
        'p = st.pills("Size", ["S", "M", "L"], on_change="ignore", key="p")\n'
        'st.write(f"runs {st.session_state.runs}: {p}")'
    )
    at.pills(key="p").set_value("M").run()  # AppTest's run: the rerun the page sends, carrying the held value
    assert at.markdown.values == ["runs 2: M"]


SOURCE = """import porch as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
size = st.pills("Size", ["S", "M", "L"], on_change="ignore")
colour = st.color_picker("Colour", "#000000", on_change="ignore")
day = st.date_input("Day", "2024-01-01", on_change="ignore")
more = st.checkbox("More")
st.button("Go")
st.write(f"runs {st.session_state.runs}: size {size}, colour {colour}, day {day}, more {more}")
"""


@pytest.mark.browser
def test_a_person_changes_ignoring_widgets_and_the_next_rerun_brings_them(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("runs 1: size None, colour #000000, day 2024-01-01, more False")).to_be_visible()
        page.get_by_role("button", name="M", exact=True).click()
        expect(page.get_by_role("button", name="M", exact=True)).to_have_attribute("aria-pressed", "true")
        page.get_by_label("Colour").fill("#ff8800")
        day = page.get_by_label("Day")
        day.fill("2024-05-17")
        day.press("Enter")
        # None of the three asked for a rerun: the click on Go is the second run, and it carries all three.
        page.get_by_role("button", name="Go").click()
        expect(page.get_by_text("runs 2: size M, colour #ff8800, day 2024-05-17, more False")).to_be_visible()
        # Another widget's change carries a held change too; the page kept what the user chose meanwhile.
        page.get_by_role("button", name="L").click()
        expect(page.get_by_role("button", name="L")).to_have_attribute("aria-pressed", "true")
        page.get_by_text("More", exact=True).click()
        expect(page.get_by_text("runs 3: size L, colour #ff8800, day 2024-05-17, more True")).to_be_visible()
        expect(page.get_by_label("Colour")).to_have_value("#ff8800")
        expect(page.get_by_label("Day")).to_have_value("2024-05-17")


MORE = """import porch as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
at = st.time_input("At", "08:00", on_change="ignore")
mood = st.feedback("thumbs", on_change="ignore")
page = st.pagination(5, on_change="ignore")
view = st.segmented_control("View", ["Day", "Week"], default="Day", on_change="ignore")
st.button("Go")
st.write(f"runs {st.session_state.runs}: at {at}, mood {mood}, page {page}, view {view}")
"""


@pytest.mark.browser
def test_time_feedback_pagination_and_segments_hold_their_changes_too(context: Any) -> None:
    with running_engine(MORE) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("runs 1: at 08:00:00, mood None, page 1, view Day")).to_be_visible()
        at = page.get_by_label("At", exact=True)
        at.fill("09:30")
        at.press("Enter")
        page.get_by_role("radio", name="Thumbs up").click()
        expect(page.get_by_role("radio", name="Thumbs up")).to_have_attribute("aria-checked", "true")
        page.get_by_role("button", name="Next page").click()
        page.get_by_role("button", name="Week").click()
        expect(page.get_by_role("button", name="Week")).to_have_attribute("aria-pressed", "true")
        page.get_by_role("button", name="Go").click()
        expect(page.get_by_text("runs 2: at 09:30:00, mood 1, page 2, view Week")).to_be_visible()
