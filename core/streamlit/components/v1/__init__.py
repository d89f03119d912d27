"""``streamlit.components.v1``: custom components, and HTML or a web page in a frame, as Streamlit 1.67 has them.

``declare_component(name, path=..., url=...)`` gives a :class:`CustomComponent`; calling it shows an instance of the
component (the ``component`` element: its ``index.html`` in an iframe, speaking Streamlit's component protocol) and
returns the value its frame set. A component published for Streamlit (a package that calls ``declare_component``
with the folder of its built frontend) runs unchanged: Porch serves that folder at
``<base>/_porch/component/<name>/`` and the page speaks the same protocol to the frame.

``html`` and ``iframe`` show the ``iframe`` element: HTML text whose scripts run in a sandboxed frame of an opaque
origin (away from the app's page, cookies and storage), or a web page by URL.

Like Streamlit's, these write where ``porch.<element>`` would: the main area, or the innermost ``with`` block.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from ....api.container import Container, main
from ....api.options import get_option
from ....components import REGISTRY
from ....elements import component as _component
from ....elements.component import MarshallComponentException
from ....elements import iframe as _iframe
from ....elements._framed import framed_document
from ....elements._layout import height_of, width_of
from ....elements._served import show_served
from ....elements.alert import deprecation
from ....errors import PorchAPIError

#: A frame's height when none is given (Streamlit's).
DEFAULT_HEIGHT = 150
#: Added to HTML text shown with ``scrolling=False``: what does not fit the frame is cut off, with no scroll bar.
NO_SCROLLING = "<style>html,body{overflow:hidden}</style>"


class CustomComponent:
    """A declared component; call it to show an instance: ``component(name="x", key="k", default=0)``."""

    def __init__(self, name: str, path: str | None = None, url: str | None = None, module_name: str | None = None):
        if path is None and url is None:
            raise PorchAPIError("Either 'path' or 'url' must be set.")
        self._name = name
        self._path = path
        self._url = url
        self._module_name = module_name

    @property
    def name(self) -> str:
        """The full name: the declaring module's and the name given (``my_package.my_component``)."""
        return self._name

    @property
    def path(self) -> str | None:
        return self._path

    @property
    def url(self) -> str | None:
        return self._url

    @property
    def module_name(self) -> str | None:
        return self._module_name

    @property
    def abspath(self) -> str | None:
        return None if self._path is None else os.path.abspath(self._path)

    def __call__(
        self,
        *args: Any,
        default: Any = None,
        key: str | None = None,
        on_change: Any = None,
        tab_index: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """Show an instance of the component, rendered with ``kwargs``; return the value its frame set (``default``
        until it sets one).

        Every argument is named: the keyword arguments (JSON values, or bytes the frame receives as ``Uint8Array``)
        reach the frame as its ``args``, with ``default`` and ``key``. ``key`` identifies the instance across reruns
        (without one, its arguments do: other arguments make a new instance, which starts from ``default``).
        ``on_change`` is a function called with no arguments when the value changes, before the rerun.
        ``tab_index`` places the frame in keyboard navigation (-1: skipped; None: the browser's default).
        """
        return self.create_instance(*args, default=default, key=key, on_change=on_change, tab_index=tab_index, **kwargs)

    def create_instance(
        self,
        *args: Any,
        default: Any = None,
        key: str | None = None,
        on_change: Any = None,
        tab_index: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """The same as calling the component."""
        if args:
            raise MarshallComponentException(f"Argument '{args[0]}' needs a label")
        if isinstance(on_change, str) and on_change != "rerun":
            raise PorchAPIError(f'`on_change="{on_change}"` is not supported on a component: pass a callback.')
        return _component.component(
            main, self._name, self._url, kwargs, default=default, key=key, on_change=on_change, tab_index=tab_index
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CustomComponent) and (self.name, self.path, self.url, self.module_name) == (
            other.name, other.path, other.url, other.module_name
        )

    def __hash__(self) -> int:
        return hash((self.name, self.path, self.url, self.module_name))

    def __repr__(self) -> str:
        return f"CustomComponent(name={self.name!r}, path={self.path!r}, url={self.url!r})"

    def __str__(self) -> str:
        return f"'{self.name}': {self.path if self.path is not None else self.url}"


def declare_component(name: str, path: str | Path | None = None, url: str | None = None) -> CustomComponent:
    """Declare a custom component; return it, to call like a function.

    ``name`` is short (``"slider"``); the component's full name is the declaring module's name and this one
    (``my_package.slider``; a script run as the app counts as a module named after its file). ``path`` is the folder
    of the component's built frontend, served by the app (its ``index.html`` is what the frame loads); ``url`` is
    where it is served instead (a development server such as ``http://localhost:3001``). One of the two is needed;
    when both are given, ``url`` wins. Without ``url``, when Streamlit's hidden option
    ``server.customComponentBaseUrlPath`` is set, the component loads from ``<that option>/<its full name>/``, as in
    Streamlit (its folder is then not served).
    """
    if isinstance(path, Path):
        path = str(path)
    caller = inspect.currentframe()
    caller = caller.f_back if caller is not None else None
    module_name = _module_name(caller.f_globals, caller.f_code.co_filename) if caller is not None else "__main__"
    full_name = f"{module_name}.{name}"
    # Streamlit's hidden server.customComponentBaseUrlPath: where components are served apart from the app.
    if not url and (base := get_option("server.customComponentBaseUrlPath")):
        url = f"{base}/{full_name}/"
    component = CustomComponent(name=full_name, path=path, url=url, module_name=module_name)
    if path is not None and not url:
        REGISTRY.register(component.name, path)
    return component


def _module_name(globals_: dict[str, Any], filename: str) -> str:
    """The declaring module's name; the file's name without ``.py`` for the script run as ``__main__``."""
    module = str(globals_.get("__name__") or "__main__")
    if module == "__main__":
        module = os.path.splitext(os.path.basename(filename))[0]
    return module


def html(
    html: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> Container:
    """Show ``html`` in a frame where its scripts run: a sandbox of an opaque origin, which cannot reach the app's
    page, its cookies or its storage.

    ``width`` is in pixels (None: the container's width); ``height`` in pixels (None: 150). With ``scrolling=False``
    (the default) what does not fit is cut off, with no scroll bar; ``True`` shows scroll bars when needed.
    ``tab_index`` places the frame in keyboard navigation (-1: skipped; 0 or more: in that order; None: the
    browser's default). Streamlit 1.67 deprecates it in favour of ``st.iframe``; both work.
    """
    call = "components.v1.html()"
    _check_tab_index(call, tab_index)
    src = framed_document(str(html) if scrolling else NO_SCROLLING + str(html))
    props: _iframe.Props = {
        "src": src,
        "served": True,
        "width": "stretch" if width is None else width_of(width, call, keywords=()),
        "height": DEFAULT_HEIGHT if height is None else height_of(height, call, keywords=()),
        "tab_index": tab_index,
        "alt": None,
        "scrolling": bool(scrolling),
    }
    return cast(Container, show_served(main, "iframe", props, [src]))


def iframe(
    src: str,
    width: int | None = None,
    height: int | None = None,
    scrolling: bool = False,
    *,
    tab_index: int | None = None,
) -> Container:
    """Show the web page at ``src`` (an http or https URL, or a path relative to the app) in a frame.

    ``width`` is in pixels (None: the container's width); ``height`` in pixels (None: 150). With ``scrolling=False``
    (the default) what does not fit is cut off, with no scroll bar (the frame's ``scrolling="no"``, as Streamlit
    sets it); ``True`` shows scroll bars when needed. ``tab_index`` places the
    frame in keyboard navigation (-1: skipped; 0 or more: in that order; None: the browser's default). Streamlit
    1.67 deprecates it in favour of ``st.iframe``; both work.
    """
    call = "components.v1.iframe()"
    _check_tab_index(call, tab_index)
    if width is not None:
        width_of(width, call, keywords=())
    if height is not None:
        height_of(height, call, keywords=())
    slot = _iframe.framed(
        main,
        str(src),
        width="stretch" if width is None else width,
        height=DEFAULT_HEIGHT if height is None else height,
        tab_index=tab_index,
        alt=None,
        scrolling=bool(scrolling),
    )
    return cast(Container, slot)


def _check_tab_index(call: str, tab_index: int | None) -> None:
    if tab_index is not None and (isinstance(tab_index, bool) or not isinstance(tab_index, int) or tab_index < -1):
        raise PorchAPIError(f"{call}: tab_index must be None, -1 or a number of 0 or more, not {tab_index!r}")


F = TypeVar("F", bound=Callable[..., Any])


def deprecate_func_name(
    func: F,
    old_name: str,
    removal_date: str,
    extra_message: str | None = None,
    name_override: str | None = None,
    include_st_prefix: bool = True,
    show_in_browser: bool = True,
    show_once: bool = False,
) -> F:
    """``func`` under a name it used to have: it runs as itself, then says (in the log, and as a warning in the app
    while ``client.showErrorDetails`` is "full" and ``show_in_browser``) to use its new name, and that ``old_name``
    goes after ``removal_date``, with ``extra_message``. ``show_once``: the first call only, in any session."""
    new_name = name_override or getattr(func, "__name__", "unknown")
    prefix = "st." if include_st_prefix else ""
    message = (
        f"Please replace `{prefix}{old_name}` with `{prefix}{new_name}`.\n\n"
        f"`{prefix}{old_name}` will be removed after {removal_date}."
        + (f"\n\n{extra_message}" if extra_message else "")
    )

    @functools.wraps(func)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = func(*args, **kwargs)
        deprecation(main, message, in_browser=show_in_browser, once=show_once)
        return result

    wrapped.__name__ = old_name
    return cast(F, wrapped)


__all__ = [
    "CustomComponent", "MarshallComponentException", "declare_component", "deprecate_func_name", "html", "iframe",
]
