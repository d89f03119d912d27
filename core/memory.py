"""Giving memory back once sessions end: their reference cycles collected, the freed pages returned to the OS.

A closed session is garbage in cycles (the session and its runner, its runs and fragments): it is freed when the
cyclic collector next runs its oldest generation, which on a server holding many long-lived objects can be a long
way off. What it freed then stays with the allocators (glibc's heaps, one per thread that allocated, the workers'
too; CPython's 1 MiB arenas for small objects) rather than going back to the OS, so resident memory ratcheted up burst after burst of abandoned sessions (44 -> 93 -> 113 ->
124 MiB over three bursts of 300 on the reference VM). So the session manager calls :meth:`MemoryRelease.soon`
whenever it frees a session; once sessions have stopped closing for a moment (or a while has passed in a steady
stream), one full collection runs on the loop (about 12 ms for the engine's 35,000 objects), then ``malloc_trim(0)``
in a worker thread: it walks every arena and hands back their free pages, and ctypes releases the GIL around it, so
the loop keeps serving meanwhile.

Before collecting, the interpreter's type attribute cache is cleared (``sys._clear_type_cache``): in CPython 3.11 it
keeps a reference to the name of each of the last 4,096 attribute lookups, names made at run time included (an HTTP
method lowered, a JSON decoder's option looked up by a C string), and those strings, made during a burst of sessions,
kept most of the allocator's arenas of that burst from being returned (82 MiB stayed after 1,000 sessions with
them, 60 MiB without, from 41 MiB before the burst). Lookups fill it again as they happen.

Where the C library has no ``malloc_trim`` (not glibc: macOS, Windows, musl), only the collection runs.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import platform
import sys
import time
from collections.abc import Callable

from .interfaces import Loop
from .workers import workers

log = logging.getLogger("porch.memory")

#: Seconds without a session closing before memory is released.
QUIET_SECONDS = 1.0
#: Most seconds a release waits while sessions keep closing.
MAX_WAIT_SECONDS = 10.0


def _find_malloc_trim() -> Callable[[int], int] | None:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


#: glibc's ``malloc_trim``, or None where there is none.
malloc_trim = _find_malloc_trim()


class MemoryRelease:
    """Collects and trims after sessions close, once per burst. Event loop thread (the trim runs in a worker)."""

    def __init__(self, loop: Loop, *, quiet: float = QUIET_SECONDS, max_wait: float = MAX_WAIT_SECONDS) -> None:
        self._loop = loop
        self._quiet = quiet
        self._max_wait = max_wait
        self._first: float | None = None  # when the first session freed since the last release closed
        self._last = 0.0
        #: Releases done (for tests and the log).
        self.releases = 0

    @property
    def pending(self) -> bool:
        """Whether sessions were freed since the last release (one is due)."""
        return self._first is not None

    def soon(self) -> None:
        """A session was freed: release memory once closing has paused."""
        now = time.monotonic()
        self._last = now
        if self._first is None:
            self._first = now
            self._loop.call_later(self._quiet, self._due)

    def _due(self) -> None:
        now = time.monotonic()
        first = self._first
        if first is None:
            return
        quiet_left = self._last + self._quiet - now
        if quiet_left > 0 and now - first < self._max_wait:
            self._loop.call_later(min(quiet_left, first + self._max_wait - now), self._due)
            return
        self._first = None
        self.release()

    def release(self) -> None:
        """Collect now; trim in a worker thread."""
        started = time.perf_counter()
        sys._clear_type_cache()
        found = gc.collect()
        collected = time.perf_counter() - started
        self.releases += 1
        log.debug("freed sessions: %d objects collected in %.1f ms", found, collected * 1000)
        if malloc_trim is not None:
            workers.submit(_trim)


def _trim() -> None:
    started = time.perf_counter()
    assert malloc_trim is not None
    malloc_trim(0)
    log.debug("malloc_trim took %.1f ms", (time.perf_counter() - started) * 1000)
