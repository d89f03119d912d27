"""Markdown to HTML on the server, so the client needs no parser and raw HTML in text can never run.

CommonMark with GitHub tables and strikethrough (markdown-it-py), plus Streamlit's coloured text ``:red[...]`` and
``:blue-background[...]``. Raw HTML is escaped unless the script passes ``unsafe_allow_html=True``; link targets
such as ``javascript:`` are refused by markdown-it's link validation either way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

COLORS = ("red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "rainbow", "primary")
_COLORED = re.compile(r":(" + "|".join(COLORS) + r")(-background)?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]")


@lru_cache(maxsize=2)
def _parser(allow_html: bool) -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": allow_html, "breaks": False}).enable(["table", "strikethrough"])


def _colors(html: str) -> str:
    def span(match: re.Match[str]) -> str:
        color, background, body = match.group(1), match.group(2), match.group(3)
        css = f"porch-bg-{color}" if background else f"porch-fg-{color}"
        return f'<span class="{css}">{body}</span>'

    return _COLORED.sub(span, html)


@lru_cache(maxsize=4096)
def render(text: str, *, allow_html: bool = False) -> str:
    return _colors(_parser(allow_html).render(text))


@lru_cache(maxsize=4096)
def render_inline(text: str, *, allow_html: bool = False) -> str:
    return _colors(_parser(allow_html).renderInline(text))


def slug(text: str) -> str:
    """An anchor name for a heading, as GitHub makes them."""
    plain = re.sub(r"[^\w\s-]", "", text.lower()).strip()
    return re.sub(r"[\s]+", "-", plain)
