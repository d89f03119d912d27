"""image, audio, video, download_button and an image page_icon, through AppTest: what the element carries, what the
server would serve at its URL, and the download button's click semantics."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from porch.testing import AppTest
from support import app

PNG_1x1 = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def from_source(source: str, **names: object) -> AppTest:
    """An app whose script sees ``names`` as globals (given by their repr)."""
    prelude = "".join(f"{name} = {value!r}\n" for name, value in names.items())
    return AppTest.from_string("import porch as st\n" + prelude + source).run()


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# -- image ---------------------------------------------------------------------------------------------------------


def test_an_image_from_bytes_is_served_by_url_with_its_sniffed_type() -> None:
    at = from_source("st.image(data, caption='A dot', width=120)", data=PNG_1x1)
    image = at.image[0]
    assert image.url.startswith("_porch/media/") and image.url.endswith(".png")
    assert image.caption == "A dot" and image.props["width"] == 120
    assert image.data == PNG_1x1 and image.content_type == "image/png"
    assert at.image[0].props["use_container_width"] is False


def test_an_image_file_is_served_from_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "dot.png"
    path.write_bytes(PNG_1x1)
    at = from_source("st.image(path, use_container_width=True)", path=str(path))
    assert at.image[0].data == PNG_1x1 and at.image[0].content_type == "image/png"
    assert at.image[0].props["use_container_width"] is True


def test_a_file_without_an_image_extension_is_typed_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "picture.data"
    path.write_bytes(PNG_1x1)
    assert from_source("st.image(path)", path=str(path)).image[0].content_type == "image/png"
    path.write_bytes(b"not an image at all")
    at = from_source("st.image(path)", path=str(path))
    assert "not an image" in at.exception[0].message


def test_a_missing_image_file_is_an_error_in_the_app() -> None:
    at = app("st.image('no/such/picture.png')")
    assert at.exception[0].type == "FileNotFoundError"


def test_urls_pass_through_and_svg_markup_becomes_media() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
    at = from_source("st.image(['https://example.com/cat.png', svg], caption=['cat', None])", svg=svg)
    assert at.image[0].urls[0] == "https://example.com/cat.png"
    assert at.image[0].captions == ["cat", None]
    assert at._media(at.image[0].urls[1]).content_type == "image/svg+xml"
    assert at._media(at.image[0].urls[1]).read() == svg.encode()


def test_captions_must_pair_with_images() -> None:
    at = from_source("st.image([data, data], caption=['only one'])", data=PNG_1x1)
    assert at.exception[0].message == "Cannot pair 1 captions with 2 images."


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("st.image(data, width=0)", "width must be a positive number of pixels"),
        ("st.image(data, channels='HSV')", "channels must be one of"),
        ("st.image(data, output_format='TIFF')", "output_format must be"),
        ("st.image(b'plain text bytes')", "not an image a browser shows"),
        ("st.image([])", "empty list of images"),
    ],
)
def test_image_arguments_are_checked(call: str, message: str) -> None:
    at = from_source(call, data=PNG_1x1)
    assert message in at.exception[0].message


def test_arrays_become_png_without_pillow_in_the_way() -> None:
    at = app(
        "import numpy as np\n"
        "grey = np.array([[0, 128], [255, 64]], dtype=np.uint8)\n"
        "bgr = np.zeros((2, 3, 3), dtype=np.uint8); bgr[..., 0] = 255\n"
        "unit = np.full((1, 1, 4), 0.5)\n"
        "st.image([grey, bgr, unit], channels='BGR')"
    )
    grey, blue, half = (decoded(at._media(url).read()) for url in at.image[0].urls)
    assert grey.mode == "L" and np.asarray(grey).tolist() == [[0, 128], [255, 64]]
    assert blue.mode == "RGB" and blue.size == (3, 2) and blue.getpixel((2, 1)) == (0, 0, 255)
    assert half.mode == "RGBA" and half.getpixel((0, 0)) == (127, 127, 127, 127)


def test_out_of_range_arrays_need_clamp() -> None:
    source = "import numpy as np\nst.image(np.array([[-1.0, 2.0]]){})"
    refused = app(source.format(""))
    assert "outside [0.0, 1.0]" in refused.exception[0].message
    clamped = app(source.format(", clamp=True"))
    assert np.asarray(decoded(clamped.image[0].data)).tolist() == [[0, 255]]
    too_big = app("import numpy as np\nst.image(np.array([[300]]))")
    assert "outside [0, 255]" in too_big.exception[0].message
    shaped = app("import numpy as np\nst.image(np.zeros((2, 2, 2), dtype=np.uint8))")
    assert "is not an image" in shaped.exception[0].message


def test_pil_images_keep_their_format_or_take_the_one_asked_for() -> None:
    at = app(
        "from PIL import Image\nimport io\n"
        "buffer = io.BytesIO(); Image.new('RGB', (4, 3), 'red').save(buffer, 'JPEG')\n"
        "photo = Image.open(io.BytesIO(buffer.getvalue()))\n"
        "st.image(photo)\n"
        "st.image(Image.new('RGBA', (2, 2), (0, 255, 0, 128)))\n"
        "st.image(Image.new('RGBA', (2, 2)), output_format='JPEG')\n"
        "import numpy as np\n"
        "st.image(np.zeros((2, 2, 3), dtype=np.uint8), output_format='JPEG')"
    )
    types = [image.content_type for image in at.image]
    assert types == ["image/jpeg", "image/png", "image/jpeg", "image/jpeg"]
    assert decoded(at.image[0].data).size == (4, 3)
    assert decoded(at.image[1].data).getpixel((0, 0)) == (0, 255, 0, 128)


# -- audio and video -----------------------------------------------------------------------------------------------


def test_audio_from_a_file_takes_its_type_from_the_extension(tmp_path: Path) -> None:
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3" + bytes(100))
    at = from_source("st.audio(path, start_time=2, end_time=5.5, loop=True)", path=str(song))
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


def test_video_from_bytes_and_urls() -> None:
    at = from_source(
        "st.video(data, format='video/webm', muted=True, autoplay=True)\nst.video('https://example.com/v.mp4')",
        data=b"\x1aE\xdf\xa3" + bytes(50),
    )
    first, second = at.video
    assert first.content_type == "video/webm" and first.data.startswith(b"\x1aE\xdf\xa3")
    assert first.props["muted"] is True and first.props["autoplay"] is True
    assert second.url == "https://example.com/v.mp4"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("start_time=-1", "start_time must be a number of seconds"),
        ("start_time=5, end_time=3", "end_time (3) must be after start_time (5)"),
        ("start_time='soon'", "start_time must be a number of seconds"),
    ],
)
def test_playback_times_are_checked(arguments: str, message: str) -> None:
    at = from_source(f"st.audio(data, {arguments})", data=b"RIFF")
    assert message in at.exception[0].message


# -- download_button -----------------------------------------------------------------------------------------------

CLICKS = """
import porch as st
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.download_button("Get the report", "a,b\\n1,2\\n", file_name="report.csv"):
    st.session_state.clicks += 1
st.text(f"clicks={st.session_state.clicks}")
"""


def test_a_download_button_is_true_only_in_the_run_its_click_caused() -> None:
    at = AppTest.from_string(CLICKS).run()
    button = at.download_button[0]
    assert button.value is False and button.file_name == "report.csv"
    assert button.data == b"a,b\n1,2\n" and button.mime == "text/csv"
    at.download_button[0].click().run()
    assert at.download_button[0].value is True and at.text[0].value == "clicks=1"
    at.run()
    assert at.download_button[0].value is False and at.text[0].value == "clicks=1"


def test_on_click_callbacks_and_ignore() -> None:
    at = app(
        "def note(who):\n"
        "    st.session_state.noted = who\n"
        "st.download_button('A', b'x', on_click=note, args=('a',))\n"
        "st.download_button('B', b'y', on_click='ignore')\n"
        "st.text(st.session_state.get('noted', '-'))"
    )
    first, second = at.download_button
    assert first.props["rerun"] is True and second.props["rerun"] is False
    first.click().run()
    assert at.text[0].value == "a"


def test_download_data_types_and_default_names() -> None:
    at = app(
        "import io\n"
        "st.download_button('Text', 'héllo')\n"
        "st.download_button('Bytes', b'\\x00\\x01')\n"
        "st.download_button('File', io.BytesIO(b'from a buffer'), file_name='notes.md', mime='text/markdown')\n"
        "st.download_button('Reader', io.BufferedReader(io.BytesIO(b'read me')), file_name='blob')"
    )
    text, raw, buffered, reader = at.download_button
    assert (text.file_name, text.mime, text.data) == ("download.txt", "text/plain", "héllo".encode())
    assert (raw.file_name, raw.mime, raw.data) == ("download.bin", "application/octet-stream", b"\x00\x01")
    assert (buffered.file_name, buffered.mime, buffered.data) == ("notes.md", "text/markdown", b"from a buffer")
    assert (reader.file_name, reader.data) == ("blob", b"read me")


def test_a_hostile_file_name_is_made_safe() -> None:
    at = from_source("st.download_button('Get', b'x', file_name=name)", name='..\\evil"\r\nX: 1/\u202etxt.exe')
    name = at.download_button[0].file_name
    assert name == "_evil_  X_ 1_ txt.exe"
    assert at._media(at.download_button[0].props["url"]).download_name == name


def test_download_button_arguments_are_checked() -> None:
    in_form = app("with st.form('f'):\n    st.download_button('Get', b'x')\n    st.form_submit_button()")
    assert "cannot be used inside a form" in in_form.exception[0].message
    bad_click = app("st.download_button('Get', b'x', on_click='later')")
    assert "on_click must be" in bad_click.exception[0].message
    bad_data = app("st.download_button('Get', 42)")
    assert "must be str, bytes or a file-like object" in bad_data.exception[0].message


def test_a_disabled_download_button_takes_no_click() -> None:
    at = AppTest.from_string(CLICKS.replace('file_name="report.csv"', 'file_name="report.csv", disabled=True')).run()
    at.download_button[0].click().run()
    assert at.text[0].value == "clicks=0"


# -- page icon and lifetime ----------------------------------------------------------------------------------------


def test_an_image_page_icon_becomes_a_media_url_and_an_emoji_replaces_it(tmp_path: Path) -> None:
    icon = tmp_path / "icon.png"
    icon.write_bytes(PNG_1x1)
    at = from_source(
        "st.set_page_config(page_icon=path if st.checkbox('image', value=True) else '🎈')", path=str(icon)
    )
    assert at.page["icon_url"].startswith("_porch/media/") and "icon" not in at.page
    assert at._media(at.page["icon_url"]).read() == PNG_1x1
    url = at.page["icon_url"]
    at.checkbox[0].uncheck().run()
    assert at.page == {"icon": "🎈", "icon_url": ""}
    with pytest.raises(LookupError):
        at._media(url)


def test_page_icons_from_bytes_and_pil_images() -> None:
    at = app("from PIL import Image\nst.set_page_config(page_title='T', page_icon=Image.new('RGB', (16, 16), 'blue'))")
    assert decoded(at._media(at.page["icon_url"]).read()).size == (16, 16)
    assert at.page["title"] == "T"


def test_media_a_run_stops_showing_is_freed_and_a_closed_session_frees_all() -> None:
    at = from_source("if st.checkbox('show', value=True):\n    st.image(data)\nst.audio(b'RIFF')", data=PNG_1x1)
    store = at._session.media.store
    image_url = at.image[0].url
    assert len(store) == 2
    at.run()
    assert len(store) == 2, "a rerun showing the same media keeps them"
    at.checkbox[0].uncheck().run()
    assert len(store) == 1
    with pytest.raises(LookupError):
        at._media(image_url)
    at.close()
    assert len(store) == 0


def test_a_placeholder_animated_in_a_loop_keeps_one_frame() -> None:
    at = app(
        "import numpy as np\n"
        "frame = st.empty()\n"
        "for i in range(50):\n"
        "    frame.image(np.full((4, 4), i, dtype=np.uint8))\n"
        "st.image(np.full((4, 4), 49, dtype=np.uint8), caption='the last frame again')"
    )
    assert len(at._session.media.store) == 1
    assert np.asarray(decoded(at.image[0].data)).max() == 49
    assert at.image[0].url == at.image[1].url
