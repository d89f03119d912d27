"""A real engine on a background thread, and a protocol client that speaks to it over a real WebSocket.

Tests of the engine use these instead of a subprocess when they need to look inside (session counts, memory).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

from porch.config import EngineConfig
from porch.engine import Engine
from porch.interfaces import Runtime
from porch.script import Script
from porch.security import AccessPolicy
from porch.shell.serve import bind


#: Where a test engine fetches base-map tiles unless its test says (``tile_server``): a loopback port nothing listens
#: on, so a map in a test never reaches the internet (its tiles fail at once, and the map says so).
OFFLINE_TILES = "http://127.0.0.1:9/{style}/{z}/{x}/{y}.png"


class EngineThread:
    """Runs an :class:`Engine` on its own event loop thread, bound to a free loopback port."""

    def __init__(
        self,
        script: Script,
        config: EngineConfig | None = None,
        access: AccessPolicy | None = None,
        *,
        port: int = 0,
    ):
        config = config or EngineConfig()
        if config.map_tile_url == EngineConfig.map_tile_url:
            config = replace(config, map_tile_url=OFFLINE_TILES)
        if config.mapbox_tile_url == EngineConfig.mapbox_tile_url:
            config = replace(config, mapbox_tile_url=OFFLINE_TILES)
        self.engine = Engine(script, config, Runtime(mode="headless"), access)
        self.loop = asyncio.new_event_loop()
        sockets, binding = bind("127.0.0.1", port)
        self.port = binding.port
        self._sockets = sockets
        self._thread = threading.Thread(target=self._serve, name="test-engine", daemon=True)
        self._started = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.engine.config.normalized_base()}/"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{self.engine.config.normalized_base()}/_porch/ws"

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self.engine.start(self._sockets))
        self._started.set()
        self.loop.run_forever()

    def start(self) -> EngineThread:
        self._thread.start()
        self._started.wait(10)
        return self

    def call(self, function: Callable[[], Any]) -> Any:
        """Run ``function`` on the engine's loop thread and return its result."""
        future = asyncio.run_coroutine_threadsafe(_call(function), self.loop)
        return future.result(10)

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self.engine.stop(), self.loop).result(15)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


async def _call(function: Callable[[], Any]) -> Any:
    return function()


@contextmanager
def running_engine(
    source: str | None = None, *, path: str | Path | None = None, **config: Any
) -> Iterator[EngineThread]:
    script = Script(path) if path is not None else Script.from_string(source or "", name="<test app>")
    access = config.pop("access", None)
    server = EngineThread(script, EngineConfig(**config), access).start()
    try:
        yield server
    finally:
        while _open_clients:
            _open_clients.pop().close()
        server.stop()


_open_clients: list[ProtocolClient] = []


class ProtocolClient:
    """Speaks docs/protocol.md like the browser does, keeping the same tree of elements."""

    def __init__(
        self,
        ws_url: str,
        *,
        session: str | None = None,
        token: str | None = None,
        hello: dict[str, Any] | None = None,
        first_frame_timeout: float = 5.0,
        **connect_args: Any,
    ):
        """Connect and say ``hello`` (with the fields in ``hello`` added: ``query``, ``locale``...); ``connect_args``
        go to ``websockets``' ``connect`` (``additional_headers=...``). ``first_frame_timeout``: how long the answer
        to ``hello`` may take (a session in a process of its own starts that process first)."""
        from porch.testing.client import InMemoryClient

        self._stack = ExitStack()
        _open_clients.append(self)
        self.ws: ClientConnection = self._stack.enter_context(connect(ws_url, open_timeout=5, **connect_args))
        self.view = InMemoryClient()
        self._unread: deque[dict[str, Any]] = deque()
        message: dict[str, Any] = {"type": "hello", "protocol": 1, **(hello or {})}
        if session is not None:
            message.update(session=session, token=token)
        self.send(message)
        first = self.receive_frame(first_frame_timeout)
        self.session_message = first[0]

    @property
    def session_id(self) -> str:
        return str(self.session_message["session"])

    @property
    def token(self) -> str:
        return str(self.session_message["token"])

    def send(self, message: dict[str, Any] | str) -> None:
        self.ws.send(message if isinstance(message, str) else json.dumps(message))

    def receive_frame(self, timeout: float = 5.0) -> list[dict[str, Any]]:
        """The next whole frame from the server (applied to ``view``); not for use after :meth:`until`."""
        frame = json.loads(self.ws.recv(timeout=timeout))
        self.view.send(frame)
        return list(frame)

    def until(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 5.0) -> dict[str, Any]:
        """Read messages until one satisfies ``predicate``; return it. Later messages stay for the next call."""
        deadline = time.monotonic() + timeout
        while True:
            while self._unread:
                message = self._unread.popleft()
                if predicate(message):
                    return message
            self._unread.extend(self.receive_frame(timeout=max(0.01, deadline - time.monotonic())))

    def until_finished(self, timeout: float = 5.0, *, status: str | None = None) -> dict[str, Any]:
        return self.until(
            lambda m: m["type"] == "run"
            and m["state"] == "finished"
            and m["status"] != "rerun"
            and (status is None or m["status"] == status),
            timeout,
        )

    def widget(self, kind: str, label: str | None = None) -> str:
        """The id of the first widget of ``kind`` (and ``label``) on the page."""
        found: list[str] = []

        def walk(node: Any) -> None:
            for child in node.children:
                if child.kind == kind and (label is None or child.props.get("label") == label):
                    found.append(child.id)
                walk(child)

        for root in self.view.tree.roots:
            walk(root)
        if not found:
            raise LookupError(f"no {kind} {label or ''} on the page")
        return found[0]

    def texts(self) -> list[str]:
        from porch.testing.elements import plain

        out: list[str] = []

        def walk(node: Any) -> None:
            for child in node.children:
                if "html" in child.props or "body" in child.props:
                    markup = child.props.get("html")
                    out.append(plain(markup) if markup is not None else child.props.get("body"))
                walk(child)

        for root in self.view.tree.roots:
            walk(root)
        return out

    def close(self) -> None:
        self._stack.close()
        if self in _open_clients:
            _open_clients.remove(self)
