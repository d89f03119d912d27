"""``button_group``: st.pills and st.segmented_control, one wire kind drawn by its ``style`` prop.

Single mode returns the option or None, multi mode a list in the order chosen; ``required`` keeps a single choice.
Values a client sends that do not fit are refused on the server: those tests send raw wire values through the session
(``support.send``), as a hostile or stale browser tab could."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from support import REPO, app, bad_values, send


@pytest.mark.parametrize("name", ["pills", "segmented_control"])
def test_the_signature_is_streamlits(name: str) -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = [(p["name"], p["kind"], p["default"]) for p in reference["names"][f"st.{name}"]["params"]]
    kinds: dict[Any, str] = {
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "either",
        inspect.Parameter.KEYWORD_ONLY: "keyword",
    }
    got = [
        (p.name, kinds[p.kind], None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(getattr(porch, name)).parameters.values()
    ]
    assert got == expected


def test_pills_and_segmented_control_are_listed_by_style() -> None:
    at = app('st.pills("P", ["a", "b"])\nst.segmented_control("S", ["a", "b"])\nst.pills("Q", ["c"])')
    assert [w.label for w in at.pills] == ["P", "Q"]
    assert [w.label for w in at.segmented_control] == ["S"]
    assert at.pills[0].props["style"] == "pills"
    assert at.segmented_control[0].props["style"] == "segmented_control"
    assert at.pills[0].kind == at.segmented_control[0].kind == "button_group"


def test_single_selection_starts_empty_selects_and_clears() -> None:
    at = app('v = st.pills("Size", ["S", "M", "L"])\nst.write(f"size={v}")')
    assert at.pills[0].value is None
    assert at.pills[0].props["value"] == []
    at.pills[0].select("M").run()
    assert at.pills[0].value == "M"
    assert at.pills[0].indices == [1]
    assert at.markdown.values == ["size=M"]
    at.pills[0].select("L").run()
    assert at.markdown.values == ["size=L"]
    at.pills[0].unselect("L").run()
    assert at.pills[0].value is None
    assert at.markdown.values == ["size=None"]


def test_multi_selection_is_a_list_in_the_order_chosen() -> None:
    at = app('v = st.segmented_control("Days", ["Mon", "Tue", "Wed"], selection_mode="multi")\nst.write(f"{v}")')
    assert at.segmented_control[0].value == []
    at.segmented_control[0].select("Wed").run()
    at.segmented_control[0].select("Mon").run()
    assert at.segmented_control[0].value == ["Wed", "Mon"]
    assert at.segmented_control[0].props["value"] == [2, 0]
    assert at.markdown.values == ["['Wed', 'Mon']"]
    at.segmented_control[0].unselect("Wed").run()
    assert at.markdown.values == ["['Mon']"]
    at.segmented_control[0].set_value([]).run()
    assert at.markdown.values == ["[]"]


def test_defaults_an_option_or_a_list_of_options() -> None:
    at = app(
        'a = st.pills("A", [1, 2, 3], default=2)\n'
        'b = st.pills("B", [1, 2, 3], default=[3, 1], selection_mode="multi")\n'
        'c = st.pills("C", [1, 2, 3], default=3, selection_mode="multi")\n'
        'd = st.segmented_control("D", [1, 2, 3], default=[2])\n'
        'st.write(f"{a} {b} {c} {d}")'
    )
    assert [w.value for w in at.pills] == [2, [3, 1], [3]]
    assert at.segmented_control[0].value == 2
    assert at.markdown.values == ["2 [3, 1] [3] 2"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.pills("A", ["a", "b"], default="z")', "default 'z' does not fit"),
        ('st.pills("A", ["a", "b"], default=["a", "z"], selection_mode="multi")', "does not fit"),
        ('st.pills("A", ["a", "b"], default=["a", "b"])', "must be a single option"),
        ('st.pills("A", ["a", "b"], selection_mode="several")', "selection_mode must be 'single' or 'multi'"),
        ('st.segmented_control("A", ["a"], selection_mode="multi", required=True)', "required=True is only for"),
        ('st.pills("A", ["a"], on_change="later")', "on_change must be a function, 'rerun' or 'ignore'"),
        ('st.pills("A", "ab")', "not a single string"),
    ],
)
def test_values_the_script_gets_wrong_are_clear_errors(call: str, message: str) -> None:
    at = app(call)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert message in at.exception[0].message
    assert "pills" in at.exception[0].message or "segmented_control" in at.exception[0].message


def test_format_func_labels_any_objects_and_renders_inline_markdown() -> None:
    at = app(
        'plans = [{"name": "free"}, {"name": "pro"}]\n'
        'p = st.pills("Plan", plans, format_func=lambda p: f"**{p[\'name\']}** <b>x</b>")\n'
        "st.write(p['name'] if p else 'none')"
    )
    widget = at.pills[0]
    assert widget.options == ["**free** <b>x</b>", "**pro** <b>x</b>"]
    assert widget.props["options_html"] == [
        "<strong>free</strong> &lt;b&gt;x&lt;/b&gt;",
        "<strong>pro</strong> &lt;b&gt;x&lt;/b&gt;",
    ]
    send(at, {widget.id: [1]})
    assert at.markdown.values == ["pro"]


def test_required_is_the_page_s_rule_and_the_server_takes_no_choice_as_streamlit_s() -> None:
    # Streamlit 1.67: `required` keeps the page from clearing a choice; its AppTest's `.set_value(None)` gives None.
    at = app('v = st.segmented_control("Mode", ["A", "B"], default="A", required=True)\nst.write(f"{v}")')
    assert at.segmented_control[0].props["required"] is True
    at.segmented_control[0].select("B").run()
    assert at.markdown.values == ["B"]
    at.segmented_control[0].set_value(None).run()
    assert at.markdown.values == ["None"]
    send(at, {at.segmented_control[0].id: [0]})
    send(at, {at.segmented_control[0].id: []})
    assert at.markdown.values == ["None"] and bad_values(at) == []


def test_required_without_a_default_starts_at_none() -> None:
    # As in Streamlit 1.67: no selection until the user makes one; after that the page does not clear it.
    at = app('v = st.pills("Mode", ["A", "B"], required=True)\nst.write(f"{v}")')
    assert at.pills[0].value is None
    assert at.markdown.values == ["None"]
    at.pills[0].select("A").run()
    assert at.markdown.values == ["A"]


def test_on_change_runs_before_the_rerun_with_args() -> None:
    at = app(
        "def changed(tag):\n"
        "    st.session_state.seen = (tag, st.session_state.k)\n"
        'st.pills("T", ["x", "y"], key="k", on_change=changed, args=("hit",), selection_mode="multi")\n'
        'st.write(f"{st.session_state.get(\'seen\')}")'
    )
    at.pills[0].select("y").run()
    assert at.markdown.values == ["('hit', ['y'])"]


def test_rerun_and_none_mean_no_callback_and_session_state_presets_the_value() -> None:
    at = app(
        'st.session_state.tags = ["b"]\n'
        'st.pills("Tags", ["a", "b"], key="tags", selection_mode="multi", on_change="rerun")\n'
        'st.segmented_control("One", ["a", "b"], default="a", on_change=None)'
    )
    assert at.pills[0].value == ["b"]
    assert at.segmented_control[0].value == "a"


def test_disabled_and_label_visibility_and_help_reach_the_client() -> None:
    at = app('st.pills("P", ["a"], disabled=True, label_visibility="collapsed", help="Pick one")')
    props = at.pills[0].props
    assert props["disabled"] is True and props["label_visibility"] == "collapsed" and props["help"] == "Pick one"
    send(at, {at.pills[0].id: [0]})
    assert at.pills[0].value is None
    assert len(bad_values(at)) == 1


def test_streamlit_only_parameters_are_accepted() -> None:
    at = app(
        'v = st.pills("P", ["a", "b"], width="stretch", wrap=False, bind="query-params", key="p", '
        'persist_state="page", on_change="ignore")\n'
        'w = st.segmented_control("S", ["a"], width=200, wrap=True, bind=None, persist_state=None)\n'
        'st.write(f"{v} {w}")'
    )
    assert len(at.exception) == 0
    assert at.markdown.values == ["None None"]


def test_changed_options_reset_a_value_that_no_longer_fits() -> None:
    at = app(
        'opts = st.session_state.get("opts", ["a", "b", "c"])\n'
        'v = st.pills("P", opts, selection_mode="multi", key="p")\n'
        'st.write(f"{v}")'
    )
    at.pills[0].set_value(["c"]).run()
    assert at.markdown.values == ["['c']"]
    at.session_state["opts"] = ["a", "b"]
    at.run()
    assert at.markdown.values == ["[]"]


@pytest.mark.parametrize("wire", [0, None, [5], [0, 1], [True], ["0"], [-1], "a"])
def test_single_mode_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.pills("A", ["a", "b"], default="b")')
    send(at, {at.pills[0].id: wire})
    assert at.pills[0].value == "b"
    assert len(bad_values(at)) == 1


@pytest.mark.parametrize("wire", [0, None, [0, 0], [2], [1.0], [None], {"0": 1}])
def test_multi_mode_refuses_bad_wire_values(wire: Any) -> None:
    at = app('st.segmented_control("A", ["a", "b"], default=["b"], selection_mode="multi")')
    send(at, {at.segmented_control[0].id: wire})
    assert at.segmented_control[0].value == ["b"]
    assert len(bad_values(at)) == 1


def test_a_pill_and_a_segmented_control_in_a_form_send_on_submit() -> None:
    at = app(
        'with st.form("f"):\n'
        '    p = st.pills("P", ["a", "b"])\n'
        '    s = st.segmented_control("S", ["x", "y"], selection_mode="multi")\n'
        '    st.form_submit_button("Go")\n'
        'st.write(f"{p} {s}")'
    )
    at.pills[0].select("b")
    at.segmented_control[0].select("y")
    at.button[0].click().run()
    assert at.markdown.values == ["b ['y']"]


APP = """
import porch as st

size = st.pills("Size", ["S", "M", "L"])
days = st.segmented_control("Days", ["Mon", "Tue", "Wed"], selection_mode="multi")
mode = st.segmented_control("Mode", ["Light", "Dark"], default="Light", required=True)
st.write(f"size={size} days={days} mode={mode}")
"""


@pytest.mark.browser
def test_a_person_clicks_pills_and_segments(context: Any) -> None:
    with running_engine(APP) as server:
        page = context.new_page()
        page.goto(server.url)
        result = page.get_by_text("size=")
        expect(result).to_have_text("size=None days=[] mode=Light")
        size = page.get_by_role("group", name="Size")
        size.get_by_role("button", name="M").click()
        expect(result).to_have_text("size=M days=[] mode=Light")
        expect(size.get_by_role("button", name="M")).to_have_attribute("aria-pressed", "true")
        # Clicking the chosen pill again clears it.
        size.get_by_role("button", name="M").click()
        expect(result).to_have_text("size=None days=[] mode=Light")
        # Several segments, in the order chosen; the keyboard works too.
        days = page.get_by_role("group", name="Days")
        days.get_by_role("button", name="Wed").click()
        expect(result).to_have_text("size=None days=['Wed'] mode=Light")
        days.get_by_role("button", name="Wed").press("Home")
        expect(days.get_by_role("button", name="Mon")).to_be_focused()
        page.keyboard.press("Space")
        expect(result).to_have_text("size=None days=['Wed', 'Mon'] mode=Light")
        # A required choice cannot be cleared: clicking it again keeps it.
        mode = page.get_by_role("group", name="Mode")
        mode.get_by_role("button", name="Dark").click()
        expect(result).to_have_text("size=None days=['Wed', 'Mon'] mode=Dark")
        mode.get_by_role("button", name="Dark").click()
        page.wait_for_timeout(300)
        expect(result).to_have_text("size=None days=['Wed', 'Mon'] mode=Dark")
        expect(mode.get_by_role("button", name="Dark")).to_have_attribute("aria-pressed", "true")
        # Pills wrap as separate chips; a segmented control's segments touch.
        gap = days.get_by_role("button").evaluate_all(
            "bs => bs[1].getBoundingClientRect().left - bs[0].getBoundingClientRect().right"
        )
        assert gap <= 0, gap


def test_pills_and_a_segmented_control_with_one_label_are_two_widgets() -> None:
    at = app('a = st.pills("Size", ["S", "M"])\nb = st.segmented_control("Size", ["S", "M"])\nst.write(f"{a}/{b}")')
    assert not at.exception
    at.pills[0].set_value("M").run()
    assert at.markdown[0].value == "M/None"


def test_apptest_options_leave_out_a_leading_icon_as_streamlits() -> None:
    """Streamlit's AppTest gives an option's text without the icon that starts it (shown apart from the text)."""
    at = app(
        'st.pills("P", ["🧰 Tools", ":material/add: Add", ":material/zoom_in:", "Ends :material/rocket:", "Plain"])\n'
        'st.segmented_control("S", ["📊 Charts", "x"])'
    )
    assert at.pills[0].options == ["Tools", "Add", "", "Ends :material/rocket:", "Plain"]
    assert at.segmented_control[0].options == ["Charts", "x"]
    at.pills[0].set_value("🧰 Tools").run()  # values are still the options themselves
    assert at.pills[0].value == "🧰 Tools"
