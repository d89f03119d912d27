"""One execution of a script: where its next element goes, and the checkpoint every Porch call passes through.

A run executes the whole script (a *full* run) or only some fragments (``porch.fragment``): then it starts at each
fragment's block, with a cursor of its own, and leaves the rest of the page as it is.

A full run's parallel fragments (``@porch.fragment(parallel=True)``) run in threads of their own, each with a *branch*
of the run (:meth:`Run.branch`): the same run to the session, with cursors and stacks of its own, so a thread never
moves another's place on the page. ``porch.parallel`` runs them and the runner waits for them before the run ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import RerunRequested, RunAbandoned, StopRequested
from .protocol import Path

if TYPE_CHECKING:
    from .parallel import Branches
    from .session import Session


@dataclass(eq=False)
class Fragment:
    """A fragment a run called: the block it writes into and how to run it again. The session keeps it between runs
    (``Session.fragments``); the script API makes it (``porch.api.fragment``), so the runtime knows only this much."""

    #: Stable across runs: the function's qualified name, its source position and the place of its block.
    id: str
    #: Its block (a container on the page): a rerun of the fragment starts here, and trims only inside it.
    path: Path
    #: The fragment whose function called this one, or None (the script's top level called it).
    parent: str | None
    #: Runs the function again, with the arguments of its last call, into its block. It calls its argument (the
    #: widget callbacks of the request, or None) first, inside the fragment. Worker thread, inside the rerun's run.
    body: Callable[[Callable[[], None] | None], None]
    #: The number of the run that last called it: the blocks that run made are still on the page.
    run: int
    #: Seconds between reruns on the server's timer (``run_every``), or None.
    run_every: float | None = None
    #: The script's name for it (``@fragment(key=...)``), which ``rerun(scope=key)`` targets.
    key: str | None = None
    #: Where its writes into containers outside its block went (outside container path -> the script API's record of
    #: the block made for them there). Typed loosely: the runtime knows no element.
    outside: dict[Path, Any] = field(default_factory=dict)
    #: ``@fragment(parallel=True)``: a full run calls it in a thread of its own (``porch.parallel``); its reruns run
    #: in order, as every fragment's do.
    parallel: bool = False


class Run:
    """Created by the runner for each run; lives on the worker thread and is reached through ``context.current_run``."""

    def __init__(self, session: Session, number: int, fragments: tuple[Fragment, ...] = ()) -> None:
        self.session = session
        #: Show an element at a path, once the Porch call that made it has passed :meth:`checkpoint`: the session's
        #: own method, bound here rather than wrapped (every element of every run passes through it).
        self.put: Callable[[Path, dict[str, Any]], None] = session.put
        self.number = number
        #: The fragments this run reruns, in order; empty for a full run of the script.
        self.fragments = fragments
        #: Ids of those fragments, for the checkpoint's comparison with a pending request.
        self.fragment_ids = frozenset(fragment.id for fragment in fragments)
        #: The fragments executing now (called by the script or rerun), innermost last.
        self.fragment_stack: list[Fragment] = []
        #: Runs whose containers a fragment rerun may still write into: those that called its fragments and their
        #: enclosing ones (their blocks are on the page). Empty for a full run, which may use only its own.
        self.base: frozenset[int] = frozenset()
        #: True while the request's widget callbacks run (``rerun(scope=<fragment key>)`` is allowed only there).
        self.in_callback = False
        #: Blocks made this run for fragments writing outside their block, by (fragment id, outside path). Typed
        #: loosely: the element layer keeps them.
        self.outside: dict[tuple[str, Path], Any] = {}
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
        #: The recordings of cached functions computing in this run, in any of its threads: while it is empty, no
        #: element needs to ask its context for one (``porch.elements._replay``).
        self.recordings: list[object] = []
        #: The run the session knows (its ``current_run``): this one, or for a branch the run it branched from.
        self.trunk: Run = self
        #: For a branch: the runs it branched from, outermost first, whose blocks hold its fragment's block.
        self.lineage: tuple[Run, ...] = ()
        #: The parallel fragments of a full run, made by the first one called (on the trunk only; ``porch.parallel``).
        self.branches: Branches | None = None

    def branch(self) -> Run:
        """A branch of this run for a parallel fragment's thread (``porch.parallel``): the same run (number, trunk,
        forms, recordings) with cursors, ``with`` blocks and fragments of its own, starting in the fragments that
        enclose the call. Its checkpoint is the trunk's: a stop, a newer request or a closing session end it too.
        Called in the thread that calls the fragment."""
        branch = Run(self.session, self.number, self.fragments)
        branch.trunk = self.trunk
        branch.lineage = (*self.lineage, self)
        branch.base = self.base
        branch.forms = self.forms
        branch.recordings = self.recordings
        branch.fragment_stack = list(self.fragment_stack)
        return branch

    @property
    def parallel(self) -> bool:
        """Whether this is a parallel fragment's branch, running beside the script (Streamlit's
        ``is_parallel_worker``): some commands are refused there."""
        return self.trunk is not self

    def checkpoint(self) -> None:
        """Where a newer request, a stop or a closing session takes effect. Called by every Porch call, in any of
        the run's threads: a branch asks of its trunk, the run the session knows."""
        session = self.session
        trunk = self.trunk
        if session.closed or session.current_run is not trunk:
            raise RunAbandoned()
        if trunk.stop_requested:
            raise StopRequested()
        # The queue's truth, not ``has_pending_request()``: every element of every run passes here, and the common
        # case (nothing waits) then costs no Python call.
        if session.pending.queue and session.supersedes(trunk):
            raise RerunRequested()

    @property
    def fragment(self) -> Fragment | None:
        """The innermost fragment executing now, or None."""
        return self.fragment_stack[-1] if self.fragment_stack else None

    def may_use(self, other: Run) -> bool:
        """Whether a block ``other`` made may be written into by this run: its own, one of the runs a branch came
        from (its fragment's block is theirs), or (a fragment rerun) one made by a run whose blocks the rerun's
        fragments still stand in."""
        return other is self or other in self.lineage or other.number in self.base

    def next_path(self, parent: Path, start: int = 0) -> Path:
        """The path of the next child this run writes into ``parent``; its first is ``start`` (the event root's in a
        fragment rerun comes after what the page holds there: ``porch.elements._event``)."""
        index = self._cursors.get(parent, start)
        self._cursors[parent] = index + 1
        return (*parent, index)

    def place(self, parent_place: str, kind: str, label: str) -> str:
        """A stable name for a new block: its parent's, then kind, label and how many such blocks came before."""
        ordinal_key = (parent_place, f"{kind}:{label}")
        ordinal = self._ordinals.get(ordinal_key, 0)
        self._ordinals[ordinal_key] = ordinal + 1
        return f"{parent_place}/{kind}:{label}#{ordinal}"

