"""What AppTest hands a test: the elements a client shows, readable, and widgets that can be acted on."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .client import ClientNode

if TYPE_CHECKING:
    from . import AppTest

_TAG = re.compile(r"<[^>]+>")


def plain(markup: str | None) -> str:
    """The text of server-rendered markdown, as a reader sees it."""
    return html.unescape(_TAG.sub("", markup or "")).strip()


class Element:
    def __init__(self, node: ClientNode, at: AppTest) -> None:
        self.node = node
        self.kind = node.kind
        self.props = node.props
        self._at = at

    @property
    def value(self) -> Any:
        return self.props.get("body", plain(self.props.get("html")))

    def run(self, *, timeout: float | None = None) -> AppTest:
        return self._at.run(timeout=timeout)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.value!r}>"


class Heading(Element):
    @property
    def tag(self) -> str:
        return f"h{self.props['level']}"


class Alert(Element):
    @property
    def icon(self) -> str | None:
        return self.props.get("icon")


class Json(Element):
    @property
    def value(self) -> Any:
        return self.props["value"]


class Progress(Element):
    @property
    def value(self) -> int:
        return int(self.props["value"])

    @property
    def text(self) -> str:
        return plain(self.props.get("text_html"))


class Badge(Element):
    @property
    def value(self) -> str:
        return str(self.props["label"])

    @property
    def color(self) -> str:
        return str(self.props["color"])

    @property
    def icon(self) -> str | None:
        icon = self.props.get("icon")
        return None if icon is None else str(icon)


class Metric(Element):
    """A ``metric``: ``value``, ``label`` and ``delta`` as a reader sees them (``delta`` "" when there is none),
    ``color`` (red, green, gray, or the colour asked for), ``direction`` ("up", "down" or None), ``chart_data``."""

    @property
    def value(self) -> str:
        return plain(self.props["value_html"])

    @property
    def label(self) -> str:
        return plain(self.props["label_html"])

    @property
    def delta(self) -> str:
        return plain(self.props.get("delta_html"))

    @property
    def color(self) -> str:
        return str(self.props["color"])

    @property
    def direction(self) -> str | None:
        direction = self.props.get("direction")
        return None if direction is None else str(direction)

    @property
    def help(self) -> str | None:
        return self.props.get("help")

    @property
    def chart_data(self) -> list[float | None] | None:
        data = self.props.get("chart_data")
        return None if data is None else list(data)


class Toast(Element):
    """A ``toast``: ``value`` is its message as a reader sees it; ``icon``; ``duration`` in seconds (None: until
    closed)."""

    @property
    def icon(self) -> str | None:
        return self.props.get("icon")

    @property
    def duration(self) -> int | None:
        return self.props.get("duration")


class Celebration(Element):
    """``balloons`` or ``snow``: ``value`` is which of the two (its ``style``)."""

    @property
    def value(self) -> str:
        return str(self.props["style"])


class ExceptionElement(Element):
    @property
    def value(self) -> str:
        return str(self.props["message"])

    @property
    def message(self) -> str:
        return str(self.props["message"])

    @property
    def type(self) -> str:
        return str(self.props["type"])

    @property
    def stack_trace(self) -> list[str]:
        return list(self.props["traceback"])


class Code(Element):
    @property
    def language(self) -> str | None:
        return self.props.get("language")


class Html(Element):
    """An ``html`` element: ``value`` is the sanitised HTML the page shows, or, for a body whose scripts run in a
    frame (``unsafe_allow_javascript=True``), the document served to the frame."""

    @property
    def value(self) -> str:
        url = self.props.get("url")
        return self._at.media(str(url)).read().decode() if url else str(self.props["html"])


class Help(Element):
    """A ``help`` panel: ``value`` is the docstring; ``name``, ``type`` and ``members`` (dicts of name, type, value,
    doc) as shown."""

    @property
    def value(self) -> str | None:
        return self.props.get("doc")

    @property
    def name(self) -> str | None:
        return self.props.get("name")

    @property
    def type(self) -> str:
        return str(self.props["type"])

    @property
    def members(self) -> list[dict[str, Any]]:
        return list(self.props["members"])


class ServedElement(Element):
    """An element whose content the server serves at its ``url``."""

    @property
    def url(self) -> str:
        raise NotImplementedError

    @property
    def data(self) -> bytes:
        """The bytes the server serves at :attr:`url`."""
        return self._at.media(self.url).read()

    @property
    def content_type(self) -> str:
        return self._at.media(self.url).content_type


class Image(ServedElement):
    """An ``image`` element: one image, or several side by side, each with a URL and a caption."""

    @property
    def value(self) -> list[str]:
        return self.urls

    @property
    def urls(self) -> list[str]:
        return [str(item["url"]) for item in self.props["images"]]

    @property
    def captions(self) -> list[str | None]:
        return [item["caption"] for item in self.props["images"]]

    @property
    def url(self) -> str:
        """The first image's URL (its bytes: :attr:`data`)."""
        return self.urls[0]

    @property
    def caption(self) -> str | None:
        return self.captions[0]


class Media(ServedElement):
    """``audio`` and ``video``: the URL, the bytes served there, and the playback props (``start_time``...)."""

    @property
    def value(self) -> str:
        return self.url

    @property
    def url(self) -> str:
        return str(self.props["url"])


# ---------------------------------------------------------------------------------------------------------------
# Widgets. Actions record the new value and return the widget itself, typed as its own class (``W``: Python 3.10 has
# no ``typing.Self``), so that tests chain: ``at.slider[0].set_value(5).run()``, ``uploader.upload(...).upload(...)``.
# ---------------------------------------------------------------------------------------------------------------

W = TypeVar("W", bound="Widget")


class Widget(Element):
    @property
    def id(self) -> str:
        return str(self.node.id)

    @property
    def key(self) -> str | None:
        return self.id[2:] if self.id.startswith("k:") else None

    @property
    def label(self) -> str:
        return str(self.props["label"])

    @property
    def disabled(self) -> bool:
        return bool(self.props.get("disabled"))

    @property
    def help(self) -> str | None:
        return self.props.get("help")

    @property
    def value(self) -> Any:
        return self._at._widget_value(self)

    def set_value(self: W, value: Any) -> W:
        self._at._set_widget_value(self, value)
        return self


B = TypeVar("B", bound="Button")  # what submit() returns: click() is a Button's


class Button(Widget):
    @property
    def value(self) -> bool:
        return self._at._last_trigger == self.id

    def click(self: W) -> W:
        self._at._click(self)
        return self

    def submit(self: B) -> B:
        return self.click()


class DownloadButton(Button):
    """A download_button: ``click()`` as for a button; ``file_name``, ``data`` and ``mime`` are what it downloads."""

    @property
    def file_name(self) -> str:
        return str(self.props["file_name"])

    @property
    def data(self) -> bytes:
        return self._at.media(str(self.props["url"])).read()

    @property
    def mime(self) -> str:
        return self._at.media(str(self.props["url"])).content_type


class LinkButton(Button):
    """A link_button: its ``url`` (None when the script's URL may not be a link), ``type`` and ``icon``. Only one
    whose ``on_click`` is "rerun" or a function reaches the script when clicked: ``click()`` works for that one, and
    ``value`` is True in the run its click caused (always False for a plain link)."""

    @property
    def url(self) -> str | None:
        url = self.props.get("url")
        return None if url is None else str(url)

    @property
    def type(self) -> str:
        return str(self.props["type"])

    @property
    def icon(self) -> str | None:
        icon = self.props.get("icon")
        return None if icon is None else str(icon)

    @property
    def value(self) -> bool:
        return self.node.id is not None and self._at._last_trigger == self.id

    def click(self: W) -> W:
        if self.node.id is None:
            raise ValueError(
                f"the link_button {self.label!r} has on_click='ignore': its click opens the link and never reaches "
                "the script"
            )
        self._at._click(self)
        return self


class ColorPicker(Widget):
    """A color_picker: ``value`` is ``"#rrggbb"``; ``pick("#abc")`` sets it as a person picking a colour would."""

    def pick(self: W, color: str) -> W:
        return self.set_value(color)


class Checkbox(Widget):
    def check(self: W) -> W:
        return self.set_value(True)

    def uncheck(self: W) -> W:
        return self.set_value(False)


class Choice(Widget):
    """radio, selectbox, select_slider, multiselect: ``options`` are the labels shown."""

    @property
    def options(self) -> list[str]:
        return list(self.props["options"])

    @property
    def index(self) -> int | None:
        wire = self.props.get("value")
        return wire if isinstance(wire, int) else None

    def select(self: W, value: Any) -> W:
        if self.kind == "multiselect":
            current = list(self.value)
            if value not in current:
                current.append(value)
            return self.set_value(current)
        return self.set_value(value)

    def unselect(self: W, value: Any) -> W:
        return self.set_value([v for v in self.value if v != value])

    def select_index(self: W, index: int) -> W:
        return self.set_value(self._at._option_at(self, index))

    def set_range(self: W, lower: Any, upper: Any) -> W:
        return self.set_value((lower, upper))


class ButtonGroup(Widget):
    """pills and segmented_control: ``options`` are the labels shown. ``select`` chooses an option (in multi mode, adds
    it to the list) and ``unselect`` clears it (removes it); ``set_value`` takes an option or None, or a list."""

    @property
    def options(self) -> list[str]:
        return list(self.props["options"])

    @property
    def indices(self) -> list[int]:
        """The indices of the chosen options."""
        return list(self._at._spec(self).codec.to_wire(self.value))

    def select(self: W, value: Any) -> W:
        if self.props.get("selection_mode") != "multi":
            return self.set_value(value)
        current = list(self.value)
        return self if value in current else self.set_value([*current, value])

    def unselect(self: W, value: Any) -> W:
        if self.props.get("selection_mode") != "multi":
            return self.set_value(None) if self.value == value else self
        return self.set_value([v for v in self.value if v != value])


class Slider(Widget):
    def set_range(self: W, lower: Any, upper: Any) -> W:
        return self.set_value((lower, upper))


N = TypeVar("N", bound="NumberInput")  # increment() and decrement() step through a NumberInput's _step()


class NumberInput(Widget):
    def increment(self: N) -> N:
        return self._step(+1)

    def decrement(self: N) -> N:
        return self._step(-1)

    def _step(self: W, direction: int) -> W:
        value = self.value if self.value is not None else 0
        new = value + direction * self.props["step"]
        if self.props.get("max") is not None:
            new = min(new, self.props["max"])
        if self.props.get("min") is not None:
            new = max(new, self.props["min"])
        return self.set_value(new)


class TextInput(Widget):
    def input(self: W, text: str) -> W:
        return self.set_value(text)


class TimeInput(Widget):
    """A time_input: ``increment()`` and ``decrement()`` move its time by ``step`` seconds, round the clock."""

    @property
    def step(self) -> int:
        return int(self.props["step"])

    def increment(self: W) -> W:
        return TimeInput._move(self, +1)

    def decrement(self: W) -> W:
        return TimeInput._move(self, -1)

    @staticmethod
    def _move(widget: W, direction: int) -> W:
        from datetime import date, datetime, timedelta

        if widget.value is None:
            return widget
        moved = datetime.combine(date(2000, 1, 1), widget.value) + direction * timedelta(seconds=widget.props["step"])
        return widget.set_value(moved.time())


class FileUploader(Widget):
    """A file_uploader: ``upload`` sends a file as a browser does (the server's checks apply), ``remove`` drops one
    by name. Like other values, the change reaches the script with the next ``run()``."""

    @property
    def files(self) -> list[dict[str, Any]]:
        """Name, size and type of the files the page shows (the server's value)."""
        return list(self.props.get("files", []))

    def upload(self: W, name: str, data: bytes, type: str = "application/octet-stream") -> W:
        self._at._upload(self, name, data, type)
        return self

    def remove(self: W, name: str) -> W:
        self._at._remove_upload(self, name)
        return self

    def clear(self: W) -> W:
        return self.set_value([] if self.props.get("multiple") else None)


class Component(Widget):
    """An instance of a custom component (``streamlit.components.v1.declare_component``): ``name``, and the ``args``
    its frame is rendered with. ``value`` is what the script's call returns (its ``default`` until the frame sets a
    value); ``set_value`` sets a value (JSON or bytes) as the frame would."""

    @property
    def name(self) -> str:
        return self.label

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.props["args"])

    @property
    def value(self) -> Any:
        value = self._at._widget_value(self)
        return self.props["args"].get("default") if value is None else value


WIDGET_CLASSES: dict[str, type[Widget]] = {
    "button": Button,
    "checkbox": Checkbox,
    "radio": Choice,
    "selectbox": Choice,
    "multiselect": Choice,
    "select_slider": Choice,
    "slider": Slider,
    "number_input": NumberInput,
    "text_input": TextInput,
    "text_area": TextInput,
    "date_input": Widget,
    "time_input": TimeInput,
    "file_uploader": FileUploader,
    "download_button": DownloadButton,
    "link_button": LinkButton,
    "color_picker": ColorPicker,
    "button_group": ButtonGroup,
    "component": Component,
}
ELEMENT_CLASSES: dict[str, type[Element]] = {
    "heading": Heading,
    "badge": Badge,
    "alert": Alert,
    "json": Json,
    "progress": Progress,
    "metric": Metric,
    "toast": Toast,
    "celebration": Celebration,
    "exception": ExceptionElement,
    "code": Code,
    "html": Html,
    "help": Help,
    "image": Image,
    "audio": Media,
    "video": Media,
    **WIDGET_CLASSES,
}

E = TypeVar("E", bound=Element)


class ElementList(Sequence[E], Generic[E]):
    """Elements of one kind, in page order; ``lst[0]``, ``len(lst)``, ``lst(key="k")``, ``lst.values``."""

    def __init__(self, items: list[E]) -> None:
        self._items = items

    def __getitem__(self, index: int) -> E:  # type: ignore[override]
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[E]:
        return iter(self._items)

    def __call__(self, key: str) -> E:
        for item in self._items:
            if isinstance(item, Widget) and item.key == key:
                return item
        raise KeyError(f"no element with key {key!r}")

    @property
    def values(self) -> list[Any]:
        return [item.value for item in self._items]

    def __repr__(self) -> str:
        return f"ElementList({self._items!r})"


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
    "time_input": ("time_input", None),
    "text_input": ("text_input", None),
    "text_area": ("text_area", None),
    "file_uploader": ("file_uploader", None),
    "download_button": ("download_button", None),
    "link_button": ("link_button", None),
    "color_picker": ("color_picker", None),
    "component": ("component", None),
    "image": ("image", None),
    "audio": ("audio", None),
    "video": ("video", None),
    "columns": ("column", None),
    "tabs": ("tab", None),
    "expander": ("expander", None),
    "container": ("container", None),
    "form": ("form", None),
}


class Block:
    """A part of the page (the main area, the sidebar, a column, a tab...) with the same lists as AppTest."""

    def __init__(self, node: ClientNode, at: AppTest) -> None:
        self.node = node
        self.kind = node.kind
        self.props = node.props
        self._at = at

    @property
    def label(self) -> str | None:
        return self.props.get("label")

    @property
    def children(self) -> list[Element | Block]:
        return [self._at._wrap(child) for child in self.node.children]

    def __getattr__(self, name: str) -> ElementList[Any]:
        if name not in SELECTORS:
            raise AttributeError(name)
        kind, test = SELECTORS[name]
        found: list[Any] = []

        def walk(node: ClientNode) -> None:
            for child in node.children:
                if child.kind == kind and (test is None or test(child.props)):
                    found.append(self._at._wrap(child))
                walk(child)

        walk(self.node)
        return ElementList(found)
