"""``@porch.fragment(parallel=True)``: in a full run the fragment runs in a thread of its own, beside the script and
the other parallel fragments, into its own block; the run ends when all have (Streamlit 1.67's ``parallel``).

Concurrency is shown, not timed: fragments that wait for each other at a ``Barrier`` finish only if they run at the
same time (run in order, the first would wait for the barrier's timeout and show ``BrokenBarrierError``). Events force
every other interleaving; nothing here sleeps or reads a clock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine_harness import ProtocolClient, running_engine
from porch.config import DEFAULT_PARALLEL_FRAGMENT_WORKERS
from porch.protocol import Rerun, Stop
from porch.shell import settings as launch
from porch.shell.serve import engine_config
from porch.testing import AppTest
from support import app

#: Seconds a test's barrier or event waits before it gives up: far beyond what the waits take, even under load.
PATIENCE = 20.0


def run(script: Callable[..., Any], *args: Any, workers: int | None = None) -> AppTest:
    """The first run of ``script`` (a function, given ``args``), with ``workers`` threads for parallel fragments."""
    at = AppTest.from_function(script, args=args)
    if workers is not None:
        at._session.options["runner.parallelMaxWorkers"] = workers
    return at.run(timeout=60)


def statuses(at: AppTest) -> list[str]:
    return [str(message["status"]) for message in at._client.finished_runs]


def when(event: threading.Event, at: AppTest, message: Any) -> threading.Thread:
    """Deliver ``message`` to the session (on its loop, as a page would) once ``event`` is set: during a run."""

    def deliver() -> None:
        if event.wait(PATIENCE):
            at._loop.call_soon_threadsafe(at._session.receive, message)

    thread = threading.Thread(target=deliver, daemon=True)
    thread.start()
    return thread


def block_of(at: AppTest, key: str) -> list[int]:
    """The path of the block of the fragment with ``key``."""
    return [list(f.path) for f in at._session.fragments.values() if f.key == key][0]


# -- running at the same time ------------------------------------------------------------------------------------


def _meeting(barrier: "threading.Barrier") -> None:
    import porch as st

    st.title("Top")

    @st.fragment(parallel=True)
    def left() -> None:
        st.write("left starts")
        barrier.wait(20)
        st.write("left ends")

    @st.fragment(parallel=True)
    def right() -> None:
        st.write("right starts")
        barrier.wait(20)
        st.write("right ends")

    left()
    right()
    barrier.wait(20)  # the script too, while both fragments are under way
    st.write("script ends")


def test_parallel_fragments_run_at_the_same_time_as_each_other_and_the_script() -> None:
    at = run(_meeting, threading.Barrier(3))
    assert not at.exception, at.exception[0].message
    assert at.markdown.values == ["left starts", "left ends", "right starts", "right ends", "script ends"]
    assert at.title.values == ["Top"] and at.run_status == "ok"
    # Again: every full run runs them so, with the widgets and blocks of the first.
    at.run()
    assert not at.exception and at.markdown.values[-1] == "script ends"


def _finishing_out_of_order(done: "threading.Event", finished: "list[str]") -> None:
    import porch as st

    @st.fragment(parallel=True, key="first")
    def first() -> None:
        st.write("first, called first")
        done.wait(20)  # until the second has finished
        st.write("first, finished last")
        finished.append("first")

    @st.fragment(parallel=True, key="second")
    def second() -> None:
        st.write("second")
        finished.append("second")
        done.set()

    first()
    st.write("between")
    second()
    st.write("after")


def test_the_page_keeps_the_scripts_order_whichever_fragment_finishes_first() -> None:
    finished: list[str] = []
    at = run(_finishing_out_of_order, threading.Event(), finished)
    assert finished == ["second", "first"]
    assert at.markdown.values == ["first, called first", "first, finished last", "between", "second", "after"]
    first, second = block_of(at, "first"), block_of(at, "second")
    assert first[:-1] == second[:-1] and first[-1] < second[-1]  # blocks where the script called them


def _limited(release: "threading.Event", events: "list[str]") -> None:
    import porch as st

    @st.fragment(parallel=True)
    def waits() -> None:
        events.append("waits starts")
        # The other fragment would set it, if it could run now; with one thread it runs only after this one.
        events.append("released" if release.wait(0.5) else "not released")

    @st.fragment(parallel=True)
    def releases() -> None:
        events.append("releases starts")
        release.set()

    waits()
    releases()
    st.write(f"workers {st.get_option('runner.parallelMaxWorkers')}")


def test_runner_parallel_max_workers_bounds_the_fragments_running_at_once(caplog: pytest.LogCaptureFixture) -> None:
    events: list[str] = []
    with caplog.at_level(logging.INFO, logger="porch.parallel"):
        at = run(_limited, threading.Event(), events, workers=1)
        assert events == ["waits starts", "not released", "releases starts"]
        assert at.markdown.values == ["workers 1"] and at.run_status == "ok"
        at.run()
    told = [r.getMessage() for r in caplog.records if "parallel_fragment_workers" in r.getMessage()]
    assert len(told) == 1  # once per session, not once per run
    assert "--parallel-fragment-workers" in told[0] and "PORCH_PARALLEL_FRAGMENT_WORKERS" in told[0]


def _nested(barrier: "threading.Barrier") -> None:
    import porch as st

    @st.fragment(parallel=True, key="inner")
    def inner() -> None:
        st.write("inner")
        barrier.wait(20)

    @st.fragment(parallel=True, key="outer")
    def outer() -> None:
        st.write("outer")
        inner()
        barrier.wait(20)  # inner runs beside it
        st.write("outer ends")

    outer()


def test_a_parallel_fragment_inside_another_runs_beside_it_inside_its_block() -> None:
    at = run(_nested, threading.Barrier(2))
    assert not at.exception, at.exception[0].message
    assert at.markdown.values == ["outer", "inner", "outer ends"]
    outer, inner = block_of(at, "outer"), block_of(at, "inner")
    assert inner[: len(outer)] == outer


# -- each fragment's context -------------------------------------------------------------------------------------


def _context(seen: "dict[str, Any]") -> None:
    import contextvars

    import porch as st

    import threading

    flavour: contextvars.ContextVar[str] = contextvars.ContextVar("flavour")
    flavour.set("the script's")
    st.session_state.setdefault("visits", 0)
    script = threading.get_ident()

    @st.fragment(parallel=True)
    def look() -> None:
        seen["own thread"] = threading.get_ident() != script
        seen["flavour"] = flavour.get()
        seen["mode"] = st.runtime.mode
        st.session_state.visits += 1
        seen["visits"] = st.session_state.visits
        flavour.set("the fragment's own")  # in its copy of the context

    look()
    st.write(f"visits {st.session_state.visits}")


def test_a_parallel_fragment_sees_its_sessions_run_context() -> None:
    seen: dict[str, Any] = {}
    at = run(_context, seen)
    assert seen == {"own thread": True, "flavour": "the script's", "mode": "test", "visits": 1}
    assert at.session_state["visits"] == 1
    at.run()
    assert seen["visits"] == 2 and at.session_state["visits"] == 2


def _widgets(barrier: "threading.Barrier", met: "threading.Event", count: "int") -> None:
    import porch as st

    def meet() -> None:
        if not met.is_set():  # the first run only: a fragment's rerun runs alone
            barrier.wait(20)

    @st.fragment(parallel=True, key="a")
    def a() -> None:
        meet()
        for i in range(count):
            st.number_input(f"a{i}", value=i, key=f"a{i}")

    @st.fragment(parallel=True, key="b")
    def b() -> None:
        meet()
        for i in range(count):
            st.number_input(f"b{i}", value=i, key=f"b{i}")

    a()
    b()
    meet()
    met.set()
    while True:  # read session_state while the fragments register their widgets into it
        keys = list(st.session_state)
        if len(keys) >= 2 * count:
            break
    st.write(f"{len(keys)} keys")


def test_widgets_of_parallel_fragments_register_consistently() -> None:
    count = 40
    at = run(_widgets, threading.Barrier(3), threading.Event(), count)
    assert not at.exception, at.exception[0].message
    assert at.markdown.values == [f"{2 * count} keys"]
    expected = {**{f"a{i}": i for i in range(count)}, **{f"b{i}": i for i in range(count)}}
    assert dict(at.session_state) == expected
    assert {w.key: w.value for w in at.number_input} == expected
    # A widget of one reruns that fragment only, which keeps its value; the other's stay.
    at.number_input(key="a3").set_value(99).run(timeout=60)
    assert at.session_state["a3"] == 99 and at.session_state["b3"] == 3
    at.run(timeout=60)  # a full run in parallel again, with the values kept
    assert {w.key: w.value for w in at.number_input} == {**expected, "a3": 99}


def _duplicate(barrier: "threading.Barrier") -> None:
    import porch as st

    @st.fragment(parallel=True)
    def one() -> None:
        barrier.wait(20)
        st.text_input("Name", key="same")

    @st.fragment(parallel=True)
    def other() -> None:
        barrier.wait(20)
        st.text_input("Name", key="same")

    one()
    other()


def test_one_key_in_two_parallel_fragments_is_a_duplicate_as_in_order() -> None:
    at = run(_duplicate, threading.Barrier(2))
    assert len(at.text_input) == 1
    assert len(at.exception) == 1 and "key='same'" in at.exception[0].message


# -- what a parallel fragment may not do -------------------------------------------------------------------------


REFUSED = """
from streamlit.errors import StreamlitInvalidLayoutContextError

@st.dialog("Hi")
def hello():
    st.write("in the dialog")

side = st.container()
side.write("the script's container")

@st.fragment(parallel=True)
def attempts():
    for name, attempt in [
        ("dialog", hello),
        ("switch_page", lambda: st.switch_page("app.py")),
        ("sidebar", lambda: st.sidebar.write("x")),
        ("bottom", lambda: st.bottom.write("x")),
        ("container", lambda: side.write("x")),
    ]:
        try:
            attempt()
        except StreamlitInvalidLayoutContextError as refused:
            st.session_state[name] = str(refused)
    with st.sidebar:
        st.write("with the sidebar")

attempts()
st.write("after")
"""


def test_what_a_parallel_fragment_may_not_do_raises_streamlits_error() -> None:
    at = app(REFUSED)
    state = at.session_state
    assert state["dialog"].startswith(
        "`@st.dialog` cannot be called from a parallel fragment during the initial page load, because parallel "
        "fragments run concurrently on separate threads where `@st.dialog` is not safe."
    )
    assert "gate the call behind a widget interaction" in state["dialog"]
    assert state["switch_page"].startswith("`st.switch_page` cannot be called from a parallel fragment")
    outside = (
        "Writing to a container created outside a parallel fragment, including `st.sidebar` and `st.bottom`, is not "
        "supported on a full app run or a later fragment rerun.\n\nTo fix this, move the element inside the "
        "fragment body."
    )
    assert state["sidebar"] == state["bottom"] == state["container"] == outside
    # Uncaught, it is shown in the fragment, as any exception of it.
    assert [e.message for e in at.exception] == [outside]
    assert at.sidebar.children == [] and at.markdown.values == ["the script's container", "after"]
    assert at.run_status == "error"


def _rerun_in_order(threads: "dict[str, int]") -> None:
    import threading

    import porch as st

    def note() -> None:
        threads["callback"] = threading.get_ident()

    @st.dialog("Details")
    def details() -> None:
        st.write("details")

    @st.fragment(parallel=True, key="panel")
    def panel() -> None:
        threads["panel"] = threading.get_ident()
        if st.button("Open", on_click=note):
            details()  # refused in the parallel run, fine in a rerun
        st.write("panel")

    threads["script"] = threading.get_ident()
    panel()


def test_a_parallel_fragments_rerun_runs_in_order_where_dialogs_work() -> None:
    threads: dict[str, int] = {}
    at = run(_rerun_in_order, threads)
    assert threads["panel"] != threads["script"]  # the full run: a thread of its own
    at.button[0].click().run()
    assert threads["panel"] == threads["callback"]  # the fragment's rerun: in the run's thread, after its callback
    assert not at.exception
    assert at.markdown.values == ["panel", "details"]
    assert at.run_status == "ok"


# -- errors, stops and reruns ------------------------------------------------------------------------------------


def _failing(done: "threading.Event") -> None:
    import porch as st

    @st.fragment(parallel=True, key="broken")
    def broken() -> None:
        st.write("before the error")
        raise ValueError("boom")

    @st.fragment(parallel=True, key="fine")
    def fine() -> None:
        st.write("the other one")
        done.set()

    broken()
    fine()
    done.wait(20)
    st.write("the script goes on")


def test_an_exception_in_a_parallel_fragment_shows_in_its_place() -> None:
    at = run(_failing, threading.Event())
    assert [e.message for e in at.exception] == ["boom"]
    assert at.markdown.values == ["before the error", "the other one", "the script goes on"]
    shown = at._client.tree  # the exception element sits inside the broken fragment's block
    home = block_of(at, "broken")
    paths = [path for path, node in _nodes(shown) if node.kind == "exception"]
    assert len(paths) == 1 and paths[0][: len(home)] == home
    assert at.run_status == "error"


def _nodes(tree: Any) -> list[tuple[list[int], Any]]:
    found: list[tuple[list[int], Any]] = []

    def walk(node: Any, path: list[int]) -> None:
        for index, child in enumerate(node.children):
            found.append(([*path, index], child))
            walk(child, [*path, index])

    for root_index, root in enumerate(tree.roots):
        walk(root, [root_index])
    return found


def _stops(stopped: "threading.Event") -> None:
    import porch as st

    @st.fragment(parallel=True)
    def halt() -> None:
        st.write("halting")
        try:
            st.stop()
        finally:
            stopped.set()

    halt()
    stopped.wait(20)
    st.write("never shown")


def test_stop_in_a_parallel_fragment_stops_the_run() -> None:
    at = run(_stops, threading.Event())
    assert at.markdown.values == ["halting"]
    assert at.run_status == "stopped"


def _long(started: "threading.Event", gate: "threading.Event", ended: "list[str]") -> None:
    import threading

    import porch as st

    st.session_state.runs = st.session_state.get("runs", 0) + 1
    script = threading.get_ident()

    @st.fragment(parallel=True)
    def slow() -> None:
        if st.session_state.runs == 1:
            spot = st.empty()
            started.set()
            try:
                while not gate.wait(0.01):
                    spot.text("waiting")  # a Porch call: where a newer request or Stop ends it
            finally:
                ended.append("slow" if threading.get_ident() != script else "slow, in the script's thread")
        st.write(f"slow, run {st.session_state.runs}")

    slow()
    st.write("script")


def test_a_rerun_request_ends_parallel_fragments_with_the_run() -> None:
    started, gate = threading.Event(), threading.Event()
    ended: list[str] = []
    at = AppTest.from_function(_long, args=(started, gate, ended))
    when(started, at, Rerun())
    at.run(timeout=60)
    assert ended == ["slow"] and not gate.is_set()
    assert statuses(at) == ["rerun", "ok"]
    assert at.markdown.values == ["slow, run 2", "script"]


def test_stop_ends_parallel_fragments_with_the_run() -> None:
    started, gate = threading.Event(), threading.Event()
    ended: list[str] = []
    at = AppTest.from_function(_long, args=(started, gate, ended))
    when(started, at, Stop())
    at.run(timeout=60)
    assert ended == ["slow"] and not gate.is_set()
    assert statuses(at) == ["stopped"]


def _stuck(started: "threading.Event", gate: "threading.Event", ended: "list[str]") -> None:
    import threading

    import porch as st

    script = threading.get_ident()

    @st.fragment(parallel=True)
    def spin() -> None:
        started.set()
        try:
            while not gate.is_set():  # pure Python, no Porch call
                pass
        finally:
            ended.append("spin" if threading.get_ident() != script else "spin, in the script's thread")

    spin()
    st.write("script")


def test_stop_interrupts_a_parallel_fragment_stuck_in_pure_python() -> None:
    started, gate = threading.Event(), threading.Event()
    ended: list[str] = []
    at = AppTest.from_function(_stuck, args=(started, gate, ended))
    when(started, at, Stop())
    try:
        at.run(timeout=60)
    finally:
        gate.set()
    assert ended == ["spin"]
    assert statuses(at) == ["stopped"]


# -- over a real socket ------------------------------------------------------------------------------------------


ENGINE_APP = """
import threading
import porch as st

meeting = threading.Barrier(2)
met = []

@st.fragment(parallel=True)
def left():
    st.write("left")
    if not met:  # the full run's: the fragment's rerun runs alone
        meeting.wait(20)
        met.append(True)
    st.button("Left button")

@st.fragment(parallel=True)
def right():
    st.write("right")
    meeting.wait(20)
    st.write("right again")

left()
right()
st.write(f"workers {st.get_option('runner.parallelMaxWorkers')}")
"""


def test_parallel_fragments_over_the_socket() -> None:
    with running_engine(ENGINE_APP, parallel_fragment_workers=3) as server:
        client = ProtocolClient(server.ws_url)
        finished = client.until_finished(timeout=30)
        assert finished["status"] == "ok"
        assert client.texts() == ["left", "right", "right again", "workers 3"]
        # The run's status came after every element of both fragments: nothing arrives later.
        button = client.widget("button", "Left button")
        client.send({"type": "rerun", "widgets": {}, "trigger": button})
        assert client.until_finished(timeout=30)["status"] == "ok"  # the fragment's rerun, in order
        assert client.texts() == ["left", "right", "right again", "workers 3"]


def test_the_bound_is_a_setting_streamlits_option_sets_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path))  # no global ~/.streamlit/config.toml of the machine's
    monkeypatch.chdir(tmp_path)
    app_dir = tmp_path / "app"
    (app_dir / ".streamlit").mkdir(parents=True)
    assert launch.load(app_dir, environ={}).parallel_fragment_workers == DEFAULT_PARALLEL_FRAGMENT_WORKERS
    (app_dir / ".streamlit" / "config.toml").write_text("[runner]\nparallelMaxWorkers = 2\n")
    settings = launch.load(app_dir, environ={})
    assert settings.parallel_fragment_workers == 2
    assert launch.load(app_dir, environ={"PORCH_PARALLEL_FRAGMENT_WORKERS": "5"}).parallel_fragment_workers == 5
    assert engine_config(settings).parallel_fragment_workers == 2
