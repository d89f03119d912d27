"""``progress``: a progress bar, usually updated in place (``bar = progress(0); bar.progress(50)``)."""

from __future__ import annotations

from typing import Final, TypedDict

from .. import markdown_html
from ..errors import PorchAPIError
from ._layout import Width, width_of
from ._place import Block, Defaults, show


class Props(TypedDict):
    #: Percent done, 0 to 100.
    value: int
    text_html: str | None
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/progress.js has the same).
DEFAULTS: Final[Defaults] = {"text_html": None, "width": "stretch"}


def progress(place: Block, value: int | float, text: str | None = None, width: Width = "stretch") -> Block:
    """Show a progress bar: ``value`` is an int from 0 to 100 or a float from 0.0 to 1.0; ``text`` (inline
    markdown) is shown above it. Call ``progress`` on the returned element to move it. ``width`` is "stretch" (the
    container's width, the default) or pixels ("content" is accepted: a bar has no content, so it is a short one)."""
    props: Props = {
        "value": _percent(value),
        "text_html": markdown_html.render_inline(str(text)) if text is not None else None,
        "width": width_of(width, "progress()"),
    }
    return show(place, "progress", props, DEFAULTS)


def _percent(value: int | float) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PorchAPIError(f"progress() takes an int from 0 to 100 or a float from 0.0 to 1.0, not {value!r}")
    if isinstance(value, int):
        if not 0 <= value <= 100:
            raise PorchAPIError(f"progress({value}): an int must be between 0 and 100")
        return value
    if not 0.0 <= value <= 1.0:
        raise PorchAPIError(f"progress({value}): a float must be between 0.0 and 1.0")
    return int(round(value * 100))
