"""``streamlit.components.v2``: components whose HTML, CSS and JavaScript the app gives as text, drawn in the page
itself rather than in a frame (Streamlit 1.67's ``st.components.v2.component``; the element is
:mod:`porch.elements.bidi_component`).

``component(name, html=..., css=..., js=...)`` registers a component and returns its mounting command; calling that
shows an instance where ``porch.<element>`` would (the main area or the innermost ``with`` block) and returns what
the instance says: its state values (``setStateValue``) and the trigger of the run (``setTriggerValue``).

A component of an installed package names files of the ``asset_dir`` its ``pyproject.toml`` declares: a ``css`` or
``js`` that looks like a path is a file of that folder, which the app serves (:mod:`porch.component_assets`).

Not in Porch: ``<script src>`` elements inside ``html`` of another origin than the app's (the page's script policy;
inline ones run, served by the app), and data frames inside a mapping given as ``data`` as Arrow JS tables (they go
as their records; a frame given as ``data`` itself goes as Streamlit sends it, an Arrow IPC stream the module gets as
a ``Uint8Array``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ....api.container import main
from ....component_assets import asset_root, looks_like_path, resolve
from ....components import REGISTRY
from ....elements.bidi_component import ComponentResult, bidi_component
from ....errors import PorchAPIError

__all__ = ["ComponentRenderer", "ComponentResult", "component"]

log = logging.getLogger("porch.components")
#: The components registered, by name: the last registration of a name wins (with a warning, as in Streamlit).
#: Each is (html, css, js, isolate_styles, css_url, js_url): a ``css`` or ``js`` naming a file of the component's
#: asset folder is None, and its file's URL (relative to the page) is given instead.
_REGISTERED: dict[str, tuple[str | None, str | None, str | None, bool, str | None, str | None]] = {}
#: The components whose mounting was given ``isolate_styles`` (warned about once each, in the log).
_WARNED_ISOLATE_STYLES: set[str] = set()


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
        if "isolate_styles" in callbacks:
            # Older apps pass it here; Streamlit 1.67 takes it from component() only, ignores it here and warns.
            callbacks.pop("isolate_styles")
            if self.name not in _WARNED_ISOLATE_STYLES:
                _WARNED_ISOLATE_STYLES.add(self.name)
                log.warning(
                    "the component %r: isolate_styles given when mounting it is ignored (deprecated in Streamlit); "
                    "set it when creating the component instead: st.components.v2.component(..., isolate_styles=...)",
                    self.name,
                )
        html, css, js, isolate_styles, css_url, js_url = _REGISTERED[self.name]
        return bidi_component(
            main, self.name, html=html, css=css, js=js, isolate_styles=isolate_styles, css_url=css_url, js_url=js_url,
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

    ``html`` is markup for the component's root (no ``<html>`` or ``<body>`` needed; its scripts run when it is drawn),
    ``css`` a stylesheet for it, ``js`` a JavaScript module (either of them, in a component of an installed package, may
    be the path or glob of one file of the package's ``asset_dir`` instead) whose default export the page calls each
    time an instance is drawn, with ``{name, key, data, parentElement, setStateValue, setTriggerValue}``; it may return
    a function to call before the next draw and when the instance leaves the page. Any of them may be None.
    ``isolate_styles`` (the default) draws the instance in a shadow root, which ``parentElement`` is, so that its styles
    and the page's stay apart; False draws it in the page's tree. These are the app's own code, run with the page's
    rights: never build them from what users enter.
    """
    if not isinstance(name, str) or not name:
        raise PorchAPIError("components.v2.component(): name must be a non-empty string")
    for label, text in (("html", html), ("css", css), ("js", js)):
        if text is not None and not isinstance(text, str):
            raise PorchAPIError(f"components.v2.component({name!r}): {label} must be a string (the text itself)")
    css_url = _asset_url(name, "css", css) if css is not None and looks_like_path(css) else None
    js_url = _asset_url(name, "js", js) if js is not None and looks_like_path(js) else None
    definition = (html, None if css_url else css, None if js_url else js, bool(isolate_styles), css_url, js_url)
    if _REGISTERED.get(name, definition) != definition:
        log.warning("the component %r was registered again with other content: the last registration is used", name)
    _REGISTERED[name] = definition
    return ComponentRenderer(name)


def _asset_url(name: str, label: str, pattern: str) -> str:
    """The URL (relative to the page) of the file of component ``name``'s asset folder that ``pattern`` names; the
    folder is served from then on (:mod:`porch.component_assets`)."""
    call = f"components.v2.component({name!r})"
    try:
        root = asset_root(name)
        if root is None:
            raise ValueError(
                f"{label}={pattern!r} names a file, but no installed package declares the component {name!r} with an "
                "asset_dir (a [tool.streamlit.component] table in the pyproject.toml it ships, whose project name "
                "and component name make this one); give the code itself, or install the package"
            )
        relative = resolve(root, pattern)
    except ValueError as exc:
        raise PorchAPIError(f"{call}: {exc}") from None
    served = f"v2:{name}"
    REGISTRY.register(served, root)
    return f"_porch/component/{quote(served, safe='')}/{quote(relative)}"
