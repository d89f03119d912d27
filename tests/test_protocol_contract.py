"""The browser client and the engine speak the same protocol: webui/protocol.js against porch.protocol.

No browser needed: the client's contract module is plain data, read here with a regular expression. Also checks the
rules every client file follows: one module per element kind, imports only through the ``porch/`` import map, and no
URL pointing off the page's own origin.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from porch import protocol

WEBUI = Path(__file__).resolve().parent.parent / "webui"
#: Third-party builds (webui/vendor, each folder with a README and the licences): minified libraries whose text
#: names URLs (a schema's address, an online editor's) that Porch never asks for. The rules below hold for Porch's
#: own files; the browser tests of the element that loads a build record every request it makes.
VENDORED = sorted(p for p in (WEBUI / "vendor").rglob("*.min.js"))
CLIENT_FILES = sorted(
    p for p in WEBUI.rglob("*") if p.suffix in {".js", ".css", ".html"} and p.is_file() and p not in VENDORED
)
MODULES = [p for p in CLIENT_FILES if p.suffix == ".js"]

#: URLs a client file may contain: XML namespaces are names, never fetched.
ALLOWED_URLS = {"http://www.w3.org/2000/svg"}


def js_exports() -> dict[str, object]:
    """The exported constants of protocol.js: string arrays as sets, numbers as ints."""
    source = (WEBUI / "protocol.js").read_text(encoding="utf-8")
    exports: dict[str, object] = {}
    for name, body in re.findall(r"export const (\w+)\s*=\s*\[(.*?)\];", source, re.S):
        exports[name] = set(re.findall(r'"([^"\\]*)"', body))
    for name, number in re.findall(r"export const (\w+)\s*=\s*(\d+);", source):
        exports[name] = int(number)
    return exports


@pytest.mark.parametrize(
    "name",
    [
        "CLIENT_MESSAGE_TYPES",
        "SERVER_MESSAGE_TYPES",
        "BLOCK_KINDS",
        "RUN_STATUSES",
    ],
)
def test_kind_sets_match(name: str) -> None:
    assert js_exports().get(name) == set(getattr(protocol, name))


def test_widget_defaults_match() -> None:
    source = (WEBUI / "protocol.js").read_text(encoding="utf-8")
    found = re.search(r"export const WIDGET_DEFAULTS = (\{.*?\});", source, re.S)
    assert found and json.loads(found[1]) == dict(protocol.WIDGET_DEFAULTS)


def test_protocol_version_matches() -> None:
    assert js_exports()["PROTOCOL_VERSION"] == protocol.PROTOCOL_VERSION


def test_root_indices_match() -> None:
    exports = js_exports()
    assert (exports["ROOT_MAIN"], exports["ROOT_SIDEBAR"], exports["ROOT_OVERLAY"], exports["ROOT_BOTTOM"]) == (
        protocol.ROOT_MAIN, protocol.ROOT_SIDEBAR, protocol.ROOT_OVERLAY, protocol.ROOT_BOTTOM
    )
    assert len(protocol.ROOTS) == 4


def test_element_modules_export_create_and_update() -> None:
    for path in sorted((WEBUI / "elements").glob("*.js")):
        source = path.read_text(encoding="utf-8")
        reexport = re.search(r"export \{[^}]*\bcreate\b[^}]*\bupdate\b[^}]*\} from", source)
        defines = all(re.search(rf"export function {name}\b", source) for name in ("create", "update"))
        assert reexport or defines, f"{path.name} must export create() and update()"


def test_modules_import_only_through_the_import_map() -> None:
    pattern = re.compile(r"""(?:\bimport\b[^'"`;]*?|\bexport\b[^'"`;]*?\bfrom\s*|\bimport\s*\(\s*)['"`]([^'"`]+)['"`]""")
    for path in MODULES:
        for specifier in pattern.findall(path.read_text(encoding="utf-8")):
            assert specifier.startswith("porch/"), f"{path.relative_to(WEBUI)} imports {specifier!r}"
            target = specifier.removeprefix("porch/")
            if "${" not in target:
                assert (WEBUI / target).is_file(), f"{path.relative_to(WEBUI)} imports missing {specifier!r}"


def test_no_request_leaves_the_origin() -> None:
    for path in CLIENT_FILES:
        urls = set(re.findall(r"(?:https?|wss?)://[^\s'\"`)<>]*", path.read_text(encoding="utf-8")))
        assert urls <= ALLOWED_URLS, f"{path.relative_to(WEBUI)} names {sorted(urls - ALLOWED_URLS)}"
        assert "//cdn" not in path.read_text(encoding="utf-8")


def test_third_party_builds_live_in_vendor_with_their_licences() -> None:
    assert VENDORED, "webui/vendor/vega holds the chart libraries, webui/vendor/graphviz Graphviz"
    assert [p for p in WEBUI.rglob("*.min.js") if p not in VENDORED] == []
    for folder in {p.parent for p in VENDORED}:
        assert (folder / "README.md").is_file(), f"{folder.relative_to(WEBUI)} says where its builds come from"
        for build in folder.glob("*.min.js"):
            assert (folder / f"LICENSE.{build.name.removesuffix('.min.js')}").is_file(), f"{build.name}'s licence"
        assert "sourceMappingURL" not in "".join(p.read_text(encoding="utf-8")[-300:] for p in folder.glob("*.js"))
    importers = {p.relative_to(WEBUI).as_posix() for p in CLIENT_FILES if ".min.js" in p.read_text(encoding="utf-8")}
    own = {f"vendor/{folder.name}/index.js" for folder in (WEBUI / "vendor").iterdir() if folder.is_dir()}
    assert importers <= own, "only the vendor folder's own module loads its builds"


def test_index_leaves_its_head_to_the_server() -> None:
    html = (WEBUI / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>")[0]
    assert "<!-- porch:head -->" in head
    assert "style.css" not in html and "app.js" not in html, "the server injects the stylesheet and the entry module"
    assert 'rel="icon"' in head, "a data: icon keeps the browser from asking for /favicon.ico"
