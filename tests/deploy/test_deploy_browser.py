"""Chromium behind the proxies of docs/deploy.md: a replica that drains sends its tabs to the others, which say so
in one line, while the other replicas' tabs go on untouched; a page reloads itself once when it moves to a replica
of another build; an upload the proxy misroutes says why; a duplicated tab gets a session of its own."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from deploy_harness import COUNTER_APP, Replica, proxy, replicas, wait_until
from engine_harness import running_engine

MOVED = "The app restarted on another server: this page starts anew"
SESSION_KEY = "porch.session:/"


def finished(page: Any) -> None:
    page.wait_for_function(
        "() => document.body.dataset.run === 'finished' && document.body.dataset.runStatus !== 'rerun'", timeout=20_000
    )


def click_to(page: Any, count: int) -> None:
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text(f"count={count}", exact=True)).to_be_visible(timeout=20_000)


def saved_session(page: Any) -> str:
    return str(page.evaluate(f"JSON.parse(sessionStorage.getItem({SESSION_KEY!r}) || '{{}}').session || ''"))


def replica_of(context: Any) -> str:
    return str(next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "porch_replica"))


@contextmanager
def tabs(browser: Any, url: str, count: int) -> Iterator[list[tuple[Any, Any]]]:
    """``count`` visitors, each a context of its own (its own cookies, as separate browsers) with one tab on ``url``
    that clicked once."""
    opened: list[tuple[Any, Any]] = []
    try:
        for _ in range(count):
            context = browser.new_context(viewport={"width": 1000, "height": 700})
            page = context.new_page()
            opened.append((context, page))
            page.goto(url)
            finished(page)
            click_to(page, 1)
        yield opened
    finally:
        for context, _ in opened:
            context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["haproxy", "nginx"])
def test_a_draining_replicas_tabs_move_with_a_notice_and_the_others_are_untouched(
    kind: str, browser: Any, tmp_path: Path
) -> None:
    with replicas(COUNTER_APP, tmp_path, ("a", "b", "c"), "--drain-grace", "2") as running, \
            proxy(kind, running, tmp_path) as front, tabs(browser, f"http://127.0.0.1:{front.port}/", 4) as opened:
        on = {replica_of(context): [] for context, _ in opened}  # type: dict[str, list[tuple[Any, Any]]]
        for context, page in opened:
            on[replica_of(context)].append((context, page))
        victim = replica_of(opened[0][0])
        others = [(context, page, saved_session(page)) for context, page in opened if replica_of(context) != victim]
        assert others, on

        running[victim].signal(signal.SIGTERM)
        for context, page in on[victim]:
            notice = page.locator('.porch-toast[data-code="moved"] > span')
            expect(notice).to_have_text(MOVED, timeout=30_000)
            expect(page.get_by_text("count=0", exact=True)).to_be_visible(timeout=20_000)  # a new session, told so
            assert replica_of(context) != victim and saved_session(page).startswith(replica_of(context) + ".")
            click_to(page, 1)
        assert running[victim].wait(20) == 0
        for context, page, session in others:
            assert saved_session(page) == session and replica_of(context) != victim
            click_to(page, 2)  # the same session, state intact
            assert page.locator(".porch-toast").count() == 0


@pytest.mark.browser
def test_a_tab_that_moves_to_a_replica_of_another_build_reloads_itself_once(browser: Any, tmp_path: Path) -> None:
    new = "0.1.0+next"  # b and c run the next version: a rolling upgrade that reached them first
    with replicas(COUNTER_APP, tmp_path, ("a", "b", "c"), "--drain-grace", "1", versions={"b": new, "c": new}) \
            as running, proxy("haproxy", running, tmp_path) as front, \
            tabs(browser, f"http://127.0.0.1:{front.port}/", 3) as opened:
        context, page = next((context, page) for context, page in opened if replica_of(context) == "a")
        old_build = page.locator('meta[name="porch-build"]').get_attribute("content")
        loads: list[str] = []
        page.on("load", lambda _: loads.append(page.url))

        running["a"].signal(signal.SIGTERM)
        expect(page.locator('.porch-toast[data-code="moved"] > span')).to_have_text(MOVED, timeout=30_000)
        finished(page)
        new_build = page.locator('meta[name="porch-build"]').get_attribute("content")
        assert new_build and new_build != old_build  # the page is the new replica's now
        assert loads == [f"http://127.0.0.1:{front.port}/"]  # reloaded once
        assert page.evaluate("sessionStorage.getItem('porch.reloaded-for:/')") == new_build
        click_to(page, 1)
        assert len(loads) == 1


@pytest.mark.browser
def test_an_upload_the_proxy_sends_to_another_replica_names_the_miss(browser: Any, tmp_path: Path) -> None:
    with replicas(COUNTER_APP, tmp_path) as running, proxy("haproxy", running, tmp_path) as front, \
            tabs(browser, f"http://127.0.0.1:{front.port}/", 1) as opened:
        context, page = opened[0]
        home = replica_of(context)
        other = "b" if home != "b" else "c"
        context.add_cookies([{"name": "porch_replica", "value": other, "url": f"http://127.0.0.1:{front.port}/"}])
        page.locator("input[type=file]").set_input_files(
            files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}]
        )
        expect(page.get_by_role("alert").filter(has_text="proxy is not sticky")).to_have_text(
            f"This request reached replica {other} but the session lives on replica {home}: your proxy is not sticky "
            "(see docs/deploy.md).", timeout=20_000,
        )


@pytest.mark.browser
def test_a_duplicated_tab_gets_a_session_of_its_own(context: Any) -> None:
    with running_engine(COUNTER_APP, replica_id="a") as server:
        first = context.new_page()
        first.goto(server.url)
        finished(first)
        click_to(first, 1)
        stored = first.evaluate(f"sessionStorage.getItem({SESSION_KEY!r})")
        # The browser's "duplicate tab" starts the copy with the original's sessionStorage.
        copy = context.new_page()
        copy.add_init_script(f"sessionStorage.setItem({SESSION_KEY!r}, {stored!r})")
        copy.goto(server.url)
        expect(copy.get_by_text("count=0", exact=True)).to_be_visible(timeout=20_000)
        assert saved_session(copy) not in ("", saved_session(first))
        click_to(first, 2)  # the original keeps its session
        assert re.fullmatch(r"a\.[\w-]+", saved_session(first))
        wait_until(lambda: server.call(lambda: len(server.engine.sessions)) == 2, 10, "two sessions")
