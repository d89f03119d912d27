"""Throughput: reruns completed per second with ``throughput_clients`` sessions sending back to back.

Each client sends its next rerun as soon as the previous one's end arrives, until the time is up; reruns completed
within the window are counted. The clients share one driver process (and the machine's cores with the server), as
browsers on the same machine would.
"""

from __future__ import annotations

import asyncio
import time

from ..clients import make_client

NAME = "throughput"
METRICS = [("reruns_per_s", "reruns per second (concurrent clients)", "/s", "higher")]


def run_once(ctx, system) -> dict:
    with ctx.server(system, NAME) as server:
        return ctx.run_driver(NAME, {"system": system.name, "port": server.port, "path": system.ws_path,
                                     "pid": server.pid,
                                     "clients": ctx.config.throughput_clients,
                                     "seconds": ctx.config.throughput_seconds},
                              timeout=ctx.config.throughput_seconds + 240)


async def client_main(args: dict) -> dict:
    clients = [make_client(args["system"], args["port"], args.get("path")) for _ in range(args["clients"])]
    await asyncio.gather(*(c.connect() for c in clients))
    for c in clients:  # one warm-up rerun each
        await c.rerun()
    counts = [0] * len(clients)
    cpu0 = _cpu(args.get("pid"))
    start = time.perf_counter()
    end = start + args["seconds"]

    async def loop(i: int) -> None:
        while time.perf_counter() < end:
            await clients[i].rerun()
            if time.perf_counter() <= end:
                counts[i] += 1

    try:
        await asyncio.gather(*(loop(i) for i in range(len(clients))))
    finally:
        for c in clients:
            await c.close()
    elapsed = args["seconds"]
    cpu1 = _cpu(args.get("pid"))
    # CPU seconds per second of the window: near 1.0 for the client means one core was busy driving the load, so
    # the figure is bounded by the client rather than the server (there are only two cores to share).
    usage = {f"{k}_cpu": (cpu1[k] - cpu0[k]) / elapsed for k in cpu0 if cpu0[k] is not None and cpu1[k] is not None}
    return {"reruns_per_s": sum(counts) / elapsed, "reruns": sum(counts), "clients": len(clients),
            "per_client_min": min(counts), "per_client_max": max(counts), **usage}


def _cpu(pid: int | None) -> dict:
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    out = {"client": ru.ru_utime + ru.ru_stime, "server": None}
    if pid:
        try:
            import psutil  # type: ignore

            p = psutil.Process(pid)
            out["server"] = sum(sum(q.cpu_times()[:2]) for q in [p, *p.children(recursive=True)])
        except Exception:  # noqa: BLE001 - psutil missing or the process gone: no server figure
            pass
    return out
