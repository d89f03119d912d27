"""The elements: one module per wire kind, each a plain function that takes its place first.

``core/elements/<kind>.py`` holds the function a script reaches as ``porch.<name>`` (through
``porch.api.container.Container``), the ``Props`` its element carries on the wire, and its value codec if it is a
widget; ``webui/elements/<kind>.js`` draws it; ``tests/elements/test_<kind>.py`` tests it. Kinds that share a wire
kind share a module (``heading`` holds title, header and subheader). Private modules (``_place``, ``_options``...)
hold what several kinds share.

Importing this package imports every element module, so that it is the one registry of kinds: :data:`KINDS` is
derived from the modules listed here. It is loaded with the script API, on a script's first call.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    alert,
    audio,
    audio_input,
    badge,
    bidi_component,
    button,
    button_group,
    camera_input,
    celebration,
    chat_input,
    chat_message,
    checkbox,
    code,
    color_picker,
    column,
    columns,
    component,
    container,
    data_editor,
    dataframe,
    date_input,
    datetime_input,
    deck_gl_chart,
    dialog,
    divider,
    download_button,
    echarts_chart,
    empty,
    exception,
    expander,
    feedback,
    file_uploader,
    form,
    graphviz_chart,
    grid,
    grid_cell,
    heading,
    help,
    html,
    iframe,
    image,
    json,
    latex,
    link_button,
    markdown,
    menu_button,
    mermaid_chart,
    metric,
    multiselect,
    navigation,
    number_input,
    page_link,
    pagination,
    pdf,
    plotly_chart,
    popover,
    progress,
    radio,
    row,
    select_slider,
    selectbox,
    skeleton,
    slider,
    space,
    spinner,
    status,
    tab,
    table,
    tabs,
    text,
    text_area,
    text_input,
    time_input,
    toast,
    vega_lite_chart,
    video,
)

#: Every element module, by its wire kind (the module's own name): the modules imported above.
KINDS: dict[str, ModuleType] = {
    name: module
    for name, module in sorted(globals().items())
    if isinstance(module, ModuleType) and module.__name__ == f"{__name__}.{name}" and not name.startswith("_")
}
