"""A pytest plugin (registered through the ``pytest11`` entry point): a test suite written for Streamlit's AppTest
runs on Porch unchanged.

``from streamlit.testing.v1 import AppTest`` in a test file then gives Porch's AppTest, and the scripts it runs get
Porch's ``streamlit``. It takes over only when the real Streamlit is not installed, so a project that has both keeps
testing on Streamlit; ``streamlit_on_porch = true`` in the pytest configuration (or ``-o streamlit_on_porch=true``)
makes it take over anyway.
"""

from __future__ import annotations

import importlib.util
from typing import Any


def pytest_addoption(parser: Any) -> None:
    parser.addini(
        "streamlit_on_porch",
        "run `import streamlit` on Porch even where the real Streamlit is installed",
        type="bool",
        default=False,
    )


def pytest_configure(config: Any) -> None:
    if config.getini("streamlit_on_porch") or importlib.util.find_spec("streamlit") is None:
        from .. import streamlit_alias

        streamlit_alias.install()
