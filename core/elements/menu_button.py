"""``menu_button``: a button that opens a menu of options; choosing one returns it in the run the choice caused.

It is a trigger, as a button is, that carries a value: the client sends the chosen option's index with the trigger
(``rerun`` with ``widgets: {id: index}`` and ``trigger: id``); the codec refuses an index that is no option's, and a
trigger without one. In every other run the value is None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from .. import markdown_html
from ..errors import PorchAPIError
from ..widgets import option_codec
from ._icons import icon_of
from ._layout import Width, width_of, wrap_of
from ._options import labels, options_list
from ._place import Args, Block, Kwargs, WidgetProps, form_of, show_widget
from .button import ButtonType

BUTTON_TYPES = ("primary", "secondary", "tertiary")


class Props(WidgetProps):
    #: "primary", "secondary" or "tertiary", as for a button.
    type: str
    #: An emoji before the label, or None.
    icon: str | None
    #: "content", "stretch" or pixels.
    width: str | int
    #: Whether a long label wraps: True, False (one line with an ellipsis, the full label on hover), None (the
    #: layout decides: one line directly in a column or a horizontal container).
    wrap: bool | None
    #: The options' labels, as ``format_func`` gives them (Markdown source).
    options: list[str]
    #: The labels as inline Markdown rendered to HTML (raw HTML escaped).
    options_html: list[str]


def menu_button(
    place: Block,
    label: str,
    options: Iterable[Any],
    *,
    key: str | None = None,
    help: str | None = None,
    on_click: Callable[..., Any] | None = None,
    args: Args = None,
    kwargs: Kwargs = None,
    type: ButtonType = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    width: Width = "content",
    format_func: Callable[[Any], Any] = str,
    wrap: bool | None = None,
) -> Any:
    """Show a button that opens a menu of ``options``; return the option chosen in the run the choice caused, None in
    every other run (as :func:`button` returns True only in the run its click caused).

    Opening and closing the menu without choosing does not rerun the script. ``options`` can be any iterable (a
    list, a pandas Series, a DataFrame's first column); ``format_func`` maps an option to its label, which may use
    inline Markdown (bold, italics, code, links, ``:red[coloured text]``); no two labels may be the same. The value
    is the option itself.

    ``on_click`` is a function called, with ``args`` and ``kwargs``, before the rerun a choice causes; inside it
    ``session_state[key]`` holds the option chosen (as in Streamlit, the option is not passed to it). The value in
    ``session_state[key]`` cannot be set by the script. ``type`` is the button's emphasis ("primary", "secondary" or
    "tertiary"), ``icon`` an emoji or Material icon before the label, ``help`` a tooltip, ``disabled`` shows the button
    without opening the menu; ``width`` is "content" (the default), "stretch" or pixels. The menu works from the
    keyboard: Enter, Space or the down arrow opens it, the arrow keys, Home and End move, Enter chooses, Escape closes.

    A menu button cannot be used inside a form. ``wrap`` is whether a long label wraps: True, False (one line cut
    with an ellipsis, the full label on hover) or None (the default: one line directly in a column or a horizontal
    container, wrapping elsewhere).
    """
    call = f"menu_button({label!r})"
    label = "" if label is None else str(label)
    if form_of(place) is not None:
        raise PorchAPIError(f"{call} cannot be used inside a form.")
    if not isinstance(type, str) or type not in BUTTON_TYPES:
        raise PorchAPIError(f"{call}: type must be 'primary', 'secondary' or 'tertiary', not {type!r}")
    if on_click is not None and not callable(on_click):
        raise PorchAPIError(f"{call}: on_click must be a function or None, not {on_click!r}")
    try:
        opts = options_list(options)
    except PorchAPIError as exc:
        raise PorchAPIError(f"{call}: {exc}") from None
    if not opts:
        raise PorchAPIError(f"{call}: options must hold at least one option")
    shown = labels(opts, format_func)
    if len(set(shown)) != len(shown):
        raise PorchAPIError(f"{call}: format_func gave two options the same label; each label must be unique")
    props = {
        "type": type,
        "icon": icon_of(icon, call),
        "width": width_of(width, call),
        "wrap": wrap_of(wrap, call),
        "options": shown,
        "options_html": [markdown_html.render_inline(text) for text in shown],
    }
    return show_widget(
        place,
        "menu_button",
        label,
        props,
        key=key,
        default=None,
        codec=option_codec(opts, allow_none=False),
        help=help,
        disabled=disabled,
        on_change=on_click,
        args=args,
        kwargs=kwargs,
        trigger=True,
        payload=True,
        read_only=True,
        # Streamlit's compute_and_register_element_id("menu_button", ...), key_as_main_identity=True
        identity_params={"options": shown, "help": help, "type": type, "icon": icon, "width": width},
    )
