"""Data as Streamlit 1.67 reads it in every element that takes data: an unevaluated object (a database cursor, a
generator function, a polars LazyFrame...) shows its capped preview with Streamlit's caption, and a single column of
plain values is called ``value``. The expected values are Streamlit 1.67's AppTest's, for the same scripts (run in
``benchmarks/.peers-venv``)."""

from __future__ import annotations

from typing import Any

import pytest

from porch.testing import AppTest


def run(source: str) -> AppTest:
    """The script (the lines after ``import porch as st``), run to its end without an error."""
    at = AppTest.from_string("import porch as st\n" + source).run(timeout=60)
    assert not at.exception, at.exception
    return at


#: A cursor over 12,000 rows (more than the 10,000 Streamlit previews), made anew for each element, and a generator
#: function of as many items.
UNEVALUATED = """
import sqlite3
db = sqlite3.connect(":memory:")
db.execute("create table t (lat real, lon real, n integer)")
db.executemany("insert into t values (?, ?, ?)", [(i / 1000, i / 1000, i) for i in range(12_000)])
def many():
    yield from range(12_000)
def two():
    yield 1
    yield 2
"""

CURSOR_HINT = "⚠️ Showing only 10k rows. Call `fetchall()` on the Cursor to show more."
LIST_HINT = "⚠️ Showing only 10k rows. Convert the data to a list to show more."


def test_every_element_that_takes_data_shows_an_unevaluated_objects_capped_preview() -> None:
    # Streamlit 1.67 (its AppTest, the same script): the charts, the map and vega_lite_chart read the first 10,000
    # rows and say so in a caption before the element; a table reads 100; a generator of fewer items has no caption.
    at = run(UNEVALUATED + """
st.line_chart(db.execute("select n from t"))
st.bar_chart(many)
st.map(db.execute("select lat, lon from t"))
st.vega_lite_chart(db.execute("select n from t"), {"mark": "point", "encoding": {"x": {"field": "n"}}})
st.table(two)
st.table(many)
st.scatter_chart(two)
""")
    assert at.caption.values == [
        CURSOR_HINT, LIST_HINT, CURSOR_HINT, CURSOR_HINT,
        "⚠️ Showing only 100 rows. Convert the data to a list to show more.",
    ]
    assert [child.kind for child in at.main.children] == [
        "markdown", "vega_lite_chart", "markdown", "vega_lite_chart", "markdown", "deck_gl_chart", "markdown",
        "vega_lite_chart", "table", "markdown", "table", "vega_lite_chart",
    ]  # a caption is markdown
    _line, bar, vega, scatter = at.vega_lite_chart  # (a line chart draws fewer points than it has: _chart_thinning)
    assert [len(chart.data) for chart in (bar, vega, scatter)] == [10_000, 10_000, 2]
    small, big = at.table
    assert (small.row_count, small.columns, small.cells) == (2, ["value"], [[1], [2]])
    assert not small.props["hide_header"], "Streamlit's table shows the header of a generator's items"
    assert (big.row_count, big.columns) == (100, ["value"])


def test_a_data_editor_edits_an_unevaluated_objects_preview_as_streamlits() -> None:
    # Streamlit 1.67: a cursor's first 10,000 rows, with its caption, come back as a pandas DataFrame; a generator
    # function is refused (its editor has no data format for one), with its message.
    at = run(UNEVALUATED + """
edited = st.data_editor(db.execute("select n from t"))
st.text(f"{type(edited).__name__} {edited.shape} {list(edited.columns)}")
try:
    st.data_editor(many)
except Exception as error:
    st.text(str(error))
""")
    assert at.caption.values == [CURSOR_HINT]
    assert at.text.values == [
        "DataFrame (10000, 1) ['n']",
        "The data type (function) or format is not supported by the data editor. Please convert your data into a "
        "Pandas Dataframe or another supported data format.",
    ]
    assert at.data_editor[0].props["rows"] == 10_000


def test_a_lazyframe_is_previewed_in_a_chart_a_table_and_an_editor() -> None:
    # Streamlit 1.67 reads a LazyFrame with `limit(10_000).collect()` in each (`limit(100)` in a table), and its
    # editor gives the rows back as a polars DataFrame (`pl.from_pandas`).
    at = run("""
import polars as pl
lf = pl.LazyFrame({"n": range(20_000)})
st.bar_chart(lf)
st.table(lf)
edited = st.data_editor(lf)
st.text(f"{type(edited).__name__} {edited.shape}")
""")
    collect = "Call `collect()` on the dataframe to show more."
    assert at.caption.values == [f"⚠️ Showing only 10k rows. {collect}", f"⚠️ Showing only 100 rows. {collect}",
                                 f"⚠️ Showing only 10k rows. {collect}"]
    assert len(at.vega_lite_chart[0].data) == 10_000
    assert at.table[0].row_count == 100
    assert at.text.values == ["DataFrame (10000, 1)"]


#: Data of one column and what Streamlit 1.67 calls it (its ``_fix_column_naming``: a frame it makes of Python data
#: or a NumPy array whose one column pandas would call 0), or keeps (a pandas or pyarrow object's own name).
ONE_COLUMN: list[tuple[str, str]] = [
    ("[1, 2, 3]", "value"),
    ("(1, 2, 3)", "value"),
    ("{1, 2, 3}", "value"),
    ("range(3)", "value"),
    ("{'a': 1, 'b': 2}.keys()", "value"),
    ("{'a': 1, 'b': 2}.values()", "value"),
    ("['a', 'b']", "value"),
    ("[[1], [2]]", "value"),
    ("[(1,), (2,)]", "value"),
    ("np.array([1, 2, 3])", "value"),
    ("np.array([[1], [2]])", "value"),
    ("(i for i in range(3))", "value"),
    ("deque([1, 2])", "value"),
    ("two", "value"),
    ("Color", "value"),
    ("{'a': 1, 'b': 2}", "value"),
    ("pd.Series([1, 2])", "0"),
    ("pd.Index([1, 2])", "0"),
    ("pd.DataFrame({0: [1, 2]})", "0"),
    ("pd.Series([1, 2], name='x')", "x"),
    ("pa.array([1, 2])", "0"),
]

PLAIN = """
import enum
from collections import deque
import numpy as np
import pandas as pd
import pyarrow as pa
class Color(enum.Enum):
    RED = 1
    GREEN = 2
def two():
    yield 1
    yield 2
"""


@pytest.mark.parametrize("element", ["dataframe", "table", "data_editor"])
def test_a_single_column_of_plain_values_is_called_value_as_in_streamlit(element: str) -> None:
    # Streamlit's editor refuses a generator function (test_a_data_editor_edits_...): not given to it here.
    cases = [(data, name) for data, name in ONE_COLUMN if element != "data_editor" or data != "two"]
    at = run(PLAIN + "".join(f"st.{element}({data}, key='{i}')\n" if element == "data_editor" else
                             f"st.{element}({data})\n" for i, (data, _) in enumerate(cases)))
    shown: Any = getattr(at, element)
    headers = [[label(column) for column in table.props["columns"] if not column["index"]] for table in shown]
    assert headers == [[name] for _, name in cases]
    enum_class = shown[[data for data, _ in cases].index("Color")]
    cells = [row[-1] for row in enum_class.props["window"]["cells"]]
    assert cells == [1, 2], "an Enum class shows its members' values, as Streamlit's"


def label(column: dict[str, Any]) -> str:
    """A shown column's header."""
    return str(column["label"])


def test_an_editor_of_plain_values_is_edited_through_its_value_column() -> None:
    # Streamlit's edit state names the column as its frame does: "value".
    at = run("import numpy as np\n"
             "st.text(repr(st.data_editor([1, 2, 3], key='a')))\n"
             "st.text(repr(st.data_editor(np.array([1, 2]), key='b')))\n"
             "st.text(repr(st.data_editor([[1], [2]], key='c')))\n")
    at.data_editor[0].set_value({"edited_rows": {1: {"value": 5}}})
    at.data_editor[1].set_value({"edited_rows": {1: {"value": 7}}})
    at.data_editor[2].set_value({"edited_rows": {0: {"value": 9}}}).run(timeout=60)
    assert not at.exception, at.exception
    assert at.text.values == ["[1, 5, 3]", "array([1, 7])", "[[9], [2]]"]


def test_a_chart_of_plain_values_draws_its_value_column() -> None:
    # Streamlit 1.67's spec for `st.bar_chart(np.array([4, 5]))` and of a list: y is the field "value".
    at = run("import numpy as np\nst.bar_chart(np.array([4, 5]))\nst.bar_chart([1, 2, 3])\n")
    array, values = at.vega_lite_chart
    assert array.spec["encoding"]["y"]["field"] == values.spec["encoding"]["y"]["field"] == "value"
    assert [row["value"] for row in array.data] == [4, 5]
    assert [row["value"] for row in values.data] == [1, 2, 3]


def test_options_and_a_metrics_chart_data_read_an_unevaluated_objects_preview() -> None:
    # Streamlit 1.67 (`convert_anything_to_list`): the first column of the preview, with its caption when capped; a
    # generator function's items. Its AppTest, same script: radio ['0', '1', '2'], metric [1.0, 2.5] and
    # [0.0, 1.0, 2.0], a selectbox of 10,000 options after the cursor's caption.
    at = run(UNEVALUATED + """
st.selectbox("many", db.execute("select n, lat from t"))
st.radio("few", db.execute("select n from t limit 3"))
st.metric("m", 1, chart_data=two)
st.metric("c", 1, chart_data=db.execute("select n from t limit 3"))
""")
    assert at.caption.values == [CURSOR_HINT]
    many, = at.selectbox
    assert (len(many.options), many.options[:2]) == (10_000, ["0", "1"])
    assert at.radio[0].options == ["0", "1", "2"]
    assert [metric.chart_data for metric in at.metric] == [[1.0, 2.0], [0.0, 1.0, 2.0]]


def test_a_polars_frames_first_column_gives_the_options() -> None:
    # Streamlit 1.67 reads a polars DataFrame as its pandas frame, a LazyFrame as its preview: their first column.
    at = run("import polars as pl\n"
             "st.selectbox('frame', pl.DataFrame({'a': ['x', 'y'], 'b': [1, 2]}))\n"
             "st.radio('lazy', pl.LazyFrame({'a': ['u', 'v']}))\n"
             "st.metric('m', 1, chart_data=pl.DataFrame({'n': [3, 4]}))\n")
    assert at.selectbox[0].options == ["x", "y"]
    assert at.radio[0].options == ["u", "v"]
    assert at.metric[0].chart_data == [3.0, 4.0]


def test_a_lazyframe_in_a_chart_sent_as_arrow_is_captioned_only_beyond_its_preview() -> None:
    # Streamlit 1.67 sends vega_lite_chart (and altair_chart) and echarts_chart data as Arrow
    # (`convert_anything_to_arrow_bytes`): it collects a LazyFrame's 10,001 first rows and captions only when there
    # were more than 10,000 (`collect_polars_lazyframe`). Its built-in charts read through pandas
    # (`convert_anything_to_pandas_df`): `limit(10_000)`, captioned when it read that many.
    at = run("""
import polars as pl
exact, more = pl.LazyFrame({"n": range(10_000)}), pl.LazyFrame({"n": range(10_001)})
spec = {"mark": "point", "encoding": {"x": {"field": "n", "type": "quantitative"}}}
st.vega_lite_chart(exact, spec)
st.echarts_chart({"dataset": {"source": exact}, "series": [{"type": "bar"}]})
st.text("beyond")
st.vega_lite_chart(more, spec)
st.echarts_chart({"dataset": {"source": more}, "series": [{"type": "bar"}]})
st.text("built-in")
st.bar_chart(exact)
""")
    hint = "⚠️ Showing only 10k rows. Call `collect()` on the dataframe to show more."
    kinds = [child.kind if child.kind != "markdown" else child.value for child in at.main.children]
    assert kinds == [
        "vega_lite_chart", "echarts_chart", "text", hint, "vega_lite_chart", hint, "echarts_chart", "text",
        hint, "vega_lite_chart",
    ]
    assert [len(chart.data) for chart in at.vega_lite_chart] == [10_000] * 3
    assert [len(chart.spec["dataset"]["source"]) for chart in at.get("echarts_chart")] == [10_000] * 2
