"""``columns``: a row of side-by-side columns, each a block to write into."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal, TypedDict

from ..errors import PorchAPIError
from ._layout import GAPS, Width, width_of
from ._place import Block, Defaults, open_block
from .column import column

ALIGNMENTS = ("top", "center", "bottom")
Gap = Literal["xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge"] | None


class Props(TypedDict):
    #: "xxsmall" to "xxlarge", or None: no space between the columns.
    gap: str | None
    vertical_alignment: str
    border: bool
    #: "stretch", "content" or pixels: the width of the whole row.
    width: str | int
    #: The columns stack, one above the other, on a narrow screen.
    wrap: bool


#: Props left off the wire at these values (webui/elements/columns.js has the same).
DEFAULTS: Final[Defaults] = {
    "gap": "small", "vertical_alignment": "top", "border": False, "width": "stretch", "wrap": True,
}


def columns(
    place: Block,
    spec: int | Sequence[float],
    *,
    gap: Gap = "small",
    vertical_alignment: Literal["top", "center", "bottom"] = "top",
    border: bool = False,
    width: Width = "stretch",
    wrap: bool = True,
) -> list[Block]:
    """Lay out columns side by side; return one block per column.

    ``spec`` is a number of equal columns, or their relative widths (``[2, 1]``: the first twice as wide).
    ``gap`` is the space between them ("xxsmall" to "xxlarge", "small" by default, or None); ``vertical_alignment``
    aligns their contents; ``border`` draws one around each. ``width`` is the width of the whole row: "stretch"
    (the default), "content" or pixels. On a narrow screen the columns stack one above the other, unless
    ``wrap=False``.
    """
    if isinstance(spec, int):
        if spec < 1:
            raise PorchAPIError(f"columns({spec}): the number of columns must be at least 1")
        widths: list[float] = [1.0] * spec
    else:
        widths = [float(w) for w in spec]
        if not widths or any(w <= 0 for w in widths):
            raise PorchAPIError("columns(spec): every width must be a positive number")
    if gap is not None and gap not in GAPS:
        raise PorchAPIError(f"columns gap must be one of {GAPS} or None, not {gap!r}")
    if vertical_alignment not in ALIGNMENTS:
        raise PorchAPIError(f"columns vertical_alignment must be one of {ALIGNMENTS}, not {vertical_alignment!r}")
    props: Props = {
        "gap": gap,
        "vertical_alignment": vertical_alignment,
        "border": border,
        "width": width_of(width, "columns()"),
        "wrap": bool(wrap),
    }
    row = open_block(place, "columns", "", props, defaults=DEFAULTS)
    total = sum(widths)
    return [column(row, i, w / total) for i, w in enumerate(widths)]
