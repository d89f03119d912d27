"""Where a fragment's writes go: inside its own block, or into a block of its own inside a container outside it.

A fragment (``porch.fragment``) writes into its block. It may also write into a container made outside it (the
sidebar, a column or ``empty()`` of the script's): as in Streamlit 1.67, its first write there in a run that made
that container (a full run, or a rerun of the fragment that encloses it) opens a plain ``container`` at the
container's next place, and every write of the fragment into that container goes into it. A rerun of the fragment
rebuilds that block in place (and trims what it no longer writes), the rest of the container untouched. A rerun
cannot make room in a container it did not write to in that run (its place among the container's elements is not
known then): that write is an error, shown in the fragment; but in the event root (``_event``), where a rerun
appends after all the root holds, it opens its block there. A parallel fragment's thread (``porch.parallel``) may not
write outside its block at all, as in Streamlit.

:func:`target` in ``_place`` calls :func:`redirect` for every call made while a fragment runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InvalidLayoutContextError, PorchAPIError
from ..protocol import Path
from ._event import EVENT, next_place

if TYPE_CHECKING:
    from ..run import Fragment, Run
    from ._place import Block

B = TypeVar("B", bound="Block")

EARLIER_RUN = (
    "This container was created by an earlier run of the script. Create containers anew in each run instead of "
    "keeping them (for example in session_state)."
)
NO_PLACE = (
    "A fragment tried to write to a container created outside it, but the fragment did not write to that container "
    "during the last run of the code that called it (the full run of the script), so Porch could not reserve a "
    "place for it there.\n\nIf this fragment uses `parallel=True`, writing to containers created outside it is not "
    "supported, including `st.sidebar` and `st.bottom`. Move the element inside the fragment body.\n\n"
    "Otherwise, write to the container in every full run (for example `outside_container.empty()` or "
    "`with outside_container: st.empty()` inside the fragment), then fill it during the fragment's reruns."
)
#: A parallel fragment's thread writes only inside its own block (Streamlit 1.67's words).
PARALLEL_OUTSIDE = (
    "Writing to a container created outside a parallel fragment, including `st.sidebar` and `st.bottom`, is not "
    "supported on a full app run or a later fragment rerun.\n\nTo fix this, move the element inside the fragment body."
)
#: The container a fragment's writes into an outside container go into: one that adds nothing of its own.
PLAIN_CONTAINER: dict[str, Any] = {
    "border": False,
    "height": "content",
    "width": "stretch",
    "horizontal": False,
    "wrap": True,
    "horizontal_alignment": "left",
    "vertical_alignment": "top",
    "gap": "small",
    "autoscroll": None,
    "key": None,
}
#: What such a block copies of an outside ``container``, so its elements lie as they would in that container.
_LAYOUT = ("horizontal", "wrap", "horizontal_alignment", "vertical_alignment", "gap")


@dataclass(frozen=True)
class Outside:
    """A fragment's block inside an outside container (kept in ``Fragment.outside`` under the container's path)."""

    #: Where the block is.
    path: Path
    #: The place its widgets' ids derive from: the outside container's and the fragment's, stable across runs.
    place: str
    #: The outside container holds one element (``empty()``, an element to replace): each write replaces the last.
    slot: bool
    form: str | None


def redirect(run: Run, found: B) -> B:
    """Where a call that targets ``found`` writes while a fragment runs: ``found`` itself when it is inside the
    fragment's block (or a block of the fragment's in an outside container), else the fragment's block in it."""
    fragment: Fragment = run.fragment_stack[-1]
    owner = found._run
    if owner is not None and not run.may_use(owner):
        raise PorchAPIError(EARLIER_RUN)
    path = found._path
    home = fragment.path
    if path[: len(home)] == home:
        return found
    if run.parallel:
        # A parallel fragment's thread: the containers outside its block are the script's, written at this moment.
        raise InvalidLayoutContextError(PARALLEL_OUTSIDE)
    if path[:-1] == EVENT and (found._slot or found._run is run):
        # A place of the event root itself: the dialog's (``_event.dialog_seat``), the dialog this run opened (its
        # content's container goes in), a toast to update.
        return found
    for outside in fragment.outside.values():
        if path[: len(outside.path)] == outside.path:
            return found
    return _outside(run, fragment, found)


def revisit(run: Run, fragment: Fragment) -> None:
    """Before a fragment runs in a fragment rerun: show its blocks in outside containers the rerun does not rebuild
    again as they are, so that what the fragment no longer writes there is trimmed when the run ends (and nothing
    when it writes nothing there any more)."""
    rebuilt = [f.path for f in run.fragments]
    for container, record in fragment.outside.items():
        if any(record.path[: len(home)] == home for home in rebuilt):
            continue  # inside a block this run rebuilds: made anew at the fragment's first write there, if any
        run.put(record.path, {"kind": "container", "props": _props(run, container)})


def _outside(run: Run, fragment: Fragment, found: B) -> B:
    key = (fragment.id, found._path)
    made: B | None = run.outside.get(key)
    if made is not None:
        return made
    existing = fragment.outside.get(found._path)
    if found._run is run or (found._run is None and not run.fragments) or (existing is None and found._path == EVENT):
        # The container's own cursor is this run's (or it is the event root, where a fragment rerun appends): make
        # room at its next place.
        path = found._path if found._slot else next_place(run, found._path)
        record = Outside(path=path, place=f"{found._place}/fragment:{fragment.id}", slot=found._slot, form=found._form)
        fragment.outside[found._path] = record
    else:
        if existing is None:
            raise PorchAPIError(NO_PLACE)
        record = existing
    run.put(record.path, {"kind": "container", "props": _props(run, found._path)})
    kind: type[B] = getattr(type(found), "_plain", None) or type(found)
    block = kind(
        path=(*record.path, 0) if record.slot else record.path,
        place=record.place,
        run=run,
        form=record.form,
        slot=record.slot,
    )
    run.outside[key] = block
    return block


def _props(run: Run, path: Path) -> dict[str, Any]:
    """A plain container, laid out as the outside container lays out its own elements when that is a container."""
    session = run.session
    with session.lock:
        try:
            element = session.tree.node(path).element
        except IndexError:
            element = {}
    props = dict(PLAIN_CONTAINER)
    if element.get("kind") == "container":
        given = element.get("props", {})
        props.update({name: given[name] for name in _LAYOUT if name in given})
    return props
