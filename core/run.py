"""One execution of a script: where its next element goes, and the checkpoint every Porch call passes through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import RerunRequested, RunAbandoned, StopRequested
from .protocol import Path

if TYPE_CHECKING:
    from .session import Session


class Run:
    """Created by the runner for each run; lives on the worker thread and is reached through ``context.current_run``."""

    def __init__(self, session: Session, number: int) -> None:
        self.session = session
        self.number = number
        # Next child index for each block path the run writes into.
        self._cursors: dict[Path, int] = {}
        # How many blocks of one kind and label a container already holds this run (for stable places).
        self._ordinals: dict[tuple[str, str], int] = {}
        #: Blocks entered with ``with`` (``porch.elements._place.Block``); the innermost receives module-level calls
        #: such as ``porch.button``. Typed loosely: the runtime knows no element.
        self.container_stack: list[Any] = []
        #: Forms opened this run, by key: whether each clears its widgets after a submit.
        self.forms: dict[str, bool] = {}
        self.stop_requested = False

    def checkpoint(self) -> None:
        """Where a newer request, a stop or a closing session takes effect. Called by every Porch call."""
        session = self.session
        if session.closed or session.current_run is not self:
            raise RunAbandoned()
        if self.stop_requested:
            raise StopRequested()
        if session.has_pending_request():
            raise RerunRequested()

    def next_path(self, parent: Path) -> Path:
        index = self._cursors.get(parent, 0)
        self._cursors[parent] = index + 1
        return (*parent, index)

    def place(self, parent_place: str, kind: str, label: str) -> str:
        """A stable name for a new block: its parent's, then kind, label and how many such blocks came before."""
        ordinal_key = (parent_place, f"{kind}:{label}")
        ordinal = self._ordinals.get(ordinal_key, 0)
        self._ordinals[ordinal_key] = ordinal + 1
        return f"{parent_place}/{kind}:{label}#{ordinal}"

    def put(self, path: Path, element: dict[str, Any]) -> None:
        """Show ``element`` at ``path``. The Porch call that made it has just passed :meth:`checkpoint`."""
        self.session.put(path, element)
