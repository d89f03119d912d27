"""``write`` and magic: show any value the way that suits its type, as Streamlit does. Not an element of its own:
it picks the elements (markdown, json, exception, html, a row of them) that show each argument."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

from ..elements._place import ERROR_PLACE, Block, created_by
from ..elements.exception import exception
from ..elements.help import help, shows_help
from ..elements.html import html
from ..elements.json import is_mapping_like, json
from ..elements.markdown import markdown
from ..elements.row import row
from ..run import Run
from ..state import SessionState


def write(place: Block, *args: Any, unsafe_allow_html: bool = False) -> None:
    """Show each argument the way that suits its type.

    Strings are markdown; numbers and other plain values join them as inline code, so that ``write("Total:", 5)``
    reads as one line. Dicts and lists become a JSON view, exceptions an error box, objects with ``_repr_html_``
    their HTML; functions, classes, modules, dataclass instances and objects with no readable text a ``help``
    panel. When the arguments make several elements, they sit side by side in one row.
    """
    parts: list[Callable[[Block], object]] = []
    strings: list[str] = []

    def flush() -> None:
        if strings:
            body = " ".join(strings)
            parts.append(lambda target: markdown(target, body, unsafe_allow_html=unsafe_allow_html))
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
        parts[0](place)
    elif parts:
        line = row(place)
        for part in parts:
            part(line)


def _as_markdown(arg: Any) -> str | None:
    """The markdown ``write`` shows for ``arg`` within a line of text, or None if it needs an element of its own."""
    if isinstance(arg, str):
        return arg
    if isinstance(arg, (BaseException, dict, list, tuple)) or is_mapping_like(arg):
        return None
    if shows_help(arg) or (hasattr(arg, "_repr_html_") and callable(arg._repr_html_)):
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


def _writer(arg: Any) -> Callable[[Block], object]:
    if isinstance(arg, BaseException):
        return lambda target: exception(target, arg)
    if isinstance(arg, (dict, list, tuple)) or is_mapping_like(arg):
        return lambda target: json(target, arg)
    if shows_help(arg):
        return lambda target: help(target, arg)
    body = str(arg._repr_html_())
    return lambda target: html(target, body)


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

    write(main, value)
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

    place: Block = run.container_stack[-1] if run.container_stack else main
    left = getattr(exc, ERROR_PLACE, None)
    if isinstance(left, Block) and created_by(left, run):
        place = left
    exception(place, exc)
