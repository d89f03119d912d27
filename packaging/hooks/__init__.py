"""PyInstaller hooks for Porch apps, registered through the ``pyinstaller40`` entry point.

The entry point (``hook-dirs = porch.packaging.hooks:hook_dirs`` in pyproject.toml) is how PyInstaller finds
``hook-porch.py`` when it analyses any program that imports ``porch``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

#: Modules that never go into a bundle: the test harness and the build tools (the launcher and ``trim`` may).
LEFT_OUT = (
    "porch.testing", "porch.packaging.build", "porch.packaging.discover", "porch.packaging.identity",
    "porch.packaging.hooks",
)


def hook_dirs() -> list[str]:
    return [str(Path(__file__).parent)]


def porch_modules() -> list[str]:
    """Every module of Porch that a bundle may import, by walking its folders (nothing is imported to find them).

    Walking folders rather than ``pkgutil`` matters for a source checkout installed in editable mode: there
    ``porch.__path__`` also holds the repository's root (see ``core/__init__.py``), whose other folders are no part
    of Porch.
    """
    names: list[str] = []
    for package in ("porch", "porch.shell", "porch.webui", "porch.packaging"):
        spec = importlib.util.find_spec(package)
        if spec is None:
            continue
        names.append(package)
        folders = [Path(spec.origin).parent] if spec.origin and package == "porch" else spec.submodule_search_locations
        for folder in folders or []:
            names += _walk(Path(folder), package)
    return sorted({name for name in names if not name.startswith(LEFT_OUT)})


def porch_datas() -> list[tuple[str, str]]:
    """The client's files (``porch.webui``) and the demo script ``porch hello`` runs, as (source, folder) pairs."""
    datas: list[tuple[str, str]] = []
    webui = importlib.util.find_spec("porch.webui")
    porch = importlib.util.find_spec("porch")
    if webui is not None and webui.origin:
        folder = Path(webui.origin).parent
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
                datas.append((str(path), (Path("porch/webui") / path.parent.relative_to(folder)).as_posix()))
    if porch is not None and porch.origin:
        datas += [(str(path), "porch/demo") for path in sorted((Path(porch.origin).parent / "demo").glob("*.py"))]
    return datas


def _walk(folder: Path, prefix: str) -> list[str]:
    names: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".py" and path.stem != "__init__" and path.stem.isidentifier():
            names.append(f"{prefix}.{path.stem}")
        elif path.is_dir() and path.name.isidentifier() and (path / "__init__.py").is_file():
            names.append(f"{prefix}.{path.name}")
            names += _walk(path, f"{prefix}.{path.name}")
    return names
