"""The run a Porch call belongs to, kept in a context variable.

Threading model (the one place it is written down):

- The server (tornado) runs on one asyncio event loop thread. Sockets, timers, session bookkeeping and every write to
  a client happen there.
- Each session runs its script in a worker thread of its own (``runner.ScriptRunner``), one run after another. The
  worker sets :data:`current_run` before it executes the script, so every ``porch.*`` call knows its session without
  a thread attribute or a global.
- Control crosses threads in three named places: ``Session.receive`` (loop -> worker: it records a request under
  the session lock and wakes the runner), ``Session.submit`` (loop -> worker: a job of script code, such as a
  download's data made on request, queued under the lock for the runner to run between runs; the loop awaits its
  future) and ``Session._emit`` (worker -> loop: it queues a message under the lock and schedules
  ``Session._flush`` with ``call_soon_threadsafe``). Everything else stays on its own side.
- A full run's parallel fragments (``@fragment(parallel=True)``) run in more threads of the same run
  (``porch.parallel``), each in a copy of the caller's context with :data:`current_run` set to a branch of the run
  (``Run.branch``: cursors and stacks of its own, the trunk's checkpoint). The hand-over is
  ``porch.parallel.dispatch`` (a queue under the run's ``Branches`` condition, served by the process's workers), the
  way back ``Branches.join`` (the trunk waits there before the run ends). What the run's threads share is locked:
  the session's lock as above (elements, messages, fragments), ``WidgetStore.lock`` (widgets registered,
  ``session_state``), the media store's.
- With a shared store (``--store``, ``porch.store.handoff``), a session's snapshot is taken on its worker after each
  run and handed to the store's writer thread through the writer's queue (under its condition); a session read back
  from the store is read and unpickled on an executor's thread, then given to a new session on the loop before its
  first run.
- Two stores hold data both sides touch, each under its own lock: uploaded files (the upload endpoint on the loop
  puts them into the session's ``upload_store.UploadStore``, the worker reads them) and media (runs add to
  ``media.SessionMedia`` from the worker, ``MediaHandler`` serves them on the loop).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import Run

current_run: ContextVar[Run | None] = ContextVar("porch_current_run", default=None)


def get_run() -> Run:
    """The run of the calling script; raises outside of one (for example in a thread the script started)."""
    run = current_run.get()
    if run is None:
        from .errors import NoRunContextError

        raise NoRunContextError(
            "This Porch call was made outside of a script run (for example from a thread the script started "
            "itself). Call porch functions from the script's own thread."
        )
    return run
