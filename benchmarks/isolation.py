"""python -m benchmarks.isolation [--sessions N] [--reruns N] [--repeats N] [--out FILE.json]

What ``--isolation process`` costs against the default (threads in one process), on the benchmark app
(``apps/porch_app.py``: a slider moved, 22 elements change):

- memory per session: the server's whole process tree (the engine, the fork server, one process per session) with
  ``--sessions`` sessions open that have each run the app once, less the tree with none (after one session has come
  and gone, so that imports and the fork server are in both), divided by the sessions.
  Reported as resident memory summed over the processes (RSS, which counts pages the processes share once per
  process) and as proportional set size (PSS, which splits shared pages between the processes sharing them: the
  memory the machine really gives). Linux only for PSS;
- rerun round trip: the slider moved and the run's end reported back, median and p95 over ``--reruns``; and the CPU
  time the server's process tree spent per rerun (user + system, all its processes), which a busy machine disturbs
  far less than it disturbs a time measured by the clock;
- session start: a new connection's ``hello`` to its first run's end, median over a few new sessions.

Each mode runs ``--repeats`` times, in alternation (thread, process, thread...), on 127.0.0.1; the figure is the
median over repetitions. The engine runs from this interpreter (``python -m porch.shell.cli``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import procs
from .clients import PorchClient

APP = Path(__file__).parent / "apps" / "porch_app.py"
MODES = ("thread", "process")
MIB = 1024 * 1024


def tree_memory(pid: int) -> dict[str, float]:
    """RSS and PSS (when the system reports it) of ``pid`` and its descendants, in MiB."""
    import psutil

    root = psutil.Process(pid)
    rss = pss = 0
    count = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            info = process.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        count += 1
        rss += info.rss
        pss += getattr(info, "pss", info.uss)
    return {"rss_mib": rss / MIB, "pss_mib": pss / MIB, "processes": count}


def tree_cpu_seconds(pid: int) -> float:
    """User and system CPU time of ``pid`` and its descendants so far, in seconds."""
    import psutil

    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


async def measure_mode(mode: str, sessions: int, reruns: int) -> dict[str, Any]:
    port = procs.free_port()
    command = [sys.executable, "-m", "porch.shell.cli", "run", str(APP), "--headless", "--host", procs.HOST,
               "--port", str(port), "--isolation", mode, "--no-run-on-save", "--log-level", "warning",
               "--session-ttl", "0"]
    log = Path(tempfile.mkstemp(prefix=f"porch-isolation-{mode}-", suffix=".log")[1])
    process, _ = procs.launch(command, log_path=log)
    clients: list[PorchClient] = []
    try:
        procs.wait_http_ok(port, "/_porch/health", proc=process)
        warm = PorchClient(port)  # imports, the fork server, the compiled script: not part of any figure
        await warm.connect()
        await warm.close()  # with no TTL its session (and its process) ends at once
        await asyncio.sleep(2.0)
        empty = tree_memory(process.pid)
        for _ in range(sessions):
            client = PorchClient(port)
            await client.connect()
            clients.append(client)
        await asyncio.sleep(1.0)
        full = tree_memory(process.pid)
        probe = clients[0]
        for _ in range(20):
            await probe.rerun()
        cpu_before = tree_cpu_seconds(process.pid)
        times = [await probe.rerun() * 1000 for _ in range(reruns)]
        cpu_per_rerun = (tree_cpu_seconds(process.pid) - cpu_before) * 1000 / reruns
        starts = []
        for _ in range(5):
            client = PorchClient(port)
            began = time.perf_counter()
            await client.connect()
            starts.append((time.perf_counter() - began) * 1000)
            clients.append(client)
        return {
            "mode": mode,
            "sessions": sessions,
            "rss_per_session_mib": (full["rss_mib"] - empty["rss_mib"]) / sessions,
            "pss_per_session_mib": (full["pss_mib"] - empty["pss_mib"]) / sessions,
            "rss_empty_mib": empty["rss_mib"],
            "processes": full["processes"],
            "rerun_median_ms": statistics.median(times),
            "rerun_p95_ms": statistics.quantiles(times, n=20)[-1],
            "cpu_per_rerun_ms": cpu_per_rerun,
            "session_start_median_ms": statistics.median(starts),
        }
    except Exception:
        procs.stop_process_group(process)
        print(f"the {mode} server failed; its log ({log}):\n{log.read_text()[-4000:]}", file=sys.stderr)
        raise
    finally:
        for client in clients:
            await client.close()
        procs.stop_process_group(process)
        log.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.isolation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20, help="sessions open for the memory figure (default 20)")
    parser.add_argument("--reruns", type=int, default=200, help="reruns timed per repetition (default 200)")
    parser.add_argument("--repeats", type=int, default=3, help="repetitions of each mode (default 3)")
    parser.add_argument("--out", type=Path, default=None, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
    for repeat in range(args.repeats):
        for mode in MODES if repeat % 2 == 0 else tuple(reversed(MODES)):
            result = asyncio.run(measure_mode(mode, args.sessions, args.reruns))
            runs[mode].append(result)
            print(f"  {mode:<8} repetition {repeat + 1}: " + ", ".join(
                f"{key}={value:.2f}" for key, value in result.items() if isinstance(value, float)), flush=True)
    rows = [
        ("memory per session (RSS, summed)", "rss_per_session_mib", "MiB"),
        ("memory per session (PSS)", "pss_per_session_mib", "MiB"),
        ("rerun round trip, median", "rerun_median_ms", "ms"),
        ("rerun round trip, p95", "rerun_p95_ms", "ms"),
        ("server CPU time per rerun (all its processes)", "cpu_per_rerun_ms", "ms"),
        ("new session to its first run's end, median", "session_start_median_ms", "ms"),
    ]
    print()
    print(f"{'':<46}{'thread':>10}{'process':>10}   (median of {args.repeats}, {args.sessions} sessions)")
    for label, key, unit in rows:
        thread = statistics.median(r[key] for r in runs["thread"])
        process = statistics.median(r[key] for r in runs["process"])
        print(f"{label + ' (' + unit + ')':<46}{thread:>10.2f}{process:>10.2f}")
    if args.out is not None:
        args.out.write_text(json.dumps(runs, indent=2))
        print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
