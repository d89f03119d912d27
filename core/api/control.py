"""Functions that steer the run and the page rather than show an element."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Any, Literal, NoReturn
from urllib.parse import urlparse

from .. import markdown_html
from ..context import get_run
from ..errors import CallbackRerun, PorchAPIError, RerunRequested, StopRequested
from ..run import Run
from ..state import SessionState
from ..elements._icons import material_name
from ..elements._media_sources import image_media, looks_like_image, media_url

LAYOUTS = ("centered", "wide")
SIDEBAR_STATES = ("auto", "expanded", "collapsed")
#: ``menu_items``' keys (any case, as Streamlit reads them) -> the page's ``menu_items`` field names.
MENU_ITEMS = {"get help": "get_help", "report a bug": "report_bug", "about": "about"}
#: What a menu item's link may be (Streamlit 1.67's ``_MENU_ITEM_URL_PROTOCOLS``).
MENU_LINK_SCHEMES = ("http", "https", "mailto")


def set_page_config(
    page_title: str | None = None,
    page_icon: Any = None,
    layout: Literal["centered", "wide"] | None = None,
    initial_sidebar_state: Literal["auto", "expanded", "collapsed"] | None = None,
    menu_items: dict[str, Any] | None = None,
) -> None:
    """Set the page's title, icon, layout and sidebar state. May be called several times; each call overrides
    only what it names. ``page_icon`` is an emoji (or short text), a Material icon (``":material/home:"``, drawn
    with the bundled font), or an image: a file, a URL, bytes, a PIL image.

    ``menu_items`` adds the app's entries to the app menu (the "⋮" at the top right), as in Streamlit: ``"Get help"``
    and ``"Report a bug"`` are links (http, https or mailto) the menu opens in a new tab, ``"About"`` is markdown
    its About shows (rendered as ``markdown`` renders it). Keys are read in any case; a value None leaves the entry
    out. A later call with ``menu_items`` replaces the entries of an earlier one."""
    if layout is not None and layout not in LAYOUTS:
        raise PorchAPIError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    if initial_sidebar_state is not None and initial_sidebar_state not in SIDEBAR_STATES:
        raise PorchAPIError(f"initial_sidebar_state must be one of {SIDEBAR_STATES}, not {initial_sidebar_state!r}")
    items = None if menu_items is None else _menu_items(menu_items)
    run = get_run()
    run.checkpoint()
    run.session.set_page(
        {"title": page_title, **_icon(run, page_icon), "layout": layout, "sidebar": initial_sidebar_state,
         "menu_items": items}
    )


def _menu_items(menu_items: Any) -> dict[str, str]:
    """``menu_items`` checked as Streamlit 1.67 checks them (with its messages), as the page's ``menu_items`` field:
    ``get_help`` and ``report_bug`` links, ``about`` as HTML; entries given None are left out."""
    if not isinstance(menu_items, Mapping):
        raise PorchAPIError(f"menu_items must be a dict such as {{'About': 'text'}}, not {type(menu_items).__name__}")
    items: dict[str, str] = {}
    for key, value in menu_items.items():
        name = MENU_ITEMS.get(str(key).lower().strip())
        if name is None:
            raise PorchAPIError(
                "Invalid `menu_items` value. Supported values: 'Get help', 'Report a bug', 'About'. "
                f"`{str(key).lower().strip()}` is not a supported menu item key."
            )
        if value is None:
            continue
        if name == "about":
            if not isinstance(value, str):
                raise PorchAPIError(f"menu_items['About'] must be markdown text, not {type(value).__name__}")
            items[name] = markdown_html.render(textwrap.dedent(value))
        elif not _menu_link(value):
            raise PorchAPIError(
                f'"{value}" is not a valid URL. You must use a fully qualified domain beginning with "http://", '
                '"https://", or "mailto:".'
            )
        else:
            items[name] = str(value)
    return items


def _menu_link(value: Any) -> bool:
    """Whether ``value`` is a link a menu item may open (Streamlit's ``url_util.is_url`` with its schemes)."""
    try:
        parts = urlparse(str(value))
    except ValueError:
        return False
    if parts.scheme not in MENU_LINK_SCHEMES:
        return False
    return bool(parts.netloc) if parts.scheme in ("http", "https") else bool(parts.path)


def _icon(run: Run, page_icon: Any) -> dict[str, str | None]:
    """``icon`` for an emoji, ``icon_url`` for an image, and "" for the other when the page had it set."""
    if page_icon is None:
        return {}
    media = run.session.media
    page = run.session.page
    if isinstance(page_icon, str) and page_icon.strip().startswith(":material"):
        page_icon = f":material/{material_name(page_icon, 'set_page_config()')}:"
    if isinstance(page_icon, str) and not looks_like_image(page_icon):
        media.set_icon(None)
        return {"icon": page_icon, "icon_url": "" if page.get("icon_url") else None}
    url = media_url(media, image_media(page_icon))
    media.set_icon(url)
    return {"icon": "" if page.get("icon") else None, "icon_url": url}


def rerun(scope: Literal["app", "fragment"] | str | int | Sequence[str | int] = "app") -> NoReturn:
    """End this run now and start the script again from the top.

    ``scope="app"`` (the default) reruns the whole script. ``scope="fragment"`` reruns only the fragment that calls
    it (``porch.fragment``), and only during a rerun of that fragment: during a full run it is an error, as in
    Streamlit. A fragment's key, or a list of keys (``@porch.fragment(key=...)``), reruns those fragments only; that
    form is for widget callbacks (``on_change``/``on_click``), where it replaces the rerun the event would cause.

    In a callback, ``rerun`` ends that callback only: the event's other callbacks run all the same, and then the event
    reruns what they asked for together, as in Streamlit: the fragments named, or the whole app when one of them
    called ``rerun()`` (or, for an event outside any fragment, when another callback returned normally).
    """
    run = get_run()
    targets = _scope(scope)
    if targets == "app":
        if run.in_callback:
            raise CallbackRerun(None)
        run.session.request_rerun()
        raise RerunRequested()
    if targets == "fragment":
        current = run.fragment
        if not run.fragments or current is None:
            raise PorchAPIError(
                'scope="fragment" can only be specified from `@st.fragment`-decorated functions during fragment '
                "reruns."
            )
        queued = [fragment.id for fragment in run.fragments]
        outermost = next((f.id for f in run.fragment_stack if f.id in queued), current.id)
        later = queued[queued.index(outermost) + 1 :] if outermost in queued else []
        if run.in_callback:
            raise CallbackRerun([current.id, *later])
        run.session.request_rerun([current.id, *later])
        raise RerunRequested()
    if not run.in_callback:
        raise PorchAPIError(
            "Passing a fragment key to `rerun()` is only allowed from a widget callback (e.g. `on_change` / "
            "`on_click`). Calling it from the main script body or a fragment body would abort the current run. If you "
            "meant to rerun the whole app or the current fragment, use `scope='app'` or `scope='fragment'`."
        )
    from .fragment import fragment_ids

    raise CallbackRerun(fragment_ids(run, [targets] if isinstance(targets, str) else targets))


def _scope(scope: object) -> str | list[str]:
    """``rerun``'s scope: "app", "fragment", or the fragment keys it names (ints read as their text)."""
    if isinstance(scope, int) and not isinstance(scope, bool):
        scope = str(scope)
    if isinstance(scope, str):
        if not scope:
            raise PorchAPIError("rerun(scope=''): scope must be 'app', 'fragment', a fragment key or a list of keys")
        return scope if scope in ("app", "fragment") else [scope]
    if not isinstance(scope, Sequence) or isinstance(scope, (bytes, bytearray)):
        raise PorchAPIError(
            f"rerun(scope={scope!r}): scope must be 'app', 'fragment', a fragment key or a list of keys"
        )
    if not scope:
        raise PorchAPIError("rerun(scope=[]): name at least one fragment key")
    keys: list[str] = []
    for name in scope:
        if isinstance(name, bool) or not isinstance(name, (str, int)) or name == "":
            raise PorchAPIError(f"rerun(scope=...): {name!r} is not a fragment key (a non-empty string or an int)")
        if name in ("app", "fragment"):
            raise PorchAPIError(
                f"rerun(scope=...): '{name}' is a reserved scope name and cannot appear inside a list. Pass '{name}' "
                "directly as a string."
            )
        keys.append(str(name))
    return keys


def stop() -> NoReturn:
    """End this run now; what it showed so far stays."""
    get_run()
    raise StopRequested()


class _SessionStateProxy(MutableMapping[str, Any]):
    """``porch.session_state``: the state of whichever session's script is calling."""

    @staticmethod
    def _state() -> SessionState:
        return get_run().session.state

    def __getitem__(self, key: str) -> Any:
        return self._state()[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._state()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._state()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._state())

    def __len__(self) -> int:
        return len(self._state())

    def __contains__(self, key: object) -> bool:
        return key in self._state()

    # An attribute is a key, whatever its name ("_role" too, as in Streamlit); only dunder names, which Python and
    # libraries probe, are not.

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        try:
            return self._state()[name]
        except KeyError as missing:
            raise AttributeError(*missing.args) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self._state()[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self._state()[name]
        except KeyError as missing:
            raise AttributeError(*missing.args) from None

    def __repr__(self) -> str:
        return repr(self._state())

    def to_dict(self) -> dict[str, Any]:
        return self._state().to_dict()


session_state = _SessionStateProxy()
