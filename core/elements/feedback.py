"""``feedback``: a row of icon buttons to rate something (thumbs, faces or stars); the value is the chosen index.

The value is the index of the chosen icon, 0 for the least satisfied (thumbs down, the saddest face, one star), or
None while nothing is chosen; choosing the chosen icon again clears it. The wire carries the same index, or null.
"""

from __future__ import annotations

import numbers
from typing import Any, Literal

from ..errors import PorchAPIError
from ..widgets import Codec
from ._layout import Width, width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget

FeedbackOptions = Literal["thumbs", "faces", "stars"]
#: How many icons each kind of feedback shows.
OPTION_COUNTS = {"thumbs": 2, "faces": 5, "stars": 5}


class Props(WidgetProps):
    #: "thumbs" (2 icons: down, up), "faces" (5, least to most satisfied) or "stars" (5: one to five stars).
    options: str
    #: "content", "stretch" or pixels.
    width: str | int


def feedback_codec(count: int) -> Codec:
    """The index of one of ``count`` icons, or None (nothing chosen)."""

    def check(value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ValueError("expected the index of an icon, or null")
        if not 0 <= int(value) < count:
            raise ValueError(f"index {value!r} is not one of {count} icons")
        return int(value)

    return Codec(to_wire=check, from_wire=check)


def feedback(
    place: Block,
    options: FeedbackOptions = "thumbs",
    *,
    key: str | None = None,
    default: int | None = None,
    disabled: bool = False,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    width: Width = "content",
    bind: str | None = None,
    persist_state: str | None = None,
) -> int | None:
    """Show a row of icons to rate something, as chat apps do for an answer; return the index of the one chosen.

    ``options`` is "thumbs" (thumbs down and up: 0 and 1), "faces" (five faces from very dissatisfied to very
    satisfied: 0 to 4) or "stars" (one to five stars: 0 to 4). The value is None until the user chooses; choosing
    the chosen icon again clears it (None again). ``default`` is the index chosen at first, or None. The icons form
    a radio group: Tab reaches it, the arrow keys move the choice, Space or Enter chooses (or clears) the focused
    icon.

    ``on_change`` is "rerun" (the default) or a function called, with ``args`` and ``kwargs``, before the rerun a
    change causes; inside it, ``session_state[key]`` already holds the new value; "ignore" keeps a choice in the
    page, without a rerun, until something else reruns the script, which then sees it. ``disabled=True`` shows the
    icons without taking clicks. ``width`` is "content" (the default), "stretch" or pixels.

    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``).
    """
    if not isinstance(options, str) or options not in OPTION_COUNTS:
        raise PorchAPIError(f"feedback(): options must be 'thumbs', 'faces' or 'stars', not {options!r}")
    count = OPTION_COUNTS[options]
    call = f"feedback({options!r})"
    if default is not None and (
        isinstance(default, bool) or not isinstance(default, numbers.Integral) or not 0 <= int(default) < count
    ):
        raise PorchAPIError(f"{call}: default must be None or a whole number from 0 to {count - 1}, not {default!r}")
    chosen = None if default is None else int(default)
    settings = {"options": options, "width": width_of(width, call)}
    value: int | None = show_widget(
        place,
        "feedback",
        "",
        settings,
        key=key,
        default=chosen,
        codec=feedback_codec(count),
        disabled=disabled,
        label_visibility="collapsed",
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=default is not None,
        # Streamlit's compute_and_register_element_id("feedback", ...): with a key, a change of options starts over.
        identity_params={"options": options, "default": chosen, "width": width},
        keyed_identity=("options",),
    )
    return value
