"""The lists AppTest and a :class:`~porch.testing.elements.blocks.Block` hand out (``at.button``,
``at.sidebar.markdown``, ``at.columns``): :data:`SELECTORS` says which nodes each list name holds, and the list classes
hold them in page order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from ...elements import KIND_NAMES


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


# The AppTest lists whose name is not their wire kind: attribute name -> (node kinds, extra test on props). Every other
# element function's list is named as its kind (``at.badge`` holds the ``badge`` nodes): see :func:`selector`.
SELECTORS: dict[str, tuple[str | tuple[str, ...], Any]] = {
    "title": ("heading", lambda p: p.get("level") == 1),
    "header": ("heading", lambda p: p.get("level") == 2),
    "subheader": ("heading", lambda p: p.get("level") == 3),
    "markdown": (("markdown", "badge"), lambda p: p.get("variant") is None),  # Streamlit's badge is markdown
    "caption": ("markdown", lambda p: p.get("variant") == "caption"),
    "info": ("alert", lambda p: p.get("level") == "info"),
    "success": ("alert", lambda p: p.get("level") == "success"),
    "warning": ("alert", lambda p: p.get("level") == "warning"),
    "error": ("alert", lambda p: p.get("level") == "error"),
    "balloons": ("celebration", lambda p: p.get("style") == "balloons"),
    "snow": ("celebration", lambda p: p.get("style") == "snow"),
    "checkbox": ("checkbox", lambda p: not p.get("toggle")),
    "toggle": ("checkbox", lambda p: bool(p.get("toggle"))),
    "pills": ("button_group", lambda p: p.get("style") == "pills"),
    "segmented_control": ("button_group", lambda p: p.get("style") == "segmented_control"),
    "columns": ("column", None),
    "tabs": ("tab", None),
    "form_submit_button": ("button", lambda p: bool(p.get("submit"))),
    "dataframe": (("dataframe", "data_editor"), None),  # Streamlit's AppTest lists its editors as dataframes too
}


def selector(name: str) -> tuple[tuple[str, ...], Any] | None:
    """Which nodes the list ``at.<name>`` holds: (wire kinds, extra test on props), or None if no list has the name."""
    if name in SELECTORS:
        kinds, test = SELECTORS[name]
        return (kinds if isinstance(kinds, tuple) else (kinds,), test)
    return ((name,), None) if name in KIND_NAMES else None


#: Streamlit's names for what ``get`` finds that are not list names here.
_GET_ALIASES = {
    "column": "columns", "tab": "tabs", "help_info": "help", "date_time_input": "datetime_input", "grid_container": "grid",
    "arrow_vega_lite_chart": "vega_lite_chart", "deck_gl_json_chart": "deck_gl_chart",
}
