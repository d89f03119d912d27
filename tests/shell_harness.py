"""Run the real ``porch`` command in a subprocess and read what it prints; shared by the shell tests."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).parent
APPS = TESTS / "apps"


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment without PORCH_* settings, with a private config folder (XDG_CONFIG_HOME)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PORCH_")}
    env.update(PYTHONUNBUFFERED="1", XDG_CONFIG_HOME=str(tmp_path / "xdg-config"))
    env.update(extra)
    return env


def copy_app(tmp_path: Path, name: str = "shell_app.py") -> Path:
    """A private copy of a test app and its local module (tests that edit or configure it use this)."""
    folder = tmp_path / "app"
    folder.mkdir(exist_ok=True)
    for path in APPS.glob("shell_app*.py"):
        shutil.copy(path, folder / path.name)
    return folder / name


class Process:
    """A subprocess whose stderr is read line by line on a thread: :meth:`wait_for` a line, :meth:`log` of all."""

    #: Default seconds of :meth:`wait_for` and :meth:`wait`.
    wait_for_seconds = 30.0
    wait_seconds = 30.0

    def __init__(self, command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
                 stdout: int = subprocess.DEVNULL, name: str | None = None) -> None:
        self.command = command
        self.name = name or str(command[:3])
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float | None = None) -> re.Match[str]:
        """The first stderr line (already read or to come) matching ``pattern``."""
        timeout = self.wait_for_seconds if timeout is None else timeout
        regex = re.compile(pattern)
        seen = 0
        deadline = time.monotonic() + timeout
        while True:
            for line in self.lines[seen:]:
                match = regex.search(line)
                if match:
                    return match
            seen = len(self.lines)
            try:
                if self._queue.get(timeout=max(0.01, deadline - time.monotonic())) is None and seen == len(self.lines):
                    raise AssertionError(f"{self.name} exited ({self.process.poll()}) before printing {pattern!r}:\n"
                                         + self.log())
            except queue.Empty:
                raise AssertionError(f"{self.name} did not print {pattern!r} in {timeout} s:\n" + self.log()) from None

    def log(self) -> str:
        return "\n".join(self.lines)

    def signal(self, signum: int = signal.SIGTERM) -> None:
        self.process.send_signal(signum)

    def wait(self, timeout: float | None = None) -> int:
        code = self.process.wait(self.wait_seconds if timeout is None else timeout)
        self._reader.join(5)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._reader.join(5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


class Porch(Process):
    """``python -m porch.shell.cli ARGS`` with its stderr read line by line on a thread."""

    wait_for_seconds = 20.0
    wait_seconds = 10.0

    def __init__(self, *args: str, env: dict[str, str], cwd: Path | None = None) -> None:
        super().__init__([sys.executable, "-m", "porch.shell.cli", *args], env=env, cwd=cwd, stdout=subprocess.PIPE,
                         name="porch")

    def local_url(self) -> str:
        return self.wait_for(r"Local URL:\s+(\S+)").group(1)

    def __enter__(self) -> Porch:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
