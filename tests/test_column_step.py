"""column_config ``step``, as Streamlit 1.67 has it: the precision of a NumberColumn's and a ProgressColumn's numbers
(shown with its decimals; entered numbers rounded to it in ``data_editor``), and the picker's interval of Date (days),
Time and Datetime (seconds) columns in ``data_editor``."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app


def test_the_step_travels_in_the_columns_config_a_timedelta_as_seconds() -> None:
    at = app(
        "import datetime, pandas as pd\n"
        "df = pd.DataFrame({'n': [1.5], 't': [datetime.time(8)], 'd': [datetime.date(2024, 1, 1)]})\n"
        "st.data_editor(df, column_config={\n"
        "    'n': st.column_config.NumberColumn(step=0.01),\n"
        "    't': st.column_config.TimeColumn(step=datetime.timedelta(minutes=15)),\n"
        "    'd': st.column_config.DateColumn(step=7),\n"
        "})"
    )
    assert not at.exception, at.exception
    config = {c["label"]: c["config"] for c in at.data_editor[0].props["columns"] if not c["index"]}
    assert config["n"]["step"] == 0.01 and config["t"]["step"] == 900.0 and config["d"]["step"] == 7
    assert datetime.timedelta(minutes=15).total_seconds() == 900.0


SOURCE = """import datetime
import pandas as pd
import porch as st
df = pd.DataFrame({
    "price": [1.5, 2.0, 3.14159],
    "done": [0.25, 0.5, 0.875],
    "at": [datetime.time(8, 0)] * 3,
    "day": [datetime.date(2024, 1, 1)] * 3,
})
config = {
    "price": st.column_config.NumberColumn("price", step=0.01),
    "done": st.column_config.ProgressColumn("done"),
    "at": st.column_config.TimeColumn("at", step=900),
    "day": st.column_config.DateColumn("day", step=7),
}
st.dataframe(df, column_config=config, key="view")
edited = st.data_editor(df, column_config=config, key="ed")
st.write(f"first price {float(edited['price'][0])}")
"""


@pytest.mark.browser
def test_numbers_show_the_steps_decimals_and_entries_are_rounded_to_it(context: Any) -> None:
    with running_engine(SOURCE) as server:
        page = context.new_page()
        page.goto(server.url)
        view = page.get_by_role("grid").first
        # NumberColumn(step=0.01): two decimals for every value, 2.0 and 3.14159 alike.
        for shown in ("1.50", "2.00", "3.14"):
            expect(view.get_by_role("gridcell", name=shown, exact=True)).to_be_visible()
        # ProgressColumn of floats: Streamlit's default step 0.01, two decimals.
        expect(view.locator(".cell-progress-text")).to_have_text(["0.25", "0.50", "0.88"])
        grid = page.get_by_role("grid", name="Data editor")
        expect(page.get_by_text("first price 1.5")).to_be_visible()
        grid.get_by_role("gridcell", name="1.50").click()
        page.keyboard.type("2.3456")
        page.keyboard.press("Enter")
        expect(page.get_by_text("first price 2.35")).to_be_visible()
        # Time and date pickers step by the column's step: 900 seconds, 7 days.
        # A step of a minute or more shows hours and minutes, as Streamlit's "HH:mm".
        grid.get_by_role("gridcell", name="08:00", exact=True).first.dblclick()
        expect(grid.get_by_label("Edit at, row 1")).to_have_attribute("step", "900")
        page.keyboard.press("Escape")
        grid.get_by_role("gridcell", name="2024-01-01").first.dblclick()
        expect(grid.get_by_label("Edit day, row 1")).to_have_attribute("step", "7")
