"""python -m benchmarks reliability [--only m1,m2] [--soak-seconds S] [--out DIR] ...

How Porch holds under hostile load (issue 14), with the full figures. Each measure has a bounded version in
``tests/reliability/`` that CI runs:

- ``fuzz``: every client message type fuzzed with hypothesis, 10,000 cases (``tests/reliability/test_message_fuzz.py``
  run with ``PORCH_FUZZ_EXAMPLES``);
- ``floods``: 1,100 half-open connections, then slow clients (headers a byte a second), WebSockets that never say
  hello and upload bodies that stop, each against a server limited to 1,024 open files: how long a fresh client
  waits to be served, how many of the flood's connections the server dropped, how much it logged;
- ``sessions``: 1,000 sessions opened (with the compression browsers negotiate, and without) and abandoned, in
  bursts: memory per session, and resident memory before, at the peak and after the TTL; once more with
  ``PYTHONMALLOC=malloc``, where it must come back within 20% of the warm-up baseline;
- ``clicks``: 100 clients clicking for 60 s in bursts of 1 to 5 clicks sent back to back: clicks sent == counted;
- ``soak``: clients moving a slider and clicking for 10 minutes, new sessions replacing old ones: resident memory,
  open files and round trips over time.

The server is ``python -m porch.shell.cli run ... --headless`` from this interpreter, on 127.0.0.1, in its own process
group. Clients connect from distinct loopback addresses (127.1.x.y): many visitors, as the per-client bounds expect.
Writes ``reliability.json`` (every figure) and ``reliability.md`` (the table, also printed) to ``--out``.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import errno
import json
import os
import random
import resource
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from . import RESULTS_DIR, procs

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: The benchmark app (a title, a slider, a button, twenty lines): what a session holds in ``sessions``.
PAGE_APP = HERE / "apps" / "porch_app.py"
#: A click counter whose runs take a moment (``clicks``, ``soak``).
CLICKS_APP = HERE / "apps" / "porch_clicks_app.py"
FUZZ_TEST = REPO / "tests" / "reliability" / "test_message_fuzz.py"
MEASURES = ("fuzz", "floods", "sessions", "clicks", "soak")
MIB = 1024 * 1024
Log = Callable[[str], None]


# -- the server ------------------------------------------------------------------------------------------------------


@dataclass
class Server:
    """``porch run --headless`` in a process group of its own."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def ws_url(self) -> str:
        return f"ws://{procs.HOST}:{self.port}/_porch/ws"

    def rss(self) -> int:
        """The server process's resident memory in bytes (``VmRSS``)."""
        return rss_bytes(self.pid)

    def sessions(self) -> int:
        """Sessions the engine holds, from its health endpoint."""
        with urllib.request.urlopen(f"http://{procs.HOST}:{self.port}/_porch/health", timeout=10) as answer:
            return int(json.loads(answer.read())["sessions"])

    def open_files(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def threads(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/task"))

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""



def run_coroutine(coro: Any) -> Any:
    """``asyncio.run(coro)`` in a thread of its own: the calling thread may have a loop running already (Playwright's
    sync API keeps one on a test's thread for as long as its browser lives)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()

def rss_bytes(pid: int) -> int:
    """Resident memory of one process (``VmRSS`` in ``/proc/<pid>/status``), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@contextmanager
def porch_server(app: Path, *flags: str, open_files: int | None = None, log_dir: Path | None = None,
                 env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start Porch headless on a free loopback port with ``flags``; with ``open_files``, under that open-files limit
    (``ulimit -n``, as the issue's floods were run); ``env`` added to its environment. Stopped by its process group
    afterwards."""
    port = procs.free_port()
    command = [sys.executable, "-m", "porch.shell.cli", "run", str(app), "--headless", "--host", procs.HOST,
               "--port", str(port), "--no-run-on-save", "--log-level", "warning", *flags]
    if open_files is not None:
        command = ["/bin/sh", "-c", f'ulimit -n {open_files} && exec "$@"', "sh", *command]
    folder = log_dir or Path(tempfile.mkdtemp(prefix="porch-reliability-"))
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / f"server-{port}.log"
    process, _ = procs.launch(command, cwd=REPO, log_path=log_path, env=env)
    server = Server(process, port, log_path)
    try:
        procs.wait_http_ok(port, "/_porch/health", timeout=60, proc=process)
        yield server
    finally:
        procs.stop_process_group(process)


def raise_open_files(wanted: int) -> int:
    """Raise this process's soft open-files limit towards ``wanted`` (the floods hold many sockets); the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def source_address(index: int) -> str:
    """The loopback address the ``index``-th visitor connects from (127.1.0.1, 127.1.0.2, ...)."""
    return f"127.1.{index // 250}.{index % 250 + 1}"


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
    return True


# -- a session's client ----------------------------------------------------------------------------------------------


class Visitor:
    """One browser tab, as far as the protocol goes: it opens a session, finds the widgets of the first run, and keeps
    the latest text of each element id-less text (by its first word) to read counters from."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.widgets: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.errors: list[dict[str, Any]] = []
        self.finished = 0

    @classmethod
    async def open(cls, url: str, *, source: str = "127.0.0.1", compress: bool = True,
                   timeout: float = 60.0) -> Visitor:
        ws = await connect(url, compression="deflate" if compress else None, proxy=None, max_size=None,
                           open_timeout=timeout, ping_interval=None, local_addr=(source, 0))
        visitor = cls(ws)
        await ws.send(json.dumps({"type": "hello", "protocol": 1}))
        await visitor.until(lambda: visitor.finished > 0, timeout)
        return visitor

    async def read(self, timeout: float) -> None:
        """Take one frame."""
        frame = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
        for message in frame if isinstance(frame, list) else [frame]:
            kind = message.get("type")
            if kind == "delta":
                element = message.get("element") or {}
                if element.get("id"):
                    self.widgets.setdefault(element.get("kind", ""), element["id"])
                body = (element.get("props") or {}).get("body")
                if isinstance(body, str) and "=" in body:
                    self.texts[body.split("=", 1)[0]] = body
            elif kind == "run" and message.get("state") == "finished" and message.get("status") != "rerun":
                self.finished += 1
            elif kind == "error":
                self.errors.append(message)

    async def until(self, condition: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the server did not answer in time")
            await self.read(left)

    def counter(self, name: str) -> int:
        text = self.texts.get(name)
        return int(text.split("=", 1)[1]) if text is not None else 0

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def close(self) -> None:
        await self.ws.close()


async def open_visitors(url: str, count: int, *, compress: bool = True, first: int = 0,
                        concurrency: int = 16) -> list[Visitor]:
    """``count`` sessions, each having run the app once, opened ``concurrency`` at a time from distinct addresses."""
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int) -> Visitor:
        async with gate:
            return await Visitor.open(url, source=source_address(first + index), compress=compress)

    return list(await asyncio.gather(*(one(index) for index in range(count))))


async def close_all(visitors: list[Visitor]) -> None:
    await asyncio.gather(*(visitor.close() for visitor in visitors))


# -- sessions: memory per session, and given back after the TTL ------------------------------------------------------


def settled_rss(server: Server, *, timeout: float = 30.0) -> int:
    """The server's resident memory once every session has expired and the memory they held has been released
    (``porch.memory``: a collection and ``malloc_trim`` a moment after the last session closed): read until it has
    not moved for two seconds."""
    if not wait_until(lambda: server.sessions() == 0, timeout=timeout + 120):
        raise RuntimeError("sessions did not expire")
    readings = [server.rss()]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        readings.append(server.rss())
        if len(readings) >= 5 and max(readings[-5:]) - min(readings[-5:]) < 256 * 1024:
            break
    return readings[-1]


def abandon(server: Server, count: int, *, compress: bool, first: int = 0) -> int:
    """Open ``count`` sessions (each runs the app once) and drop them all; the server's RSS while they were open."""

    async def burst() -> int:
        visitors = await open_visitors(server.ws_url, count, compress=compress, first=first)
        peak = server.rss()
        await close_all(visitors)
        return peak

    return run_coroutine(burst())


def session_memory(*, sessions: int, bursts: int, compress: bool, ttl: float = 2.0, warmup: int = 20,
                   c_malloc: bool = False, log: Log = print, log_dir: Path | None = None) -> dict[str, Any]:
    """Bursts of ``sessions`` sessions opened and abandoned; resident memory before, at each peak, after each TTL.
    With ``c_malloc``, the server runs with ``PYTHONMALLOC=malloc`` (every object the C library's: ``core/memory.py``
    says why its memory comes back further)."""
    env = {"PYTHONMALLOC": "malloc"} if c_malloc else None
    with porch_server(PAGE_APP, "--session-ttl", str(ttl), log_dir=log_dir, env=env) as server:
        abandon(server, warmup, compress=compress)
        cold = settled_rss(server)
        runs = []
        for burst in range(bursts):
            before = server.rss()
            peak = abandon(server, sessions, compress=compress, first=burst * sessions)
            after = settled_rss(server)
            runs.append({"before_mib": before / MIB, "peak_mib": peak / MIB, "after_ttl_mib": after / MIB,
                         "kib_per_session": (peak - before) / sessions / 1024})
            kind = ("deflate" if compress else "plain") + (", C malloc" if c_malloc else "")
            log(f"  sessions ({kind}) burst {burst + 1}: {sessions} open "
                f"{peak / MIB:.1f} MiB ({runs[-1]['kib_per_session']:.0f} KiB each), after the TTL {after / MIB:.1f} MiB")
    warm = runs[0]["after_ttl_mib"]
    last = runs[-1]["after_ttl_mib"]
    return {
        "sessions": sessions, "bursts": bursts, "compression": compress, "ttl_s": ttl, "c_malloc": c_malloc,
        "cold_baseline_mib": cold / MIB, "runs": runs,
        "kib_per_session": statistics.median(run["kib_per_session"] for run in runs),
        # After a first burst CPython's allocator keeps a few of its arenas (a few objects made during or after the
        # burst hold them: core/memory.py; 1.13-1.28 times the cold server after 300 sessions, 1.06-1.09 with the C
        # allocator); what must not happen is growth from one burst to the next (issue 14: 34 -> 205 -> ... 366 MB
        # over six bursts).
        "after_first_over_cold": warm / (cold / MIB),
        "after_last_over_after_first": last / warm,
        "after_last_over_cold": last / (cold / MIB),
    }


# -- clicks: sent == counted ---------------------------------------------------------------------------------------


async def click_storm(url: str, *, clients: int, seconds: float | None = None, rounds: int | None = None,
                      burst: tuple[int, int] = (1, 5), seed: int = 14) -> dict[str, Any]:
    """``clients`` sessions clicking the app's button in bursts (``burst``: 1 to 5 clicks sent back to back, without
    waiting), each waiting until its page shows every click counted before the next burst; for ``seconds`` or
    ``rounds`` bursts. Returns clicks sent, counted (what the sessions' counters say), refused (errors)."""
    visitors = await open_visitors(url, clients, concurrency=min(clients, 16))
    rng = random.Random(seed)
    deadline = None if seconds is None else time.monotonic() + seconds
    sent = [0] * clients
    started = time.monotonic()

    async def work(index: int) -> None:
        visitor = visitors[index]
        button = visitor.widgets["button"]
        done = 0
        while (deadline is None or time.monotonic() < deadline) and (rounds is None or done < rounds):
            count = rng.randint(*burst)
            for _ in range(count):
                await visitor.send({"type": "rerun", "widgets": {}, "trigger": button})
            sent[index] += count
            done += 1
            await visitor.until(lambda: visitor.counter("clicks") >= sent[index] or bool(visitor.errors), 60)
            if visitor.errors:
                return

    try:
        await asyncio.gather(*(work(index) for index in range(clients)))
        elapsed = time.monotonic() - started
        counted = [visitor.counter("clicks") for visitor in visitors]
        errors = [error for visitor in visitors for error in visitor.errors]
    finally:
        await close_all(visitors)
    return {
        "clients": clients, "seconds": elapsed, "sent": sum(sent), "counted": sum(counted),
        "sessions_short": sum(1 for s, c in zip(sent, counted) if c != s),
        "refused": len(errors), "errors": errors[:5], "clicks_per_s": sum(counted) / elapsed if elapsed else 0.0,
    }


def clicks(*, clients: int, seconds: float, log: Log = print, log_dir: Path | None = None) -> dict[str, Any]:
    with porch_server(CLICKS_APP, log_dir=log_dir) as server:
        result = run_coroutine(click_storm(server.ws_url, clients=clients, seconds=seconds))
    log(f"  clicks: {result['clients']} clients, {result['seconds']:.0f} s: sent {result['sent']}, "
        f"counted {result['counted']}, refused {result['refused']}")
    return result


# -- floods: half-open connections, slow clients, silent sockets, stalled bodies -------------------------------------


def _connect_many(port: int, count: int, first_bytes: bytes, batch: int = 50) -> list[socket.socket]:
    """``count`` connections that send ``first_bytes`` (maybe nothing) and then stall; a connect the server does not
    take is left pending, as an attacker's would be."""
    held: list[socket.socket] = []
    for start in range(0, count, batch):
        pending = []
        for _ in range(min(batch, count - start)):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            if sock.connect_ex((procs.HOST, port)) not in (0, errno.EINPROGRESS):
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
                if first_bytes:
                    try:
                        sock.send(first_bytes)
                    except OSError:
                        pass
    return held


def _dropped(held: list[socket.socket]) -> int:
    """How many of ``held`` the server has closed: what it sent (a response, a close frame) is read and dropped
    until a read returns end of file or an error."""
    closed = 0
    for sock in held:
        try:
            while sock.recv(65536, socket.MSG_DONTWAIT):
                pass
            closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    return closed


async def _served_in(url: str, timeout: float) -> float:
    began = time.monotonic()
    visitor = await Visitor.open(url, source=source_address(60_000), timeout=timeout)
    await visitor.close()
    return time.monotonic() - began


def _flood_kinds(port: int) -> dict[str, tuple[int, bytes, Callable[[list[socket.socket]], Awaitable[None]] | None]]:
    host = f"Host: {procs.HOST}:{port}\r\n".encode()
    upgrade = (b"GET /_porch/ws HTTP/1.1\r\n" + host + b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
               b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")

    async def trickle(held: list[socket.socket]) -> None:  # slow clients: a header byte a second, for 30 s
        for _ in range(30):
            for sock in held:
                try:
                    sock.send(b"X")
                except OSError:
                    pass
            await asyncio.sleep(1)

    return {
        "half_open": (1100, b"GET / HTTP/1.1\r\n" + host, None),
        "slow_headers": (300, b"GET / HTTP/1.1\r\n" + host + b"X-Slow: ", trickle),
        "silent_websockets": (300, upgrade, None),
        "stalled_bodies": (300, b"POST / HTTP/1.1\r\n" + host + b"Content-Length: 1000000\r\n\r\nabc", None),
    }


def floods(*, open_files: int = 1024, timeout: float = 10.0, log: Log = print,
           log_dir: Path | None = None) -> dict[str, Any]:
    """Each kind of flood against a fresh server limited to ``open_files`` descriptors, with every phase's timeout
    at ``timeout`` seconds: a fresh client's wait to be served, the flood's connections dropped, the log it caused."""
    raise_open_files(2000)
    results: dict[str, Any] = {"open_files": open_files, "timeouts_s": timeout}
    flags = ("--header-timeout", str(timeout), "--body-timeout", str(timeout), "--hello-timeout", str(timeout))
    for kind in ("half_open", "slow_headers", "silent_websockets", "stalled_bodies"):
        with porch_server(CLICKS_APP, *flags, open_files=open_files, log_dir=log_dir) as server:
            count, first_bytes, keep_going = _flood_kinds(server.port)[kind]
            log_before = len(server.log())
            held = _connect_many(server.port, count, first_bytes)

            async def attack() -> float:
                pressure = asyncio.ensure_future(keep_going(held)) if keep_going is not None else None
                try:
                    return await _served_in(server.ws_url, timeout=timeout * 6 + 60)
                finally:
                    if pressure is not None:
                        pressure.cancel()

            try:
                served = run_coroutine(attack())
                wait_until(lambda: _dropped(held) == len(held), timeout=timeout * 3 + 30, interval=0.5)
                dropped = _dropped(held)
                healthy = procs.http_status(server.port, "/_porch/health") == 200
            finally:
                for sock in held:
                    sock.close()
            logged = server.log()[log_before:]
            results[kind] = {
                "connections": len(held), "fresh_client_served_s": served, "dropped_by_server": dropped,
                "healthy_after": healthy, "log_bytes": len(logged), "tracebacks": logged.count("Traceback"),
            }
            log(f"  floods {kind}: {len(held)} connections; a fresh client served after {served:.1f} s; "
                f"{dropped} dropped by the server; {len(logged)} bytes logged")
    return results


# -- soak ------------------------------------------------------------------------------------------------------------


def soak(*, seconds: float, clients: int = 20, sample_every: float = 10.0, session_life: float = 60.0,
         log: Log = print, log_dir: Path | None = None) -> dict[str, Any]:
    """``clients`` visitors moving the slider and clicking for ``seconds``, each leaving for a new session every
    ``session_life`` seconds (TTL 5 s: sessions expire all along); the server sampled every ``sample_every`` s."""
    samples: list[dict[str, Any]] = []
    with porch_server(CLICKS_APP, "--session-ttl", "5", log_dir=log_dir) as server:

        async def run() -> dict[str, Any]:
            end = time.monotonic() + seconds
            window: list[float] = []
            totals = {"round_trips": 0, "clicks_sent": 0, "clicks_counted": 0, "errors": 0, "sessions": 0}
            rng = random.Random(14)

            async def visitor_loop(index: int) -> None:
                serial = 0
                while time.monotonic() < end:
                    visitor = await Visitor.open(server.ws_url, source=source_address(index * 1000 + serial % 1000))
                    totals["sessions"] += 1
                    serial += 1
                    leave = min(end, time.monotonic() + session_life)
                    sent = 0
                    while time.monotonic() < leave:
                        began = time.perf_counter()
                        if rng.random() < 0.5:
                            await visitor.send({"type": "rerun", "widgets": {visitor.widgets["slider"]: rng.randint(0, 100)}})
                            finished = visitor.finished
                            await visitor.until(lambda: visitor.finished > finished, 30)
                        else:
                            sent += 1
                            await visitor.send({"type": "rerun", "widgets": {}, "trigger": visitor.widgets["button"]})
                            await visitor.until(lambda: visitor.counter("clicks") >= sent, 30)
                        window.append(time.perf_counter() - began)
                        totals["round_trips"] += 1
                        await asyncio.sleep(rng.uniform(0.05, 0.2))
                    totals["clicks_sent"] += sent
                    totals["clicks_counted"] += visitor.counter("clicks")
                    totals["errors"] += len(visitor.errors)
                    await visitor.close()

            async def sampler() -> None:
                started = time.monotonic()
                while time.monotonic() < end:
                    await asyncio.sleep(sample_every)
                    times, window[:] = sorted(window), []
                    samples.append({
                        "t_s": round(time.monotonic() - started), "rss_mib": server.rss() / MIB,
                        "open_files": server.open_files(), "threads": server.threads(),
                        "sessions": await asyncio.to_thread(server.sessions),
                        "round_trips": len(times),
                        "median_ms": 1000 * statistics.median(times) if times else None,
                        "p95_ms": 1000 * times[int(len(times) * 0.95)] if times else None,
                    })
                    log(f"  soak {samples[-1]['t_s']:>4} s: {samples[-1]['rss_mib']:.1f} MiB, "
                        f"{samples[-1]['open_files']} files, {samples[-1]['sessions']} sessions, "
                        f"p95 {samples[-1]['p95_ms'] or 0:.0f} ms")

            await asyncio.gather(sampler(), *(visitor_loop(index) for index in range(clients)))
            return totals

        totals = run_coroutine(run())
        tail = server.log()
    rss = [sample["rss_mib"] for sample in samples]
    files = [sample["open_files"] for sample in samples]
    return {
        "seconds": seconds, "clients": clients, **totals, "samples": samples,
        "rss_first_mib": rss[0] if rss else None, "rss_last_mib": rss[-1] if rss else None,
        "rss_max_mib": max(rss) if rss else None, "open_files_first": files[0] if files else None,
        "open_files_last": files[-1] if files else None, "tracebacks": tail.count("Traceback"),
    }


# -- fuzz --------------------------------------------------------------------------------------------------------------


def fuzz(*, examples: int, log: Log = print) -> dict[str, Any]:
    """``tests/reliability/test_message_fuzz.py`` with ``PORCH_FUZZ_EXAMPLES=examples``."""
    if not FUZZ_TEST.exists():
        return {"skipped": f"{FUZZ_TEST.relative_to(REPO)} not found"}
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "fuzz.json"
        env = {**os.environ, "PORCH_FUZZ_EXAMPLES": str(examples), "PORCH_FUZZ_REPORT": str(report)}
        began = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(FUZZ_TEST)],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=6 * 3600)
        figures = json.loads(report.read_text()) if report.exists() else None
    lines = done.stdout.strip().splitlines()
    log(f"  fuzz: {lines[-1] if lines else done.returncode}")
    return {"examples": examples, "passed": done.returncode == 0, "seconds": time.monotonic() - began,
            "summary": lines[-1] if lines else "", "report": figures,
            "output_tail": "" if done.returncode == 0 else (done.stdout + done.stderr)[-3000:]}


# -- the report ------------------------------------------------------------------------------------------------------


def markdown(results: dict[str, Any]) -> str:
    out = [f"# Reliability under hostile load ({results['meta']['date']})", "",
           f"{results['meta']['machine']}; figures of one run (`python -m benchmarks reliability`).", ""]
    measures = results["measures"]
    if "fuzz" in measures:
        f = measures["fuzz"]
        out += ["## Message fuzz", "", f.get("skipped") or f"{f['examples']} cases per test: {f['summary']} "
                f"({'passed' if f['passed'] else 'FAILED'}, {f['seconds']:.0f} s)", ""]
    if "floods" in measures:
        f = measures["floods"]
        out += ["## Floods", "", f"Server limited to {f['open_files']} open files; header, body and hello timeouts "
                f"{f['timeouts_s']:.0f} s.", "",
                "| flood | connections | fresh client served after | dropped by the server | log bytes | tracebacks |",
                "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for kind, r in f.items():
            if isinstance(r, dict):
                out.append(f"| {kind} | {r['connections']} | {r['fresh_client_served_s']:.1f} s | "
                           f"{r['dropped_by_server']} | {r['log_bytes']} | {r['tracebacks']} |")
        out.append("")
    for key in ("sessions", "sessions_plain", "sessions_c_malloc"):
        if key in measures:
            s = measures[key]
            out += [f"## Sessions opened and abandoned ({'with' if s['compression'] else 'without'} permessage-deflate"
                    f"{', PYTHONMALLOC=malloc' if s.get('c_malloc') else ''})",
                    "", f"{s['sessions']} sessions per burst, TTL {s['ttl_s']:.0f} s; resident memory of the server "
                    f"process after a warm-up: {s['cold_baseline_mib']:.1f} MiB.", "",
                    "| burst | before | with the sessions open | per session | after the TTL |",
                    "| ---: | ---: | ---: | ---: | ---: |"]
            for index, run in enumerate(s["runs"]):
                out.append(f"| {index + 1} | {run['before_mib']:.1f} MiB | {run['peak_mib']:.1f} MiB | "
                           f"{run['kib_per_session']:.0f} KiB | {run['after_ttl_mib']:.1f} MiB |")
            out += ["", f"After the first burst / the warm-up baseline: {s['after_first_over_cold']:.2f}; after the "
                    f"last / after the first: {s['after_last_over_after_first']:.2f}; / the warm-up baseline: "
                    f"{s['after_last_over_cold']:.2f}.", ""]
    if "clicks" in measures:
        c = measures["clicks"]
        out += ["## Clicks", "", f"{c['clients']} clients for {c['seconds']:.0f} s, bursts of 1-5 clicks sent back to "
                f"back: **sent {c['sent']}, counted {c['counted']}** ({c['refused']} refused, "
                f"{c['sessions_short']} sessions short); {c['clicks_per_s']:.0f} clicks/s.", ""]
    if "soak" in measures:
        s = measures["soak"]
        out += ["## Soak", "", f"{s['clients']} clients for {s['seconds']:.0f} s, a new session each minute: "
                f"{s['round_trips']} round trips, {s['sessions']} sessions, clicks sent {s['clicks_sent']} / "
                f"counted {s['clicks_counted']}, {s['errors']} errors, {s['tracebacks']} tracebacks logged. "
                f"RSS {s['rss_first_mib']:.1f} MiB at the first sample, {s['rss_last_mib']:.1f} at the last "
                f"(max {s['rss_max_mib']:.1f}); open files {s['open_files_first']} -> {s['open_files_last']}.", "",
                "| t | RSS | open files | threads | sessions | round trips | median | p95 |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for sample in s["samples"]:
            out.append(f"| {sample['t_s']} s | {sample['rss_mib']:.1f} MiB | {sample['open_files']} | "
                       f"{sample['threads']} | {sample['sessions']} | {sample['round_trips']} | "
                       f"{sample['median_ms'] or 0:.1f} ms | {sample['p95_ms'] or 0:.1f} ms |")
        out.append("")
    if results["errors"]:
        out += ["## Errors", "", *(f"- {error}" for error in results["errors"]), ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks reliability", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=None, help="comma-separated measures, from: " + ", ".join(MEASURES))
    parser.add_argument("--soak-seconds", type=float, default=600.0, help="length of the soak (default 600)")
    parser.add_argument("--sessions", type=int, default=1000, help="sessions per burst (default 1000)")
    parser.add_argument("--bursts", type=int, default=3, help="bursts of sessions (default 3)")
    parser.add_argument("--clients", type=int, default=100, help="clients clicking (default 100)")
    parser.add_argument("--click-seconds", type=float, default=60.0, help="how long they click (default 60)")
    parser.add_argument("--fuzz-examples", type=int, default=10_000, help="fuzz cases per test (default 10000)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help=f"output folder (default {RESULTS_DIR})")
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",")] if args.only else list(MEASURES)
    for name in only:
        if name not in MEASURES:
            parser.error(f"unknown measure {name!r}")

    def log(line: str) -> None:
        print(line, flush=True)

    log_dir = args.out / "runs" / time.strftime("reliability-%Y%m%d-%H%M%S")
    raise_open_files(4 * max(args.sessions, args.clients) + 2000)
    runners: dict[str, Callable[[], dict[str, Any]]] = {
        "fuzz": lambda: fuzz(examples=args.fuzz_examples, log=log),
        "floods": lambda: floods(log=log, log_dir=log_dir),
        "sessions": lambda: session_memory(sessions=args.sessions, bursts=args.bursts, compress=True, log=log,
                                           log_dir=log_dir),
        "clicks": lambda: clicks(clients=args.clients, seconds=args.click_seconds, log=log, log_dir=log_dir),
        "soak": lambda: soak(seconds=args.soak_seconds, log=log, log_dir=log_dir),
    }
    results: dict[str, Any] = {
        "meta": {"date": time.strftime("%Y-%m-%d %H:%M"), "python": sys.version.split()[0],
                 "machine": f"{os.cpu_count()} CPUs, {sys.platform}"},
        "measures": {}, "errors": [],
    }
    for name in only:
        log(f"{name}...")
        try:
            results["measures"][name] = runners[name]()
            if name == "sessions":
                results["measures"]["sessions_plain"] = session_memory(
                    sessions=args.sessions, bursts=1, compress=False, log=log, log_dir=log_dir)
                results["measures"]["sessions_c_malloc"] = session_memory(
                    sessions=args.sessions, bursts=1, compress=True, c_malloc=True, log=log, log_dir=log_dir)
        except Exception as exc:  # one measure failing must not lose the others' figures
            results["errors"].append(f"{name}: {type(exc).__name__}: {exc}")
            log(f"  {name} failed: {exc}")
    failed = measures_failed(results)
    results["errors"] += failed
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reliability.json").write_text(json.dumps(results, indent=1, default=str))
    text = markdown(results)
    (args.out / "reliability.md").write_text(text)
    log("")
    log(text)
    log(f"written: {args.out / 'reliability.json'}, {args.out / 'reliability.md'}")
    return 1 if results["errors"] else 0


def measures_failed(results: dict[str, Any]) -> list[str]:
    """What the figures say went wrong (each measure's own bar)."""
    measures, out = results["measures"], []
    fuzz_result = measures.get("fuzz")
    if fuzz_result and not fuzz_result.get("skipped") and not fuzz_result["passed"]:
        out.append("fuzz: the fuzz tests failed")
    for kind, flood in (measures.get("floods") or {}).items():
        if isinstance(flood, dict) and (not flood["healthy_after"] or flood["tracebacks"]):
            out.append(f"floods: {kind} left the server unhealthy or logging tracebacks")
    sessions = measures.get("sessions")
    if sessions and sessions["after_last_over_after_first"] > 1.2:
        out.append("sessions: memory after the TTL grew from burst to burst by more than 20%")
    c_malloc = measures.get("sessions_c_malloc")
    if c_malloc and c_malloc["after_first_over_cold"] > 1.2:
        out.append("sessions (PYTHONMALLOC=malloc): memory after the TTL more than 20% over the warm-up baseline")
    click_result = measures.get("clicks")
    if click_result and click_result["sent"] != click_result["counted"]:
        out.append(f"clicks: sent {click_result['sent']}, counted {click_result['counted']}")
    soak_result = measures.get("soak")
    if soak_result and (soak_result["clicks_sent"] != soak_result["clicks_counted"] or soak_result["tracebacks"]):
        out.append("soak: clicks lost or tracebacks logged")
    return out


if __name__ == "__main__":
    sys.exit(main())
