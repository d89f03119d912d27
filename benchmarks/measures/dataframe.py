"""A frame of a million rows in Chromium (issue 10), Porch and Streamlit: launch to the first rows, bytes until they
show, a jump to the middle of the frame, and the server's memory for the shown frame.

The app (``apps/porch_dataframe_app.py``, ``apps/streamlit_dataframe_app.py``: the same script but for the import)
shows a 1,000,000 x 10 float frame (80 MB; the first column the row's number) with ``st.dataframe``. Each repetition
launches the server twice:

1. Timing. A fresh Chromium is started (not timed); then the server is launched (t0), the page opened, and the driver
   waits until the grid shows its first row (``launch_to_rows_s``, from t0 as in ``cold_start``). Then the grid's
   scroll position is set, inside the page, to show row 500,000 (then 1,013 rows further each time, so no answer is
   cached), and the time until that row is shown is taken with ``performance.now()``: ``scroll_ms`` (median) and
   ``scroll_p95_ms`` over ``jump_count`` jumps. No DevTools network tracking runs here: handing every payload to the
   driver would slow the very load it times (by seconds for a frame sent whole, as ``lazy=False`` sends it).
2. Bytes and memory. A new server; a first page opens the app with ``?rows=10`` (a tiny frame: the imports, a session
   and the grid are then in the server's memory) and the server's resident memory (its whole process tree) is read
   once it is steady: the baseline. A second page opens the app as it is, with the DevTools protocol counting bytes
   (HTTP with headers, plus WebSocket payloads, as ``cold_start`` counts them) until the first row shows: ``kbytes``.
   Once the memory is steady again, ``memory_mib`` is the difference and ``memory_x`` that difference over the frame's
   own size (``rows x 10 x 8`` bytes, its ``memory_usage(deep=True)`` less a RangeIndex's 132 bytes).

"The first row shows", for each grid:

- Porch's grid is made of DOM rows: the row with ``aria-rowindex`` 2 is in the page with its data (not a loading
  placeholder) and its first cell reads ``0``; after a jump, the target row likewise (webui/grid.js).
- Streamlit's grid (glide-data-grid) draws its cells on a canvas, so "shown" is read from the canvas's pixels (with
  ``getImageData``, in the band of the first three rows below the header, where the first rows and a jump's target
  row are drawn): the first rows are shown once the band holds drawn text (more than 1,000 opaque dark pixels; three
  rows of this frame make about 2,700, a row still loading is a pale placeholder with none); a jump's rows once the
  band was drawn again (its pixels differ from the picture before the jump) with at least half the text it had
  before. Glide also keeps, inside the canvas element, an accessibility table
  of the cells in view (``td#glide-cell-<column>-<row>``), but it trails the drawing: after a jump Streamlit 1.67
  draws the new rows about 250 ms before the table shows them, so timing the table would charge Streamlit for that
  lag. The table serves as a check instead, not timed: after the first rows, row 0's ``c0`` cell must come to read
  ``0``; after a jump, a ``c0`` cell must come to read the target row's number (so the jump landed where it should).
  The scroll position for row N is computed as glide maps it: it caps its scroll height at the browser's limit
  (33,554,400 px) and scales the position, as Porch's grid does above 8,000,000 px. Reading the band costs the page
  about a millisecond per animation frame while it waits; against a probe that costs nothing (``fillText`` wrapped to
  note when the target's number is drawn, off screen), the pixel test reads a jump 7-8 ms later, the frame in which
  the drawing is shown.

Streamlit 1.67 loads a frame of more than 150,000 rows lazily by default (``st.dataframe(lazy=None)``): it sends the
rows in view and fetches others as the grid scrolls, as Porch does, rather than the whole frame as one Arrow message
(the premise of issue 10, true of earlier releases and of ``lazy=False``). The comparison is of the two as people run
them: the same script, each system's defaults.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

from .. import browser, procs, stats
from ..systems import APPS
from .cold_start import _browser_ok, _NetCounter

NAME = "dataframe"
SYSTEMS = ("porch", "streamlit")
METRICS = [
    ("launch_to_rows_s", "launch to the first rows of a 1M x 10 frame visible (Chromium)", "s", "lower"),
    ("kbytes", "kB transferred until the first rows are visible", "kB", "lower"),
    ("scroll_ms", "jump to row 500,000 until its cells show (median)", "ms", "lower"),
    ("scroll_p95_ms", "jump to row 500,000 until its cells show (p95)", "ms", "lower"),
    ("memory_mib", "server memory for the shown frame (RSS over a tiny frame's)", "MiB", "lower"),
    ("memory_x", "server memory for the shown frame / the frame's own size (80 MB)", "x", "lower"),
]
APPS_BY_SYSTEM = {"porch": APPS / "porch_dataframe_app.py", "streamlit": APPS / "streamlit_dataframe_app.py"}
COLUMNS = 10
TINY_ROWS = 10
JUMP_STEP = 1_013

# Porch: show row `target` at the top of the grid (the grid scales its scroll range past 8,000,000 px: the same
# mapping as webui/grid.js), then wait until that row is in the page with its data; the elapsed milliseconds.
PORCH_JUMP_JS = """
async ([target, total, timeoutMs]) => {
  const grid = document.querySelector('.df-scroll');
  const rh = 35, max = 8000000;
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
PORCH_FIRST_ROW_JS = """
() => {
  const row = document.querySelector('.df-row[aria-rowindex="2"]:not(.df-loading)');
  return !!row && row.querySelector('.df-cell').textContent === '0';
}
"""

# Streamlit (glide-data-grid): the canvas's pixels in the band of the first three rows below the header (where the
# first rows and, after a jump, the target row are drawn; a band keeps the reading cheap for the page it runs in).
# `look` gives `ink`, how many are opaque and dark (drawn text: glide draws a row still loading as a pale placeholder),
# and `signature`, a hash of them (to see that the canvas was drawn again).
_GLIDE_PIXELS = """
const HEADER = 35, ROW = 35, BAND = 3;
const look = (canvas) => {
  const scale = canvas.height / canvas.clientHeight;
  const top = Math.ceil(HEADER * scale), height = Math.min(Math.floor(BAND * ROW * scale), canvas.height - top);
  const d = canvas.getContext('2d').getImageData(0, top, canvas.width, height).data;
  let ink = 0, signature = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 128 && d[i] + d[i + 1] + d[i + 2] < 384) ink++;
    signature = (signature * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) | 0;
  }
  return {ink, signature};
};
const grid = () => document.querySelector('[data-testid="stDataFrame"] canvas[data-testid="data-grid-canvas"]');
"""
#: Rows drawn: dark pixels of text in the band (three rows of this frame's text make about 2,700).
STREAMLIT_INK = 1000
STREAMLIT_FIRST_ROW_JS = """
() => {
  %s
  const canvas = grid();
  return !!canvas && look(canvas).ink > %d;
}
""" % (_GLIDE_PIXELS, STREAMLIT_INK)
# Checked once the first rows are drawn, not timed: the grid's accessibility table comes to show row 0's data.
STREAMLIT_FIRST_ROW_CHECK_JS = "() => document.getElementById('glide-cell-1-0')?.textContent === '0'"
STREAMLIT_JUMP_JS = """
async ([target, total, timeoutMs]) => {
  %s
  const canvas = grid();
  const scroller = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
  const seen = scroller.clientHeight, full = total * ROW + HEADER;
  const ratio = (full - seen) / (scroller.scrollHeight - seen);
  const before = look(canvas);
  const started = performance.now();
  const wait = async (done, what) => {
    while (!done()) {
      if (performance.now() - started > timeoutMs) throw new Error(`row ${target}: ${what}`);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  };
  scroller.scrollTop = (target * ROW) / ratio;
  // Timed: the canvas drawn again (not the picture from before the jump) with rows of text (not placeholders).
  await wait(() => { const now = look(canvas); return now.signature !== before.signature && now.ink > before.ink / 2; },
             'the grid was not drawn again with its rows');
  const elapsed = performance.now() - started;
  // Not timed: the jump landed on the target row (the accessibility table of the cells in view shows it in c0).
  await wait(() => [...canvas.querySelectorAll('tbody td[aria-colindex="2"]')]
    .some((td) => td.textContent === String(target)), 'the grid did not come to show it');
  return elapsed;
}
""" % _GLIDE_PIXELS
#: Per system: (first rows drawn, timed; checked after, not timed; a jump, timed in the page).
SNIPPETS = {"porch": (PORCH_FIRST_ROW_JS, None, PORCH_JUMP_JS),
            "streamlit": (STREAMLIT_FIRST_ROW_JS, STREAMLIT_FIRST_ROW_CHECK_JS, STREAMLIT_JUMP_JS)}


def run_once(ctx, system) -> dict:
    ok, why = _browser_ok(ctx)
    if not ok:
        return {"skipped": why}
    rows = ctx.config.frame_rows
    app = dataclasses.replace(system, app=APPS_BY_SYSTEM[system.name], env={**system.env, "BENCH_ROWS": str(rows)})
    ports = [procs.free_port(), procs.free_port()]
    args = {
        "system": system.name, "rows": rows, "cmds": [app.command(port) for port in ports],
        "cwd": str(app.app.parent), "env": app.env, "ports": ports, "health_path": system.health_path,
        "urls": [system.base_url(port) for port in ports], "timeout": ctx.config.startup_timeout_s,
        "count": ctx.config.jump_count,
        "log_paths": [str(ctx.log_path(system.name, NAME)), str(ctx.log_path(system.name, NAME + "-memory"))],
    }
    return ctx.run_driver(NAME, args, timeout=ctx.config.startup_timeout_s * 4 + 180)


async def client_main(args: dict) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await browser.launch(pw)
        try:
            timing = await _launch_and_jump(chromium, args)
            memory = await _bytes_and_memory(chromium, args)
        finally:
            await chromium.close()
    return {**timing, **memory}


async def _launch_and_jump(chromium, args: dict) -> dict:
    first_row, check, jump = SNIPPETS[args["system"]]
    context = await chromium.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    seen = browser.watch_console(page)
    proc, t0 = procs.launch(args["cmds"][0], env=args["env"], cwd=args["cwd"], log_path=args["log_paths"][0])
    try:
        await asyncio.to_thread(procs.wait_http_ok, args["ports"][0], args["health_path"], timeout=args["timeout"],
                                proc=proc)
        t_health = time.monotonic()
        await page.goto(args["urls"][0], wait_until="commit", timeout=args["timeout"] * 1000)
        await _wait_first_row(page, first_row, args["timeout"], seen)
        t_rows = time.monotonic()
        if check is not None:
            await _wait_first_row(page, check, args["timeout"], seen)
        jumps = []
        for k in range(args["count"]):
            try:
                jumps.append(await page.evaluate(jump, [args["rows"] // 2 + k * JUMP_STEP, args["rows"], 30_000]))
            except Exception as exc:
                raise RuntimeError(f"jump {k + 1}: {exc}; {await browser.page_state(page, seen)}") from exc
    finally:
        await context.close()
        procs.stop_process_group(proc)
    # health_s (in the JSON only): the server's own start; the rest of launch_to_rows_s is the page, the script (its
    # imports and the frame it makes: the same work on both systems) and the grid's first rows.
    return {"launch_to_rows_s": t_rows - t0, "health_s": t_health - t0, "scroll_ms": stats.median(jumps),
            "scroll_p95_ms": stats.percentile(jumps, 95), "n": len(jumps)}


async def _bytes_and_memory(chromium, args: dict) -> dict:
    first_row, _check, _jump = SNIPPETS[args["system"]]
    proc, _t0 = procs.launch(args["cmds"][1], env=args["env"], cwd=args["cwd"], log_path=args["log_paths"][1])
    try:
        await asyncio.to_thread(procs.wait_http_ok, args["ports"][1], args["health_path"], timeout=args["timeout"],
                                proc=proc)
        tiny = await chromium.new_context(viewport={"width": 1280, "height": 900})
        page = await tiny.new_page()
        seen = browser.watch_console(page)
        await page.goto(f"{args['urls'][1]}?rows={TINY_ROWS}", timeout=args["timeout"] * 1000)
        await _wait_first_row(page, first_row, args["timeout"], seen)
        base = await _steady_rss(proc.pid)
        context = await chromium.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        seen = browser.watch_console(page)
        net = _NetCounter()
        cdp = await context.new_cdp_session(page)
        net.attach(cdp)
        await cdp.send("Network.enable")
        await page.goto(args["urls"][1], wait_until="commit", timeout=args["timeout"] * 1000)
        await _wait_first_row(page, first_row, args["timeout"], seen)
        at_rows = net.snapshot()
        shown = await _steady_rss(proc.pid)
        await context.close()
        await tiny.close()
    finally:
        procs.stop_process_group(proc)
    frame_bytes = args["rows"] * COLUMNS * 8
    return {"kbytes": at_rows["bytes"] / 1000.0, "requests": at_rows["requests"], "rows": args["rows"],
            "memory_mib": (shown - base) / 2**20, "memory_x": (shown - base) / frame_bytes,
            "rss_base_mib": base / 2**20, "rss_shown_mib": shown / 2**20}


async def _wait_first_row(page, first_row_js: str, timeout_s: float, seen: list[str]) -> None:
    try:
        await page.wait_for_function(first_row_js, timeout=timeout_s * 1000, polling="raf")
    except Exception as exc:
        raise RuntimeError(f"{exc}; {await browser.page_state(page, seen)}") from exc


async def _steady_rss(pid: int, *, within: int = 1 << 20, every: float = 0.25, cap: float = 8.0) -> int:
    """The resident memory of ``pid``'s process tree once two reads ``every`` seconds apart differ by less than
    ``within`` bytes (a server still encoding or freeing what a page asked for is not steady); the last read after
    ``cap`` seconds otherwise."""
    end = time.monotonic() + cap
    last = procs.tree_rss_bytes(pid)
    while True:
        await asyncio.sleep(every)
        now = procs.tree_rss_bytes(pid)
        if now is None or last is None:
            raise RuntimeError(f"cannot read the resident memory of process {pid}")
        if abs(now - last) < within or time.monotonic() > end:
            return now
        last = now
