"""Porch installs as one package from four folders, stays light to import, and passes its static checks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TSC = REPO / ".ci" / "tools" / "node_modules" / ".bin" / "tsc"


def python(*code: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "\n".join(code)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A non-editable install of the wheel built from this tree, in a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(REPO)],
        check=True,
        timeout=300,
    )
    (wheel,) = work.glob("porch-*.whl")
    site = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        timeout=300,
    )
    yield site


def test_the_repo_root_on_sys_path_does_not_shadow_the_packaging_library() -> None:
    found = python(
        f"import sys; sys.path.insert(0, {str(REPO)!r})",
        "import packaging.version",
        "print(packaging.__file__)",
    )
    assert not found.startswith(str(REPO / "packaging")), found
    assert "site-packages" in found


def test_import_porch_is_light() -> None:
    heavy = python(
        "import sys, porch",
        "print(sorted(m for m in ('tornado', 'numpy', 'pandas', 'webview', 'PySide6', 'qtpy', 'PyInstaller')"
        " if m in sys.modules))",
    )
    assert heavy == "[]"


def test_the_editable_install_gives_the_porch_command() -> None:
    porch = Path(sys.executable).parent / "porch"
    result = subprocess.run([str(porch), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("porch "), result.stderr


def test_the_wheel_holds_one_package_from_four_folders(wheel_site: Path) -> None:
    out = python(
        "import porch, porch.shell.cli, porch.webui, porch.packaging.hooks, porch.testing",
        "from pathlib import Path",
        "print(Path(porch.__file__).parent)",
        "print(sorted(p.name for p in porch.webui.STATIC_DIR.glob('*.js')))",
        "print((Path(porch.__file__).parent / 'demo' / 'hello.py').is_file())",
        "print(porch.packaging.hooks.hook_dirs()[0])",
        env={"PYTHONPATH": str(wheel_site)},
        cwd=wheel_site,
    )
    package_dir, scripts, demo, hooks = out.splitlines()
    assert package_dir == str(wheel_site / "porch")
    assert "app.js" in scripts and "protocol.js" in scripts
    assert demo == "True"
    assert hooks.startswith(str(wheel_site / "porch" / "packaging"))
    assert not (wheel_site / "porch" / "packaging" / "__init__.py").exists()
    assert not list(wheel_site.glob("porch/**/test_*.py")), "tests must not ship in the package"
    (dist_info,) = wheel_site.glob("porch-*.dist-info")
    entry_points = (dist_info / "entry_points.txt").read_text()
    assert "porch = porch.shell.cli:main" in entry_points
    assert "hook-dirs = porch.packaging.hooks:hook_dirs" in entry_points


def test_the_engine_is_type_checked_strictly(wheel_site: Path) -> None:
    result = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"), "--no-incremental",
            "-p", "porch",
        ],
        cwd=wheel_site,
        env={**os.environ, "MYPYPATH": str(wheel_site)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_tests_are_type_checked_strictly(wheel_site: Path) -> None:
    """The tests read like a user's own code, so they are checked as strictly as Porch: AppTest's names, fixtures and
    helpers are typed where they are used. Imports outside tests/ (Porch from the wheel, the benchmarks package some
    tests drive) are followed silently: Porch's own errors are the test above's to report."""
    result = subprocess.run(
        [
            sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"), "--no-incremental",
            "--follow-imports=silent", str(REPO / "tests"),
        ],
        cwd=wheel_site,
        env={**os.environ, "MYPYPATH": os.pathsep.join([str(wheel_site), str(REPO)])},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_client_is_type_checked_with_tsc() -> None:
    assert TSC.exists(), "TypeScript is installed by .ci/setup --test"
    result = subprocess.run(
        [str(TSC), "-p", str(REPO / "webui" / "jsconfig.json"), "--noEmit"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_every_package_folder_is_in_the_wheel() -> None:
    """pyproject.toml lists the packages by name (four folders make one package): a new subpackage must be listed, or
    the wheel and a bundle go without it while the editable install has it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    roots = {"core": "porch", "shell": "porch.shell", "webui": "porch.webui", "packaging": "porch.packaging"}
    found = set()
    for folder, package in roots.items():
        for init in (REPO / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(REPO / folder).parts
            if "demo" not in parts and "__pycache__" not in parts:
                found.add(".".join((package, *parts)))
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
