"""Which class AppTest wraps each node in: by wire kind (:data:`WIDGET_CLASSES`, :data:`ELEMENT_CLASSES`,
:data:`BLOCK_CLASSES`) and, for a kind several Streamlit types share, by type (:data:`TYPE_CLASSES`)."""

from __future__ import annotations

from .base import Element, Widget
from .blocks import Block, ChatMessage, Column, Dialog, Expander, Grid, Popover, Status, Tab
from .buttons import Button, DownloadButton, LinkButton, MenuButton, Pagination
from .choices import ButtonGroup, Checkbox, ColorPicker, Feedback, Multiselect, Radio, Selectbox, SelectSlider, Toggle
from .data import DataFrameElement, DeckGlChart, Json, Metric, PlotlyChart, VegaLiteChart
from .data_editor import DataEditor
from .inputs import (
    ChatInput, Component, DateInput, DateTimeInput, NumberInput, Slider, TextArea, TextInput, TimeInput,
)
from .media import Image, Media, Pdf
from .navigation import Navigation, PageLink
from .status import Alert, Celebration, Error, ExceptionElement, Info, Progress, Skeleton, Success, Toast, Warning
from .text import (
    Badge, Caption, Code, Divider, Heading, Header, Help, Html, Latex, Markdown, Space, Subheader, Text, Title,
)
from .uploads import AudioInput, CameraInput, FileUploader


WIDGET_CLASSES: dict[str, type[Widget]] = {
    "button": Button,
    "checkbox": Checkbox,
    "radio": Radio,
    "selectbox": Selectbox,
    "multiselect": Multiselect,
    "select_slider": SelectSlider,
    "slider": Slider,
    "number_input": NumberInput,
    "text_input": TextInput,
    "text_area": TextArea,
    "date_input": DateInput,
    "datetime_input": DateTimeInput,
    "time_input": TimeInput,
    "file_uploader": FileUploader,
    "camera_input": CameraInput,
    "audio_input": AudioInput,
    "download_button": DownloadButton,
    "link_button": LinkButton,
    "color_picker": ColorPicker,
    "feedback": Feedback,
    "pagination": Pagination,
    "menu_button": MenuButton,
    "chat_input": ChatInput,
    "button_group": ButtonGroup,
    "component": Component,
    "data_editor": DataEditor,
}


ELEMENT_CLASSES: dict[str, type[Element]] = {
    "markdown": Markdown,
    "page_link": PageLink,
    "navigation": Navigation,
    "text": Text,
    "divider": Divider,
    "latex": Latex,
    "space": Space,
    "heading": Heading,
    "badge": Badge,
    "alert": Alert,
    "json": Json,
    "progress": Progress,
    "metric": Metric,
    "toast": Toast,
    "celebration": Celebration,
    "exception": ExceptionElement,
    "code": Code,
    "html": Html,
    "help": Help,
    "image": Image,
    "audio": Media,
    "video": Media,
    "pdf": Pdf,
    "skeleton": Skeleton,
    "dataframe": DataFrameElement,
    "table": DataFrameElement,
    "vega_lite_chart": VegaLiteChart,
    "plotly_chart": PlotlyChart,
    "deck_gl_chart": DeckGlChart,
    **WIDGET_CLASSES,
}


#: The class of each Streamlit type that shares its wire kind with others (a title's is Title, not HeadingBase).
TYPE_CLASSES: dict[str, type[Element]] = {
    "title": Title,
    "header": Header,
    "subheader": Subheader,
    "caption": Caption,
    "info": Info,
    "success": Success,
    "warning": Warning,
    "error": Error,
    "toggle": Toggle,
}


#: The AppTest class of each block kind that has one (others are a plain :class:`Block`).
BLOCK_CLASSES: dict[str, type[Block]] = {
    "column": Column,
    "tab": Tab,
    "expander": Expander,
    "popover": Popover, "status": Status, "dialog": Dialog, "chat_message": ChatMessage, "grid": Grid}
