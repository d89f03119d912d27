"""``audio_input``: a recording from the user's microphone, made in the browser, encoded as WAV there and uploaded as
a file_uploader's file is; the value is that :class:`UploadedFile` (``audio/wav``) or None."""

from __future__ import annotations

from typing import Literal

from ..errors import PorchAPIError
from ..upload_store import UploadedFile
from ._capture import show_capture
from ._layout import width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps

#: The sample rates ``sample_rate`` takes (Streamlit's), in Hz.
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)
#: What the server takes as a recording: WAV under its usual MIME names (the client sends ``audio/wav``).
RECORDING_TYPES = ("audio/wav", "audio/x-wav", "audio/wave")


class Props(WidgetProps):
    #: The recording's sample rate in Hz; None: the browser's own (usually 44100 or 48000).
    sample_rate: int | None
    #: The largest recording the server takes, in bytes: recording stops before the WAV would be larger.
    max_bytes: int
    #: Where the recording the value holds is served (the session's media), or None.
    url: str | None
    #: "stretch" or pixels.
    width: str | int


def audio_input(
    place: Block,
    label: str,
    *,
    sample_rate: int | None = 16000,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: int | Literal["stretch"] = "stretch",
) -> UploadedFile | None:
    """Show a button that records from the user's microphone; return the recording as an :class:`UploadedFile` (a
    mono 16-bit WAV, ``audio/wav``), or None until one is made and after it is cleared.

    The browser asks the user for the microphone on the first recording (the desktop window allows its own app); a
    page without a microphone, or whose user refused it, shows why in the widget. The recording is uploaded as a
    file_uploader's file is; it stops by itself before it would pass the server's upload limit.

    ``sample_rate`` is the recording's rate in Hz: 16000 (the default, what speech recognition wants), or 8000,
    11025, 22050, 24000, 32000, 44100, 48000; None keeps the browser's own rate. ``on_change`` (with ``args`` and
    ``kwargs``) runs before the rerun a new or cleared recording causes; "rerun" (the default) reruns with no
    function; "ignore" keeps the recording, without a rerun, until something else reruns the script, which then
    sees it. ``label_visibility`` is "visible", "hidden" or "collapsed"; ``width`` is "stretch" (the default) or
    pixels.
    """
    call = f"audio_input({label!r})"
    if sample_rate is not None and (
        isinstance(sample_rate, bool) or not isinstance(sample_rate, int) or sample_rate not in SAMPLE_RATES
    ):
        rates = ", ".join(str(rate) for rate in SAMPLE_RATES)
        raise PorchAPIError(f"{call}: sample_rate must be one of {rates} or None, not {sample_rate!r}")
    shown_width = width_of(width, call, keywords=("stretch",))
    return show_capture(
        place,
        "audio_input",
        label,
        {"sample_rate": sample_rate, "width": shown_width},
        types=RECORDING_TYPES,
        key=key,
        help=help,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        label_visibility=label_visibility,
    )
