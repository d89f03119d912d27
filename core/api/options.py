"""``porch.get_option`` and ``porch.set_option``: Streamlit's configuration options, under Streamlit's names.

Where Porch has an option of its own (``server.port`` is the port the engine listens on, ``server.maxUploadSize`` its
upload limit..., and the ``theme.*`` options its ``[theme]`` sets: ``porch.theme``), ``get_option`` answers with the
engine's value; for the other options Streamlit 1.67 documents, with the value the launch set
(``.streamlit/config.toml``, a ``--client.toolbarMode minimal`` flag: ``EngineConfig.streamlit_options``), else with
Streamlit's default; for any other key it raises, naming the key, as Streamlit does. The values live in one dict per engine that all its sessions share
(``Session.options``; AppTest gives each test its own), so ``set_option`` changes an option for every session of the
app, as Streamlit's changes it for the whole server. Like Streamlit's, it takes only
the options Streamlit lets a script set while it runs (``client.showErrorDetails``, ``client.toolbarMode``,
``client.showSidebarNavigation``...); the rest are launch settings. ``client.showErrorDetails`` sets how much of an
exception that ends a run the page shows (``porch.elements.exception``; the launch sets it with the
``show_error_details`` setting or Streamlit's option), ``client.showSidebarNavigation`` False hides the menu of pages;
``client.toolbarMode`` says which items the app menu shows from the next run on (``porch.app_menu``; the launch sets
it with the ``toolbar_mode`` setting or Streamlit's option).
"""

from __future__ import annotations

import copy
import logging
import socket
from collections.abc import Mapping
from typing import Any

from .. import app_menu, basemap, theme
from ..config import EngineConfig
from ..context import current_run
from ..elements.exception import details_of
from ..errors import PorchAPIError
from ..interfaces import Runtime

log = logging.getLogger("porch.options")

#: The options a running script may set (Streamlit 1.67's ``scriptable`` ones).
SCRIPTABLE = frozenset({
    "client.showErrorDetails",
    "client.showSidebarNavigation",
    "client.toolbarMode",
    "logger.enableRich",
    "server.enableArrowTruncation",
})

#: Streamlit options that are launch settings of Porch: how to set each one instead (docs/config.md).
LAUNCH_SETTINGS = {
    "server.port": "--port (port in .porch/config.toml)",
    "server.address": "--host (host in .porch/config.toml)",
    "server.headless": "--headless (shell in .porch/config.toml)",
    "server.baseUrlPath": "--base-path (base_path in .porch/config.toml)",
    "server.maxUploadSize": "--max-upload-mb (max_upload_mb in .porch/config.toml)",
    "server.runOnSave": "--run-on-save (run_on_save in .porch/config.toml)",
    "server.sslCertFile": "--tls-cert (tls_cert in .porch/config.toml)",
    "server.sslKeyFile": "--tls-key (tls_key in .porch/config.toml)",
    "server.disconnectedSessionTTL": "--session-ttl (session_ttl in .porch/config.toml)",
    "runner.parallelMaxWorkers": "--parallel-fragment-workers (parallel_fragment_workers in .porch/config.toml)",
    "logger.level": "--log-level (log_level in .porch/config.toml)",
}


#: Streamlit 1.67's defaults of the options it documents (``streamlit config show``).
DEFAULTS: dict[str, Any] = {
    "global.disableWidgetStateDuplicationWarning": False,
    "global.showWarningOnDirectExecution": True,
    "global.developmentMode": False,
    "global.e2eTest": False,
    "global.unitTest": False,
    "global.appTest": False,
    "global.suppressDeprecationWarnings": False,
    "global.minCachedMessageSize": 10_000.0,
    "global.maxCachedMessageAge": 2,
    "logger.level": "info",
    "logger.messageFormat": "%(asctime)s %(message)s",
    "logger.enableRich": False,
    "client.showErrorDetails": "full",
    "client.toolbarMode": "auto",
    "client.showSidebarNavigation": True,
    "runner.magicEnabled": True,
    "runner.postScriptGC": True,
    "runner.fastReruns": True,
    "runner.enforceSerializableSessionState": False,
    "runner.enumCoercion": "nameOnly",
    "runner.connectionDefaultTTL": None,
    "runner.parallelMaxWorkers": None,
    "server.folderWatchList": [],
    "server.folderWatchBlacklist": [],
    "server.fileWatcherType": "auto",
    "server.headless": False,
    "server.showEmailPrompt": True,
    "server.runOnSave": False,
    "server.allowRunOnSave": True,
    "server.address": None,
    "server.port": 8501,
    "server.scriptHealthCheckEnabled": False,
    "server.baseUrlPath": "",
    "server.customComponentBaseUrlPath": "",
    "server.enableCORS": True,
    "server.corsAllowedOrigins": [],
    "server.enableXsrfProtection": True,
    "server.maxUploadSize": 200,
    "server.maxMessageSize": 200,
    "server.enableArrowTruncation": False,
    "server.enableWebsocketCompression": False,
    "server.websocketPingInterval": None,
    "server.enableStaticServing": False,
    "server.disconnectedSessionTTL": 120,
    "server.trustedUserHeaders": {},
    "server.sslCertFile": None,
    "server.sslKeyFile": None,
    "browser.serverAddress": "localhost",
    "browser.gatherUsageStats": True,
    "browser.serverPort": 8501,
    "ui.hideTopBar": False,
    "mapbox.token": "",
    "magic.displayRootDocString": False,
    "magic.displayLastExprIfNoSemicolon": False,
    # The theme: unset by default; the app's [theme] (EngineConfig.theme, porch.theme) sets them for its engine.
    **{f"theme.{name}": None for name in theme.OPTIONS},
}


def get_option(key: str) -> Any:
    """The value of the configuration option ``key`` (``"section.optionName"``, Streamlit's names).

    Options Porch has answer with the engine's value: ``server.port`` (the port it listens on), ``server.address``,
    ``server.baseUrlPath``, ``server.maxUploadSize``, ``server.headless``, ``server.runOnSave``,
    ``server.disconnectedSessionTTL``, ``server.enableXsrfProtection``, ``server.websocketPingInterval``,
    ``logger.level``, and ``theme.primaryColor``... as the app's ``[theme]`` sets them (None when it does not). The
    other options of Streamlit 1.67 answer with the value ``set_option`` gave them, else the one the launch set
    (``.streamlit/config.toml``, ``STREAMLIT_*`` environment variables, ``--section.option`` flags, with Streamlit's
    precedence), else Streamlit's default. Any other key raises ``RuntimeError``, as in Streamlit.
    """
    if not isinstance(key, str):
        raise PorchAPIError(f"get_option(key): key must be a string such as 'server.port', not {key!r}")
    options = _options()
    if key in options:
        return options[key]
    if key == "logger.level":
        return logging.getLevelName(logging.getLogger("porch").getEffectiveLevel()).lower()
    if key in DEFAULTS:
        return copy.copy(DEFAULTS[key])
    raise RuntimeError(
        f'Config key "{key}" not defined. Porch answers for Streamlit 1.67\'s options ("section.optionName", '
        'such as "server.port" or "theme.primaryColor"); see docs/compat.md.'
    )


def set_option(key: str, value: Any) -> None:
    """Set the configuration option ``key`` to ``value``, for every session of the app.

    As in Streamlit, a script may set only ``client.showErrorDetails``, ``client.showSidebarNavigation`` and
    ``client.toolbarMode`` (and the hidden ``logger.enableRich`` and ``server.enableArrowTruncation``); any other
    option raises: it is a launch setting. ``get_option`` reads the value back. ``client.showErrorDetails`` ("full",
    "stacktrace", "type", "none", or True / False) sets how much of an exception that ends a later run the page
    shows; ``client.showSidebarNavigation`` False hides the menu of pages; ``client.toolbarMode`` ("auto",
    "developer", "viewer" or "minimal") says which items the app menu shows, from the next run on.
    """
    if not isinstance(key, str) or (key not in DEFAULTS and key not in SCRIPTABLE):
        raise PorchAPIError(f"Unrecognized config option: {key}")
    if key not in SCRIPTABLE:
        how = LAUNCH_SETTINGS.get(key)
        where = f"start the app with {how}" if how else "set it in .streamlit/config.toml"
        raise PorchAPIError(
            f"{key} cannot be set on the fly: {where} instead. A script may set only "
            f"{', '.join(sorted(name for name in SCRIPTABLE if name.startswith('client.')))}."
        )
    if key == app_menu.OPTION:
        try:
            app_menu.toolbar_mode(value)
        except ValueError as exc:
            raise PorchAPIError(str(exc)) from None
    run = current_run.get()
    if run is not None:
        run.checkpoint()
    _options()[key] = value


# Outside a run (a thread the script started, an import-time call) the options of the engine started last.
process: dict[str, Any] = {}


def _options() -> dict[str, Any]:
    run = current_run.get()
    return run.session.options if run is not None else process


def engine_options(
    config: EngineConfig, runtime: Runtime, sockets: list[socket.socket], *, compressed: bool
) -> dict[str, Any]:
    """Streamlit's options as an engine serving on ``sockets`` has them: the launch's values of the options Porch has
    no setting for (as Streamlit's types), beneath the engine's own."""
    options: dict[str, Any] = {
        **launch_values(config.streamlit_options),
        "server.baseUrlPath": config.base_path.strip("/"),
        "server.maxUploadSize": _number(config.max_upload_bytes / (1024 * 1024)),
        "server.headless": runtime.mode == "headless",
        "server.disconnectedSessionTTL": _number(config.session_ttl),
        "server.enableXsrfProtection": config.xsrf_protection,
        "server.enableWebsocketCompression": compressed,
        "server.websocketPingInterval": _number(config.ping_interval),
        "runner.parallelMaxWorkers": config.parallel_fragment_workers,  # read by porch.parallel in each session
        # Read by map and pydeck_chart in each session: whether the engine serves base maps (porch.basemap).
        basemap.MAP_TILES_OPTION: config.map_tiles,
        **theme.option_values(config.theme),
    }
    if config.mapbox_token:  # the engine's token (PORCH_MAPBOX_TOKEN, MAPBOX_API_KEY...): its Mapbox styles are served
        options["mapbox.token"] = config.mapbox_token
    # The launch's level (show_error_details), kept as Streamlit's option gave it where that says the same (True).
    given = options.get("client.showErrorDetails", DEFAULTS["client.showErrorDetails"])
    if config.show_error_details is not None and details_of(given) != details_of(config.show_error_details):
        options["client.showErrorDetails"] = config.show_error_details
    # The launch's toolbar_mode, kept as Streamlit's option gave it where that says the same ("Viewer").
    given_mode = options.get(app_menu.OPTION, DEFAULTS[app_menu.OPTION])
    if config.toolbar_mode is not None and str(given_mode).strip().lower() != config.toolbar_mode:
        options[app_menu.OPTION] = app_menu.toolbar_mode(config.toolbar_mode)  # an engine given another refuses
    if sockets:
        host, port = sockets[0].getsockname()[:2]
        options["server.port"] = options["browser.serverPort"] = port
        options["server.address"] = None if host in ("0.0.0.0", "::", "") else host
    return options


def launch_values(given: Mapping[str, Any]) -> dict[str, Any]:
    """The options Streamlit documents among ``given`` (by name), each as Streamlit types it: a flag's or an
    environment variable's text read as its default's type (``"false"`` for a bool, ``"5"`` for an int...), as
    ``streamlit run`` reads them. A value that does not read as its type is left out, with a warning naming it."""
    values: dict[str, Any] = {}
    for name, value in given.items():
        if name not in DEFAULTS or name.startswith("theme."):
            continue
        try:
            values[name] = _typed(value, DEFAULTS[name])
        except ValueError:
            log.warning("the Streamlit option %s = %r is not %s: get_option answers with its default", name, value,
                        type(DEFAULTS[name]).__name__)
    return values


def _typed(value: Any, default: Any) -> Any:
    if not isinstance(value, str) or isinstance(default, str) or default is None:
        return value
    if isinstance(default, bool):
        lowered = value.strip().lower()  # as click reads a flag's bool
        if lowered not in ("1", "true", "t", "yes", "y", "on", "0", "false", "f", "no", "n", "off"):
            raise ValueError(value)
        return lowered in ("1", "true", "t", "yes", "y", "on")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    if isinstance(default, list):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
