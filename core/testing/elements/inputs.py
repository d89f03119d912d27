"""Widgets that take a value typed or slid in: ``slider``, ``number_input``, ``text_input`` and ``text_area``,
``date_input``, ``datetime_input``, ``time_input``, ``chat_input``; and a custom component, whose frame sets its
value."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from .base import W, Widget, _text


class Slider(Widget):
    """A slider: ``set_value(number)``, or ``set_range(lower, upper)`` for one with two handles; ``min``, ``max``,
    ``step``."""

    none_means = "keep"

    @property
    def min(self) -> Any:
        return self.props["min"]

    @property
    def max(self) -> Any:
        return self.props["max"]

    @property
    def step(self) -> Any:
        return self.props["step"]

    @property
    def format(self) -> str:
        """How the value is shown: the script's format, else Streamlit's default for its type ("%d", "%0.2f", or a
        date and time pattern)."""
        given = self.props.get("format")
        return str(given) if given else ("%d" if self.props.get("dtype") == "int" else "%0.2f")

    def set_range(self: W, lower: Any, upper: Any) -> W:
        return self.set_value((lower, upper))


N = TypeVar("N", bound="NumberInput")  # increment() and decrement() step through a NumberInput's _step()


class NumberInput(Widget):
    """A number_input: ``increment()`` and ``decrement()`` press its + and - (by ``step``, within ``min`` and
    ``max``; an empty field stays empty, as in Streamlit); ``set_value(number or None)``; ``icon`` ("" for none)."""

    none_means = "default"

    @property
    def icon(self) -> str:
        """The icon the script gave, "" for none (as Streamlit's AppTest reads it)."""
        return _text(self.props.get("icon"))

    @property
    def min(self) -> int | float | None:
        return self.props.get("min")

    @property
    def max(self) -> int | float | None:
        return self.props.get("max")

    @property
    def step(self) -> int | float:
        step: int | float = self.props["step"]
        return step

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))

    @property
    def format(self) -> str:
        """The printf format the number is shown in: the script's, else Streamlit's default for its type."""
        given = self.props.get("format")
        return str(given) if given else ("%d" if self.props.get("dtype") == "int" else "%0.2f")

    def increment(self: N) -> N:
        return self._step(+1)

    def decrement(self: N) -> N:
        return self._step(-1)

    def _step(self: N, direction: int) -> N:
        value = self.value
        if value is None:
            return self
        new = value + direction * self.step
        if self.max is not None:
            new = min(new, self.max)
        if self.min is not None:
            new = max(new, self.min)
        return self.set_value(new)


class TextInput(Widget):
    """A text_input: ``input(text)`` types it (ignored when longer than ``max_chars``, as in Streamlit), ``set_value``
    sets it (None: empty); ``max_chars`` (0: no limit), ``placeholder``, ``autocomplete``, ``icon`` ("" for none)."""

    none_means = "default"

    @property
    def icon(self) -> str:
        """The icon the script gave, "" for none (as Streamlit's AppTest reads it)."""
        return _text(self.props.get("icon"))

    @property
    def max_chars(self) -> int:
        return int(self.props.get("max_chars") or 0)

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))

    @property
    def autocomplete(self) -> str:
        return _text(self.props.get("autocomplete"))

    def input(self: W, text: str) -> W:
        limit = self.props.get("max_chars")
        if limit and len(text) > limit:
            return self
        return self.set_value(text)


class TextArea(TextInput):
    """A text_area: as :class:`TextInput`."""


class DateInput(Widget):
    """A date_input: ``set_value(date)`` (a pair for a range; None: empty); ``min`` and ``max`` as dates,
    ``is_range``, ``format``."""

    @property
    def min(self) -> date:
        return date.fromisoformat(str(self.props["min"]))

    @property
    def max(self) -> date:
        return date.fromisoformat(str(self.props["max"]))

    @property
    def is_range(self) -> bool:
        return bool(self.props.get("range"))


class DateTimeInput(Widget):
    """A datetime_input (Streamlit's type "date_time_input"): ``set_value(datetime)``; None puts back the value the
    script gave, as in Streamlit; ``min``, ``max`` and ``step`` as shown."""

    none_means = "default"


class TimeInput(Widget):
    """A time_input: ``increment()`` and ``decrement()`` move its time by ``step`` seconds, round the clock."""

    none_means = "default"

    @property
    def step(self) -> int:
        return int(self.props["step"])

    def increment(self: W) -> W:
        return TimeInput._move(self, +1)

    def decrement(self: W) -> W:
        return TimeInput._move(self, -1)

    @staticmethod
    def _move(widget: W, direction: int) -> W:
        if widget.value is None:
            return widget
        moved = datetime.combine(date(2000, 1, 1), widget.value) + direction * timedelta(seconds=widget.props["step"])
        return widget.set_value(moved.time())


CI = TypeVar("CI", bound="ChatInput")


class ChatInput(Widget):
    """A chat_input: ``set_value("hi")`` types a message, which the next ``run()`` sends as Enter does (None takes the
    text back); with ``accept_file``, ``upload(filename, content, mime_type)`` attaches a file to it (one file
    replaces the one attached unless the field takes several) and ``clear()`` drops the attached files; with
    ``accept_audio``, ``record(content)`` sends a recording (a WAV's bytes) as the microphone button does, with the
    text and files staged. ``value`` is the message waiting to be sent, else what the script got in the last run
    (None when that run had no message)."""

    @property
    def placeholder(self) -> str:
        return str(self.props["placeholder"])

    @property
    def max_chars(self) -> int:
        """The longest message it takes (0: no limit, as in Streamlit)."""
        return int(self.props.get("max_chars") or 0)

    @property
    def value(self) -> Any:
        wire = self._at._pending.get(self.id)
        if wire is not None:
            return wire[0] if isinstance(wire, list) else wire
        if self._at._last_trigger == self.id:
            return self._at._payloads.get(self.id)
        return None

    def set_value(self: CI, value: str | None) -> CI:
        return ChatInput._stage(self, value, ChatInput._files(self), ChatInput._recording(self))

    def upload(self: CI, filename: str, content: bytes, mime_type: str = "application/octet-stream") -> CI:
        if self.props.get("accept_file", "false") == "false":
            raise ValueError(f"the chat_input {self.placeholder!r} takes no files: pass accept_file=True")
        kept = ChatInput._files(self)
        if self.props["accept_file"] == "single":
            ChatInput._free(self, kept)
            kept = []
        file_id = self._at._session.uploads.add(self.id, filename, mime_type, content)
        pending = self._at._pending.get(self.id)
        text = pending[0] if isinstance(pending, list) else ""
        return ChatInput._stage(self, text, [*kept, file_id], ChatInput._recording(self))

    def record(self: CI, content: bytes, filename: str = "audio.wav", mime_type: str = "audio/wav") -> CI:
        if not self.props.get("accept_audio"):
            raise ValueError(f"the chat_input {self.placeholder!r} records nothing: pass accept_audio=True")
        ChatInput._free(self, [ChatInput._recording(self)] if ChatInput._recording(self) else [])
        recording = self._at._session.uploads.add(self.id, filename, mime_type, content)
        pending = self._at._pending.get(self.id)
        text = pending[0] if isinstance(pending, list) else ""
        return ChatInput._stage(self, text, ChatInput._files(self), recording)

    def clear(self: CI) -> CI:
        recording = ChatInput._recording(self)
        ChatInput._free(self, [*ChatInput._files(self), *([recording] if recording else [])])
        pending = self._at._pending.get(self.id)
        return ChatInput._stage(self, pending[0] if isinstance(pending, list) else None, [], "")

    @staticmethod
    def _files(widget: Widget) -> list[str]:
        pending = widget._at._pending.get(widget.id)
        first = 2 if widget.props.get("accept_audio") else 1
        return list(pending[first:]) if isinstance(pending, list) else []

    @staticmethod
    def _recording(widget: Widget) -> str:
        pending = widget._at._pending.get(widget.id)
        if not isinstance(pending, list) or not widget.props.get("accept_audio") or len(pending) < 2:
            return ""
        return str(pending[1])

    @staticmethod
    def _free(widget: Widget, ids: list[str]) -> None:
        for file_id in ids:
            widget._at._session.uploads.delete(widget.id, file_id)

    @staticmethod
    def _stage(widget: W, text: str | None, files: list[str], recording: str = "") -> W:
        """Hold the message for the next run: the wire value a browser sends, and the value the script will get."""
        at = widget._at
        if text is None and not files and not recording:
            at._pending.pop(widget.id, None)
            at._payloads.pop(widget.id, None)
            if at._trigger == widget.id:
                at._trigger = None
            return widget
        takes_files = widget.props.get("accept_file", "false") != "false"
        wire: Any = [text or "", *files] if takes_files else (text or "")
        if widget.props.get("accept_audio"):
            wire = [text or "", recording, *files]
        spec = at._spec(widget)
        at._payloads[widget.id] = spec.codec.from_wire(wire)
        at._pending[widget.id] = wire
        at._click(widget)
        return widget


class Component(Widget):
    """An instance of a custom component (``streamlit.components.v1.declare_component``): ``name``, and the ``args``
    its frame is rendered with. ``value`` is what the script's call returns (its ``default`` until the frame sets a
    value); ``set_value`` sets a value (JSON or bytes) as the frame would."""

    @property
    def name(self) -> str:
        return self.label

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.props["args"])

    @property
    def value(self) -> Any:
        value = self._at._widget_value(self)
        return self.props["args"].get("default") if value is None else value
