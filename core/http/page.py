"""The app's page at ``<base>/``: the HTML shell the client builds itself into.

It carries the one policy that limits what the page may load and run (its Content-Security-Policy), so it is never
cached without revalidation; its hashed client files are (:mod:`porch.http.assets`).
"""

from __future__ import annotations

from .base import EngineHandler
from .replica import set_replica_cookie


class IndexHandler(EngineHandler):
    def get(self) -> None:
        if self.settings.get("xsrf_cookies"):
            self.xsrf_token  # sets the _xsrf cookie that the page's state-changing requests echo back
        set_replica_cookie(self, self.engine.config)  # the proxy keeps this browser here (``http.replica``)
        page = self.engine.index_page()
        script_hash = page.script_hash
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Vary", "Accept-Encoding")
        self.set_header("Cache-Control", "no-cache")
        self.set_header(
            "Content-Security-Policy",
            "default-src 'self'; "
            # WebAssembly may be compiled (Graphviz's, webui/vendor/graphviz); JavaScript still never from text.
            f"script-src 'self' '{script_hash}' 'wasm-unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob: https:; "
            "media-src 'self' blob: https:; "
            "connect-src 'self'; "
            # st.iframe embeds web pages by URL (each in its own origin; the app's own never with scripts).
            "frame-src 'self' data: blob: http: https:; "
            "frame-ancestors 'self'; "
            "base-uri 'self'; form-action 'self'",
        )
        if "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(page.gzipped)
        else:
            self.finish(page.html)
