"""``toast``: st.toast, a message in an overlay shown once per call, updated in place through the returned element."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from support import REPO, app, kinds
from engine_harness import running_engine


def toast_deltas(at: Any) -> list[dict[str, Any]]:
    return [m["element"]["props"] for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "toast"]


def test_the_signature_is_streamlits() -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = reference["names"]["st.toast"]["params"]
    params = inspect.signature(porch.toast).parameters
    assert list(params) == [p["name"] for p in expected]
    assert params["duration"].default == "short" and params["icon"].kind is inspect.Parameter.KEYWORD_ONLY


def test_a_toast_shows_its_markdown_message_icon_and_duration() -> None:
    at = app(
        'st.toast("Your edited image was **saved**!", icon="😍")\n'
        'st.toast("Long", duration="long")\n'
        'st.toast("Until closed", duration="infinite")\n'
        'st.toast("  Three seconds  ", duration=3)\n'
        "st.toast(42)\n"
    )
    assert [t.value for t in at.toast] == ["Your edited image was **saved**!", "Long", "Until closed", "Three seconds", "42"]
    assert at.toast[0].rendered_text == "Your edited image was saved!"
    assert "<strong>saved</strong>" in at.toast[0].props["html"]
    assert [t.icon for t in at.toast] == ["😍", "", "", "", ""]
    assert [t.duration for t in at.toast] == [4, 10, None, 3, 4]
    assert len({t.props["shot"] for t in at.toast}) == 5, "each call is its own toast"


@pytest.mark.parametrize(
    "call, message",
    [
        ('st.toast("")', "body must not be empty"),
        ('st.toast("   ")', "body must not be empty"),
        ('st.toast("x", duration=0)', "duration must be"),
        ('st.toast("x", duration=-2)', "duration must be"),
        ('st.toast("x", duration="medium")', "duration must be"),
        ('st.toast("x", duration=1.5)', "duration must be"),
        ('st.toast("x", duration=True)', "duration must be"),
        ('st.toast("x", icon=3)', "icon must be a string"),
    ],
)
def test_bad_arguments_are_clear_errors_naming_the_call(call: str, message: str) -> None:
    at = app(call)
    assert at.run_status == "error"
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "toast()" in at.exception[0].message and message in at.exception[0].message
    assert len(at.toast) == 0


def test_calling_toast_on_the_returned_element_updates_the_same_toast() -> None:
    at = app('msg = st.toast("Gathering ingredients...")\nmsg.toast("Cooking...")\nmsg.toast("Ready!", icon="🥞")')
    assert [(t.value, t.icon) for t in at.toast] == [("Ready!", "🥞")]
    sent = toast_deltas(at)
    assert [plain["html"] for plain in sent] == ["<p>Gathering ingredients...</p>\n", "<p>Cooking...</p>\n",
                                                 "<p>Ready!</p>\n"]
    assert len({props["shot"] for props in sent}) == 1, "an update keeps the toast's shot"


def test_a_rerun_that_calls_toast_again_shows_a_new_one_and_one_that_does_not_shows_none() -> None:
    at = app('if st.checkbox("Quiet"):\n    st.write("shh")\nelse:\n    st.toast("Hello")\nst.button("Again")')
    first = toast_deltas(at)
    assert len(first) == 1
    at.button[0].click().run()
    second = toast_deltas(at)
    assert len(second) == 2, "the same toast in a new run is sent again"
    assert second[0]["shot"] != second[1]["shot"]
    at.checkbox[0].check().run()
    assert len(at.toast) == 0
    assert kinds(at.main) == ["checkbox", "markdown", "button"]


def test_a_toast_keeps_its_place_in_the_tree_wherever_it_is_called() -> None:
    at = app('st.write("a")\nwith st.sidebar:\n    st.toast("from the sidebar")\nst.write("b")')
    assert kinds(at.main) == ["markdown", "markdown"]
    assert kinds(at.sidebar) == ["toast"]


@pytest.mark.browser
def test_a_person_sees_toasts_in_the_corner_update_them_and_close_them(context: Any) -> None:
    source = (
        "import porch as st\n"
        "import time\n"
        "st.title('Kitchen')\n"
        "if st.button('Cook'):\n"
        "    msg = st.toast('Cooking...', duration=1)\n"
        "    time.sleep(0.3)\n"
        "    msg.toast('Ready!', icon='🥞', duration=1)\n"
        "if st.button('Save'):\n"
        "    st.toast('Saved **everything**', duration='infinite')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_role("heading", name="Kitchen")).to_be_visible()
        area = page.locator(".toast-area")
        page.get_by_role("button", name="Cook").click()
        card = area.locator(".toast-card")
        expect(card).to_have_count(1)
        expect(card).to_contain_text("Cooking...")
        # Updated in place: still one card, now with the new text and icon.
        expect(card).to_contain_text("Ready!")
        expect(card).to_have_count(1)
        expect(card.locator(".toast-icon")).to_have_text("🥞")
        # Drawn over the page, not in its flow: the element's own node takes no room.
        assert page.eval_on_selector(".toast-area", "n => getComputedStyle(n).position") == "fixed"
        expect(page.locator("#porch-main-root .toast")).to_be_hidden()
        box = card.bounding_box()
        assert box is not None and box["x"] > 1280 / 2 and box["y"] < 200, box
        # It goes away by itself after its duration.
        expect(card).to_have_count(0, timeout=4000)

        page.get_by_role("button", name="Save").click()
        saved = area.locator(".toast-card", has_text="Saved everything")
        expect(saved).to_be_visible()
        expect(saved.locator("strong")).to_have_text("everything")
        # A rerun that does not call that toast again leaves it on screen (here: until it is closed).
        page.get_by_role("button", name="Cook").click()
        expect(area.locator(".toast-card", has_text="Ready!")).to_be_visible()
        expect(saved).to_be_visible()
        saved.get_by_role("button", name="Close").click()
        expect(saved).to_have_count(0)
        # The other card slid up under the pointer, which holds it; once the pointer leaves, its clock runs again.
        page.mouse.move(20, 700)
        # A reload resumes the session and rebuilds the page: toasts already seen do not come back.
        expect(area.locator(".toast-card")).to_have_count(0, timeout=4000)
        page.get_by_role("button", name="Save").click()
        expect(area.locator(".toast-card")).to_have_count(1)
        page.reload()
        expect(page.get_by_role("heading", name="Kitchen")).to_be_visible()
        expect(page.locator("body")).to_have_attribute("data-run", "finished")
        expect(page.locator(".toast[data-shot]")).to_have_count(1)
        expect(page.locator(".toast-card")).to_have_count(0)
