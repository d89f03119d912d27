"""``link_button``: a link drawn as a button, opening its URL in a new tab.

By default (``on_click="ignore"``) it is a plain element: no widget identity, no value, the click never reaches the
server. With ``on_click="rerun"`` or a function it is also a widget that works as a button does (a trigger, True in
the run its click caused), while the browser still opens the link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar, overload

from ..errors import PorchAPIError
from ..widgets import BOOL
from ._icons import icon_of
from ._layout import choice_of, container_width, wrap_of
from ._place import Args, Block, Kwargs, WidgetProps, form_of, show, show_widget
from ._shortcut import shortcut_of
from .button import ICON_POSITIONS, ButtonType

BUTTON_TYPES = ("primary", "secondary", "tertiary")
#: The only schemes a link may have; a URL without a scheme is relative to the app's page, and fine.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# What a browser's URL parser drops before it reads a scheme: C0 controls and spaces at the ends, tabs and line
# breaks anywhere (so that "java\tscript:" is javascript: to a browser, and here too).
_ENDS = "".join(chr(c) for c in range(0x21))
_INSIDE = re.compile(r"[\t\n\r]")

OnClick = Callable[..., Any] | Literal["rerun", "ignore"] | None
Width = int | Literal["content", "stretch"]
Place = TypeVar("Place", covariant=True)


class Props(WidgetProps):
    #: The URL to open, or None when the script's URL is not one a link may have (``javascript:``, ``data:``...).
    url: str | None
    type: str
    icon: str | None
    use_container_width: bool
    #: "left" or "right": which side of the label the icon is on.
    icon_position: str
    #: "content" (as wide as the label, the default), "stretch" or pixels.
    width: str | int
    #: The keyboard shortcut that clicks it, normalized, or None; and whether a long label wraps (see ``button``).
    shortcut: str | None
    wrap: bool | None
    #: Whether a click also reruns the script (``on_click`` is "rerun" or a function): then the element has an id.
    rerun: bool


def link_url(url: str) -> str | None:
    """``url`` as a link may carry it: an http(s) or mailto URL, or a relative one; None for any other scheme."""
    cleaned = _INSIDE.sub("", str(url).strip(_ENDS))
    scheme = _SCHEME.match(cleaned)
    if scheme is not None and scheme.group(1).lower() not in LINK_SCHEMES:
        return None
    return cleaned


def link_button(
    place: Block,
    label: str,
    url: str,
    *,
    key: str | None = None,
    on_click: OnClick = "ignore",
    args: Args = None,
    kwargs: Kwargs = None,
    help: str | None = None,
    type: ButtonType = "secondary",
    icon: str | None = None,
    icon_position: Literal["left", "right"] = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> Block | bool:
    """Show a button that opens ``url`` in a new browser tab (in the desktop window: in the system's browser).

    ``url`` may be an http(s) or mailto URL, or one relative to the app's page; any other (``javascript:``, ``data:``,
    ``file:``...) is never made a link: the button is then shown inert. ``type`` is its emphasis ("primary", "secondary"
    or "tertiary", as for :func:`button`), ``icon`` an emoji or Material icon on the ``icon_position`` side of the
    label ("left" or "right"), ``help`` a tooltip; ``disabled`` shows it without a link. ``width`` is "content" (the
    default), "stretch" (as wide as its container) or pixels; the deprecated ``use_container_width`` wins when given.
    ``shortcut`` (a key that opens it, e.g. ``"Ctrl+K"``) and ``wrap`` are those of :func:`button`.

    By default (``on_click="ignore"``) the click only opens the link, and the call returns the element's place (to
    replace it later). With ``on_click="rerun"`` the click also reruns the script and the call returns True in that
    run, False otherwise, as :func:`button` does; a function given as ``on_click`` runs first, with ``args`` and
    ``kwargs``. ``key`` names the button for that use (and then for ``session_state``); without ``on_click`` it has
    no effect.
    """
    if type not in BUTTON_TYPES:
        raise PorchAPIError(f"link_button({label!r}): type must be one of {BUTTON_TYPES}, not {type!r}")
    ignore = isinstance(on_click, str) and on_click == "ignore"
    mode = isinstance(on_click, str) and on_click in ("rerun", "ignore")
    if not (on_click is None or callable(on_click) or mode):
        raise PorchAPIError(
            f"link_button({label!r}): on_click must be a function, 'rerun' or 'ignore', not {on_click!r}"
        )
    call = f"link_button({label!r})"
    shown_width = container_width(use_container_width, width, call, default="content")
    props = {
        "url": link_url(url), "type": type, "icon": icon_of(icon, call),
        "use_container_width": shown_width == "stretch",
        "icon_position": choice_of(icon_position, ICON_POSITIONS, call, "icon_position"), "width": shown_width,
        "shortcut": shortcut_of(shortcut, call), "wrap": wrap_of(wrap, call), "rerun": not ignore,
    }
    if ignore:
        common: WidgetProps = {
            "label": str(label),
            "label_visibility": "visible",
            "help": help,
            "disabled": bool(disabled),
            "form": form_of(place),
            "value": None,
            "ignore_rerun": False,
        }
        return show(place, "link_button", {**common, **props})
    result: bool = show_widget(
        place,
        "link_button",
        str(label),
        props,
        key=key,
        default=False,
        codec=BOOL,
        help=help,
        disabled=disabled,
        on_change=on_click if callable(on_click) else None,
        args=args,
        kwargs=kwargs,
        trigger=True,
        identity_params={  # Streamlit's compute_and_register_element_id("link_button", ...)
            "icon": icon, "url": url, "help": help, "type": type, "width": width, "icon_position": icon_position,
            "shortcut": props["shortcut"],
        },
    )
    return result


class LinkButton(Protocol[Place]):
    """``link_button`` as a script sees it: the element's place by default, a bool when a click reruns."""

    @overload
    def __call__(
        self,
        label: str,
        url: str,
        *,
        key: str | None = None,
        on_click: Literal["ignore"] = "ignore",
        args: Args = None,
        kwargs: Kwargs = None,
        help: str | None = None,
        type: ButtonType = "secondary",
        icon: str | None = None,
        icon_position: Literal["left", "right"] = "left",
        disabled: bool = False,
        use_container_width: bool | None = None,
        width: Width = "content",
        shortcut: str | None = None,
        wrap: bool | None = None,
    ) -> Place: ...

    @overload
    def __call__(
        self,
        label: str,
        url: str,
        *,
        key: str | None = None,
        on_click: Callable[..., Any] | Literal["rerun"] | None,
        args: Args = None,
        kwargs: Kwargs = None,
        help: str | None = None,
        type: ButtonType = "secondary",
        icon: str | None = None,
        icon_position: Literal["left", "right"] = "left",
        disabled: bool = False,
        use_container_width: bool | None = None,
        width: Width = "content",
        shortcut: str | None = None,
        wrap: bool | None = None,
    ) -> bool: ...
