"""``data_editor``'s remaining columns and its sort, as Streamlit 1.67's.

Streamlit's client makes a NumberColumn of a duration column (``getColumnTypeFromArrow``: durations with the
numbers), edited as its number of seconds, which ``_parse_value`` reads back with ``pd.Timedelta(value, unit="s")``;
dicts (JSON), bytes and objects of mixed types are ObjectColumns (or a JsonColumn) there, whose ``isEditableType`` is
false: read-only. Its sort (glide's ``useColumnSort``) orders the cells as the grid shows them, edits applied, over
the rows that are left; the order is made when a sort is picked and when the number of rows changes, so an edited row
stays in place until then, and a deleted row leaves the sorted view at once (checked in Chromium against Streamlit
1.67 in benchmarks/.peers-venv; not part of CI).

AppTest checks the script's result, what the codec refuses and the rows the server sends for a sorted view (the
``rows`` request the page makes); Chromium edits a duration and deletes and edits in a sorted view as a person would.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import expect

from browser_checks import cell, column_cells
from engine_harness import running_engine
from porch.protocol import Rows
from porch.testing import AppTest
from support import app, bad_values, send

FRAME = (
    "import datetime, pandas as pd\n"
    "df = pd.DataFrame({'n': [3, 1, 2, 5], 'wait': pd.to_timedelta([60, 3600, 1, 86400], unit='s'),"
    " 'raw': [b'x', b'y', b'z', b'w'], 'meta': [{'a': 1}, {'a': 2}, {'a': 3}, {'a': 4}],"
    " 'mixed': [1, 'two', 3.0, None]})\n"
)


def editor(num_rows: str = "delete") -> AppTest:
    return app(FRAME + f"out = st.data_editor(df, key='ed', num_rows={num_rows!r})\nst.session_state['out'] = out\n")


def out(at: AppTest) -> Any:
    assert not at.exception, at.exception
    return at.session_state["out"]


def sorted_rows(at: AppTest, column: int, descending: bool = False) -> dict[str, Any]:
    """The rows the server sends for the editor sorted by shown ``column``, as the page asks for them."""
    seen = len(at.messages)
    at.send(Rows(id=str(at.data_editor[0].props["data"]), start=0, count=50, sort=((column, descending),)))
    replies = [m for m in at.messages[seen:] if m["type"] in ("rows", "error")]
    assert replies and replies[-1]["type"] == "rows", replies
    reply: dict[str, Any] = replies[-1]
    return reply


# ---------------------------------------------------------------------------------------------------------------
# The columns: durations edit as seconds; JSON, bytes and mixed objects stay read-only.
# ---------------------------------------------------------------------------------------------------------------


def test_a_duration_edits_as_seconds_and_json_bytes_and_mixed_objects_are_read_only() -> None:
    at = editor()
    inputs = {e["name"]: e["input"] for e in at.data_editor[0].props["editing"]}
    assert inputs == {"_index": None, "n": "number", "wait": "number", "raw": None, "meta": None, "mixed": None}
    at.data_editor[0].set_value({"edited_rows": {0: {"wait": 90.5}, 2: {"wait": -1}}}).run()
    assert out(at)["wait"].tolist() == [pd.Timedelta(seconds=90.5), pd.Timedelta(hours=1), pd.Timedelta(seconds=-1),
                                       pd.Timedelta(days=1)]
    assert str(out(at)["wait"].dtype).startswith("timedelta64")


def test_python_durations_come_back_as_timedeltas() -> None:
    at = app("import datetime\nout = st.data_editor([{'t': datetime.timedelta(minutes=1)}], key='ed')\n"
             "st.session_state['out'] = out\n")
    at.data_editor[0].set_value({"edited_rows": {0: {"t": 3600}}}).run()
    assert out(at) == [{"t": datetime.timedelta(hours=1)}]


@pytest.mark.parametrize(("cells", "reason"), [
    ({"wait": "90"}, "takes a number"),
    ({"wait": 1e300}, "beyond the range of a duration"),
    ({"raw": "b'q'"}, "not an editable column"),
    ({"meta": {"a": 9}}, "not an editable column"),
    ({"mixed": "x"}, "not an editable column"),
])
def test_the_codec_refuses_what_these_columns_do_not_take(cells: dict[str, Any], reason: str) -> None:
    at = editor()
    with pytest.raises(ValueError, match=reason):
        at.data_editor[0].set_value({"edited_rows": {0: cells}})
    send(at, {at.data_editor[0].id: json.dumps({"edited_rows": {"0": cells}, "added_rows": [], "deleted_rows": []})})
    assert bad_values(at)
    assert out(at)["n"].tolist() == [3, 1, 2, 5]


# ---------------------------------------------------------------------------------------------------------------
# The sort: by the values as edited, the deleted rows gone.
# ---------------------------------------------------------------------------------------------------------------


def test_a_sorted_view_orders_the_edited_values_and_leaves_the_deleted_rows_out() -> None:
    at = editor()
    assert sorted_rows(at, 1)["pos"] == [1, 2, 0, 3]  # n: 1, 2, 3, 5
    # An edit while sorted leaves the row where it is, as Streamlit's (its order is made when a sort is picked)...
    at.data_editor[0].set_value({"edited_rows": {1: {"n": 10}}}).run()
    assert sorted_rows(at, 1)["pos"] == [1, 2, 0, 3]
    # ... and a sort picked then orders the values as edited.
    assert sorted_rows(at, 1, descending=True)["pos"] == [1, 3, 0, 2]  # n: 10, 5, 3, 2
    assert sorted_rows(at, 1)["pos"] == [2, 0, 3, 1]
    # A deletion makes the order again, without the deleted row (Streamlit's sort follows the number of rows).
    at.data_editor[0].set_value({"edited_rows": {1: {"n": 10}, 3: {"wait": 0.5}}, "deleted_rows": [2]}).run()
    assert at.data_editor[0].props["sort_left_out"] == 1
    reply = sorted_rows(at, 1)
    assert reply["pos"] == [0, 3, 1] and reply["total"] == 4  # n as edited: 3, 5, 10; row 2 deleted
    assert [row[1] for row in reply["cells"]] == [3, 5, 1]  # the data's cells: the page shows its edits over them
    assert sorted_rows(at, 2, descending=True)["pos"] == [1, 0, 3]  # wait: 1 h, 60 s, and row 3's edited to 0.5 s
    at.data_editor[0].set_value({"edited_rows": {}, "deleted_rows": []}).run()  # the edits undone: the data's order
    assert at.data_editor[0].props.get("sort_left_out", 0) == 0
    assert sorted_rows(at, 1)["pos"] == [1, 2, 0, 3]


def test_a_sort_by_an_unedited_column_keeps_the_frames_own_sort_without_the_deleted_rows() -> None:
    at = app("import pandas as pd\ndf = pd.DataFrame({'n': range(2000, 0, -1), 'm': range(2000)})\n"
             "st.data_editor(df, key='ed', num_rows='delete')\n")
    at.data_editor[0].set_value({"edited_rows": {5: {"m": -1}}, "deleted_rows": list(range(0, 2000, 2))}).run()
    reply = sorted_rows(at, 1)
    assert reply["pos"][:3] == [1999, 1997, 1995] and len(set(reply["pos"])) == 50
    assert all(p % 2 == 1 for p in reply["pos"])


# ---------------------------------------------------------------------------------------------------------------
# In the page.
# ---------------------------------------------------------------------------------------------------------------


PAGE = (
    "import porch as st\nimport pandas as pd\n"
    "df = pd.DataFrame({'name': ['a', 'b', 'c', 'd'], 'n': [3, 1, 2, 5],"
    " 'wait': pd.to_timedelta([60, 3600, 1, 86400], unit='s')})\n"
    "out = st.data_editor(df, key='ed', num_rows='delete')\n"
    "st.write(f\"names {out['name'].tolist()} n {out['n'].tolist()} wait {[str(w) for w in out['wait']]}\")\n"
)


@pytest.mark.browser
def test_a_person_edits_a_duration_in_seconds(context: Any) -> None:
    with running_engine(PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid", name="Data editor")
        # Durations show in words, as Streamlit's (moment's humanize: tests/test_data_editor_durations.py).
        cell(grid, "a minute").click()
        page.keyboard.press("Enter")
        field = grid.get_by_role("textbox", name="Edit wait, row 1")
        expect(field).to_have_value("60")  # its seconds, as Streamlit's number field shows a duration
        field.fill("90.5")
        page.keyboard.press("Enter")
        expect(page.get_by_text("wait ['0 days 00:01:30.500000', '0 days 01:00:00'")).to_be_visible()
        expect(cell(grid, "2 minutes")).to_be_visible()


@pytest.mark.browser
def test_a_person_deletes_and_edits_in_a_sorted_view(context: Any) -> None:
    with running_engine(PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid", name="Data editor")
        expect(page.get_by_text("names ['a', 'b', 'c', 'd']")).to_be_visible()
        header = grid.get_by_role("columnheader", name="n", exact=True)
        header.get_by_role("button").first.click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        rows = grid.get_by_role("row").filter(has=page.get_by_role("gridcell"))
        names = column_cells(grid, 1)  # the name column (the index is column 0)
        expect(rows).to_have_count(4)
        expect(names).to_have_text(["b", "c", "a", "d"])
        expect(cell(grid, "b")).to_be_visible()
        # The first row shown (n is 1, "b") deleted: it leaves the sorted view, which goes on in order.
        grid.get_by_role("checkbox", name="Select row 1").check()
        page.get_by_role("button", name="Delete row").click()
        expect(page.get_by_text("names ['a', 'c', 'd']")).to_be_visible()
        expect(rows).to_have_count(3)
        expect(grid.locator(".de-deleted")).to_have_count(0)
        expect(names).to_have_text(["c", "a", "d"])  # n: 2, 3, 5
        # "c" edited to 9: it stays where it is, as in Streamlit; the sort picked again orders the edited value.
        rows.first.locator(".df-cell[data-column='2']").click()
        page.keyboard.press("Enter")
        grid.get_by_role("textbox", name="Edit n, row 1").fill("9")
        page.keyboard.press("Enter")
        expect(page.get_by_text("n [3, 9, 5]")).to_be_visible()
        expect(rows.first.locator(".df-cell[data-column='2']")).to_have_text("9")
        expect(names).to_have_text(["c", "a", "d"])
        header.get_by_role("button").first.click()
        expect(header).to_have_attribute("aria-sort", "descending")
        expect(names).to_have_text(["c", "d", "a"])  # n: 9, 5, 3


@pytest.mark.parametrize("data", [
    "pd.DataFrame({'n': [3, 1, 2, 5]})",
    "pl.DataFrame({'n': [3, 1, 2, 5]})",
    "pa.table({'n': [3, 1, 2, 5]})",
    "np.array([3, 1, 2, 5])",
    "[{'n': 3}, {'n': 1}, {'n': 2}, {'n': 5}]",
    "{'n': [3.0, 1.0, 2.0, 5.0]}",
])
def test_every_kind_of_data_sorts_as_edited(data: str) -> None:
    at = app(f"import numpy as np, pandas as pd, polars as pl, pyarrow as pa\n"
             f"st.data_editor({data}, key='ed', num_rows='delete')\n")
    editor = at.data_editor[0]
    column = next(j for j, e in enumerate(editor.props["editing"]) if e["input"] == "number")
    name = editor.props["editing"][column]["name"]
    editor.set_value({"edited_rows": {0: {name: 0}}, "deleted_rows": [3]}).run()
    assert sorted_rows(at, column)["pos"] == [0, 1, 2]  # n as edited: 0, 1, 2; row 3 deleted
    assert sorted_rows(at, column, descending=True)["pos"] == [2, 1, 0]
