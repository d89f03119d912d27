"""``porch.context``: read-only facts about the calling session's client, as Streamlit's ``st.context``.

Two sources, both kept by the session (``Session.handshake`` and ``Session.client``):

- the request that opened the session's WebSocket: ``headers``, ``cookies`` and ``ip_address``. Porch's own secrets
  are never in them: the access token's cookie and the XSRF cookie are taken out, as is an ``Authorization`` header
  that carries the access token (``http.socket.handshake_of``); refreshed whenever its tab connects again (a reload,
  a dropped network);
- what the page reports in ``hello``: ``locale``, ``timezone``, ``timezone_offset``, ``theme`` and ``url``, checked
  like every client message (``protocol._client_info``), and then, as Streamlit refreshes them with every rerun,
  what changed of them in the ``rerun`` message the page sends anyway (``Rerun.client``): a colour scheme or a time
  zone that changed is seen by the run that message causes. An app with a ``[theme]`` shows its base whatever the
  system prefers, so there ``theme.type`` is that base (``porch.theme.scheme``).

``is_embedded`` follows Streamlit's rule: the page's URL has ``embed=true``. Outside a script run everything is empty
or None, as in Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..context import current_run
from ..security import is_loopback_address

if TYPE_CHECKING:
    from ..session import Session


@lru_cache(maxsize=256)
def _header_case(name: str) -> str:
    """``coNtent-TYPE`` -> ``Content-Type``: how Streamlit names headers."""
    return "-".join(word.capitalize() for word in name.split("-"))


class Headers(Mapping[str, str]):
    """The headers of the request that opened the connection: case-insensitive names, each read as its first value;
    ``get_all(name)`` gives every value of a repeated one."""

    def __init__(self, headers: Iterable[tuple[str, str]] = ()) -> None:
        grouped: dict[str, list[str]] = {}
        for name, value in headers:
            grouped.setdefault(_header_case(name), []).append(value)
        self._headers = grouped

    def __getitem__(self, key: str) -> str:
        try:
            return self._headers[_header_case(key)][0]
        except (LookupError, AttributeError):
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def __len__(self) -> int:
        return len(self._headers)

    def get_all(self, key: str) -> list[str]:
        """Every value of the header ``key``, in the request's order; ``[]`` when it is absent."""
        return list(self._headers.get(_header_case(key), []))

    def to_dict(self) -> dict[str, str]:
        return {key: self[key] for key in self}

    def __repr__(self) -> str:
        return repr(self.to_dict())


class Cookies(Mapping[str, str]):
    """The cookies of the request that opened the connection, name to value (Porch's own are not among them)."""

    def __init__(self, cookies: Iterable[tuple[str, str]] = ()) -> None:
        self._cookies = dict(cookies)

    def __getitem__(self, key: str) -> str:
        return self._cookies[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cookies)

    def __len__(self) -> int:
        return len(self._cookies)

    def to_dict(self) -> dict[str, str]:
        return dict(self._cookies)

    def __repr__(self) -> str:
        return repr(self._cookies)


class Theme(dict[str, Any]):
    """The page's theme, read as ``theme.type`` or ``theme["type"]``: ``"light"``, ``"dark"``, or None when unknown."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


class ContextProxy:
    """``porch.context``: the calling session's client. Every attribute is read-only."""

    @staticmethod
    def _session() -> Session | None:
        run = current_run.get()
        return run.session if run is not None else None

    @property
    def headers(self) -> Headers:
        """The headers of the request that opened the connection (a mapping with case-insensitive names)."""
        session = self._session()
        return Headers(session.handshake.headers if session is not None else ())

    @property
    def cookies(self) -> Cookies:
        """The cookies of the request that opened the connection, less Porch's own."""
        session = self._session()
        return Cookies(session.handshake.cookies if session is not None else ())

    @property
    def theme(self) -> Theme:
        """``theme.type`` is ``"light"`` or ``"dark"``: the theme the page showed when it asked for the run (it follows
        the system's colour scheme), or the base of the app's ``[theme]`` when it has one (its page shows that whatever
        the system prefers)."""
        from ..theme import scheme  # here: porch imports this module at start, and most apps have no theme

        session = self._session()
        if session is None:
            return Theme({"type": None})
        configured = {
            name.removeprefix("theme."): value
            for name, value in session.options.items()
            if name.startswith("theme.") and value is not None
        }
        return Theme({"type": scheme(configured) or session.client.theme})

    @property
    def timezone(self) -> str | None:
        """The browser's IANA time zone, e.g. ``"Europe/Paris"``."""
        session = self._session()
        return session.client.timezone if session is not None else None

    @property
    def timezone_offset(self) -> int | None:
        """Minutes from local time to UTC, as JavaScript's ``getTimezoneOffset()`` (``-60`` for UTC+1)."""
        session = self._session()
        return session.client.timezone_offset if session is not None else None

    @property
    def locale(self) -> str | None:
        """The browser's preferred language (``navigator.language``), e.g. ``"en-US"``."""
        session = self._session()
        return session.client.locale if session is not None else None

    @property
    def url(self) -> str | None:
        """The page's URL in the browser, without its query parameters or fragment."""
        session = self._session()
        return session.client.url if session is not None else None

    @property
    def ip_address(self) -> str | None:
        """The address the connection came from (behind a trusted proxy, the one it names); None for a loopback
        address, as Streamlit gives for ``localhost``. Easily spoofed: never a security check."""
        session = self._session()
        address = session.handshake.remote_ip if session is not None else None
        if not address:
            return None
        return None if is_loopback_address(address) else address

    @property
    def is_embedded(self) -> bool | None:
        """Whether the page's URL has ``embed=true`` (Streamlit's switch for an app embedded in another page)."""
        session = self._session()
        if session is None:
            return None
        return any(
            value.lower() == "true"
            for key, values in session.query.items()
            if key.lower() == "embed"
            for value in values
        )

    def __repr__(self) -> str:
        names = ("headers", "cookies", "theme", "timezone", "timezone_offset", "locale", "url", "ip_address",
                 "is_embedded")
        return "porch.context(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in names) + ")"


context = ContextProxy()
