"""A raster tile server for the base-map tests, standing in for Carto's and Mapbox's: on a free loopback port, in a
thread of its own, it answers ``/<anything>/<z>/<x>/<y>.png`` with a solid-colour 256x256 PNG (the colour picked by
the path's style, so a test sees which style a map drew) and records every request. Other first path parts make it
misbehave as an upstream may: ``/missing/...`` (404), ``/text/...`` (an HTML page), ``/fake/...`` (``image/png``
that is no PNG), ``/big/...`` (a PNG of ``big_bytes`` bytes with its length), ``/stream/...`` (as large, chunked,
with no length), ``/hold/...`` (a tile once the test calls ``release()``; ``held`` counts the requests waiting and
``most_at_once`` the most there were at once). Tests never reach the real internet: the engine is pointed here by its ``map_tile_url``."""

from __future__ import annotations

import asyncio
import io
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PIL import Image
from tornado import httpserver, web

#: The colour of each style's tiles (by Carto's names; anything else is grey).
COLOURS = {
    "light_all": (250, 220, 0),
    "dark_all": (150, 0, 150),
    "rastertiles/voyager": (0, 200, 200),
}
GREY = (128, 128, 128)


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, format="PNG")
    return out.getvalue()


@dataclass
class TileServer:
    port: int
    #: Every path asked for, with its query, in order.
    asked: list[str] = field(default_factory=list)
    big_bytes: int = 64 * 1024
    #: ``/hold/`` requests waiting now, and the most that ever waited at once.
    held: int = 0
    most_at_once: int = 0
    gate: asyncio.Event | None = None
    loop: asyncio.AbstractEventLoop | None = None

    def release(self) -> None:
        """Let every ``/hold/`` request (and every later one) through."""
        if self.loop is not None and self.gate is not None:
            self.loop.call_soon_threadsafe(self.gate.set)

    def url(self, prefix: str = "") -> str:
        """An upstream template of this server (``map_tile_url``), its paths under ``prefix``."""
        return f"http://127.0.0.1:{self.port}{prefix}/{{style}}/{{z}}/{{x}}/{{y}}.png"


class Tiles(web.RequestHandler):
    def initialize(self, server: TileServer) -> None:
        self.server = server

    async def get(self, path: str) -> None:
        self.server.asked.append(self.request.uri or path)
        first = path.split("/", 1)[0]
        if first == "hold" and self.server.gate is not None:
            self.server.held += 1
            self.server.most_at_once = max(self.server.most_at_once, self.server.held)
            await self.server.gate.wait()
            self.server.held -= 1
            path = path.split("/", 1)[1]
        if first == "missing":
            raise web.HTTPError(404)
        if first == "text":
            self.set_header("Content-Type", "text/html")
            self.finish("<html>not a tile</html>")
            return
        if first == "fake":
            self.set_header("Content-Type", "image/png")
            self.finish(b"GIF89a" + b"\0" * 100)
            return
        if first in ("big", "stream"):
            body = png(GREY)
            body += b"\0" * max(0, self.server.big_bytes - len(body))
            self.set_header("Content-Type", "image/png")
            if first == "big":
                self.finish(body)
                return
            for start in range(0, len(body), 8192):  # chunked: no Content-Length to refuse it by
                self.write(body[start:start + 8192])
                await self.flush()
            self.finish()
            return
        style = path.rsplit("/", 3)[0]
        self.set_header("Content-Type", "image/png")
        self.finish(png(COLOURS.get(style, GREY)))


@contextmanager
def running_tile_server() -> Iterator[TileServer]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    sock.setblocking(False)
    server = TileServer(sock.getsockname()[1])
    app = web.Application([(r"/(.+)", Tiles, {"server": server})])
    loop = asyncio.new_event_loop()
    started = threading.Event()
    http: list[httpserver.HTTPServer] = []

    def serve() -> None:
        asyncio.set_event_loop(loop)

        async def start() -> None:
            server.gate, server.loop = asyncio.Event(), loop
            http.append(httpserver.HTTPServer(app))
            http[0].add_sockets([sock])
            started.set()

        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=serve, name="test-tile-server", daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(http[0].stop)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
        sock.close()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then let go: connecting to it is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
