"""Desktop: the app in a native pywebview window (Qt WebEngine on Linux, the system web view elsewhere).

Threads: pywebview owns the main thread (it must, and ``webview.start`` may run only once per process); the engine
runs its event loop in the ``porch-engine`` thread of the same process, so nothing is spawned, pickled or imported
twice. The window reaches the engine only over HTTP/WebSocket on 127.0.0.1, behind a per-launch secret: the first URL
carries a one-time launch token, which the server trades for an HttpOnly cookie holding the secret, and every later
request must carry that (``porch.security.loopback_access``).

Shutting down, whichever way it starts (the window closed, Ctrl-C, SIGTERM): the window goes, ``webview.start``
returns on the main thread, the engine drains (runs stopped, sessions closed, connections closed, bounded by
``DRAIN_SECONDS``) and the process exits 0. Signals reach a small thread of ours through ``signal.set_wakeup_fd``
(Python signal handlers do not run while Qt's loop holds the main thread), which closes the window; one that comes
before the window showed keeps it from opening. Nothing on the way waits without a bound for the GUI toolkit: the
page watcher's calls into the page run on daemon threads with a time limit (:mod:`porch.shell.page_watcher`). The
display going away ends the process too, with status 1 and one line (:mod:`porch.shell.display`).

Page to shell, one way: the shell reads ``document.title`` and the app's run state from the page (``PageWatcher``)
and mirrors the title on the window; the page's icon (the favicon the client sets from
``set_page_config(page_icon=...)``, an emoji or an image) replaces the ``icon`` setting the window opened with
(:mod:`porch.shell.qt_window`). Links to other sites open in the system browser (pywebview already sends
``target=_blank`` there; a script injected at load sends plain links the same way).

Downloads and uploads go through the native dialogs: a download from the app asks where to save it, and the
upload widget's ``<input type=file>`` opens the system's file picker (:mod:`porch.shell.qt_window` on Qt).
The camera and microphone (``camera_input``, ``audio_input``) are allowed to the app's own page and to no other
(:mod:`porch.shell.qt_window` on Qt; the system web views ask the user). A toast that arrives while the window is not
in front is also a system notification: the page makes it, the window lets only the app's own page do so and shows it
through the system's notification service (:mod:`porch.shell.notifications`, on Qt).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from porch.app import App
from porch.engine import Engine
from porch.interfaces import Runtime
from porch.script import Script
from porch.security import loopback_access

from . import doctor, qt_window, window_state
from .display import DisplayLoss
from .errors import LaunchError
from .page_watcher import PageState, PageWatcher
from .serve import StopSignals, bind, engine_config, make_engine, serve
from .settings import Settings

log = logging.getLogger("porch.desktop")

#: The longest the engine may take to drain after the window closed; keeps "close to exit" under 2 s.
DRAIN_SECONDS = 1.0

#: Called once, on their own thread, when the app first rendered in the window: ``hook(window, page)``. For tests
#: and embedders that drive the window (``window.evaluate_js``, ``window.destroy``).
ready_hooks: list[Callable[[Any, PageState], None]] = []


class EngineThread:
    """The engine's event loop in a thread of this process."""

    def __init__(self, engine: Engine, sockets: list[socket.socket], *, run_on_save: bool) -> None:
        self.engine = engine
        self._sockets = sockets
        self._run_on_save = run_on_save
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._started = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name="porch-engine", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        if not self._started.wait(timeout) or self._error is not None:
            raise LaunchError(f"the engine did not start: {self._error or 'timed out'}")

    def stop(self, timeout: float) -> None:
        """Drain the engine and wait for its thread, at most ``timeout`` seconds. Main thread."""
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(stop.set)
            except RuntimeError:  # the loop closed meanwhile
                pass
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the engine did not stop within %.1f s; exiting anyway", timeout)

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start(); the thread ends either way
            self._error = exc
            self._started.set()
            log.exception("the engine stopped with an error")

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        await serve(
            self.engine, self._sockets, on_started=self._started.set, stop_event=self._stop,
            run_on_save=self._run_on_save,
        )


class SignalRelay:
    """SIGINT/SIGTERM close the window. Python runs signal handlers only when the main thread runs Python, which
    Qt's loop may not do for a long time; the wakeup fd lets a thread of ours notice the signal at once."""

    def __init__(self, on_signal: Callable[[int], None]) -> None:
        self._on_signal = on_signal
        self._arrived = threading.Event()
        self._reader, self._writer = socket.socketpair()
        self._writer.setblocking(False)
        self._previous = {signum: signal.signal(signum, self._ignore) for signum in (signal.SIGINT, signal.SIGTERM)}
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._thread = threading.Thread(target=self._watch, name="porch-signals", daemon=True)
        self._thread.start()

    @staticmethod
    def _ignore(signum: int, frame: Any) -> None:
        """The wakeup fd carries the signal to :meth:`_watch`; nothing else to do here."""

    def _watch(self) -> None:
        while True:
            try:
                data = self._reader.recv(16, socket.MSG_PEEK)  # left in the socket until marked (see arrived())
                if data and any(signum in (signal.SIGINT, signal.SIGTERM) for signum in data):
                    self._arrived.set()
                data = self._reader.recv(len(data)) if data else data
            except OSError:
                return
            if not data:
                return
            for signum in data:
                if signum in (signal.SIGINT, signal.SIGTERM):
                    self._on_signal(signum)

    def arrived(self) -> bool:
        """Whether SIGINT or SIGTERM has arrived, even if :meth:`_watch` has not acted on it yet (it may be waiting
        for the GIL this caller holds): a signal is either still in the socket or already marked. Any thread."""
        if self._arrived.is_set():
            return True
        try:
            pending = self._reader.recv(16, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except OSError:
            pending = b""
        return any(signum in (signal.SIGINT, signal.SIGTERM) for signum in pending) or self._arrived.is_set()

    def close(self) -> None:
        signal.set_wakeup_fd(self._previous_fd)
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        try:
            self._reader.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._writer.close()
        self._thread.join(1.0)
        self._reader.close()


def window_icon(script: Script, settings: Settings) -> Path | None:
    """The icon the window opens with (the ``icon`` setting), checked before any window exists."""
    icon = settings.path("icon", script.directory)
    if icon is not None and not icon.is_file():
        raise LaunchError(f"the window icon {icon} is not a file (from {settings.source('icon')})")
    return icon


def prepare_qt_environment() -> None:
    """Chromium refuses to run as root with its sandbox on; the window then never appears."""
    if sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0:
        if "QTWEBENGINE_DISABLE_SANDBOX" not in os.environ and "--no-sandbox" not in os.environ.get(
            "QTWEBENGINE_CHROMIUM_FLAGS", ""
        ):
            os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
            log.info("running as root: Chromium's sandbox is off (QTWEBENGINE_DISABLE_SANDBOX=1)")


class WindowCloser:
    """Closes the window on the first SIGINT or SIGTERM, whenever it comes: before the window exists (the shell then
    never opens it), while it is being shown, or once it is up. Called on the signal thread, which it never blocks:
    ``window.destroy`` first waits (up to 20 s) for the window to be shown, so it runs on a thread of its own."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self._signals = StopSignals()
        self._window: Any = None
        self._watcher: PageWatcher | None = None

    def attach(self, window: Any, watcher: PageWatcher) -> None:
        """The window exists now. Main thread; check :attr:`requested` after this, before showing it."""
        self._watcher = watcher
        self._window = window

    def on_signal(self, signum: int) -> None:
        if not self._signals.starts_stop(signum):
            return
        log.info("received %s: closing the window (again to quit at once)", signal.Signals(signum).name)
        self.requested.set()
        if self._watcher is not None:
            self._watcher.stop()
        if self._window is not None:
            threading.Thread(target=self._destroy, args=(self._window,), name="porch-close", daemon=True).start()

    @staticmethod
    def _destroy(window: Any) -> None:
        try:
            window.destroy()
        except Exception as exc:  # the window never showed, or went meanwhile
            log.debug("could not close the window: %s", exc)


def run(script: Script, settings: Settings, app: App | None = None) -> int:
    launched = time.monotonic()
    problem = doctor.desktop_problem()
    if problem is not None:
        raise LaunchError(f"cannot open a desktop window: {problem}")
    prepare_qt_environment()
    icon = window_icon(script, settings)
    closer = WindowCloser()
    relay = SignalRelay(closer.on_signal)  # from here on a signal stops the app cleanly, whenever it comes
    try:
        return _serve_in_window(script, settings, icon, closer, lambda: closer.requested.is_set() or relay.arrived(),
                                launched, app)
    finally:
        relay.close()


def _serve_in_window(script: Script, settings: Settings, icon: Path | None, closer: WindowCloser,
                     signalled: Callable[[], bool], launched: float, app: App | None = None) -> int:
    sockets, binding = bind("127.0.0.1", 0)
    config = engine_config(settings, drain_timeout=min(settings.drain_timeout, DRAIN_SECONDS), drain_grace=0.0)
    access, launch = loopback_access(binding.port)
    engine = make_engine(script, config, Runtime(mode="desktop", local_client=True), access, app)
    server = EngineThread(engine, sockets, run_on_save=settings.run_on_save)
    server.start()
    geometry = window_state.load(script.path)
    watcher: PageWatcher | None = None
    shutting_down = threading.Lock()
    shut = threading.Event()

    def shut_down() -> None:
        """Once, from the main thread or the thread that found the display gone. Bounded: nothing here waits on the
        window."""
        with shutting_down:
            if shut.is_set():
                return
            if watcher is not None:
                watcher.stop()
            window_state.save(script.path, geometry)
            server.stop(timeout=DRAIN_SECONDS + 0.5)
            shut.set()

    try:
        base_url = f"http://127.0.0.1:{binding.port}{config.normalized_base()}/"
        log.info("window served from %s (loopback only, per-launch secret)", base_url)
        if closer.requested.is_set():
            return 0

        import webview  # only now: the checks above keep Qt from aborting the process

        # Qt: qt_window saves downloads (pywebview's handler calls Qt 5's setPath, gone in Qt 6); the system web views
        # of Windows and macOS save them themselves when allowed to.
        webview.settings["ALLOW_DOWNLOADS"] = not sys.platform.startswith("linux")
        if sys.platform.startswith("linux"):
            qt_window.ask_the_window()  # the camera and microphone only for the app's own page (see qt_window)
            qt_window.leave_signals_to_the_shell()
        webview.settings["OPEN_EXTERNAL_LINKS_IN_BROWSER"] = True

        def rendered() -> None:
            log.info("app rendered in the window %.2f s after launch", time.monotonic() - launched)
            for hook in list(ready_hooks):
                threading.Thread(target=hook, args=(window, page.state), name="porch-ready-hook", daemon=True).start()

        window = webview.create_window(
            "Porch",
            f"{base_url}?token={launch.value}",
            width=geometry.width,
            height=geometry.height,
            x=geometry.x,
            y=geometry.y,
            min_size=window_state.MIN_SIZE,
            text_select=True,
        )
        if window is None:
            raise LaunchError("pywebview did not create a window")
        watcher = page = PageWatcher(window, rendered)
        window.events.before_show += qt_window.attach
        window.events.resized += geometry.on_resized
        window.events.moved += geometry.on_moved

        def stopping() -> bool:
            return signalled() or window.events.closed.is_set()

        loss = DisplayLoss(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or "?", shut_down, stopping)
        if sys.platform.startswith("linux"):
            window.events.before_show += lambda: loss.watch_xlib()  # Qt set its own Xlib handler by then
        closer.attach(window, watcher)
        if closer.requested.is_set():
            return 0
        watcher.start()
        webview.start(
            gui="qt" if sys.platform.startswith("linux") else None, private_mode=True,
            icon=str(icon) if icon else None,
        )
        if sys.platform.startswith("linux") and not stopping():  # Qt's loop ended on its own: the X connection broke
            loss.exit(noticed_by="Qt's event loop, which ended without the window closing")
        return 0
    finally:
        shut_down()
