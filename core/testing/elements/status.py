"""Status elements, as Streamlit's API reference groups them: the alerts (``info``, ``success``, ``warning``,
``error``), an exception shown in the app, ``progress``, ``toast``, balloons and snow, and a skeleton. The ``status``
container is a block: :class:`porch.testing.elements.blocks.Status`."""

from __future__ import annotations

from .base import Element, SourceText, _text, plain


class AlertBase(SourceText):
    """``info``, ``success``, ``warning`` and ``error``: ``value`` is the markdown source the script gave, ``icon``
    ("" for none), ``title`` (as a reader sees it; "" for none), ``rendered_text`` as for :class:`Markdown`."""

    @property
    def icon(self) -> str:
        return _text(self.props.get("icon"))

    @property
    def title(self) -> str:
        return plain(self.props.get("title_html"))


class Error(AlertBase):
    pass


class Warning(AlertBase):  # Streamlit's name (this module's own, not the builtin's)
    pass


class Info(AlertBase):
    pass


class Success(AlertBase):
    pass


#: Porch's earlier name.
Alert = AlertBase


class Progress(Element):
    @property
    def value(self) -> int:
        return int(self.props["value"])

    @property
    def text(self) -> str:
        return plain(self.props.get("text_html"))


class Toast(SourceText):
    """A ``toast``: ``value`` is its message, the markdown source the script gave; ``icon`` ("" for none);
    ``duration`` in seconds (None: until closed); ``rendered_text`` as for :class:`Markdown`."""

    @property
    def icon(self) -> str:
        return _text(self.props.get("icon"))

    @property
    def duration(self) -> int | None:
        return self.props.get("duration")


class Celebration(Element):
    """``balloons`` or ``snow`` (its ``type``, and ``style``): ``value`` is None, as in Streamlit's AppTest."""

    @property
    def value(self) -> None:
        return None


class ExceptionElement(Element):
    """An exception shown in the app (Streamlit's ``Exception``): ``value`` and ``message`` are its message,
    ``stack_trace`` the lines of the traceback of the script's own code, ``is_markdown`` and ``is_warning`` False.
    ``type`` is the element's, "exception", as in Streamlit's AppTest; the exception's class name ("ValueError") is
    ``props["type"]`` (Streamlit's ``proto.type``)."""

    @property
    def value(self) -> str:
        return str(self.props["message"])

    @property
    def message(self) -> str:
        return str(self.props["message"])

    @property
    def stack_trace(self) -> list[str]:
        """The traceback's lines, each stripped of the whitespace around it, as Streamlit's AppTest gives them."""
        return [str(line).strip() for line in self.props["traceback"]]

    @property
    def is_markdown(self) -> bool:
        return False

    @property
    def is_warning(self) -> bool:
        return False


class Skeleton(Element):
    """A skeleton: its ``height`` (pixels, "stretch" or None) and ``width``, and whether it shows only after a delay
    (``delayed``: a ``with`` block's)."""

    @property
    def value(self) -> None:
        return None

    @property
    def height(self) -> str | int | None:
        height: str | int | None = self.props["height"]
        return height

    @property
    def width(self) -> str | int:
        width: str | int = self.props["width"]
        return width

    @property
    def delayed(self) -> bool:
        return bool(self.props["delayed"])
