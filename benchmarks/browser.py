"""Debian's Chromium through Playwright, headless, launched the way the project's machines need it.

Never ``playwright install``: the browser is /usr/bin/chromium (override with PORCH_BENCH_CHROMIUM).
"""

from __future__ import annotations

import os
import shutil

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_path() -> str | None:
    path = os.environ.get("PORCH_BENCH_CHROMIUM", "/usr/bin/chromium")
    return path if os.path.exists(path) else shutil.which("chromium")


def available() -> tuple[bool, str]:
    """Whether browser measures can run in this interpreter (Playwright importable, Chromium present)."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False, "playwright is not installed in the client interpreter"
    if chromium_path() is None:
        return False, f"no Chromium at {os.environ.get('PORCH_BENCH_CHROMIUM', '/usr/bin/chromium')}"
    return True, ""


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)


# In-page timing of a click: from dispatching the click to the DOM showing the expected text. Measured with
# performance.now() inside the page so Playwright's own round trips are not counted. Bounded by a timeout.
CLICK_AND_WAIT_JS = """
async ([buttonText, expected, timeoutMs]) => {
  const button = [...document.querySelectorAll('button')].find(b => b.textContent.includes(buttonText));
  if (!button) throw new Error('button not found');
  const has = () => document.body.innerText.includes(expected);
  return await new Promise((resolve, reject) => {
    let t0 = 0;
    const done = () => { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); };
    const observer = new MutationObserver(() => { if (has()) done(); });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timeout waiting for ' + expected)); },
                             timeoutMs);
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    t0 = performance.now();
    button.click();
  });
}
"""

# Resolves (with performance.now()) as soon as the rendered text of the page contains ``text``; a MutationObserver
# on the document node itself, so it works from the moment a navigation commits, even before the root element exists
# (``document.documentElement`` can still be null then). Bounded by a timeout.
WAIT_TEXT_JS = """
async ([text, timeoutMs]) => {
  const has = () => !!document.body && document.body.innerText.includes(text);
  if (has()) return performance.now();
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => { if (has()) { observer.disconnect(); clearTimeout(timer);
                                                               resolve(performance.now()); } });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timeout waiting for ' + text)); },
                             timeoutMs);
    observer.observe(document, {childList: true, subtree: true, characterData: true});
  });
}
"""


async def wait_for_text(page, text: str, timeout_s: float) -> None:
    await page.evaluate(WAIT_TEXT_JS, [text, int(timeout_s * 1000)])


def watch_console(page) -> list[str]:
    """Collect the page's console errors and failed requests, for diagnosing a page that never shows its content."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(f"console.{m.type}: {m.text}"[:300]) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: seen.append(f"pageerror: {e}"[:300]))
    page.on("requestfailed", lambda r: seen.append(f"requestfailed: {r.url} {r.failure}"[:300]))
    return seen


async def page_state(page, seen: list[str]) -> str:
    try:
        text = await page.evaluate("() => document.body ? document.body.innerText.slice(0, 300) : '(no body)'")
    except Exception as exc:  # noqa: BLE001
        text = f"(could not read the page: {exc})"
    return f"page text: {text!r}; " + " | ".join(seen[-8:])
