"""What of a session can move to another replica, taken after each run and given back before the first run there.

A snapshot carries:

- every widget's value in its wire form (what the client would send: an index, a list of file ids...), which the
  widget checks with its own codec when the restored run renders it, as it checks a client's value; for a widget
  with a ``key``, also its Python value when it pickles, so that ``session_state[key]`` reads it before the widget
  is rendered in that run;
- the script's own ``session_state`` keys, each pickled on its own, so that one value that cannot be pickled (a
  connection, a lock, an instance of a class the script itself defines) stays behind alone, named;
- the files the widgets hold (``file_uploader``, ``camera_input``, ``audio_input``), up to a bound;
- a digest of the session's token, which a page must present to get the session back (compared in constant time);
- the sequence number of the last client event it holds (``Rerun.seq``): it is taken only when the session is
  settled (``handoff.Recorder``), so it holds every event up to that number and none after; the replica it moves to
  drops the events the page sends again up to it and applies the later ones, each once.

What cannot move is named in the snapshot (``lost``) and shown to the user when the session comes back elsewhere.

Trust: the script's values are unpickled when a session comes back, so whoever can write to the store can run code
in the replicas (``docs/security.md``). The snapshot's own envelope is read with an unpickler that builds no object
but plain data, so an envelope from elsewhere is refused before any value is unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..upload_store import UPLOAD_KINDS, UploadRefused
from ..widgets import RestoredValue

if TYPE_CHECKING:
    from ..session import Session

log = logging.getLogger("porch.store")

#: The envelope's version: a replica reads only its own (a rolling upgrade that changes it starts sessions anew).
VERSION = 1


class _TooLarge(Exception):
    pass


class _Bounded:
    """A file for ``pickle`` that refuses to grow past ``limit`` bytes: a value too large to move stops being
    pickled at the bound instead of being pickled whole after each run."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data = bytearray()

    def write(self, chunk: bytes | bytearray | memoryview) -> int:
        if len(self.data) + len(chunk) > self.limit:
            raise _TooLarge()
        self.data += chunk
        return len(chunk)


def token_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


@dataclass
class Taken:
    """A session's snapshot as bytes, and the files it holds (by id: a reader of their bytes, read only when the
    file is written to the store the first time)."""

    snapshot: bytes
    files: dict[str, Callable[[], bytes]]


@dataclass
class SnapshotTaker:
    """Takes one session's snapshots, after each of its runs (its worker thread). Remembers which values would not
    pickle, so the same object is not tried again at every run, and logs each such key once."""

    max_state_bytes: int
    max_upload_bytes: int
    _refused: dict[str, tuple[int, type]] = field(default_factory=dict)
    _logged: set[str] = field(default_factory=set)

    def take(self, session: Session, seq: int = 0) -> Taken:
        """A snapshot of ``session``, holding the client's events up to ``seq``. Its worker thread."""
        room = self.max_state_bytes
        lost: list[str] = []
        widgets: list[tuple[Any, ...]] = []
        store = session.widgets
        upload_ids: dict[str, list[str]] = {}
        for spec in list(store.specs.values()):
            if spec.trigger or spec.id not in store.values:
                continue
            try:
                wire = store.wire_value(spec)
                size = len(json.dumps(wire, default=str))
            except (ValueError, TypeError):
                continue
            if spec.kind in UPLOAD_KINDS and isinstance(wire, list):
                upload_ids[spec.id] = [item for item in wire if isinstance(item, str)]
            value: bytes | None = None
            if spec.key is not None and spec.kind not in UPLOAD_KINDS:
                value = self._pickled(f"k:{spec.key}", store.values[spec.id], room - size, None)
            size += len(value) if value is not None else 0
            if size > room:
                lost.append(f"the value of {spec.kind} {spec.label!r}")
                continue
            room -= size
            widgets.append((spec.id, spec.kind, spec.key, spec.version, wire, value))
        state: dict[str, bytes] = {}
        for key, item in list(session.state.own().items()):
            pickled = self._pickled(key, item, room, lost)
            if pickled is not None:
                state[key] = pickled
                room -= len(pickled)
        files: dict[str, Callable[[], bytes]] = {}
        metas: list[tuple[str, str, str, str, int]] = []
        upload_room = self.max_upload_bytes
        for file_id, widget, name, mime, size, read in session.uploads.carried(
            [file_id for ids in upload_ids.values() for file_id in ids]
        ):
            if size > upload_room:
                lost.append(f"the file {name!r}")
                self._log_once(f"file:{name}", f"the file {name!r} ({size} bytes) is beyond what a session carries "
                               f"to another replica ({self.max_upload_bytes} bytes in all: handoff_max_upload_mb)")
                continue
            upload_room -= size
            files[file_id] = read
            metas.append((file_id, widget, name, mime, size))
        if len(files) < sum(len(ids) for ids in upload_ids.values()):  # a file left behind leaves its widget's value
            kept = set(files)
            widgets = [
                (*entry[:4], [item for item in entry[4] if item in kept], entry[5]) if entry[0] in upload_ids else entry
                for entry in widgets
            ]
        envelope = {
            "version": VERSION,
            "session": session.id,
            "token": token_digest(session.token),
            "widgets": widgets,
            "state": state,
            "files": metas,
            "lost": lost,
            "seq": seq,
        }
        return Taken(pickle.dumps(envelope, protocol=pickle.HIGHEST_PROTOCOL), files)

    def _pickled(self, key: str, value: Any, room: int, lost: list[str] | None) -> bytes | None:
        """``value`` pickled within ``room`` bytes, or None (named in ``lost``, when given, and logged once)."""
        shape = (id(value), type(value))
        if self._refused.get(key) == shape:
            if lost is not None:
                lost.append(f"session_state[{key!r}]")
            return None
        bounded = _Bounded(max(room, 0))
        try:
            pickle.Pickler(bounded, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        except _TooLarge:
            why = f"larger than the {self.max_state_bytes} bytes a session carries (handoff_max_state_mb)"
        except Exception as exc:
            why = f"it cannot be pickled ({type(exc).__name__}: {exc})"
            if "__main__" in str(exc):
                why += "; a class or function the app script defines cannot: define it in a module beside the script"
        else:
            self._refused.pop(key, None)
            return bytes(bounded.data)
        self._refused[key] = shape
        if lost is not None:
            lost.append(f"session_state[{key!r}]")
            self._log_once(key, f"session_state[{key!r}] stays behind when the session moves to another replica: "
                                f"{why}")
        return None

    def _log_once(self, what: str, message: str) -> None:
        if what not in self._logged:
            self._logged.add(what)
            log.info("%s (logged once per session)", message)


class _PlainData(pickle.Unpickler):
    """Unpickles plain data only (dicts, lists, tuples, strings, bytes, numbers): a snapshot's envelope."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a snapshot names {module}.{name}: not a snapshot of this version")


@dataclass
class Restoration:
    """A session read back from the store, ready to be given to a new session of the same id."""

    session_id: str
    widgets: dict[str, RestoredValue]
    state: dict[str, Any]
    #: file id -> (widget, name, type, bytes)
    files: dict[str, tuple[str, str, str, bytes]]
    lost: list[str]
    #: The sequence number of the last client event the snapshot holds.
    seq: int = 0


class SnapshotError(Exception):
    """Bytes that are not a snapshot of this version."""


def read(session_id: str, token: str, snapshot: bytes, files: dict[str, bytes]) -> Restoration | None:
    """The session in ``snapshot`` if ``token`` is its token (None otherwise). Values that do not unpickle here (a
    module this replica does not have) are named in ``lost``. Raises :class:`SnapshotError` for what is not a
    snapshot. Any thread: it unpickles the script's values, which may take a while."""
    try:
        envelope = _PlainData(io.BytesIO(snapshot)).load()
        if not isinstance(envelope, dict) or envelope.get("version") != VERSION:
            raise SnapshotError("a snapshot of another version")
        if envelope["session"] != session_id:
            raise SnapshotError("a snapshot of another session")
        if not hmac.compare_digest(envelope["token"], token_digest(token)):
            return None
        lost: list[str] = list(envelope["lost"])
        widgets: dict[str, RestoredValue] = {}
        for widget, kind, key, version, wire, value in envelope["widgets"]:
            restored = RestoredValue(kind=kind, key=key, version=version, wire=wire)
            if value is not None:
                try:
                    restored = RestoredValue(kind, key, version, wire, has_value=True, value=pickle.loads(value))
                except Exception:
                    pass  # its wire form is enough to restore the widget
            widgets[widget] = restored
        state: dict[str, Any] = {}
        for key, value in envelope["state"].items():
            try:
                state[key] = pickle.loads(value)
            except Exception as exc:
                log.info("session_state[%r] could not be unpickled on this replica: %s: %s", key,
                         type(exc).__name__, exc)
                lost.append(f"session_state[{key!r}]")
        carried: dict[str, tuple[str, str, str, bytes]] = {}
        for file_id, widget, name, mime, _ in envelope["files"]:
            data = files.get(file_id)
            if data is None:
                lost.append(f"the file {name!r}")
            else:
                carried[file_id] = (widget, name, mime, data)
        seq = envelope.get("seq", 0)
        return Restoration(session_id, widgets, state, carried, lost, seq if type(seq) is int else 0)
    except SnapshotError:
        raise
    except (pickle.UnpicklingError, KeyError, TypeError, ValueError, EOFError) as exc:
        raise SnapshotError(str(exc)) from None


def give(session: Session, restoration: Restoration) -> None:
    """Give a new session (no run yet: event loop thread, before it is attached) what ``restoration`` holds; what
    this replica refuses (its upload budget is full) is added to what was lost. The session's next attach tells its
    client what stayed behind."""
    lost = list(restoration.lost)
    for file_id, (widget, name, mime, data) in restoration.files.items():
        try:
            session.uploads.restore(file_id, widget, name, mime, data)
        except UploadRefused as exc:
            log.info("the file %r of a session that moved here was refused: %s", name, exc.message)
            lost.append(f"the file {name!r}")
    session.widgets.restored = dict(restoration.widgets)
    session.state.restore_own(restoration.state)
    session.last_event_seq = session.acked_seq = restoration.seq
    session.held_events = []  # the page's events wait for the first run here to show their widgets
    session.moved_in = lost
