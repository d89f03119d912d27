"""Every request through the App's stack under ``porch run launcher.py``: tornado's listener hands each one to the
``porch.App``'s ASGI stack (its ``middleware``, ``exception_handlers`` and ``debug``: ``App.asgi_stack``), whose
innermost app is Porch's own ASGI app (``http.asgi_app.EngineAsgi``), as under an ASGI server. One stack, one order,
whatever the server: a middleware sees the page, the client's files, the session socket, media, uploads, health and
the App's routes, as Streamlit 1.67's user middleware sees its endpoints.

The listener's application is then two rules that take every request: HTTP to :class:`StackHandler`, a WebSocket to
:class:`StackSocket` (``http.asgi``'s bridge from tornado to ASGI, with the scope an ASGI server would give: the
whole path, no base, the App's lifespan state). Porch's checks (Host, token or desktop secret, origin, XSRF, body
and message sizes) are not made here: they are the endpoints', inside the stack, exactly as without it, so a
middleware may add a check and never take one away. An App without middleware, exception handlers or ``debug`` has
no stack: tornado serves Porch's endpoints directly (``http.routes.application``).

Event loop thread only.
"""

from __future__ import annotations

from typing import Any

from tornado import routing, web
from tornado.httputil import HTTPServerRequest

from .asgi import AppRoutes, AsgiApp, AsgiHandler, AsgiSocket, Message, is_websocket, scope_of
from .base import HttpEngine
from .deflate import compression_options
from .routes import application_settings


class EveryRequest(routing.Matcher):
    """Every HTTP request, or every WebSocket."""

    def __init__(self, *, websocket: bool) -> None:
        self.websocket = websocket

    def match(self, request: HTTPServerRequest) -> dict[str, Any] | None:
        return {} if is_websocket(request) == self.websocket else None


class StackHandler(AsgiHandler):
    """One HTTP request, answered by the App's stack. What the stack raises (Starlette's ``ServerErrorMiddleware``
    answers it, then raises it again for the server to log) is logged here, once."""

    raiser = "the App's middleware stack"

    def _admitted(self) -> bool:
        return True  # Porch's checks are the endpoints', inside the stack

    def _scope(self) -> Message:
        scope = scope_of(self.request, "", self.routes.state, websocket=False, every_path=True)
        if scope is None:  # every path is under the empty base
            raise RuntimeError("a request outside every path")
        return scope


class StackSocket(AsgiSocket):
    """One WebSocket, served by the App's stack: the session socket's own checks and limits are inside it
    (``http.asgi_socket``); the pings and compression are this listener's, as for ``http.socket.SessionSocket``."""

    def _admitted(self) -> bool:
        return True

    def _scope(self) -> Message:
        scope = scope_of(self.request, "", self.routes.state, websocket=True, every_path=True)
        if scope is None:
            raise RuntimeError("a socket outside every path")
        return scope

    def get_compression_options(self) -> dict[str, Any] | None:
        if self.engine.access.loopback_only:
            return None
        return compression_options(self.request.headers)

    def open(self, *args: str, **kwargs: str) -> None:
        self.set_nodelay(True)


def stack_application(engine: HttpEngine, stack: AsgiApp, state: dict[str, Any]) -> web.Application:
    """The listener's application when the App wraps every request: ``stack`` answers all of them; ``state`` is the
    App's lifespan state, which the scope carries as an ASGI server's lifespan state."""
    args = {"engine": engine, "routes": AppRoutes([], stack, state)}
    return web.Application(
        [
            routing.Rule(EveryRequest(websocket=True), StackSocket, args),
            routing.Rule(EveryRequest(websocket=False), StackHandler, args),
        ],
        xheaders=engine.config.behind_proxy,
        **application_settings(engine),
    )
