"""Errors a script can see, and the control-flow signals that end a run early."""

from __future__ import annotations

from collections.abc import Callable

#: Functions that may add advice to an exception the app shows, returning a sentence or None. A bundle registers
#: one that names ``--add-data`` for a missing file; anything else that knows better than the traceback can too.
exception_hints: list[Callable[[BaseException], str | None]] = []


class PorchAPIError(Exception):
    """A Porch function was used in a way it does not support; shown in the app like any exception."""


class DuplicateWidgetError(PorchAPIError):
    """Two widgets in one run have the same identity."""


class NoRunContextError(PorchAPIError):
    """A Porch call was made where no script run is active."""


class InvalidLayoutContextError(PorchAPIError):
    """A command was used where it may not be: in a parallel fragment's thread, a dialog, a page switch or a write
    into a container made outside the fragment (Streamlit's ``StreamlitInvalidLayoutContextError``)."""


class ShownException(Exception):
    """An exception of the script that is already shown in the app: a fragment's, in the fragment's block. It ends a
    full run as an error where the fragment was called (Streamlit's ``FragmentHandledException``), without being shown
    a second time; in a fragment rerun the runner goes on with the next fragment."""


class RunControl(BaseException):
    """Ends a run early. A BaseException so that a script's ``except Exception`` cannot swallow it."""


class RerunRequested(RunControl):
    """A newer request arrived (or the script called ``rerun()``): end this run, start the next."""


class CallbackRerun(RerunRequested):
    """A widget callback called ``rerun()``: it ends that callback only. The runner runs the event's other callbacks,
    then decides the event's rerun from what each asked (Streamlit's rerun votes): nothing is queued before then."""

    def __init__(self, fragments: list[str] | None) -> None:
        super().__init__()
        #: The ids of the fragments to rerun, or None: the whole app.
        self.fragments = fragments


class StopRequested(RunControl):
    """The script called ``stop()`` or the user pressed Stop: end this run where it is."""


class RunAbandoned(RunControl):
    """The session is closing, or this run is no longer the session's current run."""
