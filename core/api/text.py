"""Text elements: headings, markdown, code, alerts, JSON, exceptions, progress, and ``write``."""

from __future__ import annotations

import json
import os
import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from weakref import WeakKeyDictionary
from typing import Any

from .. import markdown_html as markdown
from ..context import get_run
from ..errors import PorchAPIError, exception_hints
from ..state import SessionState
from .base import ERROR_PLACE, Block

from ..run import Run

_PORCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALERT_LEVELS = ("info", "success", "warning", "error")
DIVIDER_COLOURS = ("blue", "green", "orange", "red", "violet")
#: How many headings with ``divider=True`` each run has shown so far.
_DIVIDERS: WeakKeyDictionary[Run, int] = WeakKeyDictionary()


class TextElements(Block):
    def title(self, body: Any, anchor: str | bool | None = None, *, help: str | None = None) -> Block:
        return self._heading(1, body, anchor, help, False)

    def header(
        self, body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: bool | str = False
    ) -> Block:
        return self._heading(2, body, anchor, help, divider)

    def subheader(
        self, body: Any, anchor: str | bool | None = None, *, help: str | None = None, divider: bool | str = False
    ) -> Block:
        return self._heading(3, body, anchor, help, divider)

    def _heading(self, level: int, body: Any, anchor: str | bool | None, help: str | None, divider: bool | str) -> Block:
        text = str(body)
        if anchor is False:
            slug = None
        elif isinstance(anchor, str):
            slug = anchor
        else:
            slug = markdown.slug(text) or None
        return self._element(
            "heading",
            {
                "level": level,
                "html": markdown.render_inline(text),
                "anchor": slug,
                "divider": _divider_colour(divider),
                "help": help,
            },
        )

    def markdown(self, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> Block:
        html = markdown.render(_dedent(str(body)), allow_html=bool(unsafe_allow_html))
        return self._element("markdown", {"html": html, "variant": None, "help": help})

    def caption(self, body: Any, unsafe_allow_html: bool = False, *, help: str | None = None) -> Block:
        html = markdown.render(_dedent(str(body)), allow_html=bool(unsafe_allow_html))
        return self._element("markdown", {"html": html, "variant": "caption", "help": help})

    def text(self, body: Any, *, help: str | None = None) -> Block:
        return self._element("text", {"body": str(body), "help": help})

    def code(self, body: str, language: str | None = "python", *, line_numbers: bool = False) -> Block:
        return self._element(
            "code", {"body": str(body), "language": language, "line_numbers": bool(line_numbers), "html": None}
        )

    def json(self, body: Any, *, expanded: bool = True) -> Block:
        if isinstance(body, str):
            try:
                body = json.loads(body)
            except ValueError:
                pass
        elif not isinstance(body, dict) and _is_mapping_like(body):
            body = {key: body[key] for key in body.keys()}  # session_state and other mappings show as objects
        return self._element("json", {"value": _jsonable(body), "expanded": bool(expanded)})

    def divider(self) -> Block:
        return self._element("divider", {})

    def info(self, body: Any, *, icon: str | None = None) -> Block:
        return self._alert("info", body, icon)

    def success(self, body: Any, *, icon: str | None = None) -> Block:
        return self._alert("success", body, icon)

    def warning(self, body: Any, *, icon: str | None = None) -> Block:
        return self._alert("warning", body, icon)

    def error(self, body: Any, *, icon: str | None = None) -> Block:
        return self._alert("error", body, icon)

    def _alert(self, level: str, body: Any, icon: str | None) -> Block:
        return self._element("alert", {"level": level, "html": markdown.render(_dedent(str(body))), "icon": icon})

    def exception(self, exception: BaseException) -> Block:
        return self._element("exception", exception_props(exception))

    def progress(self, value: int | float, text: str | None = None) -> Block:
        return self._element(
            "progress",
            {"value": _percent(value), "text_html": markdown.render_inline(str(text)) if text is not None else None},
        )

    @contextmanager
    def spinner(self, text: str = "In progress...") -> Iterator[None]:
        slot = self._element("spinner", {"text": str(text)})
        try:
            yield
        finally:
            slot._element("empty", {})

    def empty(self) -> Block:
        return self._element("empty", {})

    def write(self, *args: Any, unsafe_allow_html: bool = False) -> None:
        """Show each argument the way that suits its type, as Streamlit does.

        Strings are markdown; numbers and other plain values join them as inline code, so that
        ``write("Total:", 5)`` reads as one line. Dicts and lists become a JSON view, exceptions an error box,
        objects with ``_repr_html_`` their HTML. When the arguments make several elements, they sit side by side in
        one row.
        """
        parts: list[Callable[[TextElements], object]] = []
        strings: list[str] = []

        def flush() -> None:
            if strings:
                body = " ".join(strings)
                parts.append(lambda target: target.markdown(body, unsafe_allow_html=unsafe_allow_html))
                strings.clear()

        for arg in args:
            text = _as_markdown(arg)
            if text is not None:
                strings.append(text)
                continue
            flush()
            parts.append(_writer(arg))
        flush()
        if len(parts) == 1:
            parts[0](self)
        elif parts:
            row = self._block("row", "", {})
            for part in parts:
                part(row)


def _as_markdown(arg: Any) -> str | None:
    """The markdown ``write`` shows for ``arg`` within a line of text, or None if it needs an element of its own."""
    if isinstance(arg, str):
        return arg
    if isinstance(arg, (BaseException, dict, list, tuple)) or _is_mapping_like(arg):
        return None
    if hasattr(arg, "_repr_html_") and callable(arg._repr_html_):
        return None
    if hasattr(arg, "_repr_markdown_") and callable(arg._repr_markdown_):
        return str(arg._repr_markdown_())
    text = str(arg)
    fence = "`" * (_longest_run(text, "`") + 1)
    if "\n" in text:
        fence = "`" * max(3, len(fence))
        return f"\n{fence}\n{text}\n{fence}\n"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def _writer(arg: Any) -> Callable[[TextElements], object]:
    if isinstance(arg, BaseException):
        return lambda target: target.exception(arg)
    if isinstance(arg, (dict, list, tuple)) or _is_mapping_like(arg):
        return lambda target: target.json(arg)
    html = str(arg._repr_html_())
    return lambda target: target._element("html", {"html": html})


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(f"{re.escape(char)}+", text)
    return max((len(run) for run in runs), default=0)


def magic_write(value: Any, callee_root: Any = None) -> Any:
    """What a bare expression in the script turns into (see ``porch.magic``).

    ``None`` and what Porch's own functions return (a widget's value, a container, an element to replace) are not
    shown. ``callee_root`` is, for a call, the object its callee hangs from (``st`` in ``st.sidebar.slider(...)``).
    """
    if value is None or isinstance(value, Block) or _is_porch(callee_root):
        return value
    if isinstance(value, list) and value and all(isinstance(item, Block) for item in value):
        return value  # columns() or tabs()
    from .container import main

    main.write(value)
    return value


def _is_porch(obj: Any) -> bool:
    """Whether ``obj`` is Porch's: the module, one of its functions, a container, ``session_state``..."""
    if obj is None:
        return False
    if isinstance(obj, (Block, SessionState)):
        return True
    try:
        name = obj.__name__ if isinstance(obj, ModuleType) else getattr(obj, "__module__", None)
    except Exception:  # an object whose attribute access fails is not Porch's
        return False
    return isinstance(name, str) and (name == "porch" or name.startswith("porch."))


def show_exception(run: Run, exc: BaseException) -> None:
    """Show an exception that ended a run, in the innermost open container (or the main area)."""
    from .container import main

    target: Block = run.container_stack[-1] if run.container_stack else main
    place = getattr(exc, ERROR_PLACE, None)
    if isinstance(place, Block) and place._run in (None, run):
        target = place
    if isinstance(target, TextElements):
        target.exception(exc)


def exception_props(exc: BaseException) -> dict[str, Any]:
    """The exception's type, message and the traceback of the user's own code (Porch's frames left out)."""
    if isinstance(exc, SyntaxError):
        lines = traceback.format_exception_only(type(exc), exc)[:-1]
        message = f"{exc.msg} ({os.path.basename(exc.filename or '')}, line {exc.lineno})"
    else:
        frames = [
            frame
            for frame in traceback.extract_tb(exc.__traceback__)
            if not os.path.abspath(frame.filename).startswith(_PORCH_DIR + os.sep)
        ]
        lines = traceback.format_list(frames)
        message = str(exc)
    for hint in exception_hints:
        advice = hint(exc)
        if advice:
            message = f"{message}\n\n{advice}"
    return {"type": type(exc).__name__, "message": message, "traceback": [line.rstrip("\n") for line in lines]}


def _divider_colour(divider: bool | str) -> str | bool:
    """``divider=True`` cycles through colours heading by heading within a run, as Streamlit does."""
    if divider is not True:
        return divider or False
    run = get_run()
    count = _DIVIDERS.get(run, 0)
    _DIVIDERS[run] = count + 1
    return DIVIDER_COLOURS[count % len(DIVIDER_COLOURS)]


def _percent(value: int | float) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PorchAPIError(f"progress() takes an int from 0 to 100 or a float from 0.0 to 1.0, not {value!r}")
    if isinstance(value, int):
        if not 0 <= value <= 100:
            raise PorchAPIError(f"progress({value}): an int must be between 0 and 100")
        return value
    if not 0.0 <= value <= 1.0:
        raise PorchAPIError(f"progress({value}): a float must be between 0.0 and 1.0")
    return int(round(value * 100))


def _dedent(text: str) -> str:
    """Strip the indentation of a triple-quoted string written inside an indented block, as Streamlit does."""
    import textwrap

    return textwrap.dedent(text).strip("\n") if "\n" in text else text


def _is_mapping_like(value: Any) -> bool:
    return hasattr(value, "keys") and hasattr(value, "__getitem__") and not hasattr(value, "_repr_html_")


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (unknown objects become their repr)."""
    try:
        return json.loads(json.dumps(value, default=repr, allow_nan=False))
    except ValueError:
        return json.loads(json.dumps(value, default=repr).replace("NaN", "null").replace("Infinity", "null"))
