"""``porch.App`` served by an ASGI server: ``uvicorn launcher:app``, and the App mounted at ``/dash`` in a FastAPI app
with ``lifespan=app.lifespan()``, as Streamlit 1.67's ``st.App`` is served.

Each test starts uvicorn in a process of its own on a socket the test bound first (no port race), waits for the
health check, and speaks to it as a browser and as other programs would: the page and its files, the session socket
(``ProtocolClient``, the protocol's own client), media, an upload, the App's routes and lifespan, and Porch's
refusals (Host, origin, XSRF, sizes), which must hold exactly as under ``porch run``.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

from engine_harness import ProtocolClient
from shell_harness import clean_env

SCRIPT = '''
import porch as st
st.title("Served")
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Add"):
    st.session_state.n += 1
st.write(f"count={st.session_state.n}")
st.download_button("Get", b"hello media", file_name="hello.txt")
f = st.file_uploader("Data", key="data")
st.text("none" if f is None else f"{f.name}|{f.size}|{f.read()[:3].decode()}")
'''

LAUNCHER = '''
from contextlib import asynccontextmanager
from pathlib import Path

import porch as st
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute

EVENTS = Path(__file__).with_name("events.txt")


def event(name):
    with EVENTS.open("a") as events:
        events.write(name + "\\n")


async def data(request):
    return JSONResponse({"state": dict(app.state), "seen": request.state.ready, "path": request.url.path,
                         "root_path": request.scope.get("root_path")})


async def echo(websocket):
    await websocket.accept()
    await websocket.send_text("echo: " + await websocket.receive_text())
    await websocket.close()


@asynccontextmanager
async def lifespan(app):
    event("start")
    yield {"ready": True}
    event("stop")


app = st.App("ui/app.py", routes=[Route("/api/data", data), WebSocketRoute("/api/socket", echo)], lifespan=lifespan)
'''

FASTAPI_MAIN = '''
from fastapi import FastAPI

from launcher import app as dashboard

api = FastAPI(lifespan=dashboard.lifespan())


@api.get("/api/ping")
def ping():
    return {"pong": True}


api.mount("/dash", dashboard)
'''

#: Runs uvicorn on the socket the test bound (its descriptor), as ``uvicorn <target>`` would.
RUNNER = '''
import socket, sys
sys.path.insert(0, ".")
import uvicorn
config = uvicorn.Config(sys.argv[1], log_level="info", lifespan="on")
uvicorn.Server(config).run(sockets=[socket.socket(fileno=int(sys.argv[2]))])
'''


class Served:
    """uvicorn serving a target (``launcher:app``, ``main:api``) from ``folder``; the App at ``base``."""

    def __init__(self, folder: Path, target: str, base: str = "", server: str = "uvicorn", *,
                 env: dict[str, str] | None = None, ready_headers: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.base = base
        #: Headers the health check needs (an App's middleware may ask for a key).
        self.ready_headers = ready_headers or {}
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.log = folder / "server.log"
        self._log_file = self.log.open("wb")
        fd = self.listener.fileno()
        command = ([sys.executable, "-c", RUNNER, target, str(fd)] if server == "uvicorn" else
                   [sys.executable, "-m", "hypercorn", target, "--bind", f"fd://{fd}"])
        self.process = subprocess.Popen(
            command,
            cwd=folder, pass_fds=[self.listener.fileno()], stdout=self._log_file, stderr=subprocess.STDOUT,
            env=env or clean_env(folder),
        )
        self.listener.close()  # the server holds its copy

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base}/"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{self.base}/_porch/ws"

    def wait_ready(self, deadline: float = 60.0) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise AssertionError(f"uvicorn exited ({self.process.returncode}):\n{self.output()}")
            try:
                if self.request("GET", "_porch/health", headers=self.ready_headers)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"uvicorn did not answer within {deadline} s:\n{self.output()}")

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, *, base: bool = True) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            target = (self.base + "/" if base else "/") + path
            connection.request(method, target, body=body, headers=headers or {})
            response = connection.getresponse()
            got: dict[str, str] = {}
            for name, value in response.getheaders():  # a header sent twice shows as one "a, b"
                got[name.lower()] = f"{got[name.lower()]}, {value}" if name.lower() in got else value
            return response.status, got, response.read()
        finally:
            connection.close()

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        finally:
            self._log_file.close()

    def close(self) -> None:
        self._log_file.close()

    def output(self) -> str:
        if not self._log_file.closed:
            self._log_file.flush()
        return self.log.read_text(errors="replace")


def write_app(folder: Path, *, fastapi: bool = False) -> None:
    (folder / "ui").mkdir()
    (folder / "ui" / "app.py").write_text(SCRIPT)
    (folder / "launcher.py").write_text(LAUNCHER)
    if fastapi:
        (folder / "main.py").write_text(FASTAPI_MAIN)


@contextmanager
def served(tmp_path: Path, *, mounted: bool = False, by: str = "uvicorn") -> Iterator[Served]:
    write_app(tmp_path, fastapi=mounted)
    server = Served(tmp_path, "main:api" if mounted else "launcher:app", "/dash" if mounted else "", by)
    try:
        server.wait_ready()
        yield server
    finally:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(timeout=30)
        server.close()


def events(folder: Path) -> list[str]:
    file = folder / "events.txt"
    return file.read_text().splitlines() if file.exists() else []


def widget_url(client: ProtocolClient, kind: str) -> str:
    found: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if child.kind == kind:
                found.append(str(child.props["url"]))
            walk(child)

    for root in client.view.tree.roots:
        walk(root)
    return found[0]


def xsrf_of(server: Served) -> str:
    _, headers, _ = server.request("GET", "")
    match = re.search(r"_xsrf=([^;]+)", headers.get("set-cookie", ""))
    assert match, headers
    return match.group(1)


@pytest.mark.parametrize(("by", "mounted"), [("uvicorn", False), ("uvicorn", True), ("hypercorn", False)],
                         ids=["uvicorn launcher:app", "mounted at /dash in FastAPI", "hypercorn launcher:app"])
def test_the_whole_app_is_served_through_an_asgi_server(tmp_path: Path, by: str, mounted: bool) -> None:
    with served(tmp_path, mounted=mounted, by=by) as server:
        # The page, under the mount's path: its base is where its files, socket, media and uploads are found.
        status, headers, page = server.request("GET", "")
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert f'<base href="{server.base}/">'.encode() in page
        assert headers["x-content-type-options"] == "nosniff" and "content-security-policy" in headers
        assert headers["date"].count("GMT") == 1, "the server's Date only"
        script = re.search(rb'src="(_porch/static/[^"]+\.js)"', page)
        assert script, page[:2000]
        status, _, body = server.request("GET", script.group(1).decode())
        assert status == 200 and body
        # The App's route, with the lifespan's state; beside it (mounted) the FastAPI app's own route.
        status, _, body = server.request("GET", "api/data")
        assert status == 200, body
        data = json.loads(body)
        assert data["state"] == {"ready": True} and data["seen"] is True
        assert data["path"] == f"{server.base}/api/data" and data["root_path"] == server.base
        if mounted:
            assert server.request("GET", "api/ping", base=False)[2] == b'{"pong":true}'
        with connect(f"ws://127.0.0.1:{server.port}{server.base}/api/socket", open_timeout=10) as ws:
            ws.send("hi")
            assert ws.recv(timeout=10) == "echo: hi"
        # A session: the first run, a click round trip, media by URL, an upload with its XSRF token.
        client = ProtocolClient(server.ws_url, first_frame_timeout=30)
        try:
            client.until_finished(timeout=30)
            assert "count=0" in client.texts()
            client.send({"type": "rerun", "widgets": {client.widget("button", "Add"): True},
                         "trigger": client.widget("button", "Add")})
            client.until(lambda m: m["type"] == "run" and m["state"] == "finished" and "count=1" in client.texts(),
                         timeout=30)
            status, _, media = server.request("GET", widget_url(client, "download_button"))
            assert (status, media) == (200, b"hello media")
            xsrf = xsrf_of(server)
            upload = f"_porch/upload/{quote(client.session_id, safe='')}/{quote(client.widget('file_uploader'))}"
            upload_headers = {"Cookie": f"_xsrf={xsrf}", "X-XSRFToken": xsrf, "X-Porch-Session-Token": client.token,
                              "Content-Type": "text/plain", "X-Porch-File-Name": "notes.txt"}
            # Larger than a plain request's body may be: the upload endpoint raises the limit for its own.
            status, _, body = server.request("PUT", upload, b"a,b\n" + b"x" * 100_000, upload_headers)
            assert status == 201, body
            file_id = json.loads(body)["file_id"]
            client.send({"type": "rerun", "widgets": {client.widget("file_uploader"): [file_id]}})
            client.until(lambda m: m["type"] == "run" and m["state"] == "finished"
                         and "notes.txt|100004|a,b" in client.texts(), timeout=30)
        finally:
            client.close()
        assert events(tmp_path) == ["start"]
        # A clean stop: the lifespan left, the sessions closed, the process ends (uvicorn re-raises the SIGTERM it
        # handled once it has shut down, so its status is that signal's or 0).
        assert server.stop() in (0, -signal.SIGTERM), server.output()
        output = server.output()
        assert "engine stopped: sessions=1 closed" in output, output
        assert events(tmp_path) == ["start", "stop"]


def test_porch_refuses_through_uvicorn_what_it_refuses_on_its_own_listener(tmp_path: Path) -> None:
    with served(tmp_path) as server:
        # Another site's page may not open the session socket, nor an App route's socket.
        for path in ("_porch/ws", "api/socket"):
            with pytest.raises(InvalidStatus) as refused:
                connect(f"ws://127.0.0.1:{server.port}/{path}", origin=Origin("http://evil.example"), open_timeout=10)
            assert refused.value.response.status_code == 403
        # A name the server does not answer to, on a page and on the socket.
        assert server.request("GET", "", headers={"Host": "evil.example"})[0] == 403
        with pytest.raises(InvalidStatus) as refused:
            connect("ws://evil.example/_porch/ws", sock=socket.create_connection(("127.0.0.1", server.port)),
                    open_timeout=10)
        assert refused.value.response.status_code == 403
        # A message above the client's limit closes the socket with 1009, as tornado's limit does.
        client = ProtocolClient(server.ws_url, first_frame_timeout=30)
        try:
            client.until_finished(timeout=30)
            client.ws.send("x" * ((1 << 20) + 1))
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    client.ws.recv(timeout=30)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
            assert closed.value.rcvd.reason == "message too big: at most 1048576 bytes"
        finally:
            client.close()
        # A body larger than an endpoint takes is refused from its length, before it is read.
        for _ in range(2):
            status, _, body = server.request("POST", "", b"x" * (64 * 1024 + 1))
            assert status == 413 and b"max_upload_mb" in body
        # An upload without the XSRF token is refused.
        status, _, _ = server.request("PUT", "_porch/upload/s/w", b"data", {"Content-Type": "text/plain"})
        assert status == 403
        assert "refused requests for the host 'evil.example'" in server.output()
        assert server.output().count("a message of 1048577 bytes") == 1
        assert server.output().count("refused a request body above 65536 bytes") == 1


@pytest.mark.browser
@pytest.mark.parametrize("mounted", [False, True], ids=["uvicorn launcher:app", "mounted at /dash in FastAPI"])
def test_the_page_loads_and_a_click_round_trips_in_chromium(tmp_path: Path, context: Any, mounted: bool) -> None:
    from playwright.sync_api import expect

    with served(tmp_path, mounted=mounted) as server:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url)
        expect(page.get_by_role("heading", name="Served")).to_be_visible()
        expect(page.get_by_text("count=0")).to_be_visible()
        for expected in (1, 2):
            page.get_by_role("button", name="Add").click()
            expect(page.get_by_text(f"count={expected}")).to_be_visible()
        assert page.evaluate("new URL('_porch/ws', document.baseURI).pathname") == f"{server.base}/_porch/ws"
        assert errors == []
        page.close()


MOUNT_WITHOUT_LIFESPAN = '''
from starlette.applications import Starlette
from starlette.routing import Mount

from launcher import app as dashboard

api = Starlette(routes=[Mount("/dash", app=dashboard)])
'''


def test_mounted_without_its_lifespan_the_app_starts_with_the_first_request_and_says_so(tmp_path: Path) -> None:
    write_app(tmp_path)
    (tmp_path / "main.py").write_text(MOUNT_WITHOUT_LIFESPAN)
    server = Served(tmp_path, "main:api", "/dash")
    try:
        server.wait_ready()
        status, _, page = server.request("GET", "")
        assert status == 200 and b'<base href="/dash/">' in page
        assert "porch.App got a request before any lifespan started it" in server.output()
        assert "lifespan=app.lifespan()" in server.output()
    finally:
        server.process.kill()
        server.process.wait(timeout=30)
        server.close()
