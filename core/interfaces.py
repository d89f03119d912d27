"""The interfaces between Porch's layers, in one place.

- A :class:`Transport` is how a session talks to its client: a WebSocket in the server, a list in ``AppTest``.
- A :class:`Loop` is how a worker thread hands work to the thread that owns the transport.
- :class:`Runtime` is what a shell tells the engine (and the script, through ``porch.runtime``) about where it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Mode = Literal["desktop", "headless", "browser", "test"]


class Transport(Protocol):
    def send(self, frame: list[dict[str, Any]]) -> None:
        """Deliver one frame (a list of server messages) to the client. Called on the loop thread only."""

    def close(self, code: int, reason: str) -> None:
        """End the connection with a WebSocket close code and a human-readable reason."""


class Loop(Protocol):
    """What a session needs from the thread that owns its transport; asyncio's event loop satisfies it."""

    def call_soon_threadsafe(self, callback: Callable[..., Any], *args: Any) -> Any:
        """Run ``callback(*args)`` on the loop thread, soon. Safe to call from any thread."""

    def call_later(self, delay: float, callback: Callable[..., Any], *args: Any) -> Any:
        """Run ``callback(*args)`` on the loop thread after ``delay`` seconds. Loop thread only."""


@dataclass(frozen=True)
class Runtime:
    """Where the app runs. ``local_client``: the client is on the same machine as the script (desktop mode)."""

    mode: Mode = "headless"
    local_client: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"mode": self.mode, "local_client": self.local_client}
