"""What image, audio and video share: their content is served by URL from the session's media, and the element is
told where. Audio and video also share their playback options (as their client modules share ``player.js``)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from typing import Any, TypedDict

from ..context import get_run
from ..errors import PorchAPIError
from ..media import SessionMedia
from ._place import Block, show

Seconds = int | float | datetime.timedelta | None


class Timing(TypedDict):
    start_time: int | float
    end_time: int | float | None
    loop: bool
    autoplay: bool


def session_media() -> SessionMedia:
    """The media store of the calling script's session."""
    return get_run().session.media


def show_served(place: Block, kind: str, props: Mapping[str, Any], urls: list[str]) -> Block:
    """Show an element whose content is at ``urls``; the media stays served while the element is shown."""
    slot = show(place, kind, props)
    session_media().place(slot._path, urls)
    return slot


def timing(start_time: Seconds, end_time: Seconds, loop: bool, autoplay: bool) -> Timing:
    start = _seconds(start_time, "start_time") or 0
    end = _seconds(end_time, "end_time")
    if end is not None and end <= start:
        raise PorchAPIError(f"end_time ({end}) must be after start_time ({start})")
    return {"start_time": start, "end_time": end, "loop": bool(loop), "autoplay": bool(autoplay)}


def _seconds(value: Seconds, name: str) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise PorchAPIError(f"{name} must be a number of seconds (0 or more), not {value!r}")
    return value
