"""Data frames a session's page shows, kept on the server: the client asks for the rows it shows.

A run that shows a frame (``dataframe``) hands its session's :class:`SessionFrames` a :class:`Table`, the element
layer's adapter around the script's object, under a *data id* (:meth:`SessionFrames.data_id`). The store keeps a reference to the object,
never a copy; the element carries the columns, the row count and the first rows. As the user scrolls or sorts, the
client asks for more with a ``rows`` message (:class:`porch.protocol.Rows`); the session hands it here, and a job on a
worker thread (never the event loop: the first sort of a million rows takes a while) slices the window, sorted on the
server, and replies with a ``rows`` message. A session answers only for its own frames: an id it does not hold
(freed, or another session's) is answered as ``missing``.

Lifetime. Each frame is held for the place (element path) that shows it. A run that shows another frame at that place
lets the previous one go at once (a placeholder animated in a loop holds one frame, not all). A run that finished,
stopped or failed has rebuilt the page, so frames at places it did not show are let go when it ends; a superseded run
or a fragment's rerun lets go of nothing else. A closed session lets go of everything. When the same object is shown
again at the same place with the same settings, it keeps its data id, so the element is not sent again.

Memory. The store holds references, plus one sort order per frame (an index per row: 8 bytes each), at most
:data:`MAX_ORDER_BYTES` of them per session (older orders are dropped and made again when asked for), and at most
:data:`MAX_FRAMES` frames per session (beyond, the oldest is let go; its windows answer ``missing``). A window holds
at most :data:`MAX_WINDOW_CELLS` cells (fewer rows than asked for a wide frame), and at most
:data:`MAX_PENDING` requests wait per session (beyond, the oldest is answered ``skipped``).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .protocol import Message, Rows, error_message, rows_message
from .workers import workers

if TYPE_CHECKING:
    from .widgets import WidgetStore

log = logging.getLogger("porch.frames")

#: Frames one session holds at most.
MAX_FRAMES = 500
#: Bytes of sort orders one session keeps at most.
MAX_ORDER_BYTES = 64 * 1024 * 1024
#: Cells one window carries at most (rows times shown columns).
MAX_WINDOW_CELLS = 20_000
#: Row requests that may wait per session.
MAX_PENDING = 8

Path = tuple[int, ...]
#: A sort: (shown column index, descending) pairs, the first the main key.
Sort = tuple[tuple[int, bool], ...]


class Table(Protocol):
    """A frame as the store sees it: rows by position, and their order for a sort. Methods may be called from any
    thread, one at a time for a given table."""

    @property
    def source(self) -> object:
        """The script's object (a frame is kept again under its data id when the same object comes back)."""

    @property
    def signature(self) -> object:
        """What else decides what the client shows (columns, configuration, styles): equal signatures of the same
        source show the same thing. A table placed under a data id held with another signature (a data_editor's
        edits, ``_edited_order``) has its kept sort order made again."""

    @property
    def row_count(self) -> int: ...

    @property
    def column_count(self) -> int:
        """How many columns the client shows (the ones a sort and a window refer to)."""

    def window(self, positions: Sequence[int]) -> dict[str, Any]:
        """The rows at ``positions`` (original row positions, in the order shown): JSON-ready fields of a ``rows``
        message (``cells``, ``pos``, and ``text``/``css`` for styled frames)."""

    def order(self, sort: Sort) -> Sequence[int]:
        """Every row position in the order of ``sort`` (stable; missing values last either way)."""


class _Entry:
    __slots__ = ("table", "sort", "order")

    def __init__(self, table: Table) -> None:
        self.table = table
        # The last sort asked for, and the row order it gave.
        self.sort: Sort = ()
        self.order: Sequence[int] | None = None


Reply = Callable[[Message], None]


class SessionFrames:
    """The frames one session's page shows (a :class:`porch.interfaces.SessionStore`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._at: dict[Path, str] = {}
        self._placed: set[Path] = set()
        self._pending: deque[tuple[Rows, Reply]] = deque()
        self._working = False
        self._closed = False
        # Makes data ids this session's own, and unguessable.
        self._secret = secrets.token_bytes(16)

    # -- a run shows frames (worker thread) ----------------------------------------------------------------------

    def data_id(self, table: Table, content: str | None = None) -> str:
        """The id ``table`` is held under: the same for the same object with the same signature and row count (the
        store holds the object, so its identity is not reused while it is held). ``content``: every row of the frame,
        as the element carries them, which then stands for the object (a small frame made anew by each run keeps its
        id while its rows stay the same)."""
        digest = hashlib.blake2b(self._secret, digest_size=9)
        what = f"rows:{content}" if content is not None else f"object:{id(table.source)}"
        digest.update(f"{what}\0{table.row_count}\0{table.signature}".encode())
        return base64.urlsafe_b64encode(digest.digest()).decode()

    def place(self, path: Path, data_id: str, table: Table) -> None:
        """The current run shows ``table`` (under ``data_id``) at ``path``: hold it, and let go of the frame shown
        there before if no other place shows it."""
        with self._lock:
            self._placed.add(path)
            if self._closed:
                return
            before = self._at.get(path)
            self._at[path] = data_id
            entry = self._entries.get(data_id)
            if entry is None:
                self._entries[data_id] = _Entry(table)
            else:
                if table.signature != entry.table.signature:  # the same rows sorted otherwise (a data_editor's edits)
                    entry.sort, entry.order = (), None
                entry.table = table
                self._entries.move_to_end(data_id)
            if before is not None and before != data_id:
                self._release(before)
            while len(self._entries) > MAX_FRAMES:
                oldest, _ = self._entries.popitem(last=False)
                for gone in [p for p, i in self._at.items() if i == oldest]:
                    del self._at[gone]

    def _release(self, data_id: str) -> None:
        """Let go of ``data_id`` unless a place still shows it. Lock held."""
        if data_id not in self._at.values():
            self._entries.pop(data_id, None)

    def table(self, data_id: str) -> Table | None:
        """The table held under ``data_id``, or None (for tests and AppTest)."""
        with self._lock:
            entry = self._entries.get(data_id)
            return entry.table if entry is not None else None

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def order_bytes(self) -> int:
        """Bytes of the sort orders kept now."""
        with self._lock:
            return sum(_bytes(e.order) for e in self._entries.values() if e.order is not None)

    def end_run(self, status: str, widgets: WidgetStore) -> None:
        """A run ended. Unless it was superseded or a fragment's (``rerun``), its elements are the whole page: frames
        at places it did not show are let go."""
        with self._lock:
            placed, self._placed = self._placed, set()
            if status == "rerun" or self._closed:
                return
            gone = {self._at.pop(path) for path in [p for p in self._at if p not in placed]}
            for data_id in gone:
                self._release(data_id)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._entries.clear()
            self._at.clear()
            self._pending.clear()

    # -- the client asks for rows (event loop thread; the work happens on a worker) -----------------------------

    @property
    def idle(self) -> bool:
        """No request waits or is being answered."""
        with self._lock:
            return not self._working and not self._pending

    def request(self, rows: Rows, reply: Reply) -> None:
        """Answer ``rows`` through ``reply`` (called on a worker thread) once its window is made."""
        skipped: tuple[Rows, Reply] | None = None
        with self._lock:
            if self._closed:
                return
            if len(self._pending) >= MAX_PENDING:
                skipped = self._pending.popleft()
            self._pending.append((rows, reply))
            start = not self._working
            self._working = True
        if skipped is not None:
            old, old_reply = skipped
            old_reply(rows_message(old.id, old.start, old.sort, skipped=True))
        if start:
            workers.submit(self._drain)

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._pending or self._closed:
                    self._working = False
                    self._pending.clear()
                    return
                rows, reply = self._pending.popleft()
                entry = self._entries.get(rows.id)
            try:
                message = self._answer(rows, entry)
            except Exception as exc:  # a table that failed on this window: the page says so, the session goes on
                log.exception("a window of frame %s failed", rows.id)
                message = error_message("rows_failed", f"the rows of a table could not be read: {exc!r}"[:500])
            reply(message)

    def _answer(self, rows: Rows, entry: _Entry | None) -> Message:
        if entry is None:
            return rows_message(rows.id, rows.start, rows.sort, missing=True)
        table = entry.table
        total = table.row_count
        if rows.start > total:
            return error_message("bad_rows", f"rows from {rows.start} were asked for, but the table has {total}")
        for column, _ in rows.sort:
            if column >= table.column_count:
                return error_message("bad_rows", f"sort by column {column}, but the table shows {table.column_count}")
        budget = max(1, MAX_WINDOW_CELLS // max(1, table.column_count))
        stop = min(total, rows.start + min(rows.count, budget))
        if rows.sort:
            order = self._order(entry, rows.sort)
            positions: Sequence[int] = order[rows.start : stop]
        else:
            positions = range(rows.start, stop)
        return rows_message(rows.id, rows.start, rows.sort, total=total, window=table.window(positions))

    def _order(self, entry: _Entry, sort: Sort) -> Sequence[int]:
        with self._lock:
            if entry.sort == sort and entry.order is not None:
                return entry.order
        order = entry.table.order(sort)
        with self._lock:
            entry.sort, entry.order = sort, order
            kept = 0
            for other in reversed(self._entries.values()):  # the newest frames keep their orders first
                if other.order is None:
                    continue
                kept += _bytes(other.order)
                if kept > MAX_ORDER_BYTES and other is not entry:
                    other.sort, other.order = (), None
        return order


def _bytes(order: Sequence[int]) -> int:
    nbytes = getattr(order, "nbytes", None)
    return int(nbytes) if isinstance(nbytes, int) else 8 * len(order)
