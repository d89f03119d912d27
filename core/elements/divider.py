"""``divider``: a horizontal rule."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, show


class Props(TypedDict):
    pass


def divider(place: Block) -> Block:
    """Show a horizontal rule, as ``---`` does in markdown."""
    props: Props = {}
    return show(place, "divider", props)
