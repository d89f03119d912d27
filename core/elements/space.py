"""``space``: blank space, down the page (or across, in a container that lays out its elements side by side)."""

from __future__ import annotations

from typing import Literal, TypedDict

from ..errors import PorchAPIError
from ._place import Block, show

SPACE_SIZES = ("small", "medium", "large", "stretch")


class Props(TypedDict):
    #: "small" (0.75rem), "medium" (2.5rem), "large" (4.25rem), "stretch" (what the container has left) or pixels.
    size: str | int


def space(place: Block, size: Literal["small", "medium", "large", "stretch"] | int = "small") -> Block:
    """Add blank space in the direction the container lays out its elements (down, or across in a row).

    ``size`` is "small" (the default, 0.75rem: the height of a widget's label, to line a button up with labelled
    widgets beside it), "medium" (2.5rem: the height of a button or an input without label), "large" (4.25rem: an
    input with its label), "stretch" (all the space the container has left, in a container of fixed height or in a
    row) or a number of pixels.
    """
    if isinstance(size, float) and size.is_integer():
        size = int(size)
    valid_pixels = isinstance(size, int) and not isinstance(size, bool) and size >= 0
    if not valid_pixels and size not in SPACE_SIZES:
        raise PorchAPIError(f"space(): size must be one of {SPACE_SIZES} or a number of pixels, not {size!r}")
    props: Props = {"size": size}
    return show(place, "space", props)
