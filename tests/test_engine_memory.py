"""Abandoned sessions are freed completely once their TTL passes."""

from __future__ import annotations

import gc
import time

import psutil
import pytest

from engine_harness import EngineThread, ProtocolClient, running_engine
from porch.session import Session

pytestmark = pytest.mark.slow

APP = """
import porch as st
if "n" not in st.session_state:
    st.session_state.n = 0
st.session_state.payload = "x" * 20_000
if st.button("Add"):
    st.session_state.n += 1
size = st.slider("Size", 0, 10, 3)
for i in range(20):
    st.text(f"line {i} of {size}")
"""


def abandon(server: EngineThread, count: int) -> None:
    """Open ``count`` sessions, let each run the app once, drop them, and wait until the engine frees them."""
    for _ in range(count):
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        client.close()
    deadline = time.monotonic() + 30
    while server.call(lambda: len(server.engine.sessions)) and time.monotonic() < deadline:
        time.sleep(0.05)


def live_sessions(server: EngineThread) -> int:
    """Sessions of this engine still in memory (other tests' sessions may live on; they do not count)."""
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Session) and thing.script is server.engine.script)


def test_a_thousand_abandoned_sessions_give_their_memory_back() -> None:
    process = psutil.Process()
    with running_engine(APP, session_ttl=0.2) as server:
        abandon(server, 200)  # warm up: imports, caches, allocator arenas
        gc.collect()
        baseline = process.memory_info().rss
        abandon(server, 1000)
        assert server.call(lambda: len(server.engine.sessions)) == 0
        assert live_sessions(server) == 0, "a closed session is still referenced somewhere"
        grown = process.memory_info().rss - baseline
        # Each session held ~20 KB of state plus its page; 1,000 kept alive measured 33 MiB.
        assert grown < 12 * 1024 * 1024, f"resident memory grew by {grown / 2**20:.1f} MiB"
