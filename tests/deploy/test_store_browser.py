"""Chromium behind HAProxy with three replicas and a store: a tab whose replica is killed outright comes back on
another with its counter, slider and text as they were, and says so in one line, naming what could not move."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from deploy_harness import proxy, replicas, wait_until
from porch.store.snapshot import read
from store_harness import STORE_APP, redis_server

RESTORED = "The app moved to another server; your page was restored (not carried over: session_state['lock'])"


def finished(page: Any) -> None:
    page.wait_for_function(
        "() => document.body.dataset.run === 'finished' && document.body.dataset.runStatus !== 'rerun'", timeout=20_000
    )


def replica_of(context: Any) -> str:
    return str(next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "porch_replica"))


@pytest.mark.browser
def test_a_killed_replicas_tab_comes_back_elsewhere_with_its_values_and_a_notice(browser: Any, tmp_path: Path) -> None:
    with redis_server(tmp_path) as store, \
            replicas(STORE_APP, tmp_path, ("a", "b", "c"), "--store", store.url) as running, \
            proxy("haproxy", running, tmp_path) as front:
        context = browser.new_context(viewport={"width": 1000, "height": 800})
        try:
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{front.port}/")
            finished(page)
            field = page.get_by_label("Name")
            field.fill("Ada")
            field.press("Enter")
            expect(page.get_by_text("name=Ada", exact=True)).to_be_visible(timeout=20_000)
            slider = page.get_by_role("slider", name="Level", exact=True)
            slider.focus()
            for level in (11, 12, 13):
                page.keyboard.press("ArrowRight")
                expect(page.get_by_text(f"level={level}", exact=True)).to_be_visible(timeout=20_000)
            for count in (1, 2):
                page.get_by_role("button", name="Add").click()
                expect(page.get_by_text(f"count={count}", exact=True)).to_be_visible(timeout=20_000)
            saved = page.evaluate("JSON.parse(sessionStorage.getItem('porch.session:/'))")
            victim = replica_of(context)

            def stored_last_run() -> bool:  # a crash loses at most the last run: let it be stored first
                snapshot = store.client.hget(f"porch:session:{saved['session']}", "snapshot")
                moved = read(saved["session"], saved["token"], snapshot, {}) if snapshot else None
                return moved is not None and moved.state.get("count") == 2 and any(
                    value.wire == 13 for value in moved.widgets.values()
                )

            wait_until(stored_last_run, 10, "the last run's snapshot")
            running[victim].process.kill()

            notice = page.locator('.porch-toast[data-code="moved"] > span')
            expect(notice).to_have_text(RESTORED, timeout=30_000)
            finished(page)
            for line in ("count=2", "level=13", "name=Ada"):
                expect(page.get_by_text(line, exact=True)).to_be_visible(timeout=20_000)
            expect(page.get_by_label("Name")).to_have_value("Ada")
            expect(page.get_by_role("slider", name="Level", exact=True)).to_have_value("13")
            assert replica_of(context) != victim
            assert page.evaluate("JSON.parse(sessionStorage.getItem('porch.session:/')).session") == saved["session"]
            page.get_by_role("button", name="Add").click()
            expect(page.get_by_text("count=3", exact=True)).to_be_visible(timeout=20_000)
        finally:
            context.close()
