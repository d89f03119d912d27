"""``chat_input``: a message reaches the script once, in the run it causes; the field is pinned to the bottom of the
page in the main area and inline elsewhere; files attached to a message go through the upload store. A chat app as a
whole (history in session_state, chat_message, write_stream) in AppTest and in Chromium.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.elements.chat_input import ChatInputValue
from porch.upload_store import UploadedFile, UploadRefused
from porch.widgets import Codec, WidgetSpec, WidgetStore
from support import app, bad_values, send
from test_audio_input import wav
from test_uploads import tab

CHAT_APP = """
if "messages" not in st.session_state:
    st.session_state.messages = []
for message in st.session_state.messages:
    with st.chat_message(message["role"]):
        st.markdown(message["content"])
if prompt := st.chat_input("Ask me"):
    st.session_state.messages.append({"role": "user", "content": prompt})
    with st.chat_message("user"):
        st.write(prompt)
    def reply():
        for word in ["You", " said: ", prompt]:
            yield word
    with st.chat_message("assistant"):
        answer = st.write_stream(reply)
    st.session_state.messages.append({"role": "assistant", "content": answer})
st.caption(f"last={prompt!r}")
"""


def conversation(at: Any) -> list[tuple[str, str]]:
    return [(m.name, " ".join(md.value for md in m.markdown)) for m in at.chat_message]


def test_a_chat_app_keeps_its_history_and_streams_each_reply() -> None:
    at = app(CHAT_APP)
    assert at.chat_input[0].placeholder == "Ask me" and at.chat_input[0].value is None
    assert conversation(at) == [] and at.caption[0].value == "last=None"
    at.chat_input[0].set_value("hi").run()
    assert conversation(at) == [("user", "hi"), ("assistant", "You said: hi")]
    assert at.chat_input[0].value == "hi" and at.caption[0].value == "last='hi'"
    at.chat_input[0].set_value("and **you**?").run()
    assert conversation(at) == [
        ("user", "hi"), ("assistant", "You said: hi"), ("user", "and **you**?"),
        ("assistant", "You said: and **you**?"),
    ]
    at.run()  # a run the field did not cause: no message, the history stays
    assert at.caption[0].value == "last=None" and at.chat_input[0].value is None
    assert len(at.chat_message) == 4


def test_the_message_is_in_session_state_only_in_its_run_and_on_submit_sees_it() -> None:
    at = app(
        "def got(tag, *, n):\n"
        "    st.session_state.seen = (tag, n, st.session_state.box)\n"
        'before = st.session_state.get("box", "absent")\n'
        'v = st.chat_input(key="box", on_submit=got, args=("cb",), kwargs={"n": 1})\n'
        'st.write(repr((before, v, st.session_state.box, st.session_state.get("seen"))))'
    )
    assert at.markdown.values == ["('absent', None, None, None)"]
    at.chat_input(key="box").set_value("yo").run()
    assert at.markdown.values == ["('yo', 'yo', 'yo', ('cb', 1, 'yo'))"]
    at.run()
    assert at.markdown.values == ["(None, None, None, ('cb', 1, 'yo'))"]


def test_pinned_in_the_main_area_itself_inline_anywhere_else() -> None:
    at = app(
        'st.chat_input("main")\n'
        'st.empty().chat_input("slot")\n'
        'st.sidebar.chat_input("side")\n'
        'col, = st.columns(1)\n'
        'col.chat_input("col")\n'
        'with st.container():\n    st.chat_input("box")\n'
        'with st.chat_message("ai"):\n    st.chat_input("reply")\n'
    )
    assert at.exception == []
    pinned = {c.placeholder: c.props["pinned"] for c in at.chat_input}
    assert pinned == {"main": True, "slot": True, "side": False, "col": False, "box": False, "reply": False}
    # The pinned ones went, as in Streamlit, into the page's bottom root (porch.bottom), which is what pins them.
    assert [c.placeholder for c in at[3].chat_input] == ["main", "slot"]
    assert [c.placeholder for c in at.main.chat_input] == ["col", "box", "reply"]


def test_a_chat_input_in_a_form_is_an_error() -> None:
    at = app('with st.form("f"):\n    st.chat_input()\n    st.form_submit_button()')
    assert at.exception[0].props["type"] == "PorchAPIError" and "form" in at.exception[0].message


@pytest.mark.parametrize(
    "call, words",
    [
        ('st.chat_input(accept_file="many")', "accept_file must be"),
        ('st.chat_input(accept_file=1)', "accept_file must be"),
        ('st.chat_input(submit_mode="later")', "submit_mode must be"),
        ("st.chat_input(max_upload_size=0)", "max_upload_size must be"),
        ("st.chat_input(max_chars=-1)", "max_chars must be"),
        ("st.chat_input(audio_sample_rate=12345)", "audio_sample_rate must be"),
        ('st.chat_input(width="content")', "width must be"),
        ('st.chat_input(height="tall")', "height must be"),
        ("st.chat_input(on_submit=5)", "on_submit must be"),
        ("st.chat_input(file_type=[1])", "file types must be strings"),
    ],
)
def test_arguments_that_do_not_fit_are_errors_naming_the_call(call: str, words: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "chat_input(" in at.exception[0].message and words in at.exception[0].message


def test_props_the_client_gets() -> None:
    at = app(
        'st.chat_input("Say", max_chars=0, disabled=True, width=400, height=120, submit_mode="stop")\n'
        'st.chat_input("Files", accept_file="directory", file_type=["CSV", "image"], max_upload_size=2)\n'
        'st.chat_input("One", accept_file=True, max_chars=10, accept_audio=True, audio_sample_rate=None)'
    )
    say, files, one = at.chat_input
    assert (say.props["max_chars"], say.disabled, say.props["width"], say.props["height"]) == (None, True, 400, 120)
    assert say.props["submit_mode"] == "stop" and say.props["accept_file"] == "false"
    assert (say.props["label"], say.props["label_visibility"], say.props["value"]) == ("Say", "collapsed", None)
    assert files.props["accept_file"] == "directory" and files.props["file_type"] == [".csv", "image/*"]
    assert files.props["max_bytes"] == 2 * 1024 * 1024
    assert one.props["accept_file"] == "single" and one.props["max_chars"] == 10


@pytest.mark.parametrize("wire", [5, None, True, ["hi"]])
def test_text_that_does_not_fit_is_refused(wire: Any) -> None:
    at = app('v = st.chat_input(max_chars=10)\nst.write(repr(v))')
    widget = at.chat_input[0].id
    send(at, {widget: wire}, trigger=widget)
    assert len(bad_values(at)) == 1 and at.markdown.values == ["None"]
    send(at, {widget: "x" * 10}, trigger=widget)
    assert at.markdown.values == [repr("x" * 10)]


def test_text_longer_than_max_chars_is_cut_as_streamlits_server_cuts_it() -> None:
    """Streamlit's ``ChatInputSerde`` keeps the first ``max_chars`` characters of a longer message (a client that
    ignores the field's limit): not refused, cut. With files the text is cut the same way."""
    at = app('v = st.chat_input(max_chars=10)\nst.write(repr(v))')
    widget = at.chat_input[0].id
    send(at, {widget: "x" * 10 + "yz"}, trigger=widget)
    assert not bad_values(at) and at.markdown.values == [repr("x" * 10)]
    files = app('v = st.chat_input(max_chars=3, accept_file=True)\nst.write(repr(v.text if v else v))')
    widget = files.chat_input[0].id
    send(files, {widget: ["abcdef"]}, trigger=widget)
    assert not bad_values(files) and files.markdown.values == [repr("abc")]


def test_a_message_comes_with_its_trigger_or_not_at_all() -> None:
    at = app('v = st.chat_input()\nst.write(repr(v))')
    widget = at.chat_input[0].id
    send(at, {widget: "no trigger"})
    assert len(bad_values(at)) == 1 and at.markdown.values == ["None"]
    send(at, {}, trigger=widget)
    assert len(bad_values(at)) == 2 and at.markdown.values == ["None"]


def test_a_disabled_field_takes_no_message() -> None:
    at = app('v = st.chat_input(disabled=True)\nst.write(repr(v))')
    widget = at.chat_input[0].id
    send(at, {widget: "sneaky"}, trigger=widget)
    assert bad_values(at) and at.markdown.values == ["None"]


def test_a_message_with_files_goes_through_the_upload_store_and_frees_them_after_its_run() -> None:
    at = app(
        'p = st.chat_input("Ask", accept_file="multiple", file_type="txt")\n'
        "if p:\n"
        '    st.text(repr((p.text, [(f.name, f.type, f.read().decode()) for f in p.files], p["files"] == p.files)))\n'
    )
    field = at.chat_input[0]
    field.upload("a.txt", b"one", "text/plain").upload("b.txt", b"two").set_value("read these")
    assert field.value == "read these"
    field.run()
    assert at.exception == []
    assert at.text.values == [
        "('read these', [('a.txt', 'text/plain', 'one'), ('b.txt', 'application/octet-stream', 'two')], True)"
    ]
    value = at.chat_input[0].value
    assert isinstance(value, ChatInputValue) and value.text == "read these" and [f.name for f in value.files] == [
        "a.txt", "b.txt",
    ]
    assert len(at._session.uploads) == 0, "the message's files are freed once its run has taken them"
    at.run()
    assert at.text.values == [] and at.chat_input[0].value is None


def test_files_only_and_one_file_per_message() -> None:
    at = app('p = st.chat_input(accept_file=True)\nst.write(repr(p and (p.text, [f.name for f in p.files])))')
    field = at.chat_input[0]
    field.upload("a.txt", b"1").upload("b.txt", b"2").run()  # one file: the second replaces the first
    assert at.markdown.values == ["('', ['b.txt'])"]
    with pytest.raises(ValueError):
        app("st.chat_input()").chat_input[0].upload("a.txt", b"x")


@pytest.mark.parametrize(
    "wire",
    ["text only", [], [5], ["t", "no-such-file"], ["t", 7], [None]],
)
def test_file_messages_that_do_not_fit_are_refused(wire: Any) -> None:
    at = app('p = st.chat_input(accept_file="multiple")\nst.write(repr(p))')
    widget = at.chat_input[0].id
    send(at, {widget: wire}, trigger=widget)
    assert len(bad_values(at)) == 1 and at.markdown.values == ["None"]


def test_two_files_for_a_one_file_field_or_a_file_twice_are_refused() -> None:
    at = app('p = st.chat_input(accept_file=True)\nst.write(repr(p))')
    widget = at.chat_input[0].id
    uploads = at._session.uploads
    first, second = uploads.add(widget, "a.txt", "text/plain", b"1"), uploads.add(widget, "b.txt", "text/plain", b"2")
    send(at, {widget: ["", first, second]}, trigger=widget)
    send(at, {widget: ["", first, first]}, trigger=widget)
    assert len(bad_values(at)) == 2 and at.markdown.values == ["None"]
    send(at, {widget: ["one", first]}, trigger=widget)
    assert at.markdown.values[0].startswith("ChatInputValue(text='one', files=[UploadedFile(")


def test_files_of_another_widget_are_refused() -> None:
    at = app('a = st.chat_input("a", accept_file=True)\nb = st.chat_input("b", accept_file=True)\nst.write(repr(b))')
    mine, other = at.chat_input[1].id, at.chat_input[0].id
    stolen = at._session.uploads.add(other, "a.txt", "text/plain", b"secret")
    send(at, {mine: ["x", stolen]}, trigger=mine)
    assert bad_values(at) and at.markdown.values == ["None"]


def test_session_state_puts_text_into_the_field_for_the_user_to_send() -> None:
    at = app(
        'if st.button("Fill"):\n    st.session_state.box = "Hello"\n'
        'v = st.chat_input(key="box", max_chars=4)\nst.write(repr(v))'
    )
    assert at.chat_input[0].props["prefill"] is None
    at.button[0].click().run()
    assert at.chat_input[0].props["prefill"] == "Hell" and at.markdown.values == ["None"]
    at.run()
    assert at.chat_input[0].props["prefill"] is None
    bad = app('st.session_state.box = 5\nst.chat_input(key="box")')
    assert "must be a string" in bad.exception[0].message


def test_session_state_set_in_a_callback_fills_the_field() -> None:
    at = app(
        'def fill():\n    st.session_state.box = "from callback"\n'
        'st.button("Fill", on_click=fill)\nst.chat_input(key="box")'
    )
    at.button[0].click().run()
    assert at.chat_input[0].props["prefill"] == "from callback"


def test_chat_input_value_is_dict_like_with_only_the_keys_it_takes() -> None:
    file = UploadedFile("id1", "a.txt", "text/plain", b"x")
    value = ChatInputValue("hi", [file])
    assert value.text == "hi" and value["files"] == [file] and dict(value) == {"text": "hi", "files": [file]}
    assert "audio" not in value and len(value) == 2 and value.to_dict() == {"text": "hi", "files": [file]}
    with pytest.raises(AttributeError, match="accept_audio=False"):
        value.audio
    with pytest.raises(KeyError):
        value["audio"] = None
    value.text = "changed"
    assert value["text"] == "changed" and value == ChatInputValue("changed", [file])
    audio = ChatInputValue("t", accept_files=False, accept_audio=True)
    assert audio.audio is None and "files" not in audio
    with pytest.raises(AttributeError, match="accept_file=False"):
        audio.files
    at = app('p = st.chat_input(accept_audio=True)\nst.write(repr(p))')
    at.chat_input[0].set_value("spoken").run()
    assert at.markdown.values == ["ChatInputValue(text='spoken', audio=None)"]


def test_a_message_is_kept_by_a_superseded_run_and_used_once() -> None:
    """A run superseded before it reached the field leaves the message for the next run; once a run took it, it is
    gone (the widget store, as the session drives it)."""
    store = WidgetStore()
    spec = WidgetSpec(id="c", kind="chat_input", label="", key=None, default=None,
                      codec=Codec(to_wire=str, from_wire=str), trigger=True, payload=True)
    store.begin_run()
    assert store.register(spec, (False, None)) is None
    store.end_run(completed=True, superseded=False)
    assert store.apply({"c": "hello"}, {"c"}) == ([], [])
    store.begin_run()
    store.end_run(completed=False, superseded=True)  # never reached the field
    store.begin_run()
    assert store.register(spec, (False, None)) == "hello"
    store.end_run(completed=False, superseded=True)  # took it, then was superseded
    store.begin_run()
    assert store.register(spec, (False, None)) is None


# -- accept_audio: a recording sent with the message ------------------------------------------------------------


CLIP = wav()
SPOKEN = (
    "p = st.chat_input('Talk', accept_audio=True, accept_file=ACCEPT, file_type=TYPES)\n"
    "if p:\n"
    "    a = p.audio\n"
    "    st.text(repr((p.text, a and (a.name, a.type, a.read() == CLIP), [f.name for f in p.get('files', [])])))\n"
)


def test_a_recording_reaches_the_script_as_a_wav_with_the_text_and_files_and_is_freed_after_its_run() -> None:
    at = app(SPOKEN, ACCEPT="multiple", TYPES=None, CLIP=CLIP)
    field = at.chat_input[0]
    assert (field.props["accept_audio"], field.props["audio_sample_rate"]) == (True, 16000)
    field.upload("a.txt", b"one").set_value("listen").record(CLIP, "audio-1.wav").run()
    assert at.exception == [] and at.text.values == ["('listen', ('audio-1.wav', 'audio/wav', True), ['a.txt'])"]
    assert len(at._session.uploads) == 0, "the recording is freed with the files once its run has taken it"
    at.chat_input[0].record(CLIP).run()  # a recording alone is a message
    assert at.text.values == ["('', ('audio.wav', 'audio/wav', True), [])"]
    at.chat_input[0].set_value("no recording").run()
    assert at.text.values == ["('no recording', None, [])"]
    at.run()
    assert at.text.values == []


def test_a_field_that_takes_only_audio_takes_a_recording_and_no_files() -> None:
    at = app(SPOKEN, ACCEPT=False, TYPES=None, CLIP=CLIP)
    at.chat_input[0].record(CLIP).run()
    assert at.text.values == ["('', ('audio.wav', 'audio/wav', True), [])"]
    value = at.chat_input[0].value
    assert isinstance(value, ChatInputValue) and "files" not in value and isinstance(value.audio, UploadedFile)
    with pytest.raises(ValueError):
        at.chat_input[0].upload("a.txt", b"x")
    with pytest.raises(ValueError, match="accept_audio=True"):
        app("st.chat_input()").chat_input[0].record(CLIP)


@pytest.mark.parametrize(
    "wire",
    ["text only", ["text"], ["t", 5], ["t", "no-such-recording"], [None, ""], ["t", "", "no-such-file"]],
)
def test_audio_messages_that_do_not_fit_are_refused(wire: Any) -> None:
    at = app("p = st.chat_input(accept_audio=True)\nst.write(repr(p))")
    widget = at.chat_input[0].id
    send(at, {widget: wire}, trigger=widget)
    assert len(bad_values(at)) == 1 and at.markdown.values == ["None"]
    send(at, {widget: ["fine", ""]}, trigger=widget)
    assert at.markdown.values == ["ChatInputValue(text='fine', audio=None)"]


def test_a_recording_must_be_a_wav_and_files_keep_their_types() -> None:
    """The upload endpoint takes a WAV besides the files of a field that records (for its recording): the message
    still holds each file to ``file_type`` and the recording to a WAV, as Streamlit checks them."""
    at = app(SPOKEN, ACCEPT="multiple", TYPES="txt", CLIP=CLIP)
    widget = at.chat_input[0].id
    uploads = at._session.uploads
    text = uploads.add(widget, "a.txt", "text/plain", b"1")
    clip = uploads.add(widget, "clip.wav", "audio/wav", CLIP)
    send(at, {widget: ["t", text, clip]}, trigger=widget)  # the text file as the recording, the WAV as a file
    send(at, {widget: ["t", clip, clip]}, trigger=widget)  # one file named twice
    send(at, {widget: ["t", "", clip]}, trigger=widget)  # a WAV is not a txt
    assert len(bad_values(at)) == 3 and at.text.values == []
    text = uploads.add(widget, "a.txt", "text/plain", b"1")  # (a refused message's files are freed with its run)
    clip = uploads.add(widget, "clip.wav", "audio/wav", CLIP)
    send(at, {widget: ["t", clip, text]}, trigger=widget)
    assert at.text.values == ["('t', ('clip.wav', 'audio/wav', True), ['a.txt'])"]
    only = app("p = st.chat_input(accept_audio=True)\nst.write(repr(p))")
    widget = only.chat_input[0].id
    with pytest.raises(UploadRefused) as refused:
        only._session.uploads.add(widget, "a.txt", "text/plain", b"x")
    assert refused.value.status == 415
    renamed = only._session.uploads.add(widget, "clip.mp3", "audio/wav", CLIP)
    send(only, {widget: ["", renamed]}, trigger=widget)
    assert len(bad_values(only)) == 1 and only.markdown.values == ["None"]


def test_the_upload_endpoint_takes_a_recording_for_a_field_that_records() -> None:
    source = (
        "import porch as st\n"
        "p = st.chat_input('Talk', accept_audio=True)\n"
        "st.text(f'{p.text}|{p.audio.name}|{p.audio.size}' if p else 'none')\n"
    )
    with tab(source) as t:
        field = t.client.widget("chat_input")
        status, body = t.put(CLIP, url=t.url(field), name="audio-x.wav", **{"Content-Type": "audio/wav"})
        assert status == 201, body
        t.client.send({"type": "rerun", "widgets": {field: ["hi", json.loads(body)["file_id"]]}, "trigger": field})
        t.client.until(lambda m: m["type"] == "delta" and "audio-x.wav" in json.dumps(m))
        t.client.until_finished()
        assert t.client.texts() == [f"hi|audio-x.wav|{len(CLIP)}"]
        assert t.put(b"x", url=t.url(field), name="a.webm", **{"Content-Type": "video/webm"})[0] == 415


@pytest.mark.parametrize("rate", [8000, 48000, None])
def test_audio_sample_rate_is_one_of_streamlits_and_reaches_the_page(rate: int | None) -> None:
    at = app("st.chat_input(accept_audio=True, audio_sample_rate=RATE)", RATE=rate)
    assert at.exception == [] and at.chat_input[0].props["audio_sample_rate"] == rate
    for bad in (12345, True, "16000", 16000.0):
        shown = app("st.chat_input(accept_audio=True, audio_sample_rate=RATE)", RATE=bad)
        assert "audio_sample_rate must be one of" in shown.exception[0].message
    quiet = app("st.chat_input()")
    assert (quiet.chat_input[0].props["accept_audio"], quiet.chat_input[0].props["audio_sample_rate"]) == (False, None)


@pytest.mark.browser
def test_a_person_chats_and_sees_the_reply_stream_in_chromium(context: Any, tmp_path: Path) -> None:
    gate = tmp_path / "go-on"
    source = (
        "import time\n"
        f"GATE = {str(gate)!r}\n"
        'if "messages" not in st.session_state:\n    st.session_state.messages = []\n'
        "for m in st.session_state.messages:\n"
        '    with st.chat_message(m["role"]):\n        st.markdown(m["content"])\n'
        "st.write('filler ' * 400)\n"
        'if prompt := st.chat_input("Ask me"):\n'
        '    st.session_state.messages.append({"role": "user", "content": prompt})\n'
        '    with st.chat_message("user"):\n        st.markdown(prompt)\n'
        "    def reply():\n"
        '        yield "Thinking about "\n'
        "        yield prompt\n"
        "        for _ in range(200):\n"
        "            if __import__('os').path.exists(GATE):\n                break\n"
        "            time.sleep(0.05)\n"
        '        yield ", done."\n'
        '    with st.chat_message("assistant"):\n        answer = st.write_stream(reply(), cursor="▌")\n'
        '    st.session_state.messages.append({"role": "assistant", "content": answer})\n'
        'st.text(f"script saw {prompt!r}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1000, "height": 700})
        page.goto(server.url)
        expect(page.get_by_text("script saw None")).to_be_visible()
        field = page.get_by_role("textbox", name="Ask me")
        box = field.bounding_box()
        assert box is not None and 700 - (box["y"] + box["height"]) < 60, "the field is pinned to the bottom"
        field.fill("first line")
        field.press("Shift+Enter")
        field.press_sequentially("second")
        expect(field).to_have_value("first line\nsecond")
        field.press("Enter")
        user = page.get_by_role("article", name="user")
        expect(user).to_contain_text("first line")
        expect(field).to_have_value("")
        assistant = page.get_by_role("article", name="assistant")
        # Part of the reply, with the cursor, before the stream ends.
        expect(assistant).to_contain_text("Thinking about first line")
        expect(assistant).to_contain_text("▌")
        expect(assistant).not_to_contain_text("done")
        gate.touch()
        expect(assistant).to_have_text(re.compile(r"Thinking about first line\s+second, done\.\s*$"))
        expect(page.get_by_text("script saw 'first line\\nsecond'")).to_be_visible()
        # The page follows the conversation to its end (once the resize it follows has been observed).
        page.wait_for_function("() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2")
        last = assistant.bounding_box()
        bar = field.bounding_box()
        assert last is not None and bar is not None and last["y"] + last["height"] <= bar["y"], "room below the page"
        field.press("Enter")  # an empty field sends nothing
        expect(page.get_by_role("article")).to_have_count(2)


@pytest.mark.browser
def test_the_field_takes_no_edit_beyond_max_chars_as_streamlits_does_in_chromium(context: Any) -> None:
    """Streamlit's field drops an edit that would make its text longer than ``max_chars`` (a key typed at the limit,
    a paste too long): the text stays as it was, and that is what is sent."""
    source = 'v = st.chat_input("Ask me", max_chars=5)\nst.text(f"script saw {v!r}")\n'
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("script saw None")).to_be_visible()
        field = page.get_by_role("textbox", name="Ask me")
        field.press_sequentially("abcd")
        field.fill("abcdefgh")  # a paste that would go over: dropped whole
        expect(field).to_have_value("abcd")
        field.press_sequentially("ef")  # "e" fits, "f" does not
        expect(field).to_have_value("abcde")
        expect(page.get_by_text("5/5")).to_be_visible()
        field.press("Enter")
        expect(page.get_by_text("script saw 'abcde'")).to_be_visible()


@pytest.mark.browser
def test_files_attached_in_chromium_reach_the_script_and_an_inline_field_waits_for_its_run(
    context: Any, tmp_path: Path
) -> None:
    gate = tmp_path / "go-on"
    source = (
        "import os, time\n"
        f"GATE = {str(gate)!r}\n"
        'p = st.chat_input("Attach", accept_file="multiple", file_type="txt")\n'
        "if p:\n"
        '    st.text("got " + repr((p.text, [(f.name, f.read().decode()) for f in p.files])))\n'
        'q = st.sidebar.chat_input("Side", submit_mode="disable")\n'
        "if q:\n"
        "    for _ in range(200):\n"
        "        if os.path.exists(GATE):\n            break\n"
        "        time.sleep(0.05)\n"
        '    st.sidebar.text(f"side {q}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        field = page.get_by_role("textbox", name="Attach")
        expect(field).to_be_visible()
        page.locator('.chat-input[data-pinned="true"] input[type=file]').set_input_files(
            [{"name": "a.txt", "mimeType": "text/plain", "buffer": b"alpha"},
             {"name": "b.txt", "mimeType": "text/plain", "buffer": b"beta"}]
        )
        chips = page.locator(".chat-file")
        expect(chips).to_have_count(2)
        expect(page.locator('.chat-file[data-state="done"]')).to_have_count(2)
        page.get_by_role("button", name="Remove a.txt").click()
        expect(chips).to_have_count(1)
        field.fill("look")
        pinned = page.locator('.chat-input[data-pinned="true"]')
        pinned.get_by_role("button", name="Send message").click()
        expect(page.get_by_text("got ('look', [('b.txt', 'beta')])")).to_be_visible()
        expect(chips).to_have_count(0)
        assert server.call(lambda: sum(len(s.uploads) for s in server.engine.sessions._sessions.values())) == 0

        side = page.get_by_role("textbox", name="Side")
        expect(page.locator("#porch-sidebar .chat-input")).to_have_attribute("data-pinned", "false")
        side.fill("wait for me")
        side.press("Enter")
        expect(side).to_be_disabled()  # submit_mode="disable": until the run its message caused has ended
        gate.touch()
        expect(page.get_by_text("side wait for me")).to_be_visible()
        expect(side).to_be_enabled()
        expect(side).to_be_focused()


@pytest.mark.browser
def test_a_field_that_waits_for_its_run_is_enabled_again_after_a_quick_run_in_chromium(context: Any) -> None:
    """A quick run's start and end reach the page in one frame: the field still sees that its run has ended."""
    source = 'q = st.chat_input("Quick", submit_mode="disable")\nif q:\n    st.text(f"quick {q}")\n'
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        quick = page.get_by_role("textbox", name="Quick")
        for word in ("one", "two", "three"):
            expect(quick).to_be_enabled()
            quick.fill(word)
            quick.press("Enter")
            expect(page.get_by_text(f"quick {word}")).to_be_visible()
        expect(quick).to_be_enabled()


# -- accept_audio in Chromium, with its fake microphone ------------------------------------------------------------

TALK = """
import io, wave
import porch as st
p = st.chat_input("Talk", accept_audio=True, audio_sample_rate=RATE, accept_file="multiple")
if p is None:
    st.text("no message")
elif p.audio is None:
    st.text(f"text only {p.text!r} files={[f.name for f in p.files]}")
else:
    with wave.open(io.BytesIO(p.audio.getvalue())) as w:
        seconds = w.getnframes() / w.getframerate()
        frames = w.readframes(w.getnframes())
        loud = max(abs(int.from_bytes(frames[i:i + 2], "little", signed=True)) for i in range(0, len(frames), 2))
        st.text(f"said {p.text!r} files={[f.name for f in p.files]} {p.audio.name} {p.audio.type} "
                f"{w.getframerate()} Hz {w.getnchannels()} channel {w.getsampwidth() * 8} bit, {seconds > 0.5} long, "
                f"{loud > 1000} loud")
"""


@pytest.mark.browser
def test_a_recorded_message_reaches_the_script_as_a_wav_with_the_text_and_files(media_context: Any) -> None:
    from test_browser import open_app, run_count, settle

    with running_engine(TALK.replace("RATE", "8000")) as server:
        page = open_app(media_context, server.url)
        field = page.get_by_role("textbox", name="Talk")
        field.fill("hear this")
        page.locator(".chat-input input[type=file]").set_input_files(
            [{"name": "a.txt", "mimeType": "text/plain", "buffer": b"alpha"}]
        )
        expect(page.locator('.chat-file[data-state="done"]')).to_have_count(1)
        page.get_by_role("button", name="Start recording").click()
        timer = page.get_by_role("timer", name="Recording time")
        expect(timer).not_to_have_text("0:00", timeout=10_000)  # a second of the fake microphone's beep, or more
        expect(field).to_be_hidden()
        before = run_count(page)
        page.get_by_role("button", name="Submit recording").click()
        settle(page, before)
        expect(page.get_by_text("said 'hear this' files=['a.txt'] audio-")).to_contain_text(
            ".wav audio/wav 8000 Hz 1 channel 16 bit, True long, True loud"
        )
        expect(field).to_be_visible()
        expect(field).to_have_value("")
        expect(page.locator(".chat-file")).to_have_count(0)
        expect(page.get_by_role("button", name="Start recording")).to_be_enabled()
        assert server.call(lambda: sum(len(s.uploads) for s in server.engine.sessions._sessions.values())) == 0

        # Cancel keeps nothing and sends nothing; the text typed meanwhile stays for Enter.
        field.fill("typed")
        page.get_by_role("button", name="Start recording").click()
        expect(timer).to_be_visible()
        page.get_by_role("button", name="Cancel recording").click()
        expect(field).to_be_visible()
        expect(field).to_have_value("typed")
        before = run_count(page)
        field.press("Enter")
        settle(page, before)
        expect(page.get_by_text("text only 'typed' files=[]")).to_be_visible()


@pytest.mark.browser
def test_a_recording_is_sent_by_itself_at_the_upload_limit_and_at_the_browsers_rate(media_context: Any) -> None:
    from test_browser import open_app, run_count, settle

    with running_engine(TALK.replace("RATE", "None"), max_upload_bytes=150_000) as server:  # about 1.5 s at 48 kHz
        page = open_app(media_context, server.url)
        before = run_count(page)
        page.get_by_role("button", name="Start recording").click()
        settle(page, before, timeout=20_000)
        expect(page.get_by_text("said '' files=[] audio-")).to_contain_text(" 48000 Hz 1 channel 16 bit, True long")


@pytest.mark.browser
def test_a_microphone_the_user_did_not_allow_says_so_in_the_field(media_browser: Any) -> None:
    context = media_browser.new_context()
    try:
        with running_engine(TALK.replace("RATE", "16000")) as server:
            page = context.new_page()
            page.goto(server.url)
            page.get_by_role("button", name="Start recording").click()
            expect(page.locator(".chat-input").get_by_role("status")).to_have_text(
                "Access to the microphone was denied. Allow it in the browser's settings for this site, then try again."
            )
            expect(page.get_by_role("textbox", name="Talk")).to_be_visible()
            expect(page.get_by_role("button", name="Start recording")).to_be_enabled()
            expect(page.get_by_text("no message")).to_be_visible()
    finally:
        context.close()


def test_apptest_max_chars_is_0_for_no_limit_as_streamlits() -> None:
    at = app('st.chat_input("Say")\nst.chat_input("Short", max_chars=20)')
    assert [c.max_chars for c in at.chat_input] == [0, 20]
