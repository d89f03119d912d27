"""Who may talk to the engine: the Host a request names, the origin of a WebSocket, and an access token.

Desktop mode listens on loopback behind a per-launch secret; headless mode may add an access token. Either way the
token arrives once in the page URL (``?token=...``), becomes an HttpOnly cookie, and every later HTTP and WebSocket
request must carry it. A request naming a Host that is not loopback is refused in loopback mode, which defeats DNS
rebinding: a web page in the user's browser cannot reach the app through a name of its own that resolves to
127.0.0.1.
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from tornado.httputil import HTTPServerRequest

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "[::1]", "::1"})


@dataclass(frozen=True)
class AccessPolicy:
    #: The secret every request must carry (cookie, query parameter once, or ``Authorization: Bearer``); None: open.
    token: str | None = None
    #: Refuse requests whose Host header is not a loopback name or address.
    loopback_only: bool = False
    #: Extra origins (``scheme://host[:port]``) allowed to open the WebSocket, e.g. behind a proxy on another host.
    allowed_origins: frozenset[str] = field(default_factory=frozenset)
    #: Behind a reverse proxy: a WebSocket's origin may also match the host the proxy was asked for
    #: (``X-Forwarded-Host``), since the proxy may pass its own upstream name in ``Host``.
    trust_forwarded_host: bool = False
    cookie_name: str = "porch_token"

    def token_matches(self, candidate: str | None) -> bool:
        return self.token is None or (candidate is not None and hmac.compare_digest(candidate, self.token))

    def presented_token(self, request: HTTPServerRequest) -> str | None:
        cookie = request.cookies.get(self.cookie_name)
        if cookie is not None:
            return cookie.value
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[len("Bearer ") :]
        return None

    def refuse(self, request: HTTPServerRequest) -> tuple[int, str] | None:
        """Why ``request`` may not proceed, as (HTTP status, reason); None when it may."""
        if self.loopback_only and not is_loopback_host(request.host):
            return (403, "Host not allowed")
        if self.token is not None and not self.token_matches(self.presented_token(request)):
            return (403, "Missing or wrong access token")
        return None

    def origin_allowed(self, origin: str, request: HTTPServerRequest) -> bool:
        """A WebSocket may be opened only by a page of the app's own origin (or an explicitly allowed one)."""
        if origin.rstrip("/").lower() in {allowed.rstrip("/").lower() for allowed in self.allowed_origins}:
            return True
        netloc = urlsplit(origin).netloc.lower()
        if not netloc:  # "null" (a sandboxed frame, a file: page) or garbage
            return False
        hosts = [request.host]
        if self.trust_forwarded_host:
            forwarded = request.headers.get("X-Forwarded-Host", "")
            hosts += [name.strip() for name in forwarded.split(",") if name.strip()]
        return any(netloc == _strip_default_port(host.lower(), origin) for host in hosts)


def _strip_default_port(host: str, origin: str) -> str:
    """``example.com:443`` names the same origin as ``https://example.com`` (browsers omit default ports)."""
    scheme = urlsplit(origin).scheme
    for suffix, default_scheme in ((":443", "https"), (":80", "http")):
        if host.endswith(suffix) and scheme == default_scheme:
            return host[: -len(suffix)]
    return host


def is_loopback_host(host: str) -> bool:
    name = host.lower()
    if name.startswith("["):
        name = name[: name.find("]") + 1]
    elif ":" in name and name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False
