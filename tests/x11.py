"""What an X11 screen shows, read the way a window manager would: top-level windows and their icons."""

from __future__ import annotations

import os
import subprocess


def _x(*args: str, display: str | None) -> str:
    env = dict(os.environ, DISPLAY=display) if display else None
    return subprocess.run(list(args), capture_output=True, text=True, timeout=10, env=env).stdout


def top_windows(display: str | None = None) -> dict[str, str]:
    """Title -> X window id of the screen's named top-level windows."""
    found = {}
    for line in _x("xwininfo", "-root", "-children", display=display).splitlines():
        parts = line.split(None, 1)
        if parts and parts[0].startswith("0x") and len(parts) > 1 and parts[1].startswith('"'):
            found[parts[1].split('"')[1]] = parts[0]
    return found


def window_icon(pid: int, display: str | None = None) -> tuple[int, ...] | None:
    """The mean colour (r, g, b) of the opaque pixels of the icon of process ``pid``'s window, as X11 holds it
    (``_NET_WM_ICON``: width, height, then ARGB pixels), or None while its windows have no icon."""
    for window_id in top_windows(display).values():
        props = _x("xprop", "-id", window_id, "-notype", "-f", "_NET_WM_ICON", "32c", "_NET_WM_PID", "_NET_WM_ICON",
                   display=display)
        values = dict(line.split(" = ", 1) for line in props.splitlines() if " = " in line)
        if values.get("_NET_WM_PID") != str(pid) or "_NET_WM_ICON" not in values:
            continue
        numbers = [int(n) for n in values["_NET_WM_ICON"].split(", ")]
        width, height = numbers[:2]
        pixels = [p for p in numbers[2:2 + width * height] if p >> 24 > 200]
        if pixels:
            return tuple(sum((p >> shift) & 0xFF for p in pixels) // len(pixels) for shift in (16, 8, 0))
    return None
