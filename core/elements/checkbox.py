"""``checkbox`` and ``toggle``: one wire kind, ``checkbox``, drawn as a switch when ``toggle`` is set."""

from __future__ import annotations

from typing import Any

from ..widgets import BOOL
from ._layout import Width, width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget


class Props(WidgetProps):
    toggle: bool
    #: "content" (as wide as the label), "stretch" or pixels.
    width: str | int


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
    "content" (as wide as the label, the default), "stretch" or pixels.

    Accepted for Streamlit's signature, with no effect yet: ``wrap`` (a long label always wraps), ``bind`` (keeping
    the value in the page's query parameters) and ``persist_state`` (the value is kept while the widget is shown, as
    for every widget).
    """
    return _check(place, label, value, key, help, on_change, args, kwargs, disabled, label_visibility, False, width)


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
    """A checkbox drawn as an on/off switch; the parameters are those of :func:`checkbox` (``wrap``, ``bind`` and
    ``persist_state`` have no effect yet)."""
    return _check(place, label, value, key, help, on_change, args, kwargs, disabled, label_visibility, True, width)


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
) -> bool:
    call = f"{'toggle' if toggle else 'checkbox'}({label!r})"
    result: bool = show_widget(
        place,
        "checkbox",
        str(label),
        {"toggle": toggle, "width": width_of(width, call)},
        key=key,
        default=bool(value),
        codec=BOOL,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        value_given=value is not False,
    )
    return result
