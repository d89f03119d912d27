"""``title``, ``header`` and ``subheader``: one wire kind, ``heading``, at levels 1 to 3."""

from __future__ import annotations

from typing import Any, TypedDict
from weakref import WeakKeyDictionary

from .. import markdown_html as markdown
from ..context import get_run
from ..run import Run
from ._place import Block, show

DIVIDER_COLOURS = ("blue", "green", "orange", "red", "violet")
#: How many headings with ``divider=True`` each run has shown so far.
_DIVIDERS: WeakKeyDictionary[Run, int] = WeakKeyDictionary()


class Props(TypedDict):
    level: int
    html: str
    anchor: str | None
    divider: str | bool
    help: str | None


def title(place: Block, body: Any, anchor: str | bool | None = None, *, help: str | None = None) -> Block:
    """Show ``body`` as the page's title (inline markdown).

    ``anchor`` is the name of the link to it (``#anchor``); by default one is made from the text, ``False`` gives
    none. ``help`` shows a tooltip beside it.
    """
    return _heading(place, 1, body, anchor, help, False)


def header(
    place: Block, body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: bool | str = False
) -> Block:
    """Show ``body`` as a section header. ``divider=True`` underlines it, in the next colour of a cycle within the
    run; a colour name (``"blue"``...) picks one."""
    return _heading(place, 2, body, anchor, help, divider)


def subheader(
    place: Block, body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: bool | str = False
) -> Block:
    """Show ``body`` as a sub-section header; the parameters are those of :func:`header`."""
    return _heading(place, 3, body, anchor, help, divider)


def _heading(place: Block, level: int, body: Any, anchor: str | bool | None, help: str | None, divider: bool | str) -> Block:
    text = str(body)
    if anchor is False:
        slug = None
    elif isinstance(anchor, str):
        slug = anchor
    else:
        slug = markdown.slug(text) or None
    props: Props = {
        "level": level,
        "html": markdown.render_inline(text),
        "anchor": slug,
        "divider": _divider_colour(divider),
        "help": help,
    }
    return show(place, "heading", props)


def _divider_colour(divider: bool | str) -> str | bool:
    """``divider=True`` cycles through colours heading by heading within a run, as Streamlit does."""
    if divider is not True:
        return divider or False
    run = get_run()
    count = _DIVIDERS.get(run, 0)
    _DIVIDERS[run] = count + 1
    return DIVIDER_COLOURS[count % len(DIVIDER_COLOURS)]
