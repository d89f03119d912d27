"""The entry point of a bundle made by ``porch package``: run the bundled app through ``porch run``.

PyInstaller freezes this file as the bundle's executable. The app script is not frozen: it ships as source in the
bundle's ``app/`` folder, with its local modules and data files beside it, and Porch's engine runs it exactly as
``porch run app.py`` would. The bundle's command line is the rest of ``porch run``'s::

    ./Prices                      # the desktop window (double-click)
    ./Prices --headless --port 80 # serve the network

What the launcher adds for a frozen app, and only there:

- The bundle's own name (from ``porch_bundle.json``, written at build time) names its per-user folders: it is put in
  ``PORCH_APP_NAME`` for the shells' platformdirs paths (config, window state), and names the log folder.
- Watching the script for changes (``run_on_save``) is off unless asked for: nothing in a bundle changes.
- With no console (double-clicked, or Windows' windowed mode where ``sys.stderr`` is None) everything that would go
  to the terminal, Qt's own messages included, goes to ``<user log dir>/<name>.log`` instead. Not with
  ``--headless``: a server logs to stderr, where systemd, Docker and the like collect it.
- The working directory is the app's folder, so ``open("prices.csv")`` finds the file shipped beside the script
  just as it did when the author ran ``porch run`` from that folder.
- An app that fails on a file or module missing from the bundle says which one and how to ship it (``--add-data``),
  in the app and in the log.

The process never respawns itself as a second app: ``multiprocessing.freeze_support()`` is called first, so that the
children multiprocessing starts from this executable (an app script's own, and with ``--isolation process`` the fork
server and each session's process, ``porch.isolation``) run their own code instead. (In a one-file bundle this runs
as the one child of PyInstaller's bootloader, which unpacked it: see docs/packaging.md.)
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

#: Written by the build into the bundle's root (``sys._MEIPASS``).
MANIFEST = "porch_bundle.json"
#: Files over this size are moved aside to ``<name>.log.1`` when the bundle starts.
LOG_ROTATE_BYTES = 1_000_000

log = logging.getLogger("porch.packaging")


@dataclass(frozen=True)
class BundleInfo:
    """What the build recorded about the bundle it made."""

    name: str
    script: Path  # absolute, inside the bundle
    version: str = ""
    #: The window's icon (Linux; elsewhere the system takes the executable's).
    icon: Path | None = None

    @classmethod
    def load(cls, root: Path) -> BundleInfo:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        icon = root / data["icon"] if data.get("icon") else None
        return cls(name=data["name"], script=root / data["script"], version=data.get("version", ""), icon=icon)


def bundle_root() -> Path:
    """Where the bundle's files are: PyInstaller's ``_MEIPASS`` when frozen, else beside this file (for tests)."""
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    """Run the bundled app with ``argv`` (default: the process's own arguments) as ``porch run`` options."""
    multiprocessing.freeze_support()
    info = BundleInfo.load(bundle_root())
    os.environ.setdefault("PORCH_APP_NAME", info.name)
    if info.icon is not None:
        os.environ.setdefault("PORCH_ICON", str(info.icon))
    os.environ.setdefault("PORCH_RUN_ON_SAVE", "0")  # nothing in a bundle changes: no file watcher
    args = _absolute_paths(list(sys.argv[1:] if argv is None else argv))
    if not _has_console() and not _serves_network(args):
        _log_to_file(info.name)
    os.chdir(info.script.parent)
    _add_missing_file_hints()

    from porch.shell.cli import main as porch_main

    return porch_main(["run", str(info.script), *args])


def log_file(name: str) -> Path:
    """``<user log dir for name>/<name>.log``: where a bundle with no console writes what it would print."""
    from platformdirs import user_log_dir

    return Path(user_log_dir(name, appauthor=False)) / f"{name}.log"


def _has_console() -> bool:
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


#: ``porch run`` options whose values are files: resolved before the launcher changes the working directory.
PATH_OPTIONS = ("--tls-cert", "--tls-key")


def _absolute_paths(args: list[str]) -> list[str]:
    resolved: list[str] = []
    for index, arg in enumerate(args):
        option, eq, value = arg.partition("=")
        if eq and option in PATH_OPTIONS:
            arg = f"{option}={os.path.abspath(value)}"
        elif index > 0 and args[index - 1] in PATH_OPTIONS:
            arg = os.path.abspath(arg)
        resolved.append(arg)
    return resolved


def _serves_network(args: list[str]) -> bool:
    """A headless server logs where its service manager or container runtime reads: stdout and stderr."""
    return "--headless" in args or os.environ.get("PORCH_SHELL", "").strip().lower() == "headless"


def _log_to_file(name: str) -> None:
    """Point stdout, stderr and (where they exist) file descriptors 1 and 2 at the bundle's log file."""
    path = log_file(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > LOG_ROTATE_BYTES:
        path.replace(path.with_name(path.name + ".1"))
    stream: TextIO = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the process
    for fd in (1, 2):
        try:
            os.dup2(stream.fileno(), fd)  # Qt and Chromium write to the descriptors, not to sys.stderr
        except OSError:
            pass  # Windows' windowed mode has no descriptors 1 and 2
    sys.stdout = sys.stderr = stream


def _add_missing_file_hints() -> None:
    """Make an app error about a missing file or module name it and say how to ship it (shown and logged)."""
    from porch.errors import exception_hints

    def hint_and_log(exc: BaseException) -> str | None:
        hint = missing_file_hint(exc)
        if hint:
            log.error("the app stopped: %s: %s %s", type(exc).__name__, exc, hint)
        return hint

    exception_hints.append(hint_and_log)


def missing_file_hint(exc: BaseException) -> str | None:
    """The advice for an error about something the bundle does not carry, or None for any other error."""
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        return (
            f"The module {exc.name!r} is not in this bundle. If it is a file of the app, put it beside the app "
            f"script and import it there; if it is installed, rebuild with it imported by the script. Other files "
            f"can be added with: porch package ... --add-data {exc.name}.py:."
        )
    if isinstance(exc, FileNotFoundError) and exc.filename:
        shown = os.fspath(exc.filename)
        name = os.path.basename(shown) or shown
        return (
            f"The file {name!r} is not in this bundle. Add it when building: "
            f"porch package ... --add-data {name}:. (the destination is relative to the app script's folder)"
        )
    return None


if __name__ == "__main__":
    sys.exit(main())
