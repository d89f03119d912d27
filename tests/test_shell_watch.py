"""Run on save: editing the script or a local module it imports reruns the open sessions, in every shell."""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from porch.shell.watch import ScriptWatcher, forget_local_modules, local_module_files
from shell_harness import Porch, clean_env, copy_app


def touch_later(path: Path, text: str) -> None:
    """Rewrite ``path`` with a modification time surely different from the one the watcher saw."""
    stamp = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))


def test_local_modules_are_the_apps_own_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = str(tmp_path) + os.sep
    for name, path in [("mine", tmp_path / "mine.py"), ("vendored", tmp_path / ".venv" / "lib" / "x.py"),
                       ("elsewhere", Path("/usr/lib/python3/elsewhere.py"))]:
        module = types.ModuleType(name)
        module.__file__ = str(path)
        monkeypatch.setitem(sys.modules, name, module)
    assert local_module_files(folder) == [str(tmp_path / "mine.py")]
    assert forget_local_modules(folder) == ["mine"]
    assert "mine" not in sys.modules and "vendored" in sys.modules and "porch" in sys.modules


def test_the_watcher_sees_the_script_and_its_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "app.py"
    script.write_text("x = 1\n")
    helper = tmp_path / "helper_mod.py"
    helper.write_text("y = 1\n")
    module = types.ModuleType("helper_mod")
    module.__file__ = str(helper)
    monkeypatch.setitem(sys.modules, "helper_mod", module)
    calls: list[int] = []
    watcher = ScriptWatcher(str(script), lambda: calls.append(1))
    watcher._scanned_at, watcher._stamps = time.time_ns(), watcher._scan()
    assert not watcher.check()
    touch_later(helper, "y = 2\n")
    assert watcher.check() and calls == [1] and "helper_mod" not in sys.modules
    touch_later(script, "x = 2\n")
    assert watcher.check() and calls == [1, 1]


@pytest.mark.browser
def test_saving_reruns_the_open_page_headless(tmp_path: Path, context: Any) -> None:
    app = copy_app(tmp_path)
    with Porch("run", str(app), "--headless", "--host", "127.0.0.1", "--port", "0", env=clean_env(tmp_path)) as porch:
        page = context.new_page()
        page.goto(porch.local_url())
        page.get_by_role("heading", name="Shell test").wait_for()
        touch_later(app.parent / "shell_app_helper.py", 'GREETING = "Edited module"\n')
        page.get_by_role("heading", name="Edited module").wait_for(timeout=10_000)
        touch_later(app, app.read_text().replace('st.text(f"clicks=', 'st.text(f"edited clicks='))
        page.get_by_text("edited clicks=0").wait_for(timeout=10_000)
        assert "rerunning open sessions" in porch.log()


@pytest.mark.browser
def test_no_run_on_save_leaves_the_page_alone(tmp_path: Path, context: Any) -> None:
    app = copy_app(tmp_path)
    with Porch("run", str(app), "--headless", "--host", "127.0.0.1", "--port", "0", "--no-run-on-save",
               env=clean_env(tmp_path)) as porch:
        page = context.new_page()
        page.goto(porch.local_url())
        page.get_by_role("heading", name="Shell test").wait_for()
        touch_later(app.parent / "shell_app_helper.py", 'GREETING = "Edited module"\n')
        time.sleep(1.5)
        expect(page.get_by_role("heading", name="Shell test")).to_be_visible()