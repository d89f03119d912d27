"""All sessions of an engine: open, resume within the TTL, expire, close. Event loop thread only.

A session is a :class:`porch.session.Session` in this process (``isolation = "thread"``, the default), or a
:class:`porch.process_session.ProcessSession` whose script runs in a child process (``isolation = "process"``); the
socket and the endpoints use either through :class:`ServedSession`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from .admission import Admission, SessionLimitError
from .interfaces import Handshake, Loop, Runtime, ScriptHooks, Transport
from .media import MediaStore
from .memory import MemoryRelease
from .config import EngineConfig
from .pending import DEFAULT_MAX_QUEUED_CLICKS
from .protocol import ClientMessage, Hello
from .script import Script
from .session import Session
from .upload_store import DEFAULT_MAX_FILE_BYTES, UploadBudget, UploadStore

if TYPE_CHECKING:
    from .process_session import ProcessSession
    from .store.handoff import Handoff
    from .store.snapshot import Restoration

log = logging.getLogger("porch.sessions")

__all__ = ["Draining", "ServedSession", "SessionLimitError", "SessionManager", "misdirected", "replica_of"]


class ServedSession(Protocol):
    """What the socket, the upload endpoint and the registry use of a session, in this process or in its own."""

    @property
    def id(self) -> str: ...

    @property
    def token(self) -> str: ...

    @property
    def closed(self) -> bool: ...

    @property
    def connected(self) -> bool: ...

    @property
    def detached_at(self) -> float | None: ...

    @property
    def uploads(self) -> UploadStore: ...

    def attach(
        self, transport: Transport, hello: Hello, *, resumed: bool, handshake: Handshake | None = None
    ) -> None: ...

    def detach(self, transport: Transport) -> None: ...

    def receive(self, message: ClientMessage) -> None: ...

    def resend(self, widgets: tuple[str, ...]) -> None: ...

    def close(self, code: int = 1001, reason: str = "session closed") -> None: ...


class Draining(Exception):
    """A new session was asked of a server that is stopping (``SessionManager.accepting``)."""


def replica_of(session_id: str) -> str:
    """The replica a session id names (``<replica>.<random>``, ``SessionManager.replica_id``); "" for none."""
    return session_id.rpartition(".")[0]


def misdirected(session_id: str, replica_id: str) -> str | None:
    """What to say of a request for ``session_id`` that reached replica ``replica_id`` and found no such session,
    when the id names another replica: the proxy sent it to the wrong one. None when it names this one or none."""
    home = replica_of(session_id)
    if not replica_id or not home or home == replica_id:
        return None
    return (
        f"this request reached replica {replica_id} but the session lives on replica {home}: your proxy is not "
        "sticky (see docs/deploy.md)"
    )


class SessionManager:
    def __init__(
        self,
        script: Script,
        loop: Loop,
        runtime: Runtime,
        hooks: ScriptHooks,
        *,
        ttl: float,
        max_sessions: int,
        media: MediaStore | None = None,
        max_upload_bytes: int = DEFAULT_MAX_FILE_BYTES,
        options: dict[str, Any] | None = None,
        max_queued_clicks: int = DEFAULT_MAX_QUEUED_CLICKS,
        max_pending_input_bytes: int = EngineConfig.max_pending_input_bytes,
        max_chart_points: int = EngineConfig.max_chart_points,
        max_sessions_per_client: int | None = None,
        upload_budget: UploadBudget | None = None,
        isolation: str = "thread",
        session_memory_limit: int = 0,
        replica_id: str = "",
        build: Callable[[], str] = lambda: "",
        handoff: Handoff | None = None,
    ) -> None:
        self.script = script
        self.media = media if media is not None else MediaStore()
        self.runtime = runtime
        self.hooks = hooks
        self.ttl = ttl
        self.max_sessions = max_sessions
        self.max_upload_bytes = max_upload_bytes
        self.max_queued_clicks = max_queued_clicks
        self.max_pending_input_bytes = max_pending_input_bytes
        self.max_chart_points = max_chart_points
        #: Streamlit's options under their names (``porch.get_option``): one dict all sessions share.
        self.options: dict[str, Any] = options if options is not None else {}
        self._loop = loop
        self._sessions: dict[str, ServedSession] = {}
        #: Collects freed sessions and returns their memory to the OS, once per burst of closing (``porch.memory``).
        self.memory = MemoryRelease(loop)
        #: ``"process"``: each session's script runs in a child process (``porch.isolation``), limited to
        #: ``session_memory_limit`` bytes of address space (0: none).
        self.isolation = isolation
        self.session_memory_limit = session_memory_limit
        # Sessions whose process has not been reaped yet (an engine that stops waits for them: ``processes_ended``).
        self._processes: set[ProcessSession] = set()
        #: The bounds on sessions in all and per client, and which disconnected session makes room at either.
        self.admission = Admission(max_sessions, max_sessions_per_client or max_sessions)
        #: Upload bytes of all sessions together (in flight, and held).
        self.upload_budget = upload_budget if upload_budget is not None else UploadBudget()
        #: This replica's name: the prefix of its session ids (``<replica>.<random>``), so that a request for a
        #: session of another replica is named as a proxy's miss (:func:`misdirected`).
        self.replica_id = replica_id
        #: The client's build (``StaticAssets.build_id``), asked for when a session is made: it reads the client's
        #: files, which the engine does after it starts listening.
        self._build = build
        #: False once the engine drains: a ``hello`` that would start a session is refused (:class:`Draining`).
        self.accepting = True
        # The page load (``hello``'s ``page_load``) each session last served: the same page reconnecting takes its
        # session over from a socket the server has not yet seen close; another page (a duplicated tab) does not.
        self._page_loads: dict[str, str | None] = {}
        # When a hello for another replica's session was last logged (once a minute at most).
        self._miss_logged = -60.0
        #: With a store (``--store``): sessions' snapshots kept there, and sessions this replica does not hold
        #: taken from there (``porch.store.handoff``). None: every session lives and ends here.
        self.handoff = handoff if isolation == "thread" else None

    def __len__(self) -> int:
        return len(self._sessions)

    def get(self, session_id: str) -> ServedSession | None:
        return self._sessions.get(session_id)

    def may_move_in(self, hello: Hello) -> bool:
        """Whether ``hello`` asks for a session this replica does not hold but the store may (:meth:`move_in`)."""
        return (
            self.handoff is not None and self.accepting and hello.session is not None and hello.token is not None
            and hello.session not in self._sessions
        )

    async def move_in(self, hello: Hello) -> Restoration | None:
        """The session ``hello`` asks for, from the store (read on an executor's thread), if the store holds it and
        the token is its own; for :meth:`open`."""
        if self.handoff is None or hello.session is None or hello.token is None:
            return None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.handoff.load, hello.session, hello.token)

    def open(
        self, hello: Hello, client: str | None = None, moved: Restoration | None = None
    ) -> tuple[ServedSession, bool]:
        """The session ``hello`` asks to resume, if it is alive, the token matches, and it is free or held by the
        same page (``page_load``: the page reconnected before its old socket was seen to close, which its session's
        ``attach`` then closes); else the session ``moved`` from another replica (:meth:`move_in`), under its id;
        else a new one for ``client`` (``porch.admission.client_key``; None: not bound per client), within the
        session bounds. A new one while draining raises :class:`Draining`."""
        if hello.session is not None and hello.token is not None:
            session = self._sessions.get(hello.session)
            if (
                session is not None
                and not session.closed
                and _same_token(session.token, hello.token)
                and (not session.connected or self._same_page(session.id, hello.page_load))
            ):
                self.admission.attached(session.id)
                self._page_loads[session.id] = hello.page_load
                return session, True
            if session is None and moved is None:
                self._log_miss(hello.session)
        if not self.accepting:
            raise Draining("this server is stopping; a new session starts on another replica")
        if moved is not None and (moved.session_id in self._sessions or hello.token is None):
            moved = None  # another socket of the page brought it back meanwhile: that one has it
        for evicted in self.admission.make_room(client):
            self.close(self._sessions[evicted])
        session = self._new_session()
        if moved is not None and hello.token is not None and isinstance(session, Session):
            session.id, session.token = moved.session_id, hello.token
            log.info("session %s moved here through the store%s", session.id[:12],
                     f" (stayed behind: {', '.join(moved.lost)})" if moved.lost else "")
        if self.handoff is not None and isinstance(session, Session):
            self.handoff.record(session, moved)
        self._sessions[session.id] = session
        self._page_loads[session.id] = hello.page_load
        self.admission.opened(session.id, client)
        return session, False

    def _same_page(self, session_id: str, page_load: str | None) -> bool:
        return page_load is not None and self._page_loads.get(session_id) == page_load

    def _log_miss(self, session_id: str) -> None:
        """A page asked for a session of another replica, which this one cannot have: the log says so (once a minute
        at most), since it is either a replica that went away or a proxy that is not sticky."""
        miss = misdirected(session_id, self.replica_id)
        now = time.monotonic()
        if miss is not None and now - self._miss_logged >= 60:
            self._miss_logged = now
            log.info("%s, or replica %s went away; a new session starts here (logged once a minute at most)",
                     miss, replica_of(session_id))

    def _new_session(self) -> ServedSession:
        """A session of the configured isolation. What is set on a ``Session`` here must reach a process session's
        too (``isolation.Setup``, which its child applies)."""
        if self.isolation == "process":
            return self._new_process_session()
        session = Session(self.script, self._loop, self.runtime, self.hooks, self.media)
        session.id = self._id_prefix() + session.id
        session.build = self._build()
        session.uploads.max_file_bytes = self.max_upload_bytes
        session.uploads.budget = self.upload_budget
        session.pending.max_clicks = self.max_queued_clicks
        session.max_pending_input_bytes = self.max_pending_input_bytes
        session.max_chart_points = self.max_chart_points
        session.options = self.options
        return session

    def _new_process_session(self) -> ProcessSession:
        from .process_session import ProcessSession

        session = ProcessSession(
            self.script,
            asyncio.get_running_loop(),
            self.runtime,
            self.media,
            options=self.options,
            max_upload_bytes=self.max_upload_bytes,
            max_queued_clicks=self.max_queued_clicks,
            max_pending_input_bytes=self.max_pending_input_bytes,
            max_chart_points=self.max_chart_points,
            memory_limit=self.session_memory_limit,
            on_end=self.close,
            id_prefix=self._id_prefix(),
            build=self._build(),
            on_script_error=getattr(self.hooks, "on_script_error", None),  # a porch.App's (api.hooks.ApiHooks)
        )
        session.uploads.budget = self.upload_budget
        self._processes.add(session)
        session.ended.add_done_callback(lambda _: self._processes.discard(session))
        return session

    def _id_prefix(self) -> str:
        return f"{self.replica_id}." if self.replica_id else ""

    async def processes_ended(self, timeout: float) -> None:
        """Wait (at most ``timeout`` seconds) until the processes of closed sessions have ended and been reaped."""
        waiting = [session.ended for session in self._processes]
        if waiting:
            await asyncio.wait(waiting, timeout=timeout)

    def disconnected(self, session: ServedSession) -> None:
        """The session lost its client: free it unless a client resumes it within the TTL (or a new session needs
        its place first: ``porch.admission``)."""
        self.admission.detached(session.id)
        if self.ttl <= 0:
            self.close(session)
        else:
            self._loop.call_later(self.ttl, self._expire, session.id)

    def _expire(self, session_id: str) -> None:
        session = self._sessions.get(session_id)
        if session is None or session.connected or session.detached_at is None:
            return
        if time.monotonic() - session.detached_at >= self.ttl - 0.01:
            self.close(session)
        else:  # reconnected and dropped again since this timer was set
            self._loop.call_later(self.ttl - (time.monotonic() - session.detached_at), self._expire, session_id)

    def close(self, session: ServedSession, code: int = 1001, reason: str = "session closed") -> None:
        self._sessions.pop(session.id, None)
        self._page_loads.pop(session.id, None)
        self.admission.closed(session.id)
        session.close(code, reason)
        self.memory.soon()

    async def hand_off(self, timeout: float) -> None:
        """With a store: before a draining engine sends its sessions away, let the runs under way end (up to
        ``timeout`` seconds) and write every session's snapshot, so the replica each page comes to next restores it.
        Without one, nothing."""
        if self.handoff is not None:
            await self.handoff.hand_off(timeout)

    def close_all(self, code: int = 1001, reason: str = "session closed") -> None:
        """Close every session, their clients' connections with ``code`` and ``reason`` (a draining engine:
        ``protocol.CLOSE_MOVED``)."""
        for session in list(self._sessions.values()):
            self.close(session, code, reason)

    def rerun_all(self) -> None:
        """Rerun every session (the script changed on disk), but those whose page turned Auto rerun off (the app
        menu's: ``Session.rerun_on_save``)."""
        from .protocol import Rerun

        for session in list(self._sessions.values()):
            session.receive(Rerun(on_save=True))


def _same_token(held: str, offered: str) -> bool:
    """Whether a client offered the session's token, in constant time. Compared as UTF-8 bytes: ``compare_digest``
    refuses a str that is not ASCII, and a client's token may be anything."""
    return hmac.compare_digest(held.encode(), offered.encode("utf-8", "surrogatepass"))
