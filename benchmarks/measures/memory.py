"""Memory: server resident memory with 1, 10, 100 and 1,000 sessions that have each run the app once; the memory per
session (least-squares slope); and the largest number of sessions held with the p95 rerun still under 100 ms.

Sessions are opened in batches (each a WebSocket session whose first run has finished, kept open and idle) up to each
level; after a short settle the resident memory of the server's whole process tree is read (psutil), and one extra
probe session times ``held_probe_reruns`` reruns for the p95. After the memory levels the harness keeps adding
sessions (``held_levels``) while the p95 stays under the limit and the time budget lasts; "held" is the largest level
reached with p95 under the limit, and ``held_capped`` says the search stopped at the budget or the last level rather
than at the limit.
"""

from __future__ import annotations

import asyncio
import time

from .. import procs, stats
from ..clients import make_client

NAME = "memory"
METRICS = [
    ("mib_per_session", "memory per session (slope)", "MiB", "lower"),
    ("rss_1_mib", "RSS with 1 session", "MiB", "lower"),
    ("rss_max_mib", "RSS at the largest memory level", "MiB", "lower"),
    ("held", "sessions held with p95 rerun < 100 ms", "", "higher"),
]

BATCH = 10  # sessions opened concurrently


def run_once(ctx, system) -> dict:
    cfg = ctx.config
    with ctx.server(system, NAME) as server:
        return ctx.run_driver(NAME, {
            "system": system.name, "port": server.port, "path": system.ws_path, "pid": server.pid,
            "memory_levels": list(cfg.memory_levels), "held_levels": list(cfg.held_levels),
            "p95_limit_ms": cfg.held_p95_limit_ms, "probe_reruns": cfg.held_probe_reruns,
            "budget_s": cfg.held_budget_s,
        }, timeout=cfg.held_budget_s * 3 + 600)


async def client_main(args: dict) -> dict:
    system, port, path, pid = args["system"], args["port"], args.get("path"), args["pid"]
    sessions: list = []
    rows = []
    start = time.monotonic()
    probe = make_client(system, port, path)
    await probe.connect()
    held, capped, stopped = 0, True, ""
    over_limit_seen = False
    mem_levels = args["memory_levels"]
    levels = sorted(set(mem_levels) | set(args["held_levels"]))
    try:
        for level in levels:
            if level > max(mem_levels) and time.monotonic() - start > args["budget_s"]:
                stopped = f"time budget ({args['budget_s']:.0f} s) spent before {level} sessions"
                break
            try:
                t_open = time.monotonic()
                while len(sessions) + 1 < level:  # the probe is a session too: level = sessions + probe
                    batch = [make_client(system, port, path) for _ in range(min(BATCH, level - 1 - len(sessions)))]
                    sessions.extend(batch)
                    await asyncio.gather(*(c.connect() for c in batch))
                open_s = time.monotonic() - t_open
                await asyncio.sleep(1.0)  # let the server finish what the sessions started
                rss = procs.tree_rss_bytes(pid)
                times = [await probe.rerun() for _ in range(args["probe_reruns"])]
            except Exception as exc:  # noqa: BLE001 - the server gave up at this level: that ends the search
                if level == levels[0]:
                    raise
                capped, stopped = False, f"failed at {level} sessions: {type(exc).__name__} {exc}"[:300]
                break
            p95 = stats.percentile([t * 1000 for t in times], 95)
            rows.append({"sessions": level, "rss_mib": rss / 2**20 if rss else None, "p95_ms": p95,
                         "open_s": open_s})
            if p95 is not None and p95 < args["p95_limit_ms"]:
                if not over_limit_seen:
                    held = level
            else:
                if not over_limit_seen:
                    capped, stopped = False, f"p95 {p95:.1f} ms at {level} sessions"
                over_limit_seen = True
            if over_limit_seen and level >= max(mem_levels):
                break  # memory levels done and the limit found: no point opening more
        else:
            stopped = stopped or f"last level ({levels[-1]}) reached"
    finally:
        await probe.close()
        for c in sessions:
            try:
                await c.close()
            except Exception:  # noqa: BLE001
                pass
    mem_rows = [r for r in rows if r["sessions"] in mem_levels and r["rss_mib"] is not None]
    slope = stats.slope([r["sessions"] for r in mem_rows], [r["rss_mib"] for r in mem_rows])
    return {
        "mib_per_session": slope,
        "rss_1_mib": mem_rows[0]["rss_mib"] if mem_rows else None,
        "rss_max_mib": mem_rows[-1]["rss_mib"] if mem_rows else None,
        "held": held,
        "held_capped": capped,
        "held_stopped": stopped,
        "levels": rows,
    }
