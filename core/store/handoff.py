"""Sessions that move between replicas: the session manager's side of the store.

- After each run that leaves the session settled (no event waiting, no click held), a session's :class:`Recorder`
  (one of its ``SessionStore``s, on its worker thread) takes a snapshot (``snapshot.py``), holding the page's events
  up to a number, and hands it to the :class:`Writer`, a thread of its own that writes to the store, the newest
  snapshot of each session only, so the store's round trip is never on a run's path. Once written, the session
  acknowledges those events to its page (``ack``), which keeps the later ones and sends them again to whichever
  replica takes the session over: a replica killed outright loses none of them.
- While a session lives here, the writer keeps its snapshot in the store: the whole session TTL ahead while it is
  connected, what is left of it once it is not (so the store forgets a session when this replica would).
- On drain (:meth:`Handoff.hand_off`), before the sessions are told to move: the runs under way are given time to
  end, and every snapshot is written.
- A page that asks a replica for a session it does not hold gets it from the store (:meth:`Handoff.load`, off the
  event loop), under the same id, if it presents the session's token.

Threads: recorders run on sessions' workers, the writer on its own thread, ``load`` on an executor's thread; the
writer's queue (under its condition) is where they meet. ``restore`` and ``hand_off`` belong to the event loop.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..widgets import WidgetStore
from .base import Outage, SessionWrite, Store, StoreError
from .snapshot import Restoration, SnapshotError, SnapshotTaker, read, give

if TYPE_CHECKING:
    from ..session import Session

log = logging.getLogger("porch.store")

#: The shortest time the store keeps a session: a page sent away by a drain needs a moment to come back, even when
#: ``session_ttl`` frees a disconnected session at once.
MIN_TTL = 10.0
#: Seconds the writer waits before it tries the store again after a failure.
RETRY_SECONDS = 1.0


class Writer:
    """The thread that writes snapshots and keeps them alive in the store."""

    def __init__(self, store: Store, outage: Outage, live: Callable[[], dict[str, float]], interval: float) -> None:
        self._store = store
        self._outage = outage
        self._live = live
        self._interval = interval
        self._cond = threading.Condition()
        self._pending: dict[str, SessionWrite] = {}
        self._busy = False
        self._stopped = False
        self._next_refresh = time.monotonic() + interval
        self._thread = threading.Thread(target=self._run, name="porch-store-writer", daemon=True)
        self._thread.start()

    def put(self, write: SessionWrite) -> None:
        """Queue ``write``, merged with what is still queued for its session. Any thread."""
        with self._cond:
            older = self._pending.get(write.session_id)
            self._pending[write.session_id] = write if older is None else _merged(older, write)
            self._cond.notify_all()

    def flush(self, timeout: float) -> bool:
        """Wait until everything queued is written (or failed); False if ``timeout`` passed first. Any thread."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self._cond.notify_all()
            while self._pending or self._busy:
                left = deadline - time.monotonic()
                if left <= 0 or self._stopped:
                    return False
                self._cond.wait(left)
        return True

    def refresh(self) -> None:
        """Keep the live sessions in the store from now on (``live``'s seconds each). Any thread."""
        try:
            self._store.expire_sessions(self._live())
        except StoreError as exc:
            self._outage.failed(exc)
        else:
            self._outage.answered()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join(5)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stopped:
                    left = self._next_refresh - time.monotonic()
                    if left <= 0:
                        break
                    self._cond.wait(left)
                if self._stopped:
                    return
                batch, self._pending = self._pending, {}
                self._busy = True
            failed = False
            if batch:
                try:
                    self._store.write_sessions(batch.values())
                except StoreError as exc:
                    self._outage.failed(exc)
                    failed = True
                else:
                    self._outage.answered()
            if time.monotonic() >= self._next_refresh:
                self._next_refresh = time.monotonic() + self._interval
                self.refresh()
            for write in batch.values() if not failed else ():
                if write.written is not None:
                    write.written()  # before the flush that waits for this batch returns
            with self._cond:
                if failed:  # keep the newest of each session for the next try
                    for session_id, write in batch.items():
                        newer = self._pending.get(session_id)
                        self._pending[session_id] = write if newer is None else _merged(write, newer)
                self._busy = False
                self._cond.notify_all()
                if failed and not self._stopped:
                    self._cond.wait(RETRY_SECONDS)


def _merged(older: SessionWrite, newer: SessionWrite) -> SessionWrite:
    files = {file_id: data for file_id, data in older.files.items() if file_id not in newer.dropped}
    files.update(newer.files)
    return SessionWrite(
        newer.session_id,
        newer.snapshot if newer.snapshot is not None else older.snapshot,
        newer.ttl,
        files,
        (older.dropped - set(newer.files)) | newer.dropped,
        newer.written if newer.written is not None else older.written,
    )


class Recorder:
    """One session's part: a ``SessionStore`` told when each run ends (its worker thread) and when it closes."""

    def __init__(self, handoff: Handoff, session: Session) -> None:
        self.handoff = handoff
        self.session = session
        self.taker = SnapshotTaker(handoff.max_state_bytes, handoff.max_upload_bytes)
        #: The files the store holds for the session (written once each).
        self.written: set[str] = set()
        self._last: bytes | None = None
        self._failed = False

    def end_run(self, status: str, widgets: WidgetStore) -> None:
        session = self.session
        with session.lock:
            # Only a settled session is taken: every event it has taken (up to ``seq``) fully applied, none waiting,
            # no click held for a later run. Its snapshot then holds exactly the events up to ``seq``, so the page
            # resends the later ones to the replica that takes the session over, and none counts twice.
            settled = not session.closed and not session.pending
            seq = session.last_event_seq
        if not settled or widgets.triggered:
            return
        try:
            taken = self.taker.take(session, seq)
            digest = hashlib.blake2b(taken.snapshot, digest_size=16).digest()
            files = {file_id: read() for file_id, read in taken.files.items() if file_id not in self.written}
        except Exception:  # a fault of Porch's own: the session goes on here, it only cannot move
            if not self._failed:
                self._failed = True
                log.exception("session %s: its snapshot could not be taken", session.id[:12])
            return
        dropped = self.written - set(taken.files)
        if digest == self._last and not files and not dropped:
            return
        self._last = digest
        self.written = set(taken.files)
        self.handoff.writer.put(
            SessionWrite(session.id, taken.snapshot, self.handoff.ttl, files, dropped,
                         functools.partial(session.acknowledge, seq))
        )

    def close(self) -> None:
        self.handoff.forget(self)


class Handoff:
    """Sessions' snapshots in the store, for the session manager of one engine."""

    def __init__(self, store: Store, *, ttl: float, max_state_bytes: int, max_upload_bytes: int) -> None:
        self.store = store
        #: How long the store keeps a session after it was last seen here: the session TTL (at least ``MIN_TTL``).
        self.ttl = max(ttl, MIN_TTL)
        self.max_state_bytes = max_state_bytes
        self.max_upload_bytes = max_upload_bytes
        self._lock = threading.Lock()
        self._recorders: dict[int, Recorder] = {}
        self.outage = Outage(store.shown, "sessions do not move between replicas")
        self.writer = Writer(store, self.outage, self.live, interval=min(max(self.ttl / 4, 1.0), 30.0))

    # -- event loop thread --------------------------------------------------------------------------------------

    def record(self, session: Session, restoration: Restoration | None = None) -> None:
        """Keep ``session``'s snapshots in the store from its next run on; a session that moved here first takes
        what ``restoration`` holds (before its first run here)."""
        recorder = Recorder(self, session)
        session.acks_when_saved = True
        if restoration is not None:
            give(session, restoration)
            recorder.written = set(restoration.files)
        session.stores = (*session.stores, recorder)
        with self._lock:
            self._recorders[id(recorder)] = recorder

    async def hand_off(self, timeout: float) -> None:
        """A draining engine's last step before it sends its sessions away: the runs under way (and the requests
        waiting) get up to ``timeout`` seconds to end, then every snapshot is written, with the whole TTL ahead."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        with self._lock:
            sessions = [recorder.session for recorder in self._recorders.values()]
        while loop.time() < deadline and any(
            not s.closed and (s.running or s.has_pending_request()) for s in sessions
        ):
            await asyncio.sleep(0.02)
        await loop.run_in_executor(None, self._write_all, max(deadline - loop.time(), 0.5))

    def _write_all(self, timeout: float) -> None:
        if self.writer.flush(timeout):
            self.writer.refresh()

    # -- any thread ---------------------------------------------------------------------------------------------

    def load(self, session_id: str, token: str) -> Restoration | None:
        """The session ``session_id`` from the store, if it holds it and ``token`` is its token. Blocks on the
        store: not on the event loop."""
        try:
            stored = self.store.read_session(session_id)
        except StoreError as exc:
            self.outage.failed(exc)
            return None
        self.outage.answered()
        if stored is None:
            return None
        try:
            return read(session_id, token, stored.snapshot, stored.files)
        except SnapshotError as exc:
            log.info("the store's snapshot of session %s is not one this replica reads (%s): it starts anew",
                     session_id[:12], exc)
            return None

    def live(self) -> dict[str, float]:
        """How long the store should keep each session held here from now: the TTL while connected, what is left
        of it once detached."""
        now = time.monotonic()
        with self._lock:
            sessions = [recorder.session for recorder in self._recorders.values()]
        ttls: dict[str, float] = {}
        for session in sessions:
            if session.closed:
                continue
            detached = session.detached_at
            left = self.ttl if detached is None else self.ttl - (now - detached)
            if left > 0:
                ttls[session.id] = left
        return ttls

    def forget(self, recorder: Recorder) -> None:
        """The session closed here: its snapshot stays in the store for the time it was last given (a page sent
        away finds it on another replica; a session that expired here leaves the store at about the same time)."""
        with self._lock:
            self._recorders.pop(id(recorder), None)

    def close(self) -> None:
        self.writer.stop()
