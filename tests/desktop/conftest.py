"""Window tests: one Xvfb (24-bit screen: Qt WebEngine crashes at 16) for the module, one porch process per window
(``webview.start`` runs once per process)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        server.wait()
        pytest.fail("Xvfb did not start (install xvfb, see .ci/run)")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
