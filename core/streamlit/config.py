"""``streamlit.config``: the module older apps set options through (``from streamlit import config``, then
``config.set_option("client.showErrorDetails", False)``), on Porch's options (:mod:`porch.api.options`).

Streamlit's ``config.set_option`` is its internal setter, which takes any option; a launch setting set that way while
the app runs changes little in Streamlit and nothing here: it is ignored, said once in the log with where it is set,
rather than ending the run as ``st.set_option`` does.
"""

from __future__ import annotations

import logging
from typing import Any

from ..api.options import DEFAULTS, LAUNCH_SETTINGS, SCRIPTABLE, get_option
from ..api.options import set_option as _set_scriptable

__all__ = ["get_option", "set_option"]

log = logging.getLogger("porch.options")

#: The launch settings a script has tried to set through this module (each warned about once).
_IGNORED: set[str] = set()


def set_option(key: str, value: Any, where_defined: str = "<user defined>") -> None:
    """Set ``key`` as ``st.set_option`` does; a launch setting (``server.port``, ``theme.primaryColor``...) cannot
    change while the app runs and is ignored with a warning. ``where_defined`` is accepted, as Streamlit's."""
    if isinstance(key, str) and key in DEFAULTS and key not in SCRIPTABLE:
        if key not in _IGNORED:
            _IGNORED.add(key)
            how = LAUNCH_SETTINGS.get(key)
            where = f"start the app with {how}" if how else "set it in .streamlit/config.toml"
            log.warning("streamlit.config.set_option(%r): a launch setting, ignored while the app runs: %s", key, where)
        return
    _set_scriptable(key, value)
