"""``--isolation process``: a script that ends its process, crashes in native code or allocates without bound costs
its own session only, and everything a session does (widgets, session state, uploads, media) works as in the
default mode. Driven through the real ``porch`` command, over real sockets."""

from __future__ import annotations

import http.client
import json
import os
import signal
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psutil
import pytest

from engine_harness import ProtocolClient, running_engine
from porch.session import Session
from shell_harness import Porch, clean_env
from support import PNG_1x1, assert_gone

#: A session's first answer waits for its process to start (the first one for the fork server too), under load.
START_SECONDS = 60.0

APP = f"""
import ctypes, os, signal
import porch as st

st.session_state.runs = st.session_state.get("runs", 0) + 1
value = st.slider("Value", 0, 10, 3)
st.text(f"value={{value}} runs={{st.session_state.runs}} pid={{os.getpid()}}")
st.image({PNG_1x1!r})
upload = st.file_uploader("Data", type=["csv"])
st.text("no file" if upload is None else f"file={{upload.name}}:{{upload.read().decode()}}")
st.download_button("Report", data=lambda: b"made on request", file_name="report.txt")
st.dataframe({{"n": list(range(5000))}})
if st.button("exit"):
    os._exit(1)
if st.button("null pointer"):
    ctypes.string_at(0)
if st.button("segfault signal"):
    os.kill(os.getpid(), signal.SIGSEGV)
if st.button("allocate"):
    hoard = []
    while True:
        hoard.append(bytearray(16 * 1024 * 1024))
"""


@dataclass
class Server:
    """A ``porch run --headless --isolation process`` and where it listens."""

    porch: Porch
    base: str

    @property
    def ws_url(self) -> str:
        return self.base.replace("http", "ws", 1) + "_porch/ws"

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1].strip("/"))

    def tab(self, **hello: Any) -> ProtocolClient:
        """A client whose first run has finished."""
        client = ProtocolClient(self.ws_url, first_frame_timeout=START_SECONDS, **hello)
        client.until_finished(START_SECONDS)
        return client

    def health(self) -> int:
        try:
            with urllib.request.urlopen(self.base + "_porch/health", timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.close()
            return int(error.code)

    def get(self, url: str) -> bytes:
        with urllib.request.urlopen(self.base + url, timeout=30) as response:
            return bytes(response.read())


def start(tmp: Path, *flags: str) -> Porch:
    app = tmp / "app.py"
    app.write_text(APP)
    return Porch("run", str(app), "--headless", "--host", "127.0.0.1", "--port", "0", "--isolation", "process",
                 *flags, env=clean_env(tmp))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with start(tmp_path_factory.mktemp("isolation"), "--max-session-memory-mb", "300") as porch:
        yield Server(porch, porch.local_url())


def click(client: ProtocolClient, label: str) -> None:
    client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button", label)})


def slide(client: ProtocolClient, value: int) -> list[str]:
    client.send({"type": "rerun", "widgets": {client.widget("slider"): value}})
    client.until_finished(START_SECONDS)
    return client.texts()


def ended(client: ProtocolClient) -> str:
    """The message of the ``process_ended`` error the client was sent."""
    error = client.until(lambda m: m["type"] == "error", timeout=START_SECONDS)
    assert error["code"] == "process_ended", error
    return str(error["message"])


def script_pid(client: ProtocolClient) -> int:
    line = next(text for text in client.texts() if text.startswith("value="))
    return int(line.rsplit("pid=", 1)[1])


def elements(client: ProtocolClient, kind: str) -> list[Any]:
    found: list[Any] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if child.kind == kind:
                found.append(child)
            walk(child)

    for root in client.view.tree.roots:
        walk(root)
    return found


def assert_others_go_on(server: Server, other: ProtocolClient) -> None:
    """The server answers its health check, another session reruns, and a new one starts."""
    assert server.health() == 200
    assert slide(other, 7)[0].startswith("value=7")
    assert server.tab().texts()[0].startswith("value=3 runs=1")


def test_os_exit_in_a_script_ends_its_session_only(server: Server) -> None:
    victim, other = server.tab(), server.tab()
    victim_pid = script_pid(victim)
    assert victim_pid not in (server.porch.process.pid, script_pid(other))
    click(victim, "exit")
    message = ended(victim)
    assert "exit code 1" in message and "reload" in message
    assert_gone([victim_pid], timeout=30)
    assert_others_go_on(server, other)
    # A reload (the tab offers its old session back) starts afresh, in a new process.
    reloaded = server.tab(session=victim.session_id, token=victim.token)
    assert reloaded.session_message["resumed"] is False
    assert reloaded.texts()[0].startswith("value=3 runs=1") and script_pid(reloaded) != victim_pid


@pytest.mark.parametrize("label", ["null pointer", "segfault signal"])
def test_a_segfault_in_a_script_ends_its_session_only(server: Server, label: str) -> None:
    victim, other = server.tab(), server.tab()
    slide(victim, 5)
    click(victim, label)
    message = ended(victim)
    assert "signal SIGSEGV" in message, message
    # The run the crash cut short does not stay "running" on the client's screen.
    finished = victim.until(lambda m: m["type"] == "run", timeout=5)
    assert (finished["state"], finished["status"]) == ("finished", "error")
    victim.send({"type": "rerun", "widgets": {}})  # what the user does next is answered with the same reason
    assert "signal SIGSEGV" in ended(victim)
    assert_others_go_on(server, other)


def test_a_runaway_allocation_meets_the_session_memory_limit(server: Server) -> None:
    engine = psutil.Process(server.porch.process.pid)
    before = engine.memory_info().rss
    victim, other = server.tab(), server.tab()
    click(victim, "allocate")
    finished = victim.until(lambda m: m["type"] == "run" and m["state"] == "finished", timeout=START_SECONDS)
    assert finished["status"] == "error"
    [shown] = elements(victim, "exception")
    assert shown.props["type"] == "MemoryError"
    assert "max_session_memory_mb" in shown.props["message"] and "300 MB" in shown.props["message"]
    assert engine.memory_info().rss - before < 64 * 1024 * 1024, "the engine's own memory grew"
    assert_others_go_on(server, other)
    assert slide(victim, 2)[0].startswith("value=2"), "the session itself goes on after the MemoryError"


def test_widgets_session_state_uploads_media_and_data_windows_work_in_a_session_process(server: Server) -> None:
    client = server.tab()
    assert slide(client, 4)[0].startswith("value=4 runs=2")
    assert slide(client, 6)[0].startswith("value=6 runs=3")
    # A tab that comes back resumes its session, in the same process, without a rerun: its first frame rebuilds the
    # page (with the last run's end), as in the default mode.
    client.close()
    client = ProtocolClient(server.ws_url, session=client.session_id, token=client.token,
                            first_frame_timeout=START_SECONDS)
    assert client.session_message["resumed"] is True and client.texts()[0].startswith("value=6 runs=3")
    # A data window the client scrolls to is answered by the session's process, where the frame lives.
    [frame] = elements(client, "dataframe")
    client.send({"type": "rows", "id": frame.props["data"], "start": 4000, "count": 2})
    rows = client.until(lambda m: m["type"] == "rows", timeout=START_SECONDS)
    assert rows["total"] == 5000 and [row[-1] for row in rows["cells"]] == [4000, 4001]
    # An image is served by the engine from what the session's process gave it.
    [image] = elements(client, "image")
    assert server.get(image.props["images"][0]["url"]) == PNG_1x1
    # A download made on request runs its function in the session's process.
    [download] = elements(client, "download_button")
    assert server.get(download.props["url"]) == b"made on request"
    # An upload goes to the engine, and reaches the script when the widget's value names it.
    file_id = upload(server, client, "prices.csv", b"a,b\n1,2")
    client.send({"type": "rerun", "widgets": {client.widget("file_uploader"): [file_id]}})
    client.until_finished(START_SECONDS)
    assert "file=prices.csv:a,b\n1,2" in client.texts()
    assert slide(client, 8)[0].startswith("value=8 runs=5")
    assert "file=prices.csv:a,b\n1,2" in client.texts(), "the widget keeps its file across runs"


def upload(server: Server, client: ProtocolClient, name: str, body: bytes) -> str:
    with urllib.request.urlopen(server.base, timeout=10) as page:
        xsrf = next(
            cookie.split(";")[0].split("=", 1)[1]
            for cookie in page.headers.get_all("Set-Cookie") or []
            if cookie.startswith("_xsrf=")
        )
    widget = client.widget("file_uploader")
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(
            "PUT",
            f"/_porch/upload/{quote(client.session_id, safe='')}/{quote(widget, safe='')}",
            body=body,
            headers={
                "Cookie": f"_xsrf={xsrf}",
                "X-XSRFToken": xsrf,
                "X-Porch-Session-Token": client.token,
                "X-Porch-File-Name": quote(name),
                "Content-Type": "text/csv",
            },
        )
        response = connection.getresponse()
        answer = response.read().decode()
        assert response.status == 201, answer
    finally:
        connection.close()
    return str(json.loads(answer)["file_id"])


def test_sessions_processes_end_with_their_sessions_and_with_the_server(tmp_path: Path) -> None:
    with start(tmp_path, "--session-ttl", "0") as porch:
        server = Server(porch, porch.local_url())
        closing, staying = server.tab(), server.tab()
        closing_pid, staying_pid = script_pid(closing), script_pid(staying)
        closing.close()  # with no TTL, a session whose client goes away is closed at once
        assert_gone([closing_pid], timeout=30)
        assert psutil.pid_exists(staying_pid)
        assert slide(staying, 9)[0].startswith("value=9")
        family = [child.pid for child in psutil.Process(porch.process.pid).children(recursive=True)]
        assert staying_pid in family and len(family) >= 2  # the fork server, the session's process (and helpers)
        porch.signal(signal.SIGTERM)
        assert porch.wait(30) == 0
        assert_gone(family, timeout=30)


def test_no_process_outlives_an_engine_killed_outright(tmp_path: Path) -> None:
    with start(tmp_path) as porch:
        server = Server(porch, porch.local_url())
        first, second = server.tab(), server.tab()
        family = [child.pid for child in psutil.Process(porch.process.pid).children(recursive=True)]
        assert {script_pid(first), script_pid(second)} <= set(family)
        porch.process.kill()  # no drain, no exit hook: each child sees its socket close and leaves
        assert porch.wait(30) == -signal.SIGKILL
        assert_gone(family, timeout=30)


def test_isolation_is_a_setting_shown_by_config_show(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("import porch as st\n")
    shown = Porch("config", "show", str(app), env=clean_env(tmp_path))
    assert shown.wait(30) == 0
    with shown:
        assert shown.process.stdout is not None
        lines = shown.process.stdout.read().splitlines()
    assert any(line.startswith("isolation") and '"thread"' in line and "# default" in line for line in lines)
    from_env = Porch("config", "show", str(app), "--max-session-memory-mb", "512",
                     env=clean_env(tmp_path, PORCH_ISOLATION="process"))
    assert from_env.wait(30) == 0
    with from_env:
        assert from_env.process.stdout is not None
        lines = from_env.process.stdout.read().splitlines()
    assert any(line.startswith("isolation") and '"process"' in line and "env PORCH_ISOLATION" in line
               for line in lines)
    assert any(line.startswith("max_session_memory_mb") and "512.0" in line and "command line" in line
               for line in lines)


def test_the_default_runs_every_script_in_the_server_process() -> None:
    source = "import os\nimport porch as st\nst.text(f'pid={os.getpid()}')\n"
    before = {child.pid for child in psutil.Process().children(recursive=True)}
    with running_engine(source) as engine:
        client = ProtocolClient(engine.ws_url)
        client.until_finished()
        assert client.texts() == [f"pid={os.getpid()}"]
        session = engine.call(lambda: engine.engine.sessions.get(client.session_id))
        assert type(session) is Session
        after = {child.pid for child in psutil.Process().children(recursive=True)}
        assert after <= before, "the default mode started a process"
