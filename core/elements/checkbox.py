"""``checkbox`` and ``toggle``: one wire kind, ``checkbox``, drawn as a switch when ``toggle`` is set."""

from __future__ import annotations

from ..widgets import BOOL
from ._place import Args, Block, Callback, Kwargs, WidgetProps, show_widget


class Props(WidgetProps):
    toggle: bool


def checkbox(
    place: Block,
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> bool:
    """Show a checkbox starting at ``value``; return whether it is checked.

    ``on_change`` runs (with ``args``/``kwargs``) before the rerun a change causes. ``label_visibility`` is
    "visible", "hidden" (space kept) or "collapsed".
    """
    return _check(place, label, value, key, help, on_change, args, kwargs, disabled, label_visibility, False)


def toggle(
    place: Block,
    label: str,
    value: bool = False,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> bool:
    """A checkbox drawn as an on/off switch; the parameters are those of :func:`checkbox`."""
    return _check(place, label, value, key, help, on_change, args, kwargs, disabled, label_visibility, True)


def _check(
    place: Block,
    label: str,
    value: bool,
    key: str | None,
    help: str | None,
    on_change: Callback,
    args: Args,
    kwargs: Kwargs,
    disabled: bool,
    label_visibility: str,
    toggle: bool,
) -> bool:
    result: bool = show_widget(
        place,
        "checkbox",
        str(label),
        {"toggle": toggle},
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
