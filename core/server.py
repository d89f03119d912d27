"""HTTP and WebSocket endpoints: the page, its static files, the health check and the session socket."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from tornado import web, websocket

from .protocol import (
    MAX_CLIENT_MESSAGE_BYTES,
    Hello,
    ProtocolError,
    encode_frame,
    error_message,
    parse_client_message,
)
from .security import is_loopback_host
from .session import Session
from .sessions import SessionLimitError

if TYPE_CHECKING:
    from .engine import Engine

log = logging.getLogger("porch.server")

#: A client that sends this many invalid messages in a row is disconnected.
MAX_CONSECUTIVE_ERRORS = 20


class EngineHandler(web.RequestHandler):
    """Base for every HTTP endpoint: security headers, and the engine's access policy."""

    engine: Engine

    def initialize(self, engine: Engine) -> None:
        self.engine = engine

    def prepare(self) -> None:
        access = self.engine.access
        offered = self.get_query_argument("token", None)
        if access.token is not None and offered is not None and access.token_matches(offered):
            # The one URL that carries the secret: trade it for an HttpOnly cookie and drop it from the address.
            self.set_cookie(
                access.cookie_name,
                offered,
                httponly=True,
                samesite="Strict",
                secure=self.request.protocol == "https",
                path=self.engine.config.normalized_base() + "/",
            )
            self.redirect(self.request.path, status=303)
            return
        refusal = access.refuse(self.request)
        if refusal is not None:
            status, reason = refusal
            raise web.HTTPError(status, reason=reason)

    def set_default_headers(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")
        self.clear_header("Server")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")


class IndexHandler(EngineHandler):
    def get(self) -> None:
        if self.settings.get("xsrf_cookies"):
            self.xsrf_token  # sets the _xsrf cookie that the page's state-changing requests echo back
        page = self.engine.index_page()
        script_hash = page.script_hash
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Vary", "Accept-Encoding")
        self.set_header("Cache-Control", "no-cache")
        self.set_header(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src 'self' '{script_hash}'; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob: https:; "
            "media-src 'self' blob: https:; "
            "connect-src 'self'; "
            "frame-src 'self' data: blob:; "
            "frame-ancestors 'self'; "
            "base-uri 'self'; form-action 'self'",
        )
        if "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(page.gzipped)
        else:
            self.finish(page.html)


class StaticHandler(EngineHandler):
    def get(self, url_name: str) -> None:
        asset = self.engine.assets.by_url(url_name)
        if asset is None:
            raise web.HTTPError(404)
        self.set_header("Content-Type", asset.content_type)
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.set_header("ETag", asset.etag)
        self.set_header("Vary", "Accept-Encoding")
        if self.request.headers.get("If-None-Match") == asset.etag:
            self.set_status(304)
            self.finish()
            return
        if asset.gzipped is not None and "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(asset.gzipped)
        else:
            self.finish(asset.body)

    def compute_etag(self) -> None:
        return None


class HealthHandler(EngineHandler):
    """200 once the engine can serve sessions, 503 while it drains. For load balancers and orchestrators.

    Orchestrators probe without the app's token, so the status is open to anyone who may reach the host; the session
    count only to a client the access policy admits. A loopback-only engine still refuses a foreign Host.
    """

    def prepare(self) -> None:
        access = self.engine.access
        if access.loopback_only and not is_loopback_host(self.request.host):
            raise web.HTTPError(403, reason="Host not allowed")

    def get(self) -> None:
        status = self.engine.status()
        if self.engine.access.refuse(self.request) is not None:
            del status["sessions"]
        self.set_status(200 if status["status"] == "ok" else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(status))


class SessionSocket(websocket.WebSocketHandler):
    """One client's connection. It validates every message and hands it to its session; it is also that session's
    transport (``send``/``close``)."""

    def initialize(self, engine: Engine) -> None:
        self.engine = engine
        self.session: Session | None = None
        self._errors = 0

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
        return {"compression_level": 6, "mem_level": 8}

    def open(self, *args: str, **kwargs: str) -> None:
        self.set_nodelay(True)

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
            session.attach(self, parsed, resumed=resumed)
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


def routes(engine: Engine) -> list[tuple[str, type[web.RequestHandler], dict[str, Any]]]:
    base = engine.config.normalized_base()
    args = {"engine": engine}
    return [
        (rf"{base}/", IndexHandler, args),
        (rf"{base}/_porch/static/(.+)", StaticHandler, args),
        (rf"{base}/_porch/health", HealthHandler, args),
        (rf"{base}/_porch/ws", SessionSocket, args),
    ]


def websocket_settings(engine: Engine) -> dict[str, Any]:
    return {
        "websocket_max_message_size": MAX_CLIENT_MESSAGE_BYTES,
        "websocket_ping_interval": engine.config.ping_interval,
        "websocket_ping_timeout": engine.config.ping_interval,
    }
