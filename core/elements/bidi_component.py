"""``bidi_component``: an instance of a component made with ``components.v2.component`` (Streamlit's "bidirectional"
components): the component's HTML and CSS drawn in the page itself (in a shadow root when ``isolate_styles``), and
its JavaScript module run there with the instance's data and two ways to talk back, ``setStateValue(name, value)``
and ``setTriggerValue(name, value)``.

The JavaScript is the app's own code (trusted, as in Streamlit): the page loads it as a module from the session's
media (same origin, so the page's script policy holds: no inline script, no eval), and calls its default export
each time the element is drawn, with ``{name, key, data, parentElement, setStateValue, setTriggerValue}``. What the
function returns, if a function, is called before the next call and when the element goes. The scripts in its HTML
run too, as in Streamlit, before the module: each inline one from the session's media as well
(:mod:`porch.elements._bidi_scripts`).

Two widgets carry what the component says. Its state (a JSON object of the values set with ``setStateValue``) is
the element's own widget: kept from run to run and under ``key`` in session state. A trigger
(``setTriggerValue``) is a second widget of its own, an event like a button's click: the name and value it carries
reach the script in the run it causes only. The call returns both as one result, read by key or attribute.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, TypedDict

from ..context import get_run
from ..errors import PorchAPIError
from ..protocol import MAX_STRING_VALUE, client_json
from ..widgets import Codec
from ._bidi_scripts import inline_scripts
from ._component_arrow import arrow_stream, is_frame
from ._layout import height_of, width_of
from ._place import Block, WidgetProps, register_event, show_widget, widget_id_at
from ._served import session_media

#: A callback's name: ``on_<name>_change`` for a state or trigger value ``<name>``.
CALLBACK = re.compile(r"on_(\w+)_change")


class Props(WidgetProps):
    #: The component's name (as registered).
    name: str
    #: The component's HTML (put in as is; its scripts run, as in Streamlit: the inline ones from ``scripts``), or null.
    html: str | None
    #: The text of each inline script of ``html`` the browser runs -> the media URL the page runs it from.
    scripts: dict[str, str]
    #: The component's CSS, or null.
    css: str | None
    #: The URL of the component's stylesheet (a file of its package's asset folder), or null.
    css_url: str | None
    #: The URL of the component's JavaScript module (the session's media for its text, or a file of its package's
    #: asset folder), or null.
    js: str | None
    #: True: drawn in a shadow root, so that its styles and the page's stay apart.
    isolate_styles: bool
    #: The instance's data: any JSON value (the module receives it as ``data``), or null when it is bytes.
    data: Any
    #: The instance's data when it is bytes (the bytes given, or a data frame's Arrow IPC stream), in base64: the
    #: module receives it as a ``Uint8Array``. Null for JSON data.
    data_bytes: str | None
    #: The id of the widget its triggers are sent as (with ``trigger`` of the same id).
    trigger_id: str
    width: str | int
    height: str | int


def _object_to_wire(value: Any) -> str:
    if not isinstance(value, Mapping):
        raise ValueError("a component's state is an object of named values")
    text = json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"), default=str)
    if len(text) > MAX_STRING_VALUE:
        raise ValueError(f"a component's state may take at most {MAX_STRING_VALUE} characters")
    return text


def _object_from_wire(wire: Any) -> dict[str, Any]:
    if not isinstance(wire, str) or len(wire) > MAX_STRING_VALUE:
        raise ValueError(f"expected the state as JSON text of at most {MAX_STRING_VALUE} characters")
    try:
        value = client_json(wire)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(value, dict):
        raise ValueError("a component's state is a JSON object")
    return value


#: The state, and a trigger's ``{name: value}``: a JSON object, sent as JSON text.
OBJECT = Codec(to_wire=_object_to_wire, from_wire=_object_from_wire)


class ComponentResult(dict[str, Any]):
    """What a component instance says: its state values and the trigger of this run, by key or by attribute
    (``result.value``); a name no one set reads None, as in Streamlit."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.get(name)


def bidi_component(
    place: Block,
    name: str,
    *,
    html: str | None,
    css: str | None,
    js: str | None,
    isolate_styles: bool,
    css_url: str | None = None,
    js_url: str | None = None,
    key: str | None = None,
    data: Any = None,
    default: Mapping[str, Any] | None = None,
    width: Any = "stretch",
    height: Any = "content",
    callbacks: Mapping[str, Callable[[], Any] | None] | None = None,
) -> ComponentResult:
    """Show an instance of component ``name`` and return what it says (:class:`ComponentResult`).

    ``css_url`` and ``js_url`` are the URLs of its stylesheet and module when they are files of its package's asset
    folder (then ``css`` or ``js`` is None). ``data`` is any JSON value, bytes or a data frame (the module receives JSON
    as it is, bytes and a frame's Arrow IPC stream as a ``Uint8Array``); ``default`` the state's starting values, each
    of a name with an ``on_<name>_change`` callback; ``callbacks`` those callbacks, by their parameter names, each
    called (with no arguments) before the rerun that its value's change causes. ``width`` is "stretch" (the default),
    "content" or pixels, ``height`` "content" (the default), "stretch" or pixels (a taller content scrolls).
    """
    call = f"the component {name!r}"
    handlers: dict[str, Callable[[], Any] | None] = {}
    for parameter, function in (callbacks or {}).items():
        match = CALLBACK.fullmatch(parameter)
        if match is None:
            raise PorchAPIError(f"{call}: unknown argument {parameter!r} (callbacks are named on_<name>_change)")
        if function is not None and not callable(function):
            raise PorchAPIError(f"{call}: {parameter} must be a function")
        handlers[match.group(1)] = function
    starting = dict(default or {})
    for state_name in starting:
        if state_name not in handlers:
            raise PorchAPIError(
                f"{call}: default names {state_name!r}, which has no on_{state_name}_change callback: give one "
                "(it may do nothing), as Streamlit requires"
            )
    data_json, data_bytes = _data_of(data, call)
    code = (html or "") + (css or "") + (js or "")
    if css_url or js_url:  # files of the component's asset folder
        code += f"\0{css_url or ''}\0{js_url or ''}"
    identity = json.dumps([name, hashlib.blake2b(code.encode(), digest_size=8).hexdigest()])
    media_js = session_media().add(js.encode(), "text/javascript; charset=utf-8") if js and js_url is None else None
    scripts = {text: session_media().add(text.encode(), "text/javascript; charset=utf-8")
               for text in (inline_scripts(html) if html else [])}
    served = ([media_js] if media_js else []) + list(scripts.values())
    if key is None:  # another instance of the same component: another widget
        identity += json.dumps(data_json, sort_keys=True) if data_bytes is None else _digest(data_bytes)
    state_id = widget_id_at(place, "bidi_component", key, identity)
    trigger_id = "t:" + state_id
    previous_state: dict[str, Any] = {}

    def state_changed() -> None:
        now = get_run().session.widgets.values.get(state_id, starting)
        for state_name, function in handlers.items():
            if function is not None and now.get(state_name) != previous_state.get(state_name):
                function()

    def triggered() -> None:
        fired = get_run().session.widgets.payloads.get(trigger_id)
        for trigger_name in fired or {}:
            function = handlers.get(trigger_name)
            if function is not None:
                function()

    trigger = register_event(place, trigger_id, "bidi_component", name, codec=OBJECT, on_change=triggered)
    props = {
        "name": name, "html": html, "scripts": scripts, "css": css, "css_url": css_url, "js": media_js or js_url,
        "isolate_styles": bool(isolate_styles),
        "data": data_json, "data_bytes": data_bytes, "trigger_id": trigger_id,
        "width": width_of(width, call), "height": height_of(height, call),
    }
    state = show_widget(
        place, "bidi_component", name, props, key=key, default=starting, codec=OBJECT,
        label_visibility="collapsed", on_change=state_changed if handlers else None, identity=identity,
        placed=(lambda path: session_media().place(path, served)) if served else None,
    )
    previous_state.update(state)
    result = ComponentResult({state_name: None for state_name in handlers})
    result.update(state)
    result.update(trigger or {})
    return result


def _data_of(data: Any, call: str) -> tuple[Any, str | None]:
    """``data`` as the element carries it: (JSON, None), or (None, base64) for bytes, which the module receives as a
    ``Uint8Array``. As Streamlit 1.67: bytes go as they are and a data frame as an Arrow IPC stream; a mapping, list
    or tuple is JSON (a frame inside it goes as its records, where Streamlit gives an Arrow JS table)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return None, base64.b64encode(bytes(data)).decode("ascii")
    if data is not None and not isinstance(data, (Mapping, list, tuple)) and is_frame(data):
        return None, base64.b64encode(arrow_stream(data, f"{call}: data")).decode("ascii")
    try:
        return json.loads(json.dumps(data, allow_nan=False, default=_frame_or_fail)), None
    except (TypeError, ValueError) as exc:
        raise PorchAPIError(
            f"{call}: data must be JSON, bytes or a data frame (a frame inside a mapping or list becomes its "
            f"records): {exc}"
        ) from None


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _frame_or_fail(value: Any) -> Any:
    """A data frame in ``data`` as its records (what the module can read as JSON); anything else is refused."""
    if hasattr(value, "to_dict") and type(value).__module__.split(".")[0] in ("pandas", "polars"):
        records = value.to_dict("records") if type(value).__module__.startswith("pandas") else value.to_dicts()
        return json.loads(json.dumps(records, default=str))
    raise TypeError(f"{type(value).__name__} is not JSON")
