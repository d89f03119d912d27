"""Every client message type, fuzzed with hypothesis against a real engine over a real WebSocket: each message gets
the answer docs/protocol.md gives for it, no exception escapes (nothing is logged at ERROR), no invalid value reaches
the script (the app checks every value it gets and fails its run otherwise), and the session still answers a valid
rerun after every message.

Each case is built with the answer it must get (``Case``): a valid message of a type, or one with a single fault
whose error code the documentation names. Invalid messages are a budget of the connection
(``max_invalid_messages``): the case that spends it must see the socket close with 1008, and the tab resumes its
session on a new connection, as a browser would.

How many cases: ``PORCH_FUZZ_EXAMPLES`` (default 300, what CI runs) for the messages of an open session, a tenth of it
(at least 30) for ``hello`` on new connections. The benchmark (``python -m benchmarks reliability``) asks for 10,000:
``PORCH_FUZZ_EXAMPLES=10000 python -m pytest tests/reliability/test_message_fuzz.py``, or ``run_suite(10_000)`` from
``tests/reliability/message_fuzz_suite.py``. With ``PORCH_FUZZ_REPORT=<file>``, each test writes how many cases it ran
and what answers they got into that JSON file.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from engine_harness import EngineThread, ProtocolClient, running_engine
from porch.protocol import (
    MAX_COLUMN_INDEX,
    MAX_DATA_ID_LENGTH,
    MAX_ID_LENGTH,
    MAX_LIST_VALUE,
    MAX_PAGE_PATH,
    MAX_QUERY_VALUES,
    MAX_ROWS_PER_REQUEST,
    MAX_SORT_KEYS,
    MAX_STRING_VALUE,
    MAX_WIDGETS_PER_MESSAGE,
    PROTOCOL_VERSION,
)

#: Cases of the main test; the hello test runs a tenth of it.
EXAMPLES = int(os.environ.get("PORCH_FUZZ_EXAMPLES", "300"))
HELLO_EXAMPLES = max(30, EXAMPLES // 10)
#: Small, so that the cases spend it often and the close is fuzzed too.
INVALID_BUDGET = 25
#: Generous: the machine is shared; nothing here measures time.
WAIT = 60.0


def _time_bound(cases: int) -> float:
    """pytest-timeout's bound for a test of ``cases`` cases (the project's 120 s would end a full run): a hang, not a
    speed, is what it catches."""
    return 120.0 + 0.5 * cases


#: Every value the script gets is checked here; a value a widget should never hold fails the run (status "error").
APP = """
import pandas as pd
import porch as st

OPTIONS = ["x", "y", "z"]
a = st.slider("A", 0, 10, 5)
b = st.slider("B", 0.0, 1.0, (0.25, 0.75))
c = st.selectbox("C", OPTIONS)
d = st.multiselect("D", [1, 2, 3], max_selections=2)
e = st.number_input("E", 0.0, 1.0, 0.5)
f = st.number_input("F", value=3)
g = st.text_input("G", max_chars=5)
h = st.text_area("H")
i = st.checkbox("I")
j = st.toggle("J")
k = st.radio("K", OPTIONS, index=None)
l = st.select_slider("L", options=["s", "m", "l"], value=("s", "l"))
m = st.pills("M", OPTIONS, selection_mode="multi")
n = st.segmented_control("N", OPTIONS)
o = st.color_picker("O")
p = st.button("P")
q = st.chat_input("Q")
probe = st.text_input("Probe")


@st.cache_resource
def table():
    return pd.DataFrame({"n": range(100), "s": [str(v) for v in range(100)]})


st.dataframe(table())  # the same frame each run: its data id stays


def text(value, most=None):
    if not isinstance(value, str) or (most is not None and len(value) > most):
        return False
    try:
        value.encode("utf-8")  # no lone surrogate ever reaches a script
    except UnicodeEncodeError:
        return False
    return True


checks = {
    "A": type(a) is int and 0 <= a <= 10,
    "B": isinstance(b, tuple) and len(b) == 2 and all(type(v) is float for v in b) and 0.0 <= b[0] <= b[1] <= 1.0,
    "C": c in OPTIONS,
    "D": isinstance(d, list) and len(d) <= 2 and len(set(d)) == len(d) and set(d) <= {1, 2, 3},
    "E": type(e) is float and 0.0 <= e <= 1.0,
    "F": type(f) is int,
    "G": text(g, 5),
    "H": text(h),
    "I": type(i) is bool,
    "J": type(j) is bool,
    "K": k is None or k in OPTIONS,
    "L": isinstance(l, tuple) and len(l) == 2 and all(v in ("s", "m", "l") for v in l),
    "M": isinstance(m, list) and len(set(m)) == len(m) and set(m) <= set(OPTIONS),
    "N": n is None or n in OPTIONS,
    "O": text(o, 7) and o.startswith("#"),
    "P": type(p) is bool,
    "Q": q is None or text(q),
    "Probe": text(probe),
}
wrong = sorted(name for name, ok in checks.items() if not ok)
if wrong:
    raise AssertionError(f"invalid values reached the script: {wrong}")
st.text(f"probe={probe}")
"""

WIDGET_LABELS = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "Probe")
TRIGGER_LABELS = ("P", "Q")


# -- cases: a message and the answer docs/protocol.md gives for it ----------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One client message and the answer it must get."""

    #: What goes on the wire (bytes: a binary message).
    raw: str | bytes
    #: ``refused`` (an ``error`` with ``code``, counted against the connection's budget), ``run`` (a valid rerun: a
    #: run ends, values that do not fit are refused with ``bad_value`` and shown again), ``run_stop`` (a rerun, then
    #: stop), ``stop``, ``rows`` (rows of the frame), ``rows_missing``, ``rows_refused`` (an ``error`` ``bad_rows``).
    answer: str
    code: str | None = None
    #: The widget ids a rerun names (a refused one's are sent again).
    named: tuple[str, ...] = ()
    #: What kind of case it is, for the report.
    kind: str = ""


@dataclass
class Page:
    """What the fuzzer knows of the app's page: widget ids by label, the frame's data id and size."""

    widgets: dict[str, str]
    data: str
    rows: int
    columns: int


def _json(value: Any) -> str:
    """JSON text as a browser sends it: lone surrogates as escapes (``ensure_ascii``), which the server replaces."""
    return json.dumps(value, ensure_ascii=True)


strings = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "x", "y", "z", "s", "m", "l", "#ff0000", "#12345g", "\ud800", "a\udfffb", "\udbff\udbff"]),
    st.text(alphabet=st.sampled_from("ab\u00e9\u4e2d\U0001f600\ud800\udc00\x00\n"), max_size=8),
)
numbers = st.one_of(
    st.integers(-3, 12),
    st.integers(-(2**80), 2**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.5, 1e20, -0.0, 2**53 + 1, 10**20]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, strings)
wire_values = st.one_of(scalars, st.lists(scalars, max_size=5), st.lists(st.integers(-1, 4), max_size=4))


def query_values() -> st.SearchStrategy[dict[str, list[str]]]:
    return st.dictionaries(st.text(max_size=6), st.lists(strings, max_size=3), max_size=4)


def page_paths() -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from("abc/-_\u00e9\ud800"), max_size=12)


@st.composite
def reruns(draw: st.DrawFn, page: Page) -> Case:
    """A valid rerun: values (fitting or not) for the page's widgets and for unknown ones, a click, a query, a page."""
    ids = [*page.widgets.values(), "w-unknown", "k:gone"]
    chosen = draw(st.lists(st.sampled_from(ids), max_size=5, unique=True))
    widgets = {widget: draw(wire_values) for widget in chosen}
    message: dict[str, Any] = {"type": "rerun", "widgets": widgets}
    if draw(st.booleans()):
        message["trigger"] = draw(st.sampled_from([*(page.widgets[t] for t in TRIGGER_LABELS), "k:gone"]))
    if draw(st.integers(0, 9)) == 0:
        message["query"] = draw(query_values())
    if draw(st.integers(0, 9)) == 0:
        message["page"] = draw(page_paths())
    answer = "run_stop" if draw(st.integers(0, 9)) == 0 else "run"
    named = (*widgets, *([message["trigger"]] if "trigger" in message else []))
    return Case(_json(message), answer, named=named, kind=answer)


#: One fault each, with the code the documentation gives for it.
RERUN_FAULTS: dict[str, tuple[str, Callable[[dict[str, Any], str], None]]] = {
    "nested value": ("bad_value", lambda m, w: m["widgets"].__setitem__(w, [[1]])),
    "object value": ("bad_value", lambda m, w: m["widgets"].__setitem__(w, {"a": 1})),
    "string too long": ("too_large", lambda m, w: m["widgets"].__setitem__(w, "x" * (MAX_STRING_VALUE + 1))),
    "list too long": ("too_large", lambda m, w: m["widgets"].__setitem__(w, [0] * (MAX_LIST_VALUE + 1))),
    "too many widgets": ("too_large", lambda m, w: m["widgets"].update(
        {f"w{i}": 0 for i in range(MAX_WIDGETS_PER_MESSAGE + 1)})),
    "empty id": ("bad_message", lambda m, w: m["widgets"].__setitem__("", 1)),
    "long id": ("bad_message", lambda m, w: m["widgets"].__setitem__("w" * (MAX_ID_LENGTH + 1), 1)),
    "trigger not text": ("bad_message", lambda m, w: m.__setitem__("trigger", 5)),
    "extra field": ("bad_message", lambda m, w: m.__setitem__("extra", True)),
    "query not object": ("bad_message", lambda m, w: m.__setitem__("query", ["a"])),
    "query values not text": ("bad_message", lambda m, w: m.__setitem__("query", {"a": [1]})),
    "query too large": ("too_large", lambda m, w: m.__setitem__("query", {"a": ["x"] * (MAX_QUERY_VALUES + 1)})),
    "page with control": ("bad_message", lambda m, w: m.__setitem__("page", "a\x01b")),
    "page too long": ("bad_message", lambda m, w: m.__setitem__("page", "p" * (MAX_PAGE_PATH + 1))),
}
#: Faults only raw JSON text can carry.
RAW_RERUN_FAULTS: dict[str, tuple[str, str]] = {
    "integer beyond a double": ("bad_value", "1" + "0" * 400),
    "number overflowing to infinity": ("bad_value", "1e400"),
    "NaN": ("bad_json", "NaN"),
}


@st.composite
def bad_reruns(draw: st.DrawFn, page: Page) -> Case:
    widget = draw(st.sampled_from(list(page.widgets.values())))
    named = draw(st.sampled_from(list(page.widgets.values())))
    if draw(st.integers(0, 4)) == 0:
        fault = draw(st.sampled_from(sorted(RAW_RERUN_FAULTS)))
        code, literal = RAW_RERUN_FAULTS[fault]
        raw = '{"type":"rerun","widgets":{' + _json(named) + ":1," + _json(widget + "!") + ":" + literal + "}}"
        listed = () if code == "bad_json" else (named, widget + "!")  # not JSON: no widgets were read
        return Case(raw, "refused", code, named=listed, kind=f"rerun: {fault}")
    fault = draw(st.sampled_from(sorted(RERUN_FAULTS)))
    code, spoil = RERUN_FAULTS[fault]
    message: dict[str, Any] = {"type": "rerun", "widgets": {named: draw(scalars)}}
    spoil(message, widget)
    widgets = message["widgets"]
    listed = tuple(w for w in widgets if 0 < len(w) <= MAX_ID_LENGTH)[:MAX_WIDGETS_PER_MESSAGE]
    return Case(_json(message), "refused", code, named=listed, kind=f"rerun: {fault}")


@st.composite
def rows_requests(draw: st.DrawFn, page: Page) -> Case:
    kind = draw(st.sampled_from(["valid", "past the end", "column not shown", "unknown id", "malformed"]))
    count = draw(st.integers(1, MAX_ROWS_PER_REQUEST))
    columns = draw(st.lists(st.integers(0, page.columns - 1), max_size=min(MAX_SORT_KEYS, page.columns), unique=True))
    sort = [[column, draw(st.sampled_from(["asc", "desc"]))] for column in columns]
    message: dict[str, Any] = {"type": "rows", "id": page.data, "start": draw(st.integers(0, page.rows)),
                               "count": count, "sort": sort}
    if kind == "valid":
        return Case(_json(message), "rows", kind="rows: valid")
    if kind == "past the end":
        message["start"] = draw(st.integers(page.rows + 1, 2**53))
        return Case(_json(message), "rows_refused", "bad_rows", kind="rows: past the end")
    if kind == "column not shown":
        message["sort"] = [[draw(st.integers(page.columns, MAX_COLUMN_INDEX)), "asc"]]
        return Case(_json(message), "rows_refused", "bad_rows", kind="rows: column not shown")
    if kind == "unknown id":
        alphabet = st.sampled_from("abcXYZ019-_\u00e9\ud800")
        message["id"] = draw(st.text(alphabet, min_size=1, max_size=MAX_DATA_ID_LENGTH))
        if message["id"] == page.data:
            return Case(_json(message), "rows", kind="rows: valid")
        return Case(_json(message), "rows_missing", kind="rows: unknown id")
    spoil = draw(st.sampled_from(["count 0", "count over", "start negative", "start bool", "id empty", "id long",
                                  "sort long", "sort twice", "sort direction", "extra", "no id"]))
    if spoil == "count 0":
        message["count"] = 0
    elif spoil == "count over":
        message["count"] = MAX_ROWS_PER_REQUEST + 1
    elif spoil == "start negative":
        message["start"] = -1
    elif spoil == "start bool":
        message["start"] = True
    elif spoil == "id empty":
        message["id"] = ""
    elif spoil == "id long":
        message["id"] = "i" * (MAX_DATA_ID_LENGTH + 1)
    elif spoil == "sort long":
        message["sort"] = [[0, "asc"]] * (MAX_SORT_KEYS + 1)
    elif spoil == "sort twice":
        message["sort"] = [[0, "asc"], [0, "desc"]]
    elif spoil == "sort direction":
        message["sort"] = [[0, "up"]]
    elif spoil == "extra":
        message["window"] = 1
    else:
        del message["id"]
    return Case(_json(message), "refused", "bad_message", kind=f"rows: {spoil}")


@st.composite
def garbage(draw: st.DrawFn) -> Case:
    """Messages that are no message: not JSON, not an object, no known type, binary, a stop with fields."""
    kind = draw(st.sampled_from(["text", "json", "type", "binary", "stop extra"]))
    if kind == "binary":
        return Case(draw(st.binary(max_size=8)), "refused", "binary", kind="binary")
    if kind == "stop extra":
        return Case(_json({"type": "stop", "why": draw(scalars)}), "refused", "bad_message", kind="stop with a field")
    if kind == "type":
        body = {"type": draw(st.one_of(st.text(max_size=8), st.none(), st.integers(), st.just("launch")))}
        if body["type"] in ("hello", "rerun", "stop", "rows"):
            body["type"] = "launch"
        return Case(_json(body), "refused", "unknown_type", kind="unknown type")
    raw = draw(st.text(max_size=30)) if kind == "text" else _json(draw(st.recursive(scalars, st.lists, max_leaves=5)))
    try:
        parsed = json.loads(raw, parse_constant=_no_constant)
    except ValueError:
        return Case(raw, "refused", "bad_json", kind="not JSON")
    if not isinstance(parsed, dict):
        return Case(raw, "refused", "bad_message", kind="not an object")
    assume(parsed.get("type") not in ("hello", "rerun", "stop", "rows"))  # random text that is a message: rare
    return Case(raw, "refused", "unknown_type", kind="unknown type")


def _no_constant(name: str) -> None:
    raise ValueError(name)


@st.composite
def session_cases(draw: st.DrawFn, page: Page) -> Case:
    """Any message an open session's connection may get."""
    kind = draw(st.sampled_from(["rerun"] * 4 + ["bad rerun", "stop", "rows", "garbage"] * 2 + ["hello"]))
    if kind == "rerun":
        return draw(reruns(page))
    if kind == "bad rerun":
        return draw(bad_reruns(page))
    if kind == "rows":
        return draw(rows_requests(page))
    if kind == "garbage":
        return draw(garbage())
    if kind == "stop":
        return Case(_json({"type": "stop"}), "stop", kind="stop")
    hello = draw(hellos())  # on a connection that said hello already: refused, for its fault or for coming again
    return Case(hello.raw, "refused", "unexpected" if hello.valid else hello.code, kind="hello again")


# -- hello ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HelloCase:
    raw: str
    valid: bool
    code: str | None = None
    #: Whether it names the session the test keeps (``resume``: with its token; ``wrong``: with another token).
    resume: str = ""
    kind: str = ""


HELLO_FAULTS: dict[str, tuple[str, str, Any]] = {
    "protocol": ("protocol_version", "protocol", 99),
    "no protocol": ("protocol_version", "protocol", None),
    "session not text": ("bad_message", "session", 5),
    "token too long": ("bad_message", "token", "t" * (MAX_ID_LENGTH + 1)),
    "query not object": ("bad_message", "query", ["a"]),
    "query too large": ("too_large", "query", {"a": ["x"] * (MAX_QUERY_VALUES + 1)}),
    "page with control": ("bad_message", "page", "a\nb"),
    "locale": ("bad_message", "locale", "en US"),
    "timezone": ("bad_message", "timezone", "Europe Paris"),
    "offset": ("bad_message", "timezone_offset", 24 * 60 + 1),
    "offset float": ("bad_message", "timezone_offset", 1.5),
    "theme": ("bad_message", "theme", "blue"),
    "url with query": ("bad_message", "url", "http://a.example/?q=1"),
    "url scheme": ("bad_message", "url", "javascript:alert(1)"),
    "extra": ("bad_message", "launch", True),
}


@st.composite
def hellos(draw: st.DrawFn) -> HelloCase:
    message: dict[str, Any] = {"type": "hello", "protocol": PROTOCOL_VERSION}
    optional = {
        "query": query_values(),
        "page": page_paths(),
        "locale": st.sampled_from(["en-US", "fr", "zh_Hant_TW"]),
        "timezone": st.sampled_from(["Europe/Paris", "UTC", "Etc/GMT+5"]),
        "timezone_offset": st.integers(-24 * 60, 24 * 60),
        "theme": st.sampled_from(["light", "dark"]),
        "url": st.sampled_from(["http://127.0.0.1:8501/", "https://apps.example/prices"]),
    }
    for name in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=4)):
        message[name] = draw(optional[name])
    resume = draw(st.sampled_from(["", "", "resume", "wrong", "unknown"]))
    if resume == "unknown":
        message.update(session=draw(strings), token=draw(strings))
    if draw(st.integers(0, 2)) == 0:
        fault = draw(st.sampled_from(sorted(HELLO_FAULTS)))
        code, name, value = HELLO_FAULTS[fault]
        if value is None:
            message.pop(name, None)
        else:
            message[name] = value
        return HelloCase(_json(message), False, code, kind=f"hello: {fault}")
    kind = f"hello: {resume or 'new'}"
    return HelloCase(_json(message), True, resume="" if resume == "unknown" else resume, kind=kind)


# -- the tab: a client that reads every message and keeps its session across closes ------------------------------------


@dataclass
class Tab:
    """A browser tab's connection, reading every message (none is skipped unseen) and resuming its session when the
    server closes the socket for spending the budget of invalid messages."""

    server: EngineThread
    client: ProtocolClient = field(init=False)
    page: Page = field(init=False)
    invalid: int = 0
    probes: int = 0
    unread: deque[dict[str, Any]] = field(default_factory=deque)

    def __post_init__(self) -> None:
        self.client = ProtocolClient(self.server.ws_url)
        self.read_until(lambda m: _finished(m, "ok"))
        nodes = [node for root in self.client.view.tree.roots for node in root.children]
        ids = {str(node.props.get("label")): node.id for node in nodes if node.id is not None}
        widgets = {label: ids[label] for label in WIDGET_LABELS}
        frame = next(node for node in nodes if node.kind == "dataframe")
        self.page = Page(widgets, frame.props["data"], frame.props["rows"], len(frame.props["columns"]))

    def read_until(self, done: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
        """Every message up to the first for which ``done`` holds, that one included."""
        seen: list[dict[str, Any]] = []
        while True:
            while self.unread:
                message = self.unread.popleft()
                seen.append(message)
                if done(message):
                    return seen
            self.unread.extend(self.client.receive_frame(timeout=WAIT))

    def resume(self) -> None:
        session, token = self.client.session_id, self.client.token
        self.client.close()
        self.client = ProtocolClient(self.server.ws_url, session=session, token=token)
        assert self.client.session_message["resumed"] is True
        self.unread.clear()
        self.invalid = 0

    def probe(self) -> None:
        """The session still answers a valid rerun: its run shows the value sent, and ends ``ok``."""
        self.probes += 1
        value = f"probe-{self.probes}"
        self.client.send({"type": "rerun", "widgets": {self.page.widgets["Probe"]: value}})
        seen = self.read_until(lambda m: m["type"] == "delta" and _body(m) == f"probe={value}")
        seen += self.read_until(lambda m: _finished(m))
        _no_failed_run(seen)
        assert _finished(seen[-1], "ok"), seen[-1]

    def check(self, case: Case) -> None:
        """Send ``case`` and read the answer the documentation gives for it."""
        if isinstance(case.raw, bytes):
            self.client.ws.send(case.raw)
        else:
            self.client.send(case.raw)
        if case.answer == "refused":
            self.invalid += 1
            seen = self.read_until(lambda m: m["type"] == "error")
            assert seen[-1]["code"] == case.code, (case, seen[-1])
            _no_failed_run(seen)
            if self.invalid >= INVALID_BUDGET:
                with pytest.raises(ConnectionClosed):
                    while True:
                        self.client.receive_frame(timeout=WAIT)
                assert self.client.ws.close_code == 1008, self.client.ws.close_code
                self.resume()
                return
            self._shown_again(case)
        elif case.answer == "run":
            seen = self.read_until(lambda m: _finished(m))
            _no_failed_run(seen)
            for error in (m for m in seen if m["type"] == "error"):
                assert error["code"] == "bad_value", (case, error)
                assert any(widget in error["message"] for widget in case.named), (case, error)
        elif case.answer == "run_stop":  # the run stops, or never starts if the stop came first: the probe reads on
            self.client.send({"type": "stop"})
        elif case.answer in ("rows", "rows_missing", "rows_refused"):
            seen = self.read_until(lambda m: m["type"] in ("rows", "error"))
            answer = seen[-1]
            if case.answer == "rows_refused":
                assert answer["type"] == "error" and answer["code"] == "bad_rows", (case, answer)
            elif case.answer == "rows_missing":
                assert answer["type"] == "rows" and answer.get("missing") is True, (case, answer)
            else:
                assert answer["type"] == "rows" and "total" in answer and "cells" in answer, (case, answer)
        self.probe()

    def _shown_again(self, case: Case) -> None:
        """A refused rerun's widgets that the page shows are sent again (before the probe's run, on the loop)."""
        waiting = {widget for widget in case.named if widget in self.page.widgets.values()}

        def all_shown(message: dict[str, Any]) -> bool:
            if message["type"] == "delta":
                waiting.discard(message["element"].get("id"))
            return not waiting

        if waiting:
            _no_failed_run(self.read_until(all_shown))


def _body(message: dict[str, Any]) -> Any:
    return message["element"].get("props", {}).get("body")


def _finished(message: dict[str, Any], status: str | None = None) -> bool:
    return (
        message["type"] == "run" and message["state"] == "finished" and message["status"] != "rerun"
        and (status is None or message["status"] == status)
    )


def _no_failed_run(seen: list[dict[str, Any]]) -> None:
    """No run failed (the app raises when an invalid value reaches it) and no exception was shown."""
    for message in seen:
        assert not (message["type"] == "run" and message.get("status") == "error"), seen
        assert not (message["type"] == "delta" and message["element"].get("kind") == "exception"), message


# -- the tests --------------------------------------------------------------------------------------------------------


class ErrorLog(logging.Handler):
    """Every record at ERROR or above, from any logger: an exception that escaped to tornado or asyncio is one."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def error_log() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


@pytest.fixture(scope="module")
def tab(error_log: ErrorLog) -> Iterator[Tab]:
    with running_engine(APP, max_invalid_messages=INVALID_BUDGET, session_ttl=60) as server:
        yield Tab(server)


def _report(test: str, answers: Counter[str]) -> None:
    path = os.environ.get("PORCH_FUZZ_REPORT")
    if not path:
        return
    report = json.loads(Path(path).read_text()) if Path(path).is_file() else {}
    report[test] = {"cases": sum(answers.values()), "answers": dict(sorted(answers.items()))}
    Path(path).write_text(json.dumps(report, indent=2))


FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@pytest.mark.timeout(_time_bound(EXAMPLES))
def test_every_message_of_a_session_gets_its_documented_answer(tab: Tab, error_log: ErrorLog) -> None:
    answers: Counter[str] = Counter()

    @FUZZ
    @given(st.data())
    def one(data: st.DataObject) -> None:
        case = data.draw(session_cases(tab.page), label="case")
        tab.check(case)
        answers[case.kind] += 1
        assert not error_log.records, [r.getMessage() for r in error_log.records]

    one()
    _report("session messages", answers)
    assert sum(answers.values()) >= EXAMPLES


@pytest.mark.timeout(_time_bound(HELLO_EXAMPLES * 3))
def test_every_hello_gets_its_documented_answer(error_log: ErrorLog) -> None:
    answers: Counter[str] = Counter()
    with running_engine(APP, max_invalid_messages=INVALID_BUDGET, session_ttl=60) as server:
        home = ProtocolClient(server.ws_url)
        home.until_finished(status="ok")
        kept = (home.session_id, home.token)
        home.close()

        @settings(FUZZ, max_examples=HELLO_EXAMPLES)
        @given(hellos())
        def one(case: HelloCase) -> None:
            raw = case.raw
            if case.resume:
                message = json.loads(raw)
                message.update(session=kept[0], token=kept[1] if case.resume == "resume" else kept[1][::-1])
                raw = _json(message)
            with connect(server.ws_url, open_timeout=WAIT) as ws:
                ws.send(raw)
                first = json.loads(ws.recv(timeout=WAIT))
                if not case.valid:
                    assert [(m["type"], m.get("code")) for m in first] == [("error", case.code)], (case, first)
                    ws.send(_json({"type": "stop"}))  # anything but hello first: refused
                    assert json.loads(ws.recv(timeout=WAIT))[0]["code"] == "no_hello"
                    ws.send(_json({"type": "hello", "protocol": PROTOCOL_VERSION}))  # and the connection goes on
                    first = json.loads(ws.recv(timeout=WAIT))
                session = first[0]
                assert session["type"] == "session", (case, first)
                assert session["resumed"] is (case.resume == "resume" and case.valid), (case, session)
                assert (session["session"] == kept[0]) is session["resumed"]
                while not any(_finished(m) for m in first):  # a new session runs; a resumed one says its last run
                    first = json.loads(ws.recv(timeout=WAIT))
                _no_failed_run(first)
            detached(server, kept[0])
            if not session["resumed"]:  # keep the test's own session from being the one that makes room
                close(server, session["session"])
            answers[case.kind] += 1
            assert not error_log.records, [r.getMessage() for r in error_log.records]

        one()
    _report("hello", answers)
    assert sum(answers.values()) >= HELLO_EXAMPLES


def close(server: EngineThread, session_id: str) -> None:
    sessions = server.engine.sessions

    def now() -> None:
        session = sessions.get(session_id)
        if session is not None:
            sessions.close(session)

    server.call(now)


def detached(server: EngineThread, session_id: str) -> None:
    """Wait until the server has seen the connection go (a resume right after must find the session free)."""
    deadline = time.monotonic() + WAIT
    while server.call(lambda: (s := server.engine.sessions.get(session_id)) is not None and s.connected):
        assert time.monotonic() < deadline, "the server never saw the connection close"
        time.sleep(0.005)
