"""``badge``: a small coloured label with an optional icon, inline with text."""

from __future__ import annotations

from typing import Literal, TypedDict

from ..errors import PorchAPIError
from ._icons import icon_of
from ._layout import width_of
from ._place import Block, show

BADGE_COLOURS = ("red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary")
Colour = Literal["red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary"]


class Props(TypedDict):
    label: str
    icon: str | None
    color: str
    help: str | None
    #: "content" (as wide as the label, the default), "stretch" or pixels.
    width: str | int


def badge(
    place: Block,
    label: str,
    *,
    icon: str | None = None,
    color: Colour = "blue",
    width: int | Literal["content", "stretch"] = "content",
    help: str | None = None,
) -> Block:
    """Show ``label`` as a small coloured badge, as markdown's ``:blue-badge[label]`` does.

    ``icon`` is an emoji or Material icon before the label; ``color`` one of red, orange, yellow, blue, green, violet,
    gray/grey or primary (the theme's); ``help`` a tooltip. ``width`` is "content" (as wide as the label, the
    default), "stretch" or pixels; a label wider than the badge is cut with an ellipsis.
    """
    if color not in BADGE_COLOURS:
        raise PorchAPIError(f"badge color must be one of {BADGE_COLOURS}, not {color!r}")
    shown = icon_of(icon, f"badge({label!r})")
    props: Props = {
        "label": str(label), "icon": shown, "color": "gray" if color == "grey" else color, "help": help,
        "width": width_of(width, f"badge({label!r})"),
    }
    return show(place, "badge", props)
