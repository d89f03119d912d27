"""Building and running real bundles in tests: ``porch package`` run as a person runs it, the bundle it makes, and
the ways a test starts one (served to Chromium, offline in a network namespace whose only interface is loopback)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from support import REPO


@dataclass(frozen=True)
class Bundle:
    folder: Path
    executable: Path
    size: int
    build_seconds: float
    output: str
    home: Path  # HOME and XDG folders the bundle runs with, so its log and config land in the test's own place

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_STATE_HOME": str(self.home / "state"),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            **extra,
        }


def package(script: Path, name: str, cache: Path, out: Path, *options: str) -> tuple[str, float]:
    """Run ``porch package`` on ``script``, as a user would; (its output, seconds)."""
    command = [sys.executable, "-m", "porch.shell.cli", "package", str(script), "--name", name, "--out", str(out),
               *options]
    start = time.monotonic()
    done = subprocess.run(command, env={**os.environ, "XDG_CACHE_HOME": str(cache)}, capture_output=True, text=True,
                          timeout=400)
    if done.returncode != 0:
        pytest.fail(f"porch package failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout, time.monotonic() - start


def built(script: Path, name: str, root: Path, cache: Path) -> Bundle:
    """A one-folder bundle of ``script`` built into ``root`` (with a home folder of its own beside it)."""
    home = root / "home"
    home.mkdir()
    output, seconds = package(script, name, cache, root)
    folder = root / name
    from porch.packaging.build import disk_size

    size = disk_size(folder)
    print(f"\n[bundle] {name} built in {seconds:.1f} s, one-folder size {size / 1e6:.0f} MB ({folder})")
    return Bundle(folder, folder / name, size, seconds, output, home)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(port: int, process: subprocess.Popen[Any], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the bundle exited with {process.returncode}:\n{read_output(process)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_porch/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"the bundle did not answer on port {port} within {timeout} s")


def read_output(process: subprocess.Popen[Any]) -> str:
    return process.stdout.read() if process.stdout and process.poll() is not None else ""


@pytest.fixture
def stop() -> Iterator[list[subprocess.Popen[Any]]]:
    """Processes to stop after the test: SIGTERM (the app drains and exits), then wait; never left behind."""
    started: list[subprocess.Popen[Any]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if process.stdout:
            process.stdout.close()


PROBE = """
import json, sys, time, urllib.request
from playwright.sync_api import sync_playwright
sys.path.insert(0, {tests!r})
from support import CHROMIUM, CHROMIUM_ARGS
port, start = int(sys.argv[1]), float(sys.argv[2])
deadline = time.time() + 30
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{{port}}/_porch/health", timeout=1)
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("no health answer")
        time.sleep(0.05)
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{{port}}/")
    page.wait_for_selector('body[data-run="finished"]', timeout=30000)
    {check}
    print(f"first-page {{time.time() - start:.2f}}")
    print(json.dumps({{"text": page.inner_text("body"), "checked": checked}}))
    browser.close()
"""



@dataclass(frozen=True)
class Shown:
    text: str  # the page's text once its run finished
    checked: Any  # what the probe's check (a Python statement run with ``page``, setting ``checked``) found
    seconds: float  # from the bundle's start to the rendered page


def serve_offline(bundle: Bundle, tmp_path: Path, check: str = "checked = None") -> Shown:
    """Start the bundle with ``--headless`` in a network namespace whose only interface is lo, and show its page in
    Chromium: no download at first start, no CDN can have been reached."""
    assert shutil.which("unshare"), "util-linux's unshare is needed (root, or user namespaces)"
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE.format(tests=str(REPO / "tests"), check=check))
    port = free_port()
    script = (
        "set -e; ip link set lo up; "
        "if ip -o link | grep -v ': lo:'; then echo 'more than loopback'; exit 3; fi; "
        f"'{bundle.executable}' --headless --host 127.0.0.1 --port {port} > '{tmp_path}/bundle.log' 2>&1 & app=$!; "
        # not a plain "probe; status=$?": under set -e a failing probe would end the shell and leave the bundle running
        f"status=0; '{sys.executable}' '{probe}' {port} $(date +%s.%N) || status=$?; "
        "kill -TERM $app; wait $app || true; exit $status"
    )
    done = subprocess.run(["unshare", "-n", "sh", "-c", script], env=bundle.env(), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\n{(tmp_path / 'bundle.log').read_text()}"
    seconds = float(re.search(r"first-page ([\d.]+)", done.stdout).group(1))  # type: ignore[union-attr]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return Shown(result["text"], result["checked"], seconds)
