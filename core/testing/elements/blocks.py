"""The parts of the page AppTest hands a test (the main area, the sidebar, a column, a tab, an expander, a dialog...):
:class:`Block`, with the same lists as AppTest over what is inside it, and a class for each block kind with
properties of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..client import ClientNode
from .base import AppTestError, Element, Widget, _text, _user_key, node_type
from .lists import _GET_ALIASES, BlockList, ElementList, WidgetList, selector

if TYPE_CHECKING:
    from .. import AppTest


def _listed(node: ClientNode) -> list[ClientNode]:
    """The children of ``node`` that AppTest's lists find: not the empty a spinner left, for Streamlit's spinner
    holds no place (``core/elements/empty.py``)."""
    return [child for child in node.children if not (child.kind == "empty" and child.props.get("spent_spinner"))]


def _shown(node: ClientNode) -> list[ClientNode]:
    """The children of ``node`` that Streamlit's AppTest would have in its tree: those :func:`_listed` finds but the
    navigation menu (Streamlit's is no element of the page; ``at.navigation``, Porch's own list, still finds it).

    In the event root, what a fragment wrote lies in a container of the fragment's own (``porch.elements._event``);
    Streamlit's fragments write into that root itself, so its tree shows those elements in the container's place."""
    shown = [child for child in _listed(node) if child.kind != "navigation"]
    if node.kind == "root" and node.props.get("name") == "event":
        return [inner for child in shown for inner in (_shown(child) if child.kind == "container" else [child])]
    return shown


def _descendants(
    node: ClientNode, children: Callable[[ClientNode], list[ClientNode]] = _shown
) -> Iterator[tuple[ClientNode, ClientNode]]:
    """Every node under ``node`` in page order, each with its parent."""
    for child in children(node):
        yield child, node
        yield from _descendants(child, children)


class Block:
    """A part of the page (the main area, the sidebar, a column, a tab...) with the same lists as AppTest, which
    hold what is inside it: ``at.sidebar.button``, ``at.columns[1].markdown``, ``at.tabs[0].get("text")``.

    As in Streamlit: ``len(block)`` counts its children, ``block[i]`` is one, iterating gives the block and then
    everything inside it in page order; ``type`` ("main", "column", "tab", "expander", "form"...), ``key``,
    ``label``; ``get(type)``, ``get_by_key(key)`` and ``run()``. A prop of the block is also read as an attribute.
    """

    def __init__(self, node: ClientNode, at: AppTest, parent: ClientNode | None = None) -> None:
        self.node = node
        self.kind = node.kind
        self.props = node.props
        self._at = at
        self._parent = parent

    @property
    def type(self) -> str:
        return node_type(self.node)

    @property
    def key(self) -> str | None:
        """The key the script gave it (a form's is its key; a container, expander, tabs or popover holds it as a prop),
        or None."""
        if self.kind == "form":
            return _text(self.props.get("form")) or None
        return _user_key(self.node) or self.props.get("key")

    @property
    def label(self) -> str | None:
        return self.props.get("label")

    @property
    def children(self) -> list[Element | Block]:
        return [self._at._wrap(child, self.node) for child in _shown(self.node)]

    def __len__(self) -> int:
        return len(_shown(self.node))

    def __getitem__(self, index: int) -> Any:
        return self._at._wrap(_shown(self.node)[index], self.node)

    def __iter__(self) -> Iterator[Any]:
        yield self
        for child, parent in _descendants(self.node):
            yield self._at._wrap(child, parent)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and other.node is self.node

    def __hash__(self) -> int:
        return id(self.node)

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the script again (as ``at.run()``), with the values set since the last run."""
        return self._at.run(timeout=timeout)

    def get(self, element_type: str) -> Sequence[Any]:
        """What is inside of one type: a list name (``"button"``, ``"pills"``, ``"columns"``...) or one of Streamlit's
        element types (``"title"``, ``"help_info"``, ``"flex_container"``...)."""
        name = _GET_ALIASES.get(element_type, element_type)
        if selector(name) is not None:
            return list(self._select(name))
        return [node for node in self if node is not self and node.type == element_type]

    def get_by_key(self, key: str) -> Any:
        """The one element or block inside with this key: KeyError if none has it, :class:`AppTestError` if several."""
        found = [node for node in self if node is not self and getattr(node, "key", None) == key]
        if not found:
            raise KeyError(key)
        if len(found) > 1:
            raise AppTestError(f"{len(found)} elements have the key {key!r}: look it up in a list, at.button(key=...)")
        return found[0]

    def _select(self, name: str) -> ElementList[Any]:
        found_by = selector(name)
        assert found_by is not None
        kinds, test = found_by
        found = [
            self._at._wrap(child, parent)
            for child, parent in _descendants(self.node, _listed)
            if child.kind in kinds and (test is None or test(child.props))
        ]
        if found and all(isinstance(item, Block) for item in found):
            return BlockList(found)
        if found and all(isinstance(item, Widget) for item in found):
            return WidgetList(found)
        return ElementList(found)

    def __getattr__(self, name: str) -> Any:
        if selector(name) is not None:
            return self._select(name)
        props = self.__dict__.get("props")
        if not name.startswith("_") and props is not None and name in props:
            return props[name]
        raise AttributeError(f"{type(self).__name__} ({self.__dict__.get('kind')}) has no attribute {name!r}")

    def __repr__(self) -> str:
        inside = ", ".join(repr(child) for child in self.children)
        label = f"label={self.label!r}, " if self.label else ""
        return f"{type(self).__name__}({label}children=[{inside}])"


class Column(Block):
    """A column of ``columns``: ``weight`` (its share of the row's width) and ``gap`` (the row's: "small"...)."""

    @property
    def weight(self) -> float:
        return float(self.props["width"])

    @property
    def gap(self) -> str | None:
        return None if self._parent is None else self._parent.props.get("gap")


class Tab(Block):
    """A tab of ``tabs``: its ``label``."""

    @property
    def label(self) -> str:
        return str(self.props["label"])


class Expander(Block):
    """An ``expander``: ``label`` and ``icon`` ("" for none)."""

    @property
    def label(self) -> str:
        return str(self.props["label"])

    @property
    def icon(self) -> str:
        return _text(self.props.get("icon"))


class Popover(Block):
    """A ``popover``: ``label`` is its button's; ``open`` whether the panel is open as the server holds it (always
    False unless the popover reports its state: ``on_change`` set)."""

    @property
    def open(self) -> bool:
        return bool(self.props.get("open"))


#: The icon a status shows in each state, as Streamlit's AppTest gives it (``Status.icon``).
_STATUS_ICONS = {"running": "spinner", "complete": ":material/check:", "error": ":material/error:"}


class Status(Block):
    """A ``status`` container: ``label``, ``state`` ("running", "complete" or "error"), ``expanded``, and ``icon``,
    that of its state as Streamlit names it ("spinner", ":material/check:", ":material/error:")."""

    @property
    def state(self) -> str:
        return str(self.props["state"])

    @property
    def icon(self) -> str:
        return _STATUS_ICONS.get(self.state, "")

    @property
    def expanded(self) -> bool:
        return bool(self.props.get("expanded"))


D = TypeVar("D", bound="Dialog")


class Dialog(Block):
    """An open ``dialog``: ``title``, ``dismissible``; ``dismiss()`` closes it as a user would (Escape, the close
    button), which reaches the script with the next ``run()`` when its ``on_dismiss`` is "rerun" or a function."""

    @property
    def label(self) -> str | None:
        return self.title

    @property
    def title(self) -> str:
        return str(self.props["title"])

    @property
    def dismissible(self) -> bool:
        return bool(self.props.get("dismissible"))

    def dismiss(self: D) -> D:
        if not self.dismissible:
            raise ValueError(f"the dialog {self.title!r} is not dismissible: only the script can close it")
        if self.node.id is None:
            raise ValueError(
                f"the dialog {self.title!r} has on_dismiss='ignore': dismissing it closes it in the page and never "
                "reaches the script"
            )
        self._at._click(self)
        return self


class ChatMessage(Block):
    """A ``chat_message``: ``name`` (its author, as the script named it) and ``avatar`` (the emoji, letter, icon name or
    image URL it shows; "user" or "assistant" for those icons, "spinner" for a spinner)."""

    @property
    def name(self) -> str:
        return str(self.props["name"])

    @property
    def avatar(self) -> str:
        avatar = self.props.get("avatar")
        return str(self.props["avatar_type"] if avatar is None else avatar)


class Grid(Block):
    """A ``grid``, with Streamlit's names: ``column_count`` (its ``columns``: a number or "auto"; ``columns`` is the
    list of the ``columns()`` inside it, as for every block), ``min_column_width``, ``wrap``, ``gap`` (one size, or
    ``(row_gap, column_gap)`` when they differ), ``vertical_alignment``, ``border``, ``row_height``, ``width``,
    ``height``, ``dense``. Its children are its cells, in order; a ``cell()`` is a plain :class:`Block`."""

    @property
    def column_count(self) -> int | str:
        return cast("int | str", self.props["columns"])

    @property
    def min_column_width(self) -> int | str:
        return cast("int | str", self.props["min_column_width"])

    @property
    def wrap(self) -> bool:
        return bool(self.props["wrap"])

    @property
    def gap(self) -> Any:
        row, column = self.props["row_gap"], self.props["column_gap"]
        return row if row == column else (row, column)

    @property
    def vertical_alignment(self) -> str:
        return str(self.props["vertical_alignment"])

    @property
    def border(self) -> bool:
        return bool(self.props["border"])

    @property
    def row_height(self) -> int | str:
        return cast("int | str", self.props["row_height"])

    @property
    def width(self) -> int | str:
        return cast("int | str", self.props["width"])

    @property
    def height(self) -> int | str:
        return cast("int | str", self.props["height"])

    @property
    def dense(self) -> bool:
        return bool(self.props["dense"])
