"""A video's ``subtitles``, read as Streamlit 1.67 reads them: WebVTT or SubRip (SRT, converted to WebVTT), given as
a file path, text, bytes or a ``BytesIO``, or a dict of labels to any of those for several tracks. Each track is
served from the session's media (``SessionMedia.add``, so the media memory limit bounds them as any media) as
``text/vtt``; the client puts them into the player as ``<track>`` elements, the first one shown by default.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from ..errors import PorchAPIError
from ..media import SessionMedia

#: An SRT cue's timing line, and the comma WebVTT writes as a dot.
SRT_TIMING = re.compile(r"\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}")
SRT_COMMA = re.compile(r"(\d{2}:\d{2}:\d{2}),(\d{3})")
SUBTITLE_SUFFIXES = (".srt", ".vtt")
#: What a track with no cues is served as (Streamlit's ``{"None": ""}``: no subtitles shown at first).
EMPTY_VTT = b"WEBVTT\n"


class Track(TypedDict):
    #: Shown in the player's subtitle menu ("default" for a single track given without a label, as in Streamlit).
    label: str
    #: Its WebVTT, in the session's media.
    url: str


def _is_srt(data: bytes) -> bool:
    """Whether ``data`` starts as SRT does: a cue number, then a timing line (Streamlit's test, on the same bytes)."""
    try:
        head = data[:33].decode("utf-8").strip()
    except UnicodeDecodeError:
        return False
    lines = head.split("\n")
    return len(lines) >= 2 and lines[0].strip().isdigit() and SRT_TIMING.search(lines[1]) is not None


def _srt_to_vtt(data: bytes) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PorchAPIError("video(): subtitles: could not decode the input stream as UTF-8.") from None
    return ("WEBVTT\n\n" + SRT_COMMA.sub(r"\1.\2", text)).strip().encode("utf-8")


def _from_text_or_path(data: str | Path) -> bytes:
    if os.path.isfile(data):
        path = Path(data)
        suffix = path.suffix.lower()
        if suffix not in SUBTITLE_SUFFIXES:
            raise PorchAPIError(f"video(): subtitles must be a .srt or .vtt file, not {suffix or 'a file without one'}")
        content = path.read_bytes()
        return _srt_to_vtt(content) if suffix == ".srt" else content
    if isinstance(data, Path):
        raise PorchAPIError(f"video(): subtitles: the file {data} does not exist.")
    text = data.strip()
    if text == "":
        return EMPTY_VTT
    if text.startswith("WEBVTT"):
        return text.encode("utf-8")
    if _is_srt(text.encode("utf-8")):
        return _srt_to_vtt(text.encode("utf-8"))
    raise PorchAPIError(
        "video(): subtitles must be VTT-formatted text, SRT-formatted text or the path of a .vtt or .srt file"
    )


def _vtt(data: Any) -> bytes:
    """One track's WebVTT."""
    if isinstance(data, (str, Path)):
        return _from_text_or_path(data)
    if isinstance(data, io.BytesIO):
        data = data.getvalue()
    if isinstance(data, (bytes, bytearray)):
        content = bytes(data)
        if not content.strip():
            return EMPTY_VTT
        return _srt_to_vtt(content) if _is_srt(content) else content
    raise PorchAPIError(
        f"video(): subtitles must be str, bytes, Path, BytesIO or a dict of them, not {type(data).__name__}"
    )


def subtitle_tracks(subtitles: Any, media: SessionMedia) -> list[Track]:
    """The tracks ``subtitles`` gives (none for None or an empty value, as in Streamlit), each served from
    ``media``. A track that cannot be read is an error naming its label."""
    if isinstance(subtitles, (str, bytes, io.BytesIO, Path)):
        given = [("default", subtitles)] if subtitles else []
    elif isinstance(subtitles, Mapping):
        given = [(str(label or ""), data) for label, data in subtitles.items()]
    elif not subtitles:
        return []
    else:
        raise PorchAPIError(
            f"video(): subtitles must be str, bytes, BytesIO, Path or dict, not {type(subtitles).__name__}"
        )
    tracks: list[Track] = []
    for label, data in given:
        try:
            content = _vtt(data)
        except PorchAPIError as exc:
            raise PorchAPIError(f"Failed to process the provided subtitle {label!r}: {exc}") from None
        tracks.append({"label": label, "url": media.add(content, "text/vtt")})
    return tracks
