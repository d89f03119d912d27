"""The client's own files at ``<base>/_porch/static/<hashed name>``, from :class:`porch.static.StaticAssets`.

Their names carry a hash of their content, so they are cached for a year and never revalidated; the files are read,
hashed and compressed once, in memory, so the handler only picks the encoding. A build read or compressed on its first
request (a vendored library: plotly.js, Mermaid...) is prepared in a worker thread, so the event loop keeps serving
the other sessions meanwhile. (Not ``static.py``: that name is taken by :mod:`porch.static`, which loads the files.)
"""

from __future__ import annotations

from tornado import web
from tornado.ioloop import IOLoop

from .base import EngineHandler


class StaticHandler(EngineHandler):
    async def get(self, url_name: str) -> None:
        asset = self.engine.assets.by_url(url_name)
        if asset is None:
            raise web.HTTPError(404)
        if not asset.ready and self.request.headers.get("If-None-Match") != asset.etag:
            await IOLoop.current().run_in_executor(None, asset.prepare)
        self.set_header("Content-Type", asset.content_type)
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.set_header("ETag", asset.etag)
        self.set_header("Vary", "Accept-Encoding")
        if self.request.headers.get("If-None-Match") == asset.etag:
            self.set_status(304)
            self.finish()
            return
        if asset.gzipped is not None and "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(asset.gzipped)
        else:
            self.finish(asset.body)

    def compute_etag(self) -> None:
        return None
