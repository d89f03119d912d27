"""Engine settings. The shells fill them from the command line, config files and the environment."""

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
    #: Trust X-Forwarded-For/-Proto/-Host from a reverse proxy.
    behind_proxy: bool = False
    #: Most sessions held at once; a new client beyond it is refused with a clear reason.
    max_sessions: int = 10_000

    def normalized_base(self) -> str:
        base = "/" + self.base_path.strip("/")
        return "" if base == "/" else base
