"""A session: one browser tab's state, its script runs, and the messages on their way to its client.

Data flows one way in each direction: a client message enters through :meth:`Session.receive` (event loop thread),
becomes a pending :class:`Request`, and the runner's worker thread turns it into a run; the run's elements come back
through :meth:`Session.put` / :meth:`Session._emit` (worker thread) and leave in :meth:`Session._flush` (event loop
thread). ``context.py`` explains the threading model.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import RunAbandoned, StopRequested
from .media import MediaStore
from .protocol import (
    ClientMessage,
    Hello,
    Message,
    Path,
    Rerun,
    Stop,
    delta_message,
    error_message,
    page_message,
    reset_message,
    run_finished,
    run_started,
    session_message,
    trim_message,
)
from .run import Run
from .runner import ScriptRunner
from .script import Script
from .state import SessionState
from .tree import RenderedTree
from .upload_store import UploadStore
from .interfaces import Loop, Runtime, ScriptHooks, SessionStore, Transport
from .widgets import WidgetSpec, WidgetStore

#: How long a script gets to reach its next Porch call after Stop, before it is interrupted from outside.
STOP_GRACE_SECONDS = 1.0


@dataclass
class Request:
    """What the next run must take into account: merged client changes, newest values winning, clicks kept."""

    widgets: dict[str, Any] = field(default_factory=dict)
    triggers: set[str] = field(default_factory=set)


class Session:
    def __init__(
        self, script: Script, loop: Loop, runtime: Runtime, hooks: ScriptHooks, media: MediaStore | None = None
    ) -> None:
        self.id = secrets.token_urlsafe(16)
        self.token = secrets.token_urlsafe(24)
        self.script = script
        self.runtime = runtime
        #: The script API's part in each run (magic, exceptions shown), handed down so the runtime needs no import.
        self.hooks = hooks
        self.lock = threading.Lock()
        self.widgets = WidgetStore()
        self.state = SessionState(self.widgets)
        self.tree = RenderedTree()
        self.uploads = UploadStore()
        #: The media (images, downloads...) this session's page shows, held in the engine's store.
        self.media = (media if media is not None else MediaStore()).session()
        #: What the session keeps beside its widgets; each is told when a run ends and when the session closes.
        self.stores: tuple[SessionStore, ...] = (self.media, self.uploads)
        self.page: dict[str, Any] = {}
        # Page fields that last only while runs keep setting them (the logo), and the run that last set each.
        self._run_page: dict[str, int] = {}
        self.query: dict[str, list[str]] = {}
        self.current_run: Run | None = None
        self.closed = False
        self.detached_at: float | None = time.monotonic()
        self._loop = loop
        self._runner = ScriptRunner(self)
        self._request: Request | None = None
        self._outbox: list[Message] = []
        self._flush_scheduled = False
        self._transport: Transport | None = None
        self._run_message: Message | None = None

    # -- event loop thread ---------------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._transport is not None

    def attach(self, transport: Transport, hello: Hello, *, resumed: bool) -> None:
        """Connect a client. A resumed session rebuilds the client's page from the tree instead of rerunning."""
        frame: list[Message] = [
            session_message(self.id, self.token, resumed=resumed, runtime=self.runtime.to_json())
        ]
        with self.lock:
            self._transport = transport
            self.detached_at = None
            if hello.query and not resumed:
                self.query = dict(hello.query)
            if resumed:
                if self.page:
                    frame.append(page_message(self.page))
                frame.append(reset_message())
                frame.extend(delta_message(path, element) for path, element in self.tree.snapshot())
                if self._run_message is not None:
                    frame.append(self._run_message)
                self._outbox.clear()
        transport.send(frame)
        if not resumed:
            self.receive(Rerun())

    def detach(self, transport: Transport) -> None:
        with self.lock:
            if self._transport is transport:
                self._transport = None
                self.detached_at = time.monotonic()

    def receive(self, message: ClientMessage) -> None:
        """Take one validated client message. Event loop thread; crosses to the worker through the lock."""
        handler = _HANDLERS.get(type(message))
        if handler is None:
            self._reply(error_message("unexpected", f"{type(message).__name__.lower()} is not expected now"))
            return
        handler(self, message)

    def _on_rerun(self, message: Rerun) -> None:
        with self.lock:
            if self.closed:
                return
            if self._request is None:
                self._request = Request()
            self._request.widgets.update(message.widgets)
            if message.trigger is not None:
                self._request.triggers.add(message.trigger)
            self._runner.wake()

    def _on_stop(self, message: Stop) -> None:
        with self.lock:
            self._request = None
            run = self.current_run
            if run is None:
                return
            run.stop_requested = True
        self._loop.call_later(STOP_GRACE_SECONDS, self._runner.interrupt, run, StopRequested)

    def close(self) -> None:
        """Free the session: its run is abandoned at its next Porch call (or interrupted), its state dropped."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
            self._request = None
            run = self.current_run
            transport, self._transport = self._transport, None
            self._outbox.clear()
            self.tree = RenderedTree()
        for store in self.stores:
            store.close()
        if transport is not None:
            transport.close(1001, "session closed")
        if run is not None:
            self._loop.call_later(STOP_GRACE_SECONDS, self._runner.interrupt, run, RunAbandoned)
        self.widgets = WidgetStore()
        self.state = SessionState(self.widgets)

    def _reply(self, message: Message) -> None:
        transport = self._transport
        if transport is not None:
            transport.send([message])

    def _flush(self) -> None:
        with self.lock:
            frame, self._outbox = self._outbox, []
            self._flush_scheduled = False
            transport = self._transport
        if transport is not None and frame:
            transport.send(frame)

    # -- worker thread -----------------------------------------------------------------------------------------

    def take_request(self) -> Request | None:
        """The merged pending request, if any. Called with the lock held."""
        request, self._request = self._request, None
        return request

    def request_rerun(self) -> None:
        """The script asked for a rerun (``porch.rerun()``): the runner starts one when this run ends."""
        with self.lock:
            if self._request is None:
                self._request = Request()

    def has_pending_request(self) -> bool:
        return self._request is not None

    @property
    def running(self) -> bool:
        return self._runner.busy

    def begin_run(self, run: Run, request: Request) -> list[WidgetSpec]:
        callbacks, refused = self.widgets.apply(request.widgets, request.triggers)
        self.widgets.begin_run()
        started = run_started(run.number)
        with self.lock:
            self.tree.begin_run()
            self._run_message = started
            self._emit(started)
            for widget in refused:
                self._emit(error_message("bad_value", f"a value for widget {widget!r} did not fit it and was ignored"))
                self._resend(widget)
        return callbacks

    def end_run(self, run: Run, status: str) -> None:
        if status == "abandoned":
            return
        cleared = self.widgets.clear_submitted_forms(run.forms) if status == "ok" else []
        self.widgets.end_run(completed=status == "ok", superseded=status == "rerun")
        self.state.settle()
        for store in self.stores:
            store.end_run(status, self.widgets)
        finished = run_finished(run.number, status)
        with self.lock:
            for spec in cleared:
                self._reput_value(spec)
            if status != "rerun":
                for path, length in self.tree.end_run():
                    self._emit(trim_message(path, length))
                self._drop_stale_page(run.number)
            self._run_message = finished
            self._emit(finished)

    def put(self, path: Path, element: dict[str, Any]) -> None:
        """Show ``element`` at ``path``; sent only if the client does not already show exactly that."""
        with self.lock:
            if self.closed:
                raise RunAbandoned()
            if self.tree.put(path, element):
                self._emit(delta_message(path, element))

    def _resend(self, widget: str) -> None:
        """Send a widget's element again, so a client showing a refused value shows the real one. Lock held."""
        spec = self.widgets.specs.get(widget)
        if spec is not None:
            self._emit(delta_message(spec.path, self.tree.node(spec.path).element))

    def _reput_value(self, spec: WidgetSpec) -> None:
        """Show a widget's value after the session changed it outside a run (a form cleared on submit)."""
        node = self.tree.node(spec.path)
        if node.element.get("id") != spec.id:
            return
        element = {**node.element, "props": {**node.element["props"], "value": self.widgets.wire_value(spec)}}
        if self.tree.put(spec.path, element):
            self._emit(delta_message(spec.path, element))

    def set_page(self, page: dict[str, Any], *, run: Run | None = None) -> None:
        """Change page settings (None: leave a field as it is). Fields set with ``run`` last as an element does: a
        run that ends without setting them again removes them (``logo``)."""
        with self.lock:
            if run is not None:
                self._run_page.update({name: run.number for name, value in page.items() if value is not None})
            updated = {**self.page, **{name: value for name, value in page.items() if value is not None}}
            if updated != self.page:
                self.page = updated
                self._emit(page_message(updated))

    def _drop_stale_page(self, run: int) -> None:
        """Remove the run-scoped page fields that ``run`` did not set. Lock held."""
        stale = [name for name, number in self._run_page.items() if number != run]
        for name in stale:
            del self._run_page[name]
            self.page.pop(name, None)
        if stale:
            self._emit(page_message(self.page))

    def _emit(self, message: Message) -> None:
        """Worker -> loop, the one crossing in that direction: queue a message and make sure a flush is scheduled on
        the loop. Called with the lock held."""
        self._outbox.append(message)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            self._loop.call_soon_threadsafe(self._flush)


_HANDLERS: dict[type, Callable[[Session, Any], None]] = {
    Rerun: Session._on_rerun,
    Stop: Session._on_stop,
}
