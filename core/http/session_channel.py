"""One client's session socket, whatever carries it: what the socket at ``<base>/_porch/ws`` does, apart from frames.

Two small transports carry a :class:`SessionChannel`: tornado's WebSocket (``http.socket.SessionSocket``, the
engine's own listener) and an ASGI server's (``http.asgi_socket``, ``uvicorn launcher:app``). The channel holds the
rest, once: who may open a socket (the access policy, a draining server), the handshake the script sees, the
``hello`` deadline, the validation of every message and its budget, opening or resuming the session, and being that
session's transport (``send``/``close``). A transport gives it the request that opened the socket (a tornado
``HTTPServerRequest`` either way, so the checks are the same code) and the two things only it can do: write a frame,
close.

Runs on the event loop thread. Every message is parsed and validated here (:func:`porch.protocol.parse_client_message`)
before a session sees it, so a session only ever receives well-formed messages. Invalid messages are a budget of the
connection (``EngineConfig.max_invalid_messages``): each is answered with an ``error``, and the one that spends the
budget closes the socket (1008), whatever valid messages came between; the log has a line for the first and one for
the close, not one per message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from tornado.httputil import HTTPServerRequest
from tornado.ioloop import IOLoop

from ..admission import client_key
from ..auth import FLOW_COOKIE, TOKENS_COOKIE, USER_COOKIE, USER_DAYS, AuthConfigError, is_part_of, joined_cookie
from ..interfaces import Handshake
from ..protocol import CLOSE_DRAINING, Hello, ProtocolError, encode_frame, error_message, parse_client_message
from ..security import AccessPolicy
from ..sessions import Draining, ServedSession, SessionLimitError
from .base import HttpEngine

if TYPE_CHECKING:
    from ..store.snapshot import Restoration

log = logging.getLogger("porch.http.socket")


class FrameWriter(Protocol):
    """What a transport does for its channel (event loop thread)."""

    @property
    def closing(self) -> bool:
        """True once the socket is closed or closing: nothing more is written to it."""

    def write_frame(self, data: str | bytes) -> None:
        """Send one text frame, in order after the ones before; dropped if the socket closed meanwhile."""

    def end(self, code: int | None, reason: str | None) -> None:
        """Close the socket with a WebSocket close code and reason (after the frames already given)."""


@dataclass(frozen=True)
class Turned:
    """A socket refused before the upgrade: an HTTP answer instead of a WebSocket."""

    status: int
    reason: str
    body: str
    headers: tuple[tuple[str, str], ...] = ()


class SessionChannel:
    """One client's connection. It validates every message and hands it to its session; it is also that session's
    transport (``send``/``send_encoded``/``close``)."""

    def __init__(self, engine: HttpEngine, request: HTTPServerRequest, writer: FrameWriter,
                 xsrf_cookie: str = "_xsrf") -> None:
        self.engine = engine
        self.request = request
        self.writer = writer
        self.xsrf_cookie = xsrf_cookie
        self.session: ServedSession | None = None
        #: Invalid messages this connection sent (never reset: valid ones between do not earn more).
        self._invalid = 0
        self._handshake = Handshake()
        self._hello_timer: object | None = None

    # -- before the upgrade ----------------------------------------------------------------------------------------

    def turned_away(self) -> Turned | None:
        """The answer that refuses this socket before the upgrade (Host, token, desktop secret; a draining server),
        or None: it may open. The origin is checked by the transport (tornado's ``check_origin``) with
        :meth:`origin_allowed`."""
        refusal = self.engine.access.refusal(self.request)
        if refusal is not None:
            return Turned(refusal.status, refusal.reason, f"{refusal.status} {refusal.reason}\n{refusal.message}\n")
        if self.engine.draining and not self._resumes_here():
            # Before the upgrade, so a proxy can send the connection to another replica itself (nginx's
            # ``proxy_next_upstream http_503``, HAProxy's ``retry-on 503``); a client sees it as a dropped socket and
            # tries again after a pause.
            return Turned(503, "Server is draining",
                          "503 Server is draining\nThis server is stopping: new sessions start on another one.\n",
                          (("Retry-After", "1"),))
        return None

    def origin_allowed(self, origin: str) -> bool:
        return self.engine.access.origin_allowed(origin, self.request)

    def _resumes_here(self) -> bool:
        """Whether the socket's URL names a session this server still holds (``?session=``, which the client adds
        when it has one): a draining server goes on serving those until its grace is over."""
        named = self.request.query_arguments.get("session")
        if not named or not named[-1]:
            return False
        session = self.engine.sessions.get(named[-1].decode("utf-8", "replace").strip())
        return session is not None and not session.closed

    # -- the connection ---------------------------------------------------------------------------------------------

    def opened(self) -> None:
        """The socket is open: read who it is, and give it ``hello_timeout`` to say ``hello``."""
        self._handshake = handshake_of(self.request, self.engine.access, self.xsrf_cookie, user=self._signed_in())
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
        """One message from the client; a coroutine when the transport must wait before it reads the next."""
        if self.writer.closing:
            return None  # what was already on its way when the socket was closed
        try:
            return self._take(message)
        except Exception:  # a bug, not the client's fault: that connection ends with a reason, the server goes on
            log.exception("a client message could not be handled; closing its connection")
            self.close(1011, "internal error")
            return None

    def _take(self, message: str | bytes) -> Awaitable[None] | None:
        """Handle one message; a coroutine when the hello's session must first be read from the store (the
        transport reads the connection's next message only once it is done)."""
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
            if self.writer.closing:
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
        """The socket closed (either side): the session outlives it for its TTL."""
        self._stop_hello_timer()
        session, self.session = self.session, None
        if session is not None:
            session.detach(self)
            if not session.closed and not session.connected:  # else another socket of its page took it over
                self.engine.sessions.disconnected(session)

    # -- the session's transport -----------------------------------------------------------------------------------

    def send(self, frame: list[dict[str, Any]]) -> None:
        self.send_encoded(encode_frame(frame))

    def send_encoded(self, data: str | bytes) -> None:
        """Deliver a frame already encoded as JSON text (a session's own process encodes its frames:
        ``porch.process_session``)."""
        if not self.writer.closing:
            self.writer.write_frame(data)

    def close(self, code: int | None = None, reason: str | None = None) -> None:
        self.writer.end(code, reason)


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
