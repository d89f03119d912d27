"""``write_stream``: what it takes (generators, async generators, iterables, OpenAI and LangChain chunk streams), how
text builds up in one markdown element updated in place (with the cursor and open markdown closed while it streams),
what else goes through ``write``, and what it returns. In a browser: tests/elements/test_chat_input.py."""

from __future__ import annotations

from typing import Any

import pytest

from support import app, kinds

OPENAI_LIKE = """
from types import SimpleNamespace as NS
def chunk(text):
    return NS(choices=[NS(delta=NS(content=text))])
chunks = [NS(choices=[]), chunk(None), chunk("Hello"), NS(choices=[NS(delta=None)]), chunk(", world")]
"""

OPENAI_RESPONSES = """
class Event:
    def __init__(self, type, delta=None):
        self.type, self.delta = type, delta
ResponseTextDeltaEvent = type("ResponseTextDeltaEvent", (Event,), {"__module__": "openai.types.responses"})
ResponseCreatedEvent = type("ResponseCreatedEvent", (Event,), {"__module__": "openai.types.responses"})
chunks = [ResponseCreatedEvent("response.created"), ResponseTextDeltaEvent("response.output_text.delta", "Hi"),
          ResponseTextDeltaEvent("response.output_text.delta", " there")]
"""

LANGCHAIN_LIKE = """
class AIMessageChunk:
    def __init__(self, content):
        self.content = content
chunks = [AIMessageChunk("Lang"), AIMessageChunk(""), AIMessageChunk("Chain")]
"""


def markdown_deltas(at: Any) -> list[tuple[tuple[int, ...], str]]:
    """(path, source) of every markdown element the session sent, in order."""
    return [
        (tuple(m["path"]), m["element"]["props"]["body"])
        for m in at.messages
        if m["type"] == "delta" and m["element"]["kind"] == "markdown"
    ]


@pytest.mark.parametrize(
    "setup, stream, expected",
    [
        ("", "['a', 'b', 'c']", "abc"),
        ("def gen():\n    yield 'x'\n    yield 'y'\n", "gen", "xy"),
        ("def gen():\n    yield 'x'\n    yield 'y'\n", "gen()", "xy"),
        ("async def agen():\n    for t in ['as', 'ync']:\n        yield t\n", "agen", "async"),
        ("async def agen():\n    for t in ['as', 'ync']:\n        yield t\n", "agen()", "async"),
        ("", "iter(('t', 'u', 'p'))", "tup"),
        (OPENAI_LIKE, "chunks", "Hello, world"),
        (OPENAI_RESPONSES, "chunks", "Hi there"),
        (LANGCHAIN_LIKE, "chunks", "LangChain"),
    ],
)
def test_text_streams_of_every_kind_end_as_one_markdown_element(setup: str, stream: str, expected: str) -> None:
    at = app(setup + f"r = st.write_stream({stream})\nst.text(repr(r))")
    assert at.exception == []
    assert at.markdown.values == [expected]
    assert at.text.values == [repr(expected)]


def test_each_chunk_updates_the_same_element_with_the_cursor_until_the_end() -> None:
    at = app("st.write_stream(['one ', 'two ', 'three'], cursor='▌')")
    deltas = markdown_deltas(at)
    assert {path for path, _ in deltas} == {(0, 0)}, "one element, replaced in place"
    assert [body for _, body in deltas] == ["one", "one two ▌", "one two three▌", "one two three"]


def test_markdown_left_open_is_shown_closed_while_it_streams() -> None:
    at = app("st.write_stream(['Some **bo', 'ld** and `co', 'de`', '\\n```py\\nx = 1', '\\n```'])")
    bodies = [body for _, body in markdown_deltas(at)]
    assert bodies[0] == "Some **bo**"
    assert bodies[2] == "Some **bold** and `code`"
    assert bodies[3].endswith("x = 1\n```")
    assert at.markdown.values == ["Some **bold** and `code`\n```py\nx = 1\n```"]


def test_other_objects_are_written_between_runs_of_text_and_returned_as_a_list() -> None:
    at = app(
        "calls = []\n"
        "r = st.write_stream(['a', 'b', {'k': 1}, lambda: calls.append('called'), 'c', 3, 'd'])\n"
        "st.text(repr((r, type(r).__name__, calls)))"
    )
    assert kinds(at.main) == ["markdown", "json", "markdown", "markdown", "markdown", "text"]
    assert at.markdown.values == ["ab", "c", "`3`", "d"]
    assert at.text.values == ["(['ab', {'k': 1}, 'c', 3, 'd'], 'StreamingOutput', ['called'])"]


def test_nothing_streamed_shows_nothing_and_returns_an_empty_string() -> None:
    at = app("r = st.write_stream(['', ''])\nst.text(repr(r))")
    assert kinds(at.main) == ["text"] and at.text.values == ["''"]


@pytest.mark.parametrize(
    "stream, words",
    [
        ("'text'", "use write() for it"),
        ("b'bytes'", "use write() for it"),
        ("5", "cannot iterate over a int"),
    ],
)
def test_what_is_no_stream_is_an_error(stream: str, words: str) -> None:
    at = app(f"st.write_stream({stream})")
    assert at.exception[0].props["type"] == "PorchAPIError" and words in at.exception[0].message


def test_a_dataframe_like_object_is_no_stream() -> None:
    at = app("class Frame:\n    columns = ['a']\n    iloc = None\n    def __iter__(self): return iter(['a'])\n"
             "st.write_stream(Frame())")
    assert "use write() for it" in at.exception[0].message


def test_it_writes_into_the_container_it_is_called_on_or_the_with_block() -> None:
    at = app(
        "st.sidebar.write_stream(['side'])\n"
        "with st.chat_message('assistant'):\n    st.write_stream(x for x in ['in ', 'msg'])\n"
        "c = st.container()\nst.text('after')\nc.write_stream(['late'])"
    )
    assert at.sidebar.markdown.values == ["side"]
    assert at.chat_message[0].markdown.values == ["in msg"]
    assert at.container[0].markdown.values == ["late"]


def test_an_error_in_the_stream_keeps_what_was_shown() -> None:
    at = app("def gen():\n    yield 'so far'\n    raise RuntimeError('stream broke')\nst.write_stream(gen)")
    assert at.markdown.values == ["so far"] and at.exception[0].message == "stream broke"


def test_an_async_generator_left_early_runs_its_cleanup() -> None:
    at = app(
        "done = []\n"
        "async def agen():\n"
        "    try:\n        yield 'a'\n        raise ValueError('stop here')\n"
        "    finally:\n        done.append('cleaned')\n"
        "try:\n    st.write_stream(agen)\nexcept ValueError:\n    pass\n"
        "st.text(repr(done))"
    )
    assert at.text.values == ["['cleaned']"]
