"""A rolling restart of all three replicas under load loses no click: Chromium tabs behind HAProxy (the recipe of
docs/deploy.md) and a shared Redis keep clicking a counter while each replica in turn gets SIGTERM, drains, and is
started again on its port; at the end each tab's counter is exactly the clicks it made, in the session it started
with. Clicks made as a replica closes (its last snapshot already written, or in flight on its socket) are the ones
the page keeps until acknowledged and sends again to the replica that takes its session over (webui/protocol.js (its "delivery" part)). The
same as a rolling upgrade: the replicas come back as another version, and each page reloads itself for the new
build on the way, carrying what it keeps."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from deploy_harness import COUNTER_APP, Proxy, Replica, proxy, replicas, request, wait_until
from store_harness import redis_server

SESSION_KEY = "porch.session:/"
#: Tabs, each a browser of its own (own cookies), spread over the three replicas by the proxy.
TABS = 6


#: The load, in each tab: a click on its button every 40 ms, as a user holding Enter on it would (keys reach a button
#: while the page is reconnecting, when the pointer's clicks do not), counted where they are made. An init script of
#: the tab's context, counting in ``sessionStorage``: a page that reloads itself (a replica of a new build) goes on.
CLICKER = """(() => {
  const made = () => Number(sessionStorage.getItem("test-clicks") || 0);
  const click = () => {
    if (sessionStorage.getItem("test-clicks-stopped")) return;
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Add");
    if (button && !button.disabled) {
      button.click();
      sessionStorage.setItem("test-clicks", String(made() + 1));
    }
  };
  let timer;
  addEventListener("load", () => { timer = setInterval(click, 40); });
  window.porchClicks = {
    made,
    stop: () => { clearInterval(timer); sessionStorage.setItem("test-clicks-stopped", "1"); return made(); },
  };
})();"""


def finished(page: Any) -> None:
    page.wait_for_function(
        "() => document.body.dataset.run === 'finished' && document.body.dataset.runStatus !== 'rerun'", timeout=20_000
    )


def saved_session(page: Any) -> str:
    return str(page.evaluate(f"JSON.parse(sessionStorage.getItem({SESSION_KEY!r}) || '{{}}').session || ''"))


def routed_to(front: Proxy, replica_id: str) -> bool:
    """Whether the proxy sends a browser whose cookie names the replica to that replica (it is in the rotation again:
    its health check passed ``rise`` times); else it sends it to another (``option redispatch``)."""
    status, _, body = request("127.0.0.1", front.port, "GET", "/_porch/health",
                              {"Cookie": f"porch_replica={replica_id}"})
    return status == 200 and json.loads(body).get("replica") == replica_id


class RollingRestart(threading.Thread):
    """SIGTERM each replica in turn, wait for it to end (its sessions handed off), start it again on its port with the
    same flags, and wait until the proxy sends to it again; then the next one."""

    def __init__(self, running: dict[str, Replica], front: Proxy, app: Path, tmp: Path, flags: tuple[str, ...]):
        super().__init__(name="rolling-restart", daemon=True)
        self.running = running
        self.front = front
        self.app = app
        self.tmp = tmp
        self.flags = flags
        self.started_again: list[Replica] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for replica_id in ("a", "b", "c"):
                old = self.running[replica_id]
                old.signal(signal.SIGTERM)
                assert old.wait(60) == 0, old.log()
                new = Replica(self.app, replica_id, self.tmp, *self.flags, "--port", str(old.port))
                self.started_again.append(new)
                self.running[replica_id] = new
                wait_until(lambda: routed_to(self.front, replica_id), 60, f"HAProxy to send to {replica_id} again")
        except BaseException as exc:  # reported by the test's thread
            self.error = exc


@pytest.mark.browser
@pytest.mark.timeout(240)  # three replicas restarted one after the other: about 45 s on a loaded 2-core machine
@pytest.mark.parametrize("how", ["restart", "upgrade"])
def test_a_rolling_restart_of_all_three_replicas_under_load_loses_no_click(
    how: str, browser: Any, tmp_path: Path
) -> None:
    """``upgrade``: the replicas first run another version, so each page reloads itself once it reaches a restarted
    one (a new build), carrying the events it still keeps over the reload."""
    old = {"a": "0.0.1+old", "b": "0.0.1+old", "c": "0.0.1+old"} if how == "upgrade" else None
    with redis_server(tmp_path) as store:
        flags = ("--store", store.url, "--drain-grace", "1")
        with replicas(COUNTER_APP, tmp_path, ("a", "b", "c"), *flags, versions=old) as running, \
                proxy("haproxy", running, tmp_path) as front:
            contexts = [browser.new_context(viewport={"width": 900, "height": 600}) for _ in range(TABS)]
            roll: RollingRestart | None = None
            try:
                for context in contexts:
                    context.add_init_script(script=CLICKER)
                pages = [context.new_page() for context in contexts]
                for page in pages:
                    page.goto(f"http://127.0.0.1:{front.port}/")
                    finished(page)
                sessions = [saved_session(page) for page in pages]
                homes = {session.rpartition(".")[0] for session in sessions}
                assert homes == {"a", "b", "c"}, sessions  # the proxy spread them: every replica has tabs to move

                roll = RollingRestart(running, front, tmp_path / "app.py", tmp_path, flags)
                roll.start()
                roll.join(150)
                assert not roll.is_alive() and roll.error is None, roll.error
                for page in pages:  # a few more on the restarted replicas, then the load stops
                    page.wait_for_function("made => window.porchClicks.made() >= made",
                                           arg=page.evaluate("window.porchClicks.made()") + 5, timeout=20_000)
                clicks = [int(page.evaluate("window.porchClicks.stop()")) for page in pages]

                assert min(clicks) >= 20, clicks
                for page, session, made in zip(pages, sessions, clicks):
                    expect(page.get_by_text(f"count={made}", exact=True)).to_be_visible(timeout=60_000)
                    finished(page)
                    assert saved_session(page) == session  # the same session all along, moved once or more
                for page, made in zip(pages, clicks):  # settled: nothing more arrives that could count twice
                    expect(page.get_by_text(f"count={made}", exact=True)).to_be_visible()
            finally:
                if roll is not None:
                    roll.join(120)
                    for replica in roll.started_again:
                        replica.close()
                for context in contexts:
                    context.close()
