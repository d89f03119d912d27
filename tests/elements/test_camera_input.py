"""``camera_input``: st.camera_input as a script sees it (AppTest: the real session and upload store), the upload
endpoint's checks for a photo, and a photo taken in Chromium with its fake camera."""

from __future__ import annotations

import json
import re
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

#: Bytes that stand for a photo: the server takes what the browser declares, as for any upload.
JPEG = b"\xff\xd8\xff\xe0 a photo"

SHOW = """
def show(f):
    st.text("none" if f is None else f"{f.name}|{f.type}|{f.size}|{f.getvalue()!r}")
"""


def held(at: AppTest) -> int:
    """How many files the session's upload store holds: whether a photo was freed."""
    return len(at._session.uploads)


def test_the_value_is_none_until_a_photo_is_taken_then_that_photo() -> None:
    at = app(SHOW + 'show(st.camera_input("Photo"))')
    camera = at.camera_input[0]
    assert at.text[0].value == "none"
    assert (camera.value, camera.label, camera.url, camera.resolution) == (None, "Photo", None, None)
    camera.upload("shot.jpg", JPEG)
    assert at.text[0].value == "none", "the script sees the photo in the next run"
    at.run()
    assert at.text[0].value == f"shot.jpg|image/jpeg|{len(JPEG)}|{JPEG!r}"
    photo = at.camera_input[0].value
    assert isinstance(photo, UploadedFile) and photo.read() == JPEG
    url = at.camera_input[0].url
    assert url is not None and at.media(url).read() == JPEG and at.media(url).content_type == "image/jpeg", (
        "the page shows the photo the script got, served from the session's media"
    )


def test_every_run_reads_the_photo_from_its_start() -> None:
    at = app('p = st.camera_input("Photo")\nst.text(p.read().decode() if p else "-")\nst.button("Again")')
    at.camera_input[0].upload("a.jpg", b"one").run()
    at.button[0].click().run()
    assert at.text[0].value == "one"


def test_clearing_returns_none_and_frees_the_photo() -> None:
    at = app(SHOW + 'show(st.camera_input("Photo"))')
    at.camera_input[0].upload("a.jpg", JPEG).run()
    assert held(at) == 1
    at.camera_input[0].clear().run()
    assert at.text[0].value == "none" and at.camera_input[0].url is None
    assert held(at) == 0
    at.camera_input[0].set_value(("b.jpg", JPEG, "image/jpeg")).run()
    assert at.text[0].value.startswith("b.jpg|")
    at.camera_input[0].set_value(None).run()
    assert at.text[0].value == "none" and held(at) == 0


def test_a_new_photo_replaces_the_one_held_which_is_freed() -> None:
    at = app(SHOW + 'show(st.camera_input("Photo"))')
    at.camera_input[0].upload("a.jpg", b"1").run()
    at.camera_input[0].upload("never-sent.jpg", b"2").upload("b.jpg", b"3").run()
    assert at.text[0].value == "b.jpg|image/jpeg|1|b'3'"
    assert held(at) == 1


def test_a_photo_is_a_jpeg_or_a_png_and_nothing_else() -> None:
    at = app(SHOW + 'show(st.camera_input("Photo"))')
    at.camera_input[0].upload("shot.png", b"png", "image/png").run()
    assert at.text[0].value == "shot.png|image/png|3|b'png'"
    with pytest.raises(UploadRefused) as refused:
        at.camera_input[0].upload("notes.txt", b"x", "text/plain")
    assert refused.value.status == 415


def test_resolution_asks_for_a_height_and_width_is_stretch_or_pixels() -> None:
    at = app('st.camera_input("A", resolution="720p")\nst.camera_input("B", resolution="1080p", width=320)')
    assert [c.props["resolution"] for c in at.camera_input] == [720, 1080]
    assert [c.resolution for c in at.camera_input] == ["720p", "1080p"]
    assert [c.props["width"] for c in at.camera_input] == ["stretch", 320]
    assert at.camera_input[0].props["max_bytes"] == at._session.uploads.max_file_bytes


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.camera_input("P", resolution="4k")', "camera_input('P'): resolution must be one of '480p', '720p'"),
        ('st.camera_input("P", width="content")', "camera_input('P'): width must be a positive number of pixels or"),
        ('st.camera_input("P", on_change=5)', "on_change must be a callable, 'rerun' or 'ignore'"),
        ('st.camera_input("P", label_visibility="gone")', "label_visibility must be one of"),
    ],
)
def test_arguments_out_of_range_are_errors_naming_the_call(call: str, message: str) -> None:
    at = app(call)
    assert message in at.exception[0].message


def test_help_label_visibility_and_ignore_are_taken() -> None:
    at = app('st.camera_input("P", help="Smile", label_visibility="collapsed", on_change="ignore", disabled=True)')
    props = at.camera_input[0].props
    assert (props["help"], props["label_visibility"], props["disabled"]) == ("Smile", "collapsed", True)


def test_a_disabled_camera_takes_no_photo() -> None:
    at = app('st.camera_input("Photo", disabled=True)')
    with pytest.raises(UploadRefused) as refused:
        at.camera_input[0].upload("a.jpg", JPEG)
    assert refused.value.status == 403


def test_on_change_runs_with_the_new_photo_in_session_state() -> None:
    at = app(
        """
def changed(tag):
    photo = st.session_state.cam
    st.session_state.log = st.session_state.get("log", []) + [(tag, photo.name if photo else None)]
st.camera_input("Photo", key="cam", on_change=changed, args=("new",))
st.text(repr(st.session_state.get("log", [])))
"""
    )
    at.camera_input[0].upload("a.jpg", JPEG).run()
    assert at.text[0].value == "[('new', 'a.jpg')]"
    assert isinstance(at.session_state["cam"], UploadedFile)
    at.run()
    assert at.text[0].value == "[('new', 'a.jpg')]", "the same photo again is no change"
    at.camera_input(key="cam").clear().run()
    assert at.text[0].value == "[('new', 'a.jpg'), ('new', None)]"


def test_setting_the_photo_through_session_state_is_an_error() -> None:
    at = app('st.session_state.cam = None\nst.camera_input("Photo", key="cam")')
    assert "cannot be set through session_state" in at.exception[0].message


def test_in_a_form_the_photo_is_sent_with_the_submit() -> None:
    at = app(SHOW + 'with st.form("f"):\n    p = st.camera_input("Photo")\n    st.form_submit_button("Send")\nshow(p)')
    at.camera_input[0].upload("a.jpg", JPEG).run()
    assert at.text[0].value == "none", "held until the submit"
    assert held(at) == 1, "the photo itself is on the server already"
    at.button[0].click().run()
    assert at.text[0].value.startswith("a.jpg|image/jpeg|")


def test_the_photo_of_a_camera_that_is_not_rendered_is_dropped() -> None:
    at = app('if st.checkbox("Show", value=True):\n    st.camera_input("Photo", key="cam")')
    at.camera_input[0].upload("a.jpg", JPEG).run()
    assert held(at) == 1 and "cam" in at.session_state
    at.checkbox[0].uncheck().run()
    assert held(at) == 0 and "cam" not in at.session_state
    at.checkbox[0].check().run()
    assert at.camera_input[0].value is None


def test_a_client_cannot_name_a_photo_it_did_not_take_with_this_camera() -> None:
    at = app(SHOW + 'show(st.camera_input("A"))\nshow(st.camera_input("B"))')
    at.camera_input[1].upload("b.jpg", JPEG).run()
    other = at.camera_input[1].value
    assert isinstance(other, UploadedFile)
    at.camera_input[0].upload("a.jpg", JPEG)
    waiting = at._pending[at.camera_input[0].id][0]
    camera = at.camera_input[0].id
    for wire in ([other.file_id], ["made-up"], "not a list", [waiting, waiting], None):
        send(at, {camera: wire})
    assert len(bad_values(at)) == 5
    assert at.text[0].value == "none"


def test_the_same_api_on_containers() -> None:
    at = app('with st.sidebar:\n    st.camera_input("Side")\ncol, = st.columns(1)\ncol.camera_input("Col")')
    assert [c.label for c in at.camera_input] == ["Col", "Side"]
    assert len(at.sidebar.camera_input) == 1


def test_the_upload_endpoint_takes_a_photo_and_refuses_what_is_not_one() -> None:
    source = 'import porch as st\np = st.camera_input("Photo")\nst.text(f"{p.name}|{p.type}" if p else "none")\n'
    with tab(source) as t:
        camera = t.client.widget("camera_input")
        status, body = t.put(JPEG, url=t.url(camera), name="shot.jpg", **{"Content-Type": "image/jpeg"})
        assert status == 201, body
        status, body = t.put(b"x", url=t.url(camera), name="notes.txt", **{"Content-Type": "text/plain"})
        assert status == 415 and "not an accepted file type" in body
        assert t.put(JPEG, url=t.url(camera), **{"Content-Type": "image/jpeg", "X-XSRFToken": ""})[0] == 403
        assert t.put(JPEG, url=t.url(camera), **{"Content-Type": "image/jpeg", "X-Porch-Session-Token": "x"})[0] == 403
        assert t.put(JPEG, url=t.url("k:nothing"), **{"Content-Type": "image/jpeg"})[0] == 404
        status, body = t.put(JPEG, url=t.url(camera), name="b.jpg", **{"Content-Type": "image/jpeg"})
        t.client.send({"type": "rerun", "widgets": {camera: [json.loads(body)["file_id"]]}})
        t.client.until_finished()
        assert t.client.texts() == ["b.jpg|image/jpeg"]
    with tab('import porch as st\nst.camera_input("Photo", disabled=True)\n') as t:
        camera = t.client.widget("camera_input")
        status, body = t.put(JPEG, url=t.url(camera), **{"Content-Type": "image/jpeg"})
        assert status == 403 and "disabled" in body


# -- in Chromium, with its fake camera -----------------------------------------------------------------------------

APP = """
import porch as st
from PIL import Image
photo = st.camera_input("Photo", resolution="720p")
if photo is None:
    st.text("no photo")
else:
    image = Image.open(photo)
    st.text(f"photo {photo.name} {photo.type} {image.format} {image.height} {photo.size > 1000}")
"""


def live(page: Any) -> None:
    page.wait_for_function("() => document.querySelector('.camera-input')?.dataset.state === 'live'")


@pytest.mark.browser
def test_a_photo_taken_in_chromium_reaches_the_script(media_context: Any) -> None:
    with running_engine(APP) as server:
        page = open_app(media_context, server.url)
        live(page)
        before = run_count(page)
        page.get_by_role("button", name="Take photo").click()
        settle(page, before)
        # A JPEG from the fake camera, at the height asked for, decoded by the script.
        expect(page.get_by_text("photo camera-input-")).to_contain_text(".jpg image/jpeg JPEG 720 True")
        expect(page.get_by_role("img", name="The photo taken")).to_be_visible()
        expect(page.get_by_role("button", name="Take photo")).to_be_hidden()

        page.reload()  # the page shows the photo the server holds
        settle(page)
        expect(page.get_by_text("photo camera-input-")).to_be_visible()
        page.wait_for_function("() => document.querySelector('.camera-photo')?.naturalWidth > 0")

        before = run_count(page)
        page.get_by_role("button", name="Clear photo").click()
        settle(page, before)
        expect(page.get_by_text("no photo")).to_be_visible()
        live(page)  # the camera is on again, for another photo
        page.get_by_role("button", name="Take photo").click()
        expect(page.get_by_text("photo camera-input-")).to_be_visible()
        sessions = server.engine.sessions._sessions
        assert server.call(lambda: [len(s.uploads) for s in sessions.values()]) == [1], "the first photo was freed"


@pytest.mark.browser
def test_a_camera_the_user_did_not_allow_says_so(media_browser: Any) -> None:
    context = media_browser.new_context()  # no permission granted: Chromium refuses as a user would
    try:
        with running_engine(APP) as server:
            page = open_app(context, server.url)
            note = page.locator(".camera-input").get_by_role("status")
            expect(note).to_have_text("Access to the camera was denied. Allow it in the browser's settings for this "
                                      "site, then try again.")
            expect(page.get_by_role("button", name="Try again")).to_be_visible()
            expect(page.get_by_text("no photo")).to_be_visible()
    finally:
        context.close()


@pytest.mark.browser
def test_a_browser_without_a_camera_says_so_and_can_try_again(context: Any) -> None:
    context.grant_permissions(["camera", "microphone"])
    with running_engine(APP) as server:
        page = open_app(context, server.url)
        expect(page.locator(".camera-input").get_by_role("status")).to_have_text("No camera was found. Connect one, then try again.")
        page.get_by_role("button", name="Try again").click()
        expect(page.locator(".camera-input").get_by_role("status")).to_have_text("No camera was found. Connect one, then try again.")
        assert page.evaluate("document.querySelector('.camera-input').dataset.state") == "failed"


FITTED = """
import porch as st
from PIL import Image
photo = st.camera_input("Photo", width=WIDTH)
if photo is not None:
    image = Image.open(photo)
    st.text(f"photo {image.width}x{image.height}")
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 500])
def test_without_a_resolution_the_camera_and_the_photo_fit_the_widgets_width(media_context: Any, width: int) -> None:
    """As Streamlit's: the camera is asked for the widget's width, and the photo is taken at the width the picture is
    shown at, in the camera's proportions (with a resolution, at the camera's own size: the test above)."""
    with running_engine(FITTED.replace("WIDTH", str(width))) as server:
        page = open_app(media_context, server.url)
        live(page)
        asked = page.evaluate("() => document.querySelector('.camera-input video').srcObject"
                              ".getVideoTracks()[0].getConstraints().width")
        box = page.evaluate("() => Math.round(document.querySelector('.camera-input .capture-box')"
                            ".getBoundingClientRect().width)")
        # The widget's width (a bare number is Chromium's form of an ideal).
        assert asked in (box, {"ideal": box}) and width - 4 <= box <= width
        shown = page.evaluate("() => { const v = document.querySelector('.camera-input video');"
                              " return [v.clientWidth, v.videoWidth, v.videoHeight]; }")
        before = run_count(page)
        page.get_by_role("button", name="Take photo").click()
        settle(page, before)
        expected = f"photo {shown[0]}x{int(shown[0] * shown[2] / shown[1] + 0.5)}"  # rounded as JavaScript rounds
        expect(page.get_by_text(re.compile(r"^photo \d"))).to_have_text(expected)
