"""Connections that stall or flood: every phase of a connection has a time bound, and running out of file
descriptors degrades to "not accepting for a while" (one log line), never to an error loop."""

from __future__ import annotations

import base64
import errno
import json
import os
import re
import resource
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from engine_harness import ProtocolClient, running_engine
from porch.http.listener import connection_limit
from shell_harness import APPS, clean_env

APP = str(APPS / "shell_app.py")


class LoggedServer:
    """``porch run --headless`` in a subprocess with a lowered open-files limit; its stderr goes to a file, so the
    test can measure how much it logged."""

    def __init__(self, tmp_path: Path, open_files: int, *flags: str) -> None:
        self.log_path = tmp_path / "server.log"
        self._log = open(self.log_path, "wb")

        def lower_limit() -> None:
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, hard))

        self.process = subprocess.Popen(
            [sys.executable, "-m", "porch.shell.cli", "run", APP, "--headless", "--host", "127.0.0.1", "--port", "0",
             "--no-run-on-save", *flags],
            stdout=subprocess.DEVNULL, stderr=self._log, env=clean_env(tmp_path), preexec_fn=lower_limit,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            match = re.search(pattern, self.log())
            if match:
                return match
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not log {pattern!r}:\n{self.log()[-4000:]}")
            time.sleep(0.05)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self._log.close()


@contextmanager
def logged_server(tmp_path: Path, open_files: int, *flags: str) -> Iterator[LoggedServer]:
    server = LoggedServer(tmp_path, open_files, *flags)
    try:
        yield server
    finally:
        server.close()


def flood(port: int, count: int, batch: int = 50) -> list[socket.socket]:
    """``count`` connections that never finish their request: half send part of a request line, the rest nothing.

    Opened in batches, each given a moment to be accepted (the accept queue is short); a connect the server does not
    take is left pending: the kernel keeps retrying it, as an attacker's would."""
    held: list[socket.socket] = []
    for start in range(0, count, batch):
        pending: list[socket.socket] = []
        for _ in range(min(batch, count - start)):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            if sock.connect_ex(("127.0.0.1", port)) not in (0, errno.EINPROGRESS):
                sock.close()
                continue
            held.append(sock)
            pending.append(sock)
        poll = select.poll()
        by_fd = {sock.fileno(): sock for sock in pending}
        for fd in by_fd:
            poll.register(fd, select.POLLOUT)
        deadline = time.monotonic() + 2
        while by_fd and time.monotonic() < deadline:
            for fd, _ in poll.poll(100):
                sock = by_fd.pop(fd)
                poll.unregister(fd)
                if len(held) % 2 == 0:
                    try:
                        sock.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    except OSError:
                        pass
    return held


def raise_own_open_files(wanted: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def test_the_connection_bound_leaves_room_below_the_open_files_limit() -> None:
    assert connection_limit(0, open_files=1024) == 896  # an eighth for files, sockets of its own, the script's
    assert connection_limit(0, open_files=100) == 68  # at least 32
    assert connection_limit(0, open_files=65536) == 57344
    assert connection_limit(5000, open_files=1024) == 5000  # set: taken as it is (what accept() says then is handled)


def test_a_flood_of_half_open_connections_under_a_low_open_files_limit_leaves_the_server_serving(
    tmp_path: Path,
) -> None:
    """1,100 connections that never finish a request against a server with 1,024 descriptors (or the same shape
    scaled down where this process may not open that many): the server stops accepting at its cap and says so once,
    drops the stalled connections after the header timeout, and then serves a fresh client."""
    open_files, count = 1024, 1100
    if raise_own_open_files(count + 200) < count + 200:
        open_files, count = 256, 300
    with logged_server(tmp_path, open_files, "--header-timeout", "8") as server:
        survive_a_flood(server, count, "connections open, the most this server holds (max_connections)")


def test_out_of_descriptors_pauses_accepting_and_says_so_once(tmp_path: Path) -> None:
    """The same flood with ``max_connections`` set above what the open-files limit allows: ``accept()`` fails with
    EMFILE. tornado's accept handler turned that into a busy loop of tracebacks (100 MB of log in 16 s, nobody
    served); the listener pauses instead, retries, and serves again once descriptors free."""
    open_files, count = 1024, 1100
    if raise_own_open_files(count + 200) < count + 200:
        open_files, count = 256, 300
    with logged_server(tmp_path, open_files, "--header-timeout", "8", "--max-connections", "100000") as server:
        survive_a_flood(server, count, "cannot accept connections: Too many open files")


def survive_a_flood(server: LoggedServer, count: int, logged: str) -> None:
    port = int(server.wait_for(r"Local URL:\s+http://127\.0\.0\.1:(\d+)/").group(1))
    held = flood(port, count)
    try:
        server.wait_for(re.escape(logged))
        # A fresh client: the stalled connections time out, slots free, and it is served.
        with connect(f"ws://127.0.0.1:{port}/_porch/ws", open_timeout=90) as ws:
            ws.send(json.dumps({"type": "hello", "protocol": 1}))
            assert json.loads(ws.recv(timeout=30))[0]["type"] == "session"
    finally:
        for sock in held:
            sock.close()
    log = server.log()
    assert log.count(logged) == 1, log[-4000:]
    assert len(log) < 10_000, log[-4000:]
    assert "Traceback" not in log, log[-4000:]


HELLO_APP = "import porch as st\nst.write('hello')\n"
UPLOAD_APP = "import porch as st\nfile = st.file_uploader('File')\nst.write(file.size if file else 'none')\n"


def closed_by_server(sock: socket.socket, deadline: float = 30.0) -> bool:
    """Read and drop what the server sends until it closes the connection (True) or ``deadline`` passes (False)."""
    sock.settimeout(deadline)
    end = time.monotonic() + deadline
    try:
        while time.monotonic() < end:
            if not sock.recv(65536):
                return True
    except (TimeoutError, ConnectionResetError):
        return False
    return False


def test_a_request_whose_headers_never_end_is_dropped_after_the_header_timeout() -> None:
    with running_engine(HELLO_APP, header_timeout=0.5) as server:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
            assert closed_by_server(sock)
        with socket.create_connection(("127.0.0.1", server.port)) as sock:  # nothing at all
            assert closed_by_server(sock)


def test_a_websocket_that_never_says_hello_is_closed_after_the_hello_timeout() -> None:
    with running_engine(HELLO_APP, hello_timeout=0.5) as server:
        with connect(server.ws_url, open_timeout=5) as ws:
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=30)
        assert closed.value.rcvd is not None
        assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (1008, "no hello within 0.5 s")
        assert server.call(lambda: len(server.engine.sessions)) == 0

    slow_run = "import time\nimport porch as st\ntime.sleep(1.0)\nst.write('done')\n"
    with running_engine(slow_run, hello_timeout=0.5) as server:
        client = ProtocolClient(server.ws_url)  # one that says hello at once keeps its socket past the timeout
        client.until_finished()
        client.send({"type": "rerun", "widgets": {}})
        client.until_finished()


def test_a_websocket_that_does_not_answer_pings_is_closed_after_the_ping_timeout() -> None:
    with running_engine(HELLO_APP, ping_interval=0.3, ping_timeout=0.3) as server:
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            key = base64.b64encode(os.urandom(16)).decode()
            sock.sendall(
                f"GET /_porch/ws HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
            )
            sock.sendall(masked_text_frame(json.dumps({"type": "hello", "protocol": 1}).encode()))
            assert closed_by_server(sock)  # it never answers a ping with a pong
        assert server.call(lambda: [s.connected for s in server.engine.sessions._sessions.values()]) == [False]


def masked_text_frame(payload: bytes) -> bytes:
    """One WebSocket text frame as a client must send it (masked); ``payload`` under 126 bytes."""
    mask = os.urandom(4)
    return bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def test_an_upload_that_stops_sending_is_dropped_after_the_body_timeout_and_its_bytes_freed() -> None:
    with running_engine(UPLOAD_APP, body_timeout=0.5) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        widget = client.widget("file_uploader")
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(upload_head(server.port, client, widget, size=100_000) + b"x" * 1000)
            assert closed_by_server(sock)
        session = server.engine.sessions.get(client.session_id)
        assert session is not None
        assert server.call(lambda: (session.uploads.held_bytes, session.uploads.budget.in_flight)) == (0, 0)


def upload_head(port: int, client: ProtocolClient, widget: str, size: int, name: str = "data.bin") -> bytes:
    """The headers of an upload ``PUT`` as the page sends them (session token, file name, XSRF cookie and header)."""
    xsrf = "x" * 32
    return (
        f"PUT /_porch/upload/{client.session_id}/{widget} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Length: {size}\r\nContent-Type: application/octet-stream\r\n"
        f"X-Porch-Session-Token: {client.token}\r\nX-Porch-File-Name: {name}\r\n"
        f"Cookie: _xsrf={xsrf}\r\nX-XSRFToken: {xsrf}\r\n\r\n"
    ).encode()
