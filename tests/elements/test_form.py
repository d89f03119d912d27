"""``form``: st.form and st.form_submit_button, and what may not go in a form.

How a form's values travel with its submit, across widget kinds: tests/test_api_state.py."""

from __future__ import annotations

from porch.testing import AppTest
from support import app


FORM = """
import porch as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
with st.form("f"):
    name = st.text_input("Name")
    size = st.slider("Size", 0, 10, 1)
    submitted = st.form_submit_button("Send")
st.write(f"name={name} size={size} submitted={submitted}")
"""


def test_form_submit_button_is_a_submit_button() -> None:
    at = AppTest.from_string(FORM).run()
    assert at.button[0].props["submit"] is True
    assert at.button[0].label == "Send"
    assert len(at.form) == 1 and at.form[0].props["form"] == "f"


def test_form_without_with_block() -> None:
    at = app(
        'f = st.form("f")\nv = f.number_input("N", value=1)\nok = f.form_submit_button()\nst.write(v, ok)'
    )
    assert at.button[0].label == "Submit"
    at.number_input[0].set_value(5)
    at.button[0].click().run()
    assert at.markdown.values == ["5 True"]


def test_nested_forms_are_an_error() -> None:
    at = app('with st.form("a"):\n    with st.form("b"):\n        pass')
    assert at.exception[0].type == "PorchAPIError"
    assert "nested" in at.exception[0].message


def test_two_forms_with_one_key_are_an_error() -> None:
    at = app('with st.form("a"):\n    st.form_submit_button()\nwith st.form("a"):\n    st.form_submit_button()')
    assert at.exception[0].type == "PorchAPIError"


def test_button_inside_a_form_is_an_error() -> None:
    at = app('with st.form("a"):\n    st.button("No")')
    assert at.exception[0].type == "PorchAPIError"
    assert "form_submit_button" in at.exception[0].message


def test_on_change_inside_a_form_is_an_error() -> None:
    at = app('with st.form("a"):\n    st.checkbox("C", on_change=print)')
    assert at.exception[0].type == "PorchAPIError"
    assert "callback" in at.exception[0].message


def test_form_submit_button_outside_a_form_is_an_error() -> None:
    at = app('st.form_submit_button("Go")')
    assert at.exception[0].type == "PorchAPIError"
    assert "form" in at.exception[0].message


def test_form_without_submit_button_shows_an_error() -> None:
    at = app('with st.form("lonely"):\n    st.text_input("T")\nst.write("after")')
    assert any("submit" in e.value.lower() for e in at.error)
    assert at.markdown.values == ["after"]
