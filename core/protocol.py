"""The wire contract between the engine and any client: message types and the element description.

This module is the single source of truth for the protocol described in ``docs/protocol.md``. The browser client's
``webui/protocol.js`` is checked against it by ``tests/test_protocol_contract.py``; change both together and bump
``PROTOCOL_VERSION`` when an old client could misread a new message.

Frames. The server sends a WebSocket text message holding a JSON *array* of server messages (several deltas produced
close together travel as one frame). A client sends one JSON *object* per WebSocket message.

Every message from a client is hostile until :func:`parse_client_message` has turned it into one of the dataclasses
below; nothing else in the engine reads raw client JSON.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Final, Union
from urllib.parse import urlsplit

try:  # optional (``pip install porch[speedups]``): the same JSON, produced several times faster
    import orjson  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - depends on the environment
    orjson = None  # type: ignore[assignment,unused-ignore]

PROTOCOL_VERSION: Final = 1

log = logging.getLogger("porch.protocol")

#: Largest WebSocket message a client may send, in bytes (tornado closes the socket above it).
MAX_CLIENT_MESSAGE_BYTES: Final = 1 << 20
#: Most widget values one rerun message may carry.
MAX_WIDGETS_PER_MESSAGE: Final = 2000
#: Longest string a client may send as a widget value, in characters.
MAX_STRING_VALUE: Final = 200_000
#: Longest list a client may send as a widget value (multiselect indices, range ends).
MAX_LIST_VALUE: Final = 10_000
MAX_ID_LENGTH: Final = 512
#: The page's query parameters (``hello``, ``rerun``): at most this many values, and this many characters of names
#: and values in all. Beyond either the message is refused, never cut short. A session keeps its page's parameters
#: for its whole life (and its TTL after its tab went away), so they are bounded by what a page's address really
#: carries: common reverse proxies refuse a request line beyond 8 KiB (nginx, Apache), so an address with more could
#: not even be reloaded behind one. At the limits a session's parameters take about 70 KB of memory.
MAX_QUERY_VALUES: Final = 256
MAX_QUERY_CHARS: Final = 16_384
#: The page URL a client reports (``hello``'s ``url``), in characters.
MAX_URL_LENGTH: Final = 4096
#: The page's path under the base path (``hello``'s and ``rerun``'s ``page``: ``porch.navigation``), in characters.
MAX_PAGE_PATH: Final = 1024
#: The largest sequence number of a client's event (``rerun``'s ``seq``): the largest integer a double holds exactly.
MAX_SEQ: Final = 2**53 - 1

# Element paths start with the index of a root container. The overlay, Streamlit's event root, holds what is not part
# of the page's flow (the dialog, porch.toast's toasts, styles-only html: ``porch.elements._event``), so that showing
# one shifts no element of the main area to another path. The bottom holds
# what is pinned to the bottom of the main area (``porch.bottom``, and a chat_input called in the main area itself).
ROOT_MAIN: Final = 0
ROOT_SIDEBAR: Final = 1
ROOT_OVERLAY: Final = 2
ROOT_BOTTOM: Final = 3
ROOTS: Final = ("main", "sidebar", "overlay", "bottom")

# Element kinds are not listed here: each is a module of ``porch.elements`` and of ``webui/elements/`` (the one list
# is the package's import list; tests/test_elements_contract.py keeps the two ends equal). Only the block kinds are the
# protocol's business, because the tree treats their children differently.
#: Containers: elements whose children live at sub-paths (path + [i]).
BLOCK_KINDS: Final = frozenset(
    {"container", "columns", "column", "tabs", "tab", "expander", "form", "popover", "status", "dialog", "chat_message",
     "grid", "grid_cell"}
)

#: The props every widget has (a leaf element with an ``id``) that stay off the wire while they hold these values: the
#: client puts them back before the element's module sees them, as it does a kind's own ``defaults``.
WIDGET_DEFAULTS: Final[Mapping[str, Any]] = {
    "label_visibility": "visible", "help": None, "disabled": False, "form": None, "ignore_rerun": False,
}

#: How a run ended, as reported in ``{"type": "run", "state": "finished"}``.
RUN_STATUSES: Final = frozenset({"ok", "error", "stopped", "rerun"})

# ---------------------------------------------------------------------------------------------------------------
# Server -> client. Plain dicts on the wire; these builders are the only place their shape is written down in Python.
# ---------------------------------------------------------------------------------------------------------------

SERVER_MESSAGE_TYPES: Final = frozenset(
    {"session", "page", "run", "delta", "trim", "reset", "error", "query", "rows", "location", "navigate", "ack",
     "menu"}
)

JSON = Any
Message = dict[str, JSON]
Path = tuple[int, ...]


def session_message(
    session_id: str, token: str, *, resumed: bool, runtime: dict[str, JSON], build: str = "",
    restored: list[str] | None = None, seq: int = 0, ack: int = 0,
) -> Message:
    """The first message on every connection: who the client is, how to come back after a reload, and the build of
    the client the server serves (``static.StaticAssets.build_id``; "" when it serves none): a page of another build
    reloads itself. ``restored``: the session moved here from another replica through the store (``porch.store``),
    and these are what stayed behind (names to show). ``seq``: the highest sequence number of the client's events
    (``Rerun.seq``) the session holds, so the client resends only later ones; ``ack``: as in :func:`ack_message`."""
    message: Message = {
        "type": "session",
        "protocol": PROTOCOL_VERSION,
        "session": session_id,
        "token": token,
        "resumed": resumed,
        "runtime": runtime,
        "build": build,
        "seq": seq,
        "ack": ack,
    }
    if restored is not None:
        message["restored"] = {"lost": list(restored)}
    return message


#: Close codes and reasons a client acts on (``docs/protocol.md``, "Replicas"). A draining server closes the sessions
#: it still holds with MOVED once its grace is over (the page reconnects at once, and the proxy sends it to another
#: replica), and refuses a new session with DRAINING (the page tries again after a pause); a second connection of
#: the same page (``hello``'s ``page_load``) replaces the first, which is closed with REPLACED.
CLOSE_MOVED: Final = (1012, "moved")
CLOSE_DRAINING: Final = (1013, "draining")
CLOSE_REPLACED: Final = (4000, "replaced")


def ack_message(seq: int) -> Message:
    """The client's events up to sequence number ``seq`` (``Rerun.seq``) need never be sent again: the session has
    them for good (with a store: in a snapshot the store holds, so another replica has them too)."""
    return {"type": "ack", "seq": seq}


def page_message(page: dict[str, JSON]) -> Message:
    """Page settings from ``set_page_config``: title, icon (an emoji) or icon_url (an image), layout, initial
    sidebar state."""
    return {"type": "page", **page}


def menu_message(menu: dict[str, JSON]) -> Message:
    """The app menu this page shows (``porch.app_menu.menu_of``): ``mode`` ("developer", "viewer" or "minimal"),
    Porch's ``version``, whether the server ``watching`` the script reruns the app when it changes, and this
    session's ``auto_rerun``. Sent on each connection and when it changes (``client.toolbarMode`` set by a run)."""
    return {"type": "menu", **menu}


def run_started(run: int) -> Message:
    return {"type": "run", "state": "running", "run": run}


def run_finished(run: int, status: str) -> Message:
    return {"type": "run", "state": "finished", "run": run, "status": status}


def delta_message(path: Path, element: JSON) -> Message:
    """Put ``element`` at ``path``: replaces what is there (keeping its children when it is the same block kind)."""
    return {"type": "delta", "path": list(path), "element": element}


def trim_message(path: Path, length: int) -> Message:
    """Remove the children of the block (or root) at ``path`` from index ``length`` on."""
    return {"type": "trim", "path": list(path), "length": length}


def reset_message() -> Message:
    """Forget the whole tree; deltas that follow rebuild it (sent when a client resumes a session)."""
    return {"type": "reset"}


def location_message(page: str, params: dict[str, list[str]], *, history: str) -> Message:
    """The app is on another page now (``porch.navigation``, ``switch_page``, or the page the client asked for was
    not found): the client shows the page's path under its base, ``page``, with the query ``params`` that go with it
    in its address bar, adding a history entry (``"push"``) or replacing the current one (``"replace"``)."""
    return {"type": "location", "page": page, "params": params, "history": history}


def navigate_message(path: str) -> Message:
    """The client leaves the page for ``path``, one of the app's own endpoints relative to its base (``auth/login``:
    sign-in), as a link it followed: the page is left, and the page it comes back to starts anew."""
    return {"type": "navigate", "path": path}


def query_message(params: dict[str, list[str]], *, history: str) -> Message:
    """The script changed the page's query parameters (``porch.query_params``): the client shows them in its
    address bar, adding a history entry (``history: "push"``) or replacing the current one (``"replace"``: during a
    run that the user's back or forward caused)."""
    return {"type": "query", "params": params, "history": history}


def error_message(code: str, message: str) -> Message:
    return {"type": "error", "code": code, "message": message}


def rows_message(
    data_id: str,
    start: int,
    sort: tuple[tuple[int, bool], ...],
    *,
    total: int | None = None,
    window: dict[str, JSON] | None = None,
    missing: bool = False,
    skipped: bool = False,
) -> Message:
    """The answer to a client's ``rows`` request: the rows of the frame ``data_id`` from ``start`` in the order of
    ``sort`` (``window``: ``cells``, ``pos`` and, for a styled frame, ``text`` and ``css``), with the frame's ``total``
    row count; or ``missing`` (the session holds no such frame: freed, or never its own), or ``skipped`` (newer
    requests came before this one was answered)."""
    message: Message = {"type": "rows", "id": data_id, "start": start, "sort": _sort_wire(sort)}
    if missing:
        message["missing"] = True
    elif skipped:
        message["skipped"] = True
    else:
        message["total"] = total
        message.update(window or {})
    return message


def _sort_wire(sort: tuple[tuple[int, bool], ...]) -> list[list[JSON]]:
    return [[column, "desc" if descending else "asc"] for column, descending in sort]


def encode_frame(messages: list[Message]) -> str | bytes:
    """A frame as JSON text: UTF-8 bytes from orjson when it is installed, else a str from the standard library.

    A frame leaves on every run, and encoding it is a fifth of the server's work for a rerun; orjson does it about
    seven times faster. What orjson refuses (a key that is not a string, an integer beyond 64 bits, a lone surrogate)
    the standard library encodes as before.

    It never fails: a frame that cannot be sent would silently cut its session off its client (every later frame
    carries the same tree), and a string in shared state could cut off every session. So a lone UTF-16 surrogate (a
    script's ``"\\ud800"``; clients' are replaced on the way in) leaves as its JSON escape, which a browser reads back
    as the same string; a NaN or an infinity becomes null, a key that JSON cannot hold its ``str``, and a message that
    still cannot be encoded (a value whose ``str`` raises, a cycle) an ``error`` message ``unencodable`` in its place.
    Each of these is logged once per process.
    """
    if orjson is not None:
        try:
            encoded: bytes = orjson.dumps(messages, default=str, option=_ORJSON_OPTIONS)
            return encoded
        except orjson.JSONEncodeError:
            pass
    try:
        text = _ENCODER.encode(messages)
    except Exception:  # anything, a script value's __str__ included
        text = "[" + ",".join(_encode_leniently(message) for message in messages) + "]"
    if not text.isascii() and _LONE_SURROGATE.search(text):
        _warn_once("surrogates", "a frame held text with lone UTF-16 surrogates (a script's string such as "
                   "'\\ud800'): sent as JSON escapes")
        # JSON outside its strings is ASCII, so every surrogate is inside a string, where its escape is valid.
        text = _LONE_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return text


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_warned: set[str] = set()
#: How deep :func:`_plain` follows containers before it gives up on a message (a cycle, or a pathological tree).
_MAX_DEPTH: Final = 200


def _warn_once(kind: str, message: str) -> None:
    if kind not in _warned:
        _warned.add(kind)
        log.warning("%s (logged once)", message)


def _encode_leniently(message: Message) -> str:
    """One message the standard encoder refused, made plain; an ``unencodable`` error when even that fails."""
    try:
        return _ENCODER.encode(_plain(message, 0))
    except Exception as exc:  # the last resort: the frame goes out without this message
        _warn_once("unencodable", f"a {message.get('type')!r} message could not be encoded and was not sent: {exc!r}")
        return _ENCODER.encode(error_message("unencodable", "a message from the server could not be encoded"))


def _plain(value: JSON, depth: int) -> JSON:
    """``value`` with what JSON cannot hold made plain: non-finite numbers as null, keys and other objects as text."""
    if depth > _MAX_DEPTH:
        raise ValueError("nested too deeply (a cycle?)")
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        _warn_once("nan", "a frame held a NaN or an infinity: sent as null")
        return None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, dict):
        return {
            key if isinstance(key, (str, int, bool)) or key is None else str(key): _plain(item, depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    return str(value)


# Built once. Messages are trees the engine builds, never cyclic, so the encoder skips its cycle check (a sixth of
# its time).
_ENCODER = json.JSONEncoder(
    separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=str, check_circular=False
)
# Dates and dataclasses go through ``default=str`` as with the standard library, not orjson's own formats.
_ORJSON_OPTIONS = 0 if orjson is None else orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


# ---------------------------------------------------------------------------------------------------------------
# Client -> server.
# ---------------------------------------------------------------------------------------------------------------


class ProtocolError(Exception):
    """A client message that cannot be accepted. ``code`` is stable and machine readable. ``widgets``: the ids a
    refused ``rerun`` named, whose values the server did not take; the session sends their elements again, so that a
    control showing a refused value shows the server's."""

    def __init__(self, code: str, message: str, widgets: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.widgets = widgets


@dataclass(frozen=True)
class ClientInfo:
    """What a page reports about itself in ``hello`` (``porch.context``); each is None when it did not say."""

    #: ``navigator.language``, e.g. ``"en-US"``.
    locale: str | None = None
    #: The IANA time zone, e.g. ``"Europe/Paris"``.
    timezone: str | None = None
    #: Minutes to add to local time to get UTC (``Date.getTimezoneOffset()``: -60 in Paris in winter).
    timezone_offset: int | None = None
    #: ``"light"`` or ``"dark"``: the theme the page shows.
    theme: str | None = None
    #: The page's URL without query or fragment.
    url: str | None = None

    def updated(self, change: ClientInfo) -> ClientInfo:
        """These facts with those ``change`` gives (a ``rerun``'s ``client``: only what changed; None: unchanged)."""
        given = {f.name: getattr(change, f.name) for f in fields(change) if getattr(change, f.name) is not None}
        return replace(self, **given) if given else self


@dataclass(frozen=True)
class Hello:
    """First message on a connection. ``session``/``token`` resume an earlier session of the same tab."""

    session: str | None = None
    token: str | None = None
    query: dict[str, list[str]] = field(default_factory=dict)
    client: ClientInfo = field(default_factory=ClientInfo)
    #: The page's path under the base path (percent-decoded, no slashes at its ends: ``""`` is the app's root), the
    #: page of a multipage app it asks for; None: it did not say.
    page: str | None = None
    #: A random id the page made when it loaded: the same page reconnecting takes its live session over, while a
    #: duplicated tab (a copy of its ``sessionStorage``, another id) gets a session of its own. None: not given.
    page_load: str | None = None


@dataclass(frozen=True)
class Rerun:
    """Widget values that changed since the last message, and the button (if any) whose click caused it."""

    widgets: dict[str, JSON] = field(default_factory=dict)
    trigger: str | None = None
    #: The page's query parameters, when they changed outside the script (the user went back or forward): the run
    #: sees these. None: unchanged.
    query: dict[str, list[str]] | None = None
    #: The page (its path under the base path) the user went to: a navigation link, a page link, back or forward. The
    #: run shows that page. None: the same page.
    page: str | None = None
    #: The event's sequence number, counting up per page from 1: the client keeps an event until it is acknowledged
    #: (``ack``) and sends it again after reconnecting (to this replica or another); the session takes each number
    #: once. None: not numbered (taken as it comes).
    seq: int | None = None
    #: What the page says of itself (``hello``'s fields) that changed since it last said it: a new colour scheme, a
    #: time zone, ... (each None: unchanged), which the session keeps for ``porch.context``. None: nothing changed.
    client: ClientInfo | None = None
    #: The server saw the script change (``run_on_save``): a session whose Auto rerun is off (:class:`RunOnSave`)
    #: does not take it. Never read from a client.
    on_save: bool = False


@dataclass(frozen=True)
class Stop:
    """Stop the running script where it is."""


@dataclass(frozen=True)
class Rows:
    """Ask for the rows of a frame the page shows (``dataframe``): ``count`` rows from ``start``, in the order of
    ``sort`` ((shown column index, descending) pairs, the first the main key; empty: the frame's own order)."""

    id: str
    start: int
    count: int
    sort: tuple[tuple[int, bool], ...] = ()


@dataclass(frozen=True)
class ClearCache:
    """The app menu's Clear cache: empty the app's ``cache_data`` and ``cache_resource``. Honoured only where the
    page's menu offers it (its developer items: ``porch.app_menu``), refused otherwise."""


@dataclass(frozen=True)
class RunOnSave:
    """The app menu's Auto rerun: whether this session reruns when the server sees the script change (while the
    server watches it: ``run_on_save``). A developer's item, as :class:`ClearCache`."""

    enabled: bool


ClientMessage = Union[Hello, Rerun, Stop, Rows, ClearCache, RunOnSave]
CLIENT_MESSAGE_TYPES: Final = frozenset({"hello", "rerun", "stop", "rows", "clear_cache", "run_on_save"})
#: Rows one ``rows`` request may ask for; the server may answer fewer (a window carries at most
#: ``porch.frames.MAX_WINDOW_CELLS`` cells).
MAX_ROWS_PER_REQUEST: Final = 1000
#: Sort keys one ``rows`` request may give, and the largest column index and row position it may name.
MAX_SORT_KEYS: Final = 4
MAX_COLUMN_INDEX: Final = 100_000
MAX_ROW_POSITION: Final = 2**53
#: A data id: the server's are 12 URL-safe characters.
MAX_DATA_ID_LENGTH: Final = 64


def parse_client_message(raw: str | bytes) -> ClientMessage:
    """Validate one message from a client; raise :class:`ProtocolError` on anything unexpected."""
    if isinstance(raw, bytes):
        raise ProtocolError("binary", "binary messages are not part of the protocol")
    if len(raw) > MAX_CLIENT_MESSAGE_BYTES:
        raise ProtocolError("too_large", f"message of {len(raw)} bytes exceeds {MAX_CLIENT_MESSAGE_BYTES}")
    try:
        data = client_json(raw)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError("bad_json", f"message is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_message", "a message must be a JSON object")
    kind = data.get("type")
    if kind == "hello":
        _only_keys(data, {"type", "protocol", "session", "token", "query", "page", "page_load", *_CLIENT_INFO})
        if data.get("protocol") != PROTOCOL_VERSION:
            raise ProtocolError(
                "protocol_version", f"client speaks protocol {data.get('protocol')!r}, server {PROTOCOL_VERSION}"
            )
        return Hello(
            session=_optional_str(data, "session"),
            token=_optional_str(data, "token"),
            query=_query(data.get("query", {})),
            page=_page(data.get("page")),
            client=_client_info(data),
            page_load=_page_load(data.get("page_load")),
        )
    if kind == "rerun":
        widgets = data.get("widgets", {})
        if not isinstance(widgets, dict):
            raise ProtocolError("bad_message", "'widgets' must be an object of widget id to value")
        try:
            return _rerun(data, widgets)
        except ProtocolError as exc:
            named = (name for name in widgets if 0 < len(name) <= MAX_ID_LENGTH)
            exc.widgets = tuple(itertools.islice(named, MAX_WIDGETS_PER_MESSAGE))
            raise
    if kind == "stop":
        _only_keys(data, {"type"})
        return Stop()
    if kind == "rows":
        return _rows(data)
    if kind == "clear_cache":
        _only_keys(data, {"type"})
        return ClearCache()
    if kind == "run_on_save":
        _only_keys(data, {"type", "enabled"})
        if not isinstance(data.get("enabled"), bool):
            raise ProtocolError("bad_message", "'enabled' must be true or false")
        return RunOnSave(enabled=data["enabled"])
    raise ProtocolError("unknown_type", f"unknown message type {kind!r}")


def _rerun(data: dict[str, JSON], widgets: dict[str, JSON]) -> Rerun:
    _only_keys(data, {"type", "widgets", "trigger", "query", "page", "seq", "client"})
    if len(widgets) > MAX_WIDGETS_PER_MESSAGE:
        raise ProtocolError("too_large", f"more than {MAX_WIDGETS_PER_MESSAGE} widget values")
    for widget_id, value in widgets.items():
        _check_id(widget_id)
        _check_value(value)
    trigger = _optional_str(data, "trigger")
    if trigger is not None:
        _check_id(trigger)
    query = _query(data["query"]) if data.get("query") is not None else None
    seq = data.get("seq")
    if seq is not None and (type(seq) is not int or not 0 < seq <= MAX_SEQ):
        raise ProtocolError("bad_message", f"'seq' must be a whole number from 1 to {MAX_SEQ}")
    client = data.get("client")
    if client is not None:
        if not isinstance(client, dict) or not client:
            raise ProtocolError("bad_message", f"'client' must be an object of what changed of {_CLIENT_INFO}")
        extra = [name[:40] for name in sorted(set(client) - set(_CLIENT_INFO))[:5]]
        if extra:
            raise ProtocolError("bad_message", f"unexpected field(s) {extra} in 'client', which takes {_CLIENT_INFO}")
    return Rerun(
        widgets=widgets, trigger=trigger, query=query, page=_page(data.get("page")), seq=seq,
        client=_client_info(client) if client is not None else None,
    )


def client_json(text: str) -> JSON:
    """JSON text from a client, read as the protocol reads it: a whole message, or the JSON text some widgets carry
    as their value (a component's, a chart's or a table's selection). ``NaN`` and ``Infinity`` are not JSON; a lone
    UTF-16 surrogate in a string (``"\\ud800"``, which ``JSON.stringify`` writes for half of an emoji cut in two)
    becomes U+FFFD, the replacement character, so no string from a client holds one: a string that cannot be encoded
    as UTF-8 would stop every frame that shows it. Raises ``ValueError`` (or ``RecursionError``) for bad JSON."""
    if not text.isascii():
        text = _LONE_SURROGATE.sub("\ufffd", text)  # a caller's str may hold them raw (tornado's never does)
    data = json.loads(text, parse_constant=_reject_constant)
    if _SURROGATE_ESCAPE.search(text):
        data = _well_formed(data)
    return data


#: The JSON escape of a UTF-16 surrogate (one of a pair is fine, ``_well_formed`` only replaces lone ones).
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def _well_formed(data: JSON) -> JSON:
    """``data`` with every lone surrogate in its strings, keys included, replaced by U+FFFD."""
    if isinstance(data, str):
        return _LONE_SURROGATE.sub("\ufffd", data)
    if isinstance(data, list):
        return [_well_formed(item) for item in data]
    if isinstance(data, dict):
        return {_well_formed(key): _well_formed(value) for key, value in data.items()}
    return data


def _rows(data: dict[str, JSON]) -> Rows:
    """A ``rows`` request, every field checked: an id, a start and count within the limits, a short sort."""
    _only_keys(data, {"type", "id", "start", "count", "sort"})
    data_id = data.get("id")
    if not isinstance(data_id, str) or not 0 < len(data_id) <= MAX_DATA_ID_LENGTH:
        raise ProtocolError("bad_message", f"'id' must be a data id of 1 to {MAX_DATA_ID_LENGTH} characters")
    start, count = data.get("start"), data.get("count")
    if type(start) is not int or not 0 <= start <= MAX_ROW_POSITION:
        raise ProtocolError("bad_message", "'start' must be a row position: a whole number, 0 or more")
    if type(count) is not int or not 0 < count <= MAX_ROWS_PER_REQUEST:
        raise ProtocolError("bad_message", f"'count' must be a whole number from 1 to {MAX_ROWS_PER_REQUEST}")
    sort = data.get("sort", [])
    if not isinstance(sort, list) or len(sort) > MAX_SORT_KEYS:
        raise ProtocolError("bad_message", f"'sort' must be a list of at most {MAX_SORT_KEYS} [column, direction]")
    keys: list[tuple[int, bool]] = []
    for key in sort:
        if not (
            isinstance(key, list) and len(key) == 2 and type(key[0]) is int
            and 0 <= key[0] <= MAX_COLUMN_INDEX and key[1] in ("asc", "desc")
        ):
            raise ProtocolError("bad_message", "a sort key must be [column index, 'asc' or 'desc']")
        if any(column == key[0] for column, _ in keys):
            raise ProtocolError("bad_message", "a sort names a column twice")
        keys.append((key[0], key[1] == "desc"))
    return Rows(id=data_id, start=start, count=count, sort=tuple(keys))


def _page(value: JSON) -> str | None:
    """A page's path under the base path, as a client sends it (``porch.navigation`` resolves it; one it does not
    know shows the app's default page)."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_PAGE_PATH or any(c < " " or c == "\x7f" for c in value):
        raise ProtocolError(
            "bad_message",
            f"'page' must be a page's path of at most {MAX_PAGE_PATH} characters, without control characters",
        )
    return value


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _only_keys(data: dict[str, JSON], allowed: set[str]) -> None:
    extra = set(data) - allowed
    if extra:
        raise ProtocolError("bad_message", f"unexpected field(s) {sorted(extra)} in {data.get('type')!r} message")


_PAGE_LOAD = re.compile(r"[A-Za-z0-9_-]{8,64}")


def _page_load(value: JSON) -> str | None:
    """``hello``'s ``page_load``: 8 to 64 URL-safe characters (the client sends 32 hex digits), or None."""
    if value is None:
        return None
    if not isinstance(value, str) or _PAGE_LOAD.fullmatch(value) is None:
        raise ProtocolError("bad_message", "'page_load' must be 8 to 64 letters, digits, '-' or '_'")
    return value


def _optional_str(data: dict[str, JSON], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_ID_LENGTH:
        raise ProtocolError("bad_message", f"'{name}' must be a string of at most {MAX_ID_LENGTH} characters")
    return value


def _check_id(widget_id: object) -> None:
    if not isinstance(widget_id, str) or not 0 < len(widget_id) <= MAX_ID_LENGTH:
        raise ProtocolError("bad_message", "a widget id must be a non-empty string")


def _check_value(value: JSON) -> None:
    """Widget values are JSON scalars, or flat lists of them; each widget kind checks its own meaning later."""
    if isinstance(value, list):
        if len(value) > MAX_LIST_VALUE:
            raise ProtocolError("too_large", f"a widget value list is longer than {MAX_LIST_VALUE}")
        for item in value:
            if isinstance(item, (list, dict)):
                raise ProtocolError("bad_value", "widget values may not nest")
            _check_scalar(item)
        return
    _check_scalar(value)


def _check_scalar(value: JSON) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ProtocolError("bad_value", "numbers must be finite")
        if isinstance(value, int) and abs(value) > _LARGEST_NUMBER:
            raise ProtocolError("bad_value", "a number must be within the range of a double")
        return
    if isinstance(value, str):
        if len(value) > MAX_STRING_VALUE:
            raise ProtocolError("too_large", f"a string value is longer than {MAX_STRING_VALUE} characters")
        return
    raise ProtocolError("bad_value", f"unsupported widget value of type {type(value).__name__}")


#: Any number a client's double can hold. JavaScript writes 1e20 as an integer (``100000000000000000000``), so
#: integers are taken up to the largest double; each widget's codec then checks what it can take.
_LARGEST_NUMBER: Final = int(sys.float_info.max)


def _query(value: JSON) -> dict[str, list[str]]:
    """A page's query parameters, ``{name: [values]}`` in the URL's order: refused whole when malformed or larger than
    the limits, never cut short (a script must see the page's parameters or none)."""
    if not isinstance(value, dict):
        raise ProtocolError("bad_message", "'query' must be an object of parameter name to list of values")
    for name, items in value.items():
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ProtocolError("bad_message", f"query parameter {name[:40]!r}: its values must be a list of strings")
    problem = query_size_problem(value)
    if problem is not None:
        raise ProtocolError("too_large", problem)
    return {name: list(items) for name, items in value.items()}


def query_size_problem(query: dict[str, list[str]]) -> str | None:
    """Why ``query`` is beyond the limits a client may send (the script's own changes are held to them too, as the
    page sends them back on a reload), or None."""
    values = sum(max(1, len(items)) for items in query.values())
    if values > MAX_QUERY_VALUES:
        return f"query parameters hold {values} values; at most {MAX_QUERY_VALUES} are allowed"
    chars = sum(len(name) * max(1, len(items)) + sum(map(len, items)) for name, items in query.items())
    if chars > MAX_QUERY_CHARS:
        return f"query parameters are {chars} characters long; at most {MAX_QUERY_CHARS} are allowed"
    return None


_CLIENT_INFO = ("locale", "timezone", "timezone_offset", "theme", "url")
_LOCALE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_TIMEZONE = re.compile(r"[A-Za-z0-9_+/-]{1,64}")


def _client_info(data: dict[str, JSON]) -> ClientInfo:
    """``hello``'s description of the page, or what changed of it (a ``rerun``'s ``client``), all optional: checked
    here, as everything from a client is."""
    locale, timezone, offset, theme, url = (data.get(name) for name in _CLIENT_INFO)
    if locale is not None and not (isinstance(locale, str) and _LOCALE.fullmatch(locale)):
        raise ProtocolError("bad_message", "'locale' must be a language tag such as 'en-US'")
    if timezone is not None and not (isinstance(timezone, str) and _TIMEZONE.fullmatch(timezone)):
        raise ProtocolError("bad_message", "'timezone' must be an IANA time zone name such as 'Europe/Paris'")
    if offset is not None and (type(offset) is not int or abs(offset) > 24 * 60):
        raise ProtocolError("bad_message", "'timezone_offset' must be whole minutes, at most a day either way")
    if theme is not None and theme not in ("light", "dark"):
        raise ProtocolError("bad_message", "'theme' must be 'light' or 'dark'")
    if url is not None and not _page_url(url):
        raise ProtocolError(
            "bad_message", f"'url' must be the page's http(s) URL without query or fragment, at most {MAX_URL_LENGTH} "
            "characters"
        )
    return ClientInfo(locale=locale, timezone=timezone, timezone_offset=offset, theme=theme, url=url)


def _page_url(url: JSON) -> bool:
    if not isinstance(url, str) or len(url) > MAX_URL_LENGTH or any(c <= " " or c == "\x7f" for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "?" not in url and "#" not in url
