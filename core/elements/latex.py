"""``latex``: st.latex, a display formula, turned into MathML on the server (the browser draws MathML itself)."""

from __future__ import annotations

import importlib
import textwrap
from typing import Any, TypedDict

from .. import markdown_html
from ._layout import Width, width_of
from ._place import Block, show


class Props(TypedDict):
    #: The LaTeX source, as shown by a formula that does not parse (and as AppTest's ``value``).
    body: str
    #: The formula as a MathML ``<math display="block">``, or the source in an error style.
    html: str
    help: str | None
    #: "stretch", "content" or pixels.
    width: str | int


def latex(place: Block, body: Any, *, help: str | None = None, width: Width = "stretch") -> Block:
    r"""Show ``body`` as a display formula: LaTeX math such as ``r"\frac{a}{b} = \sqrt{x^2 + 1}"``, without ``$``.

    ``body`` may also be a SymPy expression (shown through ``sympy.latex``) or any object with a ``_repr_latex_``
    method. Porch turns the formula into MathML on the server, so nothing is loaded from elsewhere; LaTeX that it
    cannot read shows as its source, in red, with the reason as a tooltip. ``help`` shows a tooltip beside the
    formula; ``width`` is "stretch" (the default: the container's width, the formula centred in it), "content" or
    a number of pixels.
    """
    source = latex_source(body)
    props: Props = {
        "body": source,
        "html": markdown_html.latex(source, display=True),
        "help": None if help is None else str(help),
        "width": width_of(width, "latex()"),
    }
    return show(place, "latex", props)


def latex_source(body: Any) -> str:
    """The LaTeX of ``body``: a string as it is (its indentation removed), a SymPy object through ``sympy.latex``,
    another object through its ``_repr_latex_`` (without the ``$`` around it), anything else as ``str``."""
    if isinstance(body, str):
        return textwrap.dedent(body).strip()
    if type(body).__module__.partition(".")[0] == "sympy":
        # Only imported for an object that SymPy made, so it is loaded already.
        return str(importlib.import_module("sympy").latex(body))
    repr_latex = getattr(body, "_repr_latex_", None)
    if callable(repr_latex):
        text = repr_latex()
        if isinstance(text, str):
            return _without_delimiters(text.strip())
    return textwrap.dedent(str(body)).strip()


def _without_delimiters(text: str) -> str:
    for opening, closing in (("$$", "$$"), ("\\[", "\\]"), ("$", "$"), ("\\(", "\\)")):
        if len(text) >= len(opening) + len(closing) and text.startswith(opening) and text.endswith(closing):
            return text[len(opening) : len(text) - len(closing)].strip()
    return text
