"""The threads scripts run in: started on demand, and a few kept waiting so that an event rarely starts one.

Every session's runs happen in a worker thread (never on the event loop). Starting a thread for each event cost
about a tenth of a millisecond of the rerun round trip; keeping one parked per session cost memory per session. So
workers are shared by the whole process: a finished job parks its thread for the next job of any session, up to
``MAX_IDLE`` parked threads for up to ``IDLE_SECONDS``; beyond that a thread simply ends.

Parking allocates nothing: the places workers wait in (a lock each) are made with the pool, and the wait's arguments
too. A worker parked at the end of a burst of sessions would otherwise hold objects made during the burst for as
long as it waits, each keeping one of the allocator's 1 MiB arenas of that burst from going back to the OS after the
sessions expire (``porch.memory``: 3 of the 11 arenas a burst of 300 sessions left behind).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .errors import RunControl

log = logging.getLogger("porch.workers")

MAX_IDLE = 8
IDLE_SECONDS = 30.0

Job = Callable[[], None]


class _Parked:
    """A place for one idle worker: the worker blocks on ``wake``, held whenever nobody is handed a job through it;
    ``submit`` sets ``job`` and releases it.

    A bare lock rather than a ``threading.Event``: the hand-off is on the path of every rerun, and an Event's
    condition variable costs several Python-level lock operations on each side.
    """

    __slots__ = ("job", "wake", "wait", "taken", "waiting")

    def __init__(self) -> None:
        self.job: Job | None = None
        self.wake = threading.Lock()
        self.wake.acquire()
        #: ``wake.acquire``, bound once: ``wake.acquire(*args)`` makes a bound method that lives for the whole wait.
        self.wait = self.wake.acquire
        #: A worker is in this place (waiting, or handed a job and not yet gone).
        self.taken = False
        #: Its worker waits for a job; ``submit`` may hand it one.
        self.waiting = False


class WorkerPool:
    def __init__(self, max_idle: int = MAX_IDLE, idle_seconds: float = IDLE_SECONDS) -> None:
        self._lock = threading.Lock()
        #: One place per worker that may wait idle, made now (see the module's docstring); a fixed list, never resized.
        self._places = [_Parked() for _ in range(max_idle)]
        #: ``Lock.acquire``'s arguments, made once: a call's keyword arguments (or a tuple built for it) would be an
        #: object made at parking time, alive for the whole wait.
        self._wait = (True, idle_seconds)

    @property
    def idle(self) -> int:
        """Workers waiting for a job now."""
        with self._lock:
            return sum(1 for place in self._places if place.waiting)

    def submit(self, job: Job) -> None:
        """Run ``job`` in a worker thread: a parked one if any, else a new one. Any thread."""
        with self._lock:
            for place in reversed(self._places):  # the most recently parked first, so that the others time out
                if place.waiting:
                    place.waiting = False
                    place.job = job
                    place.wake.release()
                    return
        # The job goes in a list the thread empties: a Thread keeps its ``args`` until it ends, and a parked worker
        # lives on for other sessions' jobs, so its first job (and that job's session) would stay referenced.
        threading.Thread(target=self._serve, args=([job],), name="porch-worker", daemon=True).start()

    def _serve(self, first: list[Job]) -> None:
        job: Job | None = first.pop()
        while job is not None:
            try:
                job()
            except RunControl:
                pass  # an interrupt that arrived as its run ended; the job had finished its work
            except Exception:
                log.exception("a worker's job failed")
            job = None  # a parked thread must not keep the last job's session alive
            job = self._park()

    def _park(self) -> Job | None:
        with self._lock:
            for place in self._places:
                if not place.taken:
                    place.taken = place.waiting = True
                    break
            else:
                return None  # enough workers wait already: this one ends
        try:
            place.wait(*self._wait)
        except RunControl:
            pass  # a stray interrupt: the checks below still hand over a job given meanwhile, or end the thread
        with self._lock:
            if place.waiting:  # nobody came: end this thread
                place.waiting = False
            job, place.job = place.job, None  # handed a job (perhaps just as the wait timed out)
            # ``wake`` is held again for the next worker: by the wait that took it, or here when the wait ended
            # (timed out, interrupted) just as ``submit`` released it.
            place.wake.acquire(False)
            place.taken = False
        return job


#: The process's workers, shared by every session of every engine (and AppTest).
workers = WorkerPool()
