"""``audio``: a sound player, its content served by URL with range requests."""

from __future__ import annotations

from typing import Any

from ._media_sources import audio_media, media_url
from ._layout import Width, width_of
from ._place import Block
from ._served import Seconds, Timing, session_media, show_served, timing


class Props(Timing):
    url: str
    #: A description of the sound for screen readers, or None.
    alt: str | None
    #: "stretch", "content" or pixels.
    width: str | int


def audio(
    place: Block,
    data: Any,
    format: str = "audio/wav",
    start_time: Seconds = 0,
    *,
    sample_rate: int | None = None,
    end_time: Seconds = None,
    loop: bool = False,
    autoplay: bool = False,
    alt: str | None = None,
    width: Width = "stretch",
) -> Block:
    """Show an audio player for ``data``: a URL, a file, bytes, a file-like object, or a NumPy array of samples
    (with its ``sample_rate``). ``format`` is the MIME type of bytes; ``start_time``/``end_time`` are in seconds
    (or timedeltas, or time strings as Streamlit reads them: "1m30s", "2 minutes"); browsers may refuse
    ``autoplay`` until the user has interacted with the page.

    ``alt`` describes the sound to screen readers (the player's accessible name); ``width`` is "stretch" (the
    container's width, the default), "content" (the browser's own player width) or pixels."""
    shown_width = width_of(width, "audio()")
    # None: a player with nothing to play (as Streamlit's: ``st.audio(st.audio_input(...))`` before a recording).
    url = "" if data is None else media_url(session_media(), audio_media(data, str(format), "audio/wav", sample_rate))
    props: Props = {
        "url": url,
        **timing(start_time, end_time, loop, autoplay),
        "alt": None if alt is None else str(alt),
        "width": shown_width,
    }
    return show_served(place, "audio", props, [url] if url else [])
