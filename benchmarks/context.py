"""What a run knows: its options, the systems, which interpreters play client and server, where output goes.

Also the two things every measure does: start a system's server and wait for it to answer, and hand a task to the
driver subprocess.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import procs
from .systems import REPO, System


@dataclass
class Config:
    """Sizes of everything. ``full()`` is the published comparison, ``quick()`` the tiny CI configuration."""

    repeats: int = 5
    rerun_count: int = 200
    rerun_warmup: int = 10
    click_count: int = 20
    throughput_clients: int = 10
    throughput_seconds: float = 10.0
    memory_levels: tuple[int, ...] = (1, 10, 100, 1000)
    #: Beyond the memory levels, keep adding sessions (held levels) while the p95 rerun stays under the limit.
    held_levels: tuple[int, ...] = (200, 500, 2000, 5000, 10000)
    held_p95_limit_ms: float = 100.0
    held_probe_reruns: int = 50
    held_budget_s: float = 120.0  # per system and repetition: stop adding sessions after this long
    memory_repeats: int = 3
    import_repeats: int = 7
    startup_timeout_s: float = 90.0
    #: Issues 10 and 11: jumps to row 500,000 of the 1M-row grid, page loads of the 100,000-point chart on a running
    #: server, page switches, cache hits of the 1M-row frame (each after a few warm-up ones where the measure says).
    jump_count: int = 40
    chart_loads: int = 5
    page_switch_count: int = 20
    cache_hit_count: int = 100
    #: Sizes of the dataframe and cache apps' frame (rows x 10 floats) and of the line chart (points), given to the
    #: apps as BENCH_ROWS and BENCH_POINTS: the issue's sizes, smaller in the quick configuration (a chart still
    #: above the 5,000 rows from which Porch draws on a canvas, as at the issue's size).
    frame_rows: int = 1_000_000
    chart_points: int = 100_000

    @classmethod
    def full(cls, repeats: int = 5) -> "Config":
        return cls(repeats=repeats, memory_repeats=max(1, min(repeats, 2)), import_repeats=max(repeats, 5))

    @classmethod
    def quick(cls) -> "Config":
        return cls(repeats=1, rerun_count=20, rerun_warmup=2, click_count=3, throughput_clients=2,
                   throughput_seconds=1.0, memory_levels=(1, 5), held_levels=(), held_probe_reruns=10,
                   held_budget_s=30.0, memory_repeats=1, import_repeats=1, startup_timeout_s=60.0, jump_count=5,
                   chart_loads=1, page_switch_count=3, cache_hit_count=5, frame_rows=100_000, chart_points=6_000)


@dataclass
class Context:
    config: Config
    systems: dict[str, System]
    client_python: str  # interpreter of the driver (the measures' client side)
    out_dir: Path
    log_dir: Path
    floor: System  # the bare echo server, a peer in the measures that ask for it (``FLOOR``)
    quick: bool = False
    log: callable = print
    notes: list[str] = field(default_factory=list)

    def run_driver(self, measure: str, args: dict, timeout: float) -> dict:
        """Run ``measure``'s client side in the driver subprocess; return its result or raise with its error."""
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env.pop("PYTHONHOME", None)
        task = json.dumps({"measure": measure, "args": args})
        res = subprocess.run([self.client_python, "-m", "benchmarks.driver"], input=task, capture_output=True,
                             text=True, timeout=timeout, cwd=str(REPO), env=env)
        for line in reversed(res.stdout.splitlines()):
            if line.startswith("RESULT "):
                out = json.loads(line[len("RESULT "):])
                if out["ok"]:
                    return out["result"]
                raise RuntimeError(f"{measure} client: {out['error']}\n{out.get('traceback', '')}")
        raise RuntimeError(f"{measure} client gave no result (exit {res.returncode}): {res.stderr[-2000:]}")

    def log_path(self, system: str, what: str) -> Path:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return self.log_dir / f"{system}-{what}.log"

    @contextlib.contextmanager
    def server(self, system: System, what: str) -> Iterator[procs.Server]:
        """Start ``system``'s server on a free port, wait for its health endpoint, stop it afterwards."""
        port = procs.free_port()
        log_path = self.log_path(system.name, what)
        proc, t0 = procs.launch(system.command(port), env=system.env, cwd=system.app.parent, log_path=log_path)
        server = procs.Server(system.name, proc, port, t0, log_path)
        try:
            try:
                procs.wait_http_ok(port, system.health_path, timeout=self.config.startup_timeout_s, proc=proc)
            except (RuntimeError, TimeoutError) as exc:
                tail = log_path.read_text(errors="replace")[-1500:] if log_path.exists() else ""
                raise RuntimeError(f"{system.name} did not start: {exc}\n{tail}") from exc
            yield server
        finally:
            server.stop()


def this_python() -> str:
    return sys.executable
