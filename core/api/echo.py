"""``echo``: a ``with`` block that shows its own code, read from the script's source, as a ``code`` element above or
below what the block shows. Not an element of its own: the code is a ``code`` element."""

from __future__ import annotations

import ast
import contextlib
import linecache
import sys
import textwrap
import types
from collections.abc import Iterator
from typing import Literal

from ..context import get_run
from ..elements import alert, code
from ..elements._place import Block
from ..errors import PorchAPIError

CODE_LOCATIONS = ("above", "below")


@contextlib.contextmanager
def echo(place: Block, code_location: Literal["above", "below"] = "above") -> Iterator[None]:
    """Show the code of a ``with`` block, and run it: ``with st.echo(): ...``.

    The code is read from the script's source and shown as a Python ``code`` element, ``code_location="above"``
    (the default) before what the block shows, or ``"below"`` after it once the block has finished. Above, the code
    is shown as the block starts, so it stays in view while the block runs, and also when the block fails.
    """
    if code_location not in CODE_LOCATIONS:
        raise PorchAPIError(f"echo(): code_location must be one of {CODE_LOCATIONS}, not {code_location!r}")
    try:
        text = _block_source(sys._getframe(1))
        problem = None
    except LookupError as error:
        text, problem = "", str(error)
    if problem is not None:
        alert.warning(place, f"echo() cannot show this block's code: {problem}")
    elif code_location == "above":
        code.code(place, text, "python")
    yield
    if problem is None and code_location == "below":
        code.code(place, text, "python")


def _block_source(frame: types.FrameType | None) -> str:
    """The code of the body of the ``with`` statement that ``frame`` (or the first frame above it that is neither
    contextlib's nor Porch's) is running; LookupError when it cannot be found."""
    while frame is not None and _not_the_callers(frame):
        frame = frame.f_back
    if frame is None:
        raise LookupError("no caller")
    filename, line = frame.f_code.co_filename, frame.f_lineno
    if line is None:
        raise LookupError("no line is running")
    script = get_run().session.script
    try:
        source = script.source() if filename == script.path else "".join(linecache.getlines(filename))
        tree = ast.parse(source) if source else None
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError) as error:
        raise LookupError(f"its source cannot be read ({error})") from None
    if tree is None:
        raise LookupError(f"the source of {filename} is not available")
    blocks = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.With, ast.AsyncWith)) and node.lineno <= line <= _header_end(node)
    ]
    if not blocks:
        raise LookupError(f"no with statement at line {line} of {filename}")
    block = max(blocks, key=lambda node: (node.lineno, node.col_offset))  # the innermost
    lines = source.splitlines()
    header_end = _header_end(block)
    if block.body[0].lineno > header_end:
        body = "\n".join(lines[header_end : block.end_lineno])
    else:  # ``with st.echo(): statement`` on one line
        body = "\n".join(ast.get_source_segment(source, statement) or "" for statement in block.body)
    return textwrap.dedent(body).strip("\n").rstrip()


def _not_the_callers(frame: types.FrameType) -> bool:
    """Whether ``frame`` stands between ``echo`` and the ``with`` statement: contextlib's, or one of Porch's."""
    module = frame.f_globals.get("__name__")
    return module == "contextlib" or (isinstance(module, str) and (module == "porch" or module.startswith("porch.")))


def _header_end(node: ast.With | ast.AsyncWith) -> int:
    """The last line of a ``with`` statement's header (its items), before its body."""
    ends = [node.lineno]
    for item in node.items:
        ends.append(item.context_expr.end_lineno or item.context_expr.lineno)
        if item.optional_vars is not None:
            ends.append(item.optional_vars.end_lineno or item.optional_vars.lineno)
    return max(ends)
