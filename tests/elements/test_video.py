"""``video``: st.video of bytes and of URLs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nHello there\n"
SRT = "1\n00:00:00,000 --> 00:00:05,000\nBonjour\n\n2\n00:00:05,000 --> 00:00:09,500\nAu revoir\n"


def test_video_from_bytes_and_urls() -> None:
    at = app(
        "st.video(data, format='video/webm', muted=True, autoplay=True)\nst.video('https://example.com/v.mp4')",
        data=b"\x1aE\xdf\xa3" + bytes(50),
    )
    first, second = at.video
    assert first.content_type == "video/webm" and first.data.startswith(b"\x1aE\xdf\xa3")
    assert first.props["muted"] is True and first.props["autoplay"] is True
    assert second.url == "https://example.com/v.mp4"


def test_video_alt_and_width() -> None:
    at = app('st.video(b"\\0", alt="A demo", width="content")')
    assert at.run_status == "ok"
    assert (at.video[0].props["alt"], at.video[0].props["width"]) == ("A demo", "content")
    assert at.video[0].props["subtitles"] == []


def test_subtitles_of_every_kind_are_served_as_webvtt(tmp_path: Path) -> None:
    (tmp_path / "fr.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "en.vtt").write_text(VTT, encoding="utf-8")
    at = app(
        "import io\n"
        "st.video(b'\\0', subtitles=VTT)\n"
        "st.video(b'\\0', subtitles=SRT.encode())\n"
        "st.video(b'\\0', subtitles=io.BytesIO(SRT.encode()))\n"
        "st.video(b'\\0', subtitles={'None': '', 'English': EN, 'French': FR})\n"
        "st.video(b'\\0', subtitles='')",
        VTT=VTT, SRT=SRT, EN=str(tmp_path / "en.vtt"), FR=str(tmp_path / "fr.srt"),
    )
    assert at.run_status == "ok", at.exception
    tracks = [video.props["subtitles"] for video in at.video]
    assert [[t["label"] for t in video] for video in tracks] == [
        ["default"], ["default"], ["default"], ["None", "English", "French"], [],
    ]
    served = [[at.media(t["url"]) for t in video] for video in tracks]
    assert all(file.content_type == "text/vtt" for video in served for file in video)
    assert served[0][0].data == VTT.strip().encode()
    converted = (
        b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\nBonjour\n\n2\n00:00:05.000 --> 00:00:09.500\nAu revoir"
    )
    assert served[1][0].data == converted and served[2][0].data == converted
    assert served[3][0].data == b"WEBVTT\n"
    assert served[3][1].data == VTT.encode() and served[3][2].data == converted


@pytest.mark.parametrize(
    ("subtitles", "message"),
    [
        ("'no such file.vtt'", "Failed to process the provided subtitle 'default': video(): subtitles must be"),
        ("pathlib.Path('missing.vtt')", "the file missing.vtt does not exist"),
        ("{'English': 'not subtitles'}", "Failed to process the provided subtitle 'English'"),
        ("[VTT]", "subtitles must be str, bytes, BytesIO, Path or dict, not list"),
        ("{'Bad': b'1\\n00:00:00,000 --> 00:00:01,000\\nab\\xff'}", "could not decode the input stream as UTF-8"),
    ],
)
def test_subtitles_that_cannot_be_read_are_a_clear_error(subtitles: str, message: str) -> None:
    at = app(f"import pathlib\nst.video(b'\\0', subtitles={subtitles})", VTT=VTT)
    assert at.exception[0].props["type"] == "PorchAPIError" and message in at.exception[0].message


def test_a_subtitle_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text(VTT, encoding="utf-8")
    at = app("st.video(b'\\0', subtitles=NOTES)", NOTES=str(tmp_path / "notes.txt"))
    assert "subtitles must be a .srt or .vtt file, not .txt" in at.exception[0].message


@pytest.mark.browser
def test_the_player_shows_the_first_track_and_offers_the_others(context: Any) -> None:
    source = (
        "import porch as st\n"
        f"st.video(b'\\x1aE\\xdf\\xa3' + bytes(64), format='video/webm', subtitles={{'English': {VTT!r}, "
        f"'French': {SRT!r}}})\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        video = page.locator("video")
        expect(video.locator("track")).to_have_count(2)
        tracks = video.evaluate(
            "v => [...v.querySelectorAll('track')].map(t => ({label: t.label, kind: t.kind, default: t.default}))"
        )
        assert tracks == [
            {"label": "English", "kind": "subtitles", "default": True},
            {"label": "French", "kind": "subtitles", "default": False},
        ]
        # The browser loads the default track from the session's media: its cue is the script's text.
        page.wait_for_function(
            "() => { const t = document.querySelector('video').textTracks[0];"
            " return t.mode === 'showing' && t.cues && t.cues.length === 1; }"
        )
        assert video.evaluate("v => v.textTracks[0].cues[0].text") == "Hello there"
        french = video.evaluate(
            "v => { const t = v.textTracks[1]; t.mode = 'hidden'; return t.label; }"
        )
        assert french == "French"
        page.wait_for_function("() => document.querySelector('video').textTracks[1].cues?.length === 2")
        assert video.evaluate("v => v.textTracks[1].cues[1].text") == "Au revoir"


def test_video_of_none_shows_an_empty_player_as_streamlits() -> None:
    at = app('st.video(None)\nst.write("after")')
    assert not at.exception and at.markdown.values == ["after"] and at.get("video")[0].props["url"] == ""
