"""Protocol clients: each system's own wire protocol, spoken over a WebSocket on loopback.

Runs in the driver process (see driver.py), never in the harness process: the Streamlit client needs Streamlit's own
protobuf classes, which live in the peers venv. Every client offers the same three coroutines:

- ``connect()``: open a session and wait until its first run has finished (a session that "ran the app once");
- ``rerun()``: move the slider to a new value and wait until the server reports the run's end; returns seconds;
- ``click()``: click the button and wait likewise; returns seconds.

All waits are bounded by ``timeout``.
"""

from __future__ import annotations

import ast
import asyncio
import json
import time
import uuid
from typing import Any


class ProtocolFailure(RuntimeError):
    pass


async def _ws_connect(url: str, subprotocols: list[str] | None = None, timeout: float = 30.0):
    from tornado.websocket import websocket_connect

    return await asyncio.wait_for(
        websocket_connect(url, subprotocols=subprotocols, max_message_size=64 << 20), timeout
    )


async def _read(ws, timeout: float):
    msg = await asyncio.wait_for(ws.read_message(), timeout)
    if msg is None:
        raise ProtocolFailure(f"connection closed ({ws.close_code} {ws.close_reason})")
    return msg


class BaseClient:
    timeout = 30.0

    def __init__(self, port: int, path: str) -> None:
        self.port = port
        self.path = path
        self.ws = None
        self._value = 10

    def _next_value(self) -> int:
        # Alternate between two slider values so every rerun really changes the input.
        self._value = 30 if self._value != 30 else 20
        return self._value

    async def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    async def rerun(self) -> float:
        raise NotImplementedError

    async def click(self) -> float:
        raise NotImplementedError


class PorchClient(BaseClient):
    """docs/protocol.md: hello -> session (+ first run), then rerun {widgets} until {type: run, state: finished}."""

    PROTOCOL = 1

    def __init__(self, port: int, path: str = "/_porch/ws") -> None:
        super().__init__(port, path)
        self.slider_id: str | None = None
        self.button_id: str | None = None
        self.session: str | None = None
        self.runs_finished = 0

    async def connect(self) -> None:
        self.ws = await _ws_connect(f"ws://127.0.0.1:{self.port}{self.path}", timeout=self.timeout)
        await self.ws.write_message(json.dumps({"type": "hello", "protocol": self.PROTOCOL}))
        await self._until_finished()
        if self.session is None:
            raise ProtocolFailure("no session message after hello")
        if self.slider_id is None or self.button_id is None:
            raise ProtocolFailure("the first run sent no slider and button ids")

    async def _until_finished(self) -> str:
        deadline = time.monotonic() + self.timeout
        while True:
            frame = json.loads(await _read(self.ws, max(0.001, deadline - time.monotonic())))
            if isinstance(frame, dict):
                frame = [frame]
            for msg in frame:
                kind = msg.get("type")
                if kind == "delta":
                    el = msg.get("element") or {}
                    if el.get("kind") == "slider":
                        self.slider_id = el.get("id")
                    elif el.get("kind") == "button":
                        self.button_id = el.get("id")
                elif kind == "session":
                    self.session = msg.get("session")
                elif kind == "error":
                    raise ProtocolFailure(f"server error {msg.get('code')}: {msg.get('message')}")
                elif kind == "run" and msg.get("state") == "finished":
                    self.runs_finished += 1
                    return msg.get("status", "ok")

    async def rerun(self) -> float:
        payload = json.dumps({"type": "rerun", "widgets": {self.slider_id: self._next_value()}})
        t0 = time.perf_counter()
        await self.ws.write_message(payload)
        await self._until_finished()
        return time.perf_counter() - t0

    async def click(self) -> float:
        payload = json.dumps({"type": "rerun", "widgets": {}, "trigger": self.button_id})
        t0 = time.perf_counter()
        await self.ws.write_message(payload)
        await self._until_finished()
        return time.perf_counter() - t0


class StreamlitClient(BaseClient):
    """Streamlit's own protobuf messages (streamlit.proto) over /_stcore/stream, subprotocol "streamlit".

    As the browser does: the session only starts when the client sends a first ``rerun_script`` BackMsg; every later
    rerun carries the state of all widgets (the slider as ``double_array_value``, a click as ``trigger_value``); the
    run's end is the ``script_finished`` ForwardMsg.
    """

    def __init__(self, port: int, path: str = "/_stcore/stream") -> None:
        super().__init__(port, path)
        from streamlit.proto.BackMsg_pb2 import BackMsg  # type: ignore
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # type: ignore

        self.BackMsg, self.ForwardMsg = BackMsg, ForwardMsg
        self.slider_id: str | None = None
        self.button_id: str | None = None
        self.page_script_hash = ""
        self.runs_finished = 0

    async def connect(self) -> None:
        self.ws = await _ws_connect(f"ws://127.0.0.1:{self.port}{self.path}", subprotocols=["streamlit"],
                                    timeout=self.timeout)
        await self.ws.write_message(self._rerun_msg(None, click=False), binary=True)
        await self._until_finished()
        if self.slider_id is None or self.button_id is None:
            raise ProtocolFailure("the first run sent no slider and button ids")

    def _rerun_msg(self, value: int | None, *, click: bool) -> bytes:
        msg = self.BackMsg()
        cs = msg.rerun_script
        cs.query_string = ""
        cs.page_script_hash = self.page_script_hash
        if self.slider_id is not None and value is not None:
            w = cs.widget_states.widgets.add()
            w.id = self.slider_id
            w.double_array_value.data.append(float(value))
        if click and self.button_id is not None:
            w = cs.widget_states.widgets.add()
            w.id = self.button_id
            w.trigger_value = True
        return msg.SerializeToString()

    async def _until_finished(self) -> int:
        deadline = time.monotonic() + self.timeout
        while True:
            raw = await _read(self.ws, max(0.001, deadline - time.monotonic()))
            fwd = self.ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                which = el.WhichOneof("type")
                if which == "slider":
                    self.slider_id = el.slider.id
                elif which == "button":
                    self.button_id = el.button.id
            elif kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash
            elif kind == "script_finished":
                self.runs_finished += 1
                return fwd.script_finished

    async def rerun(self) -> float:
        payload = self._rerun_msg(self._next_value(), click=False)
        t0 = time.perf_counter()
        await self.ws.write_message(payload, binary=True)
        await self._until_finished()
        return time.perf_counter() - t0

    async def click(self) -> float:
        payload = self._rerun_msg(self._value, click=True)
        t0 = time.perf_counter()
        await self.ws.write_message(payload, binary=True)
        await self._until_finished()
        return time.perf_counter() - t0


class NiceguiClient(BaseClient):
    """NiceGUI's Socket.IO (Engine.IO v4) protocol, spoken by hand over its WebSocket transport.

    NiceGUI has no "rerun": a page request builds a client (element tree with ids and event listeners, embedded in the
    HTML), the socket attaches to it, and an ``event`` message runs the element's handler; the handler's changes come
    back as an ``update`` message. So ``connect`` = GET / + socket handshake, ``rerun`` = a slider value event,
    ``click`` = a button click event, each timed until the ``update`` arrives.
    """

    def __init__(self, port: int, path: str = "/_nicegui_ws/socket.io/") -> None:
        super().__init__(port, path)
        self.client_id: str | None = None
        self.query: dict[str, Any] = {}
        self.button: tuple[str, str] | None = None  # (element id, click listener id)
        self.slider: tuple[str, str] | None = None  # (element id, update:modelValue listener id)
        self.runs_finished = 0
        self._pump_task = None

    async def _get_page(self) -> str:
        from tornado.httpclient import AsyncHTTPClient

        resp = await AsyncHTTPClient().fetch(f"http://127.0.0.1:{self.port}/", request_timeout=self.timeout)
        return resp.body.decode()

    def _parse_page(self, html: str) -> None:
        # The page embeds the socket query as a Python literal and the element tree as JSON in a raw template string.
        line = html[html.index("query:") + len("query:"):].split("\n", 1)[0].strip().rstrip(",")
        self.query = ast.literal_eval(line)
        self.client_id = self.query.get("client_id")
        start = html.index("parseElements(String.raw`") + len("parseElements(String.raw`")
        elements = json.loads(html[start:html.index("`)", start)])
        for el_id, el in elements.items():
            for ev in el.get("events", []):
                if el.get("tag") == "q-btn" and ev.get("type") == "click":
                    self.button = (el_id, ev["listener_id"])
                if el.get("tag") == "q-slider" and ev.get("type") == "update:modelValue":
                    self.slider = (el_id, ev["listener_id"])
        if not (self.client_id and self.button and self.slider):
            raise ProtocolFailure("could not find client id, button and slider in NiceGUI's page")

    async def connect(self) -> None:
        from urllib.parse import urlencode

        self._parse_page(await self._get_page())
        query = {k: ("true" if v is True else "false" if v is False else v) for k, v in self.query.items()
                 if v is not None}
        query.update({"document_id": str(uuid.uuid4()), "tab_id": str(uuid.uuid4()), "EIO": "4",
                      "transport": "websocket"})
        self.ws = await _ws_connect(f"ws://127.0.0.1:{self.port}{self.path}?{urlencode(query)}",
                                    timeout=self.timeout)
        opening = await self._read_packet()
        if not opening.startswith("0"):
            raise ProtocolFailure(f"unexpected Engine.IO opening {opening[:80]!r}")
        await self.ws.write_message("40")
        while True:
            pkt = await self._read_packet()
            if pkt.startswith("40"):
                break
            if pkt.startswith("44"):
                raise ProtocolFailure(f"Socket.IO connect refused: {pkt[:200]}")
        self.runs_finished += 1  # the page was built by the GET: that is NiceGUI's "first run"
        # Engine.IO pings are application messages: an idle session must keep reading to answer them, or the
        # server drops it after pingInterval + pingTimeout. A background pump reads everything from here on.
        self._queue: asyncio.Queue = asyncio.Queue()
        self._pump_task = asyncio.ensure_future(self._pump())

    async def _pump(self) -> None:
        try:
            while True:
                pkt = await self.ws.read_message()
                if pkt is None:
                    await self._queue.put(None)
                    return
                if pkt == "2":
                    self.ws.write_message("3")
                elif isinstance(pkt, str):
                    await self._queue.put(pkt)
        except Exception:  # noqa: BLE001 - the socket is gone; readers see None
            await self._queue.put(None)

    async def _read_packet(self) -> str:
        if getattr(self, "_pump_task", None) is not None:
            pkt = await asyncio.wait_for(self._queue.get(), self.timeout)
            if pkt is None:
                raise ProtocolFailure("NiceGUI socket closed")
            return pkt
        deadline = time.monotonic() + self.timeout
        while True:
            pkt = await _read(self.ws, max(0.001, deadline - time.monotonic()))
            if isinstance(pkt, bytes):
                continue
            if pkt == "2":  # Engine.IO ping from the server: answer pong
                await self.ws.write_message("3")
                continue
            return pkt

    async def close(self) -> None:
        if getattr(self, "_pump_task", None) is not None:
            self._pump_task.cancel()
            self._pump_task = None
        await super().close()

    async def _event(self, element: tuple[str, str], args: list[str]) -> float:
        payload = "42" + json.dumps(["event", {"id": int(element[0]), "client_id": self.client_id,
                                                "listener_id": element[1], "args": args}])
        t0 = time.perf_counter()
        await self.ws.write_message(payload)
        while True:
            pkt = await self._read_packet()
            if pkt.startswith('42["update"'):
                self.runs_finished += 1
                return time.perf_counter() - t0

    async def rerun(self) -> float:
        return await self._event(self.slider, [json.dumps(self._next_value())])

    async def click(self) -> float:
        return await self._event(self.button, [json.dumps({})])


class EchoClient(BaseClient):
    """The floor: a message to a bare tornado WebSocket echo server and back."""

    async def connect(self) -> None:
        self.ws = await _ws_connect(f"ws://127.0.0.1:{self.port}{self.path}", timeout=self.timeout)
        self.runs_finished = 0

    async def rerun(self) -> float:
        payload = json.dumps({"type": "rerun", "widgets": {"w3f9c0a1b2c3d4e5f": self._next_value()}})
        t0 = time.perf_counter()
        await self.ws.write_message(payload)
        await _read(self.ws, self.timeout)
        self.runs_finished += 1
        return time.perf_counter() - t0

    click = rerun


CLIENTS = {"porch": PorchClient, "streamlit": StreamlitClient, "nicegui": NiceguiClient, "floor": EchoClient}


def make_client(system: str, port: int, path: str | None = None) -> BaseClient:
    cls = CLIENTS[system]
    return cls(port, path) if path else cls(port)
