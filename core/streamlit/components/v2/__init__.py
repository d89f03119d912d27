"""``streamlit.components.v2``: components whose HTML, CSS and JavaScript the app gives as text, drawn in the page
itself rather than in a frame (Streamlit 1.67's ``st.components.v2.component``; the element is
:mod:`porch.elements.bidi_component`).

``component(name, html=..., css=..., js=...)`` registers a component and returns its mounting command; calling that
shows an instance where ``porch.<element>`` would (the main area or the innermost ``with`` block) and returns what
the instance says: its state values (``setStateValue``) and the trigger of the run (``setTriggerValue``).

Not in Porch: components of installed packages that name files of an ``asset_dir`` in their ``pyproject.toml``
(``html``, ``css`` and ``js`` are always the text itself here), and ``<script>`` elements inside ``html`` (they do not
run: the page's script policy allows only the module given as ``js``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ....api.container import main
from ....elements.bidi_component import ComponentResult, bidi_component
from ....errors import PorchAPIError

__all__ = ["ComponentRenderer", "ComponentResult", "component"]

log = logging.getLogger("porch.components")
#: The components registered, by name: the last registration of a name wins (with a warning, as in Streamlit).
_REGISTERED: dict[str, tuple[str | None, str | None, str | None, bool]] = {}


class ComponentRenderer:
    """The mounting command ``component()`` returns: call it to show an instance (``key``, ``data``, ``default``,
    ``width``, ``height``, and ``on_<name>_change`` callbacks)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(
        self,
        *,
        key: str | int | None = None,
        data: Any = None,
        default: dict[str, Any] | None = None,
        width: Any = "stretch",
        height: Any = "content",
        **callbacks: Callable[[], Any] | None,
    ) -> ComponentResult:
        html, css, js, isolate_styles = _REGISTERED[self.name]
        return bidi_component(
            main, self.name, html=html, css=css, js=js, isolate_styles=isolate_styles,
            key=None if key is None else str(key), data=data, default=default, width=width, height=height,
            callbacks=callbacks,
        )

    def __repr__(self) -> str:
        return f"ComponentRenderer({self.name!r})"


def component(
    name: str,
    *,
    html: str | None = None,
    css: str | None = None,
    js: str | None = None,
    isolate_styles: bool = True,
) -> ComponentRenderer:
    """Register a component and return the command that mounts it.

    ``html`` is markup for the component's root (no ``<html>`` or ``<body>`` needed), ``css`` a stylesheet for it,
    ``js`` a JavaScript module whose default export the page calls each time an instance is drawn, with
    ``{name, key, data, parentElement, setStateValue, setTriggerValue}``; it may return a function to call before
    the next draw. Any of them may be None. ``isolate_styles`` (the default) draws the instance in a shadow root,
    which ``parentElement`` is, so that its styles and the page's stay apart; False draws it in the page's tree.
    These are the app's own code, run with the page's rights: never build them from what users enter.
    """
    if not isinstance(name, str) or not name:
        raise PorchAPIError("components.v2.component(): name must be a non-empty string")
    for label, text in (("html", html), ("css", css), ("js", js)):
        if text is not None and not isinstance(text, str):
            raise PorchAPIError(f"components.v2.component({name!r}): {label} must be a string (the text itself)")
    definition = (html, css, js, bool(isolate_styles))
    if _REGISTERED.get(name, definition) != definition:
        log.warning("the component %r was registered again with other content: the last registration is used", name)
    _REGISTERED[name] = definition
    return ComponentRenderer(name)
