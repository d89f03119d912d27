"""``text_area``: several lines of text."""

from __future__ import annotations

from typing import Any, Final, Literal, Protocol, overload

from ..errors import PorchAPIError
from ..widgets import text_codec
from ._layout import Width, width_of
from ._place import Args, Block, Defaults, Kwargs, OnChange, WidgetProps, show_widget

Height = int | Literal["content", "stretch"] | None


class Props(WidgetProps):
    max_chars: int | None
    #: Pixels, "content" (grows with the text), "stretch" (the container's height) or None (a few lines).
    height: int | str | None
    placeholder: str | None
    #: The page never sends an empty value; it marks the field as needing text (the server takes any text).
    required: bool
    #: "stretch", "content" or pixels.
    width: str | int


#: Props left off the wire at these values (webui/elements/text_area.js has the same).
DEFAULTS: Final[Defaults] = {
    "max_chars": None, "height": None, "placeholder": None, "required": False, "width": "stretch",
}


def text_area(
    place: Block,
    label: str,
    value: str | None = "",
    height: Height = None,
    max_chars: int | None = None,
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
    width: Width = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> str | None:
    """Show a multi-line text input starting at ``value``; return its text (sent on Ctrl+Enter or when the user
    leaves the field). ``value=None`` starts empty and returns None until typed in.

    ``height`` is in pixels, "content" (the field grows with its text), "stretch" (the container's
    height) or None (room for a few lines). ``required=True``: the page never sends an empty text; it marks the field
    as needing text (a check in the user's browser, as Streamlit's: a client that bypasses the page, or ``AppTest``,
    can send "", so check on the server what must hold). ``width`` is "stretch" (the default), "content" or pixels.
    ``on_change`` is a function run before the rerun a change causes, or "rerun" (the default). 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    call = f"text_area({label!r})"
    if height is not None and not (isinstance(height, str) and height in ("content", "stretch")):
        if isinstance(height, bool) or not isinstance(height, int) or height <= 0:
            raise PorchAPIError(f"{call}: height must be pixels, 'content', 'stretch' or None, not {height!r}")
    codec = text_codec(max_chars, allow_none=value is None)
    result: str | None = show_widget(
        place,
        "text_area",
        str(label),
        {
            "max_chars": max_chars,
            "height": height,
            "placeholder": placeholder,
            "required": bool(required),
            "width": width_of(width, call),
        },
        key=key,
        default=None if value is None else str(value),
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("text_area", ...)
            "value": value, "height": height, "max_chars": max_chars, "help": help, "placeholder": str(placeholder),
            "width": width, "required": required,
        },
        keyed_identity=("max_chars",),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value not in ("", None),
        defaults=DEFAULTS,
    )
    return result


class TextArea(Protocol):
    """``text_area`` as a script sees it: a str, or ``str | None`` when it may start empty."""

    @overload
    def __call__(
        self,
        label: str,
        value: str = "",
        height: Height = None,
        max_chars: int | None = None,
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
        width: Width = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> str: ...

    @overload
    def __call__(
        self,
        label: str,
        value: str | None,
        height: Height = None,
        max_chars: int | None = None,
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
        width: Width = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> str | None: ...
