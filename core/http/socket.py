"""The session socket at ``<base>/_porch/ws``: one client's connection, and its session's transport.

Runs on the event loop thread. Every message is parsed and validated here (:func:`porch.protocol.parse_client_message`)
before a session sees it, so a session only ever receives well-formed messages; a client that keeps sending bad ones
is disconnected.
"""

from __future__ import annotations

import logging
from typing import Any

from tornado import websocket
from tornado.httputil import HTTPServerRequest

from ..interfaces import Handshake
from ..protocol import Hello, ProtocolError, encode_frame, error_message, parse_client_message
from ..security import AccessPolicy
from ..session import Session
from ..sessions import SessionLimitError
from .base import HttpEngine

log = logging.getLogger("porch.http.socket")

#: A client that sends this many invalid messages in a row is disconnected.
MAX_CONSECUTIVE_ERRORS = 20
#: Bytes read from a session's socket at a time.
WEBSOCKET_READ_CHUNK = 4096


class SessionSocket(websocket.WebSocketHandler):
    """One client's connection. It validates every message and hands it to its session; it is also that session's
    transport (``send``/``close``)."""

    def initialize(self, engine: HttpEngine) -> None:
        self.engine = engine
        self.session: Session | None = None
        self._errors = 0
        self._handshake = Handshake()

    async def get(self, *args: Any, **kwargs: Any) -> None:
        refusal = self.engine.access.refuse(self.request)
        if refusal is not None:
            self.set_status(refusal[0], reason=refusal[1])
            self.finish(f"{refusal[0]} {refusal[1]}\n")
            return
        if self.engine.draining:
            self.set_status(503, reason="Server is shutting down")
            self.finish("503 Server is shutting down\n")
            return
        await super().get(*args, **kwargs)

    def check_origin(self, origin: str) -> bool:
        return self.engine.access.origin_allowed(origin, self.request)

    def get_compression_options(self) -> dict[str, Any] | None:
        if self.engine.access.loopback_only:
            return None  # the desktop and browser shells: bytes on loopback are free, deflating every frame is not
        return {"compression_level": 6, "mem_level": 8}

    def open(self, *args: str, **kwargs: str) -> None:
        self.set_nodelay(True)
        # tornado reads into a fresh zeroed buffer of the stream's chunk size (64 KB) at every read, on the path of
        # every rerun; client messages are small (the 1 MB limit still holds, read in more steps).
        if self.ws_connection is not None and self.ws_connection.stream is not None:
            self.ws_connection.stream.read_chunk_size = WEBSOCKET_READ_CHUNK
        self._handshake = handshake_of(self.request, self.engine.access, self.settings.get("xsrf_cookie_name", "_xsrf"))

    def on_message(self, message: str | bytes) -> None:
        try:
            parsed = parse_client_message(message)
        except ProtocolError as exc:
            self._refuse(exc.code, exc.message)
            return
        if self.session is None:
            if not isinstance(parsed, Hello):
                self._refuse("no_hello", "the first message must be 'hello'")
                return
            try:
                session, resumed = self.engine.sessions.open(parsed)
            except SessionLimitError as exc:
                self.close(1013, str(exc)[:120])
                return
            self.session = session
            self._errors = 0
            session.attach(self, parsed, resumed=resumed, handshake=self._handshake)
            return
        if isinstance(parsed, Hello):
            self._refuse("unexpected", "'hello' was already received on this connection")
            return
        self._errors = 0
        self.session.receive(parsed)

    def _refuse(self, code: str, message: str) -> None:
        self._errors += 1
        log.info("refused a client message: %s: %s", code, message)
        self.send([error_message(code, message)])
        if self._errors >= MAX_CONSECUTIVE_ERRORS:
            self.close(1008, "too many invalid messages")

    def on_close(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.detach(self)
            if not session.closed:
                self.engine.sessions.disconnected(session)

    # -- Transport -------------------------------------------------------------------------------------------------

    def send(self, frame: list[dict[str, Any]]) -> None:
        if self.ws_connection is None or self.ws_connection.is_closing():
            return
        try:
            self.write_message(encode_frame(frame))
        except websocket.WebSocketClosedError:
            pass

    def close(self, code: int | None = None, reason: str | None = None) -> None:
        super().close(code, reason)


def handshake_of(request: HTTPServerRequest, access: AccessPolicy, xsrf_cookie: str = "_xsrf") -> Handshake:
    """What the request that opened a socket tells the script (``porch.context``): its headers, cookies and address,
    less Porch's own secrets. The access token's cookie and the XSRF cookie are taken out of every ``Cookie`` header
    and out of the cookies; an ``Authorization`` header that carries the access token is left out whole."""
    own = {access.cookie_name, xsrf_cookie}
    headers: list[tuple[str, str]] = []
    for name, value in request.headers.get_all():
        lowered = name.lower()
        if lowered == "cookie":
            kept = [part.strip() for part in value.split(";") if part.split("=", 1)[0].strip() not in own]
            value = "; ".join(part for part in kept if part)
            if not value:
                continue
        elif lowered == "authorization" and access.token is not None and value.startswith("Bearer "):
            if access.token_matches(value[len("Bearer "):].strip()):
                continue
        headers.append((name, value))
    cookies = tuple((name, morsel.value) for name, morsel in request.cookies.items() if name not in own)
    return Handshake(headers=tuple(headers), cookies=cookies, remote_ip=request.remote_ip)
