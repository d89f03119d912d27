"""``dialog``: ``@st.dialog`` makes a function open a modal dialog holding what it writes. The dialog is a block in
the page's overlay root; its body is a fragment (a widget inside reruns only the dialog function); a full run that
does not call the function closes it. Dismissal reaches the script, as a click does, when ``on_dismiss`` is "rerun"
or a function."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.protocol import ROOT_OVERLAY
from porch.testing import AppTest
from support import app, bad_values, kinds, send

VOTE = """
st.session_state.full_runs = st.session_state.get("full_runs", 0) + 1

@st.dialog("Cast your vote")
def vote(item):
    st.session_state.dialog_runs = st.session_state.get("dialog_runs", 0) + 1
    st.write(f"Why is {item} your favorite?")
    reason = st.text_input("Because...")
    if st.button("Submit"):
        st.session_state.vote = {"item": item, "reason": reason}
        st.rerun()

if "vote" not in st.session_state:
    st.write("Vote for your favorite")
    if st.button("A"):
        vote("A")
    if st.button("B"):
        vote("B")
else:
    st.write(f"You voted for {st.session_state.vote['item']} because {st.session_state.vote['reason']}")
"""


def test_streamlits_vote_example_the_dialog_is_a_fragment() -> None:
    at = app(VOTE)
    assert len(at.dialog) == 0
    at.button[1].click().run()
    dialog = at.dialog[0]
    assert dialog.title == "Cast your vote" and dialog.markdown.values == ["Why is B your favorite?"]
    assert kinds(at.main) == ["markdown", "button", "button"]  # the dialog is not in the page's flow
    assert at.session_state["full_runs"] == 2
    at.dialog[0].text_input[0].input("it is blue").run()
    # Only the dialog function ran: the button that opened it is not pressed now, and the dialog is still open.
    assert at.session_state["full_runs"] == 2 and at.session_state["dialog_runs"] == 2
    assert len(at.dialog) == 1 and at.dialog[0].text_input[0].value == "it is blue"
    at.dialog[0].button[0].click().run()
    # st.rerun() inside it: a full run that does not call the function, which closes the dialog.
    assert len(at.dialog) == 0
    assert at.markdown.values == ["You voted for B because it is blue"]


def test_a_fragment_opens_a_dialog_in_the_overlay_too_and_it_outlives_that_fragments_reruns() -> None:
    at = app(
        'st.session_state.full_runs = st.session_state.get("full_runs", 0) + 1\n'
        '@st.dialog("D")\ndef d():\n    st.checkbox("c")\n'
        '@st.fragment\ndef f():\n    if st.button("open"):\n        d()\n    st.toggle("other")\n'
        'f()\nst.write("main")'
    )
    at.button[0].click().run()  # a rerun of the fragment alone
    assert len(at.exception) == 0
    assert len(at.dialog) == 1 and kinds(at.main) == ["container", "markdown"]
    at.dialog[0].checkbox[0].check().run()
    assert at.dialog[0].checkbox[0].value is True and at.session_state["full_runs"] == 1
    # The fragment that opened it reruns without opening it: the dialog stays, and works, until a full run.
    at.toggle[0].set_value(True).run()
    at.dialog[0].checkbox[0].uncheck().run()
    assert len(at.dialog) == 1 and at.dialog[0].checkbox[0].value is False and at.session_state["full_runs"] == 1


def test_the_apptest_views_of_dialogs_are_streamlits() -> None:
    """Every value here is what Streamlit 1.67's AppTest gives for the same scripts (benchmarks/.peers-venv): the
    dialog in the event root, its content in a flex_container, a toast called inside it in the event root."""
    at = AppTest.from_string(
        """
        import streamlit as st
        @st.dialog("D")
        def d():
            st.text("inside")
            st.button("ok")
        st.text("a")
        with st.sidebar:
            d()
        st.text("b")
        """
    ).run()
    assert len(at) == 3 and len(at.main) == 2 and [n.type for n in at.main] == ["main", "text", "text"]
    assert [n.type for n in at.sidebar] == ["sidebar"]
    assert len(at[2]) == 1 and [n.type for n in at[2]] == ["event", "dialog", "flex_container", "text", "button"]
    assert [t.value for t in at.text] == ["a", "b", "inside"]
    mixed = AppTest.from_string(
        """
        import streamlit as st
        @st.dialog("D")
        def d():
            st.toast("t in dialog")
            st.text("inside")
        st.toast("first")
        d()
        st.html("<style>x{}</style>")
        st.text("b")
        """
    ).run()
    assert len(mixed.main) == 1 and [n.type for n in mixed.main] == ["main", "text"]
    assert len(mixed[2]) == 4
    assert [n.type for n in mixed[2]] == ["event", "toast", "dialog", "flex_container", "text", "toast", "html"]
    assert [t.value for t in mixed.toast] == ["first", "t in dialog"] and len(mixed.get("html")) == 1


def test_a_toast_from_the_dialogs_rerun_leaves_it_open_and_a_fragment_opens_one_after_what_the_root_holds() -> None:
    at = app(
        'st.html("<style>a{}</style>")\n'
        '@st.dialog("D")\ndef d():\n    if st.button("Save"):\n        st.toast("Saved")\n    st.text("body")\n'
        "@st.fragment\ndef f():\n    if st.button(\"open\"):\n        d()\n"
        "f()"
    )

    def event_root() -> list[str]:
        return [node.kind for node in at._client.tree.roots[ROOT_OVERLAY].children]

    at.button[0].click().run()  # a rerun of the fragment alone opens the dialog after the full run's style
    assert event_root() == ["html", "dialog"] and at.dialog[0].text[0].value == "body"
    at.dialog[0].button[0].click().run()  # a rerun of the dialog alone: the toast goes after it, the dialog stays
    assert event_root() == ["html", "dialog", "container"] and at.toast[0].value == "Saved"
    assert len(at.dialog) == 1 and at.dialog[0].text[0].value == "body"
    opened = at.dialog[0].props["opened"]
    at.main.button[0].click().run()  # the fragment opens it again: the new dialog takes the place of the one there
    assert event_root() == ["html", "dialog", "container"], "the one dialog, in its place"
    assert at.dialog[0].props["opened"] != opened and len(at.get("html")) == 1


def test_props_and_where_it_goes() -> None:
    at = app(
        '@st.dialog("Details", width="large", position="right", icon="📄", dismissible=False)\n'
        'def details():\n    st.write("body")\n'
        'st.write("page")\ndetails()\nst.write("after")'
    )
    dialog = at.dialog[0]
    assert dialog.node.id is None and dialog.dismissible is False
    assert {k: v for k, v in dialog.props.items() if k != "opened"} == {
        "title": "Details", "icon": "📄", "width": "large", "position": "right", "dismissible": False,
    }
    assert kinds(at.main) == ["markdown", "markdown"]
    deltas = [m["path"] for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == "dialog"]
    assert deltas == [[ROOT_OVERLAY, 0]]
    assert app('@st.dialog("W", width=640)\ndef w():\n    pass\nw()').dialog[0].props["width"] == 640


def test_each_run_that_calls_it_opens_it_again() -> None:
    """A new ``opened`` tells the page to open it again, also after the user dismissed it (as in Streamlit)."""
    at = app('@st.dialog("D")\ndef d():\n    st.write("x")\nd()\nst.button("again")')
    first = at.dialog[0].props["opened"]
    at.button[0].click().run()
    assert at.dialog[0].props["opened"] != first


def test_the_dialog_function_takes_arguments_and_returns_none() -> None:
    at = app('@st.dialog("D")\ndef d(a, *, b):\n    st.write(f"{a} {b}")\n    return 5\nst.write(str(d(1, b=2)))')
    assert at.dialog[0].markdown.values == ["1 2"] and at.main.markdown.values == ["None"]


def test_an_error_in_the_dialog_is_shown_inside_it() -> None:
    at = app('@st.dialog("D")\ndef d():\n    st.write("before")\n    raise ValueError("inside")\nd()\nst.write("after")')
    assert kinds(at.dialog[0]) == ["container"]  # the content's own block, Streamlit's flex_container
    assert kinds(at.dialog[0][0]) == ["markdown", "exception"]
    assert at.dialog[0].exception[0].message == "inside"


def test_a_form_inside_a_dialog() -> None:
    at = app(
        '@st.dialog("Sign up")\ndef sign_up():\n'
        '    with st.form("f"):\n        name = st.text_input("Name")\n'
        '        if st.form_submit_button("Send"):\n            st.session_state.name = name\n            st.rerun()\n'
        'if st.button("Open"):\n    sign_up()\n'
        'st.write(f"name: {st.session_state.get(\'name\')}")'
    )
    at.button[0].click().run()
    at.dialog[0].text_input[0].input("Ada")
    at.dialog[0].button[0].click().run()
    assert len(at.dialog) == 0 and at.main.markdown.values == ["name: Ada"]


def dismissing(on_dismiss: str) -> AppTest:
    return app(
        'def dismissed():\n    st.session_state.log = st.session_state.get("log", []) + ["dismissed"]\n'
        f'@st.dialog("D", on_dismiss={on_dismiss})\ndef d():\n    st.write("body")\n'
        'st.session_state.runs = st.session_state.get("runs", 0) + 1\n'
        'd()\nst.write(str(st.session_state.get("log")))'
    )


def test_dismissal_calls_on_dismiss_and_reruns() -> None:
    at = dismissing("dismissed")
    assert at.dialog[0].node.id is not None
    at.dialog[0].dismiss().run()
    assert at.session_state["runs"] == 2 and at.main.markdown.values == ["['dismissed']"]


def test_dismissal_with_rerun_reruns_the_script() -> None:
    at = dismissing('"rerun"')
    at.dialog[0].dismiss().run()
    assert at.session_state["runs"] == 2 and at.main.markdown.values == ["None"]


def test_with_on_dismiss_ignore_a_dismissal_never_reaches_the_script() -> None:
    at = dismissing('"ignore"')
    assert at.dialog[0].node.id is None
    with pytest.raises(ValueError, match="on_dismiss='ignore'"):
        at.dialog[0].dismiss()


def test_a_client_cannot_dismiss_a_dialog_that_is_not_dismissible() -> None:
    at = app(
        'def dismissed():\n    st.session_state.hit = True\n'
        '@st.dialog("D", dismissible=False, on_dismiss=dismissed)\ndef d():\n    st.write("body")\n'
        'd()\nst.write(str(st.session_state.get("hit")))'
    )
    dialog_id = at.dialog[0].node.id
    assert dialog_id is not None
    with pytest.raises(ValueError, match="not dismissible"):
        at.dialog[0].dismiss()
    send(at, {}, trigger=dialog_id)
    assert bad_values(at) and at.main.markdown.values == ["None"]


def test_one_dialog_per_run() -> None:
    at = app('@st.dialog("A")\ndef a():\n    pass\n@st.dialog("B")\ndef b():\n    pass\na()\nb()')
    assert "Only one dialog may be opened in a run" in at.exception[0].message


def test_dialogs_cannot_be_nested() -> None:
    at = app('@st.dialog("Inner")\ndef inner():\n    pass\n@st.dialog("Outer")\ndef outer():\n    inner()\nouter()')
    assert "may not be nested" in at.exception[0].message


@pytest.mark.parametrize(
    "decorator, message",
    [
        ('@st.dialog("")', "dialog needs a title"),
        ("@st.dialog", "dialog needs a title"),
        ('@st.dialog("D", width="huge")', "width must be 'small', 'medium', 'large' or a positive number of pixels"),
        ('@st.dialog("D", width=True)', "width must be"),
        ('@st.dialog("D", position="top")', "position must be one of"),
        ('@st.dialog("D", on_dismiss="close")', "on_dismiss must be a callable, 'rerun' or 'ignore'"),
    ],
)
def test_bad_arguments_are_errors(decorator: str, message: str) -> None:
    assert message in app(f"{decorator}\ndef d():\n    pass\nd()").exception[0].message


@pytest.mark.browser
def test_focus_moves_to_a_control_that_arrives_later_deep_inside_the_dialog_in_chromium(context: Any) -> None:
    """The run pauses after opening the dialog and its form, so the page opens it empty and the field comes in a
    later frame, inside the form: focus moves there, as it does to a field that comes with the dialog."""
    source = (
        "import time\n"
        '@st.dialog("Later")\n'
        "def later():\n"
        '    with st.form("f"):\n'
        "        time.sleep(0.5)\n"
        '        st.text_input("Name")\n'
        '        st.form_submit_button("Send")\n'
        'if st.button("Open"):\n'
        "    later()\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        page.get_by_role("button", name="Open").click()
        dialog = page.get_by_role("dialog", name="Later")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("textbox", name="Name")).to_be_focused()


@pytest.mark.browser
def test_a_person_opens_a_dialog_submits_its_form_and_dismisses_it_with_escape_in_chromium(context: Any) -> None:
    source = (
        'def dismissed():\n'
        '    st.session_state.dismissals = st.session_state.get("dismissals", 0) + 1\n'
        '@st.dialog("Sign up", on_dismiss=dismissed)\n'
        'def sign_up():\n'
        '    with st.form("f"):\n'
        '        name = st.text_input("Name")\n'
        '        if st.form_submit_button("Send"):\n'
        '            st.session_state.name = name\n'
        '            st.rerun()\n'
        'if st.button("Open"):\n'
        '    sign_up()\n'
        'st.write(f"name: {st.session_state.get(\'name\')}")\n'
        'st.write(f"dismissals: {st.session_state.get(\'dismissals\', 0)}")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("name: None")).to_be_visible()
        opener = page.get_by_role("button", name="Open")
        opener.click()
        dialog = page.get_by_role("dialog", name="Sign up")
        expect(dialog).to_be_visible()
        expect(dialog).to_have_attribute("aria-modal", "true")
        name = dialog.get_by_role("textbox", name="Name")
        expect(name).to_be_focused()  # focus moved into the dialog
        name.fill("Ada")
        dialog.get_by_role("button", name="Send").click()
        expect(page.get_by_text("name: Ada")).to_be_visible()
        expect(dialog).to_be_hidden()  # st.rerun() inside it closed it
        opener.click()
        expect(dialog).to_be_visible()
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(page.get_by_text("dismissals: 1")).to_be_visible()  # on_dismiss ran, then the script
        expect(opener).to_be_focused()  # and focus is back where it was
        opener.click()
        expect(dialog).to_be_visible()
        dialog.get_by_role("button", name="Close").click()
        expect(page.get_by_text("dismissals: 2")).to_be_visible()
        expect(dialog).to_be_hidden()


@pytest.mark.browser
def test_a_widget_inside_keeps_it_open_escape_cannot_close_a_locked_one_a_click_outside_closes_in_chromium(
    context: Any,
) -> None:
    source = (
        '@st.dialog("Settings", width="medium")\n'
        'def settings():\n'
        '    dark = st.checkbox("Dark")\n'
        '    st.write(f"dark in dialog: {dark}")\n'
        '@st.dialog("Locked", dismissible=False)\n'
        'def locked():\n'
        '    if st.button("Done"):\n'
        '        st.session_state.locked = False\n'
        '        st.rerun()\n'
        'if st.button("Settings"):\n'
        '    settings()\n'
        'if st.button("Lock"):\n'
        '    st.session_state.locked = True\n'
        'if st.session_state.get("locked"):\n'
        '    locked()\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        page.get_by_role("button", name="Settings").click()
        dialog = page.get_by_role("dialog", name="Settings")
        expect(dialog).to_be_visible()
        dialog.get_by_text("Dark", exact=True).click()
        expect(dialog.get_by_text("dark in dialog: True")).to_be_visible()  # the dialog's own rerun
        expect(dialog).to_be_visible()
        page.mouse.click(5, 5)  # on the backdrop
        expect(dialog).to_be_hidden()
        page.get_by_role("button", name="Lock").click()
        lock = page.get_by_role("dialog", name="Locked")
        expect(lock).to_be_visible()
        expect(lock.get_by_role("button", name="Close")).to_be_hidden()
        page.keyboard.press("Escape")
        page.mouse.click(5, 5)
        expect(lock).to_be_visible()
        lock.get_by_role("button", name="Done").click()
        expect(lock).to_be_hidden()


@pytest.mark.browser
@pytest.mark.parametrize("side", ["right", "left"])
def test_a_drawer_is_resized_by_dragging_its_inner_edge_or_from_the_keyboard_in_chromium(context: Any, side: str) -> None:
    source = (
        f'@st.dialog("Drawer", position="{side}")\n'
        "def drawer():\n"
        '    st.text_input("Name")\n'
        '@st.dialog("Centre")\n'
        "def centre():\n"
        '    st.write("middle")\n'
        'if st.button("Open"):\n'
        "    drawer()\n"
        'if st.button("Middle"):\n'
        "    centre()\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.set_viewport_size({"width": 1200, "height": 700})
        page.goto(server.url)
        page.get_by_role("button", name="Open").click()
        dialog = page.get_by_role("dialog", name="Drawer")
        expect(dialog).to_be_visible()

        def width() -> float:
            return float(dialog.evaluate("d => d.getBoundingClientRect().width"))

        edge = dialog.get_by_role("separator", name="Resize dialog")
        expect(edge).to_have_attribute("aria-orientation", "vertical")
        assert width() == 500  # the script's width ("small")
        # Dragged by its inner edge (the side toward the page's middle) by 120 px: that much wider.
        box = edge.bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        outward = -120 if side == "right" else 120
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + outward / 2, y)
        page.mouse.move(x + outward, y)
        page.mouse.up()
        assert abs(width() - 620) <= 1
        # The keyboard: the edge is a focusable separator; the arrows move it, Home and End go to the bounds.
        edge.focus()
        page.keyboard.press("ArrowLeft" if side == "right" else "ArrowRight")
        assert abs(width() - 636) <= 1
        page.keyboard.press("Shift+" + ("ArrowRight" if side == "right" else "ArrowLeft"))
        assert abs(width() - 572) <= 1
        expect(edge).to_have_attribute("aria-valuenow", "572")
        page.keyboard.press("Home")
        assert width() == 200  # the narrowest drawer, as Streamlit's
        page.keyboard.press("End")
        assert width() == 1200 - 32  # the window, less room to see the page beside it
        expect(edge).to_have_attribute("aria-valuemax", "1168")
        # Dragged past the bounds: held within them.
        box = edge.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        page.mouse.move(box["x"] - outward * 20, y)
        page.mouse.up()
        assert width() == 200
        # A double click on the edge gives back the script's width; so does opening the dialog again.
        edge.dblclick()
        assert width() == 500
        page.keyboard.press("End")
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        page.get_by_role("button", name="Open").click()
        expect(dialog).to_be_visible()
        assert width() == 500
        expect(dialog.get_by_role("textbox", name="Name")).to_be_focused()  # the edge is not its first control
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        # A centred dialog has no edge to drag.
        page.get_by_role("button", name="Middle").click()
        centre = page.get_by_role("dialog", name="Centre")
        expect(centre).to_be_visible()
        expect(centre.get_by_role("separator")).to_have_count(0)


@pytest.mark.browser
def test_a_toast_from_inside_the_dialog_shows_and_the_dialog_stays_open_and_styles_apply_in_chromium(
    context: Any,
) -> None:
    """The toast and the style go to the page's event root beside the dialog (a rerun of the dialog alone appends
    them after it), so the dialog is neither replaced nor moved; a style the dialog stops writing is gone."""
    source = (
        '@st.dialog("Settings")\n'
        "def settings():\n"
        '    if st.toggle("Green title"):\n'
        '        st.html("<style>h1 { color: rgb(0, 128, 0) }</style>")\n'
        '    if st.button("Save"):\n'
        '        st.toast("Saved!", duration="infinite")\n'
        '    st.text_input("Name")\n'
        'st.title("Home")\n'
        'if st.button("Open"):\n'
        "    settings()\n"
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        title = page.get_by_role("heading", name="Home")
        expect(title).to_be_visible()
        page.get_by_role("button", name="Open").click()
        dialog = page.get_by_role("dialog", name="Settings")
        expect(dialog).to_be_visible()
        dialog.get_by_role("textbox", name="Name").fill("Ada")
        dialog.get_by_role("button", name="Save").click()
        expect(page.locator(".toast-area .toast-card")).to_contain_text("Saved!")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("textbox", name="Name")).to_have_value("Ada")  # not made anew
        dialog.get_by_role("switch", name="Green title").click()
        expect(title).to_have_css("color", "rgb(0, 128, 0)")
        dialog.get_by_role("switch", name="Green title").click()
        expect(title).not_to_have_css("color", "rgb(0, 128, 0)")
        expect(dialog).to_be_visible()
