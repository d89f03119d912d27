"""With no display or no GUI backend, ``porch run`` says why and how to fix it in one line, never a Qt abort."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from porch.shell import doctor
from shell_harness import APPS, clean_env


def run_porch(tmp_path: Path, *args: str, unset: tuple[str, ...] = (), **env: str) -> subprocess.CompletedProcess[str]:
    environ = clean_env(tmp_path, **env)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", *unset):
        if name not in env:
            environ.pop(name, None)
    return subprocess.run([sys.executable, "-m", "porch.shell.cli", *args], capture_output=True, text=True,
                          env=environ, timeout=60)


def test_no_display_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_porch(tmp_path, "run", str(APPS / "shell_app.py"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "porch: cannot open a desktop window: no display (DISPLAY and WAYLAND_DISPLAY are unset): run it in a "
        "desktop session or set DISPLAY, or use --headless or --browser"
    ]
    assert result.stdout == ""


def test_a_display_with_no_x_server_is_caught_before_qt(tmp_path: Path) -> None:
    result = run_porch(tmp_path, "hello", DISPLAY=":987")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "porch: cannot open a desktop window: no display: DISPLAY=:987 but no X server is listening "
        "(/tmp/.X11-unix/X987 does not exist), or use --headless or --browser"
    ]


def test_a_missing_gui_backend_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor, "_importable", lambda name: name != "webview")
    problem = doctor.desktop_problem({"DISPLAY": ":0"})
    assert problem == ("the desktop extra is not installed (no module 'webview'): pip install 'porch[desktop]', "
                       "or use --headless or --browser")


def test_missing_qt_libraries_name_the_packages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(doctor, "missing_libraries", lambda: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    monkeypatch.setattr(doctor, "_display_problem", lambda env: None)
    problem = doctor.desktop_problem({"DISPLAY": ":0"})
    assert problem is not None and "apt-get install libxcb-icccm4 libxcb-keysyms1" in problem


def test_this_machine_has_the_qt_libraries() -> None:
    assert doctor.missing_libraries() == []


def test_doctor_lists_each_shell(tmp_path: Path) -> None:
    result = run_porch(tmp_path, "doctor")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("porch ")
    assert lines[1].startswith("  desktop   no   no display")
    assert lines[2].startswith("  headless  yes")
    assert lines[3].startswith("  browser   ")


def test_doctor_says_desktop_can_run_with_a_display(tmp_path: Path) -> None:
    result = run_porch(tmp_path, "doctor", QT_QPA_PLATFORM="offscreen")
    assert "  desktop   yes  pywebview window (PySide6)" in result.stdout.splitlines()


def test_headless_needs_no_display_and_checks_its_port(tmp_path: Path) -> None:
    result = run_porch(tmp_path, "run", str(APPS / "shell_app.py"), "--headless", "--port", "70000")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["porch: port 70000 is not a TCP port; use 1 to 65535, or 0 for any free port"]
