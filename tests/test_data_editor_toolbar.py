"""The data_editor's toolbar and column tools, and copying and pasting cells, as Streamlit 1.67's: search and download
read the *edited* view (edits applied, added rows in, deleted rows out) over the whole frame the server holds; the
column menu pins, hides and formats columns, and the keys move between the columns shown, in the order shown;
Ctrl+C copies the selected cells as tab-separated text, in a dataframe and in a data_editor, and Ctrl+V pastes
tab-separated text into a data_editor. Chromium against a real engine, the clipboard read and written as a page may
with the permission granted.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser_checks import (
    FIRST_ROWS_MS, allow_clipboard, cell, copied, copy_cells, opened_grid, paste_at, put_on_clipboard, select_cells,
)
from engine_harness import running_engine

pytestmark = pytest.mark.browser

#: More rows than one walk over the frame reads at once (1,000), more than the page holds at first (100).
ROWS = 1_200

EDITOR = (
    "import porch as st\nimport pandas as pd\n"
    f"df = pd.DataFrame({{'n': range({ROWS}), 'label': [f'item {{i:05d}}' for i in range({ROWS})]}})\n"
    "edited = st.data_editor(df, key='ed', num_rows='dynamic', height=300)\n"
    "st.text(f\"rows {len(edited)} third {edited['label'].get(2)} last {edited['label'].iloc[-1]}\")\n"
)


def edit_the_view(page: Any, grid: Any) -> None:
    """Edit the third row's label, delete the second row, add a row: as a person would."""
    cell(grid, "item 00002").dblclick()
    page.keyboard.press("Control+a")
    page.keyboard.type("edited label")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"rows {ROWS} third edited label last item 01199")).to_be_visible()
    grid.get_by_role("checkbox", name="Select row 1", exact=True).check()
    page.get_by_role("button", name="Delete row").click()
    expect(page.get_by_text(f"rows {ROWS - 1} third edited label last item 01199")).to_be_visible()
    page.get_by_role("button", name="Add row").click()
    page.keyboard.type("5000")  # at once, while the run the new row asks for answers: the new row's first cell, n
    page.keyboard.press("Tab")
    page.keyboard.type("new label")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"rows {ROWS} third edited label last new label")).to_be_visible()


def test_download_gives_the_edited_view_with_added_rows_and_without_deleted_ones(context: Any, tmp_path: Path) -> None:
    with running_engine(EDITOR) as server:
        page, grid = opened_grid(context, server.url, "item 00003")
        edit_the_view(page, grid)
        grid.hover()
        with page.expect_download() as caught:
            page.get_by_role("button", name="Download as CSV").click()
        target = tmp_path / "export.csv"
        caught.value.save_as(target)
        text = target.read_text(encoding="utf-8")
    lines = ["n,label"]  # a range index shows in no column of a dynamic editor, as in Streamlit
    for i in range(ROWS):
        if i != 1:
            lines.append(f"{i},{'edited label' if i == 2 else f'item {i:05d}'}")
    lines.append("5000,new label")
    assert text == "\ufeff" + "\n".join(lines) + "\n"


def test_search_finds_edited_and_added_values_and_not_deleted_rows(context: Any) -> None:
    with running_engine(EDITOR) as server:
        page, grid = opened_grid(context, server.url, "item 00003")
        edit_the_view(page, grid)
        grid.hover()
        page.get_by_role("button", name="Search", exact=True).click()
        field = page.get_by_role("searchbox", name="Search the table")
        field.fill("item 00002")  # edited away
        expect(page.get_by_text("No results", exact=True)).to_be_visible()
        field.fill("item 00001")  # deleted
        expect(page.get_by_text("No results", exact=True)).to_be_visible()
        field.fill("EDITED")
        expect(page.get_by_text("1 of 1", exact=True)).to_be_visible()
        current = grid.locator(".df-match-current")
        expect(current).to_have_text("edited label")
        field.fill("item 0119")  # 01190 to 01199, read from the server past the rows the page holds
        expect(page.get_by_text("1 of 10", exact=True)).to_be_visible()
        expect(current).to_have_text("item 01190")
        field.fill("new label")  # the added row, after the data's
        expect(page.get_by_text("1 of 1", exact=True)).to_be_visible()
        expect(current).to_have_text("new label")
        expect(current).to_be_visible()  # scrolled to the last row


def test_search_in_a_sorted_editor_follows_the_order_shown_and_skips_deleted_rows(context: Any) -> None:
    source = EDITOR.replace("num_rows='dynamic'", "num_rows='delete'")
    with running_engine(source) as server:
        page, grid = opened_grid(context, server.url, "item 00003")
        grid.get_by_role("checkbox", name="Select row 1", exact=True).check()
        page.get_by_role("button", name="Delete row").click()
        expect(page.get_by_text(f"rows {ROWS - 1} third item 00002")).to_be_visible()
        sort = grid.get_by_role("columnheader").filter(has_text="label").get_by_role("button").first
        sort.click()
        sort.click()  # descending: the deleted row is not in the view, and is no match
        expect(grid.get_by_role("columnheader").filter(has_text="label")).to_have_attribute("aria-sort", "descending")
        grid.hover()
        page.get_by_role("button", name="Search", exact=True).click()
        field = page.get_by_role("searchbox", name="Search the table")
        field.fill("item 0000")
        expect(page.get_by_text("1 of 9", exact=True)).to_be_visible()  # 00000 and 00002 to 00009
        current = grid.locator(".df-match-current")
        expect(current).to_have_text("item 00009")
        expect(current).to_be_visible()
        field.press("Shift+Enter")
        expect(current).to_have_text("item 00000")  # the last row shown


def test_the_column_menu_pins_hides_and_formats_and_the_keys_follow_the_columns_shown(context: Any) -> None:
    source = (
        "import porch as st\nimport pandas as pd\n"
        "df = pd.DataFrame({'a': [1.5, 2.5], 'b': [10, 20], 'c': ['x', 'y'], 'd': [7, 8]})\n"
        "edited = st.data_editor(df, key='ed', hide_index=True)\n"
        "st.text(f\"d {edited['d'].tolist()} c {edited['c'].tolist()}\")\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(context, server.url, "x")
        grid.get_by_role("button", name="Menu of column a").click()
        menu = page.get_by_role("menu", name="Column a")
        expect(menu.get_by_role("menuitem")).to_have_text(
            ["Sort ascending", "Sort descending", "Format", "Autosize", "Pin column", "Hide column"]
        )
        menu.get_by_role("menuitem", name="Format").click()
        page.get_by_role("menu", name="Format of column a").get_by_role("menuitemcheckbox", name="Dollar").click()
        expect(cell(grid, "$1.50")).to_be_visible()
        grid.get_by_role("button", name="Menu of column b").click()
        page.get_by_role("menuitem", name="Hide column").click()
        expect(grid.get_by_role("columnheader").filter(has_text="b")).to_be_hidden()
        grid.get_by_role("button", name="Menu of column d").click()
        page.get_by_role("menuitem", name="Pin column").click()
        d_box = grid.get_by_role("columnheader").filter(has_text="d").bounding_box()
        a_box = grid.get_by_role("columnheader").filter(has_text="a").bounding_box()
        assert d_box is not None and a_box is not None and d_box["x"] < a_box["x"]  # shown first
        # The keys move in the order shown: d (pinned), a, c; b hidden is skipped.
        active = grid.locator(".de-active")
        cell(grid, "$1.50").click()
        page.keyboard.press("ArrowRight")
        expect(active).to_have_text("x")  # c, not the hidden b
        page.keyboard.press("ArrowRight")
        expect(active).to_have_text("x")  # the last column shown
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        expect(active).to_have_text("7")  # d, pinned first
        page.keyboard.press("End")
        expect(active).to_have_text("x")
        page.keyboard.press("Home")
        expect(active).to_have_text("7")
        page.keyboard.type("9")
        page.keyboard.press("Tab")  # keeps it and moves on, in the order shown: to a
        expect(page.get_by_text("d [9, 8] c ['x', 'y']")).to_be_visible()
        expect(active).to_have_text("$1.50")


def test_ctrl_c_copies_a_dataframes_cells_as_tab_separated_text(context: Any) -> None:
    source = (
        "import porch as st\nimport pandas as pd\n"
        "df = pd.DataFrame({'a': [1, 2, 3], 'b': ['w', 'x', 'y'], 'c': [0.5, 1.5, 2.5]})\n"
        "st.dataframe(df, key='plain')\n"
        "st.dataframe(df.rename(columns={'a': 'A'}), on_select='rerun', selection_mode='multi-cell', key='cells')\n"
    )
    with running_engine(source) as server:
        page, cells = opened_grid(allow_clipboard(context), server.url, "x", nth=1)
        plain = page.get_by_role("grid").nth(0)
        # Without a selection mode, the cell clicked is copied.
        cell(plain, "1.5").click()
        expect(plain.locator(".df-current")).to_have_text("1.5")
        copy_cells(page)
        assert copied(page, "1.5") == "1.5"
        # A range of cells: its rows, each row's cells in the order shown.
        select_cells(cells, "w", "2.5")
        expect(cells.locator(".df-chosen")).to_have_count(6)
        copy_cells(page)
        assert copied(page, "w\t0.5\nx\t1.5\ny\t2.5") == "w\t0.5\nx\t1.5\ny\t2.5"


def test_a_data_editor_copies_a_range_and_pastes_from_its_active_cell(context: Any) -> None:
    source = (
        "import porch as st\nimport pandas as pd\n"
        "df = pd.DataFrame({'item': ['apple', 'pear', 'plum'], 'qty': [1, 2, 3], 'ok': [True, False, True]})\n"
        "edited = st.data_editor(df, key='ed', hide_index=True)\n"
        "st.text(f\"items {edited['item'].tolist()} qty {edited['qty'].tolist()} ok {edited['ok'].tolist()}\")\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(allow_clipboard(context), server.url, "pear")
        cell(grid, "pear").click()
        page.keyboard.press("Shift+ArrowDown")
        page.keyboard.press("Shift+ArrowRight")
        expect(grid.locator(".de-ranged")).to_have_count(4)
        copy_cells(page)
        assert copied(page, "pear\t2\nplum\t3") == "pear\t2\nplum\t3"
        # A click makes one cell active, alone; Shift and a click, the range from it.
        cell(grid, "apple").click()
        copy_cells(page)
        assert copied(page, "apple") == "apple"
        cell(grid, "true").last.click(modifiers=["Shift"])
        expect(grid.locator(".de-ranged")).to_have_count(9)
        copy_cells(page)
        whole = "apple\t1\ttrue\npear\t2\tfalse\nplum\t3\ttrue"
        assert copied(page, whole) == whole
        # Pasted from the active cell: a value that does not fit its column ("many") leaves the cell as it was, and
        # nothing goes past the last row.
        put_on_clipboard(page, "kiwi\t7\tfalse\nfig\tmany\ttrue\na\t1\nb\t2\n")
        paste_at(page, grid, "pear")
        expect(page.get_by_text("items ['apple', 'kiwi', 'fig'] qty [1, 7, 3] ok [True, False, True]")).to_be_visible()
        expect(grid.locator(".de-ranged")).to_have_count(6)  # what was pasted is the range now
        # A range copied from a spreadsheet with quoted cells keeps their tabs and line breaks.
        put_on_clipboard(page, '"two\nlines"\n')
        paste_at(page, grid, "apple")
        expect(page.get_by_text("items ['two\\nlines', 'kiwi', 'fig']")).to_be_visible()
        expect(grid.get_by_role("gridcell", name=re.compile("two"))).to_be_visible()
        # Delete over a range empties each cell of it.
        page.keyboard.press("Shift+ArrowRight")
        page.keyboard.press("Delete")
        expect(page.get_by_text("items [nan, 'kiwi', 'fig'] qty [nan, 7.0, 3.0]")).to_be_visible()


@pytest.mark.browser
def test_a_data_editor_copies_a_range_past_the_rows_the_page_holds_as_edited(context: Any) -> None:
    """A range from the first row to the added one, over rows the page never held: they are read from the server (the
    same ``rows`` requests as the CSV download), with the edits applied and the deleted row left out."""
    with running_engine(EDITOR) as server:
        page, grid = opened_grid(allow_clipboard(context), server.url, "item 00003")
        edit_the_view(page, grid)  # the view shows the added row, at the bottom
        grid.evaluate("node => { node.scrollTop = 0; }")
        cell(grid, "item 00000").click()
        grid.evaluate("node => { node.scrollTop = node.scrollHeight; }")  # the grid scrolls
        cell(grid, "new label").click(modifiers=["Shift"])
        labels = ["item 00000", "edited label"] + [f"item {i:05d}" for i in range(3, ROWS)] + ["new label"]
        expected = "\n".join(labels)
        copy_cells(page)
        held = copied(page, expected, FIRST_ROWS_MS)  # rows read from the server first: a generous deadline
        assert held.count("\n") == len(labels) - 1 and held == expected


def test_a_paste_past_the_last_row_adds_rows_where_rows_may_be_added(context: Any) -> None:
    # Streamlit 1.67's editor (its `onPaste`) appends a row for each pasted line past the last when rows may be added.
    source = (
        "import porch as st\nimport pandas as pd\n"
        "df = pd.DataFrame({'item': ['apple', 'pear'], 'qty': [1, 2]})\n"
        "edited = st.data_editor(df, key='ed', hide_index=True, num_rows='dynamic',\n"
        "    column_config={'qty': st.column_config.NumberColumn(default=9)})\n"
        "st.text(f\"items {edited['item'].tolist()} qty {edited['qty'].tolist()}\")\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(allow_clipboard(context), server.url, "pear")
        put_on_clipboard(page, "kiwi\t7\nfig\t8\nlime\n")
        paste_at(page, grid, "pear")
        expect(page.get_by_text("items ['apple', 'kiwi', 'fig', 'lime'] qty [1, 7, 8, 9]")).to_be_visible()
        expect(cell(grid, "lime")).to_be_visible()


@pytest.mark.browser
def test_a_drag_over_a_dataframe_without_selection_marks_a_range_to_copy_and_sends_nothing(
    context: Any,
) -> None:
    # Streamlit's grid (glide-data-grid) marks a dragged range on the page alone when no selection mode is set.
    source = (
        "import porch as st\nimport pandas as pd\n"
        "st.session_state.runs = st.session_state.get('runs', 0) + 1\n"
        "df = pd.DataFrame({'a': [1, 2, 3, 4], 'b': ['w', 'x', 'y', 'z'], 'c': [0.5, 1.5, 2.5, 3.5]})\n"
        "st.dataframe(df, hide_index=True)\n"
        "st.text(f\"runs {st.session_state.runs}\")\n"
        "st.button('again')\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(allow_clipboard(context), server.url, "x")
        cell(grid, "x").hover()
        page.mouse.down()
        cell(grid, "y").hover()
        cell(grid, "3.5").hover()
        page.mouse.up()
        expect(grid.locator(".df-marked")).to_have_count(6)
        copy_cells(page)
        assert copied(page, "x\t1.5\ny\t2.5\nz\t3.5") == "x\t1.5\ny\t2.5\nz\t3.5"
        # Shift and a click stretch the range from the cell clicked first; a click alone marks one cell again.
        select_cells(grid, "1", "w")
        expect(grid.locator(".df-marked")).to_have_count(2)
        copy_cells(page)
        assert copied(page, "1\tw") == "1\tw"
        cell(grid, "2.5").click()
        expect(grid.locator(".df-marked")).to_have_count(0)
        copy_cells(page)
        assert copied(page, "2.5") == "2.5"
        # Nothing of it reached the script: the first rerun is the button's.
        page.get_by_role("button", name="again").click()
        expect(page.get_by_text("runs 2", exact=True)).to_be_visible()


def test_what_is_typed_in_a_new_row_survives_the_run_that_answers_its_adding(context: Any) -> None:
    """A slow run answers "Add row" while the person already types in the new row's cell: the grid draws the row
    anew, and the field moves to it with what was typed."""
    source = (
        "import time\nimport porch as st\n"
        "time.sleep(0.4)\n"
        "edited = st.data_editor({'n': [1, 2], 'label': ['a', 'b']}, key='ed', num_rows='dynamic')\n"
        "st.text(f\"last {list(edited['n'])[-1]} {list(edited['label'])[-1]}\")\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(context, server.url, "b")
        runs = int(page.evaluate("document.body.dataset.runCount"))
        page.get_by_role("button", name="Add row").click()
        page.keyboard.type("50")
        page.wait_for_function(  # the run the new row asked for has answered, while the field is open
            "(runs) => document.body.dataset.run === 'finished' && Number(document.body.dataset.runCount) > runs",
            arg=runs,
        )
        page.keyboard.type("00")
        page.keyboard.press("Tab")
        page.keyboard.type("z")
        page.keyboard.press("Enter")
        expect(page.get_by_text("last 5000 z")).to_be_visible()


def test_a_copy_works_as_soon_as_a_grid_shows_its_first_rows(context: Any) -> None:
    """Ctrl+C copies the moment a grid's first rows show, in a dataframe and in a data_editor: copying comes with the
    grid, the heavier tools (toolbar, column menus) later. Here those are held back until the copies are read, so
    they cannot be what copies."""
    source = (
        "import porch as st\nimport pandas as pd\n"
        "df = pd.DataFrame({'a': [1, 2, 3], 'b': ['w', 'x', 'y'], 'c': [0.5, 1.5, 2.5]})\n"
        "st.dataframe(df, hide_index=True)\n"
        "st.data_editor(pd.DataFrame({'item': ['k', 'l', 'm'], 'qty': [4, 5, 6]}), hide_index=True, key='ed')\n"
    )
    held: list[Any] = []
    with running_engine(source) as server:
        page = allow_clipboard(context).new_page()
        page.route(re.compile(r"/grid_(tools|columns)\.\w+\.js$"), lambda route: held.append(route))
        page.goto(server.url)
        plain, editor = page.get_by_role("grid").nth(0), page.get_by_role("grid").nth(1)
        expect(cell(plain, "w")).to_be_visible(timeout=FIRST_ROWS_MS)
        select_cells(plain, "w", "1.5")
        copy_cells(page)
        assert copied(page, "w\t0.5\nx\t1.5") == "w\t0.5\nx\t1.5"
        expect(cell(editor, "l")).to_be_visible()
        select_cells(editor, "l", "6")
        copy_cells(page)
        assert copied(page, "l\t5\nm\t6") == "l\t5\nm\t6"
        expect(page.get_by_role("button", name=re.compile(r"^Menu of column "))).to_have_count(0)  # still held back
        for route in held:
            route.continue_()
        expect(plain.get_by_role("button", name="Menu of column a")).to_be_attached()
