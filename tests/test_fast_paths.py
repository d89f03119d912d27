"""The shortcuts that keep starts and reruns fast behave like the long way round.

- A frame is the same JSON whether orjson (the optional ``speedups`` extra) or the standard library encodes it.
- A session's socket reads in small chunks, yet a client message far larger than a chunk arrives whole.
- Frames are deflated for clients on the network, not for the desktop and browser shells' loopback client.
- The settings load the TOML parser only for a config file that exists, and still refuse a broken one.
- The benchmark harness writes Porch's bytecode before it times launches, as an installer does.
- A script imports only the element modules of the kinds it shows, each on its first use.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import porch.engine
import porch.protocol
from benchmarks.systems import compile_porch
from engine_harness import ProtocolClient, running_engine
from porch.http.socket import WEBSOCKET_READ_CHUNK
from porch.security import AccessPolicy
from porch.shell import settings
from porch.shell.errors import LaunchError

FRAME: list[dict[str, Any]] = [
    {"type": "run", "state": "running", "run": 3},
    {"type": "delta", "path": [0, 1], "element": {"kind": "text", "props": {"body": 'Grüße 世界 "q"\n'}}},
    {"type": "delta", "path": [1, 0, 2], "element": {"kind": "slider", "props": {"value": [0.1, 1e-7, 2.5e16]}}},
    {"type": "delta", "path": [0, 2], "element": {"kind": "json", "props": {"value": datetime.date(2024, 5, 1)}}},
    {"type": "page", "title": None, "wide": True, "count": 2**40},
    {"type": "run", "state": "finished", "run": 3, "status": "ok"},
]
HELLO_APP = 'import porch as st\nst.text("hello")\n'


def _same_json_as_the_standard_library(frame: list[dict[str, Any]]) -> None:
    encoded = porch.protocol.encode_frame(frame)
    assert json.loads(encoded) == json.loads(json.dumps(frame, default=str))
    text = encoded.decode() if isinstance(encoded, bytes) else encoded
    assert "\\u" not in text and ", " not in text, "compact UTF-8, as the client receives it"


def test_a_frame_is_the_same_json_with_the_installed_encoder() -> None:
    _same_json_as_the_standard_library(FRAME)


def test_a_frame_is_the_same_json_with_the_standard_library_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(porch.protocol, "orjson", None)
    assert isinstance(porch.protocol.encode_frame(FRAME), str)
    _same_json_as_the_standard_library(FRAME)


def test_what_a_fast_encoder_refuses_is_still_encoded() -> None:
    frame = [{"type": "delta", "path": [0, 0], "element": {"kind": "json", "props": {"value": {1: 2**70}}}}]
    assert json.loads(porch.protocol.encode_frame(frame))[0]["element"]["props"]["value"] == {"1": 2**70}


def test_a_client_message_far_larger_than_a_read_chunk_arrives_whole() -> None:
    source = 'import porch as st\nvalue = st.text_input("Note")\nst.text(f"{len(value)} {value[-5:]}")\n'
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url, compression=None)  # uncompressed: the bytes on the socket are many
        client.until_finished()
        value = "x" * (WEBSOCKET_READ_CHUNK * 40) + "tail!"
        client.send({"type": "rerun", "widgets": {client.widget("text_input"): value}})
        client.until_finished()
        assert f"{len(value)} tail!" in client.texts()


@pytest.mark.parametrize(("access", "deflated"), [(AccessPolicy(), True), (AccessPolicy(loopback_only=True), False)])
def test_frames_are_deflated_only_for_clients_beyond_loopback(access: AccessPolicy, deflated: bool) -> None:
    with running_engine(HELLO_APP, access=access) as server:
        client = ProtocolClient(server.ws_url)  # offers permessage-deflate, as browsers do
        response = client.ws.response
        assert response is not None
        extensions = response.headers.get("Sec-WebSocket-Extensions") or ""
        assert ("permessage-deflate" in extensions) is deflated
        client.until_finished()
        assert client.texts() == ["hello"]


def test_the_settings_import_no_toml_parser_when_there_is_no_config_file(tmp_path: Path) -> None:
    code = (
        "import sys; from porch.shell import settings; "
        f"settings.load({str(tmp_path)!r}, {{}}); print('tomllib' in sys.modules or 'tomli' in sys.modules)"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "user-config"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_config_file_that_is_not_utf8_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    project = settings.project_file(tmp_path)
    project.parent.mkdir()
    project.write_bytes(b'shell = "headless"\nhost = "\xff\xfe"\n')
    with pytest.raises(LaunchError, match="cannot read .*config.toml"):
        settings.load(tmp_path, {}, environ={})


def test_a_config_file_is_still_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    project = settings.project_file(tmp_path)
    project.parent.mkdir()
    project.write_text('shell = "headless"\nport = 9000\n', encoding="utf-8")
    loaded = settings.load(tmp_path, {}, environ={})
    assert (loaded.shell, loaded.port, loaded.source("port")) == ("headless", 9000, str(project))


LAZY_APP = 'import porch as st\nst.title("t")\nif st.checkbox("more"):\n    st.date_input("day")\nst.text("end")\n'
SHOWN_KINDS = f"""
import json, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from engine_harness import ProtocolClient, running_engine

def imported():
    names = (m.rpartition(".")[2] for m in sys.modules if m.startswith("porch.elements."))
    return sorted(n for n in names if not n.startswith("_"))

with running_engine({LAZY_APP!r}) as server:
    client = ProtocolClient(server.ws_url)
    client.until_finished()
    first = imported()
    client.send({{"type": "rerun", "widgets": {{client.widget("checkbox"): True}}}})
    client.until_finished()
    client.widget("date_input")
    print(json.dumps([first, imported()]))
"""


def test_a_script_imports_only_the_element_modules_of_the_kinds_it_shows() -> None:
    """Each kind's module is imported on its first use (``porch.api.container``): a fresh interpreter serving a
    script of a title, a checkbox and a text has not imported the data editor, the charts or the date input; the run
    that first shows a date input imports it."""
    result = subprocess.run([sys.executable, "-c", SHOWN_KINDS], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    first, later = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"heading", "checkbox", "text"} <= set(first)
    assert {"date_input", "data_editor", "dataframe", "vega_lite_chart", "plotly_chart", "chat_input"}.isdisjoint(first)
    assert set(later) - set(first) == {"date_input"}


def test_the_harness_writes_porchs_bytecode_before_timing_launches() -> None:
    assert compile_porch(sys.executable) is None
    source = Path(porch.engine.__file__)
    cached = Path(importlib.util.cache_from_source(str(source)))
    assert cached.is_file() and cached.stat().st_mtime >= source.stat().st_mtime
