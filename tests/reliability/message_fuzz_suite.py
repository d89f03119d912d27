"""The message fuzz suite (``test_message_fuzz.py``) run at a chosen size, for the benchmark's full figures.

Kept apart from the test module so that ``benchmarks/reliability.py`` imports it without the tests' harness:
``from tests.reliability.message_fuzz_suite import run_suite`` from the repository's root.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUITE = Path(__file__).resolve().parent / "test_message_fuzz.py"
REPO = SUITE.parent.parent.parent


@dataclass(frozen=True)
class FuzzResult:
    """pytest's exit code (0: every case got its documented answer), and per test the cases run and their kinds."""

    exit_code: int
    tests: dict[str, Any] = field(default_factory=dict)

    @property
    def cases(self) -> int:
        return sum(int(test["cases"]) for test in self.tests.values())


def run_suite(examples: int = 10_000) -> FuzzResult:
    """Run the suite in a fresh interpreter with ``examples`` cases of an open session's messages (and a tenth as
    many ``hello`` cases on new connections)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "fuzz.json"
        env = {**os.environ, "PORCH_FUZZ_EXAMPLES": str(examples), "PORCH_FUZZ_REPORT": str(report)}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(SUITE)]
        exit_code = subprocess.run(command, cwd=REPO, env=env, check=False).returncode
        tests = json.loads(report.read_text()) if report.is_file() else {}
    return FuzzResult(exit_code, tests)
