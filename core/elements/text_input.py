"""``text_input``: one line of text (or a password)."""

from __future__ import annotations

from typing import Literal, Protocol, overload

from ..errors import PorchAPIError
from ..widgets import text_codec
from ._place import Args, Block, Callback, Kwargs, WidgetProps, show_widget

TextType = Literal["default", "password"]


class Props(WidgetProps):
    max_chars: int | None
    type: str
    placeholder: str | None
    autocomplete: str | None


def text_input(
    place: Block,
    label: str,
    value: str | None = "",
    max_chars: int | None = None,
    key: str | None = None,
    type: TextType = "default",
    help: str | None = None,
    autocomplete: str | None = None,
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> str | None:
    """Show a one-line text input starting at ``value``; return its text (sent when the user presses Enter or
    leaves the field).

    ``value=None`` starts empty and returns None until something is typed. ``max_chars`` caps the length;
    ``type="password"`` hides what is typed.
    """
    if type not in ("default", "password"):
        raise PorchAPIError(f"text_input type must be 'default' or 'password', not {type!r}")
    result: str | None = show_widget(
        place,
        "text_input",
        str(label),
        {"max_chars": max_chars, "type": type, "placeholder": placeholder, "autocomplete": autocomplete},
        key=key,
        default=None if value is None else str(value),
        codec=text_codec(max_chars, allow_none=value is None),
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        value_given=value not in ("", None),
    )
    return result


class TextInput(Protocol):
    """``text_input`` as a script sees it: a str, or ``str | None`` when it may start empty."""

    @overload
    def __call__(
        self,
        label: str,
        value: str = "",
        max_chars: int | None = None,
        key: str | None = None,
        type: TextType = "default",
        help: str | None = None,
        autocomplete: str | None = None,
        on_change: Callback = None,
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str: ...

    @overload
    def __call__(
        self,
        label: str,
        value: str | None,
        max_chars: int | None = None,
        key: str | None = None,
        type: TextType = "default",
        help: str | None = None,
        autocomplete: str | None = None,
        on_change: Callback = None,
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str | None: ...
