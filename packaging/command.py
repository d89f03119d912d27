"""``porch package APP.py``: build a bundle of an app with PyInstaller."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("script", help="the app's Python script")


def run(args: argparse.Namespace) -> int:
    raise SystemExit("porch package: not implemented yet")
