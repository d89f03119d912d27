"""Run on save: poll the script and the local modules it imported; when one changes, forget those modules and rerun
every open session. A few ``stat`` calls every half second on the engine's event loop, no extra dependency.

A *local* module is one whose file lies under the script's folder but not inside an installed environment (a
``.venv`` beside the app, ``site-packages``): that is the code its author edits. Removing local modules from
``sys.modules`` makes the rerun import them afresh; the script itself is recompiled by ``Script.code()`` when its
modification time changes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("porch.watch")

_ENV_MARKERS = ("site-packages", "dist-packages", ".venv", "venv", "__pypackages__", ".tox", "node_modules")


class ScriptWatcher:
    """Loop thread only. ``on_change`` is called there, after the changed local modules were forgotten."""

    def __init__(self, script_path: str, on_change: Callable[[], None], *, interval: float = 0.5) -> None:
        self.script_path = os.path.abspath(script_path)
        self.folder = os.path.dirname(self.script_path) + os.sep
        self.on_change = on_change
        self.interval = interval
        self._stamps: dict[str, int] = {}
        self._scanned_at = 0  # wall clock (ns) of the last scan
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._scanned_at = time.time_ns()
        self._stamps = self._scan()
        self._task = asyncio.get_running_loop().create_task(self._poll(), name="porch-watch")

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            self.check()

    def check(self) -> bool:
        """Compare modification times with the last look; on a change, forget local modules and rerun."""
        previous_scan, self._scanned_at = self._scanned_at, time.time_ns()
        stamps = self._scan()
        # A module imported since the last look is new to us; if its file changed after that look, it may have
        # changed after the import too, so it counts as changed (at worst one extra rerun).
        changed = sorted(
            path for path, stamp in stamps.items()
            if (self._stamps[path] != stamp if path in self._stamps else stamp > previous_scan)
        )
        self._stamps = stamps
        if not changed:
            return False
        log.info("changed on disk: %s; rerunning open sessions", ", ".join(os.path.relpath(p, self.folder) for p in changed))
        forget_local_modules(self.folder)
        self.on_change()
        return True

    def _scan(self) -> dict[str, int]:
        stamps: dict[str, int] = {}
        for path in [self.script_path, *local_module_files(self.folder)]:
            try:
                stamps[path] = os.stat(path).st_mtime_ns
            except OSError:
                continue
        return stamps


def _is_local(path: str | None, folder: str) -> bool:
    if not path or not path.startswith(folder):
        return False
    parts = Path(path[len(folder):]).parts
    return not any(part in _ENV_MARKERS for part in parts)


def _local_modules(folder: str) -> list[tuple[str, str]]:
    """(name, file) of the imported modules that live under ``folder``: the app's own code, never Porch's."""
    found = []
    for name, module in list(sys.modules.items()):
        if name in ("__main__", "porch") or name.startswith("porch."):
            continue
        path = getattr(module, "__file__", None)
        if _is_local(path, folder):
            found.append((name, str(path)))
    return found


def local_module_files(folder: str) -> list[str]:
    """Source files of the app's own imported modules."""
    return [path for _, path in _local_modules(folder) if path.endswith(".py")]


def forget_local_modules(folder: str) -> list[str]:
    """Drop the app's own modules from ``sys.modules`` so the next run imports their new code."""
    names = [name for name, _ in _local_modules(folder)]
    for name in names:
        sys.modules.pop(name, None)
    return names
