"""``exception``: an exception's type, message and the traceback of the app's own code."""

from __future__ import annotations

import os
import traceback
from typing import TypedDict

from ..errors import exception_hints
from ._layout import Width, width_of
from ._place import Block, show

_PORCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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


def exception_props(exc: BaseException, width: str | int = "stretch") -> Props:
    """The exception's type, message and the traceback of the user's own code, with any hints registered."""
    if isinstance(exc, SyntaxError):
        lines = traceback.format_exception_only(type(exc), exc)[:-1]
        message = f"{exc.msg} ({os.path.basename(exc.filename or '')}, line {exc.lineno})"
    else:
        frames = [
            frame
            for frame in traceback.extract_tb(exc.__traceback__)
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
