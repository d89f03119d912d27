"""st.write: the element each kind of argument becomes (markdown, json, exception, html), and a ``row`` for several."""

from __future__ import annotations

from support import app


def test_write_string_is_markdown() -> None:
    at = app('st.write("Hello **there**")')
    assert at.markdown.values == ["Hello **there**"]
    assert at.markdown.rendered_texts == ["Hello there"]
    assert "<strong>there</strong>" in at.markdown[0].props["html"]


def test_write_numbers() -> None:
    at = app("st.write(42)\nst.write(3.5)\nst.write(True)")
    assert at.markdown.values == ["`42`", "`3.5`", "`True`"]  # the markdown source, as in Streamlit
    assert at.markdown.rendered_texts == ["42", "3.5", "True"]


def test_write_dict_and_list_are_json() -> None:
    at = app('st.write({"a": 1})\nst.write([1, 2, 3])')
    assert [j.parsed for j in at.json] == [{"a": 1}, [1, 2, 3]]


def test_write_exception_is_an_exception_box() -> None:
    at = app('st.write(KeyError("missing"))')
    assert at.exception[0].type == "KeyError"
    assert "missing" in at.exception[0].message


def test_write_object_with_repr_html() -> None:
    at = app('class Fancy:\n    def _repr_html_(self):\n        return "<i>fancy</i>"\nst.write(Fancy())')
    assert at.html[0].props["html"] == "<i>fancy</i>"


def test_write_plain_object_uses_its_str() -> None:
    at = app('import datetime\nst.write(datetime.date(2024, 5, 6))')
    assert at.markdown.values == ["`2024-05-06`"]


def test_write_several_strings_and_numbers_make_one_line() -> None:
    at = app('x = 5\nst.write("The value is", x, "units")')
    assert at.markdown.values == ["The value is `5` units"]
    assert at.markdown.rendered_texts == ["The value is 5 units"]


def test_write_several_mixed_arguments_show_each() -> None:
    at = app('st.write("Data:", {"a": 1}, ValueError("oops"))')
    assert at.markdown.values == ["Data:"]
    assert [j.parsed for j in at.json] == [{"a": 1}]
    assert at.exception[0].message == "oops"
    # Side by side in one row.
    assert [child.kind for child in at.main.children] == ["row"]


def test_write_escapes_html_unless_allowed() -> None:
    at = app('st.write("<b>x</b>")\nst.write("<b>y</b>", unsafe_allow_html=True)')
    assert "<b>" not in at.markdown[0].props["html"]
    assert "<b>y</b>" in at.markdown[1].props["html"]
