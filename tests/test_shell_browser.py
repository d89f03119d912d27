"""``porch run app.py --browser``: loopback, a per-launch secret, and the system browser as the client.

The browser's command line (which ``ps`` shows) carries a launch token that works once and for a minute; the secret
itself travels in a cookie named for the app's port, since every server on 127.0.0.1 receives every 127.0.0.1 cookie.
"""

from __future__ import annotations

import http.server
import signal
import stat
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import pytest
from playwright.sync_api import expect

from shell_harness import APPS, Porch, clean_env

pytestmark = pytest.mark.browser


def fake_browser(tmp_path: Path) -> tuple[str, Path]:
    """A BROWSER command (honoured by Python's webbrowser module) that only records the URL it was given."""
    record = tmp_path / "opened.txt"
    command = tmp_path / "fake-browser"
    command.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{record}"\n')
    command.chmod(command.stat().st_mode | stat.S_IEXEC)
    return str(command), record


def opened_url(porch: Porch, record: Path) -> str:
    """The URL the (fake) system browser was started with."""
    porch.wait_for(r"Open: http://127\.0\.0\.1:\d+/\?token=")
    deadline = time.monotonic() + 10
    while not (record.exists() and record.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return record.read_text()


def rendered(page: Any) -> None:
    page.wait_for_function("() => document.body.dataset.run === 'finished'", timeout=10_000)
    expect(page.get_by_text("mode=browser local=True")).to_be_visible()


def status_of(url: str, **headers: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:
            return response.status, response.reason
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, error.reason


def test_browser_shell_opens_the_tokened_url_and_nothing_else_gets_in(tmp_path: Path, context: Any) -> None:
    command, record = fake_browser(tmp_path)
    with Porch("run", str(APPS / "shell_app.py"), "--browser", env=clean_env(tmp_path, BROWSER=command)) as porch:
        url = opened_url(porch, record)
        parts = urlsplit(url)
        assert parts.hostname == "127.0.0.1" and parts.query.startswith("token=") and len(parts.query) > 40

        listening = [c for c in psutil.Process(porch.process.pid).net_connections("inet")
                     if c.status == psutil.CONN_LISTEN]
        assert [c.laddr.ip for c in listening] == ["127.0.0.1"] and listening[0].laddr.port == parts.port

        base = f"http://127.0.0.1:{parts.port}/"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base, timeout=5)
        assert refused.value.code == 403
        refused.value.close()

        page = context.new_page()
        page.goto(url)
        rendered(page)
        assert page.url == base
        (cookie,) = [c for c in context.cookies() if c["name"].startswith("porch_token")]
        assert (cookie["name"], cookie["httpOnly"], cookie["sameSite"]) == (f"porch_token_{parts.port}", True, "Strict")
        assert cookie["value"] not in url  # the cookie carries the secret, the command line only the launch token

        porch.signal(signal.SIGINT)
        assert porch.wait(10) == 0


def test_the_launch_link_on_the_command_line_opens_the_app_once(tmp_path: Path, browser: Any) -> None:
    """``ps`` shows the browser's command line to every user of the machine: once the browser used the link, the
    same link in another browser (another profile, another user) is refused, with a reason that says why."""
    command, record = fake_browser(tmp_path)
    with Porch("run", str(APPS / "shell_app.py"), "--browser", env=clean_env(tmp_path, BROWSER=command)) as porch:
        url = opened_url(porch, record)
        first = browser.new_context()
        try:
            page = first.new_page()
            page.goto(url)
            rendered(page)
        finally:
            first.close()
        late = browser.new_context()
        try:
            response = late.new_page().goto(url)
            assert response is not None and response.status == 403
            assert "already used or has expired" in response.text()
        finally:
            late.close()
        assert status_of(url) == (403, "Launch link already used or expired")
        porch.signal(signal.SIGINT)
        assert porch.wait(10) == 0


def test_two_apps_in_one_browser_keep_their_own_cookies(tmp_path: Path, context: Any) -> None:
    """Cookies are not port-scoped: with one cookie name for every app, the second app's cookie replaced the
    first's, and the first app's page could no longer reload or reconnect."""
    apps = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        command, record = fake_browser(folder)
        porch = Porch("run", str(APPS / "shell_app.py"), "--browser",
                      env=clean_env(tmp_path / name, BROWSER=command))
        apps.append((porch, opened_url(porch, record)))
    try:
        pages = []
        for _, url in apps:
            page = context.new_page()
            page.goto(url)
            rendered(page)
            pages.append(page)
        assert sorted(c["name"] for c in context.cookies() if c["name"].startswith("porch_token")) == sorted(
            f"porch_token_{urlsplit(url).port}" for _, url in apps
        )
        for page in pages:
            response = page.reload()
            assert response is not None and response.status == 200
            rendered(page)
    finally:
        for porch, _ in apps:
            porch.signal(signal.SIGINT)
            porch.wait(10)
            porch.close()


@contextmanager
def cookie_recorder() -> Iterator[tuple[str, list[str]]]:
    """Another local server, on another port: it records the Cookie header of every request it gets."""
    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("Cookie", ""))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"another local server")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", seen
    finally:
        server.shutdown()
        server.server_close()


def test_a_cookie_another_local_server_receives_is_useless_once_the_app_stopped(tmp_path: Path,
                                                                               context: Any) -> None:
    """What docs/security.md says remains: any server on 127.0.0.1 gets the app's cookie from the browser. It cannot
    use it after the app stopped, not even against a new launch of the app on the same port."""
    command, record = fake_browser(tmp_path)
    with Porch("run", str(APPS / "shell_app.py"), "--browser", env=clean_env(tmp_path, BROWSER=command)) as porch:
        url = opened_url(porch, record)
        port = urlsplit(url).port
        page = context.new_page()
        page.goto(url)
        rendered(page)
        with cookie_recorder() as (elsewhere, seen):
            page.goto(elsewhere)
        (received,) = [part.strip() for part in seen[0].split(";") if part.strip().startswith(f"porch_token_{port}=")]
        assert status_of(f"http://127.0.0.1:{port}/", Cookie=received)[0] == 200  # while the app runs, it works
        porch.signal(signal.SIGINT)
        assert porch.wait(10) == 0
    record.unlink()
    with Porch("run", str(APPS / "shell_app.py"), "--browser", "--port", str(port),
               env=clean_env(tmp_path, BROWSER=command)) as again:
        opened_url(again, record)
        assert status_of(f"http://127.0.0.1:{port}/", Cookie=received) == (403, "Missing or wrong access token")
        again.signal(signal.SIGINT)
        assert again.wait(10) == 0
