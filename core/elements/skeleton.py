"""``skeleton``: a shimmering placeholder that holds the place of content still loading.

It is a slot, as ``empty()`` is: any element called on it replaces it. Used with ``with``, it shows while the block
runs (after half a second, so a quick block shows none) and clears when the block ends, however it ends; what the
block writes goes where it would have gone without the ``with``, as for ``spinner``.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict, TypeVar, cast

from ._layout import height_of, width_of
from ._place import Block, replace_block, show

S = TypeVar("S", bound="SkeletonBlock")


class Props(TypedDict):
    #: Pixels, "stretch" (the container's height), or None: the height of most input widgets.
    height: str | int | None
    #: "stretch" or pixels.
    width: str | int
    #: Shown only after half a second (a ``with`` block's skeleton), so that a quick block shows none.
    delayed: bool


class SkeletonBlock(Block):
    """What ``skeleton`` returns: a slot that shows a skeleton, and as a context manager, shows it (after a delay)
    while its block runs, then clears it.

    A skeleton made in a place of another class (a ``Container``) gets a subclass made for it once, joining the two;
    the places made from it (what replaces the skeleton) are of that plain class again.
    """

    _skeleton: Props

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        plain = next(b for b in cls.__mro__[1:] if issubclass(b, Block) and not issubclass(b, SkeletonBlock))
        cls._plain = plain
        _SKELETON_TYPES.setdefault(plain, cls)

    def __enter__(self: S) -> S:
        # Unlike a container's, a skeleton's ``with`` does not write into it: the block's elements go where they
        # would go without it. Whatever the slot showed (the skeleton, or content since) becomes a delayed skeleton.
        replace_block(self, "skeleton", {**self._skeleton, "delayed": True})
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, *tb: object) -> None:
        # Cleared however the block ends (an error, stop() and a rerun included), never raising again.
        replace_block(self, "empty", {}, checkpoint=False)


#: The skeleton class for each plain container class.
_SKELETON_TYPES: dict[type[Block], type[SkeletonBlock]] = {}


def _skeleton_type(plain: type[Block]) -> type[SkeletonBlock]:
    found = _SKELETON_TYPES.get(plain)
    if found is None:
        found = type(f"Skeleton{plain.__name__}", (SkeletonBlock, plain), {"__module__": plain.__module__})
    return found


def skeleton(
    place: Block,
    height: int | Literal["stretch"] | None = None,
    *,
    width: int | Literal["stretch"] = "stretch",
) -> Block:
    """Show a shimmering placeholder where content is still loading; return it, to be replaced in place.

    Standalone, as ``empty()``: ``slot = skeleton(200)`` shows it at once, and ``slot.dataframe(...)`` (any element
    called on it) replaces it. As a context manager (``with porch.skeleton():``), it appears if the block takes more
    than half a second and goes away when the block ends, whether it ends normally or with an error; what the block
    writes goes to the container around it and stays.

    ``height`` is pixels, "stretch" (the container's height, for a container of fixed height) or None (the default:
    as tall as most input widgets); ``width`` is "stretch" (the default: the container's width) or pixels. The
    shimmer stops for readers who ask for reduced motion, and screen readers hear that content is loading.
    """
    call = "skeleton()"
    props: Props = {
        "height": None if height is None else height_of(height, call, keywords=("stretch",)),
        "width": width_of(width, call, keywords=("stretch",)),
        "delayed": False,
    }
    slot = show(place, "skeleton", props)
    slot.__class__ = _skeleton_type(type(slot))
    made = cast(SkeletonBlock, slot)
    made._skeleton = props
    return made
