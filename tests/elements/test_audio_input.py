"""``audio_input``: st.audio_input as a script sees it (AppTest: the real session and upload store), the upload
endpoint's checks for a recording, and recordings made in Chromium with its fake microphone."""

from __future__ import annotations

import io
import json
import wave
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch import UploadedFile
from porch.testing import AppTest
from porch.upload_store import UploadRefused
from support import app, bad_values, send
from test_browser import open_app, run_count, settle
from test_uploads import tab


def wav(seconds: float = 0.1, rate: int = 16000) -> bytes:
    """A silent mono 16-bit WAV."""
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(b"\0\0" * int(seconds * rate))
    return out.getvalue()


CLIP = wav()
SHOW = """
def show(f):
    st.text("none" if f is None else f"{f.name}|{f.type}|{f.size}")
"""


def held(at: AppTest) -> int:
    return len(at._session.uploads)


def test_the_value_is_none_until_a_recording_is_made_then_that_recording() -> None:
    at = app(SHOW + 'show(st.audio_input("Voice"))')
    mic = at.audio_input[0]
    assert at.text[0].value == "none"
    assert (mic.value, mic.label, mic.url, mic.sample_rate) == (None, "Voice", None, 16000)
    mic.upload("clip.wav", CLIP).run()
    assert at.text[0].value == f"clip.wav|audio/wav|{len(CLIP)}"
    recording = at.audio_input[0].value
    assert isinstance(recording, UploadedFile) and recording.getvalue() == CLIP
    url = at.audio_input[0].url
    assert url is not None and at.media(url).read() == CLIP and at.media(url).content_type == "audio/wav"


def test_the_recording_plays_in_st_audio() -> None:
    at = app('clip = st.audio_input("Voice")\nif clip:\n    st.audio(clip)')
    at.audio_input[0].upload("clip.wav", CLIP).run()
    assert at.media(at.audio[0].props["url"]).read() == CLIP


def test_clearing_returns_none_and_frees_the_recording() -> None:
    at = app(SHOW + 'show(st.audio_input("Voice"))')
    at.audio_input[0].set_value(("clip.wav", CLIP, "audio/wav")).run()
    assert held(at) == 1
    at.audio_input[0].clear().run()
    assert at.text[0].value == "none" and held(at) == 0 and at.audio_input[0].url is None


def test_a_new_recording_replaces_the_one_held() -> None:
    at = app(SHOW + 'show(st.audio_input("Voice"))')
    at.audio_input[0].upload("a.wav", CLIP).run()
    at.audio_input[0].upload("b.wav", wav(0.2)).run()
    assert at.text[0].value.startswith("b.wav|") and held(at) == 1


def test_a_recording_is_a_wav_and_nothing_else() -> None:
    at = app(SHOW + 'show(st.audio_input("Voice"))')
    at.audio_input[0].upload("old.wav", CLIP, "audio/x-wav").run()
    assert at.text[0].value.startswith("old.wav|audio/x-wav|")
    with pytest.raises(UploadRefused) as refused:
        at.audio_input[0].upload("song.mp3", b"ID3", "audio/mpeg")
    assert refused.value.status == 415


@pytest.mark.parametrize("rate", [8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, None])
def test_sample_rate_is_one_of_streamlits(rate: int | None) -> None:
    at = app("st.audio_input('Voice', sample_rate=rate)", rate=rate)
    assert at.audio_input[0].sample_rate == rate == at.audio_input[0].props["sample_rate"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.audio_input("V", sample_rate=12345)', "audio_input('V'): sample_rate must be one of 8000, 11025, 16000"),
        ('st.audio_input("V", sample_rate=True)', "sample_rate must be one of"),
        ('st.audio_input("V", sample_rate="16000")', "sample_rate must be one of"),
        ('st.audio_input("V", width="content")', "audio_input('V'): width must be a positive number of pixels or"),
        ('st.audio_input("V", on_change=[])', "on_change must be a callable, 'rerun' or 'ignore'"),
    ],
)
def test_arguments_out_of_range_are_errors_naming_the_call(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def test_everything_after_the_label_is_keyword_only() -> None:
    assert "positional argument" in app('st.audio_input("V", 16000)').exception[0].message


def test_help_label_visibility_width_and_ignore_are_taken() -> None:
    at = app('st.audio_input("V", help="Say hi", label_visibility="hidden", on_change="ignore", width=300)')
    props = at.audio_input[0].props
    assert (props["help"], props["label_visibility"], props["width"]) == ("Say hi", "hidden", 300)
    assert props["max_bytes"] == at._session.uploads.max_file_bytes


def test_a_disabled_microphone_takes_no_recording() -> None:
    at = app('st.audio_input("Voice", disabled=True)')
    with pytest.raises(UploadRefused) as refused:
        at.audio_input[0].upload("clip.wav", CLIP)
    assert refused.value.status == 403


def test_on_change_runs_with_the_new_recording_in_session_state() -> None:
    at = app(
        """
def changed():
    st.session_state.log = st.session_state.get("log", []) + [getattr(st.session_state.voice, "name", None)]
st.audio_input("Voice", key="voice", on_change=changed)
st.text(repr(st.session_state.get("log", [])))
"""
    )
    at.audio_input[0].upload("a.wav", CLIP).run()
    at.audio_input(key="voice").clear().run()
    assert at.text[0].value == "['a.wav', None]"


def test_in_a_form_the_recording_is_sent_with_the_submit() -> None:
    at = app(SHOW + 'with st.form("f"):\n    v = st.audio_input("Voice")\n    st.form_submit_button("Send")\nshow(v)')
    at.audio_input[0].upload("a.wav", CLIP).run()
    assert at.text[0].value == "none"
    at.button[0].click().run()
    assert at.text[0].value.startswith("a.wav|audio/wav|")


def test_the_recording_of_a_microphone_that_is_not_rendered_is_dropped() -> None:
    at = app('if st.checkbox("Show", value=True):\n    st.audio_input("Voice", key="voice")')
    at.audio_input[0].upload("a.wav", CLIP).run()
    at.checkbox[0].uncheck().run()
    assert held(at) == 0 and "voice" not in at.session_state


def test_a_client_cannot_name_a_recording_it_did_not_make_with_this_widget() -> None:
    at = app(SHOW + 'show(st.audio_input("A"))\nshow(st.file_uploader("F"))')
    at.file_uploader[0].upload("f.wav", CLIP, "audio/wav").run()
    uploaded = at.file_uploader[0].value
    assert isinstance(uploaded, UploadedFile)
    send(at, {at.audio_input[0].id: [uploaded.file_id]})
    send(at, {at.audio_input[0].id: [1]})
    assert len(bad_values(at)) == 2 and at.text[0].value == "none"


def test_the_upload_endpoint_takes_a_wav_and_refuses_what_is_not_one() -> None:
    source = 'import porch as st\nv = st.audio_input("Voice")\nst.text(f"{v.name}|{v.size}" if v else "none")\n'
    with tab(source) as t:
        mic = t.client.widget("audio_input")
        status, body = t.put(CLIP, url=t.url(mic), name="clip.wav", **{"Content-Type": "audio/wav"})
        assert status == 201, body
        t.client.send({"type": "rerun", "widgets": {mic: [json.loads(body)["file_id"]]}})
        t.client.until_finished()
        assert t.client.texts() == [f"clip.wav|{len(CLIP)}"]
        status, body = t.put(b"x", url=t.url(mic), name="clip.wav", **{"Content-Type": "video/webm"})
        assert status == 415
        assert t.put(CLIP, url=t.url(mic), **{"Content-Type": "audio/wav", "X-XSRFToken": ""})[0] == 403
    with tab("import porch as st\nst.audio_input('Voice', disabled=True)\n", max_upload_bytes=100) as t:
        mic = t.client.widget("audio_input")
        assert t.client.view.tree.roots[0].children[0].props["max_bytes"] == 100
        assert t.put(CLIP, url=t.url(mic), **{"Content-Type": "audio/wav"})[0] == 403


# -- in Chromium, with its fake microphone -------------------------------------------------------------------------

APP = """
import io, wave
import porch as st
clip = st.audio_input("Voice", sample_rate=RATE)
if clip is None:
    st.text("no recording")
else:
    with wave.open(io.BytesIO(clip.getvalue())) as w:
        seconds = w.getnframes() / w.getframerate()
        frames = w.readframes(w.getnframes())
        loud = max(abs(int.from_bytes(frames[i:i + 2], "little", signed=True)) for i in range(0, len(frames), 2))
        st.text(f"recording {clip.name} {clip.type} {w.getframerate()} Hz {w.getnchannels()} channel "
                f"{w.getsampwidth() * 8} bit, {seconds > 0.5} long, {loud > 1000} loud")
"""


def record(page: Any, seconds: float = 1.0) -> None:
    before = run_count(page)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("timer")).to_be_visible()
    page.wait_for_timeout(seconds * 1000)
    page.get_by_role("button", name="Stop recording").click()
    settle(page, before)


@pytest.mark.browser
@pytest.mark.parametrize("rate", [16000, 8000])
def test_a_recording_made_in_chromium_reaches_the_script_as_a_wav(media_context: Any, rate: int) -> None:
    with running_engine(APP.replace("RATE", str(rate))) as server:
        page = open_app(media_context, server.url)
        record(page, 1.2)
        # The fake microphone beeps: a second of sound at the rate asked for, mono, 16-bit.
        expect(page.get_by_text("recording audio-")).to_contain_text(
            f".wav audio/wav {rate} Hz 1 channel 16 bit, True long, True loud"
        )
        player = page.get_by_label("The recording")
        expect(player).to_be_visible()
        page.wait_for_function("() => document.querySelector('.audio-playback').duration > 0.5")

        before = run_count(page)
        page.get_by_role("button", name="Clear recording").click()
        settle(page, before)
        expect(page.get_by_text("no recording")).to_be_visible()
        expect(player).to_be_hidden()
        record(page, 0.6)  # and another
        expect(page.get_by_text("recording audio-")).to_be_visible()
        sessions = server.engine.sessions._sessions
        assert server.call(lambda: [len(s.uploads) for s in sessions.values()]) == [1]


@pytest.mark.browser
def test_sample_rate_none_keeps_the_browsers_rate(media_context: Any) -> None:
    with running_engine(APP.replace("RATE", "None")) as server:
        page = open_app(media_context, server.url)
        record(page)
        expect(page.get_by_text("recording audio-")).to_contain_text(" 48000 Hz 1 channel")


@pytest.mark.browser
def test_a_recording_stops_by_itself_at_the_upload_limit(media_context: Any) -> None:
    with running_engine(APP.replace("RATE", "8000"), max_upload_bytes=20_000) as server:  # about 1.2 s at 8 kHz
        page = open_app(media_context, server.url)
        before = run_count(page)
        page.get_by_role("button", name="Record").click()
        settle(page, before, timeout=15_000)
        expect(page.get_by_text("recording audio-")).to_contain_text("8000 Hz")
        expect(page.locator(".audio-input").get_by_role("status")).to_have_text(
            "The recording stopped at the largest size this app takes."
        )


@pytest.mark.browser
def test_a_microphone_the_user_did_not_allow_says_so(media_browser: Any) -> None:
    context = media_browser.new_context()
    try:
        with running_engine(APP.replace("RATE", "16000")) as server:
            page = open_app(context, server.url)
            page.get_by_role("button", name="Record").click()
            expect(page.locator(".audio-input").get_by_role("status")).to_have_text(
                "Access to the microphone was denied. Allow it in the browser's settings for this site, then try again."
            )
            expect(page.get_by_role("button", name="Record")).to_be_enabled()
            expect(page.get_by_text("no recording")).to_be_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_a_browser_without_a_microphone_says_so(context: Any) -> None:
    context.grant_permissions(["camera", "microphone"])
    with running_engine(APP.replace("RATE", "16000")) as server:
        page = open_app(context, server.url)
        page.get_by_role("button", name="Record").click()
        expect(page.locator(".audio-input").get_by_role("status")).to_have_text(
            "No microphone was found. Connect one, then try again."
        )
