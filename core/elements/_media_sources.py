"""What a script may pass to ``image``, ``audio``, ``video``, ``download_button`` and ``set_page_config(page_icon=)``,
turned into what the media store keeps: bytes with a content type, a file of the script's own, or a URL that is shown
as it is.

NumPy arrays and PIL images are recognised by what they offer and never imported here: ``import porch`` stays light,
and a PyInstaller bundle takes NumPy or Pillow along only when the app itself imports them. Arrays become PNG without
Pillow; only JPEG output of an array needs it.
"""

from __future__ import annotations

import importlib
import io
import os
import struct
import wave
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PorchAPIError
from ..media import SessionMedia, guess_type

#: Strings that are shown as they are rather than read as file names.
URL_PREFIXES = ("http://", "https://", "data:", "blob:")
IMAGE_FORMATS = ("AUTO", "PNG", "JPEG", "JPG")
CHANNELS = ("RGB", "BGR")


@dataclass(frozen=True)
class Content:
    """Something to serve: bytes, or a file of the script's (served from where it is)."""

    source: bytes | Path
    content_type: str


#: A URL (shown as it is) or content to register.
Media = str | Content


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(URL_PREFIXES)


def read_data(data: Any, what: str) -> bytes:
    """The bytes of ``data``: str (as UTF-8), bytes-like, or a file-like object (read from its start)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode()
    if callable(getattr(data, "getvalue", None)):  # BytesIO, StringIO, an uploaded file
        value = data.getvalue()
    elif callable(getattr(data, "read", None)):
        if callable(getattr(data, "seekable", None)) and data.seekable():
            data.seek(0)
        value = data.read()
    else:
        raise PorchAPIError(f"{what} must be str, bytes or a file-like object, not {type(data).__name__}")
    return value.encode() if isinstance(value, str) else bytes(value)


# -- images ---------------------------------------------------------------------------------------------------------


def image_media(image: Any, *, clamp: bool = False, channels: str = "RGB", output_format: str = "auto") -> Media:
    """A URL, a file name or path, SVG markup, bytes, a file-like object, a NumPy array or a PIL image."""
    if isinstance(image, str):
        text = image.strip()
        if is_svg(text.encode()):
            return Content(text.encode(), "image/svg+xml")
        if is_url(text):
            return text
        return _image_file(Path(image))
    if isinstance(image, os.PathLike):
        return _image_file(Path(image))
    if _is_pil_image(image):
        return _encode_pil(image, output_format.upper())
    if _is_array(image):
        return _encode_array(image, clamp=clamp, channels=channels, output_format=output_format.upper())
    data = read_data(image, "An image")
    content_type = sniff_image(data)
    if content_type is None:
        raise PorchAPIError(
            "These bytes are not an image a browser shows (PNG, JPEG, GIF, WebP, AVIF, SVG, BMP or ICO)."
        )
    return Content(data, content_type)


def looks_like_image(text: str) -> bool:
    """Whether a ``page_icon`` string names an image (a URL, SVG, an image file) rather than being an emoji."""
    if is_url(text) or is_svg(text.encode()):
        return True
    return (guess_type(text) or "").startswith("image/") or os.path.isfile(text)


def sniff_image(data: bytes) -> str | None:
    """The content type of image bytes, from their first bytes; None for anything a browser would not show."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "image/avif"
    if data[:2] == b"BM":
        return "image/bmp"
    if data[:4] == b"\x00\x00\x01\x00":
        return "image/x-icon"
    if is_svg(data):
        return "image/svg+xml"
    return None


def is_svg(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!doctype svg")) and b"<svg" in head)


def _image_file(path: Path) -> Content:
    content_type = guess_type(path.name)
    if content_type is None or not content_type.startswith("image/"):
        with open(path, "rb") as file:
            content_type = sniff_image(file.read(2048))
        if content_type is None:
            raise PorchAPIError(f"{str(path)!r} is not an image a browser shows (PNG, JPEG, GIF, WebP, SVG...).")
    return Content(path, content_type)


def _is_pil_image(value: Any) -> bool:
    return any(cls.__module__.startswith("PIL.") for cls in type(value).__mro__) and callable(
        getattr(value, "save", None)
    )


def _is_array(value: Any) -> bool:
    return all(hasattr(value, name) for name in ("__array_interface__", "dtype", "shape", "astype"))


def _encode_pil(image: Any, output_format: str) -> Content:
    if output_format == "AUTO":
        output_format = image.format if image.format in ("PNG", "JPEG", "GIF", "WEBP") else "PNG"
    if output_format == "JPG":
        output_format = "JPEG"
    if output_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=output_format, **({"save_all": True} if output_format == "GIF" else {}))
    return Content(buffer.getvalue(), f"image/{output_format.lower()}")


def _encode_array(array: Any, *, clamp: bool, channels: str, output_format: str) -> Content:
    """An array of shape (height, width), (height, width, 1), (height, width, 3) or (height, width, 4), with values
    in 0-255 (integers) or 0.0-1.0 (floats), as PNG (or JPEG through Pillow)."""
    data = _to_bytes_range(array, clamp)
    if data.ndim == 3 and data.shape[2] == 1:
        data = data[:, :, 0]
    if data.ndim == 3 and data.shape[2] in (3, 4):
        if channels == "BGR":
            data = data[..., [2, 1, 0, 3][: data.shape[2]]]
    elif data.ndim != 2:
        raise PorchAPIError(
            f"An array of shape {tuple(data.shape)} is not an image: use (height, width), (height, width, 3) "
            "or (height, width, 4)."
        )
    if 0 in data.shape:
        raise PorchAPIError(f"An array of shape {tuple(data.shape)} is an empty image.")
    if output_format in ("JPEG", "JPG"):
        try:
            pil = importlib.import_module("PIL.Image")
        except ImportError:
            raise PorchAPIError("output_format='JPEG' for an array needs Pillow: pip install pillow") from None
        return _encode_pil(pil.fromarray(data), "JPEG")
    return Content(_png(data), "image/png")


def _to_bytes_range(array: Any, clamp: bool) -> Any:
    kind = array.dtype.kind
    if kind == "b":
        return array.astype("uint8") * 255
    if kind == "f":
        if clamp:
            array = array.clip(0.0, 1.0)
        elif array.size and (array.min() < 0.0 or array.max() > 1.0):
            raise PorchAPIError("The image's float values are outside [0.0, 1.0]. Pass clamp=True to clip them.")
        return (array * 255).astype("uint8")
    if kind in "iu":
        if clamp:
            array = array.clip(0, 255)
        elif array.size and (array.min() < 0 or array.max() > 255):
            raise PorchAPIError("The image's values are outside [0, 255]. Pass clamp=True to clip them.")
        return array.astype("uint8")
    raise PorchAPIError(f"An array of {array.dtype} is not an image: use integers (0-255) or floats (0.0-1.0).")


def _png(pixels: Any) -> bytes:
    """A PNG of 8-bit grey (height, width), RGB or RGBA (height, width, 3|4) pixels."""
    height, width = pixels.shape[:2]
    samples = 1 if pixels.ndim == 2 else pixels.shape[2]
    colour_type = {1: 0, 3: 2, 4: 6}[samples]
    raw = pixels.tobytes()
    stride = width * samples
    scanlines = b"".join(b"\x00" + raw[row * stride : (row + 1) * stride] for row in range(height))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(scanlines, 6))
        + chunk(b"IEND", b"")
    )


# -- audio and video ------------------------------------------------------------------------------------------------


def audio_media(data: Any, content_type: str, default_type: str, sample_rate: int | None) -> Media:
    """Like :func:`av_media`, and a NumPy array of samples (one row per channel) with its ``sample_rate``."""
    if _is_array(data):
        if sample_rate is None:
            raise PorchAPIError("audio(): an array of samples needs sample_rate=")
        return Content(_wav(data, sample_rate), "audio/wav")
    return av_media(data, content_type, default_type, "Audio")


def av_media(data: Any, content_type: str, default_type: str, what: str) -> Media:
    """A URL, a file name or path, bytes or a file-like object. A file's extension decides its content type unless
    the script named one other than the default."""
    if isinstance(data, str) and is_url(data):
        return data.strip()
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        if content_type == default_type:
            content_type = guess_type(path.name) or content_type
        return Content(path, content_type)
    return Content(read_data(data, f"{what} data"), content_type)


def _wav(samples: Any, sample_rate: int) -> bytes:
    """16-bit PCM WAV of samples shaped (frames,) or (channels, frames), scaled so that the loudest is full scale."""
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, int) or sample_rate <= 0:
        raise PorchAPIError(f"sample_rate must be a positive whole number of samples per second, not {sample_rate!r}")
    if samples.ndim == 1:
        channels, frames = 1, samples
    elif samples.ndim == 2:
        channels, frames = samples.shape[0], samples.T  # interleave: frame by frame, each channel's sample
    else:
        raise PorchAPIError(f"Audio samples of shape {tuple(samples.shape)}: use (frames,) or (channels, frames).")
    peak = float(abs(frames).max()) if frames.size else 0.0
    pcm = (frames * (32767 / peak) if peak else frames * 0).astype("<i2").tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buffer.getvalue()


# -- downloads ------------------------------------------------------------------------------------------------------


def download_content(data: Any, mime: str | None, file_name: str) -> Content:
    """Text (sent as UTF-8), bytes or a file-like object, typed by ``mime``, else by the file name, else by data."""
    default = "text/plain" if isinstance(data, str) else "application/octet-stream"
    return Content(read_data(data, "download_button() data"), mime or guess_type(file_name) or default)


def media_url(media: SessionMedia, item: Media) -> str:
    """Where the client finds ``item``: a URL as it is, or one of the session's media."""
    return item if isinstance(item, str) else media.add(item.source, item.content_type)
