"""``porch.App``'s ``middleware``, ``exception_handlers`` and ``debug`` around every request, Porch's own endpoints
included, as Streamlit 1.67's ``st.App`` puts its user middleware before its own endpoints: one stack, the same
under ``uvicorn launcher:app`` and under ``porch run launcher.py`` (``porch.http.asgi_front``).

Each test runs a real server (uvicorn in a process of its own, or ``porch run --headless``) on a launcher whose
first middleware refuses every request without a key (a header, or a cookie for the browser) and whose second
stamps every answer; Porch's own checks (Host, XSRF) must still hold inside the stack.
"""

from __future__ import annotations

import http.client
import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

from engine_harness import ProtocolClient
from shell_harness import Porch, clean_env
from test_app_asgi import Served, widget_url

SCRIPT = '''
import porch as st
st.title("Guarded")
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Add"):
    st.session_state.n += 1
st.write(f"count={st.session_state.n}")
st.download_button("Get", b"guarded media", file_name="guarded.txt")
'''

LAUNCHER = '''
import os
from contextlib import asynccontextmanager

import porch as st
from starlette.middleware import Middleware
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route
from starlette.websockets import WebSocket


class RequireKey:
    """Every request needs the key: an X-Key header, or a key cookie (a browser)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        if headers.get(b"x-key") != b"open" and b"key=open" not in headers.get(b"cookie", b""):
            refusal = PlainTextResponse("no key", status_code=401)
            if scope["type"] == "http":
                await refusal(scope, receive, send)
            else:
                await WebSocket(scope, receive, send).send_denial_response(refusal)
            return
        scope.setdefault("state", {})["user"] = "keyholder"
        await self.app(scope, receive, send)


class Stamp:
    """Every answer that passes the key gets X-Stamp."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def stamped(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-stamp", b"stack")]}
            await send(message)

        await self.app(scope, receive, stamped if scope["type"] == "http" else send)


class ApiError(Exception):
    pass


async def who(request):
    return JSONResponse({"user": request.state.user, "ready": request.state.ready})


async def fail(request):
    raise ApiError("bad input")


async def crash(request):
    raise RuntimeError("the route crashed on purpose")


async def api_error(request, exc):
    return JSONResponse({"error": str(exc)}, status_code=418)


@asynccontextmanager
async def lifespan(app):
    yield {"ready": True}


async def not_found(request, exc):
    return PlainTextResponse(f"custom {exc.status_code}: {exc.detail}", status_code=404)


async def missing(request):
    return PlainTextResponse("the route's own 404", status_code=404)


app = st.App(
    "streamlit_app.py",
    routes=[Route("/api/who", who), Route("/api/fail", fail), Route("/api/crash", crash),
            Route("/api/missing", missing)],
    middleware=[Middleware(RequireKey), Middleware(Stamp)],
    exception_handlers={ApiError: api_error, 404: not_found},
    debug=os.environ.get("LAUNCH_DEBUG") == "1",
    lifespan=lifespan,
)
'''

KEY = {"X-Key": "open"}


class Server:
    """Either server, as the tests speak to it: its address, and one request at a time."""

    def __init__(self, url: str, output: Callable[[], str]) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.output = output

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}/_porch/ws"

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=15)
        try:
            connection.request(method, "/" + path, body=body, headers=headers or {})
            response = connection.getresponse()
            got = {name.lower(): value for name, value in response.getheaders()}
            return response.status, got, response.read()
        finally:
            connection.close()


def write_launcher(folder: Path) -> Path:
    (folder / "streamlit_app.py").write_text(SCRIPT)
    launcher = folder / "launcher.py"
    launcher.write_text(LAUNCHER)
    return launcher


@contextmanager
def serving(tmp_path: Path, by: str, *, debug: bool = False) -> Iterator[Server]:
    """The launcher served by ``by`` (``uvicorn`` or ``porch run``), with ``debug`` given to the App."""
    launcher = write_launcher(tmp_path)
    env = {**clean_env(tmp_path), "LAUNCH_DEBUG": "1" if debug else "0"}
    if by == "uvicorn":
        served = Served(tmp_path, "launcher:app", env=env, ready_headers=KEY)
        try:
            served.wait_ready()
            yield Server(f"http://127.0.0.1:{served.port}/", served.output)
        finally:
            if served.process.poll() is None:
                served.process.kill()
                served.process.wait(timeout=30)
            served.close()
    else:
        with Porch("run", str(launcher), "--headless", "--host", "127.0.0.1", "--port", "0", "--drain-grace", "0",
                   env=env) as porch:
            yield Server(porch.local_url().replace("localhost", "127.0.0.1"), porch.log)


SERVERS = pytest.mark.parametrize("by", ["uvicorn", "porch run"])


def wait_for_output(server: Server, text: str, timeout: float = 30.0) -> None:
    """Wait (with a generous deadline) for ``text`` in the server's log: it may be written after the answer."""
    deadline = time.monotonic() + timeout
    while text not in server.output():
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not in the log:\n{server.output()}")
        time.sleep(0.05)


def session(server: Server, **headers: str) -> ProtocolClient:
    client = ProtocolClient(server.ws_url, first_frame_timeout=30, additional_headers={**KEY, **headers})
    client.until_finished(timeout=30)
    return client


@SERVERS
def test_a_middleware_guards_the_page_its_files_the_session_socket_media_and_the_routes(tmp_path: Path,
                                                                                        by: str) -> None:
    with serving(tmp_path, by) as server:
        # With the key: Porch's page, as Porch makes it, seen (and stamped) by the middleware on its way out.
        status, headers, page = server.request("GET", "", KEY)
        assert status == 200 and b"<title>streamlit_app</title>" in page, page[:500]
        assert headers["x-stamp"] == "stack" and "content-security-policy" in headers
        assert headers["x-content-type-options"] == "nosniff"
        asset = re.search(rb'src="(_porch/static/[^"]+\.js)"', page)
        assert asset, page[:2000]
        status, headers, body = server.request("GET", asset.group(1).decode(), KEY)
        assert status == 200 and body and headers["x-stamp"] == "stack"
        client = session(server)
        try:
            assert "count=0" in client.texts()
            add = client.widget("button", "Add")
            client.send({"type": "rerun", "widgets": {add: True}, "trigger": add})
            client.until(lambda m: m["type"] == "run" and m["state"] == "finished" and "count=1" in client.texts(),
                         timeout=30)
            media = widget_url(client, "download_button")
            assert server.request("GET", media, KEY)[0::2] == (200, b"guarded media")
            # The App's route reads what the middleware put in the request's state, beside the lifespan's.
            status, headers, body = server.request("GET", "api/who", KEY)
            assert (status, json.loads(body)) == (200, {"user": "keyholder", "ready": True})
            assert headers["x-stamp"] == "stack"

            # Without it: refused by the middleware, whatever the endpoint (before the stamp: the first runs first).
            for path in ("", asset.group(1).decode(), media, "_porch/health", "api/who", "some/page"):
                status, headers, body = server.request("GET", path)
                assert (status, body) == (401, b"no key"), path
                assert "x-stamp" not in headers, path
            with pytest.raises(InvalidStatus) as refused:
                connect(server.ws_url, open_timeout=10)
            assert refused.value.response.status_code == 401 and refused.value.response.body == b"no key"
            status, _, body = server.request("PUT", f"_porch/upload/{client.session_id}/w", {}, b"data")
            assert (status, body) == (401, b"no key")
        finally:
            client.close()

        # Porch's own checks are still inside: the middleware adds one, it takes none away.
        assert server.request("GET", "", {**KEY, "Host": "evil.example"})[0] == 403
        assert server.request("GET", "api/who", {**KEY, "Host": "evil.example"})[0] == 403
        with pytest.raises(InvalidStatus) as refused:
            connect(server.ws_url, open_timeout=10, origin=Origin("http://evil.example"), additional_headers=KEY)
        assert refused.value.response.status_code == 403
        status, _, _ = server.request("PUT", "_porch/upload/s/w", {**KEY, "Content-Type": "text/plain"}, b"data")
        assert status == 403  # no XSRF token
        status, _, body = server.request("POST", "", KEY, b"x" * (64 * 1024 + 1))
        assert status == 413 and b"max_upload_mb" in body


@SERVERS
def test_the_exception_handlers_answer_what_a_route_raises_and_debug_is_off(tmp_path: Path, by: str) -> None:
    with serving(tmp_path, by) as server:
        status, headers, body = server.request("GET", "api/fail", KEY)
        assert (status, json.loads(body)) == (418, {"error": "bad input"})
        assert headers["x-stamp"] == "stack"  # the handler's answer passes the middleware on its way out
        status, _, body = server.request("GET", "api/crash", KEY)
        assert (status, body) == (500, b"Internal Server Error")  # Starlette's, without debug
        # An error answer of Porch's own endpoints goes to the handler of its status, as Streamlit's endpoints raise
        # theirs (HTTPException); a route's own answer with that status stays the route's.
        for path in ("_porch/static/nothing.js", "_porch/media/nothing", "no/such/page"):
            status, headers, body = server.request("GET", path, KEY)
            assert (status, body) == (404, b"custom 404: 404 Not Found"), path
            assert headers["x-stamp"] == "stack"
        assert server.request("GET", "api/missing", KEY)[0::2] == (404, b"the route's own 404")
        wait_for_output(server, "RuntimeError: the route crashed on purpose")  # logged by the server
        assert server.output().count("RuntimeError: the route crashed on purpose") == 1


@SERVERS
def test_debug_answers_a_routes_error_with_its_traceback_as_starlette_does(tmp_path: Path, by: str) -> None:
    with serving(tmp_path, by, debug=True) as server:
        status, headers, body = server.request("GET", "api/crash", KEY)
        assert status == 500 and headers["content-type"].startswith("text/plain")
        assert b"Traceback" in body and b"RuntimeError: the route crashed on purpose" in body
        status, headers, body = server.request("GET", "api/crash", {**KEY, "Accept": "text/html"})
        assert status == 500 and headers["content-type"].startswith("text/html")
        assert b"the route crashed on purpose" in body
        assert server.request("GET", "", KEY)[0] == 200  # Porch's page is as without debug


@pytest.mark.browser
@SERVERS
def test_the_page_behind_a_middleware_loads_and_round_trips_in_chromium(tmp_path: Path, context: Any,
                                                                         by: str) -> None:
    from playwright.sync_api import expect

    with serving(tmp_path, by) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("no key")).to_be_visible()
        context.add_cookies([{"name": "key", "value": "open", "url": server.url}])
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url)
        expect(page.get_by_role("heading", name="Guarded")).to_be_visible()
        page.get_by_role("button", name="Add").click()
        expect(page.get_by_text("count=1")).to_be_visible()
        assert errors == []
        page.close()
