"""``expander``: a block that the user opens and closes."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, open_block


class Props(TypedDict):
    label: str
    expanded: bool
    icon: str | None


def expander(place: Block, label: str, expanded: bool = False, *, icon: str | None = None) -> Block:
    """Open a block that hides its content behind ``label`` until clicked; ``expanded=True`` starts open."""
    props: Props = {"label": str(label), "expanded": bool(expanded), "icon": icon}
    return open_block(place, "expander", str(label), props)
