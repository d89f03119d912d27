"""All sessions of an engine: open, resume within the TTL, expire, close. Event loop thread only."""

from __future__ import annotations

import hmac
import logging
import time
from typing import Any

from .interfaces import Loop, Runtime, ScriptHooks
from .media import MediaStore
from .protocol import Hello
from .script import Script
from .session import Session
from .upload_store import DEFAULT_MAX_FILE_BYTES

log = logging.getLogger("porch.sessions")


class SessionLimitError(Exception):
    """The engine holds as many sessions as it may."""


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
    ) -> None:
        self.script = script
        self.media = media if media is not None else MediaStore()
        self.runtime = runtime
        self.hooks = hooks
        self.ttl = ttl
        self.max_sessions = max_sessions
        self.max_upload_bytes = max_upload_bytes
        #: Streamlit's options under their names (``porch.get_option``): one dict all sessions share.
        self.options: dict[str, Any] = options if options is not None else {}
        self._loop = loop
        self._sessions: dict[str, Session] = {}

    def __len__(self) -> int:
        return len(self._sessions)

    def get(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id)

    def open(self, hello: Hello) -> tuple[Session, bool]:
        """The session ``hello`` asks to resume, if it is alive, free and the token matches; else a new one."""
        if hello.session is not None and hello.token is not None:
            session = self._sessions.get(hello.session)
            if (
                session is not None
                and not session.connected
                and not session.closed
                and hmac.compare_digest(session.token, hello.token)
            ):
                return session, True
        if len(self._sessions) >= self.max_sessions:
            raise SessionLimitError(f"this app is serving its maximum of {self.max_sessions} sessions")
        session = Session(self.script, self._loop, self.runtime, self.hooks, self.media)
        session.uploads.max_file_bytes = self.max_upload_bytes
        session.options = self.options
        self._sessions[session.id] = session
        return session, False

    def disconnected(self, session: Session) -> None:
        """The session lost its client: free it unless a client resumes it within the TTL."""
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

    def close(self, session: Session) -> None:
        self._sessions.pop(session.id, None)
        session.close()

    def close_all(self) -> None:
        for session in list(self._sessions.values()):
            self.close(session)

    def rerun_all(self) -> None:
        """Rerun every session (the script changed on disk)."""
        from .protocol import Rerun

        for session in list(self._sessions.values()):
            session.receive(Rerun())
