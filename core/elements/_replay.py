"""Replay: what a cached function showed, shown again where a later call hits, as Streamlit does.

While a ``cache_data`` or ``cache_resource`` function computes (``porch.api.cache``), a :class:`Recording` is active
in its context. Every element the function shows passes through ``_place`` (``show``, ``open_block``,
``replace_block``) or ``_once.show_once``, which hand the recording the call: how it was made, its kind and props, and
*where*, relative to the cached call rather than as a path:

- ``current``: the module-level container (``porch.write``) outside any block the function entered. On a hit it is
  the module-level container of the calling run: the innermost ``with`` block there, a fragment's block, the main
  area.
- ``root``: a root named explicitly (``porch.sidebar.write``, ``with porch.sidebar:`` inside the function).
- ``made``: a block or slot an earlier recorded call returned (a ``container``, an ``expander``'s contents, an
  ``empty()``, a column of ``columns``).
- ``arg``: a block passed in as an argument of the call (``_col``), or an item of a list or tuple argument
  (``_columns[1]``). On a hit, the block the hitting call passes for that parameter (by name, however passed).
- ``outside``: any other block (made before the call and reached through a global or a closure) called on
  explicitly (``box.write``): a hit raises :class:`CacheReplayClosureError`, Streamlit's rule, as that block may not
  exist when the replay happens. Entered with ``with box:`` instead, it is ``current``, Streamlit's rule too.

On a hit, :func:`replay` makes the same calls through the same functions at those places of the calling run, so the
elements get new paths, fragments redirect them, and an enclosing recording (a cached function calling another)
records them in turn. An element the function replaced in a slot it made (``bar.progress(i)`` in a loop, a stream
into an ``empty()``) is kept as it ended: the hit shows the last one, not every step.

Per-session things. A few elements' props name what the session keeps beside the page: a media URL (``image``,
``audio``, ``video``, ``pdf``, ``pyplot``, an ``html``/``iframe`` document, a ``chat_message`` avatar) or a data
frame's data id (``dataframe``). The element module hands the recording a :class:`Restorer` for the path it placed
that thing at (:func:`attach`); on replay the restorer registers the thing with the replaying session, gives the
props to show (a data id is the session's own) and is told the new path. One mechanism: elements are replayed from
their props, and only these kinds add a restorer.

Widgets are not recorded. As in Streamlit 1.67, a widget called inside a cached function shows
:class:`CachedWidgetWarning` (an ``exception`` element where the widget goes, and a line in the log) and works in
that run; the warning is recorded like any element and shows again on a hit, the widget does not (its value belongs
to one session's run, and the function that would read it does not run on a hit). Whatever is written into a block
that is a widget (an ``expander`` or ``tabs`` with ``on_change``) is not recorded either.

Threads: a recording lives in a context variable of the thread (or task) that computes; it is touched only there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..context import current_run
from ..errors import PorchAPIError
from ..protocol import Path

if TYPE_CHECKING:
    from ..run import Run
    from ._place import Block

log = logging.getLogger("porch.cache")

How = Literal["show", "open", "once", "replace"]
RefKind = Literal["current", "root", "made", "arg", "outside"]


class CachedWidgetWarning(PorchAPIError, Warning):
    """A widget was called inside a cached function (shown in the app, not raised), as Streamlit 1.67 warns."""

    def __init__(self) -> None:
        super().__init__(
            "Your script uses a widget command in a cached function (function decorated with `@st.cache_data` or "
            "`@st.cache_resource`). This code will only be called when we detect a cache \"miss\", which can lead "
            "to unexpected results.\n\nTo fix this, move all widget commands outside the cached function."
        )


class CacheReplayClosureError(PorchAPIError):
    """A cached function wrote into a block made outside it: its elements cannot be shown again on a hit."""

    def __init__(self, decorator: str, function: str) -> None:
        super().__init__(
            f"While running `{function}()`, a Porch element was called on a layout block created outside the "
            "function. This is incompatible with replaying the cached effect of that element, because the "
            "referenced block might not exist when the replay happens.\n\n"
            "How to fix this:\n"
            f"* Move the creation of that layout block inside `{function}()`, or pass the block in as an argument "
            "(for example `_column`).\n"
            f"* Move the call to the element outside of `{function}()`.\n"
            f"* Remove the `@st.{decorator}` decorator from `{function}()`."
        )


@dataclass(frozen=True)
class Ref:
    """Where a recorded call was made, relative to the cached call (see the module's doc)."""

    kind: RefKind
    #: A root's number, the index of the call that made the block, or an argument's position or name.
    index: int | str | None = None
    #: For an argument that is a list or tuple: the block's position in it.
    item: int | None = None


CURRENT = Ref("current")
OUTSIDE = Ref("outside")


class Restorer(Protocol):
    """Registers what an element's props name with the replaying session (see :func:`attach`)."""

    def restore(self, props: Mapping[str, Any]) -> tuple[Mapping[str, Any], Callable[[Path], None]]:
        """Register it for the current run; return the props to show and what to call with the element's path."""


@dataclass(eq=False)
class Call:
    """One recorded call of ``_place`` (or ``show_once``)."""

    how: How
    on: Ref
    kind: str
    props: Mapping[str, Any]
    label: str = ""
    form: str | None = None
    per_place: bool = False
    restorers: list[Restorer] = field(default_factory=list)
    #: Bytes its restorers hold.
    size: int = 0


@dataclass(frozen=True)
class Replay:
    """What a cached function showed, kept with its value."""

    calls: tuple[Call, ...]
    #: Bytes its restorers hold (media content), counted in a ``cache_data``'s ``max_size``.
    size: int = 0


class Recording:
    """The calls one computation of a cached function makes, while it runs."""

    def __init__(self, arguments: Mapping[int | str, Any], depth: int) -> None:
        self.calls: list[Call] = []
        self.active = True
        # How many ``with`` blocks the calling run had entered when the function started: deeper ones are its own.
        self._depth = depth
        # Blocks returned by recorded calls (kept alive while recording, so their ids stay theirs): the call's index,
        # or None for a block whose contents are not recorded (a widget's).
        self._made: dict[int, tuple[Block, int | None]] = {}
        self._arguments: dict[int, Ref] = {}
        # The call whose element is at each path now, by index.
        self._at: dict[Path, int] = {}
        from ._place import Block

        for where, value in arguments.items():
            if isinstance(value, Block):
                self._arguments[id(value)] = Ref("arg", where)
            elif isinstance(value, (list, tuple)):
                for item, one in enumerate(value):
                    if isinstance(one, Block):
                        self._arguments.setdefault(id(one), Ref("arg", where, item))

    def result(self) -> Replay:
        return Replay(tuple(self.calls), sum(call.size for call in self.calls))

    def add(self, place: Block, run: Run, made: Block | None, call: Call, path: Path) -> None:
        on, target = self._where(place, run)
        if on is None:  # inside a block whose contents are not recorded
            if made is not None:
                self._made[id(made)] = (made, None)
            return
        call.on = on
        index = self._at.get(path)
        if call.how == "show" and on.kind == "made" and target._slot and index is not None:
            shown = self.calls[index]
            if shown.how == "show":
                # An element of the function's replaced in its slot (a progress bar in a loop, a stream): a hit
                # shows only the last one, at the first one's call.
                shown.kind, shown.props, shown.restorers, shown.size = call.kind, call.props, [], 0
                if made is not None:
                    self._made[id(made)] = (made, index)
                return
        index = len(self.calls)
        if made is not None:
            self._made[id(made)] = (made, index)
        self.calls.append(call)
        if call.how != "replace":
            self._at[path] = index

    def skip(self, made: Block) -> None:
        self._made[id(made)] = (made, None)

    def attach(self, path: Path, restorer: Restorer, size: int) -> None:
        index = self._at.get(path)
        if index is not None:
            call = self.calls[index]
            call.restorers.append(restorer)
            call.size += size

    def _where(self, place: Block, run: Run) -> tuple[Ref | None, Block]:
        """Where a call on ``place`` was made (None: inside a widget's block), and the block it wrote into."""
        if place._follows_with:
            stack = run.container_stack
            if len(stack) <= self._depth:
                return CURRENT, place
            # A block the function entered. Streamlit's rule for one it did not make: the module-level container.
            entered = self._known(stack[-1])
            return (CURRENT if entered is OUTSIDE else entered), stack[-1]
        return self._known(place), place

    def _known(self, found: Block) -> Ref | None:
        made = self._made.get(id(found))
        if made is not None:
            return None if made[1] is None else Ref("made", made[1])
        argument = self._arguments.get(id(found))
        if argument is not None:
            return argument
        if found._run is None and len(found._path) == 1 and not found._slot:
            return Ref("root", found._path[0])
        return OUTSIDE


#: The recordings of the cached functions computing in this context, outermost first.
ACTIVE: ContextVar[tuple[Recording, ...]] = ContextVar("porch_cache_recordings", default=())


@contextmanager
def recording(arguments: Mapping[int | str, Any]) -> Iterator[Recording]:
    """Record what the calls inside the ``with`` show (a cached function computing with ``arguments``: by parameter
    name, or by position for those without one)."""
    run = current_run.get()
    found = Recording(arguments, len(run.container_stack) if run is not None else 0)
    token = ACTIVE.set((*ACTIVE.get(), found))
    if run is not None:
        run.recordings.append(found)
    try:
        yield found
    finally:
        found.active = False  # a thread the function left behind may still call: it records nothing more
        ACTIVE.reset(token)
        if run is not None:
            run.recordings.remove(found)


# -- what ``_place`` calls (while the run has recordings and ``ACTIVE.get()`` is not empty) ----------------------------


def record(
    place: Block,
    run: Run,
    made: Block | None,
    how: How,
    kind: str,
    props: Mapping[str, Any],
    path: Path,
    *,
    label: str = "",
    form: str | None = None,
    per_place: bool = False,
) -> None:
    """A call on ``place`` showed ``kind`` at ``path`` and returned ``made`` (None: nothing to write into)."""
    kept = dict(props)
    for found in ACTIVE.get():
        if found.active:
            found.add(place, run, made, Call(how, CURRENT, kind, kept, label, form, per_place), path)


def skip(made: Block) -> None:
    """``made`` is a widget's block: what is written into it is not recorded."""
    for found in ACTIVE.get():
        found.skip(made)


def attach(path: Path, restorer: Restorer, size: int = 0) -> None:
    """The element just shown at ``path`` names something of the session that ``restorer`` registers again on a
    replay; ``size`` is the bytes it holds."""
    for found in ACTIVE.get():
        if found.active:
            found.attach(path, restorer, size)


def warn_widget(place: Block) -> None:
    """A widget is called inside a cached function: Streamlit 1.67 shows the warning there and logs it."""
    warning = CachedWidgetWarning()
    log.warning("%s", warning)
    from .exception import exception  # a sibling element; it builds on ``_place``, which imports this module

    exception(place, warning)


# -- a hit ----------------------------------------------------------------------------------------------------------


def replay(
    recorded: Replay,
    *,
    current: Block,
    roots: Mapping[int, Block],
    arguments: Mapping[int | str, Any],
    closure_error: Callable[[], Exception],
) -> None:
    """Make ``recorded``'s calls again in the current run: ``current`` is the module-level container, ``roots`` the
    roots by number, ``arguments`` the hitting call's, as :func:`recording` takes them."""
    from ._once import show_once
    from ._place import Block, open_block, replace_block, show

    made: dict[int, Block] = {}

    def place_of(ref: Ref) -> Block:
        found: Any = None
        if ref.kind == "current":
            found = current
        elif ref.kind == "root":
            found = roots.get(int(ref.index or 0))
        elif ref.kind == "made":
            found = made.get(int(ref.index or 0))
        elif ref.kind == "arg" and ref.index is not None:
            found = arguments.get(ref.index)
            if ref.item is not None:
                found = found[ref.item] if isinstance(found, (list, tuple)) and ref.item < len(found) else None
        if not isinstance(found, Block):
            raise closure_error()
        return found

    for index, call in enumerate(recorded.calls):
        place = place_of(call.on)
        props = call.props
        placed: list[Callable[[Path], None]] = []
        for restorer in call.restorers:
            props, after = restorer.restore(props)
            placed.append(after)
        shown: Block | None
        if call.how == "show":
            shown = show(place, call.kind, props)
        elif call.how == "open":
            shown = open_block(place, call.kind, call.label, props, form=call.form)
        elif call.how == "once":
            shown = show_once(place, call.kind, props, per_place=call.per_place)
        else:
            replace_block(place, call.kind, props)
            continue
        made[index] = shown
        for after in placed:
            after(shown._path)


def substitute(value: Any, urls: Mapping[str, str]) -> Any:
    """``value`` (props) with every string that is a key of ``urls`` replaced by its value."""
    if isinstance(value, str):
        return urls.get(value, value)
    if isinstance(value, Mapping):
        return {key: substitute(item, urls) for key, item in value.items()}
    if isinstance(value, list):
        return [substitute(item, urls) for item in value]
    return value
