"""``radio``: one option of several, all visible."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

from ..widgets import option_codec
from ._options import Format, labels, option_at, options_list
from ._layout import Width, width_of
from ._place import Args, Block, Defaults, Kwargs, OnChange, WidgetProps, show_widget


class Props(WidgetProps):
    options: list[str]
    captions: list[str] | None
    horizontal: bool
    #: "content" (as wide as the options), "stretch" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/radio.js has the same).
DEFAULTS: Final[Defaults] = {"captions": None, "horizontal": False, "width": "content"}


def radio(
    place: Block,
    label: str,
    options: Iterable[Any],
    index: int | None = 0,
    format_func: Format = str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    horizontal: bool = False,
    captions: Sequence[str] | None = None,
    label_visibility: str = "visible",
    width: Width = "content",
    bind: str | None = None,
    persist_state: Any = None,
) -> Any:
    """Show ``options`` as radio buttons; return the option chosen (the object itself, not its label).

    ``index`` is the option chosen at first (``None``: none, and the value is None until one is). ``format_func``
    makes each option's label; ``captions`` are shown under the labels; ``horizontal`` lays them out in a row.
    ``on_change`` is a function run before the rerun a change causes, or "rerun" (the default). ``width`` is
    "content" (the default), "stretch" or pixels. 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    opts = options_list(options)
    shown = labels(opts, format_func)
    return show_widget(
        place,
        "radio",
        str(label),
        {
            "options": shown,
            "captions": [str(c) for c in captions] if captions is not None else None,
            "horizontal": bool(horizontal),
            "width": width_of(width, f"radio({label!r})"),
        },
        key=key,
        default=option_at(opts, index, "radio"),
        codec=option_codec(opts, allow_none=index is None or not opts),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("radio", ...), key_as_main_identity=True
            "options": shown, "index": index, "help": help, "horizontal": horizontal, "captions": captions,
            "width": width,
        },
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=index is not None and index != 0,  # as Streamlit: neither None nor the first option warns
        defaults=DEFAULTS,
    )
