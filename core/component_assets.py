"""The asset folders of ``components.v2`` components that installed packages declare, found as Streamlit 1.67 finds
them.

A package publishes v2 components by declaring them in the ``pyproject.toml`` it ships inside itself::

    [project]
    name = "my-components"

    [tool.streamlit.component]
    components = [{ name = "clock", asset_dir = "frontend/build" }]

and its code calls ``st.components.v2.component("my-components.clock", js="index-*.js", css="style.css")``: a ``js``
or ``css`` that looks like a path (Streamlit's rule: one line, with a glob character, a slash, or a ``.js``, ``.mjs``,
``.cjs`` or ``.css`` ending) names a file of that folder, by a pattern that must match exactly one file. Streamlit
scans every installed distribution for such manifests when its server starts; Porch looks up the one distribution
that a component's name names, once per process, when the component is declared. The folder is then served as that
component's (:data:`porch.components.REGISTRY`, which serves nothing that leads out of it).
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import re
import sys
from pathlib import Path, PurePosixPath
from typing import Any

#: Glob characters: a ``js`` or ``css`` with one is a pattern of files.
_GLOB = re.compile(r"[*?\[\]]")


def looks_like_path(value: str) -> bool:
    """Whether a component's ``js`` or ``css`` names a file of its asset folder rather than being the code itself
    (Streamlit's ``looks_like_inline_content``, negated)."""
    text = value.strip()
    if "\n" in text or "\r" in text:
        return False
    if _GLOB.search(text) or text.startswith(("./", "/", "\\")) or "/" in text or "\\" in text:
        return True
    return text.lower().endswith((".js", ".css", ".mjs", ".cjs"))


@functools.lru_cache(maxsize=256)
def asset_root(component: str) -> Path | None:
    """The asset folder the installed package named by ``component`` (``"<project>.<name>"``) declares for it, or
    None when no installed package declares one. Raises ``ValueError`` for a declared folder that does not exist or
    lies outside its package."""
    parts = component.split(".")
    for cut in range(len(parts) - 1, 0, -1):  # a project's name may hold dots too
        project, name = ".".join(parts[:cut]), ".".join(parts[cut:])
        found = _declared(project, name)
        if found is not None:
            return found
    return None


def resolve(root: Path, pattern: str) -> str:
    """The one file of ``root`` that ``pattern`` (relative, ``/``-separated, a glob allowed) names, as a path
    relative to ``root``. Raises ``ValueError`` naming the pattern when it leads out, or matches no file or many."""
    text = pattern.strip().removeprefix("./")
    if not text or text.startswith(("/", "\\")) or "\\" in text or ".." in PurePosixPath(text).parts:
        raise ValueError(f"{pattern!r} must be a path inside the component's asset_dir, without '..'")
    real_root = root.resolve()
    matches = sorted({path.resolve() for path in root.glob(text) if path.is_file()})
    inside = [path for path in matches if path.is_relative_to(real_root)]
    if not inside:
        raise ValueError(f"no file of the component's asset_dir ({root}) matches {pattern!r}")
    if len(inside) > 1:
        names = ", ".join(path.relative_to(real_root).as_posix() for path in inside)
        raise ValueError(f"{pattern!r} matches {len(inside)} files of the component's asset_dir ({names}): exactly "
                         "one must match")
    return inside[0].relative_to(real_root).as_posix()


def _declared(project: str, name: str) -> Path | None:
    """The asset folder that the distribution ``project`` declares for its component ``name``."""
    try:
        dist = importlib.metadata.distribution(project)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None
    found = _pyproject_of(dist)
    if found is None:
        return None
    pyproject, manifest = found
    components = _table(manifest, "tool", "streamlit", "component").get("components")
    declared = [item for item in components if isinstance(item, dict)] if isinstance(components, list) else []
    if _canonical(str(_table(manifest, "project").get("name") or dist.name)) != _canonical(project):
        return None
    for item in declared:
        asset_dir = item.get("asset_dir")
        if item.get("name") != name or not isinstance(asset_dir, str):
            continue
        package_root = _package_root(dist) or pyproject.parent
        folder = (package_root / asset_dir).resolve()
        if ".." in PurePosixPath(asset_dir).parts or not folder.is_relative_to(package_root.resolve()):
            raise ValueError(f"the asset_dir {asset_dir!r} of the component {project}.{name} leads out of its package")
        if not folder.is_dir():
            raise ValueError(f"the asset_dir {asset_dir!r} of the component {project}.{name} is not a folder "
                             f"under {package_root}")
        return folder
    return None


def _pyproject_of(dist: importlib.metadata.Distribution) -> tuple[Path, dict[str, Any]] | None:
    """The ``pyproject.toml`` a distribution ships that names it (among its files, or beside its package), read."""
    candidates = [Path(str(dist.locate_file(file))) for file in dist.files or [] if file.name == "pyproject.toml"]
    root = _package_root(dist)
    if root is not None:
        candidates += [root / "pyproject.toml", root.parent / "pyproject.toml"]
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    for path in candidates:
        try:
            with open(path, "rb") as handle:
                data: dict[str, Any] = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError):
            continue
        name = _table(data, "project").get("name")
        if isinstance(name, str) and _canonical(name) in (_canonical(dist.name), _canonical(_package(dist))):
            return path, data
    return None


def _table(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The TOML table at ``keys`` ({} where there is none, or something else is)."""
    for key in keys:
        found = data.get(key)
        data = found if isinstance(found, dict) else {}
    return data


def _package(dist: importlib.metadata.Distribution) -> str:
    return dist.name.replace("-", "_")


def _package_root(dist: importlib.metadata.Distribution) -> Path | None:
    """The folder of the distribution's importable package (its name with ``_`` for ``-``), found without importing
    it."""
    package = _package(dist)
    if not package.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def _canonical(name: str) -> str:
    """A project name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()
