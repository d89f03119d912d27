"""``component``: an instance of a custom component (``streamlit.components.v1.declare_component``).

The element is an iframe of the component's ``index.html``, served by Porch from the folder the component was
declared with (``<base>/_porch/component/<name>/index.html``, :mod:`porch.http.component`) or loaded from the URL it
was declared with (a development server). The page and the frame speak Streamlit's component protocol by
``postMessage`` (webui/elements/component.js): the frame says it is ready, the page sends it the arguments, the frame
sets the component's value and its height. It is a widget: the value the frame sets reruns the script, and the
call returns it (``default`` until the frame has set one).

The wire value is ``null`` until the frame sets a value, then ``["json", text]`` (the value as JSON text),
``["bytes", base64]`` (a value the frame set as bytes) or ``["dataframe", data, index, columns]`` (a value the frame
set as an ``ArrowTable``: three Arrow IPC streams in base64, which the call returns as a pandas DataFrame, as in
Streamlit; :mod:`porch.elements._component_arrow`). Data frame arguments reach the frame the same way, as
Streamlit's ``dfs`` (a pandas Styler with its styles and display values, as component-lib's ``ArrowTable.styles``
reads them). Text longer than the protocol's longest string value, or that is not JSON (NaN and Infinity
included), is refused; so is a data frame that is not a plain, uncompressed Arrow stream within its bounds, with the
reason (in the log once, and to the page).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from ..errors import PorchAPIError
from ..protocol import MAX_STRING_VALUE, client_json
from ..widgets import Codec, Refused
from ._component_arrow import from_streams, is_frame, styling_of, to_streams
from ._place import Block, OnChange, RefusedProps, WidgetProps, show_widget

log = logging.getLogger("porch.component")
#: Whether the log has told of a refused data frame value (once per process; the page is told each time).
_logged: set[str] = set()


class MarshallComponentException(PorchAPIError):
    """A component called with a positional argument, or with arguments that cannot be sent to its frame."""


class Props(WidgetProps, RefusedProps):
    #: The frame's address: the component's own files (relative to the page) or its development server's URL.
    src: str
    #: The JSON arguments the frame is rendered with (the call's keyword arguments, ``default`` and ``key``).
    args: dict[str, Any]
    #: Arguments given as bytes, by name, in base64: the frame receives them as ``Uint8Array``.
    bytes_args: dict[str, str]
    #: Data frame arguments as Streamlit sends them: ``{key, data, index, columns}``, each stream Arrow IPC in base64,
    #: and for a pandas Styler its ``styler``: ``{uuid, caption, styles, display_values}`` (display values in base64).
    dfs: list[dict[str, Any]]
    tab_index: int | None


def component_url(name: str) -> str:
    """Where the page loads the ``index.html`` of component ``name`` declared with a folder (relative to the page)."""
    return f"_porch/component/{quote(name, safe='')}/index.html"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _to_wire(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        wire = ["bytes", _b64(bytes(value))]
    elif is_frame(value):
        try:
            wire = ["dataframe", *(_b64(stream) for stream in to_streams(value, "a component's value"))]
        except PorchAPIError as exc:
            raise ValueError(str(exc)) from None
    else:
        try:
            wire = ["json", json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"))]
        except (TypeError, ValueError, RecursionError) as exc:
            raise ValueError(f"a component's value must be JSON or bytes: {exc}") from None
    if any(len(part) > MAX_STRING_VALUE for part in wire[1:]):
        raise ValueError(f"a component's value may take at most {MAX_STRING_VALUE} characters on the wire")
    return wire


def _from_wire(wire: Any) -> Any:
    if wire is None:
        return None
    if isinstance(wire, list) and len(wire) == 4 and wire[0] == "dataframe":
        return _frame_from_wire(wire[1:])
    if not (isinstance(wire, list) and len(wire) == 2 and all(isinstance(part, str) for part in wire)):
        raise ValueError('expected null, ["json", text], ["bytes", base64] or ["dataframe", data, index, columns]')
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


def _frame_from_wire(parts: list[Any]) -> Any:
    """The DataFrame of a ``["dataframe", data, index, columns]`` value; :class:`Refused` with the reason (logged
    once per process) for streams that are not base64, not Arrow, or beyond the bounds."""
    try:
        if not all(isinstance(part, str) and len(part) <= MAX_STRING_VALUE for part in parts):
            raise ValueError(
                f"each of its streams must be base64 text of at most {MAX_STRING_VALUE} characters (the protocol's "
                "longest value, which no setting raises)"
            )
        try:
            data, index, columns = (base64.b64decode(part, validate=True) for part in parts)
        except binascii.Error as exc:
            raise ValueError(f"a stream is not base64: {exc}") from None
        return from_streams(data, index, columns)
    except ValueError as exc:
        message = f"a component's data frame value was refused: {exc}"
        if "dataframe" not in _logged:
            _logged.add("dataframe")
            log.warning("%s (logged once; later refusals go to the page only)", message)
        raise Refused(message) from None


#: A component's value: any JSON value, bytes or a pandas DataFrame (None until the frame sets one).
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
    only). Arguments are JSON values, bytes or data frames (pandas, polars, pyarrow, NumPy: sent as Arrow, as
    Streamlit sends them); ``default`` and ``key`` reach the frame among them, as in Streamlit.
    """
    call = f"the component {name!r}"
    if url and (urlsplit(url).scheme.lower() not in ("http", "https", "") or any(ord(ch) < 32 for ch in url)):
        raise PorchAPIError(f"{call}: its url must be an http or https URL, or a path relative to the app, not {url!r}")
    if tab_index is not None and (isinstance(tab_index, bool) or not isinstance(tab_index, int) or tab_index < -1):
        raise PorchAPIError(f"{call}: tab_index must be None, -1 or a non-negative integer, not {tab_index!r}")
    everything = {**arguments, "default": default, "key": key}
    json_args: dict[str, Any] = {}
    bytes_args: dict[str, str] = {}
    dfs: list[dict[str, Any]] = []
    for arg, value in everything.items():
        if _bytes_like(value):
            bytes_args[arg] = _b64(bytes(value))
        elif is_frame(value):
            where = f"{call}: argument {arg!r}"
            styling = styling_of(value, where)  # first: it computes the Styler, as Streamlit does
            data, index, columns = (_b64(stream) for stream in to_streams(value, where))
            df: dict[str, Any] = {"key": arg, "data": data, "index": index, "columns": columns}
            if styling is not None:
                df["styler"] = {**styling, "display_values": _b64(styling["display_values"])}
            dfs.append(df)
        else:
            json_args[arg] = value
    try:
        serialized = json.dumps(json_args, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise MarshallComponentException(
            f"{call}: its arguments must be JSON values, bytes or data frames: {exc}"
        ) from None
    props: dict[str, Any] = {
        "src": url if url else component_url(name),
        "args": json.loads(serialized),
        "bytes_args": bytes_args,
        "dfs": dfs,
        "tab_index": tab_index,
    }
    # Data frames count in the identity by a digest of their streams (the instance's other arguments are short).
    frames = [hashlib.blake2b(json.dumps(dfs).encode(), digest_size=16).hexdigest()] if dfs else []
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
        identity=json.dumps([name, url, serialized, sorted(bytes_args.items()), *frames]),
    )
    return default if value is None else value
