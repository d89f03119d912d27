"""Browser: like the desktop shell (loopback, a per-launch secret in an HttpOnly cookie), with the system browser as
the client. The server runs until Ctrl-C or SIGTERM; closing the tab leaves it running for the session TTL, so a
reload comes back to the same session.

The browser is started with the app's URL on its command line, where ``ps`` shows it to every user of the machine, so
that URL carries a launch token rather than the secret (``porch.security.loopback_access``): the first visit trades
it for the cookie and is redirected to the bare URL; after that, or a minute unused, the link opens nothing. The
cookie is named for the port: the browser sends it to every server on 127.0.0.1, and two apps would otherwise
overwrite each other's. See docs/security.md, "Browser".
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import webbrowser

from porch.app import App
from porch.interfaces import Runtime
from porch.script import Script
from porch.security import loopback_access

from .serve import bind, engine_config, make_engine, serve
from .settings import Settings

log = logging.getLogger("porch.shell")


def run(script: Script, settings: Settings, app: App | None = None) -> int:
    sockets, binding = bind("127.0.0.1", settings.port if settings.port is not None else 0)
    config = engine_config(settings)
    access, launch = loopback_access(binding.port)
    engine = make_engine(script, config, Runtime(mode="browser", local_client=True), access, app)
    url = f"http://127.0.0.1:{binding.port}{config.normalized_base()}/?token={launch.value}"

    def open_browser() -> None:
        print(f"Porch is serving {script.path}\n  Open: {url}\n  (the link opens the app once, within a minute)",
              file=sys.stderr, flush=True)
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
