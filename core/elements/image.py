"""``image``: one image or several side by side, served by URL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypedDict

from ..errors import PorchAPIError
from ._media_sources import CHANNELS, IMAGE_FORMATS, image_media, media_url
from ._layout import Width, width_of
from ._place import Block
from ._served import session_media, show_served
from .link_button import link_url


class Picture(TypedDict):
    url: str
    caption: str | None


class Props(TypedDict):
    images: list[Picture]
    #: "content" (each image at its own size, at most the container's width), "stretch" (the container's width) or
    #: pixels.
    width: str | int
    #: A URL each image links to (opened in a new tab), or None.
    link: str | None
    #: Alternative text for every image, or None (each image's caption is its alt text then).
    alt: str | None


def image(
    place: Block,
    image: Any,
    caption: str | Sequence[str | None] | None = None,
    width: Width | None = "content",
    clamp: bool = False,
    channels: Literal["RGB", "BGR"] = "RGB",
    output_format: Literal["auto", "PNG", "JPEG", "JPG"] = "auto",
    *,
    use_container_width: bool | None = None,
    link: str | None = None,
    use_column_width: bool | str | None = None,
    alt: str | None = None,
) -> Block:
    """Show an image, or a list of images side by side, each with its caption.

    An image is a file path, a URL, bytes, a file-like object, a PIL image, a NumPy array (``clamp`` limits float
    pixels to 0-1; ``channels="BGR"`` for OpenCV's order) or an SVG string. ``output_format`` chooses how arrays are
    encoded.

    ``width`` is "content" (each image at its own size, never wider than the container; the default), "stretch"
    (the container's width) or pixels. ``link`` makes each image a link to that URL (http(s), mailto or relative;
    any other URL is refused), opened in a new tab. ``alt`` is the text a screen reader reads for the images (by
    default each image's caption).

    Deprecated in Streamlit and still honoured: ``use_container_width=True`` is ``width="stretch"`` (False: the
    image's own size); ``use_column_width`` "always" or True is ``width="stretch"``, "auto", "never" or False the
    image's own size.
    """
    call = "image()"
    if channels not in CHANNELS:
        raise PorchAPIError(f"channels must be one of {CHANNELS}, not {channels!r}")
    if str(output_format).upper() not in IMAGE_FORMATS:
        raise PorchAPIError(f"output_format must be 'auto', 'PNG' or 'JPEG', not {output_format!r}")
    shown_width = "content" if width is None else width_of(width, call)
    if use_column_width is not None:
        stretch = use_column_width is True or use_column_width == "always"
        shown_width = "stretch" if stretch else ("content" if shown_width == "stretch" else shown_width)
    if use_container_width is not None:
        shown_width = "stretch" if use_container_width else ("content" if shown_width == "stretch" else shown_width)
    target = None
    if link is not None:
        target = link_url(str(link))
        if target is None:
            raise PorchAPIError(f"{call}: link {link!r} is not an http(s), mailto or relative URL")
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
        "width": shown_width,
        "link": target,
        "alt": None if alt is None else str(alt),
    }
    return show_served(place, "image", props, urls)
