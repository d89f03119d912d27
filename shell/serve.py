"""Start the engine on sockets bound beforehand, serve until told to stop, then drain. Shared by every shell."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import re
import secrets
import signal
import socket
import ssl
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from tornado.netutil import bind_sockets

from porch.app import App, AppStartError
from porch.config import EngineConfig
from porch.engine import Engine
from porch.media import remove_temporary_files
from porch.interfaces import Runtime
from porch.script import Script
from porch.security import AccessPolicy
from porch.store import Store

from .errors import LaunchError
from .settings import Settings
from .watch import ScriptWatcher

__all__ = ["Binding", "LaunchError", "access_token", "bind", "configure_logging", "engine_config", "load_script",
           "make_engine", "replica_id", "serve", "shared_store", "tls_context"]

log = logging.getLogger("porch.shell")


#: Connections the kernel queues for the server to accept (capped by the system's ``somaxconn``). A burst beyond the
#: queue has its connects dropped and retried a second or more later; a server holding ``max_connections`` leaves new
#: ones here until a slot frees (``porch.http.listener``).
LISTEN_BACKLOG = 1024


@dataclass(frozen=True)
class Binding:
    host: str
    port: int


def bind(host: str, port: int) -> tuple[list[socket.socket], Binding]:
    """Bind before serving: a taken port fails here with a clear message; port 0 gets one from the OS."""
    if not 0 <= port <= 65535:
        raise LaunchError(f"port {port} is not a TCP port; use 1 to 65535, or 0 for any free port")
    try:
        sockets = bind_sockets(port, address=host or None, reuse_port=False, backlog=LISTEN_BACKLOG)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise LaunchError(
                f"port {port} on {host or 'all interfaces'} is already in use; pick another with --port, "
                "or --port 0 for any free port"
            ) from None
        if exc.errno in (errno.EADDRNOTAVAIL, errno.EACCES):
            raise LaunchError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        if isinstance(exc, socket.gaierror):
            raise LaunchError(f"cannot listen on {host!r}: {exc.strerror}") from None
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


def engine_config(
    settings: Settings, *, drain_timeout: float | None = None, drain_grace: float | None = None
) -> EngineConfig:
    """The engine's part of the launch settings; a shell may tighten the drain (the desktop must exit in 2 s). The
    drain grace and the replica id are the headless shell's: a loopback shell has no load balancer to wait for."""
    if drain_grace is None:
        drain_grace = settings.drain_grace if settings.shell == "headless" else 0.0
    return EngineConfig(
        base_path=settings.base_path,
        session_ttl=settings.session_ttl,
        drain_timeout=settings.drain_timeout if drain_timeout is None else drain_timeout,
        drain_grace=drain_grace,
        replica_id=replica_id(settings) if settings.shell == "headless" else "",
        store=(settings.store or "") if settings.shell == "headless" else "",
        handoff_max_state_bytes=int(settings.handoff_max_state_mb * 1024 * 1024),
        handoff_max_upload_bytes=int(settings.handoff_max_upload_mb * 1024 * 1024),
        behind_proxy=settings.behind_proxy,
        max_upload_bytes=int(settings.max_upload_mb * 1024 * 1024),
        media_memory_bytes=int(settings.media_memory_mb * 1024 * 1024),
        max_pending_input_bytes=int(settings.max_pending_input_mb * 1024 * 1024),
        max_chart_points=settings.max_chart_points,
        map_tiles=settings.map_tiles,
        map_tile_url=settings.map_tile_url,
        mapbox_tile_url=settings.mapbox_tile_url,
        mapbox_token=settings.mapbox_token or "",
        map_tile_cache=settings.map_tile_cache or "",
        map_tile_cache_bytes=int(settings.map_tile_cache_mb * 1024 * 1024),
        map_tile_fetches=settings.map_tile_fetches,
        map_tile_max_bytes=settings.map_tile_max_kb * 1024,
        max_invalid_messages=settings.max_invalid_messages,
        max_queued_clicks=settings.max_queued_clicks,
        parallel_fragment_workers=settings.parallel_fragment_workers,
        header_timeout=settings.header_timeout,
        body_timeout=settings.body_timeout,
        hello_timeout=settings.hello_timeout,
        ping_interval=settings.ping_interval,
        ping_timeout=settings.ping_timeout,
        max_connections=settings.max_connections,
        max_sessions=settings.max_sessions,
        max_sessions_per_client=settings.max_sessions_per_client,
        uploads_in_flight_bytes=_upload_budget(settings, "uploads_in_flight_mb"),
        uploads_held_bytes=_upload_budget(settings, "uploads_held_mb"),
        isolation=settings.isolation,
        max_session_memory_bytes=session_memory_limit(settings.max_session_memory_mb),
        theme=settings.theme,
        show_error_details=settings.show_error_details,
        toolbar_mode=settings.toolbar_mode,
        streamlit_options=settings.streamlit_options,
    )


#: What a replica id may hold: it travels in a cookie, in session ids and in URLs, and is split off a session id at its
#: last dot. A Kubernetes pod's name (a DNS subdomain) fits.
REPLICA_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")


def replica_id(settings: Settings) -> str:
    """``replica_id`` checked ("" when unset): a launch error names what it may hold."""
    value = settings.replica_id or ""
    if value and REPLICA_ID.fullmatch(value) is None:
        raise LaunchError(
            f"replica_id {value!r} ({settings.source('replica_id')}) may hold letters, digits, '.', '_' and '-' "
            "(up to 63, starting with a letter or digit): it travels in a cookie and in session ids"
        )
    return value


def shared_store(settings: Settings) -> Store | None:
    """The store the replicas share (``store``), opened and answering; None without one. A launch error names a
    URL of another kind, a missing ``redis`` package or a store that does not answer."""
    if settings.shell != "headless" or not settings.store:
        return None
    from porch.store import StoreError, open_store

    try:
        return open_store(settings.store)
    except StoreError as exc:
        raise LaunchError(f"{exc} (store, from {settings.source('store')})") from None


def access_token(settings: Settings, app_dir: str, store: Store | None = None) -> str | None:
    """The headless access token: ``token`` (``auto``: a random one; with a ``store``, the one the first replica
    stored there, so all replicas take the same), or the contents of ``token_file`` (its surrounding whitespace
    dropped), which replicas behind one proxy share; a launch error when both are set or the file cannot be read or
    is empty."""
    path = settings.path("token_file", app_dir)
    if path is None:
        if settings.token == "auto":
            made = secrets.token_urlsafe(24)
            if store is None:
                return made
            from porch.store import StoreError

            try:
                return store.shared_token(made)
            except StoreError as exc:
                raise LaunchError(f"--token auto with a store: {exc}") from None
        return settings.token or None
    if settings.token:
        raise LaunchError(
            f"token ({settings.source('token')}) and token_file ({settings.source('token_file')}) are both set; "
            "keep one"
        )
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or exc
        raise LaunchError(f"cannot read the token file {str(path)!r}: {why}") from None
    if not token:
        raise LaunchError(f"the token file {str(path)!r} is empty")
    return token


def _upload_budget(settings: Settings, name: str) -> int:
    """An upload budget in bytes; one that could never admit a file of the largest size is a launch error."""
    megabytes: float = getattr(settings, name)
    if megabytes < settings.max_upload_mb:
        raise LaunchError(
            f"{name} = {megabytes:g} ({settings.source(name)}) is less than max_upload_mb = {settings.max_upload_mb:g} "
            f"({settings.source('max_upload_mb')}): no file of the largest size could be uploaded; raise {name}"
        )
    return int(megabytes * 1024 * 1024)


def session_memory_limit(megabytes: float) -> int:
    """``max_session_memory_mb`` in bytes; 0 for none. Below what a session's process needs to start, refused."""
    limit = int(megabytes * 1024 * 1024)
    if limit <= 0:
        return limit  # no limit: the session processes' module need not load (most servers never use it)
    from porch.isolation import MIN_MEMORY_LIMIT

    if limit < MIN_MEMORY_LIMIT:
        raise LaunchError(
            f"max_session_memory_mb must be 0 (no limit) or at least {MIN_MEMORY_LIMIT // (1024 * 1024)}, "
            f"not {megabytes:g}: a session's process needs about 100 MB of address space before the script runs"
        )
    return limit


def tls_context(cert: str | None, key: str | None) -> ssl.SSLContext | None:
    """An HTTPS context from PEM files, or None; a one-line error when they do not load."""
    if cert is None and key is None:
        return None
    if cert is None:
        raise LaunchError("--tls-key needs --tls-cert too")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise LaunchError(f"cannot load the TLS certificate {cert!r} / key {key!r}: {exc}") from None
    return context


async def serve(
    engine: Engine,
    sockets: list[socket.socket],
    *,
    on_started: Callable[[], None] | None = None,
    stop_event: asyncio.Event | None = None,
    ssl_context: ssl.SSLContext | None = None,
    run_on_save: bool = False,
) -> None:
    """Run ``engine`` on ``sockets`` until SIGINT/SIGTERM (main thread only) or ``stop_event``, then drain it:
    new sessions refused, runs stopped, sessions closed, the listener closed, all within the engine's time bounds.

    SIGTERM (a service manager, an orchestrator, ``docker stop``) drains with the engine's ``drain_grace``: the
    sessions go on until the load balancer has seen the health check's 503, then move. SIGINT (Ctrl-C, a person at
    a terminal) skips the grace, as gunicorn's quick shutdown does: the sessions are told at once."""
    loop = asyncio.get_running_loop()
    stop = stop_event or asyncio.Event()
    signals = StopSignals()
    handled: list[signal.Signals] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, _on_signal, signals, signum, stop)
            handled.append(signum)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
            pass
    watcher: ScriptWatcher | None = None
    engine.options["server.runOnSave"] = run_on_save  # porch.get_option answers with what this launch does
    try:
        try:
            await engine.start(sockets, ssl_context=ssl_context)
        except AppStartError as exc:  # the App's lifespan failed: its traceback is in the log
            raise LaunchError(str(exc)) from None
        if run_on_save:
            watcher = ScriptWatcher(engine.script.path, lambda: engine.sessions.rerun_all())
            watcher.start()
        if on_started is not None:
            on_started()
        await stop.wait()
        if watcher is not None:
            watcher.stop()
        await engine.stop(grace=0.0 if signals.first == signal.SIGINT else None)
    finally:
        for handled_signal in handled:
            loop.remove_signal_handler(handled_signal)


def _on_signal(signals: StopSignals, signum: int, stop: asyncio.Event) -> None:
    if signals.starts_stop(signum):
        how = "without the drain grace, " if signum == signal.SIGINT else ""
        log.info("received %s: stopping (%sagain to quit at once)", signal.Signals(signum).name, how)
        stop.set()


class StopSignals:
    """The first SIGINT or SIGTERM stops the app gracefully; another one quits at once (:func:`force_exit`).

    A repeat within ``ECHO_SECONDS`` of the first is the same signal arriving twice, not a person asking again: a
    signal sent to the whole process group (Ctrl-C in a terminal, systemd's default ``KillMode=control-group``) that a
    parent also forwards, as PyInstaller's one-file bootloader does. It is ignored."""

    ECHO_SECONDS = 0.3

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._first: float | None = None
        #: The signal that started the stop (SIGINT skips the drain grace); None before one came.
        self.first: int | None = None

    def starts_stop(self, signum: int) -> bool:
        """True for the signal that starts the stop; an echo is ignored; a real repeat exits the process."""
        now = self._clock()
        if self._first is None:
            self._first = now
            self.first = signum
            return True
        if now - self._first < self.ECHO_SECONDS:
            log.debug("ignored %s: the same signal delivered twice", signal.Signals(signum).name)
            return False
        force_exit(signum)
        return False


def force_exit(signum: int) -> None:
    """A second Ctrl-C or SIGTERM while stopping: the user wants out now, whatever is still running."""
    log.warning("received %s again: exiting without waiting for the drain", signal.Signals(signum).name)
    for handler in logging.getLogger("porch").handlers:
        handler.flush()
    remove_temporary_files()  # os._exit runs no finalizer: the media store's folder would stay behind
    os._exit(128 + signum)


def make_engine(
    script: Script, config: EngineConfig, runtime: Runtime, access: AccessPolicy, app: App | None = None,
    store: Store | None = None,
) -> Engine:
    from porch.runtime_view import runtime as runtime_view

    runtime_view.process = runtime
    return Engine(script, config, runtime, access, app, store=store)


def configure_logging(level: str | int = logging.INFO) -> None:
    """One event a line on stderr."""
    if isinstance(level, str):
        level = getattr(logging, level.upper(), logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    root = logging.getLogger("porch")
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
