"""``streamlit``, as a script run by Porch sees it.

Inside ``porch run``, ``porch.testing.AppTest`` and bundles, ``import streamlit as st`` gives this package (see
:mod:`porch.streamlit_alias`): Porch's whole script API, plus the submodules Streamlit apps import
(``streamlit.components.v1``, ``streamlit.config``, ``streamlit.connections``, ``streamlit.errors``,
``streamlit.runtime``, ``streamlit.runtime.scriptrunner``, ``streamlit.testing.v1``, ``streamlit.delta_generator``,
``streamlit.typing``). Under ``streamlit run`` the real Streamlit runs the same script: nothing here is installed as a
distribution called ``streamlit``.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..api.public import *  # noqa: F403  (the script API: st.title, st.slider, st.session_state...)
from ..api.public import Container as DeltaGenerator  # noqa: F401  (the type hints of Streamlit apps)
from ..api import public as _public
from ._missing import missing_name_message as _missing_name_message

#: Submodules loaded on first attribute access, as ``st.components.v1.html(...)`` after a bare ``import streamlit``.
_SUBMODULES = ("components", "config", "connections", "errors", "runtime", "testing", "delta_generator", "typing")


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if not name.startswith("_"):
        # An element function: the star import above takes only what the API has read already; each one is read
        # (and its module imported) on first use, as for ``porch.<name>``.
        try:
            value = getattr(_public, name)
        except AttributeError:
            pass
        else:
            globals()[name] = value
            return value
    known = () if name.startswith("_") else (*dir(_public), *_SUBMODULES)
    raise AttributeError(_missing_name_message(name, known))
