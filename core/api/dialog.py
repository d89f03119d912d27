"""``porch.dialog``: a decorator that makes a function open a modal dialog holding what it writes.

Where the dialog goes: the page's overlay root (``protocol.ROOT_OVERLAY``), whichever container the script was writing
into, so that opening one moves no element of the main area. One dialog per run, as in Streamlit.

How its body runs: as in Streamlit, as a fragment (``api/fragment.py``) whose block is the dialog. A widget inside
the dialog reruns only the dialog function, with the arguments of its call, and the dialog stays open, whatever the
rest of the script would do now (the button that opened it is no longer pressed). A full run of the script that does
not call the function removes the dialog, which closes it: ``porch.rerun()`` inside the dialog is how it closes
itself once the script has recorded what it needs in ``session_state``.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, overload

from .. import elements as e
from ..context import current_run
from ..errors import PorchAPIError
from ..elements._place import OnChange
from ..elements.dialog import DialogPosition, DialogWidth
from ..protocol import ROOT_OVERLAY
from ..run import Run
from .container import overlay
from .fragment import definition_of, refuse_in_parallel, run_as_fragment

F = TypeVar("F", bound=Callable[..., Any])

#: Runs that have opened a dialog (one each at most).
_opened: weakref.WeakSet[Run] = weakref.WeakSet()


@overload
def dialog(
    title: str,
    *,
    width: DialogWidth = "small",
    position: DialogPosition = "center",
    dismissible: bool = True,
    icon: str | None = None,
    on_dismiss: OnChange = "ignore",
) -> Callable[[F], F]: ...


@overload
def dialog(
    title: F,
    *,
    width: DialogWidth = "small",
    position: DialogPosition = "center",
    dismissible: bool = True,
    icon: str | None = None,
    on_dismiss: OnChange = "ignore",
) -> F: ...


def dialog(
    title: str | F,
    *,
    width: DialogWidth = "small",
    position: DialogPosition = "center",
    dismissible: bool = True,
    icon: str | None = None,
    on_dismiss: OnChange = "ignore",
) -> F | Callable[[F], F]:
    """Make a function a dialog function: calling it opens a modal dialog titled ``title`` over the page, holding
    what the function writes (``porch.*`` calls inside it write into the dialog). Use it as
    ``@porch.dialog("Cast your vote")`` above the function; the function may take arguments.

    The dialog function is a fragment (``porch.fragment``): a widget inside the dialog reruns only the function, and
    the dialog stays open. A full run of the script that does not call the function closes the dialog, so
    ``porch.rerun()`` inside it, once the script has recorded what it needs (in ``session_state``), closes it. Keep
    values the rest of the app needs in ``session_state``. Only one dialog may be opened in a run, and dialogs cannot
    be nested.

    ``width`` is "small" (at most 500 pixels, the default), "medium" (750), "large" (1280) or pixels; ``position`` is
    "center" (the default) or "left"/"right" (a full-height drawer on that side). ``icon`` is an emoji or Material icon
    before the title. When ``dismissible`` (the default) the user closes it with Escape, its close button or a click
    outside; otherwise only the script can (``porch.rerun()`` inside it). ``on_dismiss`` is what the user's dismissal
    does: "ignore" (the default: it only closes the dialog in the page), "rerun" (reruns the script), or a function
    (called first, then the script reruns).
    """
    if not isinstance(title, str):
        raise PorchAPIError(
            "dialog needs a title: decorate the function with @porch.dialog(\"Title\") rather than @porch.dialog."
        )
    shown_title = title

    def decorate(function: F) -> F:
        definition = definition_of(function)

        @functools.wraps(function)
        def opening(*args: Any, **kwargs: Any) -> None:
            run = current_run.get()
            if run is None:
                return  # outside a script run a dialog shows nothing, as a fragment does
            refuse_in_parallel(run, "@st.dialog")
            if any(block._path[0] == ROOT_OVERLAY for block in run.container_stack):
                raise PorchAPIError("Dialogs may not be nested inside other dialogs.")
            if run in _opened:
                raise PorchAPIError(
                    "Only one dialog may be opened in a run: call dialog functions at most once per run."
                )
            block = e.dialog.open_dialog(
                overlay,
                shown_title,
                width=width,
                position=position,
                dismissible=dismissible,
                icon=icon,
                on_dismiss=on_dismiss,
            )
            _opened.add(run)
            # The dialog's content, as a fragment in a container of its own inside the dialog (Streamlit's
            # flex_container there): it reruns on its own until the next full run of the script, also when a fragment
            # that opened it reruns without opening it again.
            content = e.container.fragment_block(block, "dialog")
            run_as_fragment(run, content, function, args, kwargs, definition=definition, detached=True)

        return opening  # type: ignore[return-value]

    return decorate
