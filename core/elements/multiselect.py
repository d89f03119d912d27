"""``multiselect``: any number of options, as removable chips."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import PorchAPIError
from ..widgets import options_codec
from ._options import Format, labels, options_list
from ._place import Args, Block, Callback, Kwargs, WidgetProps, show_widget


class Props(WidgetProps):
    options: list[str]
    max_selections: int | None
    placeholder: str


def multiselect(
    place: Block,
    label: str,
    options: Iterable[Any],
    default: Any = None,
    format_func: Format = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    max_selections: int | None = None,
    placeholder: str = "Choose an option",
    disabled: bool = False,
    label_visibility: str = "visible",
) -> list[Any]:
    """Show ``options`` to pick any number of; return the list picked, in the order picked.

    ``default`` is an option or a list of options picked at first; ``max_selections`` caps how many.
    """
    opts = options_list(options)
    if default is None:
        chosen: list[Any] = []
    elif isinstance(default, (list, tuple, set)) or hasattr(default, "tolist"):
        chosen = list(default)
    else:
        chosen = [default]
    codec = options_codec(opts, max_selections)
    try:
        codec.to_wire(chosen)
    except ValueError as exc:
        raise PorchAPIError(f"multiselect({label!r}): default {default!r} does not fit: {exc}") from None
    result: list[Any] = show_widget(
        place,
        "multiselect",
        str(label),
        {"options": labels(opts, format_func), "max_selections": max_selections, "placeholder": placeholder},
        key=key,
        default=chosen,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        value_given=default is not None,
    )
    return list(result)
