"""A session's own process (``isolation = "process"``): it hosts one real :class:`porch.session.Session` and talks
to the engine over one socket (``porch.isolation`` describes the messages; ``porch.process_session`` is the other
end). Nothing here runs in the engine's process.

Threads of a child: its main thread runs an asyncio loop, the session's :class:`~porch.interfaces.Loop` (the engine's
loop's part: attach, receive, flush); one thread reads the socket, hands session messages to the loop and answers
the child's own requests; the script runs in a worker (``porch.workers``) as it does in the engine. Writes to the
socket come from the loop (frames) and the worker (store calls), one at a time under a lock. The child ends when the
engine says so, when its socket closes (the engine is gone: no orphan), or when its own machinery fails.
"""

from __future__ import annotations

import asyncio
import faulthandler
import itertools
import logging
import os
import pickle
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from . import isolation, streamlit_alias
from .api import options as api_options
from .api.hooks import ApiHooks, script_hooks
from .errors import exception_hints
from .isolation import (
    AddDeferred,
    AddMedia,
    Attach,
    Deliver,
    Detach,
    End,
    EndMediaRun,
    EndUploadsRun,
    ExpectUploads,
    Frame,
    OpenUploads,
    PlaceMedia,
    Produce,
    Reply,
    Resend,
    SetIcon,
    Setup,
)
from .media import MediaStore, SessionMedia
from .protocol import Message, encode_frame
from .runtime_view import runtime as runtime_view
from .session import Session
from .upload_store import UPLOAD_KINDS, Accept, UploadedFile, UploadStore, file_ids
from .widgets import WidgetStore

log = logging.getLogger("porch.session_host")

try:  # the script API, loaded here so that the fork server (which imports this module) has it for every child
    from .api import public as _public  # noqa: F401
except Exception:  # the fork server must not die of it: the first run imports it again and shows what is wrong
    pass

#: How long a request to the engine may take before the script is told it failed (an upload of hundreds of MB
#: crosses in about a second).
REQUEST_TIMEOUT = 120.0


def main(sock: socket.socket, setup: Setup) -> None:
    """The child's entry point (``multiprocessing`` calls it with the socket's child end). Never returns."""
    try:
        host = _start(sock, setup)
    except BaseException:
        log.exception("the session's process could not start")
        os._exit(isolation.EXIT_INTERNAL_ERROR)
    host.serve()


def _start(sock: socket.socket, setup: Setup) -> Host:
    _configure_logging(setup.log_level)
    faulthandler.enable()  # a crash in an extension prints the Python stack to stderr before the process ends
    # Ctrl-C in a terminal and a service manager's stop signal the whole process group: stopping is the engine's to
    # do (it drains, then ends its sessions), not each session's on its own, which would read as a crash.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    problem = isolation.apply_memory_limit(setup.memory_limit)
    if problem is not None:
        log.debug("%s", problem)  # the engine said so once, at its start
    elif setup.memory_limit > 0:
        exception_hints.append(isolation.memory_hint(setup.memory_limit))
    setup.script.add_to_sys_path()
    streamlit_alias.install()
    if setup.secrets is not None:  # a porch.App's, given in the engine's process (porch.api.secrets.give)
        from .api import secrets as api_secrets

        api_secrets.give(setup.script.directory, setup.secrets)
    runtime_view.process = setup.runtime
    api_options.process = setup.options
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    channel = Channel(sock)
    hooks = script_hooks
    if setup.reports_script_errors:  # the App's on_script_error is the launcher's: asked there (porch.isolation)
        hooks = ApiHooks(on_script_error=lambda exc: channel.request(lambda n: isolation.script_error(n, exc)))
    session = Session(setup.script, loop, setup.runtime, hooks)
    session.id, session.token, session.build = setup.session_id, setup.token, setup.build
    session.options = setup.options
    session.pending.max_clicks = setup.max_queued_clicks
    session.max_pending_input_bytes = setup.max_pending_input_bytes
    session.max_chart_points = setup.max_chart_points
    media = session.media = RemoteMedia(channel)
    session.uploads = RemoteUploads(channel, setup.max_upload_bytes)
    session.stores = (media, session.uploads, session.frames)
    return Host(session, media, channel, loop)


def _configure_logging(level: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [session process %(process)d]: %(message)s", "%H:%M:%S")
    )
    root = logging.getLogger("porch")
    root.handlers[:] = [handler]
    root.setLevel(level)


class Channel:
    """The child's end of the socket: blocking writes from any thread (under a lock), and requests a thread waits
    for, answered by :class:`~porch.isolation.Reply` (which :meth:`Host._read` hands to :meth:`answer`)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._write_lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._waiting: dict[int, Future[Any]] = {}
        self._waiting_lock = threading.Lock()

    def send(self, message: object) -> None:
        data = isolation.encode(message)
        with self._write_lock:
            self.sock.sendall(data)

    def request(self, make: Callable[[int], object]) -> Any:
        """Send ``make(number)`` and wait for the engine's answer; raise the error it reports. Worker thread."""
        future: Future[Any] = Future()
        with self._waiting_lock:
            number = next(self._numbers)
            self._waiting[number] = future
        try:
            self.send(make(number))
            return future.result(REQUEST_TIMEOUT)
        finally:
            with self._waiting_lock:
                self._waiting.pop(number, None)

    def answer(self, reply: Reply) -> None:
        with self._waiting_lock:
            future = self._waiting.get(reply.request)
        if future is None:
            return
        if reply.error is not None:
            future.set_exception(reply.error)
        else:
            future.set_result(reply.value)

    def receive(self) -> object | None:
        """The next message from the engine, or None when the socket closed. Reader thread."""
        header = self._exactly(isolation.HEADER.size)
        if header is None:
            return None
        (size,) = isolation.HEADER.unpack(header)
        payload = self._exactly(size)
        return None if payload is None else pickle.loads(payload)

    def _exactly(self, size: int) -> bytes | None:
        buffer = bytearray(size)
        view = memoryview(buffer)
        got = 0
        while got < size:
            count = self.sock.recv_into(view[got:])
            if count == 0:
                return None
            got += count
        return bytes(buffer)


class Host:
    """The session and what connects it to the engine."""

    def __init__(
        self, session: Session, media: RemoteMedia, channel: Channel, loop: asyncio.AbstractEventLoop
    ) -> None:
        self.session = session
        self.media = media
        self.channel = channel
        self.loop = loop
        self.transport = ChannelTransport(channel)
        self._handlers: dict[type, Callable[[Any], None]] = {
            Attach: self._attach,
            Detach: self._detach,
            Deliver: self._deliver,
            Resend: lambda message: self.session.resend(message.widgets),
            End: self._end,
            Produce: self._produce,
        }

    def serve(self) -> None:
        """Run the loop on this (the main) thread until the engine ends the session; then leave at once."""
        self.loop.set_exception_handler(_fail)
        threading.Thread(target=self._read, name="porch-session-reader", daemon=True).start()
        self.loop.run_forever()
        os._exit(0)  # pragma: no cover - _end and _read leave before the loop stops

    def _read(self) -> None:
        """Reader thread: replies go to the requests waiting for them, everything else to the loop, in order."""
        try:
            while True:
                message = self.channel.receive()
                if message is None:
                    os._exit(0)  # the engine is gone: nobody is left to serve
                if isinstance(message, Reply):
                    self.channel.answer(message)
                else:
                    self.loop.call_soon_threadsafe(self._handlers[type(message)], message)
        except BaseException:
            log.exception("the session's process could not read from the engine")
            os._exit(isolation.EXIT_INTERNAL_ERROR)

    # -- loop thread -------------------------------------------------------------------------------------------------

    def _attach(self, message: Attach) -> None:
        self.transport.generation = message.generation
        self.session.attach(self.transport, message.hello, resumed=message.resumed, handshake=message.handshake)

    def _detach(self, message: Detach) -> None:
        self.session.detach(self.transport)
        self.transport.generation = message.generation

    def _deliver(self, message: Deliver) -> None:
        self.session.receive(message.message)

    def _end(self, message: End) -> None:
        os._exit(0)  # nothing of the session outlives it: its stores are the engine's

    def _produce(self, message: Produce) -> None:
        future = self.media.produce(message.key)
        future.add_done_callback(lambda done: self._answer_produce(message.request, done))

    def _answer_produce(self, request: int, done: Future[Any]) -> None:
        """Any thread (the worker, when the job ends)."""
        if done.cancelled():
            self.channel.send(Reply(request, error=RuntimeError("the session closed before the download was made")))
            return
        error = done.exception()
        if error is not None:
            self.channel.send(Reply(request, error=isolation.plain_error(error)))
        else:
            self.channel.send(Reply(request, value=done.result()))


def _fail(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """A fault of Porch's own on the child's loop: the session cannot be trusted any more; end it so the engine tells
    its client, rather than go on with frames lost."""
    log.error("the session's process failed: %s", context.get("message"), exc_info=context.get("exception"))
    os._exit(isolation.EXIT_INTERNAL_ERROR)


class ChannelTransport:
    """The session's :class:`~porch.interfaces.Transport`: frames go to the engine, encoded here (in the child, not
    on the engine's loop), with the connection generation they were made for."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.generation = 0

    def send(self, frame: list[Message]) -> None:
        run: tuple[int, str] | None = None
        for message in frame:
            if message.get("type") == "run":
                run = (int(message["run"]), str(message["state"]))
        self.channel.send(Frame(self.generation, encode_frame(frame), run))

    def close(self, code: int, reason: str) -> None:
        """The engine closes the client's connection itself when it ends a session; nothing to do here."""


class RemoteMedia(SessionMedia):
    """The session's media, kept by the engine's :class:`~porch.media.MediaStore` (whose endpoint serves them): every
    call is the engine's, and adding waits for the URL. A download made on request keeps its function here, where the
    script's code lives, until the engine asks for its content."""

    def __init__(self, channel: Channel) -> None:
        super().__init__(MediaStore(0))
        self.channel = channel
        self._makers: dict[str, tuple[Callable[[], bytes], Callable[[Callable[[], Any]], Future[Any]]]] = {}

    def add(
        self, source: bytes | Path, content_type: str, *, download_name: str | None = None, scripts: bool = False
    ) -> str:
        if isinstance(source, Path):
            source = Path(os.path.abspath(source))
        url: str = self.channel.request(lambda n: AddMedia(n, source, content_type, download_name, scripts))
        return url

    def add_deferred(
        self, key: str, make: Callable[[], bytes], submit: Callable[[Callable[[], Any]], Future[Any]],
        content_type: str, *, download_name: str | None = None,
    ) -> str:
        self._makers[key] = (make, submit)
        url: str = self.channel.request(lambda n: AddDeferred(n, key, content_type, download_name))
        return url

    def produce(self, key: str) -> Future[Any]:
        """Have the function of the download ``key`` called on the session's worker (between runs)."""
        found = self._makers.get(key)
        if found is None:
            failed: Future[Any] = Future()
            failed.set_exception(RuntimeError("this download is no longer on the page"))
            return failed
        make, submit = found
        return submit(make)

    def place(self, path: tuple[int, ...], urls: list[str]) -> None:
        self.channel.send(PlaceMedia(path, list(urls)))

    def end_run(self, status: str, widgets: WidgetStore) -> None:
        self.channel.send(EndMediaRun(status))

    def set_icon(self, url: str | None) -> None:
        self.channel.send(SetIcon(url))

    def close(self) -> None:
        """The engine lets go of the session's media when it ends the session."""


class RemoteUploads(UploadStore):
    """The session's uploaded files, kept by the engine's :class:`~porch.upload_store.UploadStore` (the upload
    endpoint admits and stores them there, without waiting for this process). Uploaders a run renders are declared
    to it; a file's bytes cross when a widget value first names it (the widget keeps the ``UploadedFile``)."""

    def __init__(self, channel: Channel, max_file_bytes: int) -> None:
        super().__init__(max_file_bytes)
        self.channel = channel
        self._uploaders: set[str] = set()

    def expect(self, widget: str, accept: Accept) -> None:
        self._uploaders.add(widget)
        self.channel.send(ExpectUploads(widget, accept))

    def files(self, widget: str, ids: Iterable[str]) -> list[UploadedFile]:
        wanted = list(ids)
        if not wanted:
            return []
        found: list[tuple[str, str, str, bytes]] = self.channel.request(lambda n: OpenUploads(n, widget, wanted))
        return [UploadedFile(file_id, name, type_, data) for file_id, name, type_, data in found]

    def end_run(self, status: str, widgets: WidgetStore) -> None:
        uploaders: dict[str, tuple[str | None, list[str]]] = {}
        for widget in list(self._uploaders):
            spec = widgets.specs.get(widget)
            kind = spec.kind if spec is not None else None
            try:
                held = file_ids(widgets.values.get(widget))
            except ValueError:
                held = []
            uploaders[widget] = (kind, held)
            if kind not in UPLOAD_KINDS:
                self._uploaders.discard(widget)
        self.channel.send(EndUploadsRun(status, uploaders))

    def close(self) -> None:
        """The engine frees the session's files when it ends the session."""
