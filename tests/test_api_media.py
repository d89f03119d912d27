"""Media beyond one element: an image page_icon, and how long the server keeps the media a page shows.

Each media element's own tests: tests/elements/test_image.py, test_audio.py, test_video.py, test_download_button.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import PNG_1x1, app, decoded

# -- page icon and lifetime ----------------------------------------------------------------------------------------


def test_an_image_page_icon_becomes_a_media_url_and_an_emoji_replaces_it(tmp_path: Path) -> None:
    icon = tmp_path / "icon.png"
    icon.write_bytes(PNG_1x1)
    at = app(
        "st.set_page_config(page_icon=path if st.checkbox('image', value=True) else '🎈')", path=str(icon)
    )
    assert at.page["icon_url"].startswith("_porch/media/") and "icon" not in at.page
    assert at.media(at.page["icon_url"]).read() == PNG_1x1
    url = at.page["icon_url"]
    at.checkbox[0].uncheck().run()
    assert at.page == {"icon": "🎈", "icon_url": ""}
    with pytest.raises(LookupError):
        at.media(url)


def test_page_icons_from_bytes_and_pil_images() -> None:
    at = app("from PIL import Image\nst.set_page_config(page_title='T', page_icon=Image.new('RGB', (16, 16), 'blue'))")
    assert decoded(at.media(at.page["icon_url"]).read()).size == (16, 16)
    assert at.page["title"] == "T"


def test_media_a_run_stops_showing_is_freed_and_a_closed_session_frees_all() -> None:
    at = app("if st.checkbox('show', value=True):\n    st.image(data)\nst.audio(b'RIFF')", data=PNG_1x1)
    store = at._session.media.store  # how much the server holds: no public name, a test of the server's memory
    image_url = at.image[0].url
    assert len(store) == 2
    at.run()
    assert len(store) == 2, "a rerun showing the same media keeps them"
    at.checkbox[0].uncheck().run()
    assert len(store) == 1
    with pytest.raises(LookupError):
        at.media(image_url)
    at.close()
    assert len(store) == 0
