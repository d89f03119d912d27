"""``porch.fragment``: a function whose part of the page reruns on its own.

How it works (docs/design.md, "Fragments"). Calling a fragment function in a run opens a container, the fragment's
block, where the function writes, and registers a :class:`porch.run.Fragment` with the session: its id (the
function's qualified name and source position, and the block's place), the block's path, and a body that runs the
function again with the arguments of this call. A widget made inside the fragment carries the fragment's id, so the
session turns an event of it into a request for that fragment only; the runner then runs just the body, in a run that
starts at the block's path with a cursor of its own and trims only inside the block. The rest of the page is neither
run, resent nor trimmed.

``parallel=True``: in a full run the block is made where the call is, and the function runs in a thread of its own
(``porch.parallel``) with a branch of the run, while the script goes on; what it may not do there (open a dialog,
switch pages, write outside its block) raises Streamlit's ``StreamlitInvalidLayoutContextError``. Its reruns run in
order, as every fragment's do.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import threading
import weakref
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar, overload

from .. import elements as e
from .. import parallel as threads
from ..context import current_run
from ..errors import InvalidLayoutContextError, PorchAPIError, RunControl, ShownException
from ..elements._outside import revisit
from ..elements._place import ERROR_PLACE, Block, created_by
from ..run import Fragment, Run
from ._cache_store import ttl_seconds
from .hooks import handled_by_app
from .container import main

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("porch.fragment")

#: ``rerun(scope=...)`` reads these as levels, so they cannot name a fragment.
RESERVED_KEYS = frozenset({"app", "fragment"})
#: The keys fragments took in a run, and the function each belongs to (a key names one function per run).
_keys: weakref.WeakKeyDictionary[Run, dict[str, str]] = weakref.WeakKeyDictionary()
#: Held while a run's threads (its parallel fragments) read and write ``_keys``.
_keys_lock = threading.Lock()


@overload
def fragment(
    func: F,
    *,
    run_every: int | float | timedelta | str | None = None,
    parallel: bool = False,
    key: str | int | None = None,
) -> F: ...


@overload
def fragment(
    func: None = None,
    *,
    run_every: int | float | timedelta | str | None = None,
    parallel: bool = False,
    key: str | int | None = None,
) -> Callable[[F], F]: ...


def fragment(
    func: F | None = None,
    *,
    run_every: int | float | timedelta | str | None = None,
    parallel: bool = False,
    key: str | int | None = None,
) -> F | Callable[[F], F]:
    """Make a function a fragment: its part of the page reruns on its own. Use it as ``@porch.fragment`` or
    ``@porch.fragment(run_every=...)`` above the function.

    Calling the function in a run shows what it writes in a container of its own, the fragment. A widget inside
    the fragment then reruns only the function (with the arguments of its last call), not the whole script: the rest
    of the page stays as it is. ``porch.rerun(scope="fragment")`` inside it does the same; ``porch.rerun()`` reruns
    the whole script, which reruns the fragment too. Keep values the rest of the app needs in ``session_state``.

    ``run_every`` reruns the fragment on a timer while the page is open: seconds, a ``timedelta``, or a string such
    as ``"10s"`` or ``"1h30m"``. The timer stops with the session, or when a full run no longer calls the function.

    The fragment may also write into a container made outside it (the sidebar, a column, an ``empty()``): its
    elements there are redrawn in place on each of its reruns, if it wrote to that container in the last full run.
    An exception inside the fragment is shown inside it.

    ``key`` names the fragment, so that a widget callback can rerun it with ``porch.rerun("<key>")``.

    ``parallel=True`` runs the function, in a full run of the script, in a thread of its own, at the same time as the
    rest of the script and the other parallel fragments (at most ``runner.parallelMaxWorkers`` at once; the
    ``parallel_fragment_workers`` setting), for slow work that need not hold up the page. Its elements still show
    where it was called; the call returns None at once, and the run ends when every parallel fragment has. Its
    reruns (a widget inside it, ``run_every``) run in order, as any fragment's. In the parallel run it may not open
    a dialog, switch pages or write to a container made outside it (the sidebar, ``bottom``...): those raise
    ``StreamlitInvalidLayoutContextError``. Guard what fragments share (a list, a file) yourself.
    """
    interval = _period(run_every)
    name = _key(key)
    if func is None:

        def decorate(function: F) -> F:
            return fragment(function, run_every=run_every, parallel=parallel, key=key)

        return decorate
    if not callable(func):
        raise PorchAPIError(f"fragment decorates a function, not {func!r}")
    function: Callable[..., Any] = func
    definition = definition_of(function)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        run = current_run.get()
        if run is None:
            return None  # outside a script run a fragment shows nothing, as in Streamlit
        label = f"fragment:{getattr(function, '__qualname__', type(function).__name__)}"
        block = e.container.fragment_block(main, label)
        return run_as_fragment(run, block, function, args, kwargs, definition=definition, run_every=interval, key=name,
                               parallel=bool(parallel))

    return call


def definition_of(function: Callable[..., Any]) -> str:
    """What tells fragment functions apart: module, qualified name and where the code starts."""
    code = getattr(function, "__code__", None)
    where = f"{code.co_filename}:{code.co_firstlineno}" if code is not None else ""
    name = getattr(function, "__qualname__", type(function).__qualname__)
    return f"{getattr(function, '__module__', '')}.{name}@{where}"


def run_as_fragment(
    run: Run,
    block: Block,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    *,
    definition: str,
    run_every: float | None = None,
    key: str | None = None,
    detached: bool = False,
    parallel: bool = False,
) -> Any:
    """Call ``function`` now as a fragment whose block is ``block`` (just opened by this run), and keep it for its
    reruns. Return what the function returns. ``porch.fragment`` opens a container; another block works as well
    (a dialog's). A ``detached`` fragment belongs to no fragment around it: it lives until the next full run even
    when the fragment that called it reruns without calling it again (a dialog, whose block is not in that
    fragment's). A ``parallel`` one called by a full run runs in a thread of its own (``porch.parallel``) and
    returns None at once."""
    fragment_id = "f" + hashlib.blake2b(f"{definition}\0{block._place}".encode(), digest_size=8).hexdigest()
    if key is not None:
        with _keys_lock:
            taken = _keys.setdefault(run.trunk, {})  # one run, whichever of its threads calls
            if taken.get(key, definition) != definition:
                raise PorchAPIError(
                    f"There are two fragments with key={key!r} in this run. Each fragment function must have a key of "
                    "its own (its calls in several places share it)."
                )
            taken[key] = definition
    parent = None if detached else run.fragment
    record = Fragment(
        id=fragment_id,
        path=block._path,
        parent=None if parent is None else parent.id,
        body=_never,
        run=run.number,
        run_every=run_every,
        key=key,
        parallel=parallel,
    )
    previous = run.session.fragments.get(fragment_id)
    if previous is not None and run.fragments:
        # Called again by a rerun of the fragment around it: the blocks it made in outside containers in the last
        # full run are still there (a full run makes them anew).
        record.outside = previous.outside
    kind: type[Block] = type(block)
    place, form = block._place, block._form

    def body(prelude: Callable[[], None] | None) -> None:
        rerun = current_run.get()
        if rerun is None:  # pragma: no cover - the runner calls it inside a run
            raise RuntimeError("a fragment's body runs inside a run")
        _execute(rerun, record, kind(path=record.path, place=place, run=rerun, form=form), function, args, kwargs,
                 prelude)

    record.body = body
    run.session.register_fragment(record)
    if parallel and not run.fragments:
        # Streamlit's rule: only a full run calls it in parallel; a rerun of a fragment around it calls it in order.
        threads.dispatch(run, lambda branch: _execute(branch, record, block, function, args, kwargs, None))
        return None
    return _execute(run, record, block, function, args, kwargs, None)


def refuse_in_parallel(run: Run, api_name: str) -> None:
    """Raise Streamlit's error for ``api_name`` called in a parallel fragment's thread (``Run.parallel``): a command
    that is not safe beside the script (a dialog, a page switch). In a rerun of the fragment it works."""
    if run.parallel:
        raise InvalidLayoutContextError(
            f"`{api_name}` cannot be called from a parallel fragment during the initial page load, because parallel "
            f"fragments run concurrently on separate threads where `{api_name}` is not safe.\n\nTo fix this, gate the "
            "call behind a widget interaction (e.g., `if st.button(...):`) so it runs during a sequential fragment "
            "rerun instead."
        )


def _execute(
    run: Run,
    record: Fragment,
    block: Block,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    prelude: Callable[[], None] | None,
) -> Any:
    """Run ``function`` with ``block`` as the place module-level calls write into; show what it raises inside."""
    depth = len(run.container_stack)
    if run.fragments and record.outside:
        revisit(run, record)
    run.fragment_stack.append(record)
    run.container_stack.append(block)
    try:
        if prelude is not None:
            prelude()
        return function(*args, **kwargs)
    except (RunControl, ShownException, SystemExit):
        raise
    except BaseException as exc:
        del run.container_stack[depth + 1 :]
        _show(run, record, block, exc)
        raise ShownException(str(exc)) from exc
    finally:
        del run.container_stack[depth:]
        run.fragment_stack.pop()


def _show(run: Run, record: Fragment, block: Block, exc: BaseException) -> None:
    """Show ``exc`` inside the fragment: in the innermost block it left, if that is the fragment's, else at the end of
    the fragment's block."""
    left = getattr(exc, ERROR_PLACE, None)
    place = block
    if isinstance(left, Block) and created_by(left, run) and left._path[: len(record.path)] == record.path:
        place = left
    log.warning("a fragment raised %s: %s", type(exc).__name__, exc)
    if handled_by_app(run, exc):  # porch.App(on_script_error=...) showed its own message, or none
        return
    e.exception.uncaught(place, exc)


def _never(prelude: Callable[[], None] | None) -> None:  # pragma: no cover - replaced before anyone calls it
    raise RuntimeError("a fragment's body is set when it is registered")


def _period(run_every: int | float | timedelta | str | None) -> float | None:
    """``run_every`` in seconds (None: no timer)."""
    if run_every is None:
        return None
    if isinstance(run_every, bool) or not isinstance(run_every, (int, float, timedelta, str)):
        raise PorchAPIError(f"run_every must be seconds, a timedelta or a string such as '10s', not {run_every!r}")
    try:
        seconds = ttl_seconds(run_every)
    except PorchAPIError:
        raise PorchAPIError(
            f"run_every {run_every!r} is not a duration: write a number and a unit, such as '10s' or '1h30m'"
        ) from None
    if seconds is None or not math.isfinite(seconds) or seconds <= 0:
        raise PorchAPIError(f"run_every must be a positive time, not {run_every!r}")
    return seconds


def _key(key: str | int | None) -> str | None:
    if key is None:
        return None
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        raise PorchAPIError(f"a fragment's key must be a string or an int, not {key!r}")
    name = str(key)
    if not name:
        raise PorchAPIError("a fragment's key may not be empty")
    if name in RESERVED_KEYS:
        raise PorchAPIError(
            f"`{name}` is a reserved name and cannot be used as a fragment key, because `rerun(scope=...)` reads it "
            "as a rerun level. Choose a different key for `@fragment(key=...)`."
        )
    return name


def fragment_ids(run: Run, keys: list[str]) -> list[str]:
    """The ids of the fragments named ``keys`` (every call of each), for ``rerun(scope=<keys>)``."""
    session = run.session
    found: list[str] = []
    with session.lock:
        registered = list(session.fragments.values())
    for name in keys:
        ids = [fragment.id for fragment in registered if fragment.key == name]
        if not ids:
            raise PorchAPIError(
                f"No fragment found for target '{name}'. Pass the same `key` you set on `@fragment(key=...)`, and make "
                "sure that fragment has rendered at least once."
            )
        found.extend(i for i in ids if i not in found)
    return found
