"""``table``: a static table of the same data ``dataframe`` takes, every row written out (the first ones in the
element, the rest in windows the page asks for)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import ProtocolClient, running_engine
from porch.elements.table import MAX_CELLS, MAX_ROWS
from porch.frames import MAX_WINDOW_CELLS
from porch.protocol import MAX_ROWS_PER_REQUEST
from support import app


def test_a_table_carries_its_rows() -> None:
    at = app(
        "import pandas as pd\n"
        "df = pd.DataFrame({'city': ['Paris', 'Rome'], 'people': [2.1, 2.8]}, index=pd.Index(['fr', 'it'], name='code'))\n"
        "st.table(df)\n"
        "st.table(df, border='horizontal', width=400, height=300, hide_index=True, hide_header=True, alt='Cities')"
    )
    first, second = at.table
    assert first.columns == ["code", "city", "people"]
    assert first.cells == [["fr", "Paris", 2.1], ["it", "Rome", 2.8]]
    assert (first.props["border"], first.props["width"], first.props["height"]) == (True, "stretch", "content")
    assert not first.props["hide_header"] and first.props["alt"] is None
    assert second.columns == ["city", "people"]
    assert (second.props["border"], second.props["width"], second.props["height"]) == ("horizontal", 400, 300)
    assert second.props["hide_header"] and second.props["alt"] == "Cities"
    assert first.value.to_dict() == {"city": {"fr": "Paris", "it": "Rome"}, "people": {"fr": 2.1, "it": 2.8}}


def test_a_large_table_carries_its_first_rows_and_the_session_holds_the_rest() -> None:
    """Streamlit 1.67's table shows every row, with no limit and no message; Porch's element carries the first rows
    (at most MAX_ROWS, MAX_CELLS cells) and the page asks for the others under the element's data id."""
    at = app("import numpy as np\nst.table(np.arange(5000))\nst.table(np.zeros((2000, 99)))\nst.table([1, 2])")
    long, wide, small = at.table
    assert long.row_count == 5000 and len(long.cells) == MAX_ROWS and long.props["data"]
    assert wide.row_count == 2000 and len(wide.cells) == MAX_CELLS // 99
    assert len(long.value) == 5000 and len(wide.value) == 2000, "AppTest's value: every row, as Streamlit's"
    assert small.props["data"] is None, "a table whose rows all fit holds nothing on the server"


def test_the_rest_of_a_large_table_comes_in_bounded_windows_with_its_markdown() -> None:
    source = (
        "import porch as st\nimport pandas as pd\n"
        "st.table(pd.DataFrame({'name': [f'*row {i}*' for i in range(2500)], "
        "**{f'c{j}': range(2500) for j in range(58)}}))\n"
    )
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        (table,) = [node.props for node in client.view.tree.roots[0].children if node.kind == "table"]
        assert len(table["window"]["cells"]) == MAX_CELLS // 59
        seen = len(table["window"]["cells"])
        while seen < table["rows"]:
            client.send({"type": "rows", "id": table["data"], "start": seen, "count": MAX_ROWS_PER_REQUEST, "sort": []})
            answer = client.until(lambda m: m["type"] == "rows" and m["start"] == seen)
            cells = answer["cells"]
            assert 0 < len(cells) <= MAX_WINDOW_CELLS // 59, "a window is bounded (59 columns)"
            assert answer["html"][0][0] == f"<p><em>row {seen}</em></p>" and cells[0][1] == seen
            seen += len(cells)
        assert seen == 2500

def test_the_index_and_header_show_by_default_as_in_streamlit() -> None:
    """Streamlit 1.67 hides a plain 0..n-1 index, and the header row of data that names no columns (checked against
    its AppTest: ``proto.hide_index``, ``proto.hide_header``)."""
    at = app(
        "import pandas as pd, numpy as np\n"
        "st.table(pd.DataFrame({'a': [1, 2]}))\n"
        "st.table(pd.DataFrame({'a': [1, 2]}, index=['x', 'y']))\n"
        "st.table([[1, 2], [3, 4]])\n"
        "st.table({'k': 'v', 'k2': 'v2'})\n"
        "st.table(np.arange(3))\n"
        "st.table([{'a': 1}])\n"
        "st.table({'a': [1, 2]})\n"
        "st.table(pd.DataFrame({'a': [1, 2]}), hide_index=False, hide_header=True)\n"
        "st.table([1, 2], hide_header=False)\n"
    )
    shown = [(table.columns, table.props["hide_header"]) for table in at.table]
    assert shown == [
        (["a"], False), (["", "a"], False), (["0", "1"], True), (["", "value"], True), (["value"], True),
        (["a"], False), (["a"], False), (["", "a"], True), (["value"], False),
    ]


def test_a_styler_shows_its_formats_and_colours() -> None:
    at = app(
        "import pandas as pd\n"
        "st.table(pd.DataFrame({'p': [0.25, 0.5]}).style.format('{:.0%}').highlight_max(color='yellow'))"
    )
    window = at.table[0].props["window"]
    assert window["text"] == [["25%"], ["50%"]]
    assert window["css"][1][0] == "background-color: yellow"


@pytest.mark.parametrize(
    "call, message",
    [
        ("st.table([1], border='vertical')", "border must be"),
        ("st.table([1], height='auto')", "height must be"),
        ("st.table(object())", "cannot show an object of type builtins.object"),
    ],
)
def test_bad_arguments_are_clear_errors(call: str, message: str) -> None:
    at = app(call)
    assert message in at.exception[0].message


@pytest.mark.browser
def test_a_table_reads_as_a_table_in_chromium(context: Any) -> None:
    source = (
        "st.table({'city': ['Paris', 'Rome'], 'people': [2.1, 2.8]}, alt='Cities')\n"
        "st.table(list(range(2500)), hide_header=True, border=False)\n"
        "st.table(list(range(1200)), hide_header=True, height=200)\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        cities = page.get_by_role("table", name="Cities")
        expect(cities.get_by_role("columnheader")).to_have_text(["city", "people"])
        expect(cities.get_by_role("row").nth(2)).to_have_text("Rome2.8")
        # Every row, as Streamlit shows them: the next ones are written out as the reader nears them.
        long = page.get_by_role("table").nth(1)
        expect(long.get_by_role("row")).to_have_count(MAX_ROWS)
        long.get_by_role("row").last.scroll_into_view_if_needed()
        expect(long.get_by_role("row")).to_have_count(2000)
        long.get_by_role("row").last.scroll_into_view_if_needed()
        expect(long.get_by_role("row")).to_have_count(2500)
        expect(long.get_by_role("row").last).to_have_text("2499")
        expect(page.locator(".tbl-note:visible")).to_have_count(1)  # only the fixed-height table has rows to come
        # A table of a fixed height scrolls within it, and writes out the rest as it does.
        boxed = page.get_by_role("table").nth(2)
        expect(boxed.get_by_role("row")).to_have_count(MAX_ROWS)
        boxed.evaluate("table => { table.parentElement.scrollTop = table.parentElement.scrollHeight }")
        expect(boxed.get_by_role("row")).to_have_count(1200)
        expect(page.locator(".tbl-note:visible")).to_have_count(0)


def test_text_cells_headers_and_styler_text_are_markdown_as_in_streamlit() -> None:
    # Streamlit 1.67's table draws every header and cell through its Markdown component with HTML not allowed.
    at = app(
        "import pandas as pd\n"
        "df = pd.DataFrame({'**Name**': ['*Ada*', 'Plain words', '<b>x</b>'], 'n': [1, 2, 3]},\n"
        "                  index=pd.Index([':blue[a]', 'b', 'c'], name='k'))\n"
        "st.table(df)\n"
        "st.table(pd.DataFrame({'p': [0.5]}).style.format('**{:.0%}**'))"
    )
    first, styled = at.table
    assert first.props["headers_html"] == ["<p>k</p>", "<p><strong>Name</strong></p>", "<p>n</p>"]
    html = first.props["window"]["html"]
    assert html[0] == ['<p><span class="porch-fg-blue">a</span></p>', "<p><em>Ada</em></p>", None]
    assert html[1][1] == "<p>Plain words</p>"
    assert html[2][1] == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    assert first.cells[0] == [":blue[a]", "*Ada*", 1]
    assert styled.props["window"]["html"] == [["<p><strong>50%</strong></p>"]]


@pytest.mark.browser
def test_markdown_in_cells_is_drawn_and_html_stays_text_in_chromium(context: Any) -> None:
    source = "st.table({'**Who**': ['*Ada*', '[docs](https://example.com)', '<img src=x onerror=alert(1)>']})\n"
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        table = page.get_by_role("table")
        expect(table.locator("thead strong")).to_have_text("Who")
        expect(table.locator("tbody em")).to_have_text("Ada")
        expect(table.get_by_role("link", name="docs")).to_have_attribute("href", "https://example.com")
        expect(table.get_by_role("cell", name="<img src=x onerror=alert(1)>")).to_be_visible()
        expect(table.locator("img")).to_have_count(0)


def test_data_not_yet_in_memory_is_read_to_its_first_hundred_rows_as_in_streamlit() -> None:
    """Streamlit 1.67's table reads 100 rows of a lazy frame or a database cursor and says so in a caption."""
    at = app(
        "import sqlite3\nimport polars as pl\n"
        "db = sqlite3.connect(':memory:')\n"
        "db.execute('create table t (n integer, name text)')\n"
        "db.executemany('insert into t values (?, ?)', [(i, f'n{i}') for i in range(150)])\n"
        "st.table(db.execute('select * from t'))\n"
        "st.table(pl.LazyFrame({'a': range(500)}))\n"
        "st.table(db.execute('select * from t limit 3'))\n"
    )
    cursor, lazy, few = at.table
    assert (cursor.row_count, cursor.columns, cursor.cells[99]) == (100, ["n", "name"], [99, "n99"])
    assert (lazy.row_count, lazy.columns) == (100, ["a"])
    assert few.row_count == 3
    assert at.caption.values == [
        "⚠️ Showing only 100 rows. Call `fetchall()` on the Cursor to show more.",
        "⚠️ Showing only 100 rows. Call `collect()` on the dataframe to show more.",
    ]
