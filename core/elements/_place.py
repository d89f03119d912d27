"""Where an element goes: the mechanics every element function shares.

A :class:`Block` is a place to write into: a root (main, sidebar), a block the script opened (a column, a tab...),
or a *slot* (``empty()``, or an element the script wants to replace: ``bar = progress(0); bar.progress(50)``), where
each call replaces what is there. The module-level container (``porch.button(...)``) writes into the innermost
``with`` block of the current run, or the main area.

Element functions (one module per wire kind beside this one) take their place first and call :func:`show`,
:func:`open_block` or :func:`show_widget`; they never touch the run or the session otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Final, Literal, TypedDict, TypeVar, cast

from .. import binding
from ..context import get_run
from ..errors import PorchAPIError
from ..protocol import WIDGET_DEFAULTS, Path
from ..run import Run
from ..widgets import Codec, IdentityParams, WidgetSpec, keyed_version, widget_id
from . import _replay
from ._outside import redirect

B = TypeVar("B", bound="Block")

#: Where a widget's value given beside a session_state value is reported (once per session and key).
log = logging.getLogger("porch.widgets")

LabelVisibility = str
LABEL_VISIBILITIES = ("visible", "hidden", "collapsed")
#: Attribute an exception leaving a ``with`` block carries: the innermost block it left, where it is shown.
ERROR_PLACE = "__porch_block__"
#: What ``on_change``/``on_click`` take: a function, called with ``args`` and ``kwargs`` before the rerun.
Callback = Callable[..., Any] | None
#: What ``on_change`` takes in Streamlit 1.67: a function, or "rerun" (the default: no callback) or "ignore".
OnChange = Callable[..., Any] | Literal["rerun", "ignore"] | None
Args = Iterable[Any] | None
Kwargs = dict[str, Any] | None


#: A kind's props that stay off the wire while they hold these values: each element module that has some names them
#: in ``DEFAULTS``, and its client module exports the same ``defaults``, which the page puts back before the module
#: sees the props (webui/tree.js; AppTest too). Layout options travel only when a script sets them. Every widget's
#: own (``protocol.WIDGET_DEFAULTS``) go without being named.
Defaults = Mapping[str, Any]
NO_DEFAULTS: Final[Defaults] = {}


def without_defaults(props: Mapping[str, Any], defaults: Defaults) -> dict[str, Any]:
    """``props`` less the entries that hold their kind's default value."""
    # A loop rather than a comprehension, which is a call of its own: this is every element's path. A value is its
    # default only of the same class (1 is not True: json's ``expanded=1`` is one level, not all).
    wire: dict[str, Any] = {}
    for name in props:
        value = props[name]
        if name in defaults:
            default = defaults[name]
            if value is default or (value.__class__ is default.__class__ and value == default):
                continue
        wire[name] = value
    return wire


class WidgetProps(TypedDict):
    """Props every widget carries on the wire, before its own."""

    label: str
    label_visibility: str
    help: str | None
    disabled: bool
    form: str | None
    value: Any
    #: ``on_change="ignore"``: the client keeps a change and sends it with the next rerun instead of asking for one.
    ignore_rerun: bool


class Refusal(TypedDict):
    value: Any
    message: str


class RefusedProps(TypedDict, total=False):
    #: Only in the element sent again after the server refused a value with a message for the user
    #: (``widgets.Refused``: a text's validate function or pattern, a component's data frame): ``{value, message}``,
    #: for the page to show the value marked with the message (a component's says it in the console).
    refused: Refusal


class Block:
    """A place in the page. ``porch.api.container.Container`` adds the element functions as methods."""

    #: The class of the places made from this one; None: its own. A block with methods of its own (a status
    #: container's ``update``) is a subclass whose children are places of the plain class.
    _plain: ClassVar[type[Block] | None] = None

    def __init__(
        self,
        *,
        path: Path,
        place: str,
        run: Run | None = None,
        form: str | None = None,
        slot: bool = False,
        follows_with: bool = False,
    ) -> None:
        self._path = path
        self._place = place
        self._run = run
        self._form = form
        self._slot = slot
        # The module-level container: writes wherever the current run's innermost ``with`` block is.
        self._follows_with = follows_with
        #: Called when the script leaves this block's ``with`` without an error (a form checks its submit button).
        self._on_close: Callable[[Block], None] | None = None
        #: Whether this expander is expanded or this tab selected, when the element reports it (``on_change`` of
        #: "rerun" or a function); None otherwise, and for every other block.
        self.open: bool | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._place} at {list(self._path)}>"

    def __enter__(self: B) -> B:
        get_run().container_stack.append(self)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, *tb: object) -> None:
        run = get_run()
        if run.container_stack and run.container_stack[-1] is self:
            run.container_stack.pop()
        if exc is not None and not hasattr(exc, ERROR_PLACE):
            # The error is shown where it happened (see api.write.show_exception), though the stack unwinds.
            try:
                setattr(exc, ERROR_PLACE, self)
            except (AttributeError, TypeError):
                pass
        if exc_type is None and self._on_close is not None:
            self._on_close(self)


def target(place: B) -> tuple[Run, B]:
    """The run and the block a call on ``place`` writes into; passes the run's checkpoint."""
    run = get_run()
    found: B = place
    if place._follows_with and run.container_stack:
        # Only the module-level container follows ``with`` blocks, and every block on the stack is of its class.
        found = run.container_stack[-1]
    if run.fragment_stack:
        # A fragment runs: its writes stay in its block, or go to a block of its own in an outside container.
        run.checkpoint()
        return run, redirect(run, found)
    if found._run is not None and found._run is not run:
        raise PorchAPIError(
            "This container was created by an earlier run of the script. Create containers anew in each run "
            "instead of keeping them (for example in session_state)."
        )
    run.checkpoint()
    return run, found


def _fragment_id(run: Run) -> str | None:
    """The innermost fragment running, whose rerun a widget made now asks for."""
    return run.fragment_stack[-1].id if run.fragment_stack else None


def form_of(place: Block) -> str | None:
    """The key of the form a call on ``place`` writes into, if any."""
    return target(place)[1]._form


def _next_path(block: Block, run: Run) -> Path:
    return block._path if block._slot else run.next_path(block._path)


def _child(block: B, run: Run, path: Path, *, place: str, form: str | None, slot: bool = False) -> B:
    kind = cast("type[B]", block._plain or type(block))
    return kind(path=path, place=place, run=run, form=form, slot=slot)


def show(place: B, kind: str, props: Mapping[str, Any], defaults: Defaults = NO_DEFAULTS) -> B:
    """Show a leaf element (its ``props`` less the kind's ``defaults``); return a slot at its place so that the
    script can replace it later."""
    run, block = target(place)
    # _next_path and _child written out: this is every element's path, run after run.
    path = block._path if block._slot else run.next_path(block._path)
    wire = without_defaults(props, defaults)
    run.put(path, {"kind": kind, "props": wire})
    slot: B = (block._plain or type(block))(  # type: ignore[assignment]
        path=path, place=block._place, run=run, form=block._form, slot=True
    )
    if run.recordings and _replay.ACTIVE.get():  # a cached function is computing: keep the call for its hits
        _replay.record(place, run, slot, "show", kind, wire, path)
    return slot


def open_block(
    place: B, kind: str, label: str, props: Mapping[str, Any], *, form: str | None = None,
    defaults: Defaults = NO_DEFAULTS,
) -> B:
    """Open a container element; return it as a place to write into. ``label`` makes its widgets' ids stable."""
    run, block = target(place)
    path = _next_path(block, run)
    wire = without_defaults(props, defaults)
    run.put(path, {"kind": kind, "props": wire})
    name = run.place(block._place, kind, label)
    opened = _child(block, run, path, place=name, form=form or block._form)
    if run.recordings and _replay.ACTIVE.get():
        _replay.record(place, run, opened, "open", kind, wire, path, label=label, form=form)
    return opened


def open_widget_block(
    place: B,
    kind: str,
    label: str,
    props: Mapping[str, Any],
    *,
    value_prop: str | None,
    key: str | None,
    default: Any,
    codec: Codec,
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    trigger: bool = False,
    identity: str | None = None,
    bind: object = None,
    labels: Sequence[str] | None = None,
    identity_params: IdentityParams | None = None,
    keyed_identity: Collection[str] = (),
) -> tuple[B, Any]:
    """Open a container element that is a widget too (an expander or tabs that report their state): its value is
    kept like any widget's, mirrored in ``session_state[key]``, and sent in the prop ``value_prop``. Return the block
    and the value.

    It never belongs to a form: opening a tab or an expander inside a form reruns at once. A ``disabled`` one takes
    no value from a client. A ``trigger`` block reports an event as a button does (a dialog its dismissal: True in
    the run it caused) and has no ``value_prop``. ``identity`` stands for the label in its id, and ``bind``,
    ``labels``, ``identity_params`` and ``keyed_identity`` mean what they do, as for :func:`show_widget`.
    """
    run, block = target(place)
    if run.recordings and _replay.ACTIVE.get():
        _replay.warn_widget(place)
    if key is not None and not isinstance(key, str):
        key = str(key)
    param, _ = binding.check(kind, key, bind, None)
    session = run.session
    spec = WidgetSpec(
        id=widget_id(kind, key, label if identity is None else identity, block._place, identity_params),
        kind=kind,
        label=label,
        key=key,
        default=default,
        codec=codec,
        on_change=on_change,
        args=tuple(args or ()),
        kwargs=dict(kwargs or {}),
        trigger=trigger,
        disabled=bool(disabled),
        fragment=_fragment_id(run),
        version=None if key is None else keyed_version(None, identity_params, keyed_identity),
        bind=param,
        page=session.page_path,
        labels=labels,
    )
    preset, problem = binding.url_preset(session, spec, session.state.take_preset(key))
    if problem is not None:
        _warn(block, problem)
    value = session.widgets.register(spec, preset)
    binding.sync(session, spec, value)
    path = spec.path = _next_path(block, run)
    wire = {} if value_prop is None else {value_prop: session.widgets.wire_value(spec)}
    run.put(path, {"kind": kind, "id": spec.id, "props": {**props, **wire}})
    name = run.place(block._place, kind, label)
    opened = _child(block, run, path, place=name, form=block._form)
    if run.recordings and _replay.ACTIVE.get():
        _replay.skip(opened)
    return opened, value


def replace_block(
    block: Block, kind: str, props: Mapping[str, Any], *, checkpoint: bool = True, defaults: Defaults = NO_DEFAULTS
) -> None:
    """Show the block ``block`` stands for anew with ``props``, its children kept (a status container's ``update``).

    ``checkpoint=False`` is for a block that updates itself as the run unwinds (an error or ``stop()`` leaving its
    ``with``): it must not raise the run's signal again. A run that is no longer the session's shows nothing more.
    """
    run = get_run()
    if block._run is not None and not run.may_use(block._run):
        raise PorchAPIError(
            "This container was created by an earlier run of the script. Create containers anew in each run "
            "instead of keeping them (for example in session_state)."
        )
    if checkpoint:
        run.checkpoint()
    elif run.session.closed or run.session.current_run is not run.trunk:
        return
    wire = without_defaults(props, defaults)
    run.put(block._path, {"kind": kind, "props": wire})
    if run.recordings and _replay.ACTIVE.get():
        _replay.record(block, run, None, "replace", kind, wire, block._path)


def callback_of(on_change: Any, call: str, param: str = "on_change") -> Callable[..., Any] | None:
    """The function ``on_change`` names, or None for "rerun" / "ignore" / None."""
    if on_change is None or (isinstance(on_change, str) and on_change in ("rerun", "ignore")):
        return None
    if not callable(on_change):
        raise PorchAPIError(f"{call}: {param} must be a callable, 'rerun' or 'ignore', not {on_change!r}")
    function: Callable[..., Any] = on_change
    return function


def show_widget(
    place: Block,
    kind: str,
    label: str,
    props: Mapping[str, Any],
    *,
    key: str | None,
    default: Any,
    codec: Codec,
    help: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    on_change: OnChange = None,
    args: Args = None,
    kwargs: Kwargs = None,
    trigger: bool = False,
    payload: bool = False,
    value_given: bool = False,
    read_only: bool = False,
    value_props: Callable[[Any], Mapping[str, Any]] | None = None,
    identity: str | None = None,
    placed: Callable[[Path], None] | None = None,
    version: str | None = None,
    bind: object = None,
    persist_state: object = None,
    labels: Sequence[str] | None = None,
    defaults: Defaults = NO_DEFAULTS,
    reset_out_of_bounds: bool = False,
    identity_params: IdentityParams | None = None,
    keyed_identity: Collection[str] = (),
) -> Any:
    """Show a widget and return its value in this run. Its props, those of every widget (:class:`WidgetProps`) and
    its own, go without those holding ``protocol.WIDGET_DEFAULTS`` or its kind's ``defaults`` (the module's
    ``DEFAULTS``).

    ``on_change`` is a function run before the rerun a change causes, or "rerun" / None for none; "ignore" runs no
    function and makes the client keep a change until the next rerun something else asks for (``ignore_rerun``).
    ``value_props`` adds props that depend on the value (a file_uploader's file names); ``read_only`` widgets refuse
    a value set through session_state. A ``trigger`` is true only in the run its click caused; with ``payload`` it
    carries a value instead (a chat message), returned in that run (``default`` otherwise). ``identity`` stands for
    the label in the widget's id when more than its label tells two widgets apart (a component: its name and
    arguments). ``placed`` is called with the widget's path once it is shown (a store that holds what the element
    shows there: a dataframe's rows). A ``version`` other than the one the widget's value was kept under (a
    data_editor given other data) starts the value over from ``default``, even under the same key.

    ``bind="query-params"`` mirrors the value in the URL's query parameter named by ``key`` (``core/binding.py``);
    ``persist_state`` ("page", "session") keeps it while the widget is not shown (``WidgetStore.end_run``). Both
    need a key. ``labels`` are the option labels an index on the wire stands for in the URL; by default a
    widget's ``options`` prop, when it is a list of labels. ``reset_out_of_bounds``: a session_state value outside
    the bounds starts over from ``default`` (``WidgetSpec.reset_out_of_bounds``).

    ``identity_params`` are the arguments Streamlit 1.67 makes the widget's id of (its
    ``compute_and_register_element_id`` call: options as their formatted labels, the default, bounds, help...;
    not the label, which is already in the id, nor ``key``, callbacks or ``disabled``). Without a key they are folded
    into the id: change one and it is a new widget whose value starts over from its new default. With a key only
    those named in ``keyed_identity`` (Streamlit's ``key_as_main_identity`` set; empty for ``True``) count, folded
    into ``version`` so that the key stays the id.
    """
    run, block = target(place)
    if run.recordings and _replay.ACTIVE.get():
        _replay.warn_widget(place)
    callback = callback_of(on_change, f"{kind}({label!r})")
    if label_visibility not in LABEL_VISIBILITIES:
        raise PorchAPIError(f"label_visibility must be one of {LABEL_VISIBILITIES}, not {label_visibility!r}")
    if key is not None and not isinstance(key, str):
        key = str(key)
    param, persist = binding.check(kind, key, bind, persist_state)
    if block._form is not None and callback is not None and not props.get("submit"):
        raise PorchAPIError(
            f"Widgets inside a form cannot have callbacks, but the {kind} {label!r} has one. Only the form's "
            "submit button can take on_click."
        )
    session = run.session
    spec = WidgetSpec(
        id=widget_id(kind, key, label if identity is None else identity, block._place, identity_params),
        kind=kind,
        label=label,
        key=key,
        default=default,
        codec=codec,
        on_change=callback,
        args=tuple(args or ()),
        kwargs=dict(kwargs or {}),
        trigger=trigger,
        payload=payload,
        form=block._form,
        disabled=bool(disabled),
        read_only=read_only,
        fragment=_fragment_id(run),
        version=version if key is None else keyed_version(version, identity_params, keyed_identity),
        bind=param,
        persist=persist,
        page=session.page_path,
        labels=_option_labels(props) if labels is None and param is not None else labels,
        reset_out_of_bounds=reset_out_of_bounds,
    )
    # Register before taking a place: a refused widget (a duplicate, a bad preset) must leave no gap in the page
    # for the error shown next.
    preset = session.state.take_preset(key)
    if preset[0] and value_given and key is not None and key not in session.widgets.warned_keys:
        session.widgets.warned_keys.add(key)  # logged, not shown in the page, as Streamlit 1.67 does
        log.warning(
            'The widget with key "%s" was created with a default value but also had its value set via the Session '
            "State API. The value set through session_state is used.",
            key,
        )
    preset, problem = binding.url_preset(session, spec, preset)
    if problem is not None:
        _warn(block, problem)
    value = session.widgets.register(spec, preset)
    binding.sync(session, spec, value)
    path = spec.path = _next_path(block, run)
    common: WidgetProps = {
        "label": label,
        "label_visibility": label_visibility,
        "help": help,
        "disabled": bool(disabled),
        "form": block._form,
        "value": session.widgets.wire_value(spec),
        "ignore_rerun": isinstance(on_change, str) and on_change == "ignore",
    }
    wire_props = {**common, **props, **(value_props(value) if value_props is not None else {})}
    left_off = {**WIDGET_DEFAULTS, **defaults} if defaults else WIDGET_DEFAULTS
    run.put(path, {"kind": kind, "id": spec.id, "props": without_defaults(wire_props, left_off)})
    if placed is not None:
        placed(path)
    return value


def state_value(key: str | None) -> tuple[bool, Any]:
    """``(True, value)`` when session_state holds a value for ``key`` now (one the script set, or its widget's), read
    without taking it: for a widget whose implicit settings follow that value (a date input's default bounds take in
    a date set through session_state, as Streamlit's do). The run's thread."""
    if key is None:
        return (False, None)
    try:
        return (True, get_run().session.state[str(key)])
    except KeyError:
        return (False, None)


def _warn(block: Block, text: str) -> None:
    """Show a warning where a widget is about to go (a value it was given and does not use)."""
    from .alert import notice  # a sibling element; imported here because alert builds on this module

    notice(block, "warning", text)


def _option_labels(props: Mapping[str, Any]) -> Sequence[str] | None:
    """A choice widget's ``options`` prop: the labels its wire indices stand for (radio, selectbox, pills...)."""
    options = props.get("options")
    if isinstance(options, list) and all(isinstance(option, str) for option in options):
        return options
    return None


def register_event(
    place: Block, widget_id: str, kind: str, label: str, *, codec: Codec, on_change: Callback = None,
    key: str | None = None, args: Args = None, kwargs: Kwargs = None, read_only: bool = False,
) -> Any:
    """Register an event that has no element of its own but belongs to one shown next (a component's triggers, a
    table's button columns): a payload trigger (see :func:`show_widget`) with the id ``widget_id``, which the client
    sends with ``trigger``; with a ``key``, ``session_state[key]`` reads it (``read_only``: and cannot set it).
    Return the value it carries in the run its event caused, None in any other."""
    run, block = target(place)
    spec = WidgetSpec(
        id=widget_id, kind=kind, label=label, key=key, default=None, codec=codec, on_change=on_change,
        args=tuple(args or ()), kwargs=dict(kwargs or {}), trigger=True, payload=True, read_only=read_only,
        fragment=_fragment_id(run),
    )
    return run.session.widgets.register(spec, (False, None))


def widget_id_at(
    place: Block, kind: str, key: str | None, label: str, identity_params: IdentityParams | None = None
) -> str:
    """The id :func:`show_widget` will give this widget, called with the same ``identity_params`` (for stores that
    must know it first: uploads)."""
    block = target(place)[1]
    return widget_id(kind, None if key is None else str(key), label, block._place, identity_params)


def created_by(place: Block, run: Run) -> bool:
    """Whether ``place`` may be written to by ``run``: it belongs to it, or to no run in particular (a root)."""
    return place._run in (None, run)
