"""The engine: one script served to many sessions over HTTP and WebSocket. It knows nothing about windows.

A shell binds the sockets (so a port in use is reported before anything starts, and an OS-assigned port leaves no
probe-and-release race), creates the engine on its event loop, and calls :meth:`Engine.start`; :meth:`Engine.stop`
drains: new connections are refused, running scripts stopped, sessions closed, within a time bound.
"""

from __future__ import annotations

import asyncio
import gzip
import re
from html import escape as html_escape
import logging
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tornado import httpserver, web

from .api import options as api_options
from .api import secrets as api_secrets
from .auth import AuthSettings, Metadata
from .api.hooks import ApiHooks, script_hooks
from .app import App, AppStartError
from . import streamlit_alias
from .config import EngineConfig
from .http.asgi import AppRoutes
from .http.listener import Listener, connection_limit
from .interfaces import Runtime
from .media import MediaStore
from .protocol import CLOSE_MOVED
from .script import Script
from .security import AccessPolicy
from .http.routes import application
from .sessions import SessionManager
from .static import StaticAssets, load_assets
from .upload_store import UploadBudget

if TYPE_CHECKING:
    from .store import Store
    from .store.handoff import Handoff

log = logging.getLogger("porch.engine")

#: The largest body a request other than an upload may have (the upload endpoint raises it for an admitted upload):
#: no other endpoint reads one, and tornado would buffer it whole in memory.
MAX_PLAIN_BODY_BYTES = 64 * 1024


class Engine:
    def __init__(
        self,
        script: Script,
        config: EngineConfig | None = None,
        runtime: Runtime | None = None,
        access: AccessPolicy | None = None,
        app: App | None = None,
        store: Store | None = None,
    ) -> None:
        self.script = script
        #: The store the replicas share (``porch.store``): given by a shell that opened it already (for the access
        #: token), else opened at start from ``config.store``; None without one.
        self.store = store
        #: The ``porch.App`` the app was launched with (``porch run launcher.py``), or None for a plain script.
        self.app = app
        #: The App's routes, served before the page (``http.asgi``); set at start.
        self.app_routes: AppRoutes | None = None
        self.config = config or EngineConfig()
        self.runtime = runtime or Runtime()
        self.access = access or AccessPolicy()
        self._assets: StaticAssets | None = None
        self._assets_lock = threading.Lock()
        #: Media and downloads of every session, served at ``_porch/media/`` (``http.media.MediaHandler``).
        self.media = MediaStore(self.config.media_memory_bytes)
        #: Streamlit's options under their names, as ``porch.get_option`` reads them in every session: filled from the
        #: config and the sockets at start; a shell may add what only it knows (``server.runOnSave``).
        self.options: dict[str, Any] = {}
        self.draining = False
        self.started_at: float | None = None
        self._server: httpserver.HTTPServer | None = None
        self._listener: Listener | None = None
        self._sessions: SessionManager | None = None
        self._page: IndexPage | None = None
        self._build: str | None = None
        #: Sign-in providers' discovery documents (``porch.auth``), fetched on a first sign-in.
        self.oidc_metadata = Metadata()

    @property
    def assets(self) -> StaticAssets:
        """The client's files. Read, hashed and compressed by the warm-up once the engine listens (or by the first
        request that needs them, if it comes first), not before: every start would wait for it."""
        with self._assets_lock:
            if self._assets is None:
                self._assets = load_assets()
            return self._assets

    def auth_settings(self) -> AuthSettings:
        """The app's sign-in configuration, from the ``[auth]`` section of its secrets (read again when they change)."""
        return AuthSettings.from_secrets(api_secrets.app_secrets(self.script.directory))

    @property
    def sessions(self) -> SessionManager:
        if self._sessions is None:
            raise RuntimeError("the engine has not been started")
        return self._sessions

    def application(self) -> web.Application:
        """What the listener serves: Porch's endpoints, or the App's stack (its middleware, exception handlers,
        ``debug``) over Porch's own ASGI app when it has one (``http.asgi_front``): one stack whatever the server."""
        if self.app is not None and self.app.wraps_requests:
            from .http.asgi_app import EngineAsgi
            from .http.asgi_front import stack_application

            served = EngineAsgi(self, MAX_PLAIN_BODY_BYTES, log_requests=False)
            served.handled_statuses = self.app.handled_statuses
            stack = self.app.asgi_stack(served)
            if stack is not None:
                return stack_application(self, stack, self.app.state)
        return application(self)

    async def start(self, sockets: list[socket.socket], *, ssl_context: ssl.SSLContext | None = None) -> None:
        """Serve on already-bound ``sockets`` (over TLS with ``ssl_context``). Call on the event loop the engine will
        live on."""
        await self._open(sockets)
        self._server = httpserver.HTTPServer(
            self.application(),
            xheaders=self.config.behind_proxy,
            max_body_size=MAX_PLAIN_BODY_BYTES,
            ssl_options=ssl_context,
            idle_connection_timeout=self.config.header_timeout,
            body_timeout=self.config.body_timeout,
        )
        self._listener = Listener(self._server, connection_limit(self.config.max_connections))
        self._listener.start(sockets)
        self._started()

    async def start_unbound(self) -> None:
        """Start with no listener of its own: an ASGI server brings the connections (``porch.http.asgi_app``), on
        the event loop it runs, which this is called on."""
        await self._open([])
        self._started()

    def _started(self) -> None:
        self.started_at = time.monotonic()
        threading.Thread(target=self._warm_up, name="porch-warm-up", daemon=True).start()
        replica = f" replica={self.config.replica_id}" if self.config.replica_id else ""
        log.info("engine started: script=%s sessions=0%s", self.script.path, replica)

    async def _open(self, sockets: list[socket.socket]) -> None:
        """Everything but the listener: options, the App's lifespan and routes, the store, the sessions."""
        loop = asyncio.get_running_loop()
        compressed = not self.access.loopback_only  # as http.socket decides
        self.options.update(api_options.engine_options(self.config, self.runtime, sockets, compressed=compressed))
        api_options.process = self.options
        self.script.add_to_sys_path()
        streamlit_alias.install()  # ``import streamlit`` in the script gives Porch's
        hooks = await self._start_app(self.app) if self.app is not None else script_hooks
        handoff = self._start_store()
        self._sessions = SessionManager(
            self.script,
            loop,
            self.runtime,
            hooks,
            ttl=self.config.session_ttl,
            max_sessions=self.config.max_sessions,
            media=self.media,
            max_upload_bytes=self.config.max_upload_bytes,
            options=self.options,
            max_queued_clicks=self.config.max_queued_clicks,
            max_pending_input_bytes=self.config.max_pending_input_bytes,
            max_chart_points=self.config.max_chart_points,
            max_sessions_per_client=self.config.max_sessions_per_client,
            upload_budget=UploadBudget(self.config.uploads_in_flight_bytes, self.config.uploads_held_bytes),
            isolation=self.config.isolation,
            session_memory_limit=self.config.max_session_memory_bytes,
            replica_id=self.config.replica_id,
            build=self.build_id,
            handoff=handoff,
        )

    def _start_store(self) -> Handoff | None:
        """With a store: sessions' snapshots kept in it, and ``cache_data`` shared through it (``porch.store``)."""
        if self.store is None and self.config.store:
            from .store import open_store

            self.store = open_store(self.config.store)
        if self.store is None:
            return None
        from .store.cache_tier import share_caches
        from .store.handoff import Handoff

        share_caches(self.store)
        if self.config.isolation == "process":
            log.warning("sessions in processes of their own (isolation = process) do not move between replicas: "
                        "the store %s shares the access token only", self.store.shown)
            return None
        log.info("store %s: sessions move between replicas, cache_data is shared", self.store.shown)
        return Handoff(
            self.store,
            ttl=self.config.session_ttl,
            max_state_bytes=self.config.handoff_max_state_bytes,
            max_upload_bytes=self.config.handoff_max_upload_bytes,
        )

    async def _start_app(self, app: App) -> ApiHooks:
        """What the ``porch.App`` adds, before anything listens: its secrets, its lifespan (entered here, on the
        engine's loop, so before the first session), its routes; the hooks that call its ``on_script_error``."""
        if app.given_secrets is not None:
            api_secrets.give(self.script.directory, app.given_secrets)
        try:
            await app.enter_lifespan()
        except Exception as exc:
            log.exception("the App's lifespan raised as the server started")
            raise AppStartError(f"the App's lifespan raised as the server started: {type(exc).__name__}: {exc}") \
                from exc
        built = app.asgi_routes()
        if built is not None:
            self.app_routes = AppRoutes(built[0], built[1], app.state, wrapped=app.wraps_requests)
        return ApiHooks(on_script_error=app.on_script_error)

    def _warm_up(self) -> None:
        """Prepare what the first visitor needs (the page and the client's files, the script API, the compiled
        script) while no client is waiting yet.

        Runs in a thread of its own right after the engine starts listening, so the health check is not delayed
        (compressing the files releases the GIL). A broken script is left for its first run to report.
        """
        try:
            if self.config.isolation == "process":
                from . import isolation

                isolation.warm_up(self.config.max_session_memory_bytes)  # the fork server that starts sessions
            elif self.config.max_session_memory_bytes > 0:
                log.warning("max_session_memory_mb applies to sessions in processes of their own: it has no effect "
                            "without --isolation process (PORCH_ISOLATION=process)")
            self.index_page()
            import porch.api.public  # noqa: F401

            self.script.code()
        except Exception:
            pass

    async def stop(self, grace: float | None = None) -> None:
        """Drain: at once, answer the health check with 503 ("draining") and refuse new sessions; go on serving the
        sessions held for ``grace`` seconds (default ``drain_grace``), the time a load balancer takes to see the 503
        and send newcomers elsewhere; then close them with 1012 "moved" (``protocol.CLOSE_MOVED``: their pages
        reconnect at once, which the proxy sends to another replica), close the listener and wait (bounded) for
        connections to end."""
        if self.draining:
            return
        self.draining = True
        grace = self.config.drain_grace if grace is None else grace
        count = len(self._sessions) if self._sessions is not None else 0
        if self._sessions is not None:
            self._sessions.accepting = False
        log.info("engine draining: sessions=%d (health answers 503; they move in %g s)", count, grace)
        if grace > 0:
            await asyncio.sleep(grace)
        if self._sessions is not None:
            await self._sessions.hand_off(self.config.drain_timeout)  # with a store: every snapshot written first
            count = len(self._sessions)
            self._sessions.close_all(*CLOSE_MOVED)
        if self._listener is not None:
            self._listener.stop()
        if self._server is not None:
            try:
                await asyncio.wait_for(self._server.close_all_connections(), self.config.drain_timeout)
            except asyncio.TimeoutError:
                log.warning("connections still open after %.1f s; closing anyway", self.config.drain_timeout)
        if self._sessions is not None:
            await self._sessions.processes_ended(self.config.drain_timeout)  # no session's process outlives it
        self.media.close()
        self._stop_store()
        if self.app is not None:
            await self.app.exit_lifespan()
            if self.app.given_secrets is not None:
                api_secrets.give(self.script.directory, None)
        log.info("engine stopped: sessions=%d closed", count)

    def _stop_store(self) -> None:
        if self._sessions is not None and self._sessions.handoff is not None:
            self._sessions.handoff.close()
        if self.store is not None:
            from .store.cache_tier import share_caches

            share_caches(None)
            self.store.close()

    def status(self) -> dict[str, Any]:
        status: dict[str, Any] = {
            "status": "draining" if self.draining else ("ok" if self._sessions is not None else "starting"),
            "sessions": len(self._sessions) if self._sessions is not None else 0,
        }
        if self.config.replica_id:
            status["replica"] = self.config.replica_id
        return status

    def build_id(self) -> str:
        """The build of the client this engine serves (``StaticAssets.build_id``): Porch's version and the client's
        files. Read when first asked (the client's files are read after the engine listens)."""
        if self._build is None:
            from . import _version

            self._build = self.assets.build_id(_version.__version__)
        return self._build

    def index_page(self) -> IndexPage:
        """The page with its head filled in (and gzipped once), and the CSP hash of its inline import map."""
        if self._page is None:
            self._page = self.page_at(self.config.normalized_base())
        return self._page

    def page_at(self, base: str) -> IndexPage:
        """The page served under ``base`` (its ``<base href>``): an ASGI server's mount path gives each request its
        own (``porch.http.asgi_app``); the caller keeps it."""
        base_href = base + "/"
        head, script_hash = self.assets.head(base_href, self.config.theme)
        # The tab's (and the desktop window's) title until the app sets its own, as Streamlit's: the script's name.
        title = f"<title>{html_escape(self.script.title)}</title>"
        # The build the page's client belongs to: a session of another build makes it reload (``app.js``).
        head += f'\n<meta name="porch-build" content="{self.build_id()}">'
        page = self.assets.index_template.replace("<!-- porch:head -->", head)
        html = re.sub(r"<title>[^<]*</title>", lambda _: title, page, count=1).encode()
        return IndexPage(html, gzip.compress(html, compresslevel=9, mtime=0), script_hash)


@dataclass(frozen=True)
class IndexPage:
    html: bytes
    gzipped: bytes
    script_hash: str
