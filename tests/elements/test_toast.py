"""``toast``: st.toast, a message in an overlay shown once per call, updated in place through the returned element."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from porch.testing import AppTest
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


def test_porch_toast_goes_to_the_event_root_and_a_containers_toast_into_that_container() -> None:
    """As Streamlit's ``st.toast`` (its event container's method) and ``st.sidebar.toast``."""
    at = app('st.write("a")\nwith st.sidebar:\n    st.toast("from the sidebar")\nst.sidebar.toast("in it")\nst.write("b")')
    assert kinds(at.main) == ["markdown", "markdown"]
    assert kinds(at.sidebar) == ["toast"] and at.sidebar.toast[0].value == "in it"
    assert at[2].type == "event" and [t.value for t in at[2].toast] == ["from the sidebar"]


def types(block: Any) -> list[str]:
    """The types of a block and all inside it, in page order, as iterating Streamlit's AppTest block gives them."""
    return [node.type for node in block]


TOASTS = """
import streamlit as st
st.text("a")
st.toast("hi")
st.text("b")
with st.sidebar:
    st.toast("side")
    st.text("s")
st.sidebar.toast("side2")
c = st.container()
c.toast("in c")
with c:
    st.toast("with c")
st.text("c")
"""


def test_the_apptest_views_of_an_app_that_toasts_are_streamlits() -> None:
    """Every value here is what Streamlit 1.67's AppTest gives for the same script (benchmarks/.peers-venv)."""
    at = AppTest.from_string(TOASTS).run()
    assert len(at) == 3 and [at[i].type for i in range(3)] == ["main", "sidebar", "event"]
    assert len(at.main) == 4 and [at.main[i].type for i in range(4)] == ["text", "text", "flex_container", "text"]
    assert types(at.main) == ["main", "text", "text", "flex_container", "toast", "text"]
    assert len(at.sidebar) == 2 and types(at.sidebar) == ["sidebar", "text", "toast"]
    assert len(at[2]) == 3 and types(at[2]) == ["event", "toast", "toast", "toast"]
    assert [t.value for t in at.toast] == ["in c", "side2", "hi", "side", "with c"]
    assert [t.value for t in at.text] == ["a", "b", "c", "s"]
    assert types(at)[:2] == ["root", "main"]


def test_a_fragments_toasts_and_styles_in_a_full_run_are_streamlits_too() -> None:
    """Streamlit 1.67's AppTest: main ['text', 'flex_container', 'text'], event ['toast', 'html'], before and after
    a click (a whole run there, as in a Streamlit suite here)."""
    at = AppTest.from_string(
        """
        import streamlit as st
        @st.fragment
        def f():
            st.toast("frag toast")
            st.html("<style>y{}</style>")
            st.text("frag")
            st.button("go")
        st.text("a")
        f()
        st.text("b")
        """
    )
    at.whole_app_reruns = True
    at.run()
    for _ in range(2):
        assert types(at.main) == ["main", "text", "flex_container", "text", "button", "text"]
        assert types(at[2]) == ["event", "toast", "html"] and [t.value for t in at.toast] == ["frag toast"]
        at.button[0].click().run()


def test_a_toast_moves_no_element_of_the_main_area() -> None:
    """A run that toasts sends the toast, not the elements after the call again (which a page would make anew)."""
    at = app('if st.button("Save"):\n    st.toast("Saved")\nst.text_input("Name")\nst.write("end")')
    before = len(at.messages)
    at.button[0].click().run()
    paths = [m["path"] for m in at.messages[before:] if m["type"] == "delta"]
    assert [2, 0] in paths and not [p for p in paths if p[0] == 0 and p != [0, 0]], paths
    assert kinds(at.main) == ["button", "text_input", "markdown"] and at.toast[0].value == "Saved"


def test_fragment_reruns_append_to_the_event_root_in_one_block_each_and_rebuild_it() -> None:
    """A rerun of a fragment does not rebuild the event root: what the full run put there stays, and what the
    fragment writes there goes into one block of its own after it, made anew by each rerun (a style it stops
    writing is gone; reruns that toast again and again keep one block)."""
    at = app(
        'st.toast("hello")\nst.html("<style>a{}</style>")\n'
        "@st.fragment\ndef f():\n"
        '    if st.toggle("Dark"):\n        st.html("<style>body{background:black}</style>")\n'
        '    if st.button("Save"):\n        st.toast("Saved")\n'
        "f()"
    )

    def event_root() -> list[Any]:
        return [(n.kind, [c.kind for c in n.children]) for n in at._client.tree.roots[2].children]

    assert event_root() == [("toast", []), ("html", [])]
    for _ in range(3):
        at.button[0].click().run()
        assert event_root() == [("toast", []), ("html", []), ("container", ["toast"])]
    at.toggle[0].set_value(True).run()
    assert event_root() == [("toast", []), ("html", []), ("container", ["html"])]
    at.toggle[0].set_value(False).run()
    assert event_root() == [("toast", []), ("html", []), ("container", [])]
    assert len(at.get("html")) == 1 and at.toast[0].value == "hello"


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
