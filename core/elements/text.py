"""``text``: fixed-width text, shown as it is (no markdown)."""

from __future__ import annotations

from typing import Any, TypedDict

from ._place import Block, show


class Props(TypedDict):
    body: str
    help: str | None


def text(place: Block, body: Any, *, help: str | None = None) -> Block:
    """Show ``body`` as plain fixed-width text; markdown characters are shown as they are."""
    props: Props = {"body": str(body), "help": help}
    return show(place, "text", props)
