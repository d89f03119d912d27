"""Sessions that move between replicas through the store (``--store``), seen from the wire: two real engines on real
sockets sharing a real ``redis-server``. A drained replica's session comes back on another under its id, with its
counter, slider, text and files; what cannot move is named; the token guards it; the store keeps a session only as
long as its replica would; a store that stops answering costs the move, not the app."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from deploy_harness import wait_until
from engine_harness import EngineThread, ProtocolClient, running_engine
from store_harness import STORE_APP, RedisServer, redis_server, upload

PAGE = {"page_load": "load-one-0001"}


@contextmanager
def two_replicas(tmp_path: Path, **config: Any) -> Iterator[tuple[RedisServer, EngineThread, EngineThread]]:
    with redis_server(tmp_path) as store, \
            running_engine(STORE_APP, replica_id="a", store=store.url, **config) as a, \
            running_engine(STORE_APP, replica_id="b", store=store.url, **config) as b:
        yield store, a, b


def fill(client: ProtocolClient, server: EngineThread, files: dict[str, bytes]) -> None:
    """A click, a slider moved, a name typed, files uploaded and chosen: one run each, as a user would."""
    client.until_finished(timeout=10)
    client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button", "Add")})
    client.until_finished(timeout=10)
    client.send({"type": "rerun", "widgets": {client.widget("slider"): 42, client.widget("text_input"): "Ada"}})
    client.until_finished(timeout=10)
    uploader = client.widget("file_uploader")
    ids = [upload(server.port, client.session_id, client.token, uploader, name, data) for name, data in files.items()]
    client.send({"type": "rerun", "widgets": {uploader: ids}})
    client.until_finished(timeout=10)


def drain(server: EngineThread) -> None:
    asyncio.run_coroutine_threadsafe(server.engine.stop(grace=0), server.loop).result(30)


def test_a_drained_session_comes_back_on_another_replica_with_its_values_and_names_what_stayed_behind(
    tmp_path: Path,
) -> None:
    with two_replicas(tmp_path) as (store, a, b):
        client = ProtocolClient(a.ws_url, hello=PAGE)
        fill(client, a, {"notes.txt": b"hello"})
        before = client.texts()
        assert before[1:] == ["count=1", "level=42", "name=Ada", "files=notes.txt:hello"], before
        session, token = client.session_id, client.token

        drain(a)
        moved = ProtocolClient(b.ws_url, session=session, token=token, hello=PAGE)
        assert moved.session_message["session"] == session and moved.session_message["token"] == token
        assert moved.session_message["resumed"] is True
        assert moved.session_message["restored"] == {"lost": ["session_state['lock']"]}  # a lock cannot be pickled
        moved.until_finished(timeout=10)
        # The keyed slider's value is in session_state before the slider is drawn, as it was on replica a.
        assert moved.texts() == ["early=42", "count=1", "level=42", "name=Ada", "files=notes.txt:hello"]
        moved.send({"type": "rerun", "widgets": {}, "trigger": moved.widget("button", "Add")})
        moved.until_finished(timeout=10)
        assert "count=2" in moved.texts()  # it goes on here
        held = b.call(lambda: b.engine.sessions.get(session))
        assert held is not None and not held.closed


def test_the_token_guards_a_stored_session(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with two_replicas(tmp_path) as (store, a, b), caplog.at_level(logging.INFO, "porch.sessions"):
        client = ProtocolClient(a.ws_url, hello=PAGE)
        fill(client, a, {})
        drain(a)
        thief = ProtocolClient(b.ws_url, session=client.session_id, token="not-the-token-at-all", hello=PAGE)
        assert thief.session_message["resumed"] is False and "restored" not in thief.session_message
        assert thief.session_id.startswith("b.")
        thief.until_finished(timeout=10)
        assert "count=0" in thief.texts()
        owner = ProtocolClient(b.ws_url, session=client.session_id, token=client.token, hello=PAGE)
        assert owner.session_id == client.session_id and "restored" in owner.session_message


def test_a_file_beyond_the_bound_stays_behind_and_is_named(tmp_path: Path) -> None:
    with two_replicas(tmp_path, handoff_max_upload_bytes=8) as (store, a, b):
        client = ProtocolClient(a.ws_url, hello=PAGE)
        fill(client, a, {"small.txt": b"tiny", "big.txt": b"far too big to carry"})
        drain(a)
        moved = ProtocolClient(b.ws_url, session=client.session_id, token=client.token, hello=PAGE)
        assert moved.session_message["restored"] == {"lost": ["session_state['lock']", "the file 'big.txt'"]}
        moved.until_finished(timeout=10)
        assert "files=small.txt:tiny" in moved.texts() and "level=42" in moved.texts()


def test_the_store_keeps_a_session_for_its_ttl_from_when_it_was_last_seen(tmp_path: Path) -> None:
    with two_replicas(tmp_path, session_ttl=30.0) as (store, a, b):
        client = ProtocolClient(a.ws_url, hello=PAGE)
        client.until_finished(timeout=10)
        key = f"porch:session:{client.session_id}"
        wait_until(lambda: store.client.exists(key), 10, "the first snapshot")
        assert 0 < store.client.pttl(key) <= 30_000
        client.close()  # the page went away: the store forgets it when replica a would
        held = a.call(lambda: a.engine.sessions.get(client.session_id))
        handoff = a.engine.sessions.handoff
        assert held is not None and handoff is not None
        wait_until(lambda: not a.call(lambda: held.connected), 10, "replica a to see the page go")
        handoff.writer.refresh()
        assert 0 < store.client.pttl(key) <= 30_000


def test_a_store_that_stops_answering_costs_the_move_not_the_app(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with two_replicas(tmp_path) as (store, a, b), caplog.at_level(logging.WARNING, "porch.store"):
        client = ProtocolClient(a.ws_url, hello=PAGE)
        client.until_finished(timeout=10)
        store.close()  # redis-server stops
        for count in (1, 2, 3):
            client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button", "Add")})
            client.until_finished(timeout=10)
            assert f"count={count}" in client.texts()
        wait_until(lambda: any("did not answer" in r.getMessage() for r in caplog.records), 20, "the outage logged")
        outages = [r for r in caplog.records if "sessions do not move" in r.getMessage()]
        assert len(outages) == 1, [r.getMessage() for r in caplog.records]
        newcomer = ProtocolClient(b.ws_url, session=client.session_id, token=client.token, hello=PAGE)
        assert newcomer.session_message["resumed"] is False and newcomer.session_id.startswith("b.")
