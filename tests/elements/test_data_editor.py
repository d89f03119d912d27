"""``data_editor``: Streamlit 1.67's st.data_editor. The data shows as a dataframe's (the frame stays on the server);
the widget's value is Streamlit's edit state, kept in ``session_state[key]``; the script gets its data back edited, in
the type it gave.

AppTest sets edit states (``at.data_editor[0].set_value(...)``) and checks what the script gets for every kind of
data, the columns' constraints, ``num_rows``, ``disabled``, callbacks and session state; raw wire values sent through
the session (``support.send``) check what the codec refuses, as a hostile or stale browser tab could send them.
Chromium edits a cell with the keyboard and adds and deletes rows as a person would.
"""

from __future__ import annotations

import datetime
import decimal
import json
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest
from porch.testing.elements import AppTestError
from support import app, bad_values, send

PRELUDE = "import datetime, decimal\nimport numpy as np, pandas as pd, polars as pl, pyarrow as pa\n"


def editor_app(data: str, **options: Any) -> AppTest:
    """An app showing ``data`` (an expression) in an editor keyed "ed"; what it returns is ``session_state.out``."""
    given = "".join(f", {name}={value!r}" for name, value in options.items())
    return app(PRELUDE + f"out = st.data_editor({data}, key='ed'{given})\nst.session_state['out'] = out\n")


def out(at: AppTest) -> Any:
    assert not at.exception, at.exception
    return at.session_state["out"]


# ---------------------------------------------------------------------------------------------------------------
# The element: a dataframe's props, and how each column is edited.
# ---------------------------------------------------------------------------------------------------------------


def test_the_element_shows_the_data_as_a_dataframe_does_and_says_how_each_column_is_edited() -> None:
    at = editor_app(
        "pd.DataFrame({'n': [3, 1, 2], 'name': ['c', 'a', 'b'], 'ok': [True, False, True],"
        " 'when': [datetime.date(2024, 1, d) for d in (1, 2, 3)], 'tags': [[1], [2], [3]]})"
    )
    editor = at.data_editor[0]
    assert editor.node.id == "k:ed" and editor.key == "ed"
    props = editor.props
    assert [c["label"] for c in props["columns"]] == ["", "n", "name", "ok", "when", "tags"]
    assert props["rows"] == 3 and props["window"]["cells"][0] == [0, 3, "c", True, "2024-01-01", [1]]
    assert (props["num_rows"], props["sortable"], props["label"], props["label_visibility"]) == (
        "fixed", True, "", "collapsed"
    )
    assert [(e["name"], e["input"]) for e in props["editing"]] == [
        # Lists edit as Streamlit's ListColumn; a cell whose items are not all text stays read-only in the page.
        ("_index", None), ("n", "number"), ("name", "text"), ("ok", "checkbox"), ("when", "date"), ("tags", "list")
    ]
    held = at._session.frames.table(props["data"])
    assert held is not None and held.row_count == 3  # the frame is in the store, its rows asked for as a dataframe's
    assert editor.edit_state == {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    assert editor.value["name"].tolist() == ["c", "a", "b"]  # the table given, as Streamlit's AppTest reads it
    assert out(at).equals(at.session_state["out"]) and isinstance(out(at), pd.DataFrame)


def test_an_unedited_editor_returns_a_copy_and_never_changes_the_scripts_data() -> None:
    at = app(
        "import pandas as pd\n"
        "if 'df' not in st.session_state:\n"
        "    st.session_state.df = pd.DataFrame({'n': [1, 2]})\n"
        "df = st.session_state.df\n"
        "edited = st.data_editor(df, key='ed')\n"
        "st.write(f'same object {edited is df}; data {df.n.tolist()}; edited {edited.n.tolist()}')\n"
    )
    assert at.markdown[0].value == "same object False; data [1, 2]; edited [1, 2]"
    at.data_editor[0].set_value({"edited_rows": {1: {"n": 5}}}).run()
    assert at.markdown[0].value == "same object False; data [1, 2]; edited [1, 5]"


# ---------------------------------------------------------------------------------------------------------------
# Every kind of data comes back in its own type.
# ---------------------------------------------------------------------------------------------------------------

ROUND_TRIPS = [
    ("pd.DataFrame({'n': [1, 2], 's': ['a', 'b']})", pd.DataFrame, {"n": [9, 7], "s": ["a", None]}),
    ("pd.Series([1, 2], name='n')", pd.Series, [9, 7]),
    ("pd.DataFrame({'n': [1, 2], 's': ['a', 'b']}).style", pd.DataFrame, {"n": [9, 7], "s": ["a", None]}),
    ("pd.Index([1, 2], name='n')", pd.DataFrame, {"n": [9, 7]}),
    ("pl.DataFrame({'n': [1, 2], 's': ['a', 'b']})", pl.DataFrame, {"n": [9, 7], "s": ["a", None]}),
    ("pl.DataFrame({'n': [1, 2], 's': ['a', 'b']}).lazy()", pl.DataFrame, {"n": [9, 7], "s": ["a", None]}),
    ("pl.Series('n', [1, 2])", pl.Series, [9, 7]),
    ("pa.table({'n': [1, 2], 's': ['a', 'b']})", pa.Table, {"n": [9, 7], "s": ["a", None]}),
    ("pa.record_batch({'n': [1, 2], 's': ['a', 'b']})", pa.RecordBatch, {"n": [9, 7], "s": ["a", None]}),
    ("pa.array([1, 2])", pa.Array, [9, 7]),
    ("np.array([[1, 2], [3, 4]])", np.ndarray, [[9.0, 2.0], [7.0, None]]),
    ("np.array([1, 2])", np.ndarray, [9, 7]),
    ("[{'n': 1, 's': 'a'}, {'n': 2, 's': 'b'}]", list, [{"n": 9, "s": "a"}, {"n": 7, "s": None}]),
    ("[[1, 'a'], [2, 'b']]", list, [[9, "a"], [7, None]]),
    ("[1, 2]", list, [9, 7]),
    ("(1, 2)", tuple, (9, 7)),
    ("{1, 2}", set, {9, 7}),
    ("{'n': [1, 2], 's': ['a', 'b']}", dict, {"n": [9, 7], "s": ["a", None]}),
]


def _plain(value: Any) -> Any:
    """A result as plain Python, missing values None, for comparing."""
    if isinstance(value, pd.DataFrame):
        return {c: [None if pd.isna(v) else v for v in value[c].tolist()] for c in value.columns}
    if isinstance(value, (pd.Series, pl.Series)):
        return value.to_list()
    if isinstance(value, pl.DataFrame):
        return value.to_dict(as_series=False)
    if isinstance(value, (pa.Table, pa.RecordBatch)):
        return value.to_pydict()
    if isinstance(value, pa.Array):
        return value.to_pylist()
    if isinstance(value, np.ndarray):
        return [[None if isinstance(v, float) and np.isnan(v) else v for v in row] if isinstance(row, list) else row
                for row in value.tolist()]
    return value


@pytest.mark.parametrize("data, kind, expected", ROUND_TRIPS, ids=[case[0] for case in ROUND_TRIPS])
def test_each_kind_of_data_comes_back_edited_in_its_own_type(data: str, kind: type, expected: Any) -> None:
    at = editor_app(data, num_rows="dynamic")
    editor = at.data_editor[0]
    first = next(e["name"] for e in editor.props["editing"] if e["input"])
    editor.set_value({"edited_rows": {0: {first: 9}}, "added_rows": [{first: 7}], "deleted_rows": [1]}).run()
    result = out(at)
    assert isinstance(result, kind), type(result)
    assert _plain(result) == expected


def test_dicts_of_rows_and_of_values_come_back_keyed_by_their_index() -> None:
    at = editor_app("{'n': {'x': 1, 'y': 2}, 's': {'x': 'a', 'y': 'b'}}", num_rows="dynamic")
    editing = {e["name"]: (e["input"], e["required"]) for e in at.data_editor[0].props["editing"]}
    assert editing == {"_index": ("text", True), "n": ("number", False), "s": ("text", False)}
    at.data_editor[0].set_value({
        "edited_rows": {0: {"n": 9, "_index": "xx"}}, "added_rows": [{"_index": "z", "n": 7}], "deleted_rows": [1],
    }).run()
    assert out(at) == {"n": {"xx": 9, "z": 7}, "s": {"xx": "a", "z": None}}
    at = editor_app("{'x': 1, 'y': 2}", num_rows="add")
    at.data_editor[0].set_value({"edited_rows": {1: {"value": 5}}, "added_rows": [{"_index": "z", "value": 7}]}).run()
    assert out(at) == {"x": 1, "y": 5, "z": 7}


def test_none_is_an_empty_frame() -> None:
    at = editor_app("None")
    assert isinstance(out(at), pd.DataFrame) and out(at).empty


# ---------------------------------------------------------------------------------------------------------------
# Edits: each type of column, added and deleted rows.
# ---------------------------------------------------------------------------------------------------------------


def test_edited_values_take_their_columns_types() -> None:
    at = editor_app(
        "pd.DataFrame({'i': [1, 2], 'f': [0.5, 1.5], 's': ['a', 'b'], 'b': [True, False],"
        " 'd': [datetime.date(2024, 1, 1)] * 2, 'dt': pd.to_datetime(['2024-01-01 08:00'] * 2),"
        " 't': [datetime.time(8, 0)] * 2, 'dec': [decimal.Decimal('1.5')] * 2})"
    )
    inputs = {e["name"]: e["input"] for e in at.data_editor[0].props["editing"]}
    assert inputs == {"_index": None, "i": "number", "f": "number", "s": "text", "b": "checkbox", "d": "date",
                      "dt": "datetime", "t": "time", "dec": "number"}
    at.data_editor[0].set_value({"edited_rows": {
        1: {"i": 7, "f": 2, "s": "z", "b": True, "d": "2025-02-03", "dt": "2025-02-03T10:30:15", "t": "09:15",
            "dec": 2.25},
    }}).run()
    row = out(at).iloc[1]
    assert row["i"] == 7 and out(at)["i"].dtype == np.int64
    assert row["f"] == 2.0 and row["s"] == "z" and bool(row["b"]) is True
    assert row["d"] == datetime.date(2025, 2, 3) and row["dt"] == pd.Timestamp("2025-02-03 10:30:15")
    assert row["t"] == datetime.time(9, 15) and row["dec"] == decimal.Decimal("2.25")
    assert at.session_state["ed"]["edited_rows"] == {1: {
        "i": 7, "f": 2, "s": "z", "b": True, "d": "2025-02-03", "dt": "2025-02-03T10:30:15", "t": "09:15",
        "dec": 2.25,
    }}


def test_a_cell_emptied_becomes_missing_and_a_whole_number_column_becomes_floats() -> None:
    at = editor_app("pd.DataFrame({'i': [1, 2], 'b': [True, False]})")
    at.data_editor[0].set_value({"edited_rows": {0: {"i": None, "b": None}}}).run()
    assert out(at)["i"].isna().tolist() == [True, False] and out(at)["i"].dtype == np.float64
    assert out(at)["b"].tolist()[0] is None


def test_added_rows_continue_the_index_and_deleted_rows_go() -> None:
    at = editor_app("pd.DataFrame({'n': [1, 2, 3]})", num_rows="dynamic")
    assert [c["label"] for c in at.data_editor[0].props["columns"]] == ["n"]  # a range index hides, as in Streamlit
    assert at.data_editor[0].props["sortable"] is False
    at.data_editor[0].set_value({"added_rows": [{"n": 4}, {"n": 5}], "deleted_rows": [0]}).run()
    assert out(at)["n"].tolist() == [2, 3, 4, 5] and out(at).index.tolist() == [1, 2, 3, 4]
    at = editor_app("pd.DataFrame({'n': [1, 2]}, index=['a', 'b'])", num_rows="add", hide_index=True)
    editing = at.data_editor[0].props["editing"]
    assert editing[0] == {"name": "_index", "input": "text", "required": True, "default": None, "options": None,
                          "labels": None, "colors": None, "accept_new": False, "timezone": None,
                          "validate": None}  # a new row needs its index: it shows whatever hide_index says
    at.data_editor[0].set_value({"added_rows": [{"_index": "c", "n": 3}]}).run()
    assert out(at)["n"].to_dict() == {"a": 1, "b": 2, "c": 3}


def test_num_rows_delete_keeps_sorting_and_fixed_neither_adds_nor_deletes() -> None:
    at = editor_app("{'n': [1, 2, 3]}", num_rows="delete")
    assert at.data_editor[0].props["sortable"] is True
    assert [c["label"] for c in at.data_editor[0].props["columns"]] == ["", "n"]
    at.data_editor[0].set_value({"deleted_rows": [2, 0]}).run()
    assert out(at) == {"n": [2]} and at.session_state["ed"]["deleted_rows"] == [2, 0]
    with pytest.raises(ValueError, match="cannot be added"):
        at.data_editor[0].set_value({"added_rows": [{"n": 4}]})
    fixed = editor_app("[1, 2]")
    with pytest.raises(ValueError, match="cannot be deleted"):
        fixed.data_editor[0].set_value({"deleted_rows": [0]})


def test_bad_num_rows_is_an_error_naming_the_call() -> None:
    at = editor_app("[1]", num_rows="many")
    assert at.exception[0].props["type"] == "PorchAPIError" and "data_editor: num_rows" in at.exception[0].message


def test_the_index_of_a_pandas_frame_is_edited_when_it_is_not_a_range() -> None:
    at = editor_app("pd.DataFrame({'n': [1, 2]}, index=pd.Index(['a', 'b'], name='k'))")
    assert at.data_editor[0].props["editing"][0]["input"] == "text"
    at.data_editor[0].set_value({"edited_rows": {0: {"_index": "z"}}}).run()
    assert out(at).index.tolist() == ["z", "b"] and out(at).index.name == "k"


# ---------------------------------------------------------------------------------------------------------------
# disabled and column_config.
# ---------------------------------------------------------------------------------------------------------------


def test_disabled_true_makes_everything_read_only() -> None:
    at = editor_app("{'n': [1, 2]}", disabled=True, num_rows="dynamic")
    editor = at.data_editor[0]
    assert editor.disabled and all(e["input"] is None for e in editor.props["editing"])
    with pytest.raises(AppTestError):
        editor.set_value({"edited_rows": {0: {"n": 3}}})
    send(at, {editor.id: '{"edited_rows":{"0":{"n":3}}}'})
    assert bad_values(at) and out(at) == {"n": [1, 2]}


def test_disabled_columns_by_name_and_position_are_read_only() -> None:
    at = editor_app("pd.DataFrame({'a': [1], 'b': [2], 'c': [3]})", disabled=["a", 3])
    inputs = {e["name"]: e["input"] for e in at.data_editor[0].props["editing"]}
    assert inputs == {"_index": None, "a": None, "b": "number", "c": None}
    with pytest.raises(ValueError, match="not an editable column"):
        at.data_editor[0].set_value({"edited_rows": {0: {"c": 5}}})
    send(at, {at.data_editor[0].id: '{"edited_rows":{"0":{"a":5}}}'})
    assert bad_values(at) and out(at)["a"].tolist() == [1]


CONFIGURED = (
    "pd.DataFrame({'qty': [1, 2], 'name': ['ab', 'cd'], 'size': ['S', 'M'], 'flag': [True, False],"
    " 'day': [datetime.date(2024, 1, 1)] * 2})"
)
CONFIG = (
    "{'qty': st.column_config.NumberColumn('Quantity', min_value=0, max_value=10, step=1, format='%d pcs',"
    " required=True, default=1),"
    " 'name': st.column_config.TextColumn(max_chars=4, validate='^[a-z]+$'),"
    " 'size': st.column_config.SelectboxColumn(options=['S', 'M', 'L'], default='M'),"
    " 'flag': st.column_config.CheckboxColumn(disabled=True, default=False),"
    " 'day': st.column_config.DateColumn(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2024, 12, 31))}"
)


def configured() -> AppTest:
    return app(PRELUDE + f"out = st.data_editor({CONFIGURED}, key='ed', num_rows='dynamic', column_config={CONFIG})\n"
               "st.session_state['out'] = out\n")


def test_column_config_sets_the_fields_and_their_constraints() -> None:
    at = configured()
    editor = at.data_editor[0]
    editing = {e["name"]: e for e in editor.props["editing"]}
    assert editing["qty"]["input"] == "number" and editing["qty"]["required"] and editing["qty"]["default"] == 1
    assert editor.props["columns"][0]["config"] == {"format": "%d pcs", "min_value": 0, "max_value": 10, "step": 1}
    assert editing["name"]["validate"] == "^[a-z]+$" and editor.props["columns"][1]["config"] == {"max_chars": 4}
    assert editing["size"]["input"] == "selectbox" and editing["size"]["options"] == ["S", "M", "L"]
    assert editing["flag"]["input"] is None and editing["flag"]["default"] is False
    assert editing["day"]["input"] == "date"
    editor.set_value({
        "edited_rows": {0: {"qty": 10, "name": "zz", "size": "L", "day": "2024-12-31"}},
        "added_rows": [{"qty": 1, "size": "M", "flag": False}],
    }).run()
    result = out(at)
    assert result["qty"].tolist() == [10, 2, 1] and result["size"].tolist() == ["L", "M", "M"]
    assert result["name"].tolist()[:2] == ["zz", "cd"] and result["day"].tolist()[0] == datetime.date(2024, 12, 31)


@pytest.mark.parametrize(
    "state, reason",
    [
        ({"edited_rows": {0: {"qty": 1.5}}}, "whole number"),
        ({"edited_rows": {0: {"qty": "1"}}}, "takes a number"),
        ({"edited_rows": {0: {"size": 1}}}, "data's type"),
        ({"edited_rows": {0: {"flag": True}}}, "not an editable column"),
        ({"edited_rows": {0: {"day": "31/12/2024"}}}, "ISO"),
        ({"added_rows": [{"qty": 1, "flag": True}]}, "read-only"),
    ],
)
def test_a_value_not_of_the_columns_type_is_refused(state: dict[str, Any], reason: str) -> None:
    at = configured()
    with pytest.raises(ValueError, match=reason):
        at.data_editor[0].set_value(state)
    wire = json.dumps({**state, "edited_rows": {str(k): v for k, v in state.get("edited_rows", {}).items()}})
    send(at, {at.data_editor[0].id: wire})
    assert bad_values(at)
    assert out(at)["qty"].tolist() == [1, 2]


@pytest.mark.parametrize(
    "state, column, expected",
    [
        ({"edited_rows": {0: {"qty": 11}}}, "qty", [11, 2]),
        ({"edited_rows": {0: {"qty": -1}}}, "qty", [-1, 2]),
        ({"edited_rows": {0: {"qty": None}}}, "qty", [None, 2]),
        ({"edited_rows": {0: {"name": "abcde"}}}, "name", ["abcde", "cd"]),
        ({"edited_rows": {0: {"name": "AB"}}}, "name", ["AB", "cd"]),
        ({"edited_rows": {0: {"size": "XL"}}}, "size", ["XL", "M"]),
        ({"edited_rows": {0: {"day": "2023-12-31"}}}, "day", [datetime.date(2023, 12, 31), datetime.date(2024, 1, 1)]),
        ({"added_rows": [{"size": "S"}]}, "size", ["S", "M", "S"]),
    ],
)
def test_the_columns_constraints_are_the_pages_as_in_streamlit(
    state: dict[str, Any], column: str, expected: list[Any]
) -> None:
    """``required``, bounds, options, ``max_chars`` and ``validate`` are checked by the page (the browser tests of
    the grid show it refusing them); the server, as Streamlit's, applies an edit of the right type that breaks them,
    so the app checks what it must, as Streamlit's documentation tells apps to."""
    at = configured()
    at.data_editor[0].set_value(state).run()
    got = [None if isinstance(v, float) and v != v else v for v in out(at)[column].tolist()]
    assert got == expected



def test_a_column_type_that_cannot_edit_its_data_is_an_error_unless_disabled() -> None:
    at = app("out = st.data_editor({'s': ['a']}, column_config={'s': st.column_config.NumberColumn()})")
    assert not at.exception  # a number column edits text (Streamlit keeps the text of the number)
    at = app("out = st.data_editor({'n': [1]}, column_config={'n': st.column_config.TextColumn()})")
    assert at.exception[0].props["type"] == "PorchAPIError" and "cannot edit its data" in at.exception[0].message
    at = app("out = st.data_editor({'n': [1]}, column_config={'n': st.column_config.TextColumn(disabled=True)})")
    assert not at.exception


def test_a_default_that_does_not_fit_its_column_is_an_error() -> None:
    at = app("st.data_editor({'n': [1]}, column_config={'n': st.column_config.NumberColumn(default='x')})")
    assert at.exception[0].props["type"] == "PorchAPIError" and "default of column 'n'" in at.exception[0].message


def test_a_categorical_column_is_edited_with_its_categories() -> None:
    at = editor_app("pd.DataFrame({'c': pd.Categorical(['x', 'y'], categories=['x', 'y', 'z'])})")
    editing = at.data_editor[0].props["editing"][1]
    assert (editing["input"], editing["options"]) == ("selectbox", ["x", "y", "z"])
    at.data_editor[0].set_value({"edited_rows": {0: {"c": "z"}}}).run()
    assert out(at)["c"].tolist() == ["z", "y"]


def test_columns_an_editor_cannot_take_are_errors() -> None:
    twice = app("import pandas as pd\nst.data_editor(pd.DataFrame([[1, 2]], columns=['a', 'a']))")
    assert "distinct names" in twice.exception[0].message
    reserved = app("st.data_editor({'_index': [1]})")
    assert "kept for the index" in reserved.exception[0].message
    levels = app(
        "import pandas as pd\nst.data_editor(pd.DataFrame({'n': [1]}, index=pd.MultiIndex.from_tuples([(1, 2)])))"
    )
    assert "several levels" in levels.exception[0].message


# ---------------------------------------------------------------------------------------------------------------
# Session state, callbacks, identity.
# ---------------------------------------------------------------------------------------------------------------


def test_the_edit_state_is_in_session_state_under_the_key_and_cannot_be_set_by_the_script() -> None:
    at = editor_app("{'n': [1, 2]}")
    at.data_editor[0].set_value({"edited_rows": {"1": {"n": 4}}}).run()
    assert at.session_state["ed"] == {"edited_rows": {1: {"n": 4}}, "added_rows": [], "deleted_rows": []}
    assert at.data_editor[0].edit_state == at.session_state["ed"]
    setter = app("st.session_state.ed = {'edited_rows': {}}\nst.data_editor({'n': [1]}, key='ed')")
    assert setter.exception[0].props["type"] == "PorchAPIError" and "cannot be set" in setter.exception[0].message


def test_on_change_runs_with_its_arguments_before_the_rerun() -> None:
    at = app(
        "def changed(tag, *, by):\n"
        "    st.session_state.log = st.session_state.get('log', []) + [(tag, by, st.session_state.ed['edited_rows'])]\n"
        "st.data_editor({'n': [1, 2]}, key='ed', on_change=changed, args=('edit',), kwargs={'by': 'me'})\n"
        "st.write(repr(st.session_state.get('log')))\n"
    )
    assert at.markdown[0].value == "None"
    at.data_editor[0].set_value({"edited_rows": {0: {"n": 5}}}).run()
    assert at.markdown[0].value == "[('edit', 'me', {0: {'n': 5}})]"
    at.run()  # no change: no call
    assert at.markdown[0].value == "[('edit', 'me', {0: {'n': 5}})]"


def test_other_data_starts_the_edits_over_even_under_the_same_key() -> None:
    at = app(
        "import pandas as pd\n"
        "rows = st.session_state.setdefault('rows', [1, 2])\n"
        "edited = st.data_editor(pd.DataFrame({'n': rows}), key='ed', num_rows='dynamic')\n"
        "if st.button('save'):\n"
        "    st.session_state.rows = edited['n'].tolist()\n"
        "    st.rerun()\n"
        "st.write(f'{edited.n.tolist()}')\n"
    )
    at.data_editor[0].set_value({"added_rows": [{"n": 3}]}).run()
    assert at.markdown[0].value == "[1, 2, 3]"
    at.button[0].click().run()
    assert at.markdown[0].value == "[1, 2, 3]"  # saved: the new data holds the row, no edit adds it twice
    assert at.session_state["ed"] == {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def test_two_editors_of_different_data_need_no_keys() -> None:
    at = app("a = st.data_editor({'n': [1]})\nb = st.data_editor({'n': [2]})\nst.write(f'{a} {b}')")
    assert not at.exception and at.markdown[0].value == "{'n': [1]} {'n': [2]}"
    assert at.data_editor[0].id != at.data_editor[1].id


def test_a_data_editor_in_a_form_sends_its_edits_with_the_submit() -> None:
    at = app(
        "with st.form('f'):\n"
        "    edited = st.data_editor({'n': [1, 2]}, key='ed')\n"
        "    st.form_submit_button('go')\n"
        "st.write(repr(edited))\n"
    )
    assert at.data_editor[0].props["form"] is not None
    at.data_editor[0].set_value({"edited_rows": {0: {"n": 9}}})
    at.button[0].click().run()
    assert at.markdown[0].value == "{'n': [9, 2]}"


# ---------------------------------------------------------------------------------------------------------------
# What a client may send.
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wire",
    [
        '{"edited_rows": {"0": {"nope": 1}}}',  # no such column
        '{"edited_rows": {"0": {"n": "1"}}}',  # text in a number column
        '{"edited_rows": {"0": {"n": true}}}',  # a boolean is no number
        '{"edited_rows": {"0": {"s": 5}}}',  # a number is no text
        '{"edited_rows": {"2": {"n": 1}}}',  # no such row
        '{"edited_rows": {"-1": {"n": 1}}}',
        '{"edited_rows": {"x": {"n": 1}}}',
        '{"edited_rows": {"0": {"n": 1e400}}}',  # infinity
        '{"edited_rows": {"0": {"n": NaN}}}',
        '{"edited_rows": {"0": 5}}',
        '{"edited_rows": []}',
        '{"added_rows": [{"n": 1}], "deleted_rows": [0]}',  # num_rows="fixed"
        '{"deleted_rows": [0, 0]}',
        '{"extra": 1}',
        '[]',
        '"text"',
        "not json",
        5,
        ["a"],
        None,
        '{"edited_rows": {"0": {"s": "' + "x" * 200_001 + '"}}}',  # longer than a client's string may be
    ],
)
def test_a_hostile_edit_state_is_refused(wire: Any) -> None:
    at = editor_app("{'n': [1, 2], 's': ['a', 'b']}")
    send(at, {at.data_editor[0].id: wire})
    assert bad_values(at) or any(e["code"] in ("too_large", "bad_message") for e in at.errors), wire
    assert out(at) == {"n": [1, 2], "s": ["a", "b"]}


@pytest.mark.parametrize(
    "state",
    [
        {"added_rows": [{"n": 1}] * 1001},  # too many added rows
        {"deleted_rows": [True]},
        {"deleted_rows": [5]},
        {"added_rows": [{"nope": 1}]},
        {"added_rows": ["row"]},
    ],
)
def test_oversized_and_malformed_row_lists_are_refused(state: dict[str, Any]) -> None:
    at = editor_app("{'n': [1, 2]}", num_rows="dynamic")
    send(at, {at.data_editor[0].id: json.dumps(state)})
    assert bad_values(at), state
    assert out(at) == {"n": [1, 2]}


# ---------------------------------------------------------------------------------------------------------------
# In a browser.
# ---------------------------------------------------------------------------------------------------------------

BROWSER_APP = """
import pandas as pd
df = pd.DataFrame({"item": ["apple", "pear", "plum"], "qty": [1, 2, 3], "ok": [True, False, True]})
edited = st.data_editor(df, key="ed", num_rows="dynamic")
st.write(f"total {edited['qty'].sum()} rows {len(edited)} items {', '.join(edited['item'].fillna('-'))}")
st.write(f"ok {edited['ok'].tolist()}")
"""


@pytest.mark.browser
def test_a_person_edits_a_cell_with_the_keyboard_and_the_script_sees_it(context: Any) -> None:
    with running_engine("import porch as st\n" + BROWSER_APP) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid", name="Data editor")
        expect(page.get_by_text("total 6 rows 3")).to_be_visible()
        grid.get_by_role("gridcell", name="apple").click()
        page.keyboard.press("ArrowRight")  # to qty of the first row
        page.keyboard.type("7")  # typing opens the cell's field with what was typed
        field = grid.get_by_role("textbox", name="Edit qty, row 1")
        expect(field).to_have_value("7")
        page.keyboard.press("Enter")
        expect(page.get_by_text("total 12 rows 3")).to_be_visible()
        # Enter moved to the next row; Escape leaves a cell as it was.
        page.keyboard.press("Enter")
        page.keyboard.press("Control+a")
        page.keyboard.type("100")
        page.keyboard.press("Escape")
        expect(grid.get_by_role("textbox")).to_have_count(0)
        expect(grid.get_by_role("gridcell", name="2", exact=True)).to_be_visible()
        # A check box toggles with Space; a text cell edits with a double click and Tab keeps it.
        page.keyboard.press("ArrowRight")
        page.keyboard.press(" ")
        expect(page.get_by_text("ok [True, True, True]")).to_be_visible()
        grid.get_by_role("gridcell", name="plum").dblclick()
        page.keyboard.press("Control+a")
        page.keyboard.type("peach")
        page.keyboard.press("Tab")
        expect(page.get_by_text("items apple, pear, peach")).to_be_visible()
        expect(grid).to_be_focused()


@pytest.mark.browser
def test_a_person_adds_and_deletes_rows(context: Any) -> None:
    with running_engine("import porch as st\n" + BROWSER_APP) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid", name="Data editor")
        expect(page.get_by_text("total 6 rows 3")).to_be_visible()
        page.get_by_role("button", name="Add row").click()
        expect(page.get_by_text("total 6.0 rows 4 items apple, pear, plum, -")).to_be_visible()
        page.keyboard.type("kiwi")  # the new row's first cell is active: typing edits it
        page.keyboard.press("Tab")
        page.keyboard.type("4")
        page.keyboard.press("Enter")
        expect(page.get_by_text("total 10 rows 4 items apple, pear, plum, kiwi")).to_be_visible()
        grid.get_by_role("checkbox", name="Select row 1").check()
        page.get_by_role("button", name="Delete row").click()
        expect(page.get_by_text("total 8 rows 3 items apple, plum, kiwi")).to_be_visible()
        expect(grid.get_by_role("gridcell", name="pear")).to_have_count(0)
        # The keyboard deletes too: the active row's check box, then Delete.
        grid.get_by_role("gridcell", name="kiwi").click()
        page.keyboard.press("Home")
        page.keyboard.press("Delete")
        expect(page.get_by_text("total 4 rows 2 items apple, plum")).to_be_visible()


@pytest.mark.browser
def test_a_person_picks_an_option_edits_a_date_and_deletes_in_a_sorted_view(context: Any) -> None:
    source = (
        "import datetime, pandas as pd\n"
        "df = pd.DataFrame({'size': ['S', 'M'], 'day': [datetime.date(2024, 1, 1), datetime.date(2024, 2, 1)],"
        " 'n': [5, 1]})\n"
        "edited = st.data_editor(df, num_rows='delete', column_config={"
        "'size': st.column_config.SelectboxColumn(options=['S', 'M', 'L'], required=True),"
        "'day': st.column_config.DateColumn(max_value=datetime.date(2024, 12, 31))})\n"
        "days = [str(d) for d in edited['day']]\n"
        "st.write(f\"sizes {edited['size'].tolist()} days {days} n {edited['n'].tolist()}\")\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid", name="Data editor")
        expect(page.get_by_text("sizes ['S', 'M']")).to_be_visible()
        grid.get_by_role("gridcell", name="S", exact=True).click()
        page.keyboard.press("Enter")
        grid.get_by_role("combobox", name="Edit size, row 1").select_option("L")
        expect(page.get_by_text("sizes ['L', 'M']")).to_be_visible()
        expect(grid).to_be_focused()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        day = grid.locator("input[type=date]")
        day.fill("2025-01-01")  # past max_value: the field stays open, marked
        page.keyboard.press("Enter")
        expect(day).to_have_attribute("aria-invalid", "true")
        day.fill("2024-03-05")
        page.keyboard.press("Enter")
        expect(page.get_by_text("days ['2024-03-05', '2024-02-01']")).to_be_visible()
        header = grid.get_by_role("columnheader", name="n", exact=True)
        header.get_by_role("button").first.click()  # the sort button (the column menu's comes after it)
        expect(header).to_have_attribute("aria-sort", "ascending")
        grid.get_by_role("checkbox", name="Select row 1").check()  # the first row shown: n is 1
        page.get_by_role("button", name="Delete row").click()
        expect(page.get_by_text("n [5]")).to_be_visible()
        expect(grid.get_by_role("row")).to_have_count(2)  # sorted: it leaves the view at once, as in Streamlit
        expect(grid.locator(".de-deleted:visible")).to_have_count(0)
        header.get_by_role("button").first.click()
        header.get_by_role("button").first.click()  # back to the data's order: the deleted row is gone
        expect(grid.locator(".de-deleted:visible")).to_have_count(0)
        expect(grid.get_by_role("row")).to_have_count(2)
