"""``tabs``: a group of tabs, each a block to write into; every tab's content runs, only the display switches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from ..errors import PorchAPIError
from ._place import Block, open_block
from .tab import tab


class Props(TypedDict):
    pass


def tabs(place: Block, tabs: Sequence[str]) -> list[Block]:
    """Show tabs labelled ``tabs`` (markdown allowed); return one block per tab."""
    labels = [str(t) for t in tabs]
    if not labels:
        raise PorchAPIError("tabs() needs at least one tab label")
    props: Props = {}
    group = open_block(place, "tabs", "|".join(labels), props)
    return [tab(group, label) for label in labels]
