"""``info``, ``success``, ``warning`` and ``error``: one wire kind, ``alert``, with a level."""

from __future__ import annotations

from typing import Any, TypedDict

from .. import markdown_html
from ._layout import Width, width_of
from ._place import Block, show
from .markdown import dedent

ALERT_LEVELS = ("info", "success", "warning", "error")


class Props(TypedDict):
    level: str
    html: str
    icon: str | None
    #: The bold title above the body, as inline markdown in HTML, or None.
    title_html: str | None
    #: "stretch", "content" or pixels.
    width: str | int


def info(
    place: Block, body: Any, *, icon: str | None = None, width: Width = "stretch", title: str | None = None
) -> Block:
    """Show ``body`` (markdown) in a blue box: something the reader should know.

    ``icon`` is an emoji shown before it; ``title`` a bold line above the body (inline markdown); ``width`` is
    "stretch" (the container's width, the default), "content" (as wide as the text) or pixels.
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
    props: Props = {
        "level": level,
        "html": markdown_html.render(dedent(str(body))),
        "icon": icon,
        "title_html": None if title is None else markdown_html.render_inline(str(title)),
        "width": width_of(width, f"{level}()"),
    }
    return show(place, "alert", props)


def notice(place: Block, level: str, text: str) -> Block:
    """Porch's own message to the app's author (a form with no submit button...), shown where it applies."""
    return _alert(place, level, text, None)
