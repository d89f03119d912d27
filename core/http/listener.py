"""The listening sockets: connections accepted up to a bound below the open-files limit, and an accept loop that
pauses, instead of spinning, when the process runs out of file descriptors.

tornado's own accept handler (``tornado.netutil.add_accept_handler``) lets ``accept()``'s ``EMFILE`` escape to the
event loop, which logs a traceback and, the listener still being readable, calls the handler again at once: a busy
loop that writes megabytes of identical tracebacks a second and serves nobody. Here the listener is taken off the
loop instead while the process holds ``max_connections`` connections or has no descriptor to spare, and put back
once connections close; meanwhile the kernel keeps new connections waiting in its accept queue, and the time bounds
on every phase of a connection (``EngineConfig.header_timeout``, ``body_timeout``, ``hello_timeout``, pings) free the
slots that stalled clients hold. Each condition is logged once a minute at most.

Event loop thread only.
"""

from __future__ import annotations

import errno
import logging
import socket
import time
import weakref
from typing import Any

from tornado import httpserver, iostream, netutil
from tornado.ioloop import IOLoop

log = logging.getLogger("porch.http.listener")

try:  # imported with the module, not when first needed: that is when the process has no descriptor left to open it
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

#: What ``accept()`` says when the process (or the system) has no descriptor or buffer to spare: wait, then retry.
OUT_OF_DESCRIPTORS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
#: Seconds between two looks at whether a paused listener may accept again.
RETRY_SECONDS = 0.25
#: Seconds between two log lines about the same condition.
LOG_EVERY_SECONDS = 60.0
#: Connections accepted in one turn of the loop (tornado's figure): other callbacks get their turn between.
ACCEPTS_PER_TURN = 128
#: ``max_connections`` where the platform has no open-files limit to read (Windows).
DEFAULT_MAX_CONNECTIONS = 1000


def open_files_limit() -> int | None:
    """The process's soft ``RLIMIT_NOFILE``; None where there is none to read, or it is unlimited."""
    if resource is None:
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


def connection_limit(configured: int, open_files: int | None = None) -> int:
    """``configured`` when it is set (above 0); else the open-files limit less what the process needs for everything
    else it opens (its own files, the temporary files of uploads and media, the script's): an eighth, at least 32."""
    if configured > 0:
        return configured
    limit = open_files_limit() if open_files is None else open_files
    if limit is None:
        return DEFAULT_MAX_CONNECTIONS
    return max(1, limit - max(32, limit // 8))


class Listener:
    """Accepts connections on bound sockets for ``server``, never holding more than ``max_connections`` at once."""

    def __init__(self, server: httpserver.HTTPServer, max_connections: int) -> None:
        self.server = server
        self.max_connections = max_connections
        self._loop = IOLoop.current()
        self._sockets: list[socket.socket] = []
        # The streams of accepted connections; a closed one is dropped when counted, a freed one by itself.
        self._streams: weakref.WeakSet[iostream.IOStream] = weakref.WeakSet()
        self._listening = False
        self._retry: object | None = None
        self._stopped = False
        self._logged_at: dict[str, float] = {}

    @property
    def open_connections(self) -> int:
        """Connections accepted and not closed yet (upgraded WebSockets included)."""
        for stream in [stream for stream in self._streams if stream.closed()]:
            self._streams.discard(stream)
        return len(self._streams)

    def start(self, sockets: list[socket.socket]) -> None:
        for sock in sockets:
            sock.setblocking(False)
            self._sockets.append(sock)
        self._listen()

    def stop(self) -> None:
        """Stop accepting and close the listening sockets; open connections stay (the engine drains them)."""
        self._stopped = True
        self._unlisten()
        if self._retry is not None:
            self._loop.remove_timeout(self._retry)
            self._retry = None
        for sock in self._sockets:
            sock.close()

    # -- the accept loop ---------------------------------------------------------------------------------------------

    def _listen(self) -> None:
        if self._listening or self._stopped:
            return
        for sock in self._sockets:
            self._loop.add_handler(sock, self._on_readable, IOLoop.READ)
        self._listening = True

    def _unlisten(self) -> None:
        if not self._listening:
            return
        for sock in self._sockets:
            self._loop.remove_handler(sock)
        self._listening = False

    def _pause(self) -> None:
        """Leave new connections in the kernel's queue for a moment."""
        self._unlisten()
        if self._retry is None and not self._stopped:
            self._retry = self._loop.call_later(RETRY_SECONDS, self._try_again)

    def _try_again(self) -> None:
        self._retry = None
        if self._stopped:
            return
        if self.open_connections < self.max_connections:
            self._listen()
        else:
            self._retry = self._loop.call_later(RETRY_SECONDS, self._try_again)

    def _on_readable(self, sock: socket.socket, events: int) -> None:
        for _ in range(ACCEPTS_PER_TURN):
            if self._stopped:
                return
            if len(self._streams) >= self.max_connections and self.open_connections >= self.max_connections:
                self._warn(
                    "full",
                    f"{self.max_connections} connections open, the most this server holds (max_connections): new "
                    "connections wait until some close. Raise the open-files limit (ulimit -n; it is "
                    f"{open_files_limit() or 'unknown'}) and max_connections, or lower the timeouts.",
                )
                self._pause()
                return
            try:
                connection, address = sock.accept()
            except BlockingIOError:
                return
            except ConnectionAbortedError:
                continue
            except OSError as exc:
                if exc.errno in OUT_OF_DESCRIPTORS:
                    self._warn(
                        "descriptors",
                        f"cannot accept connections: {exc.strerror} ({self.open_connections} open, open-files limit "
                        f"{open_files_limit() or 'unknown'}): new connections wait until descriptors are free. Lower "
                        "max_connections, or raise the open-files limit (ulimit -n).",
                    )
                else:
                    self._warn("accept", f"cannot accept a connection: {exc}")
                self._pause()
                return
            self._serve(connection, address)

    def _serve(self, connection: socket.socket, address: Any) -> None:
        """Hand an accepted connection to the HTTP server (over TLS when it has a context), as tornado would."""
        server = self.server
        stream: iostream.IOStream
        try:
            if server.ssl_options is not None:
                wrapped = netutil.ssl_wrap_socket(
                    connection, server.ssl_options, server_side=True, do_handshake_on_connect=False
                )
                stream = iostream.SSLIOStream(
                    wrapped, max_buffer_size=server.max_buffer_size, read_chunk_size=server.read_chunk_size
                )
            else:
                stream = iostream.IOStream(
                    connection, max_buffer_size=server.max_buffer_size, read_chunk_size=server.read_chunk_size
                )
        except OSError:  # closed as soon as it was opened (a port scan), or TLS could not even start
            connection.close()
            return
        self._streams.add(stream)
        server.handle_stream(stream, address)

    def _warn(self, kind: str, message: str) -> None:
        now = time.monotonic()
        last = self._logged_at.get(kind)
        if last is None or now - last >= LOG_EVERY_SECONDS:
            self._logged_at[kind] = now
            log.warning("%s (logged once a minute at most)", message)
