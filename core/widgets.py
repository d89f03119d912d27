"""Widget identity and values: what a session remembers about each widget from one run to the next.

A widget's Python value (an option object, a tuple for a range...) lives here; the client only ever sees its *wire*
value (an index, a list of numbers...). Each widget brings a :class:`Codec` that converts between the two and refuses
anything that does not fit the widget as it is now, which is where hostile or stale client values stop.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import re
import sys
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import DuplicateWidgetError, PorchAPIError
from .protocol import Path


class Refused(ValueError):
    """A value the widget's own rule refuses, with a message for the person who entered it (a ``text_input``'s
    ``validate`` function): the page shows the message at the widget, as it shows a pattern's, and no error."""


class OutOfBounds(ValueError):
    """A value of the right kind outside the widget's ``min_value``..``max_value``: a session_state value of a widget
    whose spec says ``reset_out_of_bounds`` starts over from its default instead of being an error."""


@dataclass(frozen=True)
class Codec:
    """Converts a widget value to its wire form and back; both raise ``ValueError`` for a value that does not fit
    (``Refused`` when the user should be told why)."""

    to_wire: Callable[[Any], Any]
    from_wire: Callable[[Any], Any]
    #: How one item of a wire value reads in a URL's query parameter (``bind="query-params"``, ``core/binding.py``)
    #: when not as itself: ``(to_text, from_text)``, ``from_text`` raising ``ValueError`` (a slider's dates: ISO).
    text: tuple[Callable[[Any], str], Callable[[str], Any]] | None = None


@dataclass
class WidgetSpec:
    id: str
    kind: str
    label: str
    key: str | None
    default: Any
    codec: Codec
    on_change: Callable[..., Any] | None = None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: Buttons: true only in the run their click caused, and never stored.
    trigger: bool = False
    form: str | None = None
    path: Path = ()
    #: A disabled widget is shown but takes no value or click from a client.
    disabled: bool = False
    #: Its value comes from the client only: setting it through session_state is an error (a file_uploader).
    read_only: bool = False
    #: A trigger that carries a value (a chat_input's message): the client sends the value with the trigger, the
    #: codec checks it, and the widget returns it in the run the trigger caused (``default`` otherwise).
    payload: bool = False
    #: The innermost fragment (``porch.fragment``) whose function made it: an event of it reruns that fragment only.
    fragment: str | None = None
    #: What else its value belongs to (a data_editor's data and columns): a value kept under another version starts
    #: over from ``default``, as the value of a widget with a new id would (Streamlit's id holds the data).
    version: str | None = None
    #: The query parameter its value is bound to (``bind="query-params"``: its key), or None (``core/binding.py``).
    bind: str | None = None
    #: How long its value outlives a run that does not show it (``persist_state``): "page", "session" or None (it
    #: does not). A bound widget's value is kept whatever this says.
    persist: str | None = None
    #: The page of a multipage app it was shown on (``Session.page_path``): a "page" value stays with it.
    page: str = ""
    #: The labels of the options its wire value indexes (a choice widget), which its query parameter carries instead
    #: of the indices; None for widgets whose wire value is not an index.
    labels: Sequence[str] | None = None
    #: A session_state value outside its bounds (the codec's :class:`OutOfBounds`) starts over from ``default``,
    #: silently, instead of being an error: Streamlit's number, date and datetime inputs (where the script gave the
    #: bounds) do so.
    reset_out_of_bounds: bool = False


@dataclass(frozen=True)
class KeptValue:
    """The value of a keyed widget that a completed run did not show, kept for it (``persist_state``, ``bind``) until
    it is shown again: taken back if it is still of the same kind and version, its codec takes the value, and a
    "page" value is on its own page. ``session_state[key]`` reads it meanwhile."""

    widget: str
    kind: str
    version: str | None
    value: Any
    #: "page", "session" or "bind" (a bound widget's: kept on every page, as the URL keeps it).
    scope: str
    page: str


@dataclass(frozen=True)
class RestoredValue:
    """A widget's value as a session that moved from another replica held it (``porch.store.snapshot``): its wire
    form, and for a widget with a key its Python value when that was carried too. Taken by the widget of the same id
    when the first run here renders it, if it is still of the same kind and version and its codec takes the value."""

    kind: str
    key: str | None
    version: str | None
    wire: Any
    has_value: bool = False
    value: Any = None


#: What a widget's identity is made of beside its kind, label and place: the arguments of its call that Streamlit 1.67
#: passes to ``compute_and_register_element_id`` (options as their formatted labels, the default, the bounds...).
IdentityParams = Mapping[str, Any]


def duplicate_key_message(key: str) -> str:
    """Streamlit's words for a key two elements share, so that a test of them reads the same here."""
    return (
        f"There are multiple elements with the same `key='{key}'`. To fix this, please make sure that the `key` "
        "argument is unique for each element you create."
    )


def widget_id(kind: str, key: str | None, label: str, place: str, params: IdentityParams | None = None) -> str:
    """The user's key when given; otherwise kind, label, place (the enclosing container) and the identity
    ``params`` of its call, stable across reruns and processes: change one and it is another widget, whose value
    starts over from its default, as Streamlit's id (``elements/lib/utils.py`` ``compute_and_register_element_id``).
    A keyed widget's params that Streamlit keeps in its id go in its version instead (:func:`keyed_version`)."""
    if key is not None:
        return f"k:{key}"
    text = f"{kind}\0{label}\0{place}"
    if params:
        text += "\0" + canonical_params(params)
    return "w" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def keyed_version(version: str | None, params: IdentityParams | None, names: Collection[str]) -> str | None:
    """The version of a keyed widget: ``version`` with the identity ``params`` named in ``names`` (Streamlit's
    ``key_as_main_identity`` set: a slider's bounds and step...) folded in, so that changing one of them starts the
    value over while the key stays its id and ``session_state[key]`` keeps working."""
    kept = {name: params[name] for name in names if name in params} if params else {}
    if not kept:
        return version
    digest = hashlib.blake2b(canonical_params(kept).encode(), digest_size=8).hexdigest()
    return digest if version is None else f"{version}\0{digest}"


def canonical_params(params: IdentityParams) -> str:
    """Identity params as canonical JSON, sorted by name: the same text for the same call in every run and process
    (dates as ISO text, sets sorted, an object without a text of its own as its class's name), never an address:
    an option's label that holds one, ``<Item object at 0x7f...>``, reads without it, so another process (a moved
    session, ``porch.store``) computes the same id. A value JSON cannot hold even so (a mapping with tuple keys)
    counts by its text."""
    pairs = [[name, _without_addresses(params[name])] for name in sorted(params)]
    try:
        return json.dumps(pairs, default=_canonical, separators=(",", ":"))
    except (TypeError, ValueError):
        return json.dumps([[name, _without_addresses(str(value))] for name, value in pairs], separators=(",", ":"))


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _without_addresses(value: Any) -> Any:
    if isinstance(value, str):
        return _ADDRESS.sub("", value) if " at 0x" in value else value
    if isinstance(value, (list, tuple)):
        return [_without_addresses(item) for item in value]
    return value


def _canonical(value: Any) -> Any:
    """The JSON stand-in of an identity value ``json`` does not take as it is."""
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return value.isoformat() if not isinstance(value, datetime.timedelta) else value.total_seconds()
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    item = getattr(value, "item", None)  # a numpy scalar
    if callable(item) and type(value).__module__ == "numpy":
        try:
            plain = item()
        except (TypeError, ValueError):
            plain = None
        if isinstance(plain, (bool, int, float, str)):
            return plain
    pattern = getattr(value, "pattern", None)  # a compiled regex
    if isinstance(pattern, str):
        return pattern
    kind = type(value)
    texts = ("__str__" in vars(base) or "__repr__" in vars(base) for base in kind.__mro__ if base is not object)
    if callable(value) or not any(texts):
        return f"<{getattr(value, '__qualname__', None) or kind.__qualname__}>"
    return _without_addresses(str(value))


class WidgetStore:
    """Values and specs of one session's widgets. Used by the run's threads: the worker, and during a full run the
    threads of its parallel fragments (``porch.parallel``), which register widgets and use ``session_state`` under
    :attr:`lock`."""

    def __init__(self) -> None:
        #: Held while a run's thread registers a widget or uses ``session_state`` (``state.SessionState``): a full
        #: run's parallel fragments do both at once. Nothing else is locked while it is held.
        self.lock = threading.RLock()
        self.specs: dict[str, WidgetSpec] = {}
        self.values: dict[str, Any] = {}
        self.key_to_id: dict[str, str] = {}
        self.triggered: set[str] = set()
        #: The values that came with the triggers of payload widgets (``WidgetSpec.payload``), while triggered.
        self.payloads: dict[str, Any] = {}
        # Clicks a button has already reported in the current run: a superseded run still used them up.
        self.consumed: set[str] = set()
        self.seen: set[str] = set()
        #: The values the last ``apply`` refused with a message for the user (``Refused``): id -> (wire, message).
        self.refusals: dict[str, tuple[Any, str]] = {}
        #: Keys whose widget was given both a value= and a session_state value (warned about once per session).
        self.warned_keys: set[str] = set()
        #: True in AppTest's sessions: a test's own ``at.session_state[key] = value`` between runs is the widget's
        #: input, for every widget (a button's click, an editor's edit state), as in Streamlit's AppTest.
        self.takes_test_input = False
        #: Keys a test set that way, until their widget registers in a run.
        self.test_input_keys: set[str] = set()
        #: Values of a session that moved here from another replica, by widget id, until a completed run has
        #: rendered their widgets (``porch.store``); empty otherwise.
        self.restored: dict[str, RestoredValue] = {}
        #: Values of keyed widgets a completed run did not show that ``persist_state`` or ``bind`` keep, by key.
        self.kept: dict[str, KeptValue] = {}
        #: Query parameters whose value did not fit their bound widget (logged once per session each).
        self.warned_params: set[str] = set()
        #: Widgets whose value session_state set between their runs (a callback's ``session_state[key] = ...``):
        #: the next run checks it as a value set before the widget, not as one carried over (``_register``).
        self.stated: set[str] = set()

    # -- between runs ------------------------------------------------------------------------------------------

    def apply(self, changes: dict[str, Any], triggers: set[str]) -> tuple[list[WidgetSpec], list[str]]:
        """Take a client's changed values and clicks; return the callbacks due and the ids whose value was refused."""
        callbacks: list[WidgetSpec] = []
        refused: list[str] = []
        payloads: dict[str, Any] = {}
        self.refusals = {}
        for widget_id_, wire in changes.items():
            spec = self.specs.get(widget_id_)
            if spec is None or (spec.trigger and not spec.payload):
                continue  # a widget of an older page: nothing to update
            if spec.disabled or (spec.payload and widget_id_ not in triggers):
                refused.append(widget_id_)  # a payload comes with its trigger only
                continue
            try:
                value = spec.codec.from_wire(wire)
            except Refused as refusal:
                refused.append(widget_id_)
                self.refusals[widget_id_] = (wire, str(refusal))
                continue
            except (ValueError, TypeError, IndexError):
                refused.append(widget_id_)
                continue
            if spec.payload:
                payloads[widget_id_] = value
                continue
            if not _same(value, self.values.get(widget_id_, spec.default)):
                self.values[widget_id_] = value
                if spec.on_change is not None:
                    callbacks.append(spec)
        for widget_id_ in triggers:
            spec = self.specs.get(widget_id_)
            if spec is not None and spec.trigger:
                if spec.disabled or (spec.payload and widget_id_ not in payloads):
                    if widget_id_ not in refused:
                        refused.append(widget_id_)
                    continue
                if spec.payload:
                    self.payloads[widget_id_] = payloads[widget_id_]
                self.triggered.add(widget_id_)
                if spec.on_change is not None:
                    callbacks.append(spec)
        return callbacks, refused

    def begin_run(self) -> None:
        self.seen = set()
        self.consumed = set()

    def end_run(
        self, *, completed: bool, superseded: bool, within: set[str] | None = None, page: str = ""
    ) -> list[str]:
        """Forget widgets a completed run did not render, and the clicks the run used up; return the query
        parameters of the bound widgets that left the page (their values are kept, their parameters leave the URL
        until they are shown again).

        A run superseded by a newer request keeps the clicks its script never reached, so the next run sees them:
        a click is neither lost nor counted twice. A fragment rerun rendered only the widgets of some fragments
        (``within``: their ids): it forgets only theirs. ``page`` is the page the run showed: the value of a widget
        with ``persist_state="session"`` or a binding is kept, one with "page" only while the app stays on its page.
        """
        self.triggered -= self.consumed
        if not superseded:
            self.triggered.clear()
        self.payloads = {widget: value for widget, value in self.payloads.items() if widget in self.triggered}
        if not completed:
            return []
        if within is None:
            self.restored.clear()
        unbound: list[str] = []
        for gone in set(self.specs) - self.seen:
            if within is not None and self.specs[gone].fragment not in within:
                continue  # outside the fragments this run rebuilt: still on the page
            spec = self.specs.pop(gone)
            value = self.values.pop(gone, _ABSENT)
            if spec.key is not None and self.key_to_id.get(spec.key) == gone:
                del self.key_to_id[spec.key]
                self._keep(spec, value, page)
            if spec.bind is not None:
                unbound.append(spec.bind)
        self.kept = {key: kept for key, kept in self.kept.items() if kept.scope != "page" or kept.page == page}
        return unbound

    def _keep(self, spec: WidgetSpec, value: Any, page: str) -> None:
        """Keep the value of a widget that left the page when its ``persist_state`` or binding asks for it."""
        scope = "bind" if spec.bind is not None else spec.persist
        if value is _ABSENT or spec.key is None or scope is None or (scope == "page" and spec.page != page):
            return
        self.kept[spec.key] = KeptValue(spec.id, spec.kind, spec.version, value, scope, spec.page)

    def clear_submitted_forms(self, forms: dict[str, bool]) -> list[WidgetSpec]:
        """Reset the widgets of each ``clear_on_submit`` form whose submit button was clicked; return them."""
        submitted = {
            self.specs[widget].form for widget in self.triggered if widget in self.specs and self.specs[widget].form
        }
        cleared = []
        for spec in self.specs.values():
            if (
                spec.form is not None
                and spec.form in submitted
                and forms.get(spec.form)
                and not spec.trigger
                and spec.id in self.seen
            ):
                self.values[spec.id] = spec.default
                cleared.append(spec)
        return cleared

    # -- during a run ------------------------------------------------------------------------------------------

    def register(self, spec: WidgetSpec, preset: tuple[bool, Any]) -> Any:
        """Record that the run rendered ``spec``; return its current value. Any of the run's threads: under
        :attr:`lock`, so two parallel fragments' widgets with one key are a duplicate as they would be in order.

        ``preset`` is ``(True, value)`` when the script set ``session_state[key]`` before creating the widget.
        """
        with self.lock:
            return self._register(spec, preset)

    def _register(self, spec: WidgetSpec, preset: tuple[bool, Any]) -> Any:
        if spec.id in self.seen:
            if spec.key is not None:
                raise DuplicateWidgetError(duplicate_key_message(spec.key))
            raise DuplicateWidgetError(
                f"There are multiple `{spec.kind}` elements with the same auto-generated ID. When this element is "
                "created, it is assigned an internal ID based on the element type and provided parameters. Multiple "
                "elements with the same type and parameters will cause this error.\n\nTo fix this error, please "
                f"pass a unique `key` argument to the `{spec.kind}` element."
            )
        if spec.key is not None:
            owner = self.key_to_id.get(spec.key)
            if owner is not None and owner in self.seen and owner != spec.id:
                raise DuplicateWidgetError(duplicate_key_message(spec.key))
            self.key_to_id[spec.key] = spec.id
        self.seen.add(spec.id)
        previous = self.specs.get(spec.id)
        self.specs[spec.id] = spec
        has_preset, preset_value = preset
        test_input = has_preset and spec.key in self.test_input_keys
        if spec.key is not None:
            self.test_input_keys.discard(spec.key)
        if spec.trigger:
            if test_input and previous is None:  # once shown, a trigger holds the client's state, as in Streamlit
                self._trigger_from_test(spec, preset_value)
            if spec.id in self.triggered:
                self.consumed.add(spec.id)
            return self.trigger_value(spec)
        stated = spec.id in self.stated
        self.stated.discard(spec.id)
        moved = self.restored.pop(spec.id, None) if self.restored else None
        kept = self.kept.pop(spec.key, None) if self.kept and spec.key is not None else None
        if has_preset and spec.read_only and not test_input:
            raise PorchAPIError(
                f"The value of the {spec.kind} with key {spec.key!r} cannot be set through session_state."
            )
        if test_input and spec.read_only:  # the input a client would send (an edit state), read as the client's is
            preset_value = spec.codec.from_wire(spec.codec.to_wire(preset_value))
        if has_preset:
            try:
                spec.codec.to_wire(preset_value)
            except (ValueError, TypeError) as exc:
                if spec.reset_out_of_bounds and isinstance(exc, OutOfBounds):
                    preset_value = spec.default  # silently, as Streamlit's
                else:
                    raise PorchAPIError(
                        f"session_state[{spec.key!r}] = {preset_value!r} is not a valid value for this {spec.kind}: "
                        f"{exc}"
                    ) from None
            self.values[spec.id] = preset_value
        elif moved is not None and previous is None:
            self.values[spec.id] = _moved_in(spec, moved)
        elif kept is not None and previous is None and _takes_back(spec, kept):
            self.values[spec.id] = kept.value
        elif (spec.id in self.values and previous is not None and previous.kind == spec.kind
              and previous.version == spec.version):
            try:
                spec.codec.to_wire(self.values[spec.id])
            except (ValueError, TypeError) as exc:
                if stated and not (spec.reset_out_of_bounds and isinstance(exc, OutOfBounds)):
                    value, self.values[spec.id] = self.values[spec.id], spec.default  # the next run starts over
                    raise PorchAPIError(
                        f"session_state[{spec.key!r}] = {value!r} is not a valid value for this {spec.kind}: {exc}"
                    ) from None
                self.values[spec.id] = spec.default if stated else _carried_over(previous, spec, self.values[spec.id])
        else:
            self.values[spec.id] = spec.default
        return self.values[spec.id]

    def _trigger_from_test(self, spec: WidgetSpec, value: Any) -> None:
        """A test's ``at.session_state[key] = value`` for a trigger widget: a button clicked when true, a payload
        widget (a chat input) sending ``value`` unless it is None."""
        if spec.payload:
            if value is None:
                return
            self.payloads[spec.id] = spec.codec.from_wire(spec.codec.to_wire(value))
        elif not value:
            return
        self.triggered.add(spec.id)

    def trigger_value(self, spec: WidgetSpec) -> Any:
        """What a trigger widget holds now: a button True while its click is pending, a payload widget the value that
        came with its trigger (its ``default`` otherwise)."""
        if spec.payload:
            return self.payloads.get(spec.id, spec.default) if spec.id in self.triggered else spec.default
        return spec.id in self.triggered

    def wire_value(self, spec: WidgetSpec) -> Any:
        return None if spec.trigger else spec.codec.to_wire(self.values[spec.id])

    def bound_params(self) -> set[str]:
        """The query parameters widgets on the page are bound to (``bind="query-params"``)."""
        return {spec.bind for spec in self.specs.values() if spec.bind is not None}

    def restored_value(self, key: str) -> tuple[bool, Any]:
        """``(True, value)`` when a moved session's widget with ``key`` carried its Python value and has not been
        rendered here yet (``session_state[key]`` reads it before the widget is)."""
        if not self.restored:
            return (False, None)
        for moved in self.restored.values():
            if moved.key == key and moved.has_value:
                return (True, moved.value)
        return (False, None)


def input_bytes(values: Mapping[str, Any]) -> int:
    """The memory a client's widget values take, ids included: what a session holds for them while they wait for a
    run. Wire values are scalars or flat lists of them (``protocol._check_value``)."""
    return sum(_entry_bytes(widget, value) for widget, value in values.items())


def input_growth(held: Mapping[str, Any], changes: Mapping[str, Any]) -> int:
    """How much :func:`input_bytes` of ``held`` changes when ``changes`` are merged into it (the newest value wins)."""
    return sum(
        _entry_bytes(widget, value) - (_entry_bytes(widget, held[widget]) if widget in held else 0)
        for widget, value in changes.items()
    )


def _entry_bytes(widget: str, value: Any) -> int:
    size = sys.getsizeof(widget) + sys.getsizeof(value)
    if isinstance(value, list):
        size += sum(sys.getsizeof(item) for item in value)
    return size


_ABSENT: Any = object()


def _takes_back(spec: WidgetSpec, kept: KeptValue) -> bool:
    """Whether a widget shown again takes the value kept for its key: the same widget as it is now, on the page the
    value belongs to when it was kept for its page only."""
    if kept.widget != spec.id or kept.kind != spec.kind or kept.version != spec.version:
        return False
    if kept.scope == "page" and kept.page != spec.page:
        return False
    try:
        spec.codec.to_wire(kept.value)
    except (ValueError, TypeError, IndexError):
        return False
    return True


def _moved_in(spec: WidgetSpec, moved: RestoredValue) -> Any:
    """The value a widget takes from a session that moved here: its Python value if the widget takes it as it is
    now, else its wire form through the widget's codec (as a client's value), else the widget's default."""
    if moved.kind != spec.kind or moved.version != spec.version:
        return spec.default
    if moved.has_value:
        try:
            spec.codec.to_wire(moved.value)
            return moved.value
        except (ValueError, TypeError, IndexError):
            pass
    try:
        return spec.codec.from_wire(moved.wire)
    except (ValueError, TypeError, IndexError):
        return spec.default


def _carried_over(previous: WidgetSpec, spec: WidgetSpec, value: Any) -> Any:
    """The value a widget keeps when its value no longer fits it as it is now.

    Options made anew each run (instances of a class the script defines, which compare unequal to last run's) keep
    their place: the option at the same position, if it reads the same (Streamlit keeps the widget then too, since its
    identity holds the options' labels). Otherwise the options or bounds really changed, and the widget starts over.
    """
    try:
        moved = spec.codec.from_wire(previous.codec.to_wire(value))
    except (ValueError, TypeError):
        return spec.default
    return moved if _labels(moved) == _labels(value) else spec.default


def _labels(value: Any) -> Any:
    return [str(item) for item in value] if isinstance(value, (list, tuple)) else str(value)


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:  # e.g. numpy arrays, whose == is elementwise
        return a is b


# ---------------------------------------------------------------------------------------------------------------
# Codecs for the widget kinds.
# ---------------------------------------------------------------------------------------------------------------


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


BOOL = Codec(to_wire=_bool, from_wire=_bool)


def text_codec(max_chars: int | None, *, allow_none: bool = False) -> Codec:
    """Text; ``None`` (nothing typed yet) only for a text input created with ``value=None``."""

    def check(value: Any) -> str | None:
        if value is None and allow_none:
            return None
        if not isinstance(value, str):
            raise ValueError("expected a string")
        if max_chars is not None and len(value) > max_chars:
            raise ValueError(f"longer than {max_chars} characters")
        return value

    return Codec(to_wire=check, from_wire=check)


def option_codec(options: Sequence[Any], *, allow_none: bool) -> Codec:
    """A single choice among ``options``: the wire carries its index."""

    def to_wire(value: Any) -> int | None:
        if value is None and allow_none:
            return None
        return _index_of(options, value)

    def from_wire(index: Any) -> Any:
        if index is None and allow_none:
            return None
        return options[_check_index(index, len(options))]

    return Codec(to_wire=to_wire, from_wire=from_wire)


def options_codec(options: Sequence[Any], max_selections: int | None) -> Codec:
    """Several choices among ``options`` (multiselect): the wire carries their indices; the value is a list."""

    def to_wire(values: Any) -> list[int]:
        indices = [_index_of(options, value) for value in values]
        if max_selections is not None and len(indices) > max_selections:
            raise ValueError(f"more than {max_selections} selections")
        return indices

    def from_wire(indices: Any) -> list[Any]:
        if not isinstance(indices, list) or len(set(map(str, indices))) != len(indices):
            raise ValueError("expected a list of distinct indices")
        if max_selections is not None and len(indices) > max_selections:
            raise ValueError(f"more than {max_selections} selections")
        return [options[_check_index(index, len(options))] for index in indices]

    return Codec(to_wire=to_wire, from_wire=from_wire)


def selection_codec(options: Sequence[Any], *, multi: bool) -> Codec:
    """A button group (pills, segmented_control): the wire carries the chosen indices, at most one unless ``multi``.

    The value is a list of options in the order chosen when ``multi``, else the option or None (also for a
    ``required`` group: that it keeps its choice is the page's rule, as in Streamlit).
    """

    def to_wire(value: Any) -> list[int]:
        if multi:
            if not isinstance(value, (list, tuple)):
                raise ValueError("expected a list of options")
            indices = [_index_of(options, item) for item in value]
            if len(set(indices)) != len(indices):
                raise ValueError("an option is chosen twice")
            return indices
        if value is None:
            return []
        return [_index_of(options, value)]

    def from_wire(wire: Any) -> Any:
        if not isinstance(wire, list) or (not multi and len(wire) > 1):
            raise ValueError("expected a list of indices" if multi else "expected [] or [index]")
        indices = [_check_index(index, len(options)) for index in wire]
        if len(set(indices)) != len(indices):
            raise ValueError("expected distinct indices")
        chosen = [options[index] for index in indices]
        if multi:
            return chosen
        return chosen[0] if chosen else None

    return Codec(to_wire=to_wire, from_wire=from_wire)


def option_range_codec(options: Sequence[Any]) -> Codec:
    """A range of ``options`` (select_slider with a pair): the wire carries ``[low, high]`` indices."""

    def to_wire(value: Any) -> list[int]:
        low, high = value
        return sorted([_index_of(options, low), _index_of(options, high)])

    def from_wire(indices: Any) -> tuple[Any, Any]:
        if not isinstance(indices, list) or len(indices) != 2:
            raise ValueError("expected [low, high]")
        low, high = sorted(_check_index(i, len(options)) for i in indices)
        return (options[low], options[high])

    return Codec(to_wire=to_wire, from_wire=from_wire)


def number_codec(
    minimum: float | None, maximum: float | None, *, integer: bool, allow_none: bool = False
) -> Codec:
    def check(value: Any) -> int | float | None:
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("expected a number")
        number: int | float = value
        if isinstance(number, float) and not math.isfinite(number):
            raise ValueError("expected a finite number")
        if integer:
            if isinstance(number, float):
                if not number.is_integer():
                    raise ValueError("expected a whole number")
                number = int(number)
        else:
            try:  # any JSON number: JavaScript writes 1e20 as an integer
                number = float(number)
            except OverflowError:
                raise ValueError("beyond the range of a float") from None
        if minimum is not None and number < minimum:
            raise OutOfBounds(f"less than the minimum {minimum}")
        if maximum is not None and number > maximum:
            raise OutOfBounds(f"more than the maximum {maximum}")
        return number

    return Codec(to_wire=check, from_wire=check)


def number_range_codec(minimum: float, maximum: float, *, integer: bool) -> Codec:
    single = number_codec(minimum, maximum, integer=integer)

    def to_wire(value: Any) -> list[Any]:
        low, high = value
        return [single.to_wire(low), single.to_wire(high)]

    def from_wire(value: Any) -> tuple[Any, Any]:
        if not isinstance(value, list) or len(value) != 2:
            raise ValueError("expected [low, high]")
        low, high = sorted(single.from_wire(v) for v in value)
        return (low, high)

    return Codec(to_wire=to_wire, from_wire=from_wire)


def _check_index(index: Any, length: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < length:
        raise ValueError(f"index {index!r} is not one of {length} options")
    return index


def _index_of(options: Sequence[Any], value: Any) -> int:
    for index, option in enumerate(options):
        if _same(option, value) or option is value:
            return index
    raise ValueError(f"{value!r} is not one of the options")
