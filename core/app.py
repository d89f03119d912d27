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
- ``middleware`` and ``exception_handlers`` belong to that Starlette app: they wrap the App's routes only (Porch's
  own endpoints are tornado's, not ASGI). ``debug`` is that app's Starlette ``debug``.
- ``lifespan`` is entered on the engine's event loop as it starts, before it listens (so before the first session),
  and left when it has stopped; a dict it yields goes into :attr:`App.state`.
- ``secrets`` are given to ``porch.secrets`` for the app's folder, over its files' top-level keys.
- ``on_script_error`` is called in the run, with the exception, when the script (or a fragment, or a callback)
  raises; True keeps Porch from showing the exception (``porch.api.hooks``).

Starlette is imported only when the App has routes: a launcher without them needs nothing beyond Porch.

The App is not an ASGI application (Porch is not an ASGI server): called as one (``uvicorn launcher:app``) it fails
at once with a message that names ``porch run``; see :meth:`App.__call__`.
"""

from __future__ import annotations

import copy
import inspect
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

__all__ = ["App", "AppStartError", "RESERVED_PREFIX", "not_asgi_message"]

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
        ``app.run()``, else from the working directory.
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
        Starlette ``Middleware`` wrapping the routes (in Porch, only the routes: its own endpoints are not ASGI).
    on_script_error
        ``on_script_error(exc)``, called in the run when the script raises; returning True keeps the exception from
        being shown (the handler may show its own message with ``st.error``).
    exception_handlers
        Starlette exception handlers of the routes.
    debug
        Starlette's debug mode for the routes: an error answers with its traceback.
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
        self._state: dict[str, Any] = {}
        self._open_lifespan: AbstractAsyncContextManager[Mapping[str, Any] | None] | None = None
        self._launcher = _caller_file()
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
        """Streamlit's way to mount the App inside another ASGI app (``FastAPI(lifespan=app.lifespan())``). Porch is
        not an ASGI server, so this raises a RuntimeError that says how to serve the App instead."""
        raise RuntimeError(not_asgi_message(self._launcher))

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Any], send: Callable[[Any], Any]) -> None:
        """Called as an ASGI application (``uvicorn launcher:app``): Porch serves the App on its own server, so the
        ASGI server is told at once. Its startup fails with the message (uvicorn prints it and exits); a request,
        if the server skips the lifespan, is answered 500 with it."""
        message = not_asgi_message(self._launcher)
        kind = scope.get("type")
        if kind == "lifespan":
            await receive()
            await send({"type": "lifespan.startup.failed", "message": message})
            return
        log.error("%s", message)
        if kind == "http":
            body = (message + "\n").encode()
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
        elif kind == "websocket":
            await send({"type": "websocket.close", "code": 1011, "reason": "porch.App is not an ASGI app"})

    # -- what Porch's engine and shells read --------------------------------------------------------------------------

    def resolved_script(self, launcher_folder: str | os.PathLike[str] | None) -> Path:
        """The script's absolute path: a relative one from ``launcher_folder`` (None: the working directory)."""
        path = self._script_path.expanduser()
        if path.is_absolute():
            return path
        return (Path(launcher_folder) / path if launcher_folder is not None else path).resolve()

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

    def asgi_routes(self) -> tuple[list[Any], Callable[..., Any]] | None:
        """The routes and the Starlette app that answers them (routes, middleware, exception handlers, debug), or
        None without routes. Imports Starlette."""
        if not self._routes:
            if self._middleware or self._exception_handlers:
                log.info("App(middleware=..., exception_handlers=...) apply to the App's routes only in Porch; this "
                         "App has none, so they have no effect")
            return None
        try:
            from starlette.applications import Starlette
        except ImportError:  # pragma: no cover - the routes are Starlette's objects, so it is installed
            raise RuntimeError("App(routes=...) needs Starlette: pip install starlette") from None
        app = Starlette(
            debug=self._debug,
            routes=self._routes,
            middleware=self._middleware,
            exception_handlers=self._exception_handlers,
        )
        return self._routes, app

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


def not_asgi_message(launcher: str | None) -> str:
    name = os.path.basename(launcher) if launcher else "launcher.py"
    return (
        "porch.App is not an ASGI application: Porch serves it on its own server, not through an ASGI server such "
        f"as uvicorn. Run `porch run {name}` (with --headless to serve on the network), or call app.run() under "
        "`if __name__ == \"__main__\":` and run `python " + name + "`."
    )


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
