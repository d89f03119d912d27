"""Runs ``porch run APP`` in this process and drives its window from a ready hook; prints JSON lines on stdout.

Usage: python window_driver.py SCENARIO APP [SHOT]. Scenarios: render, resize, geometry, edit, icon, download, upload,
camera, launcher close the window when done; wait, animate and freeze leave it open for the test to end the process
(animate keeps the page painting, freeze keeps its renderer busy forever, so a call into the page never returns).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).parents[1]))
from porch.shell import cli, desktop  # noqa: E402
from x11 import top_windows, window_icon  # noqa: E402


def emit(**data: Any) -> None:
    print(json.dumps(data), flush=True)


def js(window: Any, expression: str) -> Any:
    return json.loads(window.run_js(f"JSON.stringify({expression})"))


def wait_js(window: Any, expression: str, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = js(window, expression)
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(expression)


STATE = "[document.body.dataset.run, document.body.dataset.connection, Number(document.body.dataset.runCount), " \
        "document.querySelector('h1') && document.querySelector('h1').textContent, document.body.innerText]"


def screenshot(path: str, timeout: float = 5.0) -> int:
    """Shoot the screen until it shows more than a blank window (the compositor can paint a moment after the
    app's "finished"); return the number of attempts. The test checks the last shot itself."""
    attempts = 0
    deadline = time.monotonic() + timeout
    while True:
        attempts += 1
        subprocess.run(["import", "-window", "root", path], check=True, timeout=20)
        colours = subprocess.run(["identify", "-format", "%k", path], capture_output=True, text=True, timeout=20)
        if int(colours.stdout or 0) > 50 or time.monotonic() > deadline:
            return attempts
        time.sleep(0.1)


def wait_icon_change(before: tuple[int, ...] | None, timeout: float = 10.0) -> tuple[int, ...] | None:
    deadline = time.monotonic() + timeout
    while (icon := window_icon(os.getpid())) == before and time.monotonic() < deadline:
        time.sleep(0.1)
    return icon


def press(window_title: str, key: str) -> None:
    """A key press from the keyboard (a user gesture, unlike a click made by the page's script)."""
    subprocess.run(["xdotool", "windowfocus", "--sync", top_windows()[window_title]], check=True, timeout=10)
    subprocess.run(["xdotool", "key", key], check=True, timeout=10)


def answer_file_dialog(title: str, path: Path, timeout: float = 10.0) -> None:
    """Type ``path`` into the native (Qt) file dialog called ``title`` and press Enter, as a person would."""
    deadline = time.monotonic() + timeout
    while title not in top_windows():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {title!r} dialog; windows: {sorted(top_windows())}")
        time.sleep(0.1)
    time.sleep(0.3)  # the dialog takes the keyboard focus a moment after it is mapped
    dialog = top_windows()[title]
    subprocess.run(["xdotool", "windowfocus", "--sync", dialog], check=True, timeout=10)
    subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+a"], check=True, timeout=10)
    subprocess.run(["xdotool", "type", "--delay", "5", str(path)], check=True, timeout=20)
    subprocess.run(["xdotool", "key", "Return"], check=True, timeout=10)


def wait_file(path: Path, timeout: float = 10.0) -> bytes | None:
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.2)
    return path.read_bytes() if path.exists() else None


FOREIGN_PAGE = b"""<!doctype html><script>
navigator.mediaDevices.getUserMedia({video: true, audio: true}).then(
  (stream) => { stream.getTracks().forEach((t) => t.stop()); parent.postMessage("granted", "*"); },
  (err) => parent.postMessage(err.name, "*"));
</script>"""


def serve_foreign_page() -> str:
    """A page of another origin (localhost, another port) that asks for the camera and microphone and tells its
    parent what it got: the window must refuse it."""
    import http.server
    import threading

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(FOREIGN_PAGE)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://localhost:{server.server_port}/"


def status_without_secret(url: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


#: Scenarios that leave the window open: the test ends the process (a signal, the display going away).
LEFT_OPEN = {"wait", "animate", "freeze"}


def leave_open(name: str, window: Any) -> None:
    if name == "animate":  # the page paints without a pause, so X is in use when the display goes
        window.run_js("document.body.animate([{opacity: 1}, {opacity: 0.6}], {duration: 300, iterations: Infinity})")
    emit(event="ready", children=[p.pid for p in psutil.Process().children(recursive=True)])
    if name == "freeze":  # the renderer's main thread never comes back: neither this call nor any later one returns
        window.run_js("for (;;) {}")


def scenario(name: str, app: Path, shot: str | None) -> Any:
    def hook(window: Any, page: Any) -> None:
        if name in LEFT_OPEN:
            leave_open(name, window)
            return
        try:
            run, connection, runs, heading, text = js(window, STATE)
            result: dict[str, Any] = dict(run=run, connection=connection, heading=heading, text=text,
                                          page_title=page.title, window_title=window.title)
            if name == "render":
                assert shot is not None, "the render scenario is given where to save its screenshot"
                result["shot_attempts"] = screenshot(shot)
                window.run_js("[...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Count')"
                              ".click()")
                wait_js(window, f"document.body.dataset.run === 'finished' && "
                                f"Number(document.body.dataset.runCount) > {runs}")
                result["after_click"] = js(window, "document.body.innerText")
                window.run_js("document.querySelector('a[href^=\"https://example.invalid\"]').click()")
                opened = Path(os.environ["BROWSER_RECORD"])
                deadline = time.monotonic() + 5
                while not (opened.exists() and opened.read_text()) and time.monotonic() < deadline:
                    time.sleep(0.05)
                result["browser_opened"] = opened.read_text() if opened.exists() else None
                result["location"] = js(window, "location.href")
            elif name == "resize":
                window.resize(900, 640)
                time.sleep(0.5)
            elif name == "icon":
                result["icon_at_open"] = wait_icon_change(None)
                for button in ("Emoji", "Image"):
                    window.run_js(f"[...document.querySelectorAll('button')].find(b => b.textContent.trim() === "
                                  f"'{button}').click()")
                    result[f"icon_after_{button.lower()}"] = wait_icon_change(result["icon_at_open"] if button ==
                                                                              "Emoji" else result["icon_after_emoji"])
            elif name == "download":
                target = app.parent / "saved" / "greeting copy.txt"
                target.parent.mkdir()
                window.run_js("document.querySelector('a[download]').click()")
                answer_file_dialog("Save file", target)
                result["saved"] = (wait_file(target) or b"").decode()
                result["after_download"] = wait_js(window, f"document.body.dataset.run === 'finished' && "
                                                           f"Number(document.body.dataset.runCount) > {runs} && "
                                                           f"document.body.innerText")
            elif name == "upload":
                window.run_js("document.querySelector('input[type=file]').focus()")
                press(window.title, "space")
                answer_file_dialog("Open", app.with_name("notes.txt"))
                result["after_upload"] = wait_js(window, "document.body.innerText.includes('uploaded notes.txt') && "
                                                         "document.body.innerText")
            elif name == "camera":
                live = "document.querySelector('.camera-input') && document.querySelector('.camera-input').dataset"
                result["camera_state"] = wait_js(window, f"{live}.state !== 'starting' && {live}.state")
                window.run_js("document.querySelector('.camera-take').click()")
                result["after_photo"] = wait_js(window, "document.body.innerText.includes('photo: camera') && "
                                                        "document.body.innerText")
                foreign = serve_foreign_page()
                window.run_js("window.addEventListener('message', (e) => { window.foreignAnswer = e.data; });"
                              "const frame = document.createElement('iframe'); frame.allow = 'camera; microphone';"
                              f"frame.src = '{foreign}'; document.body.append(frame);")
                result["foreign_origin"] = foreign
                result["foreign_answer"] = wait_js(window, "window.foreignAnswer || null")
            elif name == "geometry":
                result["size"] = [window.width, window.height]
            elif name == "launcher":  # a porch.App's route, asked by the window (with its secret) and from outside
                window.run_js("fetch('api/data').then((r) => r.json()).then((j) => { window.porchApi = j; })")
                result["api"] = wait_js(window, "window.porchApi || null")
                result["outside"] = status_without_secret(js(window, "location.href") + "api/data")
            elif name == "edit":
                helper = app.parent / "shell_app_helper.py"
                # Later than both the file's time and now: run-on-save counts a module it first sees as changed only
                # if its time is after its last look (the module may be imported just before this edit).
                stamp = max(helper.stat().st_mtime_ns, time.time_ns()) + 2_000_000_000
                helper.write_text('GREETING = "Edited while open"\n')
                os.utime(helper, ns=(stamp, stamp))
                result["after_edit"] = wait_js(window, "document.querySelector('h1') && "
                                                       "document.querySelector('h1').textContent === "
                                                       "'Edited while open' && document.body.innerText")
                result["window_open"] = not window.events.closed.is_set()
            result["children"] = [p.pid for p in psutil.Process().children(recursive=True)]
            emit(event="ready", **result)
        except Exception as exc:  # report, then close: the test fails on the missing data
            emit(event="error", error=repr(exc))
        emit(event="closing", at=time.time())
        window.destroy()

    desktop.ready_hooks.append(hook)
    return cli.main(["run", str(app)])


if __name__ == "__main__":
    code = scenario(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
    emit(event="exit", code=code)
    sys.exit(code)
