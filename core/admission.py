"""Who may open a new session, and which disconnected session makes room for it.

Two bounds: ``max_sessions`` in all and ``max_sessions_per_client`` for one client. A session outlives its
connection for the TTL so that its tab can come back; one that never comes back (a client that opens sessions and
walks away, ten thousand in twenty seconds) would otherwise hold its place for the whole TTL and every new visitor
would be refused. So at either bound the session disconnected longest (the client's own, at the client's bound) is
closed to make room, and only when every session concerned is connected is the new one refused: at the client's
bound, that client alone.

A client is its address as the server sees it (``request.remote_ip``: behind a trusted proxy, the address the proxy
forwards; see ``behind_proxy``), an IPv6 client by its /64 network, which is what one host is usually given. The
access token does not tell clients apart: everyone who may use the app presents the same one. A loopback client is
not bound per client: it is the machine's own user (the desktop and browser shells, a load test) or a proxy on the
same machine that hides the real clients (set ``behind_proxy``), and one bound for all of them would refuse them all.

Event loop thread only.
"""

from __future__ import annotations

import ipaddress
import logging

log = logging.getLogger("porch.sessions")

#: Distinct clients whose refusal is logged (once each); past it, refusals go unlogged until the process restarts.
MAX_LOGGED_CLIENTS = 1000


class SessionLimitError(Exception):
    """The engine holds as many sessions as it may, all connected."""


class ClientLimitError(SessionLimitError):
    """One client holds as many sessions as it may, all connected."""


def client_key(remote_ip: str | None) -> str | None:
    """The client an address belongs to: the address itself, or an IPv6 address's /64 network; None for a loopback
    or unknown address, which is not bound per client."""
    if not remote_ip:
        return None
    try:
        address = ipaddress.ip_address(remote_ip.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class Admission:
    """The sessions of an engine by client, and in the order they disconnected."""

    def __init__(self, max_sessions: int, max_per_client: int) -> None:
        self.max_sessions = max_sessions
        self.max_per_client = max_per_client
        # Every session, with its client (None: not bound per client).
        self._client_of: dict[str, str | None] = {}
        self._by_client: dict[str, set[str]] = {}
        # Disconnected sessions, longest disconnected first (dicts keep insertion order); by client too.
        self._detached: dict[str, None] = {}
        self._detached_by_client: dict[str, dict[str, None]] = {}
        self._logged: set[str] = set()

    def __len__(self) -> int:
        return len(self._client_of)

    def make_room(self, client: str | None) -> list[str]:
        """The sessions to close so that ``client`` (None: not bound per client) may open one more; raises
        :class:`SessionLimitError` when none may make room."""
        evict: list[str] = []
        if client is not None and len(self._by_client.get(client, ())) >= self.max_per_client:
            own = next(iter(self._detached_by_client.get(client, {})), None)
            if own is None:
                self._log_once(client, f"client {client} holds its maximum of {self.max_per_client} "
                               "sessions, all connected (max_sessions_per_client); further ones are refused. Behind "
                               "a reverse proxy, set behind_proxy so that each client's own address counts.")
                raise ClientLimitError(
                    f"this address holds its maximum of {self.max_per_client} sessions (max_sessions_per_client)"
                )
            evict.append(own)
        if len(self._client_of) - len(evict) >= self.max_sessions:
            oldest = next((session for session in self._detached if session not in evict), None)
            if oldest is None:
                self._log_once("", f"this app holds its maximum of {self.max_sessions} sessions, all connected "
                               "(max_sessions); new visitors are refused.")
                raise SessionLimitError(f"this app is serving its maximum of {self.max_sessions} sessions")
            evict.append(oldest)
        return evict

    def opened(self, session: str, client: str | None) -> None:
        self._client_of[session] = client
        if client is not None:
            self._by_client.setdefault(client, set()).add(session)

    def detached(self, session: str) -> None:
        """``session`` lost its client: it may make room from now on, after those disconnected before it."""
        if session not in self._client_of:
            return
        self.attached(session)
        self._detached[session] = None
        client = self._client_of[session]
        if client is not None:
            self._detached_by_client.setdefault(client, {})[session] = None

    def attached(self, session: str) -> None:
        """A client resumed ``session``."""
        self._detached.pop(session, None)
        client = self._client_of.get(session)
        if client is None:
            return
        own = self._detached_by_client.get(client)
        if own is not None:
            own.pop(session, None)
            if not own:
                del self._detached_by_client[client]

    def closed(self, session: str) -> None:
        self.attached(session)
        if session not in self._client_of:
            return
        client = self._client_of.pop(session)
        if client is None:
            return
        sessions = self._by_client.get(client)
        if sessions is not None:
            sessions.discard(session)
            if not sessions:
                del self._by_client[client]

    def _log_once(self, key: str, message: str) -> None:
        if key in self._logged or len(self._logged) >= MAX_LOGGED_CLIENTS:
            return
        self._logged.add(key)
        log.warning("%s (logged once)", message)
