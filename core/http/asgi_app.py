"""Porch's engine as an ASGI application: ``uvicorn launcher:app``, or a ``porch.App`` mounted in FastAPI/Starlette.

The engine stays the one engine: it runs on the ASGI server's event loop (tornado 6 runs on asyncio), started by the
``lifespan`` startup (or by ``App.lifespan()`` when mounted) with no listener of its own, and stopped by the
shutdown (sessions ended, workers joined: ``Engine.stop``). The server brings the connections:

- ``http``: fed to the engine's tornado application, whose handlers answer it unchanged (``http.asgi_http``);
- ``websocket``: routed by the same application's URL map; the session socket is served by the ASGI transport of the
  session channel (``http.asgi_socket``), an App's ``WebSocketRoute`` by the App's routes after Porch's access and
  origin checks, anything else refused (404).

A mount's ``root_path`` (``app.mount("/dash", st_app)``, uvicorn's ``--root-path``) is the base path of the requests
that come through it, before the engine's own ``base_path``: the page's ``<base href>``, its cookies' paths and the
URL map follow it, one tornado application per base (:class:`BasedEngine`, a view of the engine with that base;
at most :data:`MAX_BASES` kept). The client's URLs are all relative to the page's base, so nothing else changes.

What an ASGI server does instead of Porch's listener (connection bounds, time limits, TLS, the client's address
behind a proxy, WebSocket pings and compression) is its own; Porch's access checks (Host, token, origin), XSRF,
headers and size limits are the engine's, as under ``porch run``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from tornado import httputil, web

from ..auth import AuthSettings, Metadata
from ..config import EngineConfig
from ..media import MediaStore
from ..security import AccessPolicy
from ..sessions import SessionManager
from ..static import StaticAssets
from .asgi import AsgiSocket, routed_scope
from .asgi_http import RequestContext, serve_http
from .asgi_socket import deny, serve_session_socket
from .base import HttpEngine, Page
from .routes import application
from .socket import SessionSocket

if TYPE_CHECKING:
    from .asgi import AppRoutes

log = logging.getLogger("porch.http.asgi")

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

#: Bases (mount paths) whose application is kept; a mount with a path parameter makes one per value.
MAX_BASES = 8


class ServedEngine(HttpEngine, Protocol):
    """The engine as an ASGI server runs it (``porch.engine.Engine``)."""

    async def start_unbound(self) -> None: ...

    async def stop(self, grace: float | None = None) -> None: ...

    def page_at(self, base: str) -> Page: ...


class BasedEngine:
    """The engine as the endpoints see it under one base path: its config's ``base_path`` and its page are the
    base's; everything else is the engine's."""

    def __init__(self, engine: ServedEngine, base: str) -> None:
        self._engine = engine
        self._config = dataclasses.replace(engine.config, base_path=base)
        self._page: Page | None = None

    @property
    def config(self) -> EngineConfig:
        return self._config

    @property
    def access(self) -> AccessPolicy:
        return self._engine.access

    @property
    def assets(self) -> StaticAssets:
        return self._engine.assets

    @property
    def media(self) -> MediaStore:
        return self._engine.media

    @property
    def sessions(self) -> SessionManager:
        return self._engine.sessions

    @property
    def draining(self) -> bool:
        return self._engine.draining

    def status(self) -> dict[str, object]:
        return self._engine.status()

    def index_page(self) -> Page:
        if self._page is None:
            self._page = self._engine.page_at(self._config.normalized_base())
        return self._page

    def auth_settings(self) -> AuthSettings:
        return self._engine.auth_settings()

    @property
    def oidc_metadata(self) -> Metadata:
        return self._engine.oidc_metadata

    @property
    def app_routes(self) -> AppRoutes | None:
        return self._engine.app_routes


class EngineAsgi:
    """The ASGI application of one engine: ``await served(scope, receive, send)`` for ``http`` and ``websocket``;
    :meth:`start` and :meth:`stop` are the lifespan's."""

    def __init__(self, engine: ServedEngine, max_plain_body: int, *, log_requests: bool = True) -> None:
        self.engine = engine
        self.max_plain_body = max_plain_body
        #: False under the App's stack on Porch's own listener, which logs each request once itself.
        self.log_requests = log_requests
        #: Error statuses the App's exception handlers take: Porch's own answers with them are raised to the
        #: handlers (``AsgiRequestConnection.handled_statuses``).
        self.handled_statuses: frozenset[int] = frozenset()
        self.started = False
        self._bases: OrderedDict[str, tuple[BasedEngine, web.Application]] = OrderedDict()

    async def start(self) -> None:
        await self.engine.start_unbound()
        self.started = True

    async def stop(self) -> None:
        if self.started:
            self.started = False
            await self.engine.stop()

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        base, target = _base_and_target(scope, self.engine.config.normalized_base())
        view, app = self._application(base)
        if kind == "http":
            await serve_http(app, scope, receive, send, target=target, max_body_size=self.max_plain_body,
                             handled_statuses=self.handled_statuses)
        elif kind == "websocket":
            await self._websocket(view, app, scope, receive, send, target)

    def _application(self, base: str) -> tuple[BasedEngine, web.Application]:
        kept = self._bases.get(base)
        if kept is None:
            view = BasedEngine(self.engine, base)
            kept = (view, application(view, log_requests=self.log_requests))
            self._bases[base] = kept
            while len(self._bases) > MAX_BASES:
                self._bases.popitem(last=False)
        else:
            self._bases.move_to_end(base)
        return kept

    async def _websocket(self, view: BasedEngine, app: web.Application, scope: Message, receive: Receive,
                         send: Send, target: str) -> None:
        headers = httputil.HTTPHeaders()
        for raw_name, raw_value in scope.get("headers", ()):
            headers.add(bytes(raw_name).decode("latin-1"), bytes(raw_value).decode("latin-1"))
        connection = _Handshake(RequestContext(scope))
        try:
            request = httputil.HTTPServerRequest(method="GET", uri=target, version="HTTP/1.1", headers=headers,
                                                 connection=connection)
        except httputil.HTTPInputError as exc:
            await deny(scope, send, 400, f"400 Bad Request\n{exc}\n")
            return
        found = app.find_handler(request)
        handler = getattr(found, "handler_class", None)
        settings = app.settings
        if handler is SessionSocket:
            await serve_session_socket(view, request, scope, receive, send,
                                       xsrf_cookie=str(settings.get("xsrf_cookie_name", "_xsrf")),
                                       max_message_size=int(settings["websocket_max_message_size"]))
        elif handler is AsgiSocket and view.app_routes is not None:
            await self._app_route(view, view.app_routes, request, scope, receive, send)
        else:
            await receive()  # websocket.connect
            await deny(scope, send, 404, "404 Not Found\n")

    async def _app_route(self, view: BasedEngine, routes: AppRoutes, request: httputil.HTTPServerRequest,
                         scope: Message, receive: Receive, send: Send) -> None:
        """A WebSocket one of the App's routes takes: Porch's checks, then the routes' app with the scope as is."""
        refusal = view.access.refusal(request)
        origin = request.headers.get("Origin") or request.headers.get("Sec-Websocket-Origin")
        if refusal is not None:
            await receive()
            await deny(scope, send, refusal.status, f"{refusal.status} {refusal.reason}\n{refusal.message}\n")
            return
        if origin is not None and not view.access.origin_allowed(origin, request):
            await receive()
            await deny(scope, send, 403, "Cross origin websockets not allowed")
            return
        base = view.config.normalized_base()
        if routes.wrapped:  # under the App's stack: its scope, as for an HTTP route (``http.asgi.AsgiHandler``)
            inner = routed_scope(scope, {"root_path": base}, routes.state)
        else:
            inner = {**scope, "root_path": base, "state": dict(routes.state)}
        await routes.app(inner, receive, send)


class _Handshake(httputil.HTTPConnection):
    """The connection a WebSocket's request names: its context (the client's address and scheme) only."""

    def __init__(self, context: RequestContext) -> None:
        self.context = context


def _base_and_target(scope: Message, engine_base: str) -> tuple[str, str]:
    """The base path of this request (its mount's ``root_path``, then the engine's ``base_path``) and the request
    target tornado routes: the whole path, the mount's part included, and the query."""
    root = str(scope.get("root_path", "") or "").rstrip("/")
    path = str(scope.get("path", "/"))
    raw = scope.get("raw_path")
    raw_path = bytes(raw).decode("latin-1") if raw else quote(path, safe="/:@!$&'()*+,;=~-._")
    if root and not (path == root or path.startswith(root + "/")):
        # A server that gives the path under the mount (the ASGI spec before root_path was part of ``path``).
        raw_path = quote(root, safe="/") + raw_path
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    return root + engine_base, raw_path + ("?" + query if query else "")
