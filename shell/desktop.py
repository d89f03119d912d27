"""Desktop: the app in a native pywebview window (Qt WebEngine on Linux, the system web view elsewhere).

Threads: pywebview owns the main thread (it must, and ``webview.start`` may run only once per process); the engine
runs its event loop in the ``porch-engine`` thread of the same process, so nothing is spawned, pickled or imported
twice. The window reaches the engine only over HTTP/WebSocket on 127.0.0.1, behind a per-launch secret: the first URL
carries it, the server trades it for an HttpOnly cookie and every later request must carry that.

Shutting down, whichever way it starts (the window closed, Ctrl-C, SIGTERM): the window goes, ``webview.start``
returns on the main thread, the engine drains (runs stopped, sessions closed, connections closed, bounded by
``DRAIN_SECONDS``) and the process exits 0. Signals reach the main thread through ``signal.set_wakeup_fd`` and a
small thread that closes the window, because Python signal handlers do not run while Qt's loop holds the main thread.

Page to shell, one way: the shell reads ``document.title`` and the app's run state from the page
(:class:`PageWatcher`) and mirrors the title on the window; the page's icon (the favicon the client sets from
``set_page_config(page_icon=...)``, an emoji or an image) replaces the ``icon`` setting the window opened with
(:mod:`porch.shell.qt_window`). Links to other sites open in the system browser (pywebview already sends
``target=_blank`` there; a script injected at load sends plain links the same way).

Downloads and uploads go through the native dialogs: a download from the app asks where to save it, and the
upload widget's ``<input type=file>`` opens the system's file picker (:mod:`porch.shell.qt_window` on Qt).
The camera and microphone (``camera_input``, ``audio_input``) are allowed to the app's own page and to no other
(:mod:`porch.shell.qt_window` on Qt; the system web views ask the user).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from porch.engine import Engine
from porch.interfaces import Runtime
from porch.script import Script
from porch.security import AccessPolicy

from . import doctor, qt_window, window_state
from .errors import LaunchError
from .serve import StopSignals, bind, engine_config, make_engine, serve
from .settings import Settings

log = logging.getLogger("porch.desktop")

#: The longest the engine may take to drain after the window closed; keeps "close to exit" under 2 s.
DRAIN_SECONDS = 1.0

#: Called once, on their own thread, when the app first rendered in the window: ``hook(window, page)``. For tests
#: and embedders that drive the window (``window.evaluate_js``, ``window.destroy``).
ready_hooks: list[Callable[[Any, PageState], None]] = []

#: Injected once per page load: links to other sites open in the system browser (pywebview sends window.open there).
_LINK_SCRIPT = """
(() => {
  if (window.__porchLinks) return;
  window.__porchLinks = true;
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || event.button !== 0) return;
    const url = new URL(link.href, location.href);
    if (url.origin === location.origin) return;
    event.preventDefault();
    window.open(url.href, "_blank");
  }, true);
})();
"""

#: What the shell reads from the page: its title and the app's run and connection state (set by webui/app.js).
_STATE_SCRIPT = (
    "JSON.stringify([document.title, document.body.dataset.run || '', document.body.dataset.connection || ''])"
)


class PageState:
    """What the page last showed: its title and run state. Read from the page by :class:`PageWatcher`.

    Data flows one way, page to shell: the shell only reads. It reads with ``window.run_js`` rather than through a
    ``js_api`` callback or ``evaluate_js``, because both of those need ``eval``/``new Function``, which the page's
    Content-Security-Policy rightly forbids.
    """

    def __init__(self) -> None:
        self.title = ""
        self.run = ""
        self.connection = ""
        self.rendered = threading.Event()


class PageWatcher:
    """Polls the page (every ``FAST`` s until the app first rendered, then every ``SLOW`` s) on its own thread and
    mirrors the page title on the window."""

    FAST = 0.05
    SLOW = 0.5

    def __init__(self, window: Any, on_rendered: Callable[[], None]) -> None:
        self.window = window
        self.state = PageState()
        self._on_rendered = on_rendered

    def run(self) -> None:
        """The ``webview.start(func)`` thread: wait for the page, inject the link script, then poll until closed."""
        events = self.window.events
        while not events.loaded.wait(0.1):
            if events.closed.is_set():
                return
        self._inject()
        while not events.closed.is_set():
            self.poll()
            events.closed.wait(self.SLOW if self.state.rendered.is_set() else self.FAST)

    def _inject(self) -> None:
        try:
            self.window.run_js(_LINK_SCRIPT)
        except Exception as exc:  # the window went away meanwhile
            log.debug("could not inject the link script: %s", exc)

    def poll(self) -> None:
        try:
            raw = self.window.run_js(_STATE_SCRIPT)
            title, run, connection = json.loads(raw) if isinstance(raw, str) else raw
        except Exception as exc:  # a page being replaced, or the window going away
            log.debug("could not read the page state: %s", exc)
            return
        state = self.state
        if title and title != state.title:
            state.title = str(title)
            self.window.set_title(state.title)
        if connection == "connected" and run == "idle" and state.run not in ("", "idle"):
            self._inject()  # a reload: a new document without the link script
        state.run, state.connection = str(run), str(connection)
        if run == "finished" and connection == "connected" and not state.rendered.is_set():
            state.rendered.set()
            self._on_rendered()


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
                data = self._reader.recv(16)
            except OSError:
                return
            if not data:
                return
            for signum in data:
                if signum in (signal.SIGINT, signal.SIGTERM):
                    self._on_signal(signum)

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


def run(script: Script, settings: Settings) -> int:
    launched = time.monotonic()
    problem = doctor.desktop_problem()
    if problem is not None:
        raise LaunchError(f"cannot open a desktop window: {problem}")
    prepare_qt_environment()
    icon = window_icon(script, settings)

    secret = secrets.token_urlsafe(32)
    sockets, binding = bind("127.0.0.1", 0)
    config = engine_config(settings, drain_timeout=min(settings.drain_timeout, DRAIN_SECONDS), drain_grace=0.0)
    engine = make_engine(
        script, config, Runtime(mode="desktop", local_client=True), AccessPolicy(token=secret, loopback_only=True)
    )
    server = EngineThread(engine, sockets, run_on_save=settings.run_on_save)
    server.start()
    base_url = f"http://127.0.0.1:{binding.port}{config.normalized_base()}/"
    log.info("window served from %s (loopback only, per-launch secret)", base_url)
    url = f"{base_url}?token={secret}"

    import webview  # only now: the checks above keep Qt from aborting the process

    # Qt: qt_window saves downloads (pywebview's handler calls Qt 5's setPath, gone in Qt 6); the system web views of
    # Windows and macOS save them themselves when allowed to.
    webview.settings["ALLOW_DOWNLOADS"] = not sys.platform.startswith("linux")
    if sys.platform.startswith("linux"):
        qt_window.ask_the_window()  # the camera and microphone only for the app's own page (see qt_window)
    webview.settings["OPEN_EXTERNAL_LINKS_IN_BROWSER"] = True
    geometry = window_state.load(script.path)
    holder: dict[str, Any] = {}

    def rendered() -> None:
        log.info("app rendered in the window %.2f s after launch", time.monotonic() - launched)
        for hook in list(ready_hooks):
            threading.Thread(
                target=hook, args=(holder["window"], watcher.state), name="porch-ready-hook", daemon=True
            ).start()

    window = webview.create_window(
        "Porch",
        url,
        width=geometry.width,
        height=geometry.height,
        x=geometry.x,
        y=geometry.y,
        min_size=window_state.MIN_SIZE,
        text_select=True,
    )
    if window is None:
        raise LaunchError("pywebview did not create a window")
    holder["window"] = window
    watcher = PageWatcher(window, rendered)
    window.events.before_show += qt_window.attach
    window.events.resized += geometry.on_resized
    window.events.moved += geometry.on_moved

    signals = StopSignals()

    def on_signal(signum: int) -> None:
        if not signals.starts_stop(signum):
            return
        log.info("received %s: closing the window (again to quit at once)", signal.Signals(signum).name)
        window.destroy()

    relay = SignalRelay(on_signal)
    try:
        webview.start(
            watcher.run, gui="qt" if sys.platform.startswith("linux") else None, private_mode=True,
            icon=str(icon) if icon else None,
        )
    finally:
        relay.close()
        window_state.save(script.path, geometry)
        server.stop(timeout=DRAIN_SECONDS + 0.5)
    return 0
