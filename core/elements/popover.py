"""``popover``: a button that opens a floating panel holding the block's children. By default the panel opens and
closes in the page alone; with ``on_change`` it is a widget too, as an expander is: opening or closing it reruns the
script, and its state is the block's ``open``."""

from __future__ import annotations

from typing import Literal, TypedDict

from ..widgets import BOOL
from ._icons import icon_of
from ._layout import Width, choice_of, container_width, wrap_of
from ._place import Args, Block, Kwargs, OnChange, callback_of, open_block, open_widget_block

POPOVER_TYPES = ("primary", "secondary", "tertiary")


class Props(TypedDict):
    label: str
    #: The button's emphasis: "primary", "secondary" or "tertiary".
    type: str
    help: str | None
    #: An emoji before the label, or None.
    icon: str | None
    disabled: bool
    #: The button's width: "content", "stretch" or pixels. The panel is at least as wide as the button.
    width: str | int
    #: Whether a long label wraps: True, False (one line with an ellipsis, the full label on hover), None (the
    #: layout decides: one line directly in a column or a horizontal container).
    wrap: bool | None
    #: Whether the panel is open: False unless the element has an id (it reports its state), when it is the state
    #: the session holds, which is also its wire value.
    open: bool
    #: The script's ``key``, or None: the page gives the element the class ``st-key-<key>`` (Streamlit's hook for a
    #: stylesheet), and AppTest finds it by it (``at.get_by_key``).
    key: str | None


def popover(
    place: Block,
    label: str,
    *,
    type: Literal["primary", "secondary", "tertiary"] = "secondary",
    help: str | None = None,
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    wrap: bool | None = None,
    key: str | None = None,
    on_change: OnChange = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
) -> Block:
    """Open a block shown as a button, ``label``, that opens a floating panel holding what is written into it.

    Write into it with ``with porch.popover("Filters"):`` or by calling element methods on it. The panel closes when
    the user clicks outside it or presses Escape; widgets used inside an open panel rerun the script and the panel
    stays open. By default the script always runs the panel's content and opening it does not rerun. With
    ``on_change="rerun"`` (or a function, run first with ``args`` and ``kwargs``) opening or closing it reruns the
    script, its state is in ``session_state[key]`` (which the script may set, to open or close it), and the returned
    block's ``open`` is True or False (None without ``on_change``), so ``if pop.open:`` skips the work of a closed
    panel.

    ``type`` is the button's emphasis ("primary", "secondary" or "tertiary": plain text); ``help`` a tooltip beside it;
    ``icon`` an emoji or Material icon before the label; ``disabled=True`` draws a button that does not open. ``width``
    is the button's: "content" (the default), "stretch" or pixels; the deprecated ``use_container_width=True`` is
    ``width="stretch"`` (False: "content"). ``wrap`` is whether a long label wraps: True, False (one line cut with an
    ellipsis, the full label on hover) or None (the default: one line directly in a column or a horizontal
    container, wrapping elsewhere).
    """
    call = f"popover({label!r})"
    props: Props = {
        "label": str(label),
        "type": choice_of(type, POPOVER_TYPES, call, "type"),
        "help": None if help is None else str(help),
        "icon": icon_of(icon, call),
        "disabled": bool(disabled),
        "width": container_width(use_container_width, width, call, default="content"),
        "wrap": wrap_of(wrap, call),
        "open": False,
        "key": None if key is None else str(key),
    }
    if isinstance(on_change, str) and on_change == "ignore":
        return open_block(place, "popover", str(label) if key is None else str(key), props)
    block, state = open_widget_block(
        place,
        "popover",
        str(label),
        props,
        value_prop="open",
        key=key,
        default=False,
        codec=BOOL,
        on_change=callback_of(on_change, call),
        args=args,
        kwargs=kwargs,
        disabled=bool(disabled),
        # Streamlit's compute_and_register_element_id("popover", ...), key_as_main_identity=False: all of them
        # count with a key too.
        identity_params=(identity := {
            "label": str(label), "type": type, "help": help, "icon": icon, "disabled": bool(disabled), "width": width,
        }),
        keyed_identity=tuple(identity),
    )
    block.open = bool(state)
    return block
