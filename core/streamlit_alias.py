"""``import streamlit`` gives Porch's implementation (``porch.streamlit``) in the processes Porch runs scripts in.

The engine (every shell, and so bundles) and ``porch.testing.AppTest`` call :func:`install`: a finder first on
``sys.meta_path`` answers ``streamlit`` and every ``streamlit.<sub>`` with the module of the same name under
``porch.streamlit``, so a script moves over with no edit. A name Porch does not have fails with a clear message instead
of falling through to a real Streamlit that may also be installed: the two never mix in one process. Under
``streamlit run`` nothing of this is installed and the real Streamlit runs the script.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

log = logging.getLogger("porch.streamlit")
ALIASED = "streamlit"
TARGET = "porch.streamlit"


class StreamlitAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers ``streamlit[.x.y]`` with ``porch.streamlit[.x.y]`` (the same module object under both names)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != ALIASED and not fullname.startswith(ALIASED + "."):
            return None
        real = TARGET + fullname[len(ALIASED):]
        if importlib.util.find_spec(real) is None:
            raise ModuleNotFoundError(
                f"No module named {fullname!r} in Porch's streamlit (the app runs on Porch; see docs/compat.md for "
                "what Porch provides)",
                name=fullname,
            )
        return importlib.util.spec_from_loader(fullname, self, origin=real)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(TARGET + spec.name[len(ALIASED):])

    def exec_module(self, module: ModuleType) -> None:
        """The module was executed when it was imported under its own name."""


_FINDER = StreamlitAlias()


def install() -> None:
    """Make ``import streamlit`` give Porch's, in this process. Idempotent."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    stale = [name for name in sys.modules if name == ALIASED or name.startswith(ALIASED + ".")]
    foreign = [name for name in stale if not getattr(sys.modules[name], "__name__", "").startswith(TARGET)]
    if foreign:
        log.warning("the real Streamlit was imported before Porch took over `streamlit`; Porch's is used from now on")
        for name in foreign:
            del sys.modules[name]


def uninstall() -> None:
    """Undo :func:`install` (for tests that need the real import system back)."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
    for name in [n for n in sys.modules if n == ALIASED or n.startswith(ALIASED + ".")]:
        del sys.modules[name]
