"""The URL map: which endpoint answers which path under the engine's base (and every other path), and the WebSocket
limits.

The one place that names every endpoint, so the engine builds its application from two calls and the endpoints stay
independent of each other. Every handler gets the same ``{"engine": engine}`` arguments (see
:class:`porch.http.base.HttpEngine`).
"""

from __future__ import annotations

from typing import Any

from tornado import web
from tornado.routing import Rule

from ..protocol import MAX_CLIENT_MESSAGE_BYTES
from .asgi import app_rules
from .assets import StaticHandler
from .auth import CallbackHandler, LoginHandler, LogoutHandler
from .base import HttpEngine, NotFoundHandler
from .basemap import BasemapHandler, TileSource
from .component import ComponentHandler
from .health import HealthHandler
from .media import MediaHandler
from .page import IndexHandler
from .socket import SessionSocket
from .upload import UploadHandler


def routes(engine: HttpEngine) -> list[Rule | tuple[str, type[web.RequestHandler], dict[str, Any]]]:
    base = engine.config.normalized_base()
    args = {"engine": engine}
    # The routes of a porch.App come first, as Streamlit puts them before its own: they may answer at the page's
    # address too; never under _porch/ (refused when the App is made, and never matched: ``http.asgi``).
    custom = app_rules(engine, engine.app_routes) if engine.app_routes is not None else []
    return [
        *custom,
        (rf"{base}/", IndexHandler, args),
        # Sign-in (porch.login): the provider sends the browser back to redirect_uri, which Streamlit's secrets name
        # <app>/oauth2callback; matched before the pages, as these are not pages.
        (rf"{base}/auth/login", LoginHandler, args),
        (rf"{base}/auth/logout", LogoutHandler, args),
        (rf"{base}/oauth2callback", CallbackHandler, args),
        # A page of a multipage app (``porch.navigation``): the same page, which tells its path in ``hello``. Which
        # paths are pages only the script knows; one it does not have shows its main page and says so.
        (rf"{base}/(?!_porch/?$)[^/]+/?", IndexHandler, args),
        (rf"{base}/_porch/static/(.+)", StaticHandler, args),
        (rf"{base}/_porch/health", HealthHandler, args),
        (rf"{base}/_porch/media/(.*)", MediaHandler, args),
        (rf"{base}/_porch/component/([^/]+)/(.+)", ComponentHandler, args),
        (rf"{base}/_porch/upload/([^/]+)/([^/]+)(?:/([^/]+))?", UploadHandler, args),
        # Base-map tiles fetched by the server (``map``, ``pydeck_chart``): one source, its fetches and its disk
        # cache, for the application.
        (rf"{base}/_porch/basemap/(.*)", BasemapHandler, {**args, "tiles": TileSource(engine.config)}),
        (rf"{base}/_porch/ws", SessionSocket, args),
    ]


def application(engine: HttpEngine, *, log_requests: bool = True) -> web.Application:
    """The tornado application of every endpoint under the engine's base: served by the engine's own listener, or
    fed requests by an ASGI server (``http.asgi_app``, one application per base it is mounted at). Without
    ``log_requests`` it writes no access log line (the App's stack under ``porch run`` writes the request's one:
    ``http.asgi_front``)."""
    quiet: dict[str, Any] = {} if log_requests else {"log_function": _unlogged}
    return web.Application(
        routes(engine),
        xheaders=engine.config.behind_proxy,
        xsrf_cookies=engine.config.xsrf_protection,
        xsrf_cookie_kwargs={"samesite": "Strict", "path": engine.config.normalized_base() + "/"},
        **application_settings(engine),
        **quiet,
    )


def _unlogged(handler: web.RequestHandler) -> None:
    """No access log line for this request (another application writes it)."""


def application_settings(engine: HttpEngine) -> dict[str, Any]:
    """The application's settings beside the routes: the handler of paths no route names, and the WebSocket limits
    (a ping every ``ping_interval`` seconds; a socket whose pong does not come within ``ping_timeout`` is closed)."""
    return {
        "default_handler_class": NotFoundHandler,
        "default_handler_args": {"engine": engine},
        "websocket_max_message_size": MAX_CLIENT_MESSAGE_BYTES,
        "websocket_ping_interval": engine.config.ping_interval,
        "websocket_ping_timeout": min(engine.config.ping_timeout, engine.config.ping_interval),
    }
