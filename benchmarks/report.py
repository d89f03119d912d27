"""Writing the results: raw JSON, a Markdown table (median [min–max] per system, ratios Porch / peer from the same
repetitions, the issue's targets), and the plot (drawn by plot.py in an interpreter that has matplotlib)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from . import measures, peers, stats

#: The issues' targets: (issue, measure, metric, against, bound, kind). kind "max_ratio": Porch / peer <= bound;
#: "min_ratio": Porch / peer >= bound; "max_abs": Porch's own median <= bound; "max_floor": Porch / floor <= bound
#: (the floor measured in the same repetitions, the measure's ``over_floor``).
TARGETS = [
    (5, "cold_start", "health_s", "streamlit", 0.3, "max_ratio"),
    (5, "cold_start", "content_s", "streamlit", 0.3, "max_ratio"),
    (5, "cold_start", "content_s", "nicegui", 0.5, "max_ratio"),
    (5, "cold_start", "requests", None, 10, "max_abs"),
    (5, "cold_start", "kbytes", None, 100, "max_abs"),
    (5, "click", "median_ms", "streamlit", 0.2, "max_ratio"),
    (5, "click", "median_ms", "nicegui", 1.0, "max_ratio"),
    (5, "rerun", "median_ms", "streamlit", 0.1, "max_ratio"),
    (5, "rerun", "median_ms", "floor", 3.0, "max_floor"),
    (5, "throughput", "reruns_per_s", "streamlit", 10.0, "min_ratio"),
    (5, "memory", "mib_per_session", "streamlit", 0.5, "max_ratio"),
    (5, "memory", "held", "streamlit", 10.0, "min_ratio"),
    (5, "desktop", "window_s", "nicegui", 0.6, "max_ratio"),
    # Issue 10: a 1,000,000 x 10 float frame in st.dataframe, a line chart of 100,000 points ("visible": checked from
    # the launch and from opening the page on a running server), a cache_data hit of the 1M-row frame.
    (10, "dataframe", "launch_to_rows_s", "streamlit", 0.1, "max_ratio"),
    (10, "dataframe", "kbytes", "streamlit", 0.01, "max_ratio"),
    (10, "dataframe", "scroll_p95_ms", None, 50, "max_abs"),
    (10, "dataframe", "memory_x", None, 1.2, "max_abs"),
    (10, "line_chart", "launch_to_chart_s", "streamlit", 0.3, "max_ratio"),
    (10, "line_chart", "nav_to_chart_s", "streamlit", 0.3, "max_ratio"),
    (10, "cache_hit", "median_ms", "streamlit", 0.2, "max_ratio"),
    # Issue 11: a fragment's rerun on a page of 1,000 elements against a full rerun of that page; switching pages.
    (11, "fragment", "ratio", None, 0.2, "max_abs"),
    (11, "page_switch", "median_ms", "streamlit", 0.3, "max_ratio"),
    # Issue 13: replicas behind HAProxy (CPU per rerun of the proxy and three replicas against one replica served
    # directly; the latency the proxy adds), and a session of 40 kB handed to another replica through Redis.
    (13, "replicas", "cpu_ratio", None, 1.15, "max_abs"),
    (13, "replicas", "proxy_added_ms", None, 0.1, "max_abs"),
    (13, "handoff", "moved_median_ms", None, 50, "max_abs"),
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
    for issue, measure, metric, peer, bound, kind in TARGETS:
        row = {"issue": issue, "measure": measure, "metric": metric, "against": peer, "bound": bound, "kind": kind,
               "value": None, "met": None}
        mine = _median(results, measure, "porch", metric)
        if kind == "max_abs":
            row["value"] = mine
        else:
            ratios = "over_floor" if kind == "max_floor" else "ratios"
            system = "porch" if kind == "max_floor" else peer
            try:
                row["value"] = results["measures"][measure][ratios][metric][system]["median"]
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
    title = "a partial run (some measures or systems)" if Path(png_name).stem == "partial" else "latest run"
    title += " (quick configuration)" if meta.get("quick") else ""
    m = meta["machine"]
    systems = [s for s in ("porch", "streamlit", "nicegui") if any(
        s in e["systems"] for e in results["measures"].values())]
    peers_ = [s for s in systems if s != "porch"]
    v = meta["versions"]
    lines = [
        "# Porch benchmarks: " + title,
        "",
        f"- Date: {meta['date']}",
        f"- Machine: {m['cores']} cores, {m['memory_gib']} GiB, {m.get('os') or m['platform']}" + _load(meta),
        "- Python: " + ", ".join(f"{k} {val}" for k, val in meta["python"].items())
        + f"; clients on Python {meta['client_python']}",
        "- Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if val) + (
            f"; {meta['chromium']}" if meta.get("chromium") else ""),
        f"- Porch's JSON encoder: {meta.get('porch_json') or 'unknown'}",
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
            summaries = [entry["systems"].get(s, {}).get("summary", {}).get(key) for s in systems]
            if not any(summ and summ["median"] is not None for summ in summaries):
                continue
            cells = [_cell(summ) if summ and summ["median"] is not None else _skip_reason(entry, s, name)
                     for s, summ in zip(systems, summaries)]
            if "porch" in systems:
                cells += [_cell(entry.get("ratios", {}).get(key, {}).get(p)) for p in peers_]
            lines.append("| " + " | ".join([f"{name}: {label}", unit] + cells) + " |")
            over_floor = entry.get("over_floor", {}).get(key)
            if over_floor:
                cells = [_cell(over_floor.get(s)) for s in systems]
                cells += ["–"] * (len(header) - 2 - len(cells))
                lines.append("| " + " | ".join([f"{name}: {label} / the floor's", "x"] + cells) + " |")
    for name, entry in results["measures"].items():
        floor = entry["systems"].get("floor", {}).get("summary", {})
        figures = [f"{label} {_cell(floor.get(key))} {unit}" for key, label, unit, _b in entry["metrics"]
                   if floor.get(key, {}).get("median") is not None]
        if figures:
            lines += ["", f"The floor in `{name}`: the same client and messages against a bare tornado WebSocket echo "
                          "server on loopback, one more peer in the rotation of every repetition: " + ", ".join(figures)
                      + ". The rows “/ the floor's” divide each system's figure by the floor's from the same "
                        "repetition (median [min – max] of those ratios)."]
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
    targets = [t for t in results.get("targets", []) if t["measure"] in results["measures"]]  # a subset: its own
    if targets and "porch" in systems:
        issues = [str(i) for i in sorted({t["issue"] for t in targets})]
        named = issues[0] if len(issues) == 1 else ", ".join(issues[:-1]) + " and " + issues[-1]
        lines += ["", f"## Targets of issue{'s' if len(issues) > 1 else ''} {named} (Porch)", "",
                  "The issue's target against the median of Porch's figures (\"<= N\") or of the per-repetition ratios "
                  "Porch / peer (\"<= N x peer\"); \"–\" when a system it needs was not measured.", "",
                  "| issue | measure | metric | target | value | met |", "|---|---|---|---|---|---|"]
        for t in targets:
            what = {"max_ratio": f"<= {t['bound']} x {t['against']}", "min_ratio": f">= {t['bound']} x {t['against']}",
                    "max_abs": f"<= {t['bound']}", "max_floor": f"<= {t['bound']} x floor"}[t["kind"]]
            met = "–" if t["met"] is None else ("yes" if t["met"] else "**no**")
            lines.append(f"| {t['issue']} | {t['measure']} | {t['metric']} | {what} | {_fmt(t['value'])} | {met} |")
    notes = list(results.get("notes", []))
    if results.get("errors"):
        notes += [f"error: {e.splitlines()[0][:300]}" for e in results["errors"]]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    lines += ["", f"![latest run]({png_name})", ""]
    return "\n".join(lines)


def _load(meta: dict) -> str:
    """The load average at the run's start and end, when known (the machine is shared with other work)."""
    start, end = meta.get("load_start"), meta.get("load_end")
    if start is None and end is None:
        return ""
    return f"; load average (1 min) {_fmt(start)} at the start, {_fmt(end)} at the end (a shared machine)"


def _cell(summary: dict | None) -> str:
    """A summary as "median [min – max]", or "–" without a figure."""
    if not summary or summary["median"] is None:
        return "–"
    return f"{_fmt(summary['median'])} [{_fmt(summary['min'])} – {_fmt(summary['max'])}]"


def _skip_reason(entry: dict, system: str, name: str) -> str:
    runs = entry["systems"].get(system, {}).get("runs", [])
    if not runs:
        return "–"
    if any("skipped" in r for r in runs):
        return "skipped"
    if any("error" in r for r in runs):
        return "error"
    return "–"
