"""``code``: a block of source code with syntax highlighting and a copy button."""

from __future__ import annotations

import re
from typing import Final, TypedDict

from ._layout import Height, Width, height_of, width_of
from ._place import Block, Defaults, show


class Props(TypedDict):
    body: str
    language: str | None
    line_numbers: bool
    #: Pre-rendered highlighting, when the server made it (None: the client highlights).
    html: str | None
    #: True: long lines wrap instead of scrolling sideways.
    wrap_lines: bool
    #: "content", "stretch" or pixels (the block scrolls).
    height: str | int
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/code.js has the same).
DEFAULTS: Final[Defaults] = {
    "language": "python", "line_numbers": False, "html": None, "wrap_lines": False, "height": "content",
    "width": "stretch",
}


def code(
    place: Block,
    body: str,
    language: str | None = "python",
    *,
    line_numbers: bool = False,
    wrap_lines: bool = False,
    height: Height = "content",
    width: Width = "stretch",
) -> Block:
    """Show ``body`` as code in ``language`` (``None`` for plain text), with line numbers if asked. One blank line at
    each end of ``body`` (a triple-quoted string's) is dropped, as Streamlit does.

    ``wrap_lines=True`` wraps long lines instead of scrolling sideways. ``height`` is "content" (as tall as the code,
    the default), "stretch" (the container's height) or pixels, beyond which the block scrolls; ``width`` is
    "stretch" (the default), "content" or pixels.
    """
    call = "code()"
    props: Props = {
        "body": re.sub(r"\n\Z", "", re.sub(r"\A\n", "", str(body))),
        "language": language,
        "line_numbers": bool(line_numbers),
        "html": None,
        "wrap_lines": bool(wrap_lines),
        "height": height_of(height, call),
        "width": width_of(width, call),
    }
    return show(place, "code", props, DEFAULTS)
