"""``chat_input``: the field a user types chat messages into. Called in the main area itself it goes, as in Streamlit,
into the page's bottom root (``porch.bottom``: pinned to the bottom of the main area); anywhere else it stays where it
was called. A message reaches the script once, in the run it causes.

On the wire it is a trigger that carries a value (``WidgetSpec.payload``): the client sends the message as the
widget's value together with ``trigger: id``. Files go first to the upload endpoint, as a file_uploader's do, and the
message names them by id: ``[text, file id, ...]``. With ``accept_audio`` a recording made in the field (a mono
16-bit WAV at ``audio_sample_rate``, made by the page as ``audio_input``'s is) goes the same way and has its own place
after the text: ``[text, recording id or "", file id, ...]``.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any, Literal, Protocol, overload

from ..context import get_run
from ..errors import PorchAPIError
from ..protocol import ROOT_BOTTOM, ROOT_MAIN, ROOTS
from ..upload_store import Accept, UploadedFile, UploadStore, file_ids, normalize_types
from .audio_input import RECORDING_TYPES
from ..widgets import Codec
from ._layout import Height, height_of, width_of
from ._place import Args, Block, Callback, Kwargs, WidgetProps, callback_of, show_widget, target, widget_id_at

AcceptFile = bool | Literal["multiple", "directory"]
FileTypes = str | Sequence[str] | None
SubmitMode = Literal["submit", "disable", "stop"]
SUBMIT_MODES = ("submit", "disable", "stop")
#: The sample rates Streamlit's audio recording takes (``audio_sample_rate``); None: the browser's own.
SAMPLE_RATES = (8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000)
_MISSING = object()


class Props(WidgetProps):
    placeholder: str
    max_chars: int | None
    #: "false" (text only), "single" (one file per message), "multiple", or "directory" (the files of a folder).
    accept_file: str
    #: Accepted extensions and MIME types for files, or None for any.
    file_type: list[str] | None
    #: The largest file, in bytes (the server's limit, or ``max_upload_size`` when smaller).
    max_bytes: int
    #: In the page's bottom root (called in the main area itself, or written into ``porch.bottom``): pinned to the
    #: bottom of the main area.
    pinned: bool
    #: After a submit while the script runs: "submit" (stay usable), "disable" (disabled until the run ends) or
    #: "stop" (the send button stops the run).
    submit_mode: str
    #: Whether the field has a microphone button that records a message (``accept_audio``).
    accept_audio: bool
    #: The recording's sample rate in Hz; None: the browser's own.
    audio_sample_rate: int | None
    #: Text the script put into the field (through ``session_state[key]``), not sent yet; None: leave the field.
    prefill: str | None
    #: "stretch" or pixels.
    width: str | int
    #: The field's least height: "content" (one line, growing with the text), "stretch" or pixels.
    height: str | int


class ChatInputValue(MutableMapping[str, Any]):
    """What ``chat_input`` returns when it takes files (or audio): the message's ``text`` and its ``files`` (a list
    of :class:`UploadedFile`, empty when none were attached); with ``accept_audio=True`` also ``audio`` (the
    recording sent with the message, an :class:`UploadedFile` of a WAV, or None). Read it as attributes
    (``prompt.text``) or keys (``prompt["files"]``); ``files`` exists only with ``accept_file``, ``audio`` only with
    ``accept_audio``."""

    _data: dict[str, Any]
    _allowed: frozenset[str]

    def __init__(
        self,
        text: str,
        files: list[UploadedFile] | None = None,
        audio: UploadedFile | None = None,
        *,
        accept_files: bool = True,
        accept_audio: bool = False,
    ) -> None:
        data: dict[str, Any] = {"text": text}
        if accept_files:
            data["files"] = list(files or [])
        if accept_audio:
            data["audio"] = audio
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_allowed", frozenset(data))

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)

    def __getitem__(self, key: str) -> Any:
        if key not in self._data:
            raise KeyError(f"Invalid key: {key}")
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self._allowed:
            raise KeyError(f"Invalid key: {key}")
        self._data[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self._data:
            raise KeyError(f"Invalid key: {key}")
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        data = self.__dict__.get("_data", {})
        if name in data:
            return data[name]
        why = {"files": " (accept_file=False)", "audio": " (accept_audio=False)"}.get(name, "")
        raise AttributeError(f"'ChatInputValue' object has no attribute {name!r}{why}")

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            self[name] = value
        except KeyError:
            raise AttributeError(f"'ChatInputValue' object has no attribute {name!r}") from None

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChatInputValue):
            return NotImplemented
        return self._data == other._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "ChatInputValue(" + ", ".join(f"{k}={v!r}" for k, v in self._data.items()) + ")"


def chat_input(
    place: Block,
    placeholder: str = "Your message",
    *,
    key: str | None = None,
    max_chars: int | None = None,
    max_upload_size: int | None = None,
    accept_file: AcceptFile = False,
    file_type: FileTypes = None,
    accept_audio: bool = False,
    audio_sample_rate: int | None = 16000,
    disabled: bool = False,
    submit_mode: SubmitMode = "submit",
    on_submit: Callback = None,
    args: Args = None,
    kwargs: Kwargs = None,
    width: int | Literal["stretch"] = "stretch",
    height: Height = "content",
) -> str | ChatInputValue | None:
    """Show a chat field: the user's message is returned in the run that sending it causes, None in every other run.

    Enter sends the message (Shift+Enter starts a new line) and empties the field. Called in the main area itself
    (not inside a column, a container or another block), the field goes into ``porch.bottom``, pinned to the bottom
    of the main area below the content; in the sidebar, a column, a container or any other block it stays where it
    was called. It cannot be inside a form.

    ``placeholder`` is the grey text of the empty field (and its accessible name); ``max_chars`` limits the length
    (the field takes no edit beyond it, and a longer text from a client is cut to it, as in Streamlit).
    ``accept_file`` lets the user attach files to a message: True (one), "multiple", or "directory" (the files of a
    folder); ``file_type`` limits which (extensions such as "csv" or ".pdf", MIME types such as "image/png" or
    "image/*", or a family such as "image"); ``max_upload_size`` is the largest file in megabytes (at most the
    server's own limit). A field that takes files returns a :class:`ChatInputValue` (``prompt.text``,
    ``prompt.files``) rather than a str.

    ``on_submit`` is a function run (with ``args`` and ``kwargs``) before the run the message causes; there
    ``session_state[key]`` holds the message. Setting ``session_state[key]`` to a string before the field is shown
    puts that text into the field, for the user to send. ``disabled`` shows it greyed out. ``submit_mode`` is what
    the field does while the run a message caused goes on: "submit" (the default) stays usable, "disable" is
    disabled until the run ends, and "stop" turns the send button into one that stops the run. ``width`` is
    "stretch" (the default) or pixels; ``height`` the field's least height: "content" (one line, growing with the
    text), "stretch" or pixels.

    ``accept_audio=True`` adds a microphone button: the user records a message and sends it (with the text and
    files in the field) as ``prompt.audio``, an :class:`UploadedFile` of a mono 16-bit WAV (``audio/wav``) at
    ``audio_sample_rate`` Hz (16000 by default; 8000, 11025, 22050, 24000, 32000, 44100 or 48000; None keeps the
    browser's own rate), or None when the message has no recording. It is uploaded as the files are, within the same
    limits: a recording stops, and is sent, before it would pass them.
    """
    call = f"chat_input({placeholder!r})"
    if accept_file not in (True, False, "multiple", "directory") or (
        not isinstance(accept_file, bool) and not isinstance(accept_file, str)
    ):
        raise PorchAPIError(f"{call}: accept_file must be True, False, 'multiple' or 'directory', not {accept_file!r}")
    if submit_mode not in SUBMIT_MODES:
        raise PorchAPIError(f"{call}: submit_mode must be one of {SUBMIT_MODES}, not {submit_mode!r}")
    if max_upload_size is not None and (
        isinstance(max_upload_size, bool) or not isinstance(max_upload_size, int) or max_upload_size < 1
    ):
        raise PorchAPIError(f"{call}: max_upload_size must be a positive number of megabytes, not {max_upload_size!r}")
    if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 0):
        raise PorchAPIError(f"{call}: max_chars must be a positive whole number or None, not {max_chars!r}")
    if audio_sample_rate is not None and (
        isinstance(audio_sample_rate, bool) or not isinstance(audio_sample_rate, int)
        or audio_sample_rate not in SAMPLE_RATES
    ):
        raise PorchAPIError(f"{call}: audio_sample_rate must be one of {SAMPLE_RATES} or None, not {audio_sample_rate!r}")
    try:
        types = normalize_types(file_type)
    except TypeError as exc:
        raise PorchAPIError(f"{call}: {exc}") from None
    limit = max_chars or None
    files_mode = {True: "single", "multiple": "multiple", "directory": "directory"}.get(accept_file, "false")
    takes_files = files_mode != "false"
    takes_audio = bool(accept_audio)
    shown_width = width_of(width, call, keywords=("stretch",))
    shown_height = height_of(height, call)
    callback = callback_of(on_submit, call, "on_submit")
    block = target(place)[1]
    if block._form is not None:
        raise PorchAPIError(f"{call} can't be used in a form: put it outside the `with porch.form(...)` block.")
    path = block._path
    if path[0] == ROOT_MAIN and (len(path) == 1 or (block._slot and len(path) == 2)):
        # The main area itself (or an ``empty()`` of it): into the bottom root, after what the script wrote there.
        place = block = (block._plain or type(block))(path=(ROOT_BOTTOM,), place=ROOTS[ROOT_BOTTOM])
    pinned = block._path[0] == ROOT_BOTTOM

    run = get_run()
    session = run.session
    identity_params = {  # Streamlit's compute_and_register_element_id("chat_input", ...); the placeholder is the label
        "max_chars": max_chars, "max_upload_size": max_upload_size, "accept_file": accept_file,
        "file_type": list(types), "accept_audio": accept_audio, "audio_sample_rate": audio_sample_rate,
        "submit_mode": submit_mode, "width": width, "height": height,
    }
    widget = widget_id_at(place, "chat_input", key, str(placeholder), identity_params)
    uploads = session.uploads
    max_bytes = uploads.max_file_bytes
    if max_upload_size is not None:
        max_bytes = min(max_bytes, max_upload_size * 1024 * 1024)
    if takes_files or takes_audio:
        # What the upload endpoint takes: the files, and a recording (a WAV) besides them; the message's codec then
        # holds each file to ``file_type`` and the recording to a WAV.
        taken = types if takes_files else ()
        if takes_audio and (taken or not takes_files):
            taken = tuple(dict.fromkeys((*taken, *RECORDING_TYPES)))
        multiple = files_mode != "single" or takes_audio
        uploads.expect(widget, Accept(types=taken, multiple=multiple, disabled=bool(disabled), max_bytes=max_bytes))
    prefill = _prefill(session, key, widget, limit, call)
    props = {
        "placeholder": str(placeholder),
        "max_chars": limit,
        "accept_file": files_mode,
        "file_type": list(types) or None,
        "max_bytes": max_bytes,
        "pinned": pinned,
        "submit_mode": submit_mode,
        "accept_audio": takes_audio,
        "audio_sample_rate": audio_sample_rate if takes_audio else None,
        "prefill": prefill,
        "width": shown_width,
        "height": shown_height,
    }
    value = show_widget(
        place,
        "chat_input",
        str(placeholder),
        props,
        key=key,
        default=None,
        codec=message_codec(uploads, widget, limit, files_mode, takes_audio, types),
        disabled=disabled,
        label_visibility="collapsed",
        on_change=callback,
        args=args,
        kwargs=kwargs,
        trigger=True,
        payload=True,
        identity_params=identity_params,
        keyed_identity=("accept_file", "file_type", "max_chars", "max_upload_size"),
    )
    if isinstance(value, ChatInputValue):
        for file in [*value.get("files", []), value.get("audio")]:
            if file is not None:
                file.seek(0)
    return value  # type: ignore[no-any-return]


def _prefill(session: Any, key: str | None, widget: str, limit: int | None, call: str) -> str | None:
    """Text the script set through ``session_state[key]`` for the field: before the field was shown in this run, or
    (settled into the widget store) in a callback."""
    found, value = session.state.take_preset(key)
    if not found:
        value = session.widgets.values.pop(widget, _MISSING)
        found = value is not _MISSING
    if not found or value is None:
        return None
    if not isinstance(value, str):
        raise PorchAPIError(f"{call}: session_state[{key!r}] must be a string to put into the field, not {value!r}")
    return value if limit is None else value[:limit]


def message_codec(
    uploads: UploadStore, widget: str, limit: int | None, files_mode: str, audio: bool, types: tuple[str, ...] = ()
) -> Codec:
    """A message on the wire: its text; for a field that takes files, ``[text, file id, ...]``; for one that takes
    audio, ``[text, recording id or "", file id, ...]`` (wire values are flat). The value is the text, or a
    :class:`ChatInputValue` when the field takes files or audio. Each file must be one of ``types`` (the upload
    endpoint also takes a WAV to such a field, for its recording), the recording a WAV, as Streamlit checks them."""
    takes_files = files_mode != "false"
    file_rule = Accept(types=types)

    def text_of(text: Any) -> str:
        """The message's text, its first ``limit`` characters: Streamlit's server cuts a longer text (a client that
        ignored the field's limit) rather than refusing the message, and so does Porch's."""
        if not isinstance(text, str):
            raise ValueError("expected the message's text")
        return text if limit is None else text[:limit]

    def to_wire(value: Any) -> Any:
        if value is None:
            return None
        recording: list[str] = []
        if isinstance(value, ChatInputValue):
            text, files = text_of(value["text"]), file_ids(value.get("files", []))
            recording = file_ids(value.get("audio"))
        else:
            text, files = text_of(value), []
        if files and not takes_files:
            raise ValueError("this chat_input takes no files")
        if audio:
            return [text, recording[0] if recording else "", *files]
        if recording:
            raise ValueError("this chat_input takes no recording")
        return [text, *files] if takes_files else text

    def from_wire(wire: Any) -> Any:
        if not takes_files and not audio:
            return text_of(wire)
        shape = "[text, recording id or \"\", file id, ...]" if audio else "[text, file id, ...]"
        if not isinstance(wire, list) or len(wire) < (2 if audio else 1):
            raise ValueError(f"expected {shape}")
        text = text_of(wire[0])
        recorded = wire[1] if audio else ""
        ids = wire[2:] if audio else wire[1:]
        named = [*ids, recorded] if recorded else ids
        if not all(isinstance(i, str) and i for i in named) or len(set(named)) != len(named):
            raise ValueError(f"expected {shape}, the ids distinct")
        if ids and not takes_files:
            raise ValueError("this chat_input takes no files")
        if files_mode == "single" and len(ids) > 1:
            raise ValueError("this chat_input takes one file per message")
        files = uploads.files(widget, ids) if ids else []
        for file in files:
            if not file_rule.allows(file.name, file.type):
                raise ValueError(f"{file.name} is not an accepted file type ({', '.join(types)})")
        recording = uploads.files(widget, [recorded])[0] if recorded else None
        if recording is not None and not (
            recording.name.lower().endswith(".wav") and recording.type in RECORDING_TYPES
        ):
            raise ValueError(f"a recording must be a WAV file (audio/wav), not {recording.name} ({recording.type})")
        return ChatInputValue(text, files, recording, accept_files=takes_files, accept_audio=audio)

    return Codec(to_wire=to_wire, from_wire=from_wire)


class ChatInput(Protocol):
    """``chat_input`` as a script sees it: a str (or None), or a :class:`ChatInputValue` when it takes files or
    audio."""

    @overload
    def __call__(
        self,
        placeholder: str = "Your message",
        *,
        key: str | None = None,
        max_chars: int | None = None,
        max_upload_size: int | None = None,
        accept_file: Literal[False] = False,
        file_type: FileTypes = None,
        accept_audio: Literal[False] = False,
        audio_sample_rate: int | None = 16000,
        disabled: bool = False,
        submit_mode: SubmitMode = "submit",
        on_submit: Callback = None,
        args: Args = None,
        kwargs: Kwargs = None,
        width: int | Literal["stretch"] = "stretch",
        height: Height = "content",
    ) -> str | None: ...

    @overload
    def __call__(
        self,
        placeholder: str = "Your message",
        *,
        key: str | None = None,
        max_chars: int | None = None,
        max_upload_size: int | None = None,
        accept_file: AcceptFile = False,
        file_type: FileTypes = None,
        accept_audio: bool = False,
        audio_sample_rate: int | None = 16000,
        disabled: bool = False,
        submit_mode: SubmitMode = "submit",
        on_submit: Callback = None,
        args: Args = None,
        kwargs: Kwargs = None,
        width: int | Literal["stretch"] = "stretch",
        height: Height = "content",
    ) -> str | ChatInputValue | None: ...
