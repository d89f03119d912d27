"""``heading``: st.title, st.header and st.subheader (levels 1 to 3), their anchors, dividers and inline markdown."""

from __future__ import annotations

from support import app


def test_title_header_subheader_levels_and_text() -> None:
    at = app('st.title("The title")\nst.header("A header")\nst.subheader("A subheader")')
    assert at.title.values == ["The title"]
    assert at.header.values == ["A header"]
    assert at.subheader.values == ["A subheader"]
    assert [h.tag for h in (at.title[0], at.header[0], at.subheader[0])] == ["h1", "h2", "h3"]


def test_heading_anchor_defaults_to_slug_can_be_named_or_hidden() -> None:
    at = app('st.title("Hello World!")\nst.header("Part", anchor="part-one")\nst.subheader("None", anchor=False)')
    assert at.title[0].props["anchor"] == "hello-world"
    assert at.header[0].props["anchor"] == "part-one"
    assert at.subheader[0].props["anchor"] is None


def test_heading_divider_true_gives_a_colour_and_names_are_kept() -> None:
    at = app('st.header("A", divider=True)\nst.subheader("B", divider="red")\nst.header("C")\nst.header("D", divider=True)')
    assert at.header[0].props["divider"] == "blue"
    assert at.header[2].props["divider"] == "green"
    assert at.subheader[0].props["divider"] == "red"
    assert at.header[1].props["divider"] is False


def test_heading_inline_markdown_and_help() -> None:
    at = app('st.title("A **bold** move", help="tip")')
    assert "<strong>bold</strong>" in at.title[0].props["html"]
    assert at.title[0].value == "A **bold** move"
    assert at.title[0].rendered_text == "A bold move"
    assert at.title[0].props["help"] == "tip"


def test_heading_cannot_inject_html() -> None:
    at = app('st.title("<script>alert(1)</script>")')
    assert "<script>" not in at.title[0].props["html"]
    assert at.title[0].value == "<script>alert(1)</script>"


def test_heading_icon_width_alignment_and_wrap() -> None:
    at = app('st.header("Sales", icon="📈", width="content", text_alignment="right", wrap=False)\nst.title("Plain")')
    props = at.header[0].props
    assert (props["icon"], props["width"], props["text_alignment"], props["wrap"]) == ("📈", "content", "right", False)
    plain = at.title[0].props
    assert (plain["icon"], plain["width"], plain["text_alignment"], plain["wrap"]) == (None, "stretch", "left", True)


def test_a_divider_colour_streamlit_has_not_is_a_clear_error() -> None:
    at = app(
        'st.header("Sales", divider="grey")\nst.subheader("Costs", divider="rainbow")\n'
        'st.header("Oops", divider="pink")'
    )
    assert [h.props["divider"] for h in at.get("header") + at.get("subheader")] == ["grey", "rainbow"]
    assert "divider must be True or one of" in at.exception[0].message and "'pink'" in at.exception[0].message
