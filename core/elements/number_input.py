"""``number_input``: a number typed in, with step buttons."""

from __future__ import annotations

from typing import Any, Final

from ..errors import PorchAPIError
from ..widgets import number_codec
from ._icons import icon_of
from ._layout import Width, width_of
from ._place import Args, Block, Defaults, Kwargs, OnChange, WidgetProps, show_widget


class Props(WidgetProps):
    min: int | float | None
    max: int | float | None
    step: int | float
    format: str | None
    dtype: str
    placeholder: str | None
    #: The page never sends an empty value; it marks the field as needing a number (the server takes None where the
    #: input started empty).
    required: bool
    #: An emoji shown at the start of the field, or None.
    icon: str | None
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/number_input.js has the same).
DEFAULTS: Final[Defaults] = {
    "min": None, "max": None, "format": None, "placeholder": None, "required": False, "icon": None,
    "width": "stretch",
}


def number_input(
    place: Block,
    label: str,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    value: Any = "min",
    step: int | float | None = None,
    format: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    width: Width = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> Any:
    """Show a number input; return its number (None while empty, if it started empty with ``value=None``).

    It starts at ``value``, by default ``min_value`` or 0. The value is an int when every number given is an int,
    else a float; ``step`` is what the buttons add (1 or 0.01 by default).

    ``required=True``: the page never sends an empty field; it marks it as needing a number while it is empty. As in
    Streamlit, that check is the browser's: a client that bypasses the page (or ``AppTest``) may empty an input that
    started empty (``value=None``), so check on the server what must hold. ``icon`` is an emoji or Material icon in
    the field; ``width`` is "stretch" (the default), "content" or pixels. ``on_change`` is a function run before the
    rerun a change causes, or "rerun" (the default). 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    shown_width = width_of(width, f"number_input({label!r})")
    value_given = value is not None and not (isinstance(value, str) and value == "min")  # as Streamlit's rule
    given = [v for v in (min_value, max_value, step, None if value in ("min", None) else value) if v is not None]
    for number in given:
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise PorchAPIError(f"number_input({label!r}) takes numbers, not {number!r}")
    integer = bool(given) and all(isinstance(v, int) for v in given)
    if value == "min":
        value = min_value if min_value is not None else (0 if integer else 0.0)
    if step is None:
        step = 1 if integer else 0.01
    # Only an input that starts empty can be emptied again, as in Streamlit.
    codec = number_codec(min_value, max_value, integer=integer, allow_none=value is None)
    try:
        default = codec.from_wire(value)
    except ValueError as exc:
        raise PorchAPIError(f"number_input({label!r}): value {value!r} does not fit: {exc}") from None
    return show_widget(
        place,
        "number_input",
        str(label),
        {
            "min": min_value,
            "max": max_value,
            "step": step,
            "format": format,
            "dtype": "int" if integer else "float",
            "placeholder": placeholder,
            "required": bool(required),
            "icon": icon_of(icon, f"number_input({label!r})"),
            "width": shown_width,
        },
        key=key,
        default=default,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("number_input", ...), key_as_main_identity=True
            "min_value": min_value, "max_value": max_value, "value": default, "step": step, "format": format,
            "help": help, "placeholder": None if placeholder is None else str(placeholder), "icon": icon,
            "width": width, "required": required,
        },
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value_given,
        defaults=DEFAULTS,
        reset_out_of_bounds=True,  # a session_state number beyond the bounds starts over, as in Streamlit
    )

