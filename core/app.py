"""``porch.App``: Streamlit 1.67's ``st.App``, a launcher module's description of how to serve an app script.

A launcher keeps the UI in a plain script and says, in a module of its own, what the server adds around it::

    # launcher.py
    import streamlit as st            # or: import porch as st
    app = st.App("streamlit_app.py", routes=[Route("/api/health", health)], lifespan=lifespan, secrets={...})

    if __name__ == "__main__":
        app.run(config={"server.port": 8502})

``porch run launcher.py`` finds the ``App`` by reading the file (``porch.shell.launcher``), imports the launcher as a
module and serves the App's script with its settings in any shell; ``python launcher.py`` serves it headless through
``app.run()``. What each setting becomes in Porch:

- ``routes`` (Starlette ``Route``/``Mount``/``WebSocketRoute``, a FastAPI app mounted) are one Starlette app that
  Porch's tornado server calls through ``porch.http.asgi`` for the requests they match, before Porch's page; a route
  under Porch's reserved ``/_porch/`` is refused here, as Streamlit refuses its ``/_stcore/``.
- ``middleware``, ``exception_handlers`` and ``debug`` wrap every request, Porch's own endpoints included, as
  Streamlit's wrap its: one Starlette stack (:meth:`App.asgi_stack`) whose innermost app is Porch's own ASGI app
  (``porch.http.asgi_app``), served by the ASGI server or, under ``porch run``, by tornado's listener handing it
  every request (``porch.http.asgi_front``). Porch's own checks are inside it. An App without them has no stack.
- ``lifespan`` is entered on the engine's event loop as it starts, before it listens (so before the first session),
  and left when it has stopped; a dict it yields goes into :attr:`App.state`.
- ``secrets`` are given to ``porch.secrets`` for the app's folder, over its files' top-level keys.
- ``on_script_error`` is called in the run, with the exception, when the script (or a fragment, or a callback)
  raises; True keeps Porch from showing the exception (``porch.api.hooks``). A session in a process of its own asks
  the launcher's process, which calls it with the exception rebuilt (``porch.process_session``).

Starlette is imported only when the App has routes: a launcher without them needs nothing beyond Porch.

The App is also an ASGI application, as Streamlit's is: ``uvicorn launcher:app`` (or hypercorn) serves the whole app,
and ``FastAPI(lifespan=app.lifespan())`` with ``fastapi_app.mount("/dash", app)`` serves it under a path. The ASGI
``lifespan`` startup (or the parent's lifespan) makes Porch's engine from the launch settings of the launcher's folder
(``porch.shell.asgi``) and starts it on the server's loop without a listener of its own; the server's requests are
fed to the engine's endpoints (``porch.http.asgi_app``); the shutdown stops it. An ASGI server serves on the
network: the engine is the headless one (no desktop window).
"""

from __future__ import annotations

import asyncio
import copy
import inspect
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .http.asgi_app import EngineAsgi

__all__ = ["App", "AppStartError", "RESERVED_PREFIX"]

log = logging.getLogger("porch.app")

#: Paths Porch's own endpoints live under (``porch.http.routes``); no App route may take them.
RESERVED_PREFIX = "/_porch/"

#: What a secret may be, as Streamlit checks it: scalars, and lists and dicts of them.
_SECRET_SCALARS = (str, int, float, bool)


class AppStartError(RuntimeError):
    """The App's lifespan raised as the server started: the server does not serve (the shell says why and exits)."""


class App:
    """A Streamlit app script with the server-level settings of Streamlit 1.67's ``st.App``, served by Porch.

    Parameters
    ----------
    script_path
        The app's script. A relative path is from the launcher's folder under ``porch run launcher.py`` and
        ``app.run()``; under an ASGI server from the working directory, as Streamlit's, or else the launcher's folder.
    secrets
        Secrets ``porch.secrets`` gives the script, over the secrets files' top-level keys (str, int, float, bool,
        lists and dicts of them; anything else is a TypeError here).
    lifespan
        ``lifespan(app)``, an async context manager entered when the server starts (before the first session) and
        left when it stops; a dict it yields is put into :attr:`state`.
    routes
        Starlette routes served beside the app (``Route``, ``WebSocketRoute``, ``Mount`` of another ASGI app such as
        FastAPI). A path under ``/_porch/`` is refused with a ValueError.
    middleware
        Starlette ``Middleware`` around every request (the page, the session socket, media... and the routes); the
        first runs first. Porch's own checks (Host, token, origin, XSRF, sizes) are inside, as Streamlit's are.
    on_script_error
        ``on_script_error(exc)``, called in the run when the script raises; returning True keeps the exception from
        being shown (the handler may show its own message with ``st.error``). For a session in a process of its own
        (``isolation = "process"``) it is called in this (the launcher's) process, outside the run, with the
        exception rebuilt (``porch.isolation.rebuilt_error``).
    exception_handlers
        Starlette exception handlers (by exception class or status code) of the stack: what the routes and the
        middleware raise. Porch's own endpoints answer their errors themselves.
    debug
        Starlette's debug mode: an exception the routes or the middleware raise answers with its traceback.
    """

    #: Whether :meth:`run` is serving an app in this process (it may only once at a time).
    _serving = False

    def __init__(
        self,
        script_path: str | os.PathLike[str],
        *,
        secrets: Mapping[str, Any] | None = None,
        lifespan: Callable[[App], AbstractAsyncContextManager[Mapping[str, Any] | None]] | None = None,
        routes: Sequence[Any] | None = None,
        middleware: Sequence[Any] | None = None,
        on_script_error: Callable[[Exception], bool | None] | None = None,
        exception_handlers: Mapping[Any, Callable[[Any, Any], Any]] | None = None,
        debug: bool = False,
    ) -> None:
        if secrets is not None:
            if not isinstance(secrets, Mapping):
                raise TypeError(f"secrets must be a mapping (dict), got {type(secrets).__name__!r}.")
            _check_secret(dict(secrets), "")
        self._script_path = Path(script_path)
        self._secrets: dict[str, Any] | None = copy.deepcopy(dict(secrets)) if secrets is not None else None
        self._lifespan = lifespan
        self._routes = list(routes) if routes else []
        self._middleware = list(middleware) if middleware else []
        self._on_script_error = on_script_error
        self._exception_handlers = dict(exception_handlers) if exception_handlers else {}
        self._debug = debug
        #: Whether every request goes through the App's stack (:attr:`wraps_requests`), once known.
        self._wraps: bool | None = None
        self._state: dict[str, Any] = {}
        self._open_lifespan: AbstractAsyncContextManager[Mapping[str, Any] | None] | None = None
        self._launcher = _caller_file()
        #: The engine serving this App through an ASGI server (``uvicorn launcher:app``, a mount), while it runs.
        self._served: EngineAsgi | None = None
        #: What serves the ASGI server's requests: the stack over ``_served``, or ``_served`` itself.
        self._entry: Callable[..., Awaitable[None]] | None = None
        self._starting: asyncio.Lock | None = None
        for route in self._routes:
            _check_route(route)

    @property
    def script_path(self) -> Path:
        """The app's script, as given."""
        return self._script_path

    @property
    def state(self) -> dict[str, Any]:
        """What the lifespan yielded (a dict), for the routes and the launcher; empty before the server starts."""
        return self._state

    def run(self, *, config: Mapping[str, Any] | None = None) -> None:
        """Serve the app from this process and block until it stops: for ``python launcher.py`` (under
        ``if __name__ == "__main__":``). ``config`` takes Streamlit's option names (``{"server.port": 8502,
        "server.address": "0.0.0.0"}``), mapped to Porch's settings as ``.streamlit/config.toml`` is
        (``docs/config.md``); the app is served headless unless the settings name another shell. A launch problem
        exits the process with its message, as ``porch run`` does."""
        from .context import current_run
        from .errors import PorchAPIError

        if current_run.get() is not None:
            raise PorchAPIError(
                "App.run() was called from the app's script (a launcher that is its own script, App(__file__), runs "
                "its `if __name__ == \"__main__\":` block in every run): keep the launcher in a module of its own"
            )
        if App._serving:
            raise PorchAPIError("App.run() is already serving an app in this process; call it once")
        from porch.shell import launcher

        App._serving = True
        try:
            code = launcher.run_direct(self, config)
        finally:
            App._serving = False
        if code:
            raise SystemExit(code)

    def lifespan(self) -> Callable[[Any], AbstractAsyncContextManager[None]]:
        """The lifespan to give the ASGI app this App is mounted in (``FastAPI(lifespan=app.lifespan())`` with
        ``fastapi_app.mount("/dash", app)``): it starts Porch's engine (and enters this App's own ``lifespan``) as
        the parent starts, and stops it as the parent stops. A mounted App never gets a lifespan of its own: the
        parent does not pass it on."""

        @asynccontextmanager
        async def lifespan(_parent: Any) -> AsyncIterator[None]:
            await self._start_served()
            try:
                yield
            finally:
                await self._stop_served()

        return lifespan

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]],
                       send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        """The ASGI application (``uvicorn launcher:app``): its ``lifespan`` starts and stops Porch's engine; its
        ``http`` and ``websocket`` requests are the engine's (page, client files, session socket, media, uploads,
        components, health, the App's routes). Mounted without ``lifespan=app.lifespan()``, the engine starts with
        the first request, as Streamlit's does, and is never stopped cleanly (a warning says so)."""
        kind = scope.get("type")
        if kind == "lifespan":
            await self._lifespan_protocol(receive, send)
            return
        served, entry = self._served, self._entry
        if served is None or not served.started or entry is None:
            try:
                entry = await self._start_on_first_request()
            except Exception as exc:
                log.exception("the App could not start")
                await _refuse_request(scope, send, f"The app could not start: {exc}")
                return
        await entry(scope, receive, send)

    async def _lifespan_protocol(self, receive: Callable[[], Awaitable[dict[str, Any]]],
                                 send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        await receive()  # lifespan.startup
        try:
            await self._start_served()
        except Exception as exc:
            await send({"type": "lifespan.startup.failed", "message": f"porch.App could not start: {exc}"})
            return
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
        try:
            await self._stop_served()
        except Exception as exc:
            log.exception("the App did not stop cleanly")
            await send({"type": "lifespan.shutdown.failed", "message": str(exc)})
            return
        await send({"type": "lifespan.shutdown.complete"})

    async def _start_served(self) -> Callable[..., Awaitable[None]]:
        """Make and start the engine on this (the ASGI server's) loop; what serves the requests (the App's stack
        over the engine's ASGI app, or that app). An error says why (its traceback logged)."""
        if self._served is not None:
            raise RuntimeError("this porch.App is already being served (started twice: give it one lifespan)")
        from .context import current_run
        from .errors import PorchAPIError

        if current_run.get() is not None:
            raise PorchAPIError("a porch.App cannot be served from inside an app's script")
        from porch.shell import asgi as asgi_shell

        served = asgi_shell.served_app(self)  # LaunchError: the settings, the script
        self._served = served
        try:
            await served.start()
        except BaseException:
            self._served = None
            raise
        served.handled_statuses = self.handled_statuses
        self._entry = self.asgi_stack(served) or served
        return self._entry

    async def _stop_served(self) -> None:
        served, self._served, self._entry = self._served, None, None
        if served is not None:
            await served.stop()

    async def _start_on_first_request(self) -> Callable[..., Awaitable[None]]:
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._served is not None and self._served.started and self._entry is not None:
                return self._entry
            log.warning(
                "porch.App got a request before any lifespan started it: it starts now and will not be stopped "
                "cleanly (its sessions and its own lifespan are not ended). Mounted in another ASGI app, give that "
                "app lifespan=app.lifespan()%s", "" if self._lifespan is None else "; this App's lifespan is entered")
            return await self._start_served()

    # -- what Porch's engine and shells read --------------------------------------------------------------------------

    def resolved_script(self, launcher_folder: str | os.PathLike[str] | None) -> Path:
        """The script's absolute path: a relative one from ``launcher_folder`` (None: the working directory)."""
        path = self._script_path.expanduser()
        if path.is_absolute():
            return path
        return (Path(launcher_folder) / path if launcher_folder is not None else path).resolve()

    @property
    def launcher_file(self) -> str | None:
        """The file of the module that made the App (its launcher), when known."""
        return self._launcher

    @property
    def given_secrets(self) -> dict[str, Any] | None:
        """The ``secrets`` argument (a private copy), or None."""
        return self._secrets

    @property
    def on_script_error(self) -> Callable[[Exception], bool | None] | None:
        return self._on_script_error

    @property
    def serves_routes(self) -> bool:
        return bool(self._routes)

    @property
    def wraps_requests(self) -> bool:
        """Whether every request goes through :meth:`asgi_stack` (the App has middleware, exception handlers or
        ``debug``, and Starlette is installed)."""
        if self._wraps is None:
            self._wraps = self._has_stack()
        return self._wraps

    def _has_stack(self) -> bool:
        if not (self._middleware or self._exception_handlers or self._debug):
            return False
        try:
            import starlette  # noqa: F401
        except ImportError:
            if self._middleware or self._exception_handlers:  # pragma: no cover - they are Starlette's objects
                raise RuntimeError("App(middleware=..., exception_handlers=...) need Starlette: pip install "
                                   "starlette") from None
            log.warning("App(debug=True) has no effect without Starlette (pip install starlette)")
            return False
        return True

    def asgi_routes(self) -> tuple[list[Any], Callable[..., Any]] | None:
        """The routes and the ASGI app that answers them, or None without routes. Under the App's stack
        (:attr:`wraps_requests`) that is a bare Starlette ``Router``: the stack's exception handlers, ``debug`` and
        middleware are around it, as around Streamlit's routes (the scope carries them). Imports Starlette."""
        if not self._routes:
            return None
        try:
            from starlette.applications import Starlette
            from starlette.routing import Router
        except ImportError:  # pragma: no cover - the routes are Starlette's objects, so it is installed
            raise RuntimeError("App(routes=...) needs Starlette: pip install starlette") from None
        if self.wraps_requests:
            return self._routes, Router(routes=self._routes)
        return self._routes, Starlette(routes=self._routes)

    @property
    def handled_statuses(self) -> frozenset[int]:
        """The error statuses the exception handlers take (500 is the stack's last resort for exceptions, not one of
        them): an answer of Porch's own endpoints with one of them goes to its handler as Starlette's
        ``HTTPException``, as Streamlit's endpoints raise theirs (``http.asgi_http``)."""
        if not self.wraps_requests:
            return frozenset()
        return frozenset(key for key in self._exception_handlers
                         if isinstance(key, int) and 400 <= key < 600 and key != 500)

    def asgi_stack(self, inner: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]] | None:
        """The ASGI app every request of the App goes through, as Streamlit 1.67 builds its Starlette app:
        ``debug`` and the ``500``/``Exception`` handler outermost (Starlette's ``ServerErrorMiddleware``), then the
        ``middleware`` in their order, then the other exception handlers, around ``inner`` (Porch's own ASGI app,
        which serves the App's routes too). None when the App has none of them: ``inner`` serves alone."""
        if not self.wraps_requests:
            return None
        from starlette.applications import Starlette
        from starlette.routing import Mount

        return Starlette(
            debug=self._debug,
            routes=[Mount("", app=inner)],
            middleware=self._middleware,
            exception_handlers=self._exception_handlers,
        )

    async def enter_lifespan(self) -> None:
        """Enter the lifespan (engine's loop, at start); what it yields goes into :attr:`state`."""
        if self._lifespan is None:
            return
        context = self._lifespan(self)
        state = await context.__aenter__()
        self._open_lifespan = context
        if state:
            self._state.update(state)

    async def exit_lifespan(self) -> None:
        """Leave the lifespan (engine's loop, once it stopped); an error in it is logged, the stop goes on."""
        context, self._open_lifespan = self._open_lifespan, None
        if context is None:
            return
        try:
            await context.__aexit__(None, None, None)
        except Exception:
            log.exception("the App's lifespan raised as the server stopped")


async def _refuse_request(scope: dict[str, Any], send: Callable[[dict[str, Any]], Awaitable[None]],
                          message: str) -> None:
    """Answer a request the App cannot serve (it did not start): 500 with ``message``, or close a WebSocket."""
    if scope.get("type") == "http":
        body = (message + "\n").encode()
        await send({"type": "http.response.start", "status": 500,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
    elif scope.get("type") == "websocket":
        await send({"type": "websocket.close", "code": 1011, "reason": message[:120]})


def _check_route(route: Any) -> None:
    """Refuse a route under Porch's reserved prefix (Streamlit refuses its own, ``/_stcore/`` and others)."""
    path = getattr(route, "path", None)
    if isinstance(path, str) and (path.startswith(RESERVED_PREFIX) or path == RESERVED_PREFIX.rstrip("/")):
        raise ValueError(
            f"Route '{path}' conflicts with Porch's reserved route prefix '{RESERVED_PREFIX}' (its page's files, "
            "socket, media and uploads). Use a different path like '/api/...'."
        )


def _check_secret(value: Any, path: str) -> None:
    """Streamlit's check of programmatic secrets: string keys; str, int, float, bool, lists and dicts."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                where = f"in '{path}'" if path else "at top level"
                raise TypeError(f"Dictionary keys in secrets must be strings, got {type(key).__name__!r} {where}.")
            _check_secret(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_secret(item, f"{path}[{index}]" if path else f"[{index}]")
    elif type(value) not in _SECRET_SCALARS:
        where = f" at '{path}'" if path else ""
        raise TypeError(
            f"Unsupported type '{type(value).__name__}'{where} in secrets. "
            "Allowed types are: str, int, float, bool, lists, and nested dicts."
        )


def _caller_file() -> str | None:
    """The file of the module that made the App (its launcher), for messages."""
    frame = inspect.currentframe()
    try:
        caller = frame.f_back.f_back if frame is not None and frame.f_back is not None else None
        name = caller.f_globals.get("__file__") if caller is not None else None
        return name if isinstance(name, str) else None
    finally:
        del frame
