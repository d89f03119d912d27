"""``mermaid_chart``: a Mermaid diagram (flowchart, sequence, class, state, Gantt...), drawn in the browser.

The wire carries the diagram's text as the script gave it; the client draws it with Mermaid (webui/vendor/mermaid,
loaded the first time a page shows a diagram), in the page's colours, light or dark, with no network. Streamlit sends
a diagram as a fenced ```` ```mermaid ```` block of markdown; Porch gives it a kind of its own, so that ``alt`` need
not be written into the text (Streamlit adds a ``%% stAlt:`` comment line).
"""

from __future__ import annotations

from typing import TypedDict

from ..errors import PorchAPIError
from ._layout import Width, width_of
from ._place import Block, show


class Props(TypedDict):
    #: The diagram in Mermaid's language, as the script gave it.
    body: str
    #: "stretch" (the container's width; the diagram at its own size at most, centred), "content" (the diagram's own
    #: width, at most the container's) or pixels.
    width: str | int
    #: The diagram's accessible name (``alt``, one line), or None: the client names it from the diagram's
    #: ``accTitle``/``accDescr``, else by its type ("Mermaid flowchart").
    alt: str | None


def mermaid_chart(place: Block, body: str, *, width: Width = "stretch", alt: str | None = None) -> Block:
    """Show a diagram written in Mermaid's text language (https://mermaid.js.org/): flowcharts, sequence, class,
    state and entity-relationship diagrams, Gantt charts, pie charts, mind maps, timelines and more.

    ``body`` is the diagram's definition, such as ``"graph LR\\n  A[Start] --> B{Decision}"``. The page draws it with
    its own copy of Mermaid (no network), in the page's colours and font, light or dark; a diagram Mermaid cannot
    read shows Mermaid's message in its place, and the rest of the page draws as usual.

    ``width`` is "stretch" (the default: the container's width, the diagram at its own size at most, never wider than
    the container), "content" (the diagram's own width) or pixels. ``alt`` is a short plain-text name of the diagram
    for screen readers; without it (None, or blank text) the diagram is named by its ``accTitle``/``accDescr`` lines,
    else by its type ("Mermaid flowchart"). Text is drawn as plain text (Mermaid's "strict" security level: no HTML,
    no click handlers), as Streamlit draws it.
    """
    call = "mermaid_chart()"
    if not isinstance(body, str):
        raise PorchAPIError(f"{call}: body must be the diagram's text in Mermaid's language, not {type(body).__name__}")
    if alt is not None and not isinstance(alt, str):
        raise PorchAPIError(f"{call}: alt must be a string or None, not {type(alt).__name__}")
    props: Props = {
        "body": body,
        "width": width_of(width, call),
        "alt": " ".join((alt or "").split()) or None,
    }
    return show(place, "mermaid_chart", props)

