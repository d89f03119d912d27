"""``image``: st.image of bytes, files, URLs, SVG markup, arrays and PIL images: what the element carries and what the
server serves at its URL."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from support import PNG_1x1, app, decoded


def test_an_image_from_bytes_is_served_by_url_with_its_sniffed_type() -> None:
    at = app("st.image(data, caption='A dot', width=120)", data=PNG_1x1)
    image = at.image[0]
    assert image.url.startswith("_porch/media/") and image.url.endswith(".png")
    assert image.caption == "A dot" and image.props["width"] == 120
    assert image.data == PNG_1x1 and image.content_type == "image/png"
    assert at.image[0].props["link"] is None and at.image[0].props["alt"] is None


def test_an_image_file_is_served_from_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "dot.png"
    path.write_bytes(PNG_1x1)
    at = app("st.image(path, use_container_width=True)", path=str(path))
    assert at.image[0].data == PNG_1x1 and at.image[0].content_type == "image/png"
    assert at.image[0].props["width"] == "stretch"  # Streamlit 1.67: use_container_width=True is width="stretch"


def test_a_file_without_an_image_extension_is_typed_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "picture.data"
    path.write_bytes(PNG_1x1)
    assert app("st.image(path)", path=str(path)).image[0].content_type == "image/png"
    path.write_bytes(b"not an image at all")
    at = app("st.image(path)", path=str(path))
    assert "not an image" in at.exception[0].message


def test_a_missing_image_file_is_an_error_in_the_app() -> None:
    at = app("st.image('no/such/picture.png')")
    assert at.exception[0].props["type"] == "FileNotFoundError"


def test_urls_pass_through_and_svg_markup_becomes_media() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
    at = app("st.image(['https://example.com/cat.png', svg], caption=['cat', None])", svg=svg)
    assert at.image[0].urls[0] == "https://example.com/cat.png"
    assert at.image[0].captions == ["cat", ""]
    assert at.media(at.image[0].urls[1]).content_type == "image/svg+xml"
    assert at.media(at.image[0].urls[1]).read() == svg.encode()


def test_captions_must_pair_with_images() -> None:
    at = app("st.image([data, data], caption=['only one'])", data=PNG_1x1)
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
    at = app(call, data=PNG_1x1)
    assert message in at.exception[0].message


def test_arrays_become_png_without_pillow_in_the_way() -> None:
    at = app(
        "import numpy as np\n"
        "grey = np.array([[0, 128], [255, 64]], dtype=np.uint8)\n"
        "bgr = np.zeros((2, 3, 3), dtype=np.uint8); bgr[..., 0] = 255\n"
        "unit = np.full((1, 1, 4), 0.5)\n"
        "st.image([grey, bgr, unit], channels='BGR')"
    )
    grey, blue, half = (decoded(at.media(url).read()) for url in at.image[0].urls)
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


def test_a_placeholder_animated_in_a_loop_keeps_one_frame() -> None:
    at = app(
        "import numpy as np\n"
        "frame = st.empty()\n"
        "for i in range(50):\n"
        "    frame.image(np.full((4, 4), i, dtype=np.uint8))\n"
        "st.image(np.full((4, 4), 49, dtype=np.uint8), caption='the last frame again')"
    )
    assert len(at._session.media.store) == 1  # what the server holds: no public name, a test of its memory
    assert np.asarray(decoded(at.image[0].data)).max() == 49
    assert at.image[0].url == at.image[1].url


def test_image_link_alt_and_the_deprecated_widths() -> None:
    at = app(
        "st.image(data, link='https://example.org/big', alt='A dot')\n"
        "st.image(data, width=50, use_column_width='always')\n"
        "st.image(data, width='stretch', use_container_width=False)\n"
        "st.image(data, width=None)",
        data=PNG_1x1,
    )
    assert (at.image[0].props["link"], at.image[0].props["alt"]) == ("https://example.org/big", "A dot")
    assert [image.props["width"] for image in at.image] == ["content", "stretch", "content", "content"]


def test_an_image_link_must_be_a_link() -> None:
    at = app("st.image(data, link='javascript:alert(1)')", data=PNG_1x1)
    assert "is not an http(s), mailto or relative URL" in at.exception[0].message
