"""``graphviz_chart``: a graph in Graphviz's DOT language, laid out and drawn in the browser.

The wire carries the DOT source and the layout engine; the client lays the graph out with Graphviz compiled to
WebAssembly (webui/vendor/graphviz, loaded the first time a page shows a graph), so neither the server nor the
browser needs Graphviz installed or a network. A ``graphviz.Graph``, ``Digraph`` or ``Source`` of the ``graphviz``
package gives its ``source`` and ``engine``; Porch never imports that package.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ..errors import PorchAPIError
from ._layout import Height, Width, height_of, width_of
from ._place import Block, show

#: The layout engines Graphviz offers (``graphviz.ENGINES``), each one of the vendored build.
ENGINES = ("dot", "neato", "twopi", "circo", "fdp", "sfdp", "osage", "patchwork", "nop", "nop2")
#: The ``graphviz`` package's classes (by module and name: never imported), before and since its 0.18.
GRAPHVIZ_TYPES = {
    "graphviz.dot.Graph", "graphviz.dot.Digraph", "graphviz.graphs.Graph", "graphviz.graphs.Digraph",
    "graphviz.sources.Source", "graphviz.files.Source",
}


class Props(TypedDict):
    #: The graph in the DOT language, as the script gave it (a graph object's ``source``).
    spec: str
    #: The layout engine: "dot" for DOT text, a graph object's ``engine`` ("neato", "circo"...).
    engine: str
    #: "content" (the drawing's own width, at most the container's), "stretch" (the container's) or pixels.
    width: str | int
    #: "content" (the drawing's own height), "stretch" or pixels (a taller drawing scrolls).
    height: str | int
    #: The chart's accessible name for screen readers, or None.
    alt: str | None


def graphviz_chart(
    place: Block,
    figure_or_dot: Any,
    use_container_width: bool | None = None,
    *,
    width: Width = "content",
    height: Height = "content",
    alt: str | None = None,
) -> Block:
    """Show a graph written in Graphviz's DOT language, laid out and drawn in the browser.

    ``figure_or_dot`` is DOT text (``"digraph { a -> b }"``) or a ``graphviz.Graph``, ``graphviz.Digraph`` or
    ``graphviz.Source`` of the ``graphviz`` package, whose layout engine (``neato``, ``circo``...) is used. Neither
    the server nor the browser needs Graphviz installed: the page lays the graph out with its own copy, with no
    network. A DOT syntax error is shown in the chart's place.

    ``width`` is "content" (the drawing's own width, at most the container's; the default), "stretch" (the
    container's width, the drawing scaled to it) or pixels; ``height`` is "content" (the drawing's height), "stretch"
    or pixels (a taller drawing scrolls). ``alt`` is a short description of the graph for screen readers (blank text
    counts as none). Deprecated in Streamlit and still honoured: ``use_container_width=True`` is
    ``width="stretch"`` (False: "content").
    """
    call = "graphviz_chart()"
    if isinstance(figure_or_dot, str):
        dot, engine = figure_or_dot, "dot"
    elif is_graphviz(figure_or_dot):
        dot, engine = str(figure_or_dot.source), str(getattr(figure_or_dot, "engine", None) or "dot")
    else:
        raise PorchAPIError(
            f"{call}: figure_or_dot must be DOT text or a graphviz.Graph, graphviz.Digraph or graphviz.Source, "
            f"not {type(figure_or_dot).__name__}"
        )
    if engine not in ENGINES:
        raise PorchAPIError(f"{call}: the layout engine {engine!r} is not one of Graphviz's {ENGINES}")
    shown_width = width_of(width, call)
    if use_container_width is not None:
        shown_width = "stretch" if use_container_width else "content"
    if alt is not None and not isinstance(alt, str):
        raise PorchAPIError(f"{call}: alt must be a string or None, not {type(alt).__name__}")
    props: Props = {
        "spec": dot,
        "engine": engine,
        "width": shown_width,
        "height": height_of(height, call),
        "alt": (alt or "").strip() or None,
    }
    return show(place, "graphviz_chart", props)


def is_graphviz(value: Any) -> bool:
    """Whether ``value`` is a graph or source of the ``graphviz`` package (told by its class, never imported)."""
    return any(f"{cls.__module__}.{cls.__qualname__}" in GRAPHVIZ_TYPES for cls in type(value).__mro__)
