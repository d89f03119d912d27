"""Text elements: markdown, caption, divider, latex, text, the headings, badge, code, html, help and space. A text
element's ``value`` is the source the script gave; ``rendered_text`` the text a reader sees."""

from __future__ import annotations

import re
from typing import Any

from .base import Element, SourceText, _text, plain


class Markdown(SourceText):
    """``markdown`` (and ``write`` of text): ``value`` is the markdown source the script gave (dedented and stripped,
    as Streamlit keeps it); ``rendered_text`` the text a reader sees; ``allow_html`` whether ``unsafe_allow_html``
    was set."""

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


class HeadingBase(SourceText):
    """``title``, ``header`` and ``subheader``: ``value`` is the source the script gave; ``tag`` ("h1".."h3"),
    ``anchor`` (the one the script gave, "" for none), ``hide_anchor``, ``icon``, ``help`` and ``divider`` ("" for none),
    and ``rendered_text`` as for :class:`Markdown`."""

    @property
    def tag(self) -> str:
        return f"h{self.props['level']}"

    @property
    def anchor(self) -> str:
        """The anchor the script gave, "" for none (as Streamlit's AppTest reads it); the link's name the page uses is
        ``props["anchor"]``."""
        anchor = self.props.get("anchor")
        return "" if anchor is None or self.props.get("anchor_made") else str(anchor)

    @property
    def hide_anchor(self) -> bool:
        return self.props.get("anchor") is None

    @property
    def divider(self) -> str:
        """The divider's colour, "" for none (as Streamlit's AppTest reads it; ``divider=True`` reads the colour its
        turn in the run gave, where Streamlit's reads "auto" and its page picks the colour)."""
        divider = self.props.get("divider")
        return "" if divider is False or divider is None else str(divider)

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


class Badge(Markdown):
    """``badge``: a markdown element to Streamlit's AppTest (type "markdown", in ``at.markdown`` too), whose ``value``
    is the markdown Streamlit writes for it, ``":green-badge[✅ Stable]"``; ``label``, ``color`` and ``icon`` are
    what the script gave (Porch's own, ``at.badge`` lists the badges alone)."""

    @property
    def value(self) -> str:
        icon = self.icon
        label = str(self.props["label"]).replace("[", "\\[").replace("]", "\\]")
        return f":{self.color}-badge[{'' if icon is None else icon + ' '}{label}]"

    @property
    def rendered_text(self) -> str:
        icon = self.icon
        return ("" if icon is None else icon + " ") + str(self.props["label"])

    @property
    def color(self) -> str:
        return str(self.props["color"])

    @property
    def icon(self) -> str | None:
        icon = self.props.get("icon")
        return None if icon is None else str(icon)


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
        if name and (value is None or _is_signature(str(value), str(self.props.get("type")))):
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


#: ``name(params)`` with an optional `` -> annotation``: a signature, or a readable repr (``Point(x=1)``).
_CALL_FORM = re.compile(r"(?P<prefix>[\w.<>]+)\((?P<params>.*)\)(?: -> .*)?", re.S)
#: The types of what ``help`` shows a signature for (callables and classes), whatever their parameters look like.
_SIGNATURE_TYPES = frozenset({
    "function", "method", "builtin_function_or_method", "class", "classmethod", "staticmethod", "method_descriptor",
    "classmethod_descriptor", "wrapper_descriptor", "CachedFunc", "BoundCachedFunc",
})


def _is_signature(value: str, object_type: str) -> bool:
    """Whether a help panel's ``value`` is a qualified name and signature, which ``Help.value`` gives as the name the
    script used, as Streamlit's AppTest does; else it is a readable value (``"'text'"``, ``Point(x=1)``, ``P(1, 2)``).

    A callable's or a class's is; an instance's only when module-qualified (``mod.Box(a, b)``, ``mod.Box()``) and not
    a list of ``field=value`` (a dataclass's repr). Quoted text and a repr cut short are values."""
    found = _CALL_FORM.fullmatch(value)
    if found is None or value[:1] in "'\"" or (len(value) >= 300 and value.endswith("...")):
        return False
    if object_type in _SIGNATURE_TYPES or found["params"].strip() == "...":
        return True
    if "." not in found["prefix"]:
        return False
    params = [part.strip() for part in _top_level_parts(found["params"]) if part.strip()]
    return not params or not all(re.fullmatch(r"\w+=.+", part, re.S) for part in params)


def _top_level_parts(params: str) -> list[str]:
    """``params`` split at the commas outside brackets and quotes."""
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for at, char in enumerate(params):
        if quote:
            quote = "" if char == quote and params[at - 1] != "\\" else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(params[start:at])
            start = at + 1
    parts.append(params[start:])
    return parts


class Space(Element):
    """``space``: ``value`` and ``size`` are its size ("small", "medium", "large", "stretch" or pixels)."""

    @property
    def value(self) -> str | int:
        size = self.props["size"]
        return size if isinstance(size, int) else str(size)

    @property
    def size(self) -> str | int:
        return self.value
