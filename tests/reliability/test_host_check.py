"""The Host allow-list (DNS rebinding) in headless mode, one mechanism with the desktop's loopback check; and the
headers every answer carries, unknown routes and refusals included."""

from __future__ import annotations

import http.client
import json
import socket
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

from engine_harness import running_engine
from porch.security import AccessPolicy, default_allowed_hosts
from shell_harness import APPS, Porch, clean_env

APP = str(APPS / "shell_app.py")


def get(port: int, path: str = "/", host: str | None = None, **headers: str) -> tuple[int, http.client.HTTPMessage, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        extra = {name.replace("_", "-"): value for name, value in headers.items()}
        connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}", **extra})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def websocket_status(port: int, host: str, origin: str) -> int:
    """The status a WebSocket handshake naming ``host`` from a page of ``origin`` gets (101: opened)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        with connect(f"ws://{host}/_porch/ws", sock=sock, origin=Origin(origin), open_timeout=5) as ws:
            ws.send(json.dumps({"type": "hello", "protocol": 1}))
            assert json.loads(ws.recv(timeout=10))[0]["type"] == "session"
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code
    finally:
        sock.close()


def test_headless_answers_only_to_the_names_it_was_started_with(tmp_path: Path) -> None:
    """A page at an attacker's name that resolves to the server (DNS rebinding) names that Host, and its own origin:
    it got the WebSocket. Now the Host must be one of the server's names, or an IP address."""
    with Porch("run", APP, "--headless", "--host", "127.0.0.1", "--port", "0", env=clean_env(tmp_path)) as porch:
        port = int(porch.local_url().rsplit(":", 1)[1].strip("/"))
        status, headers, body = get(port, host=f"rebind.evil.example:{port}")
        assert status == 403
        assert "does not answer to the name 'rebind.evil.example'" in body
        assert "--allowed-host rebind.evil.example" in body and "proxy_set_header Host $http_host" in body
        assert headers["X-Content-Type-Options"] == "nosniff" and "Server" not in headers
        assert websocket_status(port, f"rebind.evil.example:{port}", f"http://rebind.evil.example:{port}") == 403
        assert get(port, "/_porch/health", host=f"rebind.evil.example:{port}")[0] == 403
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", "10.20.30.40", f"[::1]:{port}"):
            assert get(port, host=host)[0] == 200, host
        assert websocket_status(port, f"localhost:{port}", f"http://localhost:{port}") == 101
        get(port, host="rebind.evil.example")
        assert porch.log().count("refused requests for the host 'rebind.evil.example'") == 1  # once, not per request


def test_allowed_host_adds_names_and_a_star_allows_any(tmp_path: Path) -> None:
    with Porch("run", APP, "--headless", "--host", "127.0.0.1", "--port", "0", "--allowed-host", "app.example.com",
               "--allowed-host", ".corp.example", env=clean_env(tmp_path)) as porch:
        port = int(porch.local_url().rsplit(":", 1)[1].strip("/"))
        assert websocket_status(port, "app.example.com", "http://app.example.com") == 101
        assert get(port, host="APP.example.com.:443")[0] == 200
        assert get(port, host="corp.example")[0] == 200 and get(port, host="wiki.corp.example")[0] == 200
        assert get(port, host="localhost")[0] == 403  # the list given replaces the default names
        assert get(port, host="evilcorp.example")[0] == 403
    with Porch("run", APP, "--headless", "--host", "127.0.0.1", "--port", "0", env=clean_env(tmp_path,
               PORCH_ALLOWED_HOSTS="*")) as porch:
        port = int(porch.local_url().rsplit(":", 1)[1].strip("/"))
        assert get(port, host="anything.example")[0] == 200


def test_on_every_interface_the_machines_own_name_is_allowed() -> None:
    names = default_allowed_hosts("0.0.0.0")
    hostname = socket.gethostname().lower()
    assert {"localhost", hostname, hostname.split(".")[0] + ".local"} <= names
    assert default_allowed_hosts("app.internal") == {"localhost", "app.internal"}


def test_behind_a_trusted_proxy_the_forwarded_host_must_be_allowed_too() -> None:
    access = AccessPolicy(allowed_hosts=frozenset({"app.example.com"}), trust_forwarded_host=True)
    with running_engine("import porch as st\nst.write('hi')\n", behind_proxy=True, access=access) as server:
        assert get(server.port, X_Forwarded_Host="app.example.com")[0] == 200
        status, _, body = get(server.port, X_Forwarded_Host="rebind.evil.example")
        assert status == 403 and "'rebind.evil.example'" in body


def test_desktop_loopback_mode_is_the_same_check() -> None:
    with running_engine("import porch as st\nst.write('hi')\n", access=AccessPolicy(loopback_only=True)) as server:
        status, headers, body = get(server.port, host="rebind.evil.example")
        assert status == 403 and "answers only to a loopback name" in body
        assert "Server" not in headers
        assert get(server.port, host="10.20.30.40")[0] == 403  # loopback mode: an outside address is refused too
        assert get(server.port, host=f"localhost:{server.port}")[0] == 200


@pytest.mark.parametrize(
    ("path", "status"),
    [("/_porch/nothing-here", 404), ("/a/b/c", 404), ("/_porch/static/missing.js", 404), ("/_porch/ws", 400)],
)
def test_every_answer_carries_the_security_headers_and_no_server_header(path: str, status: int) -> None:
    with running_engine("import porch as st\nst.write('hi')\n") as server:
        got, headers, _ = get(server.port, path)
        assert got == status
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Server" not in headers, headers["Server"]


def test_paths_outside_the_base_path_and_refused_websockets_carry_them_too() -> None:
    with running_engine("import porch as st\nst.write('hi')\n", base_path="/app") as server:
        got, headers, _ = get(server.port, "/elsewhere")
        assert got == 404 and "Server" not in headers and headers["X-Content-Type-Options"] == "nosniff"
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://127.0.0.1:{server.port}/app/_porch/ws", origin=Origin("http://evil.example"), open_timeout=5)
        response_headers = refused.value.response.headers
        assert refused.value.response.status_code == 403
        assert "Server" not in response_headers and response_headers["X-Content-Type-Options"] == "nosniff"
