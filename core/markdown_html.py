"""Markdown to HTML on the server, so the client needs no parser and raw HTML in text can never run.

CommonMark with GitHub tables and strikethrough (markdown-it-py), plus Streamlit's extras, each a markdown-it rule
that yields its own tokens (so none of them reaches into code spans, code blocks, link targets or raw HTML):

- coloured text ``:red[...]``, backgrounds ``:red-background[...]``, badges ``:red-badge[...]`` and ``:small[...]``
  (the bracketed text is markdown again, so directives nest): ``<span class="porch-fg-red">`` and so on, styled by
  ``webui/style.css`` for every kind that shows markdown;
- Material icons ``:material/home:``: ``<span class="material-icon" data-icon="home" role="img" aria-label="home">``
  with the icon's name as its text, which the bundled Material Symbols Rounded font (webui/vendor/material-symbols,
  declared in webui/widget.css) draws as the glyph through its ligatures: the markup ``showIcon`` in webui/widget.js
  gives an element's ``icon``. The browser downloads the font only for a page that shows an icon;
- emoji shortcodes ``:smile:`` ``:+1:`` (GitHub's names and Unicode's, from the ``emoji`` package); unknown names
  stay as they are;
- LaTeX: ``$...$`` (and ``$$...$$``) inside a paragraph, ``$$`` on lines of their own for a display formula, turned
  into MathML here (:func:`latex`), which browsers draw themselves. Single dollars follow Pandoc's rule: no space
  just inside them and no digit right after the closing one, so "$5 and $10" stays text; ``\\$`` is a dollar.

Raw HTML is escaped unless the script passes ``unsafe_allow_html=True``; link targets such as ``javascript:`` are
refused by markdown-it's link validation either way. No rule lets text from the script make a tag: colour names
and icon names are matched against fixed patterns, emoji come from a table, and MathML is rebuilt from the
converter's element tree with allowed element and attribute names only, every text escaped.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

COLORS = ("red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "rainbow", "primary")
#: Badges come in every colour but the rainbow, as in Streamlit.
BADGE_COLORS = tuple(color for color in COLORS if color != "rainbow")
#: The longest LaTeX source turned into MathML; a longer one shows as its source, marked as an error.
MAX_LATEX = 20_000

_DIRECTIVE = re.compile(r":([a-z]+)(?:-(background|badge))?\[")
_ICON = re.compile(r":material/([a-z0-9_]{1,64}):")
_SHORTCODE = re.compile(r":([A-Za-z0-9_+\-]{1,64}):")
#: A directive's suffix -> the class prefix: ``:red[`` fg, ``:red-background[`` bg, ``:red-badge[`` badge.
_STYLES = {None: "fg", "background": "bg", "badge": "badge"}


# ---- Inline rules ----------------------------------------------------------------------------------------------


def _colon(state: StateInline, silent: bool) -> bool:
    """Everything that starts with ``:``: a Material icon, a colour/badge/small directive, an emoji shortcode."""
    if state.src[state.pos] != ":":
        return False
    return _icon(state, silent) or _directive(state, silent) or _emoji(state, silent)


def _icon(state: StateInline, silent: bool) -> bool:
    match = _ICON.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("porch_icon", "span", 0)
        token.meta = {"name": match.group(1)}
    state.pos = match.end()
    return True


def _directive(state: StateInline, silent: bool) -> bool:
    match = _DIRECTIVE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    name, suffix = match.group(1), match.group(2)
    if name == "small" and suffix is None:
        tag, css = "small", None
    elif name in COLORS and (suffix != "badge" or name in BADGE_COLORS):
        color = "gray" if name == "grey" else name
        tag, css = "span", f"porch-{_STYLES[suffix]}-{color}"
    else:
        return False
    start = match.end() - 1
    end = state.md.helpers.parseLinkLabel(state, start)
    if end < 0:
        return False
    if not silent:
        old_max = state.posMax
        state.pos, state.posMax = start + 1, end
        opening = state.push("porch_directive_open", tag, 1)
        if css:
            opening.attrs = {"class": css}
        state.md.inline.tokenize(state)
        state.push("porch_directive_close", tag, -1)
        state.posMax = old_max
    state.pos = end + 1
    return True


def _emoji(state: StateInline, silent: bool) -> bool:
    match = _SHORTCODE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    name = match.group(1)
    names = _emoji_names()
    char = names.get(name) or names.get(name.lower())
    if char is None:
        return False
    if not silent:
        state.push("text", "", 0).content = char
    state.pos = match.end()
    return True


@lru_cache(maxsize=1)
def _emoji_names() -> dict[str, str]:
    """Shortcode -> emoji: GitHub's aliases (``+1``, ``smile``) first, then Unicode's English names."""
    import emoji

    names: dict[str, str] = {}
    for char, data in emoji.EMOJI_DATA.items():
        for alias in data.get("alias", ()):
            names.setdefault(alias.strip(":"), char)
    for char, data in emoji.EMOJI_DATA.items():
        english = data["en"].strip(":")
        names.setdefault(english, char)
        names.setdefault(english.lower(), char)
    return names


def _math_inline(state: StateInline, silent: bool) -> bool:
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] != "$":
        return False
    double = src.startswith("$$", pos)
    if double:
        close = _closing(src, "$$", pos + 2, end)
        if close <= pos + 2:
            return False
        content, after = src[pos + 2 : close], close + 2
    else:
        start = pos + 1
        if start >= end or src[start].isspace():
            return False
        closings = _single_closings(src)
        at = bisect_right(closings, start)
        if at < len(closings) and closings[at] < end:
            close = closings[at]
        elif end - 1 > start and src[end - 1] == "$" and not src[end - 2].isspace() and not _escaped(src, end - 1):
            close = end - 1  # the last character of the text it is in: what follows ``end`` does not count
        else:
            return False
        content, after = src[start:close], close + 1
    if not silent:
        token = state.push("porch_math_inline", "math", 0)
        token.content = content
        token.markup = "$$" if double else "$"
    state.pos = after
    return True


@lru_cache(maxsize=64)
def _single_closings(src: str) -> list[int]:
    """Where a single ``$`` may close inline math in ``src``, in order: unescaped, after a non-space, before no
    digit. Found once per text, so that many openings cost no more than one look each."""
    return [
        at
        for at, char in enumerate(src)
        if char == "$"
        and at > 0
        and not src[at - 1].isspace()
        and not (at + 1 < len(src) and src[at + 1].isdigit())
        and not _escaped(src, at)
    ]


def _escaped(src: str, at: int, start: int = 0) -> bool:
    """Whether an odd run of backslashes (after ``start``) stands right before ``src[at]``."""
    backslashes = 0
    while at - backslashes - 1 >= start and src[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _closing(src: str, marker: str, start: int, end: int) -> int:
    """The next ``marker`` in ``src[start:end]`` that no backslash escapes, or -1."""
    at = src.find(marker, start, end)
    while at >= 0 and _escaped(src, at, start):
        at = src.find(marker, at + 1, end)
    return at


# ---- Block rule ------------------------------------------------------------------------------------------------


def _math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``$$`` at the start of a line opens a display formula that ends at the next line ending in ``$$``; a line
    ``$$...$$`` alone is one too."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[begin : state.eMarks[start_line]]
    if not first.startswith("$$"):
        return False
    rest = first[2:].rstrip()
    line = start_line + 1
    if rest.endswith("$$") and len(rest) >= 2:
        body = rest[:-2]
        if "$$" in body:
            return False
    elif "$$" in rest:
        return False
    else:
        lines = [rest]
        while True:
            if line >= end_line:
                return False
            if state.sCount[line] < state.blkIndent and not state.isEmpty(line):
                return False
            text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
            line += 1
            if text.endswith("$$"):
                lines.append(text[:-2])
                break
            lines.append(text)
        body = "\n".join(lines)
    if silent:
        return True
    token = state.push("porch_math_block", "math", 0)
    token.block = True
    token.content = body.strip()
    token.markup = "$$"
    token.map = [start_line, line]
    state.line = line
    return True


# ---- Rendering -------------------------------------------------------------------------------------------------


def _render_icon(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    name = tokens[idx].meta["name"]  # [a-z0-9_] only: see _ICON
    label = name.replace("_", " ")
    return f'<span class="material-icon" data-icon="{name}" role="img" aria-label="{label}">{name}</span>'


def _render_math_inline(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return latex(tokens[idx].content)


def _render_math_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f'<div class="porch-math">{latex(tokens[idx].content, display=True)}</div>\n'


@lru_cache(maxsize=2)
def _parser(allow_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "breaks": False}).enable(["table", "strikethrough"])
    md.inline.ruler.after("backticks", "porch_math_inline", _math_inline)
    md.inline.ruler.after("porch_math_inline", "porch_colon", _colon)
    md.block.ruler.before(
        "fence", "porch_math_block", _math_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.add_render_rule("porch_icon", _render_icon)
    md.add_render_rule("porch_math_inline", _render_math_inline)
    md.add_render_rule("porch_math_block", _render_math_block)
    return md


@lru_cache(maxsize=4096)
def render(text: str, *, allow_html: bool = False) -> str:
    """``text`` as block markdown: paragraphs, lists, tables, display formulas..."""
    return str(_parser(allow_html).render(text))


@lru_cache(maxsize=4096)
def render_inline(text: str, *, allow_html: bool = False) -> str:
    """``text`` as one line of markdown (a heading, a label): no paragraphs, every extra still there."""
    return str(_parser(allow_html).renderInline(text))


@lru_cache(maxsize=4096)
def render_label(text: str, *, links: bool = True) -> str:
    """``text`` as Streamlit 1.67 draws a label's Markdown (``isLabel``): inline only, so a line's list, heading or
    quote marker stays text, raw HTML escaped; ``links=False`` keeps a link's text without the link
    (``disableLinks``: a label inside a link, as a page link's or a menu entry's)."""
    md = _parser(False)
    tokens = md.parseInline(text)
    if not links:
        for token in tokens:
            if token.children:
                token.children = [child for child in token.children if child.type not in ("link_open", "link_close")]
    return str(md.renderer.render(tokens, md.options, {}))


_SLUG_ICON = re.compile(r":material/[a-z0-9_]+:")
_SLUG_MATH = re.compile(r"\$+([^$]*)\$+")
_SLUG_TAG = re.compile(r"<[^>]*>")
_SLUG_DROPPED = re.compile(r"[^\w\s-]")
_SLUG_SPACES = re.compile(r"[\s]+")


def slug(text: str) -> str:
    """An anchor name for a heading, as GitHub makes them, from the words it shows: ``:blue[Intro] to [Porch](url)``
    is ``intro-to-porch``. A formula counts by its LaTeX, an icon not at all."""
    shown = _SLUG_MATH.sub(r"\1", _SLUG_ICON.sub("", text))
    shown = html.unescape(_SLUG_TAG.sub("", render_inline(shown)))
    return _SLUG_SPACES.sub("-", _SLUG_DROPPED.sub("", shown.lower()).strip())


# ---- LaTeX to MathML -------------------------------------------------------------------------------------------

#: MathML elements kept from the converter's tree (MathML Core and the few others browsers draw as rows); any
#: other element becomes an ``mrow`` of its children.
MATHML_ELEMENTS = frozenset(
    "math mrow mi mn mo ms mtext mspace msup msub msubsup munder mover munderover mfrac msqrt mroot mstyle merror "
    "mpadded mphantom menclose mtable mtr mtd mlabeledtr mmultiscripts mprescripts none semantics".split()
)
#: Presentation attributes kept; others (``href``, ``style``, ``xmlns``, event handlers...) are dropped.
MATHML_ATTRIBUTES = frozenset(
    "display displaystyle scriptlevel mathvariant mathsize mathcolor mathbackground stretchy fence form separator "
    "lspace rspace minsize maxsize movablelimits symmetric largeop accent accentunder linethickness columnalign "
    "rowalign columnspacing rowspacing columnlines rowlines frame framespacing width height depth voffset notation "
    "linebreak align rowspan columnspan".split()
)
#: An attribute value worth keeping: words, numbers, lengths, colours. No quote, ``<``, ``&``, ``:`` or ``;``.
_SAFE_VALUE = re.compile(r"[\w\s#%.,()+-]{0,100}")
_TOKEN_ELEMENTS = ("mi", "mo", "mn", "mtext")


@lru_cache(maxsize=1024)
def latex(source: str, *, display: bool = False) -> str:
    """``source`` (LaTeX math, without its ``$`` delimiters) as MathML: an inline ``<math>`` or, with ``display``,
    a block one. LaTeX that does not parse shows as its source in an error style (``porch-math-error``), with the
    reason as its tooltip; an unknown command is drawn as an ``merror`` inside the formula."""
    try:
        if len(source) > MAX_LATEX:
            raise ValueError(f"longer than {MAX_LATEX} characters")
        from latex2mathml.converter import convert_to_element

        tree = convert_to_element(source, display="block" if display else "inline")
        return _mathml(tree)
    except Exception as error:  # the converter raises many kinds (and RecursionError on deep nesting)
        reason = str(error) or re.sub(r"(?<!^)(?=[A-Z])", " ", type(error).__name__).removesuffix(" Error").lower()
        title = html.escape(f"This LaTeX could not be read: {reason}", quote=True)
        tag = "pre" if display else "code"
        return f'<{tag} class="porch-math-error" title="{title}">{html.escape(source)}</{tag}>'


def _mathml(node: Element) -> str:
    tag = node.tag if node.tag in MATHML_ELEMENTS else "mrow"
    text = html.unescape(node.text or "")
    if tag in _TOKEN_ELEMENTS and len(node) == 0 and re.fullmatch(r"\\[A-Za-z]+", text):
        # latex2mathml keeps a command it does not know as its name: show it as an error, as KaTeX would.
        return f"<merror><mtext>{html.escape(text)}</mtext></merror>" + html.escape(html.unescape(node.tail or ""))
    attributes = "".join(
        f' {name}="{html.escape(value, quote=True)}"'
        for name, value in node.attrib.items()
        if name in MATHML_ATTRIBUTES and _SAFE_VALUE.fullmatch(value)
    )
    children = "".join(_mathml(child) for child in node)
    tail = html.escape(html.unescape(node.tail or ""))
    return f"<{tag}{attributes}>{html.escape(text)}{children}</{tag}>{tail}"
