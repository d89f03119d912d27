"""``cache_data`` and ``cache_resource``: decorators that keep what a function returned, for every session, keyed by
the function and its arguments. Signatures and behaviour are Streamlit 1.67's.

- The key of a function is its module, qualified name and source (``_hashing.function_key``): an edited function
  starts afresh. The key of a call hashes each argument by value (``_hashing.Hasher``), except those whose parameter
  name starts with ``_``; ``hash_funcs`` hashes a type its own way.
- ``cache_data`` stores the pickled return value and unpickles it on every hit, so each caller gets a copy of its own
  (large arrays' and frames' blocks kept beside the pickle and copied once a hit: ``_cache_copies``).
  ``cache_resource`` returns the very object to every caller and session (a connection, a model), checked by
  ``validate`` and handed to ``on_release`` when it leaves.
- Sessions that ask for the same missing value compute it once: the first holds the key's lock, the others wait (their
  run still stops or reruns when asked) and read what it stored. A function that raises stores nothing.
- Entries live in memory (``_cache_store.MemoryStore``), bounded by ``max_entries``, ``max_size`` (``cache_data``)
  and ``ttl``; with ``persist="disk"`` also as files in the user cache folder, read back after a restart.
- What the function showed while it computed is recorded with its value and shown again, where the call is made, on
  every hit (``elements._replay``: Streamlit's replay); a widget inside shows Streamlit's ``CachedWidgetWarning``.

Threading: a cached function runs on whichever thread calls it (a session's worker, a thread the script started, a
background refresh's own thread); the stores and the registries below have their own locks, and user code
(the function, ``validate``, ``on_release``) never runs under one of them except the key's lock, which is what
makes a computation happen once.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import pickle
import queue
import struct
import sys
import threading
import types
import weakref
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Generic, Literal, Optional, ParamSpec, TypeVar, Union, cast, overload

from ..context import current_run
from ..elements._replay import CachedWidgetWarning, CacheReplayClosureError, Recording, Replay, recording, replay
from ..errors import PorchAPIError
from ..protocol import ROOT_BOTTOM, ROOT_MAIN, ROOT_OVERLAY, ROOT_SIDEBAR
from ..store import cache_tier
from . import _cache_copies
from . import _cache_store as store
from ._cache_store import DiskStore, Entry, KeyLocks, MemoryStore, describe
from ._hashing import HashFuncs, Hasher, UnhashableTypeError, function_key

if TYPE_CHECKING:
    from ..session import Session

__all__ = [
    "CacheDataAPI", "CacheReplayClosureError", "CacheResourceAPI", "CachedFunc",
    "CachedStFunctionInBackgroundModeWarning", "CachedWidgetWarning", "UnhashableParamError",
    "UnserializableReturnValueError", "cache_data", "cache_resource",
]

log = logging.getLogger("porch.cache")

P = ParamSpec("P")
R = TypeVar("R")

CachePersist = Optional[Literal["disk"]]
Scope = Literal["global", "session"]
RefreshMode = Literal["foreground", "background"]
Kind = Literal["cache_data", "cache_resource"]

#: ``refresh_mode="background"``: a stale value is served until it is this many ``ttl``s old (Streamlit's default of
#: ``runner.cacheBackgroundRefreshTTLMultiplier``).
BACKGROUND_TTL_FACTOR = 2.0
#: After a background refresh fails, the stale value is served without a new attempt for this long.
REFRESH_COOLDOWN_SECONDS = 60.0
#: Set while a cached function computes, so that the caches it calls show no spinner of their own.
_computing: ContextVar[bool] = ContextVar("porch_cache_computing", default=False)
#: The namespace a ``cache_data`` value is unpickled against (the cached function's globals), see ``_ScriptPickler``.
_loading_globals: ContextVar[Optional[dict[str, Any]]] = ContextVar("porch_cache_globals", default=None)


class UnhashableParamError(PorchAPIError):
    """An argument of a cached function could not be hashed into the cache key."""


class UnserializableReturnValueError(PorchAPIError):
    """``cache_data`` could not pickle what the function returned."""


class CachedStFunctionInBackgroundModeWarning(PorchAPIError, Warning):
    """A ``refresh_mode="background"`` function showed elements, which its hits do not show again (shown in the app,
    not raised, as Streamlit 1.67 warns)."""

    def __init__(self, decorator: str, function: str) -> None:
        super().__init__(
            f"`{function}()` is decorated with `@st.{decorator}(refresh_mode=\"background\")` and uses a display "
            "command (e.g. `st.write`). In background mode, cached display output is **not** replayed on cache hits, "
            "so these elements only appear when the function actually runs (the initial cache miss and any later "
            "foreground recompute) and then disappear on subsequent reruns.\n\nTo fix this, either move the display "
            "commands outside the cached function, or use `refresh_mode=\"foreground\"`."
        )


@dataclass(frozen=True)
class _Options:
    kind: Kind
    ttl: Optional[float] = None
    max_entries: Optional[int] = None
    max_size: Optional[int] = None
    show_spinner: Union[bool, str] = True
    show_time: bool = False
    persist: bool = False
    hash_funcs: Optional[HashFuncs] = None
    scope: Scope = "global"
    refresh_mode: RefreshMode = "foreground"
    validate: Optional[Callable[[Any], bool]] = None
    on_release: Optional[Callable[[Any], None]] = None

    def shape(self) -> tuple[Any, ...]:
        """What a function's existing cache must have been made with to be used again (as Streamlit compares)."""
        return (self.ttl, self.max_entries, self.max_size, self.persist, self.refresh_mode, _code_of(self.validate))


def _code_of(function: Optional[Callable[..., Any]]) -> Any:
    return getattr(function, "__code__", function)


@dataclass
class _Found:
    value: Any
    stale: bool
    #: The elements the function showed, shown again on this hit (None: it showed none, or a background refresh).
    replay: Optional[Replay] = None


@dataclass(eq=False)
class _Stored:
    """A memory entry: the value (for ``cache_data`` its pickled bytes) and what the function showed."""

    value: Any
    replay: Optional[Replay]


class _FunctionCache:
    """The entries of one cached function: global, or one session's for ``scope="session"``."""

    def __init__(self, options: _Options, key: str, name: str) -> None:
        self.options = options
        self.name = name
        background = options.refresh_mode == "background" and options.ttl is not None
        self.memory: MemoryStore[Any] = MemoryStore(
            ttl=options.ttl * BACKGROUND_TTL_FACTOR if background and options.ttl is not None else options.ttl,
            max_entries=options.max_entries,
            max_size=options.max_size,
            on_release=_releasing(options.on_release) if options.kind == "cache_resource" else None,
            name=name,
        )
        self.disk = DiskStore(store.cache_folder(), key, options.ttl) if options.persist else None
        #: The function's key, under which a store shared by replicas keeps its values (``porch.store.cache_tier``;
        #: ``cache_data`` of global scope only).
        self.key = key
        self.shares = options.kind == "cache_data" and options.scope == "global"
        self.locks = KeyLocks()
        self._lock = threading.Lock()
        self._generation = 0  # every clear adds one: a computation that began before a clear stores nothing
        self._refreshing: set[str] = set()
        self._cooldown: dict[str, float] = {}

    def token(self) -> int:
        with self._lock:
            return self._generation

    def read(self, key: str, namespace: Optional[dict[str, Any]]) -> Optional[_Found]:
        entry = self.memory.get(key)
        if entry is None and self.shares and cache_tier.shared():
            entry = self._read_shared(key, namespace)
        if entry is None and self.disk is not None:
            payload = self.disk.read(key)
            stored = _from_disk(payload, namespace, self.name) if payload is not None else None
            if payload is not None and stored is None:
                self.disk.delete(key)
            if stored is not None:
                size = _size(stored)
                self.memory.set(key, stored, size)
                entry = Entry(stored, store.clock(), size)
        if entry is None:
            return None
        value = entry.value.value
        replay = entry.value.replay
        if self.options.kind == "cache_data":
            try:
                value = _unpickle(value, namespace)
            except Exception as exc:  # a class the script no longer defines, a file of another version...
                log.info("dropped a cached value of %s that could not be unpickled: %s", self.name, exc)
                self.memory.delete(key)
                if self.disk is not None:
                    self.disk.delete(key)
                return None
        elif self.options.validate is not None and not self.options.validate(value):
            self.memory.delete(key, release=False)  # as Streamlit: a resource that fails validation is not released
            return None
        ttl = self.options.ttl
        stale = self.options.refresh_mode == "background" and ttl is not None and store.clock() - entry.stored_at >= ttl
        return _Found(value, stale, replay)

    def _read_shared(self, key: str, namespace: Optional[dict[str, Any]]) -> Optional[Entry[Any]]:
        """A value another replica (or this one) computed, from the store: kept in memory with the age it has
        there, so its ``ttl`` runs from when it was computed."""
        found = cache_tier.get(self.key, key, touch=self.options.max_entries is not None)
        if found is None:
            return None
        payload, left = found
        stored = _from_disk(payload, namespace, self.name)
        if stored is None:
            return None
        ttl = self.memory.ttl
        age = ttl - left if ttl is not None and left is not None else 0.0
        size = _size(stored)
        self.memory.set(key, stored, size, age=max(age, 0.0))
        return Entry(stored, store.clock() - max(age, 0.0), size)

    def store(
        self, key: str, value: Any, token: int, replay: Optional[Replay] = None, *, refresh: bool = False
    ) -> None:
        """Keep ``value`` (and what the function showed) unless the cache was cleared since ``token`` (or, for a
        refresh, the entry is gone)."""
        data: Optional[_cache_copies.Pickled] = None
        if self.options.kind == "cache_data":
            data = _pickle(value, self.name)
        with self._lock:
            if token != self._generation:
                return
        kept = _Stored(data if data is not None else value, replay)
        if refresh:
            current = self.memory.get(key)
            if current is not None and data is None and current.value.value is value:
                kept = current.value  # the same resource again: it stays, and is not released
            if not self.memory.replace(key, kept, _size(kept)):
                if self.options.kind == "cache_resource":
                    _release(self.options.on_release, value, self.name)
                return
        else:
            self.memory.set(key, kept, _size(kept))
        shared = self.shares and cache_tier.shared()
        if (self.disk is not None or shared) and data is not None:
            payload = _to_disk(_pickle_bytes(value, self.name), replay, self.name)
            if payload is not None and self.disk is not None:
                self.disk.write(key, payload)
            if payload is not None and shared:
                cache_tier.put(self.key, key, payload, ttl=self.memory.ttl, max_entries=self.options.max_entries)

    def clear(self, key: Optional[str] = None, *, here_only: bool = False) -> None:
        """Drop one value or all; in the store too, and so on every replica, unless ``here_only`` (another
        replica cleared them)."""
        with self._lock:
            self._generation += 1
        if key is None:
            self.memory.clear()
            if self.disk is not None:
                self.disk.clear()
        else:
            self.memory.delete(key)
            if self.disk is not None:
                self.disk.delete(key)
        if self.shares and not here_only:
            cache_tier.delete(self.key, key)

    def begin_refresh(self, key: str) -> bool:
        with self._lock:
            if key in self._refreshing or self._cooldown.get(key, 0.0) > store.clock():
                return False
            self._cooldown.pop(key, None)
            self._refreshing.add(key)
            return True

    def end_refresh(self, key: str, *, failed: bool) -> None:
        with self._lock:
            self._refreshing.discard(key)
            if failed:
                self._cooldown[key] = store.clock() + REFRESH_COOLDOWN_SECONDS


class _Caches:
    """Every cache of one decorator: global ones by function key, ``scope="session"`` ones by session, then key.

    A session's caches go when the session has closed (noticed at the next cached call of any session) or has been
    collected; their resources are then handed to ``on_release``.
    """

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self._lock = threading.Lock()
        self._global: dict[str, _FunctionCache] = {}
        self._sessions: dict[str, tuple[weakref.ref[Session], dict[str, _FunctionCache]]] = {}
        self._ended: queue.SimpleQueue[str] = queue.SimpleQueue()  # filled by finalizers, which must take no lock

    def get(self, key: str, options: _Options, name: str) -> _FunctionCache:
        session: Optional[Session] = None
        if options.scope == "session":
            run = current_run.get()
            if run is None:
                raise PorchAPIError(
                    f"{name} uses scope='session' and was called outside of a script run (for example from a thread "
                    "the script started): a session-scoped cache belongs to the session whose script calls it."
                )
            session = run.session
        with self._lock:
            dropped = self._sweep() if self._sessions else []
            table = self._global if session is None else self._table(session)
            cache = table.get(key)
            if cache is None or cache.options.shape() != options.shape():
                if cache is not None:
                    dropped.append(cache)
                cache = table[key] = _FunctionCache(options, key, name)
        for old in dropped:
            old.memory.clear()
        return cache

    def _table(self, session: Session) -> dict[str, _FunctionCache]:
        found = self._sessions.get(session.id)
        if found is None:
            ended = self._ended
            found = self._sessions[session.id] = (weakref.ref(session), {})
            weakref.finalize(session, ended.put, session.id)
        return found[1]

    def _sweep(self) -> list[_FunctionCache]:
        """Under the lock: the caches of sessions that have ended, taken out of the table."""
        ended: set[str] = set()
        while not self._ended.empty():
            ended.add(self._ended.get_nowait())
        for session_id, (ref, _) in self._sessions.items():
            session = ref()
            if session is None or session.closed:
                ended.add(session_id)
        return [cache for sid in ended if sid in self._sessions for cache in self._sessions.pop(sid)[1].values()]

    def clear_all(self, *, here_only: bool = False) -> None:
        with self._lock:
            caches = [*self._global.values(), *(c for _, table in self._sessions.values() for c in table.values())]
            self._global = {}
            self._sessions = {}
        for cache in caches:
            cache.clear(here_only=True)
        if self.kind == "cache_data" and not here_only:
            cache_tier.delete(None)
        if self.kind == "cache_data":
            folder = store.cache_folder()
            for path in folder.glob("*.pickle") if folder.is_dir() else ():
                DiskStore.forget(path)


    def cleared_elsewhere(self, function: Optional[str], key: Optional[str]) -> None:
        """Another replica cleared values through the store (``porch.store.cache_tier``): drop this replica's
        copies too (the store's thread)."""
        if function is None:
            self.clear_all(here_only=True)
            return
        with self._lock:
            cache = self._global.get(function)
        if cache is not None:
            cache.clear(key, here_only=True)


_registries: dict[Kind, _Caches] = {"cache_data": _Caches("cache_data"), "cache_resource": _Caches("cache_resource")}
cache_tier.when_cleared(_registries["cache_data"].cleared_elsewhere)

#: Per code object: the function key and the names of its positional parameters (a script redefines its cached
#: functions on every run, with the same code object while the file is unchanged).
_identities: weakref.WeakKeyDictionary[types.CodeType, dict[tuple[str, str, str], tuple[str, list[str]]]] = (
    weakref.WeakKeyDictionary()
)


def _identity(kind: Kind, func: Callable[..., Any]) -> tuple[str, list[str]]:
    code = getattr(func, "__code__", None)
    memo_key = (kind, str(getattr(func, "__module__", "")), str(getattr(func, "__qualname__", "")))
    if isinstance(code, types.CodeType):
        found = _identities.get(code, {}).get(memo_key)
        if found is not None:
            return found
    try:
        parameters = inspect.signature(func).parameters.values()
        names = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        names = []
    identity = (function_key(kind, func), names)
    if isinstance(code, types.CodeType):
        _identities.setdefault(code, {})[memo_key] = identity
    return identity


class CachedFunc(Generic[P, R]):
    """A function decorated with ``cache_data`` or ``cache_resource``: call it as the function; ``clear()`` empties
    its cache, ``clear(*args, **kwargs)`` drops the one entry those arguments make."""

    def __init__(self, func: Callable[P, R], options: _Options) -> None:
        self._func = func
        self._options = options
        self._name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)
        self._key, self._positional = _identity(options.kind, func)
        self._is_async = inspect.iscoroutinefunction(func)
        functools.update_wrapper(self, func)

    def __repr__(self) -> str:
        return f"<CachedFunc: {self._func!r}>"

    def __get__(self, instance: Any, owner: Optional[type] = None) -> Any:
        """A cached method: the instance is its first argument (hashed unless the parameter is named ``_self``)."""
        if instance is None:
            return self
        return _BoundCachedFunc(self, instance)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._is_async:
            return cast(R, self._call_async(args, kwargs))
        cache = self._cache()
        key = self._value_key(args, kwargs)
        namespace = getattr(self._func, "__globals__", None)
        found = cache.read(key, namespace)
        if found is not None:
            if found.stale:
                self._refresh(cache, key, args, kwargs)
            self._replay(found, args, kwargs)
            return cast(R, found.value)
        with self._spinner(args, kwargs):
            run = current_run.get()
            with cache.locks.hold(key, run.checkpoint if run is not None else None, name=f"{self._name}()"):
                found = cache.read(key, namespace)
                if found is not None:  # another session computed it meanwhile
                    self._replay(found, args, kwargs)
                    return cast(R, found.value)
                token = cache.token()
                with recording(self._arguments(args, kwargs)) as recorded:
                    value = self._compute(args, kwargs)
                cache.store(key, value, token, self._kept(recorded))
                return value

    async def _call_async(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        cache = self._cache()
        key = self._value_key(args, kwargs)
        namespace = getattr(self._func, "__globals__", None)
        found = cache.read(key, namespace)
        if found is not None:
            self._replay(found, args, kwargs)
            return found.value
        with self._spinner(args, kwargs):
            async with cache.locks.hold_async(key):
                found = cache.read(key, namespace)
                if found is not None:
                    self._replay(found, args, kwargs)
                    return found.value
                token = cache.token()
                marker = _computing.set(True)
                try:
                    with recording(self._arguments(args, kwargs)) as recorded:
                        value = await cast(Callable[..., Any], self._func)(*args, **kwargs)
                finally:
                    _computing.reset(marker)
                cache.store(key, value, token, self._kept(recorded))
                return value

    def _compute(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> R:
        marker = _computing.set(True)
        try:
            return self._func(*args, **kwargs)
        finally:
            _computing.reset(marker)

    def _kept(self, recorded: Recording) -> Optional[Replay]:
        """What a computation showed, to keep with its value. ``refresh_mode="background"`` keeps nothing and, as
        Streamlit, says so in the app when the function showed something."""
        if not recorded.calls:
            return None
        if self._options.refresh_mode == "background":
            warning = CachedStFunctionInBackgroundModeWarning(self._options.kind, self._function_name)
            log.warning("%s", warning)
            from .container import main

            main.exception(warning)
            return None
        return recorded.result()

    def _replay(self, found: _Found, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """A hit: show again what the function showed when it computed the value, where this call is made. Not in a
        thread the script started (no run): Streamlit shows nothing there either."""
        if found.replay is None or current_run.get() is None:
            return
        from .container import bottom, main, overlay, sidebar

        kind, function = self._options.kind, self._function_name
        replay(
            found.replay,
            current=main,
            roots={ROOT_MAIN: main, ROOT_SIDEBAR: sidebar, ROOT_OVERLAY: overlay, ROOT_BOTTOM: bottom},
            arguments=self._arguments(args, kwargs),
            closure_error=lambda: CacheReplayClosureError(kind, function),
        )

    def _arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[int | str, Any]:
        """A call's arguments by parameter name (by position past the named ones), as the cache key reads them: a
        block passed positionally on a miss is found on a hit that passes it by keyword."""
        names = self._positional
        found: dict[int | str, Any] = {names[i] if i < len(names) else i: value for i, value in enumerate(args)}
        found.update(kwargs)
        return found

    @property
    def _function_name(self) -> str:
        return str(getattr(self._func, "__name__", self._name))

    def _refresh(self, cache: _FunctionCache, key: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """``refresh_mode="background"``: compute a stale entry again on a thread of its own, serving the old value
        meanwhile. The thread has no run: a Porch call in the function fails there, as in Streamlit."""
        if not cache.begin_refresh(key):
            return
        token = cache.token()

        def refresh() -> None:
            failed = True
            try:
                with cache.locks.hold(key):
                    cache.store(key, self._compute(args, kwargs), token, refresh=True)
                failed = False
            except Exception:
                log.warning("the background refresh of %s failed; the stale value is kept", self._name, exc_info=True)
            finally:
                cache.end_refresh(key, failed=failed)

        threading.Thread(target=refresh, name=f"porch-cache-refresh-{self._name}", daemon=True).start()

    def _cache(self) -> _FunctionCache:
        return _registries[self._options.kind].get(self._key, self._options, f"{self._name}()")

    def _spinner(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> contextlib.AbstractContextManager[Any]:
        """Streamlit's spinner while a value is computed (or awaited), in a run and not inside another computation."""
        show = self._options.show_spinner
        if show is False or current_run.get() is None or _computing.get():
            return contextlib.nullcontext()
        text = show if isinstance(show, str) else f"Running `{self._name}({'...' if args or kwargs else ''})`."
        from ..elements.spinner import spinner
        from .container import main

        return spinner(main, text, show_time=self._options.show_time, _cache=True)

    def _value_key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
        hasher = Hasher(self._options.hash_funcs)
        names = self._positional
        for index, value in enumerate(args):
            self._hash_argument(hasher, names[index] if index < len(names) else None, value)
        for name in sorted(kwargs):
            self._hash_argument(hasher, name, kwargs[name])
        return hasher.hexdigest()

    def _hash_argument(self, hasher: Hasher, name: Optional[str], value: Any) -> None:
        if name is not None and name.startswith("_"):
            return
        try:
            hasher.add_name(name)
            hasher.add(value)
        except UnhashableTypeError as exc:
            raise UnhashableParamError(_unhashable_message(self._options.kind, self._func, name, value, exc)) from exc

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Empty this function's cache; with arguments, drop only the entry those arguments make."""
        cache = self._cache()
        cache.clear(self._value_key(args, kwargs) if args or kwargs else None)


class _BoundCachedFunc:
    def __init__(self, cached: CachedFunc[..., Any], instance: Any) -> None:
        self._cached = cached
        self._instance = instance
        functools.update_wrapper(self, cached)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._cached(self._instance, *args, **kwargs)

    def clear(self, *args: Any, **kwargs: Any) -> None:
        if args or kwargs:
            self._cached.clear(self._instance, *args, **kwargs)
        else:
            self._cached.clear()


# -- the two decorators ---------------------------------------------------------------------------------------------


def _check(
    kind: Kind, scope: str, refresh_mode: str, ttl: Optional[float], callbacks: dict[str, Optional[Callable[..., Any]]]
) -> None:
    if scope not in ("global", "session"):
        raise PorchAPIError(f"scope must be 'global' or 'session', not {scope!r}")
    if refresh_mode not in ("foreground", "background"):
        raise PorchAPIError(f"refresh_mode must be 'foreground' or 'background', not {refresh_mode!r}")
    if refresh_mode == "background" and (ttl is None or ttl <= 0):
        raise PorchAPIError(
            f"{kind}(refresh_mode='background') needs a positive ttl (for example ttl='1h'), "
            "or refresh_mode='foreground'"
        )
    for name, callback in callbacks.items():
        if callback is not None and inspect.iscoroutinefunction(callback):
            raise PorchAPIError(f"{kind}'s {name} must be a plain function: it is called synchronously")


def _decorate(
    func: Optional[Callable[P, R]], options: _Options
) -> Union[CachedFunc[P, R], Callable[[Callable[P, R]], CachedFunc[P, R]]]:
    def wrap(f: Callable[P, R]) -> CachedFunc[P, R]:
        if options.refresh_mode == "background" and inspect.iscoroutinefunction(f):
            raise PorchAPIError(f"refresh_mode='background' is not supported for the coroutine function {f.__name__}")
        return CachedFunc(f, options)

    return wrap if func is None else wrap(func)


class CacheDataAPI:
    """``porch.cache_data``: ``@cache_data`` or ``@cache_data(ttl=..., ...)``, and ``cache_data.clear()``."""

    @overload
    def __call__(self, func: Callable[P, R]) -> CachedFunc[P, R]: ...

    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: CachePersist | bool = None,
        hash_funcs: HashFuncs | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunc[P, R]]: ...

    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: CachePersist | bool = None,
        hash_funcs: HashFuncs | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> CachedFunc[P, R] | Callable[[Callable[P, R]], CachedFunc[P, R]]:
        """Cache what a function returns, as a copy for every caller: data (frames, query results, API answers).

        Calls with equal arguments share one entry, across reruns and sessions; the return value is pickled into
        the cache and each call gets an unpickled copy, so a caller's change never reaches the cache (use
        ``cache_resource`` for objects to share, such as connections). Arguments are hashed by value; a parameter
        whose name starts with ``_`` is not hashed, and ``hash_funcs`` (a type or its full name -> a function)
        hashes a type its own way. Editing the function's source starts a new cache.

        ``ttl``: how long an entry lasts (seconds, a ``timedelta``, or "1h", "30m", "1 day"). ``max_entries`` and
        ``max_size`` (bytes, or "500MB"): bounds on the entries kept in memory, the least recently used going first.
        ``show_spinner``: a spinner while computing, True for "Running `f(...)`.", or its text; ``show_time`` adds
        the seconds elapsed. ``persist="disk"``: entries are also written to the user cache folder and read back
        after a restart. ``scope="session"``: one cache per session, gone when the session ends.
        ``refresh_mode="background"``: past its ``ttl``, an entry is still served while a thread computes it anew
        (for up to one more ``ttl``). ``f.clear()`` empties the function's cache; ``cache_data.clear()`` all of them.
        """
        if persist is True:
            persist = "disk"
        elif persist is False:
            persist = None
        if persist not in (None, "disk"):
            raise PorchAPIError(f"persist must be 'disk' or None, not {persist!r}")
        seconds = store.ttl_seconds(ttl)
        _check("cache_data", scope, refresh_mode, seconds, {})
        if refresh_mode == "background" and persist is not None:
            raise PorchAPIError(
                "cache_data(refresh_mode='background') cannot be combined with persist='disk': use persist=None with "
                "background refresh, or refresh_mode='foreground'"
            )
        options = _Options(
            "cache_data", ttl=seconds, max_entries=max_entries, max_size=store.max_size_bytes(max_size),
            show_spinner=show_spinner, show_time=show_time, persist=persist == "disk", hash_funcs=hash_funcs,
            scope=scope, refresh_mode=refresh_mode,
        )
        return _decorate(func, options)

    def clear(self) -> None:
        """Empty every ``cache_data`` cache: in memory, and the files of ``persist="disk"``."""
        _registries["cache_data"].clear_all()


class CacheResourceAPI:
    """``porch.cache_resource``: ``@cache_resource`` or ``@cache_resource(ttl=..., ...)``, and
    ``cache_resource.clear()``."""

    @overload
    def __call__(self, func: Callable[P, R]) -> CachedFunc[P, R]: ...

    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], None] | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunc[P, R]]: ...

    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], None] | None = None,
        scope: Scope = "global",
        refresh_mode: RefreshMode = "foreground",
    ) -> CachedFunc[P, R] | Callable[[Callable[P, R]], CachedFunc[P, R]]:
        """Cache an object that every caller and session shares: a database connection, a model, a client.

        The first call with given arguments computes the object; every later call, in any session, gets that same
        object (not a copy: it must be safe to share between threads). Arguments are hashed as for ``cache_data``.
        ``validate``: called with the cached object on each hit; False computes it anew. ``on_release``: called with
        an object when it leaves the cache (``ttl``, ``max_entries``, ``clear()``, the end of its session with
        ``scope="session"``). ``ttl``, ``max_entries``, ``show_spinner``, ``show_time``, ``hash_funcs``, ``scope``
        and ``refresh_mode`` work as for ``cache_data``. ``f.clear()`` empties the function's cache;
        ``cache_resource.clear()`` all of them.
        """
        seconds = store.ttl_seconds(ttl)
        _check("cache_resource", scope, refresh_mode, seconds, {"validate": validate, "on_release": on_release})
        options = _Options(
            "cache_resource", ttl=seconds, max_entries=max_entries, show_spinner=show_spinner, show_time=show_time,
            hash_funcs=hash_funcs, scope=scope, refresh_mode=refresh_mode, validate=validate, on_release=on_release,
        )
        return _decorate(func, options)

    def clear(self) -> None:
        """Empty every ``cache_resource`` cache, handing each object to its ``on_release``."""
        _registries["cache_resource"].clear_all()


cache_data = CacheDataAPI()
cache_resource = CacheResourceAPI()


# -- pickling values whose classes the script defines ---------------------------------------------------------------


class _ScriptPickler(pickle.Pickler):
    """A class or function the script defines lives in the run's namespace, not in ``sys.modules["__main__"]``, so
    plain pickle cannot name it. It is saved by name, and found again in the cached function's globals on load (the
    class of the current run, so that ``isinstance`` holds in the script)."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, (type, types.FunctionType)) and getattr(obj, "__module__", None) == "__main__":
            main = sys.modules.get("__main__")
            if _lookup(vars(main) if main is not None else {}, obj.__qualname__) is not obj:
                return _script_global, (obj.__qualname__,)
        return NotImplemented


def _script_global(qualname: str) -> Any:
    namespace = _loading_globals.get()
    found = _lookup(namespace, qualname) if namespace is not None else None
    if found is None:
        raise pickle.UnpicklingError(f"the script no longer defines {qualname}")
    return found


def _lookup(namespace: dict[str, Any], qualname: str) -> Any:
    head, *rest = qualname.split(".")
    found = namespace.get(head)
    for part in rest:
        found = getattr(found, part, None)
    return found


def _pickle(value: Any, name: str) -> _cache_copies.Pickled:
    """What memory keeps of a ``cache_data`` value: its pickle, large arrays' blocks beside it (``_cache_copies``)."""
    try:
        return _cache_copies.dump(value, _ScriptPickler)
    except Exception as exc:
        raise _unserializable(value, name, exc) from exc


def _pickle_bytes(value: Any, name: str) -> bytes:
    """What disk and a shared store keep of a ``cache_data`` value: one pickle, everything in it."""
    import io

    buffer = io.BytesIO()
    try:
        _ScriptPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except Exception as exc:
        raise _unserializable(value, name, exc) from exc
    return buffer.getvalue()


def _unserializable(value: Any, name: str, exc: Exception) -> UnserializableReturnValueError:
    return UnserializableReturnValueError(
        f"Cannot pickle the value that {name} returned (of type {describe(value)}): {exc}\n\n"
        "cache_data keeps a pickled copy of the return value, so that a caller's change never reaches the cache. "
        "Return something pickle can save (plain data, a frame, an array), or cache objects such as connections "
        "and models with cache_resource, which shares the object itself."
    )


def _unpickle(data: bytes | _cache_copies.Pickled, namespace: Optional[dict[str, Any]]) -> Any:
    """A new copy of a kept value (a disk or shared store's entry is one pickle: ``bytes``)."""
    marker = _loading_globals.set(namespace)
    try:
        return data.load() if isinstance(data, _cache_copies.Pickled) else pickle.loads(data)
    finally:
        _loading_globals.reset(marker)


def _releasing(on_release: Optional[Callable[[Any], None]]) -> Optional[Callable[[_Stored], None]]:
    """``on_release`` as the memory store calls it: with an entry, whose value it is given."""
    if on_release is None:
        return None
    return lambda stored: on_release(stored.value)


def _size(stored: _Stored) -> int:
    """What an entry counts against ``max_size``: the pickled value and the media the function showed."""
    value = stored.value
    kept = len(value) if isinstance(value, bytes) else value.size if isinstance(value, _cache_copies.Pickled) else 0
    return kept + (stored.replay.size if stored.replay is not None else 0)


#: A disk entry: the length of the pickled replay (8 bytes, big-endian; 0 for none), the pickled replay, the value.
_REPLAY_LENGTH = struct.Struct(">Q")


def _to_disk(data: bytes, replay: Optional[Replay], name: str) -> Optional[bytes]:
    """What ``persist="disk"`` writes: the pickled value and what the function showed. None when what it showed
    cannot be pickled (a frame with a Styler of lambdas...): a file whose hits would show nothing of it is not
    written, so that after a restart the function runs and shows it again."""
    blob = b""
    if replay is not None:
        import io

        buffer = io.BytesIO()
        try:
            _ScriptPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(replay)
        except Exception as exc:
            log.info("%s is not persisted to disk: the elements it showed cannot be pickled (%s)", name, exc)
            return None
        blob = buffer.getvalue()
    return _REPLAY_LENGTH.pack(len(blob)) + blob + data


def _from_disk(payload: bytes, namespace: Optional[dict[str, Any]], name: str) -> Optional[_Stored]:
    """A disk entry read back; None for a file of another format or whose replay no longer unpickles."""
    size = _REPLAY_LENGTH.size
    if len(payload) < size:
        return None
    (length,) = _REPLAY_LENGTH.unpack_from(payload)
    if length > len(payload) - size:
        return None
    replay: Optional[Replay] = None
    if length:
        try:
            found = _unpickle(payload[size:size + length], namespace)
        except Exception as exc:
            log.info("dropped a persisted entry of %s whose elements could not be unpickled: %s", name, exc)
            return None
        if not isinstance(found, Replay):
            return None
        replay = found
    return _Stored(payload[size + length:], replay)


def _release(on_release: Optional[Callable[[Any], None]], value: Any, name: str) -> None:
    if on_release is None:
        return
    try:
        on_release(value)
    except Exception:
        log.exception("on_release of %s raised", name)


def _unhashable_message(kind: Kind, func: Callable[..., Any], name: Optional[str], value: Any, exc: Exception) -> str:
    function = getattr(func, "__name__", "the function")
    argument = name if name is not None else "(unnamed)"
    type_name = describe(value)
    return (
        f"Cannot hash argument '{argument}' (of type `{type_name}`) in '{function}' ({exc}).\n\n"
        "To address this, tell Porch not to hash the argument by adding a leading underscore to its name:\n\n"
        f"    @st.{kind}\n"
        f"    def {function}(_{name or 'arg'}, ...):\n"
        "        ...\n\n"
        f"or give {kind} a function that hashes it: hash_funcs={{{type_name}: lambda value: ...}} "
        f"(or {{\"{type(value).__module__}.{type(value).__qualname__}\": ...}})."
    )

