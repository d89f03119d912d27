"""Who may talk to the engine: the Host a request names, the origin of a WebSocket, and an access token.

Desktop mode listens on loopback behind a per-launch secret; headless mode may add an access token. Either way the
token arrives once in the page URL (``?token=...``), becomes an HttpOnly cookie, and every later HTTP and WebSocket
request must carry it. The loopback shells (desktop, browser) put a :class:`LaunchToken` in that URL instead of the
secret: it works once and for a minute, so the browser's command line that shows it is of no use to anyone later,
and the cookie that carries the secret is named for the port (:func:`loopback_access`), so two apps on this machine
do not overwrite each other's.

The Host check defeats DNS rebinding: a web page in the user's browser, at a name of the attacker's that is made to
resolve to the app's address, would otherwise reach the app as its own origin (origin check passed, cookies aside).
Every request must name an allowed host: in loopback mode (desktop, browser) a loopback name or address; in headless
mode a name of ``allowed_hosts`` (by default the names the server was started with, ``default_allowed_hosts``) or
any IP address, which no rebinding can produce (the page's origin would then be that address itself). Behind a
trusted proxy, the host the proxy was asked for (``X-Forwarded-Host``) must be allowed too. One check for every
mode: :meth:`AccessPolicy.host_refusal`. See ``docs/security.md``.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from tornado.httputil import HTTPServerRequest

log = logging.getLogger("porch.security")

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "[::1]", "::1"})
#: In ``allowed_hosts``: any host name.
ANY_HOST = "*"
#: Refused host names logged (once each); past it, refusals go unlogged.
MAX_LOGGED_HOSTS = 100
_logged_hosts: set[str] = set()


@dataclass(frozen=True)
class Refusal:
    """Why a request may not proceed: its HTTP status and reason phrase, and a message for the body that says what
    was refused and which setting would allow it."""

    status: int
    reason: str
    message: str


class LaunchToken:
    """The secret in the first URL a loopback shell opens (the window's, or the browser's command line, which ``ps``
    shows to every user of the machine). The first request that presents it within ``lifetime`` seconds earns the
    access cookie (:meth:`AccessPolicy.cookie_for`); after that, or once the lifetime is over, it opens nothing.
    Event loop thread."""

    #: How long an unused launch link works: a browser starting cold on a loaded machine takes seconds, a person
    #: copying the printed link from a terminal a minute at most.
    LIFETIME = 60.0
    REFUSAL = Refusal(403, "Launch link already used or expired",
                      "This launch link was already used or has expired: it opens the app once. Go back to the "
                      "window or tab that opened it, or start the app again for a new link.")

    def __init__(self, value: str, lifetime: float = LIFETIME, clock: Callable[[], float] = time.monotonic) -> None:
        self.value = value
        self._clock = clock
        self._expires = clock() + lifetime
        self._spent = False

    def is_this(self, candidate: str) -> bool:
        return hmac.compare_digest(candidate.encode(), self.value.encode())

    def redeem(self, candidate: str) -> bool:
        """True the first time ``candidate`` is this token within its lifetime; the token is spent either way."""
        if self._spent or not self.is_this(candidate):
            return False
        self._spent = True
        return self._clock() <= self._expires


@dataclass(frozen=True)
class AccessPolicy:
    #: The secret every request must carry (cookie, query parameter once, or ``Authorization: Bearer``); None: open.
    token: str | None = None
    #: Refuse requests whose Host header is not a loopback name or address (desktop and browser).
    loopback_only: bool = False
    #: Otherwise, the host names requests may name (lower case; ``.example.com`` also allows its subdomains; ``*``:
    #: any). An IP address always passes. Headless sets it from ``--allowed-host``; the default allows any.
    allowed_hosts: frozenset[str] = frozenset({ANY_HOST})
    #: Extra origins (``scheme://host[:port]``) allowed to open the WebSocket, e.g. behind a proxy on another host.
    allowed_origins: frozenset[str] = field(default_factory=frozenset)
    #: Behind a reverse proxy: a WebSocket's origin may also match the host the proxy was asked for
    #: (``X-Forwarded-Host``), since the proxy may pass its own upstream name in ``Host``.
    trust_forwarded_host: bool = False
    cookie_name: str = "porch_token"
    #: Loopback shells: the one-time token of the first URL, traded for a cookie carrying ``token``. None: the URL
    #: carries ``token`` itself, as often as it is opened (headless ``--token``).
    launch: LaunchToken | None = None

    def token_matches(self, candidate: str | None) -> bool:
        return self.token is None or (
            candidate is not None and hmac.compare_digest(candidate.encode(), self.token.encode())
        )

    def cookie_for(self, offered: str) -> str | None:
        """The access cookie's value a page URL's ``?token=`` earns, or None when it earns none."""
        if self.token is None:
            return None
        if self.launch is not None:
            return self.token if self.launch.redeem(offered) else None
        return offered if self.token_matches(offered) else None

    def presented_token(self, request: HTTPServerRequest) -> str | None:
        cookie = request.cookies.get(self.cookie_name)
        if cookie is not None:
            return cookie.value
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return auth[len("Bearer ") :]
        return None

    def refusal(self, request: HTTPServerRequest) -> Refusal | None:
        """Why ``request`` may not proceed; None when it may."""
        refused = self.host_refusal(request)
        if refused is not None:
            return refused
        if self.token is not None and not self.token_matches(self.presented_token(request)):
            offered = request.query_arguments.get("token", [b""])[-1].decode("utf-8", "replace")
            if self.launch is not None and self.launch.is_this(offered):
                return LaunchToken.REFUSAL
            return Refusal(403, "Missing or wrong access token", "Open the app's URL with its access token.")
        return None

    def refuse(self, request: HTTPServerRequest) -> tuple[int, str] | None:
        """Why ``request`` may not proceed, as (HTTP status, reason); None when it may."""
        refused = self.refusal(request)
        return None if refused is None else (refused.status, refused.reason)

    def host_allowed(self, host: str) -> bool:
        """Whether a ``Host`` header's value (``name[:port]``) names this app."""
        if self.loopback_only:
            return is_loopback_host(host)
        return host_matches(host, self.allowed_hosts)

    def host_refusal(self, request: HTTPServerRequest) -> Refusal | None:
        """The Host check, for every mode: the Host the request names, and behind a trusted proxy every host the
        proxy says it was asked for, must be allowed."""
        hosts = [request.host]
        if self.trust_forwarded_host:
            forwarded = request.headers.get("X-Forwarded-Host", "")
            hosts += [name.strip() for name in forwarded.split(",") if name.strip()]
        for host in hosts:
            if not self.host_allowed(host):
                return self._host_refused(host)
        return None

    def _host_refused(self, host: str) -> Refusal:
        name = host_name(host)
        shown = "".join(ch if ch.isprintable() else "?" for ch in name)[:100]
        if self.loopback_only:
            message = (f"This app answers only to a loopback name (localhost, 127.0.0.1), not to {shown!r}: open the "
                       "URL the app printed.")
        else:
            message = (f"This server does not answer to the name {shown!r}. If that is its name, start it with "
                       f"--allowed-host {shown} (or add it to allowed_hosts in .porch/config.toml, or to "
                       "PORCH_ALLOWED_HOSTS); --allowed-host '*' allows any name. Behind a reverse proxy, the proxy "
                       "must pass on the Host it was asked for (nginx: proxy_set_header Host $http_host).")
        if name not in _logged_hosts and len(_logged_hosts) < MAX_LOGGED_HOSTS:
            _logged_hosts.add(name)
            log.warning("refused requests for the host %r (logged once per host): %s", shown, message)
        return Refusal(403, "Host not allowed", message)

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


def loopback_access(port: int) -> tuple[AccessPolicy, LaunchToken]:
    """The access of a shell whose client is on this machine (desktop, browser): loopback Host names only, a
    per-launch secret in a cookie named for the port (cookies are not port-scoped: every server on 127.0.0.1
    receives every 127.0.0.1 cookie), and the launch token its first URL carries."""
    launch = LaunchToken(secrets.token_urlsafe(32))
    policy = AccessPolicy(
        token=secrets.token_urlsafe(32), loopback_only=True, launch=launch, cookie_name=f"porch_token_{port}"
    )
    return policy, launch


def _strip_default_port(host: str, origin: str) -> str:
    """``example.com:443`` names the same origin as ``https://example.com`` (browsers omit default ports)."""
    scheme = urlsplit(origin).scheme
    for suffix, default_scheme in ((":443", "https"), (":80", "http")):
        if host.endswith(suffix) and scheme == default_scheme:
            return host[: -len(suffix)]
    return host


def host_name(host: str) -> str:
    """A ``Host`` header's name, without its port, brackets or final dot, in lower case: ``[::1]:80`` -> ``::1``."""
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else name[1:]
    elif name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    return name.rstrip(".")


def is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (a ``Host`` header's value, or an origin's ``host[:port]``) names this machine."""
    name = host_name(host)
    return name in LOOPBACK_NAMES or is_loopback_address(name)


def is_loopback_address(address: str) -> bool:
    """Whether ``address`` (an IP address, as a socket reports a peer's) is this machine's: a loopback address, or an
    IPv4 one mapped into IPv6 (``::ffff:127.0.0.1``, as a dual-stack socket reports an IPv4 peer)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def host_matches(host: str, allowed: frozenset[str]) -> bool:
    """Whether ``host`` (a Host header's value) is an IP address or a name ``allowed`` holds: exactly, or below an
    entry that starts with a dot (``.example.com``: it and its subdomains); ``*`` holds every name."""
    if ANY_HOST in allowed:
        return True
    name = host_name(host)
    if not name:
        return False
    if is_ip_address(name) or name in allowed:
        return True
    return any(entry.startswith(".") and (name == entry[1:] or name.endswith(entry)) for entry in allowed)


def normalize_allowed_hosts(entries: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    """``--allowed-host`` values as :func:`host_matches` reads them: lower case, without a port or a final dot."""
    names = set()
    for entry in entries:
        entry = entry.strip()
        if entry == ANY_HOST:
            names.add(ANY_HOST)
        elif entry.startswith("."):
            names.add("." + host_name(entry[1:]))
        elif entry:
            names.add(host_name(entry))
    return frozenset(names)


def default_allowed_hosts(bind_host: str) -> frozenset[str]:
    """The names a headless server answers to when ``allowed_hosts`` is not set: the localhost names, the address or
    name it was bound to, and on every interface (``""``, ``0.0.0.0``, ``::``) this machine's host name and its mDNS
    name (``<host>.local``). IP addresses pass anyway (:func:`host_matches`). No name is looked up: a slow resolver
    would delay every start."""
    names = {"localhost"}
    if bind_host and bind_host not in ("0.0.0.0", "::"):
        names.add(host_name(bind_host))
        return frozenset(names)
    hostname = socket.gethostname()
    for name in (hostname, hostname.split(".")[0] + ".local"):
        if name:
            names.add(host_name(name))
    return frozenset(names)
