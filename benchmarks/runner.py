"""The run: for each measure, repetitions; within a repetition every system once, the order rotating from one
repetition to the next (the machines are shared and noisy, so systems alternate and ratios pair runs of the same
repetition). A measure with ``FLOOR = True`` takes the floor (the bare echo server) into its rotation as one more
peer, and reports each system's figures as multiples of the floor's from the same repetition."""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import subprocess
import time
from dataclasses import asdict
from pathlib import Path

from . import measures, peers, stats
from .context import Config, Context
from .systems import (ALL_SYSTEMS, System, compile_porch, describe_python, make, make_floor, porch_importable,
                      porch_json_encoder)


def build_context(*, systems: list[str], quick: bool, repeats: int | None, out_dir: Path,
                  install_peers: bool = True, client_python: str | None = None, porch_python: str | None = None,
                  log=print) -> Context:
    import sys

    config = Config.quick() if quick else Config.full(repeats or 5)
    if repeats and quick:
        config.repeats = repeats
    porch_python = porch_python or sys.executable
    notes: list[str] = []
    peers_python = None
    needs_peers = any(s != "porch" for s in systems)
    if needs_peers:
        if install_peers:
            peers_python = str(peers.ensure(log=log))
        elif peers.is_ready():
            peers_python = str(peers.python_path())
        else:
            raise RuntimeError("the peers venv is not ready; run without --no-install")
    elif peers.is_ready() and not quick:
        peers_python = str(peers.python_path())
    chosen: dict[str, System] = {}
    for name in systems:
        if name == "porch":
            ok, why = porch_importable(porch_python)
            if not ok:
                notes.append(f"Porch not measured: `{porch_python} -c 'import porch'` fails ({why}).")
                log(notes[-1])
                continue
            failed = compile_porch(porch_python)
            if failed is not None:
                notes.append(f"Porch's bytecode could not be written ({failed}): its launches compile it.")
                log(notes[-1])
        chosen[name] = make(name, porch_python=porch_python, peers_python=peers_python)
    # The client side: the same libraries drive every system. Quick mode stays in this interpreter so CI needs no
    # peers venv; Streamlit's client needs Streamlit's protobuf classes, so with peers it is the peers venv.
    if client_python is None:
        client_python = porch_python if (quick or peers_python is None) else peers_python
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    log_dir = out_dir / "runs" / stamp if not quick else out_dir / "logs"
    return Context(config=config, systems=chosen, client_python=client_python, out_dir=out_dir, log_dir=log_dir,
                   quick=quick, log=log, notes=notes, floor=make_floor(client_python))


def run(ctx: Context, only: list[str] | None = None) -> dict:
    names = [m for m in measures.ORDER if (only is None or m in only)]
    started = time.monotonic()
    results: dict = {"meta": machine_meta(ctx), "config": asdict(ctx.config), "measures": {}, "errors": [],
                     "notes": list(ctx.notes)}
    for name in names:
        module = measures.load(name)
        systems = [s for n, s in ctx.systems.items() if n in getattr(module, "SYSTEMS", ALL_SYSTEMS)]
        if not systems:
            continue
        if getattr(module, "FLOOR", False):
            systems.insert(0, ctx.floor)
        repeats = {"memory": ctx.config.memory_repeats, "import_time": ctx.config.import_repeats}.get(
            name, ctx.config.repeats)
        entry = {"metrics": [list(m) for m in module.METRICS], "systems": {s.name: {"runs": []} for s in systems}}
        results["measures"][name] = entry
        failures = {s.name: 0 for s in systems}
        for r in range(repeats):
            k = r % len(systems)
            for system in systems[k:] + systems[:k]:
                if failures[system.name] >= 2:
                    continue
                ctx.log(f"[{time.monotonic() - started:6.0f}s] {name} {system.name} {r + 1}/{repeats}")
                try:
                    res = module.run_once(ctx, system)
                    failures[system.name] = 0
                except Exception as exc:  # one failure does not stop the others
                    failures[system.name] += 1
                    msg = f"{name}/{system.name} run {r + 1}: {type(exc).__name__}: {str(exc)[:1500]}"
                    results["errors"].append(msg)
                    ctx.log("  ERROR " + msg)
                    res = {"error": str(exc)[:500]}
                res["repeat"] = r
                entry["systems"][system.name]["runs"].append(res)
                ctx.log("  " + _brief(res, module.METRICS))
        finish = getattr(module, "finish", None)
        if finish is not None:  # e.g. the desktop measure's Xvfb
            try:
                finish(ctx)
            except Exception as exc:  # noqa: BLE001
                results["notes"].append(f"{name}: cleanup failed: {exc}")
        summarise(entry)
        _save_partial(ctx, results)
    results["meta"]["duration_s"] = time.monotonic() - started
    results["meta"]["load_end"] = _load_average()
    return results


def summarise(entry: dict) -> None:
    """Each system's summary; ``ratios[metric][peer]``: Porch / peer; with the floor measured,
    ``over_floor[metric][system]``: system / floor. Every ratio pairs the two figures of one repetition."""
    keys = [m[0] for m in entry["metrics"]]
    for sys_entry in entry["systems"].values():
        sys_entry["summary"] = {k: stats.summary(run.get(k) for run in sys_entry["runs"]) for k in keys}
    runs = {name: {run["repeat"]: run for run in e["runs"]} for name, e in entry["systems"].items()}
    if "porch" in runs:
        peers_ = [n for n in runs if n not in ("porch", "floor")]
        entry["ratios"] = {k: {p: _paired(runs["porch"], runs[p], k) for p in peers_} for k in keys}
    if "floor" in runs:
        measured = [n for n in runs if n != "floor"]
        entry["over_floor"] = {k: {n: _paired(runs[n], runs["floor"], k) for n in measured} for k in keys}


def _paired(numerator: dict[int, dict], denominator: dict[int, dict], key: str) -> dict:
    """Summary of numerator / denominator over the repetitions where both have a figure for ``key``."""
    pairs = []
    for repeat, run in numerator.items():
        other = denominator.get(repeat, {})
        if isinstance(run.get(key), (int, float)) and isinstance(other.get(key), (int, float)) and other[key]:
            pairs.append(run[key] / other[key])
    return stats.summary(pairs)


def _brief(res: dict, metrics: list) -> str:
    parts = []
    for key, _label, unit, _b in metrics:
        v = res.get(key)
        if isinstance(v, float):
            parts.append(f"{key}={v:.4g}{unit}")
        elif v is not None:
            parts.append(f"{key}={v}{unit}")
    for extra in ("skipped", "error", "note"):
        if extra in res:
            parts.append(f"{extra}: {str(res[extra])[:200]}")
    return ", ".join(parts)


def _save_partial(ctx: Context, results: dict) -> None:
    ctx.log_dir.mkdir(parents=True, exist_ok=True)
    (ctx.log_dir / "partial.json").write_text(json.dumps(results, indent=1))


def machine_meta(ctx: Context) -> dict:
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    pythons: dict[str, str] = {}
    for s in ctx.systems.values():
        versions.update(peers.versions(s.python, list(s.packages)))
        pythons[s.name] = describe_python(s.python)
    versions.update({f"client {k}": v for k, v in
                     peers.versions(ctx.client_python, ["playwright", "tornado", "psutil"]).items()})
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip().splitlines()[-1]
    except (OSError, subprocess.TimeoutExpired, IndexError):
        chromium = None
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "memory_gib": round(mem / 2**30, 1) if mem else None,
                    "platform": platform.platform(), "os": _os_release()},
        "python": pythons, "client_python": describe_python(ctx.client_python), "versions": versions,
        "chromium": chromium, "quick": ctx.quick, "systems": list(ctx.systems), "load_start": _load_average(),
        "porch_json": porch_json_encoder(ctx.systems["porch"].python) if "porch" in ctx.systems else None,
    }


def _load_average() -> float | None:
    """The machine's load average over the last minute (runnable processes; 2 on two busy cores): the machines are
    shared, and the figures are worth reading with it."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _os_release() -> str | None:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return None


__all__ = ["build_context", "run", "ALL_SYSTEMS"]
