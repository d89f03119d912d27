"""Launchers: a module that makes a ``porch.App`` (Streamlit 1.67's ``st.App``) around an app script.

``porch run launcher.py`` must tell a launcher from an app script without running either: an app script runs only in
sessions, never at launch. So the file is read first (:func:`app_variable`, as Streamlit's ``streamlit run`` reads
it): a module-level assignment ``X = <name>.App(...)`` or ``X = App(...)`` whose ``App`` its imports say is
Streamlit's or Porch's makes it a launcher. Only then is it imported, as a module (``__name__`` is not
``"__main__"``, so its ``app.run()`` under the main guard does not start a second server), with ``import streamlit``
giving Porch's; its App is served in the shell the settings name, the settings read from the launcher's folder.

``python launcher.py`` reaches :func:`run_direct` through ``app.run(config=...)``: Streamlit's option names, mapped
as ``.streamlit/config.toml``'s are, and the headless shell unless the settings name another.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import porch.app as app_module
from porch.app import App

from . import settings as launch_settings
from . import streamlit_config
from .errors import LaunchError

#: What ``App`` must resolve to, through the launcher's imports, for an assignment to make a launcher.
APP_CLASSES = frozenset({
    "streamlit.App",
    "streamlit.starlette.App",
    "streamlit.web.server.starlette.App",
    "streamlit.web.server.starlette.starlette_app.App",
    "porch.App",
    "porch.app.App",
    "porch.streamlit.App",
})
#: The names looked at first when a launcher makes more than one App (Streamlit's preference).
PREFERRED = ("app", "streamlit_app")


@dataclass(frozen=True)
class Launcher:
    path: Path
    app: App

    @property
    def folder(self) -> Path:
        return self.path.parent


def app_variable(source: str) -> str | None:
    """The name a module-level statement of ``source`` binds to an App, or None: not a launcher (or not Python)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    imports = _imports(tree)
    found = [name for name, call in _module_assignments(tree.body) if _resolves_to_app(call, imports)]
    for name in PREFERRED:
        if name in found:
            return name
    return found[0] if found else None


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local names -> the dotted names they were imported as (``import streamlit as st``: st -> streamlit)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    names[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _module_assignments(body: list[ast.stmt]) -> Iterator[tuple[str, ast.Call]]:
    """``name = call(...)`` statements run when the module is imported: at its top level and inside top-level
    ``if``/``try``/``with`` blocks, not in functions or classes, nor under ``if __name__ == "__main__":``."""
    for node in body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Call) and isinstance(node.target, ast.Name):
            yield node.target.id, node.value
        elif isinstance(node, ast.If):
            if not _is_main_guard(node.test):
                yield from _module_assignments(node.body)
            yield from _module_assignments(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(handler.body for handler in node.handlers)):
                yield from _module_assignments(block)
        elif isinstance(node, ast.With):
            yield from _module_assignments(node.body)


def _is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
    )


def _resolves_to_app(call: ast.Call, imports: Mapping[str, str]) -> bool:
    parts: list[str] = []
    func: ast.expr = call.func
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name):
        return False
    parts.append(func.id)
    first, *rest = reversed(parts)
    dotted = ".".join([imports.get(first, first), *rest])
    return dotted in APP_CLASSES


def load(path: str | os.PathLike[str]) -> Launcher | None:
    """The launcher at ``path``, imported, with its App; None when the file makes no App (an app script, which is
    not run here)."""
    file = Path(path).resolve()
    try:
        source = file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # load_script says what is wrong with the file
    name = app_variable(source)
    if name is None:
        return None
    from porch import streamlit_alias

    streamlit_alias.install()  # ``import streamlit as st`` in the launcher gives Porch's, whose App is porch.App
    folder = str(file.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)  # the launcher imports modules beside it, as ``streamlit run`` lets it
    module_name = file.stem if file.stem.isidentifier() and file.stem not in sys.modules else "_porch_launcher"
    spec = importlib.util.spec_from_file_location(module_name, file)
    if spec is None or spec.loader is None:
        raise LaunchError(f"cannot import the launcher {str(file)!r}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        if _raised_by_app_checks(exc):  # a reserved route, secrets of the wrong type: the message says it all
            raise LaunchError(f"the launcher {file.name} failed: {exc}") from None
        traceback.print_exc()
        raise LaunchError(f"the launcher {file.name} raised {type(exc).__name__}: {exc}") from None
    app = getattr(module, name, None)
    if not isinstance(app, App):
        raise LaunchError(f"{file.name}: {name} is a {type(app).__name__}, not a porch.App (st.App): Porch serves "
                          "Streamlit and Porch apps, not other ASGI applications")
    return Launcher(file, app)


def _raised_by_app_checks(exc: BaseException) -> bool:
    """Whether ``exc`` is a refusal of ``App``'s own checks (raised in porch/app.py itself)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code.co_filename == app_module.__file__


def run_direct(app: App, config: Mapping[str, Any] | None) -> int:
    """``app.run(config=...)``: serve ``app`` from this process, headless unless the settings say otherwise; the exit
    status. The launcher is the program Python runs (``sys.argv[0]``): its folder anchors a relative script path and
    holds the settings, as with ``porch run launcher.py``."""
    from . import cli

    if config is not None and not isinstance(config, Mapping):
        raise TypeError(f"config must be a mapping of Streamlit option names, not {type(config).__name__}")
    argv0 = sys.argv[0] if sys.argv else ""
    launcher = Path(argv0).resolve() if argv0 and argv0 not in ("-c", "-") and os.path.isfile(argv0) else None
    try:
        given, ignored = streamlit_config.convert(sorted((config or {}).items()), "App.run(config=...)")
        for name in ignored:
            print(f"porch: App.run(config=...): {name} has no meaning in Porch; only st.get_option reads it",
                  file=sys.stderr)
        return cli.run_app("", given, launcher=Launcher(launcher or Path.cwd() / "launcher.py", app),
                           default_shell="headless")
    except LaunchError as exc:
        print(f"porch: {exc}", file=sys.stderr)
        return exc.exit_code


def with_default_shell(settings: launch_settings.Settings, shell: str, source: str) -> launch_settings.Settings:
    """``settings`` with ``shell`` when no layer chose one."""
    if settings.source("shell") != "default":
        return settings
    return replace(settings, shell=shell, sources={**settings.sources, "shell": source})
