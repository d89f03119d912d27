"""Runs a session's script in a worker thread: one run after another, for as long as requests keep coming.

A run ends in one of five ways, reported to the client as its status: ``ok`` (the script finished), ``error`` (it
raised; the exception is shown where it happened), ``stopped`` (``stop()`` or the Stop control), ``rerun`` (a newer
request or ``rerun()`` superseded it) or, never reported, abandoned (the session closed).
"""

from __future__ import annotations

import builtins
import logging
import threading
import traceback
from typing import TYPE_CHECKING, Any

from .context import current_run
from .errors import RerunRequested, RunAbandoned, RunControl, StopRequested
from .magic import MAGIC_NAME
from .run import Run
from .workers import workers

if TYPE_CHECKING:
    from .session import Request, Session

log = logging.getLogger("porch.runner")


class ScriptRunner:
    """One session's runs, one after another, in a worker of the shared pool (``porch.workers``)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._active = False
        self._thread_id: int | None = None
        self._runs = 0

    @property
    def busy(self) -> bool:
        return self._active

    def wake(self) -> None:
        """Make sure a worker will take the pending request. Called with the session lock held, on any thread."""
        if self._active or self._session.closed:
            return  # the active worker takes the request when its run ends
        self._active = True
        workers.submit(self._work)

    def interrupt(self, run: Run, signal: type[RunControl]) -> None:
        """Raise ``signal`` inside the worker running ``run`` even if the script never makes another Porch call.

        The last resort for a script stuck in pure Python (``while True: pass``); a blocking call in C (a long
        ``time.sleep``) still has to return first. Event loop thread.
        """
        with self._session.lock:
            thread_id = self._thread_id if self._active and self._session.current_run is run else None
        if thread_id is not None:
            import ctypes  # here, not at the top: the last resort need not slow every start

            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(signal))

    def _work(self) -> None:
        """The job a worker runs for this session: every pending request, then back to the pool."""
        session = self._session
        self._thread_id = threading.get_ident()
        while True:
            run: Run | None = None
            try:
                with session.lock:
                    request = session.take_request()
                    if request is None or session.closed:
                        self._active = False
                        self._thread_id = None
                        session.current_run = None
                        return
                    self._runs += 1
                    run = Run(session, self._runs)
                    session.current_run = run
                self._execute(run, request)
                with session.lock:
                    if session.current_run is run:
                        session.current_run = None  # nothing left for Stop or an interrupt to aim at
            except RunControl:
                continue  # a late interrupt meant for a run that had already ended
            except Exception:
                # A fault of Porch's own, not the script's: the session must stay usable all the same.
                log.exception("internal error in a run of %s", session.script.path)
                if run is not None:
                    session.end_run(run, "error")
                    with session.lock:
                        if session.current_run is run:
                            session.current_run = None

    def _execute(self, run: Run, request: Request) -> None:
        session = self._session
        token = current_run.set(run)
        status = "ok"
        try:
            callbacks = session.begin_run(run, request)
            try:
                for spec in callbacks:
                    if spec.on_change is not None:
                        spec.on_change(*spec.args, **spec.kwargs)
                session.state.settle()
                code = session.script.code()
                exec(code, self._namespace())
            except RerunRequested:
                status = "rerun"
            except StopRequested:
                status = "stopped"
            except SystemExit:
                status = "stopped"
            except RunAbandoned:
                status = "abandoned"
            except BaseException as exc:  # the script's own error, shown in the app; the server carries on
                status = "error"
                log.warning("the script raised %s: %s", type(exc).__name__, exc)
                _show(run, exc)
        except RunControl:
            status = "abandoned"
        finally:
            current_run.reset(token)
        session.end_run(run, status)

    def _namespace(self) -> dict[str, Any]:
        return {
            "__name__": "__main__",
            "__file__": self._session.script.path,
            "__builtins__": builtins,
            MAGIC_NAME: self._session.hooks.magic,
        }


def _show(run: Run, exc: BaseException) -> None:
    try:
        run.session.hooks.show_exception(run, exc)
    except RunControl:
        pass
    except Exception:
        log.exception("could not show this exception of the script in the app:\n%s", "".join(
            traceback.format_exception(type(exc), exc, exc.__traceback__)))
