"""The client's styles: the page inlines only tokens and chrome; each module's stylesheet is served inside it.

``webui/elements/<kind>.css`` (and ``widget.css``, ``player.css``) sit beside the module they style and travel inside
its hashed, gzipped response, adopted when the module is evaluated (core/static.py). No stylesheet has a URL of its
own, so a kind without one never asks for one, and a changed stylesheet changes its module's URL.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from engine_harness import running_engine
from porch.js_comments import without_comments
from porch.static import StaticAssets
from porch.webui import STATIC_DIR

WEBUI = Path(__file__).resolve().parent.parent / "webui"
#: Classes the page's own stylesheet may style besides the chrome's ``porch-*``: blocks of several kinds, a utility
#: class, and the tree's placeholder for an unknown kind.
SHARED_CLASSES = {"block", "bordered", "visually-hidden", "unknown"}


def source_of(module: str) -> bytes:
    """A client module as it is served: its code without comments (porch.js_comments, tests/test_js_comments.py)."""
    return without_comments((WEBUI / module).read_text(encoding="utf-8")).encode("utf-8")


@pytest.fixture(scope="module")
def assets() -> StaticAssets:
    return StaticAssets(STATIC_DIR)


def served(assets: StaticAssets, name: str) -> tuple[str, bytes, bytes | None]:
    """The hashed URL name of ``name``, its body, and its gzipped body, looked up the way a request finds them."""
    url_name = assets.url(name).removeprefix("_porch/static/")
    asset = assets.by_url(url_name)
    assert asset is not None
    return url_name, asset.body, asset.gzipped


def selectors(css: str) -> set[str]:
    """The selectors of every rule of a stylesheet (inside @media too), comments dropped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = set()
    for head in re.findall(r"([^{}]+)\{", css):
        if not head.strip().startswith("@"):
            found |= {re.sub(r"\s+", " ", part.strip()) for part in head.split(",")}
    return found


def test_every_element_stylesheet_sits_beside_its_module() -> None:
    sheets = sorted((WEBUI / "elements").glob("*.css"))
    assert sheets, "the element kinds' styles live in webui/elements/<kind>.css"
    for sheet in sheets:
        assert sheet.with_suffix(".js").is_file(), f"{sheet.name} has no module {sheet.stem}.js to travel with"
    for sheet in WEBUI.glob("*.css"):
        assert sheet.name == "style.css" or sheet.with_suffix(".js").is_file(), f"{sheet.name} has no module"


def test_a_modules_stylesheet_is_served_inside_it_hashed_and_gzipped(assets: StaticAssets) -> None:
    beside = {p.with_suffix(".js").relative_to(WEBUI).as_posix() for p in WEBUI.rglob("*.css") if p.name != "style.css"}
    assert set(assets.module_styles) == beside
    for module, sheet in assets.module_styles.items():
        url_name, body, gzipped = served(assets, module)
        assert re.fullmatch(re.escape(module.removesuffix(".js")) + r"\.[0-9a-f]{12}\.js", url_name)
        assert body.startswith(source_of(module)), "the module itself is served unchanged (but for its comments)"
        css = (WEBUI / sheet).read_text(encoding="utf-8")
        # A file the stylesheet names (``url("porch/vendor/...woff2")``) is named by its hashed URL.
        css = re.sub(r'url\("porch/([^"]+)"\)', lambda m: f'url("{assets.url(m.group(1))}")', css)
        assert json.dumps(css).encode() in body and b"document.adoptedStyleSheets" in body
        assert gzipped is not None and gzip.decompress(gzipped) == body
        with pytest.raises(KeyError):
            assets.url(sheet)  # no URL of its own: nothing can ask for it, so nothing can 404
    assert ".css" not in assets.import_map()


def test_a_module_without_a_stylesheet_is_served_byte_for_byte(assets: StaticAssets) -> None:
    for path in sorted((WEBUI / "elements").glob("*.js")):
        name = path.relative_to(WEBUI).as_posix()
        if name not in assets.module_styles:
            assert served(assets, name)[1] == source_of(name)


def test_the_hash_of_a_module_covers_its_stylesheet(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!-- porch:head -->", encoding="utf-8")
    (tmp_path / "a.js").write_text("export const a = 1;", encoding="utf-8")  # no newline at the end: one is added
    (tmp_path / "a.css").write_text(".a { color: red; }\n", encoding="utf-8")
    first = StaticAssets(tmp_path)
    (tmp_path / "a.css").write_text(".a { color: blue; }\n", encoding="utf-8")
    second = StaticAssets(tmp_path)
    assert first.url("a.js") != second.url("a.js")
    assert served(second, "a.js")[1].startswith(b"export const a = 1;\n")


def test_served_modules_with_styles_are_valid_javascript(assets: StaticAssets, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is installed by .ci/setup --test (it runs tsc too)"
    for module in assets.module_styles:
        target = tmp_path / (module.replace("/", "_") + ".mjs")
        target.write_bytes(served(assets, module)[1])
        result = subprocess.run([node, "--check", str(target)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, f"{module}: {result.stderr}"


def test_the_page_inlines_only_tokens_chrome_and_shared_blocks(assets: StaticAssets) -> None:
    page_css = (WEBUI / "style.css").read_text(encoding="utf-8")
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", re.sub(r"/\*.*?\*/", "", page_css, flags=re.S)))
    assert {c for c in classes if not c.startswith("porch-")} <= SHARED_CLASSES
    page_selectors = selectors(page_css)
    for sheet in assets.module_styles.values():
        shared = page_selectors & selectors((WEBUI / sheet).read_text(encoding="utf-8"))
        assert not shared, f"{sheet} and style.css both style {sorted(shared)}"
    head, _ = assets.head("/")
    assert f"<style>{page_css}</style>" in head


def test_client_files_are_held_gzipped_only_and_served_whole_with_or_without_gzip() -> None:
    """The server keeps one copy of each client file, the gzipped one every browser takes (holding the body too cost
    about 0.5 MiB on every server); a client that takes no gzip still gets the whole file, the same bytes."""
    with running_engine('import porch as st\nst.slider("s")\n') as server:
        page = urllib.request.urlopen(server.url, timeout=30).read().decode()
        found = re.search(r'"porch/elements/slider\.js":"\./(_porch/static/[^"]+)"', page)
        assert found, "the import map names the slider's module"
        asset = server.engine.assets.by_url(found[1].removeprefix("_porch/static/"))
        assert asset is not None and asset.compressible
        assert asset.source == b"" and "body" not in vars(asset), "held gzipped only"
        url = f"http://127.0.0.1:{server.port}/{found[1]}"
        zipped = urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"}), timeout=30)
        assert zipped.headers["Content-Encoding"] == "gzip"
        plain = urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "identity"}), timeout=30)
        assert plain.headers["Content-Encoding"] is None
        body = plain.read()
        assert gzip.decompress(zipped.read()) == body
        assert body.startswith(source_of("elements/slider.js")), "the module, its styles appended"
