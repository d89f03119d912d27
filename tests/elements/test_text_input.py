"""``text_input``: st.text_input's own options. What it shares with st.text_area: tests/test_api_widgets.py.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, bad_values, send


def test_text_input_password_type() -> None:
    at = app('st.text_input("Password", type="password")')
    assert at.text_input[0].props["type"] == "password"


def test_text_input_bad_type_is_an_error() -> None:
    at = app('st.text_input("Password", type="secret")')
    assert at.exception[0].props["type"] == "PorchAPIError"


@pytest.mark.parametrize("wire", [5, None, ["x"], True])
def test_text_input_refuses_non_strings(wire: Any) -> None:
    at = app('st.text_input("T", "keep")')
    send(at, {at.text_input[0].id: wire})
    assert at.text_input[0].value == "keep"
    assert len(bad_values(at)) == 1


def test_text_input_props() -> None:
    at = app('st.text_input("Name", required=True, icon="👤", validate=(r"^\\w+$", "Letters only"), live="0.5s",'
             ' width="content")')
    props = at.text_input[0].props
    assert (props["required"], props["icon"], props["width"]) == (True, "👤", "content")
    assert (props["validate"], props["validate_message"], props["live_ms"]) == (r"^\w+$", "Letters only", 500)
    plain = app('st.text_input("Name", live=True)').text_input[0].props
    assert (plain["validate"], plain["validate_message"], plain["live_ms"], plain["required"]) == (None, None, 300, False)


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.text_input("T", live=300)', "live must be True, False or a duration"),
        ('st.text_input("T", live="soon")', "live must be True, False or a duration"),
        ('st.text_input("T", validate=5)', "validate must be a pattern"),
        ('st.text_input("T", width=0)', "width must be a positive number of pixels"),
    ],
)
def test_bad_arguments_are_errors(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def test_required_refuses_empty_text_from_a_client() -> None:
    at = app('v = st.text_input("Name", value=None, required=True)\nst.write(repr(v))')
    assert at.markdown.values == ["None"]
    for wire in ("", None):
        send(at, {at.text_input[0].id: wire})
    assert len(bad_values(at)) == 2 and at.markdown.values == ["None"]
    send(at, {at.text_input[0].id: "Ada"})
    assert at.markdown.values == ["'Ada'"]


def test_validate_pattern_and_function_refuse_text_on_the_server() -> None:
    at = app(
        'code = st.text_input("Code", validate=r"^[A-Z]{3}$")\n'
        'def even(text):\n    return len(text) % 2 == 0 or "odd length"\n'
        'word = st.text_input("Word", validate=even)\n'
        'st.write(repr(code), repr(word))'
    )
    code, word = (widget.id for widget in at.text_input)
    send(at, {code: "ABC", word: "ab"})
    assert at.markdown.values == ["'ABC' 'ab'"]
    send(at, {code: "abc"})
    send(at, {word: "abc"})
    assert len(bad_values(at)) == 2 and at.markdown.values == ["'ABC' 'ab'"]
    send(at, {code: "", word: ""})  # empty text is not validated
    assert at.markdown.values == ["'' ''"]


@pytest.mark.browser
def test_a_person_types_live_and_invalid_text_in_chromium(context: Any) -> None:
    source = (
        'q = st.text_input("Search", live="100ms")\n'
        'st.write(f"search [{q}]")\n'
        'code = st.text_input("Code", validate=(r"^[A-Z]{3}$", "Three capitals"), required=True, icon="🔑")\n'
        'st.write(f"code [{code}]")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        search = page.get_by_label("Search", exact=True)
        search.press_sequentially("porch")  # no Enter: sent once typing pauses
        expect(page.get_by_text("search [porch]")).to_be_visible()
        expect(search).to_be_focused()

        code = page.get_by_label("Code", exact=True)
        code.fill("abc")
        code.press("Enter")
        expect(code).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_role("alert")).to_have_text("Three capitals")
        code.fill("")
        code.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("This field is required.")
        code.fill("ABC")
        code.press("Enter")
        expect(page.get_by_text("code [ABC]")).to_be_visible()
        expect(code).not_to_have_attribute("aria-invalid", "true")
        expect(page.locator(".input-icon")).to_have_text("🔑")
