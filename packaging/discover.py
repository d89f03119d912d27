"""What an app needs besides itself: the local modules it imports, the modules those import, the libraries its calls
of Porch's API need (:data:`FEATURE_IMPORTS`), the files it reads.

Found by reading the source (``ast``), never by running it: building a bundle must not start the app. The app
script is shipped as data and run by Porch's engine, so PyInstaller never sees its imports; this module lists them
so the build can hand them over as hidden imports.

Local modules (``helpers.py`` or a package ``helpers/`` beside the script) are shipped as source beside the script,
exactly where ``python app.py`` would find them, so ``__file__`` inside them points where the author expects.

Pages of a multipage app are shipped the same way, with what they import: the ``*.py`` files of the ``pages/`` folder
beside the script, and every script a string literal names by its path relative to the script's folder
(``st.Page("reports/sales.py")``, ``st.navigation(["home.py", ...])``, ``st.switch_page("admin.py")``).

Data files: a file in the app's folder that is not Python and whose name appears in the source of the script or of
a local module (``open("prices.csv")``, ``Path(__file__).parent / "prices.csv"``). A folder whose name appears as a
string literal (``Path(__file__).parent / "assets"``) is shipped whole. Anything else is named with ``--add-data``.
"""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: Folders never searched for data files or local modules: environments, caches, build output, version control.
SKIPPED_DIRS = frozenset(
    {"__pycache__", "build", "dist", "node_modules", "site-packages", ".venv", "venv", "env", ".git", ".hg", ".tox"}
)
#: The app's own settings file (see porch.shell.settings), shipped when present.
PROJECT_CONFIG = Path(".porch") / "config.toml"
#: Calls of Porch's API that need a library Porch imports only for them (so a bundle carries it only when the app makes
#: such a call): a SQL connection needs SQLAlchemy, sign-in (served with ``--headless``) Authlib and joserfc.
FEATURE_IMPORTS: dict[str, tuple[str, ...]] = {
    "connection": ("sqlalchemy",),
    # a connection call that names Snowflake (``"snowflake"``, ``type="snowflake-callers-rights"``) instead
    "snowflake": ("snowflake.connector", "snowflake.connector.pandas_tools", "snowflake.snowpark"),
    "login": ("authlib", "authlib.oauth2.rfc6749.parameters", "authlib.oauth2.rfc7636", "joserfc", "joserfc.jwt",
              "joserfc.jwk"),
}
#: Files never shipped as data even when named in the source.
SKIPPED_SUFFIXES = frozenset({".py", ".pyc", ".pyo", ".spec", ".log"})


@dataclass
class AppSources:
    """The app's own files (relative to its folder) and the modules from outside it that they import."""

    folder: Path
    script: Path
    local_files: list[Path] = field(default_factory=list)  # .py files of local modules, relative to ``folder``
    data_files: list[Path] = field(default_factory=list)  # relative to ``folder``
    imports: set[str] = field(default_factory=set)  # absolute module names from outside the app's folder
    missing: set[str] = field(default_factory=set)  # imported, found neither beside the app nor installed


def discover(script: str | os.PathLike[str]) -> AppSources:
    """Read ``script`` and the local modules it imports (transitively); list what the bundle must carry."""
    script_path = Path(script).resolve()
    folder = script_path.parent
    found = AppSources(folder=folder, script=script_path)
    sources: dict[Path, str] = {}
    pending = [script_path]
    while pending:
        path = pending.pop()
        if path in sources:
            continue
        sources[path] = path.read_text(encoding="utf-8-sig")
        pending.extend(_page_scripts(sources[path], folder, main=path == script_path))
        package = _package_of(path, folder)
        for name in _imported_names(sources[path], path, package):
            local = _local_module(name, folder)
            if local:
                pending.extend(local)
            elif _installed(name):
                found.imports.add(name)
            elif "." not in name:
                found.missing.add(name)
    found.local_files = sorted(p.relative_to(folder) for p in sources if p != script_path)
    found.data_files = _referenced_files(folder, list(sources.values()))
    if (folder / PROJECT_CONFIG).is_file():
        found.data_files.append(PROJECT_CONFIG)  # the author's settings for the app (``porch config show``)
    return found


def _page_scripts(source: str, folder: Path, *, main: bool) -> list[Path]:
    """The pages a script names: for the app's script, the ``pages/`` folder's scripts; for any, a ``.py`` file a string
    literal names relative to the app's folder (page paths are relative to the app's script wherever they are
    written)."""
    found: list[Path] = []
    pages = folder / "pages"
    if main and pages.is_dir():
        found += sorted(p for p in pages.glob("*.py") if p.is_file() and not p.name.startswith("."))
    for literal in _string_literals([source]):
        if not literal.endswith(".py"):
            continue
        candidate = Path(os.path.normpath(folder / literal))
        if candidate.is_file() and candidate.is_relative_to(folder) and not (
            SKIPPED_DIRS & set(candidate.relative_to(folder).parts)
        ):
            found.append(candidate)
    return found


def _imported_names(source: str, path: Path, package: str) -> list[str]:
    """Every module an ``import`` statement may load, anywhere in the file (in functions and ``try`` blocks too).

    ``from a import b`` yields ``a`` and ``a.b`` (``b`` may be a submodule); names that turn out to be attributes
    are dropped later because they resolve to no module.
    """
    tree = ast.parse(source, filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if called == "connection" and _names_snowflake(node):
                called = "snowflake"
            names += FEATURE_IMPORTS.get(called or "", ())
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".") if package else []
                keep = len(parts) - (node.level - 1)
                if keep < 0 or (keep == 0 and not base):
                    continue  # beyond the app's folder: nothing we could ship
                base = ".".join(parts[:keep] + ([base] if base else []))
            if base:
                names.append(base)
            names += [f"{base}.{alias.name}" if base else alias.name for alias in node.names if alias.name != "*"]
    return names


def _names_snowflake(call: ast.Call) -> bool:
    """Whether a ``connection(...)`` call names one of Streamlit's Snowflake types by a string literal."""
    arguments = [*call.args, *(keyword.value for keyword in call.keywords)]
    return any(isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.startswith("snowflake")
               for value in arguments)


def _package_of(path: Path, folder: Path) -> str:
    """The dotted package a local file belongs to ("" for a module directly in the app's folder)."""
    return ".".join(path.relative_to(folder).parent.parts)


def _local_module(name: str, folder: Path) -> list[Path]:
    """The files of ``name`` if it lives in the app's folder: the module, or the package's ``__init__`` files."""
    parts = name.split(".")
    if parts[0] in SKIPPED_DIRS:
        return []
    files: list[Path] = []
    here = folder
    for index, part in enumerate(parts):
        package_init = here / part / "__init__.py"
        module = here / f"{part}.py"
        last = index == len(parts) - 1
        if package_init.is_file():
            files.append(package_init)
            here = here / part
        elif last and module.is_file():
            files.append(module)
        elif (here / part).is_dir() and not last:
            here = here / part  # a namespace package beside the app
        else:
            return files if index > 0 else []  # ``from pkg import attribute``: the package itself is enough
    return files


def _installed(name: str) -> bool:
    """Whether ``name`` resolves to a module in this environment, without importing (running) any of it."""
    top, _, rest = name.partition(".")
    if top in sys.builtin_module_names:
        return not rest
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return False
    for part in rest.split(".") if rest else []:
        locations = spec.submodule_search_locations if spec else None
        if not locations:
            return False
        spec = importlib.machinery.PathFinder.find_spec(part, list(locations))
    return spec is not None


def _referenced_files(folder: Path, sources: list[str]) -> list[Path]:
    """Non-Python files under ``folder`` named in ``sources``; whole folders when a string literal names them."""
    literals = _string_literals(sources)
    found: set[Path] = set()
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        base = Path(root)
        for name in list(dirs):
            if name in literals or base.relative_to(folder).joinpath(name).as_posix() in literals:
                found.update(_all_files(base / name, folder))
                dirs.remove(name)
        for name in files:
            path = base / name
            if path.suffix in SKIPPED_SUFFIXES or name.startswith("."):
                continue
            if any(name in source for source in sources):
                found.add(path.relative_to(folder))
    return sorted(found)


def _all_files(directory: Path, folder: Path) -> set[Path]:
    return {
        path.relative_to(folder)
        for path in directory.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}
    }


def _string_literals(sources: list[str]) -> set[str]:
    literals: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 256:
                literals.add(node.value.strip("/\\"))
    return literals
