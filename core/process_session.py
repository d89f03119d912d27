"""A session whose script runs in a process of its own: the engine's side (``isolation = "process"``).

:class:`ProcessSession` stands where a :class:`porch.session.Session` would (``sessions.ServedSession``): the socket
hands it the client's messages, the upload endpoint its files, the media endpoint serves what it keeps. It starts a
child (``porch.session_host``) that hosts the real session, and relays: client messages in, encoded frames out, and
the child's store calls onto the engine's media and upload stores (``porch.isolation`` lists the messages).

Event loop thread only, except the store calls that take time (adding an image, reading an upload's bytes), which run
in the loop's executor and answer the child from there; the child waits for each answer before it goes on, so the
calls keep their order. Nothing here ever waits for the child on the loop: writes are buffered, and a child that
stops reading them for :data:`STUCK_SECONDS` is ended.

When the child ends on its own (``os._exit``, a signal, the memory limit), its client gets an ``error`` frame
(``process_ended``) saying how and to reload, the session leaves the registry, and every other session goes on.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import pickle
import secrets
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from . import isolation
from .interfaces import Handshake, Runtime, Transport
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
    ScriptError,
    SetIcon,
    Setup,
)
from .media import MediaStore
from .protocol import CLOSE_REPLACED, ClientMessage, Hello, Message, error_message, run_finished
from .script import Script
from .upload_store import UploadedFile, UploadStore
from .widgets import Codec, WidgetSpec, WidgetStore

log = logging.getLogger("porch.process_session")

#: Seconds a closed session's process has to end before it is killed.
CLOSE_GRACE_SECONDS = 2.0
#: Bytes waiting for a child to read beyond which its reading is watched, and seconds it may then take to catch up.
HIGH_WATER_BYTES = 4 * 1024 * 1024
STUCK_SECONDS = 30.0
#: Seconds a download made on request may take in the child.
PRODUCE_SECONDS = 300.0
#: The code of the ``error`` message a client gets when its session's process ended.
PROCESS_ENDED = "process_ended"

_NO_CODEC = Codec(to_wire=lambda value: value, from_wire=lambda value: value)


class ProcessSession:
    """One client's session, run in a child process. See the module's docstring."""

    def __init__(
        self,
        script: Script,
        loop: asyncio.AbstractEventLoop,
        runtime: Runtime,
        media: MediaStore,
        *,
        options: dict[str, Any],
        max_upload_bytes: int,
        max_queued_clicks: int,
        max_pending_input_bytes: int,
        max_chart_points: int,
        memory_limit: int,
        on_end: Callable[[ProcessSession], None],
        id_prefix: str = "",
        build: str = "",
        on_script_error: Callable[[Exception], bool | None] | None = None,
    ) -> None:
        #: ``id_prefix``: the replica's (``SessionManager``); ``build``: the client's, told in ``session``.
        self.id = id_prefix + secrets.token_urlsafe(16)
        self.token = secrets.token_urlsafe(24)
        #: The session's uploads and media live here, in the engine, where their endpoints read them.
        self.uploads = UploadStore(max_upload_bytes)
        self.media = media.session()
        self.closed = False
        self.detached_at: float | None = time.monotonic()
        #: Set once the child has ended and been reaped (what ``SessionManager.processes_ended`` awaits).
        self.ended: asyncio.Future[None] = loop.create_future()
        self._loop = loop
        self._on_end = on_end
        #: A ``porch.App``'s, called here (the launcher's process) for the child's script errors.
        self._on_script_error = on_script_error
        self._transport: Transport | None = None
        # Each attach and detach starts a generation; a frame made for an earlier one is not delivered.
        self._generation = 0
        self._last_run: tuple[int, str] | None = None
        # What the client is told once the child has ended on its own.
        self._ended_message: str | None = None
        # Why the engine ended the child itself, when it did (a child that stopped reading, or sent what cannot be
        # read): said instead of the signal that ended it.
        self._ended_why: str | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._unsent: list[bytes] = []
        self._watching_drain = False
        self._numbers = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[Any]] = {}
        self._started = False
        # Once the loop hands the child to _reap, only _reap may signal it (Process is not safe across threads).
        self._reaping = False
        setup = Setup(
            session_id=self.id,
            token=self.token,
            script=script,
            runtime=runtime,
            options=dict(options),
            max_upload_bytes=max_upload_bytes,
            max_queued_clicks=max_queued_clicks,
            max_pending_input_bytes=max_pending_input_bytes,
            max_chart_points=max_chart_points,
            memory_limit=memory_limit,
            log_level=logging.getLogger("porch").getEffectiveLevel(),
            build=build,
            secrets=_given_secrets(script),
            reports_script_errors=on_script_error is not None,
        )
        ours, theirs = socket.socketpair()
        self._process = isolation.context().Process(
            target=isolation.run_child, args=(theirs, setup), name=f"porch-session-{self.id[:8]}", daemon=False
        )
        self._handlers: dict[type, Callable[[Any], None]] = {
            Frame: self._on_frame,
            Reply: self._on_reply,
            AddMedia: lambda m: self._answer_in_thread(m.request, lambda: self._add_media(m)),
            AddDeferred: lambda m: self._answer_in_thread(m.request, lambda: self._add_deferred(m)),
            OpenUploads: lambda m: self._answer_in_thread(m.request, lambda: self._open_uploads(m)),
            PlaceMedia: lambda m: self.media.place(m.path, m.urls),
            EndMediaRun: lambda m: self.media.end_run(m.status, WidgetStore()),
            SetIcon: lambda m: self.media.set_icon(m.url),
            ExpectUploads: lambda m: self.uploads.expect(m.widget, m.accept),
            EndUploadsRun: self._end_uploads_run,
            ScriptError: lambda m: self._answer_in_thread(m.request, lambda: self._script_error(m)),
        }
        self._task = loop.create_task(self._serve(ours, theirs), name=f"porch-session-{self.id[:8]}")

    # -- what the socket and the registry call (``ServedSession``) -------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._transport is not None

    def attach(
        self, transport: Transport, hello: Hello, *, resumed: bool, handshake: Handshake | None = None
    ) -> None:
        self._generation += 1
        replaced, self._transport = self._transport, transport
        self.detached_at = None
        if replaced is not None and replaced is not transport:  # the same page reconnected: the new socket takes over
            replaced.close(*CLOSE_REPLACED)
        self._send(Attach(self._generation, hello, resumed, handshake))

    def detach(self, transport: Transport) -> None:
        if self._transport is not transport:
            return
        self._transport = None
        self.detached_at = time.monotonic()
        self._generation += 1
        if not self.closed:
            self._send(Detach(self._generation))

    def receive(self, message: ClientMessage) -> None:
        if self._ended_message is not None:
            self._tell_ended()
        elif not self.closed:
            self._send(Deliver(message))

    def resend(self, widgets: tuple[str, ...]) -> None:
        if not self.closed:
            self._send(Resend(widgets))

    def close(self, code: int = 1001, reason: str = "session closed") -> None:
        """End the session: its client's connection (closed with ``code`` and ``reason``), its stores, and its
        process (killed if it does not end)."""
        if self.closed:
            return
        self.closed = True
        transport, self._transport = self._transport, None
        if transport is not None:
            transport.close(code, reason)
        self._send(End())
        self._free()
        self._loop.call_later(CLOSE_GRACE_SECONDS, self._kill)

    # -- the child's life ---------------------------------------------------------------------------------------------

    async def _serve(self, ours: socket.socket, theirs: socket.socket) -> None:
        """Start the child (off the loop: a fork server answers in milliseconds, but the first start takes longer),
        relay what it sends until its socket closes, then reap it and say how it ended."""
        try:
            reader, self._writer = await asyncio.open_connection(sock=ours)
            for data in self._unsent:
                self._writer.write(data)
            self._unsent.clear()
            try:
                await self._loop.run_in_executor(None, self._start)
            except Exception:
                log.exception("could not start a process for session %s", self.id)
            finally:
                theirs.close()
            if self._started:
                if self.closed:
                    self._loop.call_later(CLOSE_GRACE_SECONDS, self._kill)
                await self._relay(reader)
            self._writer.close()
            self._reaping = True
            exitcode = await self._loop.run_in_executor(None, self._reap)
            if not self.closed:
                self._child_ended(exitcode)
        finally:
            if not self.ended.done():
                self.ended.set_result(None)

    def _start(self) -> None:
        """Executor thread."""
        self._process.start()
        isolation.track(self._process)
        self._started = True

    async def _relay(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                header = await reader.readexactly(isolation.HEADER.size)
                (size,) = isolation.HEADER.unpack(header)
                message = pickle.loads(await reader.readexactly(size))
                if not self.closed or isinstance(message, Reply):
                    self._handlers[type(message)](message)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the child ended
        except Exception:
            log.exception("session %s: a message from its process could not be handled; ending it", self.id)
            self._ended_why = "the server could not read what it sent, and ended it"
            self._kill()

    def _reap(self) -> int | None:
        """Wait (bounded) for the child to end, kill it if it does not; its exit code. Executor thread."""
        process = self._process
        if not self._started:
            return None
        process.join(CLOSE_GRACE_SECONDS)
        if process.exitcode is None:
            process.kill()
            process.join(CLOSE_GRACE_SECONDS)
        exitcode = process.exitcode
        isolation.untrack(process)
        if exitcode is not None:
            process.close()  # its sentinel's descriptor: thousands of sessions must not hold thousands of them
        return exitcode

    def _kill(self) -> None:
        """SIGKILL the child (``TerminateProcess`` on Windows), unless it is gone or being reaped. Loop thread."""
        if self._started and not self._reaping:
            self._process.kill()

    def _child_ended(self, exitcode: int | None) -> None:
        """The child ended on its own: tell its client, free the session, leave the registry."""
        if not self._started:
            how = "it could not start; the server's log says why"
        elif self._ended_why is not None:
            how = self._ended_why
        else:
            how = isolation.describe_exit(exitcode)
        log.error("session %s: its process ended (%s); the other sessions go on", self.id, how)
        self.closed = True
        self._ended_message = f"The app's process ended ({how}); reload the page to start again."
        frame: list[Message] = [error_message(PROCESS_ENDED, self._ended_message)]
        if self._last_run is not None and self._last_run[1] != "finished":
            frame.append(run_finished(self._last_run[0], "error"))
        transport = self._transport
        if transport is not None:
            transport.send(frame)
        self._free()
        self._on_end(self)

    def _tell_ended(self) -> None:
        transport = self._transport
        if transport is not None and self._ended_message is not None:
            transport.send([error_message(PROCESS_ENDED, self._ended_message)])

    def _free(self) -> None:
        self.uploads.close()
        self.media.close()
        waiting, self._waiting = self._waiting, {}
        for waiter in waiting.values():
            if not waiter.done():
                waiter.set_exception(RuntimeError("the app's process ended"))

    # -- writing to the child -----------------------------------------------------------------------------------------

    def _send(self, message: object) -> None:
        data = isolation.encode(message)
        writer = self._writer
        if writer is None:
            self._unsent.append(data)
            return
        if writer.is_closing():
            return
        writer.write(data)
        if not self._watching_drain and writer.transport.get_write_buffer_size() > HIGH_WATER_BYTES:
            self._watching_drain = True
            self._loop.create_task(self._watch_drain(writer))

    async def _watch_drain(self, writer: asyncio.StreamWriter) -> None:
        """Much is waiting for the child: it must read it within :data:`STUCK_SECONDS`, or it is not serving."""
        try:
            await asyncio.wait_for(writer.drain(), STUCK_SECONDS)
        except asyncio.TimeoutError:
            if not self.closed:
                log.error("session %s: its process read nothing for %.0f s; ending it", self.id, STUCK_SECONDS)
                self._ended_why = f"it read nothing the server sent for {STUCK_SECONDS:.0f} s, and was ended"
                self._kill()
        except ConnectionError:
            pass
        finally:
            self._watching_drain = False

    async def _request(self, make: Callable[[int], object]) -> Any:
        number = next(self._numbers)
        waiter: asyncio.Future[Any] = self._loop.create_future()
        self._waiting[number] = waiter
        try:
            self._send(make(number))
            return await waiter
        finally:
            self._waiting.pop(number, None)

    # -- what the child sends ----------------------------------------------------------------------------------------

    def _on_frame(self, message: Frame) -> None:
        if message.run is not None:
            self._last_run = message.run
        transport = self._transport
        if transport is None or message.generation != self._generation:
            return
        send_encoded = getattr(transport, "send_encoded", None)
        if send_encoded is not None:
            send_encoded(message.data)
        else:  # a transport that only takes messages (not the socket)
            import json

            transport.send(json.loads(message.data))

    def _on_reply(self, message: Reply) -> None:
        waiter = self._waiting.get(message.request)
        if waiter is None or waiter.done():
            return
        if message.error is not None:
            waiter.set_exception(message.error)
        else:
            waiter.set_result(message.value)

    def _answer_in_thread(self, request: int, work: Callable[[], Any]) -> None:
        """Do ``work`` in the loop's executor and send the child its result (or the error it raised)."""

        def answer(done: asyncio.Future[Any]) -> None:
            error = done.exception()
            reply = Reply(request, error=isolation.plain_error(error)) if error else Reply(request, done.result())
            self._send(reply)

        self._loop.run_in_executor(None, work).add_done_callback(answer)

    def _add_media(self, message: AddMedia) -> str:
        """Executor thread."""
        return self.media.add(
            message.source, message.content_type, download_name=message.download_name, scripts=message.scripts
        )

    def _add_deferred(self, message: AddDeferred) -> str:
        """Executor thread. The content is made in the child when the endpoint asks (``MediaStore.produce``)."""
        key = message.key
        return self.media.add_deferred(
            key, lambda: self._produce(key), self._submit, message.content_type, download_name=message.download_name
        )

    def _submit(self, job: Callable[[], Any]) -> Future[Any]:
        """Run a download's job (``MediaStore.produce``) on a thread of its own: it waits for the child."""
        future: Future[Any] = Future()

        def work() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(job())
            except BaseException as exc:
                future.set_exception(exc)

        if self.closed:
            future.cancel()
        else:
            threading.Thread(target=work, name="porch-download", daemon=True).start()
        return future

    def _produce(self, key: str) -> bytes:
        """The content of the download ``key``, made by the child. A download thread."""
        asked = asyncio.run_coroutine_threadsafe(self._request(lambda number: Produce(number, key)), self._loop)
        data: bytes = asked.result(PRODUCE_SECONDS)
        return data

    def _script_error(self, message: ScriptError) -> bool:
        """The App's ``on_script_error`` for an error of the child's script, with the exception rebuilt
        (``isolation.rebuilt_error``); whether it took it. Executor thread, outside the run: the page is the
        child's, so what the handler draws with ``porch.*`` has nowhere to go (it raises ``NoRunContextError``)."""
        from .errors import NoRunContextError, RunControl

        handler = self._on_script_error
        if handler is None:
            return False
        try:
            return handler(isolation.rebuilt_error(message)) is True
        except NoRunContextError:
            log.warning("on_script_error drew on the page (porch.*/st.*) for session %s, which runs in a process of "
                        "its own (isolation = process): the handler runs in the launcher's process, outside the "
                        "run, where nothing can be shown; the exception is shown as usual", self.id)
        except RunControl:
            log.warning("on_script_error handler raised a control-flow exception (st.stop/st.rerun); falling back "
                        "to the default error display")
        except Exception:
            log.exception("on_script_error handler raised an exception")
        return False

    def _open_uploads(self, message: OpenUploads) -> list[tuple[str, str, str, bytes]]:
        """Executor thread."""
        files = self.uploads.files(message.widget, message.ids)
        return [(file.file_id, file.name, file.type, file.getvalue()) for file in files]

    def _end_uploads_run(self, message: EndUploadsRun) -> None:
        """Sweep the uploads as the child's run left its uploaders (``UploadStore.end_run`` reads only their kinds and
        the files their values hold, which is what came)."""
        view = WidgetStore()
        for widget, (kind, held) in message.uploaders.items():
            if kind is not None:
                view.specs[widget] = WidgetSpec(widget, kind, "", None, None, _NO_CODEC)
                view.values[widget] = [UploadedFile(file_id, "", "", b"") for file_id in held]
        self.uploads.end_run(message.status, view)


def _given_secrets(script: Script) -> dict[str, Any] | None:
    """The secrets a ``porch.App`` gave the app, which the session's process gives there too."""
    from .api import secrets as api_secrets

    return api_secrets.given(script.directory)
