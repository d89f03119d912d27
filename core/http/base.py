"""What every endpoint shares: the engine protocol it is given, security headers, and the engine's access policy.

Handlers are typed against :class:`HttpEngine`, the few members of the engine they read, rather than the ``Engine``
class: the engine imports this layer to build its application, so this layer must not import the engine back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote_plus

from tornado import web

from ..auth import AuthSettings, Metadata
from ..config import EngineConfig
from ..media import MediaStore
from ..security import AccessPolicy
from ..sessions import SessionManager
from ..static import StaticAssets

if TYPE_CHECKING:
    from .asgi import AppRoutes


class Page(Protocol):
    """The app's one HTML page, rendered once by the engine (``porch.engine.IndexPage`` satisfies it)."""

    @property
    def html(self) -> bytes: ...

    @property
    def gzipped(self) -> bytes: ...

    @property
    def script_hash(self) -> str:
        """The CSP source (``'sha256-...'``) of the page's inline import map."""


class HttpEngine(Protocol):
    """The engine as the endpoints see it: exactly the members they read, all read-only.

    ``porch.engine.Engine`` satisfies it; mypy checks that where the engine hands itself to
    :func:`porch.http.routes.routes`.
    """

    @property
    def config(self) -> EngineConfig:
        """The base path (every route and cookie sits under it) and the WebSocket ping interval."""

    @property
    def access(self) -> AccessPolicy:
        """Who may reach the app: token, loopback-only Host, allowed WebSocket origins."""

    @property
    def assets(self) -> StaticAssets:
        """The client's files, by hashed URL name."""

    @property
    def media(self) -> MediaStore:
        """Media and downloads the sessions' runs registered."""

    @property
    def sessions(self) -> SessionManager:
        """The live sessions: opened by a socket's hello, found by id for an upload."""

    @property
    def draining(self) -> bool:
        """True once the engine stops: new sockets are refused with 503."""

    def status(self) -> dict[str, object]:
        """The health check's body: ``status`` (``ok``, ``starting`` or ``draining``) and ``sessions``."""

    def index_page(self) -> Page:
        """The page, built on first use."""

    def auth_settings(self) -> AuthSettings:
        """The app's sign-in configuration, read from its secrets; :class:`porch.auth.AuthConfigError` if none."""

    @property
    def oidc_metadata(self) -> Metadata:
        """The sign-in providers' discovery documents, fetched once."""

    @property
    def app_routes(self) -> AppRoutes | None:
        """The routes of the ``porch.App`` served (``http.asgi``), matched before Porch's pages; None: none."""


class EngineHandler(web.RequestHandler):
    """Base for every HTTP endpoint: security headers, and the engine's access policy."""

    engine: HttpEngine

    def initialize(self, engine: HttpEngine) -> None:
        self.engine = engine

    def prepare(self) -> None:
        access = self.engine.access
        offered = self.get_query_argument("token", None)
        earned = None
        if offered is not None and access.host_refusal(self.request) is None:
            earned = access.cookie_for(offered)
        if earned is not None:
            # The one URL that carries the secret (or the launch token): trade it for an HttpOnly cookie and drop it
            # from the address.
            self.set_cookie(
                access.cookie_name,
                earned,
                httponly=True,
                samesite="Strict",
                secure=self.request.protocol == "https",
                path=self.engine.config.normalized_base() + "/",
            )
            self.redirect(self.request.path + _without_token(self.request.query), status=303)
            return
        refusal = access.refusal(self.request)
        if refusal is not None:
            raise Refused(refusal.status, refusal.reason, refusal.message)

    def set_default_headers(self) -> None:
        set_security_headers(self)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        exc = kwargs.get("exc_info", (None, None, None))[1]
        detail = f"{exc.message}\n" if isinstance(exc, Refused) else ""
        self.finish(f"{status_code} {self._reason}\n{detail}")


class Refused(web.HTTPError):
    """A refusal whose ``message`` (what was refused and which setting allows it) is shown in the body: a reason
    phrase cannot say that much, and tornado would log a ``log_message`` once per request."""

    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(status, reason=reason)
        self.message = message


class NotFoundHandler(EngineHandler):
    """Every path no route names: 404 under the access policy and with the headers of every other answer (tornado's
    own handler for them would send its ``Server`` header and none of these)."""

    def prepare(self) -> None:
        super().prepare()
        if not self._finished:
            raise web.HTTPError(404)


def set_security_headers(handler: web.RequestHandler) -> None:
    """The headers every answer carries, errors and the WebSocket handshake included, and no ``Server`` header that
    names tornado and its version."""
    handler.set_header("X-Content-Type-Options", "nosniff")
    handler.set_header("Referrer-Policy", "same-origin")
    handler.clear_header("Server")


def _without_token(query: str) -> str:
    """The URL's query less its ``token`` parameters (``?token=...&page=2`` -> ``?page=2``), as it was written: the
    app's own parameters survive the trade of the token for a cookie (``porch.query_params``)."""
    kept = [part for part in query.split("&") if part and unquote_plus(part.split("=", 1)[0]) != "token"]
    return "?" + "&".join(kept) if kept else ""
