"""The container class scripts write through, and the roots: the main area, the sidebar and the overlay (dialogs).

:class:`Container` is a table, one line per element: each line names a plain function of ``porch.elements`` that
takes its place first, and the descriptor around it makes it a method with that function's exact signature (under
``mypy --strict`` too) less the place. ``porch.<name>`` is the same method of the main area (``api/public.py``).
Element modules are named through their package (``e.markdown.caption``): ``markdown = ...`` rebinds the bare name.
At run time the descriptors are the functions themselves, bound as methods are: no wrapper, no cost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from .. import elements as e
from ..elements._place import Block
from ..protocol import ROOT_MAIN, ROOT_OVERLAY, ROOT_SIDEBAR, ROOTS
from . import echo, write, write_stream

P = ParamSpec("P")
R = TypeVar("R")

if TYPE_CHECKING:

    class method(Generic[P, R]):
        """An element function as a method that returns what the function returns (a widget's value...)."""

        def __init__(self, function: Callable[Concatenate[Block, P], R]) -> None: ...
        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Callable[Concatenate[Block, P], R]: ...
        @overload
        def __get__(self, obj: Block, owner: type[Any]) -> Callable[P, R]: ...
        def __get__(self, obj: Block | None, owner: type[Any]) -> Any: ...

    class element(Generic[P]):
        """An element function as a method that returns the element's place, as a Container to call again."""

        def __init__(self, function: Callable[Concatenate[Block, P], Block]) -> None: ...
        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Callable[Concatenate[Block, P], Block]: ...
        @overload
        def __get__(self, obj: Block, owner: type[Any]) -> Callable[P, Container]: ...
        def __get__(self, obj: Block | None, owner: type[Any]) -> Any: ...

    class elements(Generic[P]):
        """A function that opens several blocks (columns, tabs) as a method returning Containers."""

        def __init__(self, function: Callable[Concatenate[Block, P], list[Block]]) -> None: ...
        @overload
        def __get__(self, obj: None, owner: type[Any]) -> Callable[Concatenate[Block, P], list[Block]]: ...
        @overload
        def __get__(self, obj: Block, owner: type[Any]) -> Callable[P, list[Container]]: ...
        def __get__(self, obj: Block | None, owner: type[Any]) -> Any: ...

else:

    def method(function):
        return function

    element = elements = method


def overloaded(function: Callable[..., Any]) -> Any:
    """An element function whose return type depends on its arguments: the class attribute's annotation, a callable
    Protocol with overloads beside the function, gives scripts its type."""
    return function


class Container(Block):
    """Every element function as a method: ``porch.sidebar.slider(...)``, ``col.button(...)``, ``with tab: ...``."""

    # Text
    title = element(e.heading.title)
    header = element(e.heading.header)
    subheader = element(e.heading.subheader)
    markdown = element(e.markdown.markdown)
    caption = element(e.markdown.caption)
    text = element(e.text.text)
    code = element(e.code.code)
    json = element(e.json.json)
    metric = element(e.metric.metric)
    divider = element(e.divider.divider)
    badge = element(e.badge.badge)
    latex = element(e.latex.latex)
    info = element(e.alert.info)
    success = element(e.alert.success)
    warning = element(e.alert.warning)
    error = element(e.alert.error)
    exception = element(e.exception.exception)
    progress = element(e.progress.progress)
    toast = element(e.toast.toast)
    balloons = element(e.celebration.balloons)
    snow = element(e.celebration.snow)
    spinner = method(e.spinner.spinner)
    empty = element(e.empty.empty)
    skeleton = element(e.skeleton.skeleton)
    write = method(write.write)
    write_stream = method(write_stream.write_stream)
    html = element(e.html.html)
    help = element(e.help.help)
    echo = method(echo.echo)
    # Media
    image = element(e.image.image)
    iframe = element(e.iframe.iframe)
    audio = element(e.audio.audio)
    video = element(e.video.video)
    pdf = element(e.pdf.pdf)
    # Widgets
    button = method(e.button.button)
    form_submit_button = method(e.button.form_submit_button)
    checkbox = method(e.checkbox.checkbox)
    toggle = method(e.checkbox.toggle)
    radio = method(e.radio.radio)
    selectbox = method(e.selectbox.selectbox)
    multiselect = method(e.multiselect.multiselect)
    pills = method(e.button_group.pills)
    segmented_control = method(e.button_group.segmented_control)
    slider = method(e.slider.slider)
    select_slider = method(e.select_slider.select_slider)
    number_input = method(e.number_input.number_input)
    date_input: e.date_input.DateInput = overloaded(e.date_input.date_input)
    datetime_input: e.datetime_input.DatetimeInput = overloaded(e.datetime_input.datetime_input)
    time_input: e.time_input.TimeInput = overloaded(e.time_input.time_input)
    text_input: e.text_input.TextInput = overloaded(e.text_input.text_input)
    text_area: e.text_area.TextArea = overloaded(e.text_area.text_area)
    file_uploader: e.file_uploader.FileUploader = overloaded(e.file_uploader.file_uploader)
    camera_input = method(e.camera_input.camera_input)
    audio_input = method(e.audio_input.audio_input)
    download_button = method(e.download_button.download_button)
    link_button: e.link_button.LinkButton[Container] = overloaded(e.link_button.link_button)
    color_picker = method(e.color_picker.color_picker)
    feedback = method(e.feedback.feedback)
    pagination = method(e.pagination.pagination)
    menu_button = method(e.menu_button.menu_button)
    chat_input: e.chat_input.ChatInput = overloaded(e.chat_input.chat_input)
    # Layout
    container = element(e.container.container)
    columns = elements(e.columns.columns)
    tabs = elements(e.tabs.tabs)
    expander = element(e.expander.expander)
    chat_message = element(e.chat_message.chat_message)
    popover = element(e.popover.popover)
    status: e.status.Status[StatusContainer] = overloaded(e.status.status)
    form = element(e.form.form)
    space = element(e.space.space)


class StatusContainer(e.status.StatusBlock, Container):
    """What ``status()`` returns: a container whose ``update(label=..., expanded=..., state=...)`` changes it."""


#: Where module-level calls such as ``porch.title(...)`` write: the innermost ``with`` block, else the main area.
main = Container(path=(ROOT_MAIN,), place=ROOTS[ROOT_MAIN], follows_with=True)
sidebar = Container(path=(ROOT_SIDEBAR,), place=ROOTS[ROOT_SIDEBAR])
#: Where dialogs open: over the page, outside its flow (``api/dialog.py``).
overlay = Container(path=(ROOT_OVERLAY,), place=ROOTS[ROOT_OVERLAY])
