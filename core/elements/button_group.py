"""``pills`` and ``segmented_control``: one wire kind, ``button_group``, a row of toggle buttons drawn by ``style``.

Pills are rounded chips that wrap onto more lines; a segmented control is one joined row of segments. Both choose one
option (``selection_mode="single"``: the value is the option or None) or several (``"multi"``: a list, in the order
the user chose them, as Streamlit returns it). The wire carries the chosen indices: none or one of them for a single
selection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from .. import markdown_html
from ..errors import PorchAPIError
from ..widgets import selection_codec
from ._layout import width_of, wrap_of
from ._options import labels, options_list
from ._place import Args, Block, Kwargs, WidgetProps, show_widget

SELECTION_MODES = ("single", "multi")
Style = Literal["pills", "segmented_control"]
#: ``on_change``: a function called before the rerun, or "rerun" (the default) / None for a plain rerun.
OnChange = Callable[..., Any] | Literal["rerun", "ignore"] | None


class Props(WidgetProps):
    #: "pills" or "segmented_control": how the client draws the options.
    style: str
    #: "single" or "multi".
    selection_mode: str
    #: A single selection cannot be cleared by clicking the selected option again.
    required: bool
    #: The labels, as ``format_func`` gives them (Markdown source).
    options: list[str]
    #: The labels as inline Markdown rendered to HTML (raw HTML escaped).
    options_html: list[str]
    #: "content" (as wide as the options, the default), "stretch" or pixels.
    width: str | int
    #: Whether the options wrap onto more rows: True, False (one row scrolling sideways), None (the layout decides:
    #: one row directly in a column or a horizontal container).
    wrap: bool | None


def pills(
    place: Block,
    label: str,
    options: Iterable[Any],
    *,
    selection_mode: Literal["single", "multi"] = "single",
    default: Any = None,
    required: bool = False,
    format_func: Callable[[Any], Any] | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: int | Literal["content", "stretch"] = "content",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show ``options`` as pills (rounded buttons that wrap onto more lines); return what is chosen.

    ``selection_mode="single"`` (the default) returns the chosen option itself, or None; ``"multi"`` returns a list
    of the chosen options, in the order they were chosen (an empty list when none is). ``default`` is what is chosen
    at first: an option (or, in multi mode, a list of options). ``required=True`` (single mode only) keeps a choice
    once made: clicking the chosen pill again does not clear it (the page's rule, as in Streamlit: the server takes
    None from a client that bypasses the page, or ``AppTest``); with no ``default`` the value is None until the
    user chooses. ``format_func`` maps an option to its label, which may use inline Markdown (bold, italics, code,
    links, ``:red[coloured text]``); options can be any objects, a pandas Series or a DataFrame's first column.

    ``on_change`` is "rerun" (the default) or a function called, with ``args`` and ``kwargs``, before the rerun a
    change causes; "ignore" keeps a change in the page, without a rerun, until something else reruns the script,
    which then sees it. ``width`` is "content" (the default), "stretch" (the options share the container's width) or
    pixels; ``wrap`` is whether the options wrap onto more rows: True, False (one row that scrolls sideways) or None
    (the default: one row directly in a column or a horizontal container, wrapping elsewhere); ``disabled`` shows
    the pills without taking clicks; ``label_visibility`` is "visible", "hidden" (space kept) or "collapsed";
    ``help`` shows a tooltip by the label.

    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    return _button_group(
        place, "pills", label, options, selection_mode, default, required, format_func, key, help, on_change, args,
        kwargs, disabled, label_visibility, width, wrap, bind=bind, persist_state=persist_state,
    )


def segmented_control(
    place: Block,
    label: str,
    options: Iterable[Any],
    *,
    selection_mode: Literal["single", "multi"] = "single",
    default: Any = None,
    required: bool = False,
    format_func: Callable[[Any], Any] | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: int | Literal["content", "stretch"] = "content",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show ``options`` as a segmented control (one joined row of buttons); return what is chosen.

    The parameters and the value are those of :func:`pills`: ``selection_mode`` "single" (the option or None) or
    "multi" (a list, in the order chosen), ``default``, ``required`` (a single choice cannot be cleared),
    ``format_func`` (labels, inline Markdown), ``on_change`` with ``args``/``kwargs`` (or "ignore"), ``disabled``,
    ``help``, ``label_visibility``, ``width``, ``wrap``, ``bind`` and ``persist_state``.
    """
    return _button_group(
        place, "segmented_control", label, options, selection_mode, default, required, format_func, key, help,
        on_change, args, kwargs, disabled, label_visibility, width, wrap, bind=bind, persist_state=persist_state,
    )


def _button_group(
    place: Block,
    style: Style,
    label: str,
    options: Iterable[Any],
    selection_mode: str,
    default: Any,
    required: bool,
    format_func: Callable[[Any], Any] | None,
    key: str | None,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    width: Any,
    wrap: Any,
    *,
    bind: Any = None,
    persist_state: Any = None,
) -> Any:
    call = f"{style}({label!r})"
    if selection_mode not in SELECTION_MODES:
        raise PorchAPIError(f"{call}: selection_mode must be 'single' or 'multi', not {selection_mode!r}")
    multi = selection_mode == "multi"
    if required and multi:
        raise PorchAPIError(f"{call}: required=True is only for selection_mode='single'")
    if not (on_change is None or on_change in ("rerun", "ignore") or callable(on_change)):
        raise PorchAPIError(f"{call}: on_change must be a function, 'rerun' or 'ignore', not {on_change!r}")
    try:
        opts = options_list(options)
    except PorchAPIError as exc:
        raise PorchAPIError(f"{call}: {exc}") from None
    chosen = _default(opts, default, multi, call)
    codec = selection_codec(opts, multi=multi)
    try:
        codec.to_wire(chosen)
    except ValueError as exc:
        raise PorchAPIError(f"{call}: default {default!r} does not fit: {exc}") from None
    shown = labels(opts, format_func if format_func is not None else str)
    props = {
        "style": style,
        "selection_mode": selection_mode,
        "required": bool(required),
        "options": shown,
        "options_html": [markdown_html.render_inline(text) for text in shown],
        "width": width_of(width, call),
        "wrap": wrap_of(wrap, call),
    }
    value = show_widget(
        place,
        "button_group",
        str(label),
        props,
        key=key,
        default=chosen,
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=default is not None,
        identity=f"{style}\0{label}",  # pills("X") and segmented_control("X") side by side are two widgets
        identity_params={  # Streamlit's compute_and_register_element_id(style, ...)
            "options": shown, "default": codec.to_wire(chosen), "click_mode": selection_mode, "width": width,
            "help": help,
        },
        keyed_identity=("click_mode",),
    )
    return list(value) if multi else value


def _default(options: list[Any], default: Any, multi: bool, call: str) -> Any:
    """What is chosen at first: a list for multi mode, else an option or None. A list of one is its option."""
    if default is None:
        return [] if multi else None
    if isinstance(default, (list, tuple, set, frozenset)) or hasattr(default, "tolist"):
        many = list(default.tolist() if hasattr(default, "tolist") else default)
    else:
        many = [default]
    distinct: list[Any] = []
    for item in many:
        if not any(item is seen or item == seen for seen in distinct):
            distinct.append(item)
    if multi:
        return distinct
    if len(distinct) > 1:
        raise PorchAPIError(f"{call}: default must be a single option when selection_mode='single'")
    return distinct[0] if distinct else None
