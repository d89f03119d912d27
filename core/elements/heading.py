"""``title``, ``header`` and ``subheader``: one wire kind, ``heading``, at levels 1 to 3."""

from __future__ import annotations

from typing import Any, Final, TypedDict
from weakref import WeakKeyDictionary

from .. import markdown_html as markdown
from ..context import get_run
from ..errors import PorchAPIError
from ..run import Run
from ._icons import icon_of
from ._layout import TextAlignment, Width, text_alignment_of, width_of
from ._place import Block, Defaults, show
from .markdown import clean

DIVIDER_COLOURS = ("blue", "green", "orange", "red", "violet")
#: The colours a divider may be given, Streamlit's.
DIVIDER_CHOICES = ("red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "rainbow")
#: How many headings with ``divider=True`` each run has shown so far.
_DIVIDERS: WeakKeyDictionary[Run, int] = WeakKeyDictionary()


class Props(TypedDict):
    level: int
    #: The heading's source as the script gave it (stripped): AppTest's ``value``.
    body: str
    #: The heading as inline markdown rendered on the server: what the client shows.
    html: str
    anchor: str | None
    #: True when Porch made ``anchor`` from the text (the script gave none): AppTest's ``anchor`` is "" then.
    anchor_made: bool
    divider: str | bool
    help: str | None
    #: An emoji (or short text) shown before the heading, or None.
    icon: str | None
    #: "stretch", "content" or pixels (see ``_layout``).
    width: str | int
    #: "left", "center", "right" or "justify".
    text_alignment: str
    #: False: one line that scrolls sideways instead of wrapping.
    wrap: bool


#: Props left off the wire at these values (webui/elements/heading.js has the same).
DEFAULTS: Final[Defaults] = {
    "anchor_made": False, "divider": False, "help": None, "icon": None, "width": "stretch", "text_alignment": "left",
    "wrap": True,
}


def title(
    place: Block,
    body: Any,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> Block:
    """Show ``body`` as the page's title (inline markdown).

    ``anchor`` is the name of the link to it (``#anchor``); by default one is made from the text, ``False`` gives
    none. ``help`` shows a tooltip beside it; ``icon`` (an emoji or Material icon) is shown before the text.

    ``width`` is "stretch" (the container's width, the default), "content" (as wide as the text) or pixels;
    ``text_alignment`` is "left", "center", "right" or "justify"; ``wrap=False`` keeps the heading on one line,
    which scrolls sideways when it is too long.
    """
    return _heading(place, "title", 1, body, anchor, help, icon, False, width, text_alignment, wrap)


def header(
    place: Block,
    body: Any,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    divider: bool | str = False,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> Block:
    """Show ``body`` as a section header (inline markdown). ``divider=True`` underlines it, in the next colour of a
    cycle within the run; a colour name (``"blue"``...) picks one. ``anchor``, ``help``, ``icon``, ``width``,
    ``text_alignment`` and ``wrap`` are those of :func:`title`."""
    return _heading(place, "header", 2, body, anchor, help, icon, divider, width, text_alignment, wrap)


def subheader(
    place: Block,
    body: Any,
    anchor: str | bool | None = None,
    *,
    help: str | None = None,
    icon: str | None = None,
    divider: bool | str = False,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> Block:
    """Show ``body`` as a sub-section header; the parameters are those of :func:`header`."""
    return _heading(place, "subheader", 3, body, anchor, help, icon, divider, width, text_alignment, wrap)


def _heading(
    place: Block,
    name: str,
    level: int,
    body: Any,
    anchor: str | bool | None,
    help: str | None,
    icon: str | None,
    divider: bool | str,
    width: Any,
    text_alignment: Any,
    wrap: bool,
) -> Block:
    text = str(body)
    call = f"{name}({text!r})"
    if anchor is False:
        slug = None
    elif isinstance(anchor, str):
        slug = anchor
    else:
        slug = markdown.slug(text) or None
    props: Props = {
        "level": level,
        "body": clean(text),
        "html": markdown.render_inline(text),
        "anchor": slug,
        "anchor_made": slug is not None and not isinstance(anchor, str),
        "divider": _divider_colour(divider),
        "help": help,
        "icon": icon_of(icon, call),
        "width": width_of(width, call),
        "text_alignment": text_alignment_of(text_alignment, call),
        "wrap": bool(wrap),
    }
    return show(place, "heading", props, DEFAULTS)


def _divider_colour(divider: bool | str) -> str | bool:
    """``divider=True`` cycles through colours heading by heading within a run, as Streamlit does."""
    if divider is not True:
        if not divider:
            return False
        if divider not in DIVIDER_CHOICES:
            raise PorchAPIError(f"divider must be True or one of {DIVIDER_CHOICES}, not {divider!r}")
        return divider
    run = get_run()
    count = _DIVIDERS.get(run, 0)
    _DIVIDERS[run] = count + 1
    return DIVIDER_COLOURS[count % len(DIVIDER_COLOURS)]
