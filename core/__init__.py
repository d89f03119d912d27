"""Porch: turn a Python script into an app that runs on a desktop, on a network, or both.

Write the app as a plain script against this module (``import porch as st``) and run it with ``porch run app.py``.
Every element function here writes into the main area, or into the innermost ``with`` container; the same functions
exist as methods of ``sidebar`` and of every container (``col.button(...)``).

``import porch`` stays light: the engine (tornado) is imported by the shells, the element layer on first use.
"""

from __future__ import annotations

from pathlib import Path as _Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import DuplicateWidgetError, PorchAPIError
from .runtime_view import runtime

if TYPE_CHECKING:
    from .api.public import *  # noqa: F403
    from .api.public import Container, UploadedFile, rerun, session_state, set_page_config, sidebar, stop

# packaging/ has no __init__.py so that it can never shadow the `packaging` distribution when the repo root is on
# sys.path; porch.packaging is therefore a namespace portion. A wheel carries it inside porch/; in the source tree
# (an editable install) it lies beside core/, where the import system finds it through the folder added here.
if _Path(__file__).parent.name == "core" and (_Path(__file__).parents[1] / "packaging" / "hooks").is_dir():
    __path__.append(str(_Path(__file__).parents[1]))

__all__ = [
    "Container", "DuplicateWidgetError", "PorchAPIError", "__version__", "audio", "badge", "button", "caption", "checkbox",
    "code", "columns", "container", "divider", "download_button", "empty", "error", "exception", "expander",
    "file_uploader", "form", "form_submit_button", "header", "image", "info", "json", "markdown", "multiselect",
    "number_input", "progress", "radio", "rerun", "runtime", "select_slider", "selectbox", "session_state",
    "set_page_config", "sidebar", "slider", "spinner", "stop", "subheader", "success", "tabs", "text", "text_area",
    "text_input", "title", "toggle", "UploadedFile", "video", "warning", "write",
]


def __getattr__(name: str) -> Any:
    """Load the script API on first use (PEP 562); after that it is an ordinary module attribute."""
    if name in __all__:
        from .api import public

        value = getattr(public, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'porch' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
