"""Hostile input on the session socket, over real sockets against a real engine: what a client sends is checked where
it enters (the protocol parser), what a session holds for a client is bounded, invalid messages are a budget of the
connection, and nothing a client or a script puts in a string stops a session from sending its frames."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from engine_harness import EngineThread, ProtocolClient, running_engine
from porch import protocol
from porch.protocol import MAX_QUERY_CHARS, MAX_QUERY_VALUES, encode_frame, parse_client_message
from porch.session import Session


def session_of(server: EngineThread, client: ProtocolClient) -> Session:
    session = server.engine.sessions.get(client.session_id)
    assert isinstance(session, Session)  # the default isolation: a session of this process
    return session


def errors(client: ProtocolClient, code: str) -> dict[str, Any]:
    return client.until(lambda m: m["type"] == "error" and m["code"] == code)


def sync(client: ProtocolClient) -> None:
    """Wait until the server has handled everything sent before: an invalid message is answered at once, in order."""
    client.send({"type": "sync-probe"})
    errors(client, "unknown_type")


def raw_rerun(widgets: dict[str, str], trigger: str | None = None) -> str:
    """A rerun message as JSON text whose string values are given as JSON source (escapes such as ``\\ud800`` kept
    as they are, as a browser's ``JSON.stringify`` writes them)."""
    body = ",".join(f"{json.dumps(widget)}:{value}" for widget, value in widgets.items())
    extra = "" if trigger is None else f',"trigger":{json.dumps(trigger)}'
    return '{"type":"rerun","widgets":{' + body + "}" + extra + "}"


# -- lone surrogates ------------------------------------------------------------------------------------------------

CHAT = """
import porch as st
@st.cache_resource
def said():
    return []
message = st.chat_input("Say")
if message is not None:
    said().append(message)
st.text("said: " + " | ".join(said()))
"""


def test_a_lone_surrogate_from_a_client_is_replaced_and_every_session_goes_on() -> None:
    """Shared state (a chat list) holding what one client sent: before, a lone surrogate in it stopped the frames of
    every session that showed it."""
    with running_engine(CHAT) as server:
        sender = ProtocolClient(server.ws_url)
        sender.until_finished(status="ok")
        chat = sender.widget("chat_input")
        sender.send(raw_rerun({chat: '"hi \\ud800 there"'}, trigger=chat))
        sender.until_finished(status="ok")
        assert "said: hi \ufffd there" in sender.texts()

        other = ProtocolClient(server.ws_url)
        other.until_finished(status="ok")
        assert "said: hi \ufffd there" in other.texts()
        sender.send({"type": "rerun", "widgets": {chat: "again"}, "trigger": chat})
        sender.until_finished(status="ok")
        assert "said: hi \ufffd there | again" in sender.texts()


def test_lone_surrogates_are_replaced_in_every_string_a_client_sends() -> None:
    message = parse_client_message(
        '{"type":"rerun","widgets":{"k:a\\udc00":"x\\ud800","k:b":["\\ud83d\\ude00","\\udfff"]},"trigger":"k:\\ud801",'
        '"query":{"q\\ud800":["\\ud800"]},"page":"p\\ud800"}'
    )
    assert message == parse_client_message(
        '{"type":"rerun","widgets":{"k:a\ufffd":"x\ufffd","k:b":["\U0001f600","\ufffd"]},"trigger":"k:\ufffd",'
        '"query":{"q\ufffd":["\ufffd"]},"page":"p\ufffd"}'
    )
    hello = parse_client_message('{"type":"hello","protocol":1,"session":"\\ud800","token":"t\\udbff"}')
    assert hello == parse_client_message('{"type":"hello","protocol":1,"session":"\ufffd","token":"t\ufffd"}')
    raw = parse_client_message('{"type":"rerun","widgets":{"k:a":"raw \ud800"}}')  # a str holding one, not escaped
    assert raw == parse_client_message('{"type":"rerun","widgets":{"k:a":"raw \ufffd"}}')


SCRIPT_SURROGATE = """
import porch as st
st.text("broken \\ud800 text")
st.session_state.runs = st.session_state.get("runs", 0) + 1
st.text(f"run {st.session_state.runs}")
st.button("Again")
"""


def test_a_script_that_shows_a_lone_surrogate_keeps_its_session(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frame carries it as a JSON escape (a browser reads back the same string); the session reruns and
    resumes as any other, and the log says so once (per process)."""
    caplog.set_level(logging.WARNING, logger="porch.protocol")
    monkeypatch.setattr(protocol, "_warned", set(), raising=False)
    with running_engine(SCRIPT_SURROGATE, session_ttl=30) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished(status="ok")
        assert client.texts() == ["broken \ud800 text", "run 1"]
        client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button")})
        client.until_finished(status="ok")
        assert client.texts() == ["broken \ud800 text", "run 2"]
        session, token = client.session_id, client.token
        client.close()
        resumed = ProtocolClient(server.ws_url, session=session, token=token)
        assert resumed.session_message["resumed"] is True  # its first frame rebuilt the page
        assert resumed.texts() == ["broken \ud800 text", "run 2"]
    assert len([r for r in caplog.records if "surrogates" in r.getMessage()]) == 1


class Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("no text for you")


def test_a_frame_is_always_encoded_as_utf8_json() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    frame: list[dict[Any, Any]] = [
        {"type": "delta", "text": "a\ud800b\udfff", "fine": "\U0001f600"},
        {"type": "delta", "nan": float("nan"), "inf": [float("inf")], (1, 2): "tuple key"},
        {"type": "delta", "odd": Unprintable()},
        {"type": "delta", "cycle": cycle},
    ]
    encoded = encode_frame(frame)
    text = encoded.decode() if isinstance(encoded, bytes) else encoded
    text.encode("utf-8")  # strict: no lone surrogate left
    decoded = json.loads(text)
    assert decoded[0] == {"type": "delta", "text": "a\ud800b\udfff", "fine": "\U0001f600"}
    assert decoded[1] == {"type": "delta", "nan": None, "inf": [None], "(1, 2)": "tuple key"}
    assert [m["type"] for m in decoded[2:]] == ["error", "error"]
    assert {m["code"] for m in decoded[2:]} == {"unencodable"}


# -- pending input --------------------------------------------------------------------------------------------------

HOLD = """
import os, time
import porch as st
t = st.text_area("T")
u = st.text_area("U")
st.text(f"t={len(t)} u={len(u)}")
if st.button("Hold"):
    st.text("holding")
    while not os.path.exists(GATE):
        time.sleep(0.005)
"""


@pytest.fixture
def gate(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "gate"
    yield path
    path.touch()  # never leave a run waiting


def holding(server: EngineThread, gate: Path) -> ProtocolClient:
    """A client whose session's run is busy (in pure Python, no checkpoint) until ``gate`` exists."""
    client = ProtocolClient(server.ws_url)
    client.until_finished(status="ok")
    client.send({"type": "rerun", "widgets": {}, "trigger": client.widget("button")})
    client.until(lambda m: m["type"] == "delta" and m["element"].get("props", {}).get("body") == "holding")
    return client


def test_values_of_unknown_widgets_do_not_pile_up_while_a_run_is_busy(gate: Path) -> None:
    """Before, every unknown id sent while a run was busy was kept for the next run: +1 GB in 8 s."""
    with running_engine(HOLD.replace("GATE", repr(str(gate)))) as server:
        client = holding(server, gate)
        text = client.widget("text_area", "T")
        for batch in range(100):
            widgets = {f"w-unknown-{batch}-{i}": "x" * 100 for i in range(100)}
            client.send({"type": "rerun", "widgets": {**widgets, text: f"value {batch}"}, "trigger": f"gone-{batch}"})
        sync(client)
        session = session_of(server, client)
        held = server.call(lambda: [(dict(r.widgets), set(r.triggers)) for r in session.pending])
        assert held == [({text: "value 99"}, set())]
        assert server.call(lambda: session.pending.input_bytes) < 1000
        gate.touch()
        client.until(lambda m: m["type"] == "delta" and m["element"].get("props", {}).get("body") == "t=8 u=0")


def test_pending_input_is_bounded_and_a_refused_value_is_shown_again(gate: Path) -> None:
    budget = 64 * 1024
    with running_engine(HOLD.replace("GATE", repr(str(gate))), max_pending_input_bytes=budget) as server:
        client = holding(server, gate)
        t, u = client.widget("text_area", "T"), client.widget("text_area", "U")
        client.send({"type": "rerun", "widgets": {t: "a" * 40_000}})
        client.send({"type": "rerun", "widgets": {t: "b" * 40_000}})  # replaces the first: the same memory
        client.send({"type": "rerun", "widgets": {u: "c" * 40_000}})  # both would take more than the budget
        refusal = errors(client, "too_large")
        assert str(budget) in refusal["message"] and "--max-pending-input-mb" in refusal["message"]
        shown = client.until(lambda m: m["type"] == "delta" and m["element"].get("id") == u)
        assert shown["element"]["props"]["value"] == ""  # what the session holds, not what the client sent
        gate.touch()
        client.until(lambda m: m["type"] == "delta" and m["element"].get("props", {}).get("body") == "t=40000 u=0")
        client.until_finished(status="ok")
        client.send({"type": "rerun", "widgets": {u: "c" * 40_000}})  # nothing waits now: it fits
        client.until(lambda m: m["type"] == "delta" and m["element"].get("props", {}).get("body") == "t=40000 u=40000")


def test_a_hello_query_is_bounded_by_what_an_address_carries() -> None:
    """Before, a session kept up to 200,000 characters of query it might never read (+199 MB for 1,000 sessions)."""
    from porch.protocol import ProtocolError

    with pytest.raises(ProtocolError) as refused:
        parse_client_message(json.dumps({"type": "hello", "protocol": 1, "query": {"q": ["x" * 100_000]}}))
    assert refused.value.code == "too_large"
    largest = {f"n{i}": ["v"] for i in range(MAX_QUERY_VALUES - 1)}
    largest["big"] = ["x" * (MAX_QUERY_CHARS - sum(len(n) + 1 for n in largest) - 3)]
    with running_engine("import porch as st\nst.text(str(len(st.query_params)))\n") as server:
        client = ProtocolClient(server.ws_url, hello={"query": largest})
        client.until_finished(status="ok")
        session = session_of(server, client)
        held = server.call(lambda: deep_size(session.query))
    assert held < 96 * 1024


def deep_size(query: dict[str, list[str]]) -> int:
    return sys.getsizeof(query) + sum(
        sys.getsizeof(name) + sys.getsizeof(values) + sum(map(sys.getsizeof, values)) for name, values in query.items()
    )


# -- invalid messages ------------------------------------------------------------------------------------------------


def test_invalid_messages_are_a_budget_of_the_connection_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    """Before, each invalid message wrote a log line, and a valid one between reset the count: never closed."""
    caplog.set_level(logging.INFO, logger="porch.http.socket")
    with running_engine("import porch as st\nst.text('hi')\n", max_invalid_messages=30) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished(status="ok")
        for _ in range(29):
            client.send("{bad")
            client.send({"type": "stop"})  # valid, in between
        for _ in range(29):
            errors(client, "bad_json")
        assert len([r for r in caplog.records if r.name == "porch.http.socket"]) == 1
        client.ws.send(b"\x00\x01\x02\x03")  # the 30th: a binary four-byte message
        errors(client, "binary")
        with pytest.raises(ConnectionClosed):
            client.receive_frame()
        assert client.ws.close_code == 1008 and client.ws.close_reason == "too many invalid messages"
        assert len([r for r in caplog.records if r.name == "porch.http.socket"]) == 2
        closing = caplog.records[-1].getMessage()
        assert "30 invalid messages" in closing and "--max-invalid-messages" in closing
        fresh = ProtocolClient(server.ws_url)  # the server goes on
        fresh.until_finished(status="ok")


# -- smaller ---------------------------------------------------------------------------------------------------------


def test_a_non_ascii_resume_token_gets_a_new_session() -> None:
    """Before, it raised in the session manager and the client got no answer at all."""
    with running_engine("import porch as st\nst.text('hi')\n", session_ttl=30) as server:
        first = ProtocolClient(server.ws_url)
        first.until_finished(status="ok")
        first.close()
        for token in ("jeton-\u00e9t\u00e9", "\\ud800", "\U0001f600" * 3):
            client = ProtocolClient(server.ws_url, session=first.session_id, token=token)
            assert client.session_message["resumed"] is False and client.session_id != first.session_id
            client.until_finished(status="ok")
            client.close()
        again = ProtocolClient(server.ws_url, session=first.session_id, token=first.token)
        assert again.session_message["resumed"] is True


NUMBERS = """
import porch as st
x = st.number_input("X", value=1.5)
n = st.number_input("N", value=1, max_value=10)
st.text(f"x={x!r} n={n!r}")
"""


def test_a_float_number_input_takes_any_json_number_and_a_refused_one_is_shown_again() -> None:
    with running_engine(NUMBERS) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished(status="ok")
        x, n = client.widget("number_input", "X"), client.widget("number_input", "N")
        client.send(raw_rerun({x: "100000000000000000000"}))  # 1e20 as JavaScript writes it
        client.until(lambda m: m["type"] == "delta" and m["element"].get("props", {}).get("body") == "x=1e+20 n=1")
        client.until_finished(status="ok")

        client.send(raw_rerun({x: "1" + "0" * 400}))  # beyond any double: refused where it enters
        assert "double" in errors(client, "bad_value")["message"]
        shown = client.until(lambda m: m["type"] == "delta" and m["element"].get("id") == x)
        assert shown["element"]["props"]["value"] == 1e20

        client.send({"type": "rerun", "widgets": {n: 11}})  # beyond its max: refused by its codec
        errors(client, "bad_value")
        shown = client.until(lambda m: m["type"] == "delta" and m["element"].get("id") == n)
        assert shown["element"]["props"]["value"] == 1
        client.until_finished(status="ok")
        assert "x=1e+20 n=1" in client.texts()

