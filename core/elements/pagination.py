"""``pagination``: numbered page buttons between previous and next arrows; the value is the page chosen (from 1).

Long runs of pages fold into ellipses around the page shown, the first and last pages staying in reach. The wire
carries the page number itself; the codec refuses any that is not a whole number from 1 to ``num_pages``.
"""

from __future__ import annotations

from typing import Any

from ..errors import PorchAPIError
from ..widgets import Codec
from ._layout import Width, width_of
from ._place import Args, Block, Kwargs, OnChange, WidgetProps, show_widget


class Props(WidgetProps):
    #: How many pages there are (1 or more).
    num_pages: int
    #: How many page buttons to show at most besides the arrows (the first and last pages may add one each);
    #: 0: only the arrows; None: every page.
    max_visible_pages: int | None
    #: "content", "stretch" or pixels.
    width: str | int


def page_codec(num_pages: int) -> Codec:
    """A page number from 1 to ``num_pages``."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("expected a page number")
        if not 1 <= value <= num_pages:
            raise ValueError(f"page {value} is not one of 1 to {num_pages}")
        return value

    return Codec(to_wire=check, from_wire=check)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def pagination(
    place: Block,
    num_pages: int,
    *,
    default: int = 1,
    max_visible_pages: int | None = 7,
    width: Width = "content",
    key: str | None = None,
    on_change: OnChange = "rerun",
    args: Args = None,
    kwargs: Kwargs = None,
    disabled: bool = False,
    bind: str | None = None,
    persist_state: str | None = None,
) -> int:
    """Show buttons to move through ``num_pages`` pages of content; return the page chosen, counting from 1.

    ``default`` is the page shown at first (1 unless given). ``max_visible_pages`` is how many slots, page buttons and
    ellipses together, to show between the previous and next arrows (7 by default), as Streamlit counts them: beyond
    it, runs of pages fold into an ellipsis around the current page, and the first and last pages stay in reach. None
    shows every page; 0 shows only the arrows. A widget too narrow for its slots shows fewer (Streamlit's rule: what
    fits, if 5 or more; else a page, an ellipsis and the last page, or the page alone) rather than wrapping onto a
    second line. The buttons sit in a navigation landmark; the current page is marked for screen readers, and the
    arrow keys move between the buttons.

    ``on_change`` is "rerun" (the default) or a function called, with ``args`` and ``kwargs``, before the rerun a
    change causes. ``disabled=True`` shows the buttons without taking clicks. ``width`` is "content" (the default),
    "stretch" (the buttons centred) or pixels. Without a ``key``, a change of ``num_pages``, ``default`` or ``max_visible_pages`` makes it
    a new widget, back at ``default``, as in Streamlit.

    ``on_change="ignore"`` keeps a new page in the browser, without a rerun, until something else reruns the script,
    which then sees it.
    ``bind="query-params"`` keeps the value in the URL's query parameter named by ``key``, and ``persist_state``
    ("page" or "session") keeps it while the widget is not shown (both need a ``key``; Streamlit's rules, see
    ``porch.binding``). The buttons wrap onto another line in a narrow container rather than showing fewer pages.
    """
    call = "pagination()"
    if not _whole(num_pages) or num_pages < 1:
        raise PorchAPIError(f"{call}: num_pages must be a whole number of at least 1, not {num_pages!r}")
    call = f"pagination({num_pages})"
    if not _whole(default):
        raise PorchAPIError(f"{call}: default must be a whole number (a page), not {default!r}")
    if not 1 <= default <= num_pages:
        raise PorchAPIError(f"{call}: default must be a page from 1 to {num_pages}, not {default}")
    if max_visible_pages is not None and (not _whole(max_visible_pages) or max_visible_pages < 0):
        raise PorchAPIError(
            f"{call}: max_visible_pages must be a whole number of 0 or more, or None, not {max_visible_pages!r}"
        )
    props = {"num_pages": num_pages, "max_visible_pages": max_visible_pages, "width": width_of(width, call)}
    page: int = show_widget(
        place,
        "pagination",
        "",
        props,
        key=key,
        default=default,
        codec=page_codec(num_pages),
        disabled=disabled,
        label_visibility="collapsed",
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        bind=bind,
        persist_state=persist_state,
        value_given=default != 1,
        # Streamlit's compute_and_register_element_id("pagination", ...), key_as_main_identity=True
        identity_params={
            "num_pages": num_pages, "default": default, "max_visible_pages": max_visible_pages, "width": width,
        },
    )
    return page
