"""The client's modules are served without comments and indentation, line for line, their code untouched: checked on
every module with TypeScript's own parser (the same tokens with the same text, no syntax error), and on the cases a
scanner gets wrong (strings, template literals, regular expressions that hold what looks like a comment)."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

from porch.js_comments import without_comments
from porch.static import load_assets
from porch.webui import STATIC_DIR

REPO = Path(__file__).resolve().parent.parent
TYPESCRIPT = REPO / ".ci" / "tools" / "node_modules" / "typescript"

# Prints, for each file named in argv after the first, its tokens (kind and text: comments and blanks are trivia, not
# tokens) and its syntax errors, as JSON.
TOKENS_JS = r"""
const ts = require(process.argv[1]);
const fs = require("fs");
const out = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const tokens = [];
  const walk = (node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;  // comments
    const children = node.getChildren(source);
    if (!children.length) tokens.push([node.kind, node.getText(source)]);
    else children.forEach(walk);
  };
  walk(source);
  out[file] = { tokens, errors: source.parseDiagnostics.map((d) => d.messageText) };
}
process.stdout.write(JSON.stringify(out));
"""


def tokens(files: list[Path]) -> dict[str, dict[str, list[object]]]:
    assert (TYPESCRIPT / "package.json").exists(), "TypeScript is installed by .ci/setup --test"
    result = subprocess.run(["node", "-e", TOKENS_JS, str(TYPESCRIPT), *map(str, files)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    parsed: dict[str, dict[str, list[object]]] = json.loads(result.stdout)
    return parsed


def client_modules() -> list[Path]:
    return sorted(p for p in STATIC_DIR.rglob("*.js") if "vendor" not in p.relative_to(STATIC_DIR).parts)


def test_every_client_module_keeps_its_tokens_and_lines(tmp_path: Path) -> None:
    pairs = []
    for module in client_modules():
        text = module.read_text(encoding="utf-8")
        served = without_comments(text)
        assert served != text, f"{module.name}: the scanner gave up on it (served as it is)"
        assert served.count("\n") == text.count("\n"), module.name
        copy = tmp_path / module.relative_to(STATIC_DIR)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(served, encoding="utf-8")
        pairs.append((module, copy))
    assert len(pairs) > 50
    found = tokens([path for pair in pairs for path in pair])
    for module, copy in pairs:
        read, shipped = found[str(module)], found[str(copy)]
        assert shipped["errors"] == [] and read["errors"] == [], module.name
        assert shipped["tokens"] == read["tokens"], module.name


def test_what_looks_like_a_comment_inside_code_stays(tmp_path: Path) -> None:
    text = (
        "function f(a, b, c, s, x, y, ok) {\n"
        "  // a comment\n"
        "/**\n * A block.\n */\n"
        "const url = 'http://a.example/*x*/'; // after code\n"
        'const quoted = "it\\"s // not a comment";\n'
        "const re = /\\/\\/[/*]+/g, ratio = a / b / c;\n"
        "const t = `line // one\n    /* kept */ ${ {a: 1}.a /* gone */ } ${`inner ${x}`}\n  end`;\n"
        "if (ok) return /'/.test(s) ? x : y;\n"
        "    const n = a/**/+b;\n"
        "}\n"
    )
    served = without_comments(text)
    assert served == (
        "function f(a, b, c, s, x, y, ok) {\n"
        "\n"
        "\n\n\n"
        "const url = 'http://a.example/*x*/';\n"
        'const quoted = "it\\"s // not a comment";\n'
        "const re = /\\/\\/[/*]+/g, ratio = a / b / c;\n"
        "const t = `line // one\n    /* kept */ ${ {a: 1}.a   } ${`inner ${x}`}\n  end`;\n"
        "if (ok) return /'/.test(s) ? x : y;\n"
        "const n = a +b;\n"
        "}\n"
    )
    (tmp_path / "source.js").write_text(text)
    (tmp_path / "served.js").write_text(served)
    found = tokens([tmp_path / "source.js", tmp_path / "served.js"])
    source, shown = found[str(tmp_path / "source.js")], found[str(tmp_path / "served.js")]
    assert source["errors"] == shown["errors"] == [] and source["tokens"] == shown["tokens"]


def test_a_source_the_scanner_cannot_follow_is_served_as_it_is() -> None:
    for text in ("const s = 'open\n", "const t = `open\n", "/* open\n", "}\nconst a = 1;\n", "x = /open\n"):
        assert without_comments(text) == text


def test_the_page_downloads_the_modules_without_comments() -> None:
    assets = load_assets()
    grid = assets.by_url(assets.url("grid.js").rsplit("/", 1)[1])
    assert grid is not None and grid.gzipped is not None
    served = gzip.decompress(grid.gzipped).decode()
    source = (STATIC_DIR / "grid.js").read_text(encoding="utf-8")
    assert served.startswith(without_comments(source)) and "/**" not in served
    assert len(grid.gzipped) < 0.8 * len(gzip.compress(source.encode(), 9))
