"""What of Qt a web view window leaves out of a bundle, as rules over PyInstaller's tables of contents.

A pywebview window on Qt needs QtCore, QtGui, QtWidgets, QtNetwork, QtPrintSupport, QtWebChannel, QtWebEngineCore and
QtWebEngineWidgets. QtWebEngineCore itself links against Qt Quick, QML, OpenGL and Positioning, so those shared
libraries stay; what goes are the Python modules nobody imports, the plugins and QML files nothing loads, the
translations of Qt's own dialogs, and all Chromium locales but the ones asked for. That takes a Linux one-folder bundle
from about 600 MB to under 400 MB.

For a hand-written spec run by plain ``pyinstaller``::

    from porch.packaging.trim import EXCLUDED_MODULES, trim
    a = Analysis([...], excludes=EXCLUDED_MODULES)
    a.binaries, a.datas = trim(a.binaries), trim(a.datas)
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import TypeVar

from .hooks import LEFT_OUT

Entry = TypeVar("Entry", bound=Sequence[str])

#: Python modules a Porch bundle never imports: other Qt bindings, Qt modules a web view does not use, the
#: pywebview backends of other platforms, GUI toolkits PyInstaller would otherwise follow into, and Porch's own build
#: tools and test harness (the command line imports the build lazily; followed, it would bring Pillow and more).
#: A tuple: PyInstaller appends "__main__" to a list of excludes in place, and then never finds its cached analysis
#: equal to the next build's.
EXCLUDED_MODULES = (
    *LEFT_OUT,
    "PyQt5", "PyQt6", "PySide2", "tkinter", "_tkinter", "gi", "cefpython3", "clr", "clr_loader", "pythonnet",
    "webview.platforms.gtk", "webview.platforms.cocoa", "webview.platforms.winforms", "webview.platforms.android",
    "webview.platforms.cef", "webview.platforms.edgechromium", "webview.platforms.mshtml",
    *(
        f"PySide6.{module}"
        for module in (
            "QtQuick", "QtQuickWidgets", "QtQuickControls2", "QtQuick3D", "QtQuickTest", "QtQml", "QtPdf",
            "QtPdfWidgets", "QtPositioning", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtSql", "QtTest",
            "QtCharts", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets", "Qt3DCore", "Qt3DRender", "Qt3DInput",
            "Qt3DLogic", "Qt3DAnimation", "Qt3DExtras", "QtBluetooth", "QtNfc", "QtSensors", "QtSerialPort",
            "QtSerialBus", "QtTextToSpeech", "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtDesigner", "QtHelp",
            "QtUiTools", "QtSpatialAudio", "QtHttpServer", "QtWebSockets", "QtWebView", "QtWebEngineQuick",
            "QtCanvasPainter", "QtAxContainer", "QtAsyncio",
        )
    ),
)

#: Paths in the bundle (forward slashes, glob patterns) that are never needed for a web view window.
DROPPED = [
    "*/Qt/qml/*",  # QML modules: only Qt Quick apps load them
    "*/Qt/translations/*.qm",  # translations of Qt's own dialogs and tools
    "*/Qt/plugins/wayland-*/*",  # Wayland: the bundle runs on X11 (XWayland on Wayland desktops)
    "*/Qt/plugins/platforms/libqwayland*",
    "*/Qt/plugins/platformthemes/libqgtk3*",  # the GTK theme plugin drags in all of GTK
    "*/Qt/plugins/platformthemes/libqxdgdesktopportal*",
    "*/Qt/plugins/position/*",
    "*/Qt/plugins/qmltooling/*",
    "*/Qt/plugins/sqldrivers/*",
    "*/Qt/plugins/multimedia/*",
    "*/Qt/plugins/texttospeech/*",
    "*/Qt/plugins/geoservices/*",
    "*/Qt/plugins/platforminputcontexts/libqtvirtualkeyboard*",  # the on-screen keyboard is a Qt Quick component
    "*/Qt/plugins/egldeviceintegrations/*",  # EGLFS: full-screen embedded devices with no window system
    "*/Qt/plugins/platforms/libqeglfs*",
    "*/Qt/plugins/platforms/libqlinuxfb*",
    "*/Qt/plugins/platforms/libqvnc*",
    "*/Qt/plugins/platforms/libqvkkhrdisplay*",
    "*/Qt/plugins/printsupport/*",  # CUPS and all it links (GnuTLS, Kerberos, Avahi); pywebview never prints
    "*/Qt/resources/qtwebengine_devtools_resources*",  # the developer tools' front end
    "*/Qt/lib/libQt6VirtualKeyboard*",
    "*/Qt/lib/libQt6EglFS*",
    "*/Qt/lib/libQt6EglFs*",
    "*/Qt/lib/libQt6Pdf*",
    "*/Qt/lib/libQt6Quick[A-Z3]*",  # Quick Controls, Quick 3D, ...: libQt6Quick itself stays (WebEngine needs it)
    "*/Qt/lib/libQt6Wayland*",
    "*/Qt/lib/libQt6Location*",
    "*/Qt/lib/libQt6Multimedia*",
]
#: Chromium locales kept when none are asked for; Chromium falls back to en-US.
DEFAULT_LOCALES = ("en-US",)


def trim(toc: Iterable[Entry], locales: Sequence[str] = DEFAULT_LOCALES) -> list[Entry]:
    """``toc`` without the entries a web view window never loads. Entries are PyInstaller's (dest, source, kind).

    On Linux, where links can be read with ``ldd``: a dropped library that a kept binary links against is kept after
    all, and the libraries only dropped binaries link against go too (the GTK theme plugin needs all of GTK). A
    symbolic link whose target went goes as well.
    """
    entries = list(toc)
    kept = [entry for entry in entries if keep(entry[0], locales)]
    dropped = [entry for entry in entries if not keep(entry[0], locales)]
    if dropped and sys.platform.startswith("linux"):
        kept = _without_orphans(kept, dropped)
    names = {_posix(entry[0]) for entry in kept}
    return [
        entry
        for entry in kept
        if entry[2] != "SYMLINK" or _posix(str(PurePosixPath(_posix(entry[0])).parent / _posix(entry[1]))) in names
        or _posix(entry[1]) in names
    ]


def keep(dest: str, locales: Sequence[str] = DEFAULT_LOCALES) -> bool:
    """Whether the file at ``dest`` (its path inside the bundle) is kept."""
    path = "/" + _posix(dest)
    if any(fnmatch.fnmatchcase(path, pattern) for pattern in DROPPED):
        return False
    if "/qtwebengine_locales/" in path:
        return path.rsplit("/", 1)[-1].removesuffix(".pak") in locales
    return True


def _without_orphans(kept: list[Entry], dropped: list[Entry]) -> list[Entry]:
    """``kept`` plus the dropped libraries a kept binary links against (a rule may never break a link), less the
    libraries that only dropped binaries link against.

    ``ldd`` lists a library's links transitively, so one call per binary gives the whole closure.
    """
    from PyInstaller.depend.bindepend import get_imports

    def links(entry: Entry) -> set[str]:
        if entry[2] not in ("BINARY", "EXTENSION") or not os.path.isfile(entry[1]):
            return set()
        return {os.path.basename(name) for name, _ in get_imports(entry[1])}

    candidates = set().union(*(links(entry) for entry in dropped))
    roots = [entry for entry in kept if os.path.basename(entry[0]) not in candidates]
    needed = set().union(*(links(entry) for entry in roots))
    restored = [entry for entry in dropped if entry[2] == "BINARY" and os.path.basename(entry[0]) in needed]
    orphans = candidates - needed
    return [entry for entry in kept if os.path.basename(entry[0]) not in orphans] + restored


def _posix(path: str) -> str:
    return path.replace("\\", "/")


def stripped(binaries: list[tuple[str, str, str]], folder: str | os.PathLike[str]) -> list[tuple[str, str, str]]:
    """``binaries`` with each one from outside an installed package (the interpreter's ``libpython``, some Pythons
    ship it with 20 MB of debug symbols; system libraries) replaced by a copy in ``folder`` stripped of its debug
    symbols. Binaries of installed packages stay as their wheels ship them: wheels are stripped already, and
    auditwheel's patched libraries (NumPy's OpenBLAS) no longer load once stripped ("ELF load command address/offset
    not page-aligned"), which is why PyInstaller's own ``strip``, applied to every binary, is not used. A copy is
    made again only when its source changed, so a rebuild reuses them."""
    out: list[tuple[str, str, str]] = []
    for entry in binaries:
        dest, source, kind = entry
        if not _strippable(source):
            out.append(entry)
            continue
        copy = os.path.join(os.fspath(folder), dest)
        stat = os.stat(source)
        if not os.path.exists(copy) or os.stat(copy).st_mtime_ns != stat.st_mtime_ns:
            os.makedirs(os.path.dirname(copy), exist_ok=True)
            shutil.copyfile(source, copy)
            done = subprocess.run(["strip", "--strip-debug", copy], capture_output=True)
            if done.returncode != 0:
                shutil.copyfile(source, copy)  # not an ELF file strip knows: ship it as it is
            os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        out.append((dest, copy, kind))
    return out


def _strippable(source: str) -> bool:
    parts = PurePosixPath(source.replace(os.sep, "/")).parts
    return not any(part in ("site-packages", "dist-packages") for part in parts)
