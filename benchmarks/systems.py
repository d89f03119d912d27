"""The systems under test: how to launch each one, where its health and WebSocket endpoints are, which client speaks
its protocol. Also the floor, a bare tornado WebSocket echo server: no application, what the machine allows, measured
as a peer of the systems where a measure asks for it (``FLOOR`` in the measure's module).

Porch runs from the interpreter that launched the harness (``sys.executable``); Streamlit and NiceGUI run from the
peers venv, the floor from the clients' interpreter. Every server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
APPS = HERE / "apps"
REPO = HERE.parent

ALL_SYSTEMS = ("porch", "streamlit", "nicegui")

#: Text that only appears once the app's content is on the page (the last of the twenty lines).
CONTENT_TEXT = "Line 20:"


@dataclass
class System:
    name: str
    python: str  # interpreter the server runs with
    app: Path
    health_path: str
    ws_path: str | None  # None: the system has no WebSocket the harness speaks
    env: dict[str, str] = field(default_factory=dict)
    packages: tuple[str, ...] = ()  # distributions whose versions the report shows

    def command(self, port: int) -> list[str]:
        app = str(self.app)
        if self.name == "streamlit":
            return [self.python, "-m", "streamlit", "run", app,
                    "--server.port", str(port), "--server.address", "127.0.0.1",
                    "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        if self.name in ("nicegui", "floor"):
            return [self.python, app, str(port)]
        if self.name == "porch":
            return porch_command(self.python, app, port)
        raise ValueError(self.name)

    def desktop_command(self, port: int) -> list[str]:
        """The app in a native window (the desktop measure): ``porch run APP`` (the desktop shell, pinned with
        ``--desktop`` so a ``PORCH_SHELL`` or config file cannot change it), NiceGUI's native mode."""
        if self.name == "porch":
            return [self.python, "-m", "porch.shell.cli", "run", str(self.app), "--desktop", "--log-level", "info"]
        if self.name == "nicegui":
            return [self.python, str(APPS / "nicegui_native_app.py"), str(port)]
        raise ValueError(f"{self.name} has no desktop mode")

    def base_url(self, port: int) -> str:
        return f"http://127.0.0.1:{port}/"


def porch_command(python: str, app: str, port: int) -> list[str]:
    """How Porch serves an app in the browser with no window.

    Override with PORCH_BENCH_CMD, a command line with ``{python}``, ``{app}`` and ``{port}`` placeholders, e.g.
    ``PORCH_BENCH_CMD='porch run {app} --headless --host 127.0.0.1 --port {port}'``.

    ``--drain-grace 0``: on SIGTERM the headless shell otherwise keeps serving its sessions for 10 s (health 503) so a
    load balancer can move them; the harness stops a server once its measure is done, so that grace is only wall time
    (10 s per stop, which the CI test cannot afford). Streamlit and NiceGUI stop at once on SIGTERM.
    """
    default = "{python} -m porch.shell.cli run {app} --headless --host 127.0.0.1 --port {port} --drain-grace 0"
    template = os.environ.get("PORCH_BENCH_CMD", default)
    return [part.format(python=python, app=app, port=port) for part in shlex.split(template)]


def make(name: str, *, porch_python: str, peers_python: str | None) -> System:
    if name == "porch":
        return System("porch", porch_python, APPS / "porch_app.py", "/_porch/health", "/_porch/ws",
                      packages=("porch", "tornado"))
    if peers_python is None:
        raise RuntimeError(f"{name} needs the peers venv")
    if name == "streamlit":
        return System("streamlit", peers_python, APPS / "streamlit_app.py", "/_stcore/health", "/_stcore/stream",
                      packages=("streamlit",))
    if name == "nicegui":
        # NiceGUI has no health endpoint: the first 200 on the page itself is the honest equivalent (it also builds
        # the page, which is more work than a bare health check would be).
        return System("nicegui", peers_python, APPS / "nicegui_app.py", "/", "/_nicegui_ws/socket.io/",
                      packages=("nicegui",))
    raise ValueError(f"unknown system {name!r} (known: {', '.join(ALL_SYSTEMS)})")


def make_floor(python: str) -> System:
    """The bare tornado WebSocket echo server (floor_server.py), run by ``python``."""
    return System("floor", python, HERE / "floor_server.py", "/health", "/ws", packages=("tornado",))


def porch_importable(python: str) -> tuple[bool, str]:
    """Whether ``python`` can import porch; the second item says why not."""
    try:
        res = subprocess.run([python, "-c", "import porch"], capture_output=True, text=True, timeout=60,
                             env=dict(os.environ))
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    if res.returncode == 0:
        return True, ""
    lines = (res.stderr.strip().splitlines() or ["import porch failed"])
    return False, lines[-1]


#: Compiles the modules of the ``porch`` package found by the interpreter it runs in (its folders only: in an
#: editable install ``porch.__path__`` also holds the repository root, which must not be swept).
_COMPILE_PORCH = """
import compileall, os, sys
import porch, porch.packaging, porch.shell, porch.webui
folders = {os.path.dirname(m.__file__) for m in (porch, porch.shell, porch.webui)} | set(porch.packaging.__path__)
sys.exit(0 if all([compileall.compile_dir(f, quiet=1) for f in sorted(folders)]) else 1)
"""


def compile_porch(python: str) -> str | None:
    """Write Porch's bytecode the way pip does when it installs a wheel; None when done, else why not.

    The peers, installed by pip, load their compiled modules. An editable install of Porch (the dev venv) has none
    when ``PYTHONDONTWRITEBYTECODE`` is set, and every launch would compile each of its modules again: a cost of
    the dev setup, not of Porch, that the cold start and import time would otherwise count.
    """
    try:
        res = subprocess.run([python, "-c", _COMPILE_PORCH], capture_output=True, text=True, timeout=300,
                             env=dict(os.environ))
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if res.returncode == 0:
        return None
    lines = (res.stderr.strip() or res.stdout.strip() or "compileall failed").splitlines()
    return lines[-1]


#: Which encoder Porch's frames go through (core/protocol.py uses orjson when it can import it).
_JSON_ENCODER = """
from porch import protocol
print("orjson " + protocol.orjson.__version__ if protocol.orjson is not None else "json (standard library)")
"""


def porch_json_encoder(python: str) -> str | None:
    """The JSON encoder Porch uses in ``python``: "orjson X.Y" or "json (standard library)"; None if unknown."""
    try:
        res = subprocess.run([python, "-c", _JSON_ENCODER], capture_output=True, text=True, timeout=60,
                             env=dict(os.environ))
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (res.stdout.strip() or None) if res.returncode == 0 else None


def describe_python(python: str) -> str:
    res = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True,
                         timeout=30)
    return res.stdout.strip() or "?"


__all__ = ["System", "make", "make_floor", "ALL_SYSTEMS", "CONTENT_TEXT", "compile_porch", "porch_importable",
           "describe_python", "porch_json_encoder"]
