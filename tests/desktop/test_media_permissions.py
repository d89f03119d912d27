"""The camera and microphone in the desktop window: allowed to the app's own page, refused to any other origin.

The window test runs a real Qt WebEngine window under Xvfb with Chromium's fake camera and microphone
(``--use-fake-device-for-media-stream``): the permission prompt is answered by the window's handler
(``porch.shell.qt_window``), not by Chromium's ``--use-fake-ui-for-media-stream``, which pywebview would add.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from porch.shell import qt_window
from porch.shell.qt_window import capture_allowed
from test_window import DRIVER, window_env

CAMERA_APP = """
import porch as st

st.set_page_config(page_title="Camera test")
photo = st.camera_input("Photo")
if photo is not None:
    st.write(f"photo: {photo.name} {photo.type} {photo.size} bytes, starts {photo.getvalue()[:3].hex()}")
"""


def test_only_the_apps_own_loopback_origin_may_capture() -> None:
    app = "http://127.0.0.1:8765/?token=secret"
    assert capture_allowed("http://127.0.0.1:8765/", app)
    assert capture_allowed("http://127.0.0.1:8765", app)
    assert not capture_allowed("http://127.0.0.1:8766/", app), "another port is another origin"
    assert not capture_allowed("http://localhost:8765/", app), "another host name is another origin"
    assert not capture_allowed("https://127.0.0.1:8765/", app)
    assert not capture_allowed("https://example.org/", app)
    assert not capture_allowed("null", app)
    assert not capture_allowed("", app)
    assert not capture_allowed("http://127.0.0.1:99999/", app), "no port that is no number"
    assert not capture_allowed("http://example.org:8765/", "http://example.org:8765/"), "only this machine"
    assert capture_allowed("http://[::1]:8765/", "http://[::1]:8765/")


def test_pywebview_is_kept_from_granting_every_page_by_chromiums_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from webview.platforms import qt

    backend = vars(qt)
    monkeypatch.setitem(backend, "environ_append", backend["environ_append"])  # undone after the test
    monkeypatch.delenv(qt_window.FLAGS, raising=False)
    qt_window.ask_the_window()
    wrapped = backend["environ_append"]
    qt_window.ask_the_window()
    assert backend["environ_append"] is wrapped, "once is enough: a second call does not wrap again"
    wrapped(qt_window.FLAGS, qt_window.FAKE_MEDIA_UI, "--enable-features=AutoplayIgnoreWebAudio")
    assert os.environ[qt_window.FLAGS] == "--enable-features=AutoplayIgnoreWebAudio"
    wrapped(qt_window.FLAGS, qt_window.FAKE_MEDIA_UI)
    assert os.environ[qt_window.FLAGS] == "--enable-features=AutoplayIgnoreWebAudio"
    monkeypatch.setenv(qt_window.FLAGS, qt_window.FAKE_MEDIA_UI)  # the user's own choice is kept
    wrapped(qt_window.FLAGS, qt_window.FAKE_MEDIA_UI)
    assert os.environ[qt_window.FLAGS].split() == [qt_window.FAKE_MEDIA_UI] * 2


@pytest.mark.desktop
@pytest.mark.slow
def test_the_window_gives_the_camera_to_the_app_and_refuses_another_origin(tmp_path: Path, display: str) -> None:
    folder = tmp_path / "camera_app"
    folder.mkdir()
    app = folder / "app.py"
    app.write_text(CAMERA_APP)
    env = window_env(tmp_path, display)
    env[qt_window.FLAGS] = "--use-fake-device-for-media-stream"
    process = subprocess.run(
        [sys.executable, str(DRIVER), "camera", str(app)], capture_output=True, text=True, env=env, timeout=60
    )
    events: dict[str, Any] = {
        e["event"]: e for e in (json.loads(line) for line in process.stdout.splitlines() if line.startswith("{"))
    }
    assert "error" not in events, events["error"]["error"] + "\n" + process.stderr
    assert process.returncode == 0 and "ready" in events, process.stderr
    report = events["ready"]
    assert report["camera_state"] == "live", process.stderr  # granted without a prompt: the app's own page
    assert "photo: camera-input-" in report["after_photo"] and "image/jpeg" in report["after_photo"]
    assert "starts ffd8ff" in report["after_photo"], "a JPEG from Chromium's fake camera"
    # A page of another origin gets no camera. Qt WebEngine rejects a request its embedder denied with AbortError
    # ("Invalid state") where Chromium says NotAllowedError; the log says it was the window's handler.
    assert report["foreign_answer"] in ("NotAllowedError", "AbortError"), report["foreign_answer"]
    assert "camera/microphone allowed to http://127.0.0.1:" in process.stderr
    assert f"denied to {report['foreign_origin'].rstrip('/')}" in process.stderr
