"""``html``: HTML the app provides, shown in the page (sanitised by the client's own rules)."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, show


class Props(TypedDict):
    html: str


def html(place: Block, body: str) -> Block:
    """Show ``body`` as HTML. Scripts in it do not run; for a page of its own, use an iframe."""
    props: Props = {"html": str(body)}
    return show(place, "html", props)
