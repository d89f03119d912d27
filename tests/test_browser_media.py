"""Media in a real browser: images decode, a download is an ordinary download with the server's name and bytes, and
players load what the server answers with ranges."""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from test_browser import open_app, run_count, settle

pytestmark = pytest.mark.browser


def wav(seconds: float, rate: int = 8000) -> bytes:
    """A mono 16-bit tone, ``seconds`` long."""
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(i / 10))) for i in range(int(seconds * rate)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


def test_images_and_an_image_page_icon_load_under_a_base_path(context: Any, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 30), "teal").save(tmp_path / "teal.png")
    source = f"""
import porch as st
import numpy as np
st.set_page_config(page_icon={str(tmp_path / 'teal.png')!r})
st.image([{str(tmp_path / 'teal.png')!r}, np.zeros((8, 16, 3), dtype=np.uint8)], caption=["Teal", "Black"], width=80)
"""
    with running_engine(source, base_path="/apps/pics") as server:
        page = open_app(context, server.url)
        teal = page.get_by_role("img", name="Teal")
        teal.wait_for()
        page.wait_for_function("() => [...document.images].every((img) => img.complete && img.naturalWidth > 0)")
        sizes = page.evaluate("() => [...document.images].map((img) => [img.naturalWidth, img.naturalHeight])")
        assert sizes == [[40, 30], [16, 8]]
        assert teal.evaluate("(img) => img.getBoundingClientRect().width") == 80
        expect(page.get_by_text("Black", exact=True), "the caption is shown under its image").to_be_visible()
        icon = page.evaluate("() => document.querySelector(\"link[rel~='icon']\").href")
        assert icon.startswith(server.url + "_porch/media/") and icon.endswith(".png")
        loaded = page.evaluate(
            """(href) => new Promise((done) => {
                const probe = new Image();
                probe.onload = () => done(probe.naturalWidth);
                probe.onerror = () => done(-1);
                probe.src = href;
            })""",
            icon,
        )
        assert loaded == 40


def test_a_download_has_the_servers_name_and_bytes_and_its_button_is_true_once(context: Any) -> None:
    payload = "name,price\nteapot,12\n" * 100
    source = f"""
import porch as st
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.download_button("Get the report", {payload!r}, file_name="prices é.csv"):
    st.session_state.clicks += 1
st.checkbox("Something else")
st.text(f"clicks={{st.session_state.clicks}}")
"""
    with running_engine(source) as server:
        page = open_app(context, server.url)
        before = run_count(page)
        with page.expect_download() as info:
            page.get_by_role("link", name="Get the report").click()
        download = info.value
        assert download.suggested_filename == "prices é.csv"
        assert Path(download.path()).read_bytes() == payload.encode()
        settle(page, before)
        page.get_by_text("clicks=1").wait_for()
        before = run_count(page)
        page.get_by_label("Something else").check()
        settle(page, before)
        expect(page.get_by_text("clicks=1"), "a later run does not see the click again").to_be_visible()
def test_a_download_with_on_click_ignore_does_not_rerun(context: Any) -> None:
    source = (
        "import porch as st\n"
        'st.download_button("Quiet", b"\\x00" * 64, file_name="z.bin", on_click="ignore")\n'
        'st.checkbox("Something else")'
    )
    with running_engine(source) as server:
        page = context.new_page()
        sent: list[str] = []
        page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(str(payload))))
        page.goto(server.url)
        settle(page)
        with page.expect_download() as info:
            page.get_by_role("link", name="Quiet").click()
        assert Path(info.value.path()).read_bytes() == b"\x00" * 64
        before = run_count(page)
        page.get_by_label("Something else").check()  # sent after anything the download click could have sent
        settle(page, before)
        assert run_count(page) == before + 1
        assert not [message for message in sent if "trigger" in message], sent


def test_players_load_what_the_server_serves_and_seek_with_ranges(context: Any) -> None:
    long_tone = wav(240)  # ~3.8 MB: the player reads the start, then asks for the end by range when it seeks there
    source = f"""
import porch as st
st.audio({long_tone!r}, start_time=1)
st.video({wav(2)!r}, format="audio/wav", muted=True)
"""
    with running_engine(source) as server:
        page = context.new_page()
        media: list[tuple[str | None, int]] = []
        page.on(
            "response",
            lambda response: media.append((response.request.headers.get("range"), response.status))
            if "/_porch/media/" in response.url
            else None,
        )
        page.goto(server.url)
        settle(page)
        page.wait_for_function(
            "() => [...document.querySelectorAll('audio, video')].every((p) => p.readyState >= 1 && !p.error)"
        )
        durations = page.evaluate("() => [...document.querySelectorAll('audio, video')].map((p) => p.duration)")
        assert [round(d) for d in durations] == [240, 2]
        assert page.evaluate("() => document.querySelector('audio').currentTime") == pytest.approx(1, abs=0.01)
        page.evaluate(
            """() => new Promise((done) => {
                const audio = document.querySelector('audio');
                audio.addEventListener('seeked', () => done(null), { once: true });
                audio.currentTime = 235;
            })"""
        )
        page.wait_for_function("() => document.querySelector('audio').readyState >= 2")
        assert all(status in (200, 206) for _, status in media), media
        assert any(status == 206 and (header or "").startswith("bytes=") for header, status in media), media
