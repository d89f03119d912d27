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
                                     "clients": ctx.config.throughput_clients,
                                     "seconds": ctx.config.throughput_seconds},
                              timeout=ctx.config.throughput_seconds + 240)


async def client_main(args: dict) -> dict:
    clients = [make_client(args["system"], args["port"], args.get("path")) for _ in range(args["clients"])]
    await asyncio.gather(*(c.connect() for c in clients))
    for c in clients:  # one warm-up rerun each
        await c.rerun()
    counts = [0] * len(clients)
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
    return {"reruns_per_s": sum(counts) / elapsed, "reruns": sum(counts), "clients": len(clients),
            "per_client_min": min(counts), "per_client_max": max(counts)}
