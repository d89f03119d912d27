"""``grid`` (and each ``grid_cell`` its ``cell()`` opens): st.grid, a container whose children are its cells, laid out
in as many equal columns as fit (at most ``columns``), wrapping onto more rows; in AppTest (with Streamlit's ``at.grid``
names) and in Chromium (columns counted from the width, spans, a fixed column count that scrolls)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import Block
from support import app, kinds


def test_a_grid_is_a_container_whose_children_are_its_cells() -> None:
    at = app(
        "g = st.grid(3)\n"
        "for i in range(4):\n"
        '    g.metric(f"m{i}", i)\n'
        "with g:\n"
        '    st.button("go")\n'
        'st.write("after")\n'
    )
    assert at.exception == []
    assert kinds(at.main) == ["grid", "markdown"]
    grid = at.grid[0]
    assert grid.type == "grid_container" and at.get("grid_container") == [grid]
    assert kinds(grid) == ["metric"] * 4 + ["button"]
    assert [m.label for m in grid.metric] == ["m0", "m1", "m2", "m3"] and grid.button[0].label == "go"


def test_defaults_and_the_props_the_client_gets() -> None:
    at = app("st.grid()")
    grid = at.grid[0]
    assert grid.props == {
        "columns": "auto", "min_column_width": "auto", "wrap": True, "row_gap": "small", "column_gap": "small",
        "vertical_alignment": "top", "border": False, "row_height": "content", "width": "stretch",
        "height": "content", "dense": False,
    }
    assert (grid.column_count, grid.min_column_width, grid.wrap, grid.gap) == ("auto", "auto", True, "small")
    assert (grid.vertical_alignment, grid.border, grid.row_height, grid.dense) == ("top", False, "content", False)
    assert (grid.width, grid.height) == ("stretch", "content")


def test_every_parameter_reaches_the_client() -> None:
    at = app(
        'st.grid(4, min_column_width=120, wrap=False, gap=("LARGE", 12), vertical_alignment="center", border=True,'
        ' row_height=90, width=600, height=300, key="cards", dense=True)\n'
        "st.grid(2, gap=None)\n"
    )
    cards, plain = at.grid
    assert (cards.column_count, cards.min_column_width, cards.wrap, cards.gap) == (4, 120, False, ("large", 12))
    assert (cards.vertical_alignment, cards.border, cards.row_height, cards.dense) == ("center", True, 90, True)
    assert (cards.width, cards.height) == (600, 300)
    assert plain.gap is None and plain.props["row_gap"] is None


def test_cells_group_elements_and_span_columns_and_rows() -> None:
    at = app(
        'g = st.grid(3, key="g")\n'
        'with g.cell(column_span="all"):\n'
        '    st.markdown("**Featured**")\n'
        '    st.caption("wide")\n'
        'g.cell(column_span=2, row_span=3).write("big")\n'
        'g.markdown("card")\n'
    )
    assert at.exception == []
    grid = at.grid[0]
    assert kinds(grid) == ["grid_cell", "grid_cell", "markdown"]
    featured, big, card = grid.children
    assert isinstance(featured, Block) and isinstance(big, Block)
    assert featured.props == {"column_span": "all", "row_span": 1} and big.props == {"column_span": 2, "row_span": 3}
    assert featured.markdown.values == ["**Featured**"] and featured.caption.values == ["wide"]
    assert big.markdown.values == ["big"] and at.container == []  # a cell is not a container (as in Streamlit)


def test_a_cell_is_a_plain_container_and_a_grid_nests() -> None:
    at = app(
        "g = st.grid(2)\n"
        "cell = g.cell()\n"
        "inner = cell.grid(2)\n"
        'inner.text("a")\n'
        'cell.columns(2)[1].text("b")\n'
        'st.text(type(g).__name__ + " " + type(cell).__name__ + " " + str(hasattr(type(cell), "cell")))\n'
    )
    assert at.exception == []
    assert len(at.grid) == 2 and at.grid[1].text.values == ["a"]
    assert at.text.values[-1] == "GridContainer Container False"


def test_empty_keeps_a_cell_that_later_writes_fill() -> None:
    at = app('g = st.grid(2)\nslot = g.empty()\ng.text("second")\nslot.text("first")')
    assert [c.kind for c in at.grid[0].children] == ["text", "text"]
    assert at.grid[0].text.values == ["first", "second"]


@pytest.mark.parametrize(
    "call, words",
    [
        ("st.grid(0)", "columns must be from 1 to 24"),
        ("st.grid(25)", "columns must be from 1 to 24"),
        ('st.grid("3")', "columns must be 'auto' or a whole number"),
        ("st.grid(2.0)", "columns must be 'auto' or a whole number"),
        ("st.grid([1, 2])", "columns must be 'auto' or a whole number"),
        ("st.grid(wrap=False)", "wrap=False needs a number of columns"),
        ('st.grid(wrap="no")', "wrap must be True or False"),
        ("st.grid(border=None)", "border must be True or False"),
        ("st.grid(dense=1)", "dense must be True or False"),
        ("st.grid(min_column_width=0)", "min_column_width must be 'auto' or a positive"),
        ('st.grid(min_column_width="wide")', "min_column_width must be 'auto' or a positive"),
        ("st.grid(row_height=0)", "row_height must be 'content' or a positive"),
        ('st.grid(gap="huge")', "gap must be one of"),
        ("st.grid(gap=-1)", "gap must be one of"),
        ("st.grid(gap=(1, 2, 3))", "gap must be one gap or a pair"),
        ('st.grid(vertical_alignment="middle")', "vertical_alignment must be one of"),
        ('st.grid(width="content")', "width must be"),
        ('st.grid(height="tall")', "height must be"),
        ("st.grid(3).cell(column_span=4)", "column_span must be from 1 to the grid's 3 columns"),
        ("st.grid().cell(column_span=0)", "column_span must be 'all' or a positive"),
        ('st.grid().cell(column_span="half")', "column_span must be 'all' or a positive"),
        ("st.grid().cell(row_span=0)", "row_span must be a positive"),
    ],
)
def test_arguments_that_do_not_fit_are_errors_naming_the_call(call: str, words: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError", call
    assert "grid()" in at.exception[0].message and words in at.exception[0].message, at.exception[0].message


def test_an_auto_grid_may_span_any_number_of_columns() -> None:
    at = app('st.grid().cell(column_span=30).write("x")')
    assert at.exception == [] and at.grid[0].children[0].props["column_span"] == 30


GRID_APP = """
st.title("Cards")
cards = st.grid(4, gap="small", border=True, key="cards")
for i in range(6):
    cards.button(f"card {i}", key=f"card{i}")
with cards.cell(column_span="all"):
    st.markdown("wide cell")
fixed = st.grid(5, wrap=False, min_column_width=150, key="fixed")
for i in range(5):
    fixed.text(f"f{i}")
clicked = [i for i in range(6) if st.session_state.get(f"card{i}")]
st.text(f"clicked {clicked}")
"""


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return dict(found)


def columns_of(grid: Any) -> int:
    """How many columns a grid lays out: the distinct left edges of its frames."""
    lefts = grid.locator(":scope > .grid-item").evaluate_all(
        "frames => frames.map(f => Math.round(f.getBoundingClientRect().left))"
    )
    return len(set(lefts))


@pytest.mark.browser
def test_a_grid_lays_its_cells_into_columns_that_wrap_with_the_width(context: Any) -> None:
    with running_engine("import porch as st\n" + GRID_APP) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server.url)
        expect(page.get_by_text("clicked []")).to_be_visible()
        cards, fixed = page.locator(".grid").first, page.locator(".grid").nth(1)
        # The centered layout's column is 46rem (736 px): four columns of 200 px do not fit with their gaps, three do.
        expect(cards).to_have_attribute("data-column-count", "3")
        assert columns_of(cards) == 3
        frames = cards.locator(":scope > .grid-item")
        expect(frames).to_have_count(7)
        tops = [box(frames.nth(i))["y"] for i in range(6)]
        assert tops[0] == tops[1] == tops[2] < tops[3] == tops[4] == tops[5], "six cells in two rows of three"
        wide = box(frames.nth(6))
        assert abs(wide["width"] - box(cards)["width"]) < 1 and wide["y"] > tops[5], "'all': a row of its own"
        assert frames.first.evaluate("f => getComputedStyle(f).borderTopStyle") == "solid"

        page.evaluate("document.body.dataset.layout = 'wide'")
        expect(cards).to_have_attribute("data-column-count", "4")  # at most columns=4, though five would fit
        assert columns_of(cards) == 4
        page.set_viewport_size({"width": 400, "height": 900})
        expect(cards).to_have_attribute("data-column-count", "1")
        assert columns_of(cards) == 1

        # wrap=False keeps its five columns at any width, min_column_width each at least, and scrolls sideways.
        expect(fixed).to_have_attribute("data-column-count", "5")
        first, last = box(fixed.locator(".grid-item").first), box(fixed.locator(".grid-item").last)
        assert first["y"] == last["y"] and first["width"] >= 149.5
        assert fixed.evaluate("g => g.scrollWidth > g.clientWidth"), "it scrolls sideways"

        page.set_viewport_size({"width": 1280, "height": 900})
        cards.get_by_role("button", name="card 4").click()
        expect(page.get_by_text("clicked [4]")).to_be_visible()
