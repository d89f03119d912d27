"""``spinner``: a context manager that shows a spinning indicator while its block runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypedDict

from ._layout import Width, width_of
from ._place import Block, show
from .empty import SPENT_SPINNER


class Props(TypedDict):
    text: str
    #: Show the seconds elapsed since the spinner appeared.
    show_time: bool
    #: "content", "stretch" or pixels.
    width: str | int


@contextmanager
def spinner(
    place: Block, text: str = "In progress...", *, show_time: bool = False, _cache: bool = False, width: Width = "content"
) -> Iterator[None]:
    """Show ``text`` with a spinner while the ``with`` block runs; it disappears when the block ends.

    ``show_time=True`` shows the time elapsed beside the text, counted by the page. ``width`` is "content" (the
    default), "stretch" or pixels. ``_cache`` is Streamlit's internal flag for the spinner of cached functions; it is
    accepted and has no effect.
    """
    props: Props = {"text": str(text), "show_time": bool(show_time), "width": width_of(width, "spinner()")}
    slot = show(place, "spinner", props)
    try:
        yield
    finally:
        show(slot, "empty", SPENT_SPINNER)  # an empty that says it held a spinner (Streamlit's holds no place)
