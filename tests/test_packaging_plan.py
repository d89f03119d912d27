"""``porch package`` without building: what goes into a bundle, Qt trimming rules, the launcher's hints, and the
registration of Porch's PyInstaller hook. Fast; the real build is in test_packaging.py."""

from __future__ import annotations

import argparse
import importlib.metadata
import json
from pathlib import Path

import pytest

from porch.packaging import launcher
from porch.packaging.build import PackageError, bundle_name, make_plan, parse_add_data
from porch.packaging.discover import discover
from porch.packaging.hooks import porch_datas, porch_modules
from porch.packaging.trim import keep, trim

from support import REPO

EXAMPLE = REPO / "examples" / "packaged_app"


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def test_the_example_needs_its_module_its_csv_and_the_stdlib_it_imports() -> None:
    found = discover(EXAMPLE / "app.py")
    assert found.local_files == [Path("pricing.py")]
    assert found.data_files == [Path("prices.csv")]
    assert {"porch", "csv", "decimal", "pathlib"} <= found.imports
    assert not found.missing


def test_local_packages_relative_imports_and_referenced_folders(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": "import json\nfrom lib import tools\nfrom lib.sub import deep\nimport missing_thing\n"
                  "def f():\n    import xml.dom\nopen('notes.txt')\nASSETS = 'assets'\n",
        "lib/__init__.py": "",
        "lib/tools.py": "from . import helpers\nimport email.mime.text\n",
        "lib/helpers.py": "from .sub.deep import X\n",
        "lib/sub/__init__.py": "",
        "lib/sub/deep.py": "X = open('lib/sub/table.json')\n",
        "lib/sub/table.json": "{}",
        "notes.txt": "hi",
        "unrelated.txt": "not named anywhere",
        "assets/logo.svg": "<svg/>",
        "assets/more/a.css": "",
        "build/junk.txt": "notes.txt",
    })
    found = discover(tmp_path / "app.py")
    assert found.local_files == [Path(p) for p in (
        "lib/__init__.py", "lib/helpers.py", "lib/sub/__init__.py", "lib/sub/deep.py", "lib/tools.py")]
    assert found.data_files == [Path(p) for p in (
        "assets/logo.svg", "assets/more/a.css", "lib/sub/table.json", "notes.txt")]
    assert {"json", "xml.dom", "email.mime.text"} <= found.imports
    assert "lib" not in found.imports and not any(name.startswith("lib.") for name in found.imports)
    assert found.missing == {"missing_thing"}


def test_the_apps_own_settings_file_is_shipped(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": "import porch\n", ".porch/config.toml": "log_level = 'debug'\n"})
    assert discover(tmp_path / "app.py").data_files == [Path(".porch/config.toml")]


def test_plan_places_the_app_under_app_and_writes_the_manifest(tmp_path: Path) -> None:
    extra = tmp_path / "extra.dat"
    extra.write_text("x")
    plan, _ = make_plan(EXAMPLE / "app.py", name="Prices", add_data=[f"{extra}:data"], work=tmp_path / "work")
    datas = {(Path(src).name, dest) for src, dest in plan.datas}
    assert {("app.py", "app"), ("pricing.py", "app"), ("prices.csv", "app"), ("extra.dat", "app/data"),
            ("porch_bundle.json", ".")} <= datas
    manifest = json.loads((tmp_path / "work" / "porch_bundle.json").read_text())
    assert manifest == {"name": "Prices", "script": "app/app.py", "version": ""}
    assert "porch" in plan.hiddenimports and "decimal" in plan.hiddenimports
    assert plan.launcher.endswith("launcher.py") and not plan.onefile


def test_bundle_names() -> None:
    assert bundle_name(Path("/x/packaged_app/app.py"), None) == "packaged_app"
    assert bundle_name(Path("/x/y/dashboard.py"), None) == "dashboard"
    assert bundle_name(Path("/x/y/app.py"), "My App: v2") == "My App- v2"
    with pytest.raises(PackageError):
        bundle_name(Path("/x/y/app.py"), "///")


def test_add_data_forms(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": "", "data/a.csv": "", "b.txt": ""})
    assert parse_add_data(f"{tmp_path}/data/a.csv", tmp_path) == (tmp_path / "data" / "a.csv", "data")
    assert parse_add_data(f"{tmp_path}/data", tmp_path) == (tmp_path / "data", "data")
    assert parse_add_data(f"{tmp_path}/b.txt:sub", tmp_path) == (tmp_path / "b.txt", "sub")
    assert parse_add_data(f"{tmp_path}/b.txt;.", tmp_path) == (tmp_path / "b.txt", ".")
    with pytest.raises(PackageError, match="does not exist"):
        parse_add_data(f"{tmp_path}/nope.txt:.", tmp_path)
    with pytest.raises(PackageError, match="inside the bundle"):
        parse_add_data(f"{tmp_path}/b.txt:../up", tmp_path)


def test_qt_trimming_rules() -> None:
    qt = "PySide6/Qt/"
    for dropped in ("qml/QtQuick/Controls/libqtquickcontrols2plugin.so", "translations/qt_de.qm",
                    "plugins/wayland-shell-integration/libxdg-shell.so", "plugins/platforms/libqwayland-egl.so",
                    "plugins/platformthemes/libqgtk3.so", "lib/libQt6Pdf.so.6", "plugins/position/libqtposition_nmea.so",
                    "translations/qtwebengine_locales/de.pak", "lib/libQt6QuickControls2.so.6"):
        assert not keep(qt + dropped), dropped
    for kept in ("lib/libQt6WebEngineCore.so.6", "lib/libQt6Quick.so.6", "lib/libQt6Qml.so.6",
                 "lib/libQt6Positioning.so.6", "plugins/platforms/libqxcb.so", "libexec/QtWebEngineProcess",
                 "translations/qtwebengine_locales/en-US.pak", "resources/qtwebengine_resources.pak"):
        assert keep(qt + kept), kept
    assert keep(qt + "translations/qtwebengine_locales/de.pak", locales=["en-US", "de"])
    toc = [("a/Qt/qml/x.qml", "/src/x.qml", "DATA"), ("porch/webui/app.js", "/src/app.js", "DATA")]
    assert trim(toc) == [toc[1]]


def test_missing_file_hints_name_the_file_and_add_data() -> None:
    try:
        open("/nowhere/prices.csv")
    except FileNotFoundError as exc:
        hint = launcher.missing_file_hint(exc)
    assert hint is not None and "'prices.csv'" in hint and "--add-data prices.csv:." in hint
    try:
        import porch_no_such_module  # type: ignore[import-not-found]  # noqa: F401
    except ModuleNotFoundError as exc:
        hint = launcher.missing_file_hint(exc)
    assert hint is not None and "'porch_no_such_module'" in hint and "--add-data" in hint
    assert launcher.missing_file_hint(ValueError("x")) is None


def test_launcher_forwards_its_arguments_to_porch_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "app.py").write_text("import porch\n")
    (tmp_path / launcher.MANIFEST).write_text(json.dumps({"name": "Demo", "script": "app/app.py"}))
    monkeypatch.setattr(launcher, "bundle_root", lambda: tmp_path)
    monkeypatch.setattr(launcher, "_has_console", lambda: True)
    monkeypatch.setattr(launcher, "_add_missing_file_hints", lambda: None)
    monkeypatch.delenv("PORCH_APP_NAME", raising=False)
    monkeypatch.chdir(tmp_path)
    seen: list[list[str]] = []
    monkeypatch.setattr("porch.shell.cli.main", lambda argv: seen.append(argv) or 0)
    assert launcher.main(["--headless", "--port", "9000", "--tls-cert", "c.pem", "--tls-key=k.pem"]) == 0
    assert seen == [["run", str(tmp_path / "app" / "app.py"), "--headless", "--port", "9000",
                     "--tls-cert", str(tmp_path / "c.pem"), f"--tls-key={tmp_path / 'k.pem'}"]]
    assert Path.cwd() == tmp_path / "app"
    import os

    assert os.environ["PORCH_APP_NAME"] == "Demo"


def test_command_line_options() -> None:
    from porch.shell.cli import build_parser

    args = build_parser().parse_args(
        ["package", "app.py", "--name", "N", "--icon", "i.png", "--onefile", "--add-data", "a:b", "--add-data", "c",
         "--out", "o"])
    assert isinstance(args, argparse.Namespace)
    assert (args.name, args.icon, args.onefile, args.add_data, args.out) == ("N", Path("i.png"), True, ["a:b", "c"],
                                                                             Path("o"))


def test_hook_is_registered_through_the_pyinstaller40_entry_point() -> None:
    points = importlib.metadata.entry_points(group="pyinstaller40", name="hook-dirs")
    ours = [point for point in points if point.value == "porch.packaging.hooks:hook_dirs"]
    assert len(ours) == 1
    folders = ours[0].load()()
    assert any((Path(folder) / "hook-porch.py").is_file() for folder in folders)


def test_pyinstaller_discovers_the_hook_directory() -> None:
    """PyInstaller's own discovery (an isolated subprocess reading the entry points) lists the folder."""
    from PyInstaller.building.build_main import discover_hook_directories

    found = discover_hook_directories()
    folders = [entry[0] if isinstance(entry, tuple) else entry for entry in found]
    assert any((Path(folder) / "hook-porch.py").is_file() for folder in folders), found


def test_hook_collects_the_client_the_demo_and_the_modules_not_the_test_harness() -> None:
    modules = porch_modules()
    assert {"porch", "porch.shell.cli", "porch.shell.desktop", "porch.api.text", "porch.packaging.launcher"} <= set(
        modules)
    assert not [m for m in modules if m.startswith(("porch.testing", "porch.packaging.build", "porch.benchmarks"))]
    datas = {(Path(src).name, dest) for src, dest in porch_datas()}
    assert {("index.html", "porch/webui"), ("app.js", "porch/webui"), ("hello.py", "porch/demo")} <= datas
    assert any(dest == "porch/webui/elements" for _, dest in datas)
