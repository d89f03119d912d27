"""Launch settings, layered: built-in defaults, ``.porch/config.toml`` beside the app, the user-wide
``config.toml`` in the platformdirs config folder, ``PORCH_*`` environment variables, command-line flags. Each layer
overrides the ones before it; :class:`Settings` remembers where every value came from (``porch config show``).

The app's own file comes first because it holds the author's defaults; the user-wide file is the person running it,
the environment is the deployment, and the command line is this one launch. See ``docs/config.md``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from porch.config import DEFAULT_PARALLEL_FRAGMENT_WORKERS

from . import streamlit_config
from .errors import LaunchError

SHELLS = ("desktop", "headless", "browser")
ENV_PREFIX = "PORCH_"


def _opt(default: Any, help: str, kind: type, **extra: Any) -> Any:
    return field(default=default, metadata={"help": help, "kind": kind, **extra})


@dataclass(frozen=True)
class Settings:
    """Every setting, with its default. Field metadata: ``help`` (one line), ``kind`` (its TOML/env type)."""

    shell: str = _opt("desktop", "how to show the app: desktop (a window), headless (the network), browser", str,
                      choices=SHELLS)
    host: str | None = _opt(None, "headless: address to listen on; unset or \"\" means all interfaces", str)
    port: int | None = _opt(None, "headless: port (default 8501); browser: port (default any free one); 0: any", int)
    base_path: str = _opt("", "URL prefix when served behind a reverse proxy, e.g. /apps/demo", str)
    token: str | None = _opt(None, "headless: access token every client must present; \"auto\" makes one", str)
    token_file: str | None = _opt(None, "headless: a file holding the access token (replicas share it this way)", str)
    replica_id: str | None = _opt(None, "headless: this replica's name behind a proxy (porch_replica cookie, health, "
                                        "session ids)", str)
    store: str | None = _opt(None, "headless: a store the replicas share (redis://host:port/db): sessions move "
                                   "through it on drain and failover; cache_data and --token auto are shared", str)
    handoff_max_state_mb: float = _opt(4.0, "with a store: megabytes of widget values and session_state one session "
                                            "carries to another replica; what is beyond stays behind, named", float,
                                       min=0)
    handoff_max_upload_mb: float = _opt(4.0, "with a store: megabytes of uploaded files one session carries to "
                                             "another replica; a file beyond stays behind, named", float, min=0)
    tls_cert: str | None = _opt(None, "headless: TLS certificate chain (PEM) to serve HTTPS", str)
    tls_key: str | None = _opt(None, "headless: TLS private key (PEM) for tls_cert", str)
    max_upload_mb: float = _opt(200.0, "largest HTTP request body (uploads) accepted, in megabytes", float)
    media_memory_mb: float = _opt(256.0, "memory all sessions' media (images, audio, video, downloads) may take, in "
                                         "megabytes; the rest goes to temporary files", float)
    max_pending_input_mb: float = _opt(4.0, "memory the widget values waiting for a busy run may take in one session, "
                                            "in megabytes; a message beyond it is refused", float)
    max_chart_points: int = _opt(100_000, "points (rows) one chart sends to the page (line_chart... vega_lite_chart, "
                                          "map); a chart of more draws the first ones, with a note", int, above=0)
    map_tiles: bool = _opt(True, "base maps under map and pydeck_chart: the server fetches Carto's (and Mapbox's) "
                                 "tiles and serves them from the app's origin; false: nothing is fetched", bool)
    map_tile_url: str = _opt("https://basemaps.cartocdn.com/{style}/{z}/{x}/{y}.png", "URL template of the base "
                             "map's raster tiles ({style}: Carto's style name, light_all, dark_all...; {z} {x} {y})",
                             str)
    mapbox_tile_url: str = _opt("https://api.mapbox.com/styles/v1/{style}/tiles/256/{z}/{x}/{y}?access_token={token}",
                                "URL template of Mapbox styles' raster tiles ({style}: owner/id; {z} {x} {y} "
                                "{token})", str)
    mapbox_token: str | None = _opt(None, "Mapbox access token (Streamlit's mapbox.token; else MAPBOX_API_KEY): "
                                          "Mapbox styles are served only with one; it never reaches the page", str)
    map_tile_cache: str | None = _opt(None, "folder of fetched base-map tiles; unset: map-tiles in the user cache "
                                            "folder", str)
    map_tile_cache_mb: float = _opt(200.0, "megabytes of base-map tiles kept on disk; beyond it the oldest go",
                                    float, min=0)
    map_tile_fetches: int = _opt(8, "base-map tiles fetched from the tile server at once", int, above=0)
    map_tile_max_kb: int = _opt(1024, "largest base-map tile taken from the tile server, in kilobytes", int, above=0)
    max_invalid_messages: int = _opt(50, "invalid messages one connection may send before it is closed", int)
    max_queued_clicks: int = _opt(1000, "clicks (buttons, form submits, chat messages) one session holds while earlier "
                                        "ones wait for their runs; more are refused", int, above=0)
    parallel_fragment_workers: int = _opt(DEFAULT_PARALLEL_FRAGMENT_WORKERS, "parallel fragments (@fragment("
                                          "parallel=True)) of one run that run at once; the others wait (Streamlit's "
                                          "runner.parallelMaxWorkers; default min(32, CPUs + 4))", int, above=0)
    behind_proxy: bool = _opt(False, "trust X-Forwarded-For/-Proto/-Host from a reverse proxy", bool)
    allowed_origins: tuple[str, ...] = _opt((), "extra origins (scheme://host[:port]) allowed to open the socket",
                                            list, flag="allowed-origin")
    allowed_hosts: tuple[str, ...] = _opt((), "headless: host names the server answers to (IP addresses always pass); "
                                              "unset: the names it was started with; \"*\": any", list,
                                          flag="allowed-host")
    header_timeout: float = _opt(30.0, "seconds a connection may take to send a request's headers, or stay idle",
                                 float, above=0)
    body_timeout: float = _opt(60.0, "seconds a request body (an upload) may go without a byte arriving", float,
                               above=0)
    hello_timeout: float = _opt(10.0, "seconds a new WebSocket has to say hello before it is closed", float, above=0)
    ping_interval: float = _opt(20.0, "seconds between WebSocket pings; 0: none", float, min=0)
    ping_timeout: float = _opt(20.0, "seconds a WebSocket ping may go unanswered before the socket is closed (at most "
                                     "ping_interval); 0: never", float, min=0)
    max_connections: int = _opt(0, "connections held open at once; 0: from the open-files limit (ulimit -n)", int,
                                min=0)
    max_sessions: int = _opt(10_000, "sessions held at once; at the bound the longest-disconnected one makes room",
                             int, above=0)
    max_sessions_per_client: int = _opt(200, "sessions one client address holds at once; at the bound its "
                                             "longest-disconnected one makes room", int, above=0)
    uploads_in_flight_mb: float = _opt(512.0, "upload megabytes being received at once, all sessions together", float,
                                       above=0)
    uploads_held_mb: float = _opt(1024.0, "upload megabytes all sessions hold together (received or being received)",
                                  float, above=0)
    session_ttl: float = _opt(120.0, "seconds a disconnected session is kept for its tab to come back", float)
    drain_timeout: float = _opt(5.0, "seconds a stopping server waits for connections to close", float)
    drain_grace: float = _opt(10.0, "headless: seconds a stopping server serves its sessions (health 503, new sessions "
                                    "refused) before it moves them", float, min=0)
    isolation: str = _opt("thread", "where sessions' scripts run: thread (in the server's process, the fastest) or "
                                    "process (each session in a process of its own: a crash ends that session only)",
                          str, choices=("thread", "process"))
    max_session_memory_mb: float = _opt(0.0, "isolation = process: memory (address space) each session's process may "
                                             "take, in megabytes (at least 128); 0: no limit", float, min=0)
    icon: str | None = _opt(None, "desktop: window icon image (PNG, SVG, ICO); a set_page_config page_icon replaces it "
                            "once the app runs", str)
    run_on_save: bool = _opt(True, "rerun open sessions when the script or a local module it imports changes", bool)
    show_error_details: str = _opt("full", "how much of an exception that ends a run the page shows: full (type, "
                                           "message, traceback), stacktrace (no message), type, or none; the log has "
                                           "it all (Streamlit's client.showErrorDetails)", str,
                                   choices=("full", "stacktrace", "type", "none"))
    toolbar_mode: str = _opt("auto", "the app menu's items: auto (a developer's for a client on this machine, a "
                                      "viewer's otherwise), developer, viewer, or minimal (only the app's menu_items) "
                                      "(Streamlit's client.toolbarMode)", str,
                             choices=("auto", "developer", "viewer", "minimal"))
    log_level: str = _opt("info", "debug, info, warning or error", str, choices=("debug", "info", "warning", "error"))
    theme: Mapping[str, Any] = field(default_factory=dict, metadata={
        "help": "the app's theme: Streamlit's [theme] options (base, primaryColor...; sidebar.X for [theme.sidebar])",
        "kind": dict})
    streamlit_options: Mapping[str, Any] = field(default_factory=dict, metadata={
        "help": "Streamlit options Porch has no setting for (runner.magicEnabled...), by name: st.get_option answers "
                "with them", "kind": dict})

    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False, metadata={"internal": True})
    #: Lines to log once logging is set up: Streamlit options that were read but have no meaning in Porch.
    notices: tuple[str, ...] = field(default=(), compare=False, repr=False, metadata={"internal": True})

    def source(self, name: str) -> str:
        return self.sources.get(name, "default")

    def path(self, name: str, app_dir: str | os.PathLike[str]) -> Path | None:
        """A file setting made absolute. A relative path in the app's ``.porch/config.toml`` is from the app's
        folder, in the user file from that file's folder, and on the command line or in the environment from the
        working directory."""
        value = getattr(self, name)
        if not value:
            return None
        path = Path(value).expanduser()
        source = self.source(name)
        if path.is_absolute() or source in ("default", "command line") or source.startswith("env "):
            return path.resolve()
        folder = Path(app_dir) if Path(source) == project_file(app_dir) else Path(source).parent
        return (folder / path).resolve()


def options() -> list[Any]:
    """The settings' dataclass fields, without the bookkeeping ones."""
    return [f for f in fields(Settings) if not f.metadata.get("internal")]


def project_file(app_dir: str | os.PathLike[str]) -> Path:
    return Path(app_dir) / ".porch" / "config.toml"


def config_folder() -> Path:
    """The per-user config folder: platformdirs' for "porch", or for a bundle's own name (``PORCH_APP_NAME``, set
    by the bundle launcher) so a packaged app keeps its settings and window state apart from Porch's."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(os.environ.get("PORCH_APP_NAME") or "porch", appauthor=False))


def user_file() -> Path:
    return config_folder() / "config.toml"


def env_name(name: str) -> str:
    return ENV_PREFIX + name.upper()


def load(
    app_dir: str | os.PathLike[str],
    cli: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """The effective settings for an app in ``app_dir``. ``cli``: the flags given on the command line only."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    notices: list[str] = []
    for path in (project_file(app_dir), user_file()):
        for name, value in _read_file(path).items():
            _set(values, sources, name, value, str(path))
    # Streamlit's config files, beneath every file of Porch's, in Streamlit's order (streamlit_config.config_files).
    streamlit_values, streamlit_sources = _read_streamlit_files(app_dir, environ, notices)
    for name, value in streamlit_values.items():
        if name in MERGED:  # beneath the Porch files' options of the table, as every value here
            porch_table, porch_source = values.get(name, {}), sources.get(name)
            values[name], sources[name] = value, streamlit_sources[name]
            if porch_source is not None:
                _set(values, sources, name, porch_table, porch_source)
        elif name not in values:
            values[name], sources[name] = value, streamlit_sources[name]
    for option_name, text in streamlit_config.from_environ(environ):
        # streamlit run's STREAMLIT_* variables: above the files, below Porch's own variables and the command line
        where = f"env {streamlit_config.env_var(option_name)}"
        read, _ignored = streamlit_config.convert([(option_name, text)], where)
        for name, value in read.items():
            _set(values, sources, name, value, where)
    if "mapbox_token" not in values and environ.get("MAPBOX_API_KEY"):
        # Where Streamlit 1.67 and pydeck read a Mapbox token: beneath Porch's own variable and flag.
        _set(values, sources, "mapbox_token", environ["MAPBOX_API_KEY"], "env MAPBOX_API_KEY")
    known = {f.name: f for f in options()}
    for name, option in known.items():
        raw = environ.get(env_name(name))
        if raw is not None:
            _set(values, sources, name, _from_env(option, raw), f"env {env_name(name)}")
    for name, value in (cli or {}).items():
        if name not in known:
            raise KeyError(name)
        _set(values, sources, name, value, "command line")
    for name, value in values.items():
        _check_choice(known[name], value, sources[name])
        _check_range(known[name], value, sources[name])
    return replace(Settings(), **values, sources=sources, notices=tuple(notices))


def _read_streamlit_files(
    app_dir: str | os.PathLike[str], environ: Mapping[str, str], notices: list[str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The settings Streamlit's ``config.toml`` files give, each over the ones before, and where each came from: as
    ``streamlit run`` applies every file it reads (the global one, the working directory's, the app's), each sets
    Porch's settings (port, theme...) and the options Porch has no setting for (``streamlit_options``:
    ``st.get_option``), all beneath Porch's own files. What a file sets that has no meaning in Porch is noted, once
    per launch."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for path in streamlit_config.config_files(app_dir):
        data = _parse_toml(path)
        if data is None:
            continue
        read, ignored = streamlit_config.convert(streamlit_config.flatten(data, environ), str(path))
        for name, value in read.items():
            _set(values, sources, name, value, str(path))
        if ignored:
            notices.append(f"{path}: not applied (no meaning in Porch; st.get_option reads them): {', '.join(ignored)}")
    return values, sources


#: The settings that are tables of Streamlit options, which each layer adds to.
MERGED = ("theme", "streamlit_options")


def _set(values: dict[str, Any], sources: dict[str, str], name: str, value: Any, source: str) -> None:
    """One layer's value of a setting. The theme (and the Streamlit options) is a mapping whose options each layer
    adds to (and overrides, one by one): a ``--theme.primaryColor`` flag keeps the file's ``base``; its source names
    every layer that set one."""
    if name in MERGED and values.get(name):
        value = {**values[name], **value}
        source = sources[name] if source in sources[name].split(" + ") else f"{sources[name]} + {source}"
    values[name], sources[name] = value, source


def _read_file(path: Path) -> dict[str, Any]:
    data = _parse_toml(path)
    if data is None:
        return {}
    known = {f.name: f for f in options()}
    checked: dict[str, Any] = {}
    for name, value in data.items():
        option = known.get(name)
        if option is None:
            raise LaunchError(f"{path}: unknown setting {name!r} (known: {', '.join(known)})")
        checked[name] = _from_toml(option, value, path)
    return checked


def _parse_toml(path: Path) -> dict[str, Any] | None:
    """The TOML file at ``path`` as a dict, or None when there is no such file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LaunchError(f"cannot read {path}: {exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LaunchError(f"cannot read {path}: {exc}") from None
    return _parse_toml_text(text, str(path))


def _parse_toml_text(text: str, where: str) -> dict[str, Any]:
    # The TOML parser only when there is a file: most launches have none, and every start waits for this.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LaunchError(f"cannot read {where}: {exc}") from None
    return data


def _from_toml(option: Any, value: Any, path: Path) -> Any:
    kind = option.metadata["kind"]
    ok = (
        (kind is bool and isinstance(value, bool))
        or (kind is int and isinstance(value, int) and not isinstance(value, bool))
        or (kind is float and isinstance(value, (int, float)) and not isinstance(value, bool))
        or (kind is str and isinstance(value, str))
        or (kind is list and isinstance(value, list) and all(isinstance(item, str) for item in value))
        or (kind is dict and isinstance(value, dict))
    )
    if not ok:
        wanted = {bool: "true or false", int: "an integer", float: "a number", str: "a string",
                  list: "a list of strings", dict: "a table ([theme])"}[kind]
        raise LaunchError(f"{path}: {option.name} must be {wanted}, not {value!r}")
    if kind is dict:
        return _checked_table(option.name, value, str(path))
    if kind is float:
        return float(value)
    if kind is list:
        return tuple(value)
    return value


def _from_env(option: Any, raw: str) -> Any:
    kind = option.metadata["kind"]
    where = env_name(option.name)
    if kind is bool:
        lowered = raw.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off", ""):
            return False
        raise LaunchError(f"{where}={raw!r}: use 1/true/yes/on or 0/false/no/off")
    if kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            raise LaunchError(f"{where}={raw!r} is not {'an integer' if kind is int else 'a number'}") from None
    if kind is list:
        return tuple(item.strip() for item in raw.split(",") if item.strip())
    if kind is dict:
        text = raw.strip() if raw.strip().startswith("{") else "{" + raw + "}"
        table = _parse_toml_text(f"value = {text}", f"{where}={raw!r}")["value"]
        return _checked_table(option.name, table, f"{where}={raw!r}")
    return raw


def _checked_table(name: str, table: Mapping[str, Any], where: str) -> dict[str, Any]:
    return _checked_theme(table, where) if name == "theme" else _checked_options(table, where)


def _checked_options(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """A ``[streamlit_options]`` table: Streamlit's option names (``"client.toolbarMode" = "minimal"``, or nested:
    ``[streamlit_options.client] toolbarMode = "minimal"``) to their values."""
    flat: dict[str, Any] = {}
    for section, value in table.items():
        if isinstance(value, Mapping) and "." not in section:
            flat.update({f"{section}.{key}": item for key, item in value.items()})
        elif "." in section:
            flat[section] = value
        else:
            raise LaunchError(f"{where}: streamlit_options names Streamlit options as section.option, not {section!r}")
    return flat


def _checked_theme(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """A ``[theme]`` table checked by ``porch.theme``; a bad option stops the launch naming it and ``where``."""
    from porch import theme

    try:
        return theme.check(table)
    except theme.ThemeError as exc:
        raise LaunchError(f"{where}: {exc}") from None


def _check_choice(option: Any, value: Any, source: str) -> None:
    choices = option.metadata.get("choices")
    if choices is not None and value not in choices:
        raise LaunchError(f"{option.name} must be one of {', '.join(choices)}, not {value!r} (from {source})")


def _check_range(option: Any, value: Any, source: str) -> None:
    """A number's bound from its metadata: ``min`` (at least) or ``above`` (more than)."""
    low, above = option.metadata.get("min"), option.metadata.get("above")
    if low is not None and value < low:
        raise LaunchError(f"{option.name} must be at least {low}, not {value!r} (from {source})")
    if above is not None and value <= above:
        raise LaunchError(f"{option.name} must be more than {above}, not {value!r} (from {source})")


def describe(settings: Settings) -> str:
    """``porch config show``: every setting, its effective value and where it came from."""
    lines = []
    width = max(len(f.name) for f in options())
    for option in options():
        value = getattr(settings, option.name)
        if option.name == "streamlit_options" and value.get("mapbox.token"):
            value = {**value, "mapbox.token": "***"}  # a secret: as mapbox_token
        shown = "(unset)" if value is None else _toml_value(value)
        if option.name == "token" and value not in (None, "auto"):
            shown = '"***"'
        if option.name == "mapbox_token" and value:
            shown = '"***"'
        if option.name == "store" and value:
            from porch.store.base import shown_url

            shown = _toml_value(shown_url(value))
        lines.append(f"{option.name:<{width}} = {shown:<24} # {settings.source(option.name)}"
                     f"{_worked_out(settings, option.name)}")
    return "\n".join(lines)


def _worked_out(settings: Settings, name: str) -> str:
    """For ``describe``: what a setting left for the server to work out comes to on this machine."""
    if name == "max_connections" and settings.max_connections == 0:
        from porch.http.listener import connection_limit, open_files_limit

        limit = open_files_limit()
        return f" (here {connection_limit(0)}: the open-files limit {limit if limit is not None else 'is unknown'}, " \
               "less room for files)"
    if name == "drain_grace" and settings.shell != "headless":
        return " (headless only: here 0)"
    if name == "allowed_hosts" and not settings.allowed_hosts:
        from porch.security import default_allowed_hosts

        names = ", ".join(sorted(default_allowed_hosts(settings.host or "")))
        return f" (here: {names}, and any IP address)"
    return ""


def _toml_value(value: Any) -> str:
    if isinstance(value, Mapping):
        nested: dict[str, Any] = {}
        for name, item in value.items():  # a theme's "sidebar.font" is written as sidebar = {font = ...}
            outer, dot, inner = name.partition(".")
            if dot:
                nested.setdefault(outer, {})[inner] = item
            else:
                nested[name] = item
        return "{" + ", ".join(f"{name} = {_toml_value(item)}" for name, item in nested.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return repr(value)
