"""What the desktop shell reads from the page in its window: the title and the app's run state, and a script that sends
links to other sites to the system browser.

It reads with ``window.run_js`` rather than through a ``js_api`` callback or ``evaluate_js``, because both of those
need ``eval``/``new Function``, which the page's Content-Security-Policy rightly forbids. Data flows one way, page to
shell: the shell only reads.

``run_js`` blocks its caller until the GUI thread hands back the page's answer, and some answers never come: the
window closed while a call was on its way (the page is deleted with the window), or the page's renderer process ended
(a process-group SIGTERM reaches Qt WebEngine's helper processes too) or hangs. So no thread the shell waits for ever
makes that call: each one runs on a short-lived daemon thread of its own, the watcher waits for it at most
:attr:`PageWatcher.ANSWER_SECONDS`, and while one is still out no other is made (at most one thread is ever stuck).
The watcher itself is a daemon thread that nothing joins.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("porch.desktop")

#: Injected once per page load: links to other sites open in the system browser (pywebview sends window.open there).
LINK_SCRIPT = """
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
STATE_SCRIPT = (
    "JSON.stringify([document.title, document.body.dataset.run || '', document.body.dataset.connection || ''])"
)


class PageSilent(Exception):
    """The page did not answer a call in time, or an earlier call is still waiting for its answer."""


class PageState:
    """What the page last showed: its title and run state. Written by the watcher's thread only."""

    def __init__(self) -> None:
        self.title = ""
        self.run = ""
        self.connection = ""
        self.rendered = threading.Event()


class PageWatcher:
    """Polls the page (every ``FAST`` s until the app first rendered, then every ``SLOW`` s) on its own daemon thread
    and mirrors the page title on the window, until the window closes or :meth:`stop` is called."""

    FAST = 0.05
    SLOW = 0.5
    #: The longest the watcher waits for one answer from the page. A busy page answers late (the call is not made
    #: again meanwhile); a page whose renderer ended never does.
    ANSWER_SECONDS = 2.0

    def __init__(self, window: Any, on_rendered: Callable[[], None]) -> None:
        self.window = window
        self.state = PageState()
        self._on_rendered = on_rendered
        self._stopped = threading.Event()
        self._pending: threading.Thread | None = None
        self._reported_silence = False

    def start(self) -> None:
        threading.Thread(target=self.run, name="porch-page", daemon=True).start()

    def stop(self) -> None:
        """The shell is closing: make no more calls into the window. Any thread."""
        self._stopped.set()

    def _done(self) -> bool:
        return self._stopped.is_set() or self.window.events.closed.is_set()

    def run(self) -> None:
        """Wait for the page, inject the link script, then poll until the window closes or the shell stops."""
        while not self.window.events.loaded.wait(0.1):
            if self._done():
                return
        self._inject()
        while not self._done():
            self.poll()
            self._stopped.wait(self.SLOW if self.state.rendered.is_set() else self.FAST)

    def _inject(self) -> None:
        try:
            self.call(LINK_SCRIPT)
        except Exception as exc:  # the window went away meanwhile, or the page is silent
            log.debug("could not inject the link script: %s", exc)

    def poll(self) -> None:
        try:
            raw = self.call(STATE_SCRIPT)
            title, run, connection = json.loads(raw) if isinstance(raw, str) else raw
        except Exception as exc:  # a page being replaced, the window going away, or a silent page
            log.debug("could not read the page state: %s", exc)
            return
        state = self.state
        if title and title != state.title and not self._done():
            state.title = str(title)
            self.window.set_title(state.title)
        if connection == "connected" and run == "idle" and state.run not in ("", "idle"):
            self._inject()  # a reload: a new document without the link script
        state.run, state.connection = str(run), str(connection)
        if run == "finished" and connection == "connected" and not state.rendered.is_set():
            state.rendered.set()
            self._on_rendered()

    def call(self, script: str) -> Any:
        """``window.run_js(script)``, waited for at most :attr:`ANSWER_SECONDS` (see the module's docstring).
        Raises :class:`PageSilent` when the answer did not come in time or an earlier call is still out."""
        if self._pending is not None and self._pending.is_alive():
            raise PageSilent("the page has not answered an earlier call yet")
        answer: list[Any] = []
        failure: list[BaseException] = []

        def make_call() -> None:
            try:
                answer.append(self.window.run_js(script))
            except BaseException as exc:
                failure.append(exc)

        caller = threading.Thread(target=make_call, name="porch-page-call", daemon=True)
        self._pending = caller
        caller.start()
        caller.join(self.ANSWER_SECONDS)
        if caller.is_alive():
            if not self._reported_silence and not self._done():
                self._reported_silence = True
                log.warning("the page in the window has not answered for %.0f s (busy, or its renderer process "
                            "ended); the window stays open", self.ANSWER_SECONDS)
            raise PageSilent(f"no answer within {self.ANSWER_SECONDS} s")
        if failure:
            raise failure[0]
        if self._reported_silence:
            self._reported_silence = False
            log.info("the page in the window answers again")
        return answer[0] if answer else None
