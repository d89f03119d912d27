"""The functions a script calls as ``porch.<name>``: the main area's element methods, and a few that steer runs.

``porch/__init__.py`` loads this module on first use, so that importing ``porch`` (the command line does, before
it can serve) does not load the element layer and markdown. An element function is read from the main area on its
first use (``__getattr__``), which imports its module then (``porch.api.container``): a script pays only for the
kinds it shows.
"""

import typing as _typing

from .container import Container as Container, main as _main, sidebar as sidebar
from .container import bottom as bottom
from .control import rerun as rerun
from .control import session_state as session_state
from .control import set_page_config as set_page_config
from .control import stop as stop
from .cache import cache_data as cache_data
from .cache import cache_resource as cache_resource
from .secrets import secrets as secrets
from .logo import logo as logo
from . import column_config as column_config
from .query_params import query_params as query_params
from .context import context as context
from .options import get_option as get_option, set_option as set_option
from .dialog import dialog as dialog
from .fragment import fragment as fragment
from .navigation import Page as Page, navigation as navigation, switch_page as switch_page
from .user import login as login, logout as logout, user as user
from .connection import connection as connection
from ..upload_store import UploadedFile as UploadedFile
from ..app import App as App


def _element_names() -> list[str]:
    """The names of the main area's element functions: ``porch.<name>`` for each of Container's elements."""
    return [name for name in vars(Container) if not name.startswith("_")]


if not _typing.TYPE_CHECKING:  # the type checker reads the block below instead

    def __getattr__(name: str) -> _typing.Any:
        if name.startswith("_") or name not in vars(Container):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_main, name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_element_names()})


# The element functions of the main area, in Container's order: tests/test_elements_contract.py writes this block
# from Container (PORCH_UPDATE_REGISTRY=1); edit Container, not these lines.
if _typing.TYPE_CHECKING:
    # Text
    title = _main.title
    header = _main.header
    subheader = _main.subheader
    markdown = _main.markdown
    caption = _main.caption
    text = _main.text
    code = _main.code
    json = _main.json
    metric = _main.metric
    divider = _main.divider
    badge = _main.badge
    latex = _main.latex
    info = _main.info
    success = _main.success
    warning = _main.warning
    error = _main.error
    exception = _main.exception
    progress = _main.progress
    toast = _main.toast
    balloons = _main.balloons
    snow = _main.snow
    spinner = _main.spinner
    empty = _main.empty
    skeleton = _main.skeleton
    write = _main.write
    write_stream = _main.write_stream
    html = _main.html
    help = _main.help
    echo = _main.echo
    # Media
    image = _main.image
    iframe = _main.iframe
    audio = _main.audio
    video = _main.video
    pdf = _main.pdf
    # Data
    dataframe = _main.dataframe
    table = _main.table
    data_editor = _main.data_editor
    # Charts
    line_chart = _main.line_chart
    area_chart = _main.area_chart
    bar_chart = _main.bar_chart
    scatter_chart = _main.scatter_chart
    vega_lite_chart = _main.vega_lite_chart
    altair_chart = _main.altair_chart
    plotly_chart = _main.plotly_chart
    pyplot = _main.pyplot
    graphviz_chart = _main.graphviz_chart
    pydeck_chart = _main.pydeck_chart
    map = _main.map
    mermaid_chart = _main.mermaid_chart
    echarts_chart = _main.echarts_chart
    # Widgets
    button = _main.button
    form_submit_button = _main.form_submit_button
    checkbox = _main.checkbox
    toggle = _main.toggle
    radio = _main.radio
    selectbox = _main.selectbox
    multiselect = _main.multiselect
    pills = _main.pills
    segmented_control = _main.segmented_control
    slider = _main.slider
    select_slider = _main.select_slider
    number_input = _main.number_input
    date_input = _main.date_input
    datetime_input = _main.datetime_input
    time_input = _main.time_input
    text_input = _main.text_input
    text_area = _main.text_area
    file_uploader = _main.file_uploader
    camera_input = _main.camera_input
    audio_input = _main.audio_input
    download_button = _main.download_button
    link_button = _main.link_button
    page_link = _main.page_link
    color_picker = _main.color_picker
    feedback = _main.feedback
    pagination = _main.pagination
    menu_button = _main.menu_button
    chat_input = _main.chat_input
    # Layout
    container = _main.container
    columns = _main.columns
    tabs = _main.tabs
    expander = _main.expander
    chat_message = _main.chat_message
    popover = _main.popover
    status = _main.status
    grid = _main.grid
    form = _main.form
    space = _main.space
