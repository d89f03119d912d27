"""``tab``: one tab of a ``tabs`` group (opened by :func:`porch.elements.tabs.tabs` only)."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, open_block


class Props(TypedDict):
    label: str


def tab(group: Block, label: str) -> Block:
    props: Props = {"label": label}
    return open_block(group, "tab", label, props)
