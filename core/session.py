"""A session: one browser tab's state, its script runs, and the messages on their way to its client.

Data flows one way in each direction: a client message enters through :meth:`Session.receive` (event loop thread),
becomes a pending :class:`Request`, and the runner's worker thread turns it into a run; the run's elements come back
through :meth:`Session.put` / :meth:`Session._emit` (worker thread) and leave in :meth:`Session._flush` (event loop
thread). ``context.py`` explains the threading model.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import replace
from typing import Any

from . import app_menu, binding
from .errors import RunAbandoned, StopRequested
from .frames import SessionFrames
from .media import MediaStore
from .pending import PendingRequests, Request
from .protocol import (
    CLOSE_REPLACED,
    ClearCache,
    ClientInfo,
    ClientMessage,
    Hello,
    Message,
    Path,
    Rerun,
    Rows,
    RunOnSave,
    Stop,
    ack_message,
    delta_message,
    error_message,
    location_message,
    menu_message,
    navigate_message,
    page_message,
    query_message,
    reset_message,
    run_finished,
    run_started,
    session_message,
    trim_message,
)
from .run import Fragment, Run
from .runner import ScriptRunner
from .script import Script
from .state import SessionState
from .tree import RenderedTree
from .upload_store import UploadStore
from .interfaces import Handshake, Loop, Runtime, ScriptHooks, SessionStore, Transport
from .widgets import WidgetSpec, WidgetStore
from .config import EngineConfig

log = logging.getLogger("porch.session")

#: How long a script gets to reach its next Porch call after Stop, before it is interrupted from outside.
STOP_GRACE_SECONDS = 1.0
#: Held while a session makes its store of frames (rarely: once in the sessions that show one).
_FRAMES_MADE = threading.Lock()


class Session:
    def __init__(
        self, script: Script, loop: Loop, runtime: Runtime, hooks: ScriptHooks, media: MediaStore | None = None
    ) -> None:
        self.id = secrets.token_urlsafe(16)
        self.token = secrets.token_urlsafe(24)
        #: The build of the client the server serves, told to the client in ``session`` (set by the session manager).
        self.build = ""
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
        self._frames: SessionFrames | None = None
        #: What the session keeps beside its widgets; each is told when a run ends and when the session closes.
        self.stores: tuple[SessionStore, ...] = (self.media, self.uploads)
        self.page: dict[str, Any] = {}
        # Page fields that last only while runs keep setting them (the logo), and the run that last set each.
        self._run_page: dict[str, int] = {}
        #: The page's query parameters (``porch.query_params``), names to values in the URL's order. The client's
        #: ``hello`` sets them; then the worker owns them: a run started by a request that carries new ones (the user
        #: went back or forward) takes them at its start, and the script's changes go out as ``query`` messages.
        self.query: dict[str, list[str]] = {}
        # How the client records the script's changes to the query: "replace" during a run the user's back or forward
        # caused (Streamlit's rule: no history entries of their own), "push" otherwise.
        self._query_history = "push"
        #: Where the current run's query came from: "client" (back, forward or an edited address: a bound widget
        #: takes the URL's value again), "page" (a move to another page, with that page's query), "" (it is the
        #: session's own). Worker thread (``core/binding.py``).
        self.query_origin = ""
        #: The page of a multipage app the client shows (``porch.navigation``): its path under the base path, ``""``
        #: for the app's root. Set as the query is: by ``hello``, by a request that carries a page (the user chose
        #: one), and by the script (``switch_page``, or a page the app does not have), which sends ``location``.
        self.page_path = ""
        #: The script API's record of the pages ``porch.navigation`` last registered. Typed loosely: the runtime knows
        #: no page.
        self.navigation: Any = None
        #: What the page said of itself in ``hello``, and since in the ``rerun`` messages that carry what changed
        #: (``Rerun.client``); and what its connection's request said (``porch.context``). Replaced whole, never
        #: changed in place, so a run reads one consistent value without the lock.
        self.client = ClientInfo()
        self.handshake = Handshake()
        #: Streamlit's options as ``porch.get_option`` reads them: the engine's, one dict shared by its sessions
        #: (``set_option`` changes them for all, as Streamlit's does), or a session's own under AppTest.
        self.options: dict[str, Any] = {}
        self.current_run: Run | None = None
        #: The fragments runs called (``porch.fragment``), by id, for their reruns. Written by the worker and read by
        #: the loop (which fragment an event reruns, timers), under the lock.
        self.fragments: dict[str, Fragment] = {}
        # The timer of each fragment with ``run_every``: a generation number; a tick of another one is stale.
        self._timers: dict[str, int] = {}
        self._timer_generation = 0
        self.closed = False
        self.detached_at: float | None = time.monotonic()
        self._loop = loop
        self._runner = ScriptRunner(self)
        #: The requests waiting for runs, oldest first (``pending.py``: values merge, each click gets a run). Under
        #: the lock; ``max_clicks`` is set by the session manager from the engine's config.
        self.pending = PendingRequests()
        #: The memory the waiting requests' values may take (set by the session manager from the engine's config).
        self.max_pending_input_bytes = EngineConfig.max_pending_input_bytes
        #: The most points a chart of this session sends (set by the session manager from the engine's config; read
        #: by the charts' worker code: ``elements._chart_data.max_points``).
        self.max_chart_points = EngineConfig.max_chart_points
        self._input_refusal_logged = False
        # Whether a click refused for the queue's bound was logged (once per session, not once per click).
        self._refusal_logged = False
        #: Jobs of script code to run on the session's worker between runs (see :meth:`submit`), with their futures.
        self.jobs: list[tuple[Callable[[], Any], Future[Any]]] = []
        self._outbox: list[Message] = []
        self._flush_scheduled = False
        self._transport: Transport | None = None
        self._run_message: Message | None = None
        #: Set when the session moved here from another replica through the store (``porch.store.snapshot.give``):
        #: what stayed behind, which the next attach tells the client. None: it did not move (or has said so).
        self.moved_in: list[str] | None = None
        #: The highest sequence number of a client event (``Rerun.seq``) taken (loop thread, under the lock): a
        #: number at or below it is one the client sent again after reconnecting, and is dropped.
        self.last_event_seq = 0
        #: The highest one acknowledged (``ack``): at the end of each run; with a store, once a snapshot holding it
        #: is written (``acks_when_saved``, set by ``porch.store.handoff``), so a client resends what a replica that
        #: dies would lose.
        self.acked_seq = 0
        self.acks_when_saved = False
        #: Numbered events that came before the first run of a session that moved here ended (a list, set by
        #: ``porch.store.snapshot.give``; None otherwise): that run has not shown its widgets yet, so the events
        #: wait for it, in order, then are taken. Under the lock.
        self.held_events: list[Rerun] | None = None
        #: The app menu's Auto rerun (``RunOnSave``): whether this session reruns when the server sees its script
        #: change. Loop thread.
        self.rerun_on_save = True
        # The app menu the page was last told of (``menu`` message), and whether a request its menu does not offer
        # was logged (once per session). Under the lock.
        self._menu: Message | None = None
        self._menu_refusal_logged = False

    # -- event loop thread ---------------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._transport is not None

    def attach(
        self, transport: Transport, hello: Hello, *, resumed: bool, handshake: Handshake | None = None
    ) -> None:
        """Connect a client. A resumed session rebuilds the client's page from the tree instead of rerunning, unless
        the page's query parameters differ from the session's (the user edited the address): then it reruns with
        them; or the user signed in or out since (``porch.user``): then it reruns. A connection the session still
        has (the same page reconnected before its old socket was seen to close) is closed: the new one takes over.
        A session that moved here from another replica (``moved_in``) comes back as resumed, saying what stayed
        behind; its page is cleared and rebuilt by a run with its restored values."""
        moved_in, self.moved_in = self.moved_in, None
        frame: list[Message] = [
            session_message(self.id, self.token, resumed=resumed or moved_in is not None,
                            runtime=self.runtime.to_json(), build=self.build, restored=moved_in,
                            seq=self.last_event_seq, ack=self.acked_seq)
        ]
        if moved_in is not None:
            frame.append(reset_message())
        with self.lock:
            replaced, self._transport = self._transport, transport
            self.detached_at = None
            self.client = hello.client
            user_changed = resumed and handshake is not None and handshake.user != self.handshake.user
            if handshake is not None:
                self.handshake = handshake
            query_changed = resumed and list(hello.query.items()) != list(self.query.items())
            page_changed = resumed and hello.page is not None and hello.page != self.page_path
            if not resumed:
                self.query = dict(hello.query)
                self.page_path = hello.page or ""
            if resumed:
                if self.page:
                    frame.append(page_message(self.page))
                frame.append(reset_message())
                frame.extend(delta_message(path, element) for path, element in self.tree.snapshot())
                if self._run_message is not None:
                    frame.append(self._run_message)
                # The app menu as this connection has it (its address decides "auto"); a new session's first run
                # tells it (begin_run).
                self._menu = self._menu_now()
                frame.append(self._menu)
                self._outbox.clear()
        if replaced is not None and replaced is not transport:
            replaced.close(*CLOSE_REPLACED)
        transport.send(frame)
        if not resumed:
            self.receive(Rerun())
        elif query_changed or page_changed or user_changed:
            self.receive(Rerun(query=dict(hello.query), page=hello.page if page_changed else None))

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
        if message.on_save and not self.rerun_on_save:
            return  # the script changed on disk, and this page's Auto rerun is off
        with self.lock:
            if self.closed:
                return
            if message.seq is not None:
                if self.held_events is not None:
                    self._hold(message, self.held_events)
                    return
                if message.seq <= self.last_event_seq:
                    return  # sent again after a reconnect: taken already
                self.last_event_seq = message.seq
            if message.client is not None:
                # What the page says of itself changed (a colour scheme, a time zone): the runs from now on see it.
                self.client = self.client.updated(message.client)
            message = self._known(message)
            if self.pending.input_bytes_with(message) > self.max_pending_input_bytes:
                self._refuse_input(message)
                return
            admitted = self.pending.add(message, self._scope(message))
            if admitted:
                self._runner.wake()
            limit = self.pending.max_clicks
        if not admitted:
            self._refuse_click(limit)

    def _hold(self, message: Rerun, held: list[Rerun]) -> None:
        """Keep an event until the first run of a session that moved here has ended (``held_events``), within the
        bound of waiting clicks. Lock held."""
        if len(held) < self.pending.max_clicks:
            held.append(message)
        else:
            self._refuse_click(self.pending.max_clicks)

    def _take_held(self) -> None:
        """The first run of a session that moved here ended: take the events that waited for it. Event loop
        thread (so an event that comes meanwhile still waits behind them)."""
        with self.lock:
            held, self.held_events = self.held_events, None
        for message in held or ():
            self._on_rerun(message)

    def _known(self, message: Rerun) -> Rerun:
        """``message`` with only the values and the click of widgets the session has: a value for any other (a
        widget of an older page) would be ignored when a run takes it, and meanwhile only pile up while a run is
        busy. Lock held; one dict lookup per id in the specs the worker writes (atomic)."""
        specs = self.widgets.specs
        trigger = message.trigger
        if (trigger is None or trigger in specs) and all(widget in specs for widget in message.widgets):
            return message
        return replace(
            message,
            widgets={widget: value for widget, value in message.widgets.items() if widget in specs},
            trigger=trigger if trigger in specs else None,
        )

    def _refuse_input(self, message: Rerun) -> None:
        """Values that would take the waiting requests over ``max_pending_input_bytes``: refused, the client told,
        the widgets sent again (their controls show what the session holds), the log once per session. Lock held."""
        reason = (
            f"the values waiting for a run would take more than {self.max_pending_input_bytes} bytes "
            "(max_pending_input_mb); this message was dropped. Raise the limit with --max-pending-input-mb or "
            "PORCH_MAX_PENDING_INPUT_MB."
        )
        if not self._input_refusal_logged:
            self._input_refusal_logged = True
            log.warning("session %s: %s (logged once per session)", self.id[:8], reason)
        self._emit(error_message("too_large", reason))
        for widget in message.widgets:
            self._resend(widget)

    def _refuse_click(self, limit: int) -> None:
        """An event beyond the queue's bound: the client is told, the log once per session."""
        reason = (
            f"{limit} clicks are already waiting for their runs (max_queued_clicks); this event was dropped. "
            "Raise the limit with --max-queued-clicks or PORCH_MAX_QUEUED_CLICKS."
        )
        if not self._refusal_logged:
            self._refusal_logged = True
            log.warning("session %s: %s (logged once per session)", self.id[:8], reason)
        self._reply(error_message("too_many_clicks", reason))

    def _scope(self, message: Rerun) -> list[str] | None:
        """The fragments a client's event reruns: those whose widgets it names, when every widget it names (that the
        page still has) was made by a fragment still registered; None, the whole script, otherwise. Lock held.

        Reads the specs the worker writes: one dict lookup per widget, atomic, of a spec whose ``fragment`` never
        changes once it is made.
        """
        if message.query is not None or message.page is not None or not self.fragments:
            return None
        named = [*message.widgets, *(() if message.trigger is None else (message.trigger,))]
        specs = self.widgets.specs
        found: list[str] = []
        for widget in named:
            spec = specs.get(widget)
            if spec is None:
                continue  # a widget of an older page: it takes no part in deciding
            if spec.fragment is None or spec.fragment not in self.fragments:
                return None
            if spec.fragment not in found:
                found.append(spec.fragment)
        return found or None

    def _tick(self, fragment_id: str, generation: int) -> None:
        """A ``run_every`` timer went off: ask for a rerun of its fragment while a client is connected, and go on
        until the session closes or a run drops the fragment or changes its period. Event loop thread."""
        with self.lock:
            fragment = self.fragments.get(fragment_id)
            if self.closed or fragment is None or fragment.run_every is None:
                return
            if self._timers.get(fragment_id) != generation:
                return
            if self._transport is not None:
                self.pending.widen([fragment_id], preempt=False)
                self._runner.wake()
            period = fragment.run_every
        self._loop.call_later(period, self._tick, fragment_id, generation)

    def _arm(self, fragment_id: str, generation: int, period: float) -> None:
        """Start a fragment's timer (``call_later`` belongs to the loop thread)."""
        self._loop.call_later(period, self._tick, fragment_id, generation)

    def resend(self, widgets: tuple[str, ...]) -> None:
        """The values a client sent for ``widgets`` were refused with its message: send the elements of those the page
        shows again, so each control shows the value the session holds. Event loop thread."""
        with self.lock:
            if not self.closed:
                for widget in widgets:
                    self._resend(widget)

    @property
    def frames(self) -> SessionFrames:
        """The data frames its page shows (``dataframe``), whose rows the client asks for (``rows`` messages): made
        on first use, as few sessions show one, and then one of its :attr:`stores`. Any thread."""
        frames = self._frames
        if frames is None:
            with _FRAMES_MADE:
                frames = self._frames
                if frames is None:
                    frames = self._frames = SessionFrames()
                    self.stores = (*self.stores, frames)
        return frames

    def _on_rows(self, message: Rows) -> None:
        """The client asks for rows of a frame its page shows: a worker makes the window, and the answer goes out on
        the loop thread (as every reply does)."""
        self.frames.request(message, lambda reply: self._loop.call_soon_threadsafe(self._reply, reply))

    def _on_stop(self, message: Stop) -> None:
        with self.lock:
            self.pending.clear()
            run = self.current_run
            if run is None:
                return
            run.stop_requested = True
        self._loop.call_later(STOP_GRACE_SECONDS, self._runner.interrupt, run, StopRequested)

    # -- the app menu (porch.app_menu): what it asks of the server, honoured only where the page's menu offers it ----

    def _on_clear_cache(self, message: ClearCache) -> None:
        """Clear cache: the app's ``cache_data`` and ``cache_resource`` are emptied on the session's worker, between
        runs (clearing may delete files, or a shared store's entries), and this session's ``session_state`` with
        them, as Streamlit's Clear cache does."""
        if not self._offers_developer_items("Clear cache"):
            return

        def clear() -> None:
            self.hooks.clear_caches()
            self.state.clear()

        self.submit(clear).add_done_callback(_log_failure)

    def _on_run_on_save(self, message: RunOnSave) -> None:
        """Auto rerun: whether this session reruns when its script changes on disk. The page is told back."""
        if not self._offers_developer_items("Auto rerun"):
            return
        self.rerun_on_save = message.enabled
        with self.lock:
            if not self.closed:
                self._refresh_menu()

    def _offers_developer_items(self, item: str) -> bool:
        """Whether the page's menu offers the developer's items now; if not, the client is told why (and the log,
        once per session). Loop thread."""
        mode = app_menu.shown_mode(self.options, self.runtime, self.handshake)
        if mode == "developer":
            return True
        text = (
            f"{item} is one of the app menu's developer items, which this page's menu does not show (its mode is "
            f"{mode!r}). To offer them to every client, run the app with toolbar_mode = \"developer\" "
            "(--toolbar-mode developer, PORCH_TOOLBAR_MODE, or Streamlit's client.toolbarMode)"
        )
        with self.lock:
            logged, self._menu_refusal_logged = self._menu_refusal_logged, True
        if not logged:
            log.warning("session %s: refused %s (further refusals of this session are not logged)", self.id, text)
        self._reply(error_message("not_offered", text))
        return False

    def _menu_now(self) -> Message:
        return menu_message(
            {**app_menu.menu_of(self.options, self.runtime, self.handshake), "auto_rerun": self.rerun_on_save}
        )

    def _refresh_menu(self) -> None:
        """Tell the page of its menu if it changed (``client.toolbarMode`` set by a run, Auto rerun). Lock held."""
        menu = self._menu_now()
        if menu != self._menu:
            self._menu = menu
            self._emit(menu)

    def close(self, code: int = 1001, reason: str = "session closed") -> None:
        """Free the session: its run is abandoned at its next Porch call (or interrupted), its state dropped; its
        client's connection is closed with ``code`` and ``reason``."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
            self.pending.clear()
            run = self.current_run
            transport, self._transport = self._transport, None
            self._outbox.clear()
            self.tree = RenderedTree()
            self.fragments = {}
            self._timers.clear()
            jobs, self.jobs = self.jobs, []
        for _, future in jobs:
            future.cancel()
        for store in self.stores:
            store.close()
        if transport is not None:
            transport.close(code, reason)
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

    def submit(self, job: Callable[[], Any]) -> Future[Any]:
        """Run ``job`` (script code, such as a download's data function) on this session's worker, between runs:
        never on the event loop, never beside a run. Any thread. The future holds its result or what it raised; it
        is cancelled if the session closes first."""
        future: Future[Any] = Future()
        with self.lock:
            if self.closed:
                future.cancel()
                return future
            self.jobs.append((job, future))
            self._runner.wake()
        return future

    # -- worker thread -----------------------------------------------------------------------------------------

    def acknowledge(self, seq: int) -> None:
        """The client's events up to ``seq`` are saved (the store's writer thread): tell the client."""
        with self.lock:
            if not self.closed and seq > self.acked_seq:
                self.acked_seq = seq
                self._emit(ack_message(seq))

    def notify(self, message: Message) -> None:
        """Send ``message`` to the client outside the run's elements (an error a job met)."""
        with self.lock:
            if not self.closed:
                self._emit(message)

    def take_request(self) -> Request | None:
        """The oldest pending request, if any. Called with the lock held."""
        return self.pending.take()

    def request_rerun(self, fragments: list[str] | None = None) -> None:
        """The script asked for a rerun (``porch.rerun()``; of ``fragments`` only, by their ids): the runner starts
        one when this run ends."""
        with self.lock:
            self.pending.widen(fragments)

    def has_pending_request(self) -> bool:
        return bool(self.pending)

    def supersedes(self, run: Run) -> bool:
        """Whether the pending request ends ``run`` at its next checkpoint: one for the whole script ends any run;
        one for fragments ends a rerun of those fragments (unless only timers asked), never a full run: it waits for
        it, as in Streamlit, so a fragment's event never cuts the rest of the page short.

        A request with a click of a widget whose earlier click ``run`` holds and has not reached yet waits for it
        (ending the run there would merge the two clicks into one). Worker thread: the widgets' clicks are its own.
        """
        request = self.pending.head()
        if request is None:
            return False
        if not request.triggers.isdisjoint(self.widgets.triggered - self.widgets.consumed):
            return False
        wanted = request.fragments
        if wanted is None:
            return True
        return request.preempt and bool(run.fragment_ids) and run.fragment_ids.issubset(wanted)

    # -- fragments (worker thread) -------------------------------------------------------------------------------

    def register_fragment(self, fragment: Fragment) -> None:
        """A run called a fragment: keep it for its reruns (in place of what its last call left) and keep its
        ``run_every`` timer going. Worker thread."""
        with self.lock:
            if self.closed:
                raise RunAbandoned()
            previous = self.fragments.get(fragment.id)
            self.fragments[fragment.id] = fragment
            period = fragment.run_every
            if period is None:
                self._timers.pop(fragment.id, None)
            elif previous is None or previous.run_every != period or fragment.id not in self._timers:
                self._timer_generation += 1
                self._timers[fragment.id] = generation = self._timer_generation
                self._loop.call_soon_threadsafe(self._arm, fragment.id, generation, period)

    def plan(self, request: Request) -> tuple[Fragment, ...]:
        """The fragments a request reruns, in its order, less those a fragment it also reruns encloses (that one runs
        them anyway); () for a run of the whole script, also when none of those it names is on the page any more.
        Lock held."""
        if request.fragments is None:
            return ()
        chosen = [
            self.fragments[name]
            for name in request.fragments
            if name in self.fragments and self.tree.has_block(self.fragments[name].path)
        ]
        ids = {fragment.id for fragment in chosen}
        return tuple(f for f in chosen if not any(a.id in ids for a in self._lineage(f) if a is not f))

    def base_of(self, fragments: tuple[Fragment, ...]) -> frozenset[int]:
        """The runs whose containers a rerun of ``fragments`` may write into: those that called them and the
        fragments around them. Lock held."""
        return frozenset(a.run for fragment in fragments for a in self._lineage(fragment))

    def _lineage(self, fragment: Fragment) -> Iterator[Fragment]:
        """``fragment``, then the fragments around it, innermost first. Lock held."""
        seen: set[str] = set()
        current: Fragment | None = fragment
        while current is not None and current.id not in seen:
            seen.add(current.id)
            yield current
            current = self.fragments.get(current.parent) if current.parent is not None else None

    def _rebuilt(self, run: Run) -> set[str]:
        """The fragments a fragment rerun rendered anew: those it reran and every fragment inside them. Lock held."""
        return {
            fragment.id
            for fragment in self.fragments.values()
            if any(a.id in run.fragment_ids for a in self._lineage(fragment))
        } | set(run.fragment_ids)

    def _forget_fragments(self, run: Run, status: str) -> None:
        """Drop the fragments that a run which was not superseded no longer shows (what it did not produce has just
        been trimmed): after a full run, those it did not call; after a fragment rerun, those inside its fragments
        that it did not call again. Their timers stop. Lock held."""
        if status == "rerun":
            return
        if run.fragments:
            gone = [
                fragment.id
                for fragment in self.fragments.values()
                if fragment.run != run.number
                and fragment.id not in run.fragment_ids
                and any(a.id in run.fragment_ids for a in self._lineage(fragment))
            ]
        else:
            gone = [fragment.id for fragment in self.fragments.values() if fragment.run != run.number]
        for name in gone:
            del self.fragments[name]
            self._timers.pop(name, None)

    @property
    def running(self) -> bool:
        return self._runner.busy

    def begin_run(self, run: Run, request: Request) -> list[WidgetSpec]:
        if request.query is not None:
            self.query = request.query
        if request.page is not None:
            self.page_path = request.page
        self._query_history = "push" if request.query is None and request.page is None else "replace"
        self.query_origin = "" if request.query is None else "page" if request.page is not None else "client"
        self._defer_repeated_clicks(request)
        callbacks, refused = self.widgets.apply(request.widgets, request.triggers)
        self.widgets.begin_run()
        started = run_started(run.number)
        with self.lock:
            self.tree.begin_run(tuple(fragment.path for fragment in run.fragments))
            self._run_message = started
            self._emit(started)
            self._refresh_menu()
            for widget in refused:
                refusal = self.widgets.refusals.get(widget)
                if refusal is None:
                    self._emit(
                        error_message("bad_value", f"a value for widget {widget!r} did not fit it and was ignored")
                    )
                self._resend(widget, refusal)
        return callbacks

    def _defer_repeated_clicks(self, request: Request) -> None:
        """Put back, first in line, the clicks of ``request`` whose widget still holds one that a superseded run never
        reached (it came in while that run was ending): they get the run after this one, which takes the earlier
        click. Worker thread."""
        held = request.triggers & self.widgets.triggered
        if not held:
            return
        later = Request(
            widgets={widget: request.widgets.pop(widget) for widget in held if widget in request.widgets},
            triggers=held,
            fragments=None if request.fragments is None else list(request.fragments),
        )
        request.triggers = request.triggers - held
        with self.lock:
            if not self.closed:
                self.pending.defer(later)

    def end_run(self, run: Run, status: str) -> None:
        if status == "abandoned":
            return
        partial = bool(run.fragments)
        if partial:
            with self.lock:
                rebuilt: set[str] | None = self._rebuilt(run)
        else:
            rebuilt = None
        cleared = self.widgets.clear_submitted_forms(run.forms) if status == "ok" else []
        unbound = self.widgets.end_run(
            completed=status == "ok", superseded=status == "rerun", within=rebuilt, page=self.page_path
        )
        self.state.settle(run_ended=True)
        if unbound:
            try:
                binding.unbind(self, unbound)
            except RunAbandoned:  # the session closed meanwhile: no page to tell
                pass
        for store in self.stores:
            # A fragment rerun leaves a page that still shows earlier runs' elements, as a superseded run does.
            store.end_run("rerun" if partial else status, self.widgets)
        finished = run_finished(run.number, status)
        with self.lock:
            for spec in cleared:
                self._reput_value(spec)
            if status != "rerun":
                for path, length in self.tree.end_run():
                    self._emit(trim_message(path, length))
                if not partial:
                    self._drop_stale_page(run.number)
            self._forget_fragments(run, status)
            if self.held_events is not None and status != "rerun":
                self._loop.call_soon_threadsafe(self._take_held)
            if self.last_event_seq > self.acked_seq and not self.acks_when_saved:
                self.acked_seq = self.last_event_seq
                self._emit(ack_message(self.acked_seq))
            self._run_message = finished
            self._emit(finished)

    def put(self, path: Path, element: dict[str, Any]) -> None:
        """Show ``element`` at ``path``; sent only if the client does not already show exactly that."""
        with self.lock:
            if self.closed:
                raise RunAbandoned()
            if self.tree.put(path, element):
                self._emit(delta_message(path, element))

    def _resend(self, widget: str, refusal: tuple[Any, str] | None = None) -> None:
        """Send a widget's element again, so a client showing a refused value shows the real one. A ``refusal``
        (the value refused and why, ``widgets.Refused``) goes with it as the ``refused`` prop, ``{value, message}``,
        for the page to show at the widget; the page's tree keeps the element without it. Lock held."""
        spec = self.widgets.specs.get(widget)
        if spec is None:
            return
        try:
            element = self.tree.node(spec.path).element
        except IndexError:  # not on the page (any more): nothing shows a value
            return
        if element.get("id") == spec.id:
            if refusal is not None:
                value, message = refusal
                element = {**element, "props": {**element["props"], "refused": {"value": value, "message": message}}}
            self._emit(delta_message(spec.path, element))

    def _reput_value(self, spec: WidgetSpec) -> None:
        """Show a widget's value after the session changed it outside a run (a form cleared on submit)."""
        node = self.tree.node(spec.path)
        if node.element.get("id") != spec.id:
            return
        element = {**node.element, "props": {**node.element["props"], "value": self.widgets.wire_value(spec)}}
        if self.tree.put(spec.path, element):
            self._emit(delta_message(spec.path, element))

    def set_query(self, query: dict[str, list[str]], *, history: str | None = None) -> None:
        """The script changed the page's query parameters: keep them, and have the client show them in its address
        bar (only when they differ, order included). ``history`` "replace": in place of the address's entry (a bound
        widget's value, ``core/binding.py``); None: the session's rule. Worker thread."""
        with self.lock:
            if self.closed:
                raise RunAbandoned()
            if list(query.items()) == list(self.query.items()):
                return
            self.query = query
            self._emit(query_message(query, history=history or self._query_history))

    def set_location(self, page: str, query: dict[str, list[str]] | None = None, *, push: bool = False) -> None:
        """The app is on ``page`` now, with ``query`` (None: the same query): have the client show both in its address
        bar, when they differ from what it shows. ``push`` adds a history entry (``switch_page``); otherwise the rule
        of query changes holds (a run the user's own navigation caused replaces its entry). Worker thread."""
        with self.lock:
            if self.closed:
                raise RunAbandoned()
            query = self.query if query is None else query
            if page == self.page_path and list(query.items()) == list(self.query.items()):
                return
            self.page_path, self.query = page, query
            self._emit(location_message(page, query, history="push" if push else self._query_history))

    def navigate(self, path: str) -> None:
        """Have the client leave the page for ``path``, an endpoint of the app's own (sign-in). Worker thread."""
        with self.lock:
            if self.closed:
                raise RunAbandoned()
            self._emit(navigate_message(path))

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


def _log_failure(future: Future[Any]) -> None:
    """A job the session ran for its page's menu failed: the log says why."""
    if not future.cancelled() and future.exception() is not None:
        log.error("the app's caches could not be cleared", exc_info=future.exception())


_HANDLERS: dict[type, Callable[[Session, Any], None]] = {
    Rerun: Session._on_rerun,
    Rows: Session._on_rows,
    Stop: Session._on_stop,
    ClearCache: Session._on_clear_cache,
    RunOnSave: Session._on_run_on_save,
}
