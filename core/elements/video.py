"""``video``: a video player, its content served by URL with range requests."""

from __future__ import annotations

from typing import Any

from ._media_sources import av_media, media_url
from ._layout import Width, width_of
from ._place import Block
from ._served import Seconds, Timing, session_media, show_served, timing
from ._subtitles import Track, subtitle_tracks


class Props(Timing):
    url: str
    muted: bool
    #: A description of the video for screen readers, or None.
    alt: str | None
    #: "stretch", "content" or pixels.
    width: str | int
    #: Subtitle tracks (WebVTT, served from the session's media); the first is shown by default.
    subtitles: list[Track]


def video(
    place: Block,
    data: Any,
    format: str = "video/mp4",
    start_time: Seconds = 0,
    *,
    subtitles: Any = None,
    end_time: Seconds = None,
    loop: bool = False,
    autoplay: bool = False,
    muted: bool = False,
    alt: str | None = None,
    width: Width = "stretch",
) -> Block:
    """Show a video player for ``data``: a URL, a file, bytes or a file-like object. Browsers autoplay only muted
    video; ``start_time``, ``end_time``, ``loop`` and ``autoplay`` are those of ``audio``.

    ``alt`` describes the video to screen readers; ``width`` is "stretch" (the container's width, the default),
    "content" (the video's own width, at most the container's) or pixels.

    ``subtitles`` are WebVTT or SRT (converted to WebVTT) subtitles: the path of a ``.vtt`` or ``.srt`` file, their
    text, bytes or a ``BytesIO``; or a dict of labels to any of those for several tracks, which the player's menu
    offers by label. The first track is shown at first; ``{"None": "", "English": "en.vtt"}`` shows none at first."""
    shown_width = width_of(width, "video()")
    media = session_media()
    tracks = subtitle_tracks(subtitles, media)
    url = "" if data is None else media_url(media, av_media(data, str(format), "video/mp4", "Video"))  # None: empty
    props: Props = {
        "url": url,
        **timing(start_time, end_time, loop, autoplay),
        "muted": bool(muted),
        "alt": None if alt is None else str(alt),
        "width": shown_width,
        "subtitles": tracks,
    }
    return show_served(place, "video", props, [*([url] if url else []), *(track["url"] for track in tracks)])
