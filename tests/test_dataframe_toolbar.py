"""The dataframe's toolbar and column tools, as Streamlit 1.67's: a person resizes a column by dragging its header's
edge (or with the arrow keys), searches the whole frame (matches marked, moved between), downloads the whole frame as
CSV (not only the rows the page holds), sorts, hides and pins columns from the column menu, and selects a range of
cells by dragging, which comes back as Streamlit's selection. Chromium against a real engine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser_checks import allow_clipboard, cell, copied, copy_cells, opened_grid
from engine_harness import running_engine

pytestmark = pytest.mark.browser

#: Rows enough that the page holds only a window of them (the grid asks for 100 at a time, the walk for 1,000).
ROWS = 2_500

FRAME = (
    "import porch as st\nimport pandas as pd\n"
    "st.title('Table')\n"
    f"df = pd.DataFrame({{'n': range({ROWS}), 'label': [f'item {{i:05d}}' for i in range({ROWS})],"
    f" 'half': [i / 2 for i in range({ROWS})]}})\n"
)


def width_of(locator: Any) -> float:
    box = locator.bounding_box()
    assert box is not None
    return float(box["width"])


def header(grid: Any, label: str) -> Any:
    return grid.get_by_role("columnheader").filter(has_text=label)


def drag_edge(page: Any, grid: Any, label: str, by: float) -> Any:
    """Drag the right edge of column ``label``'s header ``by`` pixels, in steps as a hand does; return the edge."""
    handle = grid.get_by_role("separator", name=f"Width of column {label}")
    box = handle.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + by / 2, box["y"] + 5, steps=4)
    page.mouse.move(x + by, box["y"] + 5, steps=4)
    page.mouse.up()
    return handle


def test_a_column_is_resized_by_dragging_its_header_edge_or_with_the_keyboard(context: Any) -> None:
    with running_engine(FRAME + "st.dataframe(df, height=300)\n") as server:
        page, grid = opened_grid(context, server.url, "item 00003")
        label = header(grid, "label")
        before = width_of(label)
        handle = drag_edge(page, grid, "label", 120)
        assert width_of(label) == pytest.approx(before + 120, abs=1)
        cell = grid.get_by_role("gridcell").filter(has_text="item 00003")
        assert width_of(cell) == pytest.approx(before + 120, abs=1)  # the rows follow their header
        expect(handle).to_have_attribute("aria-valuenow", str(round(before + 120)))
        handle.focus()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        assert width_of(label) == pytest.approx(before + 100, abs=1)
        page.keyboard.press("Shift+ArrowLeft")
        assert width_of(label) == pytest.approx(before, abs=1)
        for _ in range(20):  # never narrower than Streamlit's 50 px
            page.keyboard.press("Shift+ArrowLeft")
        assert width_of(label) == pytest.approx(50, abs=1)
        fits = "cell => cell.scrollWidth <= cell.clientWidth"
        assert not cell.evaluate(fits)
        grid.get_by_role("button", name="Menu of column label").click()
        page.get_by_role("menuitem", name="Autosize").click()  # fits what the rows in view show
        assert cell.evaluate(fits) and width_of(label) > 50


def test_search_finds_highlights_and_moves_between_matches_in_the_whole_frame(context: Any) -> None:
    with running_engine(FRAME + "st.dataframe(df, height=300)\n") as server:
        page, grid = opened_grid(context, server.url, "item 00003")
        grid.hover()
        page.get_by_role("button", name="Search", exact=True).click()
        field = page.get_by_role("searchbox", name="Search the table")
        expect(field).to_be_focused()
        field.fill("ITEM 02345")  # far beyond the rows the page holds; any case
        expect(page.get_by_text("1 of 1", exact=True)).to_be_visible()
        found = grid.get_by_role("gridcell").filter(has_text="item 02345")
        expect(found).to_be_visible()  # scrolled to it
        expect(found).to_have_class(re.compile(r"\bdf-match-current\b"))
        # "item 0001" matches ten labels, 00010 to 00019: each is marked, the current one apart.
        field.fill("item 0001")
        expect(page.get_by_text("1 of 10", exact=True)).to_be_visible()
        field.press("Enter")
        expect(page.get_by_text("2 of 10", exact=True)).to_be_visible()
        current = grid.locator(".df-match-current")
        expect(current).to_have_text("item 00011")
        match = re.compile(r"\bdf-match\b")
        expect(grid.get_by_role("gridcell").filter(has_text="item 00012")).to_have_class(match)
        expect(cell(grid, "5.5")).not_to_have_class(match)  # its row's "half"
        expect(grid.get_by_role("gridcell").filter(has_text="item 00010")).not_to_have_class(re.compile("current"))
        field.press("Shift+Enter")
        field.press("Shift+Enter")
        expect(page.get_by_text("10 of 10", exact=True)).to_be_visible()
        expect(current).to_have_text("item 00019")
        page.get_by_role("button", name="Next match").click()
        expect(current).to_have_text("item 00010")
        # Sorted again, the matches follow the order shown: the first is now the last label.
        sort = header(grid, "label").get_by_role("button").first
        sort.click()
        sort.click()
        expect(header(grid, "label")).to_have_attribute("aria-sort", "descending")
        expect(page.get_by_text("1 of 10", exact=True)).to_be_visible()
        expect(current).to_have_text("item 00019")
        field.fill("no such text")
        expect(page.get_by_text("No results", exact=True)).to_be_visible()
        field.fill("item 0001")
        expect(page.get_by_text("1 of 10", exact=True)).to_be_visible()
        field.press("Escape")
        expect(field).to_be_hidden()
        expect(grid.locator(".df-match")).to_have_count(0)
        expect(page.get_by_role("button", name="Search", exact=True)).to_be_focused()
        grid.get_by_role("gridcell").filter(has_text="item 00019").click()  # Ctrl+F in the grid opens it too
        page.keyboard.press("Control+f")
        expect(field).to_be_focused()


def test_download_gives_the_whole_frame_as_csv_in_the_order_shown(context: Any, tmp_path: Path) -> None:
    # 30 columns: the server answers fewer rows than the walk asks for (20,000 cells a window), so it asks again.
    source = FRAME + (
        "df.loc[3, 'label'] = 'say \"hi\", twice'\n"
        "for k in range(26):\n    df[f'c{k}'] = k\n"
        "st.dataframe(df, height=300)\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(context, server.url, "item 00004")
        sort = header(grid, "n").get_by_role("button").first
        sort.click()
        sort.click()  # descending
        expect(header(grid, "n")).to_have_attribute("aria-sort", "descending")
        grid.hover()
        with page.expect_download() as caught:
            page.get_by_role("button", name="Download as CSV").click()
        download = caught.value
        assert download.suggested_filename.endswith("_export.csv")
        target = tmp_path / "export.csv"
        download.save_as(target)
        text = target.read_text(encoding="utf-8")
    extra = [str(k) for k in range(26)]
    lines = [",".join(["", "n", "label", "half", *(f"c{k}" for k in range(26))])]
    for i in reversed(range(ROWS)):
        label = '"say ""hi"", twice"' if i == 3 else f"item {i:05d}"
        half = f"{i / 2:g}" if i % 2 == 0 else str(i / 2)
        lines.append(",".join([str(i), str(i), label, half, *extra]))
    assert text == "\ufeff" + "\n".join(lines) + "\n"


def test_the_column_menu_sorts_hides_and_pins(context: Any) -> None:
    with running_engine(FRAME + "st.dataframe(df, height=300)\n") as server:
        page, grid = opened_grid(context, server.url, "item 00003")
        menu_button = grid.get_by_role("button", name="Menu of column label")
        menu_button.click()
        menu = page.get_by_role("menu", name="Column label")
        expect(menu.get_by_role("menuitem", name="Sort ascending")).to_be_focused()
        page.keyboard.press("ArrowDown")
        expect(menu.get_by_role("menuitem", name="Sort descending")).to_be_focused()
        page.keyboard.press("Enter")
        expect(menu).to_be_hidden()
        expect(menu_button).to_be_focused()
        expect(header(grid, "label")).to_have_attribute("aria-sort", "descending")
        expect(grid.get_by_role("row").filter(has_text=f"item {ROWS - 1:05d}")).to_be_visible()

        grid.get_by_role("button", name="Menu of column half").click()
        page.get_by_role("menuitem", name="Pin column").click()
        half, n = header(grid, "half"), header(grid, "n").first
        half_box, n_box = half.bounding_box(), n.bounding_box()
        assert half_box is not None and n_box is not None
        assert half_box["x"] < n_box["x"]  # pinned columns come first, after the index
        expect(half).to_have_class(re.compile(r"\bdf-pinned\b"))
        grid.get_by_role("button", name="Menu of column half").click()
        page.get_by_role("menuitem", name="Format").click()
        formats = page.get_by_role("menu", name="Format of column half")
        expect(formats.get_by_role("menuitemcheckbox", name="Automatic")).to_have_attribute("aria-checked", "true")
        formats.get_by_role("menuitemcheckbox", name="Dollar").click()
        expect(cell(grid, "$1,249.50")).to_be_visible()

        grid.get_by_role("button", name="Menu of column n", exact=True).click()
        page.get_by_role("menuitem", name="Hide column").click()
        expect(n).to_be_hidden()
        expect(grid.get_by_role("gridcell").filter(has_text="item 02499")).to_be_visible()
        grid.hover()
        page.get_by_role("button", name="Show/hide columns").click()
        shown = page.get_by_role("menuitemcheckbox", name="n", exact=True)
        expect(shown).to_have_attribute("aria-checked", "false")
        expect(page.get_by_role("menuitemcheckbox", name="label")).to_have_attribute("aria-checked", "true")
        shown.click()
        expect(n).to_be_visible()
        page.get_by_role("button", name="Fullscreen").click()
        assert width_of(grid) > 1200  # the window's width, 1,280 px, less a margin
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name="Fullscreen")).to_have_attribute("aria-pressed", "false")
        assert width_of(grid) < 1000


def test_dragging_over_cells_selects_a_range_as_streamlit_returns_it(context: Any) -> None:
    source = (
        "import porch as st\nimport json\nimport pandas as pd\n"
        "df = pd.DataFrame({'a': [1, 2, 3, 4], 'b': ['w', 'x', 'y', 'z'], 'c': [0.5, 1.5, 2.5, 3.5]})\n"
        "event = st.dataframe(df, on_select='rerun', selection_mode='multi-cell', key='cells')\n"
        "st.text('cells ' + json.dumps([list(c) for c in event.selection.cells]))\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(context, server.url, "x")
        start = grid.get_by_role("gridcell").filter(has_text="x")
        end = grid.get_by_role("gridcell").filter(has_text="3.5")
        start.hover()
        page.mouse.down()
        grid.get_by_role("gridcell").filter(has_text="y").hover()
        end.hover()
        page.mouse.up()
        expect(page.get_by_text('cells [[1, "b"], [1, "c"], [2, "b"], [2, "c"], [3, "b"], [3, "c"]]')).to_be_visible()
        expect(grid.locator(".df-chosen")).to_have_count(6)
        # A click selects one cell; Shift and a click on another, the range between; the index is never a cell.
        grid.get_by_role("gridcell").filter(has_text="w").click()
        expect(page.get_by_text('cells [[0, "b"]]')).to_be_visible()
        grid.get_by_role("gridcell").filter(has_text="2").first.click(modifiers=["Shift"])
        expect(page.get_by_text('cells [[0, "a"], [0, "b"], [1, "a"], [1, "b"]]')).to_be_visible()
        # The keyboard: Enter picks the focused cell, Shift+Enter extends the range to it.
        grid.get_by_role("gridcell").filter(has_text="z").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_text('cells [[3, "b"]]')).to_be_visible()
        grid.get_by_role("gridcell").filter(has_text="2.5").focus()
        page.keyboard.press("Shift+Enter")
        expect(page.get_by_text('cells [[2, "b"], [2, "c"], [3, "b"], [3, "c"]]')).to_be_visible()
        # The arrow keys move between cells; with Shift they stretch the range from its anchor, here "y".
        page.keyboard.press("ArrowLeft")
        expect(cell(grid, "y")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_text('cells [[2, "b"]]')).to_be_visible()
        page.keyboard.press("Shift+ArrowUp")
        page.keyboard.press("Shift+ArrowLeft")
        expect(cell(grid, "2").first).to_be_focused()  # row 1's "a"
        expect(page.get_by_text('cells [[1, "a"], [1, "b"], [2, "a"], [2, "b"]]')).to_be_visible()



def test_a_data_editor_resizes_and_sorts_its_columns_too(context: Any) -> None:
    source = FRAME + "st.data_editor(df.head(20), key='ed', height=300)\n"
    with running_engine(source) as server:
        page, grid = opened_grid(context, server.url, "item 00003")
        label = header(grid, "label")
        before = width_of(label)
        drag_edge(page, grid, "label", 80)
        assert width_of(label) == pytest.approx(before + 80, abs=1)
        assert width_of(grid.get_by_role("gridcell").filter(has_text="item 00003")) == pytest.approx(before + 80, abs=1)
        grid.get_by_role("button", name="Menu of column label").click()
        menu = page.get_by_role("menu", name="Column label")
        expect(menu.get_by_role("menuitem")).to_have_text(
            ["Sort ascending", "Sort descending", "Autosize", "Pin column", "Hide column"]
        )
        menu.get_by_role("menuitem", name="Sort descending").click()
        expect(label).to_have_attribute("aria-sort", "descending")
        expect(grid.get_by_role("row").filter(has_text="item 00019")).to_be_visible()
        # The toolbar, pinning and hiding, copying and pasting: tests/test_data_editor_toolbar.py.


def as_javascript_writes(number: float) -> str:
    """``String(number)`` in JavaScript, for the numbers of these tests: whole ones without ".0"."""
    return str(int(number)) if number.is_integer() else repr(number)


def test_ctrl_c_copies_every_row_of_the_selected_columns_as_streamlits_grid(context: Any) -> None:
    # Streamlit 1.67's grid, read by hand in this Chromium: selected columns copy as every row of the frame (not only
    # those in view), the columns in the order shown, tab-separated, no header, numbers whole (0.3333333333333333
    # where the cell shows 0.3333). The page holds a window of the 2,500 rows: the rest are read from the server.
    source = FRAME + (
        "df['third'] = [i / 3 for i in range(len(df))]\n"
        "event = st.dataframe(df, height=300, on_select='rerun', selection_mode='multi-column', key='many')\n"
        "st.text(f'columns {event.selection.columns}')\n"
        "small = st.dataframe(df.head(3), on_select='rerun', selection_mode='single-column', key='one',"
        " hide_index=True)\n"
        "st.text(f'column {small.selection.columns}')\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(allow_clipboard(context), server.url, "item 00003")
        grid.get_by_role("button", name="Menu of column third").click()
        page.get_by_role("menuitem", name="Pin column").click()  # shown first: copied first
        expect(header(grid, "third")).to_have_class(re.compile(r"\bdf-pinned\b"))
        header(grid, "label").get_by_role("button").first.click()
        header(grid, "third").get_by_role("button").first.click()
        expect(page.get_by_text("columns ['label', 'third']")).to_be_visible()
        copy_cells(page)
        expected = "\n".join(f"{as_javascript_writes(i / 3)}\titem {i:05d}" for i in range(ROWS))
        assert copied(page, expected) == expected

        small = page.get_by_role("grid").nth(1)
        header(small, "half").get_by_role("button").first.click()
        expect(page.get_by_text("column ['half']")).to_be_visible()
        copy_cells(page)
        assert copied(page, "0\n0.5\n1") == "0\n0.5\n1"


#: Rows of a LazyFrame Streamlit reads lazily (over 10,000): the engine reads it a window at a time.
LAZY_ROWS = 12_000


def test_a_lazily_read_table_keeps_search_and_download(context: Any, tmp_path: Path) -> None:
    # Streamlit 1.67's page leaves both buttons out for a table it reads lazily (its `canSearch` and `canExportCsv`
    # are false: its browser holds a chunk of the rows), and says "set lazy=False" to have them. Porch's search and
    # download walk the server's windows, so the table keeps them: a page with less is worse for its user, and no app
    # can count on their absence (Streamlit's way to turn export off is `client.disableDataExport`, not `lazy`).
    source = (
        "import porch as st\nimport polars as pl\n"
        f"lf = pl.LazyFrame({{'n': range({LAZY_ROWS})}}).with_columns(label=pl.format('item {{}}', pl.col('n')))\n"
        "st.dataframe(lf, height=300)\n"
    )
    with running_engine(source) as server:
        page, grid = opened_grid(context, server.url, "item 3")
        grid.hover()
        page.get_by_role("button", name="Search", exact=True).click()
        field = page.get_by_role("searchbox", name="Search the table")
        field.fill(f"item {LAZY_ROWS - 2}")  # far beyond the rows the page holds
        expect(page.get_by_text("1 of 1", exact=True)).to_be_visible()
        expect(grid.get_by_role("gridcell").filter(has_text=f"item {LAZY_ROWS - 2}")).to_be_visible()
        field.press("Escape")
        grid.hover()
        with page.expect_download() as caught:
            page.get_by_role("button", name="Download as CSV").click()
        target = tmp_path / "export.csv"
        caught.value.save_as(target)
        text = target.read_text(encoding="utf-8")
    lines = ["\ufeffn,label", *(f"{i},item {i}" for i in range(LAZY_ROWS))]
    assert text == "\n".join(lines) + "\n"
