"""The files of custom components declared with a folder (``declare_component(name, path=...)``), at
``<base>/_porch/component/<name>/<file>``: what a component's iframe loads (its ``index.html`` and the scripts and
styles beside it).

Only files inside a registered folder are served (:meth:`porch.components.ComponentRegistry.file`: no ``..``, no
hidden names, no symbolic link out: 403), an unknown component or file is a 404, and every request passes the
engine's access checks first (:class:`EngineHandler`). Ranges, HEAD and ETag checks come from tornado's
``StaticFileHandler``; the ETag follows the file's size and modification time, and ``no-cache`` makes the browser
ask again each time (a 304 when nothing changed), since a component's files are rebuilt in place while it is
developed.
"""

from __future__ import annotations

import datetime
import mimetypes
import os
from collections.abc import Awaitable

from tornado import web

from ..components import REGISTRY, RefusedPath
from .base import EngineHandler, HttpEngine

#: Types the platform's tables may lack or get wrong (Windows registries map .js to text/plain).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".txt": "text/plain; charset=utf-8",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class ComponentHandler(EngineHandler, web.StaticFileHandler):
    """One file of a component's folder, found through :data:`porch.components.REGISTRY`."""

    root = ""
    component = ""

    def initialize(self, engine: HttpEngine) -> None:  # type: ignore[override]
        self.engine = engine

    def get(self, name: str, path: str, include_body: bool = True) -> Awaitable[None]:  # type: ignore[override]
        self.component = name
        return super().get(path, include_body)

    def head(self, name: str, path: str) -> Awaitable[None]:  # type: ignore[override]
        return self.get(name, path, include_body=False)

    def parse_url_path(self, url_path: str) -> str:
        return url_path

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return path

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        try:
            real = REGISTRY.file(self.component, absolute_path)
        except RefusedPath:
            raise web.HTTPError(403) from None
        if real is None:
            raise web.HTTPError(404)
        return real

    def get_content_type(self) -> str:
        path = self.absolute_path or ""
        known = CONTENT_TYPES.get(os.path.splitext(path)[1].lower())
        if known is not None:
            return known
        guessed, encoding = mimetypes.guess_type(path)
        return guessed if guessed is not None and encoding is None else "application/octet-stream"

    def compute_etag(self) -> str | None:
        stat = os.stat(self.absolute_path or "")
        return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'

    def get_cache_time(self, path: str, modified: datetime.datetime | None, mime_type: str) -> int:
        return 0  # set_extra_headers says it

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")
        # Only this app's page may frame a component's files.
        self.set_header("Content-Security-Policy", "frame-ancestors 'self'")
