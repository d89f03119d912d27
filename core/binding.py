"""``bind="query-params"``: a widget's value mirrored in the page URL's query parameter named by its key.

One mechanism for every widget that takes ``bind`` (Streamlit 1.67), in terms of what every widget already has: its
wire value and its codec. The parameter carries the wire value as text (:func:`to_url`): ``true``/``false``, numbers
(``5``, not ``5.0``), text as it is, the *label* of a chosen option where the wire carries its index
(``WidgetSpec.labels``), a codec's own text where it has one (``Codec.text``: a slider's dates in ISO), a list as
the parameter repeated (``?k=a&k=b``), an empty value as ``?k=``. Reading it back
(:func:`from_url`) tries the readings such a text can have, in order, and the widget's own codec takes the first that
fits it, so a parameter is held to the same checks as a client's value; one that fits none is ignored, with a
warning, never an error.

The rules, Streamlit's (``SessionState.register_widget``, ``_handle_query_param_binding``):

- When the widget appears (a new session, or shown again), the URL's value wins, over a ``session_state`` value too;
  afterwards the session's value does, and the URL follows it. A run the client caused with the address's query
  (back, forward, an edited address) takes the URL's value again; a missing parameter then means the default (but
  not on a move to another page, which starts with another query).
- Each run that shows the widget sets its parameter to the value, or removes it when the value is the default, and
  the client replaces its address (``query`` with ``history: "replace"``: no history entry per keystroke).
- A bound widget that leaves the page keeps its value (``WidgetStore.end_run``, whatever ``persist_state`` says);
  its parameter leaves the URL until it is shown again.
- ``porch.query_params`` refuses to set or delete a parameter a widget on the page is bound to
  (``api/query_params.py``); ``session_state[key]`` changes it.

``persist_state`` needs nothing of the URL: ``WidgetStore`` keeps and gives back the values (``KeptValue``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import PorchAPIError
from .protocol import query_size_problem
from .widgets import Codec, WidgetSpec

#: A codec's own text form of a wire item (``Codec.text``).
Text = tuple[Callable[[Any], str], Callable[[str], Any]]

if TYPE_CHECKING:
    from .session import Session

log = logging.getLogger("porch.binding")

#: What ``persist_state`` takes besides None.
PERSIST_SCOPES = ("page", "session")
#: Streamlit's embedding switches: never a widget's parameter.
RESERVED_PARAMS = frozenset({"embed", "embed_options"})


def check(kind: str, key: str | None, bind: object, persist_state: object) -> tuple[str | None, str | None]:
    """The query parameter a widget is bound to and its persist scope, from its ``bind`` and ``persist_state``;
    :class:`PorchAPIError` with Streamlit's messages for a value it does not take or a missing ``key``."""
    if bind is not None and bind != "query-params":
        raise PorchAPIError(f"Invalid `bind` value for {kind}: {bind!r}. Supported values: 'query-params', None.")
    if persist_state is not None and persist_state not in PERSIST_SCOPES:
        raise PorchAPIError(
            f"Invalid `persist_state` value for {kind}: {persist_state!r}. Supported values: 'page', 'session', None."
        )
    if bind is not None and key is None:
        raise PorchAPIError(
            "The `key` parameter is required. When using bind='query-params', the widget must have a unique 'key' "
            "parameter specified. This 'key' will be used as the name of the query parameter."
        )
    if persist_state is not None and key is None:
        raise PorchAPIError(
            "The `key` parameter is required. When using persist_state, the widget must have a unique 'key' "
            "parameter specified so its value can be preserved across reruns and page switches."
        )
    if bind is not None and key is not None and key.lower() in RESERVED_PARAMS:
        raise PorchAPIError(
            f"Cannot bind to reserved query parameter '{key}'. 'embed' and 'embed_options' are used internally for "
            "Streamlit's embed functionality."
        )
    return (key if bind is not None else None), (str(persist_state) if persist_state is not None else None)


# -- the parameter's text ------------------------------------------------------------------------------------------


def to_url(wire: Any, labels: Sequence[str] | None = None, text: Text | None = None) -> list[str]:
    """A wire value as a query parameter's values: a list repeats the parameter; None and [] are ``?k=``. ``text``
    is the codec's own form of an item, if it has one (``Codec.text``)."""
    if wire is None or (isinstance(wire, list) and not wire):
        return [""]
    return [_text(item, labels, text) for item in (wire if isinstance(wire, list) else [wire])]


def _text(item: Any, labels: Sequence[str] | None, text: Text | None) -> str:
    if item is None:
        return ""
    if text is not None:
        try:
            return text[0](item)
        except (ValueError, TypeError, OverflowError):
            pass
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return labels[item] if labels is not None and 0 <= item < len(labels) else str(item)
    if isinstance(item, float) and math.isfinite(item) and item.is_integer():
        return str(int(item))
    return str(item)


def from_url(values: list[str], codec: Codec, labels: Sequence[str] | None = None) -> Any:
    """The widget value a query parameter's values stand for: the first of their readings the codec takes;
    ``ValueError`` when it takes none."""
    for wire in _readings(values, labels, codec.text):
        try:
            return codec.from_wire(wire)
        except (ValueError, TypeError, IndexError, KeyError):
            continue
    raise ValueError("it is not a value of this widget")


def _readings(values: list[str], labels: Sequence[str] | None, text: Text | None) -> Iterator[Any]:
    """What a parameter's text can stand for on the wire, most specific first: the codec's own form of it first."""
    if not values or values == [""]:
        yield from ("", None, [])
        return
    if text is not None:
        try:
            items = [text[1](value) for value in values]
        except (ValueError, TypeError, OverflowError):
            pass
        else:
            if len(items) == 1:
                yield items[0]
            yield items
    if len(values) == 1:
        yield from _scalar_readings(values[0], labels)
        yield [next(_scalar_readings(values[0], labels))]
        yield [values[0]]
        return
    yield [next(_scalar_readings(value, labels)) for value in values]
    yield list(values)


def _scalar_readings(text: str, labels: Sequence[str] | None) -> Iterator[Any]:
    if labels is not None and text in labels:
        yield list(labels).index(text)
    if text.lower() in ("true", "false"):
        yield text.lower() == "true"
    try:
        yield int(text)
    except ValueError:
        pass
    try:
        number = float(text)
        if math.isfinite(number):
            yield number
    except ValueError:
        pass
    yield text


# -- during a run (worker thread) ----------------------------------------------------------------------------------


def url_preset(session: Session, spec: WidgetSpec, preset: tuple[bool, Any]) -> tuple[tuple[bool, Any], str | None]:
    """The value a bound widget takes in this run, as a preset for ``WidgetStore.register``: the URL's where it
    wins (the module's rules), else ``preset`` (a ``session_state`` value, or none). Also the warning to show when the
    URL's value did not fit the widget and was ignored (logged once per session and parameter)."""
    param = spec.bind
    if param is None:
        return preset, None
    widgets = session.widgets
    held = spec.id in widgets.values and spec.id in widgets.specs
    origin = session.query_origin
    values = session.query.get(param)
    if values is None:
        return ((True, spec.default) if held and origin == "client" else preset), None
    if held and origin == "":
        return preset, None
    try:
        return (True, from_url(values, spec.codec, spec.labels)), None
    except ValueError:
        shown = "&".join(f"{param}={value}" for value in values)
        problem = f"The query parameter ?{shown} is not a value of the {spec.kind} {spec.label!r} and was ignored."
        if param not in widgets.warned_params:
            widgets.warned_params.add(param)
            log.warning("session %s: %s (logged once per session)", session.id[:8], problem)
        return preset, problem


def sync(session: Session, spec: WidgetSpec, value: Any) -> None:
    """Show a bound widget's value in the URL: its parameter set to it, or removed when it is the widget's default.
    A value too long for an address (``protocol.query_size_problem``) stays in the session only (logged once)."""
    param = spec.bind
    if param is None:
        return
    try:
        wire = spec.codec.to_wire(value)
        is_default = _same_wire(wire, spec.codec.to_wire(spec.default))
    except (ValueError, TypeError, IndexError):
        return
    wanted = None if is_default else to_url(wire, spec.labels, spec.codec.text)
    query = dict(session.query)
    if query.get(param) == wanted:
        return
    if wanted is None:
        del query[param]
    else:
        query[param] = wanted
        problem = query_size_problem(query)
        if problem is not None:
            if f"size:{param}" not in session.widgets.warned_params:
                session.widgets.warned_params.add(f"size:{param}")
                log.warning(
                    "session %s: the value of the %s with key %r is not put in the page's address: %s. It is kept "
                    "in the session only (logged once per session).", session.id[:8], spec.kind, param, problem,
                )
            if param not in session.query:
                return
            del query[param]
    session.set_query(query, history="replace")


def unbind(session: Session, params: list[str]) -> None:
    """Bound widgets left the page (``WidgetStore.end_run``): their parameters leave the URL. Worker thread."""
    bound = session.widgets.bound_params()
    gone = [param for param in params if param in session.query and param not in bound]
    if gone:
        session.set_query({name: values for name, values in session.query.items() if name not in gone},
                          history="replace")


def _same_wire(a: Any, b: Any) -> bool:
    return type(a) is type(b) and bool(a == b) or (a is None and b is None)
