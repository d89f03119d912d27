"""``video``: st.video of bytes and of URLs."""

from __future__ import annotations

from support import app


def test_video_from_bytes_and_urls() -> None:
    at = app(
        "st.video(data, format='video/webm', muted=True, autoplay=True)\nst.video('https://example.com/v.mp4')",
        data=b"\x1aE\xdf\xa3" + bytes(50),
    )
    first, second = at.video
    assert first.content_type == "video/webm" and first.data.startswith(b"\x1aE\xdf\xa3")
    assert first.props["muted"] is True and first.props["autoplay"] is True
    assert second.url == "https://example.com/v.mp4"


def test_video_alt_width_and_subtitles_accepted() -> None:
    at = app('st.video(b"\\0", subtitles="captions.vtt", alt="A demo", width="content")')
    assert at.run_status == "ok"
    assert (at.video[0].props["alt"], at.video[0].props["width"]) == ("A demo", "content")
