"""Base-map tiles from the app's own origin, at ``<base>/_porch/basemap/<style>/<z>/<x>/<y>.png``: what ``map`` and
``pydeck_chart`` draw under their layers (``porch.basemap`` names the styles).

The page loads nothing from another origin, so the engine fetches each tile from the upstream (Carto's raster
tiles, or Mapbox's with the engine's token, which never reaches the page), keeps it on disk
(:class:`porch.tile_cache.TileCache`) and serves it. Every part of the path is checked before anything is fetched;
only images (PNG, JPEG, WebP, by their type and their first bytes) of at most ``map_tile_max_bytes`` are taken,
within time limits, ``map_tile_fetches`` at a time, and a tile asked for by many pages at once is fetched once.
An upstream that cannot be reached is answered 502 with the reason (in the log once, until it answers again), a
tile it does not have 404; a tile fetched before is then served from the disk, however old. ``map_tiles = false``
fetches nothing: every tile is a 404 that says so.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tornado.httpclient import HTTPRequest, HTTPResponse
from tornado.ioloop import IOLoop
from tornado.simple_httpclient import SimpleAsyncHTTPClient

from .._version import __version__
from ..basemap import BadTile, Tile, parse_tile, upstream_url
from ..config import EngineConfig
from ..tile_cache import EXTENSIONS, CachedTile, TileCache
from .base import EngineHandler, HttpEngine, Refused

log = logging.getLogger("porch.basemap")

#: Seconds to connect to the upstream, and for a whole fetch (waiting for a free fetch included).
CONNECT_TIMEOUT = 5.0
REQUEST_TIMEOUT = 20.0
#: A tile on disk younger than this is served without asking the upstream (30 days).
FRESH_SECONDS = 30 * 24 * 3600
#: How long the browser keeps a tile (a day).
BROWSER_CACHE_SECONDS = 24 * 3600
#: The first bytes of each image type a tile may be.
SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",), "image/webp": (b"RIFF",)}


class TileUnavailable(Exception):
    """Why a tile cannot be served: the status to answer and a message for the body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def cache_folder(config: EngineConfig) -> Path:
    """``map_tile_cache``, or ``map-tiles`` in the per-user cache folder of Porch (or of a bundle's own name,
    ``PORCH_APP_NAME``, as the shells' config folder)."""
    if config.map_tile_cache:
        return Path(config.map_tile_cache).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(os.environ.get("PORCH_APP_NAME") or "porch", appauthor=False)) / "map-tiles"


class TileSource:
    """Tiles for one engine's endpoint: from the disk while fresh, else from the upstream. Lives on the engine's
    event loop; the disk is read and written in worker threads."""

    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        self.cache = TileCache(cache_folder(config), config.map_tile_cache_bytes)
        self._client: SimpleAsyncHTTPClient | None = None
        #: Tiles being fetched, each once however many requests wait for it.
        self._fetching: dict[str, asyncio.Future[CachedTile]] = {}
        #: The upstream failed and it was logged: not again until a fetch succeeds.
        self._failing = False

    async def tile(self, tile: Tile) -> CachedTile:
        """The tile's image, or :class:`TileUnavailable`."""
        config = self.config
        if not config.map_tiles:
            raise TileUnavailable(404, "Base-map tiles are turned off (map_tiles = false): nothing is fetched. Turn "
                                       "them on with map_tiles = true, PORCH_MAP_TILES=1 or --map-tiles.")
        if tile.mapbox and not config.mapbox_token:
            raise TileUnavailable(404, "Mapbox styles need a Mapbox token: set mapbox.token in "
                                       ".streamlit/config.toml, or mapbox_token (PORCH_MAPBOX_TOKEN).")
        loop = IOLoop.current()
        cached = await loop.run_in_executor(None, self.cache.get, tile.key)
        if cached is not None and time.time() - cached.fetched < FRESH_SECONDS:
            return cached
        pending = self._fetching.get(tile.key)
        if pending is None:
            pending = asyncio.ensure_future(self._fetch(tile))
            self._fetching[tile.key] = pending
            pending.add_done_callback(lambda _: self._fetching.pop(tile.key, None))
        try:
            return await asyncio.shield(pending)
        except TileUnavailable as refused:
            if cached is not None and refused.status == 502:
                return cached  # an old tile is better than none while the upstream is away
            raise

    async def _fetch(self, tile: Tile) -> CachedTile:
        config = self.config
        url = upstream_url(tile, carto=config.map_tile_url, mapbox=config.mapbox_tile_url, token=config.mapbox_token)
        host = urlsplit(url).netloc or url[:60]
        limit = config.map_tile_max_bytes
        seen: dict[str, Any] = {"declared": 0, "received": 0}
        chunks: list[bytes] = []

        def header(line: str) -> None:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length" and value.strip().isdigit():
                seen["declared"] = int(value.strip())

        def body(chunk: bytes) -> None:
            seen["received"] += len(chunk)
            if seen["received"] <= limit:
                chunks.append(chunk)

        request = HTTPRequest(
            url, connect_timeout=CONNECT_TIMEOUT, request_timeout=REQUEST_TIMEOUT, follow_redirects=True,
            max_redirects=3, user_agent=f"Porch/{__version__} (base-map tiles)", header_callback=header,
            streaming_callback=body,
        )
        response: HTTPResponse | None = None
        problem: object = None
        try:
            response = await self._http().fetch(request, raise_error=False)
        except Exception as err:  # refused, reset, unknown host, a body cut at the size limit...: said, not raised
            problem = err.strerror if isinstance(err, OSError) and err.strerror else err
        too_large = max(seen["declared"], seen["received"]) > limit
        if too_large:
            raise self._failed(host, f"the tile server ({host}) sent a tile larger than {limit:,} bytes: raise the "
                                     "map_tile_max_kb setting (PORCH_MAP_TILE_MAX_KB, --map-tile-max-kb)")
        if response is None or response.code == 599:
            reason = problem if response is None else response.error
            raise self._failed(host, f"the tile server ({host}) could not be reached: {reason}")
        if response.code == 404:
            raise TileUnavailable(404, f"The tile server ({host}) has no tile {tile.key}")
        if response.code != 200:
            raise self._failed(host, f"the tile server ({host}) answered {response.code} {response.reason}")
        data = b"".join(chunks)
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in EXTENSIONS or not data.startswith(SIGNATURES[content_type]):
            raise self._failed(host, f"the tile server ({host}) sent {content_type or 'no type'}, not a PNG, JPEG "
                                     "or WebP image")
        if self._failing:
            log.info("base-map tiles are fetched from %s again", host)
        self._failing = False
        await IOLoop.current().run_in_executor(None, self.cache.put, tile.key, data, content_type)
        return CachedTile(data, content_type, time.time())

    def _http(self) -> SimpleAsyncHTTPClient:
        """The client of this source's fetches, made on the loop the first time: ``map_tile_fetches`` at once, the
        others queued (their wait counts in ``REQUEST_TIMEOUT``)."""
        if self._client is None:
            self._client = SimpleAsyncHTTPClient(
                force_instance=True, max_clients=self.config.map_tile_fetches,
                # A body declared larger than the limit is refused before it is read; one that is not declared
                # (chunked) is read no further than this: what passes the limit is dropped as it comes.
                max_body_size=self.config.map_tile_max_bytes + 64 * 1024,
            )
        return self._client

    def _failed(self, host: str, message: str) -> TileUnavailable:
        """A 502 with ``message``, logged the first time since the upstream last answered well."""
        if not self._failing:
            log.warning("base-map tiles cannot be fetched: %s; maps are drawn without them until it answers "
                        "(logged once)", message)
        self._failing = True
        return TileUnavailable(502, message[0].upper() + message[1:])


class BasemapHandler(EngineHandler):
    """One tile, after the engine's access checks (the desktop secret, the token, the Host)."""

    tiles: TileSource

    def initialize(self, engine: HttpEngine, tiles: TileSource) -> None:  # type: ignore[override]
        self.engine = engine
        self.tiles = tiles

    async def get(self, path: str) -> None:
        try:
            tile = parse_tile(path)
        except BadTile as bad:
            raise Refused(404, "Not Found", f"{bad}") from None
        try:
            found = await self.tiles.tile(tile)
        except TileUnavailable as refused:
            raise Refused(refused.status, "Not Found" if refused.status == 404 else "Bad Gateway",
                          refused.message) from None
        self.set_header("Content-Type", found.content_type)
        self.set_header("Cache-Control", f"private, max-age={BROWSER_CACHE_SECONDS}")
        # Only the app's own pages draw them: no other site can use the app as its tile server through a browser.
        self.set_header("Cross-Origin-Resource-Policy", "same-origin")
        self.finish(found.body)
