"""``checkbox`` and ``toggle``: one wire kind, ``checkbox``, drawn as a switch when ``toggle`` is set."""

from __future__ import annotations

from typing import Any, Final

from ..widgets import BOOL
from ._layout import Width, width_of, wrap_of
from ._place import Args, Block, Defaults, Kwargs, OnChange, WidgetProps, show_widget


class Props(WidgetProps):
    toggle: bool
    #: "content" (as wide as the label), "stretch" or pixels.
    width: str | int
    #: Whether a long label wraps: True, False (one line with an ellipsis, the full label on hover), None (the
    #: layout decides: one line directly in a column or a horizontal container).
    wrap: bool | None


#: Props left off the wire at these values (webui/elements/checkbox.js has the same).
DEFAULTS: Final[Defaults] = {"toggle": False, "width": "content", "wrap": None}


def checkbox(
    place: Block,
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "content",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: Any = None,
) -> bool:
    """Show a checkbox starting at ``value``; return whether it is checked.

    ``on_change`` runs (with ``args``/``kwargs``) before the rerun a change causes ("rerun", the default, or
    "ignore": no function). ``label_visibility`` is "visible", "hidden" (space kept) or "collapsed". ``width`` is
    "content" (as wide as the label, the default), "stretch" or pixels. ``wrap`` is whether a long label wraps: True,
    False (one line cut with an ellipsis, the full label on hover) or None (the default: one line directly in a
    column or a horizontal container, wrapping elsewhere).

    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    return _check(
        place, label, value, key, help, on_change, args, kwargs, disabled, label_visibility, False, width, wrap,
        bind=bind, persist_state=persist_state,
    )


def toggle(
    place: Block,
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: Width = "content",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: Any = None,
) -> bool:
    """A checkbox drawn as an on/off switch; the parameters are those of :func:`checkbox`."""
    return _check(
        place, label, value, key, help, on_change, args, kwargs, disabled, label_visibility, True, width, wrap,
        bind=bind, persist_state=persist_state,
    )


def _check(
    place: Block,
    label: str,
    value: bool,
    key: str | None,
    help: str | None,
    on_change: OnChange,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    toggle: bool,
    width: Any,
    wrap: Any,
    *,
    bind: Any = None,
    persist_state: Any = None,
) -> bool:
    call = f"{'toggle' if toggle else 'checkbox'}({label!r})"
    result: bool = show_widget(
        place,
        "checkbox",
        str(label),
        {"toggle": toggle, "width": width_of(width, call), "wrap": wrap_of(wrap, call)},
        key=key,
        default=bool(value),
        codec=BOOL,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        # Streamlit's compute_and_register_element_id("toggle" or "checkbox", ...), key_as_main_identity=True
        identity_params={"toggle": toggle, "value": bool(value), "help": help, "width": width},
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value is not False,
        defaults=DEFAULTS,
    )
    return result
