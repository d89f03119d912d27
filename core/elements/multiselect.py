"""``multiselect``: any number of options, as removable chips, picked from a list the user may filter by typing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, Literal

from ..errors import PorchAPIError
from ._layout import Width, choice_of, width_of, wrap_of
from ._options import FILTER_MODES, Format, choices_codec, labels, options_list
from ._place import Args, Block, Defaults, Kwargs, OnChange, WidgetProps, show_widget

FilterMode = Literal["fuzzy", "contains", "prefix"] | None


class Props(WidgetProps):
    options: list[str]
    max_selections: int | None
    placeholder: str
    #: The user may type options that are not in the list; the wire value then holds their texts.
    accept_new_options: bool
    #: How typing filters the options: "fuzzy", "contains", "prefix", or None (no typing).
    filter_mode: str | None
    #: Offer "Select all" when at most this many options are left to pick (True: always, False: never).
    select_all: bool | int
    #: "stretch", "content" or pixels.
    width: str | int
    #: Whether the chosen chips wrap onto more rows: True, False (one row scrolling sideways), None (the layout
    #: decides: one row directly in a column or a horizontal container).
    wrap: bool | None


#: Props left off the wire at these values (webui/elements/multiselect.js has the same).
DEFAULTS: Final[Defaults] = {
    "max_selections": None, "placeholder": None, "accept_new_options": False, "filter_mode": "fuzzy",
    "width": "stretch", "wrap": None,
}


def multiselect(
    place: Block,
    label: str,
    options: Iterable[Any],
    default: Any = None,
    format_func: Format = str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    max_selections: int | None = None,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    accept_new_options: bool = False,
    filter_mode: FilterMode = "fuzzy",
    select_all: bool | int = 1000,
    width: Width = "stretch",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: Any = None,
) -> list[Any]:
    """Show ``options`` to pick any number of; return the list picked, in the order picked.

    ``default`` is an option or a list of options picked at first; ``max_selections`` caps how many.
    ``placeholder`` shows while none is picked ("Choose options" by default).

    Typing in the field filters the list: ``filter_mode`` "fuzzy" (the default: the typed letters in order,
    anywhere in the label), "contains", "prefix", or None (no typing). With ``accept_new_options=True`` the user may
    add text that is no option; it joins the list returned as a string. ``select_all`` offers a "Select all" entry
    when at most that many options are left to pick (1000 by default; True: always, False: never; never with
    ``max_selections``).

    ``width`` is "stretch" (the default), "content" or pixels. ``on_change`` is a function run before the rerun a
    change causes, or "rerun" (the default). ``wrap`` is whether the chosen chips wrap onto more rows: True, False
    (one row that scrolls sideways, the clear and open controls staying in place) or None (the default: one row
    directly in a column or a horizontal container, wrapping elsewhere).
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    call = f"multiselect({label!r})"
    opts = options_list(options)
    shown = labels(opts, format_func)
    mode = choice_of(filter_mode, FILTER_MODES, call, "filter_mode")
    if not isinstance(select_all, (bool, int)):
        raise PorchAPIError(f"{call}: select_all must be True, False or a number of options, not {select_all!r}")
    if default is None:
        chosen: list[Any] = []
    elif isinstance(default, (list, tuple, set)) or hasattr(default, "tolist"):
        chosen = list(default.tolist() if hasattr(default, "tolist") else default)
    else:
        chosen = [default]
    codec = choices_codec(opts, shown, max_selections=max_selections, accept_new=bool(accept_new_options))
    try:
        codec.to_wire(chosen)
    except ValueError as exc:
        raise PorchAPIError(f"{call}: default {default!r} does not fit: {exc}") from None
    result: list[Any] = show_widget(
        place,
        "multiselect",
        str(label),
        {
            "options": shown,
            "max_selections": max_selections,
            "placeholder": None if placeholder is None else str(placeholder),  # None: the page's own, as Streamlit's
            "accept_new_options": bool(accept_new_options),
            "filter_mode": mode,
            "select_all": select_all,
            "width": width_of(width, call),
            "wrap": wrap_of(wrap, call),
        },
        key=key,
        default=chosen,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("multiselect", ...)
            "options": shown, "default": codec.to_wire(chosen), "help": help, "max_selections": max_selections,
            "placeholder": placeholder, "accept_new_options": accept_new_options, "filter_mode": mode,
            "select_all": select_all, "width": width,
        },
        keyed_identity=("max_selections", "accept_new_options"),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=default is not None,
        defaults=DEFAULTS,
    )
    return list(result)
