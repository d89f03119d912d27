"""Custom components the app declared (``streamlit.components.v1.declare_component(name, path=...)``): each
component's name and the folder its files are served from, at ``<base>/_porch/component/<name>/<file>``
(:mod:`porch.http.component`).

One registry per process, as Streamlit keeps one per runtime: a component is declared by code (the script, or a
package it imports) and its folder is what that code chose to serve. Only files inside a registered folder are ever
served: :meth:`ComponentRegistry.file` refuses ``..``, hidden names and symbolic links that lead out of the folder.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


class RefusedPath(Exception):
    """A request for a file that a component folder may never serve (outside it, or hidden)."""


class ComponentRegistry:
    """Component name -> the folder of its files. Thread-safe: scripts declare, the event loop serves."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._lock = threading.Lock()

    def register(self, name: str, folder: str | os.PathLike[str]) -> None:
        """Serve ``folder`` (made absolute from the working directory, as Streamlit does) as component ``name``.

        Declaring the same name again replaces its folder (a script edited while the app runs).
        """
        with self._lock:
            self._folders[name] = os.path.abspath(os.fspath(folder))

    def folder(self, name: str) -> str | None:
        with self._lock:
            return self._folders.get(name)

    def file(self, name: str, relative: str) -> str | None:
        """The real path of file ``relative`` (``/``-separated) of component ``name``; None when there is no such
        component or file. Raises :class:`RefusedPath` for a path that leads out of the folder or to a hidden name,
        whether or not it exists."""
        root = self.folder(name)
        if root is None:
            return None
        parts = relative.split("/")
        for part in parts:
            if not part or part.startswith(".") or "\\" in part or "\0" in part or ":" in part:
                raise RefusedPath(f"{relative!r} is not a file name a component serves")
        real_root = os.path.realpath(root)
        real = os.path.realpath(os.path.join(real_root, *parts))
        try:
            inside = os.path.commonpath([real_root, real]) == real_root and real != real_root
        except ValueError:  # different drives
            inside = False
        if not inside:
            raise RefusedPath(f"{relative!r} leads out of the component's folder")
        if any(part.startswith(".") for part in Path(os.path.relpath(real, real_root)).parts):
            raise RefusedPath(f"{relative!r} leads to a hidden file")
        return real if os.path.isfile(real) else None


#: The process's components.
REGISTRY = ComponentRegistry()
