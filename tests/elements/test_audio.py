"""``audio``: st.audio of files and samples, and the playback times audio and video share."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

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


def test_audio_alt_and_width() -> None:
    at = app('st.audio(b"RIFF", alt="A bird singing", width=320)')
    assert (at.audio[0].props["alt"], at.audio[0].props["width"]) == ("A bird singing", 320)
