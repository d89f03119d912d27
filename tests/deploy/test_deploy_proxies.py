"""Three replicas behind HAProxy and behind nginx, each run from the recipe of docs/deploy.md: new visitors spread,
each stays on its replica, a draining replica's visitors move to the others while the others' are untouched, and a
request that reaches the wrong replica says so. The clients are protocol clients that keep cookies as a browser
does (``deploy_harness.Visitor``); ``test_deploy_browser`` does the same with Chromium."""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from deploy_harness import COUNTER_APP, Visitor, proxy, replicas, request, wait_until

PROXIES = ["haproxy", "nginx"]


@pytest.mark.parametrize("kind", PROXIES)
def test_new_visitors_spread_over_the_replicas_and_each_stays_on_its_own(kind: str, tmp_path: Path) -> None:
    with replicas(COUNTER_APP, tmp_path) as running, proxy(kind, running, tmp_path) as front:
        visitors = [Visitor(front.port) for _ in range(50)]
        try:
            for visitor in visitors:
                assert visitor.open_page() == 200
                visitor.connect()
                assert visitor.replica == visitor.cookies["porch_replica"]  # the page's replica holds the session
            spread = Counter(visitor.replica for visitor in visitors)
            assert set(spread) == {"a", "b", "c"}
            assert all(10 <= count <= 23 for count in spread.values()), spread  # about a third each
            for visitor in visitors[:9]:  # a reload: the page again, and the socket resumes the same session
                before = visitor.session_id
                visitor.close()
                assert visitor.open_page() == 200
                client = visitor.connect()
                assert (client.session_id, client.session_message["resumed"]) == (before, True)
        finally:
            for visitor in visitors:
                visitor.close()


@pytest.mark.parametrize("kind", PROXIES)
def test_a_draining_replicas_visitors_move_and_the_others_do_not_notice(kind: str, tmp_path: Path) -> None:
    with replicas(COUNTER_APP, tmp_path, ("a", "b", "c"), "--drain-grace", "3") as running, \
            proxy(kind, running, tmp_path) as front:
        visitors = [Visitor(front.port) for _ in range(6)]
        try:
            for visitor in visitors:
                visitor.open_page()
                visitor.connect()
                assert visitor.click() == "count=1"
            leaving = [visitor for visitor in visitors if visitor.replica == "a"]
            staying = {visitor: visitor.session_id for visitor in visitors if visitor.replica != "a"}
            assert len(leaving) == 2 and len(staying) == 4

            running["a"].signal(signal.SIGTERM)
            wait_until(lambda: running["a"].health()[0] == 503, 10, "replica a to drain")
            for cookie in ("a", None, None):  # while a drains, a new session starts elsewhere, even for a browser
                newcomer = Visitor(front.port)  # that a's cookie sends there (a refuses its socket: 503, retried)
                if cookie:
                    newcomer.cookies["porch_replica"] = cookie
                newcomer.open_page()
                newcomer.connect()
                assert newcomer.replica in ("b", "c")
                newcomer.close()

            for visitor in leaving:
                assert visitor.closed_with() == (1012, "moved")
                visitor.close()
                client = visitor.connect()  # at once, with a's cookie and a's session: the proxy sends it on
                assert visitor.replica in ("b", "c") and client.session_message["resumed"] is False
                assert visitor.cookies["porch_replica"] == visitor.replica
                assert visitor.click() == "count=1"
            for visitor, session in staying.items():
                assert visitor.session_id == session
                assert visitor.click() == "count=2"  # the same socket, the same state
            assert running["a"].wait(20) == 0
        finally:
            for visitor in visitors:
                visitor.close()


@pytest.mark.parametrize("kind", PROXIES)
def test_an_upload_the_proxy_sends_to_the_wrong_replica_names_the_miss(kind: str, tmp_path: Path) -> None:
    with replicas(COUNTER_APP, tmp_path) as running, proxy(kind, running, tmp_path) as front:
        visitor = Visitor(front.port)
        visitor.open_page()
        client = visitor.connect()
        home = visitor.replica
        other = "b" if home != "b" else "c"
        xsrf = visitor.cookies["_xsrf"]
        upload = f"/_porch/upload/{quote(client.session_id)}/{client.widget('file_uploader')}"
        headers = {"X-XSRFToken": xsrf, "X-Porch-Session-Token": client.token, "X-Porch-File-Name": "a.txt",
                   "Content-Type": "text/plain"}
        status, _, _ = request("127.0.0.1", front.port, "PUT", upload,
                               {**headers, "Cookie": visitor.cookie_header()}, b"hello")
        assert status == 201  # sticky: it reached the session's replica
        visitor.cookies["porch_replica"] = other  # as a proxy that is not sticky would route it
        status, _, body = request("127.0.0.1", front.port, "PUT", upload,
                                  {**headers, "Cookie": visitor.cookie_header()}, b"hello")
        assert (status, body) == (
            421,
            f"421 This request reached replica {other} but the session lives on replica {home}: your proxy is not "
            "sticky (see docs/deploy.md).\n",
        )
        visitor.close()


@pytest.mark.parametrize("kind", PROXIES)
def test_a_killed_replicas_visitors_reconnect_to_the_others(kind: str, tmp_path: Path) -> None:
    """SIGKILL: no drain, no close frame. The pages' sockets drop; their reconnects, with the dead replica's cookie,
    reach another replica (HAProxy: ``retry-on conn-failure`` and ``redispatch``; nginx: the ``backup`` servers)."""
    with replicas(COUNTER_APP, tmp_path) as running, proxy(kind, running, tmp_path) as front:
        visitors = [Visitor(front.port) for _ in range(6)]
        try:
            for visitor in visitors:
                visitor.open_page()
                visitor.connect()
                assert visitor.click() == "count=1"
            victim = visitors[0].replica
            running[victim].process.kill()
            for visitor in visitors:
                if visitor.replica != victim:
                    assert visitor.click() == "count=2"
                    continue
                assert visitor.closed_with() == (None, "")  # dropped: no close frame
                visitor.close()
                assert visitor.open_page() == 200  # the page too: a reload right after the crash
                client = visitor.connect()
                assert visitor.replica != victim and client.session_message["resumed"] is False
                assert visitor.click() == "count=1"
        finally:
            for visitor in visitors:
                visitor.close()
