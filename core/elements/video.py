"""``video``: a video player, its content served by URL with range requests."""

from __future__ import annotations

from typing import Any

from ._media_sources import av_media, media_url
from ._place import Block
from ._served import Seconds, Timing, session_media, show_served, timing


class Props(Timing):
    url: str
    muted: bool


def video(
    place: Block,
    data: Any,
    format: str = "video/mp4",
    start_time: Seconds = 0,
    *,
    end_time: Seconds = None,
    loop: bool = False,
    autoplay: bool = False,
    muted: bool = False,
) -> Block:
    """Show a video player for ``data``: a URL, a file, bytes or a file-like object. Browsers autoplay only muted
    video; the other parameters are those of ``audio``."""
    url = media_url(session_media(), av_media(data, str(format), "video/mp4", "Video"))
    props: Props = {"url": url, **timing(start_time, end_time, loop, autoplay), "muted": bool(muted)}
    return show_served(place, "video", props, [url])
