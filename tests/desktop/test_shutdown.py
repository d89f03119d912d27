"""The desktop process ends cleanly however it is told to: a SIGTERM to its whole process group (which Qt WebEngine's
helper processes receive too) and its display going away. Cleanly means every time: the engine drained, its
temporary files removed, the helper processes gone, and the exit status and one line that say what happened."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest

from shell_harness import clean_env
from support import assert_gone

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

DRIVER = Path(__file__).with_name("window_driver.py")

#: Every download's bytes go to a temporary file (PORCH_MEDIA_MEMORY_MB=0): the exit must remove it.
APP = """
import porch as st

st.set_page_config(page_title="Shutdown test")
st.title("Shutdown test")
st.download_button("Save", b"bytes the engine keeps in a temporary file", file_name="kept.txt")
"""

#: Enough launches that a shutdown which hangs one time in five would show; each takes a few seconds.
LAUNCHES = 10


class Launch:
    """``porch run`` in a window (the driver), its JSON events and its log. It leads a process group of its own, or
    joins ``group`` (that of the X server, as under ``xvfb-run``)."""

    def __init__(self, folder: Path, display: str, scenario: str, app: Path, group: int | None = None) -> None:
        folder.mkdir()
        self.tmp = folder / "tmp"
        self.tmp.mkdir()
        self.log_path = folder / "stderr.txt"
        env = clean_env(folder, DISPLAY=display, QTWEBENGINE_DISABLE_SANDBOX="1", TMPDIR=str(self.tmp),
                        PORCH_MEDIA_MEMORY_MB="0")
        self._log: IO[str] = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), scenario, str(app)], stdout=subprocess.PIPE, stderr=self._log, text=True,
            env=env, start_new_session=group is None,
            preexec_fn=None if group is None else (lambda: os.setpgid(0, group)),
        )
        self.group = self.process.pid if group is None else group
        self._events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self._events.put(json.loads(line))
        self._events.put(None)

    def log(self) -> str:
        return self.log_path.read_text()

    def ready(self, timeout: float = 60.0) -> dict[str, Any]:
        """The driver's report once the app rendered in the window."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                event = self._events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the window did not render in {timeout} s:\n{self.log()}") from None
            if event is None:
                raise AssertionError(f"porch exited ({self.process.poll()}) before rendering:\n{self.log()}")
            if event["event"] == "ready":
                return event

    def wait_log(self, pattern: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.log()):
            if time.monotonic() > deadline:
                raise AssertionError(f"porch did not log {pattern!r} in {timeout} s:\n{self.log()}")
            if self.process.poll() is not None:
                raise AssertionError(f"porch exited before logging {pattern!r}:\n{self.log()}")
            time.sleep(0.05)

    def exit_code(self, timeout: float = 60.0) -> int:
        """The exit status; a process still running after ``timeout`` seconds (far longer than a drain) hung."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"porch did not exit within {timeout} s:\n{self.log()}") from None

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.group, signal.SIGKILL)
            self.process.wait(10)
        self._log.close()
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextmanager
def launched(folder: Path, display: str, scenario: str, app: Path, group: int | None = None) -> Iterator[Launch]:
    launch = Launch(folder, display, scenario, app, group)
    try:
        yield launch
    finally:
        launch.close()


@contextmanager
def own_display() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """An Xvfb server for one launch, which the test may kill (the shared ``display`` fixture must stay up), leading
    a process group of its own that a launch may join."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=os.setpgrp,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}", server
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(10)


def write_app(tmp_path: Path) -> Path:
    app = tmp_path / "shutdown_app.py"
    app.write_text(APP)
    return app


def spilled_files(launch: Launch) -> list[Path]:
    return list(launch.tmp.glob("porch-media-*/*"))


@pytest.mark.timeout(600)
def test_a_sigterm_to_the_process_group_exits_0_every_time(tmp_path: Path) -> None:
    """The signal reaches Qt WebEngine's helper processes too, and in two launches of three the X server as well (the
    group ``xvfb-run porch run app.py`` makes; the shell hung 3 times in 5 there: its call into the page never
    returned once the display was gone). Every third launch first freezes the page, so that the shell's call into it
    never returns whatever happens next."""
    app = write_app(tmp_path)
    for number in range(LAUNCHES):
        x_in_group = number % 3 != 2
        scenario = "freeze" if number % 3 == 1 else "wait"
        with own_display() as (display, server), launched(tmp_path / f"launch-{number}", display, scenario, app,
                                                          server.pid if x_in_group else None) as launch:
            children = launch.ready()["children"]
            assert children, "Qt WebEngine runs helper processes; the driver should have seen them"
            assert spilled_files(launch), "the download's bytes should be in a temporary file"
            if scenario == "freeze":
                launch.wait_log(r"the page in the window has not answered for")
            os.killpg(launch.group, signal.SIGTERM)
            code = launch.exit_code()
            log = launch.log()
            assert code == 0, f"launch {number} ({scenario}, X server in the group: {x_in_group}) exited {code}:\n{log}"
            if not x_in_group:
                # With the X server in the group, its loss may reach the shell first: it then sees the signal
                # pending and stops without a word about the display, before the signal's own thread logs it.
                assert "received SIGTERM: closing the window" in log
            assert "engine stopped" in log
            assert "porch: the display" not in log  # it went too, but the app was stopping anyway
            assert list(launch.tmp.iterdir()) == [], f"launch {number} left temporary files behind"
            assert_gone(children, timeout=10)


def test_a_sigterm_before_the_window_showed_exits_0(tmp_path: Path, display: str) -> None:
    """The signal comes while the engine starts and the window is being made: the shell stops all the same."""
    app = write_app(tmp_path)
    for number, moment in enumerate([r"engine started", r"window served from"]):
        with launched(tmp_path / f"launch-{number}", display, "wait", app) as launch:
            launch.wait_log(moment)
            launch.process.send_signal(signal.SIGTERM)
            assert launch.exit_code() == 0, launch.log()
            assert "received SIGTERM: closing the window" in launch.log()
            assert list(launch.tmp.iterdir()) == []


@pytest.mark.parametrize("scenario", ["wait", "animate"])
def test_the_display_going_away_ends_the_process_with_one_line(tmp_path: Path, scenario: str) -> None:
    """Xvfb killed under a running window, with the page at rest and while it paints: exit status 1, one line that
    says why, the engine drained and its temporary files gone, no helper process left."""
    app = write_app(tmp_path)
    for number in range(2):
        with own_display() as (display, server), launched(tmp_path / f"launch-{number}", display, scenario,
                                                          app) as launch:
            children = launch.ready()["children"]
            assert spilled_files(launch)
            server.kill()
            code = launch.exit_code()
            log = launch.log()
            line = f"porch: the display {display} went away (its X server closed the connection); the app stopped"
            assert code == 1, f"exited {code}:\n{log}"
            assert log.splitlines().count(line) == 1, log
            assert "engine stopped" in log
            assert list(launch.tmp.iterdir()) == [], "temporary files left behind"
            assert_gone(children, timeout=10)
