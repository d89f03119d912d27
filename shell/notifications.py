"""System notifications from the desktop window on Linux: the page's web notifications, shown by the system.

Where they come from: the client turns a toast into a web notification (``new Notification(title, {body, tag})``)
when it runs in the desktop window and the window is not in front (``webui/elements/toast.js``): the data flow stays
one way (engine -> deltas -> page), and the page decides. It never asks for the permission: :func:`present` grants it
to the app's own origin before the page loads, so the page finds it granted; in a browser no one grants it, so there
the page shows its toasts and nothing else, and no prompt appears.

Qt WebEngine hands each notification to the profile's presenter, :class:`Presenter`, which shows it through the
freedesktop notification service (``org.freedesktop.Notifications`` on the session D-Bus, which GNOME Shell, KDE
Plasma, dunst, mako, xfce4-notifyd and others provide): title and body as the page gave them (the body escaped when
the service reads markup), replacing the notification of the same tag (a toast the script updated). Clicking it (the
service's "default" action, where the service offers actions) raises the window and passes the click to the page.
When the service closes one (expired, dismissed), the page hears of it; when the page closes one, the service is told.
Notifications from any other origin (a page framed by ``st.iframe`` or a component) are not shown.

Threads: all of it runs on Qt's GUI thread, where Qt calls the presenter; the bus connection
(:mod:`porch.shell.session_bus`) is read through a ``QSocketNotifier`` on that thread, so there is no thread here.
The first notification connects (bounded by :data:`porch.shell.session_bus.CONNECT_SECONDS`); with no bus or no
service, the log says so once and toasts stay in the window.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable
from typing import Any

from jeepney import DBusAddress, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus

from .session_bus import BusError, SessionBus, member, sender

log = logging.getLogger("porch.desktop")

SERVICE = "org.freedesktop.Notifications"
SERVICE_ADDRESS = DBusAddress("/org/freedesktop/Notifications", bus_name=SERVICE, interface=SERVICE)
#: The action a service invokes when the notification itself is clicked (the freedesktop spec's name), and its label.
DEFAULT_ACTION = ("default", "Open")
#: Notifications whose Qt object is kept, to pass on a click or a close; beyond it the oldest is let go (it stays on
#: screen, but a click on it no longer raises the window).
MAX_KEPT = 64
#: What of a title and a body is sent: a toast is short, a service shows a few lines.
MAX_TITLE = 200
MAX_BODY = 2000

#: A notification as the service knows it: the service's unique bus name and the id it gave.
Key = tuple[str, int]


class NotificationService:
    """The freedesktop notification service on the session bus. GUI thread.

    Connecting asks for the service's capabilities (whether it reads markup in the body, whether it has actions) without
    waiting: notifications sent before the answer wait for it. An error answer (no service on the bus) calls
    :attr:`on_failure` with the reason; a signal from anyone but the connection that gave the notification's id is
    ignored."""

    def __init__(self, bus: SessionBus) -> None:
        self._bus = bus
        self._capabilities: frozenset[str] | None = None
        self._waiting: list[Callable[[], None]] = []
        #: ``on_action(key, action)``: the user clicked the notification or one of its actions.
        self.on_action: Callable[[Key, str], None] = _nothing
        #: ``on_token(key, token)``: what lets the window come to the front for the click that follows (an
        #: xdg-activation token on Wayland, a startup id with the click's time on X11; spec 1.2, not every service).
        self.on_token: Callable[[Key, str], None] = _nothing
        #: ``on_closed(key)``: the service closed the notification (it expired, or the user dismissed it).
        self.on_closed: Callable[[Key], None] = _nothing
        #: ``on_failure(reason)``: the service is not there; this object is of no further use.
        self.on_failure: Callable[[str], None] = _nothing
        bus.on_signal = self._signal
        for name in ("ActionInvoked", "ActivationToken", "NotificationClosed"):
            rule = MatchRule(type="signal", sender=SERVICE, interface=SERVICE, path=SERVICE_ADDRESS.object_path,
                             member=name)
            bus.send(message_bus.AddMatch(rule))
        bus.send(new_method_call(SERVICE_ADDRESS, "GetCapabilities"), self._got_capabilities)

    @classmethod
    def connect(cls) -> NotificationService:
        """Raises :class:`porch.shell.session_bus.BusError` when there is no session bus to reach."""
        return cls(SessionBus.connect())

    @property
    def bus(self) -> SessionBus:
        return self._bus

    def notify(self, app_name: str, title: str, body: str, replaces: int, on_shown: Callable[[Key], None]) -> None:
        """Show a notification (replacing the service's notification ``replaces``, or 0); ``on_shown`` gets its key."""
        if self._capabilities is None:
            self._waiting.append(lambda: self.notify(app_name, title, body, replaces, on_shown))
            return
        if "body-markup" in self._capabilities:
            body = html.escape(body, quote=False)
        actions = list(DEFAULT_ACTION) if "actions" in self._capabilities else []
        call = new_method_call(SERVICE_ADDRESS, "Notify", "susssasa{sv}i",
                               (app_name, replaces, "", title, body, actions, {}, -1))

        def answered(reply: Message) -> None:
            if reply.header.message_type == MessageType.method_return and reply.body:
                on_shown((sender(reply), int(reply.body[0])))
            else:
                log.warning("the notification service refused a notification: %s", reply.body)

        self._send(call, answered)

    def close(self, key: Key) -> None:
        """Take a notification off the screen (the page closed it)."""
        if self._capabilities is not None and not self._bus.closed:
            self._send(new_method_call(SERVICE_ADDRESS, "CloseNotification", "u", (key[1],)), None)

    def _send(self, message: Message, on_reply: Callable[[Message], None] | None) -> None:
        try:
            self._bus.send(message, on_reply)
        except BusError as exc:
            self._fail(str(exc))

    def _got_capabilities(self, reply: Message) -> None:
        if reply.header.message_type != MessageType.method_return:
            self._fail(f"no notification service on the session bus ({SERVICE}: {reply.body[0] if reply.body else ''})")
            return
        self._capabilities = frozenset(str(c) for c in reply.body[0])
        log.info("system notifications go to %s (capabilities: %s)", SERVICE, ", ".join(sorted(self._capabilities)))
        waiting, self._waiting = self._waiting, []
        for send in waiting:
            send()

    def _signal(self, message: Message) -> None:
        name, args = member(message), message.body
        if name == "ActionInvoked" and len(args) == 2:
            self.on_action((sender(message), int(args[0])), str(args[1]))
        elif name == "ActivationToken" and len(args) == 2:
            self.on_token((sender(message), int(args[0])), str(args[1]))
        elif name == "NotificationClosed" and args:
            self.on_closed((sender(message), int(args[0])))

    def _fail(self, reason: str) -> None:
        self._waiting.clear()
        self._bus.close()
        self.on_failure(reason)


class Presenter:
    """Qt WebEngine's notification presenter for the window's profile (``QWebEngineProfile.setNotificationPresenter``).
    Qt calls it, and everything here runs, on the GUI thread."""

    def __init__(self, window: Any, allowed: Callable[[str], bool]) -> None:
        self._window = window
        self._allowed = allowed
        self._service: NotificationService | None = None
        self._watch: Any = None  # the QSocketNotifier that reads the bus
        #: The notifications shown, oldest first: the Qt object of each, to pass on a click or a close.
        self._kept: dict[Key, Any] = {}
        self._token: tuple[Key, str] | None = None  # the last activation token, for the click that follows it
        self._said: set[str] = set()

    def __call__(self, notification: Any) -> None:
        origin = notification.origin().toString()
        if not self._allowed(origin):
            self._say(f"a notification from {origin} was not shown: only the app's own page may show them")
            return
        service = self._connected()
        if service is None:
            return
        replaces = self._take_replaced(notification)
        service.notify(
            self._window.windowTitle() or notification.title(),
            notification.title()[:MAX_TITLE],
            _shortened(notification.message(), MAX_BODY),
            replaces[1] if replaces else 0,
            lambda key: self._shown(key, notification),
        )

    def _connected(self) -> NotificationService | None:
        if self._service is not None:
            return self._service
        from qtpy.QtCore import QSocketNotifier

        try:
            service = NotificationService.connect()
        except BusError as exc:
            self._say(f"no system notifications: {exc}; toasts show in the window only")
            return None
        service.on_action = self._action
        service.on_token = self._remember_token
        service.on_closed = self._closed_by_service
        service.on_failure = self._lost
        self._watch = QSocketNotifier(service.bus.fileno(), QSocketNotifier.Type.Read, self._window)
        self._watch.activated.connect(self._readable)
        self._service = service
        return service

    def _readable(self, *args: Any) -> None:
        service = self._service
        if service is not None and not service.bus.pump() and self._service is service:  # not let go meanwhile
            self._lost("the session bus closed the connection")

    def _remember_token(self, key: Key, token: str) -> None:
        self._token = (key, token)

    def _lost(self, reason: str) -> None:
        """The bus or the service is gone: let everything go; the next notification connects anew."""
        self._say(f"no system notifications: {reason}; toasts show in the window only")
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
            self._watch = None
        if self._service is not None:
            self._service.bus.close()
            self._service = None
        for key in list(self._kept):
            self._let_go(key)

    def _shown(self, key: Key, notification: Any) -> None:
        self._kept[key] = notification
        notification.closed.connect(lambda: self._closed_by_page(key))
        notification.show()
        while len(self._kept) > MAX_KEPT:
            self._let_go(next(iter(self._kept)))

    def _take_replaced(self, notification: Any) -> Key | None:
        """The notification of the same tag and origin that this one replaces (a toast the script updated)."""
        for key, shown in self._kept.items():
            if shown.matches(notification):
                self._let_go(key)
                return key
        return None

    def _action(self, key: Key, action: str) -> None:
        notification = self._kept.get(key)
        if notification is None or action != DEFAULT_ACTION[0]:
            return
        log.info("a notification was clicked: the window comes to the front")
        token = self._token[1] if self._token is not None and self._token[0] == key else ""
        self._token = None
        _bring_to_front(self._window, token)
        notification.click()

    def _closed_by_service(self, key: Key) -> None:
        notification = self._let_go(key)
        if notification is not None:
            notification.close()  # the page's "close" event

    def _closed_by_page(self, key: Key) -> None:
        if self._let_go(key) is not None and self._service is not None:
            self._service.close(key)

    def _let_go(self, key: Key) -> Any:
        notification = self._kept.pop(key, None)
        if notification is not None:
            try:
                notification.closed.disconnect()
            except (RuntimeError, TypeError):
                pass
        return notification

    def _say(self, line: str) -> None:
        if line not in self._said:
            self._said.add(line)
            log.info("%s", line)


#: The presenters of this process's windows: a profile holds only a C++ reference to its presenter.
_presenters: list[Presenter] = []


def present(profile: Any, window: Any, allowed: Callable[[str], bool], app_url: str) -> None:
    """Let the app's own page (at ``app_url``) show notifications, without asking, and show them through
    :class:`Presenter`. GUI thread, before the page loads. Qt before 6.8 cannot grant ahead of the page's request:
    there the page finds no permission and shows its toasts only in the window."""
    presenter = Presenter(window, allowed)
    _presenters.append(presenter)
    profile.setNotificationPresenter(presenter)
    if hasattr(profile, "queryPermission"):
        from qtpy.QtCore import QUrl
        from qtpy.QtWebEngineCore import QWebEnginePermission

        profile.queryPermission(QUrl(app_url), QWebEnginePermission.PermissionType.Notifications).grant()


def _bring_to_front(window: Any, token: str) -> None:
    """Raise and focus the window for the user, who asked for it by clicking its notification. Qt's own
    ``activateWindow`` is refused on X11 after the user worked elsewhere (:mod:`porch.shell.x11_activation` says
    why); on Wayland it works with the service's activation token, which Qt reads from ``XDG_ACTIVATION_TOKEN``."""
    from qtpy.QtGui import QGuiApplication

    if window.isMinimized():
        window.showNormal()
    platform = QGuiApplication.platformName()
    if platform == "xcb":
        from . import x11_activation

        if x11_activation.bring_to_front(int(window.winId()), x11_activation.time_of(token)):
            return
    elif platform == "wayland" and token:
        os.environ["XDG_ACTIVATION_TOKEN"] = token  # Qt takes it (and unsets it) in the activation request
    window.raise_()
    window.activateWindow()


def _shortened(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _nothing(*args: Any) -> None:
    """No one listens."""
