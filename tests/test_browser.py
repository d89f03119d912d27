"""The app as a person uses it: Debian's Chromium through Playwright against a real engine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine

pytestmark = pytest.mark.browser

COUNTER = """
import porch as st
st.title("Counter")
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Add"):
    st.session_state.n += 1
st.write(f"count={st.session_state.n}")
"""


def run_count(page: Any) -> int:
    return int(page.evaluate("Number(document.body.dataset.runCount || 0)"))


def settle(page: Any, after: int = 0, timeout: float = 10_000) -> None:
    """Wait until a run numbered above ``after`` has finished (not superseded) and is on the page."""
    page.wait_for_function(
        """after => document.body.dataset.run === 'finished'
            && document.body.dataset.runStatus !== 'rerun'
            && Number(document.body.dataset.runCount) > after""",
        arg=after,
        timeout=timeout,
    )


def open_app(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    settle(page)
    return page


def test_a_counter_updates_on_click(context: Any) -> None:
    with running_engine(COUNTER) as server:
        page = open_app(context, server.url)
        expect(page.get_by_role("heading", name="Counter")).to_be_visible()
        for expected in (1, 2, 3):
            before = run_count(page)
            page.get_by_role("button", name="Add").click()
            settle(page, before)
            expect(page.get_by_text(f"count={expected}")).to_be_visible()
def test_two_tabs_do_not_share_state(context: Any) -> None:
    with running_engine(COUNTER) as server:
        first, second = open_app(context, server.url), open_app(context, server.url)
        for _ in range(2):
            before = run_count(first)
            first.get_by_role("button", name="Add").click()
            settle(first, before)
        expect(first.get_by_text("count=2")).to_be_visible()
        second.reload()
        settle(second)
        expect(second.get_by_text("count=0")).to_be_visible()
def test_a_reload_keeps_the_session_state(context: Any) -> None:
    with running_engine(COUNTER) as server:
        page = open_app(context, server.url)
        for _ in range(2):
            before = run_count(page)
            page.get_by_role("button", name="Add").click()
            settle(page, before)
        page.reload()
        page.wait_for_function("() => document.body.dataset.connection === 'connected'")
        page.get_by_text("count=2").wait_for()
        assert page.evaluate("document.body.dataset.runCount") == "3", "a resumed session is not rerun"


def test_a_new_event_interrupts_a_long_run(context: Any) -> None:
    source = """
import porch as st, time
size = st.slider("Size", 0, 10, 5)
st.text(f"size={size}")
for i in range(30):
    time.sleep(0.1)
    st.text(f"tick {i}")
st.text(f"done with {size}")
"""
    with running_engine(source) as server:
        page = context.new_page()
        statuses: list[str] = []

        def on_socket(ws: Any) -> None:
            def on_frame(payload: Any) -> None:
                for message in json.loads(payload):
                    if message.get("type") == "run" and message.get("state") == "finished":
                        statuses.append(message["status"])

            ws.on("framereceived", on_frame)

        page.on("websocket", on_socket)
        page.goto(server.url)
        settle(page, timeout=15_000)
        slider = page.get_by_role("slider", name="Size", exact=True)
        slider.focus()
        page.keyboard.press("ArrowRight")  # a change while the run it causes is still going...
        # "size=6" is the first thing the run for 6 shows, and 3 s of ticks follow: that run is surely under way
        # (the ticks of the first run are still on the page, so they say nothing about which run is going).
        page.get_by_text("size=6", exact=True).wait_for(timeout=15_000)
        page.keyboard.press("ArrowRight")  # ...interrupts it
        page.get_by_text("done with 7").wait_for(timeout=15_000)
        assert "rerun" in statuses, "the run for size 6 should have been cut short"
        assert page.get_by_text("done with 6").count() == 0


def test_an_exception_shows_and_the_next_run_recovers(context: Any) -> None:
    source = """
import porch as st
st.title("Fragile")
if st.checkbox("Fail"):
    raise ValueError("something broke")
st.text("all good")
"""
    with running_engine(source) as server:
        page = open_app(context, server.url)
        before = run_count(page)
        page.get_by_label("Fail").check()
        settle(page, before)
        error = page.locator('[data-kind="exception"]')
        assert "ValueError" in error.inner_text() and "something broke" in error.inner_text()
        assert page.evaluate("document.body.dataset.runStatus") == "error"
        before = run_count(page)
        page.get_by_label("Fail").uncheck()
        settle(page, before)
        assert page.locator('[data-kind="exception"]').count() == 0
        expect(page.get_by_text("all good")).to_be_visible()
def test_no_request_leaves_the_apps_origin(context: Any, artifacts: Path) -> None:
    demo = Path(porch.__file__).parent / "demo" / "hello.py"
    with running_engine(path=demo) as server:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("websocket", lambda ws: requests.append(ws.url))
        page.goto(server.url)
        settle(page)
        before = run_count(page)
        page.get_by_role("button", name="Click me").click()
        settle(page, before)
        page.get_by_role("tab", name="Code").click()
        page.get_by_text("A slow loop, streamed as it runs").click()
        page.screenshot(path=str(artifacts / "hello.png"), full_page=True)
        origin = urlsplit(server.url).netloc
        assert requests, "the page made no request at all?"
        outside = [url for url in requests if urlsplit(url).netloc != origin and not url.startswith("data:")]
        assert outside == []


def test_labels_are_bound_and_focus_survives_a_rerun(context: Any) -> None:
    source = """
import porch as st
name = st.text_input("Name")
st.write(f"Hello {name or 'nobody'}")
"""
    with running_engine(source) as server:
        page = open_app(context, server.url)
        field = page.get_by_label("Name")
        field.fill("Ada")
        before = run_count(page)
        field.press("Enter")
        settle(page, before)
        expect(page.get_by_text("Hello Ada")).to_be_visible()
        assert page.evaluate("document.activeElement && document.activeElement.tagName") == "INPUT"
        assert page.evaluate("document.activeElement.value") == "Ada"


def test_the_sidebar_collapses_on_a_narrow_screen(browser: Any) -> None:
    source = "import porch as st\nst.sidebar.title('Side')\nst.title('Main')\n"
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        with running_engine(source) as server:
            page = open_app(context, server.url)
            expect(page.get_by_role("heading", name="Side")).not_to_be_visible()
            page.get_by_role("button", name="Show sidebar").click()
            page.get_by_role("heading", name="Side").wait_for(state="visible")
    finally:
        context.close()


def test_porch_run_headless_serves_the_demo_and_drains_on_sigterm(context: Any) -> None:
    """The real command line, as a user starts it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "porch.shell.cli", "hello", "--headless", "--host", "127.0.0.1", "--port", "0",
         "--drain-grace", "1"],  # its open page is served for a second after SIGTERM (10 by default)
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = ""
        assert process.stderr is not None
        deadline = time.monotonic() + 20
        while not url and time.monotonic() < deadline:
            line = process.stderr.readline()
            if "Local URL:" in line:
                url = line.split("Local URL:")[1].strip()
        assert url, "porch did not print its URL"
        with urllib.request.urlopen(url + "_porch/health") as response:
            assert json.loads(response.read())["status"] == "ok"
        page = open_app(context, url)
        expect(page.get_by_role("heading", name="Hello, friend!")).to_be_visible()
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def test_the_running_state_has_a_stop_control(context: Any) -> None:
    source = """
import porch as st, time
st.title("Slow")
if st.button("Start"):
    st.text("working")
    for i in range(100):
        time.sleep(0.1)
    st.text("finished the work")
"""
    with running_engine(source) as server:
        page = open_app(context, server.url)
        before = run_count(page)
        page.get_by_role("button", name="Start").click()
        stop = page.get_by_role("button", name="Stop")
        stop.wait_for(state="visible")
        expect(page.get_by_text("Running…")).to_be_visible()
        stop.click()
        page.wait_for_function("() => document.body.dataset.runStatus === 'stopped'")
        assert run_count(page) > before
        assert page.get_by_text("finished the work").count() == 0
        page.wait_for_function("() => document.body.dataset.run === 'finished'")
        expect(stop).not_to_be_visible()
def test_a_dropped_connection_shows_reconnecting_and_recovers(context: Any) -> None:
    from engine_harness import EngineThread
    from porch.script import Script

    with running_engine(COUNTER) as server:
        page = open_app(context, server.url)
        port = server.port
        server.stop()
        page.wait_for_function("() => document.body.dataset.connection === 'reconnecting'")
        expect(page.get_by_text("Reconnecting")).to_be_visible()
        replacement = EngineThread(Script.from_string(COUNTER, name="<test app>"), port=port).start()
        try:
            page.wait_for_function("() => document.body.dataset.connection === 'connected'", timeout=15_000)
            settle(page)
            expect(page.get_by_text("count=0")).to_be_visible()
            expect(page.get_by_text("Reconnecting")).not_to_be_visible()
        finally:
            replacement.stop()


def test_the_theme_follows_the_system(browser: Any) -> None:
    colours = {}
    with running_engine(COUNTER) as server:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            try:
                page = open_app(context, server.url)
                colours[scheme] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
            finally:
                context.close()
    assert colours["light"] != colours["dark"]
    light = [int(c) for c in colours["light"].strip("rgba()").split(",")[:3]]
    dark = [int(c) for c in colours["dark"].strip("rgba()").split(",")[:3]]
    assert sum(light) > sum(dark)


def test_markdown_and_labels_cannot_inject_script(context: Any) -> None:
    source = '''
import porch as st
st.markdown("<script>window.pwned = 1</script> <img src=x onerror='window.pwned = 2'> **bold**")
st.markdown("[click](javascript:window.pwned=3)")
st.button("<img src=x onerror='window.pwned = 4'>")
st.title("<svg onload='window.pwned = 5'>")
st.text_input("<b onmouseover='window.pwned = 6'>label</b>")
'''
    with running_engine(source) as server:
        page = open_app(context, server.url)
        expect(page.locator("strong", has_text="bold")).to_be_visible()
        expect(page.get_by_role("button", name="<img src=x onerror='window.pwned = 4'>")).to_be_visible()
        assert page.locator("img[src=x], svg[onload], script:not([type]):not([src])").count() == 0
        page.get_by_text("label").first.hover()
        page.wait_for_timeout(200)
        assert page.evaluate("() => window.pwned") is None
        hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
        assert not any(href and href.startswith("javascript:") for href in hrefs)


def test_the_client_sends_only_the_values_that_changed(context: Any) -> None:
    source = """
import porch as st
a = st.slider("A", 0, 10, 1)
b = st.checkbox("B")
c = st.text_input("C", "x")
st.write(f"{a} {b} {c}")
"""
    with running_engine(source) as server:
        page = context.new_page()
        sent: list[dict[str, Any]] = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(json.loads(payload))))
        page.goto(server.url)
        settle(page)
        before = run_count(page)
        page.get_by_role("checkbox", name="B").check()
        settle(page, before)
        expect(page.get_by_text("1 True x")).to_be_visible()
        reruns = [message for message in sent if message["type"] == "rerun"]
        assert len(reruns) == 1 and list(reruns[0]["widgets"].values()) == [True]
        assert "trigger" not in reruns[0] or reruns[0]["trigger"] is None
