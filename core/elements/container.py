"""``container``: a block to write into, with an optional border, and a fixed height that scrolls."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, open_block


class Props(TypedDict):
    border: bool
    height: int | None


def container(place: Block, *, border: bool | None = None, height: int | None = None, key: str | None = None) -> Block:
    """Open a container: write into it with ``with c:`` or ``c.button(...)``, even after later elements.

    ``height`` (pixels) makes it scroll beyond that and gives it a border unless ``border=False``; ``key`` keeps its
    widgets' identities apart from another container's.
    """
    props: Props = {"border": bool(border or height), "height": height}
    return open_block(place, "container", key or "", props)
