"""The desktop shell in a real Qt WebEngine window under Xvfb, one porch process per window."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import psutil
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from shell_harness import Porch, clean_env, copy_app
from support import assert_gone

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

DRIVER = Path(__file__).with_name("window_driver.py")


def window_env(tmp_path: Path, display: str) -> dict[str, str]:
    """A display, and a BROWSER command (Python's webbrowser honours it) that records the URL it is asked to open."""
    record = tmp_path / "browser-opened.txt"
    command = tmp_path / "fake-browser"
    command.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{record}"\n')
    command.chmod(0o755)
    return clean_env(tmp_path, DISPLAY=display, QTWEBENGINE_DISABLE_SANDBOX="1", BROWSER=str(command),
                     BROWSER_RECORD=str(record))


def drive(tmp_path: Path, display: str, scenario: str, app: Path, *extra: str) -> tuple[dict[str, Any], float, str]:
    """Run the window driver; return its "ready" report, seconds from window.destroy() to exit, and stderr."""
    process = subprocess.run(
        [sys.executable, str(DRIVER), scenario, str(app), *extra],
        capture_output=True, text=True, env=window_env(tmp_path, display), timeout=20,
    )
    exited = time.time()
    events = {e["event"]: e for e in (json.loads(line) for line in process.stdout.splitlines() if line.startswith("{"))}
    assert "error" not in events, events["error"]["error"] + "\n" + process.stderr
    assert process.returncode == 0 and events["exit"]["code"] == 0, process.stderr
    assert "ready" in events, process.stderr
    return events["ready"], exited - events["closing"]["at"], process.stderr


def colours(image: Path) -> int:
    return int(subprocess.run(["identify", "-format", "%k", str(image)], capture_output=True, text=True,
                              check=True, timeout=20).stdout)


def test_the_app_renders_reruns_on_a_click_and_closing_exits_0(tmp_path: Path, display: str,
                                                               artifacts: Path) -> None:
    shot = artifacts / "desktop-window.png"
    shot.unlink(missing_ok=True)
    report, close_to_exit, _ = drive(tmp_path, display, "render", copy_app(tmp_path), str(shot))
    assert (report["run"], report["connection"], report["heading"]) == ("finished", "connected", "Shell test")
    assert "mode=desktop local=True" in report["text"] and "clicks=0" in report["text"]
    assert report["page_title"] == "Shell test app"
    assert report["window_title"] == "Shell test app"  # set_page_config(page_title=...) names the window
    assert "clicks=1" in report["after_click"]  # the click inside the window reran the script
    assert colours(shot) > 50, "the screenshot is blank"
    assert report["browser_opened"] == "https://example.invalid/page"  # another site: the system browser
    assert report["location"].startswith("http://127.0.0.1:")  # ... and the window stayed on the app
    assert close_to_exit < 2.0
    print(f"window closed to process exit: {close_to_exit:.2f} s")
    assert report["children"], "Qt WebEngine runs helper processes; the driver should have seen them"
    assert_gone(report["children"])


def test_size_is_remembered_per_app(tmp_path: Path, display: str) -> None:
    app = copy_app(tmp_path)
    first, _, _ = drive(tmp_path, display, "resize", app)
    saved = list((tmp_path / "xdg-config" / "porch" / "windows").glob("*.json"))
    assert len(saved) == 1
    state = json.loads(saved[0].read_text())
    assert (state["width"], state["height"], state["script"]) == (900, 640, str(app))
    second, _, _ = drive(tmp_path, display, "geometry", app)
    assert second["size"] == [900, 640]


def test_saving_a_local_module_reruns_and_the_window_stays_open(tmp_path: Path, display: str) -> None:
    report, _, stderr = drive(tmp_path, display, "edit", copy_app(tmp_path))
    assert report["window_open"] and "mode=desktop local=True" in report["after_edit"]
    assert "changed on disk: shell_app_helper.py" in stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_desktop_security_and_a_signal_closes_the_window(tmp_path: Path, display: str, signum: int) -> None:
    """The real ``porch run``: loopback only, a secret for everything, then SIGTERM/Ctrl-C exits 0 within 2 s."""
    with Porch("run", str(copy_app(tmp_path)), env=window_env(tmp_path, display)) as porch:
        base = porch.wait_for(r"window served from (http://127\.0\.0\.1:\d+/)").group(1)
        rendered = porch.wait_for(r"app rendered in the window ([\d.]+) s after launch")
        startup = time.monotonic() - porch.started
        port = int(base.rsplit(":", 1)[1].strip("/"))
        process = psutil.Process(porch.process.pid)
        listening = [c.laddr for c in process.net_connections("inet") if c.status == psutil.CONN_LISTEN]
        assert [(a.ip, a.port) for a in listening] == [("127.0.0.1", port)]

        for path in ("", "_porch/health?x", "_porch/static/app.js"):
            try:
                urllib.request.urlopen(base + path, timeout=5).close()
                status = 200
            except urllib.error.HTTPError as error:
                status = error.code
                error.close()
            assert status in (403,) or path.startswith("_porch/health"), (path, status)
        request = urllib.request.Request(base, headers={"Host": f"rebind.example:{port}",
                                                        "Cookie": "porch_token=guess"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 403 and refused.value.reason == "Host not allowed"
        refused.value.close()
        with pytest.raises(InvalidStatus) as ws_refused:
            connect(base.replace("http", "ws") + "_porch/ws", origin=base.rstrip("/"), open_timeout=5)  # type: ignore[arg-type]
        assert ws_refused.value.response.status_code == 403

        children = [p.pid for p in process.children(recursive=True)]
        porch.signal(signum)
        signalled = time.monotonic()
        assert porch.wait(5) == 0
        assert time.monotonic() - signalled < 2.0
        assert_gone(children)
        assert f"received {signal.Signals(signum).name}: closing the window" in porch.log()
        print(f"desktop start: {startup:.2f} s to rendered (shell's own count {rendered.group(1)} s)")


ICON_APP = """
from pathlib import Path
import porch as st

icon = st.session_state.get("icon")
if icon:
    st.set_page_config(page_title="Icon test", page_icon=icon)
st.title("Icon test")
st.button("Emoji", on_click=lambda: st.session_state.update(icon="\N{LARGE BLUE SQUARE}"))
st.button("Image", on_click=lambda: st.session_state.update(icon=Path(__file__).with_name("green.png")))
"""


def test_the_window_icon_comes_from_the_app_config_then_from_set_page_config(tmp_path: Path, display: str) -> None:
    folder = tmp_path / "icon_app"
    (folder / ".porch").mkdir(parents=True)
    for colour in ("red", "green"):
        subprocess.run(["convert", "-size", "48x48", f"xc:{colour}", str(folder / f"{colour}.png")], check=True,
                       timeout=20)
    (folder / ".porch" / "config.toml").write_text('icon = "red.png"\n')  # relative to the app's folder
    app = folder / "app.py"
    app.write_text(ICON_APP)
    report, _, _ = drive(tmp_path, display, "icon", app)
    red, green, blue = report["icon_at_open"]
    assert red > 200 and green < 60 and blue < 60, report["icon_at_open"]  # the configured icon
    red, green, blue = report["icon_after_emoji"]
    assert blue > red + 60 and blue > green, report["icon_after_emoji"]  # page_icon="🟦", drawn by the page
    red, green, blue = report["icon_after_image"]
    assert green > red + 60 and green > blue + 60, report["icon_after_image"]  # page_icon=Path("green.png")


DOWNLOAD_APP = """
import porch as st

st.session_state.setdefault("saved", 0)
if st.download_button("Save greeting", "Hello from the app\\n", file_name="greeting.txt"):
    st.session_state.saved += 1
st.write(f"clicked={st.session_state.saved}")
"""


def test_a_download_is_saved_through_the_native_save_dialog(tmp_path: Path, display: str) -> None:
    folder = tmp_path / "download_app"
    folder.mkdir()
    app = folder / "app.py"
    app.write_text(DOWNLOAD_APP)
    report, _, stderr = drive(tmp_path, display, "download", app)
    assert report["saved"] == "Hello from the app\n"  # the server's bytes, where the person chose in the dialog
    assert "clicked=1" in report["after_download"]  # the click also reran the script, once
    assert f"download saved to {folder / 'saved' / 'greeting copy.txt'}" in stderr


UPLOAD_APP = """
import porch as st

st.set_page_config(page_title="Upload test")
notes = st.file_uploader("Notes", type="txt")
if notes is not None:
    st.write(f"uploaded {notes.name}: {notes.getvalue().decode()!r} ({notes.size} bytes)")
"""


def test_the_upload_widget_picks_a_file_through_the_native_file_dialog(tmp_path: Path, display: str) -> None:
    folder = tmp_path / "upload_app"
    folder.mkdir()
    (folder / "notes.txt").write_text("picked in the dialog")
    app = folder / "app.py"
    app.write_text(UPLOAD_APP)
    report, _, _ = drive(tmp_path, display, "upload", app)
    assert "uploaded notes.txt: 'picked in the dialog' (20 bytes)" in report["after_upload"]
