"""``component``: an instance of a custom component (``streamlit.components.v1.declare_component``).

The element is an iframe of the component's ``index.html``, served by Porch from the folder the component was
declared with (``<base>/_porch/component/<name>/index.html``, :mod:`porch.http.component`) or loaded from the URL it
was declared with (a development server). The page and the frame speak Streamlit's component protocol by
``postMessage`` (webui/elements/component.js): the frame says it is ready, the page sends it the arguments, the frame
sets the component's value and its height. It is a widget: the value the frame sets reruns the script, and the
call returns it (``default`` until the frame has set one).

The wire value is ``null`` until the frame sets a value, then ``["json", text]`` (the value as JSON text) or
``["bytes", base64]`` (a value the frame set as bytes). Text longer than the protocol's longest string value, or
that is not JSON (NaN and Infinity included), is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from ..errors import PorchAPIError
from ..protocol import MAX_STRING_VALUE, client_json
from ..widgets import Codec
from ._place import Block, OnChange, WidgetProps, show_widget


class MarshallComponentException(PorchAPIError):
    """A component called with a positional argument, or with arguments that cannot be sent to its frame."""


class Props(WidgetProps):
    #: The frame's address: the component's own files (relative to the page) or its development server's URL.
    src: str
    #: The JSON arguments the frame is rendered with (the call's keyword arguments, ``default`` and ``key``).
    args: dict[str, Any]
    #: Arguments given as bytes, by name, in base64: the frame receives them as ``Uint8Array``.
    bytes_args: dict[str, str]
    tab_index: int | None


def component_url(name: str) -> str:
    """Where the page loads the ``index.html`` of component ``name`` declared with a folder (relative to the page)."""
    return f"_porch/component/{quote(name, safe='')}/index.html"


def _to_wire(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        wire = ["bytes", base64.b64encode(bytes(value)).decode("ascii")]
    else:
        try:
            wire = ["json", json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"))]
        except (TypeError, ValueError, RecursionError) as exc:
            raise ValueError(f"a component's value must be JSON or bytes: {exc}") from None
    if len(wire[1]) > MAX_STRING_VALUE:
        raise ValueError(f"a component's value may take at most {MAX_STRING_VALUE} characters on the wire")
    return wire


def _from_wire(wire: Any) -> Any:
    if wire is None:
        return None
    if not (isinstance(wire, list) and len(wire) == 2 and all(isinstance(part, str) for part in wire)):
        raise ValueError('expected null, ["json", text] or ["bytes", base64]')
    data_type, text = wire
    if len(text) > MAX_STRING_VALUE:
        raise ValueError(f"longer than {MAX_STRING_VALUE} characters")
    if data_type == "json":
        try:
            return client_json(text)
        except RecursionError:
            raise ValueError("nested too deeply") from None
    if data_type == "bytes":
        try:
            return base64.b64decode(text, validate=True)
        except binascii.Error as exc:
            raise ValueError(f"not base64: {exc}") from None
    raise ValueError(f"unknown data type {data_type!r}")


#: A component's value: any JSON value, or bytes (None until the frame sets one).
VALUE = Codec(to_wire=_to_wire, from_wire=_from_wire)


def _bytes_like(value: Any) -> bool:
    return isinstance(value, (bytes, bytearray, memoryview))


def component(
    place: Block,
    name: str,
    url: str | None,
    arguments: Mapping[str, Any],
    *,
    default: Any = None,
    key: str | None = None,
    on_change: OnChange = None,
    tab_index: int | None = None,
) -> Any:
    """Show an instance of component ``name`` rendered with ``arguments``; return the value its frame set, or
    ``default`` until it has set one.

    ``url`` is where the component is loaded from (its development server); None loads the files of the folder it
    was declared with. ``key`` identifies it across reruns (without one, its name and arguments do: other arguments
    make another instance, which starts over from ``default``); ``on_change`` is called, with no arguments, when its
    value changes; ``tab_index`` is its frame's ``tabindex`` (None: the browser's default; -1: focusable by script
    only). Arguments are JSON values or bytes; ``default`` and ``key`` reach the frame among them, as in Streamlit.
    """
    call = f"the component {name!r}"
    if url and (urlsplit(url).scheme.lower() not in ("http", "https", "") or any(ord(ch) < 32 for ch in url)):
        raise PorchAPIError(f"{call}: its url must be an http or https URL, or a path relative to the app, not {url!r}")
    if tab_index is not None and (isinstance(tab_index, bool) or not isinstance(tab_index, int) or tab_index < -1):
        raise PorchAPIError(f"{call}: tab_index must be None, -1 or a non-negative integer, not {tab_index!r}")
    everything = {**arguments, "default": default, "key": key}
    json_args = {arg: value for arg, value in everything.items() if not _bytes_like(value)}
    bytes_args = {
        arg: base64.b64encode(bytes(value)).decode("ascii") for arg, value in everything.items() if _bytes_like(value)
    }
    try:
        serialized = json.dumps(json_args, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise MarshallComponentException(
            f"{call}: its arguments must be JSON values or bytes (data frames are not supported yet): {exc}"
        ) from None
    props: dict[str, Any] = {
        "src": url if url else component_url(name),
        "args": json.loads(serialized),
        "bytes_args": bytes_args,
        "tab_index": tab_index,
    }
    value = show_widget(
        place,
        "component",
        name,
        props,
        key=key,
        default=None,
        codec=VALUE,
        label_visibility="collapsed",
        on_change=on_change,
        identity=json.dumps([name, url, serialized, sorted(bytes_args.items())]),
    )
    return default if value is None else value
