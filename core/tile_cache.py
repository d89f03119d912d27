"""Base-map tiles kept on disk (``porch.http.basemap`` fetches them): one file per tile under a folder, at most
``max_bytes`` of them, the oldest removed first.

A tile changes rarely, and a map shows the same few dozen again at each visit, so a second visit (or a second
session) asks nothing of the upstream. The methods read and write files: call them from a worker thread
(``run_in_executor``), never on the event loop; a lock keeps the index whole between threads.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

#: Image types a tile may be, by the extension its file has.
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}


@dataclass(frozen=True)
class CachedTile:
    body: bytes
    content_type: str
    #: When it was fetched (seconds since the epoch).
    fetched: float


class TileCache:
    """Tiles by key (``light/3/4/2``, made only of checked parts: ``porch.basemap.Tile.key``)."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        #: Every tile on disk: its file -> (size, time fetched); None until the folder was read once.
        self._index: dict[Path, tuple[int, float]] | None = None
        self._bytes = 0

    def get(self, key: str) -> CachedTile | None:
        with self._lock:
            index = self._read_index()
            for content_type, extension in EXTENSIONS.items():
                path = self.folder / (key + extension)
                if path in index:
                    try:
                        body = path.read_bytes()
                    except OSError:
                        self._forget(path)
                        return None
                    return CachedTile(body, content_type, index[path][1])
        return None

    def put(self, key: str, body: bytes, content_type: str) -> None:
        """Keep a tile (in place of the one it had), then remove the oldest ones beyond ``max_bytes``. A tile larger
        than the whole cache is not kept; a folder that cannot be written keeps nothing (the tile is still served)."""
        if len(body) > self.max_bytes or content_type not in EXTENSIONS:
            return
        path = self.folder / (key + EXTENSIONS[content_type])
        with self._lock:
            index = self._read_index()
            for other in EXTENSIONS.values():
                self._forget(self.folder / (key + other), remove=True)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_name(f".{path.name}.{threading.get_ident()}")
                partial.write_bytes(body)
                os.replace(partial, path)
            except OSError:
                return
            now = time.time()
            index[path] = (len(body), now)
            self._bytes += len(body)
            if self._bytes > self.max_bytes:
                for old in sorted(index, key=lambda p: index[p][1]):
                    if self._bytes <= self.max_bytes:
                        break
                    self._forget(old, remove=True)

    @property
    def size(self) -> int:
        """Bytes of tiles on disk."""
        with self._lock:
            self._read_index()
            return self._bytes

    def _read_index(self) -> dict[Path, tuple[int, float]]:
        """The index, read from the folder the first time (tiles fetched by an earlier launch count too)."""
        if self._index is None:
            self._index = {}
            self._bytes = 0
            for root, _dirs, files in os.walk(self.folder):
                for name in files:
                    path = Path(root) / name
                    if name.startswith(".") or path.suffix not in EXTENSIONS.values():
                        continue
                    try:
                        stat = path.stat()
                    except OSError:
                        continue
                    self._index[path] = (stat.st_size, stat.st_mtime)
                    self._bytes += stat.st_size
        return self._index

    def _forget(self, path: Path, *, remove: bool = False) -> None:
        index = self._read_index()
        known = index.pop(path, None)
        if known is not None:
            self._bytes -= known[0]
        if remove and known is not None:
            try:
                path.unlink()
            except OSError:
                pass
