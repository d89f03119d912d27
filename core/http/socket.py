"""The session socket at ``<base>/_porch/ws``: one client's connection, and its session's transport.

Runs on the event loop thread. Every message is parsed and validated here (:func:`porch.protocol.parse_client_message`)
before a session sees it, so a session only ever receives well-formed messages. Invalid messages are a budget of the
connection (``EngineConfig.max_invalid_messages``): each is answered with an ``error``, and the one that spends the
budget closes the socket (1008), whatever valid messages came between; the log has a line for the first and one for
the close, not one per message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from tornado import websocket
from tornado.ioloop import IOLoop
from tornado.httputil import HTTPServerRequest

from ..admission import client_key
from ..auth import FLOW_COOKIE, TOKENS_COOKIE, USER_COOKIE, USER_DAYS, AuthConfigError, is_part_of, joined_cookie
from ..interfaces import Handshake
from ..protocol import CLOSE_DRAINING, Hello, ProtocolError, encode_frame, error_message, parse_client_message
from ..security import AccessPolicy
from ..sessions import Draining, ServedSession, SessionLimitError
from .base import HttpEngine, set_security_headers
from .deflate import compression_options
from .replica import set_replica_cookie

if TYPE_CHECKING:
    from ..store.snapshot import Restoration

log = logging.getLogger("porch.http.socket")

#: Bytes read from a session's socket at a time.
WEBSOCKET_READ_CHUNK = 4096


class SessionSocket(websocket.WebSocketHandler):
    """One client's connection. It validates every message and hands it to its session; it is also that session's
    transport (``send``/``close``)."""

    def initialize(self, engine: HttpEngine) -> None:
        self.engine = engine
        self.session: ServedSession | None = None
        #: Invalid messages this connection sent (never reset: valid ones between do not earn more).
        self._invalid = 0
        self._handshake = Handshake()
        self._hello_timer: object | None = None

    def set_default_headers(self) -> None:
        set_security_headers(self)

    async def get(self, *args: Any, **kwargs: Any) -> None:
        refusal = self.engine.access.refusal(self.request)
        if refusal is not None:
            self.set_status(refusal.status, reason=refusal.reason)
            self.finish(f"{refusal.status} {refusal.reason}\n{refusal.message}\n")
            return
        if self.engine.draining and not self._resumes_here():
            # Before the upgrade, so a proxy can send the connection to another replica itself (nginx's
            # ``proxy_next_upstream http_503``, HAProxy's ``retry-on 503``); a client sees it as a dropped socket and
            # tries again after a pause.
            self.set_status(503, reason="Server is draining")
            self.set_header("Retry-After", "1")
            self.finish("503 Server is draining\nThis server is stopping: new sessions start on another one.\n")
            return
        set_replica_cookie(self, self.engine.config)
        await super().get(*args, **kwargs)

    def _resumes_here(self) -> bool:
        """Whether the socket's URL names a session this server still holds (``?session=``, which the client adds
        when it has one): a draining server goes on serving those until its grace is over."""
        named = self.get_query_argument("session", None)
        if not named:
            return False
        session = self.engine.sessions.get(named)
        return session is not None and not session.closed

    def check_origin(self, origin: str) -> bool:
        return self.engine.access.origin_allowed(origin, self.request)

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
        self._handshake = handshake_of(
            self.request, self.engine.access, self.settings.get("xsrf_cookie_name", "_xsrf"), user=self._signed_in()
        )
        self._hello_timer = IOLoop.current().call_later(self.engine.config.hello_timeout, self._no_hello)

    def _signed_in(self) -> dict[str, Any] | None:
        """Who signed in on this browser (``porch.auth``), if its identity cookie holds a valid signature; with the
        provider's tokens that ``[auth] expose_tokens`` names, as ``tokens``, where the tokens cookie is valid (as
        Streamlit 1.67 reads them when a page's socket opens)."""
        cookies = {name: morsel.value for name, morsel in self.request.cookies.items()}
        cookie = joined_cookie(USER_COOKIE, cookies)
        if not cookie:
            return None
        try:
            settings = self.engine.auth_settings()
        except AuthConfigError:
            return None
        user = settings.unsign(USER_COOKIE, cookie, max_age_days=USER_DAYS)
        if user is None:
            return None
        tokens = settings.unsign(TOKENS_COOKIE, joined_cookie(TOKENS_COOKIE, cookies), max_age_days=USER_DAYS)
        if tokens is not None:
            user["tokens"] = settings.exposed(tokens)
        return user

    def _no_hello(self) -> None:
        """A socket that has not said ``hello`` in time holds a connection for nothing: close it."""
        self._hello_timer = None
        if self.session is None:
            self.close(1008, f"no hello within {self.engine.config.hello_timeout:g} s")

    def on_message(self, message: str | bytes) -> Awaitable[None] | None:
        if self.ws_connection is None or self.ws_connection.is_closing():
            return None  # what was already on its way when the socket was closed
        try:
            return self._take(message)
        except Exception:  # a bug, not the client's fault: that connection ends with a reason, the server goes on
            log.exception("a client message could not be handled; closing its connection")
            self.close(1011, "internal error")
            return None

    def _take(self, message: str | bytes) -> Awaitable[None] | None:
        """Handle one message; a coroutine when the hello's session must first be read from the store (tornado
        reads the connection's next message only once it is done)."""
        try:
            parsed = parse_client_message(message)
        except ProtocolError as exc:
            self._refuse(exc.code, exc.message)
            if exc.widgets and self.session is not None:
                self.session.resend(exc.widgets)
            return None
        if self.session is None:
            if not isinstance(parsed, Hello):
                self._refuse("no_hello", "the first message must be 'hello'")
                return None
            if self.engine.sessions.may_move_in(parsed):
                return self._move_in(parsed)
            self._start_session(parsed)
            return None
        if isinstance(parsed, Hello):
            self._refuse("unexpected", "'hello' was already received on this connection")
            return None
        self.session.receive(parsed)
        return None

    async def _move_in(self, hello: Hello) -> None:
        """A hello for a session another replica held: read it from the store, then open (``porch.store``)."""
        try:
            moved = await self.engine.sessions.move_in(hello)
            if self.ws_connection is None or self.ws_connection.is_closing():
                return  # the page went away meanwhile; the session is still in the store for its next try
            self._start_session(hello, moved)
        except Exception:
            log.exception("a session could not be brought over from the store; closing its connection")
            self.close(1011, "internal error")

    def _start_session(self, hello: Hello, moved: Restoration | None = None) -> None:
        try:
            session, resumed = self.engine.sessions.open(hello, client_key(self.request.remote_ip), moved)
        except Draining:  # the page tries again after a pause; the proxy sends it to another replica
            self.close(*CLOSE_DRAINING)
            return
        except SessionLimitError as exc:  # the page shows the error; the close reason is for other clients
            self.send([error_message("session_limit", str(exc))])
            self.close(1013, str(exc)[:120])
            return
        self.session = session
        self._stop_hello_timer()
        session.attach(self, hello, resumed=resumed, handshake=self._handshake)

    def _refuse(self, code: str, message: str) -> None:
        """Answer an invalid message, and count it against the connection's budget."""
        self._invalid += 1
        limit = self.engine.config.max_invalid_messages
        if self._invalid == 1:
            log.info(
                "refused a message from %s: %s: %s (further ones on this connection are counted, not logged)",
                self.request.remote_ip, code, message[:200],
            )
        self.send([error_message(code, message)])
        if self._invalid >= limit:
            log.warning(
                "closed the connection of %s after %d invalid messages (max_invalid_messages; raise it with "
                "--max-invalid-messages or PORCH_MAX_INVALID_MESSAGES)", self.request.remote_ip, self._invalid,
            )
            self.close(1008, "too many invalid messages")

    def _stop_hello_timer(self) -> None:
        if self._hello_timer is not None:
            IOLoop.current().remove_timeout(self._hello_timer)
            self._hello_timer = None

    def on_close(self) -> None:
        self._stop_hello_timer()
        session, self.session = self.session, None
        if session is not None:
            session.detach(self)
            if not session.closed and not session.connected:  # else another socket of its page took it over
                self.engine.sessions.disconnected(session)

    # -- Transport -------------------------------------------------------------------------------------------------

    def send(self, frame: list[dict[str, Any]]) -> None:
        self.send_encoded(encode_frame(frame))

    def send_encoded(self, data: str | bytes) -> None:
        """Deliver a frame already encoded as JSON text (a session's own process encodes its frames:
        ``porch.process_session``)."""
        if self.ws_connection is None or self.ws_connection.is_closing():
            return
        try:
            self.write_message(data)
        except websocket.WebSocketClosedError:
            pass

    def close(self, code: int | None = None, reason: str | None = None) -> None:
        super().close(code, reason)


def handshake_of(
    request: HTTPServerRequest, access: AccessPolicy, xsrf_cookie: str = "_xsrf", *, user: dict[str, Any] | None = None
) -> Handshake:
    """What the request that opened a socket tells the script (``porch.context``, ``porch.user``): its headers,
    cookies and address, less Porch's own secrets, and ``user``, who signed in (read from the identity cookie). The
    access token's cookie, the XSRF cookie and the sign-in cookies are taken out of every ``Cookie`` header and out
    of the cookies; an ``Authorization`` header that carries the access token is left out whole."""
    named = {access.cookie_name, xsrf_cookie, FLOW_COOKIE}

    def own(name: str) -> bool:
        return name in named or is_part_of(name, USER_COOKIE) or is_part_of(name, TOKENS_COOKIE)

    headers: list[tuple[str, str]] = []
    for name, value in request.headers.get_all():
        lowered = name.lower()
        if lowered == "cookie":
            kept = [part.strip() for part in value.split(";") if not own(part.split("=", 1)[0].strip())]
            value = "; ".join(part for part in kept if part)
            if not value:
                continue
        elif lowered == "authorization" and access.token is not None and value.startswith("Bearer "):
            if access.token_matches(value[len("Bearer "):].strip()):
                continue
        headers.append((name, value))
    cookies = tuple((name, morsel.value) for name, morsel in request.cookies.items() if not own(name))
    return Handshake(headers=tuple(headers), cookies=cookies, remote_ip=request.remote_ip, user=user)
