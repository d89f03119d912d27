"""Durations in tables show as Streamlit 1.67's (its arrowFormatUtils: one formatter for st.dataframe, st.data_editor
and st.table; here ``webui/durations.js``, used by ``cells.js``): in words by default, as moment's ``humanize``, for a
plain duration column, a NumberColumn and a TextColumn over one; a NumberColumn's "compact" as a clock, "localized"
as the browser's Intl.DurationFormat, "duration" over any number of seconds, other formats over the seconds. A copy
takes a duration's seconds, as Streamlit's does, and an editor's cell edits and pastes them.

The expected texts were read from Streamlit 1.67 in Chromium (benchmarks/.peers-venv, the same frames; not part of
CI)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser_checks import allow_clipboard, column_cells, copied, copy_cells
from engine_harness import running_engine

WAITS = '["1min", "90s", "1 day", "2h30min", "1.5s", "-5min", "400 days", "336h", "0s", "1us", "61.25s", "45s"]'
NUMBER = re.compile(r"\bdf-number\b")
FORMATS = ["duration", "compact", "localized", "plain", "%.1f"]

PAGE = f"""import datetime
import pandas as pd
import porch as st
d = pd.to_timedelta({WAITS})
df = pd.DataFrame({{"d": d, "n": d, "t": d, **{{f: d for f in {FORMATS!r}}}}})
config = {{"n": st.column_config.NumberColumn(), "t": st.column_config.TextColumn(),
          **{{f: st.column_config.NumberColumn(format=f) for f in {FORMATS!r}}}}}
st.dataframe(df, column_config=config, key="view", height=500)
pairs = [(60, datetime.timedelta(minutes=1)), (90.5, datetime.timedelta(days=2)),
         (-3600, datetime.timedelta(seconds=-1))]
st.dataframe([{{"secs": s, "py": p}} for s, p in pairs],
             column_config={{"secs": st.column_config.NumberColumn(format="duration")}})
st.table(pd.DataFrame({{"d": d[:4]}}))
out = st.data_editor(df[["d", "n"]], column_config={{"n": st.column_config.NumberColumn()}}, key="ed", height=500)
st.write(f"edited {{[str(w) for w in out['d'][:2]]}}")
"""

IN_WORDS = ["a minute", "2 minutes", "a day", "3 hours", "a few seconds", "-5 minutes", "a year", "14 days",
            "a few seconds", "a few seconds", "a minute", "a minute"]
SHOWN = {
    "duration": IN_WORDS,
    "compact": ["00:01:00", "00:01:30", "24:00:00", "02:30:00", "00:00:01.5", "-00:05:00", "9600:00:00", "336:00:00",
                "00:00:00", "00:00:00.000001", "00:01:01.25", "00:00:45"],
    "localized": ["1 min", "1 min, 30 sec", "1 day", "2 hr, 30 min", "1 sec, 500 ms", "-5 min", "400 days", "14 days",
                  "0 sec", "1 μs", "1 min, 1 sec, 250 ms", "45 sec"],
    "plain": ["60", "90", "86400", "9000", "1.5", "-300", "34560000", "1209600", "0", "0.000001", "61.25", "45"],
    "%.1f": ["60.0", "90.0", "86400.0", "9000.0", "1.5", "-300.0", "34560000.0", "1209600.0", "0.0", "0.0", "61.3",
             "45.0"],
}


@pytest.mark.browser
def test_durations_show_as_streamlits_in_a_dataframe_a_table_and_an_editor(context: Any) -> None:
    with running_engine(PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        view = page.get_by_role("grid").first
        expect(column_cells(view, 1)).to_have_text(IN_WORDS)  # a plain duration column
        expect(column_cells(view, 2)).to_have_text(IN_WORDS)  # a NumberColumn over it
        expect(column_cells(view, 3)).to_have_text(IN_WORDS)  # a TextColumn over it
        for k, name in enumerate(FORMATS):
            expect(column_cells(view, 4 + k)).to_have_text(SHOWN[name])
        # In words they line up on the left, as text; as numbers (a clock, seconds) on the right.
        expect(column_cells(view, 2).first).not_to_have_class(NUMBER)
        expect(column_cells(view, 5).first).to_have_class(NUMBER)
        # "duration" over seconds, and Python's durations (a negative one's minus before its words).
        python = page.get_by_role("grid").nth(1)
        expect(column_cells(python, 1)).to_have_text(["a minute", "2 minutes", "-an hour"])
        expect(column_cells(python, 2)).to_have_text(["a minute", "2 days", "-a few seconds"])
        expect(page.locator(".tbl td")).to_have_text(IN_WORDS[:4])
        editor = page.get_by_role("grid", name="Data editor")
        expect(column_cells(editor, 1)).to_have_text(IN_WORDS)
        expect(column_cells(editor, 2)).to_have_text(IN_WORDS)


@pytest.mark.browser
def test_a_copy_takes_a_durations_seconds_and_an_edit_shows_in_words(context: Any) -> None:
    with running_engine(PAGE) as server:
        page = allow_clipboard(context).new_page()
        page.goto(server.url)
        # A copy of the dataframe's cells gives their seconds, as Streamlit's (its copy and CSV take the numbers).
        view = page.get_by_role("grid").first
        expect(column_cells(view, 1)).to_have_text(IN_WORDS)
        column_cells(view, 1).nth(1).click()
        copy_cells(page)
        assert copied(page, "90") == "90"
        # The editor's field holds the seconds; the edit shows in words, and a paste of seconds edits a duration.
        editor = page.get_by_role("grid", name="Data editor")
        column_cells(editor, 1).first.dblclick()
        field = editor.get_by_role("textbox", name="Edit d, row 1")
        expect(field).to_have_value("60")
        field.fill("7200")
        page.keyboard.press("Enter")
        expect(page.get_by_text("edited ['0 days 02:00:00', '0 days 00:01:30']")).to_be_visible()
        expect(column_cells(editor, 1).first).to_have_text("2 hours")
        page.keyboard.press("ArrowUp")
        copy_cells(page)
        assert copied(page, "7200") == "7200"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Control+v")
        expect(page.get_by_text("edited ['0 days 02:00:00', '0 days 02:00:00']")).to_be_visible()
        expect(column_cells(editor, 1)).to_have_text(["2 hours", "2 hours", *IN_WORDS[2:]])


@pytest.mark.browser
def test_the_csv_download_writes_durations_as_seconds(context: Any, tmp_path: Path) -> None:
    """Streamlit 1.67's CSV of a duration column (Chromium, its fallback download): ``\\ufeff,d\\n0,60\\n1,90.5\\n``."""
    source = ("import pandas as pd\nimport porch as st\n"
              "st.dataframe(pd.DataFrame({'d': pd.to_timedelta(['1min', '90.5s'])}))\n")
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid")
        expect(column_cells(grid, 1)).to_have_text(["a minute", "2 minutes"])
        grid.hover()
        with page.expect_download() as caught:
            page.get_by_role("button", name="Download as CSV").click()
        target = tmp_path / "export.csv"
        caught.value.save_as(target)
        assert target.read_text(encoding="utf-8") == "\ufeff,d\n0,60\n1,90.5\n"
