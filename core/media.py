"""Media and downloads: content a run shows by URL instead of inside the element delta.

A run hands its session's :class:`SessionMedia` some bytes (or names a file of its own) and gets back a URL relative
to the page's base, ``_porch/media/<digest>.<ext>``, which ``porch.http.media`` serves with ranges, an
ETag and a year of caching. The digest covers the content (for a file of the script: its path, size and modification
time), its type and its download name, so one URL always means the same bytes with the same headers.

Lifetime. A session holds the media of what its page shows and its page icon. A run that finished, stopped or failed
has rebuilt the page, so media that only earlier runs used are let go when it ends; a run superseded by a newer one
leaves the page to the next run and lets nothing go. A closed session lets go of everything. An entry that no session
holds is freed at once (its bytes, or its temporary file).

Memory. Entries stay in memory up to ``memory_limit`` bytes in all; what does not fit is written to a temporary file.
A file of the script's own is served from where it is and costs no memory.

Made on request. A download whose data is a function (``download_button(data=function)``) is a *deferred* entry: a
URL of its own, stable across the runs of its session, with no content until a request for it comes. Then
:meth:`MediaStore.produce` has the function called on its session's worker thread (it is script code: never on the
event loop, never beside a run of that session) and keeps what it made, for that one response only, as any other
content: in memory within ``memory_limit``, else in a temporary file.

Threads. Runs add from their worker threads and the handler reads on the event loop: one lock guards the index, and
no file is written or hashed under it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import mimetypes
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
import unicodedata
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote

if TYPE_CHECKING:
    from .widgets import WidgetStore

#: Where media are served, relative to the page's base URL (and so under ``--base-path``).
MEDIA_PATH = "_porch/media/"
#: Default bound on the bytes all sessions' media keep in memory together; the rest goes to temporary files.
DEFAULT_MEMORY_LIMIT = 256 * 1024 * 1024
_NAME = re.compile(r"[0-9a-f]{32}\.[a-z0-9]{1,10}")
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,10})$")
#: Content types of the media files scripts show, by extension: the same on every system (``mimetypes`` reads the
#: Windows registry and ``/etc/mime.types``, which differ). Other extensions fall back to ``mimetypes``.
MEDIA_TYPES = {
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
    "svg": "image/svg+xml", "ico": "image/x-icon", "bmp": "image/bmp", "avif": "image/avif",
    "wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg", "oga": "audio/ogg", "opus": "audio/ogg",
    "flac": "audio/flac", "m4a": "audio/mp4", "aac": "audio/aac", "weba": "audio/webm",
    "mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm", "ogv": "video/ogg", "mov": "video/quicktime",
    "txt": "text/plain", "csv": "text/csv", "json": "application/json", "pdf": "application/pdf",
    "zip": "application/zip", "bin": "application/octet-stream",
}
_EXTENSIONS = {content_type: extension for extension, content_type in reversed(MEDIA_TYPES.items())}
#: Characters a file name may not carry on any common system (Windows being the strictest).
_UNSAFE_IN_NAMES = re.compile(r'[/\\:*?"<>|]')
#: The temporary folders of this process's stores, for an exit that runs no finalizer (:func:`remove_temporary_files`).
_spill_folders: set[str] = set()
_spill_folders_lock = threading.Lock()


@dataclass(frozen=True)
class MediaFile:
    """One servable item. Exactly one of ``data`` (in memory) and ``path`` (on disk) is set."""

    name: str
    content_type: str
    size: int
    modified: datetime.datetime
    data: bytes | None = None
    path: str | None = None
    #: A download: served as an attachment under this (already safe) file name. None: shown inline.
    download_name: str | None = None
    #: For a file of the script's own, its size and mtime when it was added: a file changed since is not served
    #: under the old URL.
    file_version: tuple[int, int] | None = None
    #: A document of the script's that runs its own scripts (``html(unsafe_allow_javascript=True)``, an ``iframe`` of
    #: HTML text): served with a policy that lets them run, in a sandbox of an opaque origin, never the app's.
    scripts: bool = False
    #: Content made when it is asked for (neither ``data`` nor ``path`` is set): see :meth:`MediaStore.produce`.
    deferred: Deferred | None = None

    @property
    def url(self) -> str:
        return MEDIA_PATH + self.name

    def open(self) -> BinaryIO:
        """The content, to read; raises ``FileNotFoundError`` when a file of the script's has changed or gone, and for
        a deferred entry (whose content :meth:`MediaStore.produce` makes)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.path is None:
            raise FileNotFoundError(self.name)
        file = open(self.path, "rb")
        if self.file_version is not None:
            found = os.fstat(file.fileno())
            if (found.st_size, found.st_mtime_ns) != self.file_version:
                file.close()
                raise FileNotFoundError(f"{self.path} changed since the script showed it")
        return file

    def read(self) -> bytes:
        with self.open() as file:
            return file.read()


@dataclass(frozen=True)
class Deferred:
    """How a deferred entry's content is made: ``make`` (script code) returns the bytes; ``submit`` hands a job to
    the session's worker thread and returns the job's future (``porch.session.Session.submit``)."""

    make: Callable[[], bytes]
    submit: Callable[[Callable[[], Any]], Future[Any]]


@dataclass(frozen=True)
class Produced:
    """A deferred entry's content, made for one response: ``release`` it once served."""

    file: MediaFile
    release: Callable[[], None]


class _Entry:
    __slots__ = ("file", "holders", "spilled")

    def __init__(self, file: MediaFile, spilled: bool) -> None:
        self.file = file
        # How many session slots (a page, a run, a page icon) hold it; 0 frees it.
        self.holders = 0
        self.spilled = spilled


class MediaStore:
    """The media of all sessions of one engine (or of one AppTest)."""

    def __init__(self, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> None:
        self.memory_limit = memory_limit
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}
        self._memory = 0
        self._spill_dir: str | None = None

    def session(self) -> SessionMedia:
        """A holder for one session's media."""
        return SessionMedia(self)

    def get(self, name: str) -> MediaFile | None:
        """The item named by the last part of its URL, or None. Any thread."""
        if not _NAME.fullmatch(name):
            return None
        with self._lock:
            entry = self._entries.get(name)
            return entry.file if entry is not None else None

    def read(self, url: str) -> bytes:
        """The bytes behind a media URL this store handed out (for tests)."""
        file = self.get(url.removeprefix(MEDIA_PATH))
        if file is None:
            raise KeyError(f"no media at {url!r}")
        return file.read()

    def __len__(self) -> int:
        return len(self._entries)

    def produce(self, deferred: MediaFile) -> Future[Produced]:
        """Make a deferred entry's content: its function runs in a job on its session's worker thread, which keeps
        the bytes as it keeps any (within the memory limit, else in a temporary file) for one response. Any thread.

        The future fails with what the function raised, and is cancelled when the session closes first.
        """
        how = deferred.deferred
        if how is None:
            raise ValueError(f"{deferred.name} is not made on request")

        def job() -> Produced:
            data = how.make()
            holder = SessionMedia(self)
            url = self._add(holder, data, deferred.content_type, deferred.download_name)
            file = self.get(url.removeprefix(MEDIA_PATH))
            if file is None:  # cannot happen while the holder holds it
                raise FileNotFoundError(url)
            return Produced(file, holder.close)

        return how.submit(job)

    @property
    def memory_bytes(self) -> int:
        """Bytes held in memory now (never more than ``memory_limit``)."""
        return self._memory

    # -- adding (worker threads) ---------------------------------------------------------------------------------

    def _add(
        self,
        holder: SessionMedia,
        source: bytes | Path,
        content_type: str,
        download_name: str | None,
        scripts: bool = False,
    ) -> str:
        if isinstance(source, Path):
            return self._add_file(holder, source, content_type, download_name)
        kind = b"scripts" if scripts else b"data"
        name = _name(_digest(kind, content_type, download_name, source), content_type, download_name)
        now = datetime.datetime.now(datetime.timezone.utc)
        with self._lock:
            if name in self._entries or self._memory + len(source) <= self.memory_limit:
                if name not in self._entries:
                    self._memory += len(source)
                    file = MediaFile(
                        name, content_type, len(source), now, data=source, download_name=download_name, scripts=scripts
                    )
                    self._entries[name] = _Entry(file, spilled=False)
                holder._take(name)
                return MEDIA_PATH + name
            spill_dir = self._spill_folder()
        descriptor, path = tempfile.mkstemp(dir=spill_dir, suffix="-" + name)
        with os.fdopen(descriptor, "wb") as out:
            out.write(source)
        file = MediaFile(
            name, content_type, len(source), now, path=path, download_name=download_name, scripts=scripts
        )
        with self._lock:
            duplicate = name in self._entries  # another session added the same content meanwhile
            if not duplicate:
                self._entries[name] = _Entry(file, spilled=True)
            holder._take(name)
        if duplicate:
            _remove(path)
        return MEDIA_PATH + name

    def _add_deferred(
        self, holder: SessionMedia, key: bytes, how: Deferred, content_type: str, download_name: str | None
    ) -> str:
        name = _name(_digest(b"deferred", content_type, download_name, key), content_type, download_name)
        now = datetime.datetime.now(datetime.timezone.utc)
        file = MediaFile(name, content_type, 0, now, download_name=download_name, deferred=how)
        with self._lock:
            entry = self._entries.get(name)
            if entry is None:
                self._entries[name] = _Entry(file, spilled=False)
            else:
                entry.file = file  # the same download in a later run: its newest function makes the content
            holder._take(name)
        return MEDIA_PATH + name

    def _add_file(self, holder: SessionMedia, path: Path, content_type: str, download_name: str | None) -> str:
        real = os.path.realpath(path)
        found = os.stat(real)
        if not stat.S_ISREG(found.st_mode):
            raise IsADirectoryError(f"{path} is not a file")
        version = (found.st_size, found.st_mtime_ns)
        digest = _digest(b"file", content_type, download_name, f"{real}\0{version}".encode())
        name = _name(digest, content_type, download_name)
        modified = datetime.datetime.fromtimestamp(int(found.st_mtime), datetime.timezone.utc)
        file = MediaFile(
            name, content_type, found.st_size, modified, path=real, download_name=download_name, file_version=version
        )
        with self._lock:
            if name not in self._entries:
                self._entries[name] = _Entry(file, spilled=False)
            holder._take(name)
        return MEDIA_PATH + name

    def _spill_folder(self) -> str:
        """The folder for what does not fit in memory, made on first use and removed with the store (or by
        :meth:`close`). Lock held."""
        if self._spill_dir is None:
            self._spill_dir = tempfile.mkdtemp(prefix="porch-media-")
            with _spill_folders_lock:
                _spill_folders.add(self._spill_dir)
            weakref.finalize(self, _remove_folder, self._spill_dir)
        return self._spill_dir

    def close(self) -> None:
        """Remove the temporary folder and what is in it now: the engine stopped. Any thread. (A later addition
        would make a new one.)"""
        with self._lock:
            folder, self._spill_dir = self._spill_dir, None
        if folder is not None:
            _remove_folder(folder)

    # -- holding (lock held) -------------------------------------------------------------------------------------

    def _retain(self, name: str) -> bool:
        entry = self._entries.get(name)
        if entry is None:
            return False
        entry.holders += 1
        return True

    def _release(self, name: str) -> None:
        entry = self._entries.get(name)
        if entry is not None:
            entry.holders -= 1
            self._free_unheld(name)

    def _free_unheld(self, name: str) -> None:
        entry = self._entries.get(name)
        if entry is None or entry.holders > 0:
            return
        del self._entries[name]
        if entry.file.data is not None:
            self._memory -= entry.file.size
        elif entry.spilled and entry.file.path is not None:
            _remove(entry.file.path)  # a reader that has it open keeps reading (POSIX)


class SessionMedia:
    """The media one session holds: those of its page, those of the run in progress, and its page icon."""

    def __init__(self, store: MediaStore) -> None:
        self.store = store
        self._page: set[str] = set()
        self._run: set[str] = set()
        # Where the current run showed which media, and at how many places each (see ``place``).
        self._placed: dict[tuple[int, ...], set[str]] = {}
        self._places: dict[str, int] = {}
        self._icon: str | None = None
        self._closed = False
        # Makes the names of this session's deferred entries its own (and unguessable).
        self._secret = secrets.token_bytes(16)

    def add(
        self, source: bytes | Path, content_type: str, *, download_name: str | None = None, scripts: bool = False
    ) -> str:
        """Keep ``source`` (bytes, or a file of the script's) for the current run; return its URL. Worker thread.
        ``scripts``: an HTML document (bytes) whose scripts run when it is shown, see :attr:`MediaFile.scripts`."""
        safe_name = safe_file_name(download_name) if download_name is not None else None
        return self.store._add(self, source, content_type, safe_name, scripts)

    def add_deferred(
        self, key: str, make: Callable[[], bytes], submit: Callable[[Callable[[], Any]], Future[Any]],
        content_type: str, *, download_name: str | None = None,
    ) -> str:
        """Keep, for the current run, a download whose content ``make`` makes when it is asked for (on the session's
        worker, through ``submit``); return its URL, the same for the same ``key`` in every run. Worker thread."""
        safe_name = safe_file_name(download_name) if download_name is not None else None
        return self.store._add_deferred(
            self, self._secret + key.encode(), Deferred(make, submit), content_type, safe_name
        )

    def _take(self, name: str) -> None:
        """The current run uses ``name``, which is in the store. Store lock held."""
        if not self._closed and name not in self._run and self.store._retain(name):
            self._run.add(name)
        self.store._free_unheld(name)  # added for a session that closed meanwhile: nobody will ask for it

    def place(self, path: tuple[int, ...], urls: list[str]) -> None:
        """The current run showed ``urls`` at ``path``, replacing what it showed there before. Media only the replaced
        element showed are let go at once: a placeholder the script animates in a loop keeps one frame, not all."""
        names = {url.removeprefix(MEDIA_PATH) for url in urls if url.startswith(MEDIA_PATH)}
        store = self.store
        with store._lock:
            if self._closed:
                return
            before = self._placed.get(path, set())
            self._placed[path] = names
            for name in names - before:
                self._places[name] = self._places.get(name, 0) + 1
            for name in before - names:
                self._places[name] -= 1
                if self._places[name] == 0:
                    del self._places[name]
                    if name in self._run:
                        self._run.discard(name)
                        store._release(name)

    def end_run(self, status: str, widgets: WidgetStore) -> None:
        """The run ended. Unless it was superseded (``rerun``), its elements are now the whole page, so let go of
        what only earlier runs showed; a superseded run leaves a page that still shows some of both."""
        replaced = status != "rerun"
        store = self.store
        with store._lock:
            if self._closed:
                return
            earlier, run = self._page, self._run
            self._run, self._placed, self._places = set(), {}, {}
            if replaced:
                self._page = run
                for name in earlier:
                    store._release(name)
            else:
                for name in run & earlier:
                    store._release(name)
                self._page = earlier | run

    def set_icon(self, url: str | None) -> None:
        """Hold the page icon at ``url`` (one of ours, or None) for as long as the page shows it."""
        name = url.removeprefix(MEDIA_PATH) if url is not None and url.startswith(MEDIA_PATH) else None
        store = self.store
        with store._lock:
            if self._closed or name == self._icon:
                return
            if name is not None and not store._retain(name):
                name = None
            previous, self._icon = self._icon, name
            if previous is not None:
                store._release(previous)

    def close(self) -> None:
        """The session is gone: let go of everything. Any thread."""
        store = self.store
        with store._lock:
            if self._closed:
                return
            self._closed = True
            for name in [*self._page, *self._run, *([self._icon] if self._icon else [])]:
                store._release(name)
            self._page, self._run, self._icon = set(), set(), None


def safe_file_name(name: str) -> str:
    """A download's file name as it may appear in a header and on disk: no folders, no control or format characters
    (such as a right-to-left override that disguises ``txt.exe``), no characters Windows forbids, at most 200
    characters. Never empty."""
    visible = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in str(name))
    cleaned = _UNSAFE_IN_NAMES.sub("_", visible).strip(" .")
    if len(cleaned) > 200:
        match = _EXTENSION.search(cleaned)
        suffix = match.group(0) if match else ""
        cleaned = cleaned[: 200 - len(suffix)] + suffix
    return cleaned or "download"


def content_disposition(name: str) -> str:
    """``attachment`` with ``name`` for every browser: an ASCII fallback and the exact UTF-8 form (RFC 6266)."""
    fallback = "".join(ch if 32 <= ord(ch) < 127 else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _digest(kind: bytes, content_type: str, download_name: str | None, content: bytes) -> str:
    hasher = hashlib.blake2b(kind, digest_size=16)
    hasher.update(f"\0{content_type}\0{download_name}\0".encode())
    hasher.update(content)
    return hasher.hexdigest()


def guess_type(file_name: str) -> str | None:
    """The content type a file name's extension suggests, or None."""
    match = _EXTENSION.search(file_name)
    if match and match.group(1).lower() in MEDIA_TYPES:
        return MEDIA_TYPES[match.group(1).lower()]
    return mimetypes.guess_type(file_name, strict=False)[0]


def extension_for(content_type: str) -> str:
    """The usual file extension (without the dot) for a content type; ``bin`` when there is none."""
    bare_type = content_type.split(";")[0].strip().lower()
    extension = (_EXTENSIONS.get(bare_type) or mimetypes.guess_extension(bare_type) or "bin").lstrip(".").lower()
    return extension if _EXTENSION.fullmatch("." + extension) else "bin"


def _name(digest: str, content_type: str, download_name: str | None) -> str:
    match = _EXTENSION.search(download_name or "")
    return f"{digest}.{match.group(1).lower() if match else extension_for(content_type)}"


def remove_temporary_files() -> None:
    """Remove the temporary folders of every store of this process, whatever they hold: for an exit that runs no
    finalizer (``os._exit`` when a second signal says "quit now", ``porch.shell.serve.force_exit``)."""
    with _spill_folders_lock:
        folders = list(_spill_folders)
    for folder in folders:
        _remove_folder(folder)


def _remove_folder(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    with _spill_folders_lock:
        _spill_folders.discard(folder)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass  # Windows refuses while a reader has it open; the folder goes with the store
