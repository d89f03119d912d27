"""``container``: a block to write into: bordered or not, of the content's height or a fixed one that scrolls, its
children stacked or side by side (``horizontal``), aligned and spaced as asked."""

from __future__ import annotations

from typing import Final, Literal, TypedDict

from ._layout import GAPS, Height, Width, choice_of, height_of, width_of
from ._place import Block, Defaults, open_block

HORIZONTAL_ALIGNMENTS = ("left", "center", "right", "distribute")
VERTICAL_ALIGNMENTS = ("top", "center", "bottom", "distribute")
Gap = Literal["xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge"] | None


class Props(TypedDict):
    border: bool
    #: "content", "stretch" or pixels (the container scrolls beyond them).
    height: str | int
    #: "stretch", "content" or pixels.
    width: str | int
    #: The children side by side in a row, rather than stacked.
    horizontal: bool
    #: A horizontal container's children wrap onto more lines when the row is full.
    wrap: bool
    #: "left", "center", "right" or "distribute" (the space spread between the children).
    horizontal_alignment: str
    #: "top", "center", "bottom" or "distribute".
    vertical_alignment: str
    #: "xxsmall" to "xxlarge", or None: no space between the children.
    gap: str | None
    #: Keep a fixed-height container scrolled to its end as children are added (None: Porch decides, which today
    #: means no).
    autoscroll: bool | None
    #: The script's ``key``, or None: the page gives the container the class ``st-key-<key>`` (Streamlit's hook for
    #: a stylesheet), and AppTest finds it by it (``at.get_by_key``).
    key: str | None


#: Props left off the wire at these values (webui/elements/container.js has the same).
DEFAULTS: Final[Defaults] = {
    "border": False, "height": "content", "width": "stretch", "horizontal": False, "wrap": True,
    "horizontal_alignment": "left", "vertical_alignment": "top", "gap": "small", "autoscroll": None,
    "key": None,
}


def container(
    place: Block,
    *,
    border: bool | None = None,
    key: str | None = None,
    width: Width = "stretch",
    height: Height | None = "content",
    horizontal: bool = False,
    wrap: bool = True,
    horizontal_alignment: Literal["left", "center", "right", "distribute"] = "left",
    vertical_alignment: Literal["top", "center", "bottom", "distribute"] = "top",
    gap: Gap = "small",
    autoscroll: bool | None = None,
) -> Block:
    """Open a container: write into it with ``with c:`` or ``c.button(...)``, even after later elements.

    ``height`` is "content" (as tall as what it holds, the default), "stretch" (the height of its own container) or
    pixels: it scrolls beyond them, and has a border unless ``border=False`` (``border=True`` draws one at any
    height). ``width`` is "stretch" (the default), "content" or pixels. ``key`` keeps its widgets' identities apart
    from another container's.

    ``horizontal=True`` lays the children side by side, wrapping onto more lines when the row is full (unless
    ``wrap=False``). ``horizontal_alignment`` ("left", "center", "right", "distribute") and ``vertical_alignment``
    ("top", "center", "bottom", "distribute") place the children; ``gap`` is the space between them ("xxsmall" to
    "xxlarge", "small" by default, or None). ``autoscroll=True`` keeps a fixed-height container scrolled to its end
    as children are added (None, the default, leaves it where the user scrolled).
    """
    call = "container()"
    shown_height = "content" if height is None else height_of(height, call)
    props: Props = {
        "border": bool(border) if border is not None else isinstance(shown_height, int),
        "height": shown_height,
        "width": width_of(width, call),
        "horizontal": bool(horizontal),
        "wrap": bool(wrap),
        "horizontal_alignment": choice_of(horizontal_alignment, HORIZONTAL_ALIGNMENTS, call, "horizontal_alignment"),
        "vertical_alignment": choice_of(vertical_alignment, VERTICAL_ALIGNMENTS, call, "vertical_alignment"),
        "gap": choice_of(gap, (*GAPS, None), call, "gap"),
        "autoscroll": None if autoscroll is None else bool(autoscroll),
        "key": None if key is None else str(key),
    }
    return open_block(place, "container", "" if key is None else str(key), props, defaults=DEFAULTS)


def fragment_block(place: Block, label: str) -> Block:
    """A fragment's own container (``porch.fragment``): a plain container whose widgets' identities ``label`` keeps
    apart, with no key of the script's on the page (Streamlit's fragment container has none)."""
    return open_block(place, "container", label, {**DEFAULTS}, defaults=DEFAULTS)
