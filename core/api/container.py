"""The container class scripts write through, and the two roots: the main area and the sidebar."""

from __future__ import annotations

from ..protocol import ROOT_MAIN, ROOT_SIDEBAR, ROOTS
from .inputs import WidgetElements
from .layout import LayoutElements
from .media import MediaElements
from .text import TextElements
from .upload import UploadElements


class Container(TextElements, MediaElements, WidgetElements, UploadElements, LayoutElements):
    """Every element function as a method: ``porch.sidebar.slider(...)``, ``col.button(...)``, ``with tab: ...``."""


#: Where module-level calls such as ``porch.title(...)`` write: the innermost ``with`` block, else the main area.
main = Container(path=(ROOT_MAIN,), place=ROOTS[ROOT_MAIN], follows_with=True)
sidebar = Container(path=(ROOT_SIDEBAR,), place=ROOTS[ROOT_SIDEBAR])
