"""Client events are numbered and acknowledged, so none is lost and none counts twice when a page reconnects, to the
same replica or to another that takes its session over through the store (docs/protocol.md, "Events are never
lost"). Real engines on real sockets, a real ``redis-server``; the page's part is what ``webui/protocol.js (its "delivery" part)`` does,
spoken here by hand: number each rerun, keep it until an ``ack`` covers it, send again what the next ``session``
does not hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deploy_harness import COUNTER_APP, wait_until
from engine_harness import ProtocolClient, running_engine
from porch.store.snapshot import read
from store_harness import redis_server

PAGE = {"page_load": "load-resend-0001"}
#: The counter, whose runs take a while once it reaches 3 before they show the button: a session that moved here
#: with count=3 gets the page's events while its first run has not shown their widget yet.
SLOW_COUNTER_APP = """
import time
import porch as st
if "count" not in st.session_state:
    st.session_state.count = 0
if st.session_state.count == 3:
    time.sleep(0.5)
if st.button("Add"):
    st.session_state.count += 1
st.write(f"count={st.session_state.count}")
"""


def click(client: ProtocolClient, seq: int) -> None:
    client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button", "Add"), "seq": seq})


def count(client: ProtocolClient) -> str:
    client.until_finished(timeout=15)
    return next(text for text in client.texts() if text.startswith("count="))


def ack(client: ProtocolClient, seq: int) -> dict[str, Any]:
    return client.until(lambda m: m["type"] == "ack" and m["seq"] >= seq, timeout=15)


def test_an_event_sent_again_is_taken_once_and_the_session_says_what_it_holds() -> None:
    with running_engine(COUNTER_APP) as server:
        client = ProtocolClient(server.ws_url, hello=PAGE)
        assert client.session_message["seq"] == 0 and client.session_message["ack"] == 0
        client.until_finished()
        click(client, 1)
        assert ack(client, 1)["seq"] == 1  # without a store: acknowledged when its run ends
        assert count(client) == "count=1"
        click(client, 1)  # the page did not see the ack before its socket dropped: it sends the event again
        click(client, 2)
        assert count(client) == "count=2"
        session, token = client.session_id, client.token
        client.close()

        back = ProtocolClient(server.ws_url, session=session, token=token, hello=PAGE)
        assert back.session_message["resumed"] is True
        assert (back.session_message["seq"], back.session_message["ack"]) == (2, 2)
        click(back, 2)  # held already: dropped
        click(back, 3)
        assert count(back) == "count=3"


def test_an_event_not_yet_saved_is_acknowledged_only_once_it_is_and_taken_once_on_the_next_replica(
    tmp_path: Path,
) -> None:
    with redis_server(tmp_path) as store, \
            running_engine(SLOW_COUNTER_APP, replica_id="a", store=store.url) as a, \
            running_engine(SLOW_COUNTER_APP, replica_id="b", store=store.url) as b:
        client = ProtocolClient(a.ws_url, hello=PAGE)
        client.until_finished()
        session, token = client.session_id, client.token
        key = f"porch:session:{session}"
        for seq in (1, 2, 3):
            click(client, seq)
            assert count(client) == f"count={seq}"
        ack(client, 3)
        # The ack follows the write: the snapshot the store holds already has the events it acknowledges.
        saved = read(session, token, store.client.hget(key, "snapshot"), {})
        assert saved is not None and saved.seq == 3 and saved.state["count"] == 3

        store.client.execute_command("CLIENT", "PAUSE", "60000", "WRITE")  # replica a's next write cannot land
        try:
            click(client, 4)
            assert count(client) == "count=4"  # applied on a, and not saved: so not acknowledged
            held = read(session, token, store.client.hget(key, "snapshot"), {})
            assert held is not None and held.seq == 3
            # Replica a goes away before its write lands; the page comes to b, which reads the store (reads go on).
            moved = ProtocolClient(b.ws_url, session=session, token=token, hello=PAGE)
        finally:
            store.client.execute_command("CLIENT", "UNPAUSE")
        message = moved.session_message
        assert message["restored"] is not None and (message["seq"], message["ack"]) == (3, 3)
        # At once, as the page does (its first run here has not shown the button yet: the events wait for it), the
        # page sends again what the session does not hold (4), and may repeat what it does (3): each is taken once.
        button = client.widget("button", "Add")
        for seq in (3, 4):
            moved.send({"type": "rerun", "widgets": {}, "trigger": button, "seq": seq})
        a.stop()
        assert count(moved) == "count=3"  # the first run here: the session as the store held it
        assert count(moved) == "count=4"  # the next one takes the events that waited for it
        ack(moved, 4)
        click(moved, 5)
        assert count(moved) == "count=5"
        wait_until(lambda: (s := read(session, token, store.client.hget(key, "snapshot"), {})) is not None
                   and s.seq == 5 and s.state["count"] == 5, 15, "the last event saved")


def test_a_snapshot_holds_exactly_the_events_up_to_its_number(tmp_path: Path) -> None:
    """Clicks that queue behind slow runs: the store never holds a snapshot whose count and event number disagree
    (one taken while clicks waited would say it holds events it does not, and the next replica would drop them)."""
    slow = COUNTER_APP.replace('st.title("Counter")', 'import time\ntime.sleep(0.05)\nst.title("Counter")')
    with redis_server(tmp_path) as store, running_engine(slow, replica_id="a", store=store.url) as a:
        client = ProtocolClient(a.ws_url, hello=PAGE)
        client.until_finished()
        key = f"porch:session:{client.session_id}"
        for seq in range(1, 13):  # all at once: they wait for their runs, one each
            click(client, seq)
        seen: set[int] = set()

        def consistent_until_last() -> bool:
            snapshot = store.client.hget(key, "snapshot")
            held = read(client.session_id, client.token, snapshot, {}) if snapshot else None
            if held is not None:
                assert held.state["count"] == held.seq, (held.seq, held.state["count"])
                seen.add(held.seq)
            return 12 in seen

        wait_until(consistent_until_last, 30, "the last click saved")
        while (shown := count(client)) != "count=12":  # runs that ended while clicks were still on their way
            assert int(shown.removeprefix("count=")) < 12, shown
        assert ack(client, 12)["seq"] == 12


def test_an_event_number_out_of_range_is_refused() -> None:
    with running_engine(COUNTER_APP) as server:
        client = ProtocolClient(server.ws_url, hello=PAGE)
        client.until_finished()
        for seq in (0, -1, 1.5, "7", True, 2**53):
            client.send({"type": "rerun", "widgets": {}, "seq": seq})
            error = client.until(lambda m: m["type"] == "error")
            assert error["code"] == "bad_message" and "'seq'" in error["message"], (seq, error)
        click(client, 2**53 - 1)  # the largest a double holds exactly
        assert ack(client, 2**53 - 1)["seq"] == 2**53 - 1
