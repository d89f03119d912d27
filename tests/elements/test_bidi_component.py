"""components.v2.component (core/streamlit/components/v2, core/elements/bidi_component.py): state and trigger values,
callbacks, keys in session state, bad values from a client, and the page running the component's module."""

from __future__ import annotations

import json
from typing import Any

import pytest

import support
from porch.testing import AppTest

TEXT_INPUT = '''
import porch as st
from porch.streamlit.components.v2 import component

JS = """
export default function(component) {
    const { setStateValue, setTriggerValue, parentElement, data } = component;
    const input = parentElement.querySelector("input");
    parentElement.querySelector("label").innerText = data.label;
    if (input.value !== data.value) input.value = data.value ?? "";
    input.onkeydown = (e) => { if (e.key === "Enter") setStateValue("value", e.target.value); };
    parentElement.querySelector("button").onclick = () => setTriggerValue("clicked", input.value.length);
}
"""
my_input = component("my_text_input", html="<label for='t'></label><input id='t'><button>Count</button>",
                     css="input { border: 2px solid rgb(255, 0, 0); }", js=JS)
st.session_state.setdefault("log", [])
result = my_input(
    key="box", data={"label": "Your name", "value": st.session_state.get("box", {}).get("value", "")},
    default={"value": ""},
    on_value_change=lambda: st.session_state.log.append("value"),
    on_clicked_change=lambda: st.session_state.log.append("clicked"),
)
st.text(f"value={result.value!r} clicked={result.clicked!r} state={st.session_state.box!r}")
st.text(f"log={st.session_state.log}")
'''


def state_of(at: AppTest) -> str:
    return str(at.text[0].value)


def test_the_state_and_a_trigger_reach_the_script_and_the_callbacks() -> None:
    at = AppTest.from_string(TEXT_INPUT).run()
    assert at.exception == [], at.exception
    assert state_of(at) == "value='' clicked=None state={'value': ''}"
    element = at.bidi_component[0]
    assert element.props["name"] == "my_text_input" and element.props["isolate_styles"] is True
    assert element.props["data"] == {"label": "Your name", "value": ""}
    module = at.media(element.props["js"])
    assert module.content_type.startswith("text/javascript") and (module.data or b"").startswith(b"\nexport default")
    support.send(at, {element.id: json.dumps({"value": "Ada"})})
    assert state_of(at) == "value='Ada' clicked=None state={'value': 'Ada'}"
    trigger = element.props["trigger_id"]
    support.send(at, {trigger: json.dumps({"clicked": 3})}, trigger=trigger)
    assert state_of(at) == "value='Ada' clicked=3 state={'value': 'Ada'}"
    at.run()  # a trigger lasts one run
    assert state_of(at) == "value='Ada' clicked=None state={'value': 'Ada'}"
    assert at.text[1].value == "log=['value', 'clicked']"


def test_bad_values_from_a_client_are_refused() -> None:
    at = AppTest.from_string(TEXT_INPUT).run()
    element = at.bidi_component[0]
    for wire in (json.dumps([1, 2]), "not json", 5, '{"v": NaN}'):
        support.send(at, {element.id: wire})
        assert at.errors and at.errors[-1]["code"] == "bad_value"
    assert state_of(at) == "value='' clicked=None state={'value': ''}"


def test_arguments_are_checked() -> None:
    at = AppTest.from_string(
        "from porch.streamlit.components.v2 import component\n"
        "c = component('c', html='<b>x</b>')\n"
        "c(default={'value': 1})\n"
    ).run()
    assert "on_value_change callback" in at.exception[0].message
    at = AppTest.from_string(
        "from porch.streamlit.components.v2 import component\ncomponent('c', html='x')(colour='red')"
    ).run()
    assert "unknown argument 'colour'" in at.exception[0].message
    at = AppTest.from_string("from porch.streamlit.components.v2 import component\ncomponent('c', js=b'x')").run()
    assert "js must be a string" in at.exception[0].message


def test_instances_without_a_key_are_told_apart_by_their_data() -> None:
    at = AppTest.from_string(
        "import streamlit as st\n"
        "c = st.components.v2.component('c', html='<i>x</i>')\n"
        "c(data=1); c(data=2)\n"
    ).run()
    assert at.exception == []
    assert len({e.id for e in at.bidi_component}) == 2


@pytest.mark.browser
def test_the_page_runs_the_components_module_and_sends_what_it_says(context: Any) -> None:
    from playwright.sync_api import expect

    from engine_harness import running_engine

    with running_engine(TEXT_INPUT) as server:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.url)
        field = page.get_by_label("Your name")  # the label the module wrote, inside the shadow root
        expect(field).to_be_visible()
        assert field.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(255, 0, 0)"
        # The component's CSS stays in its shadow root: no input of the page itself takes it.
        assert page.evaluate("[...document.querySelectorAll('input')].length") == 0
        field.fill("Grace")
        field.press("Enter")
        expect(page.get_by_text("value='Grace' clicked=None")).to_be_visible()
        page.get_by_role("button", name="Count").click()
        expect(page.get_by_text("value='Grace' clicked=5")).to_be_visible()
        expect(page.get_by_text("log=['value', 'clicked']")).to_be_visible()
        assert not [e for e in errors if "Content Security Policy" in e], errors
