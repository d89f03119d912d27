"""Desktop start: ``porch run`` to the app rendered in its window, against NiceGUI's native mode for its version of
the app (``python apps/nicegui_app.py PORT native``).

TODO(desktop): Porch's desktop shell is not written yet. When it is: run each side under
``xvfb-run -a -s "-screen 0 1280x800x24"`` with ``QTWEBENGINE_DISABLE_SANDBOX=1``, one subprocess per window (a
second ``webview.start()`` in a process crashes), time from launch to the app's own "rendered" signal (not the
page's ``loaded`` event, which can fire on a blank page), and close the window through the app so the server stops
cleanly. Return ``{"window_s": seconds}`` from ``run_once``. Target: <= 0.6 of NiceGUI native.
"""

from __future__ import annotations

NAME = "desktop"
METRICS = [("window_s", "launch to app rendered in its window", "s", "lower")]

TODO = "desktop start is not measured yet: Porch's desktop shell does not exist (see measures/desktop.py)"


def run_once(ctx, system) -> dict:
    return {"skipped": TODO}
