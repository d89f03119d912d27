"""A button's keyboard ``shortcut`` (``button``, ``download_button``, ``form_submit_button``, ``link_button``): checked
and normalized as Streamlit 1.67 does, so the client (``webui/shortcut.js``) reads one spelling.

The normal form is lower case, modifiers first in the order ctrl, cmd, alt, shift, then one key: ``"ctrl+shift+k"``,
``"f5"``, ``"enter"``. ``Ctrl``, ``Cmd``, ``Meta`` and ``Mod`` are one modifier to the user (either key of their
platform presses it), as are ``Alt`` and ``Option``; the client says which one on the hint it shows.
"""

from __future__ import annotations

import logging

from ..errors import PorchAPIError

log = logging.getLogger("porch.elements")

MODIFIER_ALIASES = {
    "ctrl": "ctrl", "control": "ctrl", "cmd": "cmd", "command": "cmd", "meta": "cmd", "alt": "alt", "option": "alt",
    "shift": "shift", "mod": "ctrl",
}
MODIFIER_ORDER = ("ctrl", "cmd", "alt", "shift")
KEY_ALIASES = {
    "enter": "enter", "return": "enter", "space": "space", "spacebar": "space", "tab": "tab", "escape": "escape",
    "esc": "escape", "backspace": "backspace", "delete": "delete", "del": "delete", "home": "home", "end": "end",
    "pageup": "pageup", "pagedown": "pagedown", "left": "left", "arrowleft": "left", "right": "right",
    "arrowright": "right", "up": "up", "arrowup": "up", "down": "down", "arrowdown": "down",
}
#: Streamlit keeps C and R for itself (clear caches, rerun); Porch refuses them too, so a script moves unchanged.
RESERVED_KEYS = frozenset({"c", "r"})
#: Combinations the browser or the system usually takes first: accepted, with a warning in the log once each.
BROWSER_RESERVED = frozenset({
    "ctrl+t", "cmd+t", "ctrl+w", "cmd+w", "ctrl+n", "cmd+n", "ctrl+shift+t", "cmd+shift+t", "ctrl+shift+n",
    "cmd+shift+n", "ctrl+shift+w", "cmd+shift+w", "ctrl+tab", "ctrl+shift+tab", "cmd+tab", "cmd+shift+tab",
    "ctrl+pageup", "ctrl+pagedown", "cmd+pageup", "cmd+pagedown", "ctrl+l", "cmd+l", "alt+f4", "f11",
})
_warned: set[str] = set()


def _key(token: str, call: str) -> str:
    if token in KEY_ALIASES:
        return KEY_ALIASES[token]
    if len(token) == 1 and token.isalnum() and token.isascii():
        return token
    if token.startswith("f") and token[1:].isdigit():
        return token
    raise PorchAPIError(
        f"{call}: shortcut must include a single character or one of the supported keys (e.g. Enter, Space, Tab, "
        "Escape)."
    )


def shortcut_of(shortcut: object, call: str) -> str | None:
    """``shortcut`` in its normal form (None: no shortcut), or Streamlit's error for one it refuses."""
    if shortcut is None:
        return None
    if not isinstance(shortcut, str):
        raise PorchAPIError(f"{call}: shortcut must be a str, not {type(shortcut).__name__}")
    tokens = [token.strip().lower() for token in shortcut.split("+") if token.strip()]
    if not tokens:
        raise PorchAPIError(f"{call}: The `shortcut` must contain at least one key or modifier.")
    modifiers: set[str] = set()
    key: str | None = None
    for token in tokens:
        if token in MODIFIER_ALIASES:
            modifiers.add(MODIFIER_ALIASES[token])
            continue
        if key is not None:
            raise PorchAPIError(f"{call}: The `shortcut` may only specify a single non-modifier key.")
        key = _key(token, call)
        if key in RESERVED_KEYS:
            raise PorchAPIError(f"{call}: The `shortcut` cannot use the keys 'C' or 'R', with or without modifiers.")
    if key is None:
        raise PorchAPIError(f"{call}: The `shortcut` must include a non-modifier key such as 'K' or 'Ctrl+K'.")
    normal = "+".join([*(m for m in MODIFIER_ORDER if m in modifiers), key])
    if normal in BROWSER_RESERVED and normal not in _warned:
        _warned.add(normal)
        log.warning(
            "The shortcut %s is typically reserved by the browser or operating system and may never reach the app. "
            "Consider choosing a different combination.", shortcut,
        )
    return normal

