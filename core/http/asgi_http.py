"""One ASGI ``http`` request fed to Porch's tornado application, through tornado's own server interfaces.

An ASGI server (``uvicorn launcher:app``) reads the connection; tornado's application answers it, every handler
unchanged: ``web.Application.start_request`` gives an ``httputil.HTTPMessageDelegate`` that is fed the request's
head (``headers_received``), its body as the server hands it over (``data_received``, awaited: a handler that reads
slowly slows the server's reading) and its end (``finish``). The handler answers through
:class:`AsgiRequestConnection`, an ``httputil.HTTPConnection`` whose ``write_headers``/``write``/``finish`` become
``http.response.start`` and ``http.response.body`` messages, sent in order, each write's future done when the ASGI
server has taken it (its ``send`` waits while the client is slow: that is the back-pressure tornado's ``flush``
waits on).

What tornado's ``HTTP1Connection`` enforced is enforced here in the same terms: a body larger than the connection's
limit (``MAX_PLAIN_BODY_BYTES``, raised by the upload endpoint for an admitted upload to ``max_upload_bytes``) is
refused with 413 before it is read when its length says so, and as soon as it passes the limit otherwise. The time
bounds on reading a request and idle connections are the ASGI server's (``--timeout-keep-alive``...).

Event loop thread only.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from tornado import httputil, iostream, web

log = logging.getLogger("porch.http.asgi")

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

#: Whether a body above its limit was logged yet (once a process: a client may send many).
_logged_too_large = False

#: Headers an ASGI server writes itself: how it frames the body, and the date (uvicorn and hypercorn add one).
SERVERS_OWN = frozenset({"transfer-encoding", "connection", "keep-alive", "date"})


class RequestContext:
    """What tornado's ``HTTPServerRequest`` reads of a connection's context: the client's address and the scheme, as
    the ASGI server gives them (with its own handling of a proxy's ``X-Forwarded-*``: ``--proxy-headers``)."""

    def __init__(self, scope: Message) -> None:
        client = scope.get("client")
        self.address: tuple[str, int] | None = (str(client[0]), int(client[1])) if client else None
        self.remote_ip = str(client[0]) if client else "0.0.0.0"
        scheme = str(scope.get("scheme", "http"))
        self.protocol = {"ws": "http", "wss": "https"}.get(scheme, scheme)

    def __str__(self) -> str:
        return self.remote_ip


class AsgiRequestConnection(httputil.HTTPConnection):
    """The response side of one request: tornado writes, the ASGI server sends."""

    def __init__(self, send: Send, context: RequestContext, max_body_size: int, scope: Message | None = None) -> None:
        self._send = send
        self.context = context
        #: The ASGI scope the request came with: an App route under the App's middleware sees it as is
        #: (``http.asgi.AsgiHandler``), what the middleware put in it included.
        self.scope = scope
        #: An exception an App route raised, raised again out of :func:`serve_http` for the App's middleware and
        #: exception handlers around it (:meth:`fail`).
        self.raised: Exception | None = None
        #: Error statuses the App has exception handlers for: an answer of Porch's own with one of them is raised as
        #: Starlette's ``HTTPException`` instead, for that handler, as Streamlit's endpoints raise theirs. Emptied
        #: for an App route's answer (``http.asgi.AsgiHandler``), which is the route's own.
        self.handled_statuses: frozenset[int] = frozenset()
        #: The largest body this request may have; the upload endpoint raises it (:meth:`set_max_body_size`).
        self.max_body_size = max_body_size
        self._queue: deque[tuple[Message, asyncio.Future[None]]] = deque()
        self._pump: asyncio.Task[None] | None = None
        self._close_callback: Callable[[], None] | None = None
        self.started = False
        #: Done when the response is complete, or the client is gone.
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.gone = False

    # -- what tornado's handlers call ------------------------------------------------------------------------------

    def set_close_callback(self, callback: Callable[[], None] | None) -> None:
        self._close_callback = callback

    def set_max_body_size(self, max_body_size: int) -> None:
        self.max_body_size = max_body_size

    def set_body_timeout(self, timeout: float) -> None:
        """Accepted for the upload endpoint's sake: the time to read a body is the ASGI server's to bound (the
        upload endpoint still drops an upload that stalls: ``body_timeout``)."""

    def write_headers(self, start_line: httputil.RequestStartLine | httputil.ResponseStartLine,
                      headers: httputil.HTTPHeaders, chunk: bytes | None = None) -> asyncio.Future[None]:
        if not isinstance(start_line, httputil.ResponseStartLine):
            raise TypeError("a server connection writes responses")
        if start_line.code in self.handled_statuses and not self.started and not self.gone:
            self.fail(_http_exception(start_line, headers, chunk))
            return self._enqueue({"type": "http.response.body"})  # failed at once: the exchange is over
        self.started = True
        raw = [(name.lower().encode("latin-1"), value.encode("latin-1"))
               for name, value in headers.get_all() if name.lower() not in SERVERS_OWN]
        future = self._enqueue({"type": "http.response.start", "status": start_line.code, "headers": raw})
        if chunk:
            future = self.write(chunk)
        return future

    def write(self, chunk: bytes) -> asyncio.Future[None]:
        return self._enqueue({"type": "http.response.body", "body": bytes(chunk), "more_body": True})

    def finish(self) -> None:
        future = self._enqueue({"type": "http.response.body", "body": b"", "more_body": False})
        future.add_done_callback(lambda _: self._complete())

    def close(self) -> None:
        """End the exchange without completing the response (an upload that stalled, an answer cut short): the
        ASGI server sees the app return with the response unfinished, and drops the connection."""
        self.lost()

    def fail(self, exc: Exception) -> None:
        """An App route raised ``exc``: the exchange ends here and :func:`serve_http` raises it to its caller (the
        App's stack: its exception handlers, ``debug``, its middleware), as Starlette's routes raise to theirs."""
        self.raised = exc
        self.lost()

    # -- what the request's feeder calls ------------------------------------------------------------------------------

    def lost(self) -> None:
        """The client went away (or the exchange was abandoned): writes fail, the handler is told once."""
        if self.gone:
            return
        self.gone = True
        while self._queue:
            _, future = self._queue.popleft()
            if not future.done():
                future.set_exception(iostream.StreamClosedError())
                future.exception()  # retrieved: nobody may be waiting for it
        callback, self._close_callback = self._close_callback, None
        if callback is not None:
            callback()
        self._complete()

    def _complete(self) -> None:
        if not self.done.done():
            self.done.set_result(None)

    def _enqueue(self, message: Message) -> asyncio.Future[None]:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if self.gone:
            future.set_exception(iostream.StreamClosedError())
            future.exception()
            return future
        self._queue.append((message, future))
        if self._pump is None:
            self._pump = asyncio.ensure_future(self._drain())
        return future

    async def _drain(self) -> None:
        """Send what is queued, in order; each write's future is done when the ASGI server has taken it."""
        try:
            while self._queue and not self.gone:
                message, future = self._queue[0]
                try:
                    await self._send(message)
                except Exception:  # the client is gone (ASGI 2.4: an OSError), or the server refused the message
                    self.lost()
                    return
                self._queue.popleft()
                if not future.done():
                    future.set_result(None)
        finally:
            self._pump = None


def _http_exception(start_line: httputil.ResponseStartLine, headers: httputil.HTTPHeaders,
                    chunk: bytes | None) -> Exception:
    """Starlette's ``HTTPException`` for an error answer of Porch's own: its status, its text (or reason) as the
    detail, its headers (``Retry-After``...) but those of its body."""
    from starlette.exceptions import HTTPException  # the App's exception handlers are Starlette's: it is installed

    detail = (chunk or b"").decode("utf-8", "replace").strip() or start_line.reason
    kept = {name: value for name, value in headers.get_all()
            if name.lower() not in SERVERS_OWN and name.lower() not in ("content-length", "content-type", "etag")}
    return HTTPException(start_line.code, detail=detail, headers=kept or None)


async def serve_http(application: web.Application, scope: Message, receive: Receive, send: Send, *,
                     target: str, max_body_size: int, handled_statuses: frozenset[int] = frozenset()) -> None:
    """Answer one ASGI ``http`` request with ``application``; ``target`` is the request target tornado routes (the
    path under the mount, the query). An exception an App route raised is raised here (``AsgiRequestConnection.fail``).
    """
    connection = AsgiRequestConnection(send, RequestContext(scope), max_body_size, scope)
    connection.handled_statuses = handled_statuses
    try:
        await _exchange(application, connection, scope, receive, send, target)
    finally:
        raised, connection.raised = connection.raised, None
    if raised is not None:
        raise raised


async def _exchange(application: web.Application, connection: AsgiRequestConnection, scope: Message,
                    receive: Receive, send: Send, target: str) -> None:
    delegate = application.start_request(connection, connection)
    version = "HTTP/1.0" if scope.get("http_version") == "1.0" else "HTTP/1.1"
    start_line = httputil.RequestStartLine(str(scope.get("method", "GET")), target, version)
    headers = httputil.HTTPHeaders()
    for raw_name, raw_value in scope.get("headers", ()):
        headers.add(bytes(raw_name).decode("latin-1"), bytes(raw_value).decode("latin-1"))
    try:
        started = delegate.headers_received(start_line, headers)
        if started is not None:
            await started
    except httputil.HTTPInputError as exc:  # tornado's HTTP1ServerConnection answers these 400 as well
        await _plain(send, 400, f"400 Bad Request\n{exc}\n")
        return
    if not await _read_body(delegate, connection, headers, receive, send):
        return
    delegate.finish()
    watcher = asyncio.ensure_future(_watch_disconnect(receive, connection))
    try:
        await connection.done
    finally:
        watcher.cancel()


async def _read_body(delegate: httputil.HTTPMessageDelegate, connection: AsgiRequestConnection,
                     headers: httputil.HTTPHeaders, receive: Receive, send: Send) -> bool:
    """Feed the body to ``delegate`` within the connection's limit; False if the exchange ended here."""
    declared = headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > connection.max_body_size:
        await _too_large(delegate, connection, send)
        return False
    received = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            delegate.on_connection_close()
            connection.lost()
            return False
        if message["type"] != "http.request":
            continue
        if connection.done.done():  # answered before its body was read (a refused upload): the rest is not read
            return False
        chunk = bytes(message.get("body", b""))
        received += len(chunk)
        if received > connection.max_body_size:
            await _too_large(delegate, connection, send)
            return False
        if chunk and not connection.gone:
            fed = delegate.data_received(chunk)
            if fed is not None:
                await fed
        if not message.get("more_body", False):
            return True


async def _too_large(delegate: httputil.HTTPMessageDelegate, connection: AsgiRequestConnection, send: Send) -> None:
    """A body past the connection's limit: the handler is told the request is gone, the client gets 413."""
    limit = connection.max_body_size
    global _logged_too_large
    if not _logged_too_large:
        _logged_too_large = True
        log.info("refused a request body above %d bytes (413; uploads may have max_upload_mb, raised with "
                 "--max-upload-mb or PORCH_MAX_UPLOAD_MB; further ones are not logged)", limit)
    delegate.on_connection_close()
    started = connection.started
    connection.lost()
    if not started:
        await _plain(send, 413, f"413 Payload Too Large\nA request body may have at most {limit} bytes here (uploads: "
                                "max_upload_mb, PORCH_MAX_UPLOAD_MB).\n")


async def _watch_disconnect(receive: Receive, connection: AsgiRequestConnection) -> None:
    """Tell the handler when the client leaves before its answer is complete (a long download, a stream)."""
    while not connection.done.done():
        message = await receive()
        if message["type"] == "http.disconnect":
            if not connection.done.done():
                connection.lost()
            return


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})
