"""The container class scripts write through, and the roots: the main area, the sidebar, the overlay (dialogs) and
the bottom (what is pinned to the bottom of the main area).

:class:`Container` is a table, one line per element: each line names a plain function of ``porch.elements`` that
takes its place first, and the descriptor around it makes it a method with that function's exact signature (under
``mypy --strict`` too) less the place. ``porch.<name>`` is the same method of the main area (``api/public.py``).
Element modules are named through their package (``e.markdown.caption``): ``markdown = ...`` rebinds the bare name.
At run time each line names its function without importing its module (``e`` is :class:`_Deferred` there): the
first use of an element imports it and puts the function itself in the table, bound as methods are from then on (no
wrapper, no cost per call). A script pays, in start time and memory, only for the kinds it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any, Concatenate, Generic, NoReturn, ParamSpec, TypeVar, overload

from ..elements._place import Block
from ..elements.grid import GridBlock
from ..elements.status import StatusBlock
from ..context import current_run
from ..errors import PorchAPIError
from ..protocol import ROOT_BOTTOM, ROOT_MAIN, ROOT_OVERLAY, ROOT_SIDEBAR, ROOTS
from . import echo, write, write_stream

if TYPE_CHECKING:
    from .. import elements as e  # at run time, a _Deferred namespace (below): modules load on first use

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

    class _DeferredFunction:
        """An element function not imported yet, as a class attribute of Container: its first access imports the
        module and puts the function in its place, so every later access is a plain method's."""

        def __init__(self, module: str, name: str) -> None:
            self._module = module
            self._name = name

        def __set_name__(self, owner, attribute):
            self._owner = owner
            self._attribute = attribute

        def __get__(self, obj, owner=None):
            function = getattr(import_module(self._module), self._name)
            setattr(self._owner, self._attribute, function)
            return function.__get__(obj, owner)

    class _DeferredModule:
        def __init__(self, module: str) -> None:
            self._module = module

        def __getattr__(self, name):
            return _DeferredFunction(self._module, name)

    class _Deferred:
        """``e.<kind>.<function>`` in Container's table, without importing ``porch.elements.<kind>``."""

        def __getattr__(self, kind):
            return _DeferredModule(f"porch.elements.{kind}")

    e = _Deferred()

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
    # Data
    dataframe: e.dataframe.Dataframe[Container] = overloaded(e.dataframe.dataframe)
    table = element(e.table.table)
    data_editor = method(e.data_editor.data_editor)
    # Charts
    line_chart = element(e.vega_lite_chart.line_chart)
    area_chart = element(e.vega_lite_chart.area_chart)
    bar_chart = element(e.vega_lite_chart.bar_chart)
    scatter_chart = element(e.vega_lite_chart.scatter_chart)
    vega_lite_chart: e.vega_lite_chart.VegaLiteChart[Container] = overloaded(e.vega_lite_chart.vega_lite_chart)
    altair_chart: e.vega_lite_chart.AltairChart[Container] = overloaded(e.vega_lite_chart.altair_chart)
    plotly_chart: e.plotly_chart.PlotlyChart[Container] = overloaded(e.plotly_chart.plotly_chart)
    pyplot = element(e.image.pyplot)
    graphviz_chart = element(e.graphviz_chart.graphviz_chart)
    pydeck_chart: e.deck_gl_chart.PydeckChart[Container] = overloaded(e.deck_gl_chart.pydeck_chart)
    map = element(e.deck_gl_chart.map)
    mermaid_chart = element(e.mermaid_chart.mermaid_chart)
    echarts_chart: e.echarts_chart.EChartsChart[Container] = overloaded(e.echarts_chart.echarts_chart)
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
    page_link = element(e.page_link.page_link)
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
    grid: e.grid.Grid[GridContainer] = overloaded(e.grid.grid)
    form = element(e.form.form)
    space = element(e.space.space)

    if not TYPE_CHECKING:  # hidden from the type checker, as Streamlit hides its own: an unknown name is a type error

        def __getattr__(self, name: str) -> Callable[..., NoReturn]:
            if name.startswith("__") and name.endswith("__"):  # Python's protocols probe these: left unanswered
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            return _unknown_command(self, name)


def _unknown_command(place: Block, name: str) -> Callable[..., NoReturn]:
    """An unknown attribute of a container, as in Streamlit 1.67 (``DeltaGenerator.__getattr__``): a function that
    raises Streamlit's API error when called, pointing to ``st.<name>`` when that is a command of its own."""

    def unknown(*args: Any, **kwargs: Any) -> NoReturn:
        from . import public  # here: public imports this module

        if callable(getattr(public, name, None)):
            where = "`st.sidebar`" if place._path[:1] == (ROOT_SIDEBAR,) else "`DeltaGenerator` objects"
            raise PorchAPIError(f"Method `{name}()` does not exist for {where}. Did you mean `st.{name}()`?")
        raise PorchAPIError(f"`{name}()` is not a valid Streamlit command.")

    unknown.__name__ = name
    return unknown


class StatusContainer(StatusBlock, Container):
    """What ``status()`` returns: a container whose ``update(label=..., expanded=..., state=...)`` changes it."""


class GridContainer(GridBlock, Container):
    """What ``grid()`` returns: a container whose children are its cells, and whose ``cell(column_span=...,
    row_span=...)`` opens a cell holding several elements or spanning tracks."""

    if TYPE_CHECKING:

        def cell(self, *, column_span: e.grid_cell.ColumnSpan = 1, row_span: int = 1) -> Container: ...


#: Where module-level calls such as ``porch.title(...)`` write: the innermost ``with`` block, else the main area.
main = Container(path=(ROOT_MAIN,), place=ROOTS[ROOT_MAIN], follows_with=True)
sidebar = Container(path=(ROOT_SIDEBAR,), place=ROOTS[ROOT_SIDEBAR])
#: The event root, out of the page's flow: where dialogs open (``api/dialog.py``), and toasts and styles go
#: (``elements/_event.py``).
overlay = Container(path=(ROOT_OVERLAY,), place=ROOTS[ROOT_OVERLAY])


class BottomContainer(Container):
    """``porch.bottom``: the container pinned to the bottom of the main area, as Streamlit's ``st.bottom``.

    Write into it as into any container (``porch.bottom.write(...)``, ``with porch.bottom: ...``); what it holds stays
    at the bottom of the window while the page scrolls, over the main area's column, in the order of the calls. A
    ``chat_input`` called in the main area itself goes there too (after what was written there before it). As in
    Streamlit, using it while the script writes into the sidebar or a dialog is an error.
    """

    _plain = Container

    def __enter__(self) -> BottomContainer:
        _only_in_the_main_area()
        return super().__enter__()

    if not TYPE_CHECKING:  # the type checker sees Container's attributes, each checked as usual

        def __getattribute__(self, name):
            if not name.startswith("_"):
                _only_in_the_main_area()
            return super().__getattribute__(name)


def _only_in_the_main_area() -> None:
    """Refuse ``porch.bottom`` where the script writes into the sidebar or a dialog (its innermost ``with`` block)."""
    run = current_run.get()
    if run is None or not run.container_stack:
        return
    root = run.container_stack[-1]._path[0]
    where = {ROOT_SIDEBAR: "inside `porch.sidebar`", ROOT_OVERLAY: "inside a dialog"}.get(root)
    if where is not None:
        raise PorchAPIError(
            f"`porch.bottom` cannot be used {where}. The bottom container is only available in the main area."
        )


#: What is pinned to the bottom of the main area: ``porch.bottom``, and a ``chat_input`` of the main area itself.
bottom = BottomContainer(path=(ROOT_BOTTOM,), place=ROOTS[ROOT_BOTTOM])
