"""``select_slider``: a slider over a list of options (sizes, months, dates...), or a range of two of them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import PorchAPIError
from ..widgets import option_codec, option_range_codec
from ._options import Format, labels, options_list
from ._layout import Width, width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget


class Props(WidgetProps):
    options: list[str]
    #: "stretch", "content" or pixels.
    width: str | int


def select_slider(
    place: Block,
    label: str,
    options: Iterable[Any] = (),
    value: Any = None,
    format_func: Format = str,
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
    """Show a slider whose stops are ``options``; return the option chosen, or a tuple of two when ``value`` is a
    pair. It starts at ``value``, or the first option.

    ``on_change`` is a function run before the rerun a change causes, or "rerun" (the default). ``width`` is
    "stretch" (the default), "content" or pixels. 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    shown_width = width_of(width, f"select_slider({label!r})")
    opts = options_list(options)
    if not opts:
        raise PorchAPIError(f"select_slider({label!r}) needs at least one option")
    is_range = isinstance(value, (list, tuple))
    codec = option_range_codec(opts) if is_range else option_codec(opts, allow_none=False)
    if value is None:
        default: Any = opts[0]
    else:
        given = tuple(_option_equal_to(opts, v) for v in value) if is_range else _option_equal_to(opts, value)
        try:
            default = codec.from_wire(codec.to_wire(given))
        except ValueError as exc:
            raise PorchAPIError(f"select_slider({label!r}): value {value!r} does not fit: {exc}") from None
    shown = labels(opts, format_func)
    return show_widget(
        place,
        "select_slider",
        str(label),
        {"options": shown, "width": shown_width},
        key=key,
        default=default,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("select_slider", ...), key_as_main_identity=True
            "options": shown, "value": codec.to_wire(default), "help": help, "width": width,
        },
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value is not None,
    )


def _option_equal_to(options: list[Any], value: Any) -> Any:
    """The option equal to ``value``, as Streamlit finds it (with ``==``: a ``datetime`` finds a pandas
    ``Timestamp``, 2 finds 2.0); ``value`` itself when none is, which the codec then refuses."""
    for option in options:
        try:
            if option is value or bool(option == value):
                return option
        except Exception:  # an option whose == is not a truth value (an array)
            continue
    return value
