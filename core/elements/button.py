"""``button`` and ``form_submit_button``: one wire kind, ``button``; True only in the run its click caused."""

from __future__ import annotations

from typing import Literal

from ..errors import PorchAPIError
from ..widgets import BOOL
from ._place import Args, Block, Callback, Kwargs, WidgetProps, form_of, show_widget

ButtonType = Literal["primary", "secondary", "tertiary"]


class Props(WidgetProps):
    type: str
    icon: str | None
    use_container_width: bool
    #: A form's submit button: its click sends the form's values.
    submit: bool


def button(
    place: Block,
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_click: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    type: ButtonType = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool = False,
) -> bool:
    """Show a button; return True in the run its click caused, False otherwise.

    ``on_click`` runs (with ``args`` and ``kwargs``) before that run. ``type`` is its emphasis: "primary",
    "secondary" or "tertiary" (plain text). ``icon`` is an emoji shown before the label. Inside a form, use
    :func:`form_submit_button`.
    """
    if form_of(place) is not None:
        raise PorchAPIError(f"button({label!r}) cannot be used inside a form; use form_submit_button() there.")
    return _button(place, label, key, help, on_click, args, kwargs, type, icon, disabled, use_container_width, False)


def form_submit_button(
    place: Block,
    label: str = "Submit",
    help: str | None = None,
    on_click: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    key: str | None = None,
    type: ButtonType = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool = False,
) -> bool:
    """The button that sends a form: its widgets' values reach the script together, in the run its click causes
    (which returns True). Every form needs one; it can only be used inside a form."""
    if form_of(place) is None:
        raise PorchAPIError(
            f"form_submit_button({label!r}) must be inside a form: use `with porch.form(\"key\"):` around it."
        )
    return _button(place, label, key, help, on_click, args, kwargs, type, icon, disabled, use_container_width, True)


def _button(
    place: Block,
    label: str,
    key: str | None,
    help: str | None,
    on_click: Callback,
    args: Args,
    kwargs: Kwargs,
    type: str,
    icon: str | None,
    disabled: bool,
    use_container_width: bool,
    submit: bool,
) -> bool:
    result: bool = show_widget(
        place,
        "button",
        str(label),
        {"type": type, "icon": icon, "use_container_width": bool(use_container_width), "submit": submit},
        key=key,
        default=False,
        codec=BOOL,
        help=help,
        disabled=disabled,
        on_change=on_click,
        args=args,
        kwargs=kwargs,
        trigger=True,
    )
    return result
