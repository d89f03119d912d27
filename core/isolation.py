"""Scripts in processes of their own (``isolation = "process"``): what the engine and a session's process share.

By default every session's script runs in a worker thread of the engine's own process (``porch.workers``): the
fastest way, but a script that calls ``os._exit``, crashes in an extension or allocates without bound takes the
whole server with it. With ``isolation = "process"`` each session's script runs in a child process
(``porch.session_host``) that hosts a real :class:`porch.session.Session`, while the engine keeps a
:class:`porch.process_session.ProcessSession` in its place: the socket and the HTTP endpoints talk to that as they
talk to a session, and it relays over a socket pair, one message at a time:

- engine -> child: the client's messages (``hello``'s attach, ``rerun``, ``stop``, ``rows``), the end of the
  session, and answers to the child's requests;
- child -> engine: frames, already encoded, and what its stores must do in the engine's process. Media and uploads
  stay in the engine, because the endpoints that serve them (``http.media``, ``http.upload``) answer from there
  without waiting for a child that may be busy or gone: the child asks the engine to keep an image and gets its URL
  back, and asks for an uploaded file's bytes when a widget value names it. Data windows (``rows``) are answered by
  the child, since the frames live there. An error of the script, when a ``porch.App`` has ``on_script_error``:
  the App lives in the engine's (the launcher's) process, so the child asks it (:class:`ScriptError`) and shows the
  exception unless the App's answer is True.

How children start. ``forkserver`` where there is one (Linux, macOS, other POSIX systems, bundles included): a
server process, started once, imports the session host and the script API, then forks a child per session, which
starts in about 10 ms and shares the server's pages (about 4 MB of its own before the script runs, against 18 MB and
150 ms for a child started from scratch). Never ``fork`` from the engine: its event loop and threads would be
copied into the child half-alive. ``spawn`` where nothing else exists (Windows). A bundle needs
``multiprocessing.freeze_support()`` at its entry point for either (``packaging/launcher.py``, ``shell/cli.py``).

This is fault isolation, not a sandbox: the script runs as the same user, with the same files, as the engine. What a
child sends is trusted as the script itself is.
"""

from __future__ import annotations

import atexit
import logging
import pickle
import signal
import socket
import struct
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext, SpawnContext
    from multiprocessing.process import BaseProcess

    from .interfaces import Handshake, Runtime
    from .protocol import ClientMessage, Hello
    from .script import Script
    from .upload_store import Accept

log = logging.getLogger("porch.isolation")

#: What the fork server imports once, so that every child starts with the session host and the script API loaded.
PRELOAD = ["porch.session_host"]
#: Every message is its pickled length in 8 bytes (network order), then the pickle.
HEADER = struct.Struct("!Q")
#: The smallest address space a session's process may be limited to: the interpreter, Porch and a few threads
#: take about 100 MB of it before the script allocates anything.
MIN_MEMORY_LIMIT = 128 * 1024 * 1024
#: Exit status of a child whose own machinery failed (not the script): ``EX_SOFTWARE``.
EXIT_INTERNAL_ERROR = 70


def start_method() -> str:
    """``forkserver`` wherever the platform has it, else ``spawn`` (see the module's docstring)."""
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


_context_lock = threading.Lock()
_context: SpawnContext | ForkServerContext | None = None


def context() -> SpawnContext | ForkServerContext:
    """The multiprocessing context children start from; the fork server (if any) preloads :data:`PRELOAD`."""
    global _context
    with _context_lock:
        if _context is None:
            import multiprocessing

            if start_method() == "forkserver":
                forkserver = multiprocessing.get_context("forkserver")
                forkserver.set_forkserver_preload(PRELOAD)
                _context = forkserver
            else:
                _context = multiprocessing.get_context("spawn")
        return _context


def warm_up(memory_limit: int) -> None:
    """Start the fork server now (it takes a few hundred milliseconds to import Porch), not when the first visitor
    is waiting, and say once if the memory limit cannot be applied here. The engine's warm-up thread."""
    if memory_limit > 0:
        problem = memory_limit_problem()
        if problem is not None:
            log.warning("%s", problem)
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def memory_limit_problem() -> str | None:
    """Why ``max_session_memory_mb`` cannot be applied on this system, or None."""
    try:
        import resource
    except ImportError:
        return "this system has no resource limits (Windows): max_session_memory_mb is not applied"
    if not hasattr(resource, "RLIMIT_AS"):
        return "this system has no address-space limit (RLIMIT_AS): max_session_memory_mb is not applied"
    return None


# -- the children, for the last resort at exit ---------------------------------------------------------------------

_children: set[BaseProcess] = set()
_children_lock = threading.Lock()
_exit_hook = False


def track(process: BaseProcess) -> None:
    """Remember a started child until :func:`untrack`: at exit, whatever is still alive is killed and reaped.

    Registered on first use, after multiprocessing's own exit hook, so it runs before it (hooks run last first):
    multiprocessing joins its children at exit, which would wait forever for a child that hangs.
    """
    global _exit_hook
    with _children_lock:
        _children.add(process)
        if not _exit_hook:
            atexit.register(end_all)
            _exit_hook = True


def untrack(process: BaseProcess) -> None:
    with _children_lock:
        _children.discard(process)


def end_all(grace: float = 1.0) -> None:
    """Kill every child still alive and reap it. Closing sessions ends them first; this is for an engine that was
    never stopped (an exception in a shell, a test that forgot)."""
    with _children_lock:
        alive = list(_children)
        _children.clear()
    for process in alive:
        if process.exitcode is None:
            process.kill()
    for process in alive:
        process.join(grace)


def describe_exit(exitcode: int | None) -> str:
    """How a child ended, for a person: ``exit code 1``, ``signal SIGSEGV``..."""
    if exitcode is None:
        return "it stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        if -exitcode == getattr(signal, "SIGKILL", 9):
            return f"signal {name}: killed, perhaps by the system for lack of memory"
        return f"signal {name}"
    if sys.platform == "win32" and exitcode >= 0x80000000:
        return f"exit code {exitcode:#x}"  # an NTSTATUS: 0xc0000005 is an access violation
    return f"exit code {exitcode}"


def apply_memory_limit(limit: int) -> str | None:
    """Limit this process's address space to ``limit`` bytes (``RLIMIT_AS``); 0 leaves it alone. Returns why the
    limit could not be applied, or None. Called by a child on itself, before the script runs."""
    if limit <= 0:
        return None
    problem = memory_limit_problem()
    if problem is not None:
        return problem
    import resource

    try:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError) as exc:
        return f"the system refused the memory limit ({exc}): max_session_memory_mb is not applied"
    return None


def memory_hint(limit: int) -> Callable[[BaseException], str | None]:
    """The advice a ``MemoryError`` gets in a child limited to ``limit`` bytes (``porch.errors.exception_hints``)."""

    def hint(exc: BaseException) -> str | None:
        if not isinstance(exc, MemoryError):
            return None
        return (
            f"This session's process may use at most {limit // (1024 * 1024)} MB of memory (max_session_memory_mb). "
            "Raise it with --max-session-memory-mb, PORCH_MAX_SESSION_MEMORY_MB or max_session_memory_mb in "
            ".porch/config.toml (0: no limit)."
        )

    return hint


def encode(message: object) -> bytes:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(payload)) + payload


# -- what a child is started with ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """Everything a child needs to host its session; pickled once, when it starts."""

    session_id: str
    token: str
    script: Script
    runtime: Runtime
    #: Streamlit's options as the engine has them (``porch.get_option``); ``set_option`` changes this session's only.
    options: dict[str, Any]
    max_upload_bytes: int
    #: The session's bounds on what waits for a run (``Session.pending.max_clicks``, ``max_pending_input_bytes``).
    max_queued_clicks: int
    max_pending_input_bytes: int
    #: The most points a chart sends (``Session.max_chart_points``).
    max_chart_points: int
    #: Bytes of address space the child may take; 0: no limit.
    memory_limit: int
    log_level: int
    #: The build of the client the engine serves, told in ``session`` (``Session.build``).
    build: str = ""
    #: The secrets a ``porch.App`` gave the app (``porch.api.secrets.give``), given in the child too; None: none.
    secrets: dict[str, Any] | None = None
    #: Whether the script's errors are sent to the engine (:class:`ScriptError`): a ``porch.App`` has an
    #: ``on_script_error``, which is called there, in the launcher's process.
    reports_script_errors: bool = False


# -- engine -> child -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attach:
    """A client connected (``Session.attach``). Frames the child makes from now on carry ``generation``."""

    generation: int
    hello: Hello
    resumed: bool
    #: None: the session keeps the handshake it has.
    handshake: Handshake | None


@dataclass(frozen=True)
class Detach:
    """The client went away (``Session.detach``)."""

    generation: int


@dataclass(frozen=True)
class Deliver:
    """A validated client message for the session (``Session.receive``)."""

    message: ClientMessage


@dataclass(frozen=True)
class Resend:
    """Send these widgets' elements again (``Session.resend``): the client's values for them were refused."""

    widgets: tuple[str, ...]


@dataclass(frozen=True)
class Produce:
    """Make the content of a download made on request (``download_button(data=function)``); answered by a reply."""

    request: int
    key: str


@dataclass(frozen=True)
class End:
    """The session is closed: the child ends at once."""


# -- both ways -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """The answer to request ``request``: its value, or the error it met (a plain exception: the other side may not
    have the class of the original)."""

    request: int
    value: Any = None
    error: Exception | None = None


# -- child -> engine -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """A frame for the client, encoded by the child, for the connection ``generation`` (a frame made for a client that
    has gone since is dropped). ``run``: the last run message in it, (number, state), so that the engine can end a
    running run on the client's screen if the child dies."""

    generation: int
    data: str | bytes
    run: tuple[int, str] | None = None


@dataclass(frozen=True)
class AddMedia:
    """``SessionMedia.add``, answered with the URL."""

    request: int
    source: bytes | Path
    content_type: str
    download_name: str | None = None
    scripts: bool = False


@dataclass(frozen=True)
class AddDeferred:
    """``SessionMedia.add_deferred``, answered with the URL; the engine asks for the content with :class:`Produce`."""

    request: int
    key: str
    content_type: str
    download_name: str | None = None


@dataclass(frozen=True)
class PlaceMedia:
    """``SessionMedia.place``."""

    path: tuple[int, ...]
    urls: list[str]


@dataclass(frozen=True)
class EndMediaRun:
    """``SessionMedia.end_run``."""

    status: str


@dataclass(frozen=True)
class SetIcon:
    """``SessionMedia.set_icon``."""

    url: str | None


@dataclass(frozen=True)
class ExpectUploads:
    """``UploadStore.expect``: a run rendered an uploader, which takes what ``accept`` says."""

    widget: str
    accept: Accept


@dataclass(frozen=True)
class OpenUploads:
    """``UploadStore.files``, answered with (file id, name, type, bytes) for each file."""

    request: int
    widget: str
    ids: list[str]


@dataclass(frozen=True)
class EndUploadsRun:
    """``UploadStore.end_run``: for each uploader the child knows, its kind now (None: the page no longer has it) and
    the ids of the files its value holds."""

    status: str
    uploaders: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class ScriptError:
    """The script (a fragment, a callback) raised: the App's ``on_script_error`` is called in the engine's process
    with the exception rebuilt from this (:func:`rebuilt_error`); answered with whether it took it (True: the
    child does not show the exception). Made by :func:`script_error`."""

    request: int
    #: Where the exception's class is defined, and its name there.
    module: str
    qualname: str
    #: The exception's ``args``, pickled; None where they do not pickle.
    args: bytes | None
    message: str
    #: ``traceback.format_exception`` of the exception, in the child: its frames, causes and notes.
    traceback: str


class RemoteTraceback(Exception):
    """The ``__cause__`` of an exception rebuilt from a session's process: its text is the traceback there (the
    frames themselves cannot cross), so ``traceback.format_exception`` of the rebuilt one shows where it was raised.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f"\n\"\"\"\n{self.text}\"\"\""


class RemoteScriptError(Exception):
    """An exception of the script in a session's process whose class the launcher's process cannot rebuild (defined
    in the script, or its arguments refused): ``type_name`` names it (``module.QualName``), the message is
    ``"QualName: message"``, and ``traceback_text`` is its traceback there (also its ``__cause__``)."""

    def __init__(self, type_name: str, message: str, traceback_text: str) -> None:
        super().__init__(f"{type_name.rpartition('.')[2]}: {message}" if message else type_name.rpartition(".")[2])
        self.type_name = type_name
        self.traceback_text = traceback_text


def script_error(request: int, exc: BaseException) -> ScriptError:
    """What crosses to the engine of an exception the script raised. Child, the run's thread."""
    import traceback

    kind = type(exc)
    try:
        args: bytes | None = pickle.dumps(exc.args, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        args = None
    return ScriptError(request, kind.__module__, kind.__qualname__, args, str(exc),
                       "".join(traceback.format_exception(kind, exc, exc.__traceback__)))


def rebuilt_error(message: ScriptError) -> Exception:
    """The exception of :class:`ScriptError`, as the launcher's process can have it: its own class (imported from
    its module, unless the module is the script's own) made from its ``args``, else :class:`RemoteScriptError`;
    either way with :class:`RemoteTraceback` as its ``__cause__``. Engine's process, any thread."""
    kind = _exception_class(message.module, message.qualname)
    rebuilt: Exception | None = None
    if kind is not None:
        try:
            args = pickle.loads(message.args) if message.args is not None else (message.message,)
            rebuilt = kind(*args)
        except Exception:
            rebuilt = None
    if rebuilt is None:
        rebuilt = RemoteScriptError(f"{message.module}.{message.qualname}", message.message, message.traceback)
    rebuilt.__cause__ = RemoteTraceback(message.traceback)
    return rebuilt


def _exception_class(module: str, qualname: str) -> type[Exception] | None:
    """The class ``module.qualname`` if this process can import it and it is an ``Exception``; never the script's
    own module (``__main__`` in a session's process), which is not the launcher's."""
    if module == "__main__" or "<" in qualname:
        return None
    import importlib

    try:
        found: Any = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
    except Exception:
        return None
    return found if isinstance(found, type) and issubclass(found, Exception) else None


def plain_error(exc: BaseException) -> Exception:
    """An exception the other process can unpickle, with the message of ``exc``: the script's own classes live only
    where it runs, and an exception's arguments may be anything. The kinds the callers tell apart keep their class."""
    for kind in (ValueError, MemoryError, TimeoutError):
        if type(exc) is kind:
            return kind(str(exc))
    return RuntimeError(f"{type(exc).__name__}: {exc}")


def run_child(sock: socket.socket, setup: Setup) -> None:
    """A child's target: host the session (``porch.session_host``, which the engine never imports)."""
    from .session_host import main

    main(sock, setup)
