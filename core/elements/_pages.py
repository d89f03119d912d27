"""The pages of a multipage app as the element layer sees them (``navigation``'s menu, ``page_link``).

``porch.navigation`` (``api/navigation.py``) registers the app's pages with the session as a :class:`Registry` of
:class:`PageInfo`; ``page_link`` and ``switch_page`` find a page in it by its script, and what a link or a menu shows
comes from there. This module also holds Streamlit's rules for what a page file's name means (``01_🎉_Party_time.py``
is the page "Party time", icon 🎉, at ``Party_time``, sorted by its number) and the checks every page call shares.
A page itself (``porch.Page``, with its ``run``) belongs to the script API; here it is only :class:`PageLike`.
"""

from __future__ import annotations

import os
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlparse

from ..errors import PorchAPIError
from ..run import Run
from ._icons import icon_of

if TYPE_CHECKING:
    from ..session import Session

#: A page file's name: an optional number (its place in the menu), separators, then the name.
PAGE_FILENAME = re.compile(r"([0-9]*)[_ -]*(.*)\.py")
#: Query parameters that belong to the page's embedding, never set by a script (``porch.query_params``).
EMBED_KEYS = frozenset({"embed", "embed_options"})


class PageLike(Protocol):
    """What ``page_link`` reads of a page (``porch.Page``)."""

    @property
    def title(self) -> str: ...

    @property
    def icon(self) -> str: ...

    @property
    def help(self) -> str: ...

    @property
    def url_path(self) -> str: ...

    @property
    def external_url(self) -> str | None: ...


@dataclass(frozen=True)
class PageInfo:
    """One page ``porch.navigation`` registered."""

    #: Its path under the app's base path: ``""`` for the default page.
    url_path: str
    #: The path it was given or inferred, unique among the pages (the default page's too).
    key: str
    title: str
    #: An emoji or icon name, or ``""``.
    icon: str
    help: str
    #: Its script (absolute, symbolic links resolved), or None for a function's page or an external one.
    script: str | None
    #: The URL of an external page, or None.
    external: str | None
    hidden: bool
    default: bool
    #: The menu section it is in (``""``: none).
    section: str


@dataclass
class Registry:
    """The pages the last ``porch.navigation`` of a session registered (``Session.navigation``)."""

    pages: list[PageInfo]
    #: The page its run shows.
    current: PageInfo
    #: The tab title and icon ``navigation`` gave the page (a page's own), so that a later run tells them from what
    #: ``set_page_config`` set, which wins.
    title_shown: str | None = None
    icon_shown: str | None = None
    #: Whether the pages come from the ``pages/`` folder (no ``porch.navigation`` in the script).
    from_folder: bool = False
    sections: list[str] = field(default_factory=list)


def registry(run: Run) -> Registry | None:
    """The pages the session's last ``porch.navigation`` registered, if any."""
    return registry_of(run.session)


def registry_of(session: Session) -> Registry | None:
    found = session.navigation
    return found if isinstance(found, Registry) else None


def icon_and_name(path: str | PurePath) -> tuple[str, str]:
    """What a page file's name says of the page: its icon (a leading emoji, or ``""``) and its name, underscores
    kept (``01_🎉_Party_time.py`` -> ``("🎉", "Party_time")``): the URL path, and the title once underscores are
    spaces."""
    match = PAGE_FILENAME.fullmatch(PurePath(path).name)
    if match is None:
        return "", ""
    name = re.sub(r"[_ ]+", "_", match.group(2)).strip() or match.group(1)
    return leading_emoji(name)


def sort_key(path: str | PurePath) -> tuple[float, str]:
    """The order of the ``pages/`` folder's files in the menu: by their number (none: last), then by name."""
    match = PAGE_FILENAME.fullmatch(PurePath(path).name)
    if match is None:
        return (float("inf"), PurePath(path).name.lower())
    number, label = match.groups()
    return (float(number) if number else float("inf"), label.lower())


def leading_emoji(text: str) -> tuple[str, str]:
    """The emoji ``text`` starts with (with its modifiers and joined parts) and the rest, less one separator."""
    if not text or text.isascii() or not _is_emoji_start(text[0]):
        return "", text
    end = 1
    while end < len(text):
        char = text[end]
        if char in "\ufe0f\ufe0e\u20e3" or 0x1F3FB <= ord(char) <= 0x1F3FF or 0xE0020 <= ord(char) <= 0xE007F:
            end += 1
        elif char == "\u200d" and end + 1 < len(text):
            end += 2
        elif _is_regional(text[end - 1]) and _is_regional(char):
            end += 1  # the second letter of a flag
        else:
            break
    rest = text[end:]
    if rest[:1] in ("_", "-", " "):
        rest = rest[1:]
    return text[:end], rest


def _is_emoji_start(char: str) -> bool:
    return unicodedata.category(char) == "So" or _is_regional(char)


def _is_regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def is_emoji(icon: str) -> bool:
    """Whether ``icon`` is an emoji (which can be a tab's icon), not an icon name (``:material/home:``) or "spinner"."""
    emoji, rest = leading_emoji(icon)
    return bool(emoji) and not rest


def check_icon(icon: Any, call: str) -> str:
    """A page's or link's ``icon``: an emoji, ``:material/name:`` or "spinner" (checked by :func:`icon_of`);
    ``""`` for None or blank."""
    return icon_of(icon, call) or ""


def help_text(help: Any) -> str:
    """``help`` as a tooltip: dedented, ``""`` for None or blank."""
    if help is None:
        return ""
    return textwrap.dedent(str(help)).strip()


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL with a host: an external page."""
    try:
        parts = urlparse(str(text))
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_page_path(path: str, call: str) -> None:
    if "\x00" in path:
        raise PorchAPIError(f"{call}: page paths must not contain null bytes.")


def main_page(run: Run) -> PageInfo:
    """The app's script as its only page, before (or without) ``porch.navigation``."""
    script = os.path.realpath(run.session.script.path)
    _, name = icon_and_name(script)
    return PageInfo(
        url_path="", key=name, title=name.replace("_", " "), icon="", help="", script=script, external=None,
        hidden=False, default=True, section="",
    )


def script_page(run: Run, page: str | PurePath, call: str) -> PageInfo:
    """The registered page whose script is ``page`` (a path relative to the app's script, or absolute): what
    ``switch_page`` and ``page_link`` take a script's path to. An error naming what is allowed when there is none."""
    text = str(page)
    check_page_path(text, call)
    directory = run.session.script.directory
    requested = os.path.realpath(os.path.join(directory, text))
    found = registry(run)
    pages = found.pages if found is not None else [main_page(run)]
    for info in pages:
        if info.script is not None and info.script == requested:
            return info
    if found is not None and found.from_folder:
        raise PorchAPIError(
            f"Could not find page: `{text}`. You must provide a file path relative to the entrypoint file (from the "
            f"directory `{os.path.basename(directory)}`). Only the entrypoint file and files in the `pages/` "
            "directory are supported."
        )
    raise PorchAPIError(
        f"Could not find page: `{text}`. You must provide a `Page` object or file path relative to the entrypoint "
        "file. Only pages previously defined by `st.Page` and passed to `st.navigation` are allowed."
    )


def query_from(params: Any, call: str, current: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The query a page opens with: ``current``'s embedding parameters, then ``params`` (a mapping, or pairs; a
    value is a string, or an iterable of them for a repeated parameter), Streamlit's rules for ``query_params``."""
    query = {name: list(values) for name, values in current.items() if name.lower() in EMBED_KEYS}
    if params is None:
        return query
    if isinstance(params, (str, bytes)) or not (isinstance(params, Mapping) or isinstance(params, Iterable)):
        raise PorchAPIError(
            f"{call}: query_params must be a mapping or an iterable of (key, value) pairs, not {type(params).__name__}"
        )
    pairs: list[tuple[Any, Any]]
    if isinstance(params, Mapping) or (hasattr(params, "keys") and hasattr(params, "__getitem__")):
        pairs = [(key, params[key]) for key in list(params.keys())]
    else:
        pairs = [(key, value) for key, value in params]
    given: dict[str, list[str]] = {}
    for key, value in pairs:
        if not isinstance(key, str):
            raise PorchAPIError(f"{call}: a query parameter's name must be a string, not {key!r}")
        if isinstance(value, dict):
            raise PorchAPIError(f"You cannot set a query params key `{key}` to a dictionary.")
        if key.lower() in EMBED_KEYS:
            raise PorchAPIError(
                "Query param embed and embed_options (case-insensitive) cannot be set programmatically."
            )
        if isinstance(value, Iterable) and not isinstance(value, str):
            values = [str(item) for item in value]
        else:
            values = [str(value)]
        given[key] = given.get(key, []) + values  # pairs that repeat a name add up, as in Streamlit
    query.update(given)
    return query


def resolve_path(page: str | PurePath, directory: str) -> Path:
    """A page's script: ``page`` relative to ``directory`` (the app's script's folder), symbolic links resolved."""
    path = Path(page)
    if not path.is_absolute():
        path = Path(directory) / path
    return path.resolve()
