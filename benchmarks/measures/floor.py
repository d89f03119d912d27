"""The floor: the rerun round trip through a bare tornado WebSocket echo server on loopback.

Same client code, same message size as a Porch rerun, no application in between: what this machine allows. Each
system's rerun median is also shown as a multiple of this.
"""

from __future__ import annotations

from .. import procs
from ..systems import REPO
from . import rerun

NAME = "floor"
SYSTEMS = ["floor"]
METRICS = rerun.METRICS


def run_once(ctx, system) -> dict:
    port = procs.free_port()
    cmd = [ctx.client_python, "-m", "benchmarks.floor_server", str(port)]
    proc, _ = procs.launch(cmd, cwd=REPO, env={"PYTHONPATH": str(REPO)}, log_path=ctx.log_path("floor", "server"))
    try:
        procs.wait_http_ok(port, "/health", timeout=30, proc=proc)
        return ctx.run_driver(NAME, {"system": "floor", "port": port, "path": "/ws",
                                     "count": ctx.config.rerun_count, "warmup": ctx.config.rerun_warmup},
                              timeout=300)
    finally:
        procs.stop_process_group(proc)


client_main = rerun.client_main
