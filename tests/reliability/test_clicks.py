"""A click is never lost, nor counted twice: each click on a trigger widget (a button, a form's submit, a chat
message...) gives one run in which that widget reads True (or its message), however fast the clicks come, while
values that are state (a slider) still merge into the newest one. A flood is bounded (``max_queued_clicks``) and the
excess refused with an error naming the limit.

The apps wait on a gate file in the run of the first click, so every later click arrives while that run is going:
the case where clicks used to merge into one pending request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.reliability import CLICKS_APP, click_storm, porch_server, run_coroutine
from engine_harness import ProtocolClient, running_engine
from porch.protocol import Rerun
from porch.testing import AppTest

#: Clicks sent back to back; the bounded CI version of the benchmark's flood.
CLICKS = 50

#: The first click's run shows "waiting" and holds until the gate file exists (``GATE`` is given by the test).
COUNTER = """
import os, time
import porch as st
st.title("Clicks")  # a Porch call before the button: a newer request could end a run here, before its click counted
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.button("Go"):
    st.session_state.clicks += 1
    if st.session_state.clicks == 1:
        st.text("waiting")
        while not os.path.exists(GATE):
            time.sleep(0.005)
size = st.slider("Size", 0, 100, 0)
st.text(f"clicks={st.session_state.clicks} size={size}")
"""

CHAT = """
import os, time
import porch as st
st.title("Chat")
said = st.session_state.setdefault("said", [])
message = st.chat_input("Say")
if message is not None:
    said.append(message)
    if len(said) == 1:
        st.text("waiting")
        while not os.path.exists(GATE):
            time.sleep(0.005)
st.text(f"said={len(said)}")
"""

FORM = """
import os, time
import porch as st
st.title("Form")
sent = st.session_state.setdefault("sent", [])
with st.form("f"):
    name = st.text_input("Name")
    submitted = st.form_submit_button("Send")
if submitted:
    sent.append(name)
    if len(sent) == 1:
        st.text("waiting")
        while not os.path.exists(GATE):
            time.sleep(0.005)
"""


def gated(source: str, gate: Path) -> str:
    return f"GATE = {str(gate)!r}\n" + source


def wait_for_text(at: AppTest, text: str) -> None:
    """Let the session work (AppTest's loop runs on the test thread) until the page shows ``text``."""
    if not at._loop.run_until(lambda: any(text in value for value in at.text.values), 30):
        raise AssertionError(f"the page never showed {text!r}: {at.text.values}")


def settle(at: AppTest) -> AppTest:
    """Wait until every queued run has ended."""
    return at.wait(0, timeout=60)


def finished_statuses(at: AppTest) -> list[str]:
    return [m["status"] for m in at.messages if m["type"] == "run" and m["state"] == "finished"]


# -- AppTest: the real session and runner -------------------------------------------------------------------------


def test_every_click_sent_while_a_run_is_going_counts_once(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    at = AppTest.from_string(gated(COUNTER, gate)).run()
    button = at.button[0].id
    at._session.receive(Rerun(trigger=button))
    wait_for_text(at, "waiting")  # the first click's run is going: the next clicks arrive during it
    for _ in range(CLICKS - 1):
        at._session.receive(Rerun(trigger=button))
    gate.touch()
    settle(at)
    assert at.session_state["clicks"] == CLICKS
    assert at.text.values[-1] == f"clicks={CLICKS} size=0"
    at.send(Rerun())
    assert at.session_state["clicks"] == CLICKS, "a plain rerun after the clicks must not count one more"


def test_a_click_waits_behind_the_same_buttons_click_whose_run_was_superseded(tmp_path: Path) -> None:
    """A run ended by a newer request before it reached its button keeps that click for the next run; a second click
    of the same button that arrives meanwhile gets a run of its own, after it."""
    gate = tmp_path / "gate"
    gate.touch()
    at = AppTest.from_string(gated(COUNTER, gate)).run()
    button, slider = at.button[0].id, at.slider[0].id
    for value in range(1, CLICKS + 1):  # clicks and slider moves interleaved, back to back
        at._session.receive(Rerun(trigger=button))
        at._session.receive(Rerun(widgets={slider: value}))
    settle(at)
    assert at.session_state["clicks"] == CLICKS
    assert at.text.values[-1] == f"clicks={CLICKS} size={CLICKS}"


def test_state_values_still_merge_into_the_newest(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    at = AppTest.from_string(gated(COUNTER, gate)).run()
    button, slider = at.button[0].id, at.slider[0].id
    before = len(finished_statuses(at))
    at._session.receive(Rerun(trigger=button))
    wait_for_text(at, "waiting")
    for value in range(1, CLICKS + 1):
        at._session.receive(Rerun(widgets={slider: value}))
        assert len(at._session.pending) == 1, "a slider's moves merge into one pending request"
    gate.touch()
    settle(at)
    assert at.text.values[-1] == f"clicks=1 size={CLICKS}"
    # The click's run (ended by the moves), then one run for all the moves.
    assert finished_statuses(at)[before:] == ["rerun", "ok"]


def test_every_chat_message_sent_while_a_run_is_going_is_read_once(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    at = AppTest.from_string(gated(CHAT, gate)).run()
    field = at.chat_input[0].id
    at._session.receive(Rerun(widgets={field: "m0"}, trigger=field))
    wait_for_text(at, "waiting")
    for index in range(1, CLICKS):
        at._session.receive(Rerun(widgets={field: f"m{index}"}, trigger=field))
    gate.touch()
    settle(at)
    assert at.session_state["said"] == [f"m{index}" for index in range(CLICKS)]


def test_every_form_submit_runs_with_the_values_sent_with_it(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    at = AppTest.from_string(gated(FORM, gate)).run()
    name, submit = at.text_input[0].id, at.button[0].id
    at._session.receive(Rerun(widgets={name: "n0"}, trigger=submit))
    wait_for_text(at, "waiting")
    for index in range(1, 10):
        at._session.receive(Rerun(widgets={name: f"n{index}"}, trigger=submit))
    gate.touch()
    settle(at)
    assert at.session_state["sent"] == [f"n{index}" for index in range(10)]


# -- a real engine over a real WebSocket --------------------------------------------------------------------------


def is_text(body: str) -> Any:
    return lambda m: m["type"] == "delta" and m["element"]["props"].get("body") == body


def test_clicks_sent_back_to_back_over_a_socket_are_all_counted(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    with running_engine(gated(COUNTER, gate)) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        button = client.widget("button")
        client.send({"type": "rerun", "widgets": {}, "trigger": button})
        client.until(is_text("waiting"))
        for _ in range(CLICKS - 1):
            client.send({"type": "rerun", "widgets": {}, "trigger": button})
        gate.touch()
        client.until(is_text(f"clicks={CLICKS} size=0"), timeout=60)
        client.send({"type": "rerun", "widgets": {}})
        client.until_finished(status="ok", timeout=30)
        assert f"clicks={CLICKS} size=0" in client.texts()
        assert not [m for m in client._unread if m["type"] == "error"]


def test_clicks_beyond_the_queue_bound_are_refused_with_the_limit_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    gate = tmp_path / "gate"
    with running_engine(gated(COUNTER, gate), max_queued_clicks=5) as server:
        client = ProtocolClient(server.ws_url)
        client.until_finished()
        button = client.widget("button")
        client.send({"type": "rerun", "widgets": {}, "trigger": button})
        client.until(is_text("waiting"))  # the first click's run holds; 5 more may wait for theirs
        for _ in range(20):
            client.send({"type": "rerun", "widgets": {}, "trigger": button})
        refusals = [client.until(lambda m: m["type"] == "error") for _ in range(15)]
        assert {m["code"] for m in refusals} == {"too_many_clicks"}
        assert "max_queued_clicks" in refusals[0]["message"] and "5" in refusals[0]["message"]
        gate.touch()
        client.until(is_text("clicks=6 size=0"), timeout=60)
        client.send({"type": "rerun", "widgets": {}})
        client.until_finished(status="ok", timeout=30)
        assert "clicks=6 size=0" in client.texts()
    logged = [r for r in caplog.records if "max_queued_clicks" in r.getMessage()]
    assert len(logged) == 1, "one line in the log per session, not one per refused click"


def test_clients_clicking_in_bursts_against_a_server_process_lose_no_click() -> None:
    """``python -m benchmarks reliability``'s clicks measure, bounded: clients each send bursts of 1 to 5 clicks back to
    back and wait until their page counts them all, against ``porch run --headless`` (the benchmark: 100 clients for
    60 s)."""
    with porch_server(CLICKS_APP) as server:
        result = run_coroutine(click_storm(server.ws_url, clients=10, rounds=20))
    assert result["refused"] == 0, result["errors"]
    assert result["sent"] == result["counted"] > 10 * 20
    assert result["sessions_short"] == 0
