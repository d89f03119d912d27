"""``help``: a panel that describes an object: the expression that named it, its type, its value or signature, its
docstring and its public members with the first line of theirs (Streamlit's DocString element). ``write`` (and so
magic) shows functions, classes, modules and objects without a readable value this way."""

from __future__ import annotations

import ast
import inspect
import re
import sys
import types
from functools import lru_cache
from typing import Any, TypedDict

import porch

from ..context import get_run
from ._layout import Width, width_of
from ._place import Block, show

#: Beyond this many characters a value is cut short ("...").
VALUE_LENGTH = 300
#: At most this many members are listed (a module such as numpy has hundreds).
MEMBER_LIMIT = 500
_MEMORY_ADDRESS = re.compile(r"^<.* at 0x[0-9a-fA-F]+>$", re.DOTALL)


class Member(TypedDict):
    name: str
    #: "class", "function", "method", "property", "int"...
    type: str
    #: A readable value (for plain values), or None.
    value: str | None
    #: The first line of its docstring (for what has no readable value), or None.
    doc: str | None


class Props(TypedDict):
    #: The expression the script named the object with (``help(df)``: "df"), or None.
    name: str | None
    #: "class", "module", "function", "int"...
    type: str
    #: Its value (cut short), or for what has none its qualified name and signature; None when that says no more
    #: than ``name``.
    value: str | None
    doc: str | None
    members: list[Member]
    #: "stretch", "content" or pixels.
    width: str | int


def help(place: Block, obj: Any = porch, *, width: Width = "stretch") -> Block:
    """Show what ``obj`` is: the expression that named it, its type, its value or signature, its docstring, and its
    public members (properties and values first, then functions, then classes), each with the first line of its
    docstring or its value. Without ``obj``, it describes Porch itself.

    Magic does the same for a function, class or module alone on a line (``pandas.read_csv``, ``st``), as does
    ``write``. ``width`` is "stretch" (the default), "content" or a number of pixels.
    """
    layout = width_of(width, "help()")
    name = _expression(sys._getframe(1))
    props: Props = {
        "name": name,
        "type": _type_name(obj),
        "value": _value(obj, name),
        "doc": _docstring(obj),
        "members": _members(obj),
        "width": layout,
    }
    return show(place, "help", props)


# -- the name: the expression in the script's source -----------------------------------------------------------


def _expression(frame: types.FrameType | None) -> str | None:
    """The source of the expression the script passed: the argument of the ``help(...)`` or ``write(...)`` call on
    the script's line that is running, or that line's expression (magic). None if it is a literal or unknown."""
    script = get_run().session.script
    while frame is not None and frame.f_code.co_filename != script.path:
        frame = frame.f_back
    if frame is None:
        return None
    try:
        source = script.source()
        tree = _parse(source)
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None
    line = frame.f_lineno or 0
    if not line:
        return None

    def spans(node: ast.AST) -> bool:
        start = int(getattr(node, "lineno", 0))
        return start <= line <= int(getattr(node, "end_lineno", None) or start)

    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and spans(node) and _callee_name(node.func) in ("help", "write")
    ]
    if calls:
        call = max(calls, key=lambda node: (node.lineno, node.col_offset))  # the innermost
        if not call.args:
            return None
        argument = call.args[0]
        if isinstance(argument, ast.NamedExpr):
            return argument.target.id
        if isinstance(argument, ast.Constant):
            return None
        return _first_line(ast.get_source_segment(source, argument))
    statements = [node for node in ast.walk(tree) if isinstance(node, ast.Expr) and spans(node)]
    if not statements:
        return None
    statement = max(statements, key=lambda node: (node.lineno, node.col_offset))
    if isinstance(statement.value, ast.Constant):
        return None
    text = _first_line(ast.get_source_segment(source, statement.value))
    return text.rstrip(",").rstrip() if text else None


@lru_cache(maxsize=4)
def _parse(source: str) -> ast.Module:
    return ast.parse(source)


def _callee_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _first_line(text: str | None) -> str | None:
    if not text:
        return None
    return text.split("\n", 1)[0].strip() or None


# -- what the object is ------------------------------------------------------------------------------------------


def _type_name(obj: Any) -> str:
    return "class" if inspect.isclass(obj) else type(obj).__name__


def _qualified_name(obj: Any) -> str | None:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return name if isinstance(name, str) and name else None


def _signature(obj: Any) -> str | None:
    if not inspect.isclass(obj) and not callable(obj):
        return None
    try:
        try:
            return str(inspect.signature(obj, eval_str=True))  # "x: int", not "x: 'int'", under postponed annotations
        except Exception:  # an annotation that names what only a type checker sees
            return str(inspect.signature(obj))
    except ValueError:  # a builtin without a readable signature
        return "(...)"
    except TypeError:
        return None


def _value(obj: Any, name: str | None) -> str | None:
    readable = _readable(obj)
    if readable is not None:
        return readable
    target = obj
    qualified = _qualified_name(obj)
    if qualified is None:  # an instance of some class: describe the class
        target = type(obj)
        qualified = _qualified_name(target)
    if qualified is None:
        return None
    module = getattr(target, "__module__", None)
    value = f"{module}.{qualified}" if isinstance(module, str) and module else qualified
    value += _signature(target) or ""
    return None if value == name else value


def _readable(value: Any) -> str | None:
    """A short ``repr`` of a plain value; None for classes, modules, callables and memory addresses."""
    if inspect.isclass(value) or inspect.ismodule(value) or callable(value):
        return None
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ says nothing readable
        return None
    if not isinstance(value, str) and _MEMORY_ADDRESS.match(text.strip()):
        return None
    text = text.strip()
    return text[:VALUE_LENGTH] + "..." if len(text) > VALUE_LENGTH else text


def _docstring(obj: Any) -> str | None:
    try:
        doc = inspect.getdoc(obj)
        if doc is None and not (
            type(obj) is type or inspect.ismodule(obj) or inspect.isfunction(obj) or inspect.ismethod(obj)
        ):
            doc = inspect.getdoc(type(obj))  # an instance without docs of its own: its class's
    except Exception:  # a docstring that cannot be read is no docstring
        return None
    return doc.strip() or None if doc else None


def _is_property(obj: Any, name: str) -> bool:
    for cls in inspect.getmro(type(obj)):
        attribute = cls.__dict__.get(name)
        if isinstance(attribute, property) or inspect.isgetsetdescriptor(attribute):
            return True
    return False


def _weight(value: Any) -> int:
    if inspect.isclass(value):
        return 2
    return 1 if callable(value) else 0


def _members(obj: Any) -> list[Member]:
    """The public members: a module's ``__all__`` if it has one (not what it imported for itself), else what
    ``dir()`` lists without a leading underscore."""
    try:
        public = getattr(obj, "__all__", None) if inspect.ismodule(obj) else None
        if isinstance(public, (list, tuple)) and all(isinstance(name, str) for name in public):
            names = sorted(name for name in set(public) if not name.startswith("_"))
        else:
            names = [name for name in dir(obj) if not name.startswith("_")]
    except Exception:  # an object whose dir() fails has no members to list
        return []
    found: list[tuple[int, Member]] = []
    for name in names:
        if _is_property(obj, name):
            # Never run a property to describe it: its getter may do anything.
            doc = _docstring(getattr(type(obj), name, None))
            found.append((0, {"name": name, "type": "property", "value": None, "doc": _first_line(doc)}))
            continue
        try:
            value = getattr(obj, name)
        except Exception:  # an attribute that fails to load is left out
            continue
        if inspect.ismodule(value):
            continue  # imported modules would drown the rest
        readable = _readable(value)
        member: Member = {
            "name": name,
            "type": _type_name(value),
            "value": readable,
            "doc": None if readable is not None else _first_line(_docstring(value)),
        }
        found.append((_weight(value), member))
        if len(found) >= MEMBER_LIMIT:
            break
    found.sort(key=lambda item: (item[0], item[1]["name"]))
    return [member for _, member in found]
