"""components.v2.component (core/streamlit/components/v2, core/elements/bidi_component.py): state and trigger values,
callbacks, keys in session state, bad values from a client, and the page running the component's module."""

from __future__ import annotations

import json
from pathlib import Path
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


def test_isolate_styles_given_when_mounting_is_ignored_with_a_warning_as_in_streamlit(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Older apps pass it to the instance; Streamlit 1.67 reads it from component() only and warns in the log.
    at = AppTest.from_string(
        "import streamlit as st\n"
        "c = st.components.v2.component('plain', html='<button>Go</button>')\n"
        "a = c(isolate_styles=False, on_clicked_change=lambda: None, key='a')\n"
        "b = c(isolate_styles=False, on_clicked_change=lambda: None, key='b')\n"
        "st.text(f'{a.clicked} {b.clicked}')\n"
    ).run()
    assert at.exception == []
    assert at.text[0].value == "None None"
    assert [e.props["isolate_styles"] for e in at.bidi_component] == [True, True]  # component()'s default holds
    warnings = [r.getMessage() for r in caplog.records if "isolate_styles" in r.getMessage()]
    assert len(warnings) == 1 and "component(..., isolate_styles=...)" in warnings[0]


def test_instances_without_a_key_are_told_apart_by_their_data() -> None:
    at = AppTest.from_string(
        "import streamlit as st\n"
        "c = st.components.v2.component('c', html='<i>x</i>')\n"
        "c(data=1); c(data=2)\n"
    ).run()
    assert at.exception == []
    assert len({e.id for e in at.bidi_component}) == 2


def test_bytes_and_a_data_frame_as_data_go_as_bytes_as_streamlit_sends_them() -> None:
    """Streamlit's ``data``: bytes reach the module as a Uint8Array, a data frame as the bytes of an Arrow IPC stream
    (its ``arrow_data``); frames inside a mapping go as their records here (Streamlit's are Arrow JS tables)."""
    import base64

    import pyarrow as pa

    at = AppTest.from_string(
        "import pandas as pd\n"
        "from porch.streamlit.components.v2 import component\n"
        "c = component('c', html='<i>x</i>')\n"
        "df = pd.DataFrame({'n': [1, 2], 'name': ['Ada', 'Bo']})\n"
        "c(data=b'\\x00\\x01', key='b'); c(data=df, key='f'); c(data={'df': df}, key='m'); c(data=[1], key='j')\n"
    ).run()
    assert at.exception == [], at.exception
    raw, frame, mixed, plain = (element.props for element in at.bidi_component)
    assert (raw["data"], base64.b64decode(raw["data_bytes"])) == (None, b"\x00\x01")
    assert frame["data"] is None
    table = pa.ipc.open_stream(base64.b64decode(frame["data_bytes"])).read_all()
    assert table.column("n").to_pylist() == [1, 2] and table.column("name").to_pylist() == ["Ada", "Bo"]
    assert mixed["data"] == {"df": [{"n": 1, "name": "Ada"}, {"n": 2, "name": "Bo"}]} and mixed["data_bytes"] is None
    assert (plain["data"], plain["data_bytes"]) == ([1], None)


def test_instances_without_a_key_are_told_apart_by_their_bytes() -> None:
    at = AppTest.from_string(
        "from porch.streamlit.components.v2 import component\n"
        "c = component('c', html='<i>x</i>')\n"
        "c(data=b'a'); c(data=b'b')\n"
    ).run()
    assert at.exception == []
    assert len({e.id for e in at.bidi_component}) == 2


BYTES_AND_CLEANUP = '''
import porch as st
from porch.streamlit.components.v2 import component

JS = """
export default function({ data, parentElement }) {
    parentElement.querySelector("b").textContent =
        `${data instanceof Uint8Array ? "Uint8Array" : typeof data} of ${data.length}`;
    document.body.dataset.drawn = String(Number(document.body.dataset.drawn ?? 0) + 1);
    return () => { document.body.dataset.cleaned = String(Number(document.body.dataset.cleaned ?? 0) + 1); };
}
"""
shown = component("shown", html="<b>waiting</b>", js=JS)
if not st.session_state.get("hide"):
    shown(data=bytes(range(5)), key="s")
st.checkbox("Hide", key="hide")
'''


@pytest.mark.browser
def test_bytes_reach_the_module_and_its_cleanup_runs_when_the_element_leaves_the_page(context: Any) -> None:
    from playwright.sync_api import expect

    from engine_harness import running_engine

    with running_engine(BYTES_AND_CLEANUP) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator(".bidi-component b")).to_have_text("Uint8Array of 5")
        expect(page.locator("body")).to_have_attribute("data-drawn", "1")
        assert page.locator("body").get_attribute("data-cleaned") is None
        page.get_by_role("checkbox", name="Hide").check()
        expect(page.locator(".bidi-component")).to_have_count(0)
        expect(page.locator("body")).to_have_attribute("data-cleaned", "1")  # as Streamlit's unmount runs it
        page.get_by_role("checkbox", name="Hide").uncheck()
        expect(page.locator(".bidi-component b")).to_have_text("Uint8Array of 5")
        expect(page.locator("body")).to_have_attribute("data-drawn", "2")
        assert page.locator("body").get_attribute("data-cleaned") == "1"


SCRIPTED = '''
import porch as st
from porch.streamlit.components.v2 import component

HTML = """<b id="out">waiting</b>
<script>document.body.dataset.inline = (document.body.dataset.inline ?? "") + "ran";</script>
<script type="application/json" id="config">{"colour": "green"}</script>
<script type="module">document.body.dataset.module = "ran";</script>
"""
JS = """
export default function({ parentElement, data }) {
    const config = JSON.parse(parentElement.querySelector("#config").textContent);
    parentElement.querySelector("#out").textContent =
        `module after ${document.body.dataset.inline} with ${config.colour}, n=${data}`;
}
"""
scripted = component("scripted", html=HTML, js=JS)
scripted(key="s", data=st.session_state.get("n", 0))
st.button("Again", on_click=lambda: st.session_state.update(n=st.session_state.get("n", 0) + 1))
'''


def test_the_inline_scripts_of_the_html_are_served_from_the_app() -> None:
    at = AppTest.from_string(SCRIPTED).run()
    assert at.exception == [], at.exception
    scripts = at.bidi_component[0].props["scripts"]
    assert list(scripts) == [
        'document.body.dataset.inline = (document.body.dataset.inline ?? "") + "ran";',
        'document.body.dataset.module = "ran";',
    ], "the data block is not a script the browser runs"
    for text, url in scripts.items():
        media = at.media(url)
        assert media.content_type.startswith("text/javascript") and media.data == text.encode()


@pytest.mark.browser
def test_the_scripts_of_the_html_run_before_the_module_as_in_streamlit(context: Any) -> None:
    from playwright.sync_api import expect

    from engine_harness import running_engine

    with running_engine(SCRIPTED) as server:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.url)
        expect(page.locator("#out")).to_have_text("module after ran with green, n=0")
        expect(page.locator("body")).to_have_attribute("data-module", "ran")
        page.get_by_role("button", name="Again").click()  # a redraw with the same HTML runs the module only
        expect(page.locator("#out")).to_have_text("module after ran with green, n=1")
        assert not errors, errors


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package installed as pip installs a wheel (a dist-info beside it) that ships the pyproject.toml declaring
    its v2 component ``clock`` with an asset folder, as Streamlit's component template makes one."""
    from porch.component_assets import asset_root

    site = tmp_path / "site"
    package = site / "porch_test_clock"
    (package / "frontend" / "assets").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "pyproject.toml").write_text(
        '[project]\nname = "porch-test-clock"\nversion = "1.0"\n'
        '[tool.streamlit.component]\ncomponents = [{ name = "clock", asset_dir = "frontend" }]\n'
    )
    (package / "frontend" / "assets" / "index-3f2a.js").write_text(
        "export default function({ parentElement }) {\n"
        '    parentElement.querySelector("b").textContent = "tick from the package";\n}\n'
    )
    (package / "frontend" / "style.css").write_text("b { color: rgb(0, 128, 0); }\n")
    (package / "frontend" / "other-1.js").write_text("")
    (package / "frontend" / "other-2.js").write_text("")
    dist = site / "porch_test_clock-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: porch-test-clock\nVersion: 1.0\n")
    (dist / "RECORD").write_text(
        "porch_test_clock/__init__.py,,\nporch_test_clock/pyproject.toml,,\nporch_test_clock-1.0.dist-info/RECORD,,\n"
    )
    monkeypatch.syspath_prepend(str(site))
    asset_root.cache_clear()
    return package


CLOCK = """
import streamlit as st
clock = st.components.v2.component(
    "porch-test-clock.clock", html="<b>waiting</b>", css="style.css", js="assets/index-*.js"
)
clock(key="c")
"""


def test_a_package_s_component_names_files_of_its_asset_dir(installed: Path) -> None:
    from porch.components import REGISTRY

    at = AppTest.from_string(CLOCK).run()
    assert at.exception == [], at.exception
    props = at.bidi_component[0].props
    base = "_porch/component/v2%3Aporch-test-clock.clock/"
    assert (props["js"], props["css_url"], props["css"]) == (base + "assets/index-3f2a.js", base + "style.css", None)
    assert REGISTRY.file("v2:porch-test-clock.clock", "assets/index-3f2a.js") == str(
        (installed / "frontend" / "assets" / "index-3f2a.js").resolve()
    )


@pytest.mark.parametrize(
    "call, message",
    [
        ('component("porch-test-clock.clock", js="missing-*.js")', "no file of the component's asset_dir"),
        ('component("porch-test-clock.clock", js="other-*.js")', "matches 2 files"),
        ('component("porch-test-clock.clock", css="../pyproject.css")', "without '..'"),
        ('component("porch-test-clock.nothing", js="index.js")', "no installed package declares"),
        ('component("nobody.clock", js="assets/index-*.js")', "no installed package declares"),
    ],
)
def test_asset_files_that_cannot_be_served_are_clear_errors(installed: Path, call: str, message: str) -> None:
    at = AppTest.from_string(f"from porch.streamlit.components.v2 import component\n{call}\n").run()
    assert message in at.exception[0].message


@pytest.mark.browser
def test_the_page_loads_a_package_s_module_and_stylesheet_from_its_asset_dir(context: Any, installed: Path) -> None:
    from playwright.sync_api import expect

    from engine_harness import running_engine

    with running_engine(CLOCK) as server:
        page = context.new_page()
        page.goto(server.url)
        clock = page.locator(".bidi-component b")
        expect(clock).to_have_text("tick from the package")
        expect(clock).to_have_css("color", "rgb(0, 128, 0)")


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
