"""``color_picker``: a colour, chosen with the browser's own picker; the value is a hex string ``"#rrggbb"``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from ..errors import PorchAPIError
from ..widgets import Codec
from ._place import Args, Block, Kwargs, WidgetProps, show_widget

#: ``#rgb`` or ``#rrggbb``, in either case; nothing else (no names, no alpha, no spaces).
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
DEFAULT = "#000000"


class Props(WidgetProps):
    pass


def hex_colour(value: Any) -> str:
    """``value`` as ``"#rrggbb"`` in lower case (``"#rgb"`` expanded); ``ValueError`` if it is no hex colour."""
    if not isinstance(value, str) or HEX_COLOUR.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not a hex colour such as '#00ffaa' or '#0fa'")
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


#: The wire carries ``"#rrggbb"`` both ways; a client's ``"#rgb"`` is taken too, anything else refused.
COLOUR = Codec(to_wire=hex_colour, from_wire=hex_colour)


def color_picker(
    place: Block,
    label: str,
    value: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callable[..., Any] | Literal["rerun"] | None = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: int | Literal["content", "stretch"] = "content",
    bind: Literal["query-params"] | None = None,
    persist_state: Any = None,
) -> str:
    """Show a colour swatch that opens the browser's colour picker; return the colour chosen as ``"#rrggbb"`` (hex,
    lower case).

    ``value`` is the colour at first: ``"#rrggbb"`` or the short ``"#rgb"`` (``"#0fa"`` is ``"#00ffaa"``), black
    when None. ``on_change`` (with ``args`` and ``kwargs``) runs before the rerun a new colour causes; the default
    ``"rerun"`` just reruns. ``on_change="ignore"`` (keep the colour without a rerun) is not supported yet and is an
    error. ``width``, ``bind`` (mirroring the value in the URL) and ``persist_state`` are accepted for Streamlit's
    signature and have no effect yet: the picker is as wide as its swatch and its value lives in the session.
    """
    if not (on_change is None or callable(on_change) or (isinstance(on_change, str) and on_change == "rerun")):
        raise PorchAPIError(
            f"color_picker({label!r}): on_change must be a function or 'rerun' (the default), not {on_change!r} "
            "(on_change='ignore', keeping a new colour without a rerun, is not supported yet)"
        )
    try:
        default = DEFAULT if value is None else hex_colour(value)
    except ValueError as exc:
        raise PorchAPIError(f"color_picker({label!r}): value {exc}") from None
    result = show_widget(
        place,
        "color_picker",
        str(label),
        {},
        key=key,
        default=default,
        codec=COLOUR,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change if callable(on_change) else None,
        args=args,
        kwargs=kwargs,
        value_given=value is not None,
    )
    # A colour set through session_state is kept as the script wrote it; the script always gets the one spelling.
    return hex_colour(result)
