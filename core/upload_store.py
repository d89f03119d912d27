"""The files a session's clients uploaded, and what each ``file_uploader`` on the page accepts.

Threads: the upload endpoint (``porch.http.upload``, event loop thread) adds and deletes files; the script's worker
thread declares the uploaders of a run (:meth:`UploadStore.expect`), turns a widget's wire value (file ids) into
:class:`UploadedFile` objects (:meth:`UploadStore.files`) and frees what no widget holds any more
(:meth:`UploadStore.sweep`). The store's own lock is the one place these two meet.

A file's life: *waiting* from the end of its upload until a widget value takes it (the client sends the value only
after the upload finished; in a form, only with the submit), then *taken*. A waiting file is freed when the client
deletes it, a taken one when its widget's value no longer holds it; both when their widget is not rendered any more,
and everything when the session closes. While waiting, a file above :data:`SPILL_BYTES` lives in a temporary file;
once taken it is read into memory once and shared (CPython's ``BytesIO`` copies on write only) by the
``UploadedFile`` objects the script gets.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import secrets
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .widgets import WidgetStore

#: A waiting file larger than this is kept in a temporary file on disk rather than in memory.
SPILL_BYTES = 1 << 20
#: Files a session may hold that no widget value has taken yet (uploads in progress included).
MAX_WAITING_FILES = 100
#: Files a session may hold in all.
MAX_SESSION_FILES = 1000
#: A session may hold this many times the largest allowed file, in bytes, in all.
SESSION_BYTES_FACTOR = 4
MAX_NAME_LENGTH = 1024
DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024
#: ``type="image"`` and friends stand for every MIME type of their family, as in Streamlit.
TYPE_FAMILIES = frozenset({"image", "audio", "video", "text"})
#: Extensions that name the same kind of file: allowing one allows the other.
TYPE_PAIRS = ((".jpg", ".jpeg"), (".mpg", ".mpeg"), (".mp4", ".mpeg4"), (".tif", ".tiff"), (".htm", ".html"))
#: The widget kinds files are uploaded to. A chat_input's files belong to one message: the run that message causes
#: takes them, and they are freed when it ends (its ``UploadedFile`` objects keep their bytes).
UPLOAD_KINDS = frozenset({"file_uploader", "chat_input", "camera_input", "audio_input"})
_MIME = re.compile(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")

log = logging.getLogger("porch.uploads")


class UploadRefused(Exception):
    """An upload the store will not take, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class UploadBudget:
    """The upload bytes of every session of an engine together: those being received (*in flight*), and all those
    held (received or being received; in memory or in temporary files). Each session's own bound
    (``SESSION_BYTES_FACTOR`` times the largest file) does not bound their sum: many sessions uploading at once
    could take the machine's memory and disk. An upload is admitted against both sums from its declared length,
    before a byte of its body is read, and refused with 503 (the server's condition, not the request's fault)
    naming the setting to raise.

    Any thread: its own lock, taken inside a store's and never the other way round. None: no bound."""

    def __init__(self, in_flight_limit: int | None = None, held_limit: int | None = None) -> None:
        self.in_flight_limit = in_flight_limit
        self.held_limit = held_limit
        self._lock = threading.Lock()
        self._in_flight = 0
        self._held = 0
        self._logged: set[str] = set()

    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def held(self) -> int:
        return self._held

    def reserve(self, size: int) -> Reservation:
        """Count ``size`` bytes about to be received, or refuse them."""
        with self._lock:
            if self.in_flight_limit is not None and self._in_flight + size > self.in_flight_limit:
                raise self._refusal(
                    "uploads_in_flight_mb",
                    f"The server is receiving its limit of {_megabytes(self.in_flight_limit)} of uploads at once "
                    "(uploads_in_flight_mb); try again in a moment.",
                )
            if self.held_limit is not None and self._held + size > self.held_limit:
                raise self._refusal(
                    "uploads_held_mb",
                    f"The server holds its limit of {_megabytes(self.held_limit)} of uploaded files "
                    "(uploads_held_mb); try again later.",
                )
            self._in_flight += size
            self._held += size
        return Reservation(self, size)

    def _refusal(self, setting: str, message: str) -> UploadRefused:
        """Lock held."""
        if setting not in self._logged:
            self._logged.add(setting)
            log.warning("%s Raise %s to allow more. (logged once)", message, setting)
        return UploadRefused(503, message)

    def _arrived(self, reservation: Reservation) -> None:
        with self._lock:
            if reservation.in_flight and not reservation.released:
                reservation.in_flight = False
                self._in_flight -= reservation.size

    def _release(self, reservation: Reservation) -> None:
        with self._lock:
            if reservation.released:
                return
            reservation.released = True
            self._held -= reservation.size
            if reservation.in_flight:
                reservation.in_flight = False
                self._in_flight -= reservation.size


class Reservation:
    """One upload's bytes counted in an :class:`UploadBudget`: in flight until :meth:`arrived`, held until
    :meth:`release` (which may be called more than once, from either thread)."""

    def __init__(self, budget: UploadBudget, size: int) -> None:
        self.budget = budget
        self.size = size
        self.in_flight = True
        self.released = False

    def arrived(self) -> None:
        self.budget._arrived(self)

    def release(self) -> None:
        self.budget._release(self)


class UploadedFile(io.BytesIO):
    """A file a user uploaded: its bytes (a ``BytesIO``), ``name``, ``type`` (as the browser declared it), ``size``
    and ``file_id``. Two objects for the same upload compare equal."""

    def __init__(self, file_id: str, name: str, type: str, data: bytes) -> None:
        super().__init__(data)
        self.file_id = file_id
        self.name = name
        self.type = type
        self.size = len(data)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UploadedFile):
            return NotImplemented
        return self.file_id == other.file_id

    def __hash__(self) -> int:
        return hash(self.file_id)

    def __repr__(self) -> str:
        return f"UploadedFile(file_id={self.file_id!r}, name={self.name!r}, type={self.type!r}, size={self.size})"


@dataclass(frozen=True)
class Accept:
    """What one file_uploader takes, as the run that rendered it last declared."""

    types: tuple[str, ...] = ()
    multiple: bool = False
    disabled: bool = False
    #: The largest file this uploader takes (its ``max_upload_size``), when less than the server's limit.
    max_bytes: int | None = None

    def allows(self, name: str, mime: str) -> bool:
        """An extension entry matches the end of the name; a MIME entry (``image/png``, ``image/*``) the type."""
        if not self.types:
            return True
        lower = name.lower()
        for entry in self.types:
            if entry.startswith("."):
                if lower.endswith(entry):
                    return True
            elif entry.endswith("/*"):
                if mime.startswith(entry[:-1]):
                    return True
            elif mime == entry:
                return True
        return False


def normalize_types(type: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"CSV"``, ``".csv"``, ``["png", ".JPG"]``, ``"image"``, ``"image/png"`` -> ``(".csv",)``, ... (lower case)."""
    if type is None:
        return ()
    entries = [type] if isinstance(type, str) else list(type)
    found: list[str] = []
    for raw in entries:
        if not isinstance(raw, str):
            raise TypeError(f"file types must be strings, not {raw!r}")
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry in TYPE_FAMILIES:
            entry += "/*"
        elif "/" not in entry:
            entry = "." + entry.lstrip(".")
        found.append(entry)
    for one, other in TYPE_PAIRS:
        if one in found and other not in found:
            found.append(other)
        elif other in found and one not in found:
            found.append(one)
    return tuple(dict.fromkeys(found))


def check_name(name: str) -> str:
    """A file's base name as the browser gives it; anything that could be a path or hide characters is refused."""
    if not 0 < len(name) <= MAX_NAME_LENGTH:
        raise UploadRefused(400, f"A file name must have 1 to {MAX_NAME_LENGTH} characters.")
    if any(ch in "/\\" or ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise UploadRefused(400, "A file name may not contain slashes or control characters.")
    return name


def check_mime(declared: str | None) -> str:
    """The declared MIME type without parameters, lower case; ``application/octet-stream`` when none was given."""
    mime = (declared or "").split(";", 1)[0].strip().lower()
    if not mime:
        return "application/octet-stream"
    if len(mime) > 255 or not _MIME.fullmatch(mime):
        raise UploadRefused(400, "The file's Content-Type is not a valid MIME type.")
    return mime


def file_ids(value: Any) -> list[str]:
    """The ids of the files a file_uploader value holds (None, one file or a list of them)."""
    if value is None:
        return []
    if isinstance(value, UploadedFile):
        return [value.file_id]
    if isinstance(value, list) and all(isinstance(item, UploadedFile) for item in value):
        return [item.file_id for item in value]
    raise ValueError(f"{value!r} is not an uploaded file")


class Upload:
    """One upload on its way in: the store has counted it against the session's limits before its body arrives."""

    def __init__(self, widget: str, name: str, mime: str, size: int) -> None:
        self.file_id = secrets.token_urlsafe(12)
        self.widget = widget
        self.name = name
        self.type = mime
        self.size = size
        self.received = 0
        self.body: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPILL_BYTES)
        #: Its bytes in the engine's :class:`UploadBudget`, given back when the file is freed.
        self.reservation: Reservation | None = None

    def discard(self) -> None:
        """Free what was received, and give its bytes back to the budget."""
        self.body.close()
        if self.reservation is not None:
            self.reservation.release()

    def write(self, chunk: bytes) -> None:
        """Keep ``chunk``; what does not fit the announced size, or comes after the session ended, is counted only
        (:meth:`UploadStore.finish` refuses such an upload)."""
        self.received += len(chunk)
        if self.received <= self.size and not self.body.closed:
            self.body.write(chunk)

    def describe(self) -> dict[str, Any]:
        return {"file_id": self.file_id, "name": self.name, "type": self.type, "size": self.size}


class _Stored:
    """A finished upload: its body until a widget value takes it, then its bytes."""

    def __init__(self, upload: Upload) -> None:
        self.file_id = upload.file_id
        self.widget = upload.widget
        self.name = upload.name
        self.type = upload.type
        self.size = upload.size
        self.body: IO[bytes] | None = upload.body
        self.data: bytes | None = None
        self.taken = False
        self.reservation = upload.reservation

    def open(self) -> UploadedFile:
        if self.data is None:
            body = self.body
            if body is None:
                raise ValueError(f"the uploaded file {self.name!r} was freed")
            body.seek(0)
            self.data = body.read()
            body.close()
            self.body = None
        return UploadedFile(self.file_id, self.name, self.type, self.data)

    def free(self) -> None:
        if self.body is not None:
            self.body.close()
            self.body = None
        self.data = None
        if self.reservation is not None:
            self.reservation.release()


class UploadStore:
    """One session's uploaded files and uploaders. Every method may be called from either thread."""

    def __init__(self, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, budget: UploadBudget | None = None) -> None:
        self.max_file_bytes = max_file_bytes
        #: The engine's bound on the upload bytes of all its sessions (set by ``porch.sessions``); none by default.
        self.budget = budget if budget is not None else UploadBudget()
        self._lock = threading.Lock()
        self._accept: dict[str, Accept] = {}
        self._files: dict[str, _Stored] = {}
        self._incoming: dict[str, Upload] = {}
        # Files a widget value named since the last sweep: taken, even if the value changed again before it.
        self._named: set[str] = set()
        self._closed = False
        # A session that is dropped without being closed (an AppTest nobody closed) still frees its files.
        weakref.finalize(self, _close_bodies, self._files, self._incoming)

    def __len__(self) -> int:
        with self._lock:
            return len(self._files)

    @property
    def held_bytes(self) -> int:
        """Bytes of the finished and incoming uploads the session holds."""
        with self._lock:
            return self._bytes()

    # -- worker thread: the runs ---------------------------------------------------------------------------------

    def expect(self, widget: str, accept: Accept) -> None:
        """A run rendered the file_uploader ``widget``, which takes what ``accept`` says."""
        with self._lock:
            self._accept[widget] = accept

    def files(self, widget: str, ids: Iterable[str]) -> list[UploadedFile]:
        """The files ``ids`` names, which must have been uploaded to ``widget``; ``ValueError`` otherwise."""
        with self._lock:
            found = []
            for file_id in ids:
                stored = self._files.get(file_id)
                if stored is None or stored.widget != widget:
                    raise ValueError(f"no file {file_id!r} was uploaded to this widget")
                found.append(stored.open())
                self._named.add(file_id)
            return found

    def end_run(self, status: str, widgets: WidgetStore) -> None:
        """After a run: forget uploaders the page no longer has, and free the files nothing holds any more."""
        with self._lock:
            for widget in [w for w in self._accept if _kind(widgets, w) not in UPLOAD_KINDS]:
                del self._accept[widget]
            held: set[str] = set()
            for widget in self._accept:
                try:
                    held.update(file_ids(widgets.values.get(widget)))
                except ValueError:
                    pass
            for file_id, stored in list(self._files.items()):
                stored.taken = stored.taken or file_id in held or file_id in self._named
                if stored.widget not in self._accept or (stored.taken and file_id not in held):
                    self._drop(file_id)
            self._named.clear()

    # -- event loop thread: the upload endpoint ------------------------------------------------------------------

    def begin(self, widget: str, name: str, mime: str, size: int) -> Upload:
        """Admit an upload of ``size`` bytes before its body is read; raise :class:`UploadRefused` if it may not be."""
        check_name(name)
        with self._lock:
            if self._closed:
                raise UploadRefused(404, "This session has ended.")
            accept = self._accept.get(widget)
            if accept is None:
                raise UploadRefused(404, "This page has no such upload widget.")
            if accept.disabled:
                raise UploadRefused(403, "This widget is disabled: it takes no file.")
            if not accept.allows(name, mime):
                allowed = ", ".join(accept.types)
                raise UploadRefused(415, f"{name} is not an accepted file type (accepted: {allowed}).")
            limit = min(self.max_file_bytes, accept.max_bytes or self.max_file_bytes)
            if size > limit:
                raise UploadRefused(413, f"{name} is {_megabytes(size)}; files may be at most {_megabytes(limit)}.")
            waiting = len(self._incoming) + sum(1 for stored in self._files.values() if not stored.taken)
            if waiting >= MAX_WAITING_FILES or len(self._incoming) + len(self._files) >= MAX_SESSION_FILES:
                raise UploadRefused(429, "Too many uploaded files are waiting; remove some first.")
            budget = SESSION_BYTES_FACTOR * self.max_file_bytes
            if self._bytes() + size > budget:
                raise UploadRefused(
                    413, f"This session holds its limit of {_megabytes(budget)} of uploads; remove some files first."
                )
            reservation = self.budget.reserve(size)
            upload = Upload(widget, name, mime, size)
            upload.reservation = reservation
            self._incoming[upload.file_id] = upload
            return upload

    def finish(self, upload: Upload) -> None:
        """The whole body of ``upload`` arrived: the file waits for a widget value to take it."""
        with self._lock:
            if self._incoming.pop(upload.file_id, None) is None or self._closed:
                upload.discard()
                raise UploadRefused(404, "This session has ended.")
            if upload.received != upload.size:
                upload.discard()
                raise UploadRefused(400, "The body does not have the length its Content-Length announced.")
            if upload.reservation is not None:
                upload.reservation.arrived()
            self._files[upload.file_id] = _Stored(upload)

    def cancel(self, upload: Upload) -> None:
        """An upload that will not finish (refused, or the client went away): free what it received."""
        with self._lock:
            self._incoming.pop(upload.file_id, None)
        upload.discard()

    def delete(self, widget: str, file_id: str) -> None:
        """The client removed a file that no widget value has taken."""
        with self._lock:
            stored = self._files.get(file_id)
            if stored is None or stored.widget != widget:
                raise UploadRefused(404, "No such file.")
            if stored.taken:
                raise UploadRefused(409, "The file is part of the widget's value: send the value without it.")
            self._drop(file_id)

    def add(self, widget: str, name: str, mime: str, data: bytes) -> str:
        """Upload ``data`` in one call (what ``AppTest`` does); the same checks as over HTTP. Returns the file id."""
        upload = self.begin(widget, name, check_mime(mime), len(data))
        upload.write(data)
        self.finish(upload)
        return upload.file_id

    # -- a session that moves between replicas (``porch.store``) -------------------------------------------------

    def carried(
        self, file_ids: Iterable[str]
    ) -> list[tuple[str, str, str, str, int, Callable[[], bytes]]]:
        """Of ``file_ids``, the files a widget value has taken: id, widget, name, type, size, and a reader of their
        bytes (in memory once taken). Worker thread, after a run."""
        found: list[tuple[str, str, str, str, int, Callable[[], bytes]]] = []
        with self._lock:
            for file_id in file_ids:
                stored = self._files.get(file_id)
                if stored is not None and stored.taken:
                    found.append((file_id, stored.widget, stored.name, stored.type, stored.size,
                                  functools.partial(self._bytes_of, stored)))
        return found

    def _bytes_of(self, stored: _Stored) -> bytes:
        with self._lock:
            if stored.data is None:
                stored.open()
            return stored.data or b""

    def restore(self, file_id: str, widget: str, name: str, mime: str, data: bytes) -> None:
        """Hold a file of a session that moved here, as taken by ``widget``'s value, within the engine's upload
        budget (:class:`UploadRefused` beyond it). Before the session's first run here."""
        upload = Upload(widget, name, mime, len(data))
        upload.file_id = file_id
        upload.reservation = self.budget.reserve(len(data))
        upload.write(data)
        with self._lock:
            if self._closed:
                upload.discard()
                raise UploadRefused(404, "This session has ended.")
            upload.reservation.arrived()
            stored = _Stored(upload)
            stored.taken = True
            self._files[file_id] = stored

    # -- either thread -------------------------------------------------------------------------------------------

    def close(self) -> None:
        """The session ended: free every file; later uploads are refused."""
        with self._lock:
            self._closed = True
            self._accept.clear()
            for file_id in list(self._files):
                self._drop(file_id)
            incoming = list(self._incoming.values())
            self._incoming.clear()
        for upload in incoming:
            upload.discard()

    def _drop(self, file_id: str) -> None:
        self._files.pop(file_id).free()

    def _bytes(self) -> int:
        return sum(u.size for u in self._incoming.values()) + sum(f.size for f in self._files.values())


def _kind(widgets: WidgetStore, widget: str) -> str | None:
    spec = widgets.specs.get(widget)
    return spec.kind if spec is not None else None


def _close_bodies(files: dict[str, _Stored], incoming: dict[str, Upload]) -> None:
    for stored in files.values():
        stored.free()
    for upload in incoming.values():
        upload.discard()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 100 * 1024 else f"{size / 1024:.1f} KB"
