"""``table``: a static table of the same data ``dataframe`` takes, its rows written out up to a limit."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.elements.table import MAX_CELLS, MAX_ROWS
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


def test_a_large_table_writes_out_its_first_rows() -> None:
    at = app("import numpy as np\nst.table(np.arange(5000))\nst.table(np.zeros((2000, 99)))")
    long, wide = at.table
    assert long.row_count == 5000 and len(long.cells) == MAX_ROWS
    assert wide.row_count == 2000 and len(wide.cells) == MAX_CELLS // 100


def test_a_styler_shows_its_formats_and_colours() -> None:
    at = app(
        "import pandas as pd\n"
        "st.table(pd.DataFrame({'p': [0.25, 0.5]}).style.format('{:.0%}').highlight_max(color='yellow'))"
    )
    window = at.table[0].props["window"]
    assert window["text"] == [[None, "25%"], [None, "50%"]]
    assert window["css"][1][1] == "background-color: yellow"


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
        "st.table(list(range(1500)), hide_header=True, border=False)\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        cities = page.get_by_role("table", name="Cities")
        expect(cities.get_by_role("columnheader")).to_have_text(["", "city", "people"])
        expect(cities.get_by_role("row").nth(2)).to_have_text("1Rome2.8")
        long = page.get_by_role("table").nth(1)
        expect(long.get_by_role("row")).to_have_count(MAX_ROWS)
        expect(page.get_by_text("Showing the first 1,000 of 1,500 rows.")).to_be_visible()


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
    assert styled.props["window"]["html"] == [[None, "<p><strong>50%</strong></p>"]]


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
