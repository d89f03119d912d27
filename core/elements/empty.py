"""``empty``: a placeholder holding one element; each call on it replaces what it shows."""

from __future__ import annotations

from typing import Final, TypedDict

from ._place import Block, show


class Props(TypedDict, total=False):
    #: The place a spinner held, now that its block has ended. Streamlit's spinner holds no place among the
    #: elements (a transient), so AppTest leaves such an empty out of the page, as Streamlit's does.
    spent_spinner: bool


#: The props of the empty a spinner leaves.
SPENT_SPINNER: Final[Props] = {"spent_spinner": True}


def empty(place: Block) -> Block:
    """Reserve a place that holds one element: ``slot = empty(); slot.text("...")`` replaces it, ``slot.empty()``
    clears it, and ``with slot:`` writes into it."""
    props: Props = {}
    return show(place, "empty", props)
