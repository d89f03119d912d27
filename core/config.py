"""Engine settings. The shells fill them from the command line, config files and the environment
(``porch.shell.settings``, documented in ``docs/config.md``); the engine only reads them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineConfig:
    #: URL prefix the app is served under, e.g. "/apps/demo" behind a reverse proxy; "" for the root.
    base_path: str = ""
    #: How long a session outlives its dropped connection (seconds).
    session_ttl: float = 120.0
    #: Seconds between WebSocket pings; a client that misses two is dropped.
    ping_interval: float = 20.0
    #: Seconds a stopping engine waits for connections to close.
    drain_timeout: float = 5.0
    #: Seconds a stopping engine keeps its listener open, answering the health check with 503 ("draining") and
    #: refusing new sessions, before it closes it: time for a load balancer to take it out of rotation.
    drain_grace: float = 0.0
    #: Trust X-Forwarded-For/-Proto/-Host from a reverse proxy.
    behind_proxy: bool = False
    #: Most sessions held at once; a new client beyond it is refused with a clear reason.
    max_sessions: int = 10_000
    #: Largest HTTP request body accepted (uploads), in bytes.
    max_upload_bytes: int = 200 * 1024 * 1024
    #: Bytes of media (images, audio, video, downloads) all sessions keep in memory together; what does not fit is
    #: written to temporary files (``porch.media``).
    media_memory_bytes: int = 256 * 1024 * 1024
    #: Require tornado's XSRF token (``_xsrf`` cookie echoed in ``X-XSRFToken`` or a ``_xsrf`` form field) on every
    #: state-changing HTTP request (POST, PUT, PATCH, DELETE). The WebSocket is protected by its origin check.
    xsrf_protection: bool = True

    def normalized_base(self) -> str:
        base = "/" + self.base_path.strip("/")
        return "" if base == "/" else base
