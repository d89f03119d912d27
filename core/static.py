"""The client's files, served under content-hashed names with long cache lifetimes, compressed once at start.

Modules import each other by bare specifiers (``porch/app.js``); the page's import map, built here, maps each to its
hashed URL. So a changed file gets a new URL, every URL can be cached forever, and the client needs no build step.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SERVED_SUFFIXES = {".js", ".css", ".svg", ".png", ".woff2", ".ico"}
#: Modules the page needs before it can paint anything; preloaded from the page head.
CORE_MODULES = ("app.js", "protocol.js", "tree.js", "widget.js")


@dataclass(frozen=True)
class Asset:
    name: str  # path relative to the static folder, with forward slashes
    url_name: str  # the hashed name it is served under
    body: bytes
    gzipped: bytes | None
    content_type: str
    etag: str


class StaticAssets:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._by_url: dict[str, Asset] = {}
        self._by_name: dict[str, Asset] = {}
        for path in sorted(folder.rglob("*")):
            if path.suffix not in SERVED_SUFFIXES or not path.is_file() or "__pycache__" in path.parts:
                continue
            name = path.relative_to(folder).as_posix()
            body = path.read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:12]
            stem, dot, suffix = name.rpartition(".")
            url_name = f"{stem}.{digest}.{suffix}"
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if suffix == "js":
                content_type = "text/javascript"
            compressible = content_type.startswith("text/") or suffix == "svg"
            asset = Asset(
                name=name,
                url_name=url_name,
                body=body,
                gzipped=gzip.compress(body, compresslevel=9, mtime=0) if compressible and len(body) > 256 else None,
                content_type=content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""),
                etag=f'"{digest}"',
            )
            self._by_url[url_name] = asset
            self._by_name[name] = asset
        self.index_template = (folder / "index.html").read_text(encoding="utf-8")

    def by_url(self, url_name: str) -> Asset | None:
        return self._by_url.get(url_name)

    def url(self, name: str) -> str:
        return f"_porch/static/{self._by_name[name].url_name}"

    def import_map(self) -> str:
        imports = {f"porch/{name}": "./" + self.url(name) for name in self._by_name if name.endswith(".js")}
        return json.dumps({"imports": imports}, separators=(",", ":"), sort_keys=True)

    def head(self, base_href: str) -> tuple[str, str]:
        """The tags that replace ``<!-- porch:head -->`` in index.html, and the CSP hash of the inline import map."""
        import_map = self.import_map()
        script_hash = "sha256-" + _b64(hashlib.sha256(import_map.encode()).digest())
        tags = [f'<base href="{base_href}">', f'<script type="importmap">{import_map}</script>']
        if "style.css" in self._by_name:
            # Inline: the page needs it before it can paint, so a separate request would only delay the first one.
            tags.append(f"<style>{self._by_name['style.css'].body.decode()}</style>")
        tags += [
            f'<link rel="modulepreload" href="{self.url(name)}">' for name in CORE_MODULES if name in self._by_name
        ]
        if "app.js" in self._by_name:
            tags.append(f'<script type="module" src="{self.url("app.js")}"></script>')
        return "\n".join(tags), script_hash


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode()


@lru_cache(maxsize=1)
def load_assets() -> StaticAssets:
    """The client's files, read and hashed once per process."""
    from porch.webui import STATIC_DIR

    return StaticAssets(STATIC_DIR)
