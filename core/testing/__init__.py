"""Test a Porch app without a browser: ``AppTest`` runs the real session and script runner in memory.

    from porch.testing import AppTest

    at = AppTest.from_file("app.py").run()
    at.slider[0].set_value(5).run()
    assert at.markdown[0].value == "You picked 5"

Names follow Streamlit's AppTest where they exist. Every action travels as a protocol message through the same
``Session.receive`` a WebSocket uses; the page is rebuilt from the messages the session sends back. For tests of the
protocol itself, :meth:`AppTest.send` delivers one message as a browser tab would, and :attr:`AppTest.errors` and
:attr:`AppTest.messages` show what came back.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable
from typing import Any

from .. import streamlit_alias
from ..api.hooks import script_hooks
from ..interfaces import Runtime
from ..media import MediaFile
from ..protocol import BLOCK_KINDS, ClientMessage, Hello, Rerun
from ..script import Script
from ..session import Session
from ..state import SessionState
from .client import ClientNode, InMemoryClient, InMemoryLoop
from .elements import ELEMENT_CLASSES, Block, Element, ElementList, Widget

__all__ = ["AppTest", "Block", "Element", "ElementList", "Widget"]


class AppTest:
    def __init__(self, script: Script, *, default_timeout: float = 3.0, runtime: Runtime | None = None) -> None:
        self.default_timeout = default_timeout
        self._script = script
        self._loop = InMemoryLoop()
        self._client = InMemoryClient()
        self._session = Session(script, self._loop, runtime or Runtime(mode="test", local_client=True), script_hooks)
        self._attached = False
        self._pending: dict[str, Any] = {}
        self._trigger: str | None = None
        self._last_trigger: str | None = None
        self.query_params: dict[str, list[str]] = {}
        streamlit_alias.install()  # a script that says ``import streamlit`` runs on Porch here too
        if script.path and not script.path.startswith("<"):
            script.add_to_sys_path()

    # -- construction ------------------------------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str, *, default_timeout: float = 3.0) -> AppTest:
        return cls(Script(path), default_timeout=default_timeout)

    @classmethod
    def from_string(cls, source: str, *, default_timeout: float = 3.0) -> AppTest:
        return cls(Script.from_string(textwrap.dedent(source)), default_timeout=default_timeout)

    @classmethod
    def from_function(
        cls,
        function: Callable[..., Any],
        *,
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
        default_timeout: float = 3.0,
    ) -> AppTest:
        """The function's body becomes the script; it is called with ``args``/``kwargs`` (given by their repr)."""
        source = textwrap.dedent(inspect.getsource(function))
        call = f"\n{function.__name__}(*{tuple(args or ())!r}, **{dict(kwargs or {})!r})\n"
        return cls(Script.from_string(source + call, name=f"<{function.__name__}>"), default_timeout=default_timeout)

    # -- running -------------------------------------------------------------------------------------------------

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run the script (the first time) or rerun it with the values set since; wait until the run ends."""
        if not self._attached:
            self._attached = True
            before = len(self._client.finished_runs)
            self._session.attach(self._client, Hello(query=self.query_params), resumed=False)
            self._wait(before, ran=True, timeout=timeout)
            return self
        message = Rerun(widgets=self._take_pending(), trigger=self._trigger)
        self._last_trigger, self._trigger = self._trigger, None
        return self.send(message, timeout=timeout)

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

    def _wait(self, before: int, *, ran: bool, timeout: float | None) -> None:
        limit = self.default_timeout if timeout is None else timeout
        if not self._loop.run_until(lambda: self._settled(before, ran), limit):
            self._session.close()
            raise RuntimeError(f"AppTest script run timed out after {limit} s")

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
        return sending

    def _settled(self, before: int, ran: bool) -> bool:
        """No run going or due, every frame delivered, and (``ran``) a run finished since ``before`` runs had.

        The order matters: a worker queues its last frame before it reports the session idle.
        """
        finished = self._client.finished_runs
        if ran and (len(finished) <= before or finished[-1]["status"] == "rerun"):
            return False
        return not self._session.running and not self._session.has_pending_request() and self._loop.idle

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

    @property
    def run_status(self) -> str | None:
        finished = self._client.finished_runs
        return finished[-1]["status"] if finished else None

    @property
    def main(self) -> Block:
        return Block(self._client.tree.roots[0], self)

    @property
    def sidebar(self) -> Block:
        return Block(self._client.tree.roots[1], self)

    def __getattr__(self, name: str) -> ElementList[Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        everything = ClientNode("root", {}, None, list(self._client.tree.roots))
        return getattr(Block(everything, self), name)  # type: ignore[no-any-return]

    # -- used by the element wrappers ---------------------------------------------------------------------------

    def _wrap(self, node: ClientNode) -> Any:
        if node.kind in BLOCK_KINDS:
            return Block(node, self)
        return ELEMENT_CLASSES.get(node.kind, Element)(node, self)

    def _spec(self, widget: Widget) -> Any:
        spec = self._session.widgets.specs.get(widget.id)
        if spec is None:
            raise LookupError(f"the {widget.kind} {widget.label!r} is no longer on the page")
        return spec

    def _widget_value(self, widget: Widget) -> Any:
        if widget.id in self._pending:
            return self._spec(widget).codec.from_wire(self._pending[widget.id])
        return self._spec(widget).codec.from_wire(widget.props.get("value"))

    def _set_widget_value(self, widget: Widget, value: Any) -> None:
        self._pending[widget.id] = self._spec(widget).codec.to_wire(value)

    def _option_at(self, widget: Widget, index: int) -> Any:
        return self._spec(widget).codec.from_wire(index)

    def _click(self, widget: Widget) -> None:
        self._trigger = widget.id

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
