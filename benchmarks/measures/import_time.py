"""Import time: ``python -X importtime -c "import <package>"``, the cumulative time of the top-level package.

Each system's own interpreter (Porch: the harness's; the peers: the peers venv), a fresh process per repetition
(bytecode caches warm: the first, cache-filling run is discarded).
"""

from __future__ import annotations

import subprocess

NAME = "import_time"
METRICS = [("import_ms", "import time (cumulative, -X importtime)", "ms", "lower")]

PACKAGES = {"porch": "porch", "streamlit": "streamlit", "nicegui": "nicegui"}


def importtime_ms(python: str, package: str) -> float:
    res = subprocess.run([python, "-X", "importtime", "-c", f"import {package}"], capture_output=True, text=True,
                         timeout=120)
    if res.returncode != 0:
        raise RuntimeError(f"import {package} failed: {res.stderr.strip().splitlines()[-1:]}")
    for line in res.stderr.splitlines():
        # "import time:      self [us] | cumulative | imported package"
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:"):].split("|")
        if len(parts) == 3 and parts[2].rstrip() == f" {package}":
            return int(parts[1]) / 1000.0
    raise RuntimeError(f"no importtime line for {package}")


_warmed: set[tuple[str, str]] = set()


def run_once(ctx, system) -> dict:
    package = PACKAGES[system.name]
    key = (system.python, package)
    if key not in _warmed:
        importtime_ms(system.python, package)
        _warmed.add(key)
    return {"import_ms": importtime_ms(system.python, package)}
