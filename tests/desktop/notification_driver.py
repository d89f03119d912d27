"""Runs ``porch run APP`` in this process and drives its window for tests/desktop/test_notifications.py; prints JSON
lines on stdout and reads the test's go-ahead lines on stdin.

Usage: python notification_driver.py APP. The app has a "Toast" button that shows a new toast on each click. Steps:
the window has the keyboard focus, a click toasts (event "toast_in_front"); another X window (xmessage) takes the
focus, a click toasts again (event "toast_away"); then the driver waits for a line on stdin (the test has clicked the
notification by then) and reports whether the window came back to the front (event "after_click"), and closes it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from window_driver import emit, js, wait_js

sys.path.insert(0, str(Path(__file__).parents[1]))
from porch.shell import cli, desktop  # noqa: E402
from x11 import top_windows  # noqa: E402

OTHER_TITLE = "Another application"
CARDS = "document.querySelectorAll('.toast-area .toast-card').length"
CLICK_TOAST = "[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Toast').click()"


def wait_window(title: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while (found := top_windows().get(title)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no window {title!r}; windows: {sorted(top_windows())}")
        time.sleep(0.1)
    return found


def focus(window_id: str) -> None:
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id], check=True, timeout=10)


def focused_window() -> int:
    return int(subprocess.run(["xdotool", "getwindowfocus"], capture_output=True, text=True, check=True,
                              timeout=10).stdout)


def toast(window: Any) -> str:
    """Click "Toast" through the page and wait for the new card; its text."""
    before = js(window, CARDS)
    window.run_js(CLICK_TOAST)
    wait_js(window, f"{CARDS} > {before}")
    return str(js(window, "[...document.querySelectorAll('.toast-area .toast-card')].pop().innerText"))


def main(app: Path) -> int:
    other: subprocess.Popen[bytes] | None = None

    def hook(window: Any, page: Any) -> None:
        nonlocal other
        try:
            own = wait_window(window.title)
            focus(own)
            wait_js(window, "document.hasFocus()")
            emit(event="toast_in_front", text=toast(window), runtime=js(window, "document.body.dataset.runtime"),
                 permission=js(window, "Notification.permission"))
            other = subprocess.Popen(["xmessage", "-title", OTHER_TITLE, "-center", "Another application"])
            focus(wait_window(OTHER_TITLE))
            wait_js(window, "!document.hasFocus()")
            emit(event="toast_away", text=toast(window), focused=js(window, "document.hasFocus()"))
            sys.stdin.readline()  # the test clicked the notification
            wait_js(window, "document.hasFocus()")
            emit(event="after_click", focused=True, window_in_front=focused_window() == int(own, 16))
        except Exception as exc:  # report, then close: the test fails on the missing data
            emit(event="error", error=repr(exc))
        finally:
            if other is not None:
                other.terminate()
        window.destroy()

    desktop.ready_hooks.append(hook)
    return cli.main(["run", str(app)])


if __name__ == "__main__":
    code = main(Path(sys.argv[1]))
    emit(event="exit", code=code)
    sys.exit(code)
