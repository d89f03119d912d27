"""``text_input``: st.text_input's own options. What it shares with st.text_area: tests/test_api_widgets.py.

Values a client sends that do not fit (no string, or one a validate function refuses) are refused on the server:
those tests send raw wire values through the session (``support.send``), as a hostile or stale browser tab could.
``required`` and a ``validate`` pattern are the page's checks, as in Streamlit 1.67: the server takes what they stop."""

from __future__ import annotations

import re
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
    assert "'email', 'url', 'phone', 'search'" in at.exception[0].message


EMAIL = (r"^[^\s@]+@[^\s@]+\.[^\s@]+$", "Enter a valid email address.")
URL = (r"^([Hh][Tt][Tt][Pp][Ss]?://)?[^\s/.]+\.[^\s]+$", "Enter a valid URL.")


@pytest.mark.parametrize(
    "kind, html, icon, placeholder, validate, autocomplete",
    [
        ("default", "text", None, None, (None, None), ""),
        ("password", "password", None, None, (None, None), "new-password"),
        ("email", "email", ":material/mail:", "you@example.com", EMAIL, "email"),
        ("url", "url", ":material/link:", "https://example.com", URL, "url"),
        ("phone", "tel", ":material/call:", "+1 234 567 8900", (None, None), "tel"),
        ("search", "search", ":material/search:", "Search", (None, None), "off"),
    ],
)
def test_text_input_types_set_streamlit_s_defaults(
    kind: str, html: str, icon: str | None, placeholder: str | None, validate: tuple[str | None, str | None],
    autocomplete: str,
) -> None:
    # Streamlit 1.67's _TEXT_INPUT_TYPE_DEFAULTS: the input's type and the defaults of icon, placeholder, validate and
    # autocomplete.
    props = app(f'st.text_input("T", type="{kind}")').text_input[0].props
    assert (props["type"], props["icon"], props["placeholder"]) == (html, icon, placeholder)
    assert ((props["validate"], props["validate_message"]), props["autocomplete"]) == (validate, autocomplete)


def test_a_type_s_defaults_give_way_to_the_script_s_values_and_empty_text_turns_them_off() -> None:
    given = app(
        'st.text_input("T", type="email", icon="📧", placeholder="me@here", validate=r"@", autocomplete="work email")'
    )
    props = given.text_input[0].props
    assert (props["icon"], props["placeholder"], props["validate"], props["autocomplete"]) == (
        "📧", "me@here", "@", "work email"
    )
    off = app('st.text_input("T", type="url", icon="", placeholder="", validate="", autocomplete="")')
    props = off.text_input[0].props
    assert (props["type"], props["icon"], props["placeholder"], props["validate"], props["autocomplete"]) == (
        "url", None, None, "", ""
    )


def test_like_streamlit_the_server_takes_text_the_type_s_pattern_would_stop() -> None:
    # Streamlit 1.67 checks type="email"/"url"'s patterns in the browser only: its AppTest takes any text.
    at = app('mail = st.text_input("Mail", type="email")\nsite = st.text_input("Site", type="url")\n'
             'st.write(repr(mail), repr(site))')
    at.text_input[0].input("ada@example").run()
    at.text_input[1].input("no site").run()
    assert at.markdown.values == ["'ada@example' 'no site'"]
    assert [widget.props.get("refused") for widget in at.text_input] == [None, None] and bad_values(at) == []


def test_a_password_cannot_be_kept_in_the_url() -> None:
    at = app('st.text_input("P", type="password", key="p", bind="query-params")')
    assert "password values must not appear in URLs" in at.exception[0].message


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
    assert (plain["validate"], plain["validate_message"], plain["live_ms"], plain["required"]) == (None, None, 250, False)


@pytest.mark.parametrize(
    ("live", "milliseconds"),
    [("300ms", 300), ("0.5s", 500), ("1m", 60_000), ("0.5 min", 30_000), ("1500us", 2), ("100000ns", 1), ("0ms", 0),
     ("00:00:02", 2000), ("1s 250ms", 1250), ("300", 1), ("0", 0), ("60000000000", 60_000)],
)
def test_live_reads_durations_as_streamlit_does(live: str, milliseconds: int) -> None:
    """Every unit pandas' ``Timedelta`` reads (Streamlit 1.67 parses ``live`` with it), rounded to milliseconds; a
    pause under one millisecond is one, not an immediate send. A bare number is nanoseconds, as pandas reads it."""
    assert app(f"st.text_input('T', live={live!r})").text_input[0].props["live_ms"] == milliseconds


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.text_input("T", live=300)', "live must be True, False or a duration"),
        ('st.text_input("T", live="60001000000")', "live must be a pause of at most 1 minute"),
        ('st.text_input("T", live="2h")', "live must be a pause of at most 1 minute"),
        ('st.text_input("T", live="soon")', "live must be True, False or a duration"),
        ('st.text_input("T", live="61s")', "live must be a pause of at most 1 minute"),
        ('st.text_input("T", validate=5)', "validate must be a pattern"),
        ('st.text_input("T", width=0)', "width must be a positive number of pixels"),
    ],
)
def test_bad_arguments_are_errors(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def test_like_streamlit_required_and_a_pattern_are_the_page_s_checks_not_the_server_s() -> None:
    # Streamlit 1.67: `at.text_input[0].input("abc")` with validate=r"^[0-9]+$" gives "abc", `.input("")` with
    # required=True gives "" ("This check runs in the user's browser and can be bypassed").
    at = app(
        'digits = st.text_input("Digits", validate=r"^[0-9]+$")\n'
        'code = st.text_input("Code", "x", validate=(r"^[A-Z]{3}$", "Three capitals"))\n'
        'name = st.text_input("Name", "Ada", required=True)\n'
        'late = st.text_input("Late", value=None, required=True)\n'
        'st.write(repr(digits), repr(code), repr(name), repr(late))'
    )
    assert at.markdown.values == ["'' 'x' 'Ada' None"] and at.text_input[1].value == "x"
    at.text_input[0].input("abc").run()
    at.text_input[1].input("zz").run()
    at.text_input[2].input("").run()
    at.text_input[3].input("").run()
    assert at.markdown.values == ["'abc' 'zz' '' ''"]
    send(at, {at.text_input[3].id: None})  # a value=None field may be emptied again, required or not
    assert at.markdown.values == ["'abc' 'zz' '' None"]
    assert bad_values(at) == [] and all(widget.props.get("refused") is None for widget in at.text_input)


def test_a_validate_function_still_refuses_text_on_the_server() -> None:
    # Porch's own extension (Streamlit takes only patterns): the function runs on the server for each text sent.
    at = app(
        'def even(text):\n    return len(text) % 2 == 0 or "odd length"\n'
        'word = st.text_input("Word", validate=even, required=True)\n'
        'st.write(repr(word))'
    )
    word = at.text_input[0].id
    send(at, {word: "ab"})
    assert at.markdown.values == ["'ab'"]
    send(at, {word: "abc"})
    assert at.markdown.values == ["'ab'"]
    assert bad_values(at) == []  # a refusal is the widget's to show, not an error of the page
    send(at, {word: ""})  # empty text is not validated, and `required` is the page's check
    assert at.markdown.values == ["''"]


def test_a_refused_text_comes_back_with_its_message_for_the_field_to_show() -> None:
    # Streamlit shows a refused text's message at the field ("Invalid input." or the function's) and keeps the text.
    at = app(
        'def even(text):\n    return len(text) % 2 == 0 or "Use an even length"\n'
        'st.text_input("Word", validate=even)\n'
        'st.text_input("Any", validate=lambda text: text != "no")\n'
        'st.write("ran")'
    )
    word, other = (widget.id for widget in at.text_input)
    send(at, {word: "abc", other: "no"})
    refused = {widget.id: widget.props.get("refused") for widget in at.text_input}
    assert refused == {
        word: {"value": "abc", "message": "Use an even length"},
        other: {"value": "no", "message": "Invalid input."},
    }
    assert bad_values(at) == [] and [widget.value for widget in at.text_input] == ["", ""]


@pytest.mark.browser
def test_a_person_types_live_and_invalid_text_in_chromium(context: Any) -> None:
    source = (
        'q = st.text_input("Search", live="100ms")\n'
        'st.write(f"search [{q}]")\n'
        'code = st.text_input("Code", validate=(r"^[A-Z]{3}$", "Three capitals"), required=True, icon="🔑")\n'
        'mail = st.text_input("Mail", "ada@example.org", type="email")\n'
        'st.session_state.runs = st.session_state.get("runs", 0) + 1\n'
        'st.write(f"code [{code}] mail [{mail}] run {st.session_state.runs}")\n'
        'st.button("Probe")\n'
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
        code.fill("ABC")
        code.press("Enter")
        expect(page.get_by_text("code [ABC] mail [ada@example.org]")).to_be_visible()
        # The server takes any text (as Streamlit's), so the page is what keeps these back: an empty required field,
        # text not matching the pattern, the email type's. A rerun after them shows none was sent.
        code.fill("")
        code.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("This field is required.")
        code.fill("abc")
        code.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("Three capitals")
        mail = page.get_by_label("Mail", exact=True)
        mail.fill("ada@example")
        mail.press("Enter")
        expect(page.get_by_role("alert")).to_have_count(2)
        runs = int(page.get_by_text(re.compile(r"^code .* run \d+$")).inner_text().rsplit(" ", 1)[1])
        page.get_by_role("button", name="Probe").click()
        expect(page.get_by_text(f"code [ABC] mail [ada@example.org] run {runs + 1}")).to_be_visible()
        code.fill("ABD")
        code.press("Enter")
        expect(page.get_by_text("code [ABD]")).to_be_visible()
        expect(code).not_to_have_attribute("aria-invalid", "true")
        expect(page.locator(".input-icon").first).to_have_text("🔑")


@pytest.mark.browser
def test_in_chromium_each_type_is_the_input_s_own_and_search_has_a_clear_button(context: Any) -> None:
    source = (
        'for kind in ("default", "password", "email", "url", "phone"):\n'
        '    st.text_input(kind.title(), type=kind)\n'
        'mail = st.text_input("Mail", type="email")\n'
        'st.write(f"mail [{mail}]")\n'
        'q = st.text_input("Find", "porch", type="search")\n'
        'st.write(f"find [{q}]")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        for label, html, autocomplete in [
            ("Default", "text", ""), ("Password", "password", "new-password"), ("Email", "email", "email"),
            ("Url", "url", "url"), ("Phone", "tel", "tel"), ("Find", "search", "off"),
        ]:
            field = page.get_by_label(label, exact=True)
            expect(field).to_have_attribute("type", html)
            expect(field).to_have_attribute("autocomplete", autocomplete)
        expect(page.get_by_label("Phone", exact=True)).to_have_attribute("placeholder", "+1 234 567 8900")
        mail = page.get_by_label("Mail", exact=True)
        mail.fill("ada@example")
        mail.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("Enter a valid email address.")
        mail.fill("ada@example.org")
        mail.press("Enter")
        expect(page.get_by_text("mail [ada@example.org]")).to_be_visible()

        find = page.get_by_label("Find", exact=True)
        expect(find).to_have_attribute("enterkeyhint", "search")
        expect(page.get_by_role("button", name="Clear entry")).to_have_count(1)  # only the search field's
        page.get_by_role("button", name="Clear entry").click()
        expect(page.get_by_text("find []")).to_be_visible()
        expect(find).to_have_value("")
        expect(find).to_be_focused()
        expect(page.get_by_role("button", name="Clear entry")).to_have_count(0)  # nothing to clear

        password = page.get_by_label("Password", exact=True)
        password.fill("secret")
        page.get_by_role("button", name="Show password").click()  # the eye shows what is typed, and hides it again
        expect(password).to_have_attribute("type", "text")
        expect(password).to_have_value("secret")
        expect(page.get_by_role("button", name="Hide password")).to_have_attribute("aria-pressed", "true")
        page.get_by_role("button", name="Hide password").click()
        expect(password).to_have_attribute("type", "password")


@pytest.mark.browser
def test_in_chromium_a_validate_function_s_message_shows_at_the_field(context: Any) -> None:
    source = (
        'def even(text):\n    return len(text) % 2 == 0 or "Use an even length"\n'
        'word = st.text_input("Word", validate=even)\n'
        'st.write(f"word [{word}]")\n'
        'plain = st.text_input("Plain", validate=r"^[a-z]+$")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        word = page.get_by_label("Word", exact=True)
        word.fill("abc")
        word.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("Use an even length")
        expect(word).to_have_attribute("aria-invalid", "true")
        expect(word).to_have_value("abc")  # kept to be corrected, as Streamlit keeps invalid text
        expect(page.get_by_text("word []")).to_be_visible()
        word.press("Enter")  # the same text again: still refused, not sent
        expect(page.get_by_role("alert")).to_have_text("Use an even length")
        word.fill("abcd")
        word.press("Enter")
        expect(page.get_by_text("word [abcd]")).to_be_visible()
        expect(word).not_to_have_attribute("aria-invalid", "true")
        expect(page.get_by_role("alert")).to_have_count(0)
        plain = page.get_by_label("Plain", exact=True)
        plain.fill("ABC")
        plain.press("Enter")
        expect(page.get_by_role("alert")).to_have_text("Invalid input. Must match pattern: /^[a-z]+$/su")
