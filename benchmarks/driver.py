"""The client side of the measures, run as a subprocess: ``python -m benchmarks.driver`` with a JSON task on stdin.

The harness process (Porch's interpreter) only launches servers and collects numbers; everything that speaks to a
server (WebSockets, Chromium through Playwright) runs here, in the peers venv for a full comparison (the same client
libraries drive every system) or in the harness's own interpreter in quick mode. The task is
``{"measure": name, "args": {...}}``; the answer is one line ``RESULT <json>`` on stdout.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import resource
import sys
import traceback

RESULT_PREFIX = "RESULT "


def _raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def main() -> int:
    task = json.loads(sys.stdin.read())
    _raise_fd_limit()
    module = importlib.import_module(f"benchmarks.measures.{task['measure']}")
    try:
        result = asyncio.run(module.client_main(task.get("args", {})))
        out = {"ok": True, "result": result}
    except Exception as exc:  # reported to the harness, which records it and carries on
        out = {"ok": False, "error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
    sys.stdout.write(RESULT_PREFIX + json.dumps(out) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
