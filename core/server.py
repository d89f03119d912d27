"""HTTP and WebSocket endpoints: the page, its static files, the health check and the session socket."""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, BinaryIO

from tornado import web, websocket

from .protocol import (
    MAX_CLIENT_MESSAGE_BYTES,
    Hello,
    ProtocolError,
    encode_frame,
    error_message,
    parse_client_message,
)
from .media import MediaFile, content_disposition
from .security import is_loopback_host
from .session import Session
from .sessions import SessionLimitError

if TYPE_CHECKING:
    from .engine import Engine

log = logging.getLogger("porch.server")

#: A client that sends this many invalid messages in a row is disconnected.
MAX_CONSECUTIVE_ERRORS = 20
#: Bytes read from a session's socket at a time.
WEBSOCKET_READ_CHUNK = 4096


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


class MediaHandler(EngineHandler, web.StaticFileHandler):
    """Media and downloads a run registered (``porch.media``). Ranges, ETag checks and HEAD come from tornado's
    ``StaticFileHandler``; the content comes from the engine's media store instead of a folder."""

    root = ""
    media: MediaFile
    _file: BinaryIO | None = None

    def initialize(self, engine: Engine) -> None:  # type: ignore[override]
        self.engine = engine

    def parse_url_path(self, url_path: str) -> str:
        return url_path

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return path

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        media = self.engine.media.get(absolute_path)
        if media is None:
            raise web.HTTPError(404)
        try:
            self._file = media.open()
        except OSError:
            raise web.HTTPError(404) from None
        self.media = media
        return absolute_path

    def get_content_size(self) -> int:
        return self.media.size

    def get_modified_time(self) -> datetime.datetime:
        return self.media.modified

    def get_content_type(self) -> str:
        return self.media.content_type

    def compute_etag(self) -> str:
        return f'"{self.media.name}"'

    def get_cache_time(self, path: str, modified: datetime.datetime | None, mime_type: str) -> int:
        return 0  # set_extra_headers says it: content-addressed, so never stale

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "private, max-age=31536000, immutable")
        # Opened on its own (an SVG, an HTML download), the content runs nothing in the app's origin.
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        if self.media.download_name is not None:
            self.set_header("Content-Disposition", content_disposition(self.media.download_name))

    def get_content(  # type: ignore[override]
        self, abspath: str, start: int | None = None, end: int | None = None
    ) -> Generator[bytes, None, None]:
        file = self._file
        if file is None:
            return
        file.seek(start or 0)
        remaining = (end if end is not None else self.media.size) - (start or 0)
        while remaining > 0 and not file.closed:  # closed: the client went away between two chunks
            chunk = file.read(min(remaining, 64 * 1024))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk

    def on_finish(self) -> None:
        self._close()

    def on_connection_close(self) -> None:
        self._close()

    def _close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            file.close()


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
        if self.engine.access.loopback_only:
            return None  # the desktop and browser shells: bytes on loopback are free, deflating every frame is not
        return {"compression_level": 6, "mem_level": 8}

    def open(self, *args: str, **kwargs: str) -> None:
        self.set_nodelay(True)
        # tornado reads into a fresh zeroed buffer of the stream's chunk size (64 KB) at every read, on the path of
        # every rerun; client messages are small (the 1 MB limit still holds, read in more steps).
        if self.ws_connection is not None and self.ws_connection.stream is not None:
            self.ws_connection.stream.read_chunk_size = WEBSOCKET_READ_CHUNK

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
    from .uploads import UploadHandler  # it builds on EngineHandler, defined above

    base = engine.config.normalized_base()
    args = {"engine": engine}
    return [
        (rf"{base}/", IndexHandler, args),
        (rf"{base}/_porch/static/(.+)", StaticHandler, args),
        (rf"{base}/_porch/health", HealthHandler, args),
        (rf"{base}/_porch/media/(.*)", MediaHandler, args),
        (rf"{base}/_porch/upload/([^/]+)/([^/]+)(?:/([^/]+))?", UploadHandler, args),
        (rf"{base}/_porch/ws", SessionSocket, args),
    ]


def websocket_settings(engine: Engine) -> dict[str, Any]:
    return {
        "websocket_max_message_size": MAX_CLIENT_MESSAGE_BYTES,
        "websocket_ping_interval": engine.config.ping_interval,
        "websocket_ping_timeout": engine.config.ping_interval,
    }
