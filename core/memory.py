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

What stays, and why. After a burst of 300 sessions and its TTL (``benchmarks/reliability.py``, ``session_memory``),
resident memory was 1.25 to 1.31 times that of the cold server (39 -> 50 MiB). Counted in the server process
(``sys._debugmallocstats``, and a walk of the pools): the bytes of live small objects were the same as before the
burst (16.99 MB both), the C library's heaps had given back their free pages (``malloc_info``: its main heap used
5.6 MiB before and after, its 15 heaps of threads as much as before, 132 KiB each but one; eight worker threads
before and after; zlib's compression state is the C library's too), but CPython's allocator kept 11 more 1 MiB
arenas, almost empty: 10.9 MiB of free pools in them. An arena goes back to the OS only when every block in it is
free, and each of those held a few blocks made during or after the burst, where the allocator happened to place them:

- 6 arenas: the finished ``await`` iterators asyncio's C module keeps for reuse (255, never cleared by a collection),
  the burst's own. :func:`renew_future_iterators` replaces them by new ones packed in one or two pools.
- 3 arenas: parked worker threads' places, locks and wait arguments, made when they parked at the end of the burst.
  Parking now allocates nothing (``porch.workers``).
- the rest: a few objects each, made as the server went on (timers, the interpreter's free lists of floats, tuples
  and contexts, refilled after the collection emptied them), in whichever partly used pool came first.

With both changes it is 1.13 to 1.28 times (39 -> 44 to 50 MiB; 1.20 the median of seven runs), and it does not
grow from burst to burst. The rest is how CPython's small-object allocator works (1 MiB arenas, freed whole or not at
all), and no collection can move a live object. Run the server with ``PYTHONMALLOC=malloc`` and every object is the C
library's, whose free pages ``malloc_trim`` returns wherever they are: 1.06 to 1.09 times the cold server after the
first burst, for 10 to 15% more CPU time per rerun (``docs/security.md``).

Where the C library has no ``malloc_trim`` (not glibc: macOS, Windows, musl), only the collection runs. It is looked
up at the first release, not at import: ``ctypes`` and ``platform`` cost a start about 140 KiB and 3 ms, which a server
whose sessions never close need not pay.
"""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Callable
from functools import cache

from .interfaces import Loop
from .workers import workers

log = logging.getLogger("porch.memory")

#: Seconds without a session closing before memory is released.
QUIET_SECONDS = 1.0
#: Most seconds a release waits while sessions keep closing.
MAX_WAIT_SECONDS = 10.0


@cache
def malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none. Looked up once, at the first release."""
    import ctypes
    import platform

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
        renew_future_iterators()
        collected = time.perf_counter() - started
        self.releases += 1
        log.debug("freed sessions: %d objects collected in %.1f ms", found, collected * 1000)
        if malloc_trim() is not None:
            workers.submit(_trim)


#: How many finished ``await`` iterators asyncio's C module keeps for reuse (``FI_FREELIST_MAXLEN``, CPython 3.10-3.13).
FUTURE_ITERATORS_KEPT = 255


def renew_future_iterators() -> None:
    """Make asyncio's store of finished ``await`` iterators hold new ones, close together, and free the ones it held.

    Every ``await`` of a future makes an iterator; asyncio's C module keeps up to 255 finished ones for reuse, for the
    life of the process, and no collection clears them. After a burst of sessions they are iterators of the burst,
    scattered over its arenas, and each keeps its arena. Taking all of them out of the store, making as many new ones
    (packed into a few pools), returning the new ones to the store first, then the old ones (the store now full, the
    old ones are freed), leaves the store in one or two pools. Event loop thread; about 50 microseconds.
    """
    import asyncio  # loaded already wherever a loop runs (tornado's is asyncio's)

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    future = loop.create_future()
    kept = [future.__await__() for _ in range(FUTURE_ITERATORS_KEPT)]  # the store's, taken out of it
    made = [future.__await__() for _ in range(FUTURE_ITERATORS_KEPT)]  # the store is empty: these are new
    del made  # into the store
    del kept  # the store is full: freed
    future.cancel()


def _trim() -> None:
    started = time.perf_counter()
    trim = malloc_trim()
    if trim is not None:
        trim(0)
    log.debug("malloc_trim took %.1f ms", (time.perf_counter() - started) * 1000)
