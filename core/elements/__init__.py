"""The elements: one module per wire kind, each a plain function that takes its place first.

``core/elements/<kind>.py`` holds the function a script reaches as ``porch.<name>`` (through
``porch.api.container.Container``), the ``Props`` its element carries on the wire, and its value codec if it is a
widget; ``webui/elements/<kind>.js`` draws it; ``tests/elements/test_<kind>.py`` tests it. Kinds that share a wire
kind share a module (``heading`` holds title, header and subheader). Private modules (``_place``, ``_options``...)
hold what several kinds share.

The package is the one registry of kinds: :data:`KIND_NAMES` lists every element module, and ``tests/
test_elements_contract.py`` derives that list (and the type checker's import block) from the folder. A module is
imported on its first use, not with the package: ``porch.api.container.Container`` names each element function
without importing it, so a script pays (in start time and memory) only for the kinds it shows. :data:`KINDS` imports
them all (the contract tests and the test harness read it).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..protocol import BLOCK_KINDS, WIDGET_DEFAULTS

if TYPE_CHECKING:
    from types import ModuleType

    # For the type checker only: at run time each element module is imported on first use (``__getattr__`` below).
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

if TYPE_CHECKING:
    #: Every element module, by kind: reading it imports them all.
    KINDS: dict[str, ModuleType]

#: Every element module's name, which is its wire kind.
KIND_NAMES: tuple[str, ...] = (
    "alert",
    "audio",
    "audio_input",
    "badge",
    "bidi_component",
    "button",
    "button_group",
    "camera_input",
    "celebration",
    "chat_input",
    "chat_message",
    "checkbox",
    "code",
    "color_picker",
    "column",
    "columns",
    "component",
    "container",
    "data_editor",
    "dataframe",
    "date_input",
    "datetime_input",
    "deck_gl_chart",
    "dialog",
    "divider",
    "download_button",
    "echarts_chart",
    "empty",
    "exception",
    "expander",
    "feedback",
    "file_uploader",
    "form",
    "graphviz_chart",
    "grid",
    "grid_cell",
    "heading",
    "help",
    "html",
    "iframe",
    "image",
    "json",
    "latex",
    "link_button",
    "markdown",
    "menu_button",
    "mermaid_chart",
    "metric",
    "multiselect",
    "navigation",
    "number_input",
    "page_link",
    "pagination",
    "pdf",
    "plotly_chart",
    "popover",
    "progress",
    "radio",
    "select_slider",
    "selectbox",
    "skeleton",
    "slider",
    "space",
    "spinner",
    "status",
    "tab",
    "table",
    "tabs",
    "text",
    "text_area",
    "text_input",
    "time_input",
    "toast",
    "vega_lite_chart",
    "video",
)


def with_defaults(element: Mapping[str, Any]) -> dict[str, Any]:
    """The props of a wire element with those left off at their defaults put back, as the page does (webui/tree.js):
    every widget's (a leaf with an ``id``), then its kind's ``DEFAULTS``."""
    kind: str = element["kind"]
    props: dict[str, Any] = element["props"]
    widget = "id" in element and kind not in BLOCK_KINDS
    if kind in _DEFAULTS_OF:
        own = _DEFAULTS_OF[kind]
    else:
        module = import_module(f"{__name__}.{kind}") if kind in KIND_NAMES else None
        own = _DEFAULTS_OF[kind] = getattr(module, "DEFAULTS", {})
    if not own and not widget:
        return props
    return {**(WIDGET_DEFAULTS if widget else {}), **own, **props}


#: Each kind's ``DEFAULTS``, read once.
_DEFAULTS_OF: dict[str, Mapping[str, Any]] = {}


if not TYPE_CHECKING:  # hidden from the type checker, which sees the imports above instead

    def __getattr__(name):
        """``porch.elements.<kind>`` imported on first use (PEP 562); the import system then binds it here, so this
        runs once per kind. ``KINDS``: every module, by kind."""
        if name in KIND_NAMES:
            return import_module(f"{__name__}.{name}")
        if name == "KINDS":
            kinds = {kind: import_module(f"{__name__}.{kind}") for kind in KIND_NAMES}
            globals()["KINDS"] = kinds
            return kinds
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
