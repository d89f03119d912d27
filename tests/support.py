"""Constants the tests share: where the repo is, and how to launch Debian's Chromium (never a downloaded one)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import psutil

from porch.protocol import Rerun
from porch.testing import AppTest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CHROMIUM = os.environ.get("PORCH_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def app(source: str) -> AppTest:
    """Run a script given as the lines after ``import porch as st``."""
    return AppTest.from_string("import porch as st\n" + source).run()


def send(at: AppTest, widgets: dict[str, Any], trigger: str | None = None) -> AppTest:
    """Send a raw ``rerun`` message, as a browser tab would, and wait until the session settles."""
    before = len(at._client.finished_runs)
    at._session.receive(Rerun(widgets=widgets, trigger=trigger))
    assert at._loop.run_until(lambda: at._settled(before), 3)
    return at


def assert_gone(pids: list[int], timeout: float = 3.0) -> None:
    """Every process of ``pids`` ends within ``timeout`` seconds (a zombie awaiting its reaper has ended too)."""
    deadline = time.monotonic() + timeout
    while True:
        left = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    left.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not left:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"processes left behind: {left}")
        time.sleep(0.1)
