"""What this machine can run: each shell, and for one that cannot, the missing piece and how to add it.

The desktop checks run *before* anything imports Qt: with no display, Qt aborts the whole process (SIGABRT), and a
missing xcb library makes it abort with a message about another one. So the desktop shell asks
:func:`desktop_problem` first and reports its answer in one line.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
import webbrowser

from porch import __version__

FIX_DESKTOP_EXTRA = "pip install 'porch[desktop]'"
OTHER_SHELLS = "or use --headless or --browser"

#: Shared libraries Qt WebEngine's xcb platform plugin loads on Linux, and the Debian package that has each.
QT_XCB_LIBRARIES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libnss3.so": "libnss3",
}


def desktop_problem(environ: dict[str, str] | None = None) -> str | None:
    """Why a desktop window cannot open here, with the fix, in one line; None when it can."""
    env = dict(os.environ) if environ is None else environ
    missing = _missing_modules()
    if missing:
        return f"the desktop extra is not installed (no module {missing[0]!r}): {FIX_DESKTOP_EXTRA}, {OTHER_SHELLS}"
    if sys.platform.startswith("linux"):
        display = _display_problem(env)
        if display:
            return f"{display}, {OTHER_SHELLS}"
        if env.get("QT_QPA_PLATFORM", "xcb").startswith("xcb") and not env.get("WAYLAND_DISPLAY"):
            libs = missing_libraries()
            if libs:
                packages = " ".join(QT_XCB_LIBRARIES[lib] for lib in libs)
                return (f"Qt cannot start: missing system libraries {', '.join(libs)}; install them "
                        f"(Debian/Ubuntu: apt-get install {packages}), {OTHER_SHELLS}")
    return None


def _missing_modules() -> list[str]:
    needed = ["webview"]
    if sys.platform.startswith("linux"):
        needed += ["qtpy"]
        binding = _qt_binding()
        needed += [f"{binding}.QtWebEngineWidgets", f"{binding}.QtWebChannel"] if binding else ["PySide6"]
    return [name for name in needed if not _importable(name)]


def _qt_binding() -> str | None:
    for name in ("PySide6", "PyQt6", "PyQt5", "PySide2"):
        if _importable(name):
            return name
    return None


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _display_problem(env: dict[str, str]) -> str | None:
    platform_name = env.get("QT_QPA_PLATFORM", "")
    if platform_name and not platform_name.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs...: the user chose a platform that needs no display server
    wayland = env.get("WAYLAND_DISPLAY")
    if wayland:
        runtime_dir = env.get("XDG_RUNTIME_DIR", "")
        path = wayland if os.path.isabs(wayland) else os.path.join(runtime_dir, wayland)
        if os.path.exists(path):
            return None
        if not env.get("DISPLAY"):
            return f"no display: the Wayland socket {path} does not exist (is WAYLAND_DISPLAY stale?)"
    display = env.get("DISPLAY")
    if not display:
        return "no display (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop session or set DISPLAY"
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local and sys.platform.startswith("linux"):
        socket_path = f"/tmp/.X11-unix/X{local.group(1)}"
        if not os.path.exists(socket_path) and not _abstract_x_socket(local.group(1)):
            return f"no display: DISPLAY={display} but no X server is listening ({socket_path} does not exist)"
    return None


def _abstract_x_socket(number: str) -> bool:
    """Linux X servers also listen on an abstract socket ``@/tmp/.X11-unix/X<n>``."""
    try:
        with open("/proc/net/unix", encoding="ascii", errors="replace") as table:
            return any(line.rstrip().endswith(f"@/tmp/.X11-unix/X{number}") for line in table)
    except OSError:
        return False


def missing_libraries() -> list[str]:
    """The Qt xcb libraries the dynamic linker cannot find; [] when it cannot tell (no ldconfig)."""
    ldconfig = shutil.which("ldconfig") or ("/sbin/ldconfig" if os.path.exists("/sbin/ldconfig") else None)
    if ldconfig is None:
        return []
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    known = {line.split()[0] for line in listing.splitlines()[1:] if line.strip()}
    return [lib for lib in QT_XCB_LIBRARIES if lib not in known]


def browser_problem() -> str | None:
    try:
        webbrowser.get()
    except webbrowser.Error:
        return "no system browser found: install one or set BROWSER to a command that opens a URL"
    return None


def browser_name() -> str:
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return "none"
    return str(getattr(controller, "name", type(controller).__name__))


def report() -> str:
    """``porch doctor``."""
    lines = [f"porch {__version__}, Python {platform.python_version()} on {platform.system()} {platform.machine()}"]
    desktop = desktop_problem()
    lines.append(f"  desktop   {'yes' if desktop is None else 'no '}  " + (
        "pywebview window (" + (_qt_binding() or "system web view") + ")" if desktop is None else desktop))
    lines.append("  headless  yes  serve on the network (tornado)")
    browser = browser_problem()
    lines.append(f"  browser   {'yes' if browser is None else 'no '}  "
                 + (f"system browser: {browser_name()}" if browser is None else browser))
    if sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0:
        lines.append("  note: running as root; the desktop shell sets QTWEBENGINE_DISABLE_SANDBOX=1 "
                     "(Chromium's sandbox refuses root)")
    return "\n".join(lines)
