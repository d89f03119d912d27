"""``camera_input``: a photo from the user's camera, taken in the browser and uploaded as a file_uploader's file is;
the value is that :class:`UploadedFile` (a JPEG) or None."""

from __future__ import annotations

from typing import Literal

from ..errors import PorchAPIError
from ..upload_store import UploadedFile
from ._capture import show_capture
from ._layout import width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps

#: ``resolution`` presets: the height in pixels the browser is asked for.
RESOLUTIONS = {"480p": 480, "720p": 720, "1080p": 1080}
#: What the server takes as a photo (the client sends JPEG; PNG is taken too).
PHOTO_TYPES = ("image/jpeg", "image/png")


class Props(WidgetProps):
    #: The height in pixels asked of the camera (``resolution``); None: a width fitted to the widget's.
    resolution: int | None
    #: The largest photo the server takes, in bytes.
    max_bytes: int
    #: Where the photo the value holds is served (the session's media), or None.
    url: str | None
    #: "stretch" or pixels.
    width: str | int


def camera_input(
    place: Block,
    label: str,
    key: str | None = None,
    help: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    resolution: Literal["480p", "720p", "1080p"] | None = None,
    width: int | Literal["stretch"] = "stretch",
) -> UploadedFile | None:
    """Show the user's camera with a button that takes a photo; return the photo as an :class:`UploadedFile` (a JPEG,
    ``image/jpeg``), or None until one is taken and after it is cleared.

    The browser asks the user for the camera when the widget first shows (the desktop window allows its own app);
    a page without a camera, or whose user refused it, shows why in the widget. The photo is uploaded as a
    file_uploader's file is, within the server's upload limit; "Clear photo" turns the camera on again for another.

    ``resolution`` asks the camera for a height: "480p", "720p" or "1080p" (the browser picks the closest the
    camera has). None, the default, asks as Streamlit does for the widget's width, and takes the photo at the width
    the picture is shown at. ``on_change`` (with ``args`` and ``kwargs``)
    runs before the rerun a new or cleared photo causes; "rerun" (the default) reruns with no function; "ignore"
    keeps the photo, without a rerun, until something else reruns the script, which then sees it.
    ``label_visibility`` is "visible", "hidden" or "collapsed"; ``width`` is "stretch" (the default) or pixels.
    """
    call = f"camera_input({label!r})"
    if resolution is not None and (not isinstance(resolution, str) or resolution not in RESOLUTIONS):
        raise PorchAPIError(f"{call}: resolution must be one of '480p', '720p', '1080p' or None, not {resolution!r}")
    shown_width = width_of(width, call, keywords=("stretch",))
    return show_capture(
        place,
        "camera_input",
        label,
        {"resolution": None if resolution is None else RESOLUTIONS[resolution], "width": shown_width},
        types=PHOTO_TYPES,
        key=key,
        help=help,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        label_visibility=label_visibility,
    )
