"""Writing the results: raw JSON, a Markdown table (median [min–max] per system, ratios Porch / peer from the same
repetitions, the issue's targets), and the plot (drawn by plot.py in an interpreter that has matplotlib)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from . import measures, peers, stats

#: The targets of issue 5: (measure, metric, against, bound, kind). kind "max_ratio": Porch / peer <= bound;
#: "min_ratio": Porch / peer >= bound; "max_abs": Porch's own median <= bound; "max_floor": Porch / floor <= bound.
TARGETS = [
    ("cold_start", "health_s", "streamlit", 0.3, "max_ratio"),
    ("cold_start", "content_s", "streamlit", 0.3, "max_ratio"),
    ("cold_start", "content_s", "nicegui", 0.5, "max_ratio"),
    ("cold_start", "requests", None, 10, "max_abs"),
    ("cold_start", "kbytes", None, 100, "max_abs"),
    ("click", "median_ms", "streamlit", 0.2, "max_ratio"),
    ("click", "median_ms", "nicegui", 1.0, "max_ratio"),
    ("rerun", "median_ms", "streamlit", 0.1, "max_ratio"),
    ("rerun", "median_ms", "floor", 3.0, "max_floor"),
    ("throughput", "reruns_per_s", "streamlit", 10.0, "min_ratio"),
    ("memory", "mib_per_session", "streamlit", 0.5, "max_ratio"),
    ("memory", "held", "streamlit", 10.0, "min_ratio"),
    ("desktop", "window_s", "nicegui", 0.6, "max_ratio"),
]


def write(results: dict, out_dir: Path, *, stem: str = "latest", plot_python: str | None = None) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    results["targets"] = evaluate_targets(results)
    paths = {"json": out_dir / f"{stem}.json", "md": out_dir / f"{stem}.md", "png": out_dir / f"{stem}.png"}
    paths["json"].write_text(json.dumps(results, indent=1, default=str))
    paths["md"].write_text(markdown(results, png_name=paths["png"].name))
    written = {"json": str(paths["json"]), "md": str(paths["md"])}
    python = plot_python or (str(peers.python_path()) if peers.is_ready() else None)
    if python:
        res = subprocess.run([python, str(Path(__file__).with_name("plot.py")), str(paths["json"]),
                              str(paths["png"])], capture_output=True, text=True, timeout=300)
        if res.returncode == 0:
            written["png"] = str(paths["png"])
        else:
            results.setdefault("notes", []).append(f"plot failed: {res.stderr.strip()[-300:]}")
    return written


def _median(results: dict, measure: str, system: str, metric: str):
    try:
        return results["measures"][measure]["systems"][system]["summary"][metric]["median"]
    except KeyError:
        return None


def evaluate_targets(results: dict) -> list[dict]:
    out = []
    for measure, metric, peer, bound, kind in TARGETS:
        row = {"measure": measure, "metric": metric, "against": peer, "bound": bound, "kind": kind,
               "value": None, "met": None}
        mine = _median(results, measure, "porch", metric)
        if kind == "max_abs":
            row["value"] = mine
        elif kind == "max_floor":
            floor = _median(results, "floor", "floor", metric)
            row["value"] = mine / floor if (mine is not None and floor) else None
        else:
            try:
                row["value"] = results["measures"][measure]["ratios"][metric][peer]["median"]
            except KeyError:
                row["value"] = None
        if row["value"] is not None:
            row["met"] = row["value"] >= bound if kind == "min_ratio" else row["value"] <= bound
        out.append(row)
    return out


def _fmt(v, unit: str = "") -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer()):
        return f"{int(v):,}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    if abs(v) >= 1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def markdown(results: dict, png_name: str = "latest.png") -> str:
    meta = results["meta"]
    m = meta["machine"]
    systems = [s for s in ("porch", "streamlit", "nicegui") if any(
        s in e["systems"] for e in results["measures"].values())]
    peers_ = [s for s in systems if s != "porch"]
    v = meta["versions"]
    lines = [
        "# Porch benchmarks: latest run" + (" (quick configuration)" if meta.get("quick") else ""),
        "",
        f"- Date: {meta['date']}",
        f"- Machine: {m['cores']} cores, {m['memory_gib']} GiB, {m.get('os') or m['platform']}",
        "- Python: " + ", ".join(f"{k} {val}" for k, val in meta["python"].items())
        + f"; clients on Python {meta['client_python']}",
        "- Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if val) + (
            f"; {meta['chromium']}" if meta.get("chromium") else ""),
        f"- Repetitions: {results['config']['repeats']} (memory {results['config']['memory_repeats']}, import "
        f"{results['config']['import_repeats']}); systems alternate run by run. Duration "
        f"{meta.get('duration_s', 0):.0f} s.",
        "",
        "Each cell: median [min – max] over repetitions. Ratios are Porch / peer, paired by repetition (median of the "
        "per-repetition ratios): below 1 Porch is faster or smaller, except for throughput and sessions held, where "
        "above 1 is better.",
        "",
    ]
    header = ["measure", "unit"] + systems + [f"Porch / {p}" for p in peers_ if "porch" in systems]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for name in measures.ORDER:
        entry = results["measures"].get(name)
        if not entry:
            continue
        for key, label, unit, _better in entry["metrics"]:
            cells = [f"{name}: {label}", unit]
            any_value = False
            for s in systems:
                summ = entry["systems"].get(s, {}).get("summary", {}).get(key)
                if name == "floor":
                    summ = entry["systems"].get("floor", {}).get("summary", {}).get(key) if s == systems[0] else None
                if summ and summ["median"] is not None:
                    any_value = True
                    cells.append(f"{_fmt(summ['median'])} [{_fmt(summ['min'])} – {_fmt(summ['max'])}]")
                else:
                    cells.append(_skip_reason(entry, s, name))
            if "porch" in systems:
                for p in peers_:
                    r = entry.get("ratios", {}).get(key, {}).get(p)
                    cells.append(f"{_fmt(r['median'])} [{_fmt(r['min'])} – {_fmt(r['max'])}]"
                                 if r and r["median"] is not None else "–")
            if any_value:
                lines.append("| " + " | ".join(cells) + " |")
    floor = _median(results, "floor", "floor", "median_ms")
    if floor:
        lines += ["", f"The floor (bare tornado WebSocket echo on loopback, same client): {_fmt(floor)} ms per round "
                      "trip (in the first system column above). Protocol rerun medians as multiples of it: "
                  + ", ".join(f"{s} {_median(results, 'rerun', s, 'median_ms') / floor:.1f}x" for s in systems
                              if _median(results, "rerun", s, "median_ms")) + "."]
    thr = results["measures"].get("throughput")
    if thr:
        parts = []
        for s, e in thr["systems"].items():
            cl = [r["client_cpu"] for r in e["runs"] if "client_cpu" in r]
            sv = [r["server_cpu"] for r in e["runs"] if "server_cpu" in r]
            if cl:
                parts.append(f"{s} client {_fmt(stats.median(cl))}" + (f", server {_fmt(stats.median(sv))}" if sv else ""))
        if parts:
            lines += ["", "Cores kept busy during the throughput window (CPU seconds per second; two cores in all; a "
                          "client near 1 means the load generator, not the server, set the pace): " + "; ".join(parts)
                      + "."]
    mem = results["measures"].get("memory")
    if mem:
        lines += ["", "Memory levels (last repetition): sessions → RSS MiB (p95 rerun ms):", ""]
        for s, e in mem["systems"].items():
            runs = [r for r in e["runs"] if "levels" in r]
            if runs:
                lv = runs[-1]["levels"]
                lines.append(f"- {s}: " + ", ".join(
                    f"{row['sessions']} → {_fmt(row['rss_mib'])} ({_fmt(row['p95_ms'])})" for row in lv)
                    + f"; stopped: {runs[-1].get('held_stopped')}")
    targets = results.get("targets", [])
    if targets and "porch" in systems:
        lines += ["", "## Issue 5 targets (Porch)", "", "| measure | metric | target | value | met |", "|---|---|---|---|---|"]
        for t in targets:
            what = {"max_ratio": f"<= {t['bound']} x {t['against']}", "min_ratio": f">= {t['bound']} x {t['against']}",
                    "max_abs": f"<= {t['bound']}", "max_floor": f"<= {t['bound']} x floor"}[t["kind"]]
            met = "–" if t["met"] is None else ("yes" if t["met"] else "**no**")
            lines.append(f"| {t['measure']} | {t['metric']} | {what} | {_fmt(t['value'])} | {met} |")
    notes = list(results.get("notes", []))
    if results.get("errors"):
        notes += [f"error: {e.splitlines()[0][:300]}" for e in results["errors"]]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    lines += ["", f"![latest run]({png_name})", ""]
    return "\n".join(lines)


def _skip_reason(entry: dict, system: str, name: str) -> str:
    runs = entry["systems"].get(system, {}).get("runs", [])
    if not runs:
        return "–"
    if any("skipped" in r for r in runs):
        return "skipped"
    if any("error" in r for r in runs):
        return "error"
    return "–"
