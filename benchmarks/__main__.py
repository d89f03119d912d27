"""python -m benchmarks [--systems porch,streamlit,nicegui] [--repeats N] [--quick] [--only m1,m2] [--out DIR]

python -m benchmarks reliability [--only ...] [--soak-seconds S] ...: Porch under hostile load (see reliability.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import RESULTS_DIR, measures, report, runner
from .systems import ALL_SYSTEMS


def main(argv: list[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["reliability"]:  # a subcommand; every other command line is the comparison's flags
        from . import reliability

        return reliability.main(given[1:])
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("--systems", default=",".join(ALL_SYSTEMS),
                    help="comma-separated, from: " + ", ".join(ALL_SYSTEMS))
    ap.add_argument("--repeats", type=int, default=None, help="repetitions per measure (default 5; quick 1)")
    ap.add_argument("--quick", action="store_true",
                    help="tiny configuration (Porch only unless --systems is given), as the CI test runs it")
    ap.add_argument("--only", default=None, help="comma-separated measures, from: " + ", ".join(measures.ORDER))
    ap.add_argument("--out", type=Path, default=None, help=f"output folder (default {RESULTS_DIR})")
    ap.add_argument("--no-install", action="store_true", help="do not create or update the peers venv")
    ap.add_argument("--client-python", default=None, help="interpreter for the client side (default: peers venv)")
    args = ap.parse_args(argv)

    systems_given = any(a.startswith("--systems") for a in (argv if argv is not None else sys.argv[1:]))
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    if args.quick and not systems_given:
        systems = ["porch"]
    for s in systems:
        if s not in ALL_SYSTEMS:
            ap.error(f"unknown system {s!r}")
    only = [m.strip() for m in args.only.split(",")] if args.only else None
    for m in only or []:
        if m not in measures.ORDER:
            ap.error(f"unknown measure {m!r}")
    out = args.out or RESULTS_DIR

    def log(msg: str) -> None:
        print(msg, flush=True)

    ctx = runner.build_context(systems=systems, quick=args.quick, repeats=args.repeats, out_dir=out,
                               install_peers=not args.no_install, client_python=args.client_python, log=log)
    if not ctx.systems:
        log("nothing to measure: " + "; ".join(ctx.notes))
        return 1
    results = runner.run(ctx, only)
    # Only a full comparison (every system, every measure) replaces latest.*; a subset goes to partial.*.
    complete = only is None and set(ctx.systems) == set(ALL_SYSTEMS)
    stem = "quick" if args.quick else ("latest" if complete else "partial")
    written = report.write(results, out, stem=stem)
    log("")
    log(Path(written["md"]).read_text())
    log("written: " + ", ".join(written.values()))
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
