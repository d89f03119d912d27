"""``text_area``: several lines of text."""

from __future__ import annotations

from typing import Protocol, overload

from ..widgets import text_codec
from ._place import Args, Block, Callback, Kwargs, WidgetProps, show_widget


class Props(WidgetProps):
    max_chars: int | None
    height: int | None
    placeholder: str | None


def text_area(
    place: Block,
    label: str,
    value: str | None = "",
    height: int | None = None,
    max_chars: int | None = None,
    key: str | None = None,
    help: str | None = None,
    on_change: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
) -> str | None:
    """Show a multi-line text input starting at ``value``; return its text (sent on Ctrl+Enter or when the user
    leaves the field). ``height`` is in pixels; ``value=None`` starts empty and returns None until typed in."""
    result: str | None = show_widget(
        place,
        "text_area",
        str(label),
        {"max_chars": max_chars, "height": height, "placeholder": placeholder},
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


class TextArea(Protocol):
    """``text_area`` as a script sees it: a str, or ``str | None`` when it may start empty."""

    @overload
    def __call__(
        self,
        label: str,
        value: str = "",
        height: int | None = None,
        max_chars: int | None = None,
        key: str | None = None,
        help: str | None = None,
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
        height: int | None = None,
        max_chars: int | None = None,
        key: str | None = None,
        help: str | None = None,
        on_change: Callback = None,
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        label_visibility: str = "visible",
    ) -> str | None: ...
