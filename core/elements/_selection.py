"""What a selection is, whatever the element that reports it: the value a script gets back, a read-only dict whose
keys also read as attributes (:class:`ReadOnlyState`, Streamlit's ``ReadOnlyAttributeDictionary``), and the JSON text
it travels as, read from a client within the protocol's bound (:func:`read_json_text`, :func:`json_text_codec`).

``vega_lite_chart``, ``plotly_chart``, ``deck_gl_chart`` (``pydeck_chart``), ``echarts_chart`` and ``dataframe`` return
one; each checks its own shape of selection and says in its own words what it refuses. ``data_editor``'s edit state
travels the same way. A chart is a plain element until ``on_select`` makes it report selections
(:func:`show_selectable`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

from ..errors import PorchAPIError
from ..protocol import client_json
from ..widgets import Codec
from ._place import Block, WidgetProps, form_of, show, show_widget

#: The most text a client's selection may be: the protocol's longest string value.
MAX_SELECTION_TEXT = 200_000
#: How deep a selected value (a point, an object a layer picked) may nest.
MAX_DEPTH = 32

State = TypeVar("State")


class ReadOnlyState(dict[str, Any]):
    """A dict whose keys also read as attributes (``event.selection.points`` or ``event["selection"]["points"]``),
    which a script reads and never changes: a change raises ``TypeError`` saying :attr:`refusal`. A copy is the
    object itself (nothing can change it); a pickle rebuilds it."""

    #: What a change is told; each element names its own selection.
    refusal: ClassVar[str] = "a selection is read-only: it changes only in the browser"

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"this selection has no {name!r}") from None

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        raise TypeError(self.refusal)

    __setitem__ = __delitem__ = __setattr__ = __delattr__ = _refuse
    update = pop = popitem = clear = setdefault = __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> ReadOnlyState:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> ReadOnlyState:
        return self


# -- the wire ---------------------------------------------------------------------------------------------------------


def read_json_text(wire: Any, what: str, limit: int = MAX_SELECTION_TEXT) -> Any:
    """A client's JSON text as the protocol reads it (``client_json``: no NaN or infinities, no lone surrogates), or
    ``ValueError("<what> is JSON text")`` for anything else: no text, text longer than ``limit``, text that is no
    JSON or nests too deep."""
    if not isinstance(wire, str) or len(wire) > limit:
        raise ValueError(f"{what} is JSON text")
    try:
        return client_json(wire)
    except (ValueError, RecursionError):
        raise ValueError(f"{what} is JSON text") from None


def json_text(value: Any) -> str:
    """A checked value as the JSON text a client reads: compact, its text as it is, never NaN."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def json_text_codec(what: str, parse: Callable[[Any], State], empty: Callable[[], State]) -> Codec:
    """The codec of a selection that travels as JSON text, or null before anything was selected (``empty()`` in the
    script). ``parse`` checks a value, from the client or the script, and makes the state the script gets; it raises
    ``ValueError`` for one that does not fit."""

    def to_wire(value: Any) -> str | None:
        return None if value is None else json_text(parse(value))

    def from_wire(wire: Any) -> State:
        return empty() if wire is None else parse(read_json_text(wire, what))

    return Codec(to_wire=to_wire, from_wire=from_wire)


def json_list(value: Any, name: str) -> list[Any]:
    """A list of a selection (``points``, ``rows``...): missing is empty; anything but a list is refused."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"{name} is a list")
    return list(value)


def plain_json(value: Any, depth: int = 0) -> Any:
    """A value of a selection as JSON: numbers (finite), text, booleans, null, lists and dicts of them, at most
    :data:`MAX_DEPTH` deep."""
    if depth > MAX_DEPTH:
        raise ValueError("a selected value is nested too deep")
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("a selection's numbers are finite")
        return value
    if isinstance(value, (list, tuple)):
        return [plain_json(v, depth + 1) for v in value]
    if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
        return {k: plain_json(v, depth + 1) for k, v in value.items()}
    raise ValueError(f"a selection holds JSON values, not {type(value).__name__}")


# -- showing it -------------------------------------------------------------------------------------------------------


def reports_selections(on_select: Any, call: str, callable_name: str = "a callable") -> bool:
    """Whether ``on_select`` makes the element report selections ("rerun" or a function: yes; "ignore": no)."""
    if isinstance(on_select, str) and on_select == "ignore":
        return False
    if (isinstance(on_select, str) and on_select == "rerun") or callable(on_select):
        return True
    raise PorchAPIError(f"{call}: on_select must be 'ignore', 'rerun' or {callable_name}, not {on_select!r}")


def plain_props(place: Block, label: str) -> WidgetProps:
    """The props every widget carries, for a widget kind shown as a plain element (no id, no value)."""
    return {
        "label": label, "label_visibility": "collapsed", "help": None, "disabled": False, "form": form_of(place),
        "value": None, "ignore_rerun": False,
    }


def show_selectable(
    place: Block,
    kind: str,
    label: str,
    props: Mapping[str, Any],
    *,
    codec: Codec | None,
    identity: Any,
    key: str | None,
    on_select: Any,
    version: str | None = None,
) -> Any:
    """Show a chart: a plain element when it reports no selection (``codec`` None), returning its place; else a
    widget whose value is its selection (read-only: it changes only in the browser), returned. ``identity`` is what
    tells two charts apart (their spec, modes, size...): its digest stands for the label in the widget's id."""
    if codec is None:
        return show(place, kind, {**plain_props(place, label), **props})
    text = json.dumps(identity, sort_keys=True, default=str)
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return show_widget(
        place, kind, label, props,
        key=key, default=codec.from_wire(None), codec=codec, label_visibility="collapsed", on_change=on_select,
        read_only=True, identity=f"{kind}:{digest}", version=version,
    )
