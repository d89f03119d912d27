"""``divider``: a horizontal rule."""

from __future__ import annotations

from typing import Final, TypedDict

from ._layout import Width, width_of
from ._place import Block, Defaults, show


class Props(TypedDict):
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/divider.js has the same).
DEFAULTS: Final[Defaults] = {"width": "stretch"}


def divider(place: Block, *, width: Width = "stretch") -> Block:
    """Show a horizontal rule, as ``---`` does in markdown. ``width`` is "stretch" (the container's width, the
    default) or pixels ("content" is accepted: a rule has no content, so it is a short one)."""
    props: Props = {"width": width_of(width, "divider()")}
    return show(place, "divider", props, DEFAULTS)
