"""The shared store on Redis, through redis-py (the extra ``porch[redis]``; imported only with ``--store``).

Keys, all under ``porch:`` (one Redis database per app: the ``/db`` of the URL):

- ``porch:session:<id>``: a hash: ``snapshot`` (``snapshot.py``'s bytes) and ``file:<file id>`` (an uploaded file's
  bytes, written once), expiring with the session (``handoff.py`` refreshes it while the session lives).
- ``porch:token``: the access token ``--token auto`` replicas share (the first one's).
- ``porch:cache:<function>:<key>``: a ``cache_data`` value, expiring after its ``ttl``; with ``max_entries``, the
  sorted set ``porch:cache-index:<function>`` ranks the function's values by last use, and a Lua script trims it
  as a value is added (one script: two replicas adding at once cannot both skip the trim).
- the channel ``porch:cache-cleared``: ``[function, key]`` (null for all) whenever a replica clears cached values,
  so every replica drops its own memory copies too.

Every Redis error becomes :class:`StoreError`. A connection that fails is retried once at once (a pooled
connection Redis closed while idle), never with a backoff: a request waits on the store at most ``timeout`` seconds
per try.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .base import SessionWrite, StoredSession, StoreError, shown_url

log = logging.getLogger("porch.store")

PREFIX = "porch:"
SESSION = PREFIX + "session:"
TOKEN = PREFIX + "token"
CACHE = PREFIX + "cache:"
CACHE_INDEX = PREFIX + "cache-index:"
CACHE_CLEARED = PREFIX + "cache-cleared"
SNAPSHOT_FIELD = b"snapshot"
FILE_FIELD = "file:"

#: KEYS: the value's key, the function's index. ARGV: the value, its ttl in ms (0: none), max_entries, now in ms, the
#: value's key within the function, the prefix of the function's value keys. Entries whose value expired leave the
#: index first; then the least recently used go, down to max_entries.
_PUT_BOUNDED = """
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
local max = tonumber(ARGV[3])
if redis.call('ZCARD', KEYS[2]) > max then
  for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
    if redis.call('EXISTS', ARGV[6] .. member) == 0 then redis.call('ZREM', KEYS[2], member) end
  end
  local excess = redis.call('ZCARD', KEYS[2]) - max
  if excess > 0 then
    for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do
      redis.call('DEL', ARGV[6] .. member)
    end
    redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  end
end
return 0
"""


class RedisStore:
    """:class:`porch.store.Store` on one Redis server (not a cluster: the cache trim's script names keys it finds)."""

    def __init__(self, url: str, *, timeout: float = 2.0) -> None:
        self.shown = shown_url(url)
        try:
            self._redis = redis.Redis.from_url(
                url,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
                retry=Retry(NoBackoff(), 1),
                health_check_interval=30,
            )
        except ValueError as exc:  # a URL redis-py cannot read (a port that is not a number...)
            raise StoreError(f"store {self.shown!r}: {exc}") from None
        self._put_bounded = self._redis.register_script(_PUT_BOUNDED)
        self._listener: Any = None
        self._listeners: list[Callable[[str | None, str | None], None]] = []
        self._lock = threading.Lock()

    def _fail(self, exc: Exception, doing: str) -> StoreError:
        return StoreError(f"the store {self.shown} did not answer {doing}: {exc}")

    def ping(self) -> None:
        try:
            self._redis.ping()
        except redis.RedisError as exc:
            raise self._fail(exc, "a ping") from None

    # -- sessions -----------------------------------------------------------------------------------------------

    def write_sessions(self, writes: Iterable[SessionWrite]) -> None:
        pipe = self._redis.pipeline(transaction=False)
        for write in writes:
            key = SESSION + write.session_id
            fields: dict[str | bytes, bytes] = {FILE_FIELD + file_id: data for file_id, data in write.files.items()}
            if write.snapshot is not None:
                fields[SNAPSHOT_FIELD] = write.snapshot
            if fields:
                pipe.hset(key, mapping=fields)  # type: ignore[arg-type]
            if write.dropped:
                pipe.hdel(key, *(FILE_FIELD + file_id for file_id in write.dropped))
            pipe.pexpire(key, _ms(write.ttl))
        try:
            pipe.execute()
        except redis.RedisError as exc:
            raise self._fail(exc, "a session's snapshot") from None

    def expire_sessions(self, ttls: dict[str, float]) -> None:
        if not ttls:
            return
        pipe = self._redis.pipeline(transaction=False)
        for session_id, ttl in ttls.items():
            pipe.pexpire(SESSION + session_id, _ms(ttl))
        try:
            pipe.execute()
        except redis.RedisError as exc:
            raise self._fail(exc, "the sessions' expiry") from None

    def read_session(self, session_id: str) -> StoredSession | None:
        try:
            found: dict[bytes, bytes] = self._redis.hgetall(SESSION + session_id)  # type: ignore[assignment]
        except redis.RedisError as exc:
            raise self._fail(exc, "for a session") from None
        snapshot = found.pop(SNAPSHOT_FIELD, None)
        if snapshot is None:
            return None
        prefix = FILE_FIELD.encode()
        files = {name[len(prefix):].decode(): data for name, data in found.items() if name.startswith(prefix)}
        return StoredSession(snapshot, files)

    # -- the access token ---------------------------------------------------------------------------------------

    def shared_token(self, candidate: str) -> str:
        try:
            pipe = self._redis.pipeline(transaction=True)
            pipe.set(TOKEN, candidate, nx=True)
            pipe.get(TOKEN)
            _, stored = pipe.execute()
        except redis.RedisError as exc:
            raise self._fail(exc, "for the access token") from None
        return str(stored.decode()) if isinstance(stored, bytes) else candidate

    # -- cache_data ---------------------------------------------------------------------------------------------

    def cache_get(self, function: str, key: str, *, touch: bool) -> tuple[bytes, float | None] | None:
        pipe = self._redis.pipeline(transaction=False)
        pipe.get(CACHE + f"{function}:{key}")
        pipe.pttl(CACHE + f"{function}:{key}")
        if touch:
            pipe.zadd(CACHE_INDEX + function, {key: _now_ms()}, xx=True)
        try:
            data, left, *_ = pipe.execute()
        except redis.RedisError as exc:
            raise self._fail(exc, "for a cached value") from None
        if not isinstance(data, bytes):
            return None
        return data, (left / 1000 if isinstance(left, int) and left >= 0 else None)

    def cache_put(self, function: str, key: str, data: bytes, *, ttl: float | None, max_entries: int | None) -> None:
        name = CACHE + f"{function}:{key}"
        try:
            if max_entries is None:
                self._redis.set(name, data, px=_ms(ttl) if ttl is not None else None)
            else:
                self._put_bounded(
                    keys=[name, CACHE_INDEX + function],
                    args=[data, _ms(ttl) if ttl is not None else 0, max(max_entries, 1), _now_ms(), key,
                          CACHE + f"{function}:"],
                )
        except redis.RedisError as exc:
            raise self._fail(exc, "storing a cached value") from None

    def cache_delete(self, function: str | None, key: str | None = None) -> None:
        try:
            if function is not None and key is not None:
                pipe = self._redis.pipeline(transaction=False)
                pipe.delete(CACHE + f"{function}:{key}")
                pipe.zrem(CACHE_INDEX + function, key)
                pipe.execute()
            else:
                pattern = f"{function}:*" if function is not None else "*"
                for match in (CACHE + pattern, CACHE_INDEX + (function or "*")):
                    batch: list[bytes] = []
                    for name in self._redis.scan_iter(match=match, count=500):
                        batch.append(name)
                        if len(batch) >= 500:
                            self._redis.delete(*batch)
                            batch = []
                    if batch:
                        self._redis.delete(*batch)
            self._redis.publish(CACHE_CLEARED, json.dumps([function, key]))
        except redis.RedisError as exc:
            raise self._fail(exc, "clearing cached values") from None

    def on_cache_cleared(self, callback: Callable[[str | None, str | None], None]) -> None:
        with self._lock:
            self._listeners.append(callback)
            if self._listener is not None:
                return
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)  # type: ignore[no-untyped-call]
            pubsub.subscribe(**{CACHE_CLEARED: self._cleared})
            self._listener = pubsub.run_in_thread(sleep_time=1.0, daemon=True, exception_handler=self._listen_failed)
            self._listener.name = "porch-store-listener"

    def _cleared(self, message: dict[str, Any]) -> None:
        """A replica cleared cached values (the listener's thread)."""
        try:
            function, key = json.loads(message["data"])
        except (ValueError, TypeError, KeyError):
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(function if isinstance(function, str) else None, key if isinstance(key, str) else None)
            except Exception:
                log.exception("dropping cached values another replica cleared failed")

    def _listen_failed(self, exc: BaseException, pubsub: Any, thread: Any) -> None:
        """The listener lost the store: it subscribes again on its next read; meanwhile another replica's clear is
        not seen here (this replica's copies still end with their ttl)."""
        log.debug("the store's listener: %s", exc)
        time.sleep(1.0)

    def close(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        self._redis.close()


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


def _now_ms() -> int:
    return int(time.time() * 1000)
