"""A ``cache_data`` hit of a 1,000,000-row frame (issue 10), Porch and Streamlit: a rerun whose script gets the
frame from the cache, timed by the protocol clients as ``rerun`` times its reruns.

The app (``apps/porch_cache_app.py``, ``apps/streamlit_cache_app.py``: the same script but for the import) calls a
``cache_data`` function returning a 1,000,000 x 10 float frame (80 MB) on every run, then shows a slider, a button and
one line of text. The first run (the session's, in ``connect``) computes and stores the frame; every later run is a
hit, which both systems answer as Streamlit documents ``cache_data``: the value is kept pickled and each hit unpickles
a copy of its own (Streamlit from one pickle; Porch keeps the frame's blocks beside its pickle, protocol 5's
out-of-band buffers, in a memory file each hit maps copy-on-write: ``porch/api/_cache_copies.py``). Over one session the client moves the slider (as in ``rerun``: Porch ``rerun {widgets}`` to
``{"type":"run","state":"finished"}``, Streamlit a ``rerun_script`` BackMsg to ``script_finished``), a few warm-up
reruns first, then ``cache_hit_count`` timed ones: the median and p95 per repetition. The same rerun without the
cache (the ``rerun`` measure's app) is that measure's figure; the difference is the hit.
"""

from __future__ import annotations

import dataclasses

from .. import stats
from ..clients import make_client
from ..systems import APPS

NAME = "cache_hit"
SYSTEMS = ("porch", "streamlit")
METRICS = [
    ("median_ms", "rerun with a cache_data hit of a 1M x 10 frame (median)", "ms", "lower"),
    ("p95_ms", "rerun with a cache_data hit of a 1M x 10 frame (p95)", "ms", "lower"),
]
APPS_BY_SYSTEM = {"porch": APPS / "porch_cache_app.py", "streamlit": APPS / "streamlit_cache_app.py"}
WARMUP = 3


def run_once(ctx, system) -> dict:
    app = dataclasses.replace(system, app=APPS_BY_SYSTEM[system.name],
                              env={**system.env, "BENCH_ROWS": str(ctx.config.frame_rows)})
    with ctx.server(app, NAME) as server:
        return ctx.run_driver(NAME, {"system": system.name, "port": server.port, "path": system.ws_path,
                                     "count": ctx.config.cache_hit_count, "warmup": WARMUP}, timeout=600)


async def client_main(args: dict) -> dict:
    client = make_client(args["system"], args["port"], args.get("path"))
    client.timeout = 120.0  # the first run computes the frame and pickles it into the cache
    await client.connect()
    client.timeout = 30.0
    try:
        for _ in range(args["warmup"]):
            await client.rerun()
        ms = [await client.rerun() * 1000 for _ in range(args["count"])]
    finally:
        await client.close()
    return {"median_ms": stats.median(ms), "p95_ms": stats.percentile(ms, 95), "min_ms": min(ms), "n": len(ms)}
