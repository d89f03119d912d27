"""What the desktop shell adds to pywebview's Qt window, on Qt's own objects: the page's icon as the window's icon,
and downloads saved through the native save dialog.

Both are wired in pywebview's ``before_show`` event, which runs on the GUI thread while the window is being built,
and both run their slots on the GUI thread, where Qt wants them: Qt emits ``iconChanged`` and ``downloadRequested``
there. On other backends (the system web views of Windows and macOS) :func:`attach` does nothing: there the
application's icon comes from the bundle and the web view saves downloads itself.

Uploads need nothing here: Qt WebEngine answers ``<input type=file>`` with the native file dialog on its own.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("porch.desktop")


def attach(window: Any) -> None:
    """pywebview's ``before_show`` handler (it passes the window by this parameter's name)."""
    native = window.native
    view = getattr(native, "webview", None)
    if view is None or not hasattr(view, "iconChanged"):
        return
    view.iconChanged.connect(lambda icon: _show_icon(native, icon))
    view.page().profile().downloadRequested.connect(lambda download: _save(native, download))


def _show_icon(native: Any, icon: Any) -> None:
    """The page set an icon (the client's favicon from ``set_page_config(page_icon=...)``). An empty one, a new
    page before the app set its own, keeps the icon the window has."""
    if not icon.isNull():
        native.setWindowIcon(icon)


def _save(native: Any, download: Any) -> None:
    """Ask where to save a download, starting in the user's downloads folder with the name the server gave it."""
    from platformdirs import user_downloads_dir
    from qtpy.QtWidgets import QFileDialog

    name = Path(download.suggestedFileName() or "download").name
    path, _ = QFileDialog.getSaveFileName(native, "Save file", str(Path(user_downloads_dir()) / name))
    if not path:
        download.cancel()
        log.info("download of %s cancelled", name)
        return
    target = Path(path)
    download.setDownloadDirectory(str(target.parent))
    download.setDownloadFileName(target.name)
    download.isFinishedChanged.connect(lambda: _report(download, target))
    download.accept()


def _report(download: Any, target: Path) -> None:
    if download.state() == type(download).DownloadState.DownloadCompleted:
        log.info("download saved to %s", target)
    else:
        log.warning("download to %s failed: %s", target, download.interruptReasonString())
