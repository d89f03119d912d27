"""The client's own modules as they are served: without their comments and indentation, line for line.

The client has no build step: its modules are written for people to read and type-check (JSDoc types, explanations),
and about 40% of what a page downloaded was those comments and the indentation, compressed. :func:`without_comments`
drops both and keeps every line where it was (a comment's lines become empty lines), so a stack trace's line numbers
still point into the source file; the code itself, strings and template literals included, is untouched (the tests
check every client module with TypeScript's parser: the same tokens, the same text). Third-party builds (``vendor/``)
are served as they come.

A scanner that tells code, strings, template literals (with their ``${...}`` parts), regular expression literals and
comments apart, as a JavaScript tokenizer does; a source it cannot follow to the end in a known state (an unterminated
string, a brace too many) is served as it is. Written here rather than taken from a minifier for Python because the
one in use (rJSmin 1.3) cuts a template literal nested in another's ``${...}`` at a ``//`` inside it, and the others
need Node or a compiled esbuild; keeping lines also keeps stack traces readable, which minifiers do not.
"""

from __future__ import annotations

import re

#: Keywords after which a ``/`` starts a regular expression literal (after other words: a division).
_REGEX_AFTER_WORDS = frozenset({
    "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield",
    "await",
})
#: After these characters a ``/`` is a division (after the others, and at the start: a regex literal).
_DIVISION_AFTER = frozenset(")]}'\"`")
_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$"
_WORD_CHARS = frozenset(_WORD)

#: One token of code at a time (the scanner's loop runs once per token, not per character).
_CODE = re.compile(
    r"""(?P<plain>[^'"`/{}\n]+)"""
    r"""|(?P<newline>\n)"""
    r"""|(?P<line>//[^\n]*)"""
    r"""|(?P<block>/\*.*?\*/)"""
    r"""|(?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
    r"""|(?P<char>.)""",
    re.DOTALL,
)
#: What a line must not hold to be taken whole: a template, a comment, a regex or a division (any ``/``), or a string
#: that goes on to the next line (a backslash at its end). Its strings, if any, end on it: what ends it is then code.
_SPECIAL = re.compile(r"""[`/]|\\\r?$""")
#: A regex literal from its opening ``/``: classes may hold ``/``; it ends on its line.
_REGEX = re.compile(r"""/(?:[^/\\\[\n]|\\[^\n]|\[(?:[^\]\\\n]|\\[^\n])*\])+/[A-Za-z]*""")
#: The text of a template literal up to its end, a ``${``, or the end of the source.
_TEMPLATE_TEXT = re.compile(r"""(?:[^`\\$]|\\.|\$(?!\{))*""", re.DOTALL)


def without_comments(source: str) -> str:
    """``source`` (a JavaScript module) without comments, without leading and trailing blanks on the lines of code,
    with the same number of lines; ``source`` itself when it does not scan to a clean end."""
    out: list[str] = []
    # One frame per nesting: code (its count of open braces, >= 0; not counted at the top level, where no "}" can
    # end a template's ${...}) or a template literal (-1).
    stack = [0]
    line_start = True  # nothing but blanks since the last newline, in code (its indentation is dropped)
    last = ""  # the last token of code (or its last character), to tell a regex from a division
    i, n = 0, len(source)
    while i < n:
        if stack[-1] < 0:  # in a template literal
            text = _TEMPLATE_TEXT.match(source, i)
            end = text.end() if text else i
            out.append(source[i:end])
            i = end
            if i >= n:
                return source
            if source[i] == "`":
                stack.pop()
                out.append("`")
                last = "`"
                i += 1
            else:  # "${"
                stack.append(0)
                out.append("${")
                last = "{"
                i += 2
            continue
        if len(stack) == 1 and (i == 0 or source[i - 1] == "\n") and source[i] != "\n":
            # A line of code at the top level (braces there matter to nothing) with no template, regex or comment:
            # at once, without its blanks.
            end = source.find("\n", i)
            end = n if end < 0 else end
            if _SPECIAL.search(source, i, end) is None:
                line = source[i:end].strip(" \t\r")
                if line:
                    out.append(line)
                    last = _last_token(line)
                    line_start = False
                i = end
                continue
        match = _CODE.match(source, i)
        if match is None:  # pragma: no cover - the last alternative matches any character
            return source
        kind, token = match.lastgroup, match.group()
        i = match.end()
        if kind == "plain":  # code with no string, template, regex, comment or brace in it: as it is
            if line_start:
                token = token.lstrip(" \t\r")
            if token:
                out.append(token)
                line_start = False
                shown = token.rstrip(" \t\r")
                if shown:
                    last = _last_token(shown)
        elif kind == "newline":
            _trim_trailing(out)
            out.append("\n")
            line_start = True
        elif kind == "line":
            pass
        elif kind == "block":
            newlines = token.count("\n")
            if newlines:
                _trim_trailing(out)
                out.append("\n" * newlines)
                line_start = True
            elif not line_start:
                out.append(" ")  # `a/**/b` is two tokens, `ab` one
        else:
            line_start = False
            if kind == "string":
                out.append(token)
                last = token
            elif token == "/":
                if source.startswith("/*", i - 1):
                    return source  # a comment that does not close
                if not _starts_regex(last):
                    out.append(token)
                    last = token
                    continue
                regex = _REGEX.match(source, i - 1)
                if regex is None:
                    return source
                out.append(regex.group())
                last = "/"
                i = regex.end()
            elif token == "`":
                stack.append(-1)
                out.append(token)
            elif token == "{":
                if len(stack) > 1:  # braces count inside a template's ${...} only: its "}" ends it
                    stack[-1] += 1
                out.append(token)
                last = token
            elif token == "}":
                out.append(token)
                last = token
                if len(stack) == 1:
                    pass
                elif stack[-1] > 0:
                    stack[-1] -= 1
                else:
                    stack.pop()  # the end of a template's ${...}: back in the template
            else:  # a quote that does not close on its line
                return source
    if stack != [0]:
        return source
    _trim_trailing(out)
    return "".join(out)


def _trim_trailing(out: list[str]) -> None:
    """Drop the blanks that end the line being written, at a newline of code (what was written last is then code, a
    string, a regex or a template's closing backtick: never a template's text)."""
    while out and "\n" not in out[-1]:
        kept = out[-1].rstrip(" \t\r")
        if kept:
            out[-1] = kept
            return
        out.pop()


def _last_token(code: str) -> str:
    """The word ``code`` (a run of code not ending in a blank) ends with, or its last character."""
    word = code[len(code.rstrip(_WORD)) :]
    return word or code[-1]


def _starts_regex(last: str) -> bool:
    """Whether a ``/`` after ``last`` (the previous token of code) opens a regex literal."""
    if not last:
        return True
    if last[-1] in _WORD_CHARS:
        return last in _REGEX_AFTER_WORDS
    return last[-1] not in _DIVISION_AFTER
