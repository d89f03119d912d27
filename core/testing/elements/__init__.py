"""What AppTest hands a test: the elements a client shows, readable, and widgets that can be acted on.

The classes and their names are those of Streamlit's ``streamlit.testing.v1.element_tree`` (``Markdown``, ``Title``,
``Button``, ``Selectbox``, ``Column``, ``Tab``...), with the same properties and actions, so that a test written for
Streamlit's AppTest reads the same values here: a text element's ``value`` is the source the script gave (markdown
as written), a widget's is what the script gets. Every element also answers, as Streamlit's do, for the properties it
was shown with (``at.button[0].icon``, ``at.slider[0].step``): those are its wire props (docs/protocol.md). Porch's
own additions keep Porch's names: ``kind`` and ``props`` (the wire element), ``rendered_text`` (a text element as a
reader sees it), ``id`` (a widget's wire id, for ``AppTest.send``). Porch's AppTest also does a few things
Streamlit's refuses, and says so where it does: a link button with ``on_click`` is clicked as a button
(``clicked``), a data editor takes ``set_value(edit_state)``.

The classes live in modules by what they are (each module's docstring says which): ``base`` (:class:`Element`,
:class:`Widget`, :class:`AppTestError`), ``lists`` (the lists and :data:`SELECTORS`), ``text``, ``status``, ``data``,
``data_editor``, ``media``, ``navigation``, the widgets in ``buttons``, ``choices``, ``inputs`` and ``uploads``,
``blocks``, and ``tables`` (the class of each wire kind). This package re-exports them all: import them from here.
"""

from __future__ import annotations

from .base import W, AppTestError, Element, SourceText, Widget, node_type, plain
from .blocks import D, Block, ChatMessage, Column, Dialog, Expander, Grid, Popover, Status, Tab
from .buttons import B, MB, Button, DownloadButton, LinkButton, MenuButton, Pagination
from .choices import (
    MS,
    ButtonGroup,
    Checkbox,
    Choice,
    ColorPicker,
    Feedback,
    Multiselect,
    Radio,
    SelectSlider,
    Selectbox,
    Toggle,
)
from .data import DataFrameElement, DeckGlChart, Json, Metric, PlotlyChart, VegaLiteChart
from .data_editor import DataEditor
from .inputs import (
    CI, N, ChatInput, Component, DateInput, DateTimeInput, NumberInput, Slider, TextArea, TextInput, TimeInput,
)
from .lists import E, SELECTORS, BlockList, ElementList, WidgetList
from .media import Image, Media, Pdf, ServedElement
from .navigation import Navigation, PageLink
from .status import (
    Alert,
    AlertBase,
    Celebration,
    Error,
    ExceptionElement,
    Info,
    Progress,
    Skeleton,
    Success,
    Toast,
    Warning,
)
from .tables import BLOCK_CLASSES, ELEMENT_CLASSES, TYPE_CLASSES, WIDGET_CLASSES
from .text import (
    Badge,
    Caption,
    Code,
    Divider,
    Header,
    Heading,
    HeadingBase,
    Help,
    Html,
    Latex,
    Markdown,
    Space,
    Subheader,
    Text,
    Title,
)
from .uploads import C, FU, AudioInput, CameraInput, Capture, FileUploader

__all__ = [
    "Alert", "AlertBase", "AppTestError", "AudioInput", "B", "BLOCK_CLASSES", "Badge", "Block", "BlockList", "Button",
    "ButtonGroup", "C", "CI", "CameraInput", "Caption", "Capture", "Celebration", "ChatInput", "ChatMessage",
    "Checkbox", "Choice", "Code", "ColorPicker", "Column", "Component", "D", "DataEditor", "DataFrameElement",
    "DateInput", "DateTimeInput", "DeckGlChart", "Dialog", "Divider", "DownloadButton", "E", "ELEMENT_CLASSES",
    "Element", "ElementList",
    "Error", "ExceptionElement", "Expander", "FU", "Feedback", "FileUploader", "Grid", "Header", "Heading",
    "HeadingBase", "Help", "Html", "Image", "Info", "Json", "Latex", "LinkButton", "MB", "MS", "Markdown", "Media",
    "MenuButton", "Metric", "Multiselect", "N", "Navigation", "NumberInput", "PageLink", "Pagination", "Pdf",
    "PlotlyChart", "Popover", "Progress", "Radio", "SELECTORS", "SelectSlider", "Selectbox", "ServedElement",
    "Skeleton", "Slider", "SourceText", "Space", "Status", "Subheader", "Success", "TYPE_CLASSES", "Tab", "Text",
    "TextArea", "TextInput", "TimeInput", "Title", "Toast", "Toggle", "VegaLiteChart", "W", "WIDGET_CLASSES", "Warning",
    "Widget", "WidgetList", "node_type", "plain",
]
