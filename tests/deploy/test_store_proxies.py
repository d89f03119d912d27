"""Three replicas with a store, behind HAProxy run from the recipe of docs/deploy.md: when the replica a session
lives on drains (SIGTERM) or is killed (SIGKILL), its pages come back on another replica with the same session, its
counter, slider and text values intact, and are told so; the other replicas' pages go on untouched. Protocol clients
that keep cookies as a browser does (``deploy_harness.Visitor``); ``test_store_browser`` shows it in Chromium."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from deploy_harness import Visitor, proxy, replicas, wait_until
from store_harness import STORE_APP, redis_server

RESTORED = {"lost": ["session_state['lock']"]}


def press(visitor: Visitor, label: str = "Add") -> list[str]:
    assert visitor.client is not None
    visitor.client.send({"type": "rerun", "widgets": {}, "trigger": visitor.client.widget("button", label)})
    visitor.client.until_finished(timeout=15)
    return visitor.client.texts()


def set_values(visitor: Visitor, level: int, name: str) -> list[str]:
    assert visitor.client is not None
    client = visitor.client
    client.send({"type": "rerun", "widgets": {client.widget("slider"): level, client.widget("text_input"): name}})
    client.until_finished(timeout=15)
    return client.texts()


def values(count: int, level: int, name: str) -> list[str]:
    return [f"count={count}", f"level={level}", f"name={name}", "files="]


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_sessions_values_survive_its_replica_going_away(how: str, tmp_path: Path) -> None:
    with redis_server(tmp_path) as store, \
            replicas(STORE_APP, tmp_path, ("a", "b", "c"), "--store", store.url, "--drain-grace", "1") as running, \
            proxy("haproxy", running, tmp_path) as front:
        visitors = [Visitor(front.port) for _ in range(6)]
        try:
            for number, visitor in enumerate(visitors):
                visitor.open_page()
                visitor.connect()
                press(visitor)
                assert set_values(visitor, 10 + number, f"visitor {number}")[1:] == values(1, 10 + number,
                                                                                           f"visitor {number}")
            victim = visitors[0].replica
            leaving = {visitor: number for number, visitor in enumerate(visitors) if visitor.replica == victim}
            staying = {visitor: visitor.session_id for visitor in visitors if visitor.replica != victim}
            assert leaving and staying
            for visitor, number in leaving.items():  # a crash loses at most the last run: wait for it to be stored
                key = f"porch:session:{visitor.session_id}"
                wait_until(lambda: f"visitor {number}".encode() in (store.client.hget(key, "snapshot") or b""), 10,
                           "the last run's snapshot")

            if how == "SIGTERM":
                running[victim].signal(signal.SIGTERM)
            else:
                running[victim].process.kill()
            for visitor, number in leaving.items():
                session = visitor.session_id
                assert visitor.closed_with() == ((1012, "moved") if how == "SIGTERM" else (None, ""))
                visitor.close()
                if how == "SIGKILL":
                    assert visitor.open_page() == 200  # a reload right after the crash
                client = visitor.connect()  # with the victim's cookie: the proxy sends it to another replica
                assert client.session_id == session and client.session_message["restored"] == RESTORED
                assert visitor.cookies["porch_replica"] != victim
                client.until_finished(timeout=15)
                assert client.texts()[1:] == values(1, 10 + number, f"visitor {number}")
                assert press(visitor)[1:] == values(2, 10 + number, f"visitor {number}")
            for visitor, session in staying.items():
                assert visitor.session_id == session
                assert press(visitor)[1] == "count=2"  # the same socket, the same state
        finally:
            for visitor in visitors:
                visitor.close()
