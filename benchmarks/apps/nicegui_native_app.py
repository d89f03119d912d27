"""The benchmark app (``nicegui_app.py``'s page, imported from there) in NiceGUI's native mode, for the desktop measure.

Run: python nicegui_native_app.py PORT

``ui.run(native=True)`` serves the app from this process and opens a pywebview window in a subprocess (multiprocessing,
spawn), which loads the page over HTTP on 127.0.0.1. The only addition to the app: when the window's page connects,
the page is asked (over NiceGUI's own socket) whether the app's last line is in its DOM, and once it is, this process
prints ``BENCH_RENDERED`` on stdout. That is "the app rendered in the window", the counterpart of Porch's "app
rendered in the window" log line; the harness times the marker's arrival on its own clock.
"""

import sys

from nicegui import app, ui

import nicegui_app  # noqa: F401  (registers the benchmark page, the same as in headless runs)

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
CONTENT_TEXT = "Line 20:"  # benchmarks/systems.py


_reported = False


async def _report_rendered(client) -> None:
    """On the window's connection: ask the page (every 20 ms, at most 10 s) until its text holds the app's last line."""
    global _reported
    import asyncio

    for _ in range(500):
        found = await client.run_javascript(f"document.body.innerText.includes({CONTENT_TEXT!r})", timeout=5.0)
        if found:
            if not _reported:
                _reported = True
                print("BENCH_RENDERED", flush=True)
            return
        await asyncio.sleep(0.02)


app.on_connect(_report_rendered)

ui.run(host="127.0.0.1", port=PORT, reload=False, show=False, native=True, window_size=(1024, 768),
       show_welcome_message=False, title="Counter benchmark")
