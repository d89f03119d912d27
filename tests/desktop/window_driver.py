"""Runs ``porch run APP`` in this process and drives its window from a ready hook; prints JSON lines on stdout.

Usage: python window_driver.py SCENARIO APP [SHOT]. Scenarios: render, resize, geometry, edit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

from porch.shell import cli, desktop


def emit(**data: Any) -> None:
    print(json.dumps(data), flush=True)


def js(window: Any, expression: str) -> Any:
    return json.loads(window.run_js(f"JSON.stringify({expression})"))


def wait_js(window: Any, expression: str, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = js(window, expression)
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(expression)


STATE = "[document.body.dataset.run, document.body.dataset.connection, Number(document.body.dataset.runCount), " \
        "document.querySelector('h1') && document.querySelector('h1').textContent, document.body.innerText]"


def screenshot(path: str, timeout: float = 5.0) -> int:
    """Shoot the screen until it shows more than a blank window (the compositor can paint a moment after the
    app's "finished"); return the number of attempts. The test checks the last shot itself."""
    attempts = 0
    deadline = time.monotonic() + timeout
    while True:
        attempts += 1
        subprocess.run(["import", "-window", "root", path], check=True, timeout=20)
        colours = subprocess.run(["identify", "-format", "%k", path], capture_output=True, text=True, timeout=20)
        if int(colours.stdout or 0) > 50 or time.monotonic() > deadline:
            return attempts
        time.sleep(0.1)


def scenario(name: str, app: Path, shot: str | None) -> Any:
    def hook(window: Any, page: Any) -> None:
        try:
            run, connection, runs, heading, text = js(window, STATE)
            result: dict[str, Any] = dict(run=run, connection=connection, heading=heading, text=text,
                                          page_title=page.title, window_title=window.title)
            if name == "render":
                result["shot_attempts"] = screenshot(shot)
                window.run_js("[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Count')"
                              ".click()")
                wait_js(window, f"document.body.dataset.run === 'finished' && "
                                f"Number(document.body.dataset.runCount) > {runs}")
                result["after_click"] = js(window, "document.body.innerText")
                window.run_js("document.querySelector('a[href^=\"https://example.invalid\"]').click()")
                opened = Path(os.environ["BROWSER_RECORD"])
                deadline = time.monotonic() + 5
                while not (opened.exists() and opened.read_text()) and time.monotonic() < deadline:
                    time.sleep(0.05)
                result["browser_opened"] = opened.read_text() if opened.exists() else None
                result["location"] = js(window, "location.href")
            elif name == "resize":
                window.resize(900, 640)
                time.sleep(0.5)
            elif name == "geometry":
                result["size"] = [window.width, window.height]
            elif name == "edit":
                helper = app.parent / "shell_app_helper.py"
                stamp = helper.stat().st_mtime_ns + 2_000_000_000
                helper.write_text('GREETING = "Edited while open"\n')
                os.utime(helper, ns=(stamp, stamp))
                result["after_edit"] = wait_js(window, "document.querySelector('h1') && "
                                                       "document.querySelector('h1').textContent === "
                                                       "'Edited while open' && document.body.innerText")
                result["window_open"] = not window.events.closed.is_set()
            result["children"] = [p.pid for p in psutil.Process().children(recursive=True)]
            emit(event="ready", **result)
        except Exception as exc:  # report, then close: the test fails on the missing data
            emit(event="error", error=repr(exc))
        emit(event="closing", at=time.time())
        window.destroy()

    desktop.ready_hooks.append(hook)
    return cli.main(["run", str(app)])


if __name__ == "__main__":
    code = scenario(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
    emit(event="exit", code=code)
    sys.exit(code)
