"""Plan a bundle (what goes in, where), then have PyInstaller build it from ``bundle.spec``, reporting by stage.

PyInstaller runs in a child process (``python -m PyInstaller``): a build imports hooks, changes ``sys`` and may call
``sys.exit``, none of which should happen inside the ``porch`` process. Its full log goes to a file in the work folder;
the terminal gets one line per stage, read from the ``porch-stage:`` lines the spec writes.

Bundle layout (one-folder; one-file unpacks the same tree)::

    Name/Name                       the executable (launcher.py, frozen)
    Name/Name.desktop, Name.svg     Linux: the menu entry and its icon (porch.packaging.identity)
    Name/_internal/porch_bundle.json
    Name/_internal/app/app.py       the app script, its local modules and data files, as in its own folder
    Name/_internal/...              Python, Porch, its client files, Qt
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .discover import AppSources, discover
from .identity import IdentityError, platform_icon, windows_version_info, write_desktop_entry

HERE = Path(__file__).resolve().parent
SPEC = HERE / "bundle.spec"
LAUNCHER = HERE / "launcher.py"
#: Where the app's files go inside the bundle (relative to its root, ``sys._MEIPASS``).
APP_DIR = "app"
#: Script names too generic to name a bundle: the app's folder names it instead.
GENERIC_STEMS = frozenset({"app", "main", "streamlit_app", "porch_app", "__main__", "run"})
#: What a pywebview window on Qt imports at run time (pywebview picks its backend by name, so the analysis of the
#: desktop shell alone does not find all of it).
DESKTOP_IMPORTS = [
    "webview", "webview.platforms.qt", "qtpy", "qtpy.QtWebEngineWidgets", "qtpy.QtWebEngineCore", "qtpy.QtWebChannel",
    "qtpy.QtNetwork", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineCore", "PySide6.QtWebChannel",
    "PySide6.QtNetwork", "PySide6.QtPrintSupport",
]
#: Large libraries that the libraries a bundle carries import only for some of their features: narwhals and Altair
#: polars (130 MB), pandas matplotlib (plotting) and SQLAlchemy (SQL), matplotlib Pillow, pywebview's HTTPS server
#: (which Porch never starts) cryptography. PyInstaller follows every import it reads, so each would come along; a
#: bundle carries one only when the app imports it, when importing the app's libraries loads it (pandas loads
#: pyarrow), or when ``porch package --include`` names it. Left out, a call that needs one fails with the library's
#: own "missing optional dependency" error, and the build said which were left out.
OPTIONAL_LIBRARIES = (
    "polars", "pyarrow", "matplotlib", "PIL", "scipy", "sqlalchemy", "IPython", "cryptography", "torch", "tensorflow",
)
#: Run in a child process with the app's imports as arguments: which of :data:`OPTIONAL_LIBRARIES` importing them
#: loads. An import that fails is skipped (the build reports it as not found).
LOADED_PROBE = """
import importlib, json, sys
for name in sys.argv[2:]:
    try:
        importlib.import_module(name)
    except BaseException:
        pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[1])))))
"""


class PackageError(Exception):
    """A problem with the request (a missing script, a bad ``--add-data``), reported in one line."""


@dataclass
class Plan:
    """Everything ``bundle.spec`` needs, serialised to JSON for it."""

    name: str
    launcher: str
    datas: list[tuple[str, str]]
    hiddenimports: list[str]
    icon: str  # in the format this platform takes (porch.packaging.identity)
    excludes: list[str] = field(default_factory=list)
    pathex: list[str] = field(default_factory=list)
    onefile: bool = False
    console: bool = False
    version: str = ""
    description: str = ""
    company: str = ""
    version_file: str = ""  # Windows' version resource, as PyInstaller reads it
    bundle_id: str = ""
    locales: list[str] = field(default_factory=lambda: ["en-US"])
    window: bool = True  # a Qt web view is bundled
    #: Where copies of the binaries stripped of debug symbols go (porch.packaging.trim.stripped); "": none stripped.
    strip_dir: str = ""


@dataclass(frozen=True)
class BuildResult:
    path: Path  # the bundle folder, or the one-file executable
    executable: Path
    size: int  # bytes on disk
    seconds: float
    log: Path


def bundle_name(script: Path, name: str | None) -> str:
    """The bundle's name: ``--name``, else the script's stem, else (for ``app.py`` and the like) its folder's."""
    if not name:
        name = script.parent.name if script.stem in GENERIC_STEMS else script.stem
    cleaned = re.sub(r"[^A-Za-z0-9._ -]+", "-", name).strip(" .-")
    if not cleaned:
        raise PackageError(f"{name!r} cannot name a bundle: use letters, digits, '.', '_', '-' or spaces")
    return cleaned


def parse_add_data(value: str, app_folder: Path) -> tuple[Path, str]:
    """``SRC:DEST`` (``;`` also accepted, as on Windows) -> (source, destination folder relative to the app's folder).

    As with PyInstaller's own ``--add-data``, a file goes into the folder ``DEST`` and a folder's contents do. Left
    out, ``DEST`` is where ``SRC`` sits relative to the app's folder; for a file from elsewhere ``.`` (beside the
    script), for a folder from elsewhere a folder of its name.
    """
    source, dest = value, ""
    for separator in (";", ":"):
        head, sep, tail = value.rpartition(separator)
        if sep and head and not re.fullmatch(r"[A-Za-z]", head) and not tail.startswith(("\\", "/")):
            source, dest = head, tail
            break
    path = Path(source).expanduser().resolve()
    if not path.exists():
        raise PackageError(f"--add-data {value}: {source} does not exist")
    if not dest:
        place = path if path.is_dir() else path.parent
        try:
            dest = place.relative_to(app_folder).as_posix() or "."
        except ValueError:
            dest = path.name if path.is_dir() else "."
    if Path(dest).is_absolute() or ".." in Path(dest).parts:
        raise PackageError(f"--add-data {value}: the destination must be a folder inside the bundle, like . or data")
    return path, dest


def make_plan(
    script: Path,
    *,
    name: str | None = None,
    icon: Path | None = None,
    onefile: bool = False,
    add_data: list[str] | None = None,
    console: bool = False,
    version: str = "",
    description: str = "",
    company: str = "",
    include: list[str] | None = None,
    work: Path,
) -> tuple[Plan, AppSources]:
    """Decide what the bundle carries; writes the manifest the launcher reads, the app's icon in this platform's
    format and its Windows version resource into ``work``."""
    script = script.resolve()
    if not script.is_file():
        raise PackageError(f"cannot read the app script {script}")
    try:
        sources = discover(script)
    except SyntaxError as exc:
        raise PackageError(f"{exc.filename}, line {exc.lineno}: {exc.msg}") from None
    name = bundle_name(script, name)
    folder = sources.folder

    def to_app(relative: Path) -> str:
        return (Path(APP_DIR) / relative.parent).as_posix()

    datas = [(str(script), APP_DIR)]
    datas += [(str(folder / path), to_app(path)) for path in [*sources.local_files, *sources.data_files]]
    for value in add_data or []:
        source, dest = parse_add_data(value, folder)
        datas.append((str(source), (Path(APP_DIR) / dest).as_posix()))

    work.mkdir(parents=True, exist_ok=True)
    try:
        icon_file = platform_icon(icon, work)
        version_file = write_if_changed(work / "version_info.txt",
                                        windows_version_info(name, version, description, company))
    except IdentityError as exc:
        raise PackageError(str(exc)) from None
    manifest = {"name": name, "script": f"{APP_DIR}/{script.name}", "version": version}
    if sys.platform.startswith("linux"):  # the window's icon (elsewhere the system takes it from the executable)
        window_icon = write_if_changed(work / f"porch_window_icon{icon_file.suffix}", icon_file.read_bytes())
        datas.append((str(window_icon), "."))
        manifest["icon"] = window_icon.name
    datas.append((str(write_if_changed(work / "porch_bundle.json", json.dumps(manifest))), "."))

    window = _desktop_available()
    hidden = sorted({"porch", *sources.imports, *(DESKTOP_IMPORTS if window else [])})
    excludes = left_out(sources.imports, include)
    plan = Plan(
        name=name,
        launcher=str(LAUNCHER),
        datas=datas,
        hiddenimports=hidden,
        excludes=excludes,
        pathex=importable_porch(work),
        icon=str(icon_file),
        onefile=onefile,
        console=console,
        version=version,
        description=description,
        company=company,
        version_file=str(version_file),
        bundle_id="org.porch." + re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower(),
        window=window,
        strip_dir=str(work / "stripped") if sys.platform.startswith("linux") and shutil.which("strip") else "",
    )
    return plan, sources


def build(
    plan: Plan,
    *,
    out: Path,
    work: Path,
    on_stage: Callable[[str, float], None] = lambda stage, seconds: None,
    echo: bool = False,
) -> BuildResult:
    """Run PyInstaller over ``plan``; ``on_stage(name, seconds since start)`` at each stage. Raises on failure."""
    out = out.resolve()
    target = out / plan.name
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(asdict(plan), indent=2), encoding="utf-8")
    log_path = work / "pyinstaller.log"
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "INFO",
        "--distpath", str(out), "--workpath", str(work / "pyinstaller"),
        str(SPEC), "--", str(plan_file),
    ]  # fmt: skip
    start = time.monotonic()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log_path, "w", encoding="utf-8") as log, subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=work
    ) as process:
        assert process.stdout is not None  # noqa: S101 - Popen with stdout=PIPE always has one
        for line in process.stdout:
            log.write(line)
            if line.startswith("porch-stage: "):
                on_stage(line.split(":", 1)[1].strip(), time.monotonic() - start)
            elif echo:
                sys.stdout.write(line)
        returncode = process.wait()
    if returncode != 0:
        tail = "".join(log_path.read_text(encoding="utf-8").splitlines(keepends=True)[-30:])
        raise PackageError(f"PyInstaller failed (exit {returncode}); the end of its log ({log_path}):\n{tail}")
    executable = target.with_suffix(".exe") if sys.platform == "win32" and plan.onefile else target
    if not plan.onefile:
        executable = target / (plan.name + (".exe" if sys.platform == "win32" else ""))
    if sys.platform.startswith("linux"):
        write_desktop_entry(plan.name, executable, Path(plan.icon), plan.description)
    seconds = time.monotonic() - start
    return BuildResult(path=target, executable=executable, size=disk_size(target), seconds=seconds, log=log_path)


def importable_porch(work: Path) -> list[str]:
    """Folders to add to PyInstaller's search path so that its analysis finds ``porch``; usually none.

    An installed Porch is a plain ``porch/`` folder. A source checkout installed in editable mode is not: setuptools
    maps ``porch`` to ``core/``, ``porch.shell`` to ``shell/`` (and so on) through an import hook that PyInstaller's
    analysis does not consult. For it, this lays out the installed shape as symbolic links in ``work/porch-src``.
    """
    spec = importlib.util.find_spec("porch")
    if spec is None or spec.origin is None:
        raise PackageError("porch is not importable in this Python environment")
    core = Path(spec.origin).parent
    if core.name == "porch" and all((core / sub).is_dir() for sub in ("shell", "webui", "packaging")):
        return []
    mirror = work / "porch-src" / "porch"
    if mirror.parent.exists():
        shutil.rmtree(mirror.parent)
    mirror.mkdir(parents=True)
    for child in core.iterdir():
        if child.name != "__pycache__":
            (mirror / child.name).symlink_to(child)
    for sub in ("shell", "webui", "packaging"):
        sub_spec = importlib.util.find_spec(f"porch.{sub}")
        locations = list(sub_spec.submodule_search_locations or []) if sub_spec else []
        if locations and not (mirror / sub).exists():
            (mirror / sub).symlink_to(locations[0])
    return [str(mirror.parent)]


def write_if_changed(path: Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) unless ``path`` holds it already: PyInstaller redoes its whole analysis
    when an input file is newer than its cache, even with the same bytes."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


def default_work_dir(script: Path, name: str) -> Path:
    """PyInstaller's work folder, kept per app in the user cache so a rebuild reuses its analysis."""
    from platformdirs import user_cache_dir

    digest = hashlib.sha256(str(script.resolve()).encode()).hexdigest()[:10]
    return Path(user_cache_dir("porch", appauthor=False)) / "package" / f"{name}-{digest}"


def disk_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.lstat().st_size for item in path.rglob("*") if item.is_file() and not item.is_symlink())


def _desktop_available() -> bool:
    """Whether the desktop window's stack (pywebview on Qt via PySide6) is installed to be bundled."""
    return all(importlib.util.find_spec(module) is not None for module in ("webview", "qtpy", "PySide6"))


def left_out(imports: set[str], include: list[str] | None = None) -> list[str]:
    """The installed :data:`OPTIONAL_LIBRARIES` a bundle of an app with these imports does without."""
    wanted = {name.split(".")[0] for name in imports} | {name.split(".")[0] for name in include or ()}
    candidates = [library for library in OPTIONAL_LIBRARIES
                  if library not in wanted and importlib.util.find_spec(library) is not None]
    if not candidates:
        return []
    probed = sorted(name for name in imports if name.split(".")[0] not in ("porch", "streamlit"))
    try:
        done = subprocess.run([sys.executable, "-c", LOADED_PROBE, json.dumps(candidates), *probed],
                              capture_output=True, text=True, timeout=120, cwd=os.path.expanduser("~"))
        loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    except (subprocess.TimeoutExpired, ValueError, IndexError):
        return []  # when in doubt, carry them all
    return [library for library in candidates if library not in loaded]
