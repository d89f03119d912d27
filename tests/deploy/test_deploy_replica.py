"""One replica among several, seen from the wire: its cookie, its health and session ids, what it says of a request
for another replica's session, a drain that reports before it closes, the build id, and a page's takeover of its
own live session. A real engine on a real socket (``engine_harness``); the proxies are ``test_deploy_proxies``'s."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from concurrent.futures import Future
from typing import Any
from urllib.parse import quote

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from deploy_harness import COUNTER_APP, request, wait_until
from engine_harness import EngineThread, ProtocolClient, running_engine


def page(server: EngineThread, cookie: str = "") -> tuple[int, list[str], str]:
    base = server.engine.config.normalized_base()
    status, headers, body = request("127.0.0.1", server.port, "GET", base + "/", {"Cookie": cookie} if cookie else {})
    return status, headers.get_all("Set-Cookie") or [], body


def health(server: EngineThread) -> tuple[int, dict[str, Any]]:
    base = server.engine.config.normalized_base()
    status, _, body = request("127.0.0.1", server.port, "GET", base + "/_porch/health")
    return status, json.loads(body)


def replica_cookie(set_cookies: list[str]) -> str | None:
    found = [header for header in set_cookies if header.startswith("porch_replica=")]
    return found[0] if found else None


def click(client: ProtocolClient) -> str:
    client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button", "Add")})
    client.until_finished(timeout=10)
    return next(text for text in client.texts() if text.startswith("count="))


def closed_with(client: ProtocolClient, timeout: float = 20.0) -> tuple[int, str]:
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            client.ws.recv(timeout=timeout)
    received = closed.value.rcvd
    assert received is not None, "the server closed the socket without a close frame"
    return received.code, received.reason


def test_a_replica_names_itself_in_a_cookie_in_its_health_and_in_its_session_ids() -> None:
    with running_engine(COUNTER_APP, replica_id="a", base_path="/apps/prices") as server:
        status, set_cookies, body = page(server)
        assert status == 200
        cookie = replica_cookie(set_cookies)
        assert cookie is not None, set_cookies
        attributes = {part.strip().lower() for part in cookie.split(";")}
        assert cookie.startswith("porch_replica=a;")
        assert {"path=/apps/prices/", "httponly", "samesite=lax"} <= attributes, cookie
        assert replica_cookie(page(server, "porch_replica=a")[1]) is None  # already there: not set again
        assert health(server) == (200, {"status": "ok", "sessions": 0, "replica": "a"})

        client = ProtocolClient(server.ws_url)
        assert client.session_id.startswith("a.") and len(client.session_id) > 10
        response = client.ws.response
        assert response is not None and replica_cookie(response.headers.get_all("Set-Cookie")) is not None
        build = re.search(r'<meta name="porch-build" content="([0-9a-f]+)">', body)
        assert build is not None and client.session_message["build"] == build.group(1)  # the page's own build
        assert health(server) == (200, {"status": "ok", "sessions": 1, "replica": "a"})

    with running_engine(COUNTER_APP) as single:  # no replica id: no cookie, no prefix, as before
        assert replica_cookie(page(single)[1]) is None
        assert "replica" not in health(single)[1]
        assert "." not in ProtocolClient(single.ws_url).session_id


def test_an_upload_for_another_replicas_session_names_a_proxy_that_is_not_sticky() -> None:
    with running_engine(COUNTER_APP, replica_id="b") as server:
        set_cookies = page(server)[1]
        xsrf = next(header.split(";")[0].split("=", 1)[1] for header in set_cookies if header.startswith("_xsrf="))

        def put(session_id: str) -> tuple[int, str]:
            status, _, body = request(
                "127.0.0.1", server.port, "PUT", f"/_porch/upload/{quote(session_id)}/w1",
                {"Cookie": f"_xsrf={xsrf}", "X-XSRFToken": xsrf, "X-Porch-Session-Token": "t",
                 "X-Porch-File-Name": "a.txt", "Content-Type": "text/plain", "Content-Length": "2"},
                b"hi",
            )
            return status, body

        assert put("a.Zm9vYmFyYmF6cXV4") == (
            421,
            "421 This request reached replica b but the session lives on replica a: your proxy is not sticky "
            "(see docs/deploy.md).\n",
        )
        assert put("b.Zm9vYmFyYmF6cXV4") == (404, "404 No such session: reload the page.\n")  # its own: gone
        assert put("Zm9vYmFyYmF6cXV4")[0] == 404  # an id that names no replica


def test_a_page_that_resumes_another_replicas_session_starts_anew_and_the_log_names_the_miss(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with running_engine(COUNTER_APP, replica_id="b") as server, caplog.at_level(logging.INFO, "porch.sessions"):
        client = ProtocolClient(server.ws_url, session="a.Zm9vYmFyYmF6cXV4", token="t")
        assert client.session_message["resumed"] is False and client.session_id.startswith("b.")
        ProtocolClient(server.ws_url, session="a.b3RoZXJvdGhlcg", token="t")  # once a minute at most
        misses = [record.getMessage() for record in caplog.records if "not sticky" in record.getMessage()]
        assert misses == [
            "this request reached replica b but the session lives on replica a: your proxy is not sticky (see "
            "docs/deploy.md), or replica a went away; a new session starts here (logged once a minute at most)"
        ]


def test_the_same_page_reconnecting_takes_its_live_session_over_and_a_duplicated_tab_gets_its_own() -> None:
    with running_engine(COUNTER_APP) as server:
        first = ProtocolClient(server.ws_url, hello={"page_load": "load-one-0001"})
        first.until_finished(timeout=10)
        assert click(first) == "count=1"
        session, token = first.session_id, first.token

        # The page's network changed: its old socket still looks open to the server when the new one says hello.
        second = ProtocolClient(server.ws_url, session=session, token=token, hello={"page_load": "load-one-0001"})
        assert (second.session_id, second.session_message["resumed"]) == (session, True)
        assert closed_with(first) == (4000, "replaced")
        assert "count=1" in second.texts()  # rebuilt from the server's tree
        assert click(second) == "count=2"  # the session's state came along
        held = server.call(lambda: server.engine.sessions.get(session))
        assert held is not None and server.call(lambda: held.connected)  # the old socket's close let it be

        # A duplicated tab: the same saved session and token, another page load: a session of its own.
        duplicate = ProtocolClient(server.ws_url, session=session, token=token, hello={"page_load": "load-two-0002"})
        assert duplicate.session_id != session and duplicate.session_message["resumed"] is False
        older = ProtocolClient(server.ws_url, session=session, token=token)  # a page that sends no page_load
        assert older.session_id not in (session, duplicate.session_id)
        assert click(second) == "count=3"  # the original page is untouched
        duplicate.until_finished(timeout=10)
        assert click(duplicate) == "count=1"


def test_a_page_load_id_is_checked() -> None:
    with running_engine(COUNTER_APP) as server:
        for bad in ("short", "x" * 65, "spaces not allowed", 7):
            client = ProtocolClient(server.ws_url, hello={"page_load": bad})
            assert client.session_message["type"] == "error" and client.session_message["code"] == "bad_message"
            client.close()


def test_a_drain_reports_at_once_serves_its_sessions_through_the_grace_then_moves_them() -> None:
    with running_engine(COUNTER_APP, replica_id="a", drain_grace=3.0) as server:
        client = ProtocolClient(server.ws_url, hello={"page_load": "load-one-0001"})
        client.until_finished(timeout=10)
        stopped: Future[None] = asyncio.run_coroutine_threadsafe(server.engine.stop(), server.loop)  # SIGTERM's drain
        assert wait_until(lambda: health(server)[0] == 503, 10, "health to say draining")
        assert health(server)[1] == {"status": "draining", "sessions": 1, "replica": "a"}

        with pytest.raises(InvalidStatus) as refused:  # a socket that would start a session: the proxy retries it
            connect(server.ws_url, open_timeout=5)
        assert refused.value.response.status_code == 503
        named = f"{server.ws_url}?session={quote(client.session_id)}"
        with connect(named, open_timeout=5) as newcomer:  # names a live session, asks for a new one: refused
            newcomer.send(json.dumps({"type": "hello", "protocol": 1}))
            with pytest.raises(ConnectionClosed) as closed:
                newcomer.recv(timeout=10)
            assert closed.value.rcvd is not None
            assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (1013, "draining")
        assert page(server)[0] == 200  # the page is still served

        assert click(client) == "count=1"  # the session goes on through the grace
        again = ProtocolClient(named, session=client.session_id, token=client.token,
                               hello={"page_load": "load-one-0001"})  # and its page may come back to it
        assert again.session_message["resumed"] is True
        assert closed_with(again) == (1012, "moved")  # the grace is over: the page is sent elsewhere
        stopped.result(timeout=20)
