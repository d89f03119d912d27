"""Budgets summed over sessions and per client: upload bytes in flight and held, sessions per client address, room
made by abandoned sessions; the media's temporary files gone however the server stops; the limits in
``porch config show``."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from engine_harness import ProtocolClient, running_engine
from porch.shell.serve import StopSignals
from shell_harness import Porch, clean_env

UPLOAD_APP = "import porch as st\nfiles = st.file_uploader('Files', accept_multiple_files=True)\nst.write(len(files))\n"
MB = 1024 * 1024


def open_upload(port: int, client: ProtocolClient, widget: str, size: int) -> http.client.HTTPConnection:
    """Start an upload of ``size`` bytes as the page does (session token, file name, XSRF cookie and header), without
    its body yet."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("PUT", f"/_porch/upload/{client.session_id}/{widget}")
    xsrf = "x" * 32
    for name, value in (
        ("Content-Length", str(size)), ("Content-Type", "application/octet-stream"),
        ("X-Porch-Session-Token", client.token), ("X-Porch-File-Name", "data.bin"),
        ("Cookie", f"_xsrf={xsrf}"), ("X-XSRFToken", xsrf),
    ):
        connection.putheader(name, value)
    connection.endheaders()
    return connection


def upload(port: int, client: ProtocolClient, widget: str, size: int) -> tuple[int, str]:
    """A whole upload of ``size`` bytes: the status and body of the answer."""
    connection = open_upload(port, client, widget, size)
    try:
        connection.send(b"u" * size)
        response = connection.getresponse()
        return response.status, response.read().decode()
    except (BrokenPipeError, ConnectionResetError):  # refused before the body was read: the answer is there
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def refused(url: str, **connect_args: Any) -> tuple[str, int, str]:
    """A hello the server refuses a session: the ``session_limit`` error's message, then the close code and reason."""
    with connect(url, open_timeout=5, **connect_args) as ws:
        ws.send(json.dumps({"type": "hello", "protocol": 1}))
        (error,) = json.loads(ws.recv(timeout=10))
        assert (error["type"], error["code"]) == ("error", "session_limit")
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
    assert closed.value.rcvd is not None
    return error["message"], closed.value.rcvd.code, closed.value.rcvd.reason


def session_with_uploader(url: str) -> tuple[ProtocolClient, str]:
    client = ProtocolClient(url)
    client.until_finished()
    return client, client.widget("file_uploader")


def test_upload_bytes_in_flight_are_bounded_over_all_sessions() -> None:
    """Ten sessions uploading at once took 1 GB in 4 s: every session within its own bound, nothing bounding the sum.
    Now an upload beyond the bytes all sessions are receiving at once is refused, naming the setting."""
    with running_engine(UPLOAD_APP, max_upload_bytes=MB, uploads_in_flight_bytes=MB + MB // 2,
                        uploads_held_bytes=8 * MB) as server:
        (first, first_widget), (second, second_widget) = (session_with_uploader(server.ws_url) for _ in range(2))
        slow = open_upload(server.port, first, first_widget, MB)
        try:
            slow.send(b"u" * 1000)  # a megabyte announced, a kilobyte sent: the megabyte is in flight
            budget = server.engine.sessions.upload_budget
            deadline = time.monotonic() + 10
            while server.call(lambda: budget.in_flight) != MB and time.monotonic() < deadline:
                time.sleep(0.01)
            status, body = upload(server.port, second, second_widget, MB // 2 + 1)
            assert status == 503
            assert "receiving its limit of 1.5 MB of uploads at once (uploads_in_flight_mb)" in body
            slow.send(b"u" * (MB - 1000))
            assert slow.getresponse().status == 201
        finally:
            slow.close()
        assert upload(server.port, second, second_widget, MB // 2 + 1)[0] == 201  # the bytes arrived: room again


def test_upload_bytes_held_are_bounded_over_all_sessions_and_freed_with_the_files() -> None:
    with running_engine(UPLOAD_APP, max_upload_bytes=MB, uploads_in_flight_bytes=MB,
                        uploads_held_bytes=2 * MB + MB // 2) as server:
        sessions = [session_with_uploader(server.ws_url) for _ in range(3)]
        (first, widget1), (second, widget2), (third, widget3) = sessions
        assert upload(server.port, first, widget1, MB)[0] == 201
        assert upload(server.port, second, widget2, MB)[0] == 201
        status, body = upload(server.port, third, widget3, MB)
        assert status == 503
        assert "holds its limit of 2.5 MB of uploaded files (uploads_held_mb)" in body
        assert upload(server.port, third, widget3, MB // 4)[0] == 201  # what fits still does
        first.close()
        server.call(lambda: server.engine.sessions.close(server.engine.sessions.get(first.session_id)))  # type: ignore[arg-type]
        assert upload(server.port, third, widget3, MB)[0] == 201  # a closed session's files gave their bytes back
        assert server.call(lambda: server.engine.sessions.upload_budget.held) == MB + MB + MB // 4


def test_a_body_for_an_endpoint_that_reads_none_is_refused_before_it_is_read() -> None:
    """Only the upload endpoint reads a large body; tornado would otherwise buffer up to the upload limit in memory
    for any request."""
    with running_engine(UPLOAD_APP) as server:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50000000\r\n\r\n" + b"b" * 1000)
            sock.settimeout(30)
            assert sock.recv(100).startswith(b"HTTP/1.1 400")


def test_a_client_at_its_session_bound_is_refused_alone_after_its_disconnected_sessions_made_room() -> None:
    def client_at(address: str) -> ProtocolClient:
        return ProtocolClient(server.ws_url, additional_headers={"X-Forwarded-For": address})

    with running_engine("import porch as st\nst.write('hi')\n", behind_proxy=True, max_sessions_per_client=3,
                        session_ttl=600) as server:
        sessions = server.engine.sessions
        greedy = [client_at("203.0.113.7") for _ in range(3)]
        abandoned = greedy.pop(0)
        abandoned.close()
        deadline = time.monotonic() + 10
        while server.call(lambda: sessions.get(abandoned.session_id).connected) and time.monotonic() < deadline:  # type: ignore[union-attr]
            time.sleep(0.01)
        greedy.append(client_at("203.0.113.7"))  # its own disconnected session made room...
        assert server.call(lambda: sessions.get(abandoned.session_id)) is None
        # ...and with all three connected, a fourth is refused, and told why
        message, code, reason = refused(server.ws_url, additional_headers={"X-Forwarded-For": "203.0.113.7"})
        assert message == "this address holds its maximum of 3 sessions (max_sessions_per_client)"
        assert (code, reason) == (1013, message)
        client_at("198.51.100.9").until_finished()  # another client is served
        client_at("2001:db8::1")
        client_at("2001:db8::2")
        client_at("2001:db8::3")
        assert refused(server.ws_url, additional_headers={"X-Forwarded-For": "2001:db8::4"})[1] == 1013  # one /64
        for _ in range(4):  # loopback: this machine's own user, or a proxy on it hiding the real clients
            ProtocolClient(server.ws_url).until_finished()


def test_sessions_opened_and_abandoned_make_room_for_new_visitors_at_capacity() -> None:
    """One client opened and abandoned 10,000 sessions in 20 s and every new visitor was refused for the TTL. At the
    bound, the session disconnected longest now makes room; only connected sessions are ever refused a place."""
    with running_engine("import porch as st\nst.write('hi')\n", max_sessions=5, session_ttl=600) as server:
        sessions = server.engine.sessions
        abandoned = []
        for _ in range(30):
            client = ProtocolClient(server.ws_url)
            abandoned.append(client.session_id)
            client.close()
        deadline = time.monotonic() + 10
        while server.call(lambda: any(s.connected for s in sessions._sessions.values())):
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert server.call(lambda: sorted(sessions._sessions)) == sorted(abandoned[-5:])  # the latest ones kept
        visitors = [ProtocolClient(server.ws_url) for _ in range(5)]
        for visitor in visitors:
            visitor.until_finished()
        assert server.call(lambda: len(sessions)) == 5
        message, code, _ = refused(server.ws_url)  # every session is connected: now a newcomer is refused
        assert code == 1013 and message == "this app is serving its maximum of 5 sessions"


MEDIA_APP = "import porch as st\nst.download_button('Get', data=b'm' * 20000, file_name='m.bin')\n"


def test_a_second_sigterm_leaves_no_media_folder_behind(tmp_path: Path) -> None:
    """The first SIGTERM starts the drain, a second one quits at once (``os._exit``, which runs no finalizer): the
    media store's temporary folder is removed either way."""
    from engine_harness import ProtocolClient as Client

    app = tmp_path / "media_app.py"
    app.write_text(MEDIA_APP)
    temp = tmp_path / "temp"
    temp.mkdir()
    with Porch("run", str(app), "--headless", "--host", "127.0.0.1", "--port", "0", "--drain-grace", "30",
               "--media-memory-mb", "0.001", env=clean_env(tmp_path, TMPDIR=str(temp))) as porch:
        base = porch.local_url()
        client = Client(base.replace("http", "ws", 1) + "_porch/ws")
        try:
            client.until_finished(timeout=20)
            assert [path.name[:12] for path in temp.iterdir()] == ["porch-media-"]  # the download spilled to disk
        finally:
            client.close()
        porch.signal(signal.SIGTERM)
        porch.wait_for("engine draining")
        time.sleep(StopSignals.ECHO_SECONDS + 0.2)  # a second signal, not the echo of the first
        porch.signal(signal.SIGTERM)
        assert porch.wait(20) == 128 + signal.SIGTERM
    assert list(temp.iterdir()) == []


def test_config_show_lists_every_limit_and_where_it_came_from(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "porch.shell.cli", "config", "show", "--max-sessions-per-client", "7",
         "--allowed-host", "app.example.com"],
        env=clean_env(tmp_path, PORCH_HEADER_TIMEOUT="5"), capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = {line.split("=")[0].strip(): line for line in result.stdout.splitlines()}
    assert lines["header_timeout"].endswith("# env PORCH_HEADER_TIMEOUT") and "5.0" in lines["header_timeout"]
    assert lines["max_sessions_per_client"].endswith("# command line") and "7" in lines["max_sessions_per_client"]
    assert '["app.example.com"]' in lines["allowed_hosts"]
    for name in ("body_timeout", "hello_timeout", "ping_interval", "ping_timeout", "max_sessions",
                 "uploads_in_flight_mb", "uploads_held_mb", "max_upload_mb", "media_memory_mb"):
        assert lines[name].endswith("# default"), lines[name]
    assert "# default (here " in lines["max_connections"] and "open-files limit" in lines["max_connections"]


def test_an_upload_budget_below_the_largest_file_is_a_launch_error(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "porch.shell.cli", "run", str(app), "--headless", "--uploads-in-flight-mb", "10"],
        env=clean_env(tmp_path), capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "uploads_in_flight_mb = 10 (command line) is less than max_upload_mb = 200 (default)" in result.stderr
