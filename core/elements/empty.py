"""``empty``: a placeholder holding one element; each call on it replaces what it shows."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, show


class Props(TypedDict):
    pass


def empty(place: Block) -> Block:
    """Reserve a place that holds one element: ``slot = empty(); slot.text("...")`` replaces it, ``slot.empty()``
    clears it, and ``with slot:`` writes into it."""
    props: Props = {}
    return show(place, "empty", props)
