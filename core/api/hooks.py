"""What the runtime asks of the script API, handed to it as a :class:`porch.interfaces.ScriptHooks` so that the
runner never imports the element layer. This module is imported by the engine at start; it loads the API itself
only when a run first needs it, so importing it costs nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import CodeType
from typing import Any

from ..errors import RunControl
from ..run import Run

log = logging.getLogger("porch.api.hooks")


class ApiHooks:
    """The script API's answers to the runtime: magic's writer, where an exception that ended a run is shown, and
    how the script runs (a ``pages/`` folder beside it makes it a multipage app: ``api/navigation.py``).

    ``on_script_error`` is a ``porch.App``'s (Streamlit 1.67's ``st.App(on_script_error=...)``): called with the
    exception, in the run (so ``st.error`` in it shows where the error would be), before Porch shows it; True keeps
    it from being shown. A handler that raises is logged and the exception shown as usual, as in Streamlit."""

    def __init__(self, on_script_error: Callable[[Exception], bool | None] | None = None) -> None:
        self.on_script_error = on_script_error

    def handled(self, exc: BaseException) -> bool:
        """Whether the App's ``on_script_error`` took ``exc`` (returned True). Worker thread, in the run."""
        handler = self.on_script_error
        if handler is None or not isinstance(exc, Exception):
            return False
        try:
            return handler(exc) is True
        except RunControl:
            log.warning("on_script_error handler raised a control-flow exception (st.stop/st.rerun); falling back "
                        "to the default error display")
        except Exception:
            log.exception("on_script_error handler raised an exception")
        return False

    def magic(self, *values: Any) -> Any:
        """Called for every bare expression of every run: it binds the API's writer to itself on first use, so later
        calls skip the import statement."""
        from .write import magic_write

        self.magic = magic_write  # type: ignore[method-assign]
        return magic_write(*values)

    def show_exception(self, run: Run, exc: BaseException) -> None:
        from .write import show_exception

        if not self.handled(exc):
            show_exception(run, exc)

    def clear_caches(self) -> None:
        """The app menu's Clear cache, as Streamlit's: every ``cache_data`` and ``cache_resource`` of the app."""
        from .cache import cache_data, cache_resource

        cache_data.clear()
        cache_resource.clear()

    def run_script(self, run: Run, code: CodeType, namespace: dict[str, Any]) -> None:
        from ..elements._matplotlib import prefer_agg
        from .navigation import run_script

        prefer_agg()  # Matplotlib, if the script imports it, draws off screen (elements/_matplotlib.py)
        run_script(run, code, namespace)


script_hooks = ApiHooks()


def handled_by_app(run: Run, exc: BaseException) -> bool:
    """Whether the App's ``on_script_error`` took ``exc`` (an error shown elsewhere than at the run's end: a
    fragment's)."""
    hooks = run.session.hooks
    return isinstance(hooks, ApiHooks) and hooks.handled(exc)
