"""Handoff of a session holding 40 kB of state between two Porch replicas sharing a Redis store (issue 13): how long
a page waits, from its ``hello`` to the end of the first run, when it comes to a replica that does not hold its
session and must take it from the store (read, unpickled, restored, rerun), next to a new session's first run on
the same replica (what a page without a store gets instead: a fresh page).

Two ``porch run --headless --store redis://...`` replicas (``a``, ``b``) and a ``redis-server`` on free ports, all
started here and stopped after. Per sample: a session is opened on ``a`` and its script keeps 40 kB in
``session_state`` (40 distinct strings of 1,000 characters) and a slider and a text value; once its snapshot is in
Redis, a client says ``hello`` to ``b`` with the session's id and token. The figure to meet is <= 50 ms.

Run alone: ``python -m benchmarks.measures.handoff [--samples N]``; in the comparison once ``ORDER`` lists it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from .. import procs, stats

NAME = "handoff"
SYSTEMS = ("porch",)
METRICS = [
    ("moved_median_ms", "a session of 40 kB moved to another replica: hello to its first run (median)", "ms", "lower"),
    ("moved_p95_ms", "a session of 40 kB moved to another replica: hello to its first run (p95)", "ms", "lower"),
    ("new_median_ms", "a new session on the same replica: hello to its first run (median)", "ms", "lower"),
]
STATE_BYTES = 40 * 1000
APP = """
import porch as st
if "blob" not in st.session_state:
    st.session_state.blob = [f"{n:04d}" + "x" * 996 for n in range(40)]
level = st.slider("Level", 0, 100, 10, key="level")
name = st.text_input("Name")
st.write(f"{len(st.session_state.blob)} {level} {name}")
"""


def _first_run(sockets: ExitStack, url: str, hello: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    """Say hello on a new socket (closed with ``sockets``); the seconds to the end of the first run, and the session
    message."""
    from websockets.sync.client import connect

    ws = sockets.enter_context(connect(url, open_timeout=10, max_size=None))
    start = time.perf_counter()
    ws.send(json.dumps({"type": "hello", "protocol": 1, **hello}))
    session: dict[str, Any] = {}
    while True:
        for message in json.loads(ws.recv(timeout=30)):
            if message["type"] == "session":
                session = message
            if message["type"] == "run" and message["state"] == "finished":
                return time.perf_counter() - start, session


def measure(samples: int, log_dir: Path) -> dict[str, Any]:
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (Debian: apt install redis-server; .ci/setup --test)")
    with tempfile.TemporaryDirectory() as folder:
        app = Path(folder) / "app.py"
        app.write_text(APP)
        redis_port = procs.free_port()
        store = subprocess.Popen([binary, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                  "--appendonly", "no", "--dir", folder], stdout=subprocess.DEVNULL)
        client = redis.Redis(port=redis_port)
        replicas: list[subprocess.Popen[bytes]] = []
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    client.ping()
                    break
                except redis.RedisError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            ports = {}
            for replica in ("a", "b"):
                ports[replica] = procs.free_port()
                with (log_dir / f"handoff-{replica}.log").open("wb") as log:  # the child keeps its own copy
                    replicas.append(subprocess.Popen(
                        [sys.executable, "-m", "porch.shell.cli", "run", str(app), "--headless", "--host",
                         "127.0.0.1", "--port", str(ports[replica]), "--replica-id", replica, "--no-run-on-save",
                         "--store", f"redis://127.0.0.1:{redis_port}/0", "--log-level", "warning"],
                        stdout=log, stderr=subprocess.STDOUT,
                    ))
                procs.wait_http_ok(ports[replica], "/_porch/health", timeout=60, proc=replicas[-1])
            url = {replica: f"ws://127.0.0.1:{port}/_porch/ws" for replica, port in ports.items()}
            moved, new = [], []
            for number in range(samples + 2):  # the first two warm both replicas up
                with ExitStack() as sockets:
                    _, session = _first_run(sockets, url["a"], {})
                    key = f"porch:session:{session['session']}"
                    deadline = time.monotonic() + 10
                    while not client.exists(key):
                        if time.monotonic() > deadline:
                            raise RuntimeError("replica a wrote no snapshot")
                        time.sleep(0.005)
                    seconds, answer = _first_run(sockets, url["b"], {"session": session["session"],
                                                                     "token": session["token"]})
                    if "restored" not in answer:
                        raise RuntimeError(f"replica b did not restore the session: {answer}")
                    fresh, _ = _first_run(sockets, url["b"], {})
                if number >= 2:
                    moved.append(seconds * 1000)
                    new.append(fresh * 1000)
            size = len(client.hget(key, "snapshot") or b"")
        finally:
            for process in replicas:
                process.send_signal(signal.SIGINT)
            for process in replicas:
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
            client.close()
            store.terminate()
            store.wait(10)
    return {"moved_median_ms": stats.median(moved), "moved_p95_ms": stats.percentile(moved, 95),
            "new_median_ms": stats.median(new), "snapshot_bytes": size, "n": len(moved)}


def run_once(ctx: Any, system: Any) -> dict[str, Any]:
    ctx.log_dir.mkdir(parents=True, exist_ok=True)
    return measure(3 if ctx.quick else 30, ctx.log_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.handoff", description=__doc__)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as logs:
        result = measure(args.samples, Path(logs))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
