"""The client's files, served under content-hashed names with long cache lifetimes, compressed once at start.

Modules import each other by bare specifiers (``porch/app.js``); the page's import map, built here, maps each to its
hashed URL. So a changed file gets a new URL, every URL can be cached forever, and the client needs no build step.

The page inlines only ``style.css`` (tokens, base typography, the chrome), and after it the CSS of the app's
``[theme]`` when it has one (``porch.theme``). A module's own styles live beside it
(``elements/slider.css`` next to ``elements/slider.js``, ``widget.css`` next to ``widget.js``) and are served inside
it: one statement appended to the module adopts them as a constructed stylesheet when the module is first evaluated,
which is before ``tree.js`` paints anything the module builds. So a kind's look arrives in the same request as its
code (no extra request, no flash of unstyled content, no list of styled kinds to keep in step), and a module that
imports another (``select_slider.js`` re-exports ``slider.js``, ``audio.js`` re-exports ``player.js``) brings that
one's styles too. Constructed stylesheets need no ``style-src`` allowance, so the page's policy is unchanged. A module's
stylesheet names another client file (a font) as ``url("porch/<name>")``, as modules name modules; it is served with
that file's hashed URL, relative to the page's base as every URL of a constructed stylesheet is (:data:`ASSET_URL`).

Third-party builds live under ``vendor/`` (``vendor/vega``: what draws charts, imported by the chart module when a page
first shows one; ``vendor/graphviz``: Graphviz in WebAssembly, imported by the graph module alike): in the import map
like every module, hashed and gzipped alike, but compressed on first request. Every build is vendored, plotly.js
too (``vendor/plotly``: its strict bundle, which draws WebGL traces without the ``eval`` the page's policy forbids;
it was once the build the installed ``plotly`` package ships, served from there, whose WebGL code needs ``eval``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .js_comments import without_comments
from .theme import page_css

SERVED_SUFFIXES = {".js", ".css", ".svg", ".png", ".woff2", ".ico"}
#: Modules the page needs before it can paint anything; preloaded from the page head.
CORE_MODULES = ("app.js", "protocol.js", "tree.js", "widget.js")
#: Appended to a module that has a stylesheet beside it (``{name}``: the stylesheet, ``{css}``: its text as a JS
#: string). Module code runs once per page, so the sheet is adopted once however many modules import it.
ADOPT_STYLES = (
    "\n// Added by porch/static.py: the styles of this module ({name}), adopted when the module is first evaluated.\n"
    "{{ const sheet = new CSSStyleSheet(); sheet.replaceSync({css}); "
    "document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }}\n"
)
#: How a module's stylesheet names another client file: ``url("porch/vendor/material-symbols/x.woff2")``. Replaced by
#: the file's hashed URL, so the stylesheet (and so its module's hash) changes when the file does.
ASSET_URL = re.compile(r'url\("porch/([^"\\]+)"\)')

#: Folders of third-party builds (``vendor/vega``: the chart libraries, 0.8 MB; ``vendor/plotly``, 5.2 MB): served
#: like the client's own files, but compressed on their first request rather than at start, since most pages never
#: ask for them.
LAZY_FOLDERS = ("vendor/",)


@dataclass(frozen=True)
class Asset:
    name: str  # path relative to the static folder, with forward slashes
    url_name: str  # the hashed name it is served under
    content_type: str
    etag: str
    compressible: bool = False
    #: The body, or the file it is read from on first use (a vendored build: most pages never ask for it).
    source: bytes | Path = b""

    @cached_property
    def body(self) -> bytes:
        if isinstance(self.source, Path):
            return self.source.read_bytes()
        if not self.source and self.compressible and "gzipped" in vars(self):
            return gzip.decompress(self.gzipped or b"")  # kept compressed only (keep_compressed)
        return self.source

    @cached_property
    def gzipped(self) -> bytes | None:
        """The body gzipped (once, on first use), or None for a type or size not worth compressing."""
        if not self.compressible:
            return None
        return gzip.compress(self.body, compresslevel=9, mtime=0)

    @property
    def ready(self) -> bool:
        """Whether the body (and its gzipped copy, if any) is in memory: else the first request reads or compresses
        it, which the handler does off the event loop. A file kept compressed only is ready: a client that takes no
        gzip gets it decompressed (a client file is a few kB)."""
        if not self.compressible:
            return "body" in vars(self)
        return "gzipped" in vars(self) and ("body" in vars(self) or not self.source)

    def keep_compressed(self) -> None:
        """Compress now and keep only the gzipped copy of a body held in memory: every browser takes it, so holding
        the body too more than doubled what the client's files take in a server's memory (about 0.5 MiB)."""
        if not self.compressible or not isinstance(self.source, bytes):
            return
        self.gzipped  # noqa: B018 - cached on first use
        object.__setattr__(self, "source", b"")  # a frozen dataclass changing its own field, as __post_init__ may
        vars(self).pop("body", None)

    def prepare(self) -> None:
        """Read and compress now (in a worker thread: a large build takes a fraction of a second)."""
        self.body  # noqa: B018 - cached on first use
        self.gzipped  # noqa: B018


class StaticAssets:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._by_url: dict[str, Asset] = {}
        self._by_name: dict[str, Asset] = {}
        files = [
            path
            for path in sorted(folder.rglob("*"))
            if path.suffix in SERVED_SUFFIXES and path.is_file() and "__pycache__" not in path.parts
        ]
        # A stylesheet beside a module travels inside it (see the module docstring), not under a URL of its own.
        modules = {path for path in files if path.suffix == ".js"}
        styles = {path.with_suffix(".js"): path for path in files if path.suffix == ".css"}
        styles = {module: css for module, css in styles.items() if module in modules}
        #: Module name -> the stylesheet served inside it, e.g. ``elements/slider.js`` -> ``elements/slider.css``.
        self.module_styles = {_name(module, folder): _name(css, folder) for module, css in styles.items()}
        # Modules last: their stylesheets may name the other files by their hashed URLs.
        for path in sorted(files, key=lambda path: path.suffix == ".js"):
            if path in styles.values():
                continue
            name = _name(path, folder)
            if name.startswith(LAZY_FOLDERS):
                # Hashed without being kept: a third-party build is read again on its first request (16 MB of them).
                content = hashlib.sha256()
                with open(path, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        content.update(chunk)
                self._add(_asset(name, path, content.hexdigest()[:12], path.stat().st_size))
                continue
            body = path.read_bytes()
            if path.suffix == ".js":  # the client's own modules go without their comments (porch.js_comments)
                body = without_comments(body.decode("utf-8")).encode("utf-8")
            if path in styles:
                sheet = _name(styles[path], folder)
                body = with_styles(body, sheet, self._linked(styles[path].read_text(encoding="utf-8"), sheet))
            asset = _asset(name, body, hashlib.sha256(body).hexdigest()[:12], len(body))
            asset.keep_compressed()  # now, while no request waits (the engine's warm-up loads the assets)
            self._add(asset)
        self.index_template = (folder / "index.html").read_text(encoding="utf-8")

    def _linked(self, css: str, sheet: str) -> str:
        """``css`` with each ``url("porch/<name>")`` replaced by that file's hashed URL (see :data:`ASSET_URL`)."""

        def hashed(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self._by_name:
                raise ValueError(f"{sheet} names porch/{name}, which is not a client file served before modules")
            return f'url("{self.url(name)}")'

        return ASSET_URL.sub(hashed, css)

    def _add(self, asset: Asset) -> None:
        self._by_url[asset.url_name] = asset
        self._by_name[asset.name] = asset

    def by_url(self, url_name: str) -> Asset | None:
        return self._by_url.get(url_name)

    def url(self, name: str) -> str:
        return f"_porch/static/{self._by_name[name].url_name}"

    def build_id(self, version: str) -> str:
        """What tells one build of the client apart from another: Porch's ``version`` and the hashed names of the
        client's files. A page compares it with the one its session reports (``session``'s ``build``) and reloads
        itself when a replica of another version answers it, so an old page never meets a newer server's elements."""
        own = sorted(asset.url_name for asset in self._by_name.values())
        return hashlib.sha256("\0".join([version, *own]).encode()).hexdigest()[:16]

    def import_map(self) -> str:
        imports = {f"porch/{name}": "./" + self.url(name) for name in self._by_name if name.endswith(".js")}
        return json.dumps({"imports": imports}, separators=(",", ":"), sort_keys=True)

    def head(self, base_href: str, theme: Mapping[str, Any] | None = None) -> tuple[str, str]:
        """The tags that replace ``<!-- porch:head -->`` in index.html, and the CSP hash of the inline import map.
        ``theme``: the app's ``[theme]`` (``porch.theme``), whose CSS follows style.css."""
        import_map = self.import_map()
        script_hash = "sha256-" + _b64(hashlib.sha256(import_map.encode()).digest())
        tags = [f'<base href="{base_href}">', f'<script type="importmap">{import_map}</script>']
        if "style.css" in self._by_name:
            # Inline: the page needs it before it can paint, so a separate request would only delay the first one.
            style = self._by_name["style.css"].body.decode()
            tags.append(f"<style>{style}</style>")
            theme_css = page_css(theme or {}, style)
            if theme_css:
                tags.append(f'<style id="porch-theme">{theme_css}</style>')
        tags += [
            f'<link rel="modulepreload" href="{self.url(name)}">' for name in CORE_MODULES if name in self._by_name
        ]
        if "app.js" in self._by_name:
            tags.append(f'<script type="module" src="{self.url("app.js")}"></script>')
        return "\n".join(tags), script_hash


def _asset(name: str, source: bytes | Path, digest: str, size: int) -> Asset:
    """A client file served as ``name``, under a URL that carries ``digest`` (of its content)."""
    stem, _, suffix = name.rpartition(".")
    content_type = "text/javascript" if suffix == "js" else mimetypes.guess_type(name)[0] or "application/octet-stream"
    compressible = content_type.startswith("text/") or suffix == "svg"
    return Asset(
        name=name,
        url_name=f"{stem}.{digest}.{suffix}",
        source=source,
        content_type=content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""),
        etag=f'"{digest}"',
        compressible=compressible and size > 256,
    )


def with_styles(module: bytes, name: str, css: str) -> bytes:
    """``module`` followed by the statement that adopts ``css`` (the stylesheet ``name``) when it is evaluated."""
    adopt = ADOPT_STYLES.format(name=name, css=json.dumps(css))
    return module + (b"" if module.endswith(b"\n") else b"\n") + adopt.encode()


def _name(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode()


@lru_cache(maxsize=1)
def load_assets() -> StaticAssets:
    """The client's files, read and hashed once per process."""
    from porch.webui import STATIC_DIR

    return StaticAssets(STATIC_DIR)
