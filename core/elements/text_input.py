"""``text_input``: one line of text (or a password)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, NamedTuple, Protocol, overload

from ..durations import seconds_in
from ..errors import PorchAPIError
from ..widgets import Codec, Refused, text_codec
from ._icons import icon_of
from ._layout import Width, width_of
from ._place import Args, Block, Kwargs, OnChange, RefusedProps, WidgetProps, show_widget

TextType = Literal["default", "password", "email", "url", "phone", "search"]


class TypeDefaults(NamedTuple):
    """What a ``type`` sets when the script does not: each applies where its parameter is None (``""`` turns it
    off), as Streamlit 1.67's smart defaults."""

    #: The input element's ``type`` attribute (the keyboard a phone shows, what the browser fills in).
    html: str
    icon: str | None
    placeholder: str | None
    validate: tuple[str, str] | None
    autocomplete: str


#: Streamlit 1.67's ``type`` values and their defaults (``text_widgets._TEXT_INPUT_TYPE_DEFAULTS``): the patterns are
#: JavaScript's, anchored, checked by the page as a script's own ``validate``.
TYPES: dict[str, TypeDefaults] = {
    "default": TypeDefaults("text", None, None, None, ""),
    "password": TypeDefaults("password", None, None, None, "new-password"),
    "email": TypeDefaults(
        "email", ":material/mail:", "you@example.com", (r"^[^\s@]+@[^\s@]+\.[^\s@]+$", "Enter a valid email address."),
        "email",
    ),
    "url": TypeDefaults(
        "url", ":material/link:", "https://example.com",
        (r"^([Hh][Tt][Tt][Pp][Ss]?://)?[^\s/.]+\.[^\s]+$", "Enter a valid URL."), "url",
    ),
    "phone": TypeDefaults("tel", ":material/call:", "+1 234 567 8900", None, "tel"),
    "search": TypeDefaults("search", ":material/search:", "Search", None, "off"),
}
#: A regular expression the text must match (checked by the page), the same with the message to show when it does
#: not, or a function of the text returning True (valid), False or an error message (run by the server).
Validate = str | tuple[str, str] | Callable[[str], bool | str] | None
#: The pause after typing before a live input sends its text, when ``live=True`` (Streamlit 1.67's), and the longest
#: pause ``live`` may ask for.
LIVE_DEFAULT_MS = 250
LIVE_MAX_MS = 60_000


class Props(WidgetProps, RefusedProps):
    max_chars: int | None
    #: The input element's ``type`` attribute: "text", "password", "email", "url", "tel" or "search" (a search field
    #: has a button that clears it).
    type: str
    placeholder: str | None
    autocomplete: str | None
    #: The page never sends an empty value; it marks the field as needing text (the server takes any text).
    required: bool
    #: An emoji shown at the start of the field, or None.
    icon: str | None
    #: A regular expression (JavaScript's, flags "us") a non-empty text must match for the page to send it, or None.
    validate: str | None
    #: What the page says when the text does not match ``validate``.
    validate_message: str | None
    #: Send the text this many milliseconds after typing pauses (null: on Enter or when the field loses focus).
    live_ms: int | None
    #: "stretch", "content" or pixels.
    width: str | int


def text_input(
    place: Block,
    label: str,
    value: str | None = "",
    max_chars: int | None = None,
    key: str | None = None,
    type: TextType = "default",
    help: str | None = None,
    autocomplete: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    validate: Validate = None,
    live: bool | str = False,
    width: Width = "stretch",
    bind: str | None = None,
    persist_state: Any = None,
) -> str | None:
    """Show a one-line text input starting at ``value``; return its text (sent when the user presses Enter or
    leaves the field, or with ``live`` while typing).

    ``value=None`` starts empty and returns None until something is typed. ``max_chars`` caps the length;
    ``placeholder`` shows in the empty field; ``icon`` is an emoji or Material icon in it. ``type`` is Streamlit's:
    "default", "password" (hides what is typed), "email", "url", "phone" or "search" (the browser's field of that kind:
    a phone's keyboard, autofill, a search field's clear button); the last four also set ``icon``, ``placeholder``,
    ``autocomplete`` and (email and URL) ``validate`` where those are None (``""`` turns one off), as Streamlit does.

    ``required=True``: the page never sends an empty text; it marks the field as needing text. ``validate`` checks a
    non-empty text before it is sent: a regular expression (as JavaScript reads it), or ``(pattern, message)`` to
    say what is wrong; the page marks text that does not match and does not send it. As in Streamlit, ``required``
    and a pattern (with the email and URL patterns ``type`` implies) are checked in the user's browser only: a client
    that bypasses the page (or ``AppTest``) can send any text, so check on the server what must hold. Porch's own
    extension does that: ``validate`` may also be a function of the text (returning True, False or an error
    message), which runs on the server for each non-empty text sent; one it refuses is not taken: the field keeps it,
    marked, with the function's message under it (or "Invalid input."). Streamlit takes only patterns.

    ``live=True`` sends the text 250 ms after typing pauses, so the script reruns while the user types; a duration
    such as ``"500ms"``, ``"1s"`` or ``"1m"`` (pandas' forms, as in Streamlit) sets the pause (at most a minute;
    ``"0ms"`` sends every change; a bare number is nanoseconds, as pandas reads it). ``width`` is "stretch" (the
    default), "content" or pixels.
    ``on_change`` is a function run before the rerun a change causes, or "rerun" (the default). 
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    call = f"text_input({label!r})"
    defaults = TYPES.get(type) if isinstance(type, str) else None
    if defaults is None:
        raise PorchAPIError(f"{call}: type must be one of {', '.join(map(repr, TYPES))}, not {type!r}")
    if bind == "query-params" and type == "password":
        raise PorchAPIError(f"{call}: bind='query-params' and type='password' cannot be used together: password "
                            "values must not appear in URLs.")
    pattern, message, check = _validation(defaults.validate if validate is None else validate, call)
    codec = text_codec(max_chars, allow_none=value is None)
    if check is not None:
        codec = _validated(codec, check)
    live_ms = _live_ms(live, call)
    result: str | None = show_widget(
        place,
        "text_input",
        str(label),
        {
            "max_chars": max_chars,
            "type": defaults.html,
            "placeholder": defaults.placeholder if placeholder is None else str(placeholder) or None,
            "autocomplete": defaults.autocomplete if autocomplete is None else autocomplete,
            "required": bool(required),
            "icon": icon_of(defaults.icon if icon is None else icon, call),
            "validate": pattern,
            "validate_message": message,
            "live_ms": live_ms,
            "width": width_of(width, call),
        },
        key=key,
        default=None if value is None else str(value),
        codec=codec,
        help=help,
        disabled=disabled,
        label_visibility=label_visibility,
        identity_params={  # Streamlit's compute_and_register_element_id("text_input", ...): the pattern, not its message
            "value": value, "max_chars": max_chars, "type": type, "help": help, "autocomplete": autocomplete,
            "placeholder": str(placeholder), "icon": icon, "width": width, "live": live_ms,
            "validate": pattern if check is None else check, "required": required,
        },
        keyed_identity=("max_chars", "validate"),
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=value not in ("", None),
    )
    return result


#: What the field says of text a validate function refuses without a message (Streamlit's generic message).
INVALID = "Invalid input."


def _validation(validate: Any, call: str) -> tuple[str | None, str | None, Callable[[str], bool | str] | None]:
    """The pattern and message the page checks, and the function the server runs (None: none). A pattern is the
    page's alone, as Streamlit's is: the server takes text that does not match it."""
    if validate is None:
        return None, None, None
    if callable(validate):
        function: Callable[[str], bool | str] = validate
        return None, None, function
    if isinstance(validate, tuple) and len(validate) == 2 and all(isinstance(part, str) for part in validate):
        pattern, message = validate
        return pattern, message, None
    if isinstance(validate, str):
        return validate, None, None
    raise PorchAPIError(f"{call}: validate must be a pattern, (pattern, message) or a function, not {validate!r}")


def _validated(codec: Codec, check: Callable[[str], bool | str]) -> Codec:
    """``codec`` that refuses a non-empty text the validate function ``check`` does not accept (an exception in it
    refuses too). A refusal is ``Refused``: the page shows its message under the field, as a pattern's, and keeps the
    text there to correct."""

    def from_wire(wire: Any) -> Any:
        text = codec.from_wire(wire)
        if text:
            try:
                verdict = check(text)
            except Exception as exc:
                raise ValueError(f"the validate function failed: {exc}") from None
            if verdict is not True:
                raise Refused(verdict if isinstance(verdict, str) and verdict else INVALID)
        return text

    return Codec(to_wire=codec.to_wire, from_wire=from_wire)


def _live_ms(live: Any, call: str) -> int | None:
    """``live`` as the pause in milliseconds before the page sends what is typed, or None (not live)."""
    if live is False:
        return None
    if live is True:
        return LIVE_DEFAULT_MS
    seconds = seconds_in(live) if isinstance(live, str) else None
    if seconds is None:
        raise PorchAPIError(
            f"{call}: live must be True, False or a duration such as '300ms', '0.5s' or '1m', not {live!r}"
        )
    milliseconds = int(round(seconds * 1000))
    if milliseconds > LIVE_MAX_MS:
        raise PorchAPIError(f"{call}: live must be a pause of at most 1 minute ('1m'), not {live!r}")
    return max(milliseconds, 1) if seconds > 0 else 0


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
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        icon: str | None = None,
        validate: Validate = None,
        live: bool | str = False,
        width: Width = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
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
        on_change: OnChange = "rerun",
        args: Args = None,
        kwargs: Kwargs = None,
        *,
        placeholder: str | None = None,
        disabled: bool = False,
        required: bool = False,
        label_visibility: str = "visible",
        icon: str | None = None,
        validate: Validate = None,
        live: bool | str = False,
        width: Width = "stretch",
        bind: str | None = None,
        persist_state: Any = None,
    ) -> str | None: ...
