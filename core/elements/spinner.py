"""``spinner``: a context manager that shows a spinning indicator while its block runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypedDict

from ._place import Block, show
from .empty import empty


class Props(TypedDict):
    text: str


@contextmanager
def spinner(place: Block, text: str = "In progress...") -> Iterator[None]:
    """Show ``text`` with a spinner while the ``with`` block runs; it disappears when the block ends."""
    props: Props = {"text": str(text)}
    slot = show(place, "spinner", props)
    try:
        yield
    finally:
        empty(slot)
