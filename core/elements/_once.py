"""Elements with a one-shot effect (``toast``, ``balloons``, ``snow``): each call shows its effect once.

The effect is played by the client when the element arrives, not drawn in the page flow; the element itself keeps its
place in the tree like any other (so ``msg = toast(...); msg.toast(...)`` replaces it, and a run that does not call
it again removes it). Its ``shot`` prop tells the client which call it is:

- a rerun that calls it again makes a new shot, so the element is sent again (the server skips unchanged elements)
  and the client plays it again;
- a client that rebuilds its page from the server's tree (a reconnect, a reload that resumes the session) sees shots
  it has already played and does not play them again (``webui/once.js``).

``per_place`` shots (a toast's) are the same for every call of one run at one place, so a second call there updates
the first toast instead of showing another; other shots are new on every call.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from . import _replay
from ._place import B, _child, _next_path, target


def show_once(place: B, kind: str, props: Mapping[str, Any], *, per_place: bool = False) -> B:
    """Show a leaf element whose effect plays once per call; return a slot at its place, as ``show`` does.

    ``props`` carry a ``shot`` key (the kind's ``Props`` declare it); its value is replaced here."""
    run, block = target(place)
    path = _next_path(block, run)
    if per_place:
        # The session's id stays on the server: the client sees only a digest unique to this run and place.
        seed = f"{run.session.id}:{run.number}:{'.'.join(map(str, path))}"
        shot = hashlib.blake2s(seed.encode(), digest_size=9).hexdigest()
    else:
        shot = secrets.token_hex(9)
    run.put(path, {"kind": kind, "props": {**props, "shot": shot}})
    slot = _child(block, run, path, place=block._place, form=block._form, slot=True)
    if _replay.ACTIVE.get():  # a cached function is computing: a hit plays the effect again, with a shot of its own
        _replay.record(place, run, slot, "once", kind, props, path, per_place=per_place)
    return slot
