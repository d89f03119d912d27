"""What the runtime asks of the script API, handed to it as a :class:`porch.interfaces.ScriptHooks` so that the
runner never imports the element layer. This module is imported by the engine at start; it loads the API itself
only when a run first needs it, so importing it costs nothing."""

from __future__ import annotations

from types import CodeType
from typing import Any

from ..run import Run


class ApiHooks:
    """The script API's answers to the runtime: magic's writer, where an exception that ended a run is shown, and
    how the script runs (a ``pages/`` folder beside it makes it a multipage app: ``api/navigation.py``)."""

    def magic(self, value: Any, callee_root: Any = None) -> Any:
        """Called for every bare expression of every run: it binds the API's writer to itself on first use, so later
        calls skip the import statement."""
        from .write import magic_write

        self.magic = magic_write  # type: ignore[method-assign]
        return magic_write(value, callee_root)

    def show_exception(self, run: Run, exc: BaseException) -> None:
        from .write import show_exception

        show_exception(run, exc)

    def run_script(self, run: Run, code: CodeType, namespace: dict[str, Any]) -> None:
        from ..elements._matplotlib import prefer_agg
        from .navigation import run_script

        prefer_agg()  # Matplotlib, if the script imports it, draws off screen (elements/_matplotlib.py)
        run_script(run, code, namespace)


script_hooks = ApiHooks()
