"""A real ``redis-server`` for the replicas' store (Debian's package, as ``.ci/setup --test`` installs it): started on
a free loopback port with nothing saved to disk, stopped after the test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis

from deploy_harness import free_port, wait_until


class RedisServer:
    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(folder)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.client: Any = redis.Redis(host="127.0.0.1", port=self.port)
        wait_until(self._answers, 20, "redis-server to answer")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            output = self.process.stdout.read() if self.process.stdout is not None else ""
            raise AssertionError(f"redis-server exited ({self.process.returncode}):\n{output}")
        try:
            return bool(self.client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextmanager
def redis_server(folder: Path) -> Iterator[RedisServer]:
    server = RedisServer(folder)
    try:
        yield server
    finally:
        server.close()


#: A page whose state is of every kind a session carries: the script's own session_state (a counter, and a lock,
#: which cannot be pickled), a slider with a key (read through session_state before it is drawn), a text input, and
#: an uploaded file.
STORE_APP = """
import threading
import porch as st
if "count" not in st.session_state:
    st.session_state.count = 0
st.session_state.setdefault("lock", threading.Lock())
st.write(f"early={st.session_state.get('level')}")
if st.button("Add"):
    st.session_state.count += 1
level = st.slider("Level", 0, 100, 10, key="level")
name = st.text_input("Name")
files = st.file_uploader("Files", accept_multiple_files=True)
st.write(f"count={st.session_state.count}")
st.write(f"level={level}")
st.write(f"name={name}")
st.write("files=" + ",".join(f"{f.name}:{f.read().decode()}" for f in files))
"""


def upload(port: int, session: str, token: str, widget: str, name: str, data: bytes, cookies: str = "") -> str:
    """PUT a file to a session's uploader as the page does (the page's XSRF cookie first); its file id."""
    from urllib.parse import quote

    from deploy_harness import request

    status, headers, _ = request("127.0.0.1", port, "GET", "/", {"Cookie": cookies} if cookies else {})
    xsrf = next(h.split(";")[0].split("=", 1)[1] for h in headers.get_all("Set-Cookie") or [] if h.startswith("_xsrf="))
    jar = "; ".join(part for part in (cookies, f"_xsrf={xsrf}") if part)
    status, _, body = request(
        "127.0.0.1", port, "PUT", f"/_porch/upload/{quote(session, safe='')}/{quote(widget, safe='')}",
        {"Cookie": jar, "X-XSRFToken": xsrf, "X-Porch-Session-Token": token, "X-Porch-File-Name": quote(name),
         "Content-Type": "text/plain"},
        data,
    )
    assert status == 201, body
    import json

    return str(json.loads(body)["file_id"])
