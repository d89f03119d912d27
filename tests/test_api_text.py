"""Text elements as a script sees them: what each call shows, and that nothing in a string can run in the page.

Every test runs a small script through AppTest (the real session and runner) and reads the page a client would show.
"""

from __future__ import annotations

import pytest

from porch.testing import AppTest
from support import app


def element_kinds(at: AppTest) -> list[str]:
    return [child.kind for child in at.main.children]


# -- headings ----------------------------------------------------------------------------------------------------


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
    assert at.title[0].value == "A bold move"
    assert at.title[0].props["help"] == "tip"


def test_heading_cannot_inject_html() -> None:
    at = app('st.title("<script>alert(1)</script>")')
    assert "<script>" not in at.title[0].props["html"]
    assert at.title[0].value == "<script>alert(1)</script>"


# -- markdown ----------------------------------------------------------------------------------------------------


def test_markdown_renders_commonmark() -> None:
    at = app('st.markdown("Some *emphasis* and `code` and a [link](https://example.com)")')
    html = at.markdown[0].props["html"]
    assert "<em>emphasis</em>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://example.com">link</a>' in html
    assert at.markdown[0].value == "Some emphasis and code and a link"


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
    assert at.markdown[0].value == "This is red and on blue and bold green"


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


# -- caption, text, code, json, divider -------------------------------------------------------------------------


def test_caption_is_markdown_with_its_own_variant() -> None:
    at = app('st.caption("small *print*")\nst.markdown("normal")')
    assert at.caption.values == ["small print"]
    assert at.markdown.values == ["normal"]
    assert at.caption[0].props["variant"] == "caption"


def test_text_is_not_markdown() -> None:
    at = app('st.text("**not bold** <b>x</b>")')
    assert at.text[0].value == "**not bold** <b>x</b>"
    assert "html" not in at.text[0].props


def test_code_defaults_to_python_and_takes_language_and_line_numbers() -> None:
    at = app('st.code("x = 1")\nst.code("SELECT 1", language="sql", line_numbers=True)\nst.code("plain", language=None)')
    assert at.code.values == ["x = 1", "SELECT 1", "plain"]
    assert [c.language for c in at.code] == ["python", "sql", None]
    assert at.code[1].props["line_numbers"] is True


def test_json_of_dict_list_and_json_string() -> None:
    at = app('st.json({"a": [1, 2], "b": None})\nst.json([1, "two"], expanded=False)\nst.json(\'{"x": 1}\')')
    assert at.json.values == [{"a": [1, 2], "b": None}, [1, "two"], {"x": 1}]
    assert at.json[1].props["expanded"] is False


def test_json_of_objects_that_are_not_json() -> None:
    at = app('import datetime\nst.json({"when": datetime.date(2024, 1, 2), "n": float("nan")})')
    value = at.json[0].value
    assert "2024" in value["when"]
    assert value["n"] is None


def test_divider() -> None:
    at = app('st.write("a")\nst.divider()\nst.write("b")')
    assert element_kinds(at) == ["markdown", "divider", "markdown"]
    assert len(at.divider) == 1


# -- alerts and exceptions ---------------------------------------------------------------------------------------


def test_alerts_with_levels_markdown_and_icons() -> None:
    at = app(
        'st.info("Some **info**")\nst.success("Done", icon="✅")\nst.warning("Careful")\nst.error("Broken", icon="🚨")'
    )
    assert at.info.values == ["Some info"]
    assert at.success.values == ["Done"]
    assert at.warning.values == ["Careful"]
    assert at.error.values == ["Broken"]
    assert [at.info[0].icon, at.success[0].icon, at.error[0].icon] == [None, "✅", "🚨"]
    assert "<strong>info</strong>" in at.info[0].props["html"]


def test_alert_escapes_html() -> None:
    at = app('st.error("<script>x</script>")')
    assert "<script>" not in at.error[0].props["html"]
    assert at.error[0].value == "<script>x</script>"


def test_exception_of_a_caught_error_shows_type_message_and_user_traceback() -> None:
    at = app(
        "def fail():\n    raise ValueError('bad input')\n"
        "try:\n    fail()\nexcept ValueError as e:\n    st.exception(e)\n"
        "st.write('after')"
    )
    assert at.run_status == "ok"
    exc = at.exception[0]
    assert exc.type == "ValueError"
    assert exc.message == "bad input"
    trace = "\n".join(exc.stack_trace)
    assert "fail()" in trace and "raise ValueError('bad input')" in trace
    assert "porch" not in trace.replace("import porch", "")
    assert at.markdown.values == ["after"]


def test_exception_never_raised_has_no_traceback() -> None:
    at = app("st.exception(RuntimeError('just a value'))")
    assert at.exception[0].type == "RuntimeError"
    assert at.exception[0].stack_trace == []


# -- write -------------------------------------------------------------------------------------------------------


def test_write_string_is_markdown() -> None:
    at = app('st.write("Hello **there**")')
    assert at.markdown.values == ["Hello there"]
    assert "<strong>there</strong>" in at.markdown[0].props["html"]


def test_write_numbers() -> None:
    at = app("st.write(42)\nst.write(3.5)\nst.write(True)")
    assert at.markdown.values == ["42", "3.5", "True"]


def test_write_dict_and_list_are_json() -> None:
    at = app('st.write({"a": 1})\nst.write([1, 2, 3])')
    assert at.json.values == [{"a": 1}, [1, 2, 3]]


def test_write_exception_is_an_exception_box() -> None:
    at = app('st.write(KeyError("missing"))')
    assert at.exception[0].type == "KeyError"
    assert "missing" in at.exception[0].message


def test_write_object_with_repr_html() -> None:
    at = app('class Fancy:\n    def _repr_html_(self):\n        return "<i>fancy</i>"\nst.write(Fancy())')
    assert at.html[0].props["html"] == "<i>fancy</i>"


def test_write_plain_object_uses_its_str() -> None:
    at = app('import datetime\nst.write(datetime.date(2024, 5, 6))')
    assert at.markdown.values == ["2024-05-06"]


def test_write_several_strings_and_numbers_make_one_line() -> None:
    at = app('x = 5\nst.write("The value is", x, "units")')
    assert at.markdown.values == ["The value is 5 units"]


def test_write_several_mixed_arguments_show_each() -> None:
    at = app('st.write("Data:", {"a": 1}, ValueError("oops"))')
    assert at.markdown.values == ["Data:"]
    assert at.json.values == [{"a": 1}]
    assert at.exception[0].message == "oops"
    # Side by side in one row.
    assert [child.kind for child in at.main.children] == ["row"]


def test_write_escapes_html_unless_allowed() -> None:
    at = app('st.write("<b>x</b>")\nst.write("<b>y</b>", unsafe_allow_html=True)')
    assert "<b>" not in at.markdown[0].props["html"]
    assert "<b>y</b>" in at.markdown[1].props["html"]


# -- progress and spinner ----------------------------------------------------------------------------------------


def test_progress_int_percent_and_float_fraction_and_text() -> None:
    at = app('st.progress(30)\nst.progress(0.5, text="Half *way*")\nst.progress(1.0)\nst.progress(1)')
    assert at.progress.values == [30, 50, 100, 1]
    assert at.progress[1].text == "Half way"


@pytest.mark.parametrize("bad", ["101", "-1", "1.5", "-0.1", "'50'", "True"])
def test_progress_out_of_range_is_an_error(bad: str) -> None:
    at = app(f"st.progress({bad})")
    assert at.run_status == "error"
    assert at.exception[0].type == "PorchAPIError"
    assert len(at.progress) == 0


def test_progress_bar_is_updated_in_place() -> None:
    at = app('bar = st.progress(0)\nfor i in range(1, 5):\n    bar.progress(i * 25, text=f"step {i}")\nst.write("done")')
    assert at.progress.values == [100]
    assert at.progress[0].text == "step 4"
    assert element_kinds(at) == ["progress", "markdown"]
    progress_paths = [m["path"] for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "progress"]
    assert progress_paths == [[0, 0]] * 5


def test_spinner_shows_during_its_block_and_is_gone_after() -> None:
    at = app('with st.spinner("Working..."):\n    st.write("inside")\nst.write("after")')
    spinner_deltas = [m for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "spinner"]
    assert spinner_deltas and spinner_deltas[0]["element"]["props"]["text"] == "Working..."
    assert len(at.spinner) == 0
    assert at.markdown.values == ["inside", "after"]


def test_spinner_is_gone_after_an_exception_in_its_block() -> None:
    at = app('with st.spinner():\n    raise ValueError("inside spinner")')
    assert at.run_status == "error"
    assert len(at.spinner) == 0
    assert at.exception[0].message == "inside spinner"


def test_spinner_text_is_plain() -> None:
    at = app('import time\nwith st.spinner("<b>x</b>"):\n    pass')
    spinner = next(m for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "spinner")
    assert spinner["element"]["props"] == {"text": "<b>x</b>"}


# -- empty placeholders and replacing elements -------------------------------------------------------------------


def test_empty_placeholder_replaced_by_each_call() -> None:
    at = app('ph = st.empty()\nst.write("below")\nph.text("first")\nph.markdown("second")')
    assert element_kinds(at) == ["markdown", "markdown"]
    assert at.markdown.values == ["second", "below"]
    assert len(at.text) == 0


def test_empty_placeholder_cleared_with_empty() -> None:
    at = app('ph = st.empty()\nph.write("shown")\nph.empty()\nst.write("after")')
    assert at.markdown.values == ["after"]
    assert element_kinds(at) == ["empty", "markdown"]


def test_with_placeholder_writes_into_it() -> None:
    at = app('ph = st.empty()\nst.write("below")\nwith ph:\n    st.write("a")\n    st.write("b")\nst.write("end")')
    assert at.markdown.values == ["b", "below", "end"]


def test_placeholder_holding_a_container_takes_several_elements() -> None:
    at = app('ph = st.empty()\nwith ph.container():\n    st.write("a")\n    st.write("b")\nst.write("c")')
    assert at.markdown.values == ["a", "b", "c"]
    assert element_kinds(at) == ["container", "markdown"]


def test_any_element_can_be_replaced_through_its_return_value() -> None:
    at = app('msg = st.info("loading")\nst.write("x")\nmsg.success("loaded")')
    assert len(at.info) == 0
    assert at.success.values == ["loaded"]
    assert element_kinds(at) == ["alert", "markdown"]
