"""``dialog``: the modal block that a function decorated with ``porch.dialog`` (``porch/api/dialog.py``) opens over
the page, holding what the function writes. The decorator is the public name; this module is the element.

It is open in the runs that call its function: a run that does not call it removes it, which closes it. The user
may dismiss it (Escape, its close button, a click outside it) when it is ``dismissible``; that closes it in the page
and, when ``on_dismiss`` is "rerun" or a function, reaches the script as a button's click does (the dialog then has
an id, and the client sends ``trigger``).
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from ..context import get_run
from ..errors import PorchAPIError
from ..widgets import BOOL
from ._event import dialog_seat
from ._icons import icon_of
from ._layout import choice_of
from ._place import Block, OnChange, callback_of, open_block, open_widget_block

DialogWidth = int | Literal["small", "medium", "large"]
DIALOG_WIDTHS = ("small", "medium", "large")
DialogPosition = Literal["left", "center", "right"]
POSITIONS = ("left", "center", "right")


class Props(TypedDict):
    title: str
    #: An emoji before the title, or None.
    icon: str | None
    #: "small" (at most 500 px), "medium" (750 px), "large" (1280 px) or pixels; never wider than the window.
    width: str | int
    #: "center" (a centred modal), "left" or "right" (a full-height drawer on that side).
    position: str
    #: Whether the user may close it: Escape, the close button, a click outside it.
    dismissible: bool
    #: The number of the run that opened it. Each run that calls the dialog's function sends a new one, and a new
    #: one opens the dialog again, also after the user dismissed it (as Streamlit reopens it on every such run).
    opened: int


def open_dialog(
    place: Block,
    title: str,
    *,
    width: DialogWidth = "small",
    position: DialogPosition = "center",
    dismissible: bool = True,
    icon: str | None = None,
    on_dismiss: OnChange = "ignore",
) -> Block:
    """Open the dialog block in ``place``, the page's event root (at the place ``_event.dialog_seat`` gives: one
    dialog for the page); its content is written into the returned block."""
    call = f"dialog({title!r})"
    if not isinstance(title, str) or not title:
        raise PorchAPIError(
            "dialog needs a title, which cannot be empty: decorate the function with @porch.dialog(\"Title\")."
        )
    props: Props = {
        "title": title,
        "icon": icon_of(icon, call),
        "width": _width(width, call),
        "position": choice_of(position, POSITIONS, call, "position"),
        "dismissible": bool(dismissible),
        "opened": get_run().number,
    }
    place = dialog_seat(get_run(), place)
    if isinstance(on_dismiss, str) and on_dismiss == "ignore":
        return open_block(place, "dialog", title, props)
    callback = callback_of(on_dismiss, call, "on_dismiss")
    block, _ = open_widget_block(
        place,
        "dialog",
        title,
        props,
        value_prop=None,
        key=None,
        default=False,
        codec=BOOL,
        on_change=callback,
        trigger=True,
        disabled=not dismissible,  # a client cannot dismiss what the user may not
    )
    return block


def _width(width: Any, call: str) -> str | int:
    if isinstance(width, str) and width in DIALOG_WIDTHS:
        return width
    if isinstance(width, int) and not isinstance(width, bool) and 0 < width < 2**32:
        return width
    raise PorchAPIError(f"{call}: width must be 'small', 'medium', 'large' or a positive number of pixels, not {width!r}")

