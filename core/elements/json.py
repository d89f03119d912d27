"""``json``: an expandable view of a JSON-like value (dicts, lists, strings holding JSON, other mappings)."""

from __future__ import annotations

import json as _json
from typing import Any, TypedDict

from ._layout import Width, width_of
from ._place import Block, show


class Props(TypedDict):
    value: Any
    #: True: every level open; False: closed; a number: that many levels open.
    expanded: bool | int
    #: "stretch", "content" or pixels.
    width: str | int


def json(place: Block, body: Any, *, expanded: bool | int = True, width: Width = "stretch") -> Block:
    """Show ``body`` as a tree: a dict, a list, a string of JSON, or any mapping (``session_state`` included).

    Values JSON cannot hold are shown as their ``repr``; ``expanded=False`` starts collapsed, a number opens that
    many levels. ``width`` is "stretch" (the default), "content" or pixels.
    """
    shown_width = width_of(width, "json()")
    levels: bool | int = expanded if isinstance(expanded, bool) or not isinstance(expanded, int) else max(expanded, 0)
    if isinstance(body, str):
        try:
            body = _json.loads(body)
        except ValueError:
            pass
    elif not isinstance(body, dict) and is_mapping_like(body):
        body = {key: body[key] for key in body.keys()}
    props: Props = {"value": _jsonable(body), "expanded": levels if isinstance(levels, int) else bool(levels), "width": shown_width}
    return show(place, "json", props)


def is_mapping_like(value: Any) -> bool:
    return hasattr(value, "keys") and hasattr(value, "__getitem__") and not hasattr(value, "_repr_html_")


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (unknown objects become their repr)."""
    try:
        return _json.loads(_json.dumps(value, default=repr, allow_nan=False))
    except ValueError:
        return _json.loads(_json.dumps(value, default=repr).replace("NaN", "null").replace("Infinity", "null"))
