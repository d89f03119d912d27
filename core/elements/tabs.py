"""``tabs``: a group of tabs, each a block to write into. Every tab's content runs and only the display switches,
unless the script asks to know which tab is open (``on_change``): then switching tabs reruns the script and each tab's
``open`` tells whether it is the one shown, so a script can skip the work of the others."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from ..errors import PorchAPIError
from ..widgets import Codec
from ._layout import Height, Width, height_of, width_of
from ._place import Args, Block, Kwargs, OnChange, callback_of, open_block, open_widget_block
from .tab import tab


class Props(TypedDict):
    #: "stretch", "content" or pixels.
    width: str | int
    #: "content", "stretch" or pixels (the tab panels scroll beyond them).
    height: str | int
    #: The index of the tab shown: the ``default`` one, or when the element has an id (it reports switches) the one
    #: the session holds, which is also its wire value.
    selected: int
    #: The script's ``key``, or None: the page gives the element the class ``st-key-<key>`` (Streamlit's hook for a
    #: stylesheet), and AppTest finds it by it (``at.get_by_key``).
    key: str | None


def tabs(
    place: Block,
    tabs: Sequence[str],
    *,
    width: Width = "stretch",
    height: Height = "content",
    default: str | None = None,
    key: str | None = None,
    on_change: OnChange = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
    bind: str | None = None,
) -> list[Block]:
    """Show tabs labelled ``tabs`` (markdown allowed); return one block per tab.

    ``default`` is the label of the tab shown first (the first tab if None). By default switching tabs happens in
    the page alone and every tab's content runs each time. With ``on_change="rerun"`` (or a function, run first with
    ``args`` and ``kwargs``) a switch reruns the script, the label of the tab shown is in ``session_state[key]``
    (which the script may also set, to switch tabs), and each returned tab's ``open`` is True for the tab shown and
    False for the others (it is None without ``on_change``), so ``if tab.open:`` skips the work of hidden tabs.

    ``width`` is "stretch" (the default), "content" or pixels; ``height`` "content" (the default), "stretch" or
    pixels, beyond which the panels scroll. ``bind="query-params"`` keeps the label of the tab shown in the URL's
    query parameter named by ``key`` (the tabs then report it as with ``on_change="rerun"``; labels must be unique).
    """
    labels = [str(t) for t in tabs]
    if not labels:
        raise PorchAPIError("tabs() needs at least one tab label")
    call = f"tabs({labels!r})"
    if bind is not None and (not all(labels) or len(set(labels)) != len(labels)):
        raise PorchAPIError(f"{call}: tab labels must be non-empty and unique when bind='query-params'")
    first = 0
    if default is not None:
        if str(default) not in labels:
            raise PorchAPIError(f"{call}: default {default!r} is not one of the tab labels")
        first = labels.index(str(default))
    props: Props = {
        "width": width_of(width, call), "height": height_of(height, call), "selected": first,
        "key": None if key is None else str(key),
    }
    if isinstance(on_change, str) and on_change == "ignore" and bind is None:
        group = open_block(place, "tabs", "|".join(labels) if key is None else str(key), props)
        return [tab(group, label) for label in labels]
    callback = callback_of(on_change, call)
    group, chosen = open_widget_block(
        place,
        "tabs",
        "|".join(labels),
        props,
        value_prop="selected",
        key=key,
        default=labels[first],
        codec=_label_codec(labels),
        on_change=callback,
        args=args,
        kwargs=kwargs,
        bind=bind,
        labels=labels,
        # Streamlit's compute_and_register_element_id("tabs", ...), key_as_main_identity=False: all of them count
        # with a key too.
        identity_params=(identity := {"tabs": labels, "width": width, "height": height, "default": default}),
        keyed_identity=tuple(identity),
    )
    selected = labels.index(chosen)
    blocks = [tab(group, label) for label in labels]
    for index, block in enumerate(blocks):
        block.open = index == selected
    return blocks


def _label_codec(labels: list[str]) -> Codec:
    """The value is the label of the tab shown; the wire carries its index."""

    def to_wire(label: Any) -> int:
        if not isinstance(label, str) or label not in labels:
            raise ValueError(f"{label!r} is not one of the tab labels")
        return labels.index(label)

    def from_wire(index: Any) -> str:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(labels):
            raise ValueError(f"index {index!r} is not one of {len(labels)} tabs")
        return labels[index]

    return Codec(to_wire=to_wire, from_wire=from_wire)
