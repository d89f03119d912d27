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
        ("cold_start", "health_s"),
        ("cold_start", "content_s"),
        ("rerun", "median_ms"),
        ("click", "median_ms"),
        ("throughput", "reruns_per_s"),
        ("memory", "rss_1_mib"),
    }
    for measure, metric in sorted(figures):
        summary = results["measures"][measure]["systems"]["porch"]["summary"]
        assert summary[metric]["median"] > 0, (measure, metric)

    # The floor (the bare WebSocket echo) is a peer in the rerun measure's rotation, not a system of the run; Porch's
    # rerun is reported as a multiple of the floor's from the same repetition.
    rerun = results["measures"]["rerun"]
    assert set(rerun["systems"]) == {"floor", "porch"}
    floor_run, = rerun["systems"]["floor"]["runs"]
    porch_run, = rerun["systems"]["porch"]["runs"]
    assert floor_run["repeat"] == porch_run["repeat"] == 0 and floor_run["n"] == porch_run["n"] > 0
    assert floor_run["median_ms"] > 0
    over_floor = rerun["over_floor"]["median_ms"]["porch"]
    assert over_floor["n"] == 1 and over_floor["median"] == porch_run["median_ms"] / floor_run["median_ms"]
    target, = [t for t in results["targets"] if t["kind"] == "max_floor"]
    assert target["value"] == over_floor["median"] and target["met"] == (target["value"] <= target["bound"])
    assert "floor" not in results["measures"]["cold_start"]["systems"]

    report = (tmp_path / "quick.md").read_text()
    assert report.startswith("# ")
    assert "| rerun: protocol rerun round trip (median) / the floor's | x | " in report
    assert results["meta"]["porch_json"] in report
