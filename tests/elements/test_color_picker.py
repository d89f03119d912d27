"""``color_picker``: st.color_picker, a hex colour "#rrggbb" or "#rgb", returned as written (as Streamlit's).

Values a client sends that are not hex colours are refused on the server (``support.send``, as a hostile or stale
browser tab could)."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from support import REPO, app, bad_values, send


def test_the_default_is_black_and_a_pick_reaches_the_script() -> None:
    at = app('c = st.color_picker("Colour")\nst.write(f"got {c}")')
    assert at.color_picker[0].value == "#000000"
    assert at.color_picker[0].props["value"] == "#000000"
    assert at.markdown.values == ["got #000000"]
    at.color_picker[0].pick("#FF8800").run()
    assert at.markdown.values == ["got #FF8800"]
    assert at.color_picker[0].value == "#FF8800"
    at.color_picker[0].set_value("#0af").run()
    assert at.markdown.values == ["got #0af"]


@pytest.mark.parametrize("given", ["#00FFAA", "#0fa", "#ABC", "#EB144c"])
def test_the_value_is_returned_as_the_script_wrote_it_as_streamlits(given: str) -> None:
    at = app("c = st.color_picker('Colour', value)\nst.write(c)", value=given)
    assert at.markdown.values == [given]
    assert at.color_picker[0].value == given and at.color_picker[0].props["value"] == given


@pytest.mark.parametrize("value", ["red", "#12", "#1234", "#gggggg", "00ffaa", "#00ffaa ", "#00ffaa\n", "#00ffaa80", 7])
def test_a_value_that_is_not_a_hex_colour_is_a_clear_error(value: Any) -> None:
    at = app("st.color_picker('Colour', value)", value=value)
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "color_picker('Colour')" in at.exception[0].message
    assert "hex colour" in at.exception[0].message


@pytest.mark.parametrize(
    "wire", ["red", "#12", "#1234567", "#gggggg", "#ffffff\n", " #ffffff", "", None, 0xFF0000, ["#ffffff"], True]
)
def test_the_codec_refuses_wire_values_that_are_not_hex_colours(wire: Any) -> None:
    at = app('c = st.color_picker("Colour", "#123456")\nst.write(c)')
    send(at, {at.color_picker[0].id: wire})
    assert at.markdown.values == ["#123456"]
    assert at.color_picker[0].value == "#123456"
    assert len(bad_values(at)) == 1


def test_a_client_may_send_the_short_form() -> None:
    at = app('c = st.color_picker("Colour")\nst.write(c)')
    send(at, {at.color_picker[0].id: "#F0A"})
    assert at.markdown.values == ["#F0A"] and bad_values(at) == []


def test_on_change_runs_before_the_rerun_with_args() -> None:
    at = app(
        "def changed(tag, sep):\n"
        "    st.session_state.log = tag + sep + st.session_state.c\n"
        'st.color_picker("Colour", key="c", on_change=changed, args=("new",), kwargs={"sep": ":"})\n'
        'st.write(st.session_state.get("log", "none"))'
    )
    assert at.markdown.values == ["none"]
    at.color_picker(key="c").pick("#abcdef").run()
    assert at.markdown.values == ["new:#abcdef"]


def test_on_change_ignore_keeps_the_colour_for_the_next_rerun_and_other_values_are_refused() -> None:
    at = app('c = st.color_picker("Colour", on_change="ignore", width=120)\nst.write(c)')
    assert at.color_picker[0].props["ignore_rerun"] is True and at.color_picker[0].props["width"] == 120
    at.color_picker[0].pick("#00ff00").run()  # AppTest sends the held value with the run it asks for
    assert at.markdown.values == ["#00ff00"]
    assert app('st.color_picker("Colour")').color_picker[0].props["ignore_rerun"] is False
    at = app('st.color_picker("Colour", on_change="later")')
    assert "on_change must be a callable, 'rerun' or 'ignore', not 'later'" in at.exception[0].message


def test_session_state_sets_the_colour_and_mirrors_it() -> None:
    at = app('st.session_state.setdefault("c", "#FFF")\nc = st.color_picker("Colour", key="c")\nst.write(c)')
    assert at.markdown.values == ["#FFF"]
    at.color_picker(key="c").pick("#010203").run()
    assert at.session_state["c"] == "#010203"
    at = app('st.session_state.c = "blue"\nst.color_picker("Colour", key="c")')
    assert at.exception[0].props["type"] == "PorchAPIError"


def test_a_disabled_picker_takes_no_value() -> None:
    at = app('c = st.color_picker("Colour", "#111111", disabled=True)\nst.write(c)')
    assert at.color_picker[0].disabled
    send(at, {at.color_picker[0].id: "#222222"})
    assert at.markdown.values == ["#111111"]
    assert len(bad_values(at)) == 1


def test_compatibility_parameters_are_accepted() -> None:
    at = app(
        'c = st.color_picker("Colour", "#0f0", help="pick one", label_visibility="collapsed", width="stretch",\n'
        '                    key="c", bind="query-params", persist_state=None)\n'
        "st.write(c)"
    )
    assert at.markdown.values == ["#0f0"]
    assert at.color_picker[0].help == "pick one"
    assert at.color_picker[0].props["label_visibility"] == "collapsed"


def test_in_a_form_the_colour_arrives_with_the_submit() -> None:
    at = app(
        'with st.form("f"):\n'
        '    c = st.color_picker("Colour")\n'
        '    st.form_submit_button("Save")\n'
        "st.write(c)"
    )
    assert at.color_picker[0].props["form"] == "f"
    at.color_picker[0].pick("#00ff00")
    at.button[0].click().run()
    assert at.markdown.values == ["#00ff00"]


def test_the_signature_is_streamlits() -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = [(p["name"], p["kind"], p["default"]) for p in reference["names"]["st.color_picker"]["params"]]
    kinds = {"POSITIONAL_OR_KEYWORD": "either", "KEYWORD_ONLY": "keyword"}
    got = [
        (p.name, kinds[p.kind.name], None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(porch.color_picker).parameters.values()
    ]
    assert got == expected


@pytest.mark.browser
def test_a_person_picks_a_colour_in_chromium(context: Any) -> None:
    source = (
        'c = st.color_picker("Team colour", "#3366CC", help="Used for charts")\nst.write(f"picked {c}")\n'
        'st.color_picker("Accent", "#F0A")\n'
    )
    with running_engine("import porch as st\n" + source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("picked #3366CC")).to_be_visible()
        picker = page.get_by_label("Team colour")
        expect(picker).to_have_attribute("type", "color")
        expect(picker).to_have_value("#3366cc")
        expect(page.locator(".color-hex").first).to_have_text("#3366cc")
        expect(page.get_by_label("Accent")).to_have_value("#ff00aa")  # a script's short colour, shown in full
        picker.fill("#FF8800")
        expect(page.get_by_text("picked #ff8800")).to_be_visible()
        expect(page.locator(".color-hex").first).to_have_text("#ff8800")
        picker.focus()
        assert page.evaluate("document.activeElement.type") == "color"
