"""Toasts as system notifications in the desktop window, through a real session D-Bus.

The D-Bus tests start a private D-Bus daemon (Debian's ``dbus-daemon``, with a configuration of its own that activates
no service) and, on it, a small ``org.freedesktop.Notifications`` service written here with jeepney that records what
it is sent. The window test runs the real ``porch run`` in a Qt WebEngine window under Xvfb with
``DBUS_SESSION_BUS_ADDRESS`` pointing at that bus, moves the keyboard focus to another X window and back with xdotool,
and checks what reached the service: nothing for a toast while the window is in front, one notification (the page's
title, the toast's icon and text without markdown) for a toast while it is not, and a click on it brings the window
back to the front. The browser test checks that a page outside the desktop window makes no notification and asks for
no permission.
"""

from __future__ import annotations

import json
import queue
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from playwright.sync_api import expect

from engine_harness import running_engine
from porch.shell.notifications import SERVICE, SERVICE_ADDRESS, NotificationService
from porch.shell.session_bus import BusError, SessionBus, session_bus_address
from porch.shell.x11_activation import time_of
from test_window import window_env

DRIVER = Path(__file__).with_name("notification_driver.py")
WAIT = 20.0

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

NOTIFY_APP = """
import porch as st

st.set_page_config(page_title="Notify test")
if st.button("Toast"):
    st.session_state.toasts = st.session_state.get("toasts", 0) + 1
    st.toast(f"**Export {st.session_state.toasts}** finished: `data.csv`", icon="✅")
if st.button("Material"):
    st.toast("Saved :material/home: *here*", icon=":material/check:")
st.write("ready")
"""


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """A private session bus: its address."""
    if not shutil.which("dbus-daemon"):
        pytest.fail("dbus-daemon not found: install Debian's dbus package (.ci/setup does)")
    folder = tmp_path / "bus"
    folder.mkdir()
    config = folder / "session.conf"
    config.write_text(BUS_CONFIG.format(folder=folder))
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    if not address:
        daemon.kill()
        daemon.wait()
        pytest.fail("dbus-daemon did not start")
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(10)
        daemon.stdout.close()


class NotificationServer:
    """A freedesktop notification service on ``address``, on a thread of its own: it records each call it gets, gives
    ids from 1 up and, on :meth:`click`, sends ``ActionInvoked`` as a service does when the user clicks."""

    def __init__(self, address: str, capabilities: list[str]) -> None:
        self.capabilities = capabilities
        self.calls: list[tuple[str, str, tuple[Any, ...]]] = []  # (member, signature, body)
        self._changed = threading.Condition()
        self._outbox: queue.SimpleQueue[Callable[[DBusConnection], None]] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._conn = open_dbus_connection(address)
        reply = self._conn.send_and_get_reply(message_bus.RequestName(SERVICE), timeout=WAIT)
        assert reply.body == (1,), f"could not own {SERVICE}: {reply.body}"
        self.name = self._conn.unique_name
        self._thread = threading.Thread(target=self._serve, name="fake-notifications", daemon=True)
        self._thread.start()

    def wait_for(self, member: str, count: int = 1) -> list[tuple[Any, ...]]:
        """The bodies of the first ``count`` calls of ``member``, once they came (within a generous deadline)."""
        with self._changed:
            self._changed.wait_for(lambda: len(self.bodies(member)) >= count, timeout=WAIT)
            return self.bodies(member)

    def bodies(self, member: str) -> list[tuple[Any, ...]]:
        return [body for name, _, body in self.calls if name == member]

    def click(self, notification_id: int, action: str = "default") -> None:
        self._emit("ActionInvoked", "us", (notification_id, action))

    def _emit(self, signal: str, signature: str, body: tuple[Any, ...]) -> None:
        self._outbox.put(lambda conn: conn.send(new_signal(SERVICE_ADDRESS, signal, signature, body)))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(WAIT)
        self._conn.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            while not self._outbox.empty():
                self._outbox.get()(self._conn)
            try:
                message = self._conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.message_type != MessageType.method_call:
                continue
            member = str(message.header.fields.get(HeaderFields.member))
            signature = str(message.header.fields.get(HeaderFields.signature, ""))
            with self._changed:
                self.calls.append((member, signature, message.body))
                self._changed.notify_all()
            if member == "Notify":
                self._conn.send(new_method_return(message, "u", (len(self.bodies("Notify")),)))
            elif member == "GetCapabilities":
                self._conn.send(new_method_return(message, "as", (self.capabilities,)))
            elif member == "CloseNotification":
                self._conn.send(new_method_return(message))
                self._conn.send(new_signal(SERVICE_ADDRESS, "NotificationClosed", "uu", (message.body[0], 3)))
            else:
                self._conn.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))


@pytest.fixture
def server(session_bus: str) -> Iterator[NotificationServer]:
    service = NotificationServer(session_bus, ["body", "actions"])
    yield service
    service.close()


@pytest.fixture
def window_side(session_bus: str) -> Iterator[NotificationService]:
    """The window's end: a :class:`NotificationService` on the private bus, driven by :func:`pump_until`."""
    service = NotificationService(SessionBus.connect(session_bus))
    yield service
    service.bus.close()


def pump_until(bus: SessionBus, done: Callable[[], bool]) -> None:
    """Read the bus as the window's event loop would, until ``done()``."""
    deadline = time.monotonic() + WAIT
    while not done():
        assert time.monotonic() < deadline, "the bus did not deliver in time"
        if select.select([bus.fileno()], [], [], 0.1)[0]:
            assert bus.pump() or done(), "the bus closed the connection"


def test_a_notification_goes_to_the_service_with_its_types_escaped_for_markup(session_bus: str) -> None:
    server = NotificationServer(session_bus, ["body", "body-markup", "actions"])
    service = NotificationService(SessionBus.connect(session_bus))
    try:
        shown: list[tuple[str, int]] = []
        actions: list[tuple[tuple[str, int], str]] = []
        closed: list[tuple[str, int]] = []
        service.on_action = lambda key, action: actions.append((key, action))
        service.on_closed = closed.append
        # Sent before the service said what it can do: it waits for that answer, then goes out escaped.
        service.notify("Porch app", "Report", "a < b & c", 0, shown.append)
        pump_until(service.bus, lambda: bool(shown))
        assert shown == [(server.name, 1)]
        [(member, signature, body)] = [call for call in server.calls if call[0] == "Notify"]
        assert signature == "susssasa{sv}i", "Notify's own types: replaces_id is unsigned"
        assert body == ("Porch app", 0, "", "Report", "a &lt; b &amp; c", ["default", "Open"], {}, -1)
        service.notify("Porch app", "Report", "updated", 1, shown.append)
        pump_until(service.bus, lambda: len(shown) == 2)
        assert server.bodies("Notify")[1][1] == 1, "a toast the script updated replaces its notification"

        server.click(1)
        pump_until(service.bus, lambda: bool(actions))
        assert actions == [((server.name, 1), "default")]
        service.close((server.name, 1))
        pump_until(service.bus, lambda: bool(closed))
        assert server.bodies("CloseNotification") == [(1,)] and closed == [(server.name, 1)]
    finally:
        service.bus.close()
        server.close()


def test_a_click_forged_by_another_program_on_the_bus_names_no_notification(
    session_bus: str, server: NotificationServer, window_side: NotificationService
) -> None:
    service = window_side
    shown: list[tuple[str, int]] = []
    actions: list[tuple[tuple[str, int], str]] = []
    service.on_action = lambda key, action: actions.append((key, action))
    service.notify("Porch app", "Report", "done", 0, shown.append)
    pump_until(service.bus, lambda: bool(shown))
    forger = open_dbus_connection(session_bus)
    try:
        # Sent straight to the window's connection, as the service's signal would come: the bus delivers it, but its
        # sender is the forger, so the key it carries is not the one of the notification shown.
        forged = new_signal(SERVICE_ADDRESS, "ActionInvoked", "us", (1, "default"))
        forged.header.fields[HeaderFields.destination] = service.bus.unique_name
        forger.send(forged)
        pump_until(service.bus, lambda: bool(actions))
    finally:
        forger.close()
    assert actions == [((forger.unique_name, 1), "default")] and actions[0][0] not in shown
    server.click(1)
    pump_until(service.bus, lambda: len(actions) == 2)
    assert actions[1] == (shown[0], "default")


def test_no_service_on_the_bus_is_said_once_and_nothing_waits(window_side: NotificationService) -> None:
    service = window_side
    failures: list[str] = []
    service.on_failure = failures.append
    service.notify("Porch app", "Report", "done", 0, lambda key: pytest.fail("nothing can show it"))
    pump_until(service.bus, lambda: bool(failures))
    assert len(failures) == 1 and failures[0].startswith(f"no notification service on the session bus ({SERVICE}:")
    assert service.bus.closed


def test_no_session_bus_is_a_clear_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with pytest.raises(BusError, match="no session bus"):
        session_bus_address()
    with pytest.raises(BusError, match="cannot connect to the session bus"):
        SessionBus.connect(f"unix:path={tmp_path / 'gone'}")


def test_the_time_of_the_click_comes_from_the_services_x11_activation_token() -> None:
    assert time_of("gnome-shell/Notify test/2345-0-host_TIME987654") == 987654
    assert time_of("an-xdg-activation-token") == 0 and time_of("") == 0


class Driver:
    """notification_driver.py in its own process, its JSON events read on a thread."""

    def __init__(self, app: Path, env: dict[str, str], log: Path) -> None:
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(app)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._log, text=True, env=env,
        )
        self._events: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self._events.put(json.loads(line))
        self._events.put({"event": "ended"})

    def next(self, name: str) -> dict[str, Any]:
        event = self._events.get(timeout=60)
        assert event["event"] == name, f"expected {name}, got {event}\n{self.stderr()}"
        return event

    def go_on(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def stderr(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return Path(self._log.name).read_text()

    def close(self) -> int:
        """Wait for the driver to exit; closing its stdin lets it go on if a failed test never told it to."""
        try:
            assert self.process.stdin is not None
            self.process.stdin.close()
            return self.process.wait(30)
        finally:
            self._reader.join(30)
            if self.process.stdout is not None:
                self.process.stdout.close()
            self._log.close()


@pytest.mark.desktop
@pytest.mark.slow
def test_a_toast_while_the_window_is_not_in_front_is_a_system_notification(
    tmp_path: Path, display: str, session_bus: str, server: NotificationServer
) -> None:
    folder = tmp_path / "notify_app"
    folder.mkdir()
    app = folder / "app.py"
    app.write_text(NOTIFY_APP)
    env = window_env(tmp_path, display)
    env["DBUS_SESSION_BUS_ADDRESS"] = session_bus
    driver = Driver(app, env, tmp_path / "driver.log")
    try:
        in_front = driver.next("toast_in_front")
        assert (in_front["runtime"], in_front["permission"]) == ("desktop", "granted"), "granted before the page asked"
        assert "Export 1 finished: data.csv" in in_front["text"]
        away = driver.next("toast_away")
        assert away["focused"] is False and "Export 2 finished: data.csv" in away["text"]

        [notify] = server.wait_for("Notify")
        app_name, replaces, icon, title, body, actions, hints, timeout = notify
        assert (title, body) == ("Notify test", "✅ Export 2 finished: data.csv"), "markdown gone, icon first"
        assert app_name == "Notify test" and replaces == 0 and actions == ["default", "Open"]
        # The toast shown while the window was in front came first and sent nothing: one Notify, the second toast's.
        assert len(server.bodies("Notify")) == 1

        server.click(1)
        driver.go_on()
        after = driver.next("after_click")
        assert after["focused"] and after["window_in_front"], "clicking the notification raised the window"
        driver.next("exit")
    finally:
        code = driver.close()
    log = driver.stderr()
    assert code == 0, log
    assert "system notifications go to org.freedesktop.Notifications" in log
    assert "notifications allowed" not in log, "the page never asked: the window granted it before the page loaded"


#: Stands in for the web Notification API in a browser page: records each notification made and each request for the
#: permission, which it says is granted, so that only the page's own rule decides. The page is never in front.
FAKE_NOTIFICATIONS = """
window.__notes = { made: [], asked: 0 };
window.Notification = class {
  static permission = "granted";
  static requestPermission() { window.__notes.asked += 1; return Promise.resolve("granted"); }
  constructor(title, options) { window.__notes.made.push({ title, ...options }); }
  addEventListener() {}
};
document.hasFocus = () => false;
"""


@pytest.mark.browser
def test_a_browser_page_shows_toasts_only_in_the_page_and_never_asks(context: Any) -> None:
    context.add_init_script(FAKE_NOTIFICATIONS)
    with running_engine(NOTIFY_APP) as server:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator("body[data-run=finished]")).to_be_attached()
        assert page.evaluate("document.body.dataset.runtime") == "headless"
        cards = page.locator(".toast-area .toast-card")
        page.get_by_role("button", name="Toast").click()
        expect(cards).to_have_count(1)
        assert page.evaluate("window.__notes") == {"made": [], "asked": 0}, "no notification, no prompt"
        # The same page, told it runs in the desktop window (as the session message says there): the toast also
        # becomes a notification, which shows the rule above is the runtime's, not a missing API.
        page.evaluate("document.body.dataset.runtime = 'desktop'")
        page.get_by_role("button", name="Toast").click()
        expect(cards).to_have_count(2)
        notes = page.evaluate("window.__notes")
        assert notes["asked"] == 0 and [(n["title"], n["body"]) for n in notes["made"]] == [
            ("Notify test", "✅ Export 2 finished: data.csv")
        ]
        # Material icons are the toast's look, not text: a notification has neither the icon nor its name.
        page.get_by_role("button", name="Material").click()
        expect(cards).to_have_count(3)
        assert page.evaluate("window.__notes.made.at(-1).body") == "Saved here"
