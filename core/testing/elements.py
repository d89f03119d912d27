"""What AppTest hands a test: the elements a client shows, readable, and widgets that can be acted on.

The classes and their names are those of Streamlit's ``streamlit.testing.v1.element_tree`` (``Markdown``, ``Title``,
``Button``, ``Selectbox``, ``Column``, ``Tab``...), with the same properties and actions, so that a test written for
Streamlit's AppTest reads the same values here: a text element's ``value`` is the source the script gave (markdown
as written), a widget's is what the script gets. Every element also answers, as Streamlit's do, for the properties it
was shown with (``at.button[0].icon``, ``at.slider[0].step``): those are its wire props (docs/protocol.md). Porch's
own additions keep Porch's names: ``kind`` and ``props`` (the wire element), ``rendered_text`` (a text element as a
reader sees it), ``id`` (a widget's wire id, for ``AppTest.send``). Where a Porch name meant something else before,
it keeps Porch's meaning and says so: an exception's ``type`` is its class name, a link button is clicked as a button.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

from .client import ClientNode

if TYPE_CHECKING:
    from . import AppTest

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
    "alert": lambda p: str(p.get("level")),
    "checkbox": lambda p: "toggle" if p.get("toggle") else "checkbox",
    "celebration": lambda p: str(p.get("style")),
    "help": lambda p: "help_info",
    "datetime_input": lambda p: "date_time_input",
    "vega_lite_chart": lambda p: "arrow_vega_lite_chart",
    "component": lambda p: "component_instance",
    "tabs": lambda p: "tab_container",
    "columns": lambda p: "flex_container",
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
        return self.props.get("body", plain(self.props.get("html")))

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


class Markdown(Element):
    """``markdown`` (and ``write`` of text): ``value`` is the markdown source the script gave (dedented and stripped,
    as Streamlit keeps it); ``rendered_text`` the text a reader sees; ``allow_html`` whether ``unsafe_allow_html``
    was set."""

    @property
    def value(self) -> str:
        body = self.props.get("body")
        return plain(self.props.get("html")) if body is None else str(body)

    @property
    def rendered_text(self) -> str:
        """Porch's own: the text as a reader sees it (the server-rendered markdown without its tags)."""
        return plain(self.props.get("html"))

    @property
    def allow_html(self) -> bool:
        return bool(self.props.get("allow_html"))

    @property
    def is_caption(self) -> bool:
        return self.props.get("variant") == "caption"


class Caption(Markdown):
    """``caption``: as :class:`Markdown`."""


class Divider(Markdown):
    """``divider``: its ``value`` is the markdown of a rule, "---", as in Streamlit."""

    @property
    def value(self) -> str:
        return "---"

    @property
    def rendered_text(self) -> str:
        return ""


class Latex(Markdown):
    r"""``latex``: ``value`` is the formula as Streamlit's AppTest gives it, between ``$$`` lines
    (``"$$\na + b\n$$"``); ``body`` is the LaTeX alone."""

    @property
    def value(self) -> str:
        return f"$$\n{self.props['body']}\n$$"

    @property
    def body(self) -> str:
        """The LaTeX source (Porch's own; Streamlit's AppTest gives it only inside ``value``)."""
        return str(self.props["body"])


class Text(Element):
    """``text``: ``value`` is the text shown (dedented and stripped, as Streamlit keeps it)."""

    @property
    def value(self) -> str:
        return str(self.props["body"])


class HeadingBase(Element):
    """``title``, ``header`` and ``subheader``: ``value`` is the source the script gave; ``tag`` ("h1".."h3"),
    ``anchor`` (the link's name; None without one), ``hide_anchor``, ``icon`` and ``help`` ("" for none), and
    ``rendered_text`` as for :class:`Markdown`."""

    @property
    def value(self) -> str:
        body = self.props.get("body")
        return plain(self.props.get("html")) if body is None else str(body)

    @property
    def rendered_text(self) -> str:
        return plain(self.props.get("html"))

    @property
    def tag(self) -> str:
        return f"h{self.props['level']}"

    @property
    def anchor(self) -> str | None:
        anchor = self.props.get("anchor")
        return None if anchor is None else str(anchor)

    @property
    def hide_anchor(self) -> bool:
        return self.props.get("anchor") is None

    @property
    def icon(self) -> str:
        return _text(self.props.get("icon"))


class Title(HeadingBase):
    pass


class Header(HeadingBase):
    pass


class Subheader(HeadingBase):
    pass


#: Porch's earlier name.
Heading = HeadingBase


class AlertBase(Element):
    """``info``, ``success``, ``warning`` and ``error``: ``value`` is the markdown source the script gave, ``icon``
    ("" for none), ``title`` (as a reader sees it; "" for none), ``rendered_text`` as for :class:`Markdown`."""

    @property
    def value(self) -> str:
        body = self.props.get("body")
        return plain(self.props.get("html")) if body is None else str(body)

    @property
    def rendered_text(self) -> str:
        return plain(self.props.get("html"))

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


class Json(Element):
    """``json``: ``value`` is the JSON text, as Streamlit's AppTest gives it (``json.loads`` reads it back);
    ``parsed`` (Porch's own) is the value it holds; ``expanded`` True, False or a number of levels."""

    @property
    def value(self) -> str:
        return json.dumps(self.props["value"])

    @property
    def parsed(self) -> Any:
        return self.props["value"]


class Progress(Element):
    @property
    def value(self) -> int:
        return int(self.props["value"])

    @property
    def text(self) -> str:
        return plain(self.props.get("text_html"))


class PageLink(Element):
    """A ``page_link``: ``value`` (and ``label``) its text, ``page`` the path of the app's page it opens (None for an
    external link, whose address is ``url``), ``query`` the query that page opens with, ``current`` whether it links
    to the page shown. Read-only, as in Streamlit: go to another page with ``AppTest.switch_page``."""

    @property
    def value(self) -> str:
        return str(self.props["label"])

    def _unsupported(self, method: str) -> Callable[..., Any]:
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            raise AppTestError(
                f"{method}() is not supported for page_link. Switch pages with AppTest.switch_page(page_path)."
            )

        return refuse


class Navigation(Element):
    """The menu ``porch.navigation`` shows: ``value`` the path of the page shown (``""`` for the default page),
    ``titles`` the pages' titles in the menu's order, ``pages`` their descriptions (title, icon, page, section...)."""

    @property
    def value(self) -> str:
        return str(self.props["current"])

    @property
    def titles(self) -> list[str]:
        return [str(page["title"]) for page in self.props["pages"]]


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
    def chart_data(self) -> list[float | None] | None:
        data = self.props.get("chart_data")
        return None if data is None else list(data)


class Toast(Element):
    """A ``toast``: ``value`` is its message, the markdown source the script gave; ``icon`` ("" for none);
    ``duration`` in seconds (None: until closed); ``rendered_text`` as for :class:`Markdown`."""

    @property
    def value(self) -> str:
        body = self.props.get("body")
        return plain(self.props.get("html")) if body is None else str(body)

    @property
    def rendered_text(self) -> str:
        return plain(self.props.get("html"))

    @property
    def icon(self) -> str:
        return _text(self.props.get("icon"))

    @property
    def duration(self) -> int | None:
        return self.props.get("duration")


class Celebration(Element):
    """``balloons`` or ``snow``: ``value`` is which of the two (its ``style``)."""

    @property
    def value(self) -> str:
        return str(self.props["style"])


class ExceptionElement(Element):
    """An exception shown in the app (Streamlit's ``Exception``): ``value`` and ``message`` are its message,
    ``stack_trace`` the lines of the traceback of the script's own code, ``is_markdown`` and ``is_warning`` False.
    ``type`` is the exception's class name ("ValueError"), where Streamlit's ``type`` is the element's, "exception"."""

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

    @property
    def is_markdown(self) -> bool:
        return False

    @property
    def is_warning(self) -> bool:
        return False


class Code(Element):
    """``code``: ``value`` is the code, ``language`` ("plaintext" for none, as in Streamlit), ``show_line_numbers``."""

    @property
    def value(self) -> str:
        return str(self.props["body"])

    @property
    def language(self) -> str:
        return _text(self.props.get("language")) or "plaintext"

    @property
    def show_line_numbers(self) -> bool:
        return bool(self.props.get("line_numbers"))


class Html(Element):
    """An ``html`` element: ``value`` is the sanitised HTML the page shows, or, for a body whose scripts run in a
    frame (``unsafe_allow_javascript=True``), the document served to the frame."""

    @property
    def value(self) -> str:
        url = self.props.get("url")
        return self._at.media(str(url)).read().decode() if url else str(self.props["html"])


class Help(Element):
    """A ``help`` panel, as Streamlit's: ``value`` is the short summary (the name the script gave a function, class or
    module; the value of anything else), ``doc_string`` the docstring ("" for none), ``name``; Porch's own:
    ``object_type`` ("class", "function", "int"...) and ``members`` (dicts of name, type, value, doc) as shown."""

    @property
    def value(self) -> str:
        name, value = self.props.get("name"), self.props.get("value")
        if name and (value is None or _SIGNATURE.fullmatch(str(value))):
            return str(name)
        return _text(value if value is not None else name)

    @property
    def doc_string(self) -> str:
        return _text(self.props.get("doc"))

    @property
    def name(self) -> str | None:
        return self.props.get("name")

    @property
    def object_type(self) -> str:
        return str(self.props["type"])

    @property
    def members(self) -> list[dict[str, Any]]:
        return list(self.props["members"])


#: A qualified name and signature, which ``Help.value`` gives as the name the script used, as Streamlit does.
_SIGNATURE = re.compile(r"[\w.]+\(.*\)(\s*->.*)?", re.S)


class Space(Element):
    """``space``: ``value`` and ``size`` are its size ("small", "medium", "large", "stretch" or pixels)."""

    @property
    def value(self) -> str | int:
        size = self.props["size"]
        return size if isinstance(size, int) else str(size)

    @property
    def size(self) -> str | int:
        return self.value


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
    def captions(self) -> list[str]:
        """Each image's caption ("" for none, as in Streamlit)."""
        return [_text(item["caption"]) for item in self.props["images"]]

    @property
    def url(self) -> str:
        """The first image's URL (its bytes: :attr:`data`)."""
        return self.urls[0]

    @property
    def caption(self) -> str:
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

    def set_value(self: W, value: Any) -> W:
        self._assert_can_interact()
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


B = TypeVar("B", bound="Button")  # what submit() returns: click() is a Button's


class Button(Widget):
    """``button`` and ``form_submit_button``: ``click()`` (or ``set_value(True)``) presses it for the next run;
    ``value`` is True in the run the click caused (and from the click until that run)."""

    @property
    def value(self) -> bool:
        return self.id in (self._at._trigger, self._at._last_trigger)

    def set_value(self: W, value: Any) -> W:
        self._assert_can_interact()
        if value:
            self._at._click(self)
        elif self._at._trigger == self.id:
            self._at._trigger = None
        return self

    def click(self: W) -> W:
        return self.set_value(True)

    def submit(self: B) -> B:
        return self.click()


class DownloadButton(Button):
    """A download_button: ``click()`` as for a button; ``file_name``, ``data`` and ``mime`` are what it downloads
    (reading ``data`` of a button whose data is a function calls it, as a browser's download does)."""

    @property
    def file_name(self) -> str:
        return str(self.props["file_name"])

    @property
    def data(self) -> bytes:
        return self._at.download(str(self.props["url"]))

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
    def button_type(self) -> str:
        """"primary", "secondary" or "tertiary" (the ``type`` the script gave; ``type`` is the element's)."""
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
    """A color_picker: ``value`` is ``"#rrggbb"``; ``pick("#abc")`` sets it as a person picking a colour would (the
    "#" may be left out, as in Streamlit)."""

    def pick(self: W, color: str) -> W:
        return self.set_value(color if color.startswith("#") else f"#{color}")


class Checkbox(Widget):
    """A checkbox: ``check()``, ``uncheck()``, ``set_value(bool)``."""

    def check(self: W) -> W:
        return self.set_value(True)

    def uncheck(self: W) -> W:
        return self.set_value(False)


class Toggle(Checkbox):
    """A toggle: ``set_value(bool)`` (and ``check()``/``uncheck()`` as for a checkbox)."""


class Choice(Widget):
    """radio, selectbox, select_slider, multiselect: ``options`` are the labels shown; ``value`` the option itself."""

    @property
    def options(self) -> list[str]:
        return list(self.props["options"])

    @property
    def index(self) -> int | None:
        """The index of the option chosen (None for none, or for a new option typed in)."""
        if self.value is None:
            return None
        wire = self._at._spec(self).codec.to_wire(self.value)
        return wire if isinstance(wire, int) and not isinstance(wire, bool) else None

    def select(self: W, value: Any) -> W:
        return self.set_value(value)

    def select_index(self: W, index: int | None) -> W:
        return self.set_value(None if index is None else self._at._option_at(self, index))


class Radio(Choice):
    """A radio: ``options``, ``index``, ``horizontal``; ``set_value(option)`` (``select``, ``select_index`` too)."""

    @property
    def horizontal(self) -> bool:
        return bool(self.props.get("horizontal"))


class Selectbox(Choice):
    """A selectbox: ``select(option)``, ``select_index(i)`` (None: no selection), ``set_value``; ``options``,
    ``index``, ``placeholder``."""

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))


MS = TypeVar("MS", bound="Multiselect")


class Multiselect(Choice):
    """A multiselect: ``value`` is the list of options chosen, ``indices`` their indices, ``values`` their labels;
    ``select(option)`` adds one, ``unselect(option)`` removes it, ``set_value(list)``; ``max_selections`` (0: no
    limit, as in Streamlit), ``placeholder``."""

    @property
    def index(self) -> int | None:
        return None

    @property
    def indices(self) -> list[int]:
        wire = self._at._spec(self).codec.to_wire(self.value)
        return [item for item in wire if isinstance(item, int) and not isinstance(item, bool)]

    @property
    def values(self) -> list[str]:
        """The labels of the options chosen (a new option typed in: its text)."""
        wire = self._at._spec(self).codec.to_wire(self.value)
        options = self.options
        return [options[item] if isinstance(item, int) else str(item) for item in wire]

    @property
    def max_selections(self) -> int:
        return int(self.props.get("max_selections") or 0)

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))

    def select(self: MS, value: Any) -> MS:
        current = list(self.value)
        return self if value in current else self.set_value([*current, value])

    def unselect(self: MS, value: Any) -> MS:
        current = list(self.value)
        return self if value not in current else self.set_value([v for v in current if v != value])


class SelectSlider(Choice):
    """A select_slider: ``set_value(option)``, or ``set_range(lower, upper)`` for one with two handles."""

    @property
    def index(self) -> int | None:
        wire = self._at._spec(self).codec.to_wire(self.value)
        return wire if isinstance(wire, int) and not isinstance(wire, bool) else None

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
    """A slider: ``set_value(number)``, or ``set_range(lower, upper)`` for one with two handles; ``min``, ``max``,
    ``step``."""

    @property
    def min(self) -> Any:
        return self.props["min"]

    @property
    def max(self) -> Any:
        return self.props["max"]

    @property
    def step(self) -> Any:
        return self.props["step"]

    def set_range(self: W, lower: Any, upper: Any) -> W:
        return self.set_value((lower, upper))


N = TypeVar("N", bound="NumberInput")  # increment() and decrement() step through a NumberInput's _step()


class NumberInput(Widget):
    """A number_input: ``increment()`` and ``decrement()`` press its + and - (by ``step``, within ``min`` and
    ``max``; an empty field stays empty, as in Streamlit); ``set_value(number or None)``."""

    @property
    def min(self) -> int | float | None:
        return self.props.get("min")

    @property
    def max(self) -> int | float | None:
        return self.props.get("max")

    @property
    def step(self) -> int | float:
        step: int | float = self.props["step"]
        return step

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))

    def increment(self: N) -> N:
        return self._step(+1)

    def decrement(self: N) -> N:
        return self._step(-1)

    def _step(self: N, direction: int) -> N:
        value = self.value
        if value is None:
            return self
        new = value + direction * self.step
        if self.max is not None:
            new = min(new, self.max)
        if self.min is not None:
            new = max(new, self.min)
        return self.set_value(new)


class TextInput(Widget):
    """A text_input: ``input(text)`` types it (ignored when longer than ``max_chars``, as in Streamlit), ``set_value``
    sets it (None: empty); ``max_chars`` (0: no limit), ``placeholder``, ``autocomplete``."""

    @property
    def max_chars(self) -> int:
        return int(self.props.get("max_chars") or 0)

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))

    @property
    def autocomplete(self) -> str:
        return _text(self.props.get("autocomplete"))

    def input(self: W, text: str) -> W:
        limit = self.props.get("max_chars")
        if limit and len(text) > limit:
            return self
        return self.set_value(text)


class TextArea(TextInput):
    """A text_area: as :class:`TextInput`."""


class DateInput(Widget):
    """A date_input: ``set_value(date)`` (a pair for a range; None: empty); ``min`` and ``max`` as dates,
    ``is_range``, ``format``."""

    @property
    def min(self) -> date:
        return date.fromisoformat(str(self.props["min"]))

    @property
    def max(self) -> date:
        return date.fromisoformat(str(self.props["max"]))

    @property
    def is_range(self) -> bool:
        return bool(self.props.get("range"))


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
        if widget.value is None:
            return widget
        moved = datetime.combine(date(2000, 1, 1), widget.value) + direction * timedelta(seconds=widget.props["step"])
        return widget.set_value(moved.time())


FU = TypeVar("FU", bound="FileUploader")


class FileUploader(Widget):
    """A file_uploader: ``upload(filename, content, mime_type)`` sends a file as a browser does (the server's checks
    apply), ``set_value((filename, content, mime_type))`` or a list of such replaces the files held (None clears),
    ``remove`` drops one by name, ``clear()`` all. Like other values, the change reaches the script with the next
    ``run()``. ``accept_multiple_files`` and ``allowed_type`` are the script's."""

    @property
    def files(self) -> list[dict[str, Any]]:
        """Name, size and type of the files the page shows (the server's value)."""
        return list(self.props.get("files", []))

    @property
    def accept_multiple_files(self) -> bool:
        return bool(self.props.get("multiple"))

    @property
    def accept_directory(self) -> bool:
        return bool(self.props.get("directory"))

    @property
    def allowed_type(self) -> list[str]:
        return list(self.props.get("type") or [])

    def upload(self: W, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> W:
        self._at._upload(self, filename, content, mime_type)
        return self

    def set_value(self: FU, value: Any) -> FU:
        files = [value] if isinstance(value, tuple) else value
        if value is None or (isinstance(files, list) and all(isinstance(f, tuple) and len(f) == 3 for f in files)):
            self.clear()
            for filename, content, mime_type in files or []:
                self.upload(filename, content, mime_type)
            return self
        return super().set_value(value)

    def remove(self: W, name: str) -> W:
        self._at._remove_upload(self, name)
        return self

    def clear(self: W) -> W:
        return Widget.set_value(self, [] if self.props.get("multiple") else None)


C = TypeVar("C", bound="Capture")


class Capture(Widget):
    """A camera_input or audio_input: one file captured from a device. ``upload(name, data, type)`` sends it as the
    browser does (the server's checks apply: a camera takes JPEG or PNG, a microphone WAV) and replaces the one held;
    ``set_value((name, data, type))`` does the same, ``set_value(None)`` or ``clear()`` removes it. Like other
    values, the change reaches the script with the next ``run()``. ``url`` is where the page shows the held file."""

    #: The MIME type ``upload`` gives when none is named: what the browser sends.
    capture_type = "application/octet-stream"

    @property
    def url(self) -> str | None:
        url = self.props.get("url")
        return None if url is None else str(url)

    def upload(self: C, filename: str, content: bytes, mime_type: str | None = None) -> C:
        self._free_waiting()
        self._at._upload(self, filename, content, mime_type or self.capture_type)
        return self

    def set_value(self: C, value: Any) -> C:
        if value is None:
            self.clear()
        elif isinstance(value, tuple) and len(value) == 3:
            self.upload(*value)
        else:
            super().set_value(value)
        return self

    def clear(self: C) -> C:
        self._free_waiting()
        Widget.set_value(self, None)
        return self

    def _free_waiting(self) -> None:
        """A file uploaded but not yet in the widget's value is freed when replaced, as the browser does."""
        for file_id in self._at._file_ids(self):
            if file_id not in (self.props.get("value") or []):
                self._at._session.uploads.delete(self.id, file_id)


class CameraInput(Capture):
    """A camera_input: ``upload("photo.jpg", data)`` stands for a photo taken; ``resolution`` is the script's
    ("480p", "720p", "1080p" or None)."""

    capture_type = "image/jpeg"

    @property
    def resolution(self) -> str | None:
        height = self.props.get("resolution")
        return None if height is None else f"{height}p"


class AudioInput(Capture):
    """An audio_input: ``upload("clip.wav", data)`` stands for a recording made; ``sample_rate`` is the script's (in
    Hz; None: the browser's own)."""

    capture_type = "audio/wav"

    @property
    def sample_rate(self) -> int | None:
        rate = self.props.get("sample_rate")
        return None if rate is None else int(rate)


CI = TypeVar("CI", bound="ChatInput")


class ChatInput(Widget):
    """A chat_input: ``set_value("hi")`` types a message, which the next ``run()`` sends as Enter does (None takes the
    text back); with ``accept_file``, ``upload(filename, content, mime_type)`` attaches a file to it (one file
    replaces the one attached unless the field takes several) and ``clear()`` drops the attached files. ``value`` is
    the message waiting to be sent, else what the script got in the last run (None when that run had no message)."""

    @property
    def placeholder(self) -> str:
        return str(self.props["placeholder"])

    @property
    def value(self) -> Any:
        wire = self._at._pending.get(self.id)
        if wire is not None:
            return wire[0] if isinstance(wire, list) else wire
        if self._at._last_trigger == self.id:
            return self._at._payloads.get(self.id)
        return None

    def set_value(self: CI, value: str | None) -> CI:
        return ChatInput._stage(self, value, ChatInput._files(self))

    def upload(self: CI, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> CI:
        if self.props.get("accept_file", "false") == "false":
            raise ValueError(f"the chat_input {self.placeholder!r} takes no files: pass accept_file=True")
        kept = ChatInput._files(self)
        if self.props["accept_file"] == "single":
            ChatInput._free(self, kept)
            kept = []
        file_id = self._at._session.uploads.add(self.id, filename, mime_type, content)
        pending = self._at._pending.get(self.id)
        text = pending[0] if isinstance(pending, list) else ""
        return ChatInput._stage(self, text, [*kept, file_id])

    def clear(self: CI) -> CI:
        ChatInput._free(self, ChatInput._files(self))
        pending = self._at._pending.get(self.id)
        return ChatInput._stage(self, pending[0] if isinstance(pending, list) else None, [])

    @staticmethod
    def _files(widget: Widget) -> list[str]:
        pending = widget._at._pending.get(widget.id)
        return list(pending[1:]) if isinstance(pending, list) else []

    @staticmethod
    def _free(widget: Widget, ids: list[str]) -> None:
        for file_id in ids:
            widget._at._session.uploads.delete(widget.id, file_id)

    @staticmethod
    def _stage(widget: W, text: str | None, files: list[str]) -> W:
        """Hold the message for the next run: the wire value a browser sends, and the value the script will get."""
        at = widget._at
        if text is None and not files:
            at._pending.pop(widget.id, None)
            at._payloads.pop(widget.id, None)
            if at._trigger == widget.id:
                at._trigger = None
            return widget
        takes_files = widget.props.get("accept_file", "false") != "false"
        wire: Any = [text or "", *files] if takes_files else (text or "")
        spec = at._spec(widget)
        at._payloads[widget.id] = spec.codec.from_wire(wire)
        at._pending[widget.id] = wire
        at._click(widget)
        return widget


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


class Feedback(Widget):
    """A feedback widget: ``value`` is the index chosen (0 the least satisfied) or None; ``set_value(i)`` chooses,
    ``set_value(None)`` clears. ``options`` is "thumbs", "faces" or "stars"."""

    @property
    def options(self) -> str:
        return str(self.props["options"])


class Pagination(Widget):
    """A pagination: ``value`` is the current page (from 1); ``set_value(page)`` and ``select(page)`` choose a page
    as a click on its button does, refusing one that is not a page. ``num_pages`` and ``default`` are the script's."""

    @property
    def num_pages(self) -> int:
        return int(self.props["num_pages"])

    @property
    def default(self) -> int:
        return int(self._at._spec(self).default)

    def set_value(self: W, value: int) -> W:
        pages = int(self.props["num_pages"])
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= pages:
            raise ValueError(f"cannot set the pagination to {value!r}: a page is a whole number from 1 to {pages}")
        return Widget.set_value(self, value)

    def select(self: W, page: int) -> W:
        return Pagination.set_value(self, page)


MB = TypeVar("MB", bound="MenuButton")


class MenuButton(Widget):
    """A menu_button: ``click(option)`` (or ``set_value``) chooses an option as a person does from its menu, and
    ``click_index(i)`` the option at index ``i``; ``value`` is that option in the run the choice caused, None in
    others. ``options`` are the labels shown."""

    @property
    def options(self) -> list[str]:
        return list(self.props["options"])

    @property
    def type(self) -> str:
        return str(self.props["type"])

    @property
    def icon(self) -> str | None:
        icon = self.props.get("icon")
        return None if icon is None else str(icon)

    @property
    def value(self) -> Any:
        at = self._at
        return at._payloads.get(self.id) if self.id in (at._trigger, at._last_trigger) else None

    def click(self: MB, option: Any) -> MB:
        at = self._at
        wire = at._spec(self).codec.to_wire(option)
        at._payloads[self.id] = at._spec(self).codec.from_wire(wire)
        at._pending[self.id] = wire
        at._click(self)
        return self

    def set_value(self: MB, value: Any) -> MB:
        return self.click(value)

    def click_index(self: MB, index: int) -> MB:
        return self.click(self._at._option_at(self, index))


class Pdf(ServedElement):
    """A pdf: ``url`` where the document is (a media URL of the app's, or the script's http(s) URL), its ``data``
    and ``content_type`` as served, ``height`` and ``alt``."""

    @property
    def value(self) -> str:
        return self.url

    @property
    def url(self) -> str:
        return str(self.props["url"])

    @property
    def height(self) -> str | int:
        height: str | int = self.props["height"]
        return height

    @property
    def alt(self) -> str | None:
        return self.props.get("alt")


class DataFrameElement(Element):
    """A ``dataframe`` (Streamlit's ``Dataframe``) or ``table``: ``value`` is the data as a pandas DataFrame, as
    Streamlit's AppTest gives it (a dataframe's: the frame the server holds, not a copy, when the script gave a pandas
    one; a table's: the rows it shows). Porch's
    own: ``columns`` (the shown columns' headers), ``row_count``, ``cells`` (the rows the element carries), and for a
    ``dataframe`` :meth:`rows` (ask for a window, as the page does when it scrolls or sorts), ``selection`` and
    :meth:`select` (with ``on_select``)."""

    @property
    def value(self) -> Any:
        table = self._frame()
        if table is not None:
            return table.backend.to_pandas()
        import pandas as pd  # a table: its rows are in the element

        columns = self.props["columns"]
        data = [c for c in range(len(columns)) if not columns[c]["index"]]
        index = [c for c in range(len(columns)) if columns[c]["index"]]
        rows = self.cells
        frame = pd.DataFrame([[row[c] for c in data] for row in rows], columns=[columns[c]["label"] for c in data])
        if index:
            frame.index = pd.Index([row[index[0]] for row in rows], name=columns[index[0]]["label"] or None)
        return frame

    def _frame(self) -> Any:
        data_id = self.props.get("data")
        if data_id is None:
            return None
        return self._at._session.frames.table(str(data_id))

    @property
    def columns(self) -> list[str]:
        return [str(column["label"]) for column in self.props["columns"]]

    def _repr_fields(self) -> dict[str, Any]:
        return {"key": self.key, "columns": self.columns, "rows": self.props["rows"]}

    @property
    def row_count(self) -> int:
        return int(self.props["rows"])

    @property
    def cells(self) -> list[list[Any]]:
        """The rows the element carries (a ``dataframe``'s first rows, a ``table``'s rows), as the wire has them."""
        return [list(row) for row in self.props["window"]["cells"]]

    def rows(self, start: int = 0, count: int = 50, sort: list[tuple[int, str]] | None = None) -> dict[str, Any]:
        """Ask for ``count`` rows from ``start`` sorted by ``sort`` ((shown column index, "asc" or "desc") pairs), as
        the page does; return the server's ``rows`` message (``cells``, ``pos``, ``total``; or ``missing``)."""
        from ..protocol import Rows

        keys = tuple((column, direction == "desc") for column, direction in (sort or []))
        at = self._at
        seen = len(at.messages)
        at.send(Rows(id=str(self.props["data"]), start=start, count=count, sort=keys))
        replies = [m for m in at.messages[seen:] if m["type"] in ("rows", "error")]
        if not replies:
            raise LookupError("the server did not answer the rows request")
        reply: dict[str, Any] = replies[-1]
        return reply

    @property
    def selection(self) -> Any:
        """The selection the script gets (with ``on_select``), or None."""
        if self.node.id is None:
            return None
        return self._at._widget_value(Widget(self.node, self._at))

    def select(self, rows: list[int] | None = None, columns: list[str] | None = None,
               cells: list[tuple[int, str]] | None = None) -> DataFrameElement:
        """Select these rows (positions in the data), columns (names) and cells, as a person would; the next
        ``run()`` sends the selection."""
        if self.node.id is None:
            raise AppTestError("select() needs a dataframe with on_select='rerun' or a function")
        value = {"selection": {"rows": rows or [], "columns": columns or [], "cells": cells or []}}
        self._at._set_widget_value(Widget(self.node, self._at), value)
        return self


class VegaLiteChart(Element):
    """A chart (``line_chart``, ``bar_chart``... ``vega_lite_chart``, ``altair_chart``; Streamlit's type
    ``arrow_vega_lite_chart``): ``spec`` is the Vega-Lite spec it draws, its data inline, and ``value`` too. Porch's
    own: ``data`` (the rows of the spec's ``data``), ``note`` (the note under a chart that draws only part of its data),
    and with ``on_select`` ``selection`` (what the script gets) and :meth:`select`."""

    @property
    def value(self) -> dict[str, Any]:
        return self.spec

    @property
    def spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = self.props["spec"]
        return spec

    @property
    def data(self) -> list[dict[str, Any]]:
        data = self.spec.get("data") or {}
        return list(data.get("values") or [])

    @property
    def selection(self) -> Any:
        """The selection state the script gets (``{"selection": {parameter: ...}}``), or None without on_select."""
        if self.node.id is None:
            return None
        return self._at._widget_value(Widget(self.node, self._at))

    def select(self, selection: dict[str, Any]) -> VegaLiteChart:
        """Select as a person would, by parameter: a point selection's list of points (dicts of field values), an
        interval's dict of field -> [low, high]; the next ``run()`` sends it."""
        if self.node.id is None:
            raise AppTestError("select() needs a chart with on_select='rerun' or a function")
        self._at._set_widget_value(Widget(self.node, self._at), {"selection": selection})
        return self

    def _repr_fields(self) -> dict[str, Any]:
        return {"key": self.key, "rows": len(self.data), "note": self.props.get("note")}


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


WIDGET_CLASSES: dict[str, type[Widget]] = {
    "button": Button,
    "checkbox": Checkbox,
    "radio": Radio,
    "selectbox": Selectbox,
    "multiselect": Multiselect,
    "select_slider": SelectSlider,
    "slider": Slider,
    "number_input": NumberInput,
    "text_input": TextInput,
    "text_area": TextArea,
    "date_input": DateInput,
    "datetime_input": Widget,
    "time_input": TimeInput,
    "file_uploader": FileUploader,
    "camera_input": CameraInput,
    "audio_input": AudioInput,
    "download_button": DownloadButton,
    "link_button": LinkButton,
    "color_picker": ColorPicker,
    "feedback": Feedback,
    "pagination": Pagination,
    "menu_button": MenuButton,
    "chat_input": ChatInput,
    "button_group": ButtonGroup,
    "component": Component,
}
ELEMENT_CLASSES: dict[str, type[Element]] = {
    "markdown": Markdown,
    "page_link": PageLink,
    "navigation": Navigation,
    "text": Text,
    "divider": Divider,
    "latex": Latex,
    "space": Space,
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
    "pdf": Pdf,
    "skeleton": Skeleton,
    "dataframe": DataFrameElement,
    "table": DataFrameElement,
    "vega_lite_chart": VegaLiteChart,
    **WIDGET_CLASSES,
}
#: The class of each Streamlit type that shares its wire kind with others (a title's is Title, not HeadingBase).
TYPE_CLASSES: dict[str, type[Element]] = {
    "title": Title,
    "header": Header,
    "subheader": Subheader,
    "caption": Caption,
    "info": Info,
    "success": Success,
    "warning": Warning,
    "error": Error,
    "toggle": Toggle,
}

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


def _descendants(node: ClientNode) -> Iterator[tuple[ClientNode, ClientNode]]:
    """Every node under ``node`` in page order, each with its parent."""
    for child in node.children:
        yield child, node
        yield from _descendants(child)


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
        """The key the script gave it (a form's is its key), or None."""
        if self.kind == "form":
            return _text(self.props.get("form")) or None
        return _user_key(self.node)

    @property
    def label(self) -> str | None:
        return self.props.get("label")

    @property
    def children(self) -> list[Element | Block]:
        return [self._at._wrap(child, self.node) for child in self.node.children]

    def __len__(self) -> int:
        return len(self.node.children)

    def __getitem__(self, index: int) -> Any:
        return self._at._wrap(self.node.children[index], self.node)

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
        if name in SELECTORS:
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
        kind, test = SELECTORS[name]
        found = [
            self._at._wrap(child, parent)
            for child, parent in _descendants(self.node)
            if child.kind == kind and (test is None or test(child.props))
        ]
        if found and all(isinstance(item, Block) for item in found):
            return BlockList(found)
        if found and all(isinstance(item, Widget) for item in found):
            return WidgetList(found)
        return ElementList(found)

    def __getattr__(self, name: str) -> Any:
        if name in SELECTORS:
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


class Status(Block):
    """A ``status`` container: ``label``, ``state`` ("running", "complete" or "error") and ``expanded``."""

    @property
    def state(self) -> str:
        return str(self.props["state"])

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


#: The AppTest class of each block kind that has one (others are a plain :class:`Block`).
BLOCK_CLASSES: dict[str, type[Block]] = {
    "column": Column,
    "tab": Tab,
    "expander": Expander,
    "popover": Popover, "status": Status, "dialog": Dialog, "chat_message": ChatMessage, "grid": Grid}
