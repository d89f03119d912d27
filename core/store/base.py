"""What Porch asks of a shared store, and how one is opened from its URL.

A store holds bytes under keys that expire; it never unpickles anything (``snapshot`` and ``cache_tier`` do, and
say what they trust). Every method may be called from any thread and raises :class:`StoreError` when the store
cannot be reached, so that callers decide what an outage costs (a session that cannot move, a cache miss).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

log = logging.getLogger("porch.store")

#: The schemes ``open_store`` takes: Redis over TCP, over TLS, or over a Unix socket (redis-py's URL forms).
REDIS_SCHEMES = ("redis", "rediss", "unix")


class StoreError(Exception):
    """The store could not be reached or refused an operation."""


@dataclass
class SessionWrite:
    """One session's snapshot (None: unchanged) and the uploaded files it holds: those to add by file id, those to
    drop. The whole is kept for ``ttl`` seconds from the write."""

    session_id: str
    snapshot: bytes | None
    ttl: float
    files: dict[str, bytes] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    #: Called once the write is done (the writer's thread): the session acknowledges the client events its snapshot
    #: holds (``Session.acknowledge``). None: nothing to acknowledge.
    written: Callable[[], None] | None = None


@dataclass(frozen=True)
class StoredSession:
    """What a store holds of one session: its snapshot and the bytes of its uploaded files, by file id."""

    snapshot: bytes
    files: dict[str, bytes]


class Store(Protocol):
    """The operations on a shared store. ``RedisStore`` is the one implementation."""

    #: The store's URL with any password left out, for logs and messages.
    shown: str

    def ping(self) -> None:
        """Raise :class:`StoreError` unless the store answers."""

    # -- sessions -----------------------------------------------------------------------------------------------

    def write_sessions(self, writes: Iterable[SessionWrite]) -> None:
        """Apply each write, all in one round trip."""

    def expire_sessions(self, ttls: dict[str, float]) -> None:
        """Keep each session for its number of seconds from now (not beyond: a session gone from every replica
        leaves the store when its time is up)."""

    def read_session(self, session_id: str) -> StoredSession | None:
        """A session's snapshot and files, or None when the store holds none."""

    # -- the access token ---------------------------------------------------------------------------------------

    def shared_token(self, candidate: str) -> str:
        """The token every replica uses: ``candidate`` if none was stored yet (it is stored), else the stored one."""

    # -- cache_data ---------------------------------------------------------------------------------------------

    def cache_get(self, function: str, key: str, *, touch: bool) -> tuple[bytes, float | None] | None:
        """A cached value of ``function`` under ``key`` and the seconds it has left (None: no ttl); None when there
        is none. ``touch``: count this as a use (``max_entries`` keeps the most recently used)."""

    def cache_put(self, function: str, key: str, data: bytes, *, ttl: float | None, max_entries: int | None) -> None:
        """Keep ``data`` for ``ttl`` seconds; past ``max_entries`` values of ``function``, drop the least recently
        used."""

    def cache_delete(self, function: str | None, key: str | None = None) -> None:
        """Drop one value of ``function``, all of its values (``key`` None), or every function's (``function``
        None); tell the other replicas (:meth:`on_cache_cleared`)."""

    def on_cache_cleared(self, callback: Callable[[str | None, str | None], None]) -> None:
        """Call ``callback(function, key)`` (on a thread of the store's) whenever a replica drops cached values, as
        :meth:`cache_delete` was called."""

    def close(self) -> None:
        """Stop listening and let go of the connections."""


def shown_url(url: str) -> str:
    """``url`` without its password (``redis://:secret@host`` -> ``redis://:***@host``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def open_store(url: str, *, timeout: float = 2.0) -> Store:
    """The store at ``url`` (``redis://[:password@]host[:port][/db]``, ``rediss://`` for TLS, ``unix:///path``),
    checked to answer. Raises :class:`StoreError` with a sentence to show (a URL of another kind, the ``redis``
    package missing, a store that does not answer)."""
    scheme = urlsplit(url).scheme
    if scheme not in REDIS_SCHEMES:
        raise StoreError(
            f"store {shown_url(url)!r} is not a Redis URL: use redis://host:port/db (or rediss:// for TLS, "
            "unix:///path/to/socket)"
        )
    try:
        import redis  # noqa: F401  (only with a store: the extra porch[redis])
    except ImportError:
        raise StoreError(
            "a store needs the redis client: pip install 'porch[redis]' (or pip install redis)"
        ) from None
    from .redis_store import RedisStore

    store = RedisStore(url, timeout=timeout)
    try:
        store.ping()
    except StoreError:
        store.close()
        raise
    return store


class Outage:
    """Logs a store that stops answering once (saying what that costs), and once when it answers again."""

    def __init__(self, shown: str, costs: str) -> None:
        self.shown = shown
        self.costs = costs
        self._down = False
        self._lock = threading.Lock()

    def failed(self, exc: StoreError) -> None:
        with self._lock:
            first, self._down = not self._down, True
        if first:
            log.warning("%s: %s until it answers (logged once until then)", exc, self.costs)

    def answered(self) -> None:
        if not self._down:
            return
        with self._lock:
            was, self._down = self._down, False
        if was:
            log.info("the store %s answers again", self.shown)
