"""``streamlit.testing.v1.app_test``: the ``AppTest`` of ``streamlit.testing.v1`` (Porch's; see ``porch.testing``)."""

from . import AppTest

__all__ = ["AppTest"]
