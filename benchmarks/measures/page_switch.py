"""Switching pages in Chromium (issue 11), Porch and Streamlit: a click on the other page's link in the menu until that
page's content is on screen.

The app (``apps/porch_pages_app.py``, ``apps/streamlit_pages_app.py``: the same script but for the import) is two
pages of ``st.navigation``, "First" and "Second", each a title and twenty lines ("First line 1" ...). Both systems
show the menu in the sidebar as links (``<a>`` whose text is the page's title), and a plain click switches pages
without reloading (a history entry and a run of the new page). The page is opened and left to settle; then
``page_switch_count`` switches, alternating Second and First (after two warm-up switches), each timed inside the page
with ``performance.now()`` from dispatching the click on the link until the page's text holds the new page's last line
and no longer the old page's (a MutationObserver, as ``click`` times its counter; Playwright's round trips are not
counted). Median and p95 per repetition.
"""

from __future__ import annotations

import dataclasses

from .. import browser, stats
from ..systems import APPS
from .cold_start import _browser_ok

NAME = "page_switch"
SYSTEMS = ("porch", "streamlit")
METRICS = [("median_ms", "click on the other page's link until its content shows (median)", "ms", "lower"),
           ("p95_ms", "click on the other page's link until its content shows (p95)", "ms", "lower")]
APPS_BY_SYSTEM = {"porch": APPS / "porch_pages_app.py", "streamlit": APPS / "streamlit_pages_app.py"}
PAGES = ("First", "Second")
WARMUP = 2

# Click the link titled `title` and resolve with the milliseconds until the page's text holds `expected` and not
# `gone`. Bounded by a timeout.
SWITCH_JS = """
async ([title, expected, gone, timeoutMs]) => {
  const link = [...document.querySelectorAll('a')].find((a) => a.innerText.trim() === title);
  if (!link) throw new Error(`no link titled ${title}`);
  const shown = () => {
    const text = document.body.innerText;
    return text.includes(expected) && !text.includes(gone);
  };
  return await new Promise((resolve, reject) => {
    let t0 = 0;
    const done = () => { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); };
    const observer = new MutationObserver(() => { if (shown()) done(); });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timeout waiting for ' + expected)); },
                             timeoutMs);
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    t0 = performance.now();
    link.click();
  });
}
"""


def last_line(page: str) -> str:
    return f"{page} line 20"


def run_once(ctx, system) -> dict:
    ok, why = _browser_ok(ctx)
    if not ok:
        return {"skipped": why}
    with ctx.server(dataclasses.replace(system, app=APPS_BY_SYSTEM[system.name]), NAME) as server:
        return ctx.run_driver(NAME, {"url": system.base_url(server.port), "count": ctx.config.page_switch_count},
                              timeout=300)


async def client_main(args: dict) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await browser.launch(pw)
        try:
            page = await (await chromium.new_context(viewport={"width": 1280, "height": 900})).new_page()
            seen = browser.watch_console(page)
            await page.goto(args["url"], timeout=60_000)
            try:
                await browser.wait_for_text(page, last_line(PAGES[0]), 60)
            except Exception as exc:
                raise RuntimeError(f"{exc}; {await browser.page_state(page, seen)}") from exc
            await page.wait_for_timeout(500)  # let late resources and the socket settle
            times = []
            for n in range(WARMUP + args["count"]):
                to, away = PAGES[(n + 1) % 2], PAGES[n % 2]
                try:
                    ms = await page.evaluate(SWITCH_JS, [to, last_line(to), last_line(away), 10_000])
                except Exception as exc:
                    raise RuntimeError(f"switch {n + 1} to {to}: {exc}; {await browser.page_state(page, seen)}") \
                        from exc
                if n >= WARMUP:
                    times.append(ms)
        finally:
            await chromium.close()
    return {"median_ms": stats.median(times), "p95_ms": stats.percentile(times, 95), "min_ms": min(times),
            "n": len(times)}
