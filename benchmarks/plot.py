"""Draw results/latest.png from results/latest.json. Runs in the peers venv (matplotlib), not in Porch's environment.

Run: python plot.py RESULTS.json OUT.png
"""

from __future__ import annotations

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"porch": "#2a9d8f", "streamlit": "#e76f51", "nicegui": "#5898d4", "floor": "#999999"}
PANELS = [  # (measure, metric, title)
    ("cold_start", "health_s", "cold start to health (s)"),
    ("cold_start", "content_s", "launch to content in Chromium (s)"),
    ("cold_start", "kbytes", "kB until content visible"),
    ("click", "median_ms", "click to updated page (ms)"),
    ("rerun", "median_ms", "protocol rerun round trip (ms)"),
    ("throughput", "reruns_per_s", "reruns/s, 10 clients (higher is better)"),
    ("memory", "mib_per_session", "MiB per session"),
    ("import_time", "import_ms", "import time (ms)"),
    ("dataframe", "launch_to_rows_s", "launch to rows of a 1M-row frame (s)"),
    ("dataframe", "scroll_p95_ms", "jump to row 500,000, p95 (ms)"),
    ("line_chart", "nav_to_chart_s", "page open to 100k-point chart (s)"),
    ("cache_hit", "median_ms", "rerun with a cache_data hit, 1M rows (ms)"),
    ("page_switch", "median_ms", "page switch (ms)"),
]


def main(src: str, dst: str) -> None:
    results = json.load(open(src))
    panels = [p for p in PANELS if p[0] in results["measures"]]
    if not panels:
        return
    cols = 4
    rows = (len(panels) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.2 * rows), squeeze=False)
    for ax, (measure, metric, title) in zip(axes.flat, panels):
        systems = results["measures"][measure]["systems"]
        names, med, lo, hi = [], [], [], []
        for name in ("porch", "streamlit", "nicegui", "floor"):  # the floor: where a measure took it as a peer
            s = systems.get(name, {}).get("summary", {}).get(metric)
            if s and s["median"] is not None:
                names.append(name)
                med.append(s["median"])
                lo.append(s["median"] - s["min"])
                hi.append(s["max"] - s["median"])
        ax.bar(names, med, yerr=[lo, hi], color=[COLORS[n] for n in names], capsize=3)
        if measure == "rerun":
            ax.set_yscale("log")  # Streamlit is two orders of magnitude above the rest
            title += ", log scale"
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=8)
        for i, v in enumerate(med):
            ax.annotate(f"{v:.3g}", (i, v), ha="center", va="bottom", fontsize=7, xytext=(0, 2),
                        textcoords="offset points")
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    meta = results["meta"]
    fig.suptitle(f"Porch vs peers — {meta['date'][:10]}, {meta['machine']['cores']} cores "
                 f"(median, whiskers min–max)", fontsize=10)
    fig.tight_layout()
    fig.savefig(dst, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
