"""``selectbox``: one option of several, in a drop-down list the user may filter by typing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, Literal

from ._icons import icon_of
from ._layout import Width, choice_of, width_of
from ._options import FILTER_MODES, Format, choice_codec, labels, option_at, options_list
from ._place import Args, Block, Defaults, Kwargs, OnChange, WidgetProps, show_widget

FilterMode = Literal["fuzzy", "contains", "prefix"] | None


class Props(WidgetProps):
    options: list[str]
    placeholder: str
    #: The user may not empty it (nor leave it empty: the field is marked invalid until an option is chosen).
    required: bool
    #: An emoji shown at the start of the field, or None.
    icon: str | None
    #: The user may type an option that is not in the list; the wire value is then its text.
    accept_new_options: bool
    #: How typing filters the options: "fuzzy", "contains", "prefix", or None (no typing).
    filter_mode: str | None
    #: The user may empty it (it started empty and is not required).
    clearable: bool
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/selectbox.js has the same).
DEFAULTS: Final[Defaults] = {
    "placeholder": None, "required": False, "icon": None, "accept_new_options": False,
    "filter_mode": "fuzzy", "clearable": False, "width": "stretch",
}


def selectbox(
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
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    accept_new_options: bool = False,
    filter_mode: FilterMode = "fuzzy",
    width: Width = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> Any:
    """Show a drop-down of ``options``; return the option chosen (the object itself).

    ``index`` is the option chosen at first; ``index=None`` starts empty (value None) showing ``placeholder``
    ("Choose an option" by default). ``options`` may be any iterable, a pandas Series or a DataFrame (its first
    column); ``format_func`` makes each option's label.

    Typing in the field filters the list: ``filter_mode`` "fuzzy" (the default: the typed letters in order,
    anywhere in the label), "contains", "prefix", or None (no typing; pick from the list). With
    ``accept_new_options=True`` the user may also enter text that is no option: the value is then that string.
    A selectbox that started empty can be emptied again, unless ``required=True``: then it stays empty (and marked
    as needing a choice) until the user picks an option, and cannot be emptied after. As in Streamlit, that is the
    page's rule: the server takes None from a client that bypasses the page (or ``AppTest``).

    ``icon`` is an emoji or Material icon in the field; ``width`` is "stretch" (the default), "content" or pixels.
    ``on_change`` is a function run before the rerun a change causes, or "rerun" (the default). 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    call = f"selectbox({label!r})"
    opts = options_list(options)
    shown = labels(opts, format_func)
    mode = choice_of(filter_mode, FILTER_MODES, call, "filter_mode")
    default = option_at(opts, index, "selectbox")
    empty = default is None
    return show_widget(
        place,
        "selectbox",
        str(label),
        {
            "options": shown,
            "placeholder": None if placeholder is None else str(placeholder),  # None: the page's own, as Streamlit's
            "required": bool(required),
            "icon": icon_of(icon, call),
            "accept_new_options": bool(accept_new_options),
            "filter_mode": mode,
            "clearable": empty and not required,
            "width": width_of(width, call),
        },
        key=key,
        default=default,
        codec=choice_codec(
            opts, shown, empty=empty, clearable=empty, accept_new=bool(accept_new_options)
        ),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("selectbox", ...)
            "options": shown, "index": index, "help": help, "placeholder": placeholder,
            "accept_new_options": accept_new_options, "filter_mode": mode, "width": width, "required": required,
            "icon": icon,
        },
        keyed_identity=("accept_new_options",),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=index is not None and index != 0,  # as Streamlit: neither None nor the first option warns
        defaults=DEFAULTS,
    )
