"""``markdown`` and ``caption``: text written in markdown, rendered on the server (raw HTML escaped unless allowed)."""

from __future__ import annotations

import textwrap
from typing import Any, Final, Literal, TypedDict

from .. import markdown_html
from ._layout import TextAlignment, Width, text_alignment_of, width_of
from ._place import Block, Defaults, show


class Props(TypedDict):
    #: The markdown source as the script gave it (its indentation removed, stripped): AppTest's ``value``.
    body: str
    #: The markdown rendered on the server: what the client shows.
    html: str
    #: ``unsafe_allow_html`` as the script gave it (the server already kept or escaped the HTML in ``html``).
    allow_html: bool
    #: None for markdown, "caption" for the small muted text of ``caption``.
    variant: str | None
    help: str | None
    #: "stretch", "content", "auto" (markdown's default: the container's width) or pixels.
    width: str | int
    #: "left", "center", "right" or "justify".
    text_alignment: str
    #: False: lines do not wrap; the text scrolls sideways.
    wrap: bool
    #: Show a link on each heading inside (the headings have ids, whose link it is, either way).
    anchors: bool


#: Props left off the wire at these values (webui/elements/markdown.js has the same).
DEFAULTS: Final[Defaults] = {
    "allow_html": False, "variant": None, "help": None, "width": "auto", "text_alignment": "left", "wrap": True,
    "anchors": True,
}


def markdown(
    place: Block,
    body: Any,
    unsafe_allow_html: bool = False,
    *,
    help: str | None = None,
    width: Width | Literal["auto"] = "auto",
    text_alignment: TextAlignment = "left",
    anchors: bool = True,
    wrap: bool = True,
) -> Block:
    """Show ``body`` as markdown: CommonMark with GitHub's tables and strikethrough.

    HTML in ``body`` is shown as text unless ``unsafe_allow_html=True`` (then it is the app's own responsibility).
    The indentation of a triple-quoted string written inside an indented block is removed. ``help`` shows a tooltip
    beside the text.

    ``width`` is "auto" (the default: the container's width), "stretch", "content" (as wide as the text) or pixels;
    ``text_alignment`` is "left", "center", "right" or "justify"; ``wrap=False`` keeps each line whole, scrolling
    sideways when it is too long. Headings inside the markdown get an anchor (an id made from their words, as
    :func:`header`'s, so ``#my-heading`` at the end of the page's address leads to it); ``anchors=True`` (the
    default) also shows a link to it beside each heading on hover, ``False`` does not.
    """
    call = "markdown()"
    return _markdown(
        place, body, unsafe_allow_html, help, None, width_of(width, call, keywords=("auto", "stretch", "content")),
        text_alignment_of(text_alignment, call), wrap, bool(anchors),
    )


def caption(
    place: Block,
    body: Any,
    unsafe_allow_html: bool = False,
    *,
    help: str | None = None,
    width: Width = "stretch",
    text_alignment: TextAlignment = "left",
    wrap: bool = True,
) -> Block:
    """Show ``body`` as small, muted markdown: for notes under a chart, footnotes, sources. The parameters are
    those of :func:`markdown`; ``width`` defaults to "stretch"."""
    call = "caption()"
    return _markdown(
        place, body, unsafe_allow_html, help, "caption", width_of(width, call), text_alignment_of(text_alignment, call),
        wrap, False,
    )


def _markdown(
    place: Block,
    body: Any,
    unsafe_allow_html: bool,
    help: str | None,
    variant: str | None,
    width: str | int,
    text_alignment: str,
    wrap: bool,
    anchors: bool,
) -> Block:
    text = str(body)
    props: Props = {
        "body": clean(text),
        "html": markdown_html.render(dedent(text), allow_html=bool(unsafe_allow_html)),
        "allow_html": bool(unsafe_allow_html),
        "variant": variant,
        "help": help,
        "width": width,
        "text_alignment": text_alignment,
        "wrap": bool(wrap),
        "anchors": anchors,
    }
    return show(place, "markdown", props, DEFAULTS)


def clean(text: str) -> str:
    """The source of a text element as Streamlit keeps it (``clean_text``): the indentation removed, stripped."""
    return textwrap.dedent(text).strip() if "\n" in text else text.strip()


def dedent(text: str) -> str:
    """Strip the indentation of a triple-quoted string written inside an indented block, as Streamlit does."""
    return textwrap.dedent(text).strip("\n") if "\n" in text else text
