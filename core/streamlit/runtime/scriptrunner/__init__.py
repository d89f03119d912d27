"""``streamlit.runtime.scriptrunner``: the run context of the calling thread, and how to lend it to a thread the app
starts so that the thread may call the API (Porch keeps the run in a context variable, which a new thread does not
inherit: ``add_script_run_ctx`` sets it for the thread's ``run``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, TypeVar

from ....context import current_run
from ....run import Run

T = TypeVar("T", bound=threading.Thread)


@dataclass(frozen=True)
class ScriptRunContext:
    """The run a thread belongs to. ``session_id`` is the session's id, as in Streamlit."""

    run: Run

    @property
    def session_id(self) -> str:
        return self.run.session.id

    @property
    def session_state(self) -> Any:
        return self.run.session.state


def get_script_run_ctx(suppress_warning: bool = False) -> ScriptRunContext | None:
    """The calling thread's run context, or None outside a script run."""
    run = current_run.get()
    return None if run is None else ScriptRunContext(run)


def add_script_run_ctx(thread: T | None = None, ctx: ScriptRunContext | None = None) -> T | threading.Thread:
    """Let ``thread`` (by default the calling one) call the API as part of ``ctx``'s run (by default the caller's).

    Call it before ``thread.start()``. What the thread shows goes where the run's next element goes; once that run
    has ended, the thread's calls end with the run's own interruption, as a script's would.
    """
    target = threading.current_thread() if thread is None else thread
    ctx = ctx if ctx is not None else get_script_run_ctx()
    if ctx is None:
        return target
    if target is threading.current_thread():
        current_run.set(ctx.run)
        return target
    body = target.run

    def run_with_context() -> None:
        current_run.set(ctx.run)
        body()

    target.run = run_with_context  # type: ignore[method-assign]
    return target


__all__ = ["ScriptRunContext", "add_script_run_ctx", "get_script_run_ctx"]
