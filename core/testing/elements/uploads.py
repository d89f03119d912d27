"""Widgets that take a file: ``file_uploader``, and ``camera_input`` and ``audio_input``, which capture one from a
device. An upload goes through the server's checks as a browser's does."""

from __future__ import annotations

from typing import Any, TypeVar

from .base import W, Widget


FU = TypeVar("FU", bound="FileUploader")


class FileUploader(Widget):
    """A file_uploader: ``upload(filename, content, mime_type)`` sends a file as a browser does (the server's checks
    apply), ``set_value((filename, content, mime_type))`` or a list of such replaces the files held (None clears),
    ``remove`` drops one by name, ``clear()`` all. Like other values, the change reaches the script with the next
    ``run()``. ``accept_multiple_files`` and ``allowed_type`` are the script's."""

    @property
    def files(self) -> list[dict[str, Any]]:
        """Name, size and type of the files the page shows (the server's value)."""
        return list(self.props.get("files", []))

    @property
    def accept_multiple_files(self) -> bool:
        return bool(self.props.get("multiple"))

    @property
    def accept_directory(self) -> bool:
        return bool(self.props.get("directory"))

    @property
    def allowed_type(self) -> list[str]:
        return list(self.props.get("type") or [])

    def upload(self: W, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> W:
        self._at._upload(self, filename, content, mime_type)
        return self

    def set_value(self: FU, value: Any) -> FU:
        files = [value] if isinstance(value, tuple) else value
        if value is None or (isinstance(files, list) and all(isinstance(f, tuple) and len(f) == 3 for f in files)):
            self.clear()
            for filename, content, mime_type in files or []:
                self.upload(filename, content, mime_type)
            return self
        return super().set_value(value)

    def remove(self: W, name: str) -> W:
        self._at._remove_upload(self, name)
        return self

    def clear(self: W) -> W:
        return Widget.set_value(self, [] if self.props.get("multiple") else None)


C = TypeVar("C", bound="Capture")


class Capture(Widget):
    """A camera_input or audio_input: one file captured from a device. ``upload(name, data, type)`` sends it as the
    browser does (the server's checks apply: a camera takes JPEG or PNG, a microphone WAV) and replaces the one held;
    ``set_value((name, data, type))`` does the same, ``set_value(None)`` or ``clear()`` removes it. Like other
    values, the change reaches the script with the next ``run()``. ``url`` is where the page shows the held file."""

    #: The MIME type ``upload`` gives when none is named: what the browser sends.
    capture_type = "application/octet-stream"

    @property
    def url(self) -> str | None:
        url = self.props.get("url")
        return None if url is None else str(url)

    def upload(self: C, filename: str, content: bytes, mime_type: str | None = None) -> C:
        self._free_waiting()
        self._at._upload(self, filename, content, mime_type or self.capture_type)
        return self

    def set_value(self: C, value: Any) -> C:
        if value is None:
            self.clear()
        elif isinstance(value, tuple) and len(value) == 3:
            self.upload(*value)
        else:
            super().set_value(value)
        return self

    def clear(self: C) -> C:
        self._free_waiting()
        Widget.set_value(self, None)
        return self

    def _free_waiting(self) -> None:
        """A file uploaded but not yet in the widget's value is freed when replaced, as the browser does."""
        for file_id in self._at._file_ids(self):
            if file_id not in (self.props.get("value") or []):
                self._at._session.uploads.delete(self.id, file_id)


class CameraInput(Capture):
    """A camera_input: ``upload("photo.jpg", data)`` stands for a photo taken; ``resolution`` is the script's
    ("480p", "720p", "1080p" or None)."""

    capture_type = "image/jpeg"

    @property
    def resolution(self) -> str | None:
        height = self.props.get("resolution")
        return None if height is None else f"{height}p"


class AudioInput(Capture):
    """An audio_input: ``upload("clip.wav", data)`` stands for a recording made; ``sample_rate`` is the script's (in
    Hz; None: the browser's own)."""

    capture_type = "audio/wav"

    @property
    def sample_rate(self) -> int | None:
        rate = self.props.get("sample_rate")
        return None if rate is None else int(rate)
