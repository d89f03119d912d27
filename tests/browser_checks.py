"""What the Chromium tests check of a page besides what it shows: the requests it makes (none off its origin), the
Content-Security-Policy violations and console errors it causes (none), and what its first paint costs (requests and
bytes on the wire). Each test drives its own page; these record what the page does and read it back. The grid tests'
shared steps (open the app once its grid shows, select cells, copy, paste, read the clipboard) are here too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Before the page's own scripts: each Content-Security-Policy violation's directive, in ``window.__violations``.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


def watched(page: Any) -> dict[str, list[str]]:
    """Record what ``page`` does from its next navigation on: ``seen["requests"]`` (their URLs), ``seen["errors"]``
    (console errors and uncaught exceptions) and its policy violations (read by :func:`violations`)."""
    seen: dict[str, list[str]] = {"requests": [], "errors": []}
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def watched_page(context: Any, url: str) -> tuple[Any, list[str], list[str]]:
    """A new page of ``context`` opened at ``url``, :func:`watched` from its first request: the page, the URLs it
    requests and the errors it logs."""
    page = context.new_page()
    seen = watched(page)
    page.goto(url)
    return page, seen["requests"], seen["errors"]


def shown_on_click(context: Any, url: str, button: str, library: str) -> tuple[Any, list[str], list[str]]:
    """A :func:`watched_page` of the app at ``url`` that shows its charts once ``button`` is clicked: clicked, after
    checking that no request named ``library`` (a part of the vendored build's URL) before, since a page loads a
    chart's library only when it shows such a chart."""
    page, requests, errors = watched_page(context, url)
    page.get_by_role("button", name=button).wait_for()
    assert not any(library in request for request in requests), f"nothing named {library!r} loads before a chart is shown"
    page.get_by_role("button", name=button).click()
    return page, requests, errors


def violations(page: Any) -> list[str]:
    """The directives of the policy violations the page caused so far (recorded by :func:`watched`)."""
    found: list[str] = page.evaluate("() => window.__violations")
    return found


def off_origin(requests: list[str], url: str) -> list[str]:
    """The requests that left the origin (scheme, host and port) of ``url``."""
    origin = url.split("/", 3)[:3]
    return [request for request in requests if request.split("/", 3)[:3] != origin]


@dataclass
class FirstPaint:
    """What a page cost until its first paint was whole."""

    #: The URLs it requested.
    requests: list[str]
    #: Bytes on the wire, headers and compression included.
    size: float
    #: The page's HTML then (its import map...).
    html: str


def first_paint(browser: Any, url: str, last: str = "Line 20:") -> FirstPaint:
    """Load ``url`` in a new context (an empty cache) until the text ``last`` is on the page, as the cold_start
    benchmark measures it, counting requests and bytes through the DevTools protocol."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        requests: list[str] = []
        sizes: dict[str, float] = {}
        cdp.on("Network.requestWillBeSent", lambda event: requests.append(event["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.update({e["requestId"]: e["encodedDataLength"]}))
        cdp.send("Network.enable")
        page.goto(url)
        page.get_by_text(last).wait_for()
        page.wait_for_timeout(300)  # let the events of what already loaded reach us
        return FirstPaint(requests, sum(sizes.values()), page.content())
    finally:
        context.close()


def copied(page: Any, expected: str, timeout: int = 30_000) -> str:
    """What the clipboard holds, once it holds ``expected`` (or after a generous deadline, ``timeout`` ms, for the
    assertion to show what it held): read in the page until then, a read the page refuses for a moment (its document
    not focused, on a loaded machine) read again."""
    return str(page.evaluate(
        """async ([text, ms]) => {
          const end = Date.now() + ms;
          let held = "";
          for (;;) {
            try {
              held = await navigator.clipboard.readText();
            } catch (error) {
              held = String(error);
            }
            if (held === text || Date.now() > end) return held;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }""", [expected, timeout]))


# The steps of the grid tests (a dataframe's, a data_editor's), one function a step: open the app once its grid shows,
# pick cells, copy, put text on the clipboard, paste. What the clipboard then holds is read by `copied`.

#: How long a grid's first rows may take to show: the script imports pandas, slow on a loaded machine (a generous
#: deadline for an event, never a measure).
FIRST_ROWS_MS = 60_000


def allow_clipboard(context: Any) -> Any:
    """``context``, allowed to read and write the clipboard (as a person who allowed it)."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


def opened_grid(context: Any, url: str, first: str, nth: int = 0) -> tuple[Any, Any]:
    """A new page of ``context`` at the app at ``url``, once its grid (the ``nth`` on the page) shows a cell holding
    ``first`` (exactly): the page and the grid."""
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(url)
    grid = page.get_by_role("grid").nth(nth)
    expect(cell(grid, first)).to_be_visible(timeout=FIRST_ROWS_MS)
    return page, grid


def cell(grid: Any, text: str) -> Any:
    """The cell of ``grid`` whose name is ``text`` exactly (it must be the only one)."""
    return grid.get_by_role("gridcell", name=text, exact=True)


def column_cells(grid: Any, position: int) -> Any:
    """The cells shown of ``grid``'s column at ``position`` (in the data's order; a shown index is 0)."""
    return grid.locator(f".df-cell[data-column='{position}']:visible")


def select_cells(grid: Any, first: str, last: str) -> None:
    """Select the range of ``grid``'s cells from the one named ``first`` to the one named ``last``: a click, then
    Shift and a click."""
    cell(grid, first).click()
    cell(grid, last).click(modifiers=["Shift"])


def copy_cells(page: Any) -> None:
    """Ctrl+C in the page: the grid focused copies its selected cells (read them back with :func:`copied`)."""
    page.keyboard.press("Control+c")


def put_on_clipboard(page: Any, text: str) -> None:
    """Put ``text`` on the clipboard, as a copy from another program would (:func:`allow_clipboard` first)."""
    page.evaluate("text => navigator.clipboard.writeText(text)", text)


def paste_at(page: Any, grid: Any, text: str) -> None:
    """Ctrl+V with the cell of ``grid`` named ``text`` active: a click on it, then the keys."""
    cell(grid, text).click()
    page.keyboard.press("Control+v")
