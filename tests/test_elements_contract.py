"""One name per element across the layers (../shared/design/elements.md), checked so that no list is kept by hand.

The kinds are the modules of ``porch.elements``. Each has a client module (``webui/elements/<kind>.js``) whose JSDoc
``Props`` typedef names the same keys as the Python ``Props``, a test file, a row in docs/protocol.md and an AppTest
accessor; the props a run actually sends are exactly its ``Props``. ``Container``, ``porch.*`` and ``__all__`` list the
same element names, each one of Streamlit's.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

import porch
from porch import elements, protocol
from porch.api import public
from porch.api.container import Container
from porch.elements._place import WidgetProps
from porch.testing import AppTest
from porch.testing.elements import SELECTORS
from support import REPO

KINDS = elements.KINDS
WEBUI = REPO / "webui" / "elements"
STREAMLIT = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())["names"]
#: Public names that are not element functions of a container.
NOT_ELEMENTS = {
    "Container", "DuplicateWidgetError", "PorchAPIError", "UploadedFile", "__version__", "rerun", "runtime",
    "session_state", "set_page_config", "sidebar", "stop", "logo", "cache_data", "cache_resource", "secrets",
    "dialog", "query_params", "context", "set_option", "get_option", "fragment", "column_config", "bottom",
    "navigation", "Page", "switch_page", "login", "logout", "user", "connection", "App",
}
#: Block kinds opened only by another element, and tested in its file: a column by columns, a tab by tabs, a grid's
#: cell by grid; and the menu of pages, shown by porch.navigation (tests/test_api_navigation.py).
OPENED_BY_ANOTHER = {
    "column": "columns", "tab": "tabs", "grid_cell": "grid", "navigation": "api_navigation",
}


def props_keys(kind: str) -> set[str]:
    props = KINDS[kind].Props
    return set(props.__required_keys__ | props.__optional_keys__)


def own_keys(kind: str) -> set[str]:
    """The keys a kind adds to those every widget has (all its keys for other elements)."""
    common = set(WidgetProps.__required_keys__)
    keys = props_keys(kind)
    return keys - common if common <= keys else keys


def client_props_keys(kind: str) -> set[str] | None:
    """The keys of the object type in ``@typedef {...} Props``: a widget's after ``WidgetProps<...> &``."""
    source = (WEBUI / f"{kind}.js").read_text(encoding="utf-8")
    end = re.search(r"\} Props\b", source)
    if end is None:
        return None
    start = source.rfind("@typedef {", 0, end.start())
    own = re.sub(r"\n\s*\*", " ", source[start + len("@typedef {") : end.start()]).split("&")[-1].strip()
    if not (own.startswith("{") and own.endswith("}")):
        return None
    inner = own[1:-1]
    while re.search(r"\{[^{}]*\}", inner):
        inner = re.sub(r"\{[^{}]*\}", "", inner)
    return set(re.findall(r"(\w+)\??:", inner))


def test_every_kind_has_a_client_module_tests_and_a_protocol_row() -> None:
    client = {p.stem for p in WEBUI.glob("*.js")}
    assert set(KINDS) == client, "porch.elements and webui/elements must hold the same kinds"
    tested = {p.stem.removeprefix("test_") for p in (REPO / "tests" / "elements").glob("test_*.py")}
    assert set(KINDS) - tested - set(OPENED_BY_ANOTHER) == set(), "kinds without tests/elements/test_<kind>.py"
    for kind, opener in OPENED_BY_ANOTHER.items():
        folder = REPO / "tests" / ("elements" if opener in KINDS else "")
        assert f'"{kind}"' in (folder / f"test_{opener}.py").read_text(encoding="utf-8"), f"{kind} is not tested"
    rows = set(re.findall(r"^\| `(\w+)` \|", (REPO / "docs" / "protocol.md").read_text(encoding="utf-8"), re.M))
    assert set(KINDS) - rows == set(), "kinds without a row in docs/protocol.md"
    assert protocol.BLOCK_KINDS <= set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_client_props_typedef_matches_the_python_props(kind: str) -> None:
    assert hasattr(KINDS[kind], "Props"), f"porch.elements.{kind} has no Props TypedDict"
    assert client_props_keys(kind) == own_keys(kind), f"webui/elements/{kind}.js: @typedef Props keys"


def test_every_kind_shown_is_in_its_apptest_list() -> None:
    """A new kind needs no AppTest entry: ``at.<kind>`` lists its nodes (SELECTORS names only the other lists)."""
    at = AppTest.from_string(SHOWCASE).run()
    listed = [kinds if isinstance(kinds, tuple) else (kinds,) for kinds, _ in SELECTORS.values()]
    assert all(kind in KINDS for kinds in listed for kind in kinds)
    for kind in set(KINDS) - {"spinner"}:  # a spinner is gone once its block ends
        assert len(getattr(at, kind)) > 0 or len(getattr(at.sidebar, kind)) > 0, f"at.{kind} finds nothing"


SHOWCASE = '''
import porch as st

class Html:
    def _repr_html_(self):
        return "<b>hi</b>"

st.title("T"); st.header("H"); st.markdown("m"); st.caption("c"); st.text("t"); st.code("x = 1")
st.json({"a": 1}); st.divider(); st.badge("b"); st.info("i"); st.exception(ValueError("e")); st.progress(5)
with st.spinner("wait"):
    pass
st.empty(); st.write("a", {"b": 1}, Html(), unsafe_allow_html=True)
st.image(b"<svg xmlns='http://www.w3.org/2000/svg'/>"); st.audio(b"RIFF"); st.video(b"\\0\\0")
st.button("b"); st.checkbox("c"); st.toggle("t"); st.radio("r", [1, 2]); st.selectbox("s", [1, 2])
st.multiselect("m", [1, 2]); st.slider("sl"); st.select_slider("ss", [1, 2]); st.number_input("n")
st.text_input("ti"); st.text_area("ta"); st.file_uploader("f"); st.download_button("d", b"x")
st.camera_input("ci"); st.audio_input("ai")
st.color_picker("cp"); st.link_button("lb", "https://example.org"); st.link_button("lr", "/", on_click="rerun")
st.pills("p", [1, 2]); st.segmented_control("sc", [1, 2])
st.feedback(); st.pagination(3); st.menu_button("mb", ["a"]); st.pdf(b"%PDF"); st.skeleton()
st.chat_message("user").write("hi"); st.chat_input("say")
st.date_input("di"); st.time_input("tm"); st.datetime_input("dti")
st.latex("x")
st.dataframe([[1, "a"]]); st.dataframe([[2]], on_select="rerun"); st.table({"x": [1]})
st.data_editor({"x": [1, 2]}, num_rows="dynamic")
st.line_chart({"y": [1, 2]}); st.vega_lite_chart({"mark": "point", "params": [{"name": "p", "select": "point"}]}, on_select="rerun")
st.graphviz_chart("digraph { a -> b }")
st.mermaid_chart("graph LR\\n  a --> b"); st.echarts_chart({"series": [{"type": "bar", "data": [1]}]})
st.echarts_chart({"series": [{"type": "bar", "data": [2], "selectedMode": True}]}, on_select="rerun")
st.map({"lat": [1.0], "lon": [2.0]}); st.pydeck_chart()
st.plotly_chart({"data": [{"y": [1, 2]}]}); st.plotly_chart([{"type": "bar", "y": [3]}], on_select="rerun")
st.iframe("https://example.org"); st.space("medium"); st.help(st.badge); st.html("<b>b</b>")
st.metric("m", 1, 2); st.toast("t"); st.balloons(); st.snow()
from porch.streamlit.components.v1 import declare_component
declare_component("c", url="http://localhost:3001")(name="x")
from porch.streamlit.components.v2 import component
component("c2", html="<b>x</b>", js="export default () => {}")(data={"a": 1}, on_clicked_change=lambda: None)
with st.container():
    a, b = st.columns(2)
    t, = st.tabs(["one"])
    with st.expander("e"):
        with st.form("f"):
            st.form_submit_button()
with st.popover("p"):
    with st.status("s"):
        pass
st.grid(2).cell().write("cell")
st.navigation([st.Page(lambda: None, title="One", url_path="one"), st.Page(lambda: None, title="Two", url_path="two")])
st.page_link("https://example.org", label="Example")

@st.dialog("d")
def d():
    pass

d()
'''


def defaults_of(kind: str, element: dict[str, Any]) -> set[str]:
    """The props ``element`` may leave off: its kind's ``DEFAULTS``, and every widget's if it is one."""
    widget = "id" in element and kind not in protocol.BLOCK_KINDS
    return set(getattr(KINDS[kind], "DEFAULTS", {})) | (set(protocol.WIDGET_DEFAULTS) if widget else set())


def test_every_element_a_run_sends_carries_its_props_less_those_at_their_defaults() -> None:
    at = AppTest.from_string(SHOWCASE).run()
    assert at.run_status == "ok", at.exception
    sent: set[str] = set()
    for message in at.messages:
        if message["type"] == "delta":
            element = message["element"]
            kind = element["kind"]
            sent.add(kind)
            keys, expected = set(element["props"]), props_keys(kind)
            assert keys <= expected, f"{kind}: props sent {keys - expected} are not in its Props"
            sometimes = set(KINDS[kind].Props.__optional_keys__)  # NotRequired: carried only at times
            left_off = expected - keys - sometimes
            assert left_off <= defaults_of(kind, element), f"{kind}: props left off {left_off}"
    assert sent == set(KINDS), "the showcase must show every kind"
    nodes = list(at._client.tree.roots)
    while nodes:
        node = nodes.pop()
        nodes.extend(node.children)
        if node.kind != "root":
            sometimes = set(KINDS[node.kind].Props.__optional_keys__)
            assert set(node.props) - sometimes == props_keys(node.kind) - sometimes, (
                f"{node.kind}: AppTest's props differ from its Props"
            )


def client_defaults(kind: str) -> dict[str, Any] | None:
    """The object ``webui/elements/<kind>.js`` exports as ``defaults`` (written as JSON), or None."""
    found = re.search(r"export const defaults = (\{.*?\});", (WEBUI / f"{kind}.js").read_text(encoding="utf-8"), re.S)
    return None if found is None else dict(json.loads(found[1]))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_client_module_puts_back_the_defaults_the_server_leaves_off(kind: str) -> None:
    own = getattr(KINDS[kind], "DEFAULTS", None)
    assert client_defaults(kind) == (None if own is None else dict(own)), f"webui/elements/{kind}.js: defaults"
    assert set(own or {}) <= props_keys(kind), f"{kind}: DEFAULTS names props it does not have"


def test_container_the_module_and_all_list_the_same_elements_each_one_of_streamlits() -> None:
    methods = {name for name in vars(Container) if not name.startswith("_")}
    module = {name for name in dir(public) if not name.startswith("_")} - NOT_ELEMENTS
    assert methods == module, "api/public.py must name every Container element, and nothing else"
    assert set(porch.__all__) == methods | NOT_ELEMENTS
    assert {f"st.{name}" for name in methods} - set(STREAMLIT) == set(), "element names that Streamlit lacks"


def test_each_element_method_has_a_docstring_a_user_reads() -> None:
    for name in vars(Container):
        if not name.startswith("_"):
            doc = getattr(Container, name).__doc__
            assert doc and len(doc.split()) >= 5, f"porch.{name} needs a docstring"


def test_kinds_are_derived_from_the_modules() -> None:
    assert set(KINDS) == {p.stem for p in Path(elements.__file__).parent.glob("*.py") if not p.stem.startswith("_")}
    assert all(module.__name__ == f"porch.elements.{kind}" for kind, module in KINDS.items())



#: Set to write the derived blocks below instead of failing on them (after adding an element to Container).
UPDATE = os.environ.get("PORCH_UPDATE_REGISTRY") == "1"
CORE = Path(elements.__file__).parents[1]


def container_table() -> list[str]:
    """Container's body as ``porch.*`` lines for the type checker: its comments, and ``name = _main.name`` per
    element, under ``if _typing.TYPE_CHECKING:`` (at run time ``public.__getattr__`` reads each on first use)."""
    source = (CORE / "api" / "container.py").read_text(encoding="utf-8")
    body = source[source.index("class Container(Block):") :].split("\n\n\n")[0]
    lines = []
    for line in body.splitlines():
        if comment := re.fullmatch(r" {4}(# .+)", line):
            lines.append(f"    {comment[1]}")
        elif name := re.match(r" {4}(\w+)\b[^=]*= (?:method|element|elements|overloaded)\(", line):
            lines.append(f"    {name[1]} = _main.{name[1]}")
    return ["if _typing.TYPE_CHECKING:", *lines]


def check_or_write(path: Path, pattern: str, derived: str) -> None:
    """The part of ``path`` that ``pattern`` (one group) finds must read ``derived``; with UPDATE, make it so."""
    text = path.read_text(encoding="utf-8")
    found = re.search(pattern, text, re.S)
    assert found, f"{path}: no block matches {pattern!r}"
    if found[1] == derived:
        return
    if UPDATE:
        path.write_text(text[: found.start(1)] + derived + text[found.end(1) :], encoding="utf-8")
        return
    pytest.fail(f"{path.relative_to(REPO)} is not derived from its sources: run PORCH_UPDATE_REGISTRY=1 pytest {__file__}")


def test_the_registry_lists_are_derived_from_the_element_modules_and_container() -> None:
    """A new element is its two files and one line in Container: ``porch.elements``' list of kinds (and the type
    checker's imports of them) and ``porch.*``'s element functions are derived from the folder and from Container,
    written here when PORCH_UPDATE_REGISTRY=1."""
    modules = sorted(p.stem for p in (CORE / "elements").glob("*.py") if not p.stem.startswith("_"))
    check_or_write(
        CORE / "elements" / "__init__.py", r"\n    from \. import \(\n(.*?)    \)\n",
        "".join(f"        {m},\n" for m in modules),
    )
    check_or_write(
        CORE / "elements" / "__init__.py", r"\nKIND_NAMES: tuple\[str, \.\.\.\] = \(\n(.*?)\)\n",
        "".join(f'    "{m}",\n' for m in modules),
    )
    check_or_write(
        CORE / "api" / "public.py", r"edit Container, not these lines\.\n(.*)\Z", "\n".join(container_table()) + "\n"
    )


def test_props_at_their_defaults_stay_off_the_wire_and_apptest_sees_them_back() -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "st.text('plain')\n"
        "st.text('wide', width='stretch')\n"
        "st.json({'a': {'b': 1}}, expanded=1)\n"  # 1 is one level, not True: only a value of the default's class
        "st.button('Go')\n"
    ).run()
    sent = [m["element"] for m in at.messages if m["type"] == "delta"]
    assert [element["props"] for element in sent[:3]] == [
        {"body": "plain"}, {"body": "wide", "width": "stretch"}, {"value": {"a": {"b": 1}}, "expanded": 1}
    ]
    assert sent[3]["props"] == {"label": "Go", "value": None}
    assert at.text[0].props == {"body": "plain", "help": None, "width": "content", "text_alignment": "left", "wrap": True}
    assert at.json[0].props["expanded"] == 1 and at.button[0].props["disabled"] is False
