"""What every element AppTest hands a test shares: :class:`Element` (its Streamlit type, ``key``, ``value``, props read
as attributes), :class:`Widget` (one a test can act on), and :class:`AppTestError` for an action a person could not
do. The element kinds are in the modules beside this one, named by what they show (``text``, ``status``, ``data``,
``media``...) or take (``buttons``, ``choices``, ``inputs``, ``uploads``)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from ..client import ClientNode

if TYPE_CHECKING:
    from .. import AppTest


_TAG = re.compile(r"<[^>]+>")


class AppTestError(Exception):
    """An action a test asked for that a person could not do (change a disabled widget), or that the element does not
    take (``set_value`` or ``click`` on an element that is no widget). Streamlit's AppTest raises the same."""


def plain(markup: str | None) -> str:
    """The text of server-rendered markdown, as a reader sees it."""
    return html.unescape(_TAG.sub("", markup or "")).strip()


def _text(value: Any) -> str:
    """A text prop as Streamlit's AppTest gives it: "" where the script gave none."""
    return "" if value is None else str(value)


#: The Streamlit element type of a wire kind that several of Streamlit's types share, or that Streamlit names
#: otherwise (its ``Element.type``; ``at.get(type)`` finds it). Other kinds' type is the kind.
_TYPES: dict[str, Callable[[dict[str, Any]], str]] = {
    "heading": lambda p: {1: "title", 2: "header"}.get(int(p.get("level") or 3), "subheader"),
    "markdown": lambda p: "caption" if p.get("variant") == "caption" else "markdown",
    "badge": lambda p: "markdown",  # Streamlit's st.badge is a markdown element of its ``:color-badge[...]``
    "alert": lambda p: str(p.get("level")),
    "checkbox": lambda p: "toggle" if p.get("toggle") else "checkbox",
    "celebration": lambda p: str(p.get("style")),
    "help": lambda p: "help_info",
    "datetime_input": lambda p: "date_time_input",
    "deck_gl_chart": lambda p: "deck_gl_json_chart",
    "component": lambda p: "component_instance",
    "tabs": lambda p: "tab_container",
    "columns": lambda p: "flex_container",
    "container": lambda p: "flex_container",  # st.container, horizontal or not, and a fragment's block
    "grid": lambda p: "grid_container",
    "root": lambda p: str(p.get("name")),
}


def node_type(node: ClientNode) -> str:
    """The Streamlit type of a node: "title", "caption", "toggle", "error", "column"..."""
    name = _TYPES.get(node.kind)
    return node.kind if name is None else name(node.props)


def _user_key(node: ClientNode) -> str | None:
    return node.id[2:] if node.id is not None and node.id.startswith("k:") else None


class Element:
    """One element of the page. ``type`` is its Streamlit type ("markdown", "title", "button"...), ``kind`` and
    ``props`` the wire element Porch sent; a prop is also read as an attribute (``el.width``)."""

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
        """The ``key`` the script gave it, or None."""
        return _user_key(self.node)

    @property
    def value(self) -> Any:
        """What the element holds, as Streamlit's AppTest reads an element it has no class for: its ``body``, else its
        HTML's text, else its ``text`` or ``label``; None for one that holds none (an empty, a graph)."""
        props = self.props
        if "body" in props:
            return props["body"]
        if "html" in props:
            return plain(props["html"])
        return next((props[name] for name in ("text", "label") if name in props), None)

    @property
    def help(self) -> str:
        return _text(self.props.get("help"))

    @property
    def rendered_text(self) -> str:
        """Porch's own: the element's text as a reader sees it (markdown rendered, its tags left out)."""
        markup = self.props.get("html")
        return plain(markup) if markup is not None else _text(self.props.get("body"))

    def __getattr__(self, name: str) -> Any:
        """A prop of the element (Streamlit's elements answer for their proto's fields the same way)."""
        props = self.__dict__.get("props")
        if name.startswith("_") or props is None:
            raise AttributeError(name)
        if name in props:
            return props[name]
        if name in ("set_value", "click"):
            return self._unsupported(name)
        raise AttributeError(f"{type(self).__name__} ({self.kind}) has no attribute {name!r}")

    def _unsupported(self, method: str) -> Callable[..., Any]:
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            key = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(
                f"{method}() is not supported for {self.type}{key}: AppTest reads this element but does not act on "
                "it. Set its value through at.session_state if it has a key, or test it in a browser."
            )

        return refuse

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the script again (as ``at.run()``), with the values set since the last run."""
        return self._at.run(timeout=timeout)

    def __iter__(self) -> Iterator[Element]:
        yield self

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Element) and other.node is self.node

    def __hash__(self) -> int:
        return id(self.node)

    def _repr_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"key": self.key}
        try:
            fields["value"] = self.value
        except LookupError:  # a widget gone from the page
            pass
        return fields

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self._repr_fields().items() if value not in (None, ""))
        return f"{type(self).__name__}({shown})"


# ---------------------------------------------------------------------------------------------------------------
# Widgets. Actions record the new value and return the widget itself, typed as its own class (``W``: Python 3.10 has
# no ``typing.Self``), so that tests chain: ``at.slider[0].set_value(5).run()``, ``uploader.upload(...).upload(...)``.
# ---------------------------------------------------------------------------------------------------------------

W = TypeVar("W", bound="Widget")


class SourceText(Element):
    """An element drawn from markdown the script gave (markdown, headings, alerts, toasts): ``value`` is that source,
    as Streamlit's AppTest gives it; ``rendered_text``, Porch's own, is the text a reader sees."""

    @property
    def value(self) -> str:
        body = self.props.get("body")
        return plain(self.props.get("html")) if body is None else str(body)

    @property
    def rendered_text(self) -> str:
        return plain(self.props.get("html"))


class Widget(Element):
    """A widget: ``id`` (its wire id), ``key``, ``label``, ``help`` ("" for none), ``disabled``, ``form_id`` ("" outside a
    form) and ``value``, what the script gets (or the value set since the last run). ``set_value`` sets what the next
    ``run()`` sends; on a disabled widget it raises :class:`AppTestError`, as no person could change it."""

    @property
    def id(self) -> str:
        return str(self.node.id)

    @property
    def label(self) -> str:
        return str(self.props["label"])

    @property
    def disabled(self) -> bool:
        return bool(self.props.get("disabled"))

    @property
    def form_id(self) -> str:
        return _text(self.props.get("form"))

    @property
    def value(self) -> Any:
        return self._at._widget_value(self)

    #: What ``set_value(None)`` does, as Streamlit's AppTest does for the same widget: "clear" sets None (the widget
    #: takes it where it can be empty), "default" puts back the value the script gave it (Streamlit's AppTest sends
    #: no value, which its widget reads as its default), "keep" takes back a value set since the last run.
    none_means: ClassVar[Literal["clear", "default", "keep"]] = "clear"

    def set_value(self: W, value: Any) -> W:
        self._assert_can_interact()
        if value is None and self.none_means == "keep":
            self._at._pending.pop(self.id, None)
            return self
        if value is None and self.none_means == "default":
            value = self._at._spec(self).default
        self._at._set_widget_value(self, value)
        return self

    def _assert_can_interact(self) -> None:
        if self.disabled:
            key = f" (key={self.key!r})" if self.key else ""
            raise AppTestError(
                f"Cannot update a disabled {self.type} widget{key}: a person cannot change a disabled widget."
            )

    def _repr_fields(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.props.get("label"), **super()._repr_fields()}
