"""``button`` and ``form_submit_button``: one wire kind, ``button``; True only in the run its click caused."""

from __future__ import annotations

from typing import Final, Literal

from ..errors import PorchAPIError
from ..widgets import BOOL
from ._icons import icon_of
from ._layout import Width, choice_of, container_width, wrap_of
from ._place import (
    Args, Block, Callback, Defaults, Kwargs, OnChange, WidgetProps, callback_of, form_of, show_widget,
)
from ._shortcut import shortcut_of

ButtonType = Literal["primary", "secondary", "tertiary"]


ICON_POSITIONS = ("left", "right")


class Props(WidgetProps):
    type: str
    icon: str | None
    #: "left" or "right": which side of the label the icon is on.
    icon_position: str
    #: "content" (as wide as the label), "stretch" or pixels.
    width: str | int
    #: A form's submit button: its click sends the form's values.
    submit: bool
    #: The keyboard shortcut that clicks it, normalized (``_shortcut.py``: "ctrl+shift+k"), or None.
    shortcut: str | None
    #: Whether a long label wraps: True, False (one line with an ellipsis, the full label on hover), None (the
    #: layout decides: one line directly in a column or a horizontal container).
    wrap: bool | None


#: Props left off the wire at these values (webui/elements/button.js has the same).
DEFAULTS: Final[Defaults] = {
    "type": "secondary", "icon": None, "icon_position": "left", "width": "content", "submit": False,
    "shortcut": None, "wrap": None,
}


def button(
    place: Block,
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_click: OnChange = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    type: ButtonType = "secondary",
    icon: str | None = None,
    icon_position: Literal["left", "right"] = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """Show a button; return True in the run its click caused, False otherwise.

    ``on_click`` runs (with ``args`` and ``kwargs``) before that run ("rerun" or None: no function). ``type`` is its
    emphasis: "primary", "secondary" or "tertiary" (plain text). ``icon`` is an emoji, Material icon or spinner on the
    ``icon_position`` side of the label ("left" or "right"). ``width`` is "content" (as wide as the label, the default),
    "stretch" (the container's width) or pixels; the deprecated ``use_container_width=True`` is ``width="stretch"``
    (False: "content"). Inside a form, use :func:`form_submit_button`.

    ``shortcut`` is a key that clicks the button, shown on it as a hint: one letter, digit or function key
    (``"K"``, ``"4"``, ``"F2"``), or Enter, Space, Tab, Esc, Backspace, Delete, Home, End, PageUp, PageDown, Left,
    Right, Up, Down, alone or with modifiers (``"Ctrl+K"``, ``"Cmd+Shift+O"``; Ctrl, Cmd, Meta and Mod are one
    modifier, either key pressing it, as are Alt and Option). C and R are reserved, as in Streamlit; a shortcut
    without modifiers does nothing while the user types in a field. ``wrap`` is whether a long label wraps: True,
    False (one line cut with an ellipsis, the full label shown on hover) or None (the default: one line directly in
    a column or a horizontal container, wrapping elsewhere).
    """
    if form_of(place) is not None:
        raise PorchAPIError(f"button({label!r}) cannot be used inside a form; use form_submit_button() there.")
    call = f"button({label!r})"
    return _button(
        place, label, key, help, callback_of(on_click, call, "on_click"), args, kwargs, type, icon, icon_position,
        disabled, container_width(use_container_width, width, call, default="content"), False, call,
        shortcut_of(shortcut, call), wrap_of(wrap, call),
    )


def form_submit_button(
    place: Block,
    label: str = "Submit",
    help: str | None = None,
    on_click: OnChange = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    key: str | None = None,
    type: ButtonType = "secondary",
    icon: str | None = None,
    icon_position: Literal["left", "right"] = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """The button that sends a form: its widgets' values reach the script together, in the run its click causes
    (which returns True). Every form needs one; it can only be used inside a form. Without a ``key`` its key is
    Streamlit's, ``"FormSubmitter:<form>-<label>"``. The other parameters are those of :func:`button`."""
    form = form_of(place)
    if form is None:
        raise PorchAPIError(
            f"form_submit_button({label!r}) must be inside a form: use `with porch.form(\"key\"):` around it."
        )
    call = f"form_submit_button({label!r})"
    if key is None:
        key = f"FormSubmitter:{form}-{label}"
    return _button(
        place, label, key, help, callback_of(on_click, call, "on_click"), args, kwargs, type, icon, icon_position,
        disabled, container_width(use_container_width, width, call, default="content"), True, call,
        shortcut_of(shortcut, call), wrap_of(wrap, call),
    )


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
    icon_position: str,
    disabled: bool,
    width: str | int,
    submit: bool,
    call: str,
    shortcut: str | None,
    wrap: bool | None,
) -> bool:
    result: bool = show_widget(
        place,
        "button",
        str(label),
        {
            "type": type,
            "icon": icon_of(icon, call),
            "icon_position": choice_of(icon_position, ICON_POSITIONS, call, "icon_position"),
            "width": width,
            "submit": submit,
            "shortcut": shortcut,
            "wrap": wrap,
        },
        key=key,
        default=False,
        codec=BOOL,
        help=help,
        disabled=disabled,
        on_change=on_click,
        args=args,
        kwargs=kwargs,
        trigger=True,
        defaults=DEFAULTS,
        identity_params={  # Streamlit's compute_and_register_element_id("button", ...), key_as_main_identity=True
            "icon": icon, "help": help, "is_form_submitter": submit, "type": type, "width": width,
            "icon_position": icon_position, "shortcut": shortcut,
        },
    )
    return result
