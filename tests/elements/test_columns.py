"""``columns`` (and each ``column`` in it): st.columns, their widths, gap and alignment, nesting."""

from __future__ import annotations

from porch.testing import Block
from support import app, kinds


def test_columns_from_an_int_have_equal_widths() -> None:
    at = app('a, b, c = st.columns(3)\na.write("A")\nc.write("C")\nb.write("B")')
    assert len(at.columns) == 3
    assert [col.props["width"] for col in at.columns] == [1 / 3] * 3
    assert [col.markdown.values for col in at.columns] == [["A"], ["B"], ["C"]]
    assert kinds(at.main) == ["columns"]


def test_columns_from_widths_and_gap() -> None:
    at = app('cols = st.columns([3, 1], gap="large", vertical_alignment="bottom")')
    assert [col.props["width"] for col in at.columns] == [0.75, 0.25]
    row = at.main.children[0]
    assert isinstance(row, Block)
    assert row.props["gap"] == "large"
    assert row.props["vertical_alignment"] == "bottom"


def test_columns_with_statement() -> None:
    at = app('left, right = st.columns(2)\nwith right:\n    st.button("R")\nwith left:\n    st.button("L")\nst.write("below")')
    assert at.columns[0].button[0].label == "L"
    assert at.columns[1].button[0].label == "R"
    assert kinds(at.main) == ["columns", "markdown"]


def test_nested_columns() -> None:
    at = app('outer = st.columns(2)\nwith outer[0]:\n    inner = st.columns(2)\n    inner[1].write("deep")')
    assert len(at.columns) == 4
    assert at.columns[0].columns[1].markdown.values == ["deep"]


def test_bad_column_specs_are_errors() -> None:
    for spec in ("0", "[]", "[1, -1]", '2, gap="huge"', '2, vertical_alignment="middle"'):
        at = app(f"st.columns({spec})")
        assert at.exception[0].props["type"] == "PorchAPIError", spec


def test_each_column_is_a_column_block_of_the_row() -> None:
    at = app('a, b = st.columns([1, 3])\nb.write("B")')
    row = at.main.children[0]
    assert isinstance(row, Block) and row.kind == "columns"
    assert [(col.kind, col.props["width"]) for col in row.children] == [("column", 0.25), ("column", 0.75)]
