"""The event root: what is drawn outside the page's flow goes there, so that it moves no element of the flow.

Root ``protocol.ROOT_OVERLAY`` is Streamlit 1.67's ``event`` container (AppTest calls it ``event``): the module-level
``toast`` (``porch.toast``; a container's own ``toast`` writes into that container, as Streamlit's), an ``html`` of
``<style>`` elements only, wherever it is called, and the dialog go there, in the order of the calls. A toast or a
style that lay in the main area shifted every element after it to another path when a run added or left it out,
and the client then made those elements anew (losing focus and scroll); Streamlit moved them out of the flow for the
same reason (its issue 9388), and its AppTest's ``at.main`` does not count them.

A full run rebuilds the root like any other. A fragment rerun does not: what the full run put there stays, and the
rerun appends after it (:func:`next_place`). What a fragment writes there goes into a plain container of the
fragment's own at the root (``_outside``), made at its first such write and rebuilt by each of its reruns, so that a
fragment that toasts every second keeps one block there, not one per rerun. A dialog is the root's own (one for the
page): :func:`dialog_seat` places it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ..protocol import ROOT_OVERLAY, ROOTS, Path

if TYPE_CHECKING:
    from ..run import Run
    from ._place import Block

B = TypeVar("B", bound="Block")

#: The event root's path.
EVENT: Path = (ROOT_OVERLAY,)


def event_root(place: B) -> B:
    """The event root, as a place of ``place``'s class (so that the call returns what a call on ``place`` would)."""
    return (place._plain or type(place))(path=EVENT, place=ROOTS[ROOT_OVERLAY])  # type: ignore[return-value]


def next_place(run: Run, parent: Path) -> Path:
    """``run.next_path(parent)``, but a fragment rerun's first place in the event root is after all the root holds:
    the rerun does not rebuild the root, so a place before that would replace what an earlier run put there."""
    if parent != EVENT or not run.fragments:
        return run.next_path(parent)
    session = run.session
    with session.lock:
        held = len(session.tree.node(EVENT).children)
    return run.next_path(parent, start=held)


def dialog_seat(run: Run, place: B) -> B:
    """Where a dialog opens: the event root's next place, in the order of the calls; in a fragment rerun, the place of
    the dialog the root holds (the new one replaces it: one dialog for the page), else the place after all the root
    holds. ``place`` is the event root's block."""
    if not run.fragment_stack:
        return place  # written through the root's own cursor, as every element of the script's
    index: int | None = None
    if run.fragments:
        session = run.session
        with session.lock:
            held = session.tree.node(EVENT).children
            index = next((i for i, node in enumerate(held) if node.element.get("kind") == "dialog"), None)
    path = (*EVENT, index) if index is not None else next_place(run, EVENT)
    return (place._plain or type(place))(path=path, place=place._place, slot=True)  # type: ignore[return-value]
