"""The measures, one module each. Every module defines:

- ``NAME`` and ``METRICS``: ``[(key, label, unit, better)]`` with ``better`` "lower" or "higher";
- ``run_once(ctx, system) -> dict``: one repetition for one system, in the harness process; returns metric values;
- optionally ``async client_main(args) -> dict``: its client side, run by ``benchmarks.driver`` in a subprocess;
- optionally ``SYSTEMS``: the only systems it runs on (of those selected);
- optionally ``FLOOR = True``: the floor (a bare WebSocket echo server) joins the rotation as one more peer.
"""

from __future__ import annotations

import importlib
from types import ModuleType

ORDER = ["import_time", "cold_start", "rerun", "fragment", "dataframe", "line_chart", "cache_hit", "page_switch",
         "click", "throughput", "memory", "desktop", "handoff", "replicas"]


def load(name: str) -> ModuleType:
    if name not in ORDER:
        raise ValueError(f"unknown measure {name!r} (known: {', '.join(ORDER)})")
    return importlib.import_module(f"benchmarks.measures.{name}")
