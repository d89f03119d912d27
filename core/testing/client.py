"""An in-memory stand-in for the event loop and the browser: what lets AppTest drive the real session and runner.

:class:`InMemoryLoop` is the :class:`porch.interfaces.Loop` a session posts to; the test thread drains it. The
:class:`InMemoryClient` is the session's transport: it round-trips every frame through JSON (as the wire would) and
applies it to a :class:`ClientTree`, following the same rules as ``webui/tree.js`` (see ``docs/protocol.md``).
"""

from __future__ import annotations

import heapq
import itertools
import json
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..elements import with_defaults
from ..protocol import BLOCK_KINDS, encode_frame


class InMemoryLoop:
    """Callbacks posted from any thread run when the test thread calls :meth:`run_until`."""

    def __init__(self) -> None:
        self._ready: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...]]] = queue.SimpleQueue()
        self._timers: list[tuple[float, int, Callable[..., Any], tuple[Any, ...]]] = []
        self._order = itertools.count()

    def call_soon_threadsafe(self, callback: Callable[..., Any], *args: Any) -> None:
        self._ready.put((callback, args))

    def call_later(self, delay: float, callback: Callable[..., Any], *args: Any) -> None:
        heapq.heappush(self._timers, (time.monotonic() + delay, next(self._order), callback, args))

    @property
    def idle(self) -> bool:
        """No callback is waiting to run now (timers due later do not count)."""
        return self._ready.empty()

    def run_until(self, done: Callable[[], bool], timeout: float) -> bool:
        """Run callbacks and due timers until ``done()`` holds; False if ``timeout`` seconds pass first."""
        deadline = time.monotonic() + timeout
        while not done():
            now = time.monotonic()
            while self._timers and self._timers[0][0] <= now:
                _, _, callback, args = heapq.heappop(self._timers)
                callback(*args)
            if now >= deadline:
                return False
            wait = min(deadline - now, 0.05)
            if self._timers:
                wait = max(0.0, min(wait, self._timers[0][0] - now))
            try:
                callback, args = self._ready.get(timeout=wait)
            except queue.Empty:
                continue
            callback(*args)
        return True


@dataclass
class ClientNode:
    kind: str
    props: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    children: list[ClientNode] = field(default_factory=list)


#: The roots, in the order of ``protocol.ROOTS``, as Streamlit's AppTest names them (its tree's ``type``): the page's
#: event root is ``protocol.ROOT_OVERLAY``.
ROOT_NAMES = ("main", "sidebar", "event", "bottom")


class ClientTree:
    def __init__(self) -> None:
        self.roots = [ClientNode("root", {"name": name}) for name in ROOT_NAMES]

    def reset(self) -> None:
        for root in self.roots:
            root.children = []

    def _node(self, path: list[int]) -> ClientNode:
        node = self.roots[path[0]]
        for index in path[1:]:
            node = node.children[index]
        return node

    def put(self, path: list[int], element: dict[str, Any]) -> None:
        parent = self._node(path[:-1])
        index = path[-1]
        if index > len(parent.children):
            raise AssertionError(f"delta at {path} skips a place (parent has {len(parent.children)} children)")
        new = ClientNode(element["kind"], with_defaults(element), element.get("id"))
        if index == len(parent.children):
            parent.children.append(new)
            return
        old = parent.children[index]
        if old.kind == new.kind and new.kind in BLOCK_KINDS:
            new.children = old.children
        parent.children[index] = new

    def trim(self, path: list[int], length: int) -> None:
        del self._node(path).children[length:]


class InMemoryClient:
    """The session's transport in tests: keeps every message and the tree a browser would show."""

    def __init__(self) -> None:
        self.tree = ClientTree()
        self.messages: list[dict[str, Any]] = []
        self.page: dict[str, Any] = {}
        self.errors: list[dict[str, Any]] = []
        self.finished_runs: list[dict[str, Any]] = []
        self.closed: tuple[int, str] | None = None

    def send(self, frame: list[dict[str, Any]]) -> None:
        for message in json.loads(encode_frame(frame)):
            self.messages.append(message)
            handler = getattr(self, f"_on_{message['type']}", None)
            if handler is not None:
                handler(message)

    def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)

    def _on_delta(self, message: dict[str, Any]) -> None:
        self.tree.put(message["path"], message["element"])

    def _on_trim(self, message: dict[str, Any]) -> None:
        self.tree.trim(message["path"], message["length"])

    def _on_reset(self, message: dict[str, Any]) -> None:
        self.tree.reset()

    def _on_page(self, message: dict[str, Any]) -> None:
        self.page = {k: v for k, v in message.items() if k != "type"}

    def _on_error(self, message: dict[str, Any]) -> None:
        self.errors.append(message)

    def _on_run(self, message: dict[str, Any]) -> None:
        if message["state"] == "finished":
            self.finished_runs.append(message)
