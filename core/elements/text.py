"""``text``: fixed-width text, shown as it is (no markdown)."""

from __future__ import annotations

import textwrap
from typing import Any, Final, TypedDict

from ._layout import TextAlignment, Width, text_alignment_of, width_of
from ._place import Block, Defaults, show


class Props(TypedDict):
    body: str
    help: str | None
    #: "content" (as wide as the text), "stretch" or pixels.
    width: str | int
    #: "left", "center", "right" or "justify".
    text_alignment: str
    #: False: long lines stay whole and scroll sideways.
    wrap: bool


#: Props left off the wire at these values (webui/elements/text.js has the same).
DEFAULTS: Final[Defaults] = {"help": None, "width": "content", "text_alignment": "left", "wrap": True}


def text(
    place: Block,
    body: Any,
    *,
    help: str | None = None,
    width: Width = "content",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> Block:
    """Show ``body`` as plain fixed-width text; markdown characters are shown as they are. As in Streamlit, the
    indentation of a triple-quoted string is removed and so are blank lines and spaces at its ends. ``help`` shows a tooltip
    beside it.

    ``width`` is "content" (as wide as the text, the default), "stretch" or pixels; ``text_alignment`` is "left",
    "center", "right" or "justify"; ``wrap=False`` keeps long lines whole (they scroll sideways) instead of wrapping
    them.
    """
    call = "text()"
    body = str(body)
    props: Props = {
        # clean(body) written out: text is the element scripts repeat most, run after run.
        "body": textwrap.dedent(body).strip() if "\n" in body else body.strip(),
        "help": help,
        # The defaults pass without a call to their checks (not even ``type()``), for the same reason.
        "width": width if width.__class__ is str and width == "content" else width_of(width, call),
        "text_alignment": (
            text_alignment
            if text_alignment.__class__ is str and text_alignment == "left"
            else text_alignment_of(text_alignment, call)
        ),
        "wrap": bool(wrap),
    }
    return show(place, "text", props, DEFAULTS)
