"""The lists AppTest and a :class:`~porch.testing.elements.blocks.Block` hand out (``at.button``,
``at.sidebar.markdown``, ``at.columns``): :data:`SELECTORS` says which nodes each list name holds, and the list classes
hold them in page order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload


E = TypeVar("E")


class ElementList(Sequence[E], Generic[E]):
    """Elements of one kind, in page order: ``lst[0]`` (a slice gives a list again), ``len(lst)`` or ``lst.len``,
    iteration, ``lst(key="k")`` (the first with that key; KeyError if none), ``lst.values`` (each one's value); equal
    to a list of the same elements."""

    def __init__(self, items: Sequence[E]) -> None:
        self._items = list(items)

    @overload
    def __getitem__(self, index: int) -> E: ...

    @overload
    def __getitem__(self, index: slice) -> ElementList[E]: ...

    def __getitem__(self, index: int | slice) -> E | ElementList[E]:
        if isinstance(index, slice):
            return type(self)(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    @property
    def len(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[E]:
        return iter(self._items)

    def __call__(self, key: str) -> E:
        for item in self._items:
            if getattr(item, "key", None) == key:
                return item
        raise KeyError(f"no element with key {key!r}")

    @property
    def values(self) -> list[Any]:
        return [getattr(item, "value") for item in self._items]

    @property
    def rendered_texts(self) -> list[str]:
        """Porch's own: each text element as a reader sees it (its ``rendered_text``), where ``values`` gives the
        source the script wrote (``st.write(5)`` is ``"`5`"`` there, ``"5"`` here)."""
        return [str(getattr(item, "rendered_text")) for item in self._items]

    def __eq__(self, other: object) -> bool:
        return self._items == (other._items if isinstance(other, ElementList) else other)

    def __hash__(self) -> int:
        return hash(tuple(self._items))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"


class WidgetList(ElementList[E]):
    """An :class:`ElementList` of widgets (Streamlit's name for it)."""


class BlockList(ElementList[E]):
    """An :class:`ElementList` of blocks: columns, tabs, expanders, forms..."""


# Which nodes each AppTest list holds: attribute name -> (node kind, extra test on props).
SELECTORS: dict[str, tuple[str, Any]] = {
    "title": ("heading", lambda p: p.get("level") == 1),
    "header": ("heading", lambda p: p.get("level") == 2),
    "subheader": ("heading", lambda p: p.get("level") == 3),
    "markdown": ("markdown", lambda p: p.get("variant") is None),
    "caption": ("markdown", lambda p: p.get("variant") == "caption"),
    "text": ("text", None),
    "code": ("code", None),
    "json": ("json", None),
    "divider": ("divider", None),
    "badge": ("badge", None),
    "latex": ("latex", None),
    "info": ("alert", lambda p: p.get("level") == "info"),
    "success": ("alert", lambda p: p.get("level") == "success"),
    "warning": ("alert", lambda p: p.get("level") == "warning"),
    "error": ("alert", lambda p: p.get("level") == "error"),
    "exception": ("exception", None),
    "progress": ("progress", None),
    "metric": ("metric", None),
    "toast": ("toast", None),
    "balloons": ("celebration", lambda p: p.get("style") == "balloons"),
    "snow": ("celebration", lambda p: p.get("style") == "snow"),
    "spinner": ("spinner", None),
    "empty": ("empty", None),
    "skeleton": ("skeleton", None),
    "html": ("html", None),
    "iframe": ("iframe", None),
    "help": ("help", None),
    "space": ("space", None),
    "button": ("button", None),
    "checkbox": ("checkbox", lambda p: not p.get("toggle")),
    "toggle": ("checkbox", lambda p: bool(p.get("toggle"))),
    "radio": ("radio", None),
    "selectbox": ("selectbox", None),
    "multiselect": ("multiselect", None),
    "pills": ("button_group", lambda p: p.get("style") == "pills"),
    "segmented_control": ("button_group", lambda p: p.get("style") == "segmented_control"),
    "slider": ("slider", None),
    "select_slider": ("select_slider", None),
    "number_input": ("number_input", None),
    "date_input": ("date_input", None),
    "datetime_input": ("datetime_input", None),
    "time_input": ("time_input", None),
    "text_input": ("text_input", None),
    "text_area": ("text_area", None),
    "file_uploader": ("file_uploader", None),
    "camera_input": ("camera_input", None),
    "audio_input": ("audio_input", None),
    "download_button": ("download_button", None),
    "link_button": ("link_button", None),
    "page_link": ("page_link", None),
    "navigation": ("navigation", None),
    "color_picker": ("color_picker", None),
    "feedback": ("feedback", None),
    "pagination": ("pagination", None),
    "menu_button": ("menu_button", None),
    "chat_input": ("chat_input", None),
    "chat_message": ("chat_message", None),
    "component": ("component", None),
    "image": ("image", None),
    "audio": ("audio", None),
    "video": ("video", None),
    "pdf": ("pdf", None),
    "dataframe": ("dataframe", None),
    "table": ("table", None),
    "vega_lite_chart": ("vega_lite_chart", None),
    "columns": ("column", None),
    "tabs": ("tab", None),
    "expander": ("expander", None),
    "popover": ("popover", None),
    "status": ("status", None),
    "dialog": ("dialog", None),
    "container": ("container", None),
    "grid": ("grid", None),
    "form": ("form", None),
    "form_submit_button": ("button", lambda p: bool(p.get("submit"))),
    "button_group": ("button_group", None),
}


#: Streamlit's names for what ``get`` finds that are not list names here.
_GET_ALIASES = {
    "column": "columns", "tab": "tabs", "help_info": "help", "date_time_input": "datetime_input", "grid_container": "grid",
    "arrow_vega_lite_chart": "vega_lite_chart",
}
