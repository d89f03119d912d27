"""A line chart of 100,000 points in Chromium (issue 10), Porch and Streamlit: until the line is drawn.

The app (``apps/porch_line_chart_app.py``, ``apps/streamlit_line_chart_app.py``: the same script but for the import)
draws one line of 100,000 points (a random walk) with ``st.line_chart``. Both systems hand a Vega-Lite spec to
vega-embed; Streamlit's carries the 100,000 rows, Porch's the rows that draw each pixel column's extremes (M4 on the
server, ``porch/elements/_chart_thinning.py``: about 7,400 of this walk, the same picture). Vega draws them on a
canvas (``canvas.marks``; Porch switches to the canvas above 5,000 rows, Streamlit always uses it). "Drawn" is read
from that canvas's pixels (``getImageData``): more than 2,000 opaque coloured pixels (the line; axes, grid and labels
are grey). Streamlit first draws the chart's frame with no data and adds the data after, Porch sends the data inline
in the spec: either way the axes alone do not count, the line does (a drawn line of this walk colours about 16,000
pixels). Vega draws the whole line in one pass. (A chart
drawn as SVG counts once its line's path holds its points: Porch's below 5,000 rows, not met at the issue's size.)

Per repetition: a fresh Chromium is started (not timed), then the server is launched (t0) and the page opened as
soon as its health answers; ``launch_to_chart_s``: until the line is drawn, from t0 (as ``cold_start`` times its
content). Then ``chart_loads`` more pages, each in a new browser context (empty cache), open the app on the running
server: ``nav_to_chart_s``, the median from opening the page to the line drawn. The first load pays for the server's
first run (imports included); the later ones are the chart's own cost on a running server.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

from .. import browser, procs, stats
from ..systems import APPS
from .cold_start import _browser_ok

NAME = "line_chart"
SYSTEMS = ("porch", "streamlit")
METRICS = [
    ("launch_to_chart_s", "launch to a 100,000-point line chart drawn (Chromium)", "s", "lower"),
    ("nav_to_chart_s", "page open to the 100,000-point line drawn, server running (median)", "s", "lower"),
]
APPS_BY_SYSTEM = {"porch": APPS / "porch_line_chart_app.py", "streamlit": APPS / "streamlit_line_chart_app.py"}
#: Opaque coloured pixels that make a drawn line (the axes, grid lines and labels are grey: none of theirs count).
LINE_PIXELS = 2000
#: Characters of an SVG line's path that make it drawn (a point takes about ten; the axes are other marks).
SVG_PATH_CHARS = 1000
DRAWN_JS = """
() => {
  for (const canvas of document.querySelectorAll('canvas.marks')) {
    if (!canvas.width || !canvas.height) continue;
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 128 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) coloured++;
    }
    if (coloured > %d) return true;
  }
  // A chart Vega draws as SVG (Porch's of at most 5,000 rows): the line's path, with a point per row.
  return [...document.querySelectorAll('svg.marks .mark-line path')]
    .some((path) => (path.getAttribute('d') || '').length > %d);
}
""" % (LINE_PIXELS, SVG_PATH_CHARS)


def run_once(ctx, system) -> dict:
    ok, why = _browser_ok(ctx)
    if not ok:
        return {"skipped": why}
    app = dataclasses.replace(system, app=APPS_BY_SYSTEM[system.name],
                              env={**system.env, "BENCH_POINTS": str(ctx.config.chart_points)})
    port = procs.free_port()
    args = {
        "cmd": app.command(port), "cwd": str(app.app.parent), "env": app.env, "port": port,
        "health_path": system.health_path, "url": system.base_url(port), "timeout": ctx.config.startup_timeout_s,
        "loads": ctx.config.chart_loads, "log_path": str(ctx.log_path(system.name, NAME)),
    }
    return ctx.run_driver(NAME, args, timeout=ctx.config.startup_timeout_s * (2 + args["loads"]) + 120)


async def client_main(args: dict) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await browser.launch(pw)
        try:
            first = await chromium.new_context(viewport={"width": 1280, "height": 900})
            page = await first.new_page()
            proc, t0 = procs.launch(args["cmd"], env=args["env"], cwd=args["cwd"], log_path=args["log_path"])
            try:
                await asyncio.to_thread(procs.wait_http_ok, args["port"], args["health_path"],
                                        timeout=args["timeout"], proc=proc)
                await _open_until_drawn(page, args)
                t_chart = time.monotonic()
                await first.close()
                loads = []
                for _ in range(args["loads"]):
                    context = await chromium.new_context(viewport={"width": 1280, "height": 900})
                    page = await context.new_page()
                    t_nav = time.monotonic()
                    await _open_until_drawn(page, args)
                    loads.append(time.monotonic() - t_nav)
                    await context.close()
            finally:
                procs.stop_process_group(proc)
        finally:
            await chromium.close()
    return {"launch_to_chart_s": t_chart - t0, "nav_to_chart_s": stats.median(loads), "n": len(loads)}


async def _open_until_drawn(page, args: dict) -> None:
    seen = browser.watch_console(page)
    await page.goto(args["url"], wait_until="commit", timeout=args["timeout"] * 1000)
    try:
        await page.wait_for_function(DRAWN_JS, timeout=args["timeout"] * 1000, polling="raf")
    except Exception as exc:
        raise RuntimeError(f"{exc}; {await browser.page_state(page, seen)}") from exc
