"""What the desktop shell adds to pywebview's Qt window, on Qt's own objects: the page's icon as the window's icon,
downloads saved through the native save dialog, the camera and microphone for the app, and for nothing else, and the
app's notifications shown by the system (:mod:`porch.shell.notifications`).

All are wired in pywebview's ``before_show`` event, which runs on the GUI thread while the window is being built,
and all run their slots on the GUI thread, where Qt wants them: Qt emits ``iconChanged``, ``downloadRequested`` and
``permissionRequested`` there. On other backends (the system web views of Windows and macOS) :func:`attach` does
nothing: there the application's icon comes from the bundle, the web view saves downloads itself and asks the user
for the camera and microphone.

Camera and microphone (``camera_input``, ``audio_input``): the window answers the page's request itself, as a
browser's prompt would be answered. It grants capture to the app's own origin (the engine on 127.0.0.1 that the
window opened) and denies it to any other origin (a page framed by ``st.iframe`` or a component), and denies every
other permission. pywebview grants capture to every origin, both by its own handler and by Chromium's
``--use-fake-ui-for-media-stream``, which it adds to ``QTWEBENGINE_CHROMIUM_FLAGS`` and which answers before the
window is asked: :func:`ask_the_window` keeps that flag out (unless the user set it), :func:`attach` replaces the
handler. Notifications follow the same rule: granted to the app's own origin (before the page loads, so the page never
asks), presented by :mod:`porch.shell.notifications`, refused to any other origin.

Uploads need nothing here: Qt WebEngine answers ``<input type=file>`` with the native file dialog on its own.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("porch.desktop")

#: Chromium's switch that grants every capture request without asking the embedder (see the module's docstring).
FAKE_MEDIA_UI = "--use-fake-ui-for-media-stream"
FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
#: Hosts that are this machine: the only ones whose pages may have the camera and microphone without asking.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def ask_the_window() -> None:
    """Keep pywebview's Qt backend from adding ``--use-fake-ui-for-media-stream`` to Chromium's flags, so that
    capture requests reach the window's handler (:func:`attach`). Call before ``webview.start`` on Linux. A flag the
    user set in ``QTWEBENGINE_CHROMIUM_FLAGS`` is kept."""
    from webview.platforms import qt

    backend = vars(qt)  # the backend's own name for the function it imported from webview.util
    append = backend["environ_append"]
    if getattr(append, "porch_keeps_prompts", False):
        return

    def environ_append(key: str, *values: str, sep: str = " ") -> None:
        if key == FLAGS and FAKE_MEDIA_UI not in os.environ.get(FLAGS, "").split():
            values = tuple(value for value in values if value != FAKE_MEDIA_UI)
        if values:
            append(key, *values, sep=sep)

    environ_append.porch_keeps_prompts = True  # type: ignore[attr-defined]
    backend["environ_append"] = environ_append


def leave_signals_to_the_shell() -> None:
    """pywebview's Qt backend sets a SIGINT handler of its own when the window starts, which quits Qt's loop without
    closing the window (so the shell could not tell Ctrl-C from a lost display). The shell closes the window itself
    on SIGINT and SIGTERM (``desktop.SignalRelay``): the backend's handler is made to do nothing."""
    from webview.platforms import qt

    vars(qt)["_sigint_handler"] = _left_to_the_shell


def _left_to_the_shell(signum: int, frame: Any) -> None:
    """The signal reached the shell through its wakeup fd already."""


def attach(window: Any) -> None:
    """pywebview's ``before_show`` handler (it passes the window by this parameter's name)."""
    native = window.native
    view = getattr(native, "webview", None)
    if view is None or not hasattr(view, "iconChanged"):
        return
    view.iconChanged.connect(lambda icon: _show_icon(native, icon))
    view.page().renderProcessTerminated.connect(_report_renderer_end)
    view.page().profile().downloadRequested.connect(lambda download: _save(native, download))
    app_url = window.real_url or window.original_url or ""
    _answer_permissions(view.page(), app_url)
    _present_notifications(view.page().profile(), native, app_url)


def app_origin(origin: str, app_url: str) -> bool:
    """Whether a page of ``origin`` is the app's own in the window that shows the app at ``app_url``: only the app's
    own origin, and only when that is this machine (the engine the window opened). Only such a page may use the
    camera and microphone and show notifications."""
    asked, app = urlsplit(origin), urlsplit(app_url)
    try:
        same = (asked.scheme, asked.hostname, asked.port) == (app.scheme, app.hostname, app.port)
    except ValueError:  # a port that is no number
        return False
    return same and app.scheme in ("http", "https") and app.hostname in LOOPBACK_HOSTS


#: The camera and microphone: the app's own page only.
capture_allowed = app_origin


def _present_notifications(profile: Any, native: Any, app_url: str) -> None:
    try:
        from . import notifications  # jeepney, which it needs, comes with the desktop extra on Linux
    except ImportError as exc:
        log.info("no system notifications: %s (install porch[desktop])", exc)
        return
    notifications.present(profile, native, lambda origin: app_origin(origin, app_url), app_url)


def _answer_permissions(page: Any, app_url: str) -> None:
    """Answer the page's permission requests in place of pywebview's handler (see the module's docstring)."""
    try:
        page.featurePermissionRequested.disconnect()  # pywebview's: it grants capture to every origin
    except (RuntimeError, TypeError):
        pass
    if hasattr(page, "permissionRequested"):  # Qt 6.8 and later
        page.permissionRequested.connect(lambda permission: _answer(permission, app_url))
    else:
        page.featurePermissionRequested.connect(lambda url, feature: _answer_feature(page, url, feature, app_url))


def _answer(permission: Any, app_url: str) -> None:
    """Qt 6.8+: a ``QWebEnginePermission``."""
    kinds = type(permission).PermissionType
    capture = (kinds.MediaAudioCapture, kinds.MediaVideoCapture, kinds.MediaAudioVideoCapture)
    origin = permission.origin().toString()
    if permission.permissionType() in (*capture, kinds.Notifications) and app_origin(origin, app_url):
        permission.grant()
        log.info("%s allowed to %s", "notifications" if permission.permissionType() == kinds.Notifications
                 else "camera/microphone", origin)
    else:
        permission.deny()
        log.info("permission %s denied to %s", permission.permissionType().name, origin)


def _answer_feature(page: Any, url: Any, feature: Any, app_url: str) -> None:
    """Qt before 6.8: ``featurePermissionRequested(url, feature)``."""
    kinds = type(page).Feature
    policy = type(page).PermissionPolicy
    capture = (kinds.MediaAudioCapture, kinds.MediaVideoCapture, kinds.MediaAudioVideoCapture)
    allowed = feature in (*capture, kinds.Notifications) and app_origin(url.toString(), app_url)
    page.setFeaturePermission(url, feature, policy.PermissionGrantedByUser if allowed else policy.PermissionDeniedByUser)
    log.info("permission %s %s to %s", feature, "allowed" if allowed else "denied", url.toString())


def _report_renderer_end(status: Any, exit_code: int) -> None:
    """The page's renderer process ended (crashed, killed, or a signal sent to the whole process group): the window
    shows nothing until it is closed. Said once in the log; the page watcher stops getting answers."""
    log.warning("the page's renderer process ended (%s, exit code %d)", getattr(status, "name", status), exit_code)


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
