"""``slider``: a number, or a range of two, between bounds."""

from __future__ import annotations

from typing import Any

from ..errors import PorchAPIError
from ..widgets import number_codec, number_range_codec
from ._layout import Width, width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget


class Props(WidgetProps):
    min: int | float
    max: int | float
    step: int | float
    format: str | None
    #: "int" or "float": how the client rounds and shows values.
    dtype: str
    #: "stretch", "content" or pixels.
    width: str | int


def slider(
    place: Block,
    label: str,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    value: Any = None,
    step: int | float | None = None,
    format: str | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> Any:
    """Show a slider; return its number, or a tuple ``(low, high)`` when ``value`` is a pair.

    Bounds default to 0-100 for ints and 0.0-1.0 for floats, ``value`` to ``min_value``, ``step`` to 1 or 0.01.
    The value is an int when every number given is one. ``format`` is a printf-style format for the numbers shown.
    Porch's slider takes numbers only: Streamlit's dates, times and datetimes are an error here.

    ``on_change`` is a function run before the rerun a change causes, or "rerun" (the default). ``width`` is
    "stretch" (the default), "content" or pixels. ``bind`` (query parameters) and ``persist_state`` are accepted for
    Streamlit's signature and have no effect yet.
    """
    shown_width = width_of(width, f"slider({label!r})")
    value_given = value is not None
    is_range = isinstance(value, (list, tuple))
    numbers = [v for v in (min_value, max_value, step, *(value if is_range else [value])) if v is not None]
    for number in numbers:
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise PorchAPIError(f"slider({label!r}) takes numbers, not {number!r}")
    integer = all(isinstance(v, int) for v in numbers)
    if min_value is None:
        min_value = 0 if integer else 0.0
    if max_value is None:
        max_value = 100 if integer else 1.0
    if step is None:
        step = 1 if integer else 0.01
    if min_value > max_value:
        raise PorchAPIError(f"slider({label!r}): min_value {min_value} is greater than max_value {max_value}")
    if value is None:
        value = min_value
    codec = (
        number_range_codec(min_value, max_value, integer=integer)
        if is_range
        else number_codec(min_value, max_value, integer=integer)
    )
    try:
        default = codec.from_wire(list(value)) if is_range else codec.from_wire(value)
    except ValueError as exc:
        raise PorchAPIError(f"slider({label!r}): value {value!r} does not fit: {exc}") from None
    return show_widget(
        place,
        "slider",
        str(label),
        {"min": min_value, "max": max_value, "step": step, "format": format, "dtype": "int" if integer else "float",
         "width": shown_width},
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
