"""The media endpoint over a real engine: content types, ranges, caching, the access checks, a hostile download name,
how long an entry lives, and the memory bound."""

from __future__ import annotations

import http.client
import os
import time
from collections.abc import Callable
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from engine_harness import EngineThread, ProtocolClient, running_engine
from porch.media import MediaStore
from porch.widgets import WidgetStore
from porch.security import AccessPolicy

PNG_1x1 = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
DATA = bytes(range(256)) * 4

APP = f"""
import porch as st
if st.checkbox("Show the picture", value=True):
    st.image({PNG_1x1!r}, caption="A dot")
st.download_button("Get", {DATA!r}, file_name=st.session_state.get("name", "data.bin"))
"""


def fetch(server: EngineThread, url: str, method: str = "GET", **headers: str) -> tuple[int, Message, bytes]:
    """One request to the engine; ``url`` relative to the app's base. Returns status, headers and body."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        target = urlsplit(server.url + url).path
        connection.request(method, target, headers={name.replace("_", "-"): value for name, value in headers.items()})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def props(client: ProtocolClient, kind: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if child.kind == kind:
                found.append(child.props)
            walk(child)

    for root in client.view.tree.roots:
        walk(root)
    return found[0]


def eventually(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_media_are_served_with_their_type_etag_and_immutable_caching() -> None:
    with running_engine(APP) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        url = props(client, "image")["images"][0]["url"]
        assert url.startswith("_porch/media/") and url.endswith(".png")
        status, headers, body = fetch(server, url)
        assert (status, body) == (200, PNG_1x1)
        assert headers["Content-Type"] == "image/png"
        assert headers["Cache-Control"] == "private, max-age=31536000, immutable"
        assert headers["Accept-Ranges"] == "bytes"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in headers["Content-Security-Policy"]
        assert headers["Content-Disposition"] is None, "an image is shown, not downloaded"
        etag = headers["ETag"]
        assert fetch(server, url, If_None_Match=etag)[0] == 304
        status, headers, body = fetch(server, url, "HEAD")
        assert (status, headers["Content-Length"], body) == (200, str(len(PNG_1x1)), b"")


def test_range_requests_are_answered() -> None:
    with running_engine(APP) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        url = props(client, "download_button")["url"]
        status, headers, body = fetch(server, url, Range="bytes=10-19")
        assert (status, headers["Content-Range"], body) == (206, "bytes 10-19/1024", DATA[10:20])
        status, headers, body = fetch(server, url, Range="bytes=-16")
        assert (status, headers["Content-Range"], body) == (206, "bytes 1008-1023/1024", DATA[-16:])
        status, headers, body = fetch(server, url, Range="bytes=1000-5000")
        assert (status, headers["Content-Range"], body) == (206, "bytes 1000-1023/1024", DATA[1000:])
        status, headers, _ = fetch(server, url, Range="bytes=2000-")
        assert (status, headers["Content-Range"]) == (416, "bytes */1024")
        assert fetch(server, url, Range="bytes=0-")[::2] == (200, DATA)


def test_unknown_and_malformed_names_are_not_found() -> None:
    with running_engine(APP) as server:
        for name in ["0" * 32 + ".png", "../../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "x", ""]:
            assert fetch(server, "_porch/media/" + name)[0] == 404, name


def test_a_download_is_an_attachment_under_a_safe_name() -> None:
    hostile = 'evil"\r\nX-Injected: 1; ../../rapport é.csv'
    source = APP.replace('st.session_state.get("name", "data.bin")', repr(hostile))
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        button = props(client, "download_button")
        status, headers, body = fetch(server, button["url"])
        assert (status, body) == (200, DATA)
        assert headers["X-Injected"] is None
        disposition = headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="evil_  X-Injected_ 1; .._.._rapport _.csv"')
        exact = unquote(disposition.split("filename*=UTF-8''")[1])
        assert exact == button["file_name"] == "evil_  X-Injected_ 1; .._.._rapport é.csv"
        assert headers["Content-Type"] == "text/csv"


def test_media_need_the_secret_like_every_other_request() -> None:
    policy = AccessPolicy(token="s3cret", loopback_only=True)
    with running_engine(APP, access=policy) as server:
        client = ProtocolClient(server.ws_url, additional_headers={"Cookie": "porch_token=s3cret"})
        client.until_finished()
        url = props(client, "image")["images"][0]["url"]
        assert fetch(server, url)[0] == 403
        assert fetch(server, url, Cookie="porch_token=wrong")[0] == 403
        assert fetch(server, url, Cookie="porch_token=s3cret")[::2] == (200, PNG_1x1)
        assert fetch(server, url, Cookie="porch_token=s3cret", Host="evil.example")[0] == 403
        assert fetch(server, "_porch/media/" + "0" * 32 + ".png")[0] == 403, "no probing without the secret"


def test_media_a_run_stops_showing_are_freed_at_its_end() -> None:
    with running_engine(APP) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        url = props(client, "image")["images"][0]["url"]
        client.send({"type": "rerun", "widgets": {client.widget("checkbox"): False}})
        client.until_finished()
        assert fetch(server, url)[0] == 404
        assert fetch(server, props(client, "download_button")["url"])[0] == 200


def test_media_of_a_closed_session_are_freed_but_not_those_another_session_shows() -> None:
    with running_engine(APP, session_ttl=0) as server:
        first, second = ProtocolClient(server.ws_url), ProtocolClient(server.ws_url)
        first.until_finished()
        second.until_finished()
        url = props(first, "image")["images"][0]["url"]
        assert url == props(second, "image")["images"][0]["url"], "the same content is one entry"
        assert len(server.engine.media) == 2
        first.close()
        assert eventually(lambda: server.call(lambda: len(server.engine.sessions)) == 1)
        assert fetch(server, url)[0] == 200
        second.close()
        assert eventually(lambda: len(server.engine.media) == 0)
        assert fetch(server, url)[0] == 404


def test_memory_is_bounded_and_the_rest_is_served_from_temporary_files() -> None:
    source = "import porch as st\nfor i in range(4):\n    st.download_button(f'Part {i}', bytes([i]) * 1000)"
    with running_engine(source, media_memory_bytes=2500, session_ttl=0) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        store = server.engine.media
        assert len(store) == 4 and store.memory_bytes == 2000
        spilled = [store.get(name) for name in list(store._entries) if store._entries[name].spilled]
        assert len(spilled) == 2 and all(f is not None and f.path and os.path.isfile(f.path) for f in spilled)
        for i in range(4):
            url = props_at(client, i)["url"]
            assert fetch(server, url)[::2] == (200, bytes([i]) * 1000)
            assert fetch(server, url, Range="bytes=990-")[2] == bytes([i]) * 10
        client.close()
        assert eventually(lambda: len(store) == 0)
        assert store.memory_bytes == 0
        assert not any(f is not None and f.path and os.path.exists(f.path) for f in spilled)


def props_at(client: ProtocolClient, index: int) -> dict[str, Any]:
    return dict(client.view.tree.roots[0].children[index].props)


def test_a_file_of_the_script_is_served_from_disk_until_it_changes(tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(1000))
    with running_engine(f"import porch as st\nst.video({str(clip)!r})") as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        url = props(client, "video")["url"]
        status, headers, body = fetch(server, url, Range="bytes=0-15")
        assert (status, headers["Content-Type"], body) == (206, "video/mp4", clip.read_bytes()[:16])
        assert server.engine.media.memory_bytes == 0
        clip.write_bytes(b"something else entirely")
        assert fetch(server, url)[0] == 404, "a changed file is not served under the old URL"


def test_a_superseded_run_frees_nothing_and_the_next_complete_run_frees_the_rest() -> None:
    store = MediaStore()
    session = store.session()
    widgets = WidgetStore()
    old = session.add(b"old", "text/plain")
    session.end_run("ok", widgets)
    new = session.add(b"new", "text/plain")
    session.end_run("rerun", widgets)  # superseded: the page still shows some of both
    assert store.read(old) == b"old" and store.read(new) == b"new"
    session.add(b"new", "text/plain")
    session.end_run("ok", widgets)
    assert store.get(old.rpartition("/")[2]) is None and store.read(new) == b"new"
    session.set_icon(session.add(b"icon", "image/x-icon"))
    session.end_run("ok", widgets)
    assert len(store) == 1, "the page icon outlives the run that set it; the page's media went with that run"
    session.close()
    assert len(store) == 0
    session.add(b"late", "text/plain")
    assert len(store) == 0, "a run still going in a closed session keeps nothing"
