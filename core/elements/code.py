"""``code``: a block of source code with syntax highlighting and a copy button."""

from __future__ import annotations

from typing import TypedDict

from ._place import Block, show


class Props(TypedDict):
    body: str
    language: str | None
    line_numbers: bool
    #: Pre-rendered highlighting, when the server made it (None: the client highlights).
    html: str | None


def code(place: Block, body: str, language: str | None = "python", *, line_numbers: bool = False) -> Block:
    """Show ``body`` as code in ``language`` (``None`` for plain text), with line numbers if asked."""
    props: Props = {"body": str(body), "language": language, "line_numbers": bool(line_numbers), "html": None}
    return show(place, "code", props)
