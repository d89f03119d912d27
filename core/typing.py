"""``porch.typing`` (``streamlit.typing`` under ``porch run``): the types of what Porch's commands return or keep in
``session_state``, for annotating app code, as Streamlit 1.67's ``streamlit/typing.py`` lists them::

    from porch.typing import UploadedFile

    def parse_upload(file: UploadedFile) -> dict[str, str]: ...

Each is the class of the object the command returns, so ``isinstance`` holds: ``dataframe(..., on_select="rerun")``
returns a ``DataframeState``, ``session_state[key]`` of a ``data_editor`` holds a ``DataEditorState``, a
``ButtonColumn``'s click is a ``ButtonColumnClickState``. Scripts get them from commands; they do not make them.
"""

from __future__ import annotations

from .elements._button_column import ButtonColumnClickState
from .elements.chat_input import ChatInputValue
from .elements.data_editor import DataEditorState
from .elements.dataframe import DataframeState
from .elements.deck_gl_chart import PydeckState
from .elements.echarts_chart import EChartsState
from .elements.plotly_chart import PlotlyState
from .elements.vega_lite_chart import VegaLiteState
from .upload_store import UploadedFile

__all__ = [
    "ButtonColumnClickState",
    "ChatInputValue",
    "DataEditorState",
    "DataframeState",
    "EChartsState",
    "PlotlyState",
    "PydeckState",
    "UploadedFile",
    "VegaLiteState",
]
