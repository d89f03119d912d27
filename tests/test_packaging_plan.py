"""``porch package`` without building: what goes into a bundle, Qt trimming rules, the launcher's hints, and the
registration of Porch's PyInstaller hook. Fast; the real build is in test_packaging.py."""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import importlib.util
import json
import os
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from porch.packaging import launcher
from porch.packaging.build import OPTIONAL_LIBRARIES, PackageError, bundle_name, left_out, make_plan, parse_add_data
from porch.packaging.discover import discover
from porch.packaging.hooks import porch_datas, porch_modules
from porch.packaging.identity import (
    DEFAULT_ICONS, IdentityError, platform_icon, version_numbers, windows_version_info, write_desktop_entry,
)
from porch.packaging.trim import EXCLUDED_MODULES, keep, trim

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


def test_a_multipage_app_ships_its_pages_folder_and_the_pages_it_names_with_their_imports(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": "import porch as st\nst.navigation([st.Page('views/home.py'), 'report.py']).run()\n",
        "views/home.py": "import porch as st\nimport charts\nst.switch_page('admin.py')\n",
        "report.py": "import porch as st\nimport csv\n",
        "admin.py": "x = 1\n",
        "charts.py": "import json\n",
        "pages/01_First.py": "import porch as st\nfrom lib import util\n",
        "pages/.hidden.py": "",
        "lib/__init__.py": "",
        "lib/util.py": "",
        "unused.py": "not named anywhere",
        "build/stale.py": "",
    })
    found = discover(tmp_path / "app.py")
    assert found.local_files == [Path(p) for p in (
        "admin.py", "charts.py", "lib/__init__.py", "lib/util.py", "pages/01_First.py", "report.py", "views/home.py")]
    assert {"csv", "json"} <= found.imports and not found.missing


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
    assert manifest == {"name": "Prices", "script": "app/app.py", "version": "", "icon": "porch_window_icon.svg"}
    assert ("porch_window_icon.svg", ".") in datas  # the window's icon: Porch's own when the app has none
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
    (tmp_path / launcher.MANIFEST).write_text(json.dumps({"name": "Demo", "script": "app/app.py",
                                                          "icon": "porch_window_icon.png"}))
    monkeypatch.setattr(launcher, "bundle_root", lambda: tmp_path)
    monkeypatch.setattr(launcher, "_has_console", lambda: True)
    monkeypatch.setattr(launcher, "_add_missing_file_hints", lambda: None)
    # The launcher sets PORCH_* for the process: give it an environment of its own that the test then drops.
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items() if not k.startswith("PORCH_")})
    monkeypatch.chdir(tmp_path)
    seen: list[list[str]] = []

    def main(argv: list[str]) -> int:
        seen.append(argv)
        return 0

    monkeypatch.setattr("porch.shell.cli.main", main)
    assert launcher.main(["--headless", "--port", "9000", "--tls-cert", "c.pem", "--tls-key=k.pem"]) == 0
    assert seen == [["run", str(tmp_path / "app" / "app.py"), "--headless", "--port", "9000",
                     "--tls-cert", str(tmp_path / "c.pem"), f"--tls-key={tmp_path / 'k.pem'}"]]
    assert Path.cwd() == tmp_path / "app"
    assert os.environ["PORCH_APP_NAME"] == "Demo"
    assert os.environ["PORCH_ICON"] == str(tmp_path / "porch_window_icon.png")


def test_command_line_options() -> None:
    from porch.shell.cli import build_parser

    args = build_parser().parse_args(
        ["package", "app.py", "--name", "N", "--icon", "i.png", "--onefile", "--add-data", "a:b", "--add-data", "c",
         "--out", "o"])
    assert isinstance(args, argparse.Namespace)
    assert (args.name, args.icon, args.onefile, args.add_data, args.out) == ("N", Path("i.png"), True, ["a:b", "c"],
                                                                             Path("o"))
    args = build_parser().parse_args(
        ["package", "app.py", "--app-version", "1.2", "--description", "Teapot prices", "--company", "Tea Ltd"])
    assert (args.app_version, args.description, args.company) == ("1.2", "Teapot prices", "Tea Ltd")


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
    assert {"porch", "porch.shell.cli", "porch.shell.desktop", "porch.api.write", "porch.packaging.launcher"} <= set(
        modules)
    build_tools = ("porch.testing", "porch.packaging.build", "porch.packaging.identity", "porch.benchmarks")
    assert not [m for m in modules if m.startswith(build_tools)]
    assert {"porch.packaging.build", "porch.packaging.identity"} <= set(EXCLUDED_MODULES)  # never followed into
    datas = {(Path(src).name, dest) for src, dest in porch_datas()}
    assert {("index.html", "porch/webui"), ("app.js", "porch/webui"), ("hello.py", "porch/demo")} <= datas
    assert any(dest == "porch/webui/elements" for _, dest in datas)


def test_plan_rewrites_nothing_unchanged_so_pyinstaller_reuses_its_analysis(tmp_path: Path) -> None:
    """PyInstaller redoes its analysis when an input file is newer than its cache, even with the same bytes."""
    work = tmp_path / "work"
    first, _ = make_plan(EXAMPLE / "app.py", name="Prices", version="1.0", work=work)
    written = {path: path.stat().st_mtime_ns for path in work.iterdir() if path.is_file()}
    assert {"porch_bundle.json", "version_info.txt"} <= {path.name for path in written}
    second, _ = make_plan(EXAMPLE / "app.py", name="Prices", version="1.0", onefile=True, work=work)
    assert {path: path.stat().st_mtime_ns for path in written} == written
    assert first.datas == second.datas
    third, _ = make_plan(EXAMPLE / "app.py", name="Prices", version="1.1", work=work)
    assert json.loads((work / "porch_bundle.json").read_text())["version"] == "1.1"


# What the executable says about itself: Windows' version resource, and the icon in each platform's format.


@pytest.fixture(scope="module")
def versioninfo() -> ModuleType:
    """PyInstaller's own reader of version resources, the one ``EXE(version=FILE)`` calls on Windows.

    Its module imports ``win32api`` from ``PyInstaller.compat``, which defines that name on Windows only. The version
    classes and ``load_version_info_from_text_file`` never use it (only reading and writing an executable's
    resources do), so None stands in for the import. Its other import, ``pefile``, is plain Python (the test extra).
    """
    import PyInstaller.compat

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PyInstaller.compat, "win32api", None, raising=False)
        return importlib.import_module("PyInstaller.utils.win32.versioninfo")


def read_version_resource(versioninfo: ModuleType, text_file: str) -> tuple[Any, dict[str, str], list[Any]]:
    """Load the text file as PyInstaller does on Windows: (fixed file info, string table, translations).

    Not checked here: the bytes PyInstaller makes of it (``toRaw``), which pack the fixed file info with the native
    ``L`` of ``struct``: four bytes on Windows, eight on 64-bit Linux, so they mean something only on Windows."""
    resource = versioninfo.load_version_info_from_text_file(text_file)
    assert isinstance(resource, versioninfo.VSVersionInfo)
    string_info, var_info = resource.kids
    (table,) = string_info.kids
    assert table.name == "040904B0"  # US English, Unicode
    translations = [(var.name, var.kids) for var in var_info.kids]
    return resource.ffi, {string.name: string.val for string in table.kids}, translations


def test_windows_version_resource_is_what_pyinstallers_own_reader_reads(versioninfo: ModuleType,
                                                                         tmp_path: Path) -> None:
    plan, _ = make_plan(EXAMPLE / "app.py", name="Prices", version="2.10.3rc1", description='Teapot "prices" in €',
                        company="Tea & Co", work=tmp_path)
    ffi, strings, translations = read_version_resource(versioninfo, plan.version_file)
    assert ffi.sig == 0xFEEF04BD and ffi.fileType == 1  # an application
    assert (ffi.fileVersionMS, ffi.fileVersionLS) == ((2 << 16) | 10, 3 << 16)  # 2.10.3.0
    assert (ffi.productVersionMS, ffi.productVersionLS) == ((2 << 16) | 10, 3 << 16)
    assert strings == {
        "CompanyName": "Tea & Co", "FileDescription": 'Teapot "prices" in €', "FileVersion": "2.10.3rc1",
        "InternalName": "Prices", "OriginalFilename": "Prices.exe", "ProductName": "Prices",
        "ProductVersion": "2.10.3rc1",
    }
    assert translations == [("Translation", [0x0409, 1200])]


def test_windows_version_resource_without_a_version_names_the_app(versioninfo: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "info.txt").write_text(windows_version_info("Prices"), encoding="utf-8")
    ffi, strings, _ = read_version_resource(versioninfo, str(tmp_path / "info.txt"))
    assert (ffi.fileVersionMS, ffi.fileVersionLS, ffi.productVersionMS, ffi.productVersionLS) == (0, 0, 0, 0)
    assert strings == {"FileDescription": "Prices", "InternalName": "Prices", "OriginalFilename": "Prices.exe",
                       "ProductName": "Prices"}  # Task Manager shows the description: the app's name


def test_versions_become_four_numbers_and_bad_ones_are_refused(tmp_path: Path) -> None:
    assert version_numbers("") == (0, 0, 0, 0)
    assert version_numbers("3") == (3, 0, 0, 0)
    assert version_numbers("1.2.3rc1") == (1, 2, 3, 0)
    assert version_numbers("2024.5.17.9") == (2024, 5, 17, 9)
    assert version_numbers("1.2.dev3") == (1, 2, 0, 0)
    assert version_numbers("1.0-beta") == (1, 0, 0, 0)
    for bad in ("beta", "v1.2", "1.2.3.4.5", "1.70000"):
        with pytest.raises(IdentityError, match="--app-version"):
            version_numbers(bad)
    with pytest.raises(PackageError, match="--app-version 'v2'"):
        make_plan(EXAMPLE / "app.py", version="v2", work=tmp_path)
    with pytest.raises(PackageError, match="--description: one line"):
        make_plan(EXAMPLE / "app.py", description="two\nlines", work=tmp_path)


def write_png(path: Path, size: int = 300) -> Path:
    from PIL import Image

    Image.new("RGBA", (size, size), (200, 40, 40, 255)).save(path)
    return path


@pytest.mark.parametrize(("platform", "takes", "largest"), [
    ("win32", ("exe", "ico"), (256, 256)),
    ("darwin", ("icns",), (256, 256, 1)),
])
def test_a_png_icon_becomes_what_pyinstaller_puts_in_a_windows_or_macos_executable(
    platform: str, takes: tuple[str, ...], largest: tuple[int, ...], tmp_path: Path
) -> None:
    from PIL import Image
    from PyInstaller.building.icon import normalize_icon_type

    icon = platform_icon(write_png(tmp_path / "teapot.png"), tmp_path, platform)
    assert icon.parent == tmp_path and icon.suffix == "." + takes[-1]
    # What PyInstaller does with an icon on that platform: a file of the right type passes as it is.
    assert normalize_icon_type(str(icon), takes, takes[-1], str(tmp_path)) == str(icon)
    with Image.open(icon) as image:
        assert image.format == takes[-1].upper() and largest in image.info["sizes"]


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_porchs_own_icon_is_the_default_in_each_platforms_format(platform: str, tmp_path: Path) -> None:
    from PyInstaller.building.icon import normalize_icon_type

    icon = platform_icon(None, tmp_path, platform)
    assert icon == DEFAULT_ICONS[platform] and icon.is_file()
    if platform != "linux":
        kind = icon.suffix[1:]
        assert normalize_icon_type(str(icon), (kind,), kind, str(tmp_path)) == str(icon)


def test_the_default_ico_and_icns_show_icon_svg() -> None:
    """The same picture: a blue rounded square (icon.svg's fill) with a white house and a blue door."""
    from PIL import Image

    fill = re.search(r'fill="#([0-9a-f]{6})"', DEFAULT_ICONS["linux"].read_text())
    assert fill
    blue = tuple(int(fill.group(1)[i:i + 2], 16) for i in (0, 2, 4)) + (255,)
    for path in (DEFAULT_ICONS["win32"], DEFAULT_ICONS["darwin"]):
        with Image.open(path) as image:
            picture = image.convert("RGBA").resize((256, 256))
        assert picture.getpixel((2, 2))[3] == 0, path  # transparent outside the rounded square
        assert picture.getpixel((40, 40)) == blue, path
        assert picture.getpixel((90, 170)) == (255, 255, 255, 255), path  # the house
        assert picture.getpixel((128, 190)) == blue, path  # its door


def test_svg_and_png_icons_on_linux_are_used_as_they_are_other_images_are_converted(tmp_path: Path) -> None:
    svg = tmp_path / "teapot.svg"
    svg.write_text(DEFAULT_ICONS["linux"].read_text())
    assert platform_icon(svg, tmp_path, "linux") == svg
    png = write_png(tmp_path / "teapot.png")
    assert platform_icon(png, tmp_path, "linux") == png
    converted = platform_icon(DEFAULT_ICONS["win32"], tmp_path, "linux")
    assert converted == tmp_path / "icon.png" and converted.read_bytes().startswith(b"\x89PNG")


def test_icons_a_platform_cannot_take_are_refused_with_what_to_give(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    svg = tmp_path / "teapot.svg"
    svg.write_text(DEFAULT_ICONS["linux"].read_text())
    with pytest.raises(IdentityError, match=r"on Windows is \.ico or \.exe, and an SVG cannot be converted"):
        platform_icon(svg, tmp_path, "win32")
    with pytest.raises(IdentityError, match=r"on macOS is \.icns, .*give a \.icns or a \.png"):
        platform_icon(svg, tmp_path, "darwin")
    with pytest.raises(IdentityError, match="no such file"):
        platform_icon(tmp_path / "nowhere.png", tmp_path, "win32")
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("not a picture")
    with pytest.raises(IdentityError, match=r"Pillow could not convert it to \.ico"):
        platform_icon(not_an_image, tmp_path, "win32")
    monkeypatch.setitem(sys.modules, "PIL", None)  # Pillow not installed
    with pytest.raises(IdentityError, match=r"to convert a \.png install Pillow \(pip install pillow\), or give a \.ico"):
        platform_icon(not_an_image, tmp_path, "win32")


def test_linux_menu_entry_names_the_executable_its_icon_and_the_description(tmp_path: Path) -> None:
    executable = tmp_path / "Prices"
    executable.write_text("")
    entry = write_desktop_entry("Prices", executable, DEFAULT_ICONS["linux"], r"Teapot prices \ more")
    text = entry.read_text()
    assert f'Exec="{executable}"\n' in text and "Name=Prices\n" in text
    assert "Comment=Teapot prices \\\\ more\n" in text
    assert f"Icon={tmp_path / 'Prices.svg'}\n" in text
    assert (tmp_path / "Prices.svg").read_bytes() == DEFAULT_ICONS["linux"].read_bytes()


def test_the_libraries_of_optional_features_come_with_the_calls_that_need_them(tmp_path: Path) -> None:
    (tmp_path / "plain.py").write_text("import porch as st\nst.write('hi')\n")
    (tmp_path / "data.py").write_text("import porch as st\nconn = st.connection('db', type='sql')\n")
    (tmp_path / "signin.py").write_text("import streamlit as st\nif not st.user.is_logged_in:\n    st.login()\n")
    optional = {"sqlalchemy", "authlib", "joserfc"}
    assert discover(tmp_path / "plain.py").imports & optional == set()
    assert discover(tmp_path / "data.py").imports & optional == {"sqlalchemy"}
    assert discover(tmp_path / "signin.py").imports & optional == {"authlib", "joserfc"}


def test_a_snowflake_connection_brings_snowflakes_connector_where_it_is_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Snowflake's connector is not installed here: a package of that name on the path stands for it (discovery
    reads where modules are, it never imports them)."""
    installed = tmp_path / "site"
    for package in ("snowflake", "snowflake/connector"):
        (installed / package).mkdir(parents=True)
        (installed / package / "__init__.py").write_text("")
    (installed / "snowflake/connector/pandas_tools.py").write_text("")
    monkeypatch.syspath_prepend(str(installed))
    app = tmp_path / "app"
    app.mkdir()
    (app / "named.py").write_text("import streamlit as st\nconn = st.connection('snowflake')\n")
    (app / "typed.py").write_text("import streamlit as st\nconn = st.connection('w', type='snowflake-callers-rights')\n")
    (app / "sql.py").write_text("import streamlit as st\nconn = st.connection('sql')\n")
    connector = {"snowflake.connector", "snowflake.connector.pandas_tools"}
    for script in ("named.py", "typed.py"):
        imports = discover(app / script).imports
        assert connector <= imports and "sqlalchemy" not in imports and "snowflake.snowpark" not in imports
    assert not connector & discover(app / "sql.py").imports


def test_large_libraries_that_libraries_import_optionally_stay_out_unless_the_app_needs_them(tmp_path: Path) -> None:
    """pandas and Altair's imports reach polars, matplotlib and SQLAlchemy, hundreds of MB a pandas app never loads:
    they stay out. What importing the app's libraries loads stays in (pandas loads pyarrow), as does what the app
    imports itself, what a library it imports loads (joserfc: cryptography) and what ``--include`` names."""
    data_app = set(left_out({"pandas", "altair", "pathlib"}))
    assert {"polars", "matplotlib", "sqlalchemy", "cryptography"} <= data_app
    assert "pyarrow" not in data_app
    assert "polars" not in left_out({"pandas", "polars"})
    (tmp_path / "signin.py").write_text("import streamlit as st\nif not st.user.is_logged_in:\n    st.login()\n")
    assert "cryptography" not in left_out(discover(tmp_path / "signin.py").imports)
    assert "matplotlib" not in left_out({"pandas"}, include=["matplotlib"])
    installed = {name for name in OPTIONAL_LIBRARIES if importlib.util.find_spec(name) is not None}
    assert {"polars", "pyarrow", "cryptography"} <= installed and set(left_out({"json"})) == installed


def test_the_package_command_takes_include_and_names_what_it_leaves_out(tmp_path: Path) -> None:
    from porch.shell.cli import build_parser

    args = build_parser().parse_args(["package", "app.py", "--include", "polars", "--include", "PIL"])
    assert args.include == ["polars", "PIL"]
    (tmp_path / "app.py").write_text("import porch as st\nimport pandas as pd\nst.dataframe(pd.DataFrame())\n")
    plan, _ = make_plan(tmp_path / "app.py", include=["matplotlib"], work=tmp_path / "work")
    assert "polars" in plan.excludes and "matplotlib" not in plan.excludes and "pyarrow" not in plan.excludes


def test_only_binaries_from_outside_installed_packages_are_stripped(tmp_path: Path) -> None:
    """libpython (23 MB with this interpreter's debug symbols) is shipped stripped; a wheel's libraries as they
    come: NumPy's OpenBLAS, patched by auditwheel, does not load once stripped."""
    import sysconfig

    import numpy

    from porch.packaging.trim import stripped

    libpython = Path(sysconfig.get_config_var("LIBDIR")) / str(sysconfig.get_config_var("INSTSONAME"))
    openblas = next((Path(numpy.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))
    toc = [("libpython.so", str(libpython), "BINARY"), (f"numpy.libs/{openblas.name}", str(openblas), "BINARY")]
    first = stripped(toc, tmp_path)
    assert first[1] == toc[1]
    dest, copy, kind = first[0]
    assert (dest, kind) == ("libpython.so", "BINARY") and Path(copy).parent == tmp_path
    assert Path(copy).stat().st_size <= libpython.stat().st_size
    assert stripped(toc, tmp_path) == first and Path(copy).stat().st_mtime_ns == libpython.stat().st_mtime_ns
