"""The interfaces between Porch's layers, in one place.

- A :class:`Transport` is how a session talks to its client: a WebSocket in the server, a list in ``AppTest``.
- A :class:`Loop` is how a worker thread hands work to the thread that owns the transport.
- :class:`ScriptHooks` is what the runtime asks of the script API (magic, showing an exception, running the script,
  which a ``pages/`` folder makes a multipage app), so that the runner never imports the element layer above it.
- A :class:`SessionStore` is data a session keeps beside its widgets (media, uploads, data windows): the session
  tells each when a run ends and when it closes, instead of wiring every store by hand.
- :class:`Runtime` is what a shell tells the engine (and the script, through ``porch.runtime``) about where it runs.
- A :class:`Handshake` is what the request that opened a client's connection told the engine (``porch.context``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import CodeType
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from .run import Run
    from .widgets import WidgetStore

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


class ScriptHooks(Protocol):
    """The script API's part in a run, called on the worker thread (``porch.api.hooks`` is the one in use)."""

    def magic(self, *values: Any) -> Any:
        """Show the value of a bare expression statement (a tuple's items), as ``write`` would (see ``porch.magic``);
        return it."""

    def show_exception(self, run: Run, exc: BaseException) -> None:
        """Show an exception that ended ``run`` where it happened."""

    def run_script(self, run: Run, code: CodeType, namespace: dict[str, Any]) -> None:
        """Execute the app's script (``code``) in ``namespace`` for a full run: ``exec``, or, for an app with a
        ``pages/`` folder and no ``porch.navigation``, the page the client asked for."""

    def clear_caches(self) -> None:
        """Empty the app's ``cache_data`` and ``cache_resource`` (the app menu's Clear cache), on a session's worker."""


class SessionStore(Protocol):
    """Per-session data with a lifetime tied to runs and to the session. Methods may be called from any thread."""

    def end_run(self, status: str, widgets: WidgetStore) -> None:
        """A run ended with ``status`` (``ok``, ``error``, ``stopped``, ``rerun``: superseded, or a fragment's rerun,
        after which the page still shows elements of earlier runs too); ``widgets`` holds the values it left. Free
        what the page no longer shows."""

    def close(self) -> None:
        """The session is gone: free everything; what a run still adds afterwards is not kept."""


@dataclass(frozen=True)
class Runtime:
    """Where the app runs. ``local_client``: the client is on the same machine as the script (desktop mode)."""

    mode: Mode = "headless"
    local_client: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"mode": self.mode, "local_client": self.local_client}


@dataclass(frozen=True)
class Handshake:
    """What the request that opened a client's connection said about it, kept by its session (``porch.context``):
    the request's headers as (name, value) pairs, its cookies, and the address it came from (``X-Forwarded-For``'s
    behind a trusted proxy). Porch's own cookies and its access token are never in it."""

    headers: tuple[tuple[str, str], ...] = ()
    cookies: tuple[tuple[str, str], ...] = ()
    remote_ip: str | None = None
    #: Who signed in on the client's browser (``porch.login``): the provider's claims and ``is_logged_in``; None: no one.
    user: dict[str, Any] | None = None
