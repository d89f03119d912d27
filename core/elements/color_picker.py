"""``color_picker``: a colour, chosen with the browser's own picker; the value is a hex string, ``"#rrggbb"`` or
``"#rgb"``, as it was written (the script's own spelling, as in Streamlit; the page sends ``"#rrggbb"``)."""

from __future__ import annotations

import re
from typing import Any, Literal

from ..errors import PorchAPIError
from ..widgets import Codec
from ._layout import width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget

#: ``#rgb`` or ``#rrggbb``, in either case; nothing else (no names, no alpha, no spaces).
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
DEFAULT = "#000000"


class Props(WidgetProps):
    #: "content" (as wide as the swatch, the default), "stretch" or pixels.
    width: str | int


def hex_colour(value: Any) -> str:
    """``value`` itself if it is a hex colour (``"#rgb"`` or ``"#rrggbb"``, either case), as Streamlit returns it;
    ``ValueError`` if it is none."""
    if not isinstance(value, str) or HEX_COLOUR.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not a hex colour such as '#00ffaa' or '#0fa'")
    return value


#: The wire carries a hex colour as written both ways (the page shows it as ``"#rrggbb"`` and sends that); anything
#: else is refused.
COLOUR = Codec(to_wire=hex_colour, from_wire=hex_colour)


def color_picker(
    place: Block,
    label: str,
    value: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: int | Literal["content", "stretch"] = "content",
    bind: Literal["query-params"] | None = None,
    persist_state: Any = None,
) -> str:
    """Show a colour swatch that opens the browser's colour picker; return the colour chosen as a hex string: the
    picker's ``"#rrggbb"`` (lower case), or until one is picked ``value`` as the script wrote it, as in Streamlit.

    ``value`` is the colour at first: ``"#rrggbb"`` or the short ``"#rgb"`` (``"#0fa"`` shows as ``"#00ffaa"``),
    black when None. ``on_change`` (with ``args`` and ``kwargs``) runs before the rerun a new colour causes; the default
    ``"rerun"`` just reruns; ``"ignore"`` keeps a new colour in the page, without a rerun, until something else
    reruns the script, which then sees it. ``width`` is "content" (the swatch, the default), "stretch" or pixels.
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    shown_width = width_of(width, f"color_picker({label!r})")
    try:
        default = DEFAULT if value is None else hex_colour(value)
    except ValueError as exc:
        raise PorchAPIError(f"color_picker({label!r}): value {exc}") from None
    result = show_widget(
        place,
        "color_picker",
        str(label),
        {"width": shown_width},
        key=key,
        default=default,
        codec=COLOUR,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        # Streamlit's compute_and_register_element_id("color_picker", ...), key_as_main_identity=True
        identity_params={"value": str(value), "help": help, "width": width},
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value is not None,
    )
    return hex_colour(result)  # a colour set through session_state too is returned as the script wrote it
