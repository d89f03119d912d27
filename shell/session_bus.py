"""A connection to the user's session D-Bus that its owner's event loop drives: no thread of its own.

The desktop window uses it on Linux to hand the page's notifications to the system's notification service
(:mod:`porch.shell.notifications`). It runs on Qt's GUI thread: the owner watches :meth:`SessionBus.fileno` (a
``QSocketNotifier``) and calls :meth:`SessionBus.pump` when the socket is readable; replies and signals are handed to
callbacks from there, on that same thread. Nothing waits without a bound: connecting (authentication and ``Hello``)
and the few set-up calls made with :meth:`SessionBus.call_and_wait` give up after a timeout, and sending never
blocks (a bus that stopped reading makes :meth:`SessionBus.send` fail, not hang).

The messages are jeepney's (pure Python, no binding to libdbus). PySide6's own QtDBus cannot say "unsigned": it
marshals a Python int as a signed or a 16-bit integer, and a notification service checks the types of ``Notify``'s
arguments (its ``replaces_id`` is an unsigned 32-bit one).
"""

from __future__ import annotations

import itertools
import logging
import os
import select
import socket
import time
from collections.abc import Callable
from typing import Any

from jeepney import HeaderFields, Message, MessageType, Parser
from jeepney.bus import get_bus
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import prep_socket

log = logging.getLogger("porch.desktop")

#: The longest connecting to the bus (authentication, then ``Hello``) may take, and each set-up call.
CONNECT_SECONDS = 1.0

Reply = Callable[[Message], None]


class BusError(Exception):
    """The bus is not there, did not answer in time, or closed the connection."""


class SessionBus:
    """One connection to the session bus. Every method runs on its owner's thread (the GUI thread)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._parser = Parser()
        self._serials = itertools.count(1)
        self._replies: dict[int, Reply] = {}
        self._closed = False
        #: The name the bus gave this connection (":1.42").
        self.unique_name = ""
        #: Called with each signal the bus delivers to this connection.
        self.on_signal: Callable[[Message], None] = _ignore

    @classmethod
    def connect(cls, address: str = "SESSION", timeout: float = CONNECT_SECONDS) -> SessionBus:
        """Connect and say ``Hello``: ``address`` is a D-Bus address, or "SESSION" for
        ``DBUS_SESSION_BUS_ADDRESS``. Raises :class:`BusError` with the reason."""
        try:
            path = get_bus(address if address != "SESSION" else session_bus_address())
        except (RuntimeError, ValueError) as exc:
            raise BusError(f"the session bus address is not one this can reach: {exc}") from None
        try:
            sock = prep_socket(path, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise BusError(f"cannot connect to the session bus: {exc}") from None
        except Exception as exc:  # jeepney's AuthenticationError and what a broken peer may send
            raise BusError(f"the session bus refused the connection: {exc}") from None
        sock.setblocking(False)
        bus = cls(sock)
        bus.unique_name = str(bus.call_and_wait(message_bus.Hello(), timeout).body[0])
        return bus

    def fileno(self) -> int:
        return self._sock.fileno()

    @property
    def closed(self) -> bool:
        return self._closed

    def send(self, message: Message, on_reply: Reply | None = None) -> int:
        """Send ``message``; ``on_reply`` gets its answer (a method return or an error) when :meth:`pump` reads it.
        Raises :class:`BusError` if the connection is closed or the bus does not take the message at once."""
        if self._closed:
            raise BusError("the session bus connection is closed")
        serial = next(self._serials)
        try:
            self._sock.sendall(message.serialise(serial=serial))
        except OSError as exc:  # BlockingIOError too: the bus stopped reading
            self.close()
            raise BusError(f"the session bus did not take a message: {exc}") from None
        if on_reply is not None:
            self._replies[serial] = on_reply
        return serial

    def call_and_wait(self, message: Message, timeout: float = CONNECT_SECONDS) -> Message:
        """Send ``message`` and wait for its answer, at most ``timeout`` seconds (for set-up, before the owner's loop
        watches the connection). An error answer raises :class:`BusError`."""
        answers: list[Message] = []
        self.send(message, answers.append)
        deadline = time.monotonic() + timeout
        while not answers:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._sock], [], [], left)[0]:
                self.close()
                raise BusError(f"the session bus did not answer {_member(message)} within {timeout:g} s")
            if not self.pump():
                raise BusError("the session bus closed the connection")
        answer = answers[0]
        if answer.header.message_type == MessageType.error:
            raise BusError(f"{_member(message)} failed: {_error_text(answer)}")
        return answer

    def pump(self) -> bool:
        """Read what has arrived and hand each message to its callback. False once the connection is closed."""
        while not self._closed:
            try:
                data = self._sock.recv(65536)
            except BlockingIOError:
                break
            except OSError as exc:
                log.info("the session bus connection broke: %s", exc)
                self.close()
                break
            if not data:
                self.close()
                break
            self._parser.add_data(data)
            while (message := self._parser.get_next_message()) is not None:
                self._dispatch(message)
        return not self._closed

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._replies.clear()
            self._sock.close()

    def _dispatch(self, message: Message) -> None:
        kind = message.header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            on_reply = self._replies.pop(message.header.fields.get(HeaderFields.reply_serial, -1), None)
            if on_reply is not None:
                on_reply(message)
        elif kind == MessageType.signal:
            self.on_signal(message)
        # Method calls to this connection (a peer's Ping or Introspect) go unanswered: it offers no object.


def session_bus_address() -> str:
    """``DBUS_SESSION_BUS_ADDRESS``, else the per-user bus systemd starts (``$XDG_RUNTIME_DIR/bus``), as libdbus looks
    for it. Raises :class:`BusError` when there is neither."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if address:
        return address
    runtime_dir = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime_dir and os.path.exists(os.path.join(runtime_dir, "bus")):
        return f"unix:path={os.path.join(runtime_dir, 'bus')}"
    raise BusError("no session bus (DBUS_SESSION_BUS_ADDRESS is not set and there is no $XDG_RUNTIME_DIR/bus)")


def sender(message: Message) -> str:
    """The unique bus name (":1.42") of the connection that sent ``message``."""
    return str(message.header.fields.get(HeaderFields.sender, ""))


def member(message: Message) -> str:
    return str(message.header.fields.get(HeaderFields.member, ""))


def _member(message: Message) -> str:
    return f"{message.header.fields.get(HeaderFields.interface, '')}.{member(message)}"


def _error_text(message: Message) -> str:
    name = message.header.fields.get(HeaderFields.error_name, "an error")
    detail = message.body[0] if message.body and isinstance(message.body[0], str) else ""
    return f"{name}: {detail}" if detail else str(name)


def _ignore(message: Any) -> None:
    """No one listens for signals yet."""
