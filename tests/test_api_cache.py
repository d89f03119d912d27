"""cache_data and cache_resource: keys, copies and shared objects, bounds, clearing, spinners, persistence to disk, and
the rule that sessions asking for the same missing value compute it once."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import porch as st
from cache_fixtures import calls, counter, fresh_caches  # noqa: F401 (fixtures)
from porch.api import _cache_store, cache
from porch.api._hashing import Hasher, UnhashableTypeError
from porch.errors import PorchAPIError
from porch.testing import AppTest
from support import app

REFERENCE = json.loads((Path(__file__).resolve().parents[2] / "shared" / "reference" / "streamlit-1.67-api.json")
                       .read_text(encoding="utf-8"))["names"]


COUNTED = 'def count():\n    with open(COUNTER, "a") as f:\n        _ = f.write("x")\n'


class Clock:
    """Stands in for the stores' monotonic clock, so that ttl tests move time instead of sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(_cache_store, "clock", fake)
    return fake


# -- signatures ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cache_data", "cache_resource"])
def test_the_decorators_take_streamlits_parameters(name: str) -> None:
    import inspect

    ours = [(p.name, p.kind.name, repr(p.default)) for p in inspect.signature(getattr(st, name)).parameters.values()]
    kinds = {"either": "POSITIONAL_OR_KEYWORD", "keyword": "KEYWORD_ONLY"}
    theirs = [(p["name"], kinds[p["kind"]], p["default"]) for p in REFERENCE[f"st.{name}"]["params"]]
    assert ours == theirs


def test_the_decorators_are_module_names_not_elements() -> None:
    from porch.api.container import Container

    assert {"cache_data", "cache_resource", "secrets"} <= set(st.__all__)
    assert not hasattr(Container, "cache_data") and not hasattr(type(st.sidebar), "cache_resource")


# -- cache_data: one computation, copies ----------------------------------------------------------------------------


def test_cache_data_computes_once_for_equal_arguments_across_reruns_and_sessions(counter: Path) -> None:
    source = COUNTED + (
        "@st.cache_data\ndef square(n):\n    count()\n    return n * n\n"
        "st.write(square(3), square(3), square(4))"
    )
    at = app(source, COUNTER=str(counter))
    assert at.markdown.rendered_texts == ["9 9 16"]
    assert calls(counter) == 2
    at.run()
    app(source, COUNTER=str(counter))  # another session
    assert calls(counter) == 2


def test_the_decorator_with_arguments_and_keyword_calls_share_entries(counter: Path) -> None:
    at = app(
        COUNTED + "@st.cache_data(ttl=60, max_entries=10, show_spinner=False)\n"
        "def add(a, b=1):\n    count()\n    return a + b\n"
        "st.write(add(1, 2), add(1, b=2), add(a=1, b=2), add(b=2, a=1))",
        COUNTER=str(counter),
    )
    assert at.markdown.rendered_texts == ["3 3 3 3"]
    assert calls(counter) == 1


def test_each_hit_returns_a_copy_that_the_caller_may_change(counter: Path) -> None:
    at = app(
        COUNTED + "@st.cache_data\ndef rows():\n    count()\n    return {'rows': [1, 2]}\n"
        "first = rows()\nfirst['rows'].append(3)\nsecond = rows()\nsecond['rows'].append(4)\n"
        "st.write(rows()['rows'], first is not second)",
        COUNTER=str(counter),
    )
    assert [j.parsed for j in at.json] == [[1, 2]]
    assert "True" in at.markdown.values[0]
    assert calls(counter) == 1


def test_values_of_classes_the_script_defines_come_back_as_the_current_runs_class() -> None:
    at = app(
        "from dataclasses import dataclass\n"
        "@dataclass\nclass Point:\n    x: int\n"
        "@st.cache_data\ndef origin():\n    return Point(0)\n"
        "_ = origin()\nst.write(isinstance(origin(), Point), origin().x)"
    )
    assert at.markdown.rendered_texts == ["True 0"]
    at.run()  # Point is a new class in this run: the cached value is rebuilt with it
    assert at.markdown.rendered_texts == ["True 0"]


def test_underscore_parameters_are_not_hashed(counter: Path) -> None:
    at = app(
        COUNTED + "import threading\n"
        "@st.cache_data\ndef query(_connection, sql):\n    count()\n    return sql.upper()\n"
        "st.write(query(threading.Lock(), 'a'), query(threading.Lock(), 'a'), query(object(), 'b'))",
        COUNTER=str(counter),
    )
    assert at.markdown.values == ["A A B"]
    assert calls(counter) == 2


def test_an_unhashable_argument_names_the_parameter_and_both_fixes() -> None:
    at = app(
        "import threading\n"
        "@st.cache_data\ndef query(connection, sql):\n    return sql\n"
        "query(threading.Lock(), 'select 1')"
    )
    assert at.exception[0].props["type"] == "UnhashableParamError"
    message = at.exception[0].message
    assert "'connection'" in message and "_thread.lock" in message and "'query'" in message
    assert "def query(_connection, ...)" in message and "hash_funcs" in message


def test_hash_funcs_by_type_and_by_type_name(counter: Path) -> None:
    at = app(
        COUNTED + "import threading\n"
        "class Conn:\n    def __init__(self, url):\n        self.url, self.lock = url, threading.Lock()\n"
        "@st.cache_data(hash_funcs={Conn: lambda c: c.url})\ndef by_type(conn):\n    count()\n    return conn.url\n"
        "@st.cache_data(hash_funcs={'__main__.Conn': lambda c: c.url})\ndef by_name(conn):\n    count()\n"
        "    return conn.url\n"
        "st.write(by_type(Conn('a')), by_type(Conn('a')), by_name(Conn('b')), by_name(Conn('b')), by_type(Conn('c')))",
        COUNTER=str(counter),
    )
    assert at.markdown.values == ["a a b b c"]
    assert calls(counter) == 3


def test_a_failing_hash_function_is_named() -> None:
    at = app(
        "@st.cache_data(hash_funcs={int: lambda n: 1 / 0})\ndef f(n):\n    return n\nf(1)"
    )
    assert at.exception[0].props["type"] == "UserHashError"
    assert "builtins.int" in at.exception[0].message and "ZeroDivisionError" in at.exception[0].message


def test_an_edited_function_misses_and_an_unchanged_one_hits(counter: Path) -> None:
    first = COUNTED + "@st.cache_data\ndef value():\n    count()\n    return 1\nst.write(value())"
    app(first, COUNTER=str(counter))
    app(first, COUNTER=str(counter))
    assert calls(counter) == 1
    edited = app(first.replace("return 1", "return 2"), COUNTER=str(counter))
    assert edited.markdown.rendered_texts == ["2"]
    assert calls(counter) == 2


def test_an_unpicklable_return_value_is_an_error_naming_the_function_and_nothing_is_cached(counter: Path) -> None:
    at = app(
        COUNTED + "import threading\n@st.cache_data\ndef make_lock():\n    count()\n    return threading.Lock()\n"
        "make_lock()",
        COUNTER=str(counter),
    )
    assert at.exception[0].props["type"] == "UnserializableReturnValueError"
    assert "make_lock()" in at.exception[0].message and "cache_resource" in at.exception[0].message
    at.run()
    assert calls(counter) == 2


def test_a_function_that_raises_caches_nothing_and_the_caller_sees_the_exception(counter: Path) -> None:
    source = COUNTED + (
        "@st.cache_data\ndef fragile(n):\n    count()\n    raise ValueError(f'bad {n}')\n"
        "try:\n    fragile(1)\nexcept ValueError as exc:\n    st.write(str(exc))\n"
    )
    at = app(source, COUNTER=str(counter))
    assert at.markdown.values == ["bad 1"]
    at.run()
    assert calls(counter) == 2


def test_a_cached_method_hashes_its_instance_unless_named_with_an_underscore(counter: Path) -> None:
    at = app(
        COUNTED + "class Repo:\n"
        "    @st.cache_data\n    def rows(_self, n):\n        count()\n        return [n]\n"
        "st.write(Repo().rows(1), Repo().rows(1))\nRepo().rows.clear()\nst.write(Repo().rows(1))",
        COUNTER=str(counter),
    )
    assert [j.parsed for j in at.json] == [[1], [1], [1]]
    assert calls(counter) == 2


def test_an_async_function_is_cached_by_its_awaited_value(counter: Path) -> None:
    at = app(
        COUNTED + "import asyncio\n"
        "@st.cache_data\nasync def fetch(n):\n    count()\n    await asyncio.sleep(0)\n    return [n]\n"
        "async def main():\n    return await fetch(2), await fetch(2)\n"
        "st.write(*asyncio.run(main()))",
        COUNTER=str(counter),
    )
    assert [j.parsed for j in at.json] == [[2], [2]]
    assert calls(counter) == 1


# -- cache_resource -------------------------------------------------------------------------------------------------


def test_cache_resource_returns_the_same_object_to_every_call_and_session() -> None:
    source = (
        "@st.cache_resource\ndef connection():\n    return {'opened': object()}\n"
        "conn = connection()\nconn.setdefault('sessions', []).append(1)\n"
        "st.write(conn is connection(), len(conn['sessions']))"
    )
    assert app(source).markdown.rendered_texts == ["True 1"]
    assert app(source).markdown.rendered_texts == ["True 2"]


def test_validate_recomputes_a_resource_it_rejects(counter: Path) -> None:
    at = app(
        COUNTED + "@st.cache_resource(validate=lambda r: not r['closed'])\n"
        "def resource():\n    count()\n    return {'closed': False}\n"
        "r = resource()\nr['closed'] = True\nst.write(resource() is r, resource()['closed'])",
        COUNTER=str(counter),
    )
    assert at.markdown.rendered_texts == ["False False"]
    assert calls(counter) == 2


def test_on_release_gets_each_resource_that_leaves() -> None:
    released: list[int] = []

    @st.cache_resource(max_entries=2, on_release=released.append)
    def resource(n: int) -> int:
        return n

    for n in (1, 2, 3):
        resource(n)
    assert released == [1]
    resource.clear(3)
    assert released == [1, 3]
    st.cache_resource.clear()
    assert released == [1, 3, 2]


def test_lifecycle_callbacks_must_be_plain_functions() -> None:
    async def check(value: object) -> bool:
        return True

    with pytest.raises(PorchAPIError, match="validate must be a plain function"):
        st.cache_resource(validate=check)  # type: ignore[arg-type]


# -- bounds: ttl, max_entries, max_size -------------------------------------------------------------------------------


def test_ttl_expires_entries(clock: Clock) -> None:
    computed: list[int] = []

    @st.cache_data(ttl=timedelta(minutes=1))
    def value(n: int) -> int:
        computed.append(n)
        return n

    value(1)
    clock.now += 59
    value(1)
    assert computed == [1]
    clock.now += 1
    value(1)
    assert computed == [1, 1]


@pytest.mark.parametrize(
    ("ttl", "seconds"),
    [(30, 30.0), (1.5, 1.5), (timedelta(hours=2), 7200.0), ("1h", 3600.0), ("30m", 1800.0), ("1.5 days", 129600.0),
     ("1h23s", 3623.0), ("1D", 86400.0), ("2 hours 30 minutes", 9000.0), ("500ms", 0.5), ("1 days 01:00:00", 90000.0),
     ("1w", 604800.0), ("5", 5e-09), ("300", 3e-07), (None, None)],
)
def test_ttl_forms(ttl: Any, seconds: float | None) -> None:
    assert _cache_store.ttl_seconds(ttl) == seconds


@pytest.mark.parametrize("ttl", ["soon", "1 fortnight", "", "1.5"])
def test_a_ttl_string_that_is_no_duration_is_refused(ttl: str) -> None:
    with pytest.raises(PorchAPIError, match="not a duration"):
        st.cache_data(ttl=ttl)


def test_max_entries_drops_the_least_recently_used() -> None:
    computed: list[int] = []

    @st.cache_data(max_entries=2)
    def value(n: int) -> int:
        computed.append(n)
        return n

    value(1), value(2), value(1), value(3)  # 2 is the least recently used when 3 arrives
    value(1), value(3)
    assert computed == [1, 2, 3]
    value(2)
    assert computed == [1, 2, 3, 2]


def test_max_size_bounds_the_pickled_bytes_in_memory() -> None:
    computed: list[int] = []

    @st.cache_data(max_size="2KB")
    def blob(n: int) -> bytes:
        computed.append(n)
        return bytes(900)

    blob(1), blob(2), blob(3)  # three of ~900 bytes do not fit in 2048
    blob(3), blob(2)
    assert computed == [1, 2, 3]
    blob(1)
    assert computed == [1, 2, 3, 1]


@pytest.mark.parametrize(("size", "expected"), [(1024, 1024), ("500MB", 500 * 1024**2), ("1.1KB", 1126),
                                                ("1.5GiB", 3 * 1024**3 // 2), ("10 b", 10)])
def test_max_size_forms(size: int | str, expected: int) -> None:
    assert _cache_store.max_size_bytes(size) == expected


@pytest.mark.parametrize("size", ["500", "big", 0, -1, True])
def test_a_max_size_that_is_no_size_is_refused(size: Any) -> None:
    with pytest.raises(PorchAPIError, match="max_size"):
        st.cache_data(max_size=size)


def test_parameters_streamlit_refuses_are_refused() -> None:
    with pytest.raises(PorchAPIError, match="persist"):
        st.cache_data(persist="memory")  # type: ignore[call-overload]
    with pytest.raises(PorchAPIError, match="scope"):
        st.cache_data(scope="app")  # type: ignore[call-overload]
    with pytest.raises(PorchAPIError, match="positive ttl"):
        st.cache_resource(refresh_mode="background")
    with pytest.raises(PorchAPIError, match="persist='disk'"):
        st.cache_data(ttl=5, refresh_mode="background", persist="disk")


# -- clearing -------------------------------------------------------------------------------------------------------


def test_clear_one_entry_one_function_or_all(counter: Path) -> None:
    at = app(
        COUNTED + "@st.cache_data\ndef a(n):\n    count()\n    return n\n"
        "@st.cache_data\ndef b(n):\n    count()\n    return n\n"
        "_ = a(1), a(2), b(1)\n"
        "if st.session_state.get('step') == 1:\n    a.clear(1)\n"
        "if st.session_state.get('step') == 2:\n    a.clear()\n"
        "if st.session_state.get('step') == 3:\n    st.cache_data.clear()\n"
        "_ = a(1), a(2), b(1)",
        COUNTER=str(counter),
    )
    assert calls(counter) == 3
    for step, expected in ((1, 4), (2, 6), (3, 9)):
        at.session_state["step"] = step
        at.run()
        assert calls(counter) == expected, step


# -- spinner --------------------------------------------------------------------------------------------------------


def spinners(at: AppTest) -> list[str]:
    return [m["element"]["props"]["text"] for m in at.messages
            if m.get("type") == "delta" and m["element"]["kind"] == "spinner"]


def test_a_spinner_shows_while_a_missing_value_is_computed() -> None:
    at = app(
        "@st.cache_data\ndef no_args():\n    return 1\n"
        "@st.cache_data\ndef with_args(n):\n    return n\n"
        "@st.cache_resource(show_spinner='Connecting...')\ndef text():\n    return 1\n"
        "@st.cache_data(show_spinner=False)\ndef quiet():\n    return 1\n"
        "@st.cache_data\ndef outer():\n    return with_args(5)\n"
        "_ = no_args(), no_args(), with_args(2), text(), quiet(), outer()"
    )
    assert spinners(at) == ["Running `no_args()`.", "Running `with_args(...)`.", "Connecting...",
                            "Running `outer()`."]
    before = len(at.messages)
    at.run()
    assert not any(m.get("type") == "delta" and m["element"]["kind"] == "spinner" for m in at.messages[before:])


# -- persist="disk" -------------------------------------------------------------------------------------------------


def test_persist_disk_reads_entries_back_after_a_restart(
    counter: Path, fresh_caches: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = COUNTED + (
        "@st.cache_data(persist='disk')\ndef table(n):\n    count()\n    return {'n': n, 'rows': list(range(n))}\n"
        "st.write(table(3))"
    )
    app(source, COUNTER=str(counter))
    files = list(fresh_caches.glob("*.pickle"))
    assert len(files) == 1 and all(c in "0123456789abcdef-." for c in files[0].name.replace("pickle", ""))
    # A restart: the memory of every cache is gone, the folder stays.
    monkeypatch.setattr(cache, "_registries", {"cache_data": cache._Caches("cache_data"),
                                               "cache_resource": cache._Caches("cache_resource")})
    at = app(source, COUNTER=str(counter))
    assert [j.parsed for j in at.json] == [{"n": 3, "rows": [0, 1, 2]}]
    assert calls(counter) == 1
    st.cache_data.clear()
    assert list(fresh_caches.glob("*.pickle")) == []


def test_a_damaged_cache_file_is_a_miss(counter: Path, fresh_caches: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = COUNTED + "@st.cache_data(persist=True)\ndef value():\n    count()\n    return 7\nst.write(value())"
    app(source, COUNTER=str(counter))
    (file,) = fresh_caches.glob("*.pickle")
    file.write_bytes(b"not a cache file")
    monkeypatch.setattr(cache, "_registries", {"cache_data": cache._Caches("cache_data"),
                                               "cache_resource": cache._Caches("cache_resource")})
    assert app(source, COUNTER=str(counter)).markdown.rendered_texts == ["7"]
    assert calls(counter) == 2


def test_a_persisted_entry_older_than_its_ttl_is_a_miss(
    counter: Path, fresh_caches: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    source = COUNTED + "@st.cache_data(persist='disk', ttl='1h')\ndef value():\n    count()\n    return 1\nvalue()"
    app(source, COUNTER=str(counter))
    (file,) = fresh_caches.glob("*.pickle")
    os.utime(file, (time.time() - 3601, time.time() - 3601))
    monkeypatch.setattr(cache, "_registries", {"cache_data": cache._Caches("cache_data"),
                                               "cache_resource": cache._Caches("cache_resource")})
    app(source, COUNTER=str(counter))
    assert calls(counter) == 2 and len(list(fresh_caches.glob("*.pickle"))) == 1


def test_the_cache_folder_is_the_user_cache_folder_of_porch_or_of_the_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.undo()  # the real function, not the fixture's folder
    monkeypatch.delenv("PORCH_APP_NAME", raising=False)
    assert _cache_store.cache_folder() == Path(user_cache_dir("porch", appauthor=False)) / "cache_data"
    monkeypatch.setenv("PORCH_APP_NAME", "Inventory")
    assert _cache_store.cache_folder() == Path(user_cache_dir("Inventory", appauthor=False)) / "cache_data"


# -- sessions computing at once -------------------------------------------------------------------------------------


def test_threads_asking_for_the_same_missing_value_compute_it_once() -> None:
    computed: list[int] = []
    lock = threading.Lock()

    @st.cache_data
    def slow(n: int) -> list[int]:
        with lock:
            computed.append(n)
        time.sleep(0.3)
        return [n]

    start = threading.Barrier(6)
    results: list[list[int]] = []

    def ask() -> None:
        start.wait()
        results.append(slow(1))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert computed == [1]
    assert results == [[1]] * 6
    assert len(cache._registries["cache_data"]._global) == 1
    (function_cache,) = cache._registries["cache_data"]._global.values()
    assert len(function_cache.locks) == 0  # no lock outlives its computation


def test_when_the_first_computation_raises_a_waiting_thread_computes_itself() -> None:
    attempts: list[int] = []

    @st.cache_resource
    def flaky() -> str:
        attempts.append(1)
        time.sleep(0.2)
        if len(attempts) == 1:
            raise RuntimeError("first attempt fails")
        return "ok"

    outcomes: list[str] = []
    start = threading.Barrier(2)

    def ask() -> None:
        start.wait()
        try:
            outcomes.append(flaky())
        except RuntimeError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert sorted(outcomes) == ["first attempt fails", "ok"]
    assert len(attempts) == 2


def test_two_sessions_running_at_once_compute_once(counter: Path) -> None:
    source = COUNTED + (
        "import time\n@st.cache_data\ndef slow():\n    count()\n    time.sleep(0.4)\n    return 'done'\n"
        "st.write(slow())"
    )
    tests = [AppTest.from_string("import porch as st\n" + f"COUNTER = {str(counter)!r}\n" + source) for _ in range(2)]
    threads = [threading.Thread(target=at.run) for at in tests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert [at.markdown.values for at in tests] == [["done"], ["done"]]
    assert calls(counter) == 1


def test_a_recursive_call_with_the_same_arguments_is_an_error_not_a_deadlock() -> None:
    at = app("@st.cache_data\ndef loop(n):\n    return loop(n)\nloop(1)")
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "loop()" in at.exception[0].message and "same arguments" in at.exception[0].message


# -- scope and refresh_mode -----------------------------------------------------------------------------------------


def test_scope_session_keeps_one_cache_per_session(counter: Path) -> None:
    source = COUNTED + (
        "@st.cache_resource(scope='session')\ndef per_session():\n    count()\n    return []\n"
        "items = per_session()\nitems.append(1)\nst.write(len(items))"
    )
    first = app(source, COUNTER=str(counter))
    first.run()
    second = app(source, COUNTER=str(counter))
    assert first.markdown.rendered_texts == ["2"] and second.markdown.rendered_texts == ["1"]
    assert calls(counter) == 2


def test_a_session_scoped_cache_releases_its_resources_when_the_session_ends(tmp_path: Path) -> None:
    released = tmp_path / "released"
    at = AppTest.from_function(_session_resource_app, args=(str(released),)).run()
    sessions = cache._registries["cache_resource"]._sessions
    assert len(sessions) == 1 and not released.exists()
    at.close()

    @st.cache_resource
    def other() -> int:  # any cached call notices the ended session
        return 1

    other()
    assert released.read_text() == "resource" and sessions == {}


def _session_resource_app(released: str) -> None:
    import porch as st

    def release(value: str) -> None:
        with open(released, "a") as file:
            file.write(value)

    @st.cache_resource(scope="session", on_release=release)
    def resource() -> str:
        return "resource"

    resource()


def test_scope_session_outside_a_run_is_an_error() -> None:
    @st.cache_data(scope="session")
    def value() -> int:
        return 1

    with pytest.raises(PorchAPIError, match="outside of a script run"):
        value()


def test_background_refresh_serves_the_stale_value_while_it_computes_anew(clock: Clock) -> None:
    version = [1]
    done = threading.Event()

    @st.cache_data(ttl=10, refresh_mode="background")
    def current() -> int:
        if version[0] > 1:
            done.set()
        return version[0]

    assert current() == 1
    version[0] = 2
    clock.now += 10  # stale, not yet gone (that is at 2 * ttl)
    assert current() == 1
    assert done.wait(5)
    for _ in range(100):
        if current() == 2:
            break
        time.sleep(0.02)
    assert current() == 2
    clock.now += 25  # past 2 * ttl: gone, computed in the foreground
    version[0] = 3
    assert current() == 3


# -- hashing --------------------------------------------------------------------------------------------------------


def key(value: Any) -> str:
    hasher = Hasher()
    hasher.add(value)
    return hasher.hexdigest()


@dataclass
class Point:
    x: int
    y: int


def test_values_are_hashed_by_content_and_type() -> None:
    import numpy as np

    assert key([1, "a", None]) == key([1, "a", None])
    assert len({key(1), key(1.0), key(True), key("1"), key(b"1"), key((1,)), key([1])}) == 7
    assert key({"a": 1}) != key({"a": 2})
    assert key({3, 1, 2}) == key({1, 2, 3})
    assert key(Point(1, 2)) == key(Point(1, 2)) != key(Point(2, 1))
    assert key(uuid.UUID(int=1)) == key(uuid.UUID(int=1)) != key(uuid.UUID(int=2))
    assert key(Decimal("1.5")) == key(Decimal("1.5")) != key(1.5)
    assert key(datetime(2024, 1, 1)) != key(datetime(2024, 1, 2))
    assert key(np.arange(6).reshape(2, 3)) == key(np.arange(6).reshape(2, 3))
    assert key(np.arange(6).reshape(2, 3)) != key(np.arange(6).reshape(3, 2))
    assert key(np.arange(6)) != key(np.arange(6.0))
    assert key(np.array([[1], "a"], dtype=object)) == key(np.array([[1], "a"], dtype=object))
    big = np.zeros(1_000_000)
    changed = big.copy()
    changed[-1] = 1  # outside any sample: a whole-content hash sees it
    assert key(big) != key(changed)
    cyclic: list[Any] = [1]
    cyclic.append(cyclic)
    assert key(cyclic) == key(cyclic)


def test_pandas_frames_are_hashed_by_content() -> None:
    import pandas as pd
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    assert key(frame) == key(frame.copy())
    assert key(frame) != key(frame.assign(a=[1, 2, 4]))
    assert key(frame) != key(frame.rename(columns={"a": "c"}))
    assert key(frame) != key(frame.set_index(pd.Index([5, 6, 7])))
    assert key(frame["a"]) == key(frame["a"].copy()) != key(frame["b"])
    assert key(pd.DataFrame({"a": [[1], [2]]})) == key(pd.DataFrame({"a": [[1], [2]]}))  # cells pandas cannot hash


def test_polars_and_pyarrow_frames_are_hashed_by_content() -> None:
    import polars as pl
    import pyarrow as pa
    frame = pl.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    assert key(frame) == key(frame.clone()) != key(frame.with_columns(pl.lit(0).alias("a")))
    assert key(frame["a"]) == key(frame["a"].clone()) != key(frame["b"])
    table = pa.table({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    assert key(table) == key(pa.table({"a": [1, 2, 3], "b": ["x", "y", "z"]})) != key(table.slice(1))
    assert key(table.slice(1)) == key(pa.table({"a": [2, 3], "b": ["y", "z"]}))
    assert key(pa.array([1, 2])) == key(pa.array([1, 2])) != key(pa.array([1, 3]))


def test_a_hash_function_may_return_a_value_of_its_own_type() -> None:
    hasher, other = Hasher({str: str.lower}), Hasher({"builtins.str": str.lower})
    hasher.add(["Hello"])
    other.add(["hELLO"])
    assert hasher.hexdigest() == other.hexdigest()


def test_functions_are_hashed_by_their_code() -> None:
    def make(n: int) -> Any:
        return lambda x: x + n

    assert key(lambda x: x + 1) != key(lambda x: x + 2)
    assert key(make(1)) == key(make(2))  # same code: a closure's cells are not part of the key, as in Streamlit
    assert key(len) == key(len) != key(abs)


def test_images_are_hashed_by_their_pixels() -> None:
    from PIL import Image

    assert key(Image.new("RGB", (2, 2), "red")) == key(Image.new("RGB", (2, 2), "red"))
    assert key(Image.new("RGB", (2, 2), "red")) != key(Image.new("RGB", (2, 2), "blue"))


def test_objects_pickle_cannot_save_are_unhashable() -> None:
    with pytest.raises(UnhashableTypeError, match="_thread.lock"):
        key(threading.Lock())


def test_keys_are_the_same_in_another_process() -> None:
    """persist="disk" finds its files again after a restart only if no key depends on the process (string hashing is
    salted per process; a set's order follows it)."""
    program = (
        "from porch.api._hashing import Hasher\nh = Hasher()\n"
        "h.add(({'b', 'a', 'c'}, frozenset({'x', 'y'}), {'k': 1.5}, 'text', b'raw', 10**30))\nprint(h.hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_the_data_libraries_are_never_imported_to_hash() -> None:
    """The decorators load with the script API; the libraries whose values they hash are never imported by Porch."""
    program = (
        "import sys, porch\nporch.cache_data\n"
        "print(sorted({'numpy', 'pandas', 'polars', 'pyarrow', 'PIL'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- through the engine ---------------------------------------------------------------------------------------------


def test_two_sessions_of_an_engine_share_one_cache_resource_object() -> None:
    from engine_harness import ProtocolClient, running_engine

    source = (
        "import porch as st, time\n"
        "@st.cache_resource\ndef model():\n    time.sleep(0.3)\n    return {'id': object()}\n"
        "st.text(f'model {id(model())} {id(model()[\"id\"])}')\n"
    )
    with running_engine(source) as server:
        first, second = ProtocolClient(server.ws_url), ProtocolClient(server.ws_url)  # both runs ask at once
        first.until_finished()
        second.until_finished()
        shown = [[t for t in client.texts() if t.startswith("model ")] for client in (first, second)]
        assert len(shown[0]) == 1 and shown[0] == shown[1]
        assert first.session_id != second.session_id
