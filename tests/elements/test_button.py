"""``button``: st.button is True only in the run its click caused."""

from __future__ import annotations

import pytest

from porch.testing import AppTestError
from support import app, send


def test_button_is_true_only_in_the_run_its_click_caused() -> None:
    at = app('if st.button("Go"):\n    st.write("clicked")')
    assert at.button[0].value is False
    assert at.markdown.values == []
    at.button[0].click().run()
    assert at.button[0].value is True
    assert at.markdown.values == ["clicked"]
    at.run()
    assert at.button[0].value is False
    assert at.markdown.values == []


def test_button_props() -> None:
    at = app('st.button("Go", help="tip", type="primary", icon="🚀", disabled=True, use_container_width=True)')
    props = at.button[0].props
    # Streamlit 1.67 deprecated use_container_width: True is width="stretch".
    assert props["type"] == "primary" and props["icon"] == "🚀" and props["width"] == "stretch"
    assert props["icon_position"] == "left"
    assert at.button[0].help == "tip" and at.button[0].disabled
    assert props["value"] is None and props["submit"] is False


def test_button_click_sent_as_a_value_is_ignored() -> None:
    at = app('if st.button("Go"):\n    st.write("clicked")')
    send(at, {at.button[0].id: True})
    assert at.markdown.values == []


def test_disabled_button_click_is_refused() -> None:
    at = app('if st.button("Go", disabled=True):\n    st.write("clicked")')
    with pytest.raises(AppTestError, match="disabled"):  # as in Streamlit: no person could click it
        at.button[0].click()
    send(at, {}, trigger=at.button[0].id)  # a client that clicks it anyway
    assert at.markdown.values == []


def test_button_icon_position_width_and_accepted_parameters() -> None:
    at = app('st.button("Next", icon="➡️", icon_position="right", width=200, shortcut="Ctrl+Enter", wrap=False)\n'
             'st.button("Old", use_container_width=False, width="stretch")\nst.button("Plain")')
    first, old, plain = at.button
    assert (first.props["icon_position"], first.props["width"]) == ("right", 200)
    assert old.props["width"] == "content"  # use_container_width=False: the button's own width
    assert (plain.props["icon_position"], plain.props["width"]) == ("left", "content")
    assert "icon_position must be one of" in app('st.button("B", icon_position="top")').exception[0].message


def test_on_click_rerun_is_no_callback() -> None:
    at = app('if st.button("Go", on_click="rerun"):\n    st.write("clicked")')
    at.button[0].click().run()
    assert at.markdown.values == ["clicked"]
