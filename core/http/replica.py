"""The replica cookie: which of several servers behind one proxy a browser's session lives on.

Set on the page and on the session socket's handshake when the engine has a ``replica_id`` (``--replica-id``), so
any proxy can keep a browser on its replica by that cookie (HAProxy's ``cookie porch_replica``, nginx's
``map $cookie_porch_replica``: ``docs/deploy.md``) without inserting one of its own. It names a server, not a
person: it carries no secret, and a browser that presents another replica's is simply sent there by the proxy.
"""

from __future__ import annotations

from tornado import web

from ..config import EngineConfig

REPLICA_COOKIE = "porch_replica"


def set_replica_cookie(handler: web.RequestHandler, config: EngineConfig) -> None:
    """Name this replica in the browser's ``porch_replica`` cookie (path: the base path; SameSite=Lax, so a link
    from another site still lands on the same replica; HttpOnly), unless it already does or there is no replica."""
    replica = config.replica_id
    if not replica or handler.get_cookie(REPLICA_COOKIE) == replica:
        return
    handler.set_cookie(
        REPLICA_COOKIE,
        replica,
        path=config.normalized_base() + "/",
        httponly=True,
        samesite="Lax",
        secure=handler.request.protocol == "https",
    )
