"""printf-style formats as Streamlit's page reads them: its fork of sprintf.js, given the one number a widget shows.

The page formats (``webui/widget.js``, ``sprintf``); here the script learns at once, with a message naming the format,
when the page could not: sprintf.js throws on a placeholder it cannot read (``%q``, ``% d``, ``%E``), on named and
numbered placeholders mixed, and on a number placeholder whose argument is not there (``%2$d``, the second ``%d`` of
``"%d to %d"``, ``%(name)d``): Streamlit's page then fails to draw the widget.
"""

from __future__ import annotations

import re

TEXT = re.compile(r"[^%]+|%%")
PLACEHOLDER = re.compile(
    r"%(?:([1-9]\d*)\$|\(([^)]+)\))?(\+)?(0|'[^$])?(-)?(,|_)?(\d+)?(?:\.(\d+))?([b-gijostTuvxX])"
)
KEY = re.compile(r"[a-z_][a-z_\d]*(?:\.[a-z_][a-z_\d]*|\[\d+\])*", re.IGNORECASE)
#: The types that need a number (sprintf.js's ``numeric_arg``).
NUMERIC = "bcdiefguxX"
EXAMPLES = '"%d", "%.2f", "%,d", "%x", "%1$d"'


def problem(fmt: str) -> str | None:
    """Why sprintf.js cannot format one number with ``fmt``, or None when it can."""
    position, following, kinds = 0, 1, set()
    while position < len(fmt):
        text = TEXT.match(fmt, position)
        if text is not None:
            position = text.end()
            continue
        match = PLACEHOLDER.match(fmt, position)
        if match is None:
            return f"{fmt[position:position + 4]!r} at {position} is not a placeholder (such as {EXAMPLES}; %% is a %)"
        position = match.end()
        index, key, kind = match.group(1), match.group(2), match.group(9)
        kinds.add("named" if key else "positional")
        if len(kinds) > 1:
            return "it mixes named and positional placeholders"
        if key is not None and KEY.fullmatch(key) is None:
            return f"{match.group(0)!r} names no argument"
        number = int(index) if index else 1 if key is not None else following
        following += 0 if index or key is not None else 1
        if kind not in NUMERIC:
            continue  # a missing argument shows as "undefined"
        if key is not None:
            return f"{match.group(0)!r} asks the number for a property: the widget gives one number ({EXAMPLES})"
        if number != 1:
            return f"{match.group(0)!r} asks for argument {number}: the widget gives one number, argument 1"
    return None
