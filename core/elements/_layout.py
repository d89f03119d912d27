"""Layout parameters many elements share (Streamlit 1.67's ``width``, ``height``, ``text_alignment``, ``gap``...):
checked here once, with an error that names the call, and sent as props that the client applies the same way for
every kind (``webui/widget.js``: ``setWidth``, ``setText``).

``width`` is ``"stretch"`` (the width of the container), ``"content"`` (as wide as the element's content, at most the
container's width) or a number of pixels (at most the container's width); some kinds take ``"auto"`` too. ``height``
is ``"content"``, ``"stretch"`` or pixels; a block of fixed height scrolls.
"""

from __future__ import annotations

from typing import Any, Literal

from ..errors import PorchAPIError

#: What ``width`` takes: a keyword, or pixels.
Width = int | Literal["stretch", "content"]
Height = int | Literal["content", "stretch"]
TextAlignment = Literal["left", "center", "right", "justify"]
TEXT_ALIGNMENTS = ("left", "center", "right", "justify")
#: Gaps between the children of a container (and between columns), smallest first; None: no gap.
GAPS = ("xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge")


def width_of(width: Any, call: str, *, keywords: tuple[str, ...] = ("stretch", "content")) -> str | int:
    """``width`` checked: one of ``keywords`` or a positive number of pixels."""
    if type(width) is str and width in keywords:  # the common case, first: every element of every run passes here
        return width
    return _size(width, call, "width", keywords)


def height_of(height: Any, call: str, *, keywords: tuple[str, ...] = ("content", "stretch")) -> str | int:
    """``height`` checked: one of ``keywords`` or a positive number of pixels."""
    return _size(height, call, "height", keywords)


def _size(value: Any, call: str, name: str, keywords: tuple[str, ...]) -> str | int:
    if isinstance(value, str) and value in keywords:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, float) and value.is_integer() and value > 0:
        return int(value)
    allowed = " or ".join(repr(k) for k in keywords)
    raise PorchAPIError(f"{call}: {name} must be a positive number of pixels or {allowed}, not {value!r}")


def text_alignment_of(value: Any, call: str) -> str:
    if type(value) is not str or value not in TEXT_ALIGNMENTS:
        raise PorchAPIError(f"{call}: text_alignment must be one of {TEXT_ALIGNMENTS}, not {value!r}")
    return value


def choice_of(value: Any, choices: tuple[Any, ...], call: str, name: str) -> Any:
    """``value`` if it is one of ``choices``, else an error naming the call and the parameter."""
    if isinstance(value, bool) or value not in choices:
        raise PorchAPIError(f"{call}: {name} must be one of {choices}, not {value!r}")
    return value


def container_width(use_container_width: bool | None, width: Any, call: str, *, default: str) -> str | int:
    """``width`` with Streamlit's deprecated ``use_container_width`` folded in: True is ``"stretch"``, False is
    ``default`` (the kind's own width: ``"content"`` for buttons and images), None leaves ``width`` as given."""
    if use_container_width is True:
        return "stretch"
    if use_container_width is False:
        return default
    return width_of(width, call)


def wrap_of(wrap: Any, call: str) -> bool | None:
    """A widget label's (or a row of options') ``wrap`` as Streamlit 1.67 takes it: True (wraps onto more lines),
    False (one line: a label is cut with an ellipsis, options scroll sideways) or None (the layout decides: one line
    directly in a column or a horizontal container, wrapping elsewhere). The client applies it (``webui/widget.js``,
    ``setWrap``)."""
    if wrap is None or isinstance(wrap, bool):
        return wrap
    raise PorchAPIError(f"{call}: wrap must be True, False or None, not {wrap!r}")
