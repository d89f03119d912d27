"""The engine's contract, over a real WebSocket: sessions, streaming, interrupts, resume, errors."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from engine_harness import ProtocolClient, running_engine

COUNTER = """
import porch as st
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Add"):
    st.session_state.n += 1
size = st.slider("Size", 0, 10, 3)
st.write(f"count={st.session_state.n} size={size}")
"""


def click(client: ProtocolClient, label: str) -> None:
    client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button", label)})


def test_each_tab_is_a_session_with_its_own_state() -> None:
    with running_engine(COUNTER) as server:
        first, second = ProtocolClient(server.ws_url), ProtocolClient(server.ws_url)
        first.until_finished()
        second.until_finished()
        click(first, "Add")
        first.until_finished()
        click(first, "Add")
        first.until_finished()
        second.send({"type": "rerun", "widgets": {}})
        second.until_finished()
        assert "count=2 size=3" in first.texts()
        assert "count=0 size=3" in second.texts()
        assert first.session_id != second.session_id


def test_a_slow_loop_streams_its_rows_one_by_one() -> None:
    source = "import porch as st, time\nfor i in range(4):\n    st.text(f'row {i}')\n    time.sleep(0.15)\n"
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        frames: list[list[dict[str, Any]]] = []
        while not any(m["type"] == "run" and m["state"] == "finished" for m in (frames[-1] if frames else [])):
            frames.append(client.receive_frame())
        rows = [
            (index, m["element"]["props"]["body"])
            for index, frame in enumerate(frames)
            for m in frame
            if m["type"] == "delta"
        ]
        assert [body for _, body in rows] == ["row 0", "row 1", "row 2", "row 3"]
        assert len({index for index, _ in rows}) == 4, "each row should arrive in its own frame, while the run goes on"


def test_elements_the_new_run_did_not_produce_disappear_when_it_ends() -> None:
    source = """
import porch as st
many = st.checkbox("Many")
for i in range(5 if many else 2):
    st.text(f"line {i}")
"""
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        box = client.widget("checkbox")
        client.send({"type": "rerun", "widgets": {box: True}})
        client.until_finished()
        assert client.texts() == [f"line {i}" for i in range(5)]
        client.send({"type": "rerun", "widgets": {box: False}})
        client.until_finished()
        assert client.texts() == ["line 0", "line 1"]


def test_a_new_event_interrupts_the_run_and_restarts_it_with_the_newest_values() -> None:
    source = """
import porch as st, time
size = st.slider("Size", 0, 10, 1)
st.text(f"size={size}")
for i in range(40):
    time.sleep(0.05)
    st.text(f"tick {i}")
st.text("done")
"""
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until(lambda m: m["type"] == "delta" and m["element"]["props"].get("body") == "tick 2")
        slider = client.widget("slider")
        started = time.monotonic()
        client.send({"type": "rerun", "widgets": {slider: 7}})
        interrupted = client.until(lambda m: m["type"] == "run" and m["state"] == "finished", timeout=5)
        assert interrupted["status"] == "rerun"
        assert time.monotonic() - started < 1.5, "the old run should stop at its next Porch call, not run to its end"
        client.until(lambda m: m["type"] == "delta" and m["element"]["props"].get("body") == "size=7")


def test_a_click_that_arrives_during_a_run_is_not_lost() -> None:
    source = """
import porch as st, time
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.button("Go"):
    st.session_state.clicks += 1
size = st.slider("Size", 0, 10, 1)
st.text(f"clicks={st.session_state.clicks}")
time.sleep(0.3)
st.text("end")
"""
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        button, slider = client.widget("button"), client.widget("slider")
        client.send({"type": "rerun", "widgets": {}, "trigger": button})
        client.send({"type": "rerun", "widgets": {slider: 4}})  # arrives while the click's run is going
        client.until(lambda m: m["type"] == "run" and m["state"] == "finished" and m["status"] == "ok", timeout=5)
        assert "clicks=1" in client.texts()
        client.send({"type": "rerun", "widgets": {}, "trigger": button})
        client.send({"type": "rerun", "widgets": {slider: 5}})
        client.send({"type": "rerun", "widgets": {slider: 6}})
        client.until(lambda m: m["type"] == "run" and m["state"] == "finished" and m["status"] == "ok", timeout=5)
        assert "clicks=2" in client.texts()


def test_only_changed_elements_travel_and_close_deltas_share_a_frame() -> None:
    with running_engine(COUNTER) as server:
        client = ProtocolClient(server.ws_url)
        first: list[list[dict[str, Any]]] = []
        while not first or not any(m["type"] == "run" and m["state"] == "finished" for m in first[-1]):
            first.append(client.receive_frame())
        deltas = [m for frame in first for m in frame if m["type"] == "delta"]
        assert len(deltas) == 3 and len(first) < 1 + len(deltas), "a fast run's deltas should be batched"
        click(client, "Add")
        after: list[list[dict[str, Any]]] = []
        while not after or not any(m["type"] == "run" and m["state"] == "finished" for m in after[-1]):
            after.append(client.receive_frame())
        changed = [m for frame in after for m in frame if m["type"] == "delta"]
        assert [m["element"]["kind"] for m in changed] == ["markdown"], "only the changed text should travel"


def test_a_reload_of_the_same_tab_resumes_its_session_with_state_intact() -> None:
    with running_engine(COUNTER) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        click(client, "Add")
        client.until_finished()
        session, token = client.session_id, client.token
        client.close()
        time.sleep(0.2)
        again = ProtocolClient(server.ws_url, session=session, token=token)
        assert again.session_message["resumed"] is True
        assert again.session_id == session
        assert "count=1 size=3" in again.texts(), "the page is rebuilt from the server's tree, with no rerun"
        click(again, "Add")
        again.until_finished()
        assert "count=2 size=3" in again.texts()


def test_a_wrong_token_or_a_session_in_use_gets_a_new_session() -> None:
    with running_engine(COUNTER) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        wrong = ProtocolClient(server.ws_url, session=client.session_id, token="not-the-token")
        assert wrong.session_id != client.session_id and wrong.session_message["resumed"] is False
        duplicate = ProtocolClient(server.ws_url, session=client.session_id, token=client.token)
        assert duplicate.session_id != client.session_id, "a duplicated tab must not share the live session"


def test_a_session_is_freed_after_its_ttl() -> None:
    with running_engine(COUNTER, session_ttl=0.3) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        session, token = client.session_id, client.token
        assert server.call(lambda: len(server.engine.sessions)) == 1
        client.close()
        deadline = time.monotonic() + 5
        while server.call(lambda: len(server.engine.sessions)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.call(lambda: len(server.engine.sessions)) == 0
        late = ProtocolClient(server.ws_url, session=session, token=token)
        assert late.session_message["resumed"] is False


def test_an_exception_shows_in_the_app_and_the_session_recovers() -> None:
    source = """
import porch as st
st.title("Above")
if st.checkbox("Fail"):
    raise ValueError("boom")
st.text("below")
"""
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        box = client.widget("checkbox")
        client.send({"type": "rerun", "widgets": {box: True}})
        finished = client.until_finished()
        assert finished["status"] == "error"
        shown = [m for m in client.view.messages if m["type"] == "delta" and m["element"]["kind"] == "exception"]
        props = shown[-1]["element"]["props"]
        assert props["type"] == "ValueError" and props["message"] == "boom"
        assert any("<test app>" in line and "raise ValueError" in line for line in props["traceback"])
        assert not any("porch" in line for line in props["traceback"])
        assert "Above" in client.texts()
        client.send({"type": "rerun", "widgets": {box: False}})
        assert client.until_finished()["status"] == "ok"
        assert "below" in client.texts()


def test_a_script_stuck_in_a_loop_is_stopped_and_the_server_carries_on() -> None:
    source = """
import porch as st
st.text("before")
if st.checkbox("Hang"):
    while True:
        pass
st.text("after")
"""
    with running_engine(source) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        box = client.widget("checkbox")
        client.send({"type": "rerun", "widgets": {box: True}})
        client.until(lambda m: m["type"] == "run" and m["state"] == "running")
        other = ProtocolClient(server.ws_url)
        assert other.until_finished()["status"] == "ok", "another session is served while one script hangs"
        client.send({"type": "stop"})
        assert client.until_finished(timeout=5)["status"] == "stopped"
        client.send({"type": "rerun", "widgets": {box: False}})
        assert client.until_finished()["status"] == "ok"
        assert client.texts() == ["before", "after"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", "bad_json"),
        ("[1, 2]", "bad_message"),
        ('{"type": "launch"}', "unknown_type"),
        ('{"type": "rerun", "widgets": [1]}', "bad_message"),
        ('{"type": "rerun", "widgets": {"w": {"nested": 1}}}', "bad_value"),
        ('{"type": "rerun", "widgets": {"w": 1e999}}', "bad_value"),
        ('{"type": "rerun", "extra": 1}', "bad_message"),
        ('{"type": "hello", "protocol": 1}', "unexpected"),
    ],
)
def test_malformed_messages_get_an_error_reply_and_the_session_goes_on(raw: str, code: str) -> None:
    with running_engine(COUNTER) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        client.send(raw)
        error = client.until(lambda m: m["type"] == "error")
        assert error["code"] == code
        click(client, "Add")
        client.until_finished()
        assert "count=1 size=3" in client.texts()


def test_the_first_message_must_be_hello() -> None:
    from websockets.sync.client import connect

    with running_engine(COUNTER) as server, connect(server.ws_url) as ws:
        ws.send(json.dumps({"type": "rerun", "widgets": {}}))
        reply = json.loads(ws.recv(timeout=5))
        assert reply == [{"type": "error", "code": "no_hello", "message": "the first message must be 'hello'"}]
        ws.send(json.dumps({"type": "hello", "protocol": 99}))
        assert json.loads(ws.recv(timeout=5))[0]["code"] == "protocol_version"


def test_an_oversized_message_closes_only_that_connection() -> None:
    with running_engine(COUNTER) as server:
        bystander = ProtocolClient(server.ws_url)
        bystander.until_finished()
        client = ProtocolClient(server.ws_url, max_size=None)
        client.until_finished()
        client.send(json.dumps({"type": "rerun", "widgets": {"w": "x" * (2 << 20)}}))
        with pytest.raises(ConnectionClosed) as closed:
            for _ in range(10):
                client.receive_frame()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
        click(bystander, "Add")
        bystander.until_finished()
        assert "count=1 size=3" in bystander.texts()


def test_a_value_that_does_not_fit_the_widget_is_refused() -> None:
    with running_engine(COUNTER) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        slider = client.widget("slider")
        client.send({"type": "rerun", "widgets": {slider: 99}})
        error = client.until(lambda m: m["type"] == "error")
        assert error["code"] == "bad_value"
        client.until_finished()
        assert "count=0 size=3" in client.texts()


def test_health_answers_once_the_engine_serves() -> None:
    with running_engine(COUNTER) as server:
        with urllib.request.urlopen(server.url + "_porch/health") as response:
            assert response.status == 200
            assert json.loads(response.read()) == {"status": "ok", "sessions": 0}


def test_the_page_and_static_files_are_hashed_cached_and_compressed() -> None:
    with running_engine(COUNTER) as server:
        with urllib.request.urlopen(server.url) as response:
            page = response.read().decode()
            assert response.headers["Cache-Control"] == "no-cache"
            assert "script-src 'self' 'sha256-" in response.headers["Content-Security-Policy"]
        assert "<!-- porch:head -->" not in page and '<script type="importmap">' in page
        app_url = page.split('<script type="module" src="')[1].split('"')[0]
        assert app_url.startswith("_porch/static/app.") and app_url.count(".") == 2
        request = urllib.request.Request(server.url + app_url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"].startswith("text/javascript")
            etag = response.headers["ETag"]
        cached = urllib.request.Request(server.url + app_url, headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(cached)
        assert not_modified.value.code == 304
        not_modified.value.close()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url + "_porch/static/../../etc/passwd")
        assert missing.value.code == 404
        missing.value.close()


def test_health_tells_the_session_count_only_to_admitted_clients() -> None:
    import http.client

    from porch.security import AccessPolicy

    policy = AccessPolicy(token="s3cret", loopback_only=True)
    with running_engine(COUNTER, access=policy) as server:

        def get(host: str, headers: dict[str, str]) -> tuple[int, dict[str, object]]:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            try:
                connection.request("GET", "/_porch/health", headers={"Host": host, **headers})
                response = connection.getresponse()
                body = response.read()
                return response.status, json.loads(body) if response.status == 200 else {}
            finally:
                connection.close()

        assert get("evil.example:80", {})[0] == 403, "a DNS-rebound name must not reach even the health check"
        assert get(f"127.0.0.1:{server.port}", {}) == (200, {"status": "ok"})
        admitted = get(f"127.0.0.1:{server.port}", {"Cookie": "porch_token=s3cret"})
        assert admitted == (200, {"status": "ok", "sessions": 0})


def test_the_page_hands_out_the_xsrf_cookie() -> None:
    with running_engine(COUNTER) as server, urllib.request.urlopen(server.url) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
        assert any(cookie.startswith("_xsrf=") and "SameSite=Strict" in cookie for cookie in cookies), cookies
