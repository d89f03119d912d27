"""What a Streamlit 1.67 AppTest suite does with ``at.session_state`` and with editors, on Porch.

A test's own ``at.session_state[key] = value`` between runs is the widget's input whatever the widget (Streamlit's
AppTest checks no session-state rules outside a run): an editor's edit state, as Streamlit's documentation of
``data_editor`` tells tests to set it, a button's click before the button was ever shown. A script's own write stays
refused where Streamlit refuses it. An editor is a ``Dataframe`` to AppTest: in ``at.dataframe`` and
``at.data_editor``, of type "dataframe", its ``value`` the table the script gave and ``editing_mode`` its
``num_rows``.
"""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from porch.testing.elements import DataEditor

STOCK = """
import pandas as pd
import streamlit as st

stock = pd.DataFrame({"item": ["nails", "screws"], "count": [40, 25]})
st.dataframe(stock)
edited = st.data_editor(stock, key="stock", num_rows="dynamic")
st.markdown(f"total {int(edited['count'].sum())} in {len(edited)} rows")
"""


def test_an_editor_is_a_dataframe_whose_value_is_the_table_given() -> None:
    at = AppTest.from_string(STOCK).run()
    assert [d.editing_mode for d in at.dataframe] == ["read_only", "dynamic"]
    editor = at.data_editor[0]
    assert isinstance(editor, DataEditor) and at.dataframe[1] == editor
    assert editor.type == "dataframe" and editor.editing_mode == "dynamic" and editor.key == "stock"
    assert editor.value.equals(pd.DataFrame({"item": ["nails", "screws"], "count": [40, 25]}))
    assert at.get("data_editor") == [editor]


def test_a_test_sets_an_editors_edits_through_session_state_and_its_value_stays_the_table_given() -> None:
    at = AppTest.from_string(STOCK).run()
    at.session_state["stock"] = {
        "edited_rows": {"0": {"count": 10}}, "added_rows": [{"item": "bolts", "count": 5}], "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "total 40 in 3 rows"
    assert at.data_editor[0].value["count"].tolist() == [40, 25]  # the input, as Streamlit's AppTest reads it
    assert at.data_editor[0].edit_state["edited_rows"] == {0: {"count": 10}}
    at.run()  # the edits stay, as a page's would
    assert at.markdown[0].value == "total 40 in 3 rows"


def test_edits_set_before_the_first_run_are_taken_too() -> None:
    at = AppTest.from_string(STOCK)
    at.session_state["stock"] = {"edited_rows": {1: {"count": 0}}, "added_rows": [], "deleted_rows": [0]}
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "total 0 in 1 rows"


CLICKS = """
import streamlit as st

clicked = st.button("Order", key="order")
upload = st.file_uploader("Invoice", key="invoice")
st.markdown(f"clicked {clicked}, invoice {upload}")
"""


def test_a_buttons_key_set_before_it_was_shown_clicks_it_once_and_later_does_nothing() -> None:
    at = AppTest.from_string(CLICKS)
    at.session_state["order"] = True
    at.run()
    assert at.markdown[0].value == "clicked True, invoice None"
    at.run()
    assert at.markdown[0].value == "clicked False, invoice None"
    at.session_state["order"] = True  # once shown, the button holds what its page says (not clicked)
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "clicked False, invoice None"


def test_an_uploaders_key_set_by_a_test_is_taken_and_a_scripts_own_write_is_still_refused() -> None:
    at = AppTest.from_string(CLICKS)
    at.session_state["invoice"] = None
    at.run()
    assert not at.exception and at.markdown[0].value == "clicked False, invoice None"
    refused = AppTest.from_string('import streamlit as st\nst.session_state["f"] = None\nst.file_uploader("F", key="f")\n')
    refused.run()
    refused.run()
    assert "cannot be set through session_state" in refused.exception[0].message


def test_a_key_no_widget_takes_is_the_scripts_own_after_the_run() -> None:
    at = AppTest.from_string(
        "import streamlit as st\n"
        "st.session_state.visits = st.session_state.get('visits', 0) + 1\n"
        "st.markdown(f\"visits {st.session_state.visits}, note {st.session_state.get('note')}\")\n"
        "if st.session_state.visits > 2:\n"
        "    st.text_input('Note', key='note')\n"
    )
    at.session_state["note"] = "kept"
    at.session_state["visits"] = 1
    at.run()
    assert at.markdown[0].value == "visits 2, note kept"
    at.run()  # the text input shows now, and takes the key's value as any widget takes a key set before it
    assert at.markdown[0].value == "visits 3, note kept" and at.text_input[0].value == "kept"
