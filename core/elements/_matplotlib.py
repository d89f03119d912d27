"""Matplotlib draws off screen in Porch: its Agg backend, unless the user chose a backend.

A script runs on a worker thread of a server, where a GUI backend (macOS's, Tk, Qt) opens windows nobody sees or
fails outright ("Starting a Matplotlib GUI outside of the main thread will likely fail"). Streamlit imports Matplotlib
at start and calls ``matplotlib.use("Agg")``, whatever the user configured. Porch never imports Matplotlib itself:
:func:`prefer_agg`, called before each run, settles the backend the moment Matplotlib is imported (or at once, if it
already is). Only a backend nobody chose is settled: one set by the ``MPLBACKEND`` variable or a ``matplotlibrc``
is kept, and a script's own ``matplotlib.use(...)`` comes after and wins.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

_lock = threading.Lock()


def prefer_agg() -> None:
    """Have Matplotlib draw with Agg unless a backend was chosen: now if it is imported, else when it is."""
    module = sys.modules.get("matplotlib")
    if module is not None:
        settle(module)
        return
    with _lock:
        if not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
            sys.meta_path.insert(0, _WhenImported())


def settle(matplotlib: Any) -> None:
    """Agg for a Matplotlib whose backend is still "the first that works" (no rc file, variable or call chose one,
    and pyplot has not picked one)."""
    try:
        params = matplotlib.rcParams
        unchosen = dict.__getitem__(params, "backend") is matplotlib.rcsetup._auto_backend_sentinel
    except (AttributeError, KeyError, TypeError):  # a Matplotlib too old or too new to tell: leave it alone
        return
    if unchosen:
        params["backend"] = "agg"


class _WhenImported(importlib.abc.MetaPathFinder):
    """Finds nothing itself: for ``matplotlib`` it hands back the real spec, with a loader that settles the backend
    once the package has run (and then puts the real loader back)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "matplotlib":
            return None
        with _lock:
            if self in sys.meta_path:
                sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _SettleAfter(spec.loader)
        return spec


class _SettleAfter(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        module.__loader__ = self.loader
        self.loader.exec_module(module)
        settle(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)
