"""Media elements and downloads: ``image``, ``audio``, ``video`` and ``download_button``. Signatures follow
Streamlit's. The content travels by URL (``porch.media``); the element carries only the URL and how to show it."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from ..context import get_run
from ..errors import PorchAPIError
from ..media import SessionMedia, extension_for, safe_file_name
from ..widgets import BOOL
from .base import Block
from .media_sources import CHANNELS, IMAGE_FORMATS, Media, audio_media, av_media, download_content, image_media

BUTTON_TYPES = ("primary", "secondary", "tertiary")
Seconds = int | float | datetime.timedelta | None


class MediaElements(Block):
    def image(
        self,
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
        """One image, or a list of them shown side by side, each with its caption (also its alt text)."""
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
        media = get_run().session.media
        urls = [
            media_url(media, image_media(one, clamp=clamp, channels=channels, output_format=output_format))
            for one in images
        ]
        props = {
            "images": [{"url": url, "caption": text} for url, text in zip(urls, captions)],
            "width": width,
            "use_container_width": bool(use_container_width or use_column_width),
        }
        return self._media_element("image", props, urls)

    def audio(
        self,
        data: Any,
        format: str = "audio/wav",
        start_time: Seconds = 0,
        *,
        sample_rate: int | None = None,
        end_time: Seconds = None,
        loop: bool = False,
        autoplay: bool = False,
    ) -> Block:
        """A URL, a file, bytes, a file-like object, or a NumPy array of samples with its ``sample_rate``."""
        media = get_run().session.media
        url = media_url(media, audio_media(data, str(format), "audio/wav", sample_rate))
        return self._media_element("audio", {"url": url, **_timing(start_time, end_time, loop, autoplay)}, [url])

    def video(
        self,
        data: Any,
        format: str = "video/mp4",
        start_time: Seconds = 0,
        *,
        end_time: Seconds = None,
        loop: bool = False,
        autoplay: bool = False,
        muted: bool = False,
    ) -> Block:
        """A URL, a file, bytes or a file-like object. Browsers autoplay only muted video."""
        media = get_run().session.media
        url = media_url(media, av_media(data, str(format), "video/mp4", "Video"))
        props = {"url": url, **_timing(start_time, end_time, loop, autoplay), "muted": bool(muted)}
        return self._media_element("video", props, [url])

    def download_button(
        self,
        label: str,
        data: Any,
        file_name: str | None = None,
        mime: str | None = None,
        key: str | None = None,
        help: str | None = None,
        on_click: Callable[..., Any] | Literal["rerun", "ignore"] | None = "rerun",
        args: Iterable[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        *,
        type: Literal["primary", "secondary", "tertiary"] = "secondary",
        icon: str | None = None,
        disabled: bool = False,
        use_container_width: bool = False,
    ) -> bool:
        """A button that downloads ``data`` as ``file_name``. True in the run its click caused; ``on_click="ignore"``
        downloads without a rerun (and so never returns True)."""
        if self._target()[1]._form is not None:
            raise PorchAPIError(f"download_button({label!r}) cannot be used inside a form.")
        if type not in BUTTON_TYPES:
            raise PorchAPIError(f"type must be one of {BUTTON_TYPES}, not {type!r}")
        if not (on_click is None or on_click in ("rerun", "ignore") or callable(on_click)):
            raise PorchAPIError(f"on_click must be a function, 'rerun' or 'ignore', not {on_click!r}")
        content = download_content(data, mime, file_name or "")
        name = safe_file_name(file_name) if file_name else f"download.{extension_for(content.content_type)}"
        url = get_run().session.media.add(content.source, content.content_type, download_name=name)
        result: bool = self._widget(
            "download_button",
            str(label),
            {
                "url": url,
                "file_name": name,
                "type": type,
                "icon": icon,
                "use_container_width": bool(use_container_width),
                "rerun": on_click != "ignore",
            },
            key=key,
            default=False,
            codec=BOOL,
            help=help,
            disabled=disabled,
            on_change=on_click if callable(on_click) else None,
            args=args,
            kwargs=kwargs,
            trigger=True,
        )
        return result

    def _media_element(self, kind: str, props: dict[str, Any], urls: list[str]) -> Block:
        slot = self._element(kind, props)
        get_run().session.media.place(slot._path, urls)
        return slot


def media_url(media: SessionMedia, item: Media) -> str:
    """Where the client finds ``item``: a URL as it is, or one of the session's media."""
    return item if isinstance(item, str) else media.add(item.source, item.content_type)


def _timing(start_time: Seconds, end_time: Seconds, loop: bool, autoplay: bool) -> dict[str, Any]:
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
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise PorchAPIError(f"{name} must be a number of seconds (0 or more), not {value!r}")
    return value
