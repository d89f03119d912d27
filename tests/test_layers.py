"""Layers depend one way, downward (../shared/design/elements.md), and core/ has no import cycle.

Read from the source with ``ast``: the imports a module makes when it is loaded (top level, outside
``if TYPE_CHECKING:``), and separately every import it makes anywhere, for the rules that hold even for imports
deferred into a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import REPO

CORE = REPO / "core"
#: The runtime: it runs scripts and knows no element.
RUNTIME = {
    "run", "runner", "session", "sessions", "state", "tree", "widgets", "media", "upload_store", "script", "magic",
    "context", "workers", "protocol", "interfaces", "errors", "config", "security", "static", "components", "frames",
    "durations", "app_menu",
}


def module_name(path: Path) -> str:
    """``porch.``-relative name of a file of core/: ``elements.slider``; ``""`` for porch itself."""
    parts = path.relative_to(CORE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def resolve(module: str, node: ast.ImportFrom) -> list[str]:
    """The porch modules (relative to porch) that an ``import from`` names."""
    if node.level == 0:
        if not (node.module or "").startswith("porch"):
            return []
        base = (node.module or "").removeprefix("porch").lstrip(".")
    else:
        package = module.split(".")
        is_package = (CORE / Path(*package) / "__init__.py").is_file() if module else True
        parts = package if is_package else package[:-1]
        parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
        base = ".".join([*parts, *([node.module] if node.module else [])])
    names = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}" if base else alias.name
        names.append(candidate if _exists(candidate) else base)
    return [n for n in names if n]


def _exists(module: str) -> bool:
    path = CORE / Path(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path, *, load_time: bool) -> set[str]:
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.ImportFrom):
                found.update(resolve(module, node))
            elif isinstance(node, ast.Import):
                found.update(a.name.removeprefix("porch.") for a in node.names if a.name.startswith("porch."))
            elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                if not load_time:
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if not load_time:
                    visit(node.body)
            else:  # class bodies, try, with, if...: their statements run when the module loads
                for child in ast.iter_child_nodes(node):
                    if isinstance(child, ast.stmt):
                        visit([child])
                    elif isinstance(child, ast.ExceptHandler):
                        visit(child.body)

    visit(tree.body)
    return {name for name in found if name and name != module}


def graph(*, load_time: bool) -> dict[str, set[str]]:
    modules = {module_name(p): p for p in CORE.rglob("*.py") if "demo" not in p.parts}
    return {name: {i for i in imports(path, load_time=load_time) if i in modules} for name, path in modules.items()}


def test_core_has_no_import_cycle() -> None:
    edges = graph(load_time=True)
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                walk(target)
        stack.pop()
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            walk(name)


def test_the_runtime_never_imports_the_element_layer_or_the_api() -> None:
    edges = graph(load_time=False)
    for name in RUNTIME:
        upward = {i for i in edges[name] if i.split(".")[0] in ("api", "elements", "http", "testing", "engine")}
        assert not upward, f"porch.{name} imports {sorted(upward)}: the runtime is below them"


def test_elements_never_import_the_api_and_http_never_imports_the_engine() -> None:
    edges = graph(load_time=False)
    for name, targets in edges.items():
        if name.startswith("elements"):
            assert not {t for t in targets if t.startswith(("api", "http", "engine", "testing"))}, name
        if name.startswith("http"):
            assert "engine" not in targets, f"porch.{name} imports the Engine class; type against http.base.HttpEngine"


def test_the_graph_is_read_correctly() -> None:
    """The rules above are only as good as the import reading: check it on edges known to exist."""
    edges = graph(load_time=True)
    assert "elements._place" in edges["elements.slider"]
    assert "elements.status" in edges["api.container"]  # the element modules themselves load on first use
    assert "run" in edges["runner"]
    assert "http.routes" in edges["engine"]


#: Run by a fresh interpreter: imports every other library Porch's modules import (read off a first child that
#: imports them all), then forks one child per module, which imports it first. A fork of a warm parent costs a
#: millisecond where a new interpreter that imports tornado again costs a tenth of a second (x 150 modules, on a
#: loaded machine).
FIRST_IMPORTS = """
import os, sys
names = sys.argv[1:]
read, write = os.pipe()
if os.fork() == 0:
    for name in names:
        __import__(name)
    os.write(write, " ".join(m for m in sys.modules if m.split(".")[0] != "porch").encode())
    os._exit(0)
os.close(write)
libraries = b""
while chunk := os.read(read, 1 << 16):
    libraries += chunk
os.wait()
for library in libraries.decode().split():
    try:
        __import__(library)
    except Exception:
        pass
failed = []
for name in names:
    pid = os.fork()
    if pid == 0:
        try:
            __import__(name)
        except BaseException as exc:
            print(f"{name}: {type(exc).__name__}: {exc}", flush=True)
            os._exit(1)
        os._exit(0)
    os.waitpid(pid, 0)
"""


@pytest.mark.timeout(400)
def test_every_module_imports_first_in_a_fresh_interpreter() -> None:
    """An import cycle the reading above cannot see (through ``porch.__getattr__``, say) shows here."""
    import subprocess
    import sys

    assert "porch" not in FIRST_IMPORTS.split("!=")[0]  # the parent imports no module of Porch before forking
    names = sorted("porch" + ("." + name if name else "") for name in graph(load_time=True))
    done = subprocess.run([sys.executable, "-c", FIRST_IMPORTS, *names], capture_output=True, text=True, timeout=360)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", done.stdout
