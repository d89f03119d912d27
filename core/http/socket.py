"""The session socket at ``<base>/_porch/ws`` on the engine's own listener: tornado's WebSocket as the transport of a
:class:`porch.http.session_channel.SessionChannel`, which does everything but read and write frames (an ASGI
server's WebSocket carries the same channel: ``http.asgi_socket``).

Runs on the event loop thread. tornado enforces the message size (``websocket_max_message_size``, closing with 1009)
and the pings (``http.routes.application_settings``).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from tornado import websocket

from .base import HttpEngine, set_security_headers
from .deflate import compression_options
from .replica import set_replica_cookie
from .session_channel import SessionChannel, handshake_of

__all__ = ["SessionSocket", "WEBSOCKET_READ_CHUNK", "handshake_of"]

#: Bytes read from a session's socket at a time.
WEBSOCKET_READ_CHUNK = 4096


class SessionSocket(websocket.WebSocketHandler):
    """One client's connection, carried by tornado: frames in to :attr:`channel`, frames out from it."""

    def initialize(self, engine: HttpEngine) -> None:
        self.engine = engine
        self.channel = SessionChannel(engine, self.request, self, self.settings.get("xsrf_cookie_name", "_xsrf"))

    def set_default_headers(self) -> None:
        set_security_headers(self)

    async def get(self, *args: Any, **kwargs: Any) -> None:
        turned = self.channel.turned_away()
        if turned is not None:
            self.set_status(turned.status, reason=turned.reason)
            for name, value in turned.headers:
                self.set_header(name, value)
            self.finish(turned.body)
            return
        set_replica_cookie(self, self.engine.config)
        await super().get(*args, **kwargs)

    def check_origin(self, origin: str) -> bool:
        return self.channel.origin_allowed(origin)

    def get_compression_options(self) -> dict[str, Any] | None:
        if self.engine.access.loopback_only:
            return None  # the desktop and browser shells: bytes on loopback are free, deflating every frame is not
        return compression_options(self.request.headers)  # small windows: memory per connection (``deflate.py``)

    def open(self, *args: str, **kwargs: str) -> None:
        self.set_nodelay(True)
        # tornado reads into a fresh zeroed buffer of the stream's chunk size (64 KB) at every read, on the path of
        # every rerun; client messages are small (the 1 MB limit still holds, read in more steps).
        if self.ws_connection is not None and self.ws_connection.stream is not None:
            self.ws_connection.stream.read_chunk_size = WEBSOCKET_READ_CHUNK
        self.channel.opened()

    def on_message(self, message: str | bytes) -> Awaitable[None] | None:
        return self.channel.on_message(message)

    def on_close(self) -> None:
        self.channel.on_close()

    # -- FrameWriter ---------------------------------------------------------------------------------------------------

    @property
    def closing(self) -> bool:
        return self.ws_connection is None or self.ws_connection.is_closing()

    def write_frame(self, data: str | bytes) -> None:
        try:
            self.write_message(data)
        except websocket.WebSocketClosedError:
            pass

    def end(self, code: int | None, reason: str | None) -> None:
        self.close(code, reason)
