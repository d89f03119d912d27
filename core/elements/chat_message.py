"""``chat_message``: a block for one message of a conversation, beside its author's avatar."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypedDict

from ..errors import PorchAPIError
from ._icons import material_name
from ._layout import Width, width_of
from ._media_sources import Content, image_media, media_url
from ._place import Block, open_block
from ._served import place_media, session_media

#: Names with an avatar of their own: "user" and "human" are the user, "assistant" and "ai" the assistant.
PRESETS = {"user": "user", "human": "user", "assistant": "assistant", "ai": "assistant"}
AVATAR_TYPES = ("user", "assistant", "initial", "emoji", "icon", "image", "spinner")


class Props(TypedDict):
    #: The author, as the script named it: the message's accessible name.
    name: str
    #: How the avatar is drawn: "user" and "assistant" (Porch's own icons), "initial" (a letter), "emoji", "icon"
    #: (a Material icon's name), "image" (a URL) or "spinner".
    avatar_type: str
    #: The letter, the emoji, the icon's name or the image's URL; None for "user", "assistant" and "spinner".
    avatar: str | None
    #: "stretch", "content" or pixels.
    width: str | int


def chat_message(
    place: Block,
    name: Literal["user", "assistant", "ai", "human"] | str,
    *,
    avatar: Literal["user", "assistant"] | str | Any | None = None,
    width: Width = "stretch",
) -> Block:
    """Open a chat message: a block to write one message into, beside its author's avatar. Write into it with
    ``with porch.chat_message("user"): porch.write(prompt)`` or call elements on it (``msg.write(...)``).

    ``name`` is the author. "user" (or "human") and "assistant" (or "ai") get an icon of their own, and the user's
    messages a tinted bubble; any other name shows its first letter (an emoji name shows that emoji). The name is
    the message's accessible name. ``avatar`` replaces the default: "user" or "assistant" for those icons, an emoji
    ("🦖"), a Material icon (":material/smart_toy:", a name the bundled Material Symbols font draws), "spinner", or
    an image of any kind ``image`` takes (a file, a URL, bytes, a PIL image, an array). ``width`` is "stretch" (the
    default), "content" or pixels.
    """
    call = f"chat_message({name!r})"
    if name is None:
        raise PorchAPIError("chat_message() needs the name of the message's author (name=...).")
    if not isinstance(name, str):
        raise PorchAPIError(f"{call}: name must be a string, not {type(name).__name__}")
    if avatar is None and (name.lower() in PRESETS or _is_emoji(name)):
        avatar = name.lower()
    avatar_type, shown, image = _avatar(avatar, name, call)
    url = media_url(session_media(), image) if image is not None else None
    props: Props = {
        "name": name,
        "avatar_type": avatar_type,
        "avatar": url if url is not None else shown,
        "width": width_of(width, call),
    }
    block = open_block(place, "chat_message", name, props)
    if url is not None:
        place_media(block._path, [url])
    return block


def _avatar(avatar: Any, name: str, call: str) -> tuple[str, str | None, Any]:
    """(avatar_type, what it shows, an image to serve or None)."""
    if avatar is None:
        return "initial", name.strip()[:1].upper() or None, None
    if isinstance(avatar, str):
        if avatar in PRESETS:
            return PRESETS[avatar], None, None
        if avatar == "spinner":
            return "spinner", None, None
        if _is_emoji(avatar.strip()):
            return "emoji", avatar.strip(), None
        if avatar.lstrip().startswith(":material"):
            return "icon", material_name(avatar, call), None
    try:
        image = image_media(avatar)
        if isinstance(image, Content) and isinstance(image.source, Path) and not image.source.is_file():
            raise FileNotFoundError(f"no file {str(image.source)!r}")
    except (PorchAPIError, OSError, ValueError, TypeError) as exc:
        raise PorchAPIError(
            f"{call}: the avatar {avatar!r} is neither a preset name, an emoji, a Material icon nor an image ({exc})"
        ) from None
    return "image", None, image


def _is_emoji(text: str) -> bool:
    if not text or text.isascii():
        return False
    import emoji  # a dependency of markdown's shortcodes; loaded only for text that may be one

    return bool(emoji.is_emoji(text))
