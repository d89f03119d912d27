"""A frame of a million rows in Chromium (issue 10), Porch only: launch to first rows, bytes until they show, and a
jump to the middle of the frame.

The app (``apps/porch_dataframe_app.py``) shows a 1,000,000 x 10 float frame with ``st.dataframe``. A fresh Chromium
(empty cache) is started first, not timed; then the server is launched (t0), the page opened, and the driver waits
until the grid shows its first row (``launch_to_rows_s``, from t0 as in ``cold_start``). Bytes on the wire are counted
through the DevTools protocol until then (HTTP bodies with headers, plus WebSocket payloads): ``kbytes``. Then the
grid's scroll position is set, inside the page, to show row 500,000 (and then rows a little further on, a new place
each time, so no answer is cached), and the time until that row's cells are on screen is taken with
``performance.now()``: ``scroll_p95_ms`` (and the median) over ``count`` jumps. Each jump costs a ``rows`` request, the
server's slice of the frame and the paint of the rows in view.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

from .. import browser, procs, stats
from ..systems import APPS
from .cold_start import _browser_ok, _NetCounter

NAME = "dataframe"
SYSTEMS = ("porch",)
METRICS = [
    ("launch_to_rows_s", "launch to the first rows of a 1M x 10 frame visible (Chromium)", "s", "lower"),
    ("kbytes", "kB transferred until the first rows are visible", "kB", "lower"),
    ("scroll_ms", "jump to row 500,000 until its cells show (median)", "ms", "lower"),
    ("scroll_p95_ms", "jump to row 500,000 until its cells show (p95)", "ms", "lower"),
]
APP = APPS / "porch_dataframe_app.py"
JUMPS = 40

# Show row `target` at the top of the grid (the grid scales its scroll range past 8,000,000 px: the same mapping as
# webui/elements/dataframe.js), then wait until that row is painted with its data; the elapsed milliseconds.
JUMP_JS = """
async ([target, timeoutMs]) => {
  const grid = document.querySelector('.df-scroll');
  const rh = 35, total = 1000000, max = 8000000;
  const full = total * rh, body = Math.min(full, max), seen = grid.clientHeight - rh;
  const ratio = full > max ? (full - seen) / (body - seen) : 1;
  const started = performance.now();
  grid.scrollTop = (target * rh) / ratio;
  const shown = () => {
    const row = grid.querySelector(`.df-row[aria-rowindex="${target + 2}"]:not(.df-loading):not([hidden])`);
    return row && row.querySelector('.df-cell').textContent === String(target);
  };
  while (!shown()) {
    if (performance.now() - started > timeoutMs) throw new Error(`row ${target} did not show`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return performance.now() - started;
}
"""
FIRST_ROW_JS = """
() => {
  const row = document.querySelector('.df-row[aria-rowindex="2"]:not(.df-loading)');
  return !!row && row.querySelector('.df-cell').textContent === '0';
}
"""


def run_once(ctx, system) -> dict:
    ok, why = _browser_ok(ctx)
    if not ok:
        return {"note": why}
    port = procs.free_port()
    app = dataclasses.replace(system, app=APP)
    args = {
        "cmd": app.command(port), "cwd": str(APP.parent), "env": system.env, "port": port,
        "health_path": system.health_path, "url": system.base_url(port), "timeout": ctx.config.startup_timeout_s,
        "count": min(JUMPS, max(5, ctx.config.rerun_count // 5)), "log_path": str(ctx.log_path(system.name, NAME)),
    }
    return ctx.run_driver(NAME, args, timeout=ctx.config.startup_timeout_s * 2 + 120)


async def client_main(args: dict) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await browser.launch(pw)
        context = await chromium.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        seen = browser.watch_console(page)
        net = _NetCounter()
        cdp = await context.new_cdp_session(page)
        net.attach(cdp)
        await cdp.send("Network.enable")
        proc, t0 = procs.launch(args["cmd"], env=args["env"], cwd=args["cwd"], log_path=args["log_path"])
        try:
            await asyncio.to_thread(procs.wait_http_ok, args["port"], args["health_path"], timeout=args["timeout"],
                                    proc=proc)
            await page.goto(args["url"], wait_until="commit", timeout=args["timeout"] * 1000)
            try:
                await page.wait_for_function(FIRST_ROW_JS, timeout=args["timeout"] * 1000, polling="raf")
            except Exception as exc:
                raise RuntimeError(f"{exc}; {await browser.page_state(page, seen)}") from exc
            t_rows = time.monotonic()
            at_rows = net.snapshot()
            jumps = []
            for k in range(args["count"]):
                jumps.append(await page.evaluate(JUMP_JS, [500_000 + k * 1_013, 30_000]))
        finally:
            await chromium.close()
            procs.stop_process_group(proc)
    return {
        "launch_to_rows_s": t_rows - t0,
        "kbytes": at_rows["bytes"] / 1000.0,
        "requests": at_rows["requests"],
        "scroll_ms": stats.median(jumps),
        "scroll_p95_ms": stats.percentile(jumps, 95),
        "n": len(jumps),
    }
