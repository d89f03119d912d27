"""The app script: read from a file (or given as text), compiled once per change, with magic added."""

from __future__ import annotations

import ast
import linecache
import os
import sys
import threading
from pathlib import Path
from types import CodeType

from .magic import add_magic


class Script:
    """A script every session of an engine runs. Thread-safe: several sessions compile through one cache."""

    def __init__(self, path: str | os.PathLike[str], source: str | None = None, *, magic: bool = True) -> None:
        self.path = str(Path(path).resolve()) if source is None else str(path)
        self._source = source
        self._magic = magic
        self._lock = threading.Lock()
        self._cached: tuple[float, CodeType] | None = None
        self._cached_source: str | None = None

    @classmethod
    def from_string(cls, source: str, name: str = "<app>") -> Script:
        return cls(name, source)

    def __getstate__(self) -> dict[str, object]:
        """A script crosses to a session's own process (``porch.isolation``) as its path, text and magic setting;
        the lock and the compiled code stay behind."""
        return {"path": self.path, "source": self._source, "magic": self._magic}

    def __setstate__(self, state: dict[str, object]) -> None:
        source = state["source"]
        self.path = str(state["path"])
        self._source = source if isinstance(source, str) else None
        self._magic = bool(state["magic"])
        self._lock = threading.Lock()
        self._cached = None
        self._cached_source = None

    @property
    def title(self) -> str:
        """The page title until the app sets one, as Streamlit's tab title: the script's name (``app`` for app.py)."""
        return Path(self.path).stem.strip("<>") or "app"

    @property
    def magic(self) -> bool:
        """Whether bare expressions are shown (``runner.magicEnabled``); a multipage app's pages follow the script."""
        return self._magic

    @property
    def directory(self) -> str:
        return os.path.dirname(self.path) if self._source is None else os.getcwd()

    def code(self) -> CodeType:
        """The compiled script; raises ``SyntaxError`` (shown in the app) or ``OSError`` (a missing file)."""
        stamp = os.stat(self.path).st_mtime_ns if self._source is None else 0.0
        with self._lock:
            if self._cached is not None and self._cached[0] == stamp:
                return self._cached[1]
        source = self._read()
        tree = ast.parse(source, filename=self.path)
        if self._magic:
            tree = add_magic(tree)
        code = compile(tree, self.path, "exec", dont_inherit=True)
        with self._lock:
            self._cached = (stamp, code)
            self._cached_source = source
        return code

    def source(self) -> str:
        """The script's text as last compiled, which the line numbers of the running code refer to (``echo`` and
        ``help`` read it); the current text if it was never compiled."""
        with self._lock:
            if self._cached_source is not None:
                return self._cached_source
        return self._read()

    def _read(self) -> str:
        if self._source is not None:
            # Tracebacks of a script given as text show its lines too.
            lines = self._source.splitlines(keepends=True)
            linecache.cache[self.path] = (len(self._source), None, lines, self.path)
            return self._source
        with open(self.path, "rb") as handle:
            data = handle.read()
        return data.decode("utf-8-sig")

    def add_to_sys_path(self) -> None:
        """Let the script import modules that sit beside it, as ``python app.py`` would."""
        directory = self.directory
        if directory not in sys.path:
            sys.path.insert(0, directory)
