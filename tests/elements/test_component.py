"""``component``: custom components (``streamlit.components.v1.declare_component``), their files served by the app
(``_porch/component/<name>/...``), the value a frame sets reaching the script, and ``components.v1.html`` and
``iframe`` (the ``iframe`` element).

Values a frame sets travel as the widget's wire value: the tests send them raw (``support.send``), as a hostile or
stale browser tab could, and in Chromium through the tiny component of ``tests/apps/component``, which speaks
Streamlit's component protocol by hand."""

from __future__ import annotations

import base64
import http.client
import json
import os
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from engine_harness import EngineThread, ProtocolClient, running_engine
from porch.components import REGISTRY, ComponentRegistry, RefusedPath
from porch.protocol import MAX_STRING_VALUE
from porch.security import AccessPolicy
from porch.testing import AppTest
from support import REPO, bad_values, send

TINY = REPO / "tests" / "apps" / "component"
HEADER = "import streamlit as st\nimport streamlit.components.v1 as components\n"


def run(source: str) -> AppTest:
    return AppTest.from_string(HEADER + source).run()


COUNTER = f"""
tiny = components.declare_component("tiny", path={str(TINY)!r})
value = tiny(name="Ada", default={{"clicks": 0}}, key="counter")
st.write(f"clicks={{value['clicks']}}")
"""


def test_an_instance_shows_its_frame_with_its_args_and_returns_the_default_until_a_value_is_set() -> None:
    at = run(COUNTER)
    (component,) = at.component
    assert component.name.endswith(".tiny")
    assert component.props["src"] == f"_porch/component/{quote(component.name, safe='')}/index.html"
    assert component.args == {"name": "Ada", "default": {"clicks": 0}, "key": "counter"}, "default and key too"
    assert component.props["value"] is None and component.value == {"clicks": 0}
    assert component.key == "counter"
    assert at.markdown.values == ["clicks=0"]


def test_the_value_a_frame_sets_reruns_the_script_and_is_returned() -> None:
    at = run(COUNTER + "st.write(repr(st.session_state.counter))")
    send(at, {at.component[0].id: ["json", '{"clicks": 3}']})
    assert at.markdown.values == ["clicks=3", "{'clicks': 3}"]
    assert at.component[0].props["value"] == ["json", '{"clicks":3}']
    at.run()
    assert at.markdown.values[0] == "clicks=3", "the value is kept across reruns"
    at.component[0].set_value({"clicks": 7}).run()
    assert at.markdown.values[0] == "clicks=7"


def test_a_value_set_as_bytes_arrives_as_bytes_and_bytes_args_travel_apart() -> None:
    at = run('v = components.declare_component("b", url="http://localhost:3001")(data=b"\\x00\\x01", default=None)\n'
             "st.write(repr(v))")
    assert at.component[0].props["bytes_args"] == {"data": "AAE="}
    assert "data" not in at.component[0].args
    assert at.markdown.values == ["None"]
    send(at, {at.component[0].id: ["bytes", "AAEC"]})
    assert at.markdown.values == [repr(b"\x00\x01\x02")]


@pytest.mark.parametrize(
    "wire",
    [
        '{"clicks": 3}',  # JSON, but not in the [data type, text] pair
        ["json"],
        ["json", "NaN"],
        ["json", "[1, Infinity]"],
        ["json", "{not json"],
        ["json", "[" * 50_000 + "]" * 50_000],
        ["json", '"' + "x" * MAX_STRING_VALUE + '"'],
        ["bytes", "not base64!"],
        ["dataframe", "AAAA"],
        ["json", 1],
        5,
    ],
)
def test_values_that_do_not_fit_are_refused(wire: Any) -> None:
    at = run(COUNTER)
    send(at, {at.component[0].id: wire})
    assert len(bad_values(at)) == 1
    assert at.markdown.values == ["clicks=0"]
    assert not at.exception


# ---------------------------------------------------------------------------------------------------------------
# Data frames, as Arrow IPC streams (Streamlit's ``dfs`` and ``dataType: "dataframe"``).
# ---------------------------------------------------------------------------------------------------------------


def ipc(table: Any, compression: str | None = None) -> bytes:
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression=compression)
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def frame_wire(data: Any, index: Any = None, columns: Any = None, compression: str | None = None) -> list[str]:
    """A frame's value as component-lib's ``ArrowTable.serialize`` sends it: its data, index and columns tables."""
    import pyarrow as pa

    index = pa.table({"0": list(range(data.num_rows))}) if index is None else index
    columns = pa.table({"0": data.column_names}) if columns is None else columns
    return ["dataframe", *(b64(ipc(part, compression)) for part in (data, index, columns))]


FRAME_APP = """
import pandas as pd
c = components.declare_component("grid", url="http://localhost:3001")
v = c(key="g", default=None)
st.write(type(v).__name__)
if v is not None:
    st.write(repr(v.values.tolist()))
    st.write(repr(v.index.tolist()))
    st.write(repr(v.columns.tolist()))
"""


def test_a_data_frame_argument_reaches_the_frame_as_streamlits_arrow_streams() -> None:
    import pyarrow as pa

    at = run(
        "import pandas as pd\n"
        'df = pd.DataFrame({"n": [1, 2], "name": ["Ada", "Bo"]}, index=["r1", "r2"])\n'
        'components.declare_component("grid", url="http://localhost:3001")(data=df, title="T", default=df)\n'
    )
    (component,) = at.component
    assert component.args == {"title": "T", "key": None}, "frames are not JSON arguments"
    dfs = component.props["dfs"]
    assert [arg["key"] for arg in dfs] == ["data", "default"]
    data, index, columns = (pa.ipc.open_stream(base64.b64decode(dfs[0][part])).read_all()
                            for part in ("data", "index", "columns"))
    assert data.column("n").to_pylist() == [1, 2] and data.column("name").to_pylist() == ["Ada", "Bo"]
    assert data.schema.field("name").type == pa.string(), "standard-width text, which Arrow JS reads"
    assert data.column("__index_level_0__").to_pylist() == ["r1", "r2"], "pandas' own index goes as pandas writes it"
    assert index.column(0).to_pylist() == ["r1", "r2"] and columns.column(0).to_pylist() == ["n", "name"]


def test_frames_of_other_libraries_go_as_arrow_and_other_args_make_another_instance() -> None:
    at = run(
        "import numpy as np, polars as pl, pyarrow as pa\n"
        'c = components.declare_component("grid", url="http://localhost:3001")\n'
        'c(p=pl.DataFrame({"a": [1]}), t=pa.table({"b": [2.5]}), n=np.arange(3), rows=[[1, 2]])\n'
        'c(p=pl.DataFrame({"a": [2]}))\n'
    )
    first, second = at.component
    assert [arg["key"] for arg in first.props["dfs"]] == ["p", "t", "n"]
    assert first.args["rows"] == [[1, 2]], "a list stays JSON, as in Streamlit"
    assert first.id != second.id


#: A Styler with display formats, a cell's colour, table styles and a caption (Streamlit 1.67 sends it as the styler
#: asserted below: checked against its own ``component_arrow.marshall``).
STYLED = (
    "import pandas as pd\n"
    'df = pd.DataFrame({"n": [1.5, -2.0], "name": ["Ada", "Bo"]}, index=["r1", "r2"])\n'
    'styled = (df.style.format({"n": "{:.1f} kg"})\n'
    '    .map(lambda v: "color: red" if isinstance(v, float) and v < 0 else "", subset=["n"])\n'
    '    .set_caption("Weights").set_uuid("w1")\n'
    '    .set_table_styles([{"selector": "th", "props": [("font-weight", "bold")]}]))\n'
)
STYLED_CSS = "#T_w1 th { font-weight: bold }\n#T_w1_row1_col0 { color: red }"


def test_a_styler_argument_goes_with_its_styles_and_display_values_as_streamlit_sends_it() -> None:
    import pyarrow as pa

    at = run(STYLED + 'components.declare_component("grid", url="http://localhost:3001")(data=styled, plain=df)\n')
    styled, plain = at.component[0].props["dfs"]
    assert "styler" not in plain, "a plain frame has no styler, as in Streamlit"
    data = pa.ipc.open_stream(base64.b64decode(styled["data"])).read_all()
    assert data.column("n").to_pylist() == [1.5, -2.0], "the data are the Styler's data"
    styler = styled["styler"]
    assert {name: styler[name] for name in ("uuid", "caption", "styles")} == {
        "uuid": "w1", "caption": "Weights", "styles": STYLED_CSS,
    }
    shown = pa.ipc.open_stream(base64.b64decode(styler["display_values"])).read_all()
    assert shown.to_pydict() == {"n": ["1.5 kg", "-2.0 kg"], "name": ["Ada", "Bo"], "__index_level_0__": ["r1", "r2"]}
    assert shown.schema.field("n").type == pa.string(), "standard-width text, which Arrow JS reads"


def test_a_styler_without_styles_or_caption_gets_a_uuid_and_one_beyond_pandas_limit_is_refused() -> None:
    at = run(
        "import pandas as pd\n"
        'df = pd.DataFrame({"a": [1, 2, 3], "b": [4, 5, 6]})\n'
        'c = components.declare_component("grid", url="http://localhost:3001")\n'
        "c(data=df.style, key='plain')\n"
        'with pd.option_context("styler.render.max_elements", 5):\n'
        "    c(data=df.style, key='big')\n"
    )
    (arg,) = at.component[0].props["dfs"]
    assert arg["styler"]["caption"] == "" and arg["styler"]["styles"] == ""
    assert len(arg["styler"]["uuid"]) == 5, "pandas' own uuid, as Streamlit keeps it"
    message = at.exception[0].message
    assert "has `6` cells" in message and "`5`" in message
    assert 'pd.set_option("styler.render.max_elements", 6)' in message, "it says how to raise the limit"


def test_a_data_frame_the_frame_sets_comes_back_as_a_dataframe() -> None:
    import pyarrow as pa

    at = run(FRAME_APP)
    assert at.markdown.values == ["NoneType"]
    table = pa.table({"x": [1, 2], "y": ["a", "b"]})
    send(at, {"k:g": frame_wire(table, columns=pa.table({"0": ["x", "y"]}))})
    assert not bad_values(at)
    # Built as Streamlit's arrow_proto_to_dataframe builds it: index and column labels are tuples of their levels.
    assert at.markdown.values == ["DataFrame", "[[1, 'a'], [2, 'b']]", "[(0,), (1,)]", "[('x',), ('y',)]"]
    frame = at.component[0].value
    at.component[0].set_value(frame).run()
    assert at.markdown.values[1] == "[[1, 'a'], [2, 'b']]", "a frame set by a test goes the same way"


def _null_rows() -> list[str]:
    import pyarrow as pa

    return frame_wire(pa.table({"n": pa.nulls(5_000_000)}), index=pa.table({"0": [0]}))


def _run_ends() -> list[str]:
    import pyarrow as pa

    column = pa.RunEndEncodedArray.from_arrays(pa.array([1_000_000], pa.int32()), pa.array([7]))
    return frame_wire(pa.table({"r": column}), index=pa.table({"0": [0]}))


def _compressed() -> list[str]:
    import pyarrow as pa

    return frame_wire(pa.table({"z": pa.array([0] * 1000)}), compression="zstd")


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda: ["dataframe", "not base64!", "", ""], "not base64"),
        (lambda: ["dataframe", b64(b"not arrow"), b64(b""), b64(b"")], "not an Arrow IPC stream"),
        (_compressed, "is compressed"),
        (_null_rows, "values in"),
        (_run_ends, "is not read from a client"),
        (lambda: ["dataframe", "A" * (MAX_STRING_VALUE + 4), "", ""], "at most"),
    ],
)
def test_hostile_data_frames_are_refused_with_the_reason(make: Any, reason: str) -> None:
    at = run(FRAME_APP)
    send(at, {"k:g": make()})
    refused = at.component[0].props["refused"]
    assert refused["message"].startswith("a component's data frame value was refused") and reason in refused["message"]
    assert at.markdown.values == ["NoneType"] and not at.exception


def test_instances_without_a_key_are_told_apart_by_their_args() -> None:
    at = run(
        'c = components.declare_component("c", url="http://localhost:3001")\n'
        'a = c(name="a", default="-")\nb = c(name="b", default="-")\nst.write(a + b)'
    )
    first, second = at.component
    assert first.id != second.id
    send(at, {second.id: ["json", '"B"']})
    assert at.markdown.values == ["-B"]


def test_a_key_keeps_the_value_when_the_args_change() -> None:
    at = run(
        'n = st.session_state.get("n", 0)\n'
        'v = components.declare_component("c", url="http://localhost:3001")(n=n, key="k")\nst.write(repr(v))'
    )
    send(at, {"k:k": ["json", "1"]})
    at.session_state["n"] = 5
    at.run()
    assert at.component[0].args["n"] == 5
    assert at.markdown.values == ["1"]


def test_on_change_is_called_before_the_rerun_and_forms_hold_the_value() -> None:
    at = run(
        "def changed():\n    st.session_state.seen = st.session_state.k\n"
        'components.declare_component("c", url="http://localhost:3001")(key="k", on_change=changed)\n'
        'st.write(repr(st.session_state.get("seen")))'
    )
    send(at, {"k:k": ["json", "[1, 2]"]})
    assert at.markdown.values == ["[1, 2]"]
    at = run('with st.form("f"):\n    components.declare_component("c", url="http://x.test")(key="k")\n'
             "    st.form_submit_button()")
    assert at.component[0].props["form"] == "f"


def test_an_app_with_a_component_runs_under_apptest_from_a_file(tmp_path: Path) -> None:
    script = tmp_path / "my_app.py"
    script.write_text(HEADER + f'st.write(components.declare_component("tiny", path={str(TINY)!r}).name)\n')
    at = AppTest.from_file(str(script)).run()
    assert at.markdown.values == ["my_app.tiny"], "the script counts as a module named after its file"
    assert REGISTRY.folder("my_app.tiny") == str(TINY)


@pytest.mark.parametrize(
    "call, message",
    [
        ('c("x")', "Argument 'x' needs a label"),
        ("c(value=object())", "must be JSON values, bytes or data frames"),
        ('c(value=float("nan"))', "must be JSON values, bytes or data frames"),
        ("c(tab_index=-2)", "tab_index"),
        ('c(on_change="ignore")', "on_change"),
        ('components.declare_component("none")', "Either 'path' or 'url' must be set"),
        ('components.declare_component("js", url="javascript:alert(1)")()', "http or https URL"),
    ],
)
def test_calls_that_cannot_work_are_clear_errors(call: str, message: str) -> None:
    at = run(f'c = components.declare_component("c", url="http://localhost:3001")\n{call}')
    assert message in at.exception[0].message
    assert not at.component


def test_a_component_declared_with_a_url_loads_from_there_and_marshall_errors_are_streamlits() -> None:
    at = run(
        "from streamlit.components.v1 import MarshallComponentException\n"
        'c = components.declare_component("dev", url="http://localhost:3001")\n'
        "c(tab_index=0)\n"
        "try:\n    c(1)\nexcept MarshallComponentException:\n    st.write('marshall')\n"
    )
    assert at.component[0].props["src"] == "http://localhost:3001"
    assert at.component[0].props["tab_index"] == 0
    assert at.markdown.values == ["marshall"]


def test_the_modules_published_components_import_and_st_components_after_a_bare_import() -> None:
    at = AppTest.from_string(
        "import streamlit as st\n"
        "from streamlit.components.v1.components import CustomComponent, declare_component\n"
        "from streamlit.components.v1.custom_component import MarshallComponentException\n"
        'c = st.components.v1.declare_component("c", url="http://x.test")\n'
        "st.write(isinstance(c, CustomComponent))\n"
        'st.components.v1.html("<p>x</p>")\n'
    ).run()
    assert at.markdown.rendered_texts == ["True"]
    assert len(at.iframe) == 1


def test_html_and_iframe_show_the_iframe_element() -> None:
    at = run(
        'components.html("<p>hi</p><script>1</script>", height=80, tab_index=-1)\n'
        'components.html("<p>scroll</p>", width=300, scrolling=True)\n'
        'components.iframe("https://example.org", height=200)\n'
    )
    first, second, third = at.iframe
    assert first.props["served"] is True and first.props["height"] == 80 and first.props["width"] == "stretch"
    assert first.props["tab_index"] == -1
    document = at.media(first.props["src"]).read().decode()
    assert "<p>hi</p><script>1</script>" in document and "overflow:hidden" in document, "scrolling=False cuts off"
    assert "overflow:hidden" not in at.media(second.props["src"]).read().decode()
    assert (second.props["width"], second.props["height"]) == (300, 150), "150 pixels high by default, as Streamlit"
    assert third.props == {"src": "https://example.org", "served": False, "width": "stretch", "height": 200,
                           "tab_index": None, "alt": None, "scrolling": False}
    at = run('components.iframe("javascript:alert(1)")')
    assert at.exception


# ---------------------------------------------------------------------------------------------------------------
# The files of a component, over HTTP.
# ---------------------------------------------------------------------------------------------------------------


def fetch(server: EngineThread, url: str, **headers: str) -> tuple[int, Message, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        target = urlsplit(server.url).path + url
        connection.request("GET", target, headers={name.replace("_", "-"): v for name, v in headers.items()})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def component_src(client: ProtocolClient) -> str:
    return component_srcs(client)[0]


def component_srcs(client: ProtocolClient) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if child.kind == "component":
                found.append(child.props["src"])
            walk(child)

    for root in client.view.tree.roots:
        walk(root)
    return found


def test_the_hidden_custom_component_base_url_path_is_where_components_without_a_url_load_from(
    tmp_path: Path,
) -> None:
    """Streamlit's hidden ``server.customComponentBaseUrlPath`` (from the app's ``.streamlit/config.toml``, as
    Streamlit reads it): a component declared without a url loads from ``<that>/<its full name>/`` (its folder is
    then not served), as in Streamlit; a url given still wins. The launch does not call it "not applied"."""
    from porch.shell import settings as launch_settings
    from porch.shell.serve import engine_config

    script = tmp_path / "based_app.py"
    script.write_text(
        HEADER
        + f'components.declare_component("web", path={str(TINY)!r})()\n'
        + 'components.declare_component("dev", url="http://localhost:3001")()\n'
    )
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text(
        '[server]\ncustomComponentBaseUrlPath = "https://cdn.test/components"\n[browser]\ngatherUsageStats = false\n'
    )
    settings = launch_settings.load(tmp_path, {}, environ={})
    assert any("browser.gatherUsageStats" in notice for notice in settings.notices), "one of no use in Porch is noted"
    assert not any("customComponentBaseUrlPath" in notice for notice in settings.notices), "applied, so not noted"
    options = engine_config(settings).streamlit_options
    with running_engine(path=script, streamlit_options=options) as server:
        client = ProtocolClient(server.ws_url)
        assert client.until_finished()["status"] == "ok", client.texts()
        assert component_srcs(client) == ["https://cdn.test/components/based_app.web/", "http://localhost:3001"]
        assert REGISTRY.folder("based_app.web") is None, "the url wins over the folder, whose files are not served"
    with running_engine(path=script) as server:
        client = ProtocolClient(server.ws_url)
        assert client.until_finished()["status"] == "ok", client.texts()
        assert component_srcs(client)[0] == "_porch/component/based_app.web/index.html", "unset: the folder's files"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A component folder with a file in a sub-folder, a hidden file, and links out of it and to the hidden file."""
    root = tmp_path / "frontend"
    (root / "sub").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><p>component</p>")
    (root / "sub" / "main.js").write_text("export {};")
    (root / ".env").write_text("SECRET")
    (tmp_path / "outside.txt").write_text("outside")
    os.symlink(tmp_path / "outside.txt", root / "out.txt")
    os.symlink(root / ".env", root / "env.txt")
    os.symlink(root / "sub" / "main.js", root / "inside.js")
    return root


def test_the_files_of_a_component_are_served_with_their_type_and_revalidated(folder: Path) -> None:
    source = f'{HEADER}components.declare_component("web", path={str(folder)!r})()\n'
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        src = component_src(client)
        assert src.startswith("_porch/component/") and src.endswith("/index.html")
        status, headers, body = fetch(server, src)
        assert (status, body) == (200, b"<!doctype html><p>component</p>")
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-cache"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert fetch(server, src, If_None_Match=headers["ETag"])[0] == 304
        base = src.removesuffix("index.html")
        status, headers, body = fetch(server, base + "sub/main.js")
        assert (status, headers["Content-Type"], body) == (200, "text/javascript; charset=utf-8", b"export {};")
        assert fetch(server, base + "inside.js")[0] == 200, "a link that stays inside the folder is followed"


@pytest.mark.parametrize(
    "path, status",
    [
        ("../outside.txt", 403),
        ("%2e%2e/outside.txt", 403),
        ("sub/%2e%2e/%2e%2e/outside.txt", 403),
        ("sub/..%2f..%2foutside.txt", 403),
        (".env", 403),
        ("sub/../.env", 403),
        ("env.txt", 403),
        ("out.txt", 403),
        ("%2fetc%2fpasswd", 403),
        ("..%5c..%5coutside.txt", 403),
        ("sub//main.js", 403),
        ("missing.js", 404),
        ("sub", 404),
    ],
)
def test_nothing_outside_the_folder_nor_hidden_is_served(folder: Path, path: str, status: int) -> None:
    source = f'{HEADER}components.declare_component("web", path={str(folder)!r})()\n'
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        base = component_src(client).removesuffix("index.html")
        code, _, body = fetch(server, base + path)
        assert code == status, path
        assert b"SECRET" not in body and b"outside" not in body


def test_an_unknown_component_is_not_found_and_every_request_passes_the_access_checks(folder: Path) -> None:
    REGISTRY.register("tests.guarded", folder)
    with running_engine("", access=AccessPolicy(token="s3cret", loopback_only=True)) as server:
        assert fetch(server, "_porch/component/tests.guarded/index.html")[0] == 403
        assert fetch(server, "_porch/component/tests.guarded/index.html", Cookie="porch_token=wrong")[0] == 403
        assert fetch(server, "_porch/component/tests.guarded/index.html", Cookie="porch_token=s3cret")[0] == 200
        assert fetch(server, "_porch/component/tests.unknown/index.html", Cookie="porch_token=s3cret")[0] == 404
        assert fetch(server, "_porch/component/tests.unknown/index.html")[0] == 403, "no probing without the secret"


def test_the_registry_refuses_before_it_looks(tmp_path: Path) -> None:
    registry = ComponentRegistry()
    assert registry.file("nothing", "index.html") is None
    registry.register("c", tmp_path)
    with pytest.raises(RefusedPath):
        registry.file("c", "../../../etc/passwd")
    with pytest.raises(RefusedPath):
        registry.file("c", "a\\..\\b")
    assert registry.file("c", "missing.html") is None


# ---------------------------------------------------------------------------------------------------------------
# In Chromium.
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_component_renders_its_args_and_a_click_in_its_frame_reaches_the_script(context: Any) -> None:
    with running_engine("import porch as st\n" + HEADER + COUNTER) as server:
        page = context.new_page()
        warnings: list[str] = []
        page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
        page.goto(server.url)
        expect(page.get_by_text("clicks=0")).to_be_visible()
        frame = page.frame_locator("iframe.component-frame")
        expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")
        expect(frame.locator("#theme")).to_contain_text("theme light #")
        page_url = urlsplit(page.url)
        app_url = f"{page_url.scheme}://{page_url.netloc}{page_url.path}"
        expect(frame.locator("#app-url")).to_have_text(f"app {app_url}")  # Streamlit's ?streamlitUrl=
        assert page.get_attribute("iframe.component-frame", "sandbox") == (
            "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads"
        )
        frame.locator("#click").click()
        expect(page.get_by_text("clicks=1")).to_be_visible()
        expect(page.locator("iframe.component-frame")).to_have_css("height", "121px")
        frame.locator("#click").click()
        expect(page.get_by_text("clicks=2")).to_be_visible()
        # A malformed message, and one from the page itself posing as the frame: dropped, the page goes on.
        page.evaluate("""() => {
            const frame = document.querySelector("iframe.component-frame");
            frame.contentWindow.eval(`parent.postMessage({isStreamlitMessage: true, type: "streamlit:setFrameHeight",
                height: "tall"}, "*"); parent.postMessage("junk", "*")`);
            window.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue",
                value: {clicks: 99}, dataType: "json"}, "*");
        }""")
        expect(page.locator("iframe.component-frame")).to_have_css("height", "122px")
        frame.locator("#click").click()
        expect(page.get_by_text("clicks=3")).to_be_visible()
        assert any("height must be a number" in text for text in warnings), warnings
        assert any("not a Streamlit component message" in text for text in warnings), warnings
        assert not page.get_by_text("clicks=99").count()


@pytest.mark.browser
def test_a_frame_gets_data_frame_args_as_arrow_and_sets_a_data_frame_back_in_chromium(context: Any) -> None:
    """The frame gets data frames as Streamlit's page gives them (``ArrowDataframe.toObject``: no height or width,
    which Streamlit leaves unset), a Styler with its ``styler`` as component-lib's ``ArrowTable`` reads it."""
    import pyarrow as pa

    frames = REPO / "tests" / "apps" / "component_frames"
    source = (
        "import porch as st\n" + HEADER + STYLED
        + f'grid = components.declare_component("frames", path={str(frames)!r})\n'
        'v = grid(data=pd.DataFrame({"n": [1, 2], "name": ["Ada", "Bo"]}), styled=styled, key="f")\n'
        'st.write(f"got {type(v).__name__}")\n'
        'if v is not None:\n    st.write(f"values {v.values.tolist()} columns {v.columns.tolist()}")\n'
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("got NoneType")).to_be_visible()
        frame = page.frame_locator("iframe.component-frame")
        expect(frame.locator("#dfs")).to_contain_text('"key":"data"')
        arg, styled = json.loads(frame.locator("#dfs").text_content() or "")
        assert arg["binary"] is True, "the streams reach the frame as Uint8Arrays, as component-lib reads them"
        assert (arg["fields"], arg["tableFields"], arg.get("styler")) == (["data"], ["data", "index", "columns"], None)
        assert styled["key"] == "styled" and styled["tableFields"] == ["data", "index", "columns", "styler"]
        styler = styled["styler"]
        assert styler["binary"] is True
        assert {name: styler[name] for name in ("uuid", "caption", "styles")} == {
            "uuid": "w1", "caption": "Weights", "styles": STYLED_CSS,
        }
        shown = pa.ipc.open_stream(base64.b64decode(styler["displayValues"])).read_all()
        assert shown.column("n").to_pylist() == ["1.5 kg", "-2.0 kg"]
        data, index, columns = (pa.ipc.open_stream(base64.b64decode(arg[part])).read_all()
                                for part in ("data", "index", "columns"))
        assert data.to_pydict() == {"n": [1, 2], "name": ["Ada", "Bo"]}
        assert index.column(0).to_pylist() == [0, 1] and columns.column(0).to_pylist() == ["n", "name"]
        frame.locator("#echo").click()
        expect(page.get_by_text("values [[1, 'Ada'], [2, 'Bo']] columns [('n',), ('name',)]")).to_be_visible()
        # Streams that are not Arrow: refused on the server, which says why; the page says so, the value stays.
        with page.expect_console_message(lambda message: "data frame value was refused" in message.text) as said:
            frame.locator("#junk").click()
        assert "not an Arrow IPC stream" in said.value.text
        expect(page.get_by_text("got DataFrame")).to_be_visible()


@pytest.mark.browser
def test_html_runs_its_script_in_a_frame_that_cannot_touch_the_page(context: Any) -> None:
    source = (
        "import porch as st\n" + HEADER
        + "components.html('''<p id=\"out\">waiting</p><script>\n"
        "let reached = 'blocked';\n"
        "try { parent.document.title = 'pwned'; reached = 'reached'; } catch (e) {}\n"
        "try { localStorage.setItem('x', '1'); reached += ' storage'; } catch (e) {}\n"
        "document.getElementById('out').textContent = 'ran, parent ' + reached;\n"
        "</script>''', height=120)\n"
        "st.write('after')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.get_by_text("after")).to_be_visible()
        frame = page.frame_locator("iframe.iframe")
        expect(frame.locator("#out")).to_have_text("ran, parent blocked")
        assert "allow-same-origin" not in (page.get_attribute("iframe.iframe", "sandbox") or "")
        assert page.title() != "pwned"
        expect(page.locator("iframe.iframe")).to_have_css("height", "120px")


def test_the_component_args_are_json_on_the_wire() -> None:
    at = run('components.declare_component("c", url="http://x.test")(rows=(1, 2), nested={"a": [None, True], 1: "é"})')
    assert json.loads(json.dumps(at.component[0].args)) == {
        "rows": [1, 2], "nested": {"a": [None, True], "1": "é"}, "default": None, "key": None,
    }


def test_deprecate_func_name_runs_the_function_and_says_its_new_name() -> None:
    at = AppTest.from_string(
        "import porch as st\n"
        "from porch.streamlit.components.v1 import deprecate_func_name\n"
        "def shout(text):\n    return text.upper()\n"
        "old = deprecate_func_name(shout, 'yell', '2027-01-01', 'It is louder now.')\n"
        "st.text(old('hi'))\n"
        "quiet = deprecate_func_name(shout, 'whisper', '2027-01-01', show_in_browser=False)\n"
        "st.text(quiet('x') + ' ' + quiet.__name__)\n"
    ).run()
    assert [t.value for t in at.text] == ["HI", "X whisper"]
    assert [w.value for w in at.warning] == [
        "Please replace `st.yell` with `st.shout`.\n\n`st.yell` will be removed after 2027-01-01.\n\nIt is louder now."
    ]


def test_unevaluated_frames_go_as_their_preview_captioned_as_streamlits() -> None:
    # Streamlit 1.67's `is_dataframe_like` counts a DB-API cursor and a LazyFrame (and Spark, Snowpark, Dask, Modin
    # frames) as frames: `component_arrow.marshall` sends their preview (`convert_anything_to_pandas_df`, 10,000
    # rows), with its caption before the component when it read that many (its AppTest, a cursor of 10,000 rows).
    import pyarrow as pa

    at = run(
        "import sqlite3, polars as pl\n"
        'db = sqlite3.connect(":memory:")\n'
        'db.execute("create table t (n integer)")\n'
        'db.executemany("insert into t values (?)", [(i,) for i in range(10_000)])\n'
        'c = components.declare_component("grid", url="http://localhost:3001")\n'
        'c(lazy=pl.LazyFrame({"a": [1, 2, 3]}), key="lazy")\n'
        'c(rows=db.execute("select n from t"), key="cursor")\n'
    )
    assert not at.exception, at.exception
    lazy, cursor = at.component
    assert lazy.args == {"default": None, "key": "lazy"} and cursor.args == {"default": None, "key": "cursor"}
    assert [arg["key"] for arg in lazy.props["dfs"]] == ["lazy"]
    assert [arg["key"] for arg in cursor.props["dfs"]] == ["rows"]

    def data(component: Any) -> Any:
        return pa.ipc.open_stream(base64.b64decode(component.props["dfs"][0]["data"])).read_all()

    assert data(lazy).column("a").to_pylist() == [1, 2, 3]
    assert data(cursor).column("n").to_pylist() == list(range(10_000))
    assert at.caption.values == ["⚠️ Showing only 10k rows. Call `fetchall()` on the Cursor to show more."]
    assert [child.kind for child in at.main.children] == ["component", "markdown", "component"]


def test_a_lazyframe_as_a_v2_components_data_is_captioned_only_beyond_its_preview() -> None:
    # Streamlit 1.67 sends a components.v2 component's data frame by `convert_anything_to_arrow_bytes`: a LazyFrame's
    # 10,001 first rows collected, captioned only when there were more than 10,000 (`collect_polars_lazyframe`).
    import pyarrow as pa

    at = AppTest.from_string(
        "import polars as pl\n"
        "from porch.streamlit.components.v2 import component\n"
        "c = component('c', html='<i>x</i>')\n"
        "c(data=pl.LazyFrame({'n': range(10_000)}), key='exact')\n"
        "c(data=pl.LazyFrame({'n': range(10_001)}), key='more')\n"
    ).run()
    assert not at.exception, at.exception
    assert [child.kind for child in at.main.children] == ["bidi_component", "markdown", "bidi_component"]
    assert at.caption.values == ["⚠️ Showing only 10k rows. Call `collect()` on the dataframe to show more."]
    for element in at.bidi_component:
        table = pa.ipc.open_stream(base64.b64decode(element.props["data_bytes"])).read_all()
        assert table.column("n").to_pylist() == list(range(10_000))
