"""``dataframe``: any data as a table whose frame stays on the server; the client asks for the rows it shows.

AppTest checks the element's props, the windows a ``rows`` request gets (sorted on the server), every kind of input,
selections as Streamlit returns them, the store's lifetime and memory (a reference, never a copy) and the protocol's
refusals; Chromium scrolls a 100,000-row frame, sorts by a header and selects a row as a person would.
"""

from __future__ import annotations

import json
import tracemalloc
from typing import Any

import pandas  # noqa: F401 - imported here, once: a script's first import of it can outlast app()'s 3 s under load
import pytest
from playwright.sync_api import expect

from browser_checks import opened_grid
from engine_harness import running_engine
from porch.elements._frames import FIRST_ROWS
from porch.frames import MAX_PENDING, MAX_WINDOW_CELLS, SessionFrames
from porch.protocol import (
    MAX_ROWS_PER_REQUEST,
    ProtocolError,
    Rows,
    delta_message,
    encode_frame,
    parse_client_message,
)
from porch.interfaces import Runtime
from porch.script import Script
from porch.testing import AppTest
from support import app, bad_values, printed_by, send

FRAME = """
import pandas as pd
df = pd.DataFrame({"n": [3, 1, 2, None], "name": ["c", "a", "b", "d"], "x": [0.5, float("nan"), 2.25, 1.0]})
"""


def rows_of(reply: dict[str, Any]) -> list[list[Any]]:
    assert reply["type"] == "rows", reply
    cells: list[list[Any]] = reply["cells"]
    return cells


def test_the_element_carries_columns_row_count_and_first_rows() -> None:
    at = app(FRAME + "st.dataframe(df)")
    frame = at.dataframe[0]
    columns = frame.props["columns"]
    assert [c["label"] for c in columns] == ["", "n", "name", "x"]
    assert [c["dtype"] for c in columns] == ["int", "float", "str", "float"]
    assert [c["index"] for c in columns] == [True, False, False, False]
    assert columns[0]["pinned"] and not columns[1]["pinned"]
    assert all(isinstance(c["width"], int) and c["width"] > 0 for c in columns)
    assert frame.row_count == 4
    assert frame.cells == [[0, 3.0, "c", 0.5], [1, 1.0, "a", None], [2, 2.0, "b", 2.25], [3, None, "d", 1.0]]
    assert frame.props["window"]["pos"] == [0, 1, 2, 3]
    assert (frame.props["width"], frame.props["height"], frame.props["row_height"]) == ("stretch", "auto", 35)
    assert frame.props["placeholder"] is None and frame.placeholder == "" and frame.props["selection_mode"] == [] and frame.props["sortable"]
    assert frame.node.id is None  # no selection: a plain element
    assert frame.value is at._session.frames.table(frame.props["data"]).source  # type: ignore[union-attr]


def test_layout_index_order_and_config() -> None:
    at = app(
        FRAME
        + "st.dataframe(df, width=300, height=200, hide_index=True, column_order=['x', 'name'], row_height=50,"
        " placeholder='-', column_config={'x': st.column_config.NumberColumn('Ex', format='%.1f', width='small',"
        " help='the x', pinned=True, alignment='center'), 'name': 'Name'})\n"
        "st.dataframe(df, use_container_width=False, height='content', column_config={'_index': 'Row', 'n': None})\n"
        "st.dataframe(df, width='content', use_container_width=True, height='stretch')"
    )
    first, second, third = at.dataframe
    assert [c["label"] for c in first.props["columns"]] == ["Ex", "Name"]
    ex = first.props["columns"][0]
    assert (ex["width"], ex["help"], ex["pinned"], ex["align"], ex["type"]) == (75, "the x", True, "center", "number")
    assert ex["config"] == {"format": "%.1f"}
    assert (first.props["width"], first.props["height"], first.props["row_height"]) == (300, 200, 50)
    assert first.props["placeholder"] == "-"
    assert first.cells == [[0.5, "c"], [None, "a"], [2.25, "b"], [1.0, "d"]]
    assert [c["label"] for c in second.props["columns"]] == ["Row", "name", "x"]
    assert (second.props["width"], second.props["height"]) == ("content", "content")
    assert (third.props["width"], third.props["height"]) == ("stretch", "stretch")


@pytest.mark.parametrize(
    "call, message",
    [
        ("st.dataframe(df, height=0)", "height must be"),
        ("st.dataframe(df, width='wide')", "width must be"),
        ("st.dataframe(df, row_height=-1)", "row_height must be"),
        ("st.dataframe(df, on_select='maybe')", "on_select must be"),
        ("st.dataframe(df, selection_default={'selection': {'rows': [0]}})", "selection_default can only"),
        ("st.dataframe(df, on_select='rerun', selection_mode='sideways')", "selection_mode must be"),
        ("st.dataframe(df, on_select='rerun', selection_mode=['single-row', 'multi-row'])", "only one row"),
        ("st.dataframe(df, column_config={'x': 5})", "column_config['x'] must be"),
        ("st.dataframe(df, column_config={'x': {'width': 'huge'}})", "width of column 'x'"),
        ("st.dataframe(object())", "cannot show an object of type builtins.object"),
        ("import numpy as np\nst.dataframe(np.zeros((2, 2, 2)))", "3 dimensions"),
        ("st.dataframe({'a': [1, 2], 'b': [1]})", "same length"),
    ],
)
def test_bad_arguments_are_clear_errors(call: str, message: str) -> None:
    at = app(FRAME + call)
    assert message in at.exception[0].message, at.exception[0].message


def test_windows_come_from_the_server_sorted_there() -> None:
    at = app("import numpy as np\nst.dataframe(np.arange(1000) * 2)")
    frame = at.dataframe[0]
    assert len(frame.cells) == 10 and frame.row_count == 1000  # what its height shows first
    middle = frame.rows(500, 3)
    assert rows_of(middle) == [[500, 1000], [501, 1002], [502, 1004]]
    assert (middle["start"], middle["total"], middle["pos"]) == (500, 1000, [500, 501, 502])
    descending = frame.rows(0, 2, sort=[(1, "desc")])
    assert rows_of(descending) == [[999, 1998], [998, 1996]] and descending["sort"] == [[1, "desc"]]
    assert rows_of(frame.rows(998, 10)) == [[998, 1996], [999, 1998]]  # the end: fewer rows than asked
    assert rows_of(frame.rows(1000, 10)) == []


def test_sorting_is_stable_with_missing_values_last_either_way() -> None:
    at = app(FRAME + "st.dataframe(df)")
    frame = at.dataframe[0]
    up = frame.rows(0, 10, sort=[(1, "asc")])
    assert up["pos"] == [1, 2, 0, 3]
    assert frame.rows(0, 10, sort=[(1, "desc")])["pos"] == [0, 2, 1, 3]
    assert frame.rows(0, 10, sort=[(3, "desc")])["pos"] == [2, 3, 0, 1]
    assert frame.rows(0, 10, sort=[(2, "asc")])["pos"] == [1, 2, 0, 3]
    assert frame.rows(0, 10, sort=[(0, "desc")])["pos"] == [3, 2, 1, 0]


SOURCES = {
    "pandas": "import pandas as pd\ndata = pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})",
    "series": "import pandas as pd\ndata = pd.Series([1, 2], name='a')",
    "index": "import pandas as pd\ndata = pd.Index([1, 2], name='a')",
    "styler": "import pandas as pd\ndata = pd.DataFrame({'a': [1, 2]}).style",
    "polars": "import polars as pl\ndata = pl.DataFrame({'a': [1, 2], 'b': ['x', 'y']})",
    "polars_series": "import polars as pl\ndata = pl.Series('a', [1, 2])",
    "polars_lazy": "import polars as pl\ndata = pl.DataFrame({'a': [1, 2]}).lazy()",
    "arrow": "import pyarrow as pa\ndata = pa.table({'a': [1, 2], 'b': ['x', 'y']})",
    "record_batch": "import pyarrow as pa\ndata = pa.RecordBatch.from_pydict({'a': [1, 2]})",
    "numpy_1d": "import numpy as np\ndata = np.array([1, 2])",
    "numpy_2d": "import numpy as np\ndata = np.array([[1, 10], [2, 20]])",
    "rows_of_dicts": "data = [{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'y'}]",
    "rows_of_lists": "data = [[1, 'x'], [2, 'y']]",
    "scalars": "data = (1, 2)",
    "columns": "data = {'a': [1, 2], 'b': ['x', 'y']}",
    "key_values": "data = {'first': 1, 'second': 2}",
    "generator": "data = (i for i in (1, 2))",
    "dataclasses": (
        "from dataclasses import dataclass\n@dataclass\nclass P:\n    a: int\n    b: str\n"
        "data = [P(1, 'x'), P(2, 'y')]"
    ),
    "namedtuples": "from collections import namedtuple\nP = namedtuple('P', 'a b')\ndata = [P(1, 'x'), P(2, 'y')]",
    "interchange": (
        "import pyarrow as pa\nclass Frame:\n    def __dataframe__(self, nan_as_null=False, allow_copy=True):\n"
        "        return pa.table({'a': [1, 2]}).__dataframe__()\ndata = Frame()"
    ),
    "to_pandas": "import pandas as pd\nclass Frame:\n    def to_pandas(self):\n        return pd.DataFrame({'a': [1, 2]})\ndata = Frame()",
    "to_arrow": "import pyarrow as pa\nclass Frame:\n    def to_arrow(self):\n        return pa.table({'a': [1, 2]})\ndata = Frame()",
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_kind_of_data_shows_its_rows(name: str) -> None:
    # The first run may import a library (pandas' Styler, pyarrow): more than app()'s 3 s on a loaded machine.
    at = AppTest.from_string(
        "import porch as st\n" + SOURCES[name] + "\nst.dataframe(data)\n" + SOURCES[name] + "\nst.table(data)"
    ).run(timeout=30)
    assert not at.exception, at.exception
    frame, table = at.dataframe[0], at.table[0]
    assert frame.row_count == 2 and table.row_count == 2
    data_columns = [c for c in frame.props["columns"] if not c["index"]]
    values = [row[len(frame.props["columns"]) - len(data_columns)] for row in frame.cells]
    expected = {"index": [1, 2], "numpy_2d": [1, 2], "key_values": [1, 2]}.get(name, [1, 2])
    assert values == expected, frame.cells
    hidden = len(frame.props["columns"]) - len(table.props["columns"])  # a table hides a 0..n-1 index, as Streamlit's
    assert table.cells == [row[hidden:] for row in frame.cells]
    descending = frame.rows(0, 2, sort=[(len(frame.props["columns"]) - len(data_columns), "desc")])
    assert descending["pos"] == [1, 0]
    assert frame.value is not None and len(frame.value) == 2


def test_cells_on_the_wire_and_objects_shown_as_text() -> None:
    at = app(
        "import datetime, decimal\nimport numpy as np, pandas as pd\n"
        "class Thing:\n    def __str__(self):\n        return 'a thing'\n"
        "df = pd.DataFrame({\n"
        "    'big': [2**60], 'inf': [float('inf')], 'when': [pd.Timestamp('2024-01-02 03:04:05', tz='UTC')],\n"
        "    'day': [datetime.date(2024, 1, 2)], 'at': [datetime.time(3, 4)], 'span': [pd.Timedelta(hours=1)],\n"
        "    'dec': [decimal.Decimal('1.50')], 'raw': [b'ab'], 'items': [[1, 2.5, None]], 'obj': [{'k': [1]}],\n"
        "    'thing': [Thing()], 'long': ['x' * 5000], 'flag': [True], 'cx': [1 + 2j],\n"
        "})\n"
        "st.dataframe(df, hide_index=True)"
    )
    frame = at.dataframe[0]
    types = {c["label"]: c["dtype"] for c in frame.props["columns"]}
    assert types == {
        "big": "int", "inf": "float", "when": "datetime", "day": "date", "at": "time", "span": "timedelta",
        "dec": "decimal", "raw": "bytes", "items": "list", "obj": "json", "thing": "object", "long": "str",
        "flag": "bool", "cx": "object",
    }
    (row,) = frame.cells
    cells = dict(zip(types, row))
    assert cells["big"] == str(2**60) and cells["inf"] == "inf"
    assert cells["when"] == "2024-01-02T03:04:05+00:00" and cells["day"] == "2024-01-02" and cells["at"] == "03:04:00"
    assert cells["span"] == "0 days 01:00:00" and cells["dec"] == "1.50" and cells["raw"] == "b'ab'"
    assert cells["items"] == [1, 2.5, None] and json.loads(cells["obj"]) == {"k": [1]}
    assert cells["thing"] == "a thing" and len(cells["long"]) == 2000 and cells["flag"] is True
    assert cells["cx"] == "(1+2j)"


def test_a_styler_formats_and_colours_the_cells_sent() -> None:
    at = AppTest.from_string(  # a first import of pandas' Styler may take more than app()'s 3 s
        "import porch as st\nimport pandas as pd\n"
        "df = pd.DataFrame({'a': range(200), 'b': [1.5] * 200})\n"
        "styled = df.style.format({'b': '{:.2f} kg'}).map(lambda v: 'color: red' if v % 2 else '', subset=['a'])\n"
        "st.dataframe(styled)"
    ).run(timeout=30)
    frame = at.dataframe[0]
    window = frame.props["window"]
    assert window["text"][1] == [None, "1", "1.50 kg"]
    assert window["css"][1][1] == "color: red" and window["css"][0][1] is None
    later = frame.rows(151, 2)
    assert later["text"] == [[None, "151", "1.50 kg"], [None, "152", "1.50 kg"]]
    assert later["css"][0][1] == "color: red" and later["css"][1][1] is None
    assert len(window["cells"]) == 10  # styles are computed for the cells sent; the others wait for their window


def test_only_plain_styles_reach_the_client() -> None:
    from porch.elements._frames import style_text

    assert style_text([("color", "red"), ("font-weight", "bold")]) == "color: red; font-weight: bold"
    assert style_text([("background", "url(javascript:alert(1))")]) is None
    assert style_text([("position", "fixed"), ("background-color", "#ff0")]) == "background-color: #ff0"


SELECTABLE = FRAME + """
event = st.dataframe(df, key="pick", on_select="rerun", selection_mode=["multi-row", "single-column", "single-cell"])
st.write(f"rows {event.selection.rows} columns {event['selection']['columns']} cells {event.selection.cells}")
"""


def test_a_selection_comes_back_as_streamlit_returns_it() -> None:
    at = app(SELECTABLE)
    frame = at.dataframe[0]
    assert frame.node.id == "k:pick"
    assert at.markdown[0].value == "rows [] columns [] cells []"
    assert [c["label"] for c in frame.props["columns"]] == ["n", "name", "x"]  # a range index hides for rows
    assert frame.props["selection_mode"] == ["multi-row", "single-cell", "single-column"]
    assert not frame.props["sortable"]  # column selection turns sorting off, as in Streamlit
    frame.select(rows=[2, 0], columns=["x"], cells=[(1, "name")]).run()
    assert at.markdown[0].value == "rows [2, 0] columns ['x'] cells [(1, 'name')]"
    assert at.session_state["pick"] == {"selection": {"rows": [2, 0], "columns": ["x"], "cells": [(1, "name")]}}
    assert at.dataframe[0].selection.selection.rows == [2, 0]


def test_a_callback_runs_and_session_state_and_defaults_set_the_selection() -> None:
    source = FRAME + (
        "def picked():\n    st.session_state.log = st.session_state.get('log', 0) + 1\n"
        "if 'preset' in st.session_state.get('mode', ''):\n"
        "    st.session_state.pick = {'selection': {'rows': [3, 99]}}\n"
        "event = st.dataframe(df, key='pick', on_select=picked, selection_mode='single-row',"
        " selection_default={'selection': {'rows': [1]}})\n"
        "st.write(f'rows {event.selection.rows} log {st.session_state.get(\"log\", 0)}')\n"
    )
    at = AppTest.from_string("import porch as st\n" + source).run()
    assert at.markdown[0].value == "rows [1] log 0"
    at.dataframe[0].select(rows=[2]).run()
    assert at.markdown[0].value == "rows [2] log 1"
    at.session_state["mode"] = "preset"
    at.run()
    assert at.markdown[0].value == "rows [3] log 1"  # a row out of range is dropped, as Streamlit does


@pytest.mark.parametrize(
    "wire",
    [
        '{"selection": {"rows": [7]}}',  # no such row
        '{"selection": {"columns": ["nope"]}}',  # no such column
        '{"selection": {"rows": [0, 1]}}',  # two rows in a single-row mode
        '{"selection": {"cells": [[0, "n"]]}}',  # cells not allowed
        '{"selection": {"rows": "0"}}',
        '{"selection": {"rows": [true]}}',
        '{"selection": {}, "extra": 1}',
        '{"selection": {"rows": [NaN]}}',
        "not json",
        '["selection"]',
        5,
        ["a"],
    ],
)
def test_a_hostile_selection_is_refused(wire: Any) -> None:
    at = app(FRAME + "e = st.dataframe(df, on_select='rerun', selection_mode=['single-row', 'multi-column'])\n"
             "st.write(f'rows {e.selection.rows}')")
    send(at, {str(at.dataframe[0].node.id): wire})
    assert bad_values(at), wire
    assert at.markdown[0].value == "rows []"


@pytest.mark.parametrize(
    "message, code",
    [
        ({"id": "x", "start": 0, "count": 0}, "bad_message"),
        ({"id": "x", "start": 0, "count": MAX_ROWS_PER_REQUEST + 1}, "bad_message"),
        ({"id": "x", "start": -1, "count": 10}, "bad_message"),
        ({"id": "x", "start": 2**60, "count": 10}, "bad_message"),
        ({"id": "x", "start": 1.5, "count": 10}, "bad_message"),
        ({"id": "x", "start": True, "count": 10}, "bad_message"),
        ({"id": "", "start": 0, "count": 10}, "bad_message"),
        ({"id": "x" * 65, "start": 0, "count": 10}, "bad_message"),
        ({"id": 5, "start": 0, "count": 10}, "bad_message"),
        ({"id": "x", "start": 0, "count": 10, "sort": [[0, "up"]]}, "bad_message"),
        ({"id": "x", "start": 0, "count": 10, "sort": [[-1, "asc"]]}, "bad_message"),
        ({"id": "x", "start": 0, "count": 10, "sort": [[0, "asc"], [0, "desc"]]}, "bad_message"),
        ({"id": "x", "start": 0, "count": 10, "sort": [[i, "asc"] for i in range(5)]}, "bad_message"),
        ({"id": "x", "start": 0, "count": 10, "sort": "0"}, "bad_message"),
        ({"id": "x", "start": 0, "count": 10, "extra": 1}, "bad_message"),
        ({"start": 0, "count": 10}, "bad_message"),
    ],
)
def test_a_malformed_rows_request_is_refused(message: dict[str, Any], code: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        parse_client_message(json.dumps({"type": "rows", **message}))
    assert refused.value.code == code


def test_a_well_formed_request_parses() -> None:
    parsed = parse_client_message('{"type": "rows", "id": "abc", "start": 5, "count": 20, "sort": [[1, "desc"]]}')
    assert parsed == Rows(id="abc", start=5, count=20, sort=((1, True),))


def test_requests_beyond_the_frame_unknown_ids_and_other_sessions_ids() -> None:
    at = app(FRAME + "st.dataframe(df)")
    other = app(FRAME + "st.dataframe(df)")
    data_id = at.dataframe[0].props["data"]
    at.send(Rows(id=data_id, start=5, count=10))
    assert at.errors[-1]["code"] == "bad_rows"
    at.send(Rows(id=data_id, start=0, count=10, sort=((9, False),)))
    assert at.errors[-1]["code"] == "bad_rows"
    for asking, name in ((at, "unknown"), (other, data_id)):
        asking.send(Rows(id=name, start=0, count=10))
        reply = [m for m in asking.messages if m["type"] == "rows"][-1]
        assert reply == {"type": "rows", "id": name, "start": 0, "sort": [], "missing": True}
    assert other.dataframe[0].props["data"] != data_id  # ids are the session's own


def test_a_wide_frame_answers_fewer_rows_than_asked() -> None:
    at = app("import numpy as np\nst.dataframe(np.zeros((500, 200)))")
    reply = at.dataframe[0].rows(0, 1000)
    assert len(reply["cells"]) == MAX_WINDOW_CELLS // 201


def test_waiting_requests_are_bounded() -> None:
    replies: list[dict[str, Any]] = []
    frames = SessionFrames()
    frames._working = True  # a window is being made: the others wait
    for start in range(MAX_PENDING + 3):
        frames.request(Rows(id="gone", start=start, count=1), replies.append)
    assert [r["start"] for r in replies] == [0, 1, 2] and all(r["skipped"] for r in replies)
    assert len(frames._pending) == MAX_PENDING


def test_frames_are_let_go_when_no_run_shows_them() -> None:
    at = app(
        "import pandas as pd\n@st.cache_resource\ndef load():\n    return pd.DataFrame({'n': [3, 1, 2, 4]})\n"
        "df = load()\n"
        "if st.session_state.get('show', True):\n    st.dataframe(df)\n"
        "slot = st.empty()\nfor i in range(20):\n    slot.dataframe(df.head(i % 3 + 1))\n"
    )
    frames = at._session.frames
    assert len(frames) == 2  # the placeholder holds its last frame only
    first = at.dataframe[0].props["data"]
    at.run()
    assert at.dataframe[0].props["data"] == first and len(frames) == 2  # the same frame keeps its id
    at.session_state["show"] = False
    at.run()
    assert len(frames) == 1 and frames.table(first) is None
    at.close()
    assert len(frames) == 0


def test_a_million_rows_send_a_small_first_message_and_are_not_copied() -> None:
    import numpy as np
    import pandas as pd

    df = pd.DataFrame(np.random.default_rng(0).random((1_000_000, 10)), columns=[f"c{i}" for i in range(10)])

    def script(frame: object) -> None:
        import porch as st

        st.dataframe(frame)

    at = AppTest.from_function(script, args=(df,))
    tracemalloc.start()
    try:
        at.run(timeout=30)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000, peak  # the frame is 80 MB: it was neither copied nor converted
    frame = at.dataframe[0]
    held = at._session.frames.table(frame.props["data"])
    assert held is not None and held.source is df and held.backend.df is df  # type: ignore[attr-defined]
    assert frame.row_count == 1_000_000 and len(frame.cells) == 10  # the rows its height ("auto") shows
    delta = next(m for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "dataframe")
    size = len(encode_frame([delta_message(tuple(delta["path"]), delta["element"])]))
    assert size < 32_000, size
    middle = frame.rows(500_000, 100, sort=[(3, "desc")])
    assert len(middle["cells"]) == 100
    assert middle["cells"][0][3] >= middle["cells"][-1][3]
    assert at._session.frames.order_bytes == 8_000_000  # one order of the rows, kept for the next windows


@pytest.mark.browser
def test_a_person_scrolls_sorts_and_selects_in_chromium(context: Any) -> None:
    source = (
        "import numpy as np, pandas as pd\n"
        "df = pd.DataFrame({'n': np.arange(100_000), 'label': [f'item {i:06d}' for i in range(100_000)]})\n"
        "event = st.dataframe(df, on_select='rerun', selection_mode='single-row', height=400)\n"
        "st.write(f'picked {event.selection.rows}')\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page, grid = opened_grid(context, server.url, "item 000000")
        expect(grid.get_by_role("row").filter(has_text="item 000009")).to_be_visible()
        grid.evaluate("node => { node.scrollTop = 50_000 * 35; }")
        expect(grid.get_by_role("row").filter(has_text="item 050000")).to_be_visible()
        expect(grid.get_by_role("row").filter(has_text="item 050003")).to_be_visible()
        expect(grid.get_by_role("row").filter(has_text="item 000000")).to_have_count(0)
        header = grid.get_by_role("columnheader").filter(has_text="label")
        header.get_by_role("button").first.click()  # ascending (the sort button, before the column menu's)
        header.get_by_role("button").first.click()  # descending
        expect(header).to_have_attribute("aria-sort", "descending")
        expect(grid.get_by_role("row").filter(has_text="item 049999")).to_be_visible()
        grid.evaluate("node => { node.scrollTop = 0; }")
        expect(grid.get_by_role("row").filter(has_text="item 099999")).to_be_visible()
        grid.get_by_role("checkbox", name="Select row 99998").check()
        expect(page.get_by_text("picked [99998]")).to_be_visible()
        expect(grid.get_by_role("checkbox", name="Select row 99998")).to_be_checked()


def test_column_types_reach_the_client_with_their_options() -> None:
    at = AppTest.from_string(
        "import streamlit as st\nfrom streamlit.column_config import LinkColumn\nimport datetime\n"
        "data = {'site': ['https://a.example'], 'done': [True], 'share': [0.5], 'trend': [[1, 3, 2]],\n"
        "        'when': [datetime.date(2024, 5, 1)], 'tags': [['x', 'y']], 'pic': ['https://a.example/p.png']}\n"
        "st.dataframe(data, hide_index=True, column_config={\n"
        "    'site': LinkColumn('Site', display_text='Open'), 'done': st.column_config.CheckboxColumn(),\n"
        "    'share': st.column_config.ProgressColumn(format='percent', min_value=0, max_value=1),\n"
        "    'trend': st.column_config.LineChartColumn(y_min=0, y_max=5, color='#ff0000'),\n"
        "    'when': st.column_config.DateColumn(format='MMM YYYY'), 'tags': st.column_config.ListColumn(),\n"
        "    'pic': st.column_config.ImageColumn(width=120)})\n"
    ).run()
    columns = {c["label"]: c for c in at.dataframe[0].props["columns"]}
    assert {name: c["type"] for name, c in columns.items()} == {
        "Site": "link", "done": "checkbox", "share": "progress", "trend": "line_chart", "when": "date",
        "tags": "list", "pic": "image",
    }
    assert columns["Site"]["config"] == {"display_text": "Open"}
    assert columns["share"]["config"] == {"format": "percent", "min_value": 0, "max_value": 1}
    assert columns["trend"]["config"] == {"y_min": 0, "y_max": 5, "color": "#ff0000"}
    assert columns["when"]["config"] == {"format": "MMM YYYY"} and columns["pic"]["width"] == 120
    assert at.dataframe[0].cells == [["https://a.example", True, 0.5, [1, 3, 2], "2024-05-01", ["x", "y"],
                                      "https://a.example/p.png"]]


def test_a_small_frame_made_anew_by_each_run_is_not_sent_again() -> None:
    at = app("st.dataframe([[1, 'a'], [2, 'b']])\nst.button('again')")
    before = len(at.messages)
    at.button[0].click().run()
    deltas = [m for m in at.messages[before:] if m["type"] == "delta" and m["element"]["kind"] == "dataframe"]
    assert deltas == [] and len(at._session.frames) == 1


def test_a_long_frame_brings_the_rows_its_height_shows_and_a_short_one_all_its_rows() -> None:
    """The element carries what the first paint shows (the client asks for the rest as it scrolls, after that paint);
    a frame of at most 50 rows comes whole, its rows its identity. Column widths still come from the first 50 rows."""
    at = AppTest.from_string(  # a first import of pandas may take more than app()'s 3 s
        "import porch as st\nimport pandas as pd\n"
        "df = pd.DataFrame({'n': range(1000), 'w': ['x'] * 30 + ['a much longer text than the rest'] + ['y'] * 969})\n"
        "st.dataframe(df)\nst.dataframe(df, height=600)\nst.dataframe(df, height=600, row_height=100)\n"
        "st.dataframe(df, height=20)\nst.dataframe(df, height='content')\nst.dataframe(df, height='stretch')\n"
        "st.dataframe(df.head(40))\nst.dataframe(df.head(40), height=100)\n"
    ).run(timeout=30)
    shown = [len(frame.cells) for frame in at.dataframe]
    assert shown == [10, 17, 5, 1, 50, 50, 40, 40]
    for frame in at.dataframe:
        assert frame.props["window"]["pos"] == list(range(len(frame.cells)))
        assert frame.cells[0] == [0, 0, "x"]
    wide = at.dataframe[0].props["columns"][2]["width"]
    assert wide == at.dataframe[6].props["columns"][2]["width"] and wide > 200  # row 30's text, not sent, counted
    assert at.dataframe[1].rows(17, 3)["cells"] == [[17, 17, "x"], [18, 18, "x"], [19, 19, "x"]]


def test_showing_a_pandas_frame_does_not_import_the_styler() -> None:
    """pandas' Styler module (and jinja2 with it) costs 0.1-0.3 s to import: a frame that is no Styler goes without."""
    assert printed_by(
        "import sys\n"
        "from porch.testing import AppTest\n"
        "at = AppTest.from_string('import porch as st\\nimport pandas as pd\\n"
        "st.dataframe(pd.DataFrame({\"a\": [1.5, 2.5]}))').run(timeout=60)\n"
        "print(at.dataframe[0].cells, 'pandas.io.formats.style' in sys.modules)\n"
    ) == "[[0, 1.5], [1, 2.5]] False"


def served(source: str) -> AppTest:
    """Run a script (the lines after ``import porch as st``) in a session as a shell's engine runs it: AppTest's
    session reads every table eagerly, as Streamlit's AppTest does, where the engine reads lazily what Streamlit's
    server does."""
    script = Script.from_string("import porch as st\n" + source)
    return AppTest(script, runtime=Runtime(mode="headless", local_client=False)).run(timeout=60)


#: A DB-API cursor over ``ROWS`` rows (10,000 unless the script sets it first).
CURSOR = """
import sqlite3
connection = sqlite3.connect(":memory:")
connection.execute("create table t (n integer, label text)")
connection.executemany("insert into t values (?, ?)", [(i, f"r{i}") for i in range(globals().get("ROWS", 10_000))])
cursor = connection.execute("select * from t")
"""


@pytest.mark.parametrize(
    ("call", "message"),
    [
        # Streamlit 1.67's messages (its AppTest, same calls), in its order: a Styler first, then a selection.
        ("st.dataframe(df.style, lazy=True, on_select='rerun')",
         "`lazy=True` is not supported for `pandas.Styler` objects. Styler output is tied to the fully materialized "
         "table. Remove `lazy=True` or pass the underlying dataframe instead."),
        ("st.dataframe(df, lazy=True, on_select='rerun')",
         "`lazy=True` and `on_select` cannot be used together. Lazy dataframes cannot use position-based selection in "
         'this version. Set `on_select="ignore"` or remove `lazy=True`.'),
        ("st.dataframe(pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([('a', 'x'), ('a', 'y')])), lazy=True)",
         "`lazy=True` is not supported for dataframes with multi-level (`MultiIndex`) column headers. Flatten the "
         "column headers or set `lazy=False`."),
        # Streamlit's server (not its AppTest, which keeps every frame eager before it gets there): no lazy reader.
        (CURSOR + "st.dataframe(cursor, lazy=True)",
         "`lazy=True` is not supported for this object because no lazy adapter is available for it yet."),
    ],
)
def test_lazy_true_refuses_what_streamlits_refuses(call: str, message: str) -> None:
    at = served(FRAME + call)
    assert len(at.exception) == 1 and message in at.exception[0].message, at.exception
    without = served(FRAME + call.replace("lazy=True", "lazy=None"))
    assert not without.exception, without.exception
    # Streamlit's AppTest refuses the first three alone: it previews an object it has no lazy reader for.
    under_apptest = app(FRAME + call)
    assert bool(under_apptest.exception) == (CURSOR not in call), under_apptest.exception


LAZY_FRAME = """
import polars as pl
seen = []
def record(x):
    seen.append(x)
    return x
lf = pl.LazyFrame({"n": range(50_000)}).with_columns(m=pl.col("n").map_elements(record, return_dtype=pl.Int64))
st.dataframe(lf)
st.text(f"read {len(seen)}")
small = lf.head(2_000)
st.dataframe(small)
st.text(f"read {len(seen)}")
st.dataframe(small, lazy=True)
st.text(f"read {len(seen)}")
st.dataframe(lf, lazy=False)
st.text(f"read {len(seen)}")
"""


def test_a_lazyframe_streamlit_reads_lazily_is_read_a_window_at_a_time() -> None:
    # As Streamlit 1.67's server decides: over 10,000 rows by default, over 1,000 with lazy=True, never with
    # lazy=False (its preview: the first 10,000 rows). `seen` holds every row polars computed: a window's rows, not
    # the frame's.
    at = served(LAZY_FRAME)
    assert not at.exception, at.exception
    first = FIRST_ROWS  # what the element reads first (its first rows, and its columns' widths measured from them)
    assert at.text.values == [f"read {first}", f"read {first + 2_000}", f"read {first * 2 + 2_000}",
                              f"read {first * 2 + 12_000}"]
    assert at.caption.values == [PREVIEWED.format("Call `collect()` on the dataframe to show more.")]
    assert [len(table.value) for table in at.dataframe] == [50_000, 2_000, 2_000, 10_000]
    frame = at.dataframe[0]
    assert frame.row_count == 50_000
    assert rows_of(frame.rows(30_000, 3)) == [[30_000, 30_000], [30_001, 30_001], [30_002, 30_002]]
    descending = frame.rows(10, 2, sort=[(1, "desc")])
    assert rows_of(descending) == [[49_989, 49_989], [49_988, 49_988]] and descending["pos"] == [49_989, 49_988]
    assert len(frame.value) == 50_000


#: Streamlit 1.67's caption before a capped preview (its ``dataframe_util``), with the hint of the object's kind.
PREVIEWED = "⚠️ Showing only 10k rows. {}"

#: Objects Streamlit previews, known by their type's name as it knows them (the libraries are not installed here):
#: each reads the rows asked of it, of ``TOTAL`` (set before this), by the means Streamlit's preview calls.
UNEVALUATED = """
import pandas as pd
def typed(module, name, methods):
    kind = type(name, (), methods)
    kind.__module__ = module
    return kind()
def frame(n):
    return pd.DataFrame({"n": range(min(n, TOTAL))})
class Limited:
    def __init__(self, n):
        self.n = n
    def df(self):
        return frame(self.n)
    toPandas = to_pandas = df
def everything(self):
    raise AssertionError("read whole")
limit = {"limit": lambda self, n: Limited(n), "toPandas": everything, "to_pandas": everything, "df": everything}
previewed = [
    typed("duckdb.duckdb", "DuckDBPyRelation", limit),
    typed("pyspark.sql.dataframe", "DataFrame", limit),
    typed("snowflake.snowpark.dataframe", "DataFrame", limit),
    typed("dask.dataframe.dask_expr._collection", "Series",
          {"head": lambda self, n, compute: frame(n)["n"], "compute": everything}),
    typed("modin.pandas.dataframe", "DataFrame",
          {"head": lambda self, n: typed("m", "Head", {"_to_pandas": lambda head: frame(n)}),
           "_to_pandas": everything}),
    cursor,
    lambda: (yield from range(TOTAL)),
    pl.LazyFrame({"n": range(TOTAL)}),
]
for data in previewed:
    st.dataframe(data, lazy=False)
st.dataframe(pl.LazyFrame({"n": range(TOTAL)}), on_select="rerun")  # under a selection too
with st.sidebar:
    st.dataframe(pl.LazyFrame({"n": range(TOTAL)}), lazy=False)  # the caption goes where Streamlit's goes
"""

HINTS = [
    "Call `df()` on the relation to show more.",
    "Call `toPandas()` on the data object to show more.",
    "Call `to_pandas()` on the data object to show more.",
    "Call `compute()` on the data object to show more.",
    "Call `_to_pandas()` on the data object to show more.",
    "Call `fetchall()` on the Cursor to show more.",
    "Convert the data to a list to show more.",
    "Call `collect()` on the dataframe to show more.",
    "Call `collect()` on the dataframe to show more.",
]


@pytest.mark.parametrize("total", [20_000, 10_000, 9_999])
def test_an_unevaluated_object_shows_streamlits_capped_preview(total: int) -> None:
    # As Streamlit 1.67 (its AppTest, the same objects): the first 10,000 rows, and its caption before the table when
    # the preview holds that many, 10,000 rows included (its test is `==`).
    source = f"import polars as pl\nTOTAL = ROWS = {total}\n" + CURSOR + UNEVALUATED
    for at in (served(source), app(source)):
        assert not at.exception, at.exception
        assert [len(table.value) for table in at.dataframe] == [min(total, 10_000)] * 10
        assert [(table.row_count, list(table.value.columns)) for table in at.dataframe[:6]] == [
            (min(total, 10_000), ["n"])] * 5 + [(min(total, 10_000), ["n", "label"])]
        captions = [PREVIEWED.format(hint) for hint in HINTS] if total >= 10_000 else []
        assert at.main.caption.values == captions
        assert at.sidebar.caption.values == captions[-1:]
        kinds = [child.kind for child in at.main.children]
        assert kinds == (["markdown", "dataframe"] * 9 if captions else ["dataframe"] * 9)  # a caption is markdown


def test_under_apptest_every_lazyframe_shows_its_preview_as_in_streamlits() -> None:
    # Streamlit's AppTest reads every table eagerly, "so Dataframe.value is never silently truncated to the first
    # chunk": a LazyFrame of any size is previewed, and lazy=True previews a cursor rather than refuse it.
    at = app("import polars as pl\n" + CURSOR + "st.dataframe(pl.LazyFrame({'n': range(50_000)}))\n"
             "st.dataframe(cursor, lazy=True)\n")
    assert not at.exception, at.exception
    assert [len(table.value) for table in at.dataframe] == [10_000, 10_000]
    assert at.caption.values == [PREVIEWED.format("Call `collect()` on the dataframe to show more."),
                                 PREVIEWED.format("Call `fetchall()` on the Cursor to show more.")]
