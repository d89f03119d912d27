"""``checkbox``: st.checkbox and st.toggle (a checkbox shown as a switch)."""

from __future__ import annotations

from support import app


def test_checkbox_defaults_to_false_and_checks() -> None:
    at = app('on = st.checkbox("Agree")\nst.write(f"agree={on}")')
    assert at.checkbox[0].value is False
    at.checkbox[0].check().run()
    assert at.checkbox[0].value is True
    assert at.markdown.values == ["agree=True"]
    at.checkbox[0].uncheck().run()
    assert at.markdown.values == ["agree=False"]


def test_checkbox_value_true() -> None:
    at = app('st.write(st.checkbox("A", value=True))')
    assert at.checkbox[0].value is True
    assert at.markdown.rendered_texts == ["True"]


def test_toggle_is_a_checkbox_shown_as_a_switch() -> None:
    at = app('t = st.toggle("Dark")\nc = st.checkbox("Other")\nst.write(t, c)')
    assert len(at.toggle) == 1 and len(at.checkbox) == 1
    assert at.toggle[0].props["toggle"] is True
    at.toggle[0].set_value(True).run()
    assert at.markdown.rendered_texts == ["True False"]


def test_checkbox_and_toggle_width_and_accepted_parameters() -> None:
    at = app(
        'st.checkbox("C", key="c", width="stretch", wrap=True, bind="query-params", persist_state="session")\n'
        'st.toggle("T")'
    )
    assert at.checkbox[0].props["width"] == "stretch" and at.toggle[0].props["width"] == "content"
