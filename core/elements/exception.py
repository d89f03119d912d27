"""``exception``: an exception's type, message and the traceback of the app's own code.

``porch.exception`` shows all three. An exception that ends a run (or a fragment) is shown as the option
``client.showErrorDetails`` says, as in Streamlit 1.67 (``elements/exception.py``): "full" (or True) all of it;
"stacktrace" (or False) the type and traceback, the message replaced by a notice; "type" the type alone; "none"
nothing but the notice. What is withheld is written to the log. The option comes from the launch
(``show_error_details`` in ``.porch/config.toml``, ``client.showErrorDetails`` in ``.streamlit/config.toml``...)
and from ``porch.set_option`` (``porch.api.options``).
"""

from __future__ import annotations

import logging
import os
import traceback
from typing import Any, NamedTuple, TypedDict

from ..context import get_run
from ..errors import exception_hints
from ._layout import Width, width_of
from ._place import Block, show

_PORCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

log = logging.getLogger("porch.exception")

#: The message shown in place of an uncaught exception's when ``client.showErrorDetails`` withholds it (Streamlit's).
REDACTED_MESSAGE = (
    "This app has encountered an error. The original error message is redacted to prevent data leaks. Full error "
    "details have been recorded in the logs."
)


class Details(NamedTuple):
    """What of an uncaught exception the page shows."""

    message: bool
    trace: bool
    type: bool


def details_of(option: Any) -> Details:
    """What ``client.showErrorDetails`` = ``option`` shows, as Streamlit 1.67 reads it: "full" (or True, "true")
    everything, "stacktrace" (or False, "false") the type and traceback, "type" the type, anything else nothing."""
    message = option == "full" or option in ("true", "True", True)
    trace = message or option == "stacktrace" or option in ("false", "False", False)
    return Details(message=message, trace=trace, type=trace or option == "type")


class Props(TypedDict):
    type: str
    message: str
    traceback: list[str]
    #: "stretch", "content" or pixels.
    width: str | int


def exception(place: Block, exception: BaseException, width: Width = "stretch") -> Block:
    """Show ``exception`` in an error box with its traceback (Porch's own frames left out). ``width`` is "stretch"
    (the container's width, the default), "content" or pixels."""
    return show(place, "exception", exception_props(exception, width_of(width, "exception()")))


def uncaught(place: Block, exc: BaseException) -> Block:
    """Show ``exc``, which ended a run or a fragment, as the session's ``client.showErrorDetails`` says; what the
    page does not show goes to the log, with the traceback."""
    details = details_of(get_run().session.options.get("client.showErrorDetails", "full"))
    props = exception_props(exc)
    if details.message:
        return show(place, "exception", props)
    log.error("the script raised (its details withheld from the page by client.showErrorDetails)",
              exc_info=(type(exc), exc, exc.__traceback__))
    props["message"] = REDACTED_MESSAGE
    if not details.trace:
        props["traceback"] = []
    if not details.type:
        props["type"] = ""
    return show(place, "exception", props)


def exception_props(exc: BaseException, width: str | int = "stretch") -> Props:
    """The exception's type, message and the traceback of the user's own code, with any hints registered."""
    if isinstance(exc, SyntaxError):
        lines = traceback.format_exception_only(type(exc), exc)[:-1]
        message = f"{exc.msg} ({os.path.basename(exc.filename or '')}, line {exc.lineno})"
    else:
        frames = [
            frame
            # getattr: Streamlit shows whatever it is given (st.exception("text") too), with no traceback then
            for frame in traceback.extract_tb(getattr(exc, "__traceback__", None))
            if not os.path.abspath(frame.filename).startswith(_PORCH_DIR + os.sep)
        ]
        lines = traceback.format_list(frames)
        message = str(exc)
    for hint in exception_hints:
        advice = hint(exc)
        if advice:
            message = f"{message}\n\n{advice}" if message else advice  # a MemoryError has no message of its own
    return {
        "type": type(exc).__name__,
        "message": message,
        "traceback": [line.rstrip("\n") for line in lines],
        "width": width,
    }
