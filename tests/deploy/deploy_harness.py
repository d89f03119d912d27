"""Replicas of a Porch app behind a real proxy, as ``docs/deploy.md`` deploys them: Porch processes started with
``porch run app.py --headless --replica-id ...``, HAProxy and nginx run from the recipes of that page (the same
text, with only addresses and ports changed), and a protocol client that keeps cookies as a browser does."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from websockets.exceptions import ConnectionClosed

from engine_harness import ProtocolClient
from shell_harness import Process, clean_env

REPO = Path(__file__).resolve().parents[2]
DEPLOY_DOC = REPO / "docs" / "deploy.md"
#: The replicas' addresses in the recipes, by replica id, and the proxy's own port there.
DOC_ADDRESSES = {"a": "10.0.0.11:8501", "b": "10.0.0.12:8501", "c": "10.0.0.13:8501"}
DOC_PROXY_PORT = 8080

COUNTER_APP = """
import porch as st
st.title("Counter")
if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("Add"):
    st.session_state.count += 1
st.write(f"count={st.session_state.count}")
st.file_uploader("File")
"""


def doc_block(language: str) -> str:
    """The one fenced block of ``language`` in docs/deploy.md."""
    blocks = re.findall(rf"```{language}\n(.*?)```", DEPLOY_DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, f"docs/deploy.md has {len(blocks)} {language} blocks, not one"
    return str(blocks[0])


def wait_until(condition: Callable[[], Any], timeout: float = 20.0, what: str = "condition") -> Any:
    """Poll ``condition`` until it returns something true; return it. A generous deadline, never a measurement."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Replica(Process):
    """``porch run app.py --headless --replica-id ID`` on a free loopback port. ``version``: run as another version
    of Porch (a rolling upgrade: its client's build differs)."""

    def __init__(self, app: Path, replica_id: str, tmp: Path, *flags: str, version: str | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.id = replica_id
        if version is None:
            launcher = ["-m", "porch.shell.cli"]
        else:
            starter = tmp / f"porch_{replica_id}.py"
            starter.write_text(
                "import sys\nimport porch._version\n"
                f"porch._version.__version__ = {version!r}\n"
                "from porch.shell.cli import main\nsys.exit(main())\n"
            )
            launcher = [str(starter)]
        command = [sys.executable, *launcher, "run", str(app), "--headless", "--host", "127.0.0.1", "--port", "0",
                   "--replica-id", replica_id, "--behind-proxy", "--no-run-on-save", *flags]
        super().__init__(command, env={**clean_env(tmp), **(env or {})})
        self.url = self.wait_for(r"Local URL:\s+(\S+)").group(1)
        self.port = int(self.url.rsplit(":", 1)[1].split("/")[0])

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def health(self) -> tuple[int, dict[str, Any]]:
        status, _, body = request("127.0.0.1", self.port, "GET", "/_porch/health")
        return status, json.loads(body)


@contextmanager
def replicas(app_source: str, tmp: Path, ids: tuple[str, ...] = ("a", "b", "c"), *flags: str,
             versions: dict[str, str] | None = None) -> Iterator[dict[str, Replica]]:
    """Replicas of one app, started together, killed after the test if still running."""
    app = tmp / "app.py"
    app.write_text(app_source)
    with ExitStack() as stack:
        started: dict[str, Replica] = {}
        for replica_id in ids:
            replica = Replica(app, replica_id, tmp, *flags, version=(versions or {}).get(replica_id))
            stack.callback(replica.close)
            started[replica_id] = replica
        yield started


def request(host: str, port: int, method: str, path: str, headers: dict[str, str] | None = None,
            body: bytes | None = None) -> tuple[int, http.client.HTTPMessage, str]:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Proxy(Process):
    """HAProxy or nginx in the foreground on a free port, with the recipe of docs/deploy.md for ``backends``."""

    def __init__(self, kind: str, backends: dict[str, str], tmp: Path) -> None:
        self.kind = kind
        self.port = free_port()
        folder = tmp / kind
        folder.mkdir(exist_ok=True)
        recipe = doc_block(kind)
        assert set(backends) == set(DOC_ADDRESSES), "the recipes name three replicas: a, b and c"
        for replica_id, doc_address in DOC_ADDRESSES.items():
            recipe = recipe.replace(doc_address, backends[replica_id])
        if kind == "haproxy":
            recipe = recipe.replace(f"bind :{DOC_PROXY_PORT}", f"bind 127.0.0.1:{self.port}")
            config = folder / "haproxy.cfg"
            config.write_text("global\n    maxconn 4096\n\n" + recipe)
            command = [shutil.which("haproxy") or "/usr/sbin/haproxy", "-db", "-f", str(config)]
        else:
            recipe = recipe.replace(f"listen {DOC_PROXY_PORT};", f"listen 127.0.0.1:{self.port};")
            for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
                (folder / sub).mkdir(exist_ok=True)
            config = folder / "nginx.conf"
            config.write_text(
                f"daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log stderr notice;\n"
                "events { worker_connections 1024; }\n"
                f"http {{\n access_log off;\n client_body_temp_path {folder}/body;\n"
                f" proxy_temp_path {folder}/proxy;\n fastcgi_temp_path {folder}/fastcgi;\n"
                f" uwsgi_temp_path {folder}/uwsgi;\n scgi_temp_path {folder}/scgi;\n{recipe}\n}}\n"
            )
            command = [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(folder), "-c", str(config),
                       "-e", "stderr"]
        super().__init__(command)
        wait_until(self._listening, 20, f"{kind} to listen")

    def _listening(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"{self.kind} exited ({self.process.returncode}):\n{self.log()}")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                pass
        super().close()


@contextmanager
def proxy(kind: str, replicas_: dict[str, Replica], tmp: Path) -> Iterator[Proxy]:
    running = Proxy(kind, {replica_id: replica.address for replica_id, replica in replicas_.items()}, tmp)
    try:
        yield running
    finally:
        running.close()


class Visitor:
    """One browser, as the proxy sees it: a cookie jar, the page, and its session's socket (the protocol client of
    ``engine_harness``), with the ``session``/``token`` a page keeps in ``sessionStorage`` and its ``page_load``."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.client: ProtocolClient | None = None
        self.saved: tuple[str, str] | None = None
        self.page_load = os.urandom(16).hex()

    def _take_cookies(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def open_page(self) -> int:
        status, headers, _ = request("127.0.0.1", self.port, "GET", "/", {"Cookie": self.cookie_header()})
        self._take_cookies(headers.get_all("Set-Cookie") or [])
        return status

    def connect(self) -> ProtocolClient:
        """Open the session socket as the page does (its saved session named in the URL and resumed in hello)."""
        url = f"ws://127.0.0.1:{self.port}/_porch/ws"
        hello: dict[str, Any] = {"page_load": self.page_load}
        session = token = None
        if self.saved is not None:
            session, token = self.saved
            url += "?session=" + quote(session)
        client = ProtocolClient(url, session=session, token=token, hello=hello,
                                additional_headers={"Cookie": self.cookie_header()}, first_frame_timeout=15)
        response = client.ws.response
        if response is not None:
            self._take_cookies(response.headers.get_all("Set-Cookie"))
        self.client = client
        self.saved = (client.session_id, client.token)
        if not client.session_message["resumed"]:  # a resumed one came with its page and its last run state
            client.until_finished(timeout=15)
        return client

    @property
    def session_id(self) -> str:
        assert self.client is not None
        return self.client.session_id

    @property
    def replica(self) -> str:
        """The replica its session lives on, by the session id's prefix."""
        return self.session_id.rpartition(".")[0]

    def click(self, label: str = "Add") -> str:
        """Click a button; the text of the run's ``count=`` line."""
        assert self.client is not None
        self.client.send({"type": "rerun", "widgets": {}, "trigger": self.client.widget("button", label)})
        return self.count()

    def count(self) -> str:
        assert self.client is not None
        self.client.until_finished(timeout=15)
        return next(text for text in self.client.texts() if text.startswith("count="))

    def closed_with(self, timeout: float = 20.0) -> tuple[int | None, str]:
        """Wait for the server to close the socket; its close code and reason."""
        assert self.client is not None
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                self.client.ws.recv(timeout=max(0.01, deadline - time.monotonic()))
        except ConnectionClosed as closed:
            received = closed.rcvd
            return (received.code, received.reason) if received is not None else (None, "")
        except TimeoutError:
            pass
        raise AssertionError("the socket was not closed in time")

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
