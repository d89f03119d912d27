"""The App served by an ASGI server (``uvicorn launcher:app``, hypercorn, a mount in FastAPI): the engine that
``porch.App`` starts in its lifespan, made from the same launch settings as ``porch run launcher.py --headless``.

The settings are read from the launcher's folder (``.porch/config.toml``, ``.streamlit/config.toml``) and the
environment (``PORCH_*``), as the headless shell reads them; what belongs to a listener (host, port, TLS, the
connection bound and time limits) is the ASGI server's, and the desktop and browser shells are not offered: an ASGI
server serves on the network. A launch problem (a missing script, a bad setting) is a ``LaunchError`` with its
message, which the App's lifespan reports as its startup failure.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from porch.app import App
from porch.engine import MAX_PLAIN_BODY_BYTES
from porch.http.asgi_app import EngineAsgi
from porch.interfaces import Runtime
from porch.security import AccessPolicy, default_allowed_hosts, normalize_allowed_hosts

from . import settings as launch_settings
from .launcher import with_default_shell
from .serve import access_token, configure_logging, engine_config, load_script, make_engine, shared_store

log = logging.getLogger("porch.shell")


def script_of(app: App) -> Path:
    """The App's script: a relative path from the working directory, as Streamlit's App under uvicorn resolves
    it, or else from the launcher's folder (where ``porch run launcher.py`` looks)."""
    path = app.script_path.expanduser()
    if path.is_absolute():
        return path
    in_cwd = Path.cwd() / path
    launcher = app.launcher_file
    if in_cwd.exists() or launcher is None:
        return in_cwd.resolve()
    return app.resolved_script(Path(launcher).resolve().parent)


def served_app(app: App) -> EngineAsgi:
    """A new engine for ``app`` and the ASGI application that serves it (not started)."""
    script = load_script(str(script_of(app)))
    launcher = app.launcher_file
    folder = str(Path(launcher).resolve().parent) if launcher else os.getcwd()
    settings = with_default_shell(launch_settings.load(folder, {}), "headless", "ASGI server")
    if not logging.getLogger("porch").handlers:
        configure_logging(settings.log_level)
    if settings.shell != "headless":
        log.info("shell = %s (%s) has no effect under an ASGI server: it serves the app on the network, as the "
                 "headless shell does", settings.shell, settings.source("shell"))
    store = shared_store(settings)
    token = access_token(settings, script.directory, store)
    config = engine_config(settings, drain_grace=0.0)  # the server drains its own connections before the shutdown
    hosts = normalize_allowed_hosts(settings.allowed_hosts) if settings.allowed_hosts else default_allowed_hosts("")
    access = AccessPolicy(
        token=token,
        allowed_hosts=hosts,
        allowed_origins=frozenset(settings.allowed_origins),
        trust_forwarded_host=settings.behind_proxy,
    )
    engine = make_engine(script, config, Runtime(mode="headless", local_client=False), access, app, store)
    log.info("serving %s through the ASGI server%s", script.path,
             f" (open it once with ?token={token} in its address)" if token else "")
    return EngineAsgi(engine, MAX_PLAIN_BODY_BYTES)
