"""``info``, ``success``, ``warning`` and ``error``: one wire kind, ``alert``, with a level."""

from __future__ import annotations

import hashlib
import logging
from typing import Any, Final, TypedDict

from .. import markdown_html
from ..context import get_run
from ..protocol import ROOT_MAIN, ROOTS
from ._icons import icon_of
from ._layout import Width, width_of
from ._place import Block, Defaults, show
from .markdown import clean

ALERT_LEVELS = ("info", "success", "warning", "error")


class Props(TypedDict):
    level: str
    #: The body's markdown source as the script gave it (its indentation removed, stripped): AppTest's ``value``.
    body: str
    #: The body rendered on the server: what the client shows.
    html: str
    icon: str | None
    #: The bold title above the body, as inline markdown in HTML, or None.
    title_html: str | None
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/alert.js has the same).
DEFAULTS: Final[Defaults] = {"icon": None, "title_html": None, "width": "stretch"}


def info(
    place: Block, body: Any, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> Block:
    """Show ``body`` (markdown) in a blue box: something the reader should know.

    ``icon`` is an emoji or Material icon shown before it (with none, an emoji that starts ``body`` is taken as the
    icon, as Streamlit does); ``title`` a bold line above the body (inline markdown); ``width`` is "stretch" (the
    container's width, the default), "content" (as wide as the text) or pixels.
    """
    return _alert(place, "info", body, icon, width, title)


def success(
    place: Block, body: Any, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> Block:
    """Show ``body`` (markdown) in a green box: something went well. ``icon``, ``width`` and ``title`` are those of
    :func:`info`."""
    return _alert(place, "success", body, icon, width, title)


def warning(
    place: Block, body: Any, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> Block:
    """Show ``body`` (markdown) in a yellow box: something may need attention. ``icon``, ``width`` and ``title`` are
    those of :func:`info`."""
    return _alert(place, "warning", body, icon, width, title)


def error(
    place: Block, body: Any, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> Block:
    """Show ``body`` (markdown) in a red box: something went wrong. For an exception, see ``exception``. ``icon``,
    ``width`` and ``title`` are those of :func:`info`."""
    return _alert(place, "error", body, icon, width, title)


def _alert(
    place: Block, level: str, body: Any, icon: str | None, width: Any = "stretch", title: str | None = None
) -> Block:
    text = clean(str(body))
    if icon is None:
        icon, text = leading_emoji(text)
    else:
        icon = icon_of(icon, f"{level}()")
    props: Props = {
        "level": level,
        "body": text,
        "html": markdown_html.render(text),
        "icon": icon,
        "title_html": None if title is None else markdown_html.render_inline(str(title)),
        "width": width_of(width, f"{level}()"),
    }
    return show(place, "alert", props, DEFAULTS)


def leading_emoji(text: str) -> tuple[str | None, str]:
    """An emoji that starts ``text``, and the text after it and the spaces, dashes or underscores that follow: the
    icon Streamlit takes from an alert's body when no ``icon`` is given ("🚨 Oops" shows as "Oops" with a 🚨)."""
    if text.isascii():
        return None, text
    import emoji

    found = emoji.emoji_list(text[:16])
    if not found or found[0]["match_start"] != 0:
        return None, text
    end = found[0]["match_end"]
    return text[:end], text[end:].lstrip("_ -")


#: The deprecation messages shown with ``once`` (by hash), process-wide as Streamlit keeps them.
_shown_once: set[str] = set()


def deprecation(place: Block, message: str, *, in_browser: bool = True, once: bool = False) -> None:
    """Streamlit's way to say a call is deprecated: logged, and a warning in the app (where ``porch.warning`` would
    write it, from any place of the run) while ``client.showErrorDetails`` is "full". ``once``: only the first time
    this message is given, in any session."""
    if once:
        digest = hashlib.blake2b(message.encode(), digest_size=8).hexdigest()
        if digest in _shown_once:
            return
        _shown_once.add(digest)
    logging.getLogger("porch.deprecation").warning(message)
    details = get_run().session.options.get("client.showErrorDetails", "full")
    if in_browser and details in ("full", True, "true", "True"):
        kind = type(place)._plain or type(place)
        warning(kind(path=(ROOT_MAIN,), place=ROOTS[ROOT_MAIN], follows_with=True), message)


def notice(place: Block, level: str, text: str) -> Block:
    """Porch's own message to the app's author (a form with no submit button...), shown where it applies."""
    return _alert(place, level, text, None)
