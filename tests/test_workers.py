"""The shared worker pool: threads are reused between jobs, and only a few wait idle."""

from __future__ import annotations

import inspect
import threading
import time
import tracemalloc
from collections.abc import Callable

from porch import workers as workers_module
from porch.workers import WorkerPool


def run_and_wait(pool: WorkerPool) -> int:
    done = threading.Event()
    seen: list[int] = []

    def record() -> None:
        seen.append(threading.get_ident())
        done.set()

    pool.submit(record)
    assert done.wait(5)
    return seen[0]


def test_a_finished_worker_takes_the_next_job() -> None:
    pool = WorkerPool(max_idle=2, idle_seconds=5)
    first = run_and_wait(pool)
    for _ in range(20):
        if pool.idle:  # the worker parks right after its job
            break
        threading.Event().wait(0.01)
    assert run_and_wait(pool) == first


def test_only_a_few_workers_wait_idle_and_not_for_long() -> None:
    pool = WorkerPool(max_idle=2, idle_seconds=0.2)
    release = threading.Event()
    started = threading.Semaphore(0)

    def blocking() -> None:
        started.release()
        release.wait(5)

    for _ in range(5):
        pool.submit(blocking)
    for _ in range(5):
        assert started.acquire(timeout=5)
    release.set()
    threading.Event().wait(0.1)
    assert pool.idle <= 2
    threading.Event().wait(0.4)
    assert pool.idle == 0, "idle workers end after their idle time"


def test_a_parked_worker_holds_nothing_made_when_it_parked() -> None:
    """A worker that parks allocates nothing: what it held while waiting was made when it parked (its place, a lock,
    the wait's keyword arguments), so a worker parked at the end of a burst of sessions kept objects of the burst
    alive, each pinning one of the allocator's arenas of that burst after the sessions expired (``porch.memory``)."""
    source, first = inspect.getsourcelines(WorkerPool._park)
    parking = range(first, first + len(source))  # (another engine's jobs may start threads meanwhile: not parking)
    pool = WorkerPool(max_idle=2, idle_seconds=30)
    run_and_wait(pool)  # a thread now exists and is parked (or about to)
    assert wait_for(lambda: pool.idle == 1)
    done = threading.Event()
    tracemalloc.start()
    try:
        pool.submit(done.set)  # handed to the parked worker, which parks again after it
        assert done.wait(5)
        assert wait_for(lambda: pool.idle == 1)
        held = [stat for stat in tracemalloc.take_snapshot().statistics("lineno")
                if stat.traceback[0].filename == workers_module.__file__ and stat.traceback[0].lineno in parking]
    finally:
        tracemalloc.stop()
    assert not held, f"parking made objects that live while the worker waits: {held}"


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True
