"""``html``: HTML the script gives, inserted into the page, sanitised on the server.

Streamlit inserts ``st.html`` into its page (not in a frame) after sanitising it with DOMPurify in the browser; apps
rely on that: ``st.html("<style>...</style>")`` restyles the app itself, and HTML flows with the page's width,
fonts and colours. Porch does the same, sanitising here with ammonia (the ``nh3`` binding), an allowlist sanitiser:
no script, event handler, ``javascript:`` URL, frame, form, ``<base>``, ``<meta>`` or ``<link>`` survives, nor an
``id`` that could stand in for one of Porch's own (``porch-...``); what remains is text, markup, tables, images,
SVG drawings, ``<style>`` and ``style=``. The page's policy (no inline script, no off-origin style sheet) stands
behind it. A body of ``<style>`` elements only takes no space: wherever it is called, it goes to the event root
(``_event``), out of the page's flow, as Streamlit sends it to its event container.

``unsafe_allow_javascript=True`` runs the body's scripts, which Porch never does in its own page: the body becomes a
document of its own in a sandboxed frame of an opaque origin, as tall as its content (``_framed.py``).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from ..errors import PorchAPIError
from ._event import event_root
from ._framed import framed_document
from ._layout import Width, width_of
from ._place import Block, show
from ._served import show_served

if TYPE_CHECKING:
    import nh3

#: Files whose text a string ``body`` may name (a ``pathlib.Path`` is always read).
FILE_SUFFIXES = (".html", ".htm", ".css", ".js")
_STYLE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

#: What survives sanitising, beyond ammonia's defaults (text, lists, tables, links, images...).
EXTRA_TAGS = {
    "style", "section", "main", "label", "progress", "meter", "tfoot", "caption", "picture",
    # SVG drawings
    "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan", "defs",
    "linearGradient", "radialGradient", "stop", "clipPath", "title", "desc",
}
GENERIC_ATTRIBUTES = {"class", "id", "style", "title", "lang", "dir", "role", "hidden", "translate"}
EXTRA_ATTRIBUTES = {
    "a": {"href", "hreflang", "target", "title"},
    "img": {"src", "alt", "width", "height", "align", "loading", "decoding"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "label": {"for"},
    "progress": {"value", "max"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "headers", "align", "valign", "width"},
    "th": {"colspan", "rowspan", "headers", "scope", "align", "valign", "width"},
    "svg": {"viewBox", "width", "height", "xmlns", "fill", "stroke", "preserveAspectRatio"},
    **{
        shape: {
            "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy", "points", "width",
            "height", "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
            "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "opacity", "clip-path", "text-anchor",
            "dominant-baseline", "font-size", "font-family", "font-weight", "offset", "stop-color", "stop-opacity",
            "gradientUnits", "gradientTransform", "clipPathUnits",
        }
        for shape in (
            "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan",
            "linearGradient", "radialGradient", "stop", "clipPath",
        )
    },
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "data"}
#: Attributes that take a URL a ``data:`` URL may fill (an inline image); anywhere else it is dropped.
DATA_URL_ATTRIBUTES = {("img", "src")}


class Props(TypedDict):
    #: The sanitised HTML inserted into the page ("" when the body runs in a frame).
    html: str
    #: The served document of a body whose scripts run (``unsafe_allow_javascript=True``), shown in a sandboxed
    #: frame; None otherwise.
    url: str | None
    #: Only ``<style>`` elements: they style the app and take no space.
    style_only: bool
    #: "stretch", "content" or pixels.
    width: str | int


def html(place: Block, body: Any, *, width: Width = "stretch", unsafe_allow_javascript: bool = False) -> Block:
    """Insert HTML into the app.

    ``body`` is a string of HTML; a ``pathlib.Path`` (or a string naming an existing ``.html``, ``.css`` or ``.js``
    file) whose text is read, a ``.css`` file's becoming a ``<style>`` and a ``.js`` file's a ``<script>``; or any
    object: its ``_repr_html_()``, else its ``__html__()``, else ``str()`` of it. An empty body is an error.

    The HTML is sanitised and becomes part of the page, so ``<style>`` in it restyles the whole app (a body of
    styles only takes no space). Scripts, event handlers and ``javascript:`` links are removed. With
    ``unsafe_allow_javascript=True`` the scripts do run, but in a sandboxed frame of its own, never in the app's
    page: the frame is as tall as its content, and its styles apply inside it only. Pass only HTML you trust there.

    ``width`` is "stretch" (the container's width, the default), "content" or a number of pixels.
    """
    layout = width_of(width, "html()")
    text = _body_text(body)
    if not text.strip():
        raise PorchAPIError("html() needs some HTML: its body is empty")
    styles = only_styles(text)  # Streamlit's test, on the body as given
    if unsafe_allow_javascript and not styles:
        url = framed_document(text)
        props: Props = {"html": "", "url": url, "style_only": False, "width": layout}
        return show_served(place, "html", props, [url])
    clean = sanitize(text)
    props = {"html": clean, "url": None, "style_only": styles or only_styles(clean), "width": layout}
    return show(event_root(place) if styles else place, "html", props)


def sanitize(markup: str) -> str:
    """``markup`` without anything that could run a script or act as the app's own page (see the module doc)."""
    return _cleaner().clean(markup)


def only_styles(markup: str) -> bool:
    """Whether ``markup`` holds nothing but ``<style>`` elements, comments and white space."""
    return bool(_STYLE.search(markup)) and not _STYLE.sub("", _COMMENT.sub("", markup)).strip()


def _body_text(body: Any) -> str:
    repr_html = getattr(body, "_repr_html_", None)
    if callable(repr_html):
        return str(repr_html() or "")
    dunder_html = getattr(body, "__html__", None)
    if callable(dunder_html) and not isinstance(body, str):
        return str(dunder_html() or "")
    if isinstance(body, os.PathLike):
        return _read(Path(os.fspath(body)))
    if isinstance(body, str) and _names_file(body):
        return _read(Path(body))
    return str(body)


def _names_file(text: str) -> bool:
    if len(text) > 1024 or "<" in text or "\n" in text or not text.lower().endswith(FILE_SUFFIXES):
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _read(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PorchAPIError(f"html() cannot read {str(path)!r}: {error}") from None
    suffix = path.suffix.lower()
    if suffix == ".css":
        return f"<style>{text}</style>"
    if suffix == ".js":
        return f"<script>{text}</script>"
    return text


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """ammonia's last word on an attribute it allows: no ``data:`` URL but an image's, no id of Porch's own."""
    if attribute in ("id", "for") and value.strip().lower().startswith("porch"):
        return None
    if value.strip().lower().startswith("data:") and (element, attribute) not in DATA_URL_ATTRIBUTES:
        return None
    return value


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    import nh3  # loaded on the first html() call, not with the element layer

    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, names in EXTRA_ATTRIBUTES.items():
        attributes.setdefault(tag, set()).update(names)
    attributes["*"] = set(GENERIC_ATTRIBUTES)
    return nh3.Cleaner(
        tags=set(nh3.ALLOWED_TAGS) | EXTRA_TAGS,
        clean_content_tags={"script"},
        attributes=attributes,
        attribute_filter=_keep_attribute,
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
