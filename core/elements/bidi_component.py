"""``bidi_component``: an instance of a component made with ``components.v2.component`` (Streamlit's "bidirectional"
components): the component's HTML and CSS drawn in the page itself (in a shadow root when ``isolate_styles``), and
its JavaScript module run there with the instance's data and two ways to talk back, ``setStateValue(name, value)``
and ``setTriggerValue(name, value)``.

The JavaScript is the app's own code (trusted, as in Streamlit): the page loads it as a module from the session's
media (same origin, so the page's script policy holds: no inline script, no eval), and calls its default export
each time the element is drawn, with ``{name, key, data, parentElement, setStateValue, setTriggerValue}``. What the
function returns, if a function, is called before the next call and when the element goes.

Two widgets carry what the component says. Its state (a JSON object of the values set with ``setStateValue``) is
the element's own widget: kept from run to run and under ``key`` in session state. A trigger
(``setTriggerValue``) is a second widget of its own, an event like a button's click: the name and value it carries
reach the script in the run it causes only. The call returns both as one result, read by key or attribute.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, TypedDict

from ..context import get_run
from ..errors import PorchAPIError
from ..protocol import MAX_STRING_VALUE, client_json
from ..widgets import Codec
from ._layout import height_of, width_of
from ._place import Block, WidgetProps, register_event, show_widget, widget_id_at
from ._served import session_media

#: A callback's name: ``on_<name>_change`` for a state or trigger value ``<name>``.
CALLBACK = re.compile(r"on_(\w+)_change")


class Props(WidgetProps):
    #: The component's name (as registered).
    name: str
    #: The component's HTML (put in as is, scripts excepted: they do not run), or null.
    html: str | None
    #: The component's CSS, or null.
    css: str | None
    #: The media URL of the component's JavaScript module, or null.
    js: str | None
    #: True: drawn in a shadow root, so that its styles and the page's stay apart.
    isolate_styles: bool
    #: The instance's data: any JSON value (the module receives it as ``data``).
    data: Any
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
    key: str | None = None,
    data: Any = None,
    default: Mapping[str, Any] | None = None,
    width: Any = "stretch",
    height: Any = "content",
    callbacks: Mapping[str, Callable[[], Any] | None] | None = None,
) -> ComponentResult:
    """Show an instance of component ``name`` and return what it says (:class:`ComponentResult`).

    ``data`` is any JSON value (the module receives it); ``default`` the state's starting values, each of a name
    with an ``on_<name>_change`` callback; ``callbacks`` those callbacks, by their parameter names, each called
    (with no arguments) before the rerun that its value's change causes. ``width`` is "stretch" (the default),
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
    try:
        data_json = json.loads(json.dumps(data, allow_nan=False, default=_frame_or_fail))
    except (TypeError, ValueError) as exc:
        raise PorchAPIError(f"{call}: data must be JSON (a frame becomes its records): {exc}") from None
    js_url = session_media().add(js.encode(), "text/javascript; charset=utf-8") if js else None
    identity = json.dumps([name, hashlib.blake2b((html or "").encode() + (css or "").encode() + (js or "").encode(),
                                                 digest_size=8).hexdigest()])
    if key is None:
        identity += json.dumps(data_json, sort_keys=True)  # another instance of the same component: another widget
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
        "name": name, "html": html, "css": css, "js": js_url, "isolate_styles": bool(isolate_styles),
        "data": data_json, "trigger_id": trigger_id,
        "width": width_of(width, call), "height": height_of(height, call),
    }
    state = show_widget(
        place, "bidi_component", name, props, key=key, default=starting, codec=OBJECT,
        label_visibility="collapsed", on_change=state_changed if handlers else None, identity=identity,
        placed=(lambda path: session_media().place(path, [js_url])) if js_url else None,
    )
    previous_state.update(state)
    result = ComponentResult({state_name: None for state_name in handlers})
    result.update(state)
    result.update(trigger or {})
    return result


def _frame_or_fail(value: Any) -> Any:
    """A data frame in ``data`` as its records (what the module can read as JSON); anything else is refused."""
    if hasattr(value, "to_dict") and type(value).__module__.split(".")[0] in ("pandas", "polars"):
        records = value.to_dict("records") if type(value).__module__.startswith("pandas") else value.to_dicts()
        return json.loads(json.dumps(records, default=str))
    raise TypeError(f"{type(value).__name__} is not JSON")
