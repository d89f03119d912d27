"""``chat_input``: a message reaches the script once, in the run it causes; the field is pinned to the bottom of the
page in the main area and inline elsewhere; files attached to a message go through the upload store. A chat app as a
whole (history in session_state, chat_message, write_stream) in AppTest and in Chromium.

Values a client sends that do not fit are refused on the server: those tests send raw wire values through the
session (``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.elements.chat_input import ChatInputValue
from porch.upload_store import UploadedFile
from porch.widgets import Codec, WidgetSpec, WidgetStore
from support import app, bad_values, send

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


@pytest.mark.parametrize("wire", [5, None, True, ["hi"], "x" * 11])
def test_text_that_does_not_fit_is_refused(wire: Any) -> None:
    at = app('v = st.chat_input(max_chars=10)\nst.write(repr(v))')
    widget = at.chat_input[0].id
    send(at, {widget: wire}, trigger=widget)
    assert len(bad_values(at)) == 1 and at.markdown.values == ["None"]
    send(at, {widget: "x" * 10}, trigger=widget)
    assert at.markdown.values == [repr("x" * 10)]


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
        assert page.evaluate(
            "window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2"
        ), "the page follows the conversation to its end"
        last = assistant.bounding_box()
        bar = field.bounding_box()
        assert last is not None and bar is not None and last["y"] + last["height"] <= bar["y"], "room below the page"
        field.press("Enter")  # an empty field sends nothing
        expect(page.get_by_role("article")).to_have_count(2)


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
