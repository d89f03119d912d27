"""``columns``: a row of side-by-side columns, each a block to write into."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypedDict

from ..errors import PorchAPIError
from ._place import Block, open_block
from .column import column

GAPS = ("small", "medium", "large")
ALIGNMENTS = ("top", "center", "bottom")


class Props(TypedDict):
    gap: str
    vertical_alignment: str
    border: bool


def columns(
    place: Block,
    spec: int | Sequence[float],
    *,
    gap: Literal["small", "medium", "large"] = "small",
    vertical_alignment: Literal["top", "center", "bottom"] = "top",
    border: bool = False,
) -> list[Block]:
    """Lay out columns side by side; return one block per column.

    ``spec`` is a number of equal columns, or their relative widths (``[2, 1]``: the first twice as wide).
    ``gap`` is the space between them; ``vertical_alignment`` aligns their contents; ``border`` draws one around each.
    """
    if isinstance(spec, int):
        if spec < 1:
            raise PorchAPIError(f"columns({spec}): the number of columns must be at least 1")
        widths: list[float] = [1.0] * spec
    else:
        widths = [float(w) for w in spec]
        if not widths or any(w <= 0 for w in widths):
            raise PorchAPIError("columns(spec): every width must be a positive number")
    if gap not in GAPS:
        raise PorchAPIError(f"columns gap must be one of {GAPS}, not {gap!r}")
    if vertical_alignment not in ALIGNMENTS:
        raise PorchAPIError(f"columns vertical_alignment must be one of {ALIGNMENTS}, not {vertical_alignment!r}")
    props: Props = {"gap": gap, "vertical_alignment": vertical_alignment, "border": border}
    row = open_block(place, "columns", "", props)
    total = sum(widths)
    return [column(row, i, w / total) for i, w in enumerate(widths)]
