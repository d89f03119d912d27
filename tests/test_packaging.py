"""``porch package``: one real PyInstaller bundle of examples/packaged_app per session, then run it every way a
person would: double-clicked (its window, under Xvfb), serving a network, offline, and with a data file missing;
and one ``--onefile`` build of it, served and stopped.

The builds happen once each, in session fixtures; every test here shares their results. The one-folder build takes
about 20 to 40 s on two cores; the one-file build reuses its PyInstaller cache (the analysis) and spends its 45 to
60 s compressing. Sizes and times to the first rendered page are printed (``-s`` or the report's captured output)
and recorded in docs/packaging.md.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest

from bundle_harness import Bundle, built, free_port, package, serve_offline, stop, wait_healthy
from support import REPO, assert_gone
from x11 import window_icon

pytestmark = [pytest.mark.bundle, pytest.mark.slow, pytest.mark.timeout(300)]

EXAMPLE = REPO / "examples" / "packaged_app" / "app.py"
NAME = "Prices"
#: Qt WebEngine is 324 MB of it; Porch 17 MB (its client with the chart builds: Mermaid 5.5 MB, plotly.js 5.2 MB,
#: deck.gl 3 MB, ECharts 1 MB...). A library that sneaks in (pandas, cryptography) goes past it.
MAX_BYTES = 421_000_000
#: What the example shows with the slider at its default (20 % tax): 24.50 * 1.2.
EXPECTED = "Teapot: 29.40 EUR"


@pytest.fixture(scope="session")
def package_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user cache folder of the session's builds, empty at first: PyInstaller's work folders go in it."""
    return tmp_path_factory.mktemp("cache")


def package_example(cache: Path, out: Path, *options: str) -> tuple[str, float]:
    return package(EXAMPLE, NAME, cache, out, *options)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory, package_cache: Path) -> Bundle:
    """Build the example once for the session, from a clean PyInstaller cache, through the ``porch`` command."""
    return built(EXAMPLE, NAME, tmp_path_factory.mktemp("bundle"), package_cache)


def test_build_reports_stages_size_and_how_to_run(bundle: Bundle) -> None:
    out = bundle.output
    positions = [out.find(stage) for stage in ("analysing", "collecting", "writing the bundle")]
    assert -1 not in positions and positions == sorted(positions), out
    assert f"{bundle.folder} (" in out and " MB)" in out, out
    assert f"run it:          {bundle.executable}" in out
    assert f"{bundle.executable} --headless --port" in out
    assert "app files: app.py, pricing.py, prices.csv" in out
    assert bundle.size < MAX_BYTES, f"{bundle.size / 1e6:.0f} MB"


def test_bundle_carries_the_app_porch_and_only_the_qt_a_web_view_needs(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    for name in ("app/app.py", "app/pricing.py", "app/prices.csv", "porch_bundle.json", "porch/webui/index.html",
                 "porch/webui/app.js", "porch/demo/hello.py"):
        assert (internal / name).is_file(), name
    qt = internal / "PySide6" / "Qt"
    assert (qt / "lib" / "libQt6WebEngineCore.so.6").is_file()
    assert (qt / "libexec" / "QtWebEngineProcess").is_file()
    assert not (qt / "qml").exists()
    assert not list(qt.glob("translations/*.qm"))
    assert [p.name for p in qt.glob("translations/qtwebengine_locales/*")] == ["en-US.pak"]
    assert not list(qt.glob("plugins/wayland-*")) and not list(qt.glob("plugins/platforms/libqwayland*"))
    assert not list(qt.glob("plugins/platformthemes/libqgtk3*")) and not list(internal.glob("libgtk-3*"))
    assert not list(qt.glob("lib/libQt6Pdf*")) and not list(qt.glob("plugins/position/*"))
    for module in ("QtQuick", "QtQml", "QtPdf", "QtPositioning"):
        assert not list(internal.glob(f"PySide6/{module}.*")), module
    assert not (internal / "PIL").exists()  # the build tools' Pillow (icon conversion) stays out


def test_every_library_link_resolves_inside_the_bundle(bundle: Bundle) -> None:
    """Trimming never removes a library that a kept one links against (QtWebEngineWidgets needs QtQuickWidgets)."""
    internal = bundle.folder / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
    missing = {}
    for library in sorted((internal / "PySide6").rglob("*.so*")):
        done = subprocess.run(["ldd", str(library)], env=env, capture_output=True, text=True)
        lost = [line.split()[0] for line in done.stdout.splitlines() if "not found" in line]
        if lost:
            missing[str(library.relative_to(internal))] = lost
    assert not missing, missing


def test_linux_desktop_entry_and_icon_beside_the_executable(bundle: Bundle) -> None:
    entry = (bundle.folder / f"{NAME}.desktop").read_text()
    assert f'Exec="{bundle.executable}"' in entry
    assert f"Icon={bundle.folder / (NAME + '.svg')}" in entry and (bundle.folder / f"{NAME}.svg").is_file()
    assert "Terminal=false" in entry
    assert os.access(bundle.executable, os.X_OK)


def test_headless_serves_the_app_to_chromium(bundle: Bundle, context: Any, stop: list[Any]) -> None:
    port = free_port()
    start = time.monotonic()
    process = subprocess.Popen(
        [str(bundle.executable), "--headless", "--host", "127.0.0.1", "--port", str(port), "--drain-grace", "1"],
        env=bundle.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    stop.append(process)
    wait_healthy(port, process)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_selector('body[data-run="finished"]', timeout=30_000)
    first_page = time.monotonic() - start
    body = page.inner_text("body")
    assert "Price list" in body and EXPECTED in body and "3 items, read from prices.csv" in body, body
    assert "headless mode" in body
    print(f"\n[bundle] headless: first rendered page {first_page:.2f} s after start")
    process.send_signal(signal.SIGTERM)
    log, _ = process.communicate(timeout=15)
    assert process.returncode == 0, log
    assert "Porch is serving" in log, log  # a server logs to stderr, not to a file


def test_works_offline_in_a_network_namespace_with_loopback_only(bundle: Bundle, tmp_path: Path) -> None:
    """No download at first start, no CDN: in a namespace whose only interface is lo, the app still renders."""
    shown = serve_offline(bundle, tmp_path)
    assert EXPECTED in shown.text, shown.text
    print(f"\n[bundle] offline: first rendered page {shown.seconds:.2f} s after start")


def screen_colours(display: str, shot: Path, timeout: float = 10.0) -> int:
    """Shoot the whole screen until it shows more than a blank window (the compositor may paint a moment after the
    page's run finished); return the distinct colours of the last shot."""
    deadline = time.monotonic() + timeout
    while True:
        subprocess.run(["import", "-display", display, "-window", "root", str(shot)], check=True, timeout=20)
        colours = int(subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True, text=True,
                                     check=True, timeout=20).stdout)
        if colours > 50 or time.monotonic() > deadline:
            return colours
        time.sleep(0.2)


@pytest.mark.desktop
def test_no_arguments_opens_the_window_and_closing_it_exits_0(bundle: Bundle, display: str, artifacts: Path) -> None:
    """A double-click: no arguments and no console (stdin, stdout and stderr are not a terminal), so the bundle
    logs to its own log file; the window shows the app; SIGTERM closes the window and the process exits 0."""
    env = bundle.env(DISPLAY=display)
    for name in ("WAYLAND_DISPLAY", "QTWEBENGINE_DISABLE_SANDBOX", "PORCH_SHELL"):
        env.pop(name, None)  # the window on X11; as root the shell turns Chromium's sandbox off by itself
    log_path = Path(subprocess.run(
        [sys.executable, "-c", f"from porch.packaging.launcher import log_file; print(log_file({NAME!r}))"],
        env=env, capture_output=True, text=True, check=True).stdout.strip())
    assert log_path == bundle.home / "state" / NAME / "log" / f"{NAME}.log"
    offset = log_path.stat().st_size if log_path.exists() else 0  # earlier tests of the session log here too

    def new_log() -> str:
        if not log_path.exists():
            return ""
        with log_path.open(encoding="utf-8", errors="replace") as file:
            file.seek(offset)
            return file.read()

    start = time.monotonic()
    process = subprocess.Popen([str(bundle.executable)], env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        rendered = None
        deadline = start + 60
        while rendered is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            rendered = re.search(r"app rendered in the window ([\d.]+) s after launch", new_log())
        seen = time.monotonic() - start
        assert rendered, f"no rendered window within 60 s (exit {process.poll()}); {log_path}:\n{new_log()}"
        shot = artifacts / "bundle-window.png"
        shot.unlink(missing_ok=True)
        colours = screen_colours(display, shot)
        assert colours > 50, f"the screenshot is blank ({colours} colours): {shot}"
        assert window_icon(process.pid, display) is not None, "the window shows no icon (the bundle's own)"

        children = [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
        assert children, "Qt WebEngine runs helper processes; the bundle should have some"
        process.send_signal(signal.SIGTERM)  # what a session logout does; the shell closes the window
        signalled = time.monotonic()
        assert process.wait(10) == 0, new_log()
        close_to_exit = time.monotonic() - signalled
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    assert close_to_exit < 5.0, f"{close_to_exit:.1f} s from SIGTERM to exit"
    assert_gone(children)
    strays = [p.pid for p in psutil.process_iter(["exe"]) if str(p.info["exe"] or "").startswith(str(bundle.folder))]
    assert not strays, f"processes of the bundle still running: {strays}"
    logged = new_log()
    assert "received SIGTERM: closing the window" in logged, logged
    assert "Traceback" not in logged, logged
    print(f"\n[bundle] window: app rendered {seen:.2f} s after start (the shell's own count: {rendered.group(1)} s "
          f"after its launch), screenshot {colours} colours, SIGTERM to exit {close_to_exit:.2f} s")


def test_missing_data_file_is_named_in_the_window_and_the_log(bundle: Bundle, context: Any, stop: list[Any]) -> None:
    """With no console the bundle logs to the platformdirs log folder of its own name; the error says what to do."""
    data = bundle.folder / "_internal" / "app" / "prices.csv"
    hidden = data.with_name("prices.csv.hidden")
    data.rename(hidden)
    try:
        process = subprocess.Popen(
            [str(bundle.executable), "--browser"],
            env=bundle.env(BROWSER="true"), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        stop.append(process)
        log_file = bundle.home / "state" / NAME / "log" / f"{NAME}.log"
        deadline = time.monotonic() + 30
        match = None
        while match is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            text = log_file.read_text() if log_file.exists() else ""
            match = re.search(r"Open: (http://127\.0\.0\.1:\d+/\?token=\S+)", text)
        assert match, f"no URL in {log_file}: exit {process.poll()}"
        page = context.new_page()
        page.goto(match.group(1))
        page.wait_for_selector('body[data-run="finished"]', timeout=30_000)
        body = page.inner_text("body")
        assert "FileNotFoundError" in body and "prices.csv" in body and "--add-data prices.csv:." in body, body
        time.sleep(0.2)
        logged = log_file.read_text()
        assert "prices.csv" in logged and "--add-data" in logged, logged
    finally:
        hidden.rename(data)



@dataclass(frozen=True)
class OneFile:
    executable: Path
    size: int
    build_seconds: float
    output: str
    build_log: str  # PyInstaller's own log of the build


@pytest.fixture(scope="session")
def onefile(bundle: Bundle, package_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> OneFile:
    """The example as one file, built after the one-folder bundle with the same PyInstaller cache: the analysis is
    reused, and what is new is the compressed archive (most of the time)."""
    out = tmp_path_factory.mktemp("onefile")
    output, seconds = package_example(package_cache, out, "--onefile")
    executable = out / NAME
    (log,) = package_cache.glob(f"porch/package/{NAME}-*/pyinstaller.log")
    size = executable.stat().st_size
    build_log = log.read_text(encoding="utf-8")
    analysis = "redone (a source file changed)" if "Running Analysis" in build_log else "reused"
    print(f"\n[onefile] built in {seconds:.1f} s (analysis {analysis}), size {size / 1e6:.0f} MB")
    return OneFile(executable, size, seconds, output, build_log)


@pytest.mark.timeout(600)  # the first test to use the one-file build makes it (and the one-folder one, run alone)
def test_onefile_is_one_executable_built_on_the_cached_analysis(onefile: OneFile, bundle: Bundle) -> None:
    assert sorted(path.name for path in onefile.executable.parent.iterdir()) == [NAME, f"{NAME}.desktop",
                                                                                  f"{NAME}.svg"]
    assert onefile.executable.is_file() and os.access(onefile.executable, os.X_OK)
    assert f"run it:          {onefile.executable}" in onefile.output
    # PyInstaller compares the analysis' inputs with its cache: the plan of a one-file build is the same, so it may
    # redo the analysis only for a source file changed meanwhile (other work in the same tree), never for the plan.
    analysis = onefile.build_log.split("checking PYZ")[0]
    assert "checking Analysis" in analysis
    redone = [line.split("Building because ")[1] for line in analysis.splitlines() if "Building because " in line]
    assert all(reason.endswith(".py changed") for reason in redone), redone
    assert onefile.size < bundle.size  # compressed


def test_onefile_serves_the_app_then_leaves_no_process_and_no_unpacked_folder(
    onefile: OneFile, bundle: Bundle, context: Any, stop: list[Any], tmp_path: Path
) -> None:
    """The one file is PyInstaller's bootloader: it unpacks the bundle into ``$TMPDIR/_MEIxxxxxx``, runs the app as
    its one child process, forwards SIGTERM to it, and removes the folder once the child has exited."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    start = time.monotonic()
    process = subprocess.Popen(
        [str(onefile.executable), "--headless", "--host", "127.0.0.1", "--port", str(port), "--drain-grace", "1"],
        env=bundle.env(TMPDIR=str(temp)), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    stop.append(process)
    wait_healthy(port, process, timeout=60)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_selector('body[data-run="finished"]', timeout=30_000)
    first_page = time.monotonic() - start
    body = page.inner_text("body")
    assert "Price list" in body and EXPECTED in body and "3 items, read from prices.csv" in body, body

    unpacked = [path.name for path in temp.iterdir()]
    assert len(unpacked) == 1 and unpacked[0].startswith("_MEI"), unpacked
    children = psutil.Process(process.pid).children(recursive=True)
    assert len(children) == 1, children  # the bootloader and the app, nothing else
    assert Path(children[0].cwd()) == temp / unpacked[0] / "app"  # the app runs in the unpacked bundle

    process.send_signal(signal.SIGTERM)
    log, _ = process.communicate(timeout=15)
    assert process.returncode == 0, log
    assert "Porch is serving" in log and "received SIGTERM" in log, log  # the app's own stderr, passed through
    assert_gone([child.pid for child in children], timeout=5)
    assert not list(temp.iterdir()), "the unpacked bundle was left in TMPDIR"
    print(f"\n[onefile] headless: first rendered page {first_page:.2f} s after start")
