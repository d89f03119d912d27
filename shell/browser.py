"""Browser: like the desktop shell (loopback, a per-launch secret traded for an HttpOnly cookie), with the system
browser as the client. The server runs until Ctrl-C or SIGTERM; closing the tab leaves it running for the session
TTL, so a reload comes back to the same session."""

from __future__ import annotations

import asyncio
import logging
import secrets
import sys
import threading
import webbrowser

from porch.interfaces import Runtime
from porch.script import Script
from porch.security import AccessPolicy

from .serve import bind, engine_config, make_engine, serve
from .settings import Settings

log = logging.getLogger("porch.shell")


def run(script: Script, settings: Settings) -> int:
    secret = secrets.token_urlsafe(32)
    sockets, binding = bind("127.0.0.1", settings.port if settings.port is not None else 0)
    config = engine_config(settings)
    access = AccessPolicy(token=secret, loopback_only=True)
    engine = make_engine(script, config, Runtime(mode="browser", local_client=True), access)
    url = f"http://127.0.0.1:{binding.port}{config.normalized_base()}/?token={secret}"

    def open_browser() -> None:
        print(f"Porch is serving {script.path}\n  Open: {url}", file=sys.stderr, flush=True)
        # Some browsers (console ones, or a BROWSER command) block until they exit: keep them off the loop.
        threading.Thread(target=_open, args=(url,), name="porch-browser", daemon=True).start()

    asyncio.run(serve(engine, sockets, on_started=open_browser, run_on_save=settings.run_on_save))
    return 0


def _open(url: str) -> None:
    try:
        opened = webbrowser.open(url, new=2)
    except webbrowser.Error as exc:
        opened = False
        log.warning("could not start a browser: %s", exc)
    if not opened:
        log.warning("no system browser opened; open the URL above yourself")
