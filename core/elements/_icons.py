"""An element's ``icon``: an emoji, a Material Symbols icon ``:material/name:``, or "spinner". Every element that
takes one checks it here, with Streamlit's messages, so the client only ever receives one of those three forms
(``showIcon`` in webui/widget.js draws them, and nothing else).

A Material icon's name must be one the bundled font draws (Material Symbols Rounded: webui/vendor/material-symbols,
whose ``names.txt`` lists the font's ligatures), so a misspelt name is an error in the script, not an empty square on
the page. Markdown's ``:material/name:`` is not checked (core/markdown_html.py): as in Streamlit, text is shown as
written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..errors import PorchAPIError

SPINNER = "spinner"
#: The icon names the bundled font draws, one a line (read once, on the first Material icon a script gives).
NAMES = "vendor/material-symbols/names.txt"
_MATERIAL = re.compile(r"\s*:(.+)/(.+):\s*")
_SHORTCODE = re.compile(r":[a-zA-Z0-9_+-]+:")
_HINT = "Please use a single emoji or a Material icon shortcode like :material/thumb_up:."


def icon_of(icon: Any, call: str) -> str | None:
    """``icon`` checked: None for None or blank, else "spinner", ``:material/name:`` (a name the font draws) or one
    emoji, stripped. Anything else is an error saying what an icon may be."""
    if icon is None:
        return None
    if not isinstance(icon, str):
        raise PorchAPIError(
            f"{call}: icon must be a string (an emoji, ':material/name:' or 'spinner') or None, "
            f"not {type(icon).__name__}"
        )
    text = icon.strip()
    if not text:
        return None
    if text == SPINNER:
        return text
    if text.lower().startswith(":material"):
        return f":material/{material_name(text, call)}:"
    if _SHORTCODE.fullmatch(text):
        raise PorchAPIError(
            f'{call}: The value "{text}" is not a valid icon. Emoji shortcodes are not supported. {_HINT}'
        )
    if "://" in text or text[:5].lower() == "data:" or text.startswith("//"):
        shown = text if len(text) <= 60 else f"{text[:60]}…"
        raise PorchAPIError(f'{call}: The value "{shown}" looks like a URL. Images are not supported for icon. {_HINT}')
    if text.isascii():
        raise PorchAPIError(f'{call}: The value "{text}" is not a valid icon. {_HINT}')
    import emoji

    if not emoji.is_emoji(text):
        raise PorchAPIError(f'{call}: The value "{text}" is not a valid emoji. Please use a single emoji.')
    return text


def material_name(icon: str, call: str) -> str:
    """The name in ``:material/name:``, if the bundled font draws it; else Streamlit's error for a bad Material icon."""
    match = _MATERIAL.fullmatch(icon)
    if match is None or match.group(1) != "material" or match.group(2) not in material_names():
        raise PorchAPIError(
            f'{call}: The value "{icon.strip()}" is not a valid Material icon. Please use a Material icon shortcode '
            "like :material/thumb_up:."
        )
    return match.group(2)


@lru_cache(maxsize=1)
def material_names() -> frozenset[str]:
    """Every icon name the bundled Material Symbols font draws (4,299 of them, aliases included)."""
    from porch.webui import STATIC_DIR

    return frozenset((STATIC_DIR / NAMES).read_text(encoding="utf-8").split())
