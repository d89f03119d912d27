"""Porch against Streamlit and NiceGUI, side by side, in one run (issue 5).

``python -m benchmarks`` runs the full comparison; :func:`run_quick` is the tiny configuration a test calls so the
suite cannot rot. See README.md.
"""

from __future__ import annotations

from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def run_quick(out_dir, *, systems: tuple[str, ...] = ("porch",), log=None) -> dict:
    """Run every measure once in the tiny configuration and write ``quick.{json,md}`` (and a plot if matplotlib is
    reachable) to ``out_dir``. Returns the results dict (see README.md, "The contract of run_quick")."""
    from . import report, runner

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ctx = runner.build_context(systems=list(systems), quick=True, repeats=None, out_dir=out, install_peers=False,
                               log=log or (lambda *_: None))
    missing = [s for s in systems if s not in ctx.systems]
    if missing:
        raise RuntimeError(f"cannot measure {', '.join(missing)}: " + "; ".join(ctx.notes))
    results = runner.run(ctx)
    results["written"] = report.write(results, out, stem="quick")
    return results
