"""``selectbox``: one option of several, in a drop-down."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..widgets import option_codec
from ._options import Format, labels, option_at, options_list
from ._place import Args, Block, Callback, Kwargs, WidgetProps, show_widget


class Props(WidgetProps):
    options: list[str]
    placeholder: str


def selectbox(
    place: Block,
    label: str,
    options: Iterable[Any],
    index: int | None = 0,
    format_func: Format = str,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str = "Choose an option",
    disabled: bool = False,
    label_visibility: str = "visible",
) -> Any:
    """Show a drop-down of ``options``; return the option chosen (the object itself).

    ``index`` is the option chosen at first; ``index=None`` starts empty (value None) showing ``placeholder``.
    ``options`` may be any iterable, a pandas Series or a DataFrame (its first column).
    """
    opts = options_list(options)
    return show_widget(
        place,
        "selectbox",
        str(label),
        {"options": labels(opts, format_func), "placeholder": placeholder},
        key=key,
        default=option_at(opts, index, "selectbox"),
        codec=option_codec(opts, allow_none=index is None or not opts),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        value_given=index != 0,
    )
