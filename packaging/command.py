"""``porch package APP.py``: build a bundle of an app with PyInstaller.

Imported by ``porch``'s argument parser on every start, so it imports nothing heavy: the build lives in
:mod:`porch.packaging.build`, loaded only when a bundle is made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("script", help="the app's Python script")
    parser.add_argument("--name", help="the bundle's name (default: the script's name, or its folder's for app.py)")
    parser.add_argument(
        "--icon",
        type=Path,
        help="the app's icon: .png, .svg or .xpm on Linux, .ico on Windows, .icns on macOS; other images are "
        "converted with Pillow (not SVG)",
    )
    parser.add_argument(
        "--onefile",
        action="store_true",
        help="one executable instead of a folder (smaller to hand over, slower to start: it unpacks itself each time)",
    )
    parser.add_argument(
        "--add-data",
        action="append",
        default=[],
        metavar="SRC:DEST",
        help="ship a file or folder the app reads; DEST is a folder relative to the script's (default: as beside it)",
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="LIBRARY",
        help="carry a large optional library the build would leave out (polars, pyarrow, matplotlib...); repeatable",
    )
    parser.add_argument("--out", type=Path, default=Path("dist"), help="where the bundle goes (default: ./dist)")
    parser.add_argument(
        "--console", action="store_true", help="Windows and macOS: keep a console window (default: windowed)"
    )
    parser.add_argument(
        "--app-version",
        default="",
        help="the app's version, like 1.2.3 (Windows' version resource, macOS' Info.plist)",
    )
    parser.add_argument(
        "--description", default="", help="one line on the app (Windows' file description, Linux' menu comment)"
    )
    parser.add_argument("--company", default="", help="who makes the app (Windows' version resource)")
    parser.add_argument("--verbose", action="store_true", help="show PyInstaller's own output")


def run(args: argparse.Namespace) -> int:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("porch package needs PyInstaller: pip install 'porch[package]'", file=sys.stderr)
        return 2
    from .build import PackageError, build, bundle_name, default_work_dir, make_plan

    script = Path(args.script)
    out = args.out.resolve()
    try:
        name = bundle_name(script.resolve(), args.name)
        if out / name in (script.resolve().parent, *script.resolve().parents):
            raise PackageError(f"--out {args.out}: the bundle {out / name} would replace the app's own folder")
        work = default_work_dir(script, name)
        plan, sources = make_plan(
            script,
            name=name,
            icon=args.icon,
            onefile=args.onefile,
            add_data=args.add_data,
            console=args.console,
            version=args.app_version,
            description=args.description,
            company=args.company,
            include=args.include,
            work=work,
        )
        _say(f"Packaging {script} as {plan.name!r}")
        shown = [str(p) for p in sources.local_files + sources.data_files]
        _say(f"  app files: {script.name}" + (", " + ", ".join(shown) if shown else ""))
        if args.add_data:
            _say(f"  added: {', '.join(args.add_data)}")
        if sources.missing:
            _say(f"  not found (left out): {', '.join(sorted(sources.missing))}")
        if plan.excludes:
            _say(f"  left out, as the app does not import them: {', '.join(plan.excludes)} (--include NAME keeps one)")
        if not plan.window:
            _say("  no desktop window: pywebview, qtpy and PySide6 are not installed (pip install 'porch[desktop]')")
        result = build(plan, out=out, work=work, on_stage=_stage, echo=args.verbose)
    except PackageError as exc:
        print(f"porch package: {exc}", file=sys.stderr)
        return 1
    _say(f"Done in {result.seconds:.0f} s: {result.path} ({result.size / 1e6:.0f} MB)")
    _say(f"  run it:          {result.executable}")
    _say(f"  serve a network: {result.executable} --headless --port 8501")
    if sys.platform.startswith("linux"):
        _say(f"  menu entry:      cp '{result.executable.parent / (plan.name + '.desktop')}' ~/.local/share/applications/")
    return 0


STAGES = {
    "analysing": "analysing imports, hooks and libraries",
    "collecting": "collecting Python modules",
    "writing": "writing the bundle",
}


def _stage(name: str, seconds: float) -> None:
    _say(f"[{seconds:5.1f} s] {STAGES.get(name, name)}...")


def _say(line: str) -> None:
    print(line, flush=True)
