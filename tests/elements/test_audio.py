"""``audio``: st.audio of files and samples, and the playback times audio and video share."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app


def test_audio_from_a_file_takes_its_type_from_the_extension(tmp_path: Path) -> None:
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3" + bytes(100))
    at = app("st.audio(path, start_time=2, end_time=5.5, loop=True)", path=str(song))
    audio = at.audio[0]
    assert audio.content_type == "audio/mpeg" and audio.data == song.read_bytes()
    assert (audio.props["start_time"], audio.props["end_time"], audio.props["loop"]) == (2, 5.5, True)
    assert audio.props["autoplay"] is False


def test_audio_samples_become_wav() -> None:
    at = app(
        "import numpy as np\n"
        "t = np.linspace(0, 1, 800, endpoint=False)\n"
        "st.audio(np.array([np.sin(2 * np.pi * 5 * t), 0.5 * np.sin(2 * np.pi * 5 * t)]), sample_rate=800)"
    )
    with wave.open(io.BytesIO(at.audio[0].data)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), wav.getnframes()) == (2, 2, 800, 800)
        frames = np.frombuffer(wav.readframes(800), dtype="<i2").reshape(800, 2)
    assert frames[:, 0].max() == 32767, "the loudest sample is full scale"
    assert abs(int(frames[:, 1].max()) - 16383) <= 1
    missing = app("import numpy as np\nst.audio(np.zeros(10))")
    assert "sample_rate" in missing.exception[0].message


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("start_time=-1", "start_time must be a number of seconds"),
        ("start_time=5, end_time=3", "end_time (3) must be after start_time (5)"),
        ("start_time='soon'", "start_time must be a number of seconds"),
    ],
)
def test_playback_times_are_checked(arguments: str, message: str) -> None:
    at = app(f"st.audio(data, {arguments})", data=b"RIFF")
    assert message in at.exception[0].message


def test_playback_times_may_be_time_strings_as_in_streamlit() -> None:
    at = app("import datetime\nst.audio(data, start_time='1m30s', end_time='2 minutes')\n"
             "st.video(data, start_time='45s', end_time=datetime.timedelta(minutes=1))", data=b"RIFF")
    assert [(m.props["start_time"], m.props["end_time"]) for m in at.get("audio") + at.get("video")] == [
        (90, 120), (45, 60)
    ]


def test_audio_alt_and_width() -> None:
    at = app('st.audio(b"RIFF", alt="A bird singing", width=320)')
    assert (at.audio[0].props["alt"], at.audio[0].props["width"]) == ("A bird singing", 320)


def test_audio_of_none_shows_an_empty_player_as_streamlits() -> None:
    """``st.audio(st.audio_input(...))`` before anything is recorded: a player with nothing to play, no error."""
    at = app('st.audio(None)\nst.audio(st.audio_input("Say it"))\nst.write("after")')
    assert not at.exception and at.markdown.values == ["after"]
    assert [a.props["url"] for a in at.get("audio")] == ["", ""]


@pytest.mark.browser
def test_an_empty_player_has_no_source_in_chromium(context: Any) -> None:
    """Nothing to play: no ``src`` (an empty one would have the browser fetch the page itself as media)."""
    with running_engine('import porch as st\nst.audio(None)\nst.video(None)\nst.write("shown")') as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("shown")).to_be_visible()
        has_source = "() => [...document.querySelectorAll('audio, video')].map((p) => p.hasAttribute('src'))"
        assert page.evaluate(has_source) == [False, False]
