"""``info``, ``success``, ``warning`` and ``error``: one wire kind, ``alert``, with a level."""

from __future__ import annotations

from typing import Any, TypedDict

from .. import markdown_html
from ._place import Block, show
from .markdown import dedent

ALERT_LEVELS = ("info", "success", "warning", "error")


class Props(TypedDict):
    level: str
    html: str
    icon: str | None


def info(place: Block, body: Any, *, icon: str | None = None) -> Block:
    """Show ``body`` (markdown) in a blue box: something the reader should know. ``icon`` is an emoji."""
    return _alert(place, "info", body, icon)


def success(place: Block, body: Any, *, icon: str | None = None) -> Block:
    """Show ``body`` (markdown) in a green box: something went well."""
    return _alert(place, "success", body, icon)


def warning(place: Block, body: Any, *, icon: str | None = None) -> Block:
    """Show ``body`` (markdown) in a yellow box: something may need attention."""
    return _alert(place, "warning", body, icon)


def error(place: Block, body: Any, *, icon: str | None = None) -> Block:
    """Show ``body`` (markdown) in a red box: something went wrong. For an exception, see ``exception``."""
    return _alert(place, "error", body, icon)


def _alert(place: Block, level: str, body: Any, icon: str | None) -> Block:
    props: Props = {"level": level, "html": markdown_html.render(dedent(str(body))), "icon": icon}
    return show(place, "alert", props)


def notice(place: Block, level: str, text: str) -> Block:
    """Porch's own message to the app's author (a form with no submit button...), shown where it applies."""
    return _alert(place, level, text, None)
