"""Protocol rerun round trip: an event sent over the system's own WebSocket protocol to the run's end reported back.

One session; a few warm-up reruns; then ``rerun_count`` reruns, each moving the slider to a new value and timing
until the end of the run arrives (Porch: ``{"type": "run", "state": "finished"}``; Streamlit: the
``script_finished`` ForwardMsg; NiceGUI: the ``update`` message after the slider's event handler). The figure per
repetition is the median (and p95) of those round trips.

The floor takes part as one more peer: the same client code and message size against a bare tornado WebSocket echo
server, in the same rotation, so each system's figures are also reported as multiples of the floor's from the same
repetition (the runner's ``over_floor``).
"""

from __future__ import annotations

from .. import stats
from ..clients import make_client

NAME = "rerun"
FLOOR = True
METRICS = [
    ("median_ms", "protocol rerun round trip (median)", "ms", "lower"),
    ("p95_ms", "protocol rerun round trip (p95)", "ms", "lower"),
]


def run_once(ctx, system) -> dict:
    with ctx.server(system, NAME) as server:
        return ctx.run_driver(NAME, {"system": system.name, "port": server.port, "path": system.ws_path,
                                     "count": ctx.config.rerun_count, "warmup": ctx.config.rerun_warmup},
                              timeout=600)


async def client_main(args: dict) -> dict:
    client = make_client(args["system"], args["port"], args.get("path"))
    await client.connect()
    try:
        for _ in range(args["warmup"]):
            await client.rerun()
        times = [await client.rerun() for _ in range(args["count"])]
    finally:
        await client.close()
    ms = [t * 1000 for t in times]
    return {"median_ms": stats.median(ms), "p95_ms": stats.percentile(ms, 95), "min_ms": min(ms), "n": len(ms)}
