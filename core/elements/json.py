"""``json``: an expandable view of a JSON-like value (dicts, lists, strings holding JSON, other mappings)."""

from __future__ import annotations

import json as _json
from typing import Any, Final, TypedDict

from . import _value_types as kinds
from ._layout import Width, width_of
from ._place import Block, Defaults, show


class Props(TypedDict):
    value: Any
    #: The JSON text the script gave, as it gave it (AppTest's ``value``, as Streamlit's), or None: it gave no string.
    text: str | None
    #: True: every level open; False: closed; a number: that many levels open.
    expanded: bool | int
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/json.js has the same).
DEFAULTS: Final[Defaults] = {"text": None, "expanded": True, "width": "stretch"}


def json(place: Block, body: Any, *, expanded: bool | int = True, width: Width = "stretch") -> Block:
    """Show ``body`` as a tree: a dict, a list, a string of JSON, or any mapping (``session_state`` included).

    Values JSON cannot hold are shown as their ``repr``; ``expanded=False`` starts collapsed, a number opens that
    many levels. ``width`` is "stretch" (the default), "content" or pixels.
    """
    shown_width = width_of(width, "json()")
    levels: bool | int = expanded if isinstance(expanded, bool) or not isinstance(expanded, int) else max(expanded, 0)
    text = body if isinstance(body, str) else None
    if isinstance(body, str):
        try:
            body = _json.loads(body)
        except ValueError:
            pass
    else:
        body = _plain(body)
    props: Props = {
        "value": _jsonable(body), "text": text, "expanded": levels if isinstance(levels, int) else bool(levels),
        "width": shown_width,
    }
    return show(place, "json", props, DEFAULTS)


def is_mapping_like(value: Any) -> bool:
    return hasattr(value, "keys") and hasattr(value, "__getitem__") and not hasattr(value, "_repr_html_")


def _plain(body: Any) -> Any:
    """``body`` as Streamlit 1.67's ``st.json`` reads it: a namedtuple, a Pydantic model or a mapping as a dict, a
    list-like value (a tuple, set, map, enumerate, dict view, ``UserList``...) as a list, Pydantic models in it as
    dicts. A mapping with ``_repr_html_`` (the secrets) is left whole, so that only its repr, keys only, is shown."""
    if kinds.is_namedtuple(body):
        return body._asdict()
    if kinds.is_pydantic_model(body):
        return dict(body)
    if not isinstance(body, dict) and is_mapping_like(body):
        return {key: body[key] for key in body.keys()}
    if kinds.is_list_like(body):
        if kinds.is_sequence_of_pydantic_models(body):
            return [item.model_dump(mode="json") if hasattr(item, "model_dump") else item for item in body]
        return list(body)
    return body


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (sets become lists, other unknown objects their repr, as in Streamlit)."""
    try:
        return _json.loads(_json.dumps(value, default=_unknown, allow_nan=False))
    except ValueError:
        return _json.loads(_json.dumps(value, default=_unknown).replace("NaN", "null").replace("Infinity", "null"))


def _unknown(value: Any) -> Any:
    return list(value) if isinstance(value, set) else repr(value)
