"""``cache_data`` shared by replicas through the store: a value computed on one replica is a hit on another (the
calls are counted in a file), ``max_entries`` and ``ttl`` hold in the store, and a ``clear()`` on one replica reaches
the others' memory copies. Real ``porch run --headless`` processes and a real ``redis-server``."""

from __future__ import annotations

from pathlib import Path

from deploy_harness import Replica, Visitor, wait_until
from engine_harness import ProtocolClient, running_engine
from store_harness import redis_server

COUNTED = """
import porch as st

@st.cache_data(ttl=600, max_entries=10)
def square(n):
    with open({calls!r}, "a") as calls:
        calls.write(f"{{n}}\\n")
    return n * n

st.write(f"square={{square(7)}}")
if st.button("Clear"):
    square.clear()
st.button("Again")
"""


def press(visitor: Visitor, label: str) -> None:
    assert visitor.client is not None
    visitor.client.send({"type": "rerun", "widgets": {}, "trigger": visitor.client.widget("button", label)})
    visitor.client.until_finished(timeout=15)


def calls(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_a_value_computed_on_one_replica_is_a_hit_on_another_and_a_clear_reaches_every_replica(
    tmp_path: Path,
) -> None:
    counted = tmp_path / "calls.txt"
    app = tmp_path / "app.py"
    app.write_text(COUNTED.format(calls=str(counted)))
    with redis_server(tmp_path) as store:
        a = Replica(app, "a", tmp_path, "--store", store.url)
        b = Replica(app, "b", tmp_path, "--store", store.url)
        try:
            on_a, on_b = Visitor(a.port), Visitor(b.port)
            on_a.connect()
            assert "square=49" in on_a.client.texts()  # type: ignore[union-attr]
            assert calls(counted) == ["7"]
            on_b.connect()
            assert "square=49" in on_b.client.texts()  # type: ignore[union-attr]
            assert calls(counted) == ["7"], "replica b computed it again instead of taking a's value"

            press(on_b, "Clear")  # b's clear empties the store and, through its channel, a's memory copy
            assert calls(counted) == ["7"]  # (the run showed the value before it cleared it)

            def a_computes_again() -> bool:
                press(on_a, "Again")
                return len(calls(counted)) == 2

            wait_until(a_computes_again, 20, "replica a to drop its memory copy")
            press(on_b, "Again")
            assert calls(counted) == ["7", "7"]  # and b takes what a computed
        finally:
            a.close()
            b.close()


def test_max_entries_and_ttl_hold_in_the_store(tmp_path: Path) -> None:
    source = """
import porch as st

@st.cache_data(ttl=600, max_entries=10)
def square(n):
    return n * n

st.write(f"total={sum(square(n) for n in range(12))}")
"""
    with redis_server(tmp_path) as store, running_engine(source, store=store.url) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished(timeout=10)
        assert "total=506" in client.texts()
        values = store.client.keys("porch:cache:*")
        (index,) = store.client.keys("porch:cache-index:*")
        assert len(values) == 10 and store.client.zcard(index) == 10  # the two least recently used went
        assert all(0 < store.client.pttl(key) <= 600_000 for key in values)
