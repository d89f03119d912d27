"""``number_input``: a number typed in, with step buttons."""

from __future__ import annotations

from typing import Any

from ..errors import PorchAPIError
from ..widgets import number_codec
from ._place import Args, Block, Callback, Kwargs, WidgetProps, show_widget


class Props(WidgetProps):
    min: int | float | None
    max: int | float | None
    step: int | float
    format: str | None
    dtype: str
    placeholder: str | None


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
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """Show a number input; return its number (None while empty, if it started empty with ``value=None``).

    It starts at ``value``, by default ``min_value`` or 0. The value is an int when every number given is an int,
    else a float; ``step`` is what the buttons add (1 or 0.01 by default).
    """
    value_given = not (isinstance(value, str) and value == "min")
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
        },
        key=key,
        default=default,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        value_given=value_given,
    )
