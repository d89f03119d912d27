"""Not a measure: asks the driver's interpreter whether it can drive Chromium."""

from __future__ import annotations

from .. import browser

NAME = "browser_check"
METRICS: list = []


async def client_main(args: dict) -> dict:
    ok, why = browser.available()
    if ok:
        try:
            from playwright.async_api import async_playwright

            async with async_playwright() as pw:
                b = await browser.launch(pw)
                await b.close()
        except Exception as exc:  # noqa: BLE001
            ok, why = False, f"Chromium did not start: {exc}"
    return {"answer": [ok, why]}
