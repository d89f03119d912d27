"""A store shared by the replicas of one app (``--store redis://host:port/db``): what lets a session move to another
replica, and what the replicas share besides.

- ``base``: the :class:`Store` interface, the few operations the rest of Porch asks of a store, and
  :func:`open_store`, which makes one from its URL (Redis is the one kind; its client is imported only then).
- ``redis_store``: those operations on Redis.
- ``snapshot``: what of a session can move (widget values, the picklable part of ``session_state``, small uploads)
  and what cannot, which is named to the user.
- ``handoff``: the session manager's side: a snapshot written after each run and on drain, refreshed while the
  session lives, and read back by the replica a page comes to next.
- ``cache_tier``: ``cache_data`` values shared through the store.

Without a store none of this is imported, and every session lives in one process, as on one machine.
"""

from __future__ import annotations

from .base import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
