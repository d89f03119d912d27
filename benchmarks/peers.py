"""The peers' virtual environment: Streamlit, NiceGUI and the client libraries the measures drive them with.

Porch runs from the interpreter that launched the harness; everything it is compared against lives in a separate
venv (``benchmarks/.peers-venv``) so the two never share packages. The venv is created on first use and reused; a
marker file records what was installed so a changed requirement list reinstalls.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_DIR = Path(os.environ.get("PORCH_BENCH_PEERS_VENV", HERE / ".peers-venv"))
MARKER = "porch-bench-requirements.json"

#: Current releases from PyPI (unpinned on purpose: the issue compares against the peers as people install them),
#: plus the client side of the measures: Playwright drives Debian's Chromium (never `playwright install`), tornado
#: speaks WebSocket, psutil reads resident memory, matplotlib draws the plot. pywebview with Qt (the same set Porch's
#: ``desktop`` extra installs) is NiceGUI's native mode for the desktop measure.
REQUIREMENTS = ["streamlit", "nicegui", "playwright", "tornado", "psutil", "matplotlib",
                "pywebview", "qtpy", "PySide6-WebEngine==6.12.0.140"]


def python_path(venv_dir: Path = VENV_DIR) -> Path:
    return venv_dir / "bin" / "python"


def is_ready(venv_dir: Path = VENV_DIR) -> bool:
    marker = venv_dir / MARKER
    if not (python_path(venv_dir).exists() and marker.exists()):
        return False
    try:
        return json.loads(marker.read_text())["requirements"] == REQUIREMENTS
    except (ValueError, KeyError):
        return False


def ensure(venv_dir: Path = VENV_DIR, *, log=print) -> Path:
    """Create (or reuse) the peers venv and return its python."""
    py = python_path(venv_dir)
    if is_ready(venv_dir):
        return py
    if not py.exists():
        log(f"creating peers venv at {venv_dir}")
        venv.EnvBuilder(with_pip=True, clear=False, symlinks=True).create(venv_dir)
    log(f"installing into peers venv: {' '.join(REQUIREMENTS)}")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--upgrade", *REQUIREMENTS], check=True)
    (venv_dir / MARKER).write_text(json.dumps({"requirements": REQUIREMENTS}))
    return py


def versions(py: Path | str, packages: list[str]) -> dict[str, str | None]:
    """Installed versions of ``packages`` as seen by interpreter ``py`` (None when missing)."""
    code = (
        "import json, sys\n"
        "from importlib import metadata\n"
        "out = {}\n"
        "for name in sys.argv[1:]:\n"
        "    try: out[name] = metadata.version(name)\n"
        "    except metadata.PackageNotFoundError: out[name] = None\n"
        "print(json.dumps(out))\n"
    )
    res = subprocess.run([str(py), "-c", code, *packages], capture_output=True, text=True, timeout=60)
    if res.returncode != 0:
        return {name: None for name in packages}
    return json.loads(res.stdout)


if __name__ == "__main__":
    print(ensure())
    print(versions(python_path(), ["streamlit", "nicegui", "playwright", "tornado"]))
    sys.exit(0)
