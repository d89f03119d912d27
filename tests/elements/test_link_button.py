"""``link_button``: st.link_button, a link drawn as a button that opens in a new tab.

By default (``on_click="ignore"``) a plain element with no widget id; with ``on_click="rerun"`` or a function also a
button (a trigger). Only http(s), mailto and relative URLs become links: a ``javascript:`` URL never does."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from porch.elements.link_button import link_url
from support import REPO, app, bad_values, send


def test_a_plain_link_button_is_an_element_with_no_id() -> None:
    at = app('st.link_button("Docs", "https://example.org/docs", help="Read them", type="primary", icon="📘")')
    link = at.link_button[0]
    assert link.node.id is None
    assert link.label == "Docs" and link.url == "https://example.org/docs"
    assert link.button_type == "primary" and link.icon == "📘" and link.help == "Read them"
    assert link.props["rerun"] is False and link.props["value"] is None and link.props["disabled"] is False
    assert link.value == "Docs" and link.clicked is False
    with pytest.raises(ValueError, match="on_click='ignore'"):
        link.click()


def test_a_plain_link_button_returns_its_place() -> None:
    at = app(
        'slot = st.link_button("Old", "https://example.org/old")\n'
        "st.write(type(slot).__name__)\n"
        'slot.link_button("New", "https://example.org/new")'
    )
    assert [(b.label, b.url) for b in at.link_button] == [("New", "https://example.org/new")]
    assert at.markdown.values == ["Container"]


def test_two_plain_link_buttons_may_share_a_label() -> None:
    at = app('st.link_button("Open", "https://a.example")\nst.link_button("Open", "https://b.example")')
    assert [b.url for b in at.link_button] == ["https://a.example", "https://b.example"]


def test_on_click_rerun_makes_it_a_button_true_only_in_the_run_its_click_caused() -> None:
    at = app('if st.link_button("Go", "https://example.org", on_click="rerun"):\n    st.write("clicked")')
    link = at.link_button[0]
    assert link.node.id is not None and link.props["rerun"] is True
    assert link.clicked is False and link.value == "Go" and at.markdown.values == []
    link.click().run()
    assert at.link_button[0].clicked is True
    assert at.markdown.values == ["clicked"]
    at.run()
    assert at.markdown.values == []


def test_a_callable_on_click_runs_before_the_rerun_with_args() -> None:
    at = app(
        "def opened(name, times=1):\n"
        '    st.session_state.log = st.session_state.get("log", []) + [name] * times\n'
        'clicked = st.link_button("Go", "https://example.org", key="go", on_click=opened, args=("go",),\n'
        '                         kwargs={"times": 2})\n'
        'st.write(f"{clicked} {st.session_state.get(\'log\', [])}")'
    )
    assert at.markdown.values == ["False []"]
    at.link_button(key="go").click().run()
    assert at.markdown.values == ["True ['go', 'go']"]


def test_a_click_sent_to_a_plain_link_button_does_nothing() -> None:
    at = app('st.link_button("Go", "https://example.org")\nst.write("ran")')
    send(at, {}, trigger="w0000000000000000")
    assert at.markdown.values == ["ran"]
    assert at.link_button[0].node.id is None


def test_a_disabled_link_button_has_no_click() -> None:
    at = app(
        'if st.link_button("Go", "https://example.org", on_click="rerun", disabled=True):\n    st.write("clicked")'
    )
    assert at.link_button[0].disabled
    send(at, {}, trigger=at.link_button[0].id)
    assert at.markdown.values == []
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "\x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "blob:https://example.org/x",
    ],
)
def test_a_url_that_may_not_be_a_link_is_never_sent_as_one(url: str) -> None:
    assert link_url(url) is None
    at = app("st.link_button('Go', url)", url=url)
    assert at.link_button[0].url is None
    assert at.link_button[0].label == "Go" and len(at.exception) == 0


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
        ("/other/page", "/other/page"),
        ("page?x=1", "page?x=1"),
        ("#section", "#section"),
        ("//example.org/x", "//example.org/x"),
        (" https://example.org ", "https://example.org"),
    ],
)
def test_http_mailto_and_relative_urls_are_links(url: str, expected: str) -> None:
    at = app("st.link_button('Go', url)", url=url)
    assert at.link_button[0].url == expected


def test_arguments_are_checked() -> None:
    at = app('st.link_button("Go", "https://example.org", type="loud")')
    assert "link_button('Go'): type must be one of" in at.exception[0].message
    at = app('st.link_button("Go", "https://example.org", on_click="later")')
    assert "on_click must be a function, 'rerun' or 'ignore'" in at.exception[0].message


def test_width_and_compatibility_parameters() -> None:
    at = app(
        'st.link_button("A", "/a", width="stretch")\n'
        'st.link_button("B", "/b", width="stretch", use_container_width=False)\n'
        'st.link_button("C", "/c", use_container_width=True, icon_position="right", shortcut="K", wrap=True, '
        "width=200)"
    )
    assert [b.props["use_container_width"] for b in at.link_button] == [True, False, True]


def test_in_a_form_a_plain_link_is_fine_and_a_callback_is_not() -> None:
    at = app(
        'with st.form("f"):\n'
        '    st.link_button("Terms", "/terms")\n'
        '    st.form_submit_button("Send")'
    )
    assert at.link_button[0].props["form"] == "f"
    at = app(
        'with st.form("f"):\n'
        '    st.link_button("Terms", "/terms", on_click=lambda: None)\n'
        '    st.form_submit_button("Send")'
    )
    assert "cannot have callbacks" in at.exception[0].message


def test_the_signature_is_streamlits() -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = [(p["name"], p["kind"], p["default"]) for p in reference["names"]["st.link_button"]["params"]]
    kinds = {"POSITIONAL_OR_KEYWORD": "either", "KEYWORD_ONLY": "keyword"}
    got = [
        (p.name, kinds[p.kind.name], None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(porch.link_button).parameters.values()
    ]
    assert got == expected


LINKS = """
import porch as st
st.link_button("Plain", "/?from=plain", icon="📘")
if st.link_button("Counted", "/?from=counted", on_click="rerun", type="primary"):
    st.write("the script saw the click")
st.link_button("Evil", "javascript:document.title='pwned'")
st.link_button("Off", "/?from=off", disabled=True)
"""


@pytest.mark.browser
def test_links_open_in_a_new_tab_and_a_javascript_url_never_runs(context: Any) -> None:
    with running_engine(LINKS) as server:
        page = context.new_page()
        page.goto(server.url)
        plain = page.get_by_role("link", name="Plain")
        expect(plain).to_have_attribute("target", "_blank")
        expect(plain).to_have_attribute("rel", "noopener noreferrer")
        expect(plain.locator(".btn-icon")).to_have_text("📘")
        with context.expect_page() as opened:
            plain.click()
        expect(opened.value).to_have_url(server.url.rstrip("/") + "/?from=plain")
        opened.value.close()
        assert page.get_by_text("the script saw the click").count() == 0

        counted = page.get_by_role("link", name="Counted")
        with context.expect_page() as opened:
            counted.click()
        expect(opened.value).to_have_url(server.url.rstrip("/") + "/?from=counted")
        opened.value.close()
        expect(page.get_by_text("the script saw the click")).to_be_visible()

        evil = page.locator("a.btn", has_text="Evil")
        expect(evil).not_to_have_attribute("href", "javascript:document.title='pwned'")
        assert evil.get_attribute("href") is None
        expect(evil).to_have_attribute("aria-disabled", "true")
        title = page.title()
        pages = len(context.pages)
        evil.click(force=True)  # Playwright sees it as disabled; a person may still click it
        page.wait_for_timeout(300)
        assert page.title() == title and "pwned" not in page.title()
        assert len(context.pages) == pages

        off = page.locator("a.btn", has_text="Off")
        assert off.get_attribute("href") is None
        expect(off).to_have_attribute("aria-disabled", "true")

        # The client checks too, whatever a server sends.
        checked = page.evaluate(
            """async () => {
                const { linkHref } = await import("porch/elements/link_button.js");
                return ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\\tscript:alert(1)", "data:text/html,x",
                        "vbscript:x", "/rel", "mailto:a@example.org", "https://example.org/"].map(linkHref);
            }"""
        )
        base = server.url.rstrip("/")
        assert checked == [None, None, None, None, None, base + "/rel", "mailto:a@example.org", "https://example.org/"]
