"""``cache_data`` shared by the replicas through the store: a tier between a replica's memory and its disk.

A value computed on one replica is a hit on every other: ``cache_data`` keeps its pickled bytes (and the elements the
function showed, as ``persist="disk"`` writes them) in the store under the function's key and the arguments' hash,
for the function's ``ttl``, and at most ``max_entries`` of them, the least recently used leaving first. Each replica
still keeps its own memory copies; a ``clear()`` on any replica drops the store's values and, through the store's
channel, every replica's copies.

``cache_resource`` stays in each process: its values are live objects (a connection, a model, a lock) that the
callers share as they are, which a store could only hand over as copies, and most cannot be pickled at all.

A store that does not answer makes the tier a miss (and a write nothing), logged once per outage: the app goes on
with each replica's own cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .base import Outage, Store, StoreError

_lock = threading.Lock()
_store: Store | None = None
_outage: Outage | None = None
_listeners: list[Callable[[str | None, str | None], None]] = []


def share_caches(store: Store | None) -> None:
    """Share ``cache_data`` through ``store`` from now on (None: no more). The engine calls it as it starts and
    stops."""
    global _store, _outage
    with _lock:
        _store = store
        _outage = Outage(store.shown, "cache_data is not shared between replicas") if store is not None else None
    if store is not None:
        store.on_cache_cleared(_cleared)


def when_cleared(listener: Callable[[str | None, str | None], None]) -> None:
    """Call ``listener(function, key)`` when any replica clears cached values (None: all of them). ``cache.py``
    drops its memory copies so."""
    with _lock:
        _listeners.append(listener)


def _cleared(function: str | None, key: str | None) -> None:
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(function, key)


def shared() -> bool:
    return _store is not None


def get(function: str, key: str, *, touch: bool) -> tuple[bytes, float | None] | None:
    """A value of ``function`` under ``key`` and its seconds left, or None (none, or no store)."""
    store, outage = _store, _outage
    if store is None or outage is None:
        return None
    try:
        found = store.cache_get(function, key, touch=touch)
    except StoreError as exc:
        outage.failed(exc)
        return None
    outage.answered()
    return found


def put(function: str, key: str, data: bytes, *, ttl: float | None, max_entries: int | None) -> None:
    store, outage = _store, _outage
    if store is None or outage is None:
        return
    try:
        store.cache_put(function, key, data, ttl=ttl, max_entries=max_entries)
    except StoreError as exc:
        outage.failed(exc)
    else:
        outage.answered()


def delete(function: str | None, key: str | None = None) -> None:
    """Drop values from the store, and have every replica drop its copies."""
    store, outage = _store, _outage
    if store is None or outage is None:
        return
    try:
        store.cache_delete(function, key)
    except StoreError as exc:
        outage.failed(exc)
    else:
        outage.answered()
