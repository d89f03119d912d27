"""Test a Porch app without a browser: ``AppTest`` runs the real session and script runner in memory.

    from porch.testing import AppTest

    at = AppTest.from_file("app.py").run()
    at.slider[0].set_value(5).run()
    assert at.markdown[0].value == "You picked 5"

Names follow Streamlit's AppTest where they exist (``from streamlit.testing.v1 import AppTest`` gives this class in
a process Porch runs: see :mod:`porch.testing.elements` for the element classes). Every action travels as a protocol message through the same
``Session.receive`` a WebSocket uses; the page is rebuilt from the messages the session sends back. For tests of the
protocol itself, :meth:`AppTest.send` delivers one message as a browser tab would, and :attr:`AppTest.errors` and
:attr:`AppTest.messages` show what came back.
"""

from __future__ import annotations

import inspect
import os
import secrets
import sys
import textwrap
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib import parse

from .. import streamlit_alias
from ..api.hooks import script_hooks
from ..elements._pages import icon_and_name, registry_of
from ..interfaces import Handshake, Runtime
from ..media import MediaFile
from ..protocol import BLOCK_KINDS, ROOT_BOTTOM, ClientInfo, ClientMessage, Hello, Rerun
from ..script import Script
from ..session import Session
from ..state import SessionState
from .client import ClientNode, InMemoryClient, InMemoryLoop
from .elements import (
    BLOCK_CLASSES,
    ELEMENT_CLASSES,
    TYPE_CLASSES,
    AppTestError,
    Block,
    BlockList,
    Element,
    ElementList,
    Widget,
    WidgetList,
    node_type,
)

__all__ = ["AppTest", "AppTestError", "Block", "BlockList", "Element", "ElementList", "Widget", "WidgetList"]


class _Arguments:
    """The ``args`` and ``kwargs`` of a ``from_function`` script, held by its AppTest."""

    def __init__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.args = args
        self.kwargs = kwargs


_ARGUMENTS: weakref.WeakValueDictionary[str, _Arguments] = weakref.WeakValueDictionary()
#: A widget the session holds no value for (``AppTest._widget_value``).
_NOT_HELD = object()


def arguments(token: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """What a ``from_function`` script calls its function with (the objects themselves, not copies)."""
    held = _ARGUMENTS[token]
    return held.args, held.kwargs

def _as_set(query: dict[str, list[str]]) -> dict[str, str | list[str]]:
    """A page's query parameters in the shapes a test sets them, as Streamlit's AppTest gives them after a run: a
    parameter given once is its string (blank kept as ""), a repeated one the list of its values."""
    parsed = parse.parse_qs(parse.urlencode(query, doseq=True), keep_blank_values=True)
    return {name: values[0] if len(values) == 1 else values for name, values in parsed.items()}


#: What an AppTest's page reports of itself (``porch.context``): a light-themed English page in UTC at Streamlit's
#: default address, whose request came from this machine (so ``context.ip_address`` is None).
TEST_CLIENT = ClientInfo(
    locale="en-US", timezone="UTC", timezone_offset=0, theme="light", url="http://localhost:8501/"
)
TEST_HANDSHAKE = Handshake(
    headers=(("Host", "localhost:8501"), ("User-Agent", "porch.testing.AppTest"), ("Accept-Language", "en-US")),
    remote_ip="127.0.0.1",
)


class AppTest:
    #: Whether every :meth:`run` reruns the whole script, as Streamlit's AppTest does (``streamlit.testing.v1``'s
    #: AppTest sets it). Porch's own reruns only the fragment whose widget changed, as the app's page does.
    whole_app_reruns = False

    def __init__(self, script: Script, *, default_timeout: float = 3.0, runtime: Runtime | None = None) -> None:
        self.default_timeout = default_timeout
        self._script = script
        self._loop = InMemoryLoop()
        self._client = InMemoryClient()
        self._session = Session(script, self._loop, runtime or Runtime(mode="test", local_client=True), script_hooks)
        self._attached = False
        self._pending: dict[str, Any] = {}
        #: The widgets whose values the last run() sent (see _widget_value).
        self._sent: set[str] = set()
        self._trigger: str | None = None
        self._last_trigger: str | None = None
        self._arguments: _Arguments | None = None  # a from_function script's, held while this AppTest lives
        #: What each trigger carrying a value (a chat_input) sends, or sent with the last run: the script's value.
        self._payloads: dict[str, Any] = {}
        #: The page :meth:`switch_page` chose for the next run (its path under the app's address), or None.
        self._page_request: str | None = None
        #: The page's query parameters, as Streamlit's ``at.query_params``: set them before :meth:`run` (a string, or
        #: a list for a repeated parameter); every run starts with them, and after it they are what the script left,
        #: in the same shapes, as Streamlit's: a string, a list for a repeated one
        #: (``{"page": "2", "tag": ["a", "b"]}``).
        self.query_params: dict[str, Any] = {}
        self._session.options = {"global.appTest": True}
        self._session.widgets.takes_test_input = True
        streamlit_alias.install()  # a script that says ``import streamlit`` runs on Porch here too
        if script.path and not script.path.startswith("<"):
            script.add_to_sys_path()

    # -- construction ------------------------------------------------------------------------------------------

    @classmethod
    def from_file(cls, script_path: str | Path, *, default_timeout: float = 3) -> AppTest:
        """The app in the file ``script_path``: an absolute path as it is, a relative one from the folder of the file
        that calls ``from_file`` (the test's own folder, as in Streamlit). ``FileNotFoundError`` if there is none.
        ``default_timeout`` is how many seconds a run may take unless ``run(timeout=...)`` says otherwise."""
        path = Path(script_path)
        if not path.is_absolute():
            path = Path(sys._getframe(1).f_code.co_filename).parent / path
        if not path.is_file():
            raise FileNotFoundError(
                f"AppTest script not found at {path.resolve()}: a relative path is read from the folder of the file "
                "that calls AppTest.from_file()"
            )
        return cls(Script(path), default_timeout=default_timeout)

    @classmethod
    def from_string(cls, script: str, *, default_timeout: float = 3) -> AppTest:
        """The app whose source is ``script`` (its common indentation removed)."""
        return cls(Script.from_string(textwrap.dedent(script)), default_timeout=default_timeout)

    @classmethod
    def from_function(
        cls,
        script: Callable[..., Any],
        *,
        default_timeout: float = 3,
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> AppTest:
        """The app whose source is the function ``script`` (it imports what it needs itself), called with ``args`` and
        ``kwargs``: the objects themselves, as Streamlit passes them (the script also sees them as ``__args`` and
        ``__kwargs``)."""
        source = textwrap.dedent(inspect.getsource(script))
        held = _Arguments(tuple(args or ()), dict(kwargs or {}))
        token = secrets.token_hex(8)
        _ARGUMENTS[token] = held
        call = (
            f"\n__args, __kwargs = __import__('porch.testing', fromlist=['arguments']).arguments({token!r})\n"
            f"{script.__name__}(*__args, **__kwargs)\n"
        )
        at = cls(Script.from_string(source + call, name=f"<{script.__name__}>"), default_timeout=default_timeout)
        at._arguments = held
        return at

    # -- running -------------------------------------------------------------------------------------------------

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the script (the first time) or rerun it with the values set since; wait until the run ends."""
        if not self._attached:
            self._attached = True
            before = len(self._client.finished_runs)
            hello = Hello(query=self._query(), client=TEST_CLIENT, page=self._page_request)
            self._page_request = None
            self._session.attach(self._client, hello, resumed=False, handshake=TEST_HANDSHAKE)
            self._wait(before, ran=True, timeout=timeout)
            return self
        if self.whole_app_reruns:
            self._session.request_rerun()  # the whole script, whichever widgets changed
        query = self._query()
        changed = list(query.items()) != list(self._session.query.items())  # as a browser's back or forward would
        page, self._page_request = self._page_request, None
        message = Rerun(
            widgets=self._take_pending(),
            trigger=self._trigger,
            query=query if changed or page is not None else None,
            page=page,
        )
        self._last_trigger, self._trigger = self._trigger, None
        self.send(message, timeout=timeout)
        if self._last_trigger is not None and self._last_trigger not in self._session.widgets.consumed:
            # The click's run ended early (``st.rerun()``): the run that followed, the one shown, had no click.
            self._last_trigger = None
        return self

    def switch_page(self, page_path: str) -> AppTest:
        """Show another page of a multipage app in the next :meth:`run`, as Streamlit's ``AppTest.switch_page``:
        ``page_path`` is a page's script, relative to the app's script (``"pages/settings.py"``). It must be a page
        ``porch.navigation`` registered in the last run (or a file of the ``pages/`` folder); before the first run,
        the page whose path is the file's name. ``ValueError`` for a file that is not there or not a page.
        """
        folder = Path(self._script.directory)
        full = folder / page_path
        if not full.is_file():
            raise ValueError(
                f"Could not find page {page_path!r} relative to the main script {self._script.path!r}. Resolved page "
                f"path: {str(full.resolve())!r}."
            )
        target = os.path.realpath(full)
        found = registry_of(self._session)
        if found is None:
            main = os.path.realpath(self._script.path)
            self._page_request = "" if target == main else icon_and_name(target)[1]
            return self
        matches = [page for page in found.pages if page.script == target]
        if not matches:
            known = [page.script or page.key for page in found.pages]
            raise ValueError(
                f"Could not find a navigation page for {target!r}. AppTest.switch_page() matches registered script "
                "paths. If page registration depends on Session State, call AppTest.run() after updating the state "
                f"and before switching. Known pages: {known}."
            )
        name = icon_and_name(target)[1]
        self._page_request = next((page for page in matches if page.key == name), matches[0]).url_path
        return self

    def send(self, message: ClientMessage, *, timeout: float | None = None) -> AppTest:
        """Deliver one client message, as a browser tab would, and wait until the session settles.

        ``message`` is a :mod:`porch.protocol` dataclass such as ``Rerun(widgets={id: wire_value}, trigger=id)``: raw
        wire values, unchecked here, so a test can send what a stale or hostile client might. It goes through the same
        ``Session.receive`` as a WebSocket's; the session's refusals arrive in :attr:`errors`. Values set through the
        element wrappers wait for :meth:`run` and are not part of it.

        Settled: the runs the message caused have ended (a ``Rerun`` always causes one) and everything the session
        sent has reached the page. Raises ``RuntimeError`` (and closes the session) after ``timeout`` seconds.
        """
        if not self._attached:
            raise RuntimeError("AppTest.send needs a session: call run() first")
        if self._session.closed:
            raise RuntimeError("AppTest.send: the session is closed")
        before = len(self._client.finished_runs)
        self._session.receive(message)
        self._wait(before, ran=isinstance(message, Rerun), timeout=timeout)
        return self

    def wait(self, seconds: float, *, timeout: float | None = None) -> AppTest:
        """Let ``seconds`` pass with the session's timers going (a fragment's ``run_every``), as a page left open
        would, then wait until the session settles."""
        if not self._attached:
            raise RuntimeError("AppTest.wait needs a session: call run() first")
        self._loop.run_until(lambda: False, seconds)
        self._wait(len(self._client.finished_runs), ran=False, timeout=timeout)
        return self

    def _wait(self, before: int, *, ran: bool, timeout: float | None) -> None:
        limit = self.default_timeout if timeout is None else timeout
        if not self._loop.run_until(lambda: self._settled(before, ran), limit):
            self._session.close()
            raise RuntimeError(f"AppTest script run timed out after {limit} s")
        self.query_params = _as_set(self._session.query)

    def _query(self) -> dict[str, list[str]]:
        """``query_params`` as a page sends them: every value a string (``urlencode``'s rules, as in Streamlit)."""
        return parse.parse_qs(parse.urlencode(self.query_params, doseq=True), keep_blank_values=True)

    def _take_pending(self) -> dict[str, Any]:
        """The values a browser would send now: a form's widgets wait for a click on that form's submit button."""
        specs = self._session.widgets.specs
        trigger = specs.get(self._trigger) if self._trigger is not None else None
        submitted = trigger.form if trigger is not None else None
        sending = {
            widget: wire
            for widget, wire in self._pending.items()
            if widget not in specs or specs[widget].form is None or specs[widget].form == submitted
        }
        for widget in sending:
            del self._pending[widget]
        self._sent = set(sending)
        return sending

    def _settled(self, before: int, ran: bool) -> bool:
        """No run going or due, every frame delivered, and (``ran``) a run finished since ``before`` runs had.

        The order matters: a worker queues its last frame before it reports the session idle.
        """
        finished = self._client.finished_runs
        if ran and (len(finished) <= before or finished[-1]["status"] == "rerun"):
            return False
        return (
            not self._session.running
            and not self._session.has_pending_request()
            and self._session.frames.idle  # a window's reply is queued on the loop before the frames go idle
            and self._loop.idle
        )

    def close(self) -> None:
        self._session.close()

    # -- state -----------------------------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        """True once the session has ended: :meth:`close`, or a run that timed out."""
        return self._session.closed

    @property
    def session_state(self) -> SessionState:
        return self._session.state

    @property
    def secrets(self) -> dict[str, Any]:
        """The secrets the app sees, as Streamlit's ``at.secrets``: set keys before :meth:`run`
        (``at.secrets["db"] = {"user": "me"}``). While it holds any, they replace the app's secrets files for this
        session; empty, the files are read."""
        from ..api.secrets import test_secrets

        return test_secrets(self._session)

    @secrets.setter
    def secrets(self, values: dict[str, Any]) -> None:
        from ..api.secrets import test_secrets

        held = test_secrets(self._session)
        held.clear()
        held.update(values)

    @property
    def page(self) -> dict[str, Any]:
        return dict(self._client.page)

    @property
    def messages(self) -> list[dict[str, Any]]:
        """Every message the session sent, in order (for tests of the protocol itself)."""
        return self._client.messages

    @property
    def errors(self) -> list[dict[str, str]]:
        """The protocol ``error`` messages the session sent (``code`` and ``message``), oldest first: a refused value
        is ``{"code": "bad_value", ...}``. An error in the script is no such message: it shows as :attr:`exception`."""
        return [{"code": e["code"], "message": e["message"]} for e in self._client.errors]

    def media(self, url: str) -> MediaFile:
        """What the server serves at a media URL the page shows (an image's, a download's, the page icon's).

        Raises ``LookupError`` for a URL the server does not serve: one the script gave itself, or media freed
        because no run shows it any more.
        """
        file = self._session.media.store.get(url.rpartition("/")[2])
        if file is None:
            raise LookupError(f"{url!r} is not media this app serves (a URL given by the script, or freed)")
        return file

    def download(self, url: str, *, timeout: float | None = None) -> bytes:
        """The bytes a browser gets from a media URL. A download made on request (``download_button`` with a
        function as ``data``) is made now, as a browser's request makes it: the function runs on the session's
        worker, and what it raises is raised here (and shown in :attr:`errors` as ``download_failed``)."""
        file = self.media(url)
        if file.deferred is None:
            return file.read()
        future = self._session.media.store.produce(file)
        limit = self.default_timeout if timeout is None else timeout
        if not self._loop.run_until(lambda: future.done() and self._loop.idle, limit):
            raise RuntimeError(f"AppTest: the download {url!r} was not made within {limit} s")
        produced = future.result()
        try:
            return produced.file.read()
        finally:
            produced.release()

    @property
    def run_status(self) -> str | None:
        finished = self._client.finished_runs
        return finished[-1]["status"] if finished else None

    @property
    def main(self) -> Block:
        """The main area of the page: a :class:`Block` with the same lists as AppTest (``at.main.button``)."""
        return Block(self._client.tree.roots[0], self)

    @property
    def sidebar(self) -> Block:
        """The sidebar: a :class:`Block` (``at.sidebar.slider``)."""
        return Block(self._client.tree.roots[1], self)

    def _roots(self) -> list[ClientNode]:
        """The parts of the page as Streamlit's tree has them: the main area, the sidebar, the event root (toasts,
        styles, the dialog: ``porch.elements._event``), and the bottom once anything is written there."""
        roots = self._client.tree.roots
        return roots if roots[ROOT_BOTTOM].children else roots[:ROOT_BOTTOM]

    def _page(self) -> Block:
        """Everything on the page: the main area, the sidebar, the event root and the bottom (Streamlit's ``root``)."""
        return Block(ClientNode("root", {"name": "root"}, None, self._roots()), self)

    def __getattr__(self, name: str) -> Any:
        """``at.button``, ``at.markdown``, ``at.columns``...: every element of that list on the page, in page order
        (see :data:`porch.testing.elements.SELECTORS` for the names)."""
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return getattr(self._page(), name)
        except AttributeError:
            raise AttributeError(f"AppTest has no attribute {name!r}") from None

    def get(self, element_type: str) -> list[Any]:
        """The elements of one type on the page: a list name (``"button"``, ``"pills"``, ``"tabs"``...) or one of
        Streamlit's element types (``"title"``, ``"help_info"``...)."""
        return list(self._page().get(element_type))

    def get_by_key(self, key: str) -> Any:
        """The one element or block with this key: ``KeyError`` if none has it, :class:`AppTestError` if several."""
        return self._page().get_by_key(key)

    def __len__(self) -> int:
        """How many parts the page has, as Streamlit's tree: the main area, the sidebar, the event root, and the
        bottom once anything is written there."""
        return len(self._roots())

    def __getitem__(self, index: int) -> Block:
        """A part of the page by its index in ``protocol.ROOTS`` (``at[3]`` is the bottom, also while it is empty)."""
        return Block(self._client.tree.roots[index], self)

    def __iter__(self) -> Iterator[Any]:
        """The page (``type`` "root") and then every element and block of it, in page order (each part first, then what
        is inside it), as Streamlit's tree."""
        return iter(self._page())

    def __repr__(self) -> str:
        return f"AppTest({self._script.path!r}, main={self.main!r}, sidebar={self.sidebar!r})"

    # -- used by the element wrappers ---------------------------------------------------------------------------

    def _wrap(self, node: ClientNode, parent: ClientNode | None = None) -> Any:
        """The AppTest class of a node: by its Streamlit type (a title's is Title), else by its kind; a widget with no
        class of its own is a plain :class:`Widget`."""
        if node.kind in BLOCK_KINDS or node.kind == "root":
            return BLOCK_CLASSES.get(node.kind, Block)(node, self, parent)
        cls = TYPE_CLASSES.get(node_type(node)) or ELEMENT_CLASSES.get(node.kind)
        if cls is None:
            cls = Widget if node.id is not None and node.id in self._session.widgets.specs else Element
        return cls(node, self, parent)

    def _spec(self, widget: Widget) -> Any:
        spec = self._session.widgets.specs.get(widget.id)
        if spec is None:
            raise LookupError(f"the {widget.kind} {widget.label!r} is no longer on the page")
        return spec

    def _widget_value(self, widget: Widget) -> Any:
        codec = self._spec(widget).codec
        if widget.id in self._pending:
            return codec.from_wire(self._pending[widget.id])
        if widget.id in self._sent:
            # Set before the last run(), which may not have drawn it again (a fragment's rerun, from a callback):
            # the page shows what the person chose, which the session holds.
            held = self._session.widgets.values.get(widget.id, _NOT_HELD)
            if held is not _NOT_HELD:
                return codec.from_wire(codec.to_wire(held))
        return codec.from_wire(widget.props.get("value"))

    def _set_widget_value(self, widget: Widget, value: Any) -> None:
        self._pending[widget.id] = self._spec(widget).codec.to_wire(value)

    def _option_at(self, widget: Widget, index: int) -> Any:
        return self._spec(widget).codec.from_wire(index)

    def _click(self, widget: Widget | Block) -> None:
        self._trigger = str(widget.node.id)

    def _file_ids(self, widget: Widget) -> list[str]:
        return list(self._pending.get(widget.id, widget.props.get("value")) or [])

    def _upload(self, widget: Widget, name: str, data: bytes, mime: str) -> None:
        """What a browser does: the file goes to the session's store first, then the widget's value names it."""
        file_id = self._session.uploads.add(widget.id, name, mime, data)
        kept = self._file_ids(widget) if widget.props.get("multiple") else []
        self._pending[widget.id] = [*kept, file_id]

    def _remove_upload(self, widget: Widget, name: str) -> None:
        ids = self._file_ids(widget)
        gone = [f.file_id for f in self._session.uploads.files(widget.id, ids) if f.name == name]
        if not gone:
            raise LookupError(f"the {widget.kind} {widget.label!r} holds no file named {name!r}")
        for file_id in gone:
            if file_id not in (widget.props.get("value") or []):
                self._session.uploads.delete(widget.id, file_id)  # never taken: the browser deletes it too
        self._pending[widget.id] = [i for i in ids if i not in gone]
