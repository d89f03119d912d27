"""Runs a session's script in a worker thread: one run after another, for as long as requests keep coming.

A run executes the whole script, or (a request for fragments, ``porch.fragment``) only those fragments' functions,
each into its own block. It ends in one of five ways, reported to the client as its status: ``ok`` (the script
finished), ``error`` (it raised; the exception is shown where it happened, a fragment's inside the fragment),
``stopped`` (``stop()`` or the Stop control), ``rerun`` (a newer request or ``rerun()`` superseded it) or, never
reported, abandoned (the session closed). A full run's parallel fragments (``porch.parallel``) run beside the script;
the run ends when they all have, with the worst of their statuses and the script's.
"""

from __future__ import annotations

import builtins
import logging
import threading
import traceback
from typing import TYPE_CHECKING, Any

from .context import current_run
from .errors import CallbackRerun, RerunRequested, RunAbandoned, RunControl, ShownException, StopRequested
from .magic import MAGIC_NAME
from .run import Run
from .workers import workers

if TYPE_CHECKING:
    from .pending import Request
    from .session import Session
    from .widgets import WidgetSpec

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
        branches = run.branches
        if branches is not None:
            branches.interrupt(signal)  # its parallel fragments stuck the same way (a finished one is out of the set)

    def _work(self) -> None:
        """The job a worker runs for this session: every pending request, then back to the pool."""
        session = self._session
        self._thread_id = threading.get_ident()
        while True:
            run: Run | None = None
            try:
                self._run_jobs()
                with session.lock:
                    if session.jobs and not session.closed:
                        continue  # a job came meanwhile: jobs go first
                    request = session.take_request()
                    if request is None or session.closed:
                        self._active = False
                        self._thread_id = None
                        session.current_run = None
                        return
                    fragments = session.plan(request)
                    if request.fragments is not None and not fragments and not request.preempt:
                        continue  # only timers asked, for fragments no longer on the page
                    self._runs += 1
                    run = Run(session, self._runs, fragments)
                    run.base = session.base_of(fragments)
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

    def _run_jobs(self) -> None:
        """Run the jobs the session was handed (``Session.submit``), oldest first, between runs."""
        session = self._session
        while True:
            with session.lock:
                if not session.jobs:
                    return
                job, future = session.jobs.pop(0)
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as exc:  # the job's own error (script code): its future carries it
                future.set_exception(exc)

    def _execute(self, run: Run, request: Request) -> None:
        session = self._session
        token = current_run.set(run)
        status = "ok"
        try:
            callbacks = session.begin_run(run, request)
            try:
                if run.fragments:
                    status = _rerun_fragments(run, callbacks)
                else:
                    _call_back(run, callbacks)
                    code = session.script.code()
                    session.hooks.run_script(run, code, self._namespace())
            except RerunRequested:
                status = "rerun"
            except StopRequested:
                status = "stopped"
            except SystemExit:
                status = "stopped"
            except RunAbandoned:
                status = "abandoned"
            except ShownException:  # a fragment's error, shown inside the fragment
                status = "error"
            except BaseException as exc:  # the script's own error, shown in the app; the server carries on
                status = "error"
                log.warning("the script raised %s: %s", type(exc).__name__, exc)
                _show(run, exc)
        except RunControl:
            status = "abandoned"
        finally:
            current_run.reset(token)
        branches = run.branches
        if branches is not None:
            if status != "ok":
                run.stop_requested = True  # the script ended early: so do its fragments, as in Streamlit
            branches.join()
            status = branches.status(status)
        session.end_run(run, status)

    def _namespace(self) -> dict[str, Any]:
        return {
            "__name__": "__main__",
            "__file__": self._session.script.path,
            "__builtins__": builtins,
            MAGIC_NAME: self._session.hooks.magic,
        }


def _call_back(run: Run, callbacks: list[WidgetSpec]) -> None:
    """Run the callbacks (``on_change``, ``on_click``) of the widgets the request changed, before the script.

    A callback's ``rerun()`` ends that callback only (``CallbackRerun``); once every callback has run, the event
    reruns what they asked for, as Streamlit's callback votes decide: the whole app if one called ``rerun()`` (a new
    run, without the event's clicks); the fragments named if every callback asked for fragments
    (``rerun(scope=<key>)``), or if the event came from inside a fragment; else (an event outside any fragment,
    another callback returned normally) the event's own rerun of the whole script, which this run is: it goes on, its
    clicks intact, as it does when no callback asks."""
    asked: list[list[str] | None] = []
    returned = False
    run.in_callback = True
    try:
        for spec in callbacks:
            if spec.on_change is None:
                continue
            try:
                spec.on_change(*spec.args, **spec.kwargs)
            except CallbackRerun as rerun:
                asked.append(rerun.fragments)
            else:
                returned = True
    finally:
        run.in_callback = False
    run.session.state.settle()
    if not asked:
        return
    if any(fragments is None for fragments in asked):
        widgets = run.session.widgets
        with widgets.lock:
            # The event's clicks are used up: the app's rerun is a new run without them (Streamlit replays clicks
            # only into the fragment reruns callbacks ask for).
            widgets.consumed |= widgets.triggered
        run.session.request_rerun()
        raise RerunRequested()
    if returned and not run.fragments:
        return
    run.session.request_rerun(list(dict.fromkeys(i for fragments in asked for i in fragments or [])))
    raise RerunRequested()


def _rerun_fragments(run: Run, callbacks: list[WidgetSpec]) -> str:
    """Rerun the run's fragments, each into its block. The callbacks run first, inside the first fragment (what
    they show goes to its top, as a full run's callbacks write at the top of the page). A fragment that raises has
    shown its error inside itself; the others run all the same. Return the run's status."""
    status = "ok"
    for index, fragment in enumerate(run.fragments):
        try:
            fragment.body((lambda: _call_back(run, callbacks)) if index == 0 else None)
        except ShownException:
            status = "error"
    return status


def _show(run: Run, exc: BaseException) -> None:
    try:
        run.session.hooks.show_exception(run, exc)
    except RunControl:
        pass
    except Exception:
        log.exception("could not show this exception of the script in the app:\n%s", "".join(
            traceback.format_exception(type(exc), exc, exc.__traceback__)))
