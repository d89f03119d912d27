"""``toast``: a short message in a corner of the window that goes away by itself.

The element keeps its place in the tree (so the script can update it in place) but the client draws it in an overlay,
not in the page flow, and it stays there for its duration even when a rerun removes the element. Each call shows it
once (see ``_once``): a rerun that calls ``toast`` again shows a new toast. ``porch.toast`` writes into the event root
(``_event``), wherever the script writes, as Streamlit's ``st.toast``; a container's own ``toast`` writes into it.
"""

from __future__ import annotations

from textwrap import dedent
from typing import Any, Literal, TypedDict

from .. import markdown_html
from ..errors import PorchAPIError
from ._event import event_root
from ._icons import icon_of
from ._once import show_once
from ._place import Block

#: Seconds a toast stays for each named ``duration`` (None: until the reader closes it).
DURATIONS: dict[str, int | None] = {"short": 4, "long": 10, "infinite": None}


class Props(TypedDict):
    #: The message's markdown source as the script gave it (stripped): AppTest's ``value``.
    body: str
    #: The message, markdown in HTML.
    html: str
    #: An emoji (or other short text) before the message, or None.
    icon: str | None
    #: Seconds the toast stays (the clock stops while the pointer or focus is on it), or None: until closed.
    duration: int | None
    #: Which call this is: a new value is a new toast, the same one updates it (see ``_once``).
    shot: str


def toast(
    place: Block, body: Any, *, icon: str | None = None, duration: Literal["short", "long", "infinite"] | int = "short"
) -> Block:
    """Show ``body`` (markdown) as a toast: a short message in the top-right corner that goes away by itself.

    ``icon`` is an emoji or Material icon before the message. ``duration`` is "short" (4 seconds, the default), "long"
    (10 seconds), "infinite" (until the reader closes it) or a number of seconds; the toast stays while the pointer is
    on it. Several toasts stack. Call ``toast`` on the returned element to change the message of a toast still shown
    (``msg = porch.toast("Saving…")`` then ``msg.toast("Saved!", icon="✅")``); once it has gone, the update is not seen.
    """
    call = "toast()"
    text = dedent(str(body)).strip()
    if not text:
        raise PorchAPIError(f"{call}: body must not be empty: give the message to show")
    if isinstance(duration, str) and duration in DURATIONS:
        seconds = DURATIONS[duration]
    elif isinstance(duration, int) and not isinstance(duration, bool) and duration > 0:
        seconds = duration
    else:
        raise PorchAPIError(
            f"{call}: duration must be 'short', 'long', 'infinite' or a positive number of seconds, not {duration!r}"
        )
    props: Props = {
        "body": text,
        "html": markdown_html.render(text),
        "icon": icon_of(icon, call),
        "duration": seconds,
        "shot": "",
    }
    where = event_root(place) if place._follows_with else place  # porch.toast: the page's event root
    return show_once(where, "toast", props, per_place=True)
