"""Each kind's styles arrive with its module (core/static.py): in Chromium, a kind is styled from the moment it is
first in the page, no stylesheet is requested on its own (so none can 404), nothing offends the page's policy, and
the first paint stays within its budget of requests and bytes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from browser_checks import RECORD_VIOLATIONS, first_paint, violations
from engine_harness import running_engine
from support import REPO
from test_browser import open_app

pytestmark = pytest.mark.browser

APP = """
import porch as st
st.slider("Size", 0, 10, 3)
st.select_slider("Pick", ["lo", "mid", "hi"], value="mid")
st.button("Go", type="primary")
st.download_button("Get", b"data", file_name="data.txt")
with st.expander("More", expanded=True):
    st.text("inside")
"""

#: kind -> (a selector inside the kind's node, its computed property, the value a rule of which stylesheet gives it).
#: Without that stylesheet each would be the browser's default (static, block, normal, 0px, underline...).
STYLED = {
    "slider": (".slider-track", "position", "absolute", "elements/slider.css"),
    "select_slider": (".slider-input", "appearance", "none", "elements/slider.css, through slider.js"),
    "button": (".btn", "background-color", "rgb(79, 70, 229)", "elements/button.css, light --accent"),
    "download_button": ("a.btn", "text-decoration-line", "none", "elements/download_button.css"),
    "expander": (":scope", "border-top-left-radius", "10px", "elements/expander.css"),
    "text": (".text-body", "white-space", "pre-wrap", "elements/text.css"),
}
#: The same, for what widget.css (arriving with widget.js) gives every widget's label row.
LABEL = (".widget-label", "font-weight", "500", "widget.css")

#: Before the page's own scripts: note each kind's styles the moment its node first enters the document (a
#: MutationObserver runs before the browser renders), and any Content-Security-Policy violation.
WATCH = RECORD_VIOLATIONS + """
window.__firstSeen = {};
const probes = PROBES;
new MutationObserver(() => {
  for (const node of document.querySelectorAll("[data-kind]")) {
    const kind = node.dataset.kind;
    if (!(kind in probes) || kind in window.__firstSeen) continue;
    const seen = {};
    for (const [selector, property] of probes[kind]) {
      const target = selector === ":scope" ? node : node.querySelector(selector);
      seen[selector] = target ? getComputedStyle(target).getPropertyValue(property) : null;
    }
    window.__firstSeen[kind] = seen;
  }
}).observe(document, { childList: true, subtree: true });
"""


def watch(page: Any) -> dict[str, list[Any]]:
    """Collect failed responses and requests for stylesheets; install WATCH before the page loads."""
    probes = {kind: [[selector, prop]] for kind, (selector, prop, _, _) in STYLED.items()}
    for kind in ("slider", "select_slider"):
        probes[kind].append([LABEL[0], LABEL[1]])
    page.add_init_script(WATCH.replace("PROBES", json.dumps(probes)))
    seen: dict[str, list[Any]] = {"failed": [], "stylesheets": [], "errors": []}

    def on_response(response: Any) -> None:
        if response.status >= 400:
            seen["failed"].append((response.status, response.url))

    def on_request(request: Any) -> None:
        if request.url.endswith(".css") or request.resource_type == "stylesheet":
            seen["stylesheets"].append(request.url)

    def on_console(message: Any) -> None:
        if message.type == "error":
            seen["errors"].append(message.text)

    page.on("response", on_response)
    page.on("requestfailed", lambda request: seen["failed"].append((request.failure, request.url)))
    page.on("request", on_request)
    page.on("console", on_console)
    return seen


def test_each_kind_is_styled_from_its_first_paint_by_the_styles_its_module_brought(context: Any) -> None:
    with running_engine(APP) as server:
        page = context.new_page()
        seen = watch(page)
        page.goto(server.url)
        page.get_by_text("inside").wait_for()
        first = page.evaluate("() => window.__firstSeen")
        for kind, (selector, prop, value, source) in STYLED.items():
            assert first[kind][selector] == value, f"{kind}: {prop} of {selector} should come from {source}"
        for kind in ("slider", "select_slider"):
            assert first[kind][LABEL[0]] == LABEL[2], f"{kind}: the label row should be styled by {LABEL[3]}"
        assert seen == {"failed": [], "stylesheets": [], "errors": []}
        assert violations(page) == []


def test_a_stylesheet_two_kinds_share_is_adopted_once(context: Any) -> None:
    with running_engine(APP) as server:
        page = open_app(context, server.url)
        sheets = page.evaluate(
            """() => document.adoptedStyleSheets.map((sheet) =>
                [...sheet.cssRules].map((rule) => rule instanceof CSSStyleRule ? rule.selectorText : ""))"""
        )
    # slider and select_slider share slider.css (select_slider.js re-exports slider.js); button and download_button
    # share button.css (download_button.js takes its face from button.js); every widget shares widget.css.
    for selector in (".slider-track", ".btn", ".widget-label", "a.btn", ".expander", ".text-body"):
        assert sum(selector in rules for rules in sheets) == 1, selector
    assert len(sheets) == 6, "widget, slider, button, download_button, expander and text: one sheet each"


def test_element_styles_follow_the_dark_theme(browser: Any) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        with running_engine(APP) as server:
            page = open_app(context, server.url)
            button = page.locator(".btn[data-variant='primary']")
            background = button.evaluate("(b) => getComputedStyle(b).backgroundColor")
            assert background == "rgb(139, 140, 248)", "button.css draws with the page's dark --accent"
    finally:
        context.close()


def test_the_first_paint_stays_within_ten_requests_and_100_kb(browser: Any) -> None:
    """The benchmark app (benchmarks/apps/porch_app.py), as the cold_start measure loads it: an empty cache, requests
    and bytes on the wire (headers and compression included) until its last line is on the page."""
    with running_engine(path=REPO / "benchmarks" / "apps" / "porch_app.py") as server:
        paint = first_paint(browser, server.url)
    assert len(paint.requests) <= 10, paint.requests
    assert paint.size <= 100_000
    assert not any(".css" in url for url in paint.requests)
