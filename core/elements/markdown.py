"""``markdown`` and ``caption``: text written in markdown, rendered on the server (raw HTML escaped unless allowed)."""

from __future__ import annotations

import textwrap
from typing import Any, TypedDict

from .. import markdown_html
from ._place import Block, show


class Props(TypedDict):
    html: str
    #: None for markdown, "caption" for the small muted text of ``caption``.
    variant: str | None
    help: str | None


def markdown(place: Block, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> Block:
    """Show ``body`` as markdown: CommonMark with GitHub's tables and strikethrough.

    HTML in ``body`` is shown as text unless ``unsafe_allow_html=True`` (then it is the app's own responsibility).
    The indentation of a triple-quoted string written inside an indented block is removed.
    """
    return _markdown(place, body, unsafe_allow_html, help, None)


def caption(place: Block, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> Block:
    """Show ``body`` as small, muted markdown: for notes under a chart, footnotes, sources."""
    return _markdown(place, body, unsafe_allow_html, help, "caption")


def _markdown(place: Block, body: Any, unsafe_allow_html: bool, help: str | None, variant: str | None) -> Block:
    props: Props = {
        "html": markdown_html.render(dedent(str(body)), allow_html=bool(unsafe_allow_html)),
        "variant": variant,
        "help": help,
    }
    return show(place, "markdown", props)


def dedent(text: str) -> str:
    """Strip the indentation of a triple-quoted string written inside an indented block, as Streamlit does."""
    return textwrap.dedent(text).strip("\n") if "\n" in text else text
