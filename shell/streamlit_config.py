"""What ``streamlit run`` takes, read the same way: ``.streamlit/config.toml`` beside the app (when the app has no
``.porch/config.toml``) and flags such as ``--server.port 8502``, so an app and its launch scripts move over as they
are. Each Streamlit option with a Porch meaning maps onto a Porch setting; the others are accepted, kept by name in the
``streamlit_options`` setting for ``st.get_option`` to answer with, and listed once in the log as not applied otherwise
(Streamlit has many options that have no meaning here, and a launch must not fail on them). ``streamlit run``'s
environment variables (``STREAMLIT_SERVER_PORT``, ``STREAMLIT_CLIENT_TOOLBAR_MODE``...) are read too.
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
}
FLAG = re.compile(r"--([a-z]+(?:\.[A-Za-z]+)+)(?:=(.*))?$")


def project_file(app_dir: str | os.PathLike[str]) -> Path:
    return Path(app_dir) / ".streamlit" / "config.toml"


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
            ignored.append(name)
            continue
        setting, conversion = OPTIONS[name]
        try:
            converted = conversion(value)
        except (TypeError, ValueError):
            raise LaunchError(f"{where}: {name} = {value!r} is not a valid value") from None
        if converted is not None:
            settings[setting] = converted
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


def from_toml(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], list[str]]:
    """The settings of a parsed ``.streamlit/config.toml`` (``[server] port = 8502`` is ``server.port``;
    ``[theme.sidebar] font = "serif"`` is ``theme.sidebar.font``)."""
    flat: list[tuple[str, Any]] = []
    for section, table in data.items():
        if not isinstance(table, dict):
            continue
        for key, value in table.items():
            if section == "theme" and isinstance(value, dict):
                flat += [(f"theme.{key}.{inner}", item) for inner, item in value.items()]
            else:
                flat.append((f"{section}.{key}", value))
    return convert(flat, str(path))


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
