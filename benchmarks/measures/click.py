"""Click to updated page in Chromium: click the button, wait until the counter sentence shows the new count.

The page is opened and left to settle; then ``click_count`` clicks (after two warm-up clicks), each timed inside the
page with ``performance.now()`` from dispatching the click to the DOM containing "clicked N times" (a
MutationObserver; Playwright's own round trips are not counted). Median per repetition.
"""

from __future__ import annotations

from .. import browser, stats
from ..systems import CONTENT_TEXT
from .cold_start import _browser_ok

NAME = "click"
METRICS = [("median_ms", "click to updated page (median)", "ms", "lower"),
           ("p95_ms", "click to updated page (p95)", "ms", "lower")]

WARMUP = 2


def run_once(ctx, system) -> dict:
    ok, why = _browser_ok(ctx)
    if not ok:
        return {"skipped": why}
    with ctx.server(system, NAME) as server:
        return ctx.run_driver(NAME, {"url": system.base_url(server.port), "count": ctx.config.click_count,
                                     "content_text": CONTENT_TEXT}, timeout=300)


async def client_main(args: dict) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await browser.launch(pw)
        try:
            page = await (await chromium.new_context()).new_page()
            seen = browser.watch_console(page)
            await page.goto(args["url"], timeout=60_000)
            try:
                await browser.wait_for_text(page, args["content_text"], 60)
            except Exception as exc:
                raise RuntimeError(f"{exc}; {await browser.page_state(page, seen)}") from exc
            await page.wait_for_timeout(500)  # let late resources and the socket settle
            times = []
            for n in range(1, WARMUP + args["count"] + 1):
                try:
                    ms = await page.evaluate(browser.CLICK_AND_WAIT_JS, ["Click me", f"clicked {n} times", 10_000])
                except Exception as exc:
                    raise RuntimeError(f"click {n}: {exc}; {await browser.page_state(page, seen)}") from exc
                if n > WARMUP:
                    times.append(ms)
        finally:
            await chromium.close()
    return {"median_ms": stats.median(times), "p95_ms": stats.percentile(times, 95), "min_ms": min(times),
            "n": len(times)}
