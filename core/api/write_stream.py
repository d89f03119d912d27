"""``write_stream``: show a stream (a generator, an LLM's chunks...) as it arrives. Not an element of its own: text
accumulates in one ``markdown`` element, replaced in place as chunks come; anything else goes through ``write``."""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any

from ..elements._place import Block
from ..elements.markdown import markdown
from ..errors import PorchAPIError
from .write import write

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
#: OpenAI Responses API events that carry text the user reads (others are lifecycle or tool calls).
_RESPONSE_TEXT_EVENTS = frozenset({"response.output_text.delta", "response.refusal.delta"})


class StreamingOutput(list[Any]):
    """What ``write_stream`` returns when the stream held more than text: each text run as one string, and every
    other object as it came."""


def write_stream(
    place: Block,
    stream: Callable[..., Any] | Iterable[Any] | AsyncIterator[Any],
    *,
    cursor: str | None = None,
) -> list[Any] | str:
    """Show ``stream`` as it arrives and return all of it.

    ``stream`` is a generator or generator function, an async generator (run to its end here, on a loop of its
    own), any iterable, an OpenAI stream (chat completion chunks, whose text is ``.choices[0].delta.content``, or
    Responses API events) or a LangChain stream of message chunks (``.content``). Text chunks build up one markdown
    element, updated in place as each arrives (markdown left open so far, a code block or ``**bold``, is shown
    closed); any other object is shown with ``write`` where it comes, and a callable is called. ``cursor`` (for
    example "▌", or markdown) is shown after the text while more is coming.

    Returns the text as one string when the stream held only text (an empty string for nothing), else a list of
    everything shown: each run of text as one string, the other objects as they came (ready for ``write``).
    """
    if isinstance(stream, (str, bytes)) or (hasattr(stream, "columns") and hasattr(stream, "iloc")):
        raise PorchAPIError(
            f"write_stream() takes a generator or a stream, not a {type(stream).__name__}: use write() for it."
        )
    if inspect.isgeneratorfunction(stream) or inspect.isasyncgenfunction(stream):
        stream = stream()
    chunks: Iterable[Any]
    if hasattr(stream, "__aiter__") and not hasattr(stream, "__iter__"):
        chunks = _sync(stream.__aiter__())
    else:
        try:
            chunks = iter(stream)  # type: ignore[arg-type]
        except TypeError:
            raise PorchAPIError(
                f"write_stream() cannot iterate over a {type(stream).__name__}: give it a generator, a generator "
                "function or an iterable."
            ) from None
    tail = cursor or ""
    written = StreamingOutput()
    text = ""
    slot: Block | None = None

    def flush() -> None:
        nonlocal text, slot
        if text and slot is not None:
            markdown(slot, text)
            written.append(text)
        text, slot = "", None

    for chunk in chunks:
        chunk = _text_of(chunk)
        if isinstance(chunk, str):
            if not chunk:
                continue
            text += chunk
            if slot is None:
                slot = markdown(place, _closed(text))
            else:
                markdown(slot, _closed(text) + tail)
        elif callable(chunk):
            flush()
            chunk()
        else:
            flush()
            write(place, chunk)
            written.append(chunk)
    flush()
    if not written:
        return ""
    if len(written) == 1 and isinstance(written[0], str):
        return written[0]
    return written


def _closed(text: str) -> str:
    """``text`` with the markdown it has opened so far closed, so that a stream in progress reads as it will: an open
    code fence, then (outside code) an odd inline backtick, ``**`` or ``~~``."""
    fences = _FENCE.findall(text)
    if len(fences) % 2:
        return f"{text}\n{fences[-1]}"
    prose = _CODE_SPAN.sub("", _FENCED.sub("", text))
    if prose.count("`") % 2:
        return text + "`"
    tail = ""
    for mark in ("**", "~~"):
        if prose.count(mark) % 2:
            text = text.rstrip()
            if text.endswith(mark):  # just opened: nothing to close yet
                text = text[: -len(mark)]
            else:
                tail = mark + tail
    return text + tail


def _text_of(chunk: Any) -> Any:
    """The text of an OpenAI or LangChain chunk ("" for one with none); any other chunk as it is."""
    if isinstance(chunk, str):
        return chunk
    kind = type(chunk)
    name = kind.__name__
    choices = getattr(chunk, "choices", None)
    if isinstance(choices, (list, tuple)) and (not choices or hasattr(choices[0], "delta")):
        # An OpenAI chat completion chunk (the first of some providers' streams has no choices).
        delta = getattr(choices[0], "delta", None) if choices else None
        return (getattr(delta, "content", None) or "") if delta is not None else ""
    if (getattr(kind, "__module__", "") or "").startswith("openai.") and name.startswith("Response") and (
        name.endswith("Event")
    ):
        return (getattr(chunk, "delta", None) or "") if getattr(chunk, "type", None) in _RESPONSE_TEXT_EVENTS else ""
    if name.endswith("MessageChunk") and hasattr(chunk, "content"):
        return chunk.content or ""  # LangChain: text, or a list of content blocks (shown as they are)
    return chunk


def _sync(stream: AsyncIterator[Any]) -> Iterator[Any]:
    """An async iterator's items, each awaited on a loop of this function's own (the script's thread has none)."""
    import asyncio  # here: a script that streams no async generator need not load asyncio with the API

    loop = asyncio.new_event_loop()
    try:
        while True:
            try:
                yield loop.run_until_complete(stream.__anext__())
            except StopAsyncIteration:
                return
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())  # an async generator left early runs its finally
        finally:
            loop.close()
