"""What ``streamlit run`` takes, read the same way: its config files (the global ``~/.streamlit/config.toml``, the
working directory's ``.streamlit/config.toml``, the app's, each over the ones before, all beneath Porch's own files)
and flags such as ``--server.port 8502``, so an app, its launch scripts and its user's Streamlit setup move over as
they are. Each Streamlit option with a Porch meaning maps onto a Porch setting; the others are accepted, kept by
name in the ``streamlit_options`` setting for ``st.get_option`` to answer with, and listed once in the log as not
applied otherwise (Streamlit has many options that have no meaning here, and a launch must not fail on them).
``streamlit run``'s environment variables (``STREAMLIT_SERVER_PORT``, ``STREAMLIT_CLIENT_TOOLBAR_MODE``...) are read
too.
The ``[theme]`` and ``[theme.sidebar]`` options (``--theme.primaryColor``...) together make the one ``theme`` setting,
a mapping by Streamlit's names, checked by ``porch.theme``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import LaunchError


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{value!r} is not true or false")


def _headless(value: Any) -> str | None:
    """``server.headless = true`` opens no browser in Streamlit; here it means no window: the headless shell."""
    return "headless" if _bool(value) else None


def _error_details(value: Any) -> str:
    """``client.showErrorDetails``: one of its four levels, or Streamlit's legacy booleans (True is "full", False
    "stacktrace", as Streamlit 1.67 reads them)."""
    if value is True or str(value).strip().lower() == "true":
        return "full"
    if value is False or str(value).strip().lower() == "false":
        return "stacktrace"
    if value in ("full", "stacktrace", "type", "none"):
        return str(value)
    raise ValueError(f"{value!r} is not full, stacktrace, type, none, true or false")


def _toolbar_mode(value: Any) -> str:
    """``client.toolbarMode``: auto, developer, viewer or minimal, in any case (as Streamlit reads it)."""
    mode = str(value).strip().lower()
    if mode not in ("auto", "developer", "viewer", "minimal"):
        raise ValueError(f"{value!r} is not auto, developer, viewer or minimal")
    return mode


#: Streamlit option -> (Porch setting, conversion). A conversion returning None leaves the setting alone.
OPTIONS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "server.port": ("port", int),
    "server.address": ("host", str),
    "server.headless": ("shell", _headless),
    "server.baseUrlPath": ("base_path", lambda v: str(v) if str(v).startswith("/") or not v else "/" + str(v)),
    "server.maxUploadSize": ("max_upload_mb", float),
    "server.runOnSave": ("run_on_save", _bool),
    "server.sslCertFile": ("tls_cert", str),
    "server.sslKeyFile": ("tls_key", str),
    "logger.level": ("log_level", lambda v: str(v).lower()),
    "client.showErrorDetails": ("show_error_details", _error_details),
    "client.toolbarMode": ("toolbar_mode", _toolbar_mode),
    "runner.parallelMaxWorkers": ("parallel_fragment_workers", int),
    "mapbox.token": ("mapbox_token", lambda v: str(v) if v else None),
}
#: Options that set a Porch setting that a script may also set (``st.set_option``), or read through ``st.get_option``
#: as Streamlit's (``mapbox.token``): they stay in ``streamlit_options`` as given as well.
EVERY_FILE = frozenset({"client.showErrorDetails", "client.toolbarMode", "mapbox.token"})
#: Options with no Porch setting that the app still applies, as Streamlit does, through ``st.get_option``
#: (``streamlit.components.v1.declare_component`` reads the base URL of components): not named as "not applied".
READ_BY_THE_APP = frozenset({"server.customComponentBaseUrlPath"})
FLAG = re.compile(r"--([a-z]+(?:\.[A-Za-z]+)+)(?:=(.*))?$")


def project_file(app_dir: str | os.PathLike[str]) -> Path:
    return Path(app_dir) / ".streamlit" / "config.toml"


def config_files(app_dir: str | os.PathLike[str]) -> list[Path]:
    """Streamlit 1.67's config files, each over the ones before (``config.get_config_files``): the global
    ``~/.streamlit/config.toml``, the one in the working directory, the app's own; a file named twice is read once,
    in its first place."""
    places: list[Path] = []
    try:
        places.append(Path.home() / ".streamlit" / "config.toml")
    except (RuntimeError, KeyError):  # no home folder (a service account): no global file to read
        pass
    try:
        places.append(Path.cwd() / ".streamlit" / "config.toml")
    except OSError:  # the working directory was removed
        pass
    found: list[Path] = []
    for path in (*places, project_file(app_dir)):
        if path.resolve() not in [known.resolve() for known in found]:
            found.append(path)
    return found


def convert(options: Iterable[tuple[str, Any]], where: str) -> tuple[dict[str, Any], list[str]]:
    """Porch settings from Streamlit options, and the names of the options that have no Porch meaning."""
    settings: dict[str, Any] = {}
    ignored: list[str] = []
    for name, value in options:
        if name.startswith("theme."):
            theme = _theme_option(name, value, where)
            if theme is None:
                ignored.append(name)
            else:
                settings.setdefault("theme", {}).update(theme)
            continue
        if name not in OPTIONS:
            settings.setdefault("streamlit_options", {})[name] = value
            if name not in READ_BY_THE_APP:
                ignored.append(name)
            continue
        setting, conversion = OPTIONS[name]
        try:
            converted = conversion(value)
        except (TypeError, ValueError):
            raise LaunchError(f"{where}: {name} = {value!r} is not a valid value") from None
        if converted is not None:
            settings[setting] = converted
        if name in EVERY_FILE:
            settings.setdefault("streamlit_options", {})[name] = value
    return settings, ignored


def _theme_option(name: str, value: Any, where: str) -> dict[str, Any] | None:
    """A ``theme.*`` option as the theme setting's entry, checked; None for one Porch does not know
    (``[theme.light]``...)."""
    from porch import theme

    option = name.removeprefix("theme.")
    if option not in theme.OPTIONS:
        return None
    try:
        return theme.check({option: value})
    except theme.ThemeError as exc:
        raise LaunchError(f"{where}: {exc}") from None


def from_toml(
    data: dict[str, Any], path: Path, environ: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The settings of a parsed ``.streamlit/config.toml`` (``[server] port = 8502`` is ``server.port``;
    ``[theme.sidebar] font = "serif"`` is ``theme.sidebar.font``)."""
    return convert(flatten(data, environ), str(path))


def flatten(data: dict[str, Any], environ: Mapping[str, str] | None = None) -> list[tuple[str, Any]]:
    """A parsed ``config.toml`` as (option name, value) pairs. As in Streamlit, a value ``"env:NAME"`` is the
    environment variable ``NAME`` (a number when it reads as one), or stays as written when there is none."""
    environ = os.environ if environ is None else environ
    flat: list[tuple[str, Any]] = []
    for section, table in data.items():
        if not isinstance(table, dict):
            continue
        for key, value in table.items():
            if section == "theme" and isinstance(value, dict):
                flat += [(f"theme.{key}.{inner}", _from_env(item, environ)) for inner, item in value.items()]
            else:
                flat.append((f"{section}.{key}", _from_env(value, environ)))
    return flat


def _from_env(value: Any, environ: Mapping[str, str]) -> Any:
    if not isinstance(value, str) or not value.startswith("env:") or value[4:] not in environ:
        return value
    text = environ[value[4:]]
    for number in (int, float):
        try:
            return number(text)
        except ValueError:
            pass
    return text


def env_var(name: str) -> str:
    """The environment variable ``streamlit run`` reads an option from: ``client.showErrorDetails`` is
    ``STREAMLIT_CLIENT_SHOW_ERROR_DETAILS`` (Streamlit's ``ConfigOption.env_var``)."""
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name.replace(".", "_")))
    return "STREAMLIT_" + snake.upper()


def from_environ(environ: Mapping[str, str]) -> list[tuple[str, str]]:
    """The Streamlit options set by ``STREAMLIT_*`` environment variables, as (name, text)."""
    from porch.api.options import DEFAULTS

    if not any(key.startswith("STREAMLIT_") for key in environ):
        return []
    return [(name, environ[env_var(name)]) for name in DEFAULTS if env_var(name) in environ]


def split_flags(argv: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Take ``--section.option value`` (or ``=value``) flags out of ``argv``; return the rest and the flags."""
    rest: list[str] = []
    flags: list[tuple[str, str]] = []
    index = 0
    while index < len(argv):
        match = FLAG.match(argv[index])
        if match is None:
            rest.append(argv[index])
            index += 1
            continue
        name, value = match.group(1), match.group(2)
        if value is None:
            if index + 1 >= len(argv):
                raise LaunchError(f"--{name} needs a value, as in streamlit run: --{name} VALUE")
            value = argv[index + 1]
            index += 1
        flags.append((name, value))
        index += 1
    return rest, flags
