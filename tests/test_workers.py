"""The shared worker pool: threads are reused between jobs, and only a few wait idle."""

from __future__ import annotations

import threading

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
        if pool._parked:  # the worker parks right after its job
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
    assert len(pool._parked) <= 2
    threading.Event().wait(0.4)
    assert pool._parked == [], "idle workers end after their idle time"
