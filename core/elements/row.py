"""``row``: elements side by side in one line (what ``write`` makes of several arguments)."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, open_block


class Props(TypedDict):
    pass


def row(place: Block) -> Block:
    props: Props = {}
    return open_block(place, "row", "", props)
