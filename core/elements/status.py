"""``status``: an expander-like block that shows the state of a long task ("running", "complete", "error") beside its
label. The returned container has ``update()``; used with ``with``, it becomes "complete" when its block ends and
"error" when the block raises."""

from __future__ import annotations

from typing import Any, Literal, Protocol, TypedDict, TypeVar, cast, get_args

from ..errors import RerunRequested, RunAbandoned
from ._layout import choice_of, width_of
from ._place import Block, open_block, replace_block

State = Literal["running", "complete", "error"]
STATES = get_args(State)
StatusType = Literal["default", "compact", "step"]
STATUS_TYPES = get_args(StatusType)
#: What a status's ``width`` takes: "stretch" or pixels (not "content").
StatusWidth = int | Literal["stretch"]

Place = TypeVar("Place", covariant=True)


class Props(TypedDict):
    label: str
    #: Whether it is open, as the script last asked; the user's own choice stands until the script changes this.
    expanded: bool
    #: "running" (a spinner), "complete" (a check mark) or "error" (an error mark).
    state: str
    #: "default" (a bordered box), "compact" (a plain line of muted text) or "step" (a step of a timeline).
    type: str
    #: "stretch" or pixels.
    width: str | int


class StatusBlock(Block):
    """What ``status`` returns: a container whose label, state and expanded state ``update`` changes.

    A subclass joins this to a container class (``porch.api.container.StatusContainer``); a status opened in a place
    of another class gets such a subclass made for it, once.
    """

    _status: Props

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        plain = next(b for b in cls.__mro__[1:] if issubclass(b, Block) and not issubclass(b, StatusBlock))
        cls._plain = plain
        _STATUS_TYPES.setdefault(plain, cls)

    def update(
        self, *, label: str | None = None, expanded: bool | None = None, state: State | None = None
    ) -> None:
        """Change the label, the expanded state or the state ("running", "complete" or "error"); what is None stays
        as it is, and so do the contents."""
        self._update(label=label, expanded=expanded, state=state, checkpoint=True)

    def _update(
        self, *, label: str | None, expanded: bool | None, state: str | None, checkpoint: bool
    ) -> None:
        props = self._status.copy()
        if label is not None:
            props["label"] = str(label)
        if expanded is not None:
            props["expanded"] = bool(expanded)
        if state is not None:
            props["state"] = choice_of(state, STATES, f"status({props['label']!r}).update()", "state")
        replace_block(self, "status", props, checkpoint=checkpoint)
        self._status = props

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, *tb: object) -> None:
        # As in Streamlit: a status still running when its block ends is complete, or an error when the block raised
        # (``stop()`` included). A rerun or an abandoned run shows nothing more.
        if self._status["state"] == "running" and not isinstance(exc, (RerunRequested, RunAbandoned)):
            self._update(label=None, expanded=None, state="complete" if exc is None else "error", checkpoint=False)
        super().__exit__(exc_type, exc, *tb)


#: The status class for each plain container class.
_STATUS_TYPES: dict[type[Block], type[StatusBlock]] = {}


def _status_type(plain: type[Block]) -> type[StatusBlock]:
    found = _STATUS_TYPES.get(plain)
    if found is None:
        found = type(f"Status{plain.__name__}", (StatusBlock, plain), {"__module__": plain.__module__})
    return found


def status(
    place: Block,
    label: str,
    *,
    expanded: bool = False,
    state: State = "running",
    type: StatusType = "default",
    width: StatusWidth = "stretch",
) -> StatusBlock:
    """Open a block showing the progress of a long task: ``label`` beside a state icon, and what is written into it
    below, which the user expands and collapses as an expander's.

    ``state`` is "running" (a spinner, the default), "complete" (a check mark) or "error"; ``expanded=True`` starts
    it open. The returned container's ``update(label=..., expanded=..., state=...)`` changes any of them later. Used
    as ``with porch.status("Downloading...") as s:``, it becomes "complete" when the block ends, or "error" when the
    block raises, unless the block set another state itself.

    ``type`` is "default" (a bordered box), "compact" (a plain line of muted text) or "step" (a step of a timeline:
    consecutive steps are joined by a line); ``width`` is "stretch" (the default) or pixels.
    """
    call = f"status({label!r})"
    props: Props = {
        "label": "" if label is None else str(label),
        "expanded": bool(expanded),
        "state": choice_of(state, STATES, call, "state"),
        "type": choice_of(type, STATUS_TYPES, call, "type"),
        "width": width_of(width, call, keywords=("stretch",)),
    }
    block = open_block(place, "status", props["label"], props)
    block.__class__ = _status_type(block.__class__)
    opened = cast(StatusBlock, block)
    opened._status = props
    return opened


class Status(Protocol[Place]):
    """``status`` as a script sees it: the container it returns has ``update``."""

    def __call__(
        self,
        label: str,
        *,
        expanded: bool = False,
        state: State = "running",
        type: StatusType = "default",
        width: StatusWidth = "stretch",
    ) -> Place: ...
