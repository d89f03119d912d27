"""``iframe``: a web page by URL, or HTML text of the script's, in a frame.

A URL is http(s) or relative to the app's page; any other scheme (``javascript:``, ``data:``, ``file:``) is refused.
HTML text (or a ``.html`` file) becomes a document served by the app whose scripts run in a sandbox of an opaque
origin (``_framed.py``). The client never lets a frame share the app's origin with scripts: a page of the app's own
origin is framed as sandboxed as HTML text; another site's page keeps its own origin.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, TypedDict
from urllib.parse import urlsplit

from ..errors import PorchAPIError
from ._framed import framed_document
from ._layout import Width, height_of, width_of
from ._place import Block, show
from ._served import show_served

#: The height of a frame of ``height="content"`` whose content's height cannot be known (a page by URL).
DEFAULT_HEIGHT = 150


class Props(TypedDict):
    #: The page's URL (absolute http(s), or relative to the app's page), or the served document of HTML text.
    src: str
    #: True: ``src`` is HTML text of the script's, served by the app (its scripts run in an opaque origin).
    served: bool
    #: "stretch", "content" or pixels.
    width: str | int
    #: "content" (the content's height for HTML text; 150 pixels for a page by URL), "stretch" or pixels.
    height: str | int
    #: The frame's place in keyboard navigation (None: the browser's default, -1: skipped, 0 or more: in order).
    tab_index: int | None
    #: The frame's accessible name.
    alt: str | None
    #: True: scroll bars when the content is larger than the frame (``scrolling="auto"``); False: the content is cut
    #: off, with none (``scrolling="no"``), as Streamlit sets the frame's ``scrolling`` attribute.
    scrolling: bool


def iframe(
    place: Block,
    src: str | os.PathLike[str],
    *,
    width: Width = "stretch",
    height: int | Literal["content", "stretch"] = "content",
    tab_index: int | None = None,
    alt: str | None = None,
) -> Block:
    """Show a web page, or HTML, in a frame.

    ``src`` is the URL of a page (``https://...``, ``http://...`` or a path relative to the app's page), a string of
    HTML, or a ``pathlib.Path`` (or a string naming an existing ``.html`` file) whose HTML is read. Scripts in HTML
    text run, in a sandbox that keeps them away from the app's page, cookies and storage.

    ``height`` is "content" (the default: as tall as HTML text needs; 150 pixels for a page by URL, whose height
    the app cannot know), "stretch" (the container's height) or pixels. ``width`` is "stretch" (the default),
    "content" (a frame cannot tell its content's width: the same as "stretch") or pixels. ``tab_index`` places the
    frame in keyboard navigation (-1: skipped; 0 or more: in that order; None: the browser's default). ``alt``
    names the frame for screen readers. As in Streamlit, the frame shows scroll bars when its content is larger.
    """
    return framed(place, src, width=width, height=height, tab_index=tab_index, alt=alt, scrolling=True)


def framed(
    place: Block,
    src: str | os.PathLike[str],
    *,
    width: Width,
    height: int | Literal["content", "stretch"],
    tab_index: int | None,
    alt: str | None,
    scrolling: bool,
) -> Block:
    """:func:`iframe` with ``scrolling`` (``components.v1.iframe``'s: False cuts the content off, with no scroll
    bar)."""
    layout_width = width_of(width, "iframe()")
    layout_height = height_of(height, "iframe()")
    if tab_index is not None and (isinstance(tab_index, bool) or not isinstance(tab_index, int) or tab_index < -1):
        raise PorchAPIError(f"iframe(): tab_index must be None, -1 or a number of 0 or more, not {tab_index!r}")
    if alt is not None and not isinstance(alt, str):
        raise PorchAPIError(f"iframe(): alt must be a string or None, not {type(alt).__name__}")
    html_text = _html_of(src)
    props: Props = {
        "src": "",
        "served": html_text is not None,
        "width": layout_width,
        "height": layout_height,
        "tab_index": tab_index,
        "alt": alt,
        "scrolling": bool(scrolling),
    }
    if html_text is not None:
        props["src"] = framed_document(html_text)
        return show_served(place, "iframe", props, [props["src"]])
    props["src"] = _url(str(src))
    return show(place, "iframe", props)


def _html_of(src: Any) -> str | None:
    """The HTML text ``src`` gives (its own, or a file's), or None when it is a URL."""
    if isinstance(src, os.PathLike):
        return _read(Path(os.fspath(src)))
    if not isinstance(src, str):
        raise PorchAPIError(f"iframe(): src must be a URL, HTML text or a path, not {type(src).__name__}")
    text = src.strip()
    if not text:
        raise PorchAPIError("iframe() needs a src: a URL or HTML text")
    if "<" in text:
        return src
    if text.lower().endswith((".html", ".htm")) and "\n" not in text and len(text) <= 1024:
        try:
            if Path(text).is_file():
                return _read(Path(text))
        except (OSError, ValueError):
            pass
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PorchAPIError(f"iframe() cannot read {str(path)!r}: {error}") from None


def _url(text: str) -> str:
    """``text`` as a frame's URL: http(s), or relative to the app's page; nothing else."""
    url = text.strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https") or (scheme == "" and not any(ord(ch) < 32 for ch in url)):
        return url
    raise PorchAPIError(
        f"iframe(): src must be an http or https URL, a path relative to the app or HTML text, not {text!r}"
    )
