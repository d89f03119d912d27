"""``porch.secrets``: the app's secrets, read from TOML files the first time the script asks, never sent to a client.

Where they come from, as Streamlit reads ``secrets.files``, later files winning key by key at the top level:

1. the user-wide ``secrets.toml`` in the user config folder (platformdirs' for "porch", or for a bundle's own name,
   ``PORCH_APP_NAME``: the folder the shells read ``config.toml`` from);
2. the app's own: ``.porch/secrets.toml`` beside the script, or, when that does not exist, ``.streamlit/secrets.toml``
   beside it (as for ``config.toml``), so a Streamlit app moves over with its secrets where they were.

3. the secrets a ``porch.App`` was given (``App(secrets={...})``, :func:`give`), over both, key by key at the top
   level (Streamlit's rule for programmatic secrets).

Top-level strings and numbers are also put into ``os.environ``, as Streamlit does. A file that changes is read again
(checked at most once a second). Values are never shown: ``repr``, ``write`` and ``json`` of the secrets show their
keys only, and an error names the key and the files read, never a value. ``AppTest.secrets`` gives a test session
secrets of its own instead of the files.
"""

from __future__ import annotations

import copy
import html
import os
import sys
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..context import current_run
from ..errors import PorchAPIError

if TYPE_CHECKING:
    from ..session import Session

__all__ = ["SecretNotFoundError", "Secrets", "secrets"]

#: How often a file's change is looked for, in seconds.
RECHECK_SECONDS = 1.0


class SecretNotFoundError(KeyError):
    """A key the secrets do not hold. Its message names the key and the files read (never a value)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class SecretAttributeError(AttributeError):
    """``porch.secrets.name`` for a name the secrets do not hold."""


def user_file() -> Path:
    """The user-wide secrets file: ``secrets.toml`` in the folder ``porch.shell.settings.config_folder`` names (the
    rule is repeated here because the engine does not import the shells)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(os.environ.get("PORCH_APP_NAME") or "porch", appauthor=False)) / "secrets.toml"


def app_file(directory: str | os.PathLike[str]) -> Path:
    """The app's secrets file: ``.porch/secrets.toml`` beside the script, else ``.streamlit/secrets.toml``."""
    porch_file = Path(directory) / ".porch" / "secrets.toml"
    return porch_file if porch_file.exists() else Path(directory) / ".streamlit" / "secrets.toml"


@dataclass
class _Loaded:
    values: dict[str, Any]
    read: list[Path]
    missing: list[Path]
    stamp: tuple[tuple[str, int | None], ...]
    checked: float = field(default_factory=time.monotonic)
    exported: dict[str, str] = field(default_factory=dict)
    #: Whether a porch.App's secrets are among the values.
    given: bool = False

    def where(self) -> str:
        read = ", ".join(map(str, self.read)) or "none"
        missing = ", ".join(map(str, self.missing))
        app = "; and the App's secrets (App(secrets=...))" if self.given else ""
        return f"Secrets files read: {read}" + (f"; not found: {missing}" if missing else "") + app + "."


def _stamp(directory: str) -> tuple[tuple[str, int | None], ...]:
    paths = [user_file(), Path(directory) / ".porch" / "secrets.toml", Path(directory) / ".streamlit" / "secrets.toml"]
    stamps: list[tuple[str, int | None]] = []
    for path in paths:
        try:
            stamps.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            stamps.append((str(path), None))
    return tuple(stamps)


def _parse(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PorchAPIError(f"Cannot read the secrets file {path}: {exc.strerror}") from None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        # The parser's message gives a line and column, not the text there: no value leaks into it.
        raise PorchAPIError(f"The secrets file {path} is not valid TOML: {exc}") from None
    return data


class _Sources:
    """The secrets of each app folder, loaded on first use; and the secrets of test sessions, which replace them."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._loaded: dict[str, _Loaded] = {}
        self._tests: weakref.WeakKeyDictionary[Session, dict[str, Any]] = weakref.WeakKeyDictionary()
        self._last_directory: str | None = None
        #: A porch.App's secrets, by the app's folder (:func:`give`).
        self._given: dict[str, dict[str, Any]] = {}

    def current(self) -> tuple[Mapping[str, Any], str]:
        """The calling session's secrets, and where they came from (for messages)."""
        run = current_run.get()
        if run is not None:
            test = self._tests.get(run.session)
            if test:
                return test, "Secrets given by the test (AppTest.secrets)."
            directory = run.session.script.directory
            self._last_directory = directory
        else:  # a thread the script started: the app whose script asked last, else the working folder
            directory = self._last_directory or os.getcwd()
        loaded = self._load(directory)
        return loaded.values, loaded.where()

    def _load(self, directory: str) -> _Loaded:
        loaded = self._loaded.get(directory)
        if loaded is not None and time.monotonic() - loaded.checked < RECHECK_SECONDS:
            return loaded
        with self._lock:
            loaded = self._loaded.get(directory)
            stamp = _stamp(directory)
            if loaded is not None and loaded.stamp == stamp:
                loaded.checked = time.monotonic()
                return loaded
            fresh = self._read(directory, stamp, self._given.get(directory))
            if loaded is not None:
                _unexport(loaded.exported)
            fresh.exported = _export(fresh.values)
            self._loaded[directory] = fresh
            return fresh

    @staticmethod
    def _read(directory: str, stamp: tuple[tuple[str, int | None], ...], given: dict[str, Any] | None) -> _Loaded:
        values: dict[str, Any] = {}
        read: list[Path] = []
        missing: list[Path] = []
        for path in (user_file(), app_file(directory)):
            data = _parse(path)
            if data is None:
                missing.append(path)
                continue
            read.append(path)
            values.update(data)  # the app's file wins over the user's, key by key at the top level (Streamlit's rule)
        if given is not None:
            values.update(copy.deepcopy(given))  # an App's secrets win over the files, as Streamlit's programmatic ones
        return _Loaded(values, read, missing, stamp, given=given is not None)

    def give(self, directory: str, values: Mapping[str, Any] | None) -> None:
        with self._lock:
            if values is None:
                self._given.pop(directory, None)
            else:
                self._given[directory] = copy.deepcopy(dict(values))
            loaded = self._loaded.pop(directory, None)
            if loaded is not None:
                _unexport(loaded.exported)

    def given(self, directory: str) -> dict[str, Any] | None:
        with self._lock:
            given = self._given.get(directory)
            return copy.deepcopy(given) if given is not None else None

    def test_secrets(self, session: Session) -> dict[str, Any]:
        with self._lock:
            return self._tests.setdefault(session, {})

    def forget(self) -> None:
        """Read the files again at the next access (tests that write secrets files use it)."""
        with self._lock:
            for loaded in self._loaded.values():
                _unexport(loaded.exported)
            self._loaded.clear()


def _export(values: Mapping[str, Any]) -> dict[str, str]:
    """Top-level strings and numbers (not booleans) into ``os.environ``, as Streamlit does; what was set."""
    exported = {}
    for key, value in values.items():
        if type(value) in (str, int, float):
            os.environ[key] = exported[key] = str(value)
    return exported


def _unexport(exported: Mapping[str, str]) -> None:
    for key, value in exported.items():
        if os.environ.get(key) == value:
            del os.environ[key]


_sources = _Sources()


def give(directory: str, values: Mapping[str, Any] | None) -> None:
    """Secrets of a ``porch.App`` (``App(secrets=...)``) for the app in ``directory``, over its files' top-level keys;
    None takes them back (the engine does so when it stops)."""
    _sources.give(directory, values)


def given(directory: str) -> dict[str, Any] | None:
    """The secrets given to the app in ``directory`` (a copy), for a session's own process to give there too."""
    return _sources.given(directory)


def app_secrets(directory: str) -> Mapping[str, Any]:
    """The secrets of the app in ``directory`` (the files' values), for the engine's own use (sign-in)."""
    return _sources._load(directory).values


def session_secrets(session: Session) -> Mapping[str, Any]:
    """The secrets ``session`` sees: a test session's own (``AppTest.secrets``) if it has any, else its app's."""
    return _sources._tests.get(session) or app_secrets(session.script.directory)


def test_secrets(session: Session) -> dict[str, Any]:
    """The dict of secrets a test session sees instead of the files (``AppTest.secrets``); empty: the files."""
    return _sources.test_secrets(session)


def _wrap(value: Any, path: str) -> Any:
    if isinstance(value, Mapping):
        return Section(value, path)
    if isinstance(value, list):
        return copy.deepcopy(value)
    return value


def _masked(keys: Iterator[str] | list[str], name: str) -> str:
    shown = ", ".join(f"{key!r}: ***" for key in keys)
    return f"{name}({{{shown}}})"


class _ReadOnly(Mapping[str, Any]):
    """What the secrets and their sections share: item and attribute access, no writes, values hidden in ``repr``."""

    _label = "st.secrets"

    def _values(self) -> tuple[Mapping[str, Any], str]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        values, where = self._values()
        if key not in values:
            raise SecretNotFoundError(f'{self._label} has no key "{key}". {where}')
        return _wrap(values[key], f'{self._label}["{key}"]')

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # dunders and the probes of other libraries (_repr_markdown_...): no secrets
            raise AttributeError(name)
        values, where = self._values()
        if name not in values:
            raise SecretAttributeError(f'{self._label} has no key "{name}". {where}')
        return _wrap(values[name], f"{self._label}.{name}")

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._values()[0]))

    def __len__(self) -> int:
        return len(self._values()[0])

    def __contains__(self, key: object) -> bool:
        return key in self._values()[0]

    def to_dict(self) -> dict[str, Any]:
        """A plain, deep copy of the secrets (which then are the caller's to keep out of the page)."""
        return copy.deepcopy(dict(self._values()[0]))

    def __repr__(self) -> str:
        return _masked(list(self._values()[0]), type(self).__name__)

    def _repr_html_(self) -> str:
        """What ``write`` and magic show: the keys, never the values."""
        return f"<code>{html.escape(repr(self))}</code>"

    def __setitem__(self, key: str, value: NoReturn) -> NoReturn:  # NoReturn: a write is a type error too
        raise TypeError("Secrets are read-only: they come from secrets.toml")

    def __delitem__(self, key: NoReturn) -> NoReturn:
        raise TypeError("Secrets are read-only: they come from secrets.toml")

    def __setattr__(self, name: str, value: NoReturn) -> NoReturn:
        raise TypeError("Secrets are read-only: they come from secrets.toml")

    def __delattr__(self, name: str) -> NoReturn:
        raise TypeError("Secrets are read-only: they come from secrets.toml")


class Section(_ReadOnly):
    """A table of the secrets (``[db]``): read with ``section["user"]`` or ``section.user``."""

    def __init__(self, values: Mapping[str, Any], label: str) -> None:
        object.__setattr__(self, "_data", dict(values))
        object.__setattr__(self, "_label", label)

    def _values(self) -> tuple[Mapping[str, Any], str]:
        return self._data, _sources.current()[1]

    _data: dict[str, Any]


class Secrets(_ReadOnly):
    """``porch.secrets`` (``st.secrets``): a read-only mapping of the app's secrets. Tables are sections with the
    same access: ``st.secrets.db.password`` or ``st.secrets["db"]["password"]``."""

    def _values(self) -> tuple[Mapping[str, Any], str]:
        return _sources.current()

    def load_if_toml_exists(self) -> bool:
        """Read the secrets now; True when a secrets file was found (Streamlit's name)."""
        try:
            values, where = _sources.current()
        except PorchAPIError:
            return False
        return "Secrets files read: none" not in where


secrets = Secrets()
