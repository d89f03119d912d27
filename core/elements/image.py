"""``image``: one image or several side by side, served by URL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from ..errors import PorchAPIError
from ._media_sources import CHANNELS, IMAGE_FORMATS, image_media, media_url
from ._place import Block
from ._served import session_media, show_served


class Picture(TypedDict):
    url: str
    caption: str | None


class Props(TypedDict):
    images: list[Picture]
    width: int | None
    use_container_width: bool


def image(
    place: Block,
    image: Any,
    caption: str | Sequence[str | None] | None = None,
    width: int | None = None,
    use_container_width: bool = False,
    clamp: bool = False,
    channels: Literal["RGB", "BGR"] = "RGB",
    output_format: Literal["auto", "PNG", "JPEG", "JPG"] = "auto",
    *,
    use_column_width: bool | None = None,
) -> Block:
    """Show an image, or a list of images side by side, each with its caption (also its alt text).

    An image is a file path, a URL, bytes, a file-like object, a PIL image, a NumPy array (``clamp`` limits float
    pixels to 0-1; ``channels="BGR"`` for OpenCV's order) or an SVG string. ``width`` is in pixels;
    ``use_container_width`` fills the container. ``output_format`` chooses how arrays are encoded.
    """
    if channels not in CHANNELS:
        raise PorchAPIError(f"channels must be one of {CHANNELS}, not {channels!r}")
    if str(output_format).upper() not in IMAGE_FORMATS:
        raise PorchAPIError(f"output_format must be 'auto', 'PNG' or 'JPEG', not {output_format!r}")
    if width is not None and (isinstance(width, bool) or not isinstance(width, int) or width <= 0):
        raise PorchAPIError(f"width must be a positive number of pixels or None, not {width!r}")
    images = list(image) if isinstance(image, (list, tuple)) else [image]
    if not images:
        raise PorchAPIError("image() was given an empty list of images")
    if caption is None:
        captions: list[str | None] = [None] * len(images)
    elif isinstance(caption, str):
        captions = [caption]
    else:
        captions = [None if c is None else str(c) for c in caption]
    if len(captions) != len(images):
        raise PorchAPIError(f"Cannot pair {len(captions)} captions with {len(images)} images.")
    media = session_media()
    urls = [
        media_url(media, image_media(one, clamp=clamp, channels=channels, output_format=output_format))
        for one in images
    ]
    props: Props = {
        "images": [{"url": url, "caption": text} for url, text in zip(urls, captions)],
        "width": width,
        "use_container_width": bool(use_container_width or use_column_width),
    }
    return show_served(place, "image", props, urls)
