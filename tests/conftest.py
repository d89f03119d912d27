"""Shared fixtures. Browser fixtures launch Debian's Chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, REPO


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run; each test gets its own context (cookies, storage)."""
    from playwright.sync_api import sync_playwright

    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run)")
    from playwright.sync_api import expect

    # Assertions wait for their condition; Playwright's 5 s default is too short on a loaded 2-core machine (a run and
    # an upload behind a busy Chromium), so every wait gets a generous deadline. Nothing is asserted about time.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def media_browser(browser: Any) -> Iterator[Any]:
    """A second headless Chromium (from the same Playwright), with a fake camera and microphone
    (``--use-fake-device-for-media-stream``: a test picture and a beep), for camera_input and audio_input. Whether a
    page may use them is up to its context's permissions; ``browser`` has no such devices at all."""
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--use-fake-device-for-media-stream"], headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def media_context(media_browser: Any) -> Iterator[Any]:
    """A context of :func:`media_browser` that may use the camera and microphone (as if the user allowed them)."""
    ctx = media_browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.grant_permissions(["camera", "microphone"])
    yield ctx
    ctx.close()


@pytest.fixture
def artifacts() -> Path:
    """Where tests leave screenshots and logs (kept by CI for a person to look at)."""
    folder = REPO / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """An Xvfb server of the tests' own, for window tests: a 24-bit screen (Qt WebEngine crashes at 16)."""
    if not shutil.which("Xvfb"):
        pytest.fail("Xvfb not found: install xvfb (.ci/setup does)")
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
        pytest.fail("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)
