"""Fragment rerun against full rerun (issue 11), Porch only: the same page of 1,000 elements, an event inside a
``porch.fragment`` against an event outside it.

The app (``apps/porch_fragment_app.py``) has a slider outside the fragment and one inside. Over one session the client
alternates: move the inside slider (the fragment reruns: two elements run, two deltas come back), move the outside
one (the whole script reruns: 1,000 elements run and are compared with what the page shows, two deltas come back).
Each is timed from the ``rerun`` message to the run's end reported back, as in ``rerun``. The figures are the median
of each and ``ratio``, fragment / full (the medians' ratio): issue 11 asks for at most 0.2.
"""

from __future__ import annotations

import dataclasses
import json
import time

from .. import stats
from ..clients import ProtocolFailure, _read, _ws_connect
from ..systems import APPS

NAME = "fragment"
SYSTEMS = ("porch",)
METRICS = [
    ("fragment_ms", "fragment rerun round trip, 1,000-element page (median)", "ms", "lower"),
    ("full_ms", "full rerun round trip, same page (median)", "ms", "lower"),
    ("ratio", "fragment rerun / full rerun", "x", "lower"),
]
APP = APPS / "porch_fragment_app.py"


def run_once(ctx, system) -> dict:
    with ctx.server(dataclasses.replace(system, app=APP), NAME) as server:
        return ctx.run_driver(NAME, {"port": server.port, "path": system.ws_path, "count": ctx.config.rerun_count,
                                     "warmup": ctx.config.rerun_warmup}, timeout=600)


async def client_main(args: dict) -> dict:
    ws = await _ws_connect(f"ws://127.0.0.1:{args['port']}{args['path']}")
    try:
        await ws.write_message(json.dumps({"type": "hello", "protocol": 1}))
        sliders: dict[str, str] = {}
        await _until_finished(ws, sliders)
        if set(sliders) != {"Outside", "Inside"}:
            raise ProtocolFailure(f"the first run sent sliders {sorted(sliders)}, not Outside and Inside")
        values = {"Outside": 10, "Inside": 10}

        async def rerun(label: str) -> float:
            values[label] = 30 if values[label] != 30 else 20
            payload = json.dumps({"type": "rerun", "widgets": {sliders[label]: values[label]}})
            started = time.perf_counter()
            await ws.write_message(payload)
            await _until_finished(ws, sliders)
            return time.perf_counter() - started

        for _ in range(args["warmup"]):
            await rerun("Inside")
            await rerun("Outside")
        fragment, full = [], []
        for _ in range(args["count"]):
            fragment.append(await rerun("Inside") * 1000)
            full.append(await rerun("Outside") * 1000)
    finally:
        ws.close()
    result = {"fragment_ms": stats.median(fragment), "full_ms": stats.median(full), "n": len(fragment),
              "fragment_p95_ms": stats.percentile(fragment, 95), "full_p95_ms": stats.percentile(full, 95)}
    result["ratio"] = result["fragment_ms"] / result["full_ms"]
    return result


async def _until_finished(ws, sliders: dict[str, str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        frame = json.loads(await _read(ws, max(0.001, deadline - time.monotonic())))
        for msg in frame if isinstance(frame, list) else [frame]:
            kind = msg.get("type")
            if kind == "delta":
                element = msg.get("element") or {}
                if element.get("kind") == "slider":
                    sliders[element["props"]["label"]] = element["id"]
            elif kind == "error":
                raise ProtocolFailure(f"server error {msg.get('code')}: {msg.get('message')}")
            elif kind == "run" and msg.get("state") == "finished":
                if msg.get("status") != "ok":
                    raise ProtocolFailure(f"a run ended {msg.get('status')!r}")
                return
