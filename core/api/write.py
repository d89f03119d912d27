"""``write`` and magic: show any value the way that suits its type, as Streamlit 1.67's ``st.write`` does. Not an
element of its own: it picks, for each argument, the element that shows it, in Streamlit's order (``_show_by_type``),
and runs of text (strings, and other values as inline code) into one markdown element."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from typing import Any

from ..elements import _value_types as kinds
from ..elements._place import ERROR_PLACE, Block, created_by
from ..elements.exception import exception, uncaught
from ..elements.help import help
from ..elements.json import json
from ..elements.markdown import markdown
from ..errors import PorchAPIError
from ..run import Run

#: An element function ``write`` calls with a place and the argument.
Shower = Callable[[Block, Any], object]


def write(place: Block, *args: Any, unsafe_allow_html: bool = False) -> None:
    """Show each argument the way that suits its type, one after another, as Streamlit 1.67 does.

    Strings are markdown, and values with no element of their own (numbers, dates, tuples...) join them as inline
    code, so that ``write("Total:", 5)`` is one line of markdown. Frames and arrays (pandas, polars, pyarrow, NumPy,
    anything with ``to_pandas`` or ``__dataframe__``) are a ``dataframe``; Altair, matplotlib, plotly, graphviz and
    pydeck figures their chart; SymPy expressions ``latex``; PIL images an ``image``; dicts, lists, their views,
    maps, namedtuples, Pydantic models and ``session_state`` a ``json`` view; exceptions an error box; generators
    and streams go through ``write_stream``; functions, classes, modules, dataclasses, containers and objects whose
    text is only a memory address a ``help`` panel. An object's ``_repr_html_`` is shown as HTML only with
    ``unsafe_allow_html=True``, which also lets HTML through in the strings; as in Streamlit, that HTML comes before
    the text gathered from the arguments before it.

    Into an element to replace (``empty()``, or what an element call returned) it writes one argument only, as
    Streamlit: several would need several places.
    """
    if len(args) == 1 and isinstance(args[0], str):
        markdown(place, args[0], unsafe_allow_html=unsafe_allow_html)
        return
    if len(args) > 1 and place._slot:
        raise PorchAPIError(
            f"write() was given {len(args)} values to show in the place of one element (an empty() or an element to "
            "replace), which holds one. Write them into a container instead (placeholder.container().write(...)), or "
            "join them into one string."
        )
    line: list[str] = []

    def flush() -> None:
        if line:
            markdown(place, _joined(line), unsafe_allow_html=unsafe_allow_html)
            line.clear()

    for arg in args:
        from .write_stream import StreamingOutput  # here: write_stream imports this module

        if isinstance(arg, StreamingOutput):  # what write_stream returned: show each part again
            flush()
            for part in arg:
                if callable(part):
                    part()
                else:
                    write(place, part, unsafe_allow_html=unsafe_allow_html)
            continue
        shown = _show_by_type(arg, unsafe_allow_html)
        if isinstance(shown, str):
            line.append(shown)
        else:
            if shown is not _html:  # as in Streamlit 1.67: an object's HTML goes before the text gathered so far
                flush()
            shown(place, arg)
    flush()


def _show_by_type(arg: Any, unsafe_allow_html: bool) -> Shower | str:
    """The element function that shows ``arg``, or the markdown it adds to the current line: Streamlit 1.67's
    dispatch of ``st.write``, in its order (the first rule that holds wins)."""
    if isinstance(arg, str):
        return arg
    for holds, shower in _RULES:
        if holds(arg):
            return shower
    if unsafe_allow_html and kinds.has_callable_attr(arg, "_repr_html_"):
        return _html
    if kinds.is_table_convertible(arg):
        return _dataframe
    try:
        text = str(arg)
    except Exception:  # an object that cannot be shown as text is described instead
        return help
    if kinds.is_memory_address(text):
        return help
    return _inline_code(text)


def _inline_code(text: str) -> str:
    """``text`` as code, as Streamlit 1.67 writes it: inline, in backticks one longer than any run of them inside
    (no padding: a text that starts or ends with a backtick reads as Streamlit's does), or a fenced block if it has
    several lines."""
    fence = "`" * (_longest_run(text, "`") + 1)
    if "\n" in text:
        fence = "`" * max(3, len(fence))
        return f"{fence}\n{text}\n{fence}"
    return f"{fence}{text}{fence}"


def _joined(line: list[str]) -> str:
    """One markdown text of the line's parts, space-separated, a fenced block included (Streamlit 1.67's source)."""
    return " ".join(line)


def _longest_run(text: str, char: str) -> int:
    return max((len(run) for run in re.findall(f"{re.escape(char)}+", text)), default=0)


# -- the element of each type: element modules load on first use, so that write costs a string what it always did --


def _element(name: str) -> Shower:
    """``Container.<name>``, looked up when a value needs it (the lookup imports the element's module)."""

    def show(place: Block, value: Any) -> object:
        from .container import Container

        function: Shower = getattr(Container, name)
        return function(place, value)

    show.__name__ = name
    return show


_dataframe, _graphviz_chart = _element("dataframe"), _element("graphviz_chart")


def _keras_model(place: Block, value: Any) -> object:
    """A Keras model as the graph of its layers, drawn by Keras' own ``model_to_dot`` (as Streamlit does)."""
    from importlib import import_module

    vis_utils = import_module("tensorflow.python.keras.utils.vis_utils")
    return _graphviz_chart(place, vis_utils.model_to_dot(value).to_string())


def _string_io(place: Block, value: StringIO) -> object:
    return markdown(place, value.getvalue())


def _html(place: Block, value: Any) -> object:
    from ..elements.html import html

    return html(place, value._repr_html_())


#: Streamlit 1.67's ``st.write`` rules, in its order, after strings and what ``write_stream`` returned; then come an
#: object's ``_repr_html_`` (with ``unsafe_allow_html``), ``to_pandas``/``__dataframe__`` and its text.
_RULES: tuple[tuple[Callable[[Any], bool], Shower], ...] = (
    (lambda value: isinstance(value, Exception), exception),
    (lambda value: isinstance(value, Block), help),  # a container: Streamlit describes its DeltaGenerator
    (kinds.is_dataframe_like, _dataframe),
    (kinds.is_altair_chart, _element("altair_chart")),
    (kinds.is_matplotlib_figure, _element("pyplot")),
    (kinds.is_plotly_chart, _element("plotly_chart")),
    (kinds.is_graphviz_chart, _graphviz_chart),
    (kinds.is_sympy_expression, _element("latex")),
    (kinds.is_pillow_image, _element("image")),
    (kinds.is_keras_model, _keras_model),
    (kinds.is_json_like, json),
    (kinds.is_pydeck, _element("pydeck_chart")),
    (lambda value: isinstance(value, StringIO), _string_io),
    (kinds.is_stream, _element("write_stream")),
    (kinds.shows_help, help),
)


def magic_write(*values: Any) -> Any:
    """What a bare expression in the script turns into (see ``porch.magic``): ``write`` of its value, or of a tuple's
    items, into the innermost ``with`` block; returns the value. As in Streamlit 1.67, every value is shown, ``None``
    and containers included (a call's value never comes here)."""
    from .container import main

    write(main, *values)
    return values[0] if len(values) == 1 else values


def show_exception(run: Run, exc: BaseException) -> None:
    """Show an exception that ended a run, in the innermost open container (or the main area)."""
    from .container import main

    place: Block = run.container_stack[-1] if run.container_stack else main
    left = getattr(exc, ERROR_PLACE, None)
    if isinstance(left, Block) and created_by(left, run):
        place = left
    uncaught(place, exc)
