"""Porch: turn a Python script into an app that runs on a desktop, on a network, or both.

Write the app as a plain script against this module (``import porch as st``) and run it with ``porch run app.py``.
Every element function here writes into the main area, or into the innermost ``with`` container; the same functions
exist as methods of ``sidebar`` and of every container (``col.button(...)``).

``import porch`` stays light: the engine (tornado) is imported by the shells, the element layer on first use.
"""

from __future__ import annotations

from pathlib import Path as _Path
from types import ModuleType as _ModuleType
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__
from .errors import DuplicateWidgetError as DuplicateWidgetError, PorchAPIError as PorchAPIError
from .runtime_view import runtime as runtime

# ``porch.context`` is st.context, not the module core/context.py (the run a call belongs to), which importing
# runtime_view just bound to this name: Porch's modules import that one by its full name (``from .context import
# current_run``), which the import system answers from sys.modules, never through this attribute.
from .api.context import context as context  # noqa: E402  (light: the runtime context and ipaddress only)

if TYPE_CHECKING:
    from .api.public import *  # noqa: F403
    from .api.public import Container, UploadedFile, rerun, session_state, set_page_config, sidebar, stop

# packaging/ has no __init__.py so that it can never shadow the `packaging` distribution when the repo root is on
# sys.path; porch.packaging is therefore a namespace portion. A wheel carries it inside porch/; in the source tree
# (an editable install) it lies beside core/, where the import system finds it through the folder added here.
if _Path(__file__).parent.name == "core" and (_Path(__file__).parents[1] / "packaging" / "hooks").is_dir():
    __path__.append(str(_Path(__file__).parents[1]))

#: Names that exist without loading the script API; the rest of ``__all__`` is the API's (``api/public.py``).
_EAGER = ("DuplicateWidgetError", "PorchAPIError", "__version__", "context", "runtime")
#: Modules of the API that are public names too (``porch.column_config.NumberColumn``, as Streamlit's).
_API_MODULES = ("column_config",)


def __getattr__(name: str) -> Any:
    """Load the script API on first use (PEP 562); after that it is an ordinary module attribute. ``__all__`` is
    derived from the API, so a new element is listed once, in ``api/public.py``."""
    if (name.startswith("_") and name != "__all__") or _is_submodule(name):
        # A submodule not imported yet (``from porch import markdown_html``): the import system imports it next.
        raise AttributeError(f"module 'porch' has no attribute {name!r}")
    from .api import public

    if name == "__all__":
        # dir(): its own names and the element functions it has not read yet (public.__dir__).
        api = (
            n for n in dir(public)
            if not n.startswith("_") and (not isinstance(vars(public).get(n), _ModuleType) or n in _API_MODULES)
        )
        value: Any = sorted({*_EAGER, *api})
    else:
        try:
            value = getattr(public, name)
        except AttributeError:
            raise AttributeError(f"module 'porch' has no attribute {name!r}") from None
    globals()[name] = value
    return value


def _is_submodule(name: str) -> bool:
    """Whether ``porch.<name>`` is a module: asked of the import system, which also knows a bundle's archive (where
    no ``.py`` file lies on disk)."""
    from importlib.util import find_spec

    try:
        return find_spec(f"{__name__}.{name}") is not None
    except (ImportError, ValueError):
        return False


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__getattr__("__all__")))
