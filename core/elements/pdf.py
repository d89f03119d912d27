"""``pdf``: a PDF document in the browser's own PDF viewer, framed in the page.

A file, bytes or a file-like object are served from the session's media (a file from where it is) as
``application/pdf``; an http(s) URL is framed as it is. The client frames the URL and, where the browser has no PDF
viewer, offers a link to the document instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, TypedDict

from ..errors import PorchAPIError
from ._layout import height_of
from ._media_sources import Content, media_url, read_data
from ._place import Block
from ._served import session_media, show_served

PDF_TYPE = "application/pdf"


class Props(TypedDict):
    #: Where the document is: a media URL of the app's, or an http(s) URL the script gave.
    url: str
    #: Pixels, or "stretch" (the container's height).
    height: str | int
    #: The viewer's accessible name, or None.
    alt: str | None


def pdf(
    place: Block,
    data: str | os.PathLike[str] | bytes | Any,
    *,
    height: int | Literal["stretch"] = 500,
    key: str | None = None,
    alt: str | None = None,
) -> Block:
    """Show a PDF document in the browser's PDF viewer (scroll, zoom, search, print and download are the viewer's).

    ``data`` is an http(s) URL of a PDF, a path to a PDF file (relative to the working directory), its bytes, or a
    file-like object such as an uploaded file or ``open("report.pdf", "rb")``. A file is served from where it is,
    as long as it does not change. ``height`` is the viewer's height in pixels (500 by default), or "stretch" (the
    height of its container). ``alt`` is a short name of the document for screen readers (an empty one counts as
    none). Where the browser shows no PDFs (some embedded views), a link to open the document is shown instead.

    ``key`` is accepted for compatibility; a PDF viewer holds no value, so it has no effect.
    """
    call = "pdf()"
    layout_height = height_of(height, call, keywords=("stretch",))
    if alt is not None and not isinstance(alt, str):
        raise PorchAPIError(f"{call}: alt must be a string or None, not {type(alt).__name__}")
    source = _source(data, call)
    url = source if isinstance(source, str) else media_url(session_media(), source)
    props: Props = {"url": url, "height": layout_height, "alt": (alt or "").strip() or None}
    return show_served(place, "pdf", props, [url])


def _source(data: Any, call: str) -> str | Content:
    """An http(s) URL as it is, or what the media store serves."""
    if data is None:
        raise PorchAPIError(f"{call}: data is required: a URL, a path to a PDF file, bytes or a file-like object")
    if isinstance(data, (str, os.PathLike)):
        text = os.fspath(data)
        if isinstance(text, bytes):
            text = os.fsdecode(text)
        stripped = text.strip()
        if stripped.lower().startswith(("http://", "https://")):
            return stripped
        path = Path(stripped)
        if path.is_dir():
            raise PorchAPIError(f"{call}: {stripped!r} is a folder, not a PDF file")
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            raise PorchAPIError(f"{call}: unable to read the file {stripped!r}: {exc.strerror or exc}") from None
        return Content(path.resolve(), PDF_TYPE)
    if isinstance(data, (bytes, bytearray, memoryview)) or callable(getattr(data, "read", None)):
        return Content(read_data(data, f"{call} data"), PDF_TYPE)
    raise PorchAPIError(
        f"{call}: data must be a URL, a path, bytes or a file-like object, not {type(data).__name__}"
    )
