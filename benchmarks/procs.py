"""Launching and stopping servers, free ports, health polling, resident memory of a process tree.

Stdlib only (psutil is used when importable): this module runs in the harness's own interpreter, which is Porch's.
Every server is started in its own process group and stopped by that group's id, never by name.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def http_status(port: int, path: str, timeout: float = 1.0) -> int | None:
    """Status of a GET on 127.0.0.1:port/path, or None when nothing answers."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()


def wait_http_ok(port: int, path: str, *, timeout: float = 60.0, interval: float = 0.005,
                 proc: subprocess.Popen | None = None) -> float:
    """Poll until GET path answers 200; return time.monotonic() of the first 200. Bounded by ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if http_status(port, path) == 200:
            return time.monotonic()
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before {path} answered")
        time.sleep(interval)
    raise TimeoutError(f"http://{HOST}:{port}{path} did not answer 200 within {timeout:.0f} s")


@dataclass
class Server:
    """A running server process started by the harness."""

    name: str
    proc: subprocess.Popen
    port: int
    started: float  # time.monotonic() just before launch
    log_path: Path | None = None
    extra: dict = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self, timeout: float = 10.0) -> None:
        stop_process_group(self.proc, timeout)


def launch(cmd: list[str], *, env: dict[str, str] | None = None, cwd: str | Path | None = None,
           log_path: Path | None = None) -> tuple[subprocess.Popen, float]:
    """Start ``cmd`` in a new process group; return the process and time.monotonic() taken just before launch."""
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL
    full_env = dict(os.environ)
    full_env.update(env or {})
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    if log_path:
        out.close()
    return proc, t0


def stop_process_group(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM the process group we started (by its id), then SIGKILL what is left after ``timeout``."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(5)


def tree_rss_bytes(pid: int) -> int | None:
    """Resident memory of ``pid`` and all its descendants (psutil when available, else /proc on Linux)."""
    try:
        import psutil  # type: ignore

        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            return total
        except psutil.NoSuchProcess:
            return None
    except ImportError:
        return _proc_tree_rss(pid)


def _proc_tree_rss(pid: int) -> int | None:
    proc = Path("/proc")
    if not proc.exists():
        return None
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in (proc / str(p) / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            if p == pid:
                return None
        todo.extend(children.get(p, []))
    return total
