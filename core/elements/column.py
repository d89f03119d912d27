"""``column``: one column of a ``columns`` row (opened by :func:`porch.elements.columns.columns` only)."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, open_block


class Props(TypedDict):
    #: Share of the row's width, 0 to 1.
    width: float


def column(row: Block, index: int, width: float) -> Block:
    props: Props = {"width": width}
    return open_block(row, "column", str(index), props)
