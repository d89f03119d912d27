"""Where cached values live: a least-recently-used map in memory, bounded by entries, bytes and age, and files on
disk for ``cache_data(persist="disk")``. Also the small parsers of ``ttl`` and ``max_size``.

Thread-safe: every session's worker (and a background refresh's thread) reads and writes here. A store's lock is held
only for dictionary work, never while user code (``on_release``) or file I/O runs.
"""

from __future__ import annotations

import logging
import math
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..durations import seconds_in
from ..errors import PorchAPIError

log = logging.getLogger("porch.cache")

V = TypeVar("V")

#: A clock for ages in memory; tests move it forward instead of sleeping.
clock: Callable[[], float] = time.monotonic


@dataclass
class Entry(Generic[V]):
    value: V
    stored_at: float
    size: int = 0


class MemoryStore(Generic[V]):
    """Entries by key, oldest use first. An entry older than ``ttl`` seconds is gone; past ``max_entries`` entries or
    ``max_size`` bytes (the sum of the entries' ``size``) the least recently used ones go. ``on_release`` is called
    with each value that leaves, outside the lock; its errors are logged."""

    def __init__(
        self,
        *,
        ttl: float | None = None,
        max_entries: int | None = None,
        max_size: int | None = None,
        on_release: Callable[[V], object] | None = None,
        name: str = "",
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self.max_size = max_size
        self._on_release = on_release
        self._name = name
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Entry[V]] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Entry[V] | None:
        gone: list[V] = []
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                if self.ttl is not None and clock() - entry.stored_at >= self.ttl:
                    gone.append(self._pop(key).value)
                    entry = None
                else:
                    self._entries.move_to_end(key)
        self._release(gone)
        return entry

    def set(self, key: str, value: V, size: int = 0, *, age: float = 0.0) -> None:
        """Keep ``value``, already ``age`` seconds old (one a shared store kept: its ``ttl`` runs from then)."""
        gone: list[V] = []
        with self._lock:
            old = self._entries.get(key)
            if old is not None:
                self._pop(key)
                if old.value is not value:
                    gone.append(old.value)
            self._entries[key] = Entry(value, clock() - age, size)
            self._bytes += size
            gone += self._evict(keep=key)
        self._release(gone)

    def replace(self, key: str, value: V, size: int = 0) -> bool:
        """Set ``key`` only if it is still there (a background refresh must not bring back a cleared entry)."""
        with self._lock:
            if key not in self._entries:
                return False
        self.set(key, value, size)
        return True

    def delete(self, key: str, *, release: bool = True) -> None:
        gone: list[V] = []
        with self._lock:
            if key in self._entries:
                gone.append(self._pop(key).value)
        if release:
            self._release(gone)

    def clear(self) -> None:
        with self._lock:
            gone = [entry.value for entry in self._entries.values()]
            self._entries.clear()
            self._bytes = 0
        self._release(gone)

    def _pop(self, key: str) -> Entry[V]:
        entry = self._entries.pop(key)
        self._bytes -= entry.size
        return entry

    def _evict(self, keep: str) -> list[V]:
        """Expired entries, then the least recently used past the bounds (never ``keep``, the one just set)."""
        gone: list[V] = []
        if self.ttl is not None:
            now = clock()
            for key in [k for k, e in self._entries.items() if now - e.stored_at >= self.ttl and k != keep]:
                gone.append(self._pop(key).value)
        while self.max_entries is not None and len(self._entries) > max(self.max_entries, 1):
            gone.append(self._pop(next(iter(self._entries))).value)
        if self.max_size is not None and self._bytes > self.max_size:
            if self._entries[keep].size > self.max_size:
                log.warning(
                    "a value of %s is %d bytes, more than its max_size of %d: it is kept alone",
                    self._name, self._entries[keep].size, self.max_size,
                )
            for key in [k for k in self._entries if k != keep]:
                if self._bytes <= self.max_size:
                    break
                gone.append(self._pop(key).value)
        return gone

    def _release(self, values: list[V]) -> None:
        if self._on_release is None:
            return
        for value in values:
            try:
                self._on_release(value)
            except Exception:
                log.exception("on_release of %s raised", self._name)


class DiskStore:
    """``cache_data(persist="disk")`` entries of one function: ``<folder>/<function key>-<value key>.pickle``, each a
    header and the entry ``cache.py`` gives (the pickled value and the elements the function showed; version 2
    since those are kept, so files of version 1 are misses). Keys are hex digests, so a file name holds nothing of
    the arguments. Written to a temporary file and renamed, so a crash leaves no half file; a file that does not
    start with the header, or is older than ``ttl``, counts as missing and is deleted."""

    HEADER = b"porch cache_data 2\n"

    def __init__(self, folder: Path, function_key: str, ttl: float | None) -> None:
        self.folder = folder
        self.function_key = function_key
        self.ttl = ttl

    def _path(self, key: str) -> Path:
        return self.folder / f"{self.function_key}-{key}.pickle"

    def read(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            if self.ttl is not None and time.time() - path.stat().st_mtime >= self.ttl:
                path.unlink(missing_ok=True)
                return None
            data = path.read_bytes()
        except OSError:
            return None
        if not data.startswith(self.HEADER):
            path.unlink(missing_ok=True)
            return None
        return data[len(self.HEADER):]

    def write(self, key: str, data: bytes) -> None:
        import tempfile

        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(self.HEADER)
                    file.write(data)
                os.replace(temporary, self._path(key))
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as exc:
            log.warning("could not persist a cache_data entry to %s: %s", self.folder, exc)

    def delete(self, key: str) -> None:
        self.forget(self._path(key))

    def clear(self) -> None:
        for path in self.folder.glob(f"{self.function_key}-*.pickle"):
            self.forget(path)

    @staticmethod
    def forget(path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not delete the cache file %s: %s", path, exc)


def cache_folder() -> Path:
    """Where ``cache_data(persist="disk")`` keeps its files: ``cache_data`` in platformdirs' user cache folder for
    "porch", or for a bundle's own name (``PORCH_APP_NAME``, as the shells do for settings), so that a packaged app
    keeps its cache apart."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(os.environ.get("PORCH_APP_NAME") or "porch", appauthor=False)) / "cache_data"


class KeyLocks:
    """One lock per key being computed, so that sessions asking for the same missing value compute it once: the first
    computes, the others wait and then read what it stored. A key's lock exists only while someone holds or waits for
    it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, list[int]]] = {}
        self._owners: dict[str, int] = {}  # key -> the thread computing it (sync holders only)

    @contextmanager
    def hold(self, key: str, waiting: Callable[[], None] | None = None, *, name: str = "") -> Iterator[None]:
        """Hold ``key``'s lock; while another thread holds it, call ``waiting`` every tenth of a second (a run's
        checkpoint, so that a superseded or stopped run stops waiting). A thread that asks again for the value it is
        computing (a recursive call with the same arguments) would wait for itself: that is an error instead."""
        me = threading.get_ident()
        with self._lock:
            if self._owners.get(key) == me:
                raise PorchAPIError(
                    f"{name or 'A cached function'} called itself with the same arguments while computing them: "
                    "that call can never be answered from the cache"
                )
            lock, users = self._locks.setdefault(key, (threading.Lock(), [0]))
            users[0] += 1
        try:
            if not lock.acquire(blocking=False):
                while not lock.acquire(timeout=0.1):
                    if waiting is not None:
                        waiting()
            try:
                self._owners[key] = me
                yield
            finally:
                self._owners.pop(key, None)
                lock.release()
        finally:
            with self._lock:
                users[0] -= 1
                if users[0] == 0:
                    del self._locks[key]

    @asynccontextmanager
    async def hold_async(self, key: str) -> AsyncIterator[None]:
        """:meth:`hold` for a coroutine: it waits by sleeping on its event loop, not by blocking the thread."""
        import asyncio

        with self._lock:
            lock, users = self._locks.setdefault(key, (threading.Lock(), [0]))
            users[0] += 1
        try:
            while not lock.acquire(blocking=False):
                await asyncio.sleep(0.02)
            try:
                yield
            finally:
                lock.release()
        finally:
            with self._lock:
                users[0] -= 1
                if users[0] == 0:
                    del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)


# -- parameters ------------------------------------------------------------------------------------------------------

def ttl_seconds(ttl: float | timedelta | str | None) -> float | None:
    """``ttl`` in seconds: a number of seconds, a ``timedelta``, or a string as pandas' ``Timedelta`` reads them
    (``"1h"``, ``"1.5 days"``, ``"1h23s"``, ``"2 days 01:00:00"``; see ``porch.durations``), which Streamlit passes
    strings to."""
    if ttl is None:
        return None
    if isinstance(ttl, timedelta):
        return ttl.total_seconds()
    if isinstance(ttl, str):
        seconds = seconds_in(ttl)
        if seconds is None:
            raise PorchAPIError(
                f"ttl {ttl!r} is not a duration: write a number and a unit, such as '30s', '1h', '1.5 days' or '1h30m'"
            )
        return seconds
    if isinstance(ttl, bool) or not isinstance(ttl, (int, float)) or math.isnan(ttl):
        raise PorchAPIError(f"ttl must be seconds, a timedelta or a string such as '1h', not {ttl!r}")
    return float(ttl)


_SIZE_UNITS = {"b": 1, "kb": 1024, "kib": 1024, "mb": 1024**2, "mib": 1024**2, "gb": 1024**3, "gib": 1024**3,
               "tb": 1024**4, "tib": 1024**4}
_SIZE = re.compile(r"^\s*(\d{1,100}(?:\.\d{0,100})?|\.\d{1,100})\s*([a-z]+)\s*$", re.I)


def max_size_bytes(value: int | str | None) -> int | None:
    """``max_size`` in bytes: an int, or a string with a unit (``"500MB"``, ``"1.5GiB"``; powers of 1024 for both
    spellings, fractions rounded down), as Streamlit 1.67 reads it."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise PorchAPIError(f"max_size must be a number of bytes or a string such as '500MB', not {value!r}")
    if isinstance(value, int):
        size = value
    else:
        found = _SIZE.match(value)
        if found is None or found.group(2).lower() not in _SIZE_UNITS:
            raise PorchAPIError(f"max_size {value!r} is not a size: write a number and a unit, such as '500MB'")
        number, unit = found.groups()
        whole, _, fraction = number.partition(".")
        multiplier = _SIZE_UNITS[unit.lower()]
        size = int(whole or 0) * multiplier + (int(fraction) * multiplier // 10 ** len(fraction) if fraction else 0)
    if size <= 0:
        raise PorchAPIError(f"max_size must be a positive size, not {value!r}")
    return size


def describe(value: Any) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}" if kind.__module__ != "builtins" else kind.__qualname__
