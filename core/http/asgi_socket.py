"""The session socket carried by an ASGI server (``uvicorn launcher:app``): its ``websocket`` messages as the
transport of a :class:`porch.http.session_channel.SessionChannel`, the same channel tornado's WebSocket carries
(``http.socket``), so the checks before the upgrade, the ``hello`` deadline, the validation budget and the session's
start and resumption are one code.

What tornado's WebSocket did itself is done here in its terms: the origin check (the channel's, as tornado's
``check_origin`` calls it), refusals before the upgrade answered with their status where the server offers ASGI's
``websocket.http.response`` extension (else a close before the accept, which the server answers 403), and the
largest message a client may send (``websocket_max_message_size``): one above it closes the socket with 1009 and one
log line. Pings and compression are the ASGI server's (uvicorn's ``--ws-ping-interval``, ``--ws-per-message-deflate``;
``--ws-max-size`` bounds what it reads before Porch sees a message).

Frames out are queued and sent in order by one task (:class:`AsgiFrameWriter`), as a session sends them from the
loop without waiting; the close the channel asks for goes after the frames before it.

Event loop thread only.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from tornado.httputil import HTTPServerRequest

from .base import HttpEngine
from .replica import REPLICA_COOKIE
from .session_channel import SessionChannel

log = logging.getLogger("porch.http.socket")

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class AsgiFrameWriter:
    """Frames out, in order, through the ASGI server's ``send``; then the close, once."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._frames: deque[str | bytes] = deque()
        self._end: tuple[int, str] | None = None
        self._gone = False
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        #: Set once the close went out (or the client left): the reading loop stops waiting for messages.
        self.ended = asyncio.Event()

    @property
    def closing(self) -> bool:
        return self._gone or self._end is not None

    def write_frame(self, data: str | bytes) -> None:
        if not self.closing:
            self._frames.append(data)
            self._wake.set()

    def end(self, code: int | None, reason: str | None) -> None:
        if not self.closing:
            self._end = (code or 1000, reason or "")
            self._wake.set()

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    def client_gone(self) -> None:
        """The client closed the socket: nothing more is sent."""
        self._gone = True
        self._frames.clear()
        self._wake.set()

    async def stopped(self) -> None:
        """Wait for the task to have sent what it was given (or to have given up)."""
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        try:
            while not self._gone:
                while self._frames and not self._gone:
                    data = self._frames.popleft()
                    key = "bytes" if isinstance(data, bytes) else "text"
                    await self._send({"type": "websocket.send", key: data})
                if self._end is not None and not self._gone:
                    code, reason = self._end
                    await self._send({"type": "websocket.close", "code": code, "reason": reason})
                    return
                self._wake.clear()
                if not self._frames and self._end is None and not self._gone:
                    await self._wake.wait()
        except Exception:  # the client is gone under a send (ASGI 2.4: an OSError)
            self._gone = True
        finally:
            self.ended.set()


async def deny(scope: Message, send: Send, status: int, body: str,
               headers: Sequence[tuple[str, str]] = ()) -> None:
    """Refuse a socket before its upgrade: with ``status`` and ``body`` where the server can answer an HTTP
    response to a WebSocket request, else by closing it before the accept (the server answers 403)."""
    if "websocket.http.response" in (scope.get("extensions") or {}):
        encoded = body.encode()
        await send({"type": "websocket.http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(encoded)).encode()),
                                (b"x-content-type-options", b"nosniff"),
                                *((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers)]})
        await send({"type": "websocket.http.response.body", "body": encoded})
    else:
        await send({"type": "websocket.close", "code": 1008, "reason": body.splitlines()[0][:120] if body else ""})


async def serve_session_socket(engine: HttpEngine, request: HTTPServerRequest, scope: Message, receive: Receive,
                               send: Send, *, xsrf_cookie: str, max_message_size: int) -> None:
    """One client's session socket, from its ``websocket.connect`` to its end."""
    first = await receive()
    if first["type"] != "websocket.connect":
        return
    writer = AsgiFrameWriter(send)
    channel = SessionChannel(engine, request, writer, xsrf_cookie)
    turned = channel.turned_away()
    if turned is not None:
        await deny(scope, send, turned.status, turned.body, turned.headers)
        return
    origin = request.headers.get("Origin") or request.headers.get("Sec-Websocket-Origin")
    if origin is not None and not channel.origin_allowed(origin):
        await deny(scope, send, 403, "Cross origin websockets not allowed")
        return
    await send({"type": "websocket.accept", "headers": _replica_cookie(engine, request)})
    writer.start()
    channel.opened()
    try:
        await _read(channel, writer, receive, max_message_size)
    finally:
        channel.on_close()
        await writer.stopped()


async def _read(channel: SessionChannel, writer: AsgiFrameWriter, receive: Receive, max_message_size: int) -> None:
    """Hand the client's messages to the channel, one at a time (a coroutine it returns is awaited before the next
    is read), until the client leaves or the socket is closed from this side."""
    ended = asyncio.ensure_future(writer.ended.wait())
    try:
        while True:
            incoming = asyncio.ensure_future(receive())
            await asyncio.wait((incoming, ended), return_when=asyncio.FIRST_COMPLETED)
            if not incoming.done():
                incoming.cancel()
                return
            message = incoming.result()
            if message["type"] == "websocket.disconnect":
                writer.client_gone()
                return
            if message["type"] != "websocket.receive":
                continue
            data: str | bytes | None = message.get("text")
            if data is None:
                data = bytes(message.get("bytes") or b"")
            size = len(data.encode() if isinstance(data, str) else data)
            if size > max_message_size:
                log.info("closed the socket of %s: a message of %d bytes, above the %d a client may send (1009)",
                         channel.request.remote_ip, size, max_message_size)
                channel.close(1009, f"message too big: at most {max_message_size} bytes")
                continue
            taken = channel.on_message(data)
            if taken is not None:
                await taken
    finally:
        ended.cancel()


def _replica_cookie(engine: HttpEngine, request: HTTPServerRequest) -> list[tuple[bytes, bytes]]:
    """The ``porch_replica`` cookie the handshake's answer sets, as ``http.replica.set_replica_cookie`` does."""
    replica = engine.config.replica_id
    if not replica:
        return []
    held = request.cookies.get(REPLICA_COOKIE)
    if held is not None and held.value == replica:
        return []
    secure = "; Secure" if request.protocol == "https" else ""
    value = f"{REPLICA_COOKIE}={replica}; Path={engine.config.normalized_base()}/; HttpOnly; SameSite=Lax{secure}"
    return [(b"set-cookie", value.encode("latin-1"))]
