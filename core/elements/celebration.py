"""``balloons`` and ``snow``: one wire kind, ``celebration``, with a ``style``.

Both are the same element (a short animation over the page, played once per call, no place in the page flow), drawn
by one client module; only what floats across differs. The client draws it with CSS and inline SVG and, for readers
who ask for reduced motion, fades still shapes in and out instead of moving them.
"""

from __future__ import annotations

from typing import TypedDict

from ._once import show_once
from ._place import Block

STYLES = ("balloons", "snow")


class Props(TypedDict):
    #: "balloons" (rising) or "snow" (falling).
    style: str
    #: Which call this is: each call plays once, a new one plays again (see ``_once``).
    shot: str


def balloons(place: Block) -> Block:
    """Celebrate: balloons float up across the page for a few seconds. Each call plays them once; a rerun that
    calls ``balloons`` again plays them again."""
    return _celebrate(place, "balloons")


def snow(place: Block) -> Block:
    """Celebrate, colder: snowflakes fall across the page for a few seconds. Each call plays them once; a rerun
    that calls ``snow`` again plays them again."""
    return _celebrate(place, "snow")


def _celebrate(place: Block, style: str) -> Block:
    props: Props = {"style": style, "shot": ""}
    return show_once(place, "celebration", props)
