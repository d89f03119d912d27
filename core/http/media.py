"""Media and downloads a run registered (``porch.media``), at ``<base>/_porch/media/<digest>.<ext>``.

Audio and video need byte ranges, so this builds on tornado's ``StaticFileHandler`` (ranges, ETag checks, HEAD) and
only swaps the folder for the engine's :class:`porch.media.MediaStore`. Names are content digests, hence immutable.

A deferred download (``download_button(data=function)``) is made for each GET: the handler waits, without blocking
the loop, for the session's worker to call the function (``MediaStore.produce``), serves what it made, never cached,
then lets it go. A HEAD does not make it. A function that raised answers 500; a session gone meanwhile, 404.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
from collections.abc import Generator
from typing import BinaryIO

from tornado import web

from ..media import MediaFile, Produced, content_disposition
from .base import EngineHandler, HttpEngine

#: A document of the script's that runs its scripts (``html(unsafe_allow_javascript=True)``, ``iframe`` of HTML text):
#: they run, and load what they like, but in a sandbox without ``allow-same-origin``, so in an opaque origin that
#: reaches neither the app's cookies, its storage nor its page; and only the app's own page may frame it.
FRAME_POLICY = (
    "sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads; "
    "default-src * data: blob: 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'"
)


class MediaHandler(EngineHandler, web.StaticFileHandler):
    """Media and downloads a run registered (``porch.media``). Ranges, ETag checks and HEAD come from tornado's
    ``StaticFileHandler``; the content comes from the engine's media store instead of a folder."""

    root = ""
    media: MediaFile
    _file: BinaryIO | None = None
    #: A deferred download's content, made for this response.
    _produced: Produced | None = None
    #: The client closed the connection.
    _gone = False

    def initialize(self, engine: HttpEngine) -> None:  # type: ignore[override]
        self.engine = engine

    async def get(self, path: str, include_body: bool = True) -> None:
        deferred = self.engine.media.get(path)
        if deferred is not None and deferred.deferred is not None:
            self.media = deferred
            if not include_body:  # HEAD: the headers a GET would bring, without calling the function
                self.set_header("Content-Type", deferred.content_type)
                self.set_extra_headers(path)
                return
            try:
                produced = await asyncio.wrap_future(self.engine.media.produce(deferred))
            except (asyncio.CancelledError, concurrent.futures.CancelledError):
                raise web.HTTPError(404) from None  # the session closed before the function ran
            except Exception:
                raise web.HTTPError(500, reason="The download could not be made") from None
            if self._gone:
                produced.release()  # the client left while it was being made
                return
            self._produced = produced
        await super().get(path, include_body)

    def parse_url_path(self, url_path: str) -> str:
        return url_path

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return path

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        media = self._produced.file if self._produced is not None else self.engine.media.get(absolute_path)
        if media is None:
            raise web.HTTPError(404)
        try:
            self._file = media.open()
        except OSError:
            raise web.HTTPError(404) from None
        self.media = media
        return absolute_path

    def get_content_size(self) -> int:
        return self.media.size

    def get_modified_time(self) -> datetime.datetime:
        return self.media.modified

    def get_content_type(self) -> str:
        return self.media.content_type

    def compute_etag(self) -> str | None:
        return None if self._made_on_request else f'"{self.media.name}"'

    @property
    def _made_on_request(self) -> bool:
        return self._produced is not None or self.media.deferred is not None

    def get_cache_time(self, path: str, modified: datetime.datetime | None, mime_type: str) -> int:
        return 0  # set_extra_headers says it: content-addressed, so never stale

    def set_extra_headers(self, path: str) -> None:
        # A download made on request may differ each time; anything else is content-addressed, so never stale.
        cache = "no-store" if self._made_on_request else "private, max-age=31536000, immutable"
        self.set_header("Cache-Control", cache)
        # Opened on its own (an SVG, an HTML download), the content runs nothing in the app's origin.
        policy = FRAME_POLICY if self.media.scripts else "default-src 'none'; style-src 'unsafe-inline'; sandbox"
        self.set_header("Content-Security-Policy", policy)
        if self.media.download_name is not None:
            self.set_header("Content-Disposition", content_disposition(self.media.download_name))

    def get_content(  # type: ignore[override]
        self, abspath: str, start: int | None = None, end: int | None = None
    ) -> Generator[bytes, None, None]:
        file = self._file
        if file is None:
            return
        file.seek(start or 0)
        remaining = (end if end is not None else self.media.size) - (start or 0)
        while remaining > 0 and not file.closed:  # closed: the client went away between two chunks
            chunk = file.read(min(remaining, 64 * 1024))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk

    def on_finish(self) -> None:
        self._close()

    def on_connection_close(self) -> None:
        self._gone = True
        self._close()

    def _close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            file.close()
        produced, self._produced = self._produced, None
        if produced is not None:
            produced.release()
