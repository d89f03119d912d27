"""``markdown``: st.markdown and st.caption (its ``caption`` variant): CommonMark, colours, and no way to run code
in the page."""

from __future__ import annotations

import pytest

from support import app


def test_markdown_renders_commonmark() -> None:
    at = app('st.markdown("Some *emphasis* and `code` and a [link](https://example.com)")')
    html = at.markdown[0].props["html"]
    assert "<em>emphasis</em>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://example.com">link</a>' in html
    assert at.markdown[0].value == "Some *emphasis* and `code` and a [link](https://example.com)"
    assert at.markdown[0].rendered_text == "Some emphasis and code and a link"


def test_markdown_tables_and_strikethrough() -> None:
    at = app('st.markdown("""\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n""")')
    html = at.markdown[0].props["html"]
    assert "<table>" in html and "<th>a</th>" in html and "<td>2</td>" in html
    assert "<s>gone</s>" in html


def test_markdown_indented_triple_quoted_text_is_dedented() -> None:
    at = app('if True:\n    st.markdown("""\n        # Heading\n        text\n        """)')
    html = at.markdown[0].props["html"]
    assert "<h1>Heading</h1>" in html
    assert "<pre>" not in html


def test_markdown_coloured_text_and_backgrounds() -> None:
    at = app('st.markdown("This is :red[red] and :blue-background[on blue] and :green[**bold** green]")')
    html = at.markdown[0].props["html"]
    assert '<span class="porch-fg-red">red</span>' in html
    assert '<span class="porch-bg-blue">on blue</span>' in html
    assert '<span class="porch-fg-green"><strong>bold</strong> green</span>' in html
    assert at.markdown[0].rendered_text == "This is red and on blue and bold green"


def test_markdown_unknown_colour_is_left_as_text() -> None:
    at = app('st.markdown(":purple-ish[x]")')
    assert "span" not in at.markdown[0].props["html"]


def test_markdown_escapes_raw_html_by_default() -> None:
    at = app('st.markdown("<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)>")')
    html = at.markdown[0].props["html"]
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_markdown_unsafe_allow_html_keeps_html() -> None:
    at = app('st.markdown("<b>bold</b>", unsafe_allow_html=True)')
    assert "<b>bold</b>" in at.markdown[0].props["html"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x", "data:text/html,x"])
def test_markdown_dangerous_link_targets_are_not_links(url: str) -> None:
    at = app(f'st.markdown("[click]({url})")')
    html = at.markdown[0].props["html"]
    assert "href" not in html
    assert "<a" not in html


def test_colour_syntax_cannot_smuggle_html() -> None:
    at = app('st.markdown(":red[<img src=x onerror=alert(1)>]")')
    html = at.markdown[0].props["html"]
    assert "<img" not in html
    assert "porch-fg-red" in html


def test_markdown_help_and_non_string_body() -> None:
    at = app('st.markdown(42, help="why")')
    assert at.markdown[0].value == "42"
    assert at.markdown[0].props["help"] == "why"


def test_caption_is_markdown_with_its_own_variant() -> None:
    at = app('st.caption("small *print*")\nst.markdown("normal")')
    assert at.caption.values == ["small *print*"]
    assert at.caption.rendered_texts == ["small print"]
    assert at.markdown.values == ["normal"]
    assert at.caption[0].props["variant"] == "caption"
