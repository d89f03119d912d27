"""Replicas behind HAProxy (issue 13): what the proxy costs, and how reruns per second grow with replicas.

The benchmark app (``apps/porch_app.py``) on ``porch run --headless --replica-id X`` replicas (no store: what is
measured is the proxy, not Redis), behind HAProxy run from the recipe of ``docs/deploy.md`` (its ``haproxy`` block,
addresses and port changed, the servers of absent replicas left out), everything on loopback on free ports, started
here and stopped after. The protocol clients (``clients.PorchClient``, each a session of its own, spread by the
proxy's round robin) run in the driver subprocess, on the same machine.

- ``rps_1``, ``rps_2``, ``rps_3``: reruns per second with 1, 2 and 3 replicas behind HAProxy, ``clients`` sessions
  sending back to back (as ``throughput``); ``rps_direct``: one replica served directly. ``cores``: the CPUs this
  process may use; the clients share them with the servers, so past the cores the figure stops growing.
- ``direct_cpu_us`` and ``proxied_cpu_us``: CPU time (user + system, psutil ``cpu_times``) per rerun of one replica
  served directly, and of HAProxy and the three replicas together; ``cpu_ratio`` the second over the first (the
  issue's target: at most 1.15, so throughput grows with cores, not with Porch).
- ``direct_ms``, ``proxied_ms``: one session's rerun round trip (median), straight to a replica and through the
  proxy, the two alternating so the machine's drift hits both; ``proxy_added_ms``, the second less the first (the
  target: at most 0.1 ms).

Run alone: ``python -m benchmarks.measures.replicas [--seconds S] [--clients N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from .. import procs, stats

NAME = "replicas"
SYSTEMS = ("porch",)
METRICS = [
    ("rps_1", "reruns per second, 1 replica behind HAProxy", "/s", "higher"),
    ("rps_2", "reruns per second, 2 replicas behind HAProxy", "/s", "higher"),
    ("rps_3", "reruns per second, 3 replicas behind HAProxy", "/s", "higher"),
    ("rps_direct", "reruns per second, 1 replica served directly", "/s", "higher"),
    ("direct_cpu_us", "CPU per rerun, 1 replica served directly", "us", "lower"),
    ("proxied_cpu_us", "CPU per rerun, HAProxy and 3 replicas together", "us", "lower"),
    ("cpu_ratio", "CPU per rerun, HAProxy and 3 replicas / 1 replica served directly", "x", "lower"),
    ("cpu_ratio_1", "CPU per rerun, HAProxy and 1 replica / 1 replica served directly", "x", "lower"),
    ("direct_ms", "rerun round trip, straight to a replica (median)", "ms", "lower"),
    ("proxied_ms", "rerun round trip, through HAProxy (median)", "ms", "lower"),
    ("proxy_added_ms", "latency HAProxy adds to a rerun (median)", "ms", "lower"),
]
REPO = Path(__file__).resolve().parents[2]
APP = REPO / "benchmarks" / "apps" / "porch_app.py"
DOC_ADDRESSES = {"a": "10.0.0.11:8501", "b": "10.0.0.12:8501", "c": "10.0.0.13:8501"}


def haproxy_config(backends: dict[str, int], port: int) -> str:
    """The recipe of docs/deploy.md for the replicas on ``backends`` (id to port), listening on ``port``."""
    doc = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    recipe, = re.findall(r"```haproxy\n(.*?)```", doc, re.S)
    lines = []
    for line in recipe.splitlines():
        server = re.match(r"\s*server (\w+) ", line)
        if server and server.group(1) not in backends:
            continue
        lines.append(line)
    text = "\n".join(lines).replace("bind :8080", f"bind 127.0.0.1:{port}")
    for replica, address in DOC_ADDRESSES.items():
        if replica in backends:
            text = text.replace(address, f"127.0.0.1:{backends[replica]}")
    return "global\n    maxconn 4096\n\n" + text + "\n"


class Cluster:
    """Three replicas of the benchmark app, and HAProxy in front of the first ``n`` of them on demand."""

    def __init__(self, stack: ExitStack, folder: Path, log_dir: Path) -> None:
        self.stack = stack
        self.folder = folder
        self.log_dir = log_dir
        self.replicas: dict[str, procs.Server] = {}
        for replica in DOC_ADDRESSES:
            port = procs.free_port()
            log = log_dir / f"replicas-{replica}.log"
            proc, started = procs.launch(
                [sys.executable, "-m", "porch.shell.cli", "run", str(APP), "--headless", "--host", "127.0.0.1",
                 "--port", str(port), "--replica-id", replica, "--no-run-on-save", "--drain-grace", "0",
                 "--log-level", "warning"], cwd=APP.parent, log_path=log)
            server = procs.Server(f"porch-{replica}", proc, port, started, log)
            stack.callback(server.stop)
            self.replicas[replica] = server
        for server in self.replicas.values():
            procs.wait_http_ok(server.port, "/_porch/health", timeout=60, proc=server.proc)

    def proxy(self, n: int) -> procs.Server:
        """HAProxy in front of replicas a.. (``n`` of them); stopped with the cluster or by the caller."""
        binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(binary).exists():
            raise RuntimeError("haproxy is not installed (Debian: apt install haproxy; .ci/setup --test)")
        port = procs.free_port()
        backends = {replica: server.port for replica, server in list(self.replicas.items())[:n]}
        config = self.folder / f"haproxy-{n}.cfg"
        config.write_text(haproxy_config(backends, port))
        log = self.log_dir / f"replicas-haproxy-{n}.log"
        proc, started = procs.launch([binary, "-db", "-f", str(config)], log_path=log)
        server = procs.Server(f"haproxy-{n}", proc, port, started, log)
        self.stack.callback(server.stop)
        procs.wait_http_ok(port, "/_porch/health", timeout=30, proc=proc)
        return server


def measure(seconds: float, clients: int, samples: int, log_dir: Path, drive: Any) -> dict[str, Any]:
    """``drive(args)``: the client side (``client_main``) with ``args``, in the driver or in this process."""
    result: dict[str, Any] = {"cores": len(os.sched_getaffinity(0)), "clients": clients, "seconds": seconds}
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        cluster = Cluster(stack, Path(folder), log_dir)
        a = cluster.replicas["a"]
        every = [server.pid for server in cluster.replicas.values()]

        def served_directly() -> dict[str, Any]:
            return dict(drive({"mode": "load", "port": a.port, "clients": clients, "seconds": seconds,
                               "pids": [a.pid]}))

        # Served directly before and after the proxied runs, the two added up: the machine's drift over the runs
        # weighs on both sides of the ratio alike.
        before = served_directly()
        for n in (1, 2, 3):
            front = cluster.proxy(n)
            load = drive({"mode": "load", "port": front.port, "clients": clients, "seconds": seconds,
                          "pids": [front.pid, *every[:n]]})
            result[f"rps_{n}"] = load["reruns_per_s"]
            result[f"cpu_us_{n}"] = load["cpu_s"] / load["reruns"] * 1e6
            result[f"proxy_cpu_us_{n}"] = load["cpu_by_pid"][0] / load["reruns"] * 1e6
            if n == 1:
                # Both sessions on replica a, one through the proxy: only the proxy differs.
                result.update(drive({"mode": "latency", "direct": a.port, "proxied": front.port, "samples": samples}))
            front.stop()
        after = served_directly()
        result["rps_direct"] = (before["reruns"] + after["reruns"]) / (2 * seconds)
        result["direct_cpu_us"] = (before["cpu_s"] + after["cpu_s"]) / (before["reruns"] + after["reruns"]) * 1e6
        result["proxied_cpu_us"] = result["cpu_us_3"]
        result["cpu_ratio"] = result["cpu_us_3"] / result["direct_cpu_us"]
        result["cpu_ratio_1"] = result["cpu_us_1"] / result["direct_cpu_us"]
    return result


async def client_main(args: dict[str, Any]) -> dict[str, Any]:
    from ..clients import PorchClient

    if args["mode"] == "latency":
        # Two sessions, one straight to a replica, one through the proxy in front of it alone: their reruns alternate,
        # which one goes first too (the first of a pair finds the machine idler).
        direct, proxied = PorchClient(args["direct"]), PorchClient(args["proxied"])
        await direct.connect()
        await proxied.connect()
        straight: list[float] = []
        through: list[float] = []
        try:
            for number in range(args["samples"] + 20):
                if number % 2:
                    pair = (await direct.rerun(), await proxied.rerun())
                else:
                    through_first = await proxied.rerun()
                    pair = (await direct.rerun(), through_first)
                if number >= 20:  # warm-up
                    straight.append(pair[0] * 1000)
                    through.append(pair[1] * 1000)
        finally:
            await direct.close()
            await proxied.close()
        added = [b - a for a, b in zip(straight, through)]
        return {"direct_ms": stats.median(straight), "proxied_ms": stats.median(through),
                "proxy_added_ms": stats.median(added), "latency_n": len(added)}

    sessions = [PorchClient(args["port"]) for _ in range(args["clients"])]
    await asyncio.gather(*(session.connect() for session in sessions))
    for session in sessions:
        await session.rerun()
    counts = [0] * len(sessions)
    cpu_before = [_cpu(pid) for pid in args["pids"]]
    end = time.perf_counter() + args["seconds"]

    async def loop(index: int) -> None:
        while time.perf_counter() < end:
            await sessions[index].rerun()
            counts[index] += 1

    try:
        await asyncio.gather(*(loop(index) for index in range(len(sessions))))
        cpu_after = [_cpu(pid) for pid in args["pids"]]
    finally:
        for session in sessions:
            await session.close()
    used = [after - before for before, after in zip(cpu_before, cpu_after)]
    return {"reruns_per_s": sum(counts) / args["seconds"], "reruns": sum(counts), "cpu_s": sum(used),
            "cpu_by_pid": used}


def _cpu(pid: int) -> float:
    """User and system CPU seconds of ``pid`` and its children (a replica's workers are threads, HAProxy's too)."""
    import psutil

    process = psutil.Process(pid)
    return sum(part.cpu_times().user + part.cpu_times().system
               for part in (process, *process.children(recursive=True)))


def run_once(ctx: Any, system: Any) -> dict[str, Any]:
    ctx.log_dir.mkdir(parents=True, exist_ok=True)
    seconds = 0.5 if ctx.quick else 5.0
    clients = 2 if ctx.quick else 12
    return measure(seconds, clients, 10 if ctx.quick else 300, ctx.log_dir,
                   lambda args: ctx.run_driver(NAME, args, timeout=seconds + 120))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.replicas", description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args(argv)

    def drive(task: dict[str, Any]) -> dict[str, Any]:
        done = subprocess.run([sys.executable, "-m", "benchmarks.driver"], input=json.dumps(
            {"measure": NAME, "args": task}), capture_output=True, text=True, timeout=args.seconds + 120, cwd=REPO)
        line = next(line for line in reversed(done.stdout.splitlines()) if line.startswith("RESULT "))
        answer = json.loads(line[len("RESULT "):])
        if not answer["ok"]:
            raise RuntimeError(answer["error"] + "\n" + answer.get("traceback", ""))
        return dict(answer["result"])

    with tempfile.TemporaryDirectory() as logs:
        print(json.dumps(measure(args.seconds, args.clients, args.samples, Path(logs), drive), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
