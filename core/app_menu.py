"""The app menu (the "⋮" at the top right of the page, Streamlit 1.67's main menu) as the server decides it: which
items a session's page offers, from Streamlit's ``client.toolbarMode`` (Porch's ``toolbar_mode`` setting sets it at
launch, ``porch.set_option`` while the app runs) and where its client is.

- ``developer``: the viewer's items and the developer's: Rerun, Auto rerun (when the server watches the script), Clear
  cache. ``viewer``: the theme, Print, About and the app's links. ``minimal``: only what the app set with
  ``set_page_config(menu_items=...)`` (and the theme): no menu at all when it set none.
- ``auto``: ``developer`` when the client is on the server's machine, ``viewer`` otherwise. Streamlit asks the page's
  host name (``localhost`` or ``127.0.0.1``); the server cannot take a page's word for it, so here a client is local
  when the shell's client is (the desktop window, the browser shell, both on loopback only), or when its connection
  comes from a loopback address (behind a trusted proxy, the address it forwards) and its ``Host`` and ``Origin``
  name a loopback host: a reverse proxy on the same machine passes the visitor's ``Origin`` (or ``Host``) on, so its
  visitors stay viewers.

The page shows what :func:`menu_of` says, and the session honours a request only a developer's menu offers (clear
cache, auto rerun) by asking :func:`offers_developer_items` again when it comes: the client is never trusted to have
hidden an item.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from ._version import __version__
from .interfaces import Handshake, Runtime
from .security import is_loopback_address, is_loopback_host

#: ``client.toolbarMode``'s values (Streamlit 1.67's ``Config.ToolbarMode``).
TOOLBAR_MODES: Final = ("auto", "developer", "viewer", "minimal")
#: The option that sets the mode, by Streamlit's name (``Session.options``).
OPTION: Final = "client.toolbarMode"


def toolbar_mode(value: Any) -> str:
    """``value`` as one of :data:`TOOLBAR_MODES` (any case, as Streamlit reads it); ``ValueError`` naming them for
    anything else."""
    mode = value.strip().lower() if isinstance(value, str) else None
    if mode not in TOOLBAR_MODES:
        raise ValueError(
            f"Config 'client.toolbarMode' expects to have one of the following values: {', '.join(TOOLBAR_MODES)}. "
            f"Current value: {value!r}"
        )
    return mode


def shown_mode(options: Mapping[str, Any], runtime: Runtime, handshake: Handshake) -> str:
    """``developer``, ``viewer`` or ``minimal``: the menu a session's page shows (``auto`` worked out). A value that
    is not a mode (a launch setting is checked; this is only a guard) counts as ``auto``."""
    try:
        mode = toolbar_mode(options.get(OPTION, "auto"))
    except ValueError:
        mode = "auto"
    if mode != "auto":
        return mode
    return "developer" if is_local_client(runtime, handshake) else "viewer"


def offers_developer_items(options: Mapping[str, Any], runtime: Runtime, handshake: Handshake) -> bool:
    """Whether the page's menu offers the developer's items (clear cache, auto rerun), as the server decides it."""
    return shown_mode(options, runtime, handshake) == "developer"


def menu_of(options: Mapping[str, Any], runtime: Runtime, handshake: Handshake) -> dict[str, Any]:
    """The page's ``menu`` field (``protocol.page_message``): the mode its menu shows, Porch's version (the menu's last
    line, as Streamlit's "Made with Streamlit"), and whether the server reruns the app when its script changes
    (``server.runOnSave``, which the launch sets: the shells' file watcher)."""
    return {
        "mode": shown_mode(options, runtime, handshake),
        "version": __version__,
        "watching": options.get("server.runOnSave") is True,
    }


def is_local_client(runtime: Runtime, handshake: Handshake) -> bool:
    """Whether the client sits on the server's machine: the shell's client (desktop, browser), or a connection from a
    loopback address whose ``Host`` and ``Origin`` (when it sent one) both name this machine."""
    if runtime.local_client:
        return True
    if not handshake.remote_ip or not is_loopback_address(handshake.remote_ip):
        return False
    headers = {name.lower(): value for name, value in handshake.headers}
    host = headers.get("host")
    if host is None or not is_loopback_host(host):
        return False
    origin = headers.get("origin")
    return origin is None or is_loopback_host(urlsplit(origin).netloc)
