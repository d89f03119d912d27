"""The App's routes (``porch.App(routes=...)``): requests they match, handed to their ASGI app from tornado.

The routes are Starlette's objects, gathered into one ASGI app (``porch.app.App.asgi_routes``; the App's middleware,
exception handlers and ``debug`` are around every request, not here: ``http.asgi_front``). Tornado asks :class:`AppRouteMatcher` about every request before Porch's page routes:
a request one of the routes matches (a path, or a path whose method the route does not allow, which the Starlette app
answers 405) goes to :class:`AsgiHandler`, or to :class:`AsgiSocket` for a WebSocket. Nothing under ``<base>/_porch/``
ever does, whatever a root ``Mount`` would take: those paths are Porch's.

One request is one ASGI call (``scope``, ``receive``, ``send``), run as a task on the engine's loop:

- the scope: ``path`` is the URL's path decoded, ``root_path`` the engine's base path (the routes sit under it, as the
  page does), ``state`` a copy of the App's lifespan state (``App.state``), as an ASGI server passes it; under the
  App's stack, the stack's own scope with those (``routed_scope``), and what the route raises goes up to the stack;
- the request body streams in as tornado reads it, through :class:`Inbox`, which holds a few chunks at most: tornado
  stops reading while the app is not taking them. The body may be as large as ``max_upload_bytes`` (the largest body
  Porch accepts) and must arrive within ``body_timeout``;
- the answer streams out: each ``http.response.body`` with ``more_body`` is flushed and waited for, so a slow client
  slows the app rather than filling memory.

Every request passes :class:`porch.http.base.EngineHandler`'s checks first (Host, token or desktop secret) and the
answer carries its security headers; tornado's XSRF check is left to the routes, as Streamlit's routes have none (an
API or a webhook is called by other programs; behind a token or the desktop secret a cross-site page still cannot
reach it: the cookie is ``SameSite=Strict``). A WebSocket passes the same access check and Porch's origin check.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import unquote

from tornado import routing, web, websocket
from tornado.http1connection import HTTP1Connection
from tornado.httputil import HTTPServerRequest

from .asgi_http import AsgiRequestConnection
from .base import EngineHandler, HttpEngine, set_security_headers

log = logging.getLogger("porch.http.asgi")

Message = dict[str, Any]
AsgiApp = Callable[[Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

#: Porch's own paths under the base, never handed to the App's routes.
RESERVED = "/_porch"
#: Chunks of a request body (or WebSocket messages) waiting for the app before tornado stops reading.
INBOX_ROOM = 4
#: Headers tornado writes itself: the app's would contradict how tornado frames the body.
HOP_BY_HOP = frozenset({"transfer-encoding", "connection", "keep-alive"})
#: How long a WebSocket's app may go on after its client left before it is cancelled.
SOCKET_APP_GRACE = 5.0


class AppRoutes:
    """The App's routes as the HTTP layer serves them: which requests they take, and the app that answers them.

    ``wrapped``: the App's stack (its middleware, exception handlers, ``debug``: ``http.asgi_front``) is around every
    request, these included; then a route sees the scope the stack gave (``AsgiRequestConnection.scope``), and what
    it raises goes up to the stack (``AsgiRequestConnection.fail``) instead of being answered 500 here."""

    def __init__(self, routes: Sequence[Any], app: AsgiApp, state: dict[str, Any], *, wrapped: bool = False) -> None:
        self.routes = list(routes)
        self.app = app
        self.state = state
        self.wrapped = wrapped

    def takes(self, scope: Message) -> bool:
        """Whether a route matches ``scope`` (its path; a method it does not allow still counts: the app says 405)."""
        from starlette.routing import Match  # the routes are Starlette's, so it is installed

        return any(route.matches(scope)[0] is not Match.NONE for route in self.routes)


class AppRouteMatcher(routing.Matcher):
    """Tornado's question, for one of the two rules (HTTP, WebSocket): does an App route take this request?"""

    def __init__(self, routes: AppRoutes, base: str, *, websocket: bool) -> None:
        self.routes = routes
        self.base = base
        self.websocket = websocket

    def match(self, request: HTTPServerRequest) -> dict[str, Any] | None:
        if is_websocket(request) != self.websocket:
            return None
        scope = scope_of(request, self.base, self.routes.state, websocket=self.websocket)
        if scope is None or not self.routes.takes(scope):
            return None
        return {}


def is_websocket(request: HTTPServerRequest) -> bool:
    return request.method == "GET" and request.headers.get("Upgrade", "").lower() == "websocket"


def scope_of(request: HTTPServerRequest, base: str, state: dict[str, Any], *, websocket: bool,
             every_path: bool = False) -> Message | None:
    """The ASGI scope of ``request``, or None for a path outside the base or under Porch's own ``/_porch`` (unless
    ``every_path``: the App's stack takes every request, Porch's own included)."""
    raw_path = request.path
    path = unquote(raw_path, errors="surrogateescape")
    if not (path == base or path.startswith(base + "/")) and base:
        return None
    route_path = path[len(base):] or "/"
    if not every_path and (route_path == RESERVED or route_path.startswith(RESERVED + "/")):
        return None
    secure = request.protocol == "https"
    scope: Message = {
        "type": "websocket" if websocket else "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": request.version.removeprefix("HTTP/") or "1.1",
        "scheme": ("wss" if secure else "ws") if websocket else request.protocol,
        "path": path,
        "raw_path": raw_path.encode("latin-1", "replace"),
        "query_string": request.query.encode("latin-1", "replace"),
        "root_path": base,
        "headers": [(name.lower().encode("latin-1"), value.encode("latin-1", "replace"))
                    for name, value in request.headers.get_all()],
        "client": _client(request),
        "server": _server(request),
        "state": dict(state),
    }
    if websocket:
        offered = request.headers.get("Sec-WebSocket-Protocol", "")
        scope["subprotocols"] = [p.strip() for p in offered.split(",") if p.strip()]
        scope["extensions"] = {"websocket.http.response": {}}  # an HTTP answer instead of the upgrade
    else:
        scope["method"] = request.method
    return scope


#: Keys of the scope the App's stack routed with (its ``Mount`` of Porch's endpoints): the routes' own router sets its
#: own, so that ``request.url_for`` names the App's routes.
ROUTING_KEYS = frozenset({"router", "endpoint", "path_params", "route"})


def routed_scope(outer: Message, inner: Message, state: dict[str, Any]) -> Message:
    """The scope an App route gets under the App's stack: the stack's (``outer``: what its middleware put in it, its
    ``app``, its exception handlers), with the path, base and query of ``inner`` (the route's own base), and its
    ``state`` the stack's with the App's lifespan state added, in place (what a middleware set in ``request.state``
    the route reads)."""
    scope = {key: value for key, value in outer.items() if key not in ROUTING_KEYS}
    for key in ("path", "raw_path", "root_path", "query_string"):
        if key in inner:
            scope[key] = inner[key]
    shared = outer.get("state")
    if not isinstance(shared, dict):
        shared = {}
    for key, value in state.items():
        shared.setdefault(key, value)
    scope["state"] = shared
    return scope


def _client(request: HTTPServerRequest) -> list[Any] | None:
    address = getattr(getattr(request.connection, "context", None), "address", None)
    port = address[1] if isinstance(address, tuple) and len(address) >= 2 else 0
    return [request.remote_ip, port] if request.remote_ip else None


def _server(request: HTTPServerRequest) -> list[Any] | None:
    stream = getattr(request.connection, "stream", None)
    sock = getattr(stream, "socket", None)
    try:
        name = sock.getsockname() if sock is not None else None
    except OSError:
        return None
    return [name[0], name[1]] if isinstance(name, tuple) and len(name) >= 2 else None


class ClientGone(OSError):
    """``send`` after the client left (ASGI 2.4: an ``OSError``; Starlette makes it a ``ClientDisconnect``)."""


class Inbox:
    """Messages from the client to the app, in order, at most ``room`` waiting: :meth:`put` waits for room, and
    tornado reads no more of the connection meanwhile. After :meth:`close` the messages queued are still given, then
    ``last`` to every later :meth:`get`."""

    def __init__(self, room: int = INBOX_ROOM) -> None:
        self._messages: deque[Message] = deque()
        self._room = room
        self._last: Message | None = None
        self._changed = asyncio.Event()

    @property
    def closed(self) -> bool:
        return self._last is not None

    async def put(self, message: Message) -> None:
        """Queue ``message`` once there is room; dropped if the inbox closes first (no one will read it)."""
        while len(self._messages) >= self._room and self._last is None:
            self._changed.clear()
            await self._changed.wait()
        if self._last is None:
            self._messages.append(message)
            self._changed.set()

    def put_now(self, message: Message) -> None:
        """Queue ``message`` whatever the room (one last message: the end of a body)."""
        if self._last is None:
            self._messages.append(message)
            self._changed.set()

    def close(self, last: Message) -> None:
        if self._last is None:
            self._last = last
            self._changed.set()

    async def get(self) -> Message:
        while True:
            if self._messages:
                message = self._messages.popleft()
                self._changed.set()  # room for a waiting put
                return message
            if self._last is not None:
                return self._last
            self._changed.clear()
            await self._changed.wait()


@web.stream_request_body
class AsgiHandler(EngineHandler):
    """One HTTP request an App route takes, answered by the routes' ASGI app."""

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS")
    #: Who answers, for the log line of an exception.
    raiser = "an App route"

    def initialize(self, engine: HttpEngine, routes: AppRoutes) -> None:  # type: ignore[override]
        super().initialize(engine)
        self.routes = routes
        self._inbox = Inbox()
        self._task: asyncio.Task[None] | None = None
        self._started = False
        self._gone = False

    def check_xsrf_cookie(self) -> None:
        """The routes are the App's own: tornado's XSRF check does not apply (see the module's docstring)."""

    def compute_etag(self) -> str | None:
        return None  # the app's answer goes out as the app made it

    def prepare(self) -> None:
        if not self._admitted():
            return
        connection = self.request.connection
        if isinstance(connection, (HTTP1Connection, AsgiRequestConnection)):
            connection.set_max_body_size(self.engine.config.max_upload_bytes)
        if isinstance(connection, AsgiRequestConnection):
            connection.handled_statuses = frozenset()  # the route's answer is the route's, whatever its status
        self._task = asyncio.ensure_future(self._call(self._scope()))

    def _admitted(self) -> bool:
        """Porch's checks (Host, token or desktop secret): False once they answered the request."""
        super().prepare()
        return not self._finished

    def _scope(self) -> Message:
        """The request's ASGI scope, as the routes see it."""
        scope = scope_of(self.request, self.engine.config.normalized_base(), self.routes.state, websocket=False)
        if scope is None:  # the matcher said yes to this very request: cannot happen
            raise RuntimeError("an App route was given a request it does not take")
        outer = getattr(self.request.connection, "scope", None)
        if self.routes.wrapped and isinstance(outer, dict):
            return routed_scope(outer, scope, self.routes.state)
        return scope

    def data_received(self, chunk: bytes) -> Awaitable[None] | None:
        if self._task is None or self._task.done():
            return None  # the app answered without reading the rest: it is dropped
        return self._inbox.put({"type": "http.request", "body": chunk, "more_body": True})

    async def _respond(self, *args: str) -> None:
        """The body has arrived whole (tornado calls the method then): tell the app, and wait for its answer."""
        self._inbox.put_now({"type": "http.request", "body": b"", "more_body": False})
        if self._task is not None:
            await asyncio.shield(self._task)

    get = head = post = delete = patch = put = options = _respond

    def on_connection_close(self) -> None:
        self._gone = True
        self._inbox.close({"type": "http.disconnect"})

    def on_finish(self) -> None:
        self._inbox.close({"type": "http.disconnect"})

    async def _call(self, scope: Message) -> None:
        try:
            await self.routes.app(scope, self._inbox.get, self._send)
        except ClientGone:
            return
        except Exception as exc:
            connection = self.request.connection
            if self.routes.wrapped and isinstance(connection, AsgiRequestConnection):
                connection.fail(exc)  # up to the App's stack, which answers it
                return
            log.exception("%s raised while answering %s %s", self.raiser, self.request.method, self.request.path)
            self._end_after_error()
            return
        finally:
            self._inbox.close({"type": "http.disconnect"})
        if not self._finished:
            if not self._started:
                log.error("an App route returned without answering %s %s", self.request.method, self.request.path)
                self._end_after_error()
            else:
                self.finish()

    def _end_after_error(self) -> None:
        if self._finished or self._gone:
            return
        if self._headers_written:  # part of the answer is out: only closing says it is incomplete
            self.request.connection.close()  # type: ignore[union-attr]
        else:
            self.send_error(500)

    async def _send(self, message: Message) -> None:
        if self._gone:
            raise ClientGone("the client closed the connection")
        kind = message["type"]
        if kind == "http.response.start":
            if self._started:
                raise RuntimeError("http.response.start sent twice")
            self._started = True
            self.set_status(int(message["status"]))
            self.clear_header("Content-Type")
            seen: set[str] = set()
            for raw_name, raw_value in message.get("headers", ()):
                name = bytes(raw_name).decode("latin-1")
                value = bytes(raw_value).decode("latin-1")
                if name.lower() in HOP_BY_HOP:
                    continue
                if name.lower() in seen:
                    self.add_header(name, value)
                else:
                    seen.add(name.lower())
                    self.set_header(name, value)  # replaces a default header of the same name
        elif kind == "http.response.body":
            if not self._started:
                raise RuntimeError("http.response.body sent before http.response.start")
            if self._finished:
                return
            body = bytes(message.get("body", b""))
            if body:
                self.write(body)
            if message.get("more_body", False):
                if body:
                    try:
                        await self.flush()
                    except Exception as exc:  # the stream closed under the write
                        self._gone = True
                        raise ClientGone("the client closed the connection") from exc
            else:
                self.finish()
        # Other messages (http.response.trailers, extensions) are not offered in the scope: ignored.


class AsgiSocket(websocket.WebSocketHandler):
    """One WebSocket an App route (``WebSocketRoute``, or a mounted app's) takes, served by the routes' ASGI app.

    The app decides before the handshake: its ``websocket.accept`` lets tornado complete the upgrade (with the
    subprotocol and headers it names), a ``websocket.close`` first is answered 403, as ASGI asks, and an HTTP answer
    (ASGI's ``websocket.http.response`` extension, offered in the scope: Starlette's ``send_denial_response``) is
    sent as it is."""

    def initialize(self, engine: HttpEngine, routes: AppRoutes) -> None:
        self.engine = engine
        self.routes = routes
        self._inbox = Inbox()
        self._decided: asyncio.Future[Message | None] | None = None
        #: An HTTP answer instead of the upgrade: its status, headers and body so far.
        self._denial: tuple[int, list[tuple[str, str]], bytearray] | None = None
        self._accepted: Message | None = None
        self._task: asyncio.Task[None] | None = None
        self._failed = False

    def set_default_headers(self) -> None:
        set_security_headers(self)

    def check_origin(self, origin: str) -> bool:
        return self.engine.access.origin_allowed(origin, self.request)

    def get_compression_options(self) -> dict[str, Any] | None:
        return None

    async def get(self, *args: Any, **kwargs: Any) -> None:
        if not self._admitted():
            return
        self._decided = asyncio.get_running_loop().create_future()
        self._inbox.put_now({"type": "websocket.connect"})
        self._task = asyncio.ensure_future(self._call(self._scope()))
        await asyncio.wait((self._decided, self._task), return_when=asyncio.FIRST_COMPLETED)
        accepted = self._decided.result() if self._decided.done() else None
        if accepted is None:
            if self._finished:
                return
            denial = self._denial
            if denial is not None:
                status, headers, body = denial
                self.set_status(status)
                for name, value in headers:
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.add_header(name, value)
                self.finish(bytes(body))
            else:
                self.set_status(500 if self._failed else 403)
                self.finish()
            return
        self._accepted = accepted
        for raw_name, raw_value in accepted.get("headers", ()):
            self.add_header(bytes(raw_name).decode("latin-1"), bytes(raw_value).decode("latin-1"))
        await super().get(*args, **kwargs)

    def _admitted(self) -> bool:
        """Porch's checks (Host, token or desktop secret, origin): False once they answered the request."""
        refusal = self.engine.access.refusal(self.request)
        if refusal is not None:
            self.set_status(refusal.status, reason=refusal.reason)
            self.finish(f"{refusal.status} {refusal.reason}\n{refusal.message}\n")
            return False
        origin = self.request.headers.get("Origin") or self.request.headers.get("Sec-Websocket-Origin")
        if origin is not None and not self.check_origin(origin):
            self.set_status(403)
            self.finish("Cross origin websockets not allowed")
            return False
        return True

    def _scope(self) -> Message:
        scope = scope_of(self.request, self.engine.config.normalized_base(), self.routes.state, websocket=True)
        if scope is None:
            raise RuntimeError("an App route was given a socket it does not take")
        return scope

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        chosen = (self._accepted or {}).get("subprotocol")
        return chosen if isinstance(chosen, str) else None

    def on_message(self, message: str | bytes) -> Awaitable[None]:
        key = "text" if isinstance(message, str) else "bytes"
        return self._inbox.put({"type": "websocket.receive", key: message})

    def on_close(self) -> None:
        self._inbox.close({"type": "websocket.disconnect", "code": self.close_code or 1005,
                           "reason": self.close_reason or ""})
        task = self._task
        if task is not None and not task.done():
            asyncio.get_running_loop().call_later(SOCKET_APP_GRACE, task.cancel)

    async def _call(self, scope: Message) -> None:
        try:
            await self.routes.app(scope, self._inbox.get, self._send)
        except (ClientGone, asyncio.CancelledError):
            return
        except Exception:
            log.exception("an App route raised while serving the WebSocket %s", self.request.path)
            self._failed = True
            self._decide(None)
            if self._accepted is not None and self.ws_connection is not None:
                self.close(1011, "internal error")
            return
        self._decide(None)
        if self._accepted is not None and self.ws_connection is not None and not self.ws_connection.is_closing():
            self.close(1000)

    def _decide(self, message: Message | None) -> None:
        if self._decided is not None and not self._decided.done():
            self._decided.set_result(message)

    async def _send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "websocket.accept":
            self._decide(message)
        elif kind == "websocket.http.response.start" and self._accepted is None and self._denial is None:
            headers = [(bytes(name).decode("latin-1"), bytes(value).decode("latin-1"))
                       for name, value in message.get("headers", ())]
            self._denial = (int(message["status"]), headers, bytearray())
        elif kind == "websocket.http.response.body" and self._denial is not None:
            self._denial[2].extend(bytes(message.get("body", b"")))
            if not message.get("more_body", False):
                self._decide(None)
        elif kind == "websocket.close":
            if self._accepted is None:
                self._decide(None)
            elif self.ws_connection is not None:
                self.close(int(message.get("code", 1000)), message.get("reason") or None)
        elif kind == "websocket.send":
            if self._inbox.closed or self.ws_connection is None:
                raise ClientGone("the client closed the WebSocket")
            data = message.get("bytes")
            try:
                if data is not None:
                    await self.write_message(bytes(data), binary=True)
                else:
                    await self.write_message(str(message.get("text", "")))
            except websocket.WebSocketClosedError as exc:
                raise ClientGone("the client closed the WebSocket") from exc


def app_rules(engine: HttpEngine, routes: AppRoutes) -> list[routing.Rule]:
    """The two rules (WebSocket, HTTP) that give the App's routes their requests; first in the application's list."""
    base = engine.config.normalized_base()
    args = {"engine": engine, "routes": routes}
    return [
        routing.Rule(AppRouteMatcher(routes, base, websocket=True), AsgiSocket, args),
        routing.Rule(AppRouteMatcher(routes, base, websocket=False), AsgiHandler, args),
    ]
