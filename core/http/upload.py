"""The upload endpoint: a browser sends each file a ``file_uploader`` was given in one ``PUT`` request.

``PUT <base>/_porch/upload/<session id>/<widget id>`` with the file as the raw body, and
``DELETE <base>/_porch/upload/<session id>/<widget id>/<file id>`` for a file the user removed before a widget value
took it. ``docs/protocol.md`` lists the headers and answers. Every request passes the engine's access policy
(:class:`porch.http.base.EngineHandler`), tornado's XSRF check, and the session's own token; the body is streamed into
the session's :class:`porch.upload_store.UploadStore`, which admits the upload from its declared length before a
byte of the body is read, against the session's bounds and the engine's :class:`porch.upload_store.UploadBudget`.

Only this endpoint reads a large body: the server's own bound is small (``porch.engine.MAX_PLAIN_BODY_BYTES``) and
raised here, for an admitted upload, to ``max_upload_bytes``. An upload may take as long as it keeps sending; one
that sends nothing for ``body_timeout`` seconds is dropped and its bytes freed.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

from tornado import web
from tornado.http1connection import HTTP1Connection
from tornado.ioloop import IOLoop

from ..sessions import misdirected
from ..upload_store import Upload, UploadRefused, UploadStore, check_mime
from .asgi_http import AsgiRequestConnection
from .base import EngineHandler, HttpEngine

log = logging.getLogger("porch.http.upload")

SESSION_TOKEN_HEADER = "X-Porch-Session-Token"
FILE_NAME_HEADER = "X-Porch-File-Name"
#: tornado's bound on the whole body of an upload, in seconds: a day. What bounds an upload is its pace, watched by
#: the handler (``body_timeout`` between two chunks); tornado's own body timeout would cut a large, slow one.
UPLOAD_TOTAL_SECONDS = 24 * 3600.0


class _Refused(web.HTTPError):
    """An HTTP error whose message is shown to the user as the body (reason phrases cannot carry a file name)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status)
        self.message = message


@contextmanager
def _as_http() -> Iterator[None]:
    """The store's refusals as HTTP errors."""
    try:
        yield
    except UploadRefused as exc:
        raise _Refused(exc.status, exc.message) from None


@web.stream_request_body
class UploadHandler(EngineHandler):
    SUPPORTED_METHODS = ("PUT", "DELETE")

    def initialize(self, engine: HttpEngine) -> None:
        super().initialize(engine)
        self._store: UploadStore | None = None
        self._upload: Upload | None = None
        self._last_data = 0.0
        self._stall_timer: object | None = None

    def prepare(self) -> None:
        super().prepare()
        if self._finished:
            return
        session_id, widget, *rest = self.path_args
        file_id = rest[0] if rest else None  # the route's optional third part: None when absent
        self._store = self._session_store(session_id)
        if self.request.method != "PUT":
            return
        if file_id is not None:
            raise _Refused(405, "Send a file to the widget's address, without a file id.")
        size = self._content_length()
        name = self._file_name()
        with _as_http():
            self._upload = self._store.begin(widget, name, check_mime(self.request.headers.get("Content-Type")), size)
        connection = self.request.connection
        if isinstance(connection, (HTTP1Connection, AsgiRequestConnection)):  # own listener, or an ASGI server's
            connection.set_max_body_size(self.engine.config.max_upload_bytes)
            connection.set_body_timeout(UPLOAD_TOTAL_SECONDS)
        self._last_data = IOLoop.current().time()
        self._watch_pace()

    def data_received(self, chunk: bytes) -> None:
        self._last_data = IOLoop.current().time()
        if self._upload is not None:
            self._upload.write(chunk)

    def _watch_pace(self) -> None:
        """Drop the upload once ``body_timeout`` seconds pass without a byte of its body."""
        self._stall_timer = None
        if self._upload is None or self._finished:
            return
        loop = IOLoop.current()
        quiet = loop.time() - self._last_data
        limit = self.engine.config.body_timeout
        if quiet >= limit:
            log.info("upload dropped: no data for %.0f s (body_timeout)", limit)
            self._abandon()
            connection = self.request.connection
            if isinstance(connection, (HTTP1Connection, AsgiRequestConnection)):
                connection.close()
            return
        self._stall_timer = loop.call_later(limit - quiet, self._watch_pace)

    def put(self, session_id: str, widget: str, file_id: str | None = None) -> None:
        upload, store = self._upload, self._store
        if upload is None or store is None:
            raise _Refused(400, "No upload was started.")
        self._upload = None
        with _as_http():
            store.finish(upload)
        self.set_status(201)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(upload.describe()))

    def delete(self, session_id: str, widget: str, file_id: str | None = None) -> None:
        if file_id is None or self._store is None:
            raise _Refused(405, "Name the file to delete: .../<widget id>/<file id>.")
        with _as_http():
            self._store.delete(widget, file_id)
        self.set_status(204)
        self.finish()

    def on_finish(self) -> None:
        # An answer given before the body was read (a refusal) also closes the connection: the body is not read.
        self._abandon()

    def on_connection_close(self) -> None:
        self._abandon()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        message = exc.message if isinstance(exc, _Refused) else self._reason
        if isinstance(exc, _Refused) and status_code != 503:  # the server's own bounds log once, in the budget
            log.info("upload refused: %d %s", status_code, message)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(f"{status_code} {message}\n")

    # -- checks ------------------------------------------------------------------------------------------------------

    def _session_store(self, session_id: str) -> UploadStore:
        """The uploads of the session the URL names, if the request carries that session's token."""
        session = self.engine.sessions.get(session_id)
        if session is None or session.closed:
            miss = misdirected(session_id, self.engine.config.replica_id)
            if miss is not None:  # 421 Misdirected Request: the proxy sent it to a replica that cannot answer it
                raise _Refused(421, miss[0].upper() + miss[1:] + ".")
            raise _Refused(404, "No such session: reload the page.")
        offered = self.request.headers.get(SESSION_TOKEN_HEADER, "")
        if not hmac.compare_digest(offered.encode("utf-8", "surrogateescape"), session.token.encode()):
            raise _Refused(403, f"The {SESSION_TOKEN_HEADER} header does not match this session.")
        return session.uploads

    def _content_length(self) -> int:
        if "Transfer-Encoding" in self.request.headers or "Content-Length" not in self.request.headers:
            raise _Refused(411, "Send the file with a Content-Length.")
        try:
            size = int(self.request.headers["Content-Length"])
        except ValueError:
            raise _Refused(400, "The Content-Length is not a number.") from None
        if size < 0:
            raise _Refused(400, "The Content-Length is negative.")
        return size

    def _file_name(self) -> str:
        raw = self.request.headers.get(FILE_NAME_HEADER)
        if raw is None:
            raise _Refused(400, f"The {FILE_NAME_HEADER} header (the file's name, percent-encoded) is missing.")
        try:
            return unquote(raw, errors="strict")
        except UnicodeDecodeError:
            raise _Refused(400, f"The {FILE_NAME_HEADER} header is not percent-encoded UTF-8.") from None

    def _abandon(self) -> None:
        if self._stall_timer is not None:
            IOLoop.current().remove_timeout(self._stall_timer)
            self._stall_timer = None
        upload, self._upload = self._upload, None
        if upload is not None and self._store is not None:
            self._store.cancel(upload)
