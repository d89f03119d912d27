"""Layout beyond one block kind: the sidebar, and what a finished run leaves of the elements shown before.

Each block kind's own tests: tests/elements/test_columns.py, test_container.py, test_expander.py, test_tabs.py...
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from engine_harness import running_engine
from support import app, kinds
from porch.elements import with_defaults


# -- sidebar -----------------------------------------------------------------------------------------------------


def test_sidebar_both_call_styles() -> None:
    at = app(
        'st.sidebar.title("Side")\nwith st.sidebar:\n    v = st.slider("S", 0, 10, 2)\n'
        '    st.write("in sidebar")\nst.write(f"main {v}")'
    )
    assert at.sidebar.title.values == ["Side"]
    assert at.sidebar.markdown.values == ["in sidebar"]
    assert at.main.markdown.values == ["main 2"]
    at.sidebar.slider[0].set_value(4).run()
    assert at.main.markdown.values == ["main 4"]


def test_sidebar_containers_and_columns() -> None:
    at = app('a, b = st.sidebar.columns(2)\nb.write("right")\nwith st.sidebar.expander("E"):\n    st.write("x")')
    assert at.sidebar.columns[1].markdown.values == ["right"]
    assert at.sidebar.expander[0].markdown.values == ["x"]
    assert at.main.children == []


def test_module_level_calls_inside_a_sidebar_block_go_to_the_sidebar() -> None:
    at = app('with st.sidebar:\n    col = st.columns(2)[0]\n    col.write("c")\n    st.button("B")')
    assert at.sidebar.button[0].label == "B"
    assert at.main.children == []


# -- what a finished run leaves ----------------------------------------------------------------------------------


def test_elements_the_new_run_did_not_produce_disappear() -> None:
    at = app('if st.checkbox("More"):\n    st.write("extra")\n    st.write("extra 2")\nst.write("end")')
    at.checkbox[0].check().run()
    assert at.markdown.values == ["extra", "extra 2", "end"]
    at.checkbox[0].uncheck().run()
    assert at.markdown.values == ["end"]
    assert kinds(at.main) == ["checkbox", "markdown"]


def test_leftovers_inside_containers_are_trimmed() -> None:
    at = app(
        'n = st.session_state.get("n", 3)\nwith st.sidebar:\n    for i in range(n):\n        st.write(f"s{i}")\n'
        'with st.expander("E"):\n    for i in range(n):\n        st.write(f"e{i}")'
    )
    assert at.sidebar.markdown.values == ["s0", "s1", "s2"]
    at.session_state["n"] = 1
    at.run()
    assert at.sidebar.markdown.values == ["s0"]
    assert at.expander[0].markdown.values == ["e0"]
    trims = [m for m in at.messages if m["type"] == "trim"]
    assert {tuple(m["path"]) for m in trims} == {(1,), (0, 0)}


def test_trims_are_sent_only_when_the_run_ends() -> None:
    at = app('if not st.session_state.get("short"):\n    st.write("a")\n    st.write("b")\nst.write("c")')
    at.session_state["short"] = True
    at.run()
    second_run = at.messages[[m.get("state") for m in at.messages].index("running", 2) :]
    types = [m["type"] for m in second_run]
    assert types.index("trim") > max(i for i, t in enumerate(types) if t == "delta")
    assert types[-1] == "run"
    assert at.markdown.values == ["c"]


def test_a_block_replaced_by_a_different_kind_loses_its_children() -> None:
    at = app(
        'if st.session_state.get("flat"):\n    st.write("flat")\nelse:\n    with st.container():\n        st.write("boxed")'
    )
    assert at.container[0].markdown.values == ["boxed"]
    at.session_state["flat"] = True
    at.run()
    assert len(at.container) == 0
    assert at.markdown.values == ["flat"]


def test_unchanged_elements_are_not_sent_again() -> None:
    at = app('st.title("Static")\nst.write(st.slider("S"))')
    before = len(at.messages)
    at.slider[0].set_value(3).run()
    deltas = [m for m in at.messages[before:] if m["type"] == "delta"]
    assert [d["element"]["kind"] for d in deltas] == ["slider", "markdown"]


def test_containers_kept_from_an_earlier_run_are_refused() -> None:
    at = app(
        'if "box" not in st.session_state:\n    st.session_state.box = st.container()\n'
        'st.session_state.box.write("x")'
    )
    assert at.run_status == "ok"
    at.run()
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "earlier run" in at.exception[0].message


# -- layout parameters many kinds share (core/elements/_layout.py) -------------------------------------------------


WIDTHS = [
    # (call, kind, the width it sends by default, as in Streamlit 1.67)
    ('st.title("T")', "heading", "stretch"),
    ('st.header("H")', "heading", "stretch"),
    ('st.markdown("m")', "markdown", "auto"),
    ('st.caption("c")', "markdown", "stretch"),
    ('st.text("t")', "text", "content"),
    ('st.code("x")', "code", "stretch"),
    ('st.json({})', "json", "stretch"),
    ("st.divider()", "divider", "stretch"),
    ('st.info("i")', "alert", "stretch"),
    ('st.exception(ValueError("e"))', "exception", "stretch"),
    ("st.progress(5)", "progress", "stretch"),
    ('st.image(b"<svg xmlns=\'http://www.w3.org/2000/svg\'/>")', "image", "content"),
    ('st.audio(b"RIFF")', "audio", "stretch"),
    ('st.video(b"\\0")', "video", "stretch"),
    ('st.button("b")', "button", "content"),
    ('st.download_button("d", b"x")', "download_button", "content"),
    ('st.checkbox("c")', "checkbox", "content"),
    ('st.toggle("t")', "checkbox", "content"),
    ('st.radio("r", [1])', "radio", "content"),
    ('st.selectbox("s", [1])', "selectbox", "stretch"),
    ('st.multiselect("m", [1])', "multiselect", "stretch"),
    ('st.slider("s")', "slider", "stretch"),
    ('st.select_slider("s", [1])', "select_slider", "stretch"),
    ('st.number_input("n")', "number_input", "stretch"),
    ('st.text_input("t")', "text_input", "stretch"),
    ('st.text_area("t")', "text_area", "stretch"),
    ('st.file_uploader("f")', "file_uploader", "stretch"),
    ("st.container()", "container", "stretch"),
    ("st.columns(2)", "columns", "stretch"),
    ('st.tabs(["a"])', "tabs", "stretch"),
    ('st.expander("e")', "expander", "stretch"),
]


def sent_props(at: Any, kind: str) -> dict[str, Any]:
    """The props of the first ``kind`` element sent, with those left off at their defaults put back."""
    return next(with_defaults(m["element"]) for m in at.messages if m["type"] == "delta" and m["element"]["kind"] == kind)


@pytest.mark.parametrize("call, kind, default", WIDTHS, ids=[w[0].split("(")[0] for w in WIDTHS])
def test_each_kind_sends_its_width_and_checks_it(call: str, kind: str, default: str) -> None:
    assert sent_props(app(call), kind)["width"] == default
    given = call[:-1] + (", " if not call.endswith("()") else "") + "width=240)"
    assert sent_props(app(given), kind)["width"] == 240
    wrong = app(call[:-1] + (", " if not call.endswith("()") else "") + "width='wide')")
    assert "width must be a positive number of pixels or" in wrong.exception[0].message


def test_spinner_and_form_send_their_width() -> None:
    at = app('with st.spinner("s", width=300):\n    pass\nwith st.form("f", width="content"):\n'
             '    st.form_submit_button()')
    assert sent_props(at, "spinner")["width"] == 300
    assert at.form[0].props["width"] == "content"


@pytest.mark.parametrize("call", ['st.title("T"', 'st.subheader("S"', 'st.markdown("m"', 'st.caption("c"', 'st.text("t"'])
def test_text_elements_take_an_alignment_and_wrap(call: str) -> None:
    at = app(call + ', text_alignment="center", wrap=False)')
    props = at.main.children[0].props
    assert (props["text_alignment"], props["wrap"]) == ("center", False)
    assert "text_alignment must be one of" in app(call + ', text_alignment="middle")').exception[0].message


def test_container_layout_props() -> None:
    at = app('with st.container(horizontal=True, wrap=False, horizontal_alignment="distribute",'
             ' vertical_alignment="center", gap=None, height="stretch", width=600, autoscroll=True, key="row"):\n'
             '    st.button("a")\n    st.button("b")')
    assert at.container[0].props == {
        "border": False, "height": "stretch", "width": 600, "horizontal": True, "wrap": False,
        "horizontal_alignment": "distribute", "vertical_alignment": "center", "gap": None, "autoscroll": True,
        "key": "row",
    }
    assert [b.label for b in at.container[0].button] == ["a", "b"]


@pytest.mark.parametrize(
    "call, message",
    [
        ("st.container(gap='huge')", "gap must be one of"),
        ("st.container(horizontal_alignment='middle')", "horizontal_alignment must be one of"),
        ("st.container(vertical_alignment='left')", "vertical_alignment must be one of"),
        ("st.container(height=-1)", "height must be a positive number of pixels"),
    ],
)
def test_container_arguments_are_checked(call: str, message: str) -> None:
    assert message in app(call).exception[0].message


def test_a_fixed_height_container_has_a_border_unless_told_not_to() -> None:
    at = app("st.container(height=100)\nst.container(height=100, border=False)\nst.container(border=True)\n"
             "st.container(height=None)")
    assert [(c.props["border"], c.props["height"]) for c in at.container] == [
        (True, 100), (False, 100), (True, "content"), (False, "content")]


def test_columns_width_wrap_and_no_gap() -> None:
    at = app('st.columns(2, gap=None, width=500, wrap=False)\nst.columns(2, gap="xxlarge")')
    first, second = (child.props for child in at.main.children)
    assert (first["gap"], first["width"], first["wrap"]) == (None, 500, False)
    assert (second["gap"], second["wrap"]) == ("xxlarge", True)


@pytest.mark.browser
def test_widths_and_a_horizontal_container_lay_out_in_chromium(context: Any) -> None:
    source = (
        'st.button("Wide", width="stretch")\n'
        'st.button("Narrow")\n'
        'st.text_input("Sized", width=300)\n'
        'with st.container(horizontal=True, horizontal_alignment="right", key="row"):\n'
        '    st.button("One")\n    st.button("Two")\n'
        'st.title("Centred", text_alignment="center", icon="🎯")\n'
        'st.info("Body", title="Heads up")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        main = page.locator("#porch-main-root").bounding_box()
        wide = page.get_by_role("button", name="Wide").bounding_box()
        narrow = page.get_by_role("button", name="Narrow").bounding_box()
        sized = page.get_by_label("Sized").bounding_box()
        one = page.get_by_role("button", name="One").bounding_box()
        two = page.get_by_role("button", name="Two").bounding_box()
        assert main and wide and narrow and sized and one and two
        assert wide["width"] > main["width"] - 2 and narrow["width"] < main["width"] / 3
        assert abs(sized["width"] - 300) < 2
        # Side by side, on one line, packed to the right.
        assert abs(one["y"] - two["y"]) < 1 and one["x"] < two["x"]
        assert two["x"] + two["width"] > main["x"] + main["width"] - 2
        title = page.locator(".heading-text", has_text="Centred").bounding_box()
        assert title and title["width"] < main["width"] / 2
        assert abs((title["x"] + title["width"] / 2) - (main["x"] + main["width"] / 2)) < 40
        expect(page.get_by_role("heading", name="Centred")).to_contain_text("🎯")
        expect(page.get_by_text("Heads up")).to_be_visible()
