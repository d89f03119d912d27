"""Start the engine on sockets bound beforehand, serve until told to stop, then drain. Shared by every shell."""

from __future__ import annotations

import asyncio
import errno
import logging
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass

from tornado.netutil import bind_sockets

from porch.config import EngineConfig
from porch.engine import Engine
from porch.interfaces import Runtime
from porch.script import Script
from porch.security import AccessPolicy

log = logging.getLogger("porch.shell")


class LaunchError(Exception):
    """A problem the user can fix, reported in one line (a port in use, a missing script)."""


@dataclass(frozen=True)
class Binding:
    host: str
    port: int


def bind(host: str, port: int) -> tuple[list[socket.socket], Binding]:
    """Bind before serving: a taken port fails here with a clear message; port 0 gets one from the OS."""
    try:
        sockets = bind_sockets(port, address=host or None, reuse_port=False)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise LaunchError(
                f"port {port} on {host or 'all interfaces'} is already in use; pick another with --port, "
                "or --port 0 for any free port"
            ) from None
        if exc.errno in (errno.EADDRNOTAVAIL, errno.EACCES):
            raise LaunchError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        raise
    bound_port = sockets[0].getsockname()[1]
    return sockets, Binding(host=host, port=bound_port)


def load_script(path: str) -> Script:
    script = Script(path)
    try:
        with open(script.path, "rb"):
            pass
    except OSError as exc:
        raise LaunchError(f"cannot read the app script {path!r}: {exc.strerror}") from None
    return script


async def serve(
    engine: Engine,
    sockets: list[socket.socket],
    *,
    on_started: Callable[[], None] | None = None,
    stop_event: asyncio.Event | None = None,
) -> None:
    """Run ``engine`` on ``sockets`` until SIGINT/SIGTERM (or ``stop_event``), then drain it."""
    loop = asyncio.get_running_loop()
    stop = stop_event or asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
            pass
    await engine.start(sockets)
    if on_started is not None:
        on_started()
    await stop.wait()
    log.info("stopping: draining %d session(s)", len(engine.sessions))
    await engine.stop()


def make_engine(script: Script, config: EngineConfig, runtime: Runtime, access: AccessPolicy) -> Engine:
    from porch.runtime_view import runtime as runtime_view

    runtime_view.process = runtime
    return Engine(script, config, runtime, access)


def configure_logging(level: int = logging.INFO) -> None:
    """One event a line on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    root = logging.getLogger("porch")
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
