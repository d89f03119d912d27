"""The app menu's "Record screen" (webui/screencast.js), as Streamlit 1.67's screencast: its setup dialog, the
browser's capture (``getDisplayMedia``) recorded as WebM, the countdown and Escape, and the preview that saves the
video from a blob URL. Recorded for real: a Chromium of these tests' own picks the app's own tab by its title
(``--auto-select-tab-capture-source-by-title``), as a user would in the browser's picker. Timers are Playwright's
clock, paused while the countdown must not move on, so no step depends on how fast the machine is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import CHROMIUM, CHROMIUM_ARGS

#: The page title the capturing Chromium looks for (the app sets it).
TITLE = "porch-screencast-under-test"
APP = f"import porch as st\nst.set_page_config(page_title={TITLE!r})\nst.title('Screencast')\nst.button('again')\n"
#: The first bytes of every WebM (Matroska's EBML header).
EBML = b"\x1a\x45\xdf\xa3"


@pytest.fixture(scope="module")
def capturing_browser(browser: Any) -> Iterator[Any]:
    """A headless Chromium (from the same Playwright as ``browser``) whose screen-capture picker picks the tab titled
    :data:`TITLE` at once, as if the user had chosen it, with a fake microphone (a beep) for "Also record audio"."""
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, f"--auto-select-tab-capture-source-by-title={TITLE}", "--use-fake-device-for-media-stream"],
        headless=True,
    )
    yield chromium
    chromium.close()


@pytest.fixture
def capturing(capturing_browser: Any) -> Iterator[Any]:
    ctx = capturing_browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    ctx.grant_permissions(["microphone"])
    yield ctx
    ctx.close()


def opened(context: Any, url: str) -> tuple[Any, dict[str, list[str]]]:
    """The app at ``url`` in a new page with Playwright's clock (time flows until a test pauses it), watched."""
    from browser_checks import watched

    page = context.new_page()
    seen = watched(page)
    page.clock.install()
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-run", "finished")
    return page, seen


def menu_keys(page: Any) -> list[str]:
    page.locator("#porch-menu-button").click()
    expect(page.locator("#porch-menu-list")).to_be_visible()
    keys: list[str] = page.eval_on_selector_all("#porch-menu-list [data-item]", "ns => ns.map(n => n.dataset.item)")
    page.keyboard.press("Escape")
    expect(page.locator("#porch-menu-list")).to_be_hidden()
    return keys


def start_recording(page: Any, *, audio: bool = False) -> None:
    """The menu's "Record screen", then the setup dialog's "Start recording!", with the clock paused: the countdown
    shows 3 and stays there until the test moves the clock."""
    page.locator("#porch-menu-button").click()
    item = page.locator("[data-item=screencast]")
    expect(item).to_have_text("Record screen")
    item.click()
    setup = page.locator("dialog[data-dialog=screencast]")
    expect(setup.locator("h2")).to_have_text("Record a screencast")
    expect(setup).to_contain_text("This will record a video with the contents of your screen")
    expect(setup).to_contain_text("Press Esc any time to stop recording.")
    checkbox = setup.get_by_label("Also record audio")
    expect(checkbox).not_to_be_checked()
    if audio:
        checkbox.check()
    page.clock.pause_at(page.evaluate("Date.now()") + 1)
    setup.get_by_role("button", name="Start recording!").click()
    expect(setup).to_have_count(0)
    expect(page.locator("#porch-menu")).to_have_attribute("data-screencast", "countdown")
    expect(page.locator(".porch-screencast-countdown")).to_have_text("3")


@pytest.mark.browser
def test_record_the_apps_own_tab_stop_with_escape_and_save_the_webm(capturing: Any, tmp_path: Path) -> None:
    from browser_checks import off_origin

    with running_engine(APP) as server:
        page, seen = opened(capturing, server.url)
        keys = menu_keys(page)
        assert keys[keys.index("print") + 1] == "screencast", "after Print, as Streamlit's"
        start_recording(page)

        # During the countdown the item cancels; it counts 3, 2, 1, then records.
        page.locator("#porch-menu-button").click()
        item = page.locator("[data-item=screencast]")
        expect(item.locator(".porch-menu-label")).to_have_text("Cancel recording")
        expect(item.locator("kbd")).to_have_text("ESC")
        page.keyboard.press("Escape")  # closes the menu only (the menu has the key)
        expect(page.locator("#porch-menu-list")).to_be_hidden()
        expect(page.locator("#porch-menu")).to_have_attribute("data-screencast", "countdown")
        page.clock.run_for(1000)
        expect(page.locator(".porch-screencast-countdown")).to_have_text("2")
        page.clock.run_for(1000)
        expect(page.locator(".porch-screencast-countdown")).to_have_text("1")
        page.clock.run_for(1000)
        menu = page.locator("#porch-menu")
        expect(menu).to_have_attribute("data-screencast", "recording")
        expect(page.locator(".porch-screencast-countdown")).to_have_count(0)
        page.clock.resume()
        indicator = page.evaluate("getComputedStyle(document.getElementById('porch-menu'), '::after').content")
        assert indicator == '""', "the red dot by the button while it records"

        # Recording: the item says "Stop recording" (Esc), in red; the app goes on (a run repaints the tab).
        page.locator("#porch-menu-button").click()
        expect(item.locator(".porch-menu-label")).to_have_text("Stop recording")
        expect(item.locator("kbd")).to_have_text("ESC")
        expect(item).to_have_attribute("data-recording", "true")
        expect(item).to_have_attribute("aria-keyshortcuts", "Escape")
        page.keyboard.press("Escape")
        page.get_by_role("button", name="again").click()
        expect(page.locator("body")).to_have_attribute("data-run-count", "2")
        expect(page.locator("body")).to_have_attribute("data-run", "finished")
        page.keyboard.press("Escape")  # Streamlit's shortcut: stop

        preview = page.locator("dialog[data-dialog=screencast-preview]")
        expect(preview.locator("h2")).to_have_text("Next steps")
        expect(preview).to_contain_text("Preview your video below:")
        expect(menu).to_have_attribute("data-screencast", "preview")
        video = preview.locator("video")
        assert str(video.get_attribute("src")).startswith("blob:")
        page.wait_for_function("() => document.querySelector('dialog video').readyState >= 1")  # it plays

        with page.expect_download() as info:
            preview.get_by_role("button", name="Save video to disk").click()
        download = info.value
        assert download.url.startswith("blob:"), "saved from the page, not fetched"
        assert download.suggested_filename.startswith(f"porch-{TITLE}-")
        assert download.suggested_filename.endswith(".webm")
        saved = tmp_path / "screencast.webm"
        download.save_as(saved)
        data = saved.read_bytes()
        assert len(data) > len(EBML) and data.startswith(EBML), data[:16]
        expect(preview).to_have_count(0)
        expect(menu).to_have_attribute("data-screencast", "off")
        assert page.evaluate("getComputedStyle(document.getElementById('porch-menu'), '::after').content") == "none"
        page.locator("#porch-menu-button").click()
        expect(item).to_have_text("Record screen")
        network = [url for url in seen["requests"] if not url.startswith("blob:")]  # the page's own memory
        assert not off_origin(network, server.url), "nothing left the page"
        assert not seen["errors"]


@pytest.mark.browser
def test_also_record_audio_and_stop_from_the_menu(capturing: Any, tmp_path: Path) -> None:
    """"Also record audio" adds the microphone to the video (an Opus track in the WebM); the item's "Stop recording"
    stops as Escape does."""
    with running_engine(APP) as server:
        page, seen = opened(capturing, server.url)
        start_recording(page, audio=True)
        page.clock.run_for(3000)
        expect(page.locator("#porch-menu")).to_have_attribute("data-screencast", "recording")
        page.clock.resume()
        page.get_by_role("button", name="again").click()
        expect(page.locator("body")).to_have_attribute("data-run-count", "2")
        expect(page.locator("body")).to_have_attribute("data-run", "finished")
        page.locator("#porch-menu-button").click()
        page.locator("[data-item=screencast]").click()
        preview = page.locator("dialog[data-dialog=screencast-preview]")
        with page.expect_download() as info:
            preview.get_by_role("button", name="Save video to disk").click()
        saved = tmp_path / "with-audio.webm"
        info.value.save_as(saved)
        data = saved.read_bytes()
        assert data.startswith(EBML) and b"A_OPUS" in data, data[:64]
        page.locator("#porch-menu-button").click()
        setup_again = page.locator("[data-item=screencast]")
        setup_again.click()
        expect(page.get_by_label("Also record audio")).to_be_checked()  # the choice is kept, as Streamlit's
        assert not seen["errors"]


@pytest.mark.browser
def test_escape_during_the_countdown_records_nothing_and_ends_the_capture(capturing: Any) -> None:
    with running_engine(APP) as server:
        page, _ = opened(capturing, server.url)
        page.evaluate(
            """() => {
              window.__tracks = [];
              const ask = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
              navigator.mediaDevices.getDisplayMedia = async (options) => {
                const stream = await ask(options);
                window.__tracks.push(...stream.getTracks());
                return stream;
              };
            }"""
        )
        start_recording(page)
        page.keyboard.press("Escape")
        menu = page.locator("#porch-menu")
        expect(menu).to_have_attribute("data-screencast", "off")
        expect(page.locator(".porch-screencast-countdown")).to_have_count(0)
        assert page.evaluate("window.__tracks.length > 0 && window.__tracks.every(t => t.readyState === 'ended')")
        page.clock.run_for(5000)
        expect(page.locator("dialog")).to_have_count(0)
        expect(menu).to_have_attribute("data-screencast", "off")


@pytest.mark.browser
def test_a_refused_capture_says_why_and_no_capture_means_no_item(context: Any) -> None:
    """The user cancels the browser's picker (or a policy forbids capture): Streamlit's "unsupported" dialog, with
    the browser's reason. A browser without ``getDisplayMedia`` (an insecure origin, an old browser) has no item."""
    with running_engine(APP) as server:
        page, _ = opened(context, server.url)
        page.evaluate(
            "() => { navigator.mediaDevices.getDisplayMedia = () => "
            "Promise.reject(new DOMException('Permission denied', 'NotAllowedError')); }"
        )
        start = page.locator("#porch-menu-button")
        start.click()
        page.locator("[data-item=screencast]").click()
        page.get_by_role("button", name="Start recording!").click()
        refused = page.locator("dialog[data-dialog=screencast-unsupported]")
        expect(refused).to_contain_text("this feature is only supported on recent desktop versions of Chrome")
        expect(refused).to_contain_text("The browser said: NotAllowedError: Permission denied")
        expect(page.locator("#porch-menu")).to_have_attribute("data-screencast", "off")
        page.keyboard.press("Escape")
        expect(refused).to_have_count(0)

        page.evaluate("() => { delete Object.getPrototypeOf(navigator.mediaDevices).getDisplayMedia; "
                      "delete navigator.mediaDevices.getDisplayMedia; }")
        keys = menu_keys(page)
        assert "print" in keys and "screencast" not in keys
