"""What the runtime asks of the script API, handed to it as a :class:`porch.interfaces.ScriptHooks` so that the
runner never imports the element layer. This module is imported by the engine at start; it loads the API itself
only when a run first needs it, so importing it costs nothing."""

from __future__ import annotations

from typing import Any

from ..run import Run


class ApiHooks:
    """The script API's answers to the runtime: magic's writer, and where an exception that ended a run is shown."""

    def magic(self, value: Any, callee_root: Any = None) -> Any:
        from .write import magic_write

        return magic_write(value, callee_root)

    def show_exception(self, run: Run, exc: BaseException) -> None:
        from .write import show_exception

        show_exception(run, exc)


script_hooks = ApiHooks()
