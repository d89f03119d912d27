"""The ``data:`` URLs of a frame's audio and video columns, served as the session's media.

Streamlit's ``AudioColumn`` and ``VideoColumn`` play a cell that holds a URL or a ``data:`` URL (``data:audio/mpeg;
base64,...``). A ``data:`` URL is too long for a cell on the wire (:data:`porch.elements._frames.MAX_TEXT`) and the
page's policy plays no ``data:`` media, so its content is added to the session's media (:mod:`porch.media`, with its
memory limit and spilling) when the run shows the frame, and the cell carries that same-origin URL instead. The media
are the run's, held as ``audio``'s are: for as long as the page shows them (runs that show the frame again add the
same content under the same URL). Only ``audio/*`` and ``video/*`` content is served this way; any other ``data:``
URL, or one that does not decode, stays text.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote_to_bytes

from ..media import SessionMedia

#: Column types whose ``data:`` cells are served as media.
MEDIA_COLUMNS = ("audio", "video")
#: ``data:<type>[;params][;base64],<payload>`` of audio or video content.
_DATA_URL = re.compile(r"data:((?:audio|video)/[A-Za-z0-9.+-]{1,64})((?:;[A-Za-z0-9=._+-]{1,64})*?)(;base64)?,",
                       re.IGNORECASE)


def media_of_data_url(text: str) -> tuple[bytes, str] | None:
    """The content and content type of an audio or video ``data:`` URL; None for anything else."""
    match = _DATA_URL.match(text)
    if match is None:
        return None
    payload = text[match.end():]
    try:
        if match.group(3):
            content = base64.b64decode("".join(payload.split()), validate=True)
        else:
            content = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None
    return content, match.group(1).lower()


def served_cells(media: SessionMedia, values: Sequence[Any]) -> dict[int, str]:
    """The media URL of each ``data:`` cell of ``values`` (by row position), its content added to ``media``. Worker
    thread (the run's)."""
    served: dict[int, str] = {}
    for position, value in enumerate(values):
        if isinstance(value, str) and value[:5].lower() == "data:":
            found = media_of_data_url(value)
            if found is not None:
                served[position] = media.add(found[0], found[1])
    return served
