"""``porch.App`` (Streamlit 1.67's ``st.App``): a launcher module served unchanged by ``porch run launcher.py``
and by ``python launcher.py`` (``app.run()``), with its routes, middleware, lifespan, secrets and script-error hook.

The launchers here say ``import streamlit as st``, as a Streamlit app's would, and run in a real ``porch`` process;
the routes are answered by Starlette through Porch's tornado server (``porch.http.asgi``). The App served by an ASGI
server instead (``uvicorn launcher:app``, a mount in FastAPI) is ``test_app_asgi.py``'s.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

import porch
from engine_harness import ProtocolClient
from porch.shell.launcher import app_variable
from porch.testing import AppTest
from shell_harness import Porch, clean_env

SCRIPT = '''
import streamlit as st
from pathlib import Path

with Path(__file__).parents[1].joinpath("events.txt").open("a") as events:  # beside the launcher
    events.write("run\\n")
st.title("Launched")
st.write(f"db host={st.secrets['db']['host']} other={st.secrets['other']}")
if st.query_params.get("fail"):
    raise ValueError("the script failed on purpose")
if st.query_params.get("own_fail"):
    class OwnError(Exception):
        pass
    raise OwnError("a class of the script's own")


@st.fragment
def part():
    if st.query_params.get("fragment_fail"):
        raise KeyError("the fragment failed on purpose")


part()
'''

LAUNCHER = '''
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Mount, Route, WebSocketRoute

EVENTS = Path(__file__).with_name("events.txt")


def event(name):
    with EVENTS.open("a") as events:
        events.write(name + "\\n")


class ApiError(Exception):
    pass


async def data(request):
    return JSONResponse({"items": ["apple", "banana"], "state": dict(app.state), "path": request.url.path})


async def echo(request):
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
    return JSONResponse({"received": size})


async def stream(request):
    async def lines():
        for n in range(3):
            yield f"line {n}\\n".encode()
    return StreamingResponse(lines(), media_type="text/plain")


async def fail(request):
    raise ApiError("bad request")


async def api_error(request, exc):
    return JSONResponse({"error": str(exc)}, status_code=400)


async def socket(websocket):
    await websocket.accept()
    text = await websocket.receive_text()
    await websocket.send_text("echo: " + text)
    await websocket.close()


class Stamp(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        response.headers["X-Stamp"] = "middleware"
        return response


@asynccontextmanager
async def lifespan(app):
    event("start")
    yield {"ready": True}
    event("stop")


def on_script_error(exc):
    event(f"on_script_error {type(exc).__name__}: {exc}")
    st.error("Something went wrong (custom)")
    return True


mounted = Starlette(routes=[Route("/hello", lambda request: PlainTextResponse("mounted app"))])

app = st.App(
    "ui/streamlit_app.py",
    routes=[
        Route("/api/data", data),
        Route("/api/echo", echo, methods=["POST"]),
        Route("/api/stream", stream),
        Route("/api/fail", fail),
        WebSocketRoute("/api/socket", socket),
        Mount("/sub", app=mounted),
    ],
    middleware=[Middleware(Stamp)],
    exception_handlers={ApiError: api_error},
    lifespan=lifespan,
    secrets={"db": {"host": "given-host"}},
    on_script_error=on_script_error,
)

if __name__ == "__main__":
    app.run(config={"server.port": int(__import__("os").environ["LAUNCHER_PORT"]), "server.address": "127.0.0.1"})
'''


def write_launcher(folder: Path, launcher: str = LAUNCHER) -> Path:
    """A launcher and its app script in ``ui/``, with a secrets file the App's secrets partly override."""
    (folder / "ui" / ".streamlit").mkdir(parents=True)
    (folder / "ui" / "streamlit_app.py").write_text(SCRIPT)
    (folder / "ui" / ".streamlit" / "secrets.toml").write_text('other = "from the file"\n[db]\nhost = "file-host"\n')
    path = folder / "launcher.py"
    path.write_text(launcher)
    return path


def events(folder: Path) -> list[str]:
    """What the lifespan, the script and the error handler wrote, in order."""
    file = folder / "events.txt"
    return file.read_text().splitlines() if file.exists() else []


def fetch(url: str, data: bytes | None = None, method: str | None = None, **headers: str) -> tuple[int, dict[str, str],
                                                                                                   bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def refused_before_reading(url: str, length: int) -> bytes:
    """The server's first answer to a POST that announces ``length`` bytes and sends none of them."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10) as conn:
        conn.sendall(f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Length: {length}\r\n\r\n".encode())
        return conn.recv(200)


def all_kinds(client: ProtocolClient) -> list[str]:
    """The kinds of every element on the client's page, at any depth."""
    found: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            found.append(child.kind)
            walk(child)

    for root in client.view.tree.roots:
        walk(root)
    return found


def wait_until(condition: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def headless(tmp_path: Path, launcher: Path, *extra: str) -> Porch:
    return Porch("run", str(launcher), "--headless", "--host", "127.0.0.1", "--port", "0", "--drain-grace", "0",
                 *extra, env=clean_env(tmp_path))


def test_a_launchers_routes_answer_beside_the_app_through_porch_run_headless(tmp_path: Path) -> None:
    launcher = write_launcher(tmp_path)
    with headless(tmp_path, launcher) as porch:
        url = porch.local_url().replace("localhost", "127.0.0.1")
        status, headers, body = fetch(url + "api/data")
        assert status == 200 and headers["Content-Type"] == "application/json"
        assert json.loads(body) == {"items": ["apple", "banana"], "state": {"ready": True}, "path": "/api/data"}
        # Porch's security headers on every answer; the App's middleware wraps every request, Porch's page included
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Stamp"] == "middleware"
        page_status, page_headers, page = fetch(url)
        assert page_status == 200 and b"<title>streamlit_app</title>" in page
        assert page_headers["X-Stamp"] == "middleware" and page_headers["X-Content-Type-Options"] == "nosniff"

        big = os.urandom(300_000)  # more than a plain request body may be (64 KB): streamed to the route
        assert json.loads(fetch(url + "api/echo", big, "POST", **{"Content-Type": "application/octet-stream"})[2]) \
            == {"received": len(big)}
        assert refused_before_reading(url + "api/echo", 300 * 1024 * 1024).startswith(b"HTTP/1.1 400")  # > max_upload_mb
        status, headers, body = fetch(url + "api/stream")
        assert (status, body, headers.get("Transfer-Encoding")) == (200, b"line 0\nline 1\nline 2\n", "chunked")
        assert fetch(url + "api/fail")[0:3:2] == (400, b'{"error":"bad request"}')  # the App's exception handler
        assert fetch(url + "api/echo")[0] == 405  # the route takes POST only: Starlette says so
        assert fetch(url + "sub/hello")[2] == b"mounted app"  # a mounted ASGI app (a FastAPI app mounts the same way)
        assert fetch(url + "nowhere")[0] == 200  # not a route: Porch's page (a page of a multipage app)
        assert fetch(url + "_porch/health")[0] == 200  # Porch's own endpoints stay Porch's
        assert fetch(url + "api/data", Host="evil.example")[0] == 403  # the Host check, as for the page

        with connect(url.replace("http", "ws") + "api/socket") as ws:
            ws.send("hi")
            assert ws.recv(timeout=10) == "echo: hi"
        with pytest.raises(InvalidStatus) as refused:  # Porch's origin check guards the App's sockets too
            connect(url.replace("http", "ws") + "api/socket", origin=Origin("https://evil.example"))
        assert refused.value.response.status_code == 403

        porch.signal(signal.SIGTERM)
        assert porch.wait(15) == 0


def test_a_lifespan_that_raises_at_start_stops_the_launch_with_its_message(tmp_path: Path) -> None:
    launcher = write_launcher(tmp_path, LAUNCHER.replace('    event("start")\n', '    raise RuntimeError("no database")\n'))
    result = subprocess.run([sys.executable, "-m", "porch.shell.cli", "run", str(launcher), "--headless", "--port",
                             "0"], capture_output=True, text=True, timeout=60, env=clean_env(tmp_path))
    assert result.returncode != 0
    assert "porch: the App's lifespan raised as the server started: RuntimeError: no database" in result.stderr
    assert "Porch is serving" not in result.stderr and events(tmp_path) == []


def test_a_route_under_porchs_reserved_prefix_is_refused_at_launch(tmp_path: Path) -> None:
    launcher = tmp_path / "launcher.py"
    (tmp_path / "streamlit_app.py").write_text("import streamlit as st\nst.title('never served')\n")
    launcher.write_text(
        "import streamlit as st\nfrom starlette.responses import JSONResponse\nfrom starlette.routing import Route\n\n"
        "app = st.App('streamlit_app.py', routes=[Route('/_porch/mine', lambda r: JSONResponse({}))])\n"
    )
    result = subprocess.run([sys.executable, "-m", "porch.shell.cli", "run", str(launcher), "--headless", "--port",
                             "0"], capture_output=True, text=True, timeout=60, env=clean_env(tmp_path))
    assert result.returncode != 0
    assert ("porch: the launcher launcher.py failed: Route '/_porch/mine' conflicts with Porch's reserved route prefix "
            "'/_porch/'") in result.stderr
    assert "Traceback" not in result.stderr  # the message says it all


def test_the_lifespan_starts_before_the_first_session_and_ends_after_it_with_its_state(tmp_path: Path) -> None:
    launcher = write_launcher(tmp_path)
    with headless(tmp_path, launcher) as porch:
        url = porch.local_url().replace("localhost", "127.0.0.1")
        assert events(tmp_path) == ["start"]  # entered before the server listened, and the script never ran
        assert json.loads(fetch(url + "api/data")[2])["state"] == {"ready": True}
        client = ProtocolClient(url.replace("http", "ws") + "_porch/ws")
        client.until_finished(timeout=15)
        client.close()
        assert events(tmp_path) == ["start", "run"]
        porch.signal(signal.SIGTERM)
        assert porch.wait(15) == 0
    assert events(tmp_path) == ["start", "run", "stop"]


@pytest.mark.parametrize("isolation", ["thread", "process"])
def test_the_apps_secrets_win_over_the_files_and_the_script_reads_them(tmp_path: Path, isolation: str) -> None:
    launcher = write_launcher(tmp_path)
    with headless(tmp_path, launcher, "--isolation", isolation) as porch:
        url = porch.local_url().replace("localhost", "127.0.0.1")
        client = ProtocolClient(url.replace("http", "ws") + "_porch/ws", first_frame_timeout=30)
        client.until_finished(timeout=15)
        # db is the App's (it replaces the file's whole [db] table, top-level keys win); other is still the file's
        assert "db host=given-host other=from the file" in client.texts()
        client.close()


@pytest.mark.parametrize(("query", "reported"), [
    ("fail", "ValueError: the script failed on purpose"),
    ("fragment_fail", "KeyError: 'the fragment failed on purpose'"),  # an error a fragment shows in its own block
])
def test_on_script_error_is_called_with_the_exception_and_may_show_its_own_message(tmp_path: Path, query: str,
                                                                                 reported: str) -> None:
    launcher = write_launcher(tmp_path)
    with headless(tmp_path, launcher) as porch:
        url = porch.local_url().replace("localhost", "127.0.0.1")
        client = ProtocolClient(url.replace("http", "ws") + "_porch/ws", hello={"query": {query: ["1"]}})
        client.until_finished(timeout=15, status="error")
        assert f"on_script_error {reported}" in events(tmp_path)
        assert "Something went wrong (custom)" in client.texts()  # shown by the handler, in the run
        assert "exception" not in all_kinds(client)  # the handler returned True: Porch does not show the exception
        client.close()


#: The handler of a launcher whose sessions run in processes of their own: it says what it was given, and where.
PROCESS_HANDLER = '''
def on_script_error(exc):
    import os, traceback
    shown = "".join(traceback.format_exception(exc))
    event(f"on_script_error {type(exc).__name__}: {exc} | launcher's process: {os.getpid() == LAUNCHER_PID} | "
          f"cause: {type(exc.__cause__).__name__} | traceback from the script: {'streamlit_app.py' in shown}")
    return True


LAUNCHER_PID = __import__("os").getpid()
'''


def test_on_script_error_is_called_in_the_launchers_process_for_sessions_in_processes_of_their_own(
        tmp_path: Path) -> None:
    start = LAUNCHER.index("def on_script_error(exc):")
    end = LAUNCHER.index("mounted = Starlette(")
    launcher = write_launcher(tmp_path, LAUNCHER[:start] + PROCESS_HANDLER.lstrip() + "\n\n" + LAUNCHER[end:])
    with headless(tmp_path, launcher, "--isolation", "process") as porch:
        url = porch.local_url().replace("localhost", "127.0.0.1")
        for query, reported in [
            ("fail", "ValueError: the script failed on purpose"),  # its class, rebuilt from its module
            ("fragment_fail", "KeyError: 'the fragment failed on purpose'"),
            ("own_fail", "RemoteScriptError: OwnError: a class of the script's own"),  # the launcher has no OwnError
        ]:
            client = ProtocolClient(url.replace("http", "ws") + "_porch/ws", hello={"query": {query: ["1"]}},
                                    first_frame_timeout=30)
            client.until_finished(timeout=30, status="error")
            assert (f"on_script_error {reported} | launcher's process: True | cause: RemoteTraceback | "
                    "traceback from the script: True") in events(tmp_path)
            assert "exception" not in all_kinds(client)  # the handler returned True, across the processes
            client.close()
        assert "is not called for sessions in processes of their own" not in porch.log()


def test_a_handler_that_returns_nothing_leaves_the_exception_shown(tmp_path: Path) -> None:
    launcher = write_launcher(tmp_path, LAUNCHER.replace("    return True\n", "    return None\n"))
    with headless(tmp_path, launcher) as porch:
        url = porch.local_url().replace("localhost", "127.0.0.1")
        client = ProtocolClient(url.replace("http", "ws") + "_porch/ws", hello={"query": {"fail": ["1"]}})
        client.until_finished(timeout=15, status="error")
        assert "exception" in all_kinds(client) and "Something went wrong (custom)" in client.texts()
        client.close()


def test_app_run_serves_the_app_on_the_port_its_config_names(tmp_path: Path) -> None:
    launcher = write_launcher(tmp_path, LAUNCHER.replace("import streamlit as st", "import porch as st"))
    port = free_port()
    process = subprocess.Popen([sys.executable, str(launcher)], cwd=tmp_path / "ui", stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=clean_env(tmp_path, LAUNCHER_PORT=str(port)))
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until(lambda: _answers(url + "_porch/health"))
        assert json.loads(fetch(url + "api/data")[2])["state"] == {"ready": True}
        client = ProtocolClient(f"ws://127.0.0.1:{port}/_porch/ws")
        client.until_finished(timeout=15)
        assert "Launched" in client.texts()  # the script beside the launcher (ui/), not one in the working folder
        client.close()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=15)
        assert process.returncode == 0, output
        assert f"http://127.0.0.1:{port}/" in output  # headless: it printed its address
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
    assert events(tmp_path) == ["start", "run", "stop"]


def _answers(url: str) -> bool:
    try:
        return fetch(url)[0] == 200
    except OSError:
        return False


def test_a_plain_app_is_not_taken_for_a_launcher_and_never_runs_at_launch(tmp_path: Path) -> None:
    script = tmp_path / "plain_app.py"
    script.write_text(
        "import streamlit as st\nfrom pathlib import Path\n\n"
        "Path(__file__).with_name('ran.txt').write_text('ran')\n"
        "st.title('Plain')\n\n"
        "def later():\n    return st.App('other.py')  # not at module level: not a launcher\n"
    )
    with headless(tmp_path, script) as porch:
        url = porch.local_url().replace("localhost", "127.0.0.1")
        assert fetch(url + "_porch/health")[0] == 200
        assert not (tmp_path / "ran.txt").exists()  # launched without running it
        client = ProtocolClient(url.replace("http", "ws") + "_porch/ws")
        client.until_finished(timeout=15)
        assert "Plain" in client.texts() and (tmp_path / "ran.txt").exists()  # a session runs it
        client.close()
    assert "launcher" not in porch.log()


@pytest.mark.parametrize(("source", "expected"), [
    ("import streamlit as st\napp = st.App('a.py')\n", "app"),
    ("import porch\nserver = porch.App('a.py')\n", "server"),
    ("from streamlit import App\nx = App('a.py')\napp = App('b.py')\n", "app"),
    ("from streamlit.starlette import App as A\ntry:\n    streamlit_app: A = A('a.py')\nexcept ImportError:\n"
     "    pass\n", "streamlit_app"),
    ("import streamlit as st\nst.title('plain')\n", None),
    ("from fastapi import FastAPI\napp = FastAPI()\n", None),  # another ASGI app: Porch does not serve those
    ("import mylib as st\napp = st.App('a.py')\n", None),  # an App of another library
    ("import streamlit as st\nif __name__ == '__main__':\n    app = st.App('a.py')\n", None),
    ("import streamlit as st\ndef make():\n    app = st.App('a.py')\n", None),
    ("this is not python(", None),
])
def test_a_launcher_is_told_from_an_app_script_by_reading_it(source: str, expected: str | None) -> None:
    assert app_variable(source) == expected


def test_the_app_refuses_what_streamlit_refuses() -> None:
    with pytest.raises(TypeError, match="Unsupported type 'object' at 'db.host'"):
        porch.App("a.py", secrets={"db": {"host": object()}})
    with pytest.raises(TypeError, match="secrets must be a mapping"):
        porch.App("a.py", secrets=[("a", 1)])  # type: ignore[arg-type]
    app = porch.App("a.py", secrets={"key": "value"})
    assert app.script_path == Path("a.py") and app.state == {}


def test_app_run_inside_the_apps_own_script_is_an_error_not_a_second_server() -> None:
    """A launcher that is its own script (``App(__file__)``) runs its main guard in every run, since a script runs as
    ``__main__``: Streamlit warns against it; here the run shows an error instead of starting a server."""
    at = AppTest.from_string("import porch as st\napp = st.App(__file__)\nif __name__ == '__main__':\n    app.run()\n")
    at.run()
    assert "keep the launcher in a module of its own" in at.exception[0].message


def test_the_browser_shell_serves_a_launcher_and_its_routes_behind_the_launch_secret(tmp_path: Path) -> None:
    launcher = write_launcher(tmp_path)
    record = tmp_path / "opened.txt"
    command = tmp_path / "fake-browser"
    command.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{record}"\n')
    command.chmod(command.stat().st_mode | stat.S_IEXEC)
    with Porch("run", str(launcher), "--browser", env=clean_env(tmp_path, BROWSER=str(command))) as porch:
        porch.wait_for(r"Open: http://127\.0\.0\.1:\d+/\?token=")
        wait_until(lambda: record.exists() and record.read_text() != "")
        launch_url = record.read_text()
        base = launch_url.split("?")[0]
        assert fetch(base + "api/data")[0] == 403  # no secret: refused, as the page is
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(launch_url, timeout=10) as page:  # the launch link trades its token for the secret's cookie
            assert page.status == 200 and b"<title>streamlit_app</title>" in page.read()
        with opener.open(base + "api/data", timeout=10) as answer:
            assert json.loads(answer.read())["state"] == {"ready": True}
        porch.signal(signal.SIGINT)
        assert porch.wait(15) == 0
    assert events(tmp_path)[0] == "start" and events(tmp_path)[-1] == "stop"


@pytest.mark.desktop
@pytest.mark.slow
def test_the_desktop_shell_serves_a_launcher_and_its_routes_behind_the_window_secret(tmp_path: Path,
                                                                                     display: str) -> None:
    launcher = write_launcher(tmp_path)
    driver = Path(__file__).parent / "desktop" / "window_driver.py"
    process = subprocess.run(
        [sys.executable, str(driver), "launcher", str(launcher)], capture_output=True, text=True, timeout=60,
        env=clean_env(tmp_path, DISPLAY=display, QTWEBENGINE_DISABLE_SANDBOX="1"),
    )
    reports = {e["event"]: e for e in (json.loads(line) for line in process.stdout.splitlines() if line[:1] == "{")}
    assert "error" not in reports and "ready" in reports, process.stdout + process.stderr
    ready = reports["ready"]
    assert (ready["run"], ready["heading"]) == ("finished", "Launched")  # the App's script, in the window
    assert ready["api"]["state"] == {"ready": True}  # the route answers the window, which holds the secret
    assert ready["outside"] == 403  # ... and nothing else
    assert process.returncode == 0, process.stderr
    assert events(tmp_path)[0] == "start" and events(tmp_path)[-1] == "stop"
