"""``button``: st.button is True only in the run its click caused."""

from __future__ import annotations

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
    assert props["type"] == "primary" and props["icon"] == "🚀" and props["use_container_width"] is True
    assert at.button[0].help == "tip" and at.button[0].disabled
    assert props["value"] is None and props["submit"] is False


def test_button_click_sent_as_a_value_is_ignored() -> None:
    at = app('if st.button("Go"):\n    st.write("clicked")')
    send(at, {at.button[0].id: True})
    assert at.markdown.values == []


def test_disabled_button_click_is_refused() -> None:
    at = app('if st.button("Go", disabled=True):\n    st.write("clicked")')
    at.button[0].click().run()
    assert at.markdown.values == []
