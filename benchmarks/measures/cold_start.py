"""Cold start: process launch to the health endpoint answering, and to the app's content visible in Chromium.

One launch per repetition, all timed in the driver so launch, health and page share one clock: a fresh Chromium with
an empty cache is started first (not timed), then the server is launched (t0); the health endpoint is polled every
5 ms (t_health); then the page is opened and the driver waits until the last line of the app is in the page's
rendered text (t_content). Requests and bytes are counted through the DevTools protocol until the content is visible:
HTTP requests (``Network.requestWillBeSent``), bytes on the wire (``encodedDataLength`` of every finished load, so
headers and compression included) plus WebSocket payload bytes (a binary frame's bytes, not the base64 text
DevTools hands it over as). "settled" figures also include what loads until the
network is quiet for half a second (bounded by 5 s).
"""

from __future__ import annotations

import asyncio
import time

from .. import browser, procs
from ..systems import CONTENT_TEXT

NAME = "cold_start"
METRICS = [
    ("health_s", "launch to health answering", "s", "lower"),
    ("content_s", "launch to content visible (Chromium)", "s", "lower"),
    ("nav_to_content_s", "page open to content visible", "s", "lower"),
    ("requests", "requests until content visible", "", "lower"),
    ("kbytes", "kB transferred until content visible", "kB", "lower"),
    ("requests_settled", "requests until network quiet", "", "lower"),
    ("kbytes_settled", "kB until network quiet", "kB", "lower"),
]


def run_once(ctx, system) -> dict:
    port = procs.free_port()
    ok, why = _browser_ok(ctx)
    args = {
        "cmd": system.command(port), "cwd": str(system.app.parent), "env": system.env, "port": port,
        "health_path": system.health_path, "url": system.base_url(port), "content_text": CONTENT_TEXT,
        "browser": ok, "timeout": ctx.config.startup_timeout_s,
        "log_path": str(ctx.log_path(system.name, "cold_start")),
    }
    res = ctx.run_driver(NAME, args, timeout=ctx.config.startup_timeout_s * 2 + 60)
    if not ok:
        res["note"] = why
    return res


_browser_cache: dict[str, tuple[bool, str]] = {}


def _browser_ok(ctx) -> tuple[bool, str]:
    """Whether the driver's interpreter can drive Chromium (asked once per interpreter)."""
    if ctx.client_python not in _browser_cache:
        try:
            _browser_cache[ctx.client_python] = tuple(ctx.run_driver("browser_check", {}, timeout=60)["answer"])
        except Exception as exc:  # noqa: BLE001
            _browser_cache[ctx.client_python] = (False, str(exc))
    return _browser_cache[ctx.client_python]


async def client_main(args: dict) -> dict:
    if not args["browser"]:
        proc, t0 = procs.launch(args["cmd"], env=args["env"], cwd=args["cwd"], log_path=args["log_path"])
        try:
            t_health = await asyncio.to_thread(procs.wait_http_ok, args["port"], args["health_path"],
                                               timeout=args["timeout"], proc=proc)
        finally:
            procs.stop_process_group(proc)
        return {"health_s": t_health - t0}

    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await browser.launch(pw)
        context = await chromium.new_context()  # a new context: empty cache, no cookies
        page = await context.new_page()
        seen = browser.watch_console(page)
        net = _NetCounter()
        cdp = await context.new_cdp_session(page)
        net.attach(cdp)
        await cdp.send("Network.enable")
        await cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        proc, t0 = procs.launch(args["cmd"], env=args["env"], cwd=args["cwd"], log_path=args["log_path"])
        try:
            t_health = await asyncio.to_thread(procs.wait_http_ok, args["port"], args["health_path"],
                                               timeout=args["timeout"], proc=proc)
            t_nav = time.monotonic()
            await page.goto(args["url"], wait_until="commit", timeout=args["timeout"] * 1000)
            try:
                await browser.wait_for_text(page, args["content_text"], args["timeout"])
            except Exception as exc:
                raise RuntimeError(f"{exc}; {await browser.page_state(page, seen)}") from exc
            t_content = time.monotonic()
            at_content = net.snapshot()
            await net.settle(quiet=0.5, cap=5.0)
            settled = net.snapshot()
        finally:
            await chromium.close()
            procs.stop_process_group(proc)
    return {
        "health_s": t_health - t0,
        "content_s": t_content - t0,
        "nav_to_content_s": t_content - t_nav,
        "requests": at_content["requests"],
        "kbytes": at_content["bytes"] / 1000.0,
        "requests_settled": settled["requests"],
        "kbytes_settled": settled["bytes"] / 1000.0,
        "websockets": settled["websockets"],
        "urls": net.urls[:200],
    }


class _NetCounter:
    def __init__(self) -> None:
        self.requests = 0
        self.bytes = 0
        self.websockets = 0
        self.last_event = time.monotonic()
        self.urls: list[str] = []

    def attach(self, cdp) -> None:
        cdp.on("Network.requestWillBeSent", self._on_request)
        cdp.on("Network.loadingFinished", self._on_finished)
        cdp.on("Network.webSocketCreated", self._on_ws)
        cdp.on("Network.webSocketFrameReceived", self._on_frame)
        cdp.on("Network.webSocketFrameSent", self._on_frame)

    def _touch(self) -> None:
        self.last_event = time.monotonic()

    def _on_request(self, ev) -> None:
        self.requests += 1
        self.urls.append((ev.get("request") or {}).get("url", "")[:200])
        self._touch()

    def _on_finished(self, ev) -> None:
        self.bytes += int(ev.get("encodedDataLength", 0))
        self._touch()

    def _on_ws(self, ev) -> None:
        self.websockets += 1
        self._touch()

    def _on_frame(self, ev) -> None:
        response = ev.get("response") or {}
        payload = response.get("payloadData", "")
        if response.get("opcode") == 2:  # a binary frame (Streamlit's protobuf): DevTools gives it base64-encoded
            self.bytes += len(payload) * 3 // 4 - payload[-2:].count("=")
        else:  # a text frame (Porch's JSON, NiceGUI's Socket.IO): its UTF-8 bytes
            self.bytes += len(payload.encode())

    def snapshot(self) -> dict:
        return {"requests": self.requests, "bytes": self.bytes, "websockets": self.websockets}

    async def settle(self, quiet: float, cap: float) -> None:
        end = time.monotonic() + cap
        while time.monotonic() < end and time.monotonic() - self.last_event < quiet:
            await asyncio.sleep(0.05)
