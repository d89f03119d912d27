"""``data_editor`` column types that edit as Streamlit 1.67's: a SelectboxColumn's ``format_func`` labels (the value
edited stays the option), MultiselectColumn and ListColumn cells edited as lists (options, ``accept_new_options``,
``color``, ``format_func``, ``required``, ``default``, ``disabled``), a DatetimeColumn's ``timezone`` (shown and edited
in that zone, sent back as an instant in UTC as Streamlit sends it) and the ``step`` of date and time fields.

AppTest checks what the script gets and what the codec refuses (as a hostile tab could send it); Chromium edits
the cells through the page as a person would. The ``column_config`` dicts are compared with Streamlit 1.67's own,
recorded from its ``st.column_config`` (benchmarks/.peers-venv; not part of CI)."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import expect

from browser_checks import cell
from engine_harness import running_engine
from porch import column_config
from porch.errors import PorchAPIError
from porch.testing import AppTest
from support import app, bad_values, send

PRELUDE = "import datetime\nimport pandas as pd\n"


def editor(data: str, config: str, **options: Any) -> AppTest:
    """An app with an editor of ``data`` configured by ``config`` (expressions), keyed "ed"; its result in
    ``session_state.out``."""
    given = "".join(f", {name}={value!r}" for name, value in options.items())
    return app(PRELUDE + f"out = st.data_editor({data}, key='ed', column_config={config}{given})\n"
               "st.session_state['out'] = out\n")


def out(at: AppTest) -> Any:
    assert not at.exception, at.exception
    return at.session_state["out"]


def editing(at: AppTest) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in at.data_editor[0].props["editing"]}


def refused(at: AppTest, state: dict[str, Any], reason: str) -> None:
    """``state`` is refused through AppTest (``reason`` in the message) and from the wire (a bad_value error)."""
    with pytest.raises(ValueError, match=reason):
        at.data_editor[0].set_value(state)
    wire = json.dumps({**state, "edited_rows": {str(k): v for k, v in state.get("edited_rows", {}).items()}})
    send(at, {at.data_editor[0].id: wire})
    assert bad_values(at)


# ---------------------------------------------------------------------------------------------------------------
# The configurations, as Streamlit 1.67 makes them.
# ---------------------------------------------------------------------------------------------------------------


def test_the_configurations_are_streamlits() -> None:
    base = {"label": None, "width": None, "help": None, "pinned": None, "disabled": None, "required": None}
    select = column_config.SelectboxColumn(options=[1, 2], format_func=lambda x: f"#{x}")
    assert select["type_config"] == {"type": "selectbox", "options": [{"value": 1, "label": "#1"},
                                                                      {"value": 2, "label": "#2"}]}
    assert column_config.SelectboxColumn(options=[1, 2])["type_config"] == {"type": "selectbox", "options": [1, 2]}
    multi = column_config.MultiselectColumn(options=["a", "b", "c"], color=["red", "#fff"], format_func=str.upper,
                                            default=("a",), accept_new_options=True)
    assert {k: multi.get(k) for k in base} == base and multi["default"] == ["a"]
    assert multi["type_config"] == {"type": "multiselect", "accept_new_options": True, "options": [
        {"value": "a", "label": "A", "color": "red"}, {"value": "b", "label": "B", "color": "#fff"},
        {"value": "c", "label": "C", "color": "red"}]}
    listed = column_config.ListColumn(default=("a",))
    assert listed["default"] == ["a"] and listed["type_config"] == {"type": "list"}
    zoned = column_config.DatetimeColumn(timezone="Europe/Berlin", step=60)
    assert zoned["type_config"] == {"type": "datetime", "step": 60, "timezone": "Europe/Berlin"}
    assert column_config.DatetimeColumn(timezone="+05:30")["type_config"] == {"type": "datetime", "timezone": "+05:30"}


def test_an_unknown_timezone_is_a_clear_error() -> None:
    with pytest.raises(PorchAPIError, match="IANA time zone name .* not 'Mars/Base'"):
        column_config.DatetimeColumn(timezone="Mars/Base")
    at = editor("pd.DataFrame({'t': [datetime.datetime(2024, 1, 1)]})",
                "{'t': st.column_config.DatetimeColumn(timezone='+25:00')}")
    assert at.exception and "timezone must be" in at.exception[0].message


# ---------------------------------------------------------------------------------------------------------------
# SelectboxColumn format_func: labels shown, options edited.
# ---------------------------------------------------------------------------------------------------------------

SIZES = "{'size': st.column_config.SelectboxColumn(options=[1, 2, 3], format_func=lambda n: f'size {n}')}"


def test_a_selectbox_shows_format_funcs_labels_and_edits_the_options() -> None:
    at = editor("pd.DataFrame({'size': [1, 2]})", SIZES)
    size = editing(at)["size"]
    assert (size["input"], size["options"], size["labels"]) == ("selectbox", [1, 2, 3], ["size 1", "size 2", "size 3"])
    column = [c for c in at.data_editor[0].props["columns"] if not c["index"]][0]
    assert column["config"]["options"][2] == {"value": 3, "label": "size 3"}  # the client shows the labels
    at.data_editor[0].set_value({"edited_rows": {0: {"size": 3}}}).run()
    assert out(at)["size"].tolist() == [3, 2]
    assert at.session_state["ed"]["edited_rows"] == {0: {"size": 3}}
    refused(at, {"edited_rows": {0: {"size": "size 3"}}}, "data's type")  # a label is no option, nor a number


# ---------------------------------------------------------------------------------------------------------------
# MultiselectColumn and ListColumn: lists edited.
# ---------------------------------------------------------------------------------------------------------------

TAGS = ("{'tags': st.column_config.MultiselectColumn(options=['x', 'y', 'z'], format_func=str.upper, "
        "color=['auto', 'primary'], default=['x'], required=True)}")


def test_a_multiselect_edits_lists_of_its_options() -> None:
    at = editor("pd.DataFrame({'tags': [['x'], ['y', 'z']]})", TAGS, num_rows="dynamic")
    tags = editing(at)["tags"]
    assert (tags["input"], tags["options"], tags["labels"]) == ("multiselect", ["x", "y", "z"], ["X", "Y", "Z"])
    assert tags["colors"] == ["auto", "primary", "auto"] and not tags["accept_new"] and tags["default"] == ["x"]
    at.data_editor[0].set_value({"edited_rows": {0: {"tags": ["z", "x"]}}, "added_rows": [{"tags": ["y"]}]}).run()
    assert out(at)["tags"].tolist() == [["z", "x"], ["y", "z"], ["y"]]
    assert at.session_state["ed"]["edited_rows"] == {0: {"tags": ["z", "x"]}}


@pytest.mark.parametrize(
    "state, reason",
    [
        ({"edited_rows": {0: {"tags": "x"}}}, "a list of text"),
        ({"edited_rows": {0: {"tags": [1]}}}, "a list of text"),
    ],
)
def test_a_multiselect_refuses_what_is_no_list_of_text(state: dict[str, Any], reason: str) -> None:
    at = editor("pd.DataFrame({'tags': [['x'], ['y', 'z']]})", TAGS, num_rows="dynamic")
    refused(at, state, reason)
    assert out(at)["tags"].tolist() == [["x"], ["y", "z"]]


def test_a_multiselects_options_and_required_are_the_pages_as_in_streamlit() -> None:
    """Items that are no option, an item twice, an emptied required cell: the page refuses them, the server (as
    Streamlit's) applies a list of text as it comes."""
    at = editor("pd.DataFrame({'tags': [['x'], ['y', 'z']]})", TAGS, num_rows="dynamic")
    at.data_editor[0].set_value({"edited_rows": {0: {"tags": ["w", "w"]}, 1: {"tags": None}}}).run()
    assert out(at)["tags"].tolist() == [["w", "w"], None]


def test_a_multiselect_that_accepts_new_options_takes_other_text_and_disabled_is_read_only() -> None:
    config = ("{'tags': st.column_config.MultiselectColumn(options=['x'], accept_new_options=True),"
              " 'off': st.column_config.MultiselectColumn(options=['x'], disabled=True)}")
    at = editor("pd.DataFrame({'tags': [['x']], 'off': [['x']]})", config)
    assert editing(at)["tags"]["accept_new"] and editing(at)["off"]["input"] is None
    at.data_editor[0].set_value({"edited_rows": {0: {"tags": ["x", "new one"]}}}).run()
    assert out(at)["tags"].tolist() == [["x", "new one"]]
    refused(at, {"edited_rows": {0: {"off": ["x"]}}}, "not an editable column")


def test_a_list_column_is_edited_as_a_list_of_text_and_text_data_gets_its_text() -> None:
    at = editor("pd.DataFrame({'items': [['a'], []], 'text': ['p', 'q']})",
                "{'items': st.column_config.ListColumn(default=['new']), 'text': st.column_config.ListColumn()}",
                num_rows="add")
    assert editing(at)["items"]["input"] == "list" and editing(at)["items"]["default"] == ["new"]
    at.data_editor[0].set_value({"edited_rows": {1: {"items": ["b", "c"], "text": ["r", "s"]}},
                                 "added_rows": [{"items": ["new"]}]}).run()
    result = out(at)
    assert result["items"].tolist() == [["a"], ["b", "c"], ["new"]]
    assert result["text"].tolist()[:2] == ["p", "['r', 's']"]  # Streamlit's str() of the list, into text


def test_a_column_of_lists_edits_as_a_list_without_configuration_of_text_only() -> None:
    at = editor("pd.DataFrame({'items': [['a']]})", "None")
    assert editing(at)["items"]["input"] == "list"
    refused(at, {"edited_rows": {0: {"items": [["nested"]]}}}, "a list of text")
    refused(at, {"edited_rows": {0: {"items": [None]}}}, "a list of text")


# ---------------------------------------------------------------------------------------------------------------
# DatetimeColumn timezone: the zone the values are edited in; edits come back as instants in UTC.
# ---------------------------------------------------------------------------------------------------------------


def test_a_zoned_column_takes_instants_and_the_data_keeps_its_zone() -> None:
    data = "pd.DataFrame({'berlin': pd.to_datetime(['2024-01-01 08:00']).tz_localize('Europe/Berlin')})"
    at = editor(data, "{'berlin': st.column_config.DatetimeColumn(timezone='America/New_York')}")
    assert editing(at)["berlin"]["timezone"] == "America/New_York"
    at.data_editor[0].set_value({"edited_rows": {0: {"berlin": "2024-01-01T07:30:00.000Z"}}}).run()
    assert out(at)["berlin"][0] == pd.Timestamp("2024-01-01 08:30", tz="Europe/Berlin")
    assert at.session_state["ed"]["edited_rows"][0]["berlin"] == "2024-01-01T07:30:00.000Z"


NAIVE = "{'at': [datetime.datetime(2024, 1, 1, 8), datetime.datetime(2024, 7, 1, 8)]}"
ZONED = "{'at': st.column_config.DatetimeColumn(timezone='Europe/Berlin')}"


def test_an_instant_edited_into_times_without_a_zone_is_dropped_with_a_warning_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Streamlit 1.67 (peers venv, Chromium): the edit stays in the edit state and in the cell shown, the script gets
    the data as it was, and its log says "Failed to apply edit ... Edit ignored." at every run. Porch's says why and
    what to do, once per session and column."""
    at = editor(f"pd.DataFrame({NAIVE})", ZONED, num_rows="dynamic")
    assert editing(at)["at"]["timezone"] == "Europe/Berlin"
    with caplog.at_level("WARNING", logger="porch.data_editor"):
        at.data_editor[0].set_value({"edited_rows": {1: {"at": "2024-07-01T10:30:00.000Z"}}}).run()
        result = out(at)
        assert [str(t) for t in result["at"]] == ["2024-01-01 08:00:00", "2024-07-01 08:00:00"]
        assert result["at"].dt.tz is None
        assert at.session_state["ed"]["edited_rows"] == {1: {"at": "2024-07-01T10:30:00.000Z"}}
        at.run()
        at.data_editor[0].set_value({"edited_rows": {0: {"at": "2024-01-01T10:30:00.000Z"},
                                                     1: {"at": "2024-07-01T10:30:00.000Z"}}}).run()
    assert [str(t) for t in out(at)["at"]] == ["2024-01-01 08:00:00", "2024-07-01 08:00:00"]
    warnings = [r.getMessage() for r in caplog.records if r.name == "porch.data_editor"]
    assert len(warnings) == 1, warnings
    assert "'2024-07-01T10:30:00.000Z' of row 1 in column 'at' was ignored" in warnings[0]
    assert "tz_localize('Europe/Berlin')" in warnings[0] and "leave out the column's timezone" in warnings[0]


@pytest.mark.parametrize(
    "data, added",
    [
        # Streamlit's pandas keeps the instant in a column of objects (so do Python data); pyarrow's round trip
        # makes it the time in UTC, as Porch does for polars and NumPy, whose columns hold one kind of time.
        (f"pd.DataFrame({NAIVE})", "2024-07-01 11:30:00+00:00"),
        (f"[dict(at=t) for t in {NAIVE}['at']]", "2024-07-01 11:30:00+00:00"),
        (f"pa.table({NAIVE})", "2024-07-01 11:30:00"),
        (f"pl.DataFrame({NAIVE})", "2024-07-01 11:30:00"),
    ],
)
def test_an_instant_is_dropped_from_every_kind_of_data_and_an_added_row_keeps_it_as_streamlits(
    data: str, added: str
) -> None:
    at = app(PRELUDE + "import polars as pl, pyarrow as pa\n"
             f"out = st.data_editor({data}, key='ed', column_config={ZONED}, num_rows='dynamic')\n"
             "st.session_state['out'] = out\n")
    at.data_editor[0].set_value({"edited_rows": {0: {"at": "2024-01-01T10:30:00.000Z"}},
                                 "added_rows": [{"at": "2024-07-01T11:30:00.000Z"}]}).run()
    result = out(at)
    values = [row["at"] for row in result] if isinstance(result, list) else list(result["at"])
    assert [str(v) for v in values] == ["2024-01-01 08:00:00", "2024-07-01 08:00:00", added]


@pytest.mark.parametrize(
    "data, zone",
    [
        ("pd.DataFrame({'t': [pd.Timestamp('2024-01-01 08:00', tz='UTC')]})", "+00:00"),
        ("pd.DataFrame({'t': [pd.Timestamp('2024-01-01 08:00', tz='Europe/Berlin')]})", "Europe/Berlin"),
        ("pd.DataFrame({'t': [datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5, "
         "minutes=30)))]})", "+05:30"),
        ("pl.DataFrame({'t': [datetime.datetime(2024, 1, 1)]}).with_columns(pl.col('t').dt.replace_time_zone("
         "'Asia/Tokyo'))", "Asia/Tokyo"),
        ("pa.table({'t': pa.array([datetime.datetime(2024, 1, 1)], pa.timestamp('us', tz='Europe/Paris'))})",
         "Europe/Paris"),
        ("pd.DataFrame({'t': [datetime.datetime(2024, 1, 1)]})", None),
    ],
)
def test_a_date_time_column_is_edited_in_its_datas_own_zone(data: str, zone: str | None) -> None:
    at = app(PRELUDE + "import polars as pl, pyarrow as pa\n" + f"st.data_editor({data}, key='ed')\n")
    assert not at.exception, at.exception
    assert editing(at)["t"]["timezone"] == zone


# ---------------------------------------------------------------------------------------------------------------
# Through the page.
# ---------------------------------------------------------------------------------------------------------------

PAGE = """import datetime
import pandas as pd
import porch as st
df = pd.DataFrame({
    "size": [1, 2],
    "tags": [["x"], ["y", "z"]],
    "items": [["a"], ["b"]],
    "at": [datetime.datetime(2024, 1, 1, 8, 0), datetime.datetime(2024, 7, 1, 8, 0)],
    "nums": [[1, 2], [3]],
})
config = {
    "size": st.column_config.SelectboxColumn(options=[1, 2, 3], format_func=lambda n: f"size {n}"),
    "tags": st.column_config.MultiselectColumn(options=["x", "y", "z"], format_func=str.upper,
                                               color=["#ff0000", "#00ff00", "#0000ff"]),
    "items": st.column_config.ListColumn(),
    "at": st.column_config.DatetimeColumn(timezone="Europe/Berlin", step=60),
}
st.dataframe(df, column_config=config, key="view")
edited = st.data_editor(df, column_config=config, key="ed")
st.write(f"sizes {edited['size'].tolist()}")
st.write(f"tags {edited['tags'].tolist()}")
st.write(f"items {edited['items'].tolist()}")
st.write(f"at {[str(t) for t in edited['at']]}")
st.write(f"state {st.session_state['ed']['edited_rows']}")
"""


@pytest.mark.browser
def test_labels_chips_and_zones_show_in_a_dataframe_and_an_editor(context: Any) -> None:
    with running_engine(PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        for grid in (page.get_by_role("grid").first, page.get_by_role("grid", name="Data editor")):
            expect(cell(grid, "size 1")).to_be_visible()
            chips = grid.locator(".cell-chip", has_text="Z")
            expect(chips).to_have_text(["Z"])
            expect(chips).to_have_css("background-color", "color(srgb 0 0 1 / 0.35)")  # the option's colour, tinted
            # 08:00 UTC is 09:00 in Berlin in January and 10:00 in July; step 60 shows minutes, the zone its offset.
            expect(grid.get_by_role("gridcell", name="2024-01-01 09:00+01:00")).to_be_visible()
            expect(grid.get_by_role("gridcell", name="2024-07-01 10:00+02:00")).to_be_visible()
        # A list of other than text stays read-only in the editor, as in Streamlit; a list of text edits.
        grid = page.get_by_role("grid", name="Data editor")
        nums = grid.get_by_role("gridcell").filter(has=page.locator(".cell-chip", has_text=re.compile("^3$")))
        expect(nums).to_have_attribute("aria-readonly", "true")
        items = grid.get_by_role("gridcell").filter(has=page.locator(".cell-chip", has_text=re.compile("^b$")))
        expect(items).to_have_attribute("aria-readonly", "false")
        nums.dblclick()
        expect(page.get_by_role("textbox", name="Edit nums, row 2")).to_have_count(0)
        items.dblclick()
        expect(page.get_by_role("textbox", name="Edit items, row 2")).to_be_focused()


@pytest.mark.browser
def test_a_person_picks_a_labelled_option_and_edits_lists(context: Any) -> None:
    with running_engine(PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid", name="Data editor")
        expect(page.get_by_text("sizes [1, 2]")).to_be_visible()
        cell(grid, "size 1").dblclick()
        grid.get_by_role("combobox", name="Edit size, row 1").select_option("size 3")
        expect(page.get_by_text("sizes [3, 2]")).to_be_visible()
        expect(cell(grid, "size 3")).to_be_visible()
        # The multiselect: its options open at once, labelled; a pick adds it, Enter keeps the cell.
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        field = page.get_by_role("combobox", name="Edit tags, row 1")
        expect(field).to_be_focused()
        expect(page.get_by_role("option")).to_have_text(["Y", "Z"])  # x is chosen already
        page.get_by_role("option", name="Z").click()
        expect(page.get_by_role("list", name="Chosen").locator(".cell-chip")).to_have_text(["X×", "Z×"])
        page.keyboard.press("Enter")
        expect(page.get_by_text("tags [['x', 'z'], ['y', 'z']]")).to_be_visible()
        # Backspace in the empty field removes the last item; Escape leaves the cell as it was.
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")  # closes the options
        page.keyboard.press("Backspace")
        page.keyboard.press("Escape")  # leaves the cell
        expect(page.get_by_role("list", name="Chosen")).to_have_count(0)
        expect(page.get_by_text("tags [['x', 'z'], ['y', 'z']]")).to_be_visible()
        # The list: typed items, Enter adds one, Enter in the empty field keeps the cell.
        page.keyboard.press("ArrowRight")
        page.keyboard.type("n")  # typing opens the field with what was typed
        items = page.get_by_role("textbox", name="Edit items, row 1")
        expect(items).to_have_value("n")
        page.keyboard.type("ew")
        page.keyboard.press("Enter")
        expect(page.get_by_role("list", name="Items").locator(".cell-chip")).to_have_text(["a×", "new×"])
        page.keyboard.press("Enter")
        expect(page.get_by_text("items [['a', 'new'], ['b']]")).to_be_visible()


@pytest.mark.browser
def test_a_person_edits_a_zoned_time_in_its_zone_and_times_without_a_zone_keep_theirs(context: Any) -> None:
    """As Streamlit 1.67 in Chromium: the field shows Berlin's time, the edit state holds the instant, the cell
    shows the edit; the data's times have no zone, so the script gets them unchanged (the edit is dropped)."""
    with running_engine(PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        grid = page.get_by_role("grid", name="Data editor")
        expect(page.get_by_text("at ['2024-01-01 08:00:00', '2024-07-01 08:00:00']")).to_be_visible()
        grid.get_by_role("gridcell", name="2024-07-01 10:00+02:00").dblclick()
        field = grid.get_by_label("Edit at, row 2")
        expect(field).to_have_value("2024-07-01T10:00")  # Berlin's wall-clock time, summer time
        expect(field).to_have_attribute("step", "60")
        field.fill("2024-07-01T12:30")
        page.keyboard.press("Enter")
        expect(page.get_by_text("state {1: {'at': '2024-07-01T10:30:00.000Z'}}")).to_be_visible()
        expect(grid.get_by_role("gridcell", name="2024-07-01 12:30+02:00")).to_be_visible()
        expect(page.get_by_text("at ['2024-01-01 08:00:00', '2024-07-01 08:00:00']")).to_be_visible()
