"""What image, audio and video share: their content is served by URL from the session's media, and the element is
told where. Audio and video also share their playback options (as their client modules share ``player.js``)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from ..context import get_run
from ..errors import PorchAPIError
from ..media import MEDIA_PATH, SessionMedia
from ..protocol import Path as ElementPath
from . import _replay
from ._place import Block, show

Seconds = int | float | datetime.timedelta | str | None


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
    place_media(slot._path, urls)
    return slot


def place_media(path: ElementPath, urls: list[str]) -> None:
    """The element at ``path`` shows ``urls``: the session holds their media while it does. Inside a cached function,
    their content is kept with the call, so that a hit in any session serves them again (:class:`ServedMedia`)."""
    media = session_media()
    media.place(path, urls)
    if _replay.ACTIVE.get():
        kept = ServedMedia.of(media, urls)
        _replay.attach(path, kept, kept.size)


@dataclass(frozen=True)
class ServedMedia:
    """The media an element showed, by URL: bytes (or a file of the script's) with their type, to add again to the
    session that replays the element (``_replay``). Media URLs name their content, so the same content has the same
    URL in every session; a file of the script's that changed since gets a new one, which the props then name."""

    urls: tuple[str, ...]
    #: URL -> (content, content type, download name, runs scripts).
    content: tuple[tuple[str, bytes | Path, str, str | None, bool], ...]

    @classmethod
    def of(cls, media: SessionMedia, urls: list[str]) -> ServedMedia:
        content = []
        for url in urls:
            file = media.store.get(url.removeprefix(MEDIA_PATH)) if url.startswith(MEDIA_PATH) else None
            if file is None or file.deferred is not None:
                continue
            source: bytes | Path
            if file.file_version is not None and file.path is not None:
                source = Path(file.path)  # a file of the script's: served from where it is, then as now
            else:
                source = file.data if file.data is not None else file.read()  # in memory, or spilled to a file
            content.append((url, source, file.content_type, file.download_name, file.scripts))
        return cls(tuple(urls), tuple(content))

    @property
    def size(self) -> int:
        return sum(len(source) for _, source, *_ in self.content if isinstance(source, bytes))

    def restore(self, props: Mapping[str, Any]) -> tuple[Mapping[str, Any], Callable[[ElementPath], None]]:
        media = session_media()
        moved: dict[str, str] = {}
        for url, source, content_type, download_name, scripts in self.content:
            now = media.add(source, content_type, download_name=download_name, scripts=scripts)
            if now != url:
                moved[url] = now
        urls = [moved.get(url, url) for url in self.urls]
        shown = _replay.substitute(props, moved) if moved else props
        return shown, lambda path: place_media(path, urls)


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
    if isinstance(value, str):
        value = _time_string_seconds(value, name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise PorchAPIError(f"{name} must be a number of seconds (0 or more), not {value!r}")
    return value


def _time_string_seconds(text: str, name: str) -> float:
    """A time string as Streamlit reads it (pandas' ``Timedelta``: ``"1m30s"``, ``"2 minutes"``, ``"00:01:30"``)."""
    import pandas as pd

    try:
        seconds = float(pd.Timedelta(text).total_seconds())
    except ValueError:
        seconds = math.nan
    if math.isnan(seconds):
        raise PorchAPIError(
            f"{name} must be a number of seconds (0 or more) or a time string such as '1m30s' or '2 minutes', "
            f"not {text!r}"
        )
    return int(seconds) if seconds.is_integer() else seconds
