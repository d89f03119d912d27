"""``expander``: a block that the user opens and closes. By default that happens in the page alone; with
``on_change`` it is a widget too: opening or closing it reruns the script, and its state is the block's ``open``."""

from __future__ import annotations

from typing import Literal, TypedDict

from ..widgets import BOOL
from ._icons import icon_of
from ._layout import Width, choice_of, width_of
from ._place import Args, Block, Kwargs, OnChange, callback_of, open_block, open_widget_block

EXPANDER_TYPES = ("default", "compact")


class Props(TypedDict):
    label: str
    #: Whether it is open: as the script asked, or when the element has an id (it reports its state) the state the
    #: session holds, which is also its wire value.
    expanded: bool
    icon: str | None
    #: "default" (a bordered box) or "compact" (a plain line of muted text).
    type: str
    #: "stretch", "content" or pixels.
    width: str | int
    #: The script's ``key``, or None: the page gives the element the class ``st-key-<key>`` (Streamlit's hook for a
    #: stylesheet), and AppTest finds it by it (``at.get_by_key``).
    key: str | None


def expander(
    place: Block,
    label: str,
    expanded: bool = False,
    *,
    key: str | None = None,
    icon: str | None = None,
    type: Literal["default", "compact"] = "default",
    width: Width = "stretch",
    on_change: OnChange = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
    bind: str | None = None,
) -> Block:
    """Open a block that hides its content behind ``label`` until clicked; ``expanded=True`` starts open.

    By default the user opens and closes it in the page alone, and the script always runs its content. With
    ``on_change="rerun"`` (or a function, run first with ``args`` and ``kwargs``) opening or closing it reruns the
    script, its state is in ``session_state[key]`` (which the script may set, to open or close it), and the returned
    block's ``open`` is True or False (None without ``on_change``), so ``if exp.open:`` skips the work of a closed
    expander.

    ``icon`` is an emoji or Material icon before the label; ``type="compact"`` draws it as a plain line of muted text
    instead of a box; ``width`` is "stretch" (the default), "content" or pixels. ``bind="query-params"``
    keeps the state in the URL's query parameter named by ``key`` (``true`` when expanded; the expander then reports
    its state as with ``on_change="rerun"``).
    """
    call = f"expander({label!r})"
    props: Props = {
        "label": str(label),
        "expanded": bool(expanded),
        "icon": icon_of(icon, call),
        "type": choice_of(type, EXPANDER_TYPES, call, "type"),
        "width": width_of(width, call),
        "key": None if key is None else str(key),
    }
    if isinstance(on_change, str) and on_change == "ignore" and bind is None:
        return open_block(place, "expander", str(label) if key is None else str(key), props)
    block, state = open_widget_block(
        place,
        "expander",
        str(label),
        props,
        value_prop="expanded",
        key=key,
        default=bool(expanded),
        codec=BOOL,
        on_change=callback_of(on_change, call),
        args=args,
        kwargs=kwargs,
        bind=bind,
        # Streamlit's compute_and_register_element_id("expander", ...), key_as_main_identity=False: all of them
        # count with a key too.
        identity_params=(identity := {
            "label": str(label), "expanded": bool(expanded), "icon": icon, "width": width, "type": type,
        }),
        keyed_identity=tuple(identity),
    )
    block.open = bool(state)
    return block
