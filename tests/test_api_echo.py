"""``echo``: a ``with`` block that shows its own code (a ``code`` element) above or below what it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.testing import AppTest
from support import app, kinds
from test_browser import open_app

BLOCK = """
with st.echo():
    # Say hello
    name = "world"
    st.write(f"Hello {name}")

st.text("after")
"""


def test_the_code_of_the_block_is_shown_above_what_it_shows() -> None:
    at = app(BLOCK)
    assert kinds(at.main) == ["code", "markdown", "text"]
    assert at.code[0].value == '# Say hello\nname = "world"\nst.write(f"Hello {name}")'
    assert at.code[0].language == "python"
    assert at.markdown[0].value == "Hello world"


def test_below_shows_it_after_the_block() -> None:
    at = app('with st.echo("below"):\n    st.text("inside")\n')
    assert kinds(at.main) == ["text", "code"]
    assert at.code[0].value == 'st.text("inside")'
    assert kinds(app('with st.echo(code_location="below"): st.text("one line")\n').main) == ["text", "code"]


def test_inside_containers_functions_and_loops() -> None:
    at = app(
        """
col, = st.columns(1)
def show(n):
    with col:
        with st.echo():
            st.text(n)  # shown in the column
for n in ("a", "b"):
    show(n)
with st.sidebar:
    with st.echo():
        total = sum(range(4))
st.text(total)
"""
    )
    assert [c.value for c in at.columns[0].code] == ["st.text(n)  # shown in the column"] * 2
    assert at.sidebar.code[0].value == "total = sum(range(4))"
    assert at.text[-1].value == "6"


def test_a_block_that_fails_keeps_its_code_above_and_shows_the_error() -> None:
    at = app('with st.echo():\n    1 / 0\nst.text("never")')
    assert kinds(at.main) == ["code", "exception"]
    assert at.code[0].value == "1 / 0"
    below = app('with st.echo("below"):\n    1 / 0\n')
    assert kinds(below.main) == ["exception"]


def test_a_script_file_and_a_function(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text('import porch as st\n\nwith st.echo():\n    x = 40 + 2\n\nst.text(x)\n', encoding="utf-8")
    at = AppTest.from_file(str(script)).run()
    assert at.code[0].value == "x = 40 + 2" and at.text[0].value == "42"

    def page() -> None:
        import porch as st

        with st.echo():
            st.text("from a function")

    at = AppTest.from_function(page).run()
    assert at.code[0].value == 'st.text("from a function")'


def test_code_it_cannot_find_is_a_warning_not_a_failure() -> None:
    at = app('exec("with st.echo():\\n    st.text(1)", {"st": st})\nst.text("after")')
    assert "echo() cannot show this block's code" in at.warning[0].value
    assert [t.value for t in at.text] == ["1", "after"]


def test_an_unknown_location_is_a_clear_error() -> None:
    at = app('with st.echo("left"):\n    pass')
    assert "code_location must be one of" in at.exception[0].message


@pytest.mark.browser
def test_the_code_shows_above_the_output_in_the_page(context: Any) -> None:
    with running_engine("import porch as st\n" + BLOCK) as server:
        page = open_app(context, server.url)
        code = page.locator(".code").first
        expect(code).to_contain_text('name = "world"')
        hello = page.get_by_text("Hello world")
        expect(hello).to_be_visible()
        code_box, hello_box = code.bounding_box(), hello.bounding_box()
        assert code_box is not None and hello_box is not None and code_box["y"] < hello_box["y"]
