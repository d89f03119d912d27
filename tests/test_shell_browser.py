"""``porch run app.py --browser``: loopback, a per-launch secret, and the system browser as the client."""

from __future__ import annotations

import signal
import stat
import time
import urllib.error
import urllib.request
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


def test_browser_shell_opens_the_tokened_url_and_nothing_else_gets_in(tmp_path: Path, context: Any) -> None:
    command, record = fake_browser(tmp_path)
    with Porch("run", str(APPS / "shell_app.py"), "--browser", env=clean_env(tmp_path, BROWSER=command)) as porch:
        porch.wait_for(r"Open: http://127\.0\.0\.1:\d+/\?token=")
        deadline = time.monotonic() + 10
        while not (record.exists() and record.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        url = record.read_text()
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
        page.wait_for_function("() => document.body.dataset.run === 'finished'", timeout=10_000)
        expect(page.get_by_text("mode=browser local=True")).to_be_visible()
        assert page.url == base

        porch.signal(signal.SIGINT)
        assert porch.wait(10) == 0
