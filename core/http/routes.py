"""The URL map: which endpoint answers which path under the engine's base, and the WebSocket limits.

The one place that names every endpoint, so the engine builds its application from two calls and the endpoints stay
independent of each other. Every handler gets the same ``{"engine": engine}`` arguments (see
:class:`porch.http.base.HttpEngine`).
"""

from __future__ import annotations

from typing import Any

from tornado import web

from ..protocol import MAX_CLIENT_MESSAGE_BYTES
from .assets import StaticHandler
from .base import HttpEngine
from .component import ComponentHandler
from .health import HealthHandler
from .media import MediaHandler
from .page import IndexHandler
from .socket import SessionSocket
from .upload import UploadHandler


def routes(engine: HttpEngine) -> list[tuple[str, type[web.RequestHandler], dict[str, Any]]]:
    base = engine.config.normalized_base()
    args = {"engine": engine}
    return [
        (rf"{base}/", IndexHandler, args),
        # A page of a multipage app (``porch.navigation``): the same page, which tells its path in ``hello``. Which
        # paths are pages only the script knows; one it does not have shows its main page and says so.
        (rf"{base}/(?!_porch/?$)[^/]+/?", IndexHandler, args),
        (rf"{base}/_porch/static/(.+)", StaticHandler, args),
        (rf"{base}/_porch/health", HealthHandler, args),
        (rf"{base}/_porch/media/(.*)", MediaHandler, args),
        (rf"{base}/_porch/component/([^/]+)/(.+)", ComponentHandler, args),
        (rf"{base}/_porch/upload/([^/]+)/([^/]+)(?:/([^/]+))?", UploadHandler, args),
        (rf"{base}/_porch/ws", SessionSocket, args),
    ]


def websocket_settings(engine: HttpEngine) -> dict[str, Any]:
    return {
        "websocket_max_message_size": MAX_CLIENT_MESSAGE_BYTES,
        "websocket_ping_interval": engine.config.ping_interval,
        "websocket_ping_timeout": engine.config.ping_interval,
    }
