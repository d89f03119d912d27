"""What a session's next runs must take into account: its pending requests, oldest first.

Client events that arrive while a run is going wait here. Values that are state (a slider's) merge: the newest
wins, one run takes them all. Events (a click on a button, a form's submit, a chat message: widgets whose spec says
``trigger``) never merge into an event of the same widget: a second click of a button that already has one waiting
starts a new request behind it, so each click gets a run of its own in which the button reads True (Streamlit's
rule: a button is True for exactly one run per click). Only those second events make the queue longer, so its bound
(``max_clicks``) is a bound on runs waiting; an event beyond it is refused and the caller tells the client.

The event loop adds (a client's message, a fragment's timer), the worker takes, both under the session's lock;
the worker's checkpoint reads :attr:`PendingRequests.queue` and :meth:`PendingRequests.head` without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .protocol import Rerun
from .widgets import input_bytes, input_growth

#: Clicks (and other events) a session holds while earlier ones wait for their runs (``EngineConfig``'s default).
DEFAULT_MAX_QUEUED_CLICKS = 1000


@dataclass
class Request:
    """What one run must take into account: merged client changes, newest values winning, at most one event of each
    trigger widget."""

    widgets: dict[str, Any] = field(default_factory=dict)
    triggers: set[str] = field(default_factory=set)
    #: The page's query parameters, when the client changed them (back or forward): the run starts with these.
    query: dict[str, list[str]] | None = None
    #: The page the client went to (its path under the base path: a navigation link, back or forward), or None.
    page: str | None = None
    #: The fragments to rerun (their ids, in order), or None: the whole script.
    fragments: list[str] | None = None
    #: Whether it ends a rerun of the same fragments at once (widget events do; a ``run_every`` timer's waits).
    preempt: bool = True
    #: The memory its ``widgets`` take (``widgets.input_bytes``), kept as values merge.
    input_bytes: int = 0

    def widen(self, fragments: list[str] | None, *, preempt: bool = True) -> None:
        """Take in the scope of another request: the whole script wins; fragments add up."""
        if self.fragments is not None:
            if fragments is None:
                self.fragments = None
            else:
                self.fragments = self.fragments + [f for f in fragments if f not in self.fragments]
        self.preempt = self.preempt or preempt

    def takes(self, message: Rerun) -> bool:
        """Whether ``message`` merges into this request: not when it names a widget whose event this request already
        carries (a second click, or a value for a chat field whose message is waiting)."""
        if not self.triggers:
            return True
        if message.trigger is not None and message.trigger in self.triggers:
            return False
        return self.triggers.isdisjoint(message.widgets)

    def merge(self, message: Rerun, scope: list[str] | None) -> None:
        self.widen(scope)
        self.input_bytes += input_growth(self.widgets, message.widgets)
        self.widgets.update(message.widgets)
        if message.trigger is not None:
            self.triggers.add(message.trigger)
        if message.query is not None:
            self.query = message.query
        if message.page is not None:
            self.page = message.page


class PendingRequests:
    """A session's requests waiting for runs. Used under the session's lock (but :meth:`head`)."""

    def __init__(self, max_clicks: int = DEFAULT_MAX_QUEUED_CLICKS) -> None:
        #: How many requests (so runs) may wait; only a widget's repeated event makes one more than one wait.
        self.max_clicks = max_clicks
        #: The memory the values of every waiting request take (``Request.input_bytes``, summed): the session bounds
        #: it (``EngineConfig.max_pending_input_bytes``).
        self.input_bytes = 0
        #: The requests, oldest first. Change it only through the methods below; its truth (whether a request waits)
        #: is what the checkpoint of every Porch call reads, without the lock (``Run.checkpoint``). A list, not a
        #: deque: it is almost always empty or one long, and an empty deque costs every session 0.6 KiB (a list 56
        #: bytes).
        self.queue: list[Request] = []

    def __len__(self) -> int:
        return len(self.queue)

    def __bool__(self) -> bool:
        return bool(self.queue)

    def __iter__(self) -> Iterator[Request]:
        return iter(self.queue)

    def head(self) -> Request | None:
        """The request the next run takes, or None. Safe without the lock (the loop may empty the queue meanwhile)."""
        try:
            return self.queue[0]
        except IndexError:
            return None

    def add(self, message: Rerun, scope: list[str] | None) -> bool:
        """Take a client's event: merged into the newest request when it can be, else a request of its own behind it.
        False, and nothing changed, when ``max_clicks`` requests wait already."""
        last = self.queue[-1] if self.queue else None
        if last is not None and last.takes(message):
            before = last.input_bytes
            last.merge(message, scope)
            self.input_bytes += last.input_bytes - before
            return True
        if len(self.queue) >= self.max_clicks:
            return False
        request = Request(fragments=scope)
        request.merge(message, scope)
        self.queue.append(request)
        self.input_bytes += request.input_bytes
        return True

    def input_bytes_with(self, message: Rerun) -> int:
        """What :attr:`input_bytes` would be with ``message`` added."""
        last = self.queue[-1] if self.queue else None
        held = last.widgets if last is not None and last.takes(message) else {}
        return self.input_bytes + input_growth(held, message.widgets)

    def widen(self, fragments: list[str] | None, *, preempt: bool = True) -> None:
        """A rerun that is no client event (``porch.rerun()``, a fragment's timer): the newest request takes it in."""
        if self.queue:
            self.queue[-1].widen(fragments, preempt=preempt)
        else:
            self.queue.append(Request(fragments=None if fragments is None else list(fragments), preempt=preempt))

    def defer(self, request: Request) -> None:
        """Put back, first in line, events a run could not take (its widget still holds an earlier one). Never
        refused: they were admitted once."""
        request.input_bytes = input_bytes(request.widgets)
        self.input_bytes += request.input_bytes
        self.queue.insert(0, request)

    def take(self) -> Request | None:
        """The oldest request, removed; None when none waits."""
        if not self.queue:
            return None
        request = self.queue.pop(0)
        self.input_bytes -= request.input_bytes
        return request

    def clear(self) -> None:
        self.queue.clear()
        self.input_bytes = 0
