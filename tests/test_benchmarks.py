"""The benchmark suite in its tiny configuration (Porch only), so that it cannot rot between full runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run_quick

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_every_measure_runs_on_porch(tmp_path: Path) -> None:
    results = run_quick(tmp_path)
    assert results["errors"] == [], results["errors"]
    assert results["meta"]["systems"] == ["porch"]
    figures = {
        ("import_time", "import_ms"),
        ("floor", "median_ms"),
        ("cold_start", "health_s"),
        ("cold_start", "content_s"),
        ("rerun", "median_ms"),
        ("click", "median_ms"),
        ("throughput", "reruns_per_s"),
        ("memory", "rss_1_mib"),
    }
    for measure, metric in sorted(figures):
        system = "floor" if measure == "floor" else "porch"  # the floor is the bare WebSocket echo, not a system
        summary = results["measures"][measure]["systems"][system]["summary"]
        assert summary[metric]["median"] > 0, (measure, metric)
    assert (tmp_path / "quick.md").read_text().startswith("# ")
