"""The shells under hostile conditions that need no window: the loopback shells' launch link (it leaks through the
browser's command line, so it must open the app once, soon, and only through a loopback name), the desktop shell's
reads from a page that never answers, and a signal that arrives while the shell is busy elsewhere.

The same properties end to end, with a real browser and a real window: tests/test_shell_browser.py and
tests/desktop/test_shutdown.py.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from engine_harness import running_engine
from porch.security import AccessPolicy, LaunchToken, loopback_access
from porch.shell.desktop import SignalRelay
from porch.shell.page_watcher import PageSilent, PageWatcher


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def launch_policy(clock: FakeClock) -> AccessPolicy:
    return AccessPolicy(token="the-secret", loopback_only=True, cookie_name="porch_token_1",
                        launch=LaunchToken("the-launch-token", lifetime=60.0, clock=clock))


def status_of(url: str, **headers: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:
            return response.status, response.reason
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, error.reason


def first_visit(url: str, **headers: str) -> tuple[int, str, str]:
    """Status, Set-Cookie and Location of a visit that follows no redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=5) as response:
            return response.status, response.headers.get("Set-Cookie", ""), response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, error.headers.get("Set-Cookie", ""), error.headers.get("Location", "")


def test_the_launch_token_is_traded_once_for_the_cookie_and_then_opens_nothing() -> None:
    with running_engine("", access=launch_policy(FakeClock())) as server:
        status, cookie, location = first_visit(server.url + "?token=the-launch-token&page=2")
        assert (status, location) == (303, "/?page=2")  # the app's own parameters stay, the token goes
        assert cookie.startswith("porch_token_1=the-secret;") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert first_visit(server.url + "?token=the-launch-token")[0] == 403
        assert status_of(server.url + "?token=the-launch-token") == (403, "Launch link already used or expired")
        assert status_of(server.url + "?token=the-secret")[0] == 403  # the secret is no launch token
        assert status_of(server.url + "?token=%C3%A9")[0] == 403  # not ASCII: refused, not a server error
        assert status_of(server.url, Cookie="porch_token_1=the-secret")[0] == 200
        assert status_of(server.url, Cookie="porch_token=the-secret")[0] == 403  # another port's cookie name


def test_an_unused_launch_token_expires() -> None:
    clock = FakeClock()
    with running_engine("", access=launch_policy(clock)) as server:
        clock.now += LaunchToken.LIFETIME + 1
        assert status_of(server.url + "?token=the-launch-token") == (403, "Launch link already used or expired")
        assert status_of(server.url, Cookie="porch_token_1=the-secret")[0] == 200  # the cookie does not expire


def test_a_launch_token_with_a_foreign_host_is_not_spent() -> None:
    """The Host check comes first: a request through a rebinding name neither earns the cookie nor burns the link."""
    with running_engine("", access=launch_policy(FakeClock())) as server:
        status, cookie, _ = first_visit(server.url + "?token=the-launch-token", Host=f"rebind.example:{server.port}")
        assert (status, cookie) == (403, "")
        assert first_visit(server.url + "?token=the-launch-token")[0] == 303


def test_each_launch_has_its_own_secrets_and_a_cookie_named_for_its_port() -> None:
    first, first_launch = loopback_access(8501)
    second, second_launch = loopback_access(8502)
    assert (first.cookie_name, second.cookie_name) == ("porch_token_8501", "porch_token_8502")
    secrets = {first.token, second.token, first_launch.value, second_launch.value}
    assert len(secrets) == 4 and all(secret and len(secret) >= 40 for secret in secrets)
    assert first.loopback_only and first.launch is first_launch


class SilentWindow:
    """A pywebview window whose page never answers (its renderer hangs or ended): run_js blocks until released."""

    def __init__(self) -> None:
        self.events = type("Events", (), {"loaded": threading.Event(), "closed": threading.Event()})()
        self.events.loaded.set()
        self.release = threading.Event()
        self.calls = 0

    def run_js(self, script: str) -> Any:
        self.calls += 1
        self.release.wait()
        return None

    def set_title(self, title: str) -> None:
        pass


def test_a_page_that_never_answers_holds_no_thread_the_shell_waits_for(caplog: pytest.LogCaptureFixture) -> None:
    """The desktop shell hung on exit when its page watcher, a thread the interpreter joins, waited forever in
    run_js. The watcher now waits a bounded time, keeps at most one call out, and runs on daemon threads only."""
    window = SilentWindow()
    watcher = PageWatcher(window, on_rendered=lambda: None)
    watcher.ANSWER_SECONDS = 0.2
    try:
        with caplog.at_level(logging.WARNING, logger="porch.desktop"):
            with pytest.raises(PageSilent, match="no answer within"):
                watcher.call("document.title")
            with pytest.raises(PageSilent, match="not answered an earlier call"):
                watcher.call("document.title")
            watcher.poll()  # a silent page: nothing read, nothing raised
        assert window.calls == 1  # one stuck call, not one per poll
        assert [r.getMessage() for r in caplog.records].count(
            "the page in the window has not answered for 0 s (busy, or its renderer process ended); the window "
            "stays open") == 1
        watcher.start()
        callers = [t for t in threading.enumerate() if t.name in ("porch-page", "porch-page-call")]
        assert callers and all(t.daemon for t in callers)
    finally:
        watcher.stop()
        window.release.set()


def test_a_signal_counts_as_arrived_while_the_relay_still_acts_on_it() -> None:
    """The desktop shell tells a lost display from a stop it was asked for by whether a signal arrived; the signal
    thread may not have run yet (a process-group SIGTERM reaches the X server and the shell together)."""
    acting = threading.Event()
    proceed = threading.Event()

    def on_signal(signum: int) -> None:
        acting.set()
        proceed.wait(10)

    relay = SignalRelay(on_signal)
    try:
        assert not relay.arrived()
        os.kill(os.getpid(), signal.SIGTERM)
        deadline = time.monotonic() + 10
        while not relay.arrived():
            assert time.monotonic() < deadline, "SIGTERM never counted as arrived"
            time.sleep(0.01)
        assert acting.wait(10)
        assert relay.arrived()
    finally:
        proceed.set()
        relay.close()
