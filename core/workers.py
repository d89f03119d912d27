"""The threads scripts run in: started on demand, and a few kept waiting so that an event rarely starts one.

Every session's runs happen in a worker thread (never on the event loop). Starting a thread for each event cost
about a tenth of a millisecond of the rerun round trip; keeping one parked per session cost memory per session. So
workers are shared by the whole process: a finished job parks its thread for the next job of any session, up to
``MAX_IDLE`` parked threads for up to ``IDLE_SECONDS``; beyond that a thread simply ends.
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
    """A waiting worker: it blocks on ``wake``, held from the start; ``submit`` sets ``job`` and releases it.

    A bare lock rather than a ``threading.Event``: the hand-off is on the path of every rerun, and an Event's
    condition variable costs several Python-level lock operations on each side.
    """

    __slots__ = ("job", "wake")

    def __init__(self) -> None:
        self.job: Job | None = None
        self.wake = threading.Lock()
        self.wake.acquire()


class WorkerPool:
    def __init__(self, max_idle: int = MAX_IDLE, idle_seconds: float = IDLE_SECONDS) -> None:
        self._max_idle = max_idle
        self._idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._parked: list[_Parked] = []

    def submit(self, job: Job) -> None:
        """Run ``job`` in a worker thread: a parked one if any, else a new one. Any thread."""
        with self._lock:
            if self._parked:
                parked = self._parked.pop()
                parked.job = job
                parked.wake.release()
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
            if len(self._parked) >= self._max_idle:
                return None
            parked = _Parked()
            self._parked.append(parked)
        try:
            parked.wake.acquire(timeout=self._idle_seconds)
        except RunControl:
            pass  # a stray interrupt: the checks below still hand over a job given meanwhile, or end the thread
        with self._lock:
            if parked in self._parked:  # nobody came: end this thread
                self._parked.remove(parked)
                return None
        return parked.job  # handed a job (perhaps just as the wait timed out)


#: The process's workers, shared by every session of every engine (and AppTest).
workers = WorkerPool()
