"""Bringing the desktop window to the front on X11 when the user asked for it somewhere else: a click on one of its
system notifications (:mod:`porch.shell.notifications`).

Qt's ``activateWindow`` cannot do it there. It stamps its request with the time of the last X event Qt saw, and after
the user worked in another window that time is older than the last change of focus: with no window manager the X
server ignores the request (SetInputFocus with an old time), and a window manager's focus-stealing prevention turns it
into an "asks for attention" hint. A click on the notification is the user's own request, the kind a taskbar makes,
so this makes it the way a taskbar does: ``_NET_ACTIVE_WINDOW`` with source indication 2 ("on the user's behalf",
EWMH) and the time of the click when the notification service gave it, or, with no window manager, SetInputFocus at
the server's current time and a raise.

It speaks to the X server through libxcb (loaded by Qt already) on a connection of its own: X errors on it come back
as replies that nothing reads, never to a process-wide error handler.
"""

from __future__ import annotations

import ctypes
import logging
import re
import struct
from typing import Any

log = logging.getLogger("porch.desktop")

CLIENT_MESSAGE = 33
SUBSTRUCTURE_NOTIFY_AND_REDIRECT = (1 << 19) | (1 << 20)
SOURCE_USER = 2  # EWMH source indication: a pager or taskbar, on the user's behalf
REVERT_TO_PARENT = 2
CURRENT_TIME = 0
CONFIG_STACK_MODE = 64
STACK_ABOVE = 0


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


def bring_to_front(window_id: int, user_time: int = CURRENT_TIME) -> bool:
    """Raise and focus the top-level X window ``window_id``, as asked by the user at ``user_time`` (an X timestamp,
    or 0 for now). False when X cannot be reached this way (no libxcb, no display); the caller falls back to Qt."""
    xcb = _libxcb()
    if xcb is None:
        return False
    screen = ctypes.c_int(0)
    conn = xcb.xcb_connect(None, ctypes.byref(screen))
    try:
        if not conn or xcb.xcb_connection_has_error(conn):
            return False
        if _owner(xcb, conn, _atom(xcb, conn, f"WM_S{screen.value}")):  # a window manager runs: ask it
            root = _root(xcb, conn, window_id)
            if root is None:
                return False
            event = struct.pack("=BBHII5I", CLIENT_MESSAGE, 32, 0, window_id, _atom(xcb, conn, "_NET_ACTIVE_WINDOW"),
                                SOURCE_USER, user_time, 0, 0, 0)
            xcb.xcb_send_event(conn, 0, root, SUBSTRUCTURE_NOTIFY_AND_REDIRECT, event)
        else:  # nothing stacks or focuses windows but the windows themselves
            xcb.xcb_configure_window(conn, window_id, CONFIG_STACK_MODE, ctypes.byref(ctypes.c_uint32(STACK_ABOVE)))
            xcb.xcb_set_input_focus(conn, REVERT_TO_PARENT, window_id, CURRENT_TIME)
        # A round trip: the server has carried out the requests above before this connection closes.
        reply = xcb.xcb_get_input_focus_reply(conn, xcb.xcb_get_input_focus(conn), None)
        if reply:
            _libc().free(ctypes.c_void_p(reply))
        return bool(reply)
    finally:
        if conn:
            xcb.xcb_disconnect(conn)


def time_of(startup_id: str) -> int:
    """The X timestamp a startup notification id carries ("..._TIME123456"), as a notification service's
    ``ActivationToken`` does on X11; 0 if it has none."""
    found = re.search(r"_TIME(\d+)$", startup_id)
    return int(found.group(1)) & 0xFFFFFFFF if found else CURRENT_TIME


def _atom(xcb: Any, conn: int, name: str) -> int:
    raw = name.encode()
    reply = xcb.xcb_intern_atom_reply(conn, xcb.xcb_intern_atom(conn, 0, len(raw), raw), None)
    return _field(xcb, reply, 8)


def _owner(xcb: Any, conn: int, selection: int) -> int:
    reply = xcb.xcb_get_selection_owner_reply(conn, xcb.xcb_get_selection_owner(conn, selection), None)
    return _field(xcb, reply, 8)


def _root(xcb: Any, conn: int, window_id: int) -> int | None:
    reply = xcb.xcb_query_tree_reply(conn, xcb.xcb_query_tree(conn, window_id), None)
    return _field(xcb, reply, 8) or None


def _field(xcb: Any, reply: int | None, offset: int) -> int:
    """The 32-bit field at ``offset`` of a reply (0 for no reply: an X error), which is then freed."""
    if not reply:
        return 0
    try:
        return int(struct.unpack_from("=I", ctypes.string_at(reply, offset + 4), offset)[0])
    finally:
        _libc().free(ctypes.c_void_p(reply))


_loaded: dict[str, Any] = {}


def _libxcb() -> Any:
    if "xcb" not in _loaded:
        try:
            xcb = ctypes.CDLL("libxcb.so.1")  # Qt's xcb platform plugin has it loaded already
        except OSError as exc:
            log.info("cannot raise the window through X: %s", exc)
            xcb = None
        if xcb is not None:
            ptr, u8, u16, u32 = ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
            signatures = {
                "xcb_connect": (ptr, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]),
                "xcb_connection_has_error": (ctypes.c_int, [ptr]),
                "xcb_disconnect": (None, [ptr]),
                "xcb_intern_atom": (_Cookie, [ptr, u8, u16, ctypes.c_char_p]),
                "xcb_intern_atom_reply": (ptr, [ptr, _Cookie, ptr]),
                "xcb_get_selection_owner": (_Cookie, [ptr, u32]),
                "xcb_get_selection_owner_reply": (ptr, [ptr, _Cookie, ptr]),
                "xcb_query_tree": (_Cookie, [ptr, u32]),
                "xcb_query_tree_reply": (ptr, [ptr, _Cookie, ptr]),
                "xcb_send_event": (_Cookie, [ptr, u8, u32, u32, ctypes.c_char_p]),
                "xcb_configure_window": (_Cookie, [ptr, u32, u16, ptr]),
                "xcb_set_input_focus": (_Cookie, [ptr, u8, u32, u32]),
                "xcb_get_input_focus": (_Cookie, [ptr]),
                "xcb_get_input_focus_reply": (ptr, [ptr, _Cookie, ptr]),
            }
            for name, (restype, argtypes) in signatures.items():
                function = getattr(xcb, name)
                function.restype, function.argtypes = restype, argtypes
        _loaded["xcb"] = xcb
    return _loaded["xcb"]


def _libc() -> Any:
    if "c" not in _loaded:
        libc = ctypes.CDLL(None)  # this process's own symbols: the C library's free
        libc.free.argtypes, libc.free.restype = [ctypes.c_void_p], None
        _loaded["c"] = libc
    return _loaded["c"]
