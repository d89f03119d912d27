"""Streamlit's markdown extras wherever markdown is shown (core/markdown_html.py): coloured text, backgrounds,
badges, small text, Material icons, emoji shortcodes and LaTeX as MathML; and that none of them lets the script's
text make a tag of its own."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from engine_harness import running_engine
from porch import markdown_html
from support import app


def html_of(body: str, *, unsafe: bool = False) -> str:
    at = app(f"st.markdown({body!r}, unsafe_allow_html={unsafe})")
    assert not at.exception, at.exception
    return str(at.markdown[0].props["html"])


# ---- Colours, backgrounds, badges, small ----------------------------------------------------------------------


@pytest.mark.parametrize("colour", ["red", "orange", "yellow", "green", "blue", "violet", "gray", "rainbow", "primary"])
def test_every_colour_colours_text_and_background(colour: str) -> None:
    html = html_of(f":{colour}[text] :{colour}-background[marked]")
    assert f'<span class="porch-fg-{colour}">text</span>' in html
    assert f'<span class="porch-bg-{colour}">marked</span>' in html


def test_grey_is_gray() -> None:
    html = html_of(":grey[a] :grey-badge[b]")
    assert html == '<p><span class="porch-fg-gray">a</span> <span class="porch-badge-gray">b</span></p>\n'


def test_badges_in_every_colour_but_the_rainbow() -> None:
    html = html_of(":green-badge[Done] :primary-badge[Me] :rainbow-badge[No]")
    assert '<span class="porch-badge-green">Done</span>' in html
    assert '<span class="porch-badge-primary">Me</span>' in html
    assert ":rainbow-badge[No]" in html


def test_small_text() -> None:
    assert html_of("Fine :small[print]") == "<p>Fine <small>print</small></p>\n"


def test_directives_nest_and_hold_markdown() -> None:
    html = html_of(":red[:blue-background[**bold** and :green-badge[`code`]]] after")
    assert html == (
        '<p><span class="porch-fg-red"><span class="porch-bg-blue"><strong>bold</strong> and '
        '<span class="porch-badge-green"><code>code</code></span></span></span> after</p>\n'
    )


def test_brackets_inside_a_directive_balance_and_escape() -> None:
    assert '<span class="porch-fg-red">a [b] c</span> d' in html_of(":red[a [b] c] d")
    assert '<span class="porch-fg-blue">list [1, 2]</span>' in html_of(r":blue[list \[1, 2\]]")


@pytest.mark.parametrize("text", [":red[unclosed", ":red[a [b]", ":purple[x]", ":red [x]", ":red-glow[x]", ":Red[x]"])
def test_what_is_not_a_directive_stays_text(text: str) -> None:
    html = html_of(text)
    assert "<span" not in html and "[" in html


def test_no_extra_inside_code() -> None:
    html = html_of("`:red[x] :smile: $y$ :material/home:`\n\n```\n:red[x] $$z$$\n```")
    assert "<span" not in html and "<math" not in html and "😄" not in html
    assert "<code>:red[x] :smile: $y$ :material/home:</code>" in html


def test_a_link_keeps_its_target_and_may_hold_colour() -> None:
    html = html_of("[:red[docs]](https://example.com/:smile:)")
    assert html == '<p><a href="https://example.com/:smile:"><span class="porch-fg-red">docs</span></a></p>\n'


# ---- Icons and emoji ------------------------------------------------------------------------------------------


def test_material_icons_are_labelled_spans_with_their_name() -> None:
    html = html_of(":material/check_circle: Done")
    assert html == (
        '<p><span class="material-icon" data-icon="check_circle" role="img" aria-label="check circle">'
        "check_circle</span> Done</p>\n"
    )


@pytest.mark.parametrize("text", [":material/Home:", ":material/home", ':material/x"y:', ":material/:"])
def test_what_is_not_an_icon_name_stays_text(text: str) -> None:
    assert "material-icon" not in html_of(text)


def test_emoji_shortcodes() -> None:
    assert html_of(":smile: :+1: :thumbs_up: :tada: :red_heart:") == "<p>😄 👍 👍 🎉 ❤️</p>\n"


def test_unknown_shortcodes_and_times_stay_text() -> None:
    assert html_of(":not_an_emoji: at 10:30:45") == "<p>:not_an_emoji: at 10:30:45</p>\n"


# ---- LaTeX ----------------------------------------------------------------------------------------------------


def test_inline_math_is_mathml_in_the_line() -> None:
    html = html_of(r"Area $\pi r^2$ here")
    assert html.startswith('<p>Area <math display="inline"><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup>')
    assert html.endswith("</math> here</p>\n")


def test_display_math_on_lines_of_its_own() -> None:
    html = html_of("Before\n$$\n\\int_0^1 x\\,dx\n$$\nafter")
    assert html.startswith('<p>Before</p>\n<div class="porch-math"><math display="block">')
    assert "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>" in html
    assert html.endswith("</math></div>\n<p>after</p>\n")
    assert '<div class="porch-math"><math display="block">' in html_of("$$x = 1$$")


def test_double_dollars_inside_a_line_are_inline_math() -> None:
    assert html_of("so $$x$$ too") == '<p>so <math display="inline"><mrow><mi>x</mi></mrow></math> too</p>\n'


@pytest.mark.parametrize(
    "text",
    ["It costs $5 and $10.", r"Escaped \$x\$ dollars", "$ x$", "$x $", "$x$5", "$$", "$", "a $$ b"],
)
def test_dollars_that_are_not_math_stay_text(text: str) -> None:
    assert "<math" not in html_of(text)


def test_latex_that_does_not_parse_shows_its_source_in_an_error_style() -> None:
    html = html_of(r"Then $\frac{a}{$ and on")
    assert html.startswith('<p>Then <code class="porch-math-error" title="This LaTeX could not be read')
    assert html.endswith(r">\frac{a}{</code> and on</p>" + "\n")
    block = html_of("$$\n\\left( x\n$$")
    assert block.startswith('<div class="porch-math"><pre class="porch-math-error"')


def test_an_unknown_command_is_marked_inside_the_formula() -> None:
    assert "<merror><mtext>\\nosuchthing</mtext></merror>" in html_of(r"$\nosuchthing + 1$")


def test_deep_or_long_latex_is_an_error_not_a_crash() -> None:
    assert "porch-math-error" in html_of("$" + "{" * 5000 + "x" + "}" * 5000 + "$")
    assert "porch-math-error" in markdown_html.latex("x+" * 20_000)


# ---- Everywhere markdown is shown -----------------------------------------------------------------------------


def test_extras_in_headings_captions_alerts_and_progress() -> None:
    at = app(
        'st.header(":blue[Blue] $x^2$ :smile:")\n'
        'st.caption(":gray-badge[note] :material/info:")\n'
        'st.warning(":orange[Careful] with $$y$$")\n'
        'st.progress(10, text=":green[ok] $z$")\n'
    )
    heading = at.header[0].props["html"]
    assert '<span class="porch-fg-blue">Blue</span> <math display="inline">' in heading and "😄" in heading
    caption = at.caption[0].props["html"]
    assert '<span class="porch-badge-gray">note</span>' in caption and 'data-icon="info"' in caption
    alert = at.warning[0].props["html"]
    assert '<span class="porch-fg-orange">Careful</span>' in alert and "<math" in alert
    progress = at.progress[0].props["text_html"]
    assert '<span class="porch-fg-green">ok</span>' in progress and "<math" in progress


def test_a_heading_anchor_is_made_of_the_words_it_shows() -> None:
    at = app('st.header(":blue[Intro] to [Porch](https://example.com) :material/home:")\nst.header("Euler $e^x$")')
    assert [h.props["anchor"] for h in at.header] == ["intro-to-porch", "euler-ex"]


# ---- Hostile text ---------------------------------------------------------------------------------------------

HOSTILE = [
    ":red[<script>alert(1)</script>]",
    ":red-badge[<img src=x onerror=alert(1)>]",
    ':blue-background["><svg onload=alert(1)>]',
    "$<img src=x onerror=alert(1)>$",
    r"$\text{<script>alert(1)</script>}$",
    r"$$\text{</math><img src=x onerror=alert(1)>}$$",
    "$$\n\\mathrm{<iframe srcdoc=x>}\n$$",
    r"$\href{javascript:alert(1)}{x}$",
    r"$\style{background:url(https://example.com/x)}{y}$",
    r'$\color{red" onmouseover="alert(1)}{z}$',
    r"$\textcolor{url(javascript:1)}{z}$",
    r"$\frac{<b>}{$",
    ":material/x<b>:",
    ":red[:blue[:green[<b>]",
    "[x](javascript:alert(1)) :red[[y](javascript:alert(1))]",
]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {(name, value or "") for name, value in attrs}


#: What the markdown rules may make; script text never adds another.
ALLOWED_TAGS = {"p", "span", "small", "strong", "em", "code", "pre", "div", "a", "s", "br", "ul", "ol", "li",
                "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_TAGS |= markdown_html.MATHML_ELEMENTS
ALLOWED_ATTRIBUTES = {"class", "title", "data-icon", "role", "aria-label", "href", "style"}
ALLOWED_ATTRIBUTES |= markdown_html.MATHML_ATTRIBUTES


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def assert_harmless(html: str) -> None:
    tags = parsed(html)
    assert tags.tags <= ALLOWED_TAGS, (tags.tags - ALLOWED_TAGS, html)
    for name, value in tags.attributes:
        assert name in ALLOWED_ATTRIBUTES, (name, html)
        assert name != "style" or value.startswith("text-align:"), html  # only markdown-it's table alignment
        assert name != "href" or not value.lower().startswith(("javascript:", "vbscript:", "data:")), html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_makes_no_tag_of_its_own(text: str) -> None:
    html = html_of(text)
    assert_harmless(html)
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "javascript:" not in html.replace("\\", "") or "<a" not in html


def test_unsafe_allow_html_lets_html_through_but_formulas_stay_clean() -> None:
    html = html_of(r'<b>bold</b> :red[<i>x</i>] $\text{<img src=x onerror=alert(1)>}$', unsafe=True)
    assert "<b>bold</b>" in html and '<span class="porch-fg-red"><i>x</i></span>' in html
    assert "<img" not in html and "&lt;img" in html


PIECES = st.sampled_from(
    [":", "[", "]", "$", "$$", "\\", "<", ">", '"', "'", "&", "`", "*", "_", "\n", " ", "x", "1", "red", "-background",
     "-badge", "small", "material/", "home", "smile", "+1", "<img src=x onerror=alert(1)>", "<script>", "\\text{",
     "\\frac", "{", "}", "\\href{javascript:x}", "\\color{", "(", ")", "javascript:", "#"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_no_text_makes_a_tag_of_its_own(text: str) -> None:
    assert_harmless(markdown_html.render(text))
    assert_harmless(markdown_html.render_inline(text))


# ---- In the browser -------------------------------------------------------------------------------------------

PAGE = r"""
st.markdown("Plain and :red[red text] and :blue-background[marked] and :green-badge[badge]")
st.markdown(r"Inline $\frac{a}{b}$ formula")
st.markdown("$$\n\\sum_{i=1}^{n} i^2\n$$")
"""


def rgb(colour: str) -> tuple[int, ...]:
    """A computed colour, ``rgb(r, g, b)`` or (what color-mix() computes to) ``color(srgb r g b)``, as 0-255."""
    inside = colour[colour.index("(") + 1 : colour.index(")")].replace(",", " ").split()
    if inside[0] == "srgb":
        return tuple(round(float(c) * 255) for c in inside[1:4])
    return tuple(int(float(c)) for c in inside[:3])


@pytest.mark.browser
def test_coloured_text_is_coloured_and_formulas_are_drawn(context: Any) -> None:
    with running_engine("import porch as st\n" + PAGE) as server:
        page = context.new_page()
        page.goto(server.url)
        red = page.locator(".porch-fg-red")
        expect(red).to_have_text("red text")
        r, g, b = rgb(red.evaluate("e => getComputedStyle(e).color"))
        assert r > 150 and g < 110 and b < 110, (r, g, b)
        plain = rgb(page.locator(".markdown-body p").first.evaluate("e => getComputedStyle(e).color"))
        assert plain != (r, g, b)
        marked = page.locator(".porch-bg-blue").evaluate("e => getComputedStyle(e).backgroundColor")
        assert marked not in ("rgba(0, 0, 0, 0)", "transparent"), marked
        badge = page.locator(".porch-badge-green").evaluate("e => getComputedStyle(e).backgroundColor")
        assert badge not in ("rgba(0, 0, 0, 0)", "transparent"), badge

        inline = page.locator(".markdown-body p math").first
        expect(inline).to_be_visible()
        assert inline.evaluate("m => m.namespaceURI") == "http://www.w3.org/1998/Math/MathML"
        fraction = inline.locator("mfrac").bounding_box()
        assert fraction is not None and fraction["width"] > 5 and fraction["height"] > 15, fraction
        display = page.locator('.porch-math math[display="block"]')
        expect(display).to_be_visible()
        box = display.bounding_box()
        assert box is not None and box["width"] > 20 and box["height"] > 20, box
