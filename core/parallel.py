"""A full run's parallel fragments (``@porch.fragment(parallel=True)``, Streamlit 1.67's ``parallel``): each runs
in a thread beside the script, a bounded number at a time, and the run ends only when every one has.

- The fragment's block is made where the script calls it, in the caller's thread, before the fragment is handed
  over: its place on the page is the script's order, whichever thread finishes first. The fragment then writes only
  inside that block, with a branch of the run (``Run.branch``): cursors, ``with`` blocks and fragments of its own, so
  no thread moves another's place. What the threads share goes through locks that were there already: the session's
  (the element tree, the frames to the client, the fragments registered), the widget store's (``WidgetStore.lock``:
  widgets and ``session_state``), the media store's.
- Each fragment runs in a copy of the caller's context (``contextvars.copy_context``) with ``current_run`` set to
  its branch: ``porch.*`` calls, ``porch.runtime``, ``session_state`` and the script's own context variables are the
  fragment's session's, as in the script.
- At most ``runner.parallelMaxWorkers`` of a run's fragments run at once (``EngineConfig.parallel_fragment_workers``);
  the others wait in order for one to end. Threads come from the process's pool (``porch.workers``).
- A branch's checkpoint is its trunk's: Stop, a newer request for the whole script or a closing session ends every
  branch at its next Porch call, and a branch stuck in pure Python is interrupted with the script
  (``ScriptRunner.interrupt`` -> :meth:`Branches.interrupt`). ``stop()`` in a fragment stops the whole run,
  ``rerun()`` reruns it, as in Streamlit. A run whose script ended early (an error, ``stop()``, a newer request) stops
  its fragments too. The runner waits for all (:meth:`Branches.join`) before it ends the run and sends its status.
- An exception in a fragment is shown inside it (``porch.api.fragment``); the script goes on, and the run ends as
  ``error``.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import weakref
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from .config import DEFAULT_PARALLEL_FRAGMENT_WORKERS
from .context import current_run
from .errors import RerunRequested, RunControl, ShownException, StopRequested
from .workers import workers

if TYPE_CHECKING:
    from .run import Run
    from .session import Session

log = logging.getLogger("porch.parallel")

#: The Streamlit option that bounds a run's parallel fragments (``porch.get_option``); the engine sets it from
#: ``EngineConfig.parallel_fragment_workers``, whose default is used where nothing set it (AppTest).
OPTION = "runner.parallelMaxWorkers"
#: How a run's status ranks against its fragments': the worst of them is the run's.
_RANK = {"ok": 0, "error": 1, "stopped": 2, "rerun": 3, "abandoned": 4}
#: Sessions whose log already says that a fragment waited for a thread (once per session, not once per run).
_told: weakref.WeakSet[Session] = weakref.WeakSet()


def dispatch(run: Run, body: Callable[[Run], None]) -> None:
    """Run ``body`` with a branch of ``run`` in a thread of its own (``run`` is a full run's trunk or branch), now or
    once a thread of the run's bound is free. Called in ``run``'s thread; returns at once."""
    trunk = run.trunk
    if trunk.branches is None:
        trunk.branches = Branches(trunk, workers_for(run.session))
    branch = run.branch()
    context = contextvars.copy_context()
    trunk.branches.submit(lambda: context.run(_run_branch, branch, body))


def workers_for(session: Session) -> int:
    """The bound on a run's parallel fragments: the session's ``runner.parallelMaxWorkers``, else the default."""
    value = session.options.get(OPTION)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULT_PARALLEL_FRAGMENT_WORKERS


def _run_branch(branch: Run, body: Callable[[Run], None]) -> str:
    """A parallel fragment's thread, in the context copied from its caller: run it, and say how it ended."""
    current_run.set(branch)  # in the copied context only: the caller's stays its own
    try:
        body(branch)
    except ShownException:
        return "error"  # shown inside the fragment already
    except (StopRequested, SystemExit):
        branch.trunk.stop_requested = True  # stop() in a fragment stops the whole run, as in Streamlit
        return "stopped"
    except RunControl as signal:  # a newer request, or the fragment's rerun(): the trunk sees the same request
        return _ending(signal)
    except BaseException:  # a fault of Porch's own (the fragment shows the script's): the run must still end
        log.exception("internal error in a parallel fragment of %s", branch.session.script.path)
        return "error"
    return "ok"


def _ending(signal: RunControl) -> str:
    """The status a signal that ended a fragment gives it."""
    if isinstance(signal, StopRequested):
        return "stopped"
    if isinstance(signal, RerunRequested):
        return "rerun"
    return "abandoned"  # the session closed, or the run is not its current one: no status is sent


class Branches:
    """The parallel fragments of one full run: at most ``limit`` running, the rest waiting in order. Any of the run's
    threads may submit (a parallel fragment inside another); the trunk joins."""

    def __init__(self, trunk: Run, limit: int) -> None:
        self._trunk = trunk
        self.limit = limit
        self._changed = threading.Condition(threading.Lock())
        self._waiting: deque[Callable[[], str]] = deque()
        # Threads serving this run's fragments now.
        self._serving = 0
        #: The threads running a fragment now (for :meth:`interrupt`): with :attr:`_waiting`, what the run waits for.
        self._running: set[int] = set()
        #: How the fragments ended, in the order they did.
        self.outcomes: list[str] = []

    def submit(self, job: Callable[[], str]) -> None:
        """Queue a fragment, and start a thread for it while the run has fewer than ``limit``. Any of the run's
        threads."""
        with self._changed:
            self._waiting.append(job)
            start = self._serving < self.limit
            if start:
                self._serving += 1
        if start:
            workers.submit(self._serve)
        else:
            self._tell_waiting()

    def _serve(self) -> None:
        """A pool thread: run the waiting fragments one after another until none waits."""
        me = threading.get_ident()
        while True:
            with self._changed:
                if not self._waiting:
                    self._serving -= 1
                    return
                job = self._waiting.popleft()
                self._running.add(me)
            outcome = "abandoned"
            try:
                outcome = job()
            except RunControl as signal:  # an interrupt that came as the fragment was ending
                outcome = _ending(signal)
            finally:
                self._leave(me, outcome)

    def _leave(self, me: int, outcome: str) -> None:
        """The fragment of thread ``me`` ended: out of the running set, under the lock :meth:`interrupt` aims with, so
        no interrupt is meant for this thread after it. One that was (the fragment ended as it came) may still land
        here, once: the step is made again, and leaving the set is what counts it done."""
        while True:
            try:
                with self._changed:
                    if me in self._running:
                        self._running.discard(me)
                        self.outcomes.append(outcome)
                    self._changed.notify_all()
                return
            except RunControl:
                continue

    def join(self) -> None:
        """Wait until every fragment of the run has ended. The trunk's thread, once its script has; an interrupt
        meant for the script (Stop after its grace second) does not cut the wait short: the fragments end by their
        own checkpoints, or interrupts of their own."""
        while True:
            try:
                with self._changed:
                    while self._waiting or self._running:
                        self._changed.wait()
                return
            except RunControl:
                continue

    def status(self, script: str) -> str:
        """The run's status: the script's, unless that is ``ok`` and a fragment ended worse (an error shown in it,
        ``stop()``, a newer request...). After :meth:`join`."""
        if script != "ok":
            return script  # what ended the script ended its fragments
        with self._changed:
            return max(self.outcomes, key=lambda status: _RANK.get(status, 0), default=script)

    def interrupt(self, signal: type[RunControl]) -> None:
        """Raise ``signal`` in the thread of each fragment running now (``ScriptRunner.interrupt``), under the lock
        that a thread leaves the set with, so it never lands in a thread that went on to other work."""
        import ctypes  # here, not at the top: the last resort need not slow every start

        with self._changed:
            for thread_id in self._running:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(signal))

    def _tell_waiting(self) -> None:
        """A fragment waits for a thread of the run's bound: say so in the log, once per session."""
        session = self._trunk.session
        if session in _told:
            return
        _told.add(session)
        log.info(
            "session %s: a parallel fragment waits for one of the %d threads a run's parallel fragments may use at "
            "once (parallel_fragment_workers); raise the limit with --parallel-fragment-workers, "
            "PORCH_PARALLEL_FRAGMENT_WORKERS or Streamlit's runner.parallelMaxWorkers (logged once per session)",
            session.id[:8], self.limit,
        )
