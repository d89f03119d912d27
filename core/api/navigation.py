"""A multipage app: ``porch.navigation``, ``porch.Page`` and ``porch.switch_page`` (Streamlit 1.67's ``st.navigation``,
``st.Page``, ``st.switch_page``), and the ``pages/`` folder.

The app's script (its *entrypoint*) is the frame around its pages: it runs on every run, calls ``navigation`` with
the pages, which returns the page the client asked for, and runs it (``page.run()``). A page is a script (run as if
it were the app's script: its own ``__file__``, magic, in the same session and run, so ``session_state`` is shared)
or a function. Each page has a path under the app's base path (``<base>/settings``; the default page is the base
itself), which the client sends in ``hello`` and, when the user chooses a page, in ``rerun``; the session keeps it
(``Session.page_path``) as it keeps the query, and tells the client when the script moves elsewhere (``location``).

Widgets a page shows while it runs are the page's own: their ids carry the page (they are made in a container of the
page's, ``main@page:<path>``), so a widget of the same label on two pages is two widgets, and the state of the page
left behind is dropped at the end of the first run on the new one, as every widget a completed run did not show is.

An app with a ``pages/`` folder beside its script that never calls ``navigation`` is a multipage app too, as in
Streamlit: its pages are the script (the default page) and the folder's ``*.py`` files, sorted by their number prefix
then name, titled from their names; the runner calls :func:`run_script` instead of executing the script, which runs
only the page asked for. Once any run of the app calls ``navigation``, the folder is ignored.
"""

from __future__ import annotations

import builtins
import os
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from types import CodeType
from typing import Any, Literal, NoReturn
from threading import Lock

from .. import elements as e
from ..context import current_run, get_run
from ..elements._pages import (
    PageInfo,
    Registry,
    check_icon,
    check_page_path,
    help_text,
    icon_and_name,
    is_emoji,
    is_url,
    query_from,
    registry,
    resolve_path,
    script_page,
    sort_key,
)
from ..errors import PorchAPIError, RerunRequested
from ..magic import MAGIC_NAME
from ..protocol import ROOT_MAIN, ROOT_SIDEBAR, ROOTS, error_message
from ..run import Run
from ..script import Script
from .container import Container
from .fragment import refuse_in_parallel

POSITIONS = ("sidebar", "hidden", "top")
Position = Literal["sidebar", "hidden", "top"]
Visibility = Literal["visible", "hidden"]

# The roots the menu goes into, whatever ``with`` block the script is in.
_SIDEBAR = Container(path=(ROOT_SIDEBAR,), place=ROOTS[ROOT_SIDEBAR])
_MAIN = Container(path=(ROOT_MAIN,), place=ROOTS[ROOT_MAIN])

#: App scripts (one per engine, or per AppTest) that called ``navigation``: their ``pages/`` folder is ignored.
_NAVIGATES: weakref.WeakSet[Script] = weakref.WeakSet()
#: Whether each app script has a ``pages/`` folder beside it, looked at once (Streamlit looks once per process).
_HAS_FOLDER: weakref.WeakKeyDictionary[Script, bool] = weakref.WeakKeyDictionary()
#: Runs that show a page of the ``pages/`` folder (the script's ``navigation`` inside one switches the folder off).
_FOLDER_RUNS: weakref.WeakSet[Run] = weakref.WeakSet()
#: The compiled scripts of pages, by path (compiled once per change, as the app's script is).
_SCRIPTS: dict[str, Script] = {}
_SCRIPTS_LOCK = Lock()


class Page:
    """A page of a multipage app, for :func:`navigation`.

    ``page`` is what the page runs: the path of a Python script (relative to the app's script, or absolute; it runs
    as if it were the app's script, with its own ``__file__``), a function of no arguments (called), or an http(s)
    URL (an external page: the menu and links open it in a new tab; then ``title`` is required).

    ``title`` is the page's label in the menu and the tab's title while it is shown (from the file's or function's name
    when None: ``01_🎉_Party_time.py`` is "Party time"), ``icon`` an emoji or Material icon beside it (a file name's
    leading emoji when None; ``""`` for none), ``url_path`` its path under the app's address (from the file's or
    function's name when None; no ``/``), ``default`` whether it is the page at the app's own address (else the first
    page is), ``visibility="hidden"`` leaves it out of the menu (links and :func:`switch_page` still reach it), and
    ``help`` a tooltip on its menu item (and its links' default tooltip).

    ``navigation`` returns the page to show; call its :meth:`run` once, in that run.
    """

    def __init__(
        self,
        page: str | Path | Callable[[], None],
        *,
        title: str | None = None,
        icon: str | None = None,
        url_path: str | None = None,
        default: bool = False,
        visibility: Visibility = "visible",
        help: str | None = None,
    ) -> None:
        if visibility not in ("visible", "hidden"):
            raise PorchAPIError(f"Invalid `visibility` value. Supported values: visible, hidden. Got {visibility!r}.")
        self._default = bool(default)
        self._visibility: Visibility = visibility
        self._help = help_text(help)
        self._external: str | None = None
        self._source: str | Callable[[], None] | None = None
        # The runs this page may still run in (navigation returned it there): one Page object may serve several
        # sessions at once (pages made at a module's top level).
        self._runnable: weakref.WeakSet[Run] = weakref.WeakSet()
        call = "st.Page"
        if isinstance(page, str) and is_url(page):
            if title is None or not title.strip():
                raise PorchAPIError(
                    "The `title` parameter is required. External URL pages require a non-empty title. Please provide "
                    f"a title for the URL: {page}"
                )
            if default:
                raise PorchAPIError(
                    "`page=<external URL>` and `default=True` cannot be used together: external URL pages cannot be "
                    "set as the default page."
                )
            self._external = page
            self._title = title
            self._icon = check_icon(icon, call)
            path = (_sanitize(title) if url_path is None else url_path).strip().strip("/")
            if not path:
                raise PorchAPIError(
                    "The `url_path` parameter is required. Provide a non-empty `url_path`, or omit it and provide a "
                    "`title` that can be converted to a valid URL path."
                )
            self._url_path = _single_segment(path)
            return
        inferred_icon, name = "", ""
        if isinstance(page, (str, PurePath)):
            check_page_path(str(page), "Unable to create Page")
            path_ = resolve_path(page, _directory())
            if not path_.is_file():
                raise PorchAPIError(f"Unable to create Page. The file `{path_.name}` could not be found.")
            self._source = str(path_)
            inferred_icon, name = icon_and_name(path_)
        elif callable(page):
            self._source = page
            if hasattr(page, "__name__"):
                name = str(page.__name__)
            elif title is None:
                raise PorchAPIError(
                    "The `title` parameter is required. Streamlit cannot infer a title from this callable."
                )
        else:
            raise PorchAPIError(
                f"Invalid `page` type. Expected one of: str, Path, callable. Provided type: {type(page).__name__}."
            )
        self._title = title or name.replace("_", " ")
        self._icon = check_icon(icon, call) if icon is not None else inferred_icon
        if not self._title.strip():
            raise PorchAPIError(
                "The `title` parameter is required. It cannot be empty or consist of underscores/spaces only."
            )
        self._url_path = name
        if url_path is not None:
            stripped = url_path.strip().strip("/")
            if not stripped.strip() and not default:
                raise PorchAPIError("The `url_path` parameter is required. It can only be empty for the default page.")
            self._url_path = _single_segment(stripped)

    @property
    def title(self) -> str:
        """The page's title: its label in the menu, and the tab's title while it is shown."""
        return self._title

    @property
    def icon(self) -> str:
        """The page's icon (an emoji, ``:material/name:`` or "spinner"), or ``""``."""
        return self._icon

    @property
    def help(self) -> str:
        """The page's tooltip in the menu (and its links'), or ``""``."""
        return self._help

    @property
    def url_path(self) -> str:
        """The page's path under the app's address: ``""`` for the default page."""
        return "" if self._default else self._url_path

    @property
    def visibility(self) -> Visibility:
        """"visible", or "hidden": left out of the menu (links and ``switch_page`` still reach it)."""
        return self._visibility

    @property
    def is_external(self) -> bool:
        """Whether the page is an external URL, opened in a new tab."""
        return self._external is not None

    @property
    def external_url(self) -> str | None:
        """The URL of an external page, or None."""
        return self._external

    def run(self) -> None:
        """Run the page: only the page :func:`navigation` returned, once, in that run. A script page runs as if it
        were the app's script (its own ``__file__``, magic, the same session and run); a function is called; an
        external page does nothing (the client opens it)."""
        run = current_run.get()
        if run is None or run not in self._runnable:
            raise PorchAPIError(
                "This page cannot be called directly. Only the page returned from st.navigation can be called once."
            )
        self._runnable.discard(run)
        if self._external is not None or self._source is None:
            return
        # The page's widgets are its own: made in a container whose place names the page, their ids differ from
        # those of another page's widgets of the same label.
        depth = len(run.container_stack)
        run.container_stack.append(Container(path=(ROOT_MAIN,), place=f"{ROOTS[ROOT_MAIN]}@page:{self._url_path}"))
        try:
            if isinstance(self._source, str):
                _execute(run, self._source)
            else:
                self._source()
        finally:
            del run.container_stack[depth:]

    def __repr__(self) -> str:
        source = self._external if self._external is not None else self._source
        return f"Page({source!r}, title={self._title!r}, url_path={self.url_path!r})"

    def _info(self, section: str) -> PageInfo:
        return PageInfo(
            url_path=self.url_path,
            key=self._url_path,
            title=self._title,
            icon=self._icon,
            help=self._help,
            script=self._source if isinstance(self._source, str) else None,
            external=self._external,
            hidden=self._visibility == "hidden",
            default=self._default,
            section=section,
        )


PageType = str | Path | Callable[[], None] | Page


def navigation(
    pages: Sequence[PageType] | Mapping[str, Sequence[PageType]],
    *,
    position: Position = "sidebar",
    expanded: bool | int = False,
) -> Page:
    """Declare the pages of a multipage app, show their menu, and return the page to show now; run it with
    ``.run()``.

    The app's script becomes the frame of every page: what it shows besides the page is on every page. ``pages`` is
    a list of pages (``Page``, or what ``Page`` takes: a script's path, a function), or a dict of section titles to
    such lists (the menu shows them under those titles). The page shown is the one whose path the address names; the
    default page (``Page(default=True)``, else the first) at the app's own address, and in place of a page the app
    does not have (with a "page not found" message). Each page's path must be unique.

    ``position`` is "sidebar" (the menu at the top of the sidebar), "top" (above the page; sections as drop-down
    menus) or "hidden" (no menu: links and ``switch_page`` still go to the pages); with fewer than two pages in the
    menu none is shown. ``expanded`` False (or 0) shortens a menu of more than 12 pages to its first 10 with a
    button for the rest, a number n one of more than n + 2 to its first n, True never. Once the app calls
    ``navigation``, a ``pages/`` folder beside it is ignored.
    """
    if not isinstance(position, str) or position not in POSITIONS:
        raise PorchAPIError("Invalid `position` value. Supported values: 'sidebar', 'hidden', 'top'.")
    visible_items = _visible_items(expanded)
    run = get_run()
    run.checkpoint()
    script = run.session.script
    if script not in _NAVIGATES:
        _NAVIGATES.add(script)
        if run in _FOLDER_RUNS:
            # The ``pages/`` folder's default page is the script itself, and it calls navigation: from now on the
            # script is the router, as in Streamlit. Start over as one.
            run.session.request_rerun()
            raise RerunRequested()
    if position == "sidebar" and _option(run, "client.showSidebarNavigation") is False:
        position = "hidden"  # the app's own links stand in for the menu (Streamlit's option)
    return _navigate(run, pages, position=position, expanded=expanded is True, visible_items=visible_items)


def switch_page(page: str | Path | Page, *, query_params: Any = None) -> NoReturn:
    """End this run and show ``page`` instead: the script reruns on it, as if the user had chosen it in the menu.

    ``page`` is a ``Page`` (as given to :func:`navigation`; not an external one) or the path of a page's script
    (relative to the app's script, as given to ``Page``; without ``navigation``, the app's script or a file of its
    ``pages/`` folder). A page that runs a function must be given as the ``Page``. ``query_params`` (a dict, or
    (name, value) pairs) is the query the page opens with; None clears it (but for the embedding parameters). The
    address changes and the browser's history gets an entry.
    """
    run = get_run()
    refuse_in_parallel(run, "st.switch_page")
    run.checkpoint()
    if isinstance(page, Page):
        if page.is_external:
            raise PorchAPIError(
                "Cannot use st.switch_page with external URL pages. Use st.page_link instead to create a link to "
                "external pages."
            )
        target = page.url_path
    elif isinstance(page, (str, PurePath)):
        target = script_page(run, page, "st.switch_page").url_path
    else:
        raise PorchAPIError(
            f"st.switch_page: page must be a Page or a script's path, not {type(page).__name__}"
        )
    session = run.session
    session.set_location(target, query_from(query_params, "st.switch_page", session.query), push=True)
    session.request_rerun()
    raise RerunRequested()


def run_script(run: Run, code: CodeType, namespace: dict[str, Any]) -> None:
    """Execute the app's script for a full run (``ScriptHooks.run_script``): as it is, or, for an app with a ``pages/``
    folder that never called :func:`navigation`, the page the client asked for, in a menu of the folder's pages."""
    script = run.session.script
    if script in _NAVIGATES or not _has_pages_folder(script):
        exec(code, namespace)
        return
    folder = Path(script.path).parent / "pages"
    files = sorted(
        (path for path in folder.glob("*.py") if not path.name.startswith(".") and path.name != "__init__.py"),
        key=sort_key,
    )
    pages: list[PageType] = [Page(script.path, default=True), *(Page(str(path)) for path in files)]
    shown = "hidden" if _option(run, "client.showSidebarNavigation") is False else "sidebar"
    _FOLDER_RUNS.add(run)
    try:
        page = _navigate(run, pages, position=shown, expanded=False, visible_items=None, from_folder=True)
        page.run()
    finally:
        _FOLDER_RUNS.discard(run)


# -- what navigation does --------------------------------------------------------------------------------------------


def _navigate(
    run: Run,
    pages: Sequence[PageType] | Mapping[str, Sequence[PageType]],
    *,
    position: str,
    expanded: bool,
    visible_items: int | None,
    from_folder: bool = False,
) -> Page:
    sections = _sections(pages)
    listed = [(section, page) for section, members in sections.items() for page in members]
    if not listed:
        raise PorchAPIError("The `pages` parameter is required. Provide at least one `st.Page`.")
    defaults = [page for _, page in listed if page._default]
    if len(defaults) > 1:
        raise PorchAPIError("Multiple Pages specified with `default=True`. At most one Page can be set to default.")
    if defaults:
        default = defaults[0]
    else:
        internal = [page for _, page in listed if not page.is_external]
        if not internal:
            raise PorchAPIError(
                "At least one non-external page is required. External URL pages cannot be the default page."
            )
        default = internal[0]
        default._default = True
    seen: dict[str, tuple[str, Page]] = {}
    for section, page in listed:
        if page._url_path in seen:
            raise _duplicate(seen[page._url_path], (section, page), run.session.script.directory)
        seen[page._url_path] = (section, page)

    session = run.session
    asked = session.page_path
    chosen = next((page for _, page in listed if not page.is_external and page.url_path == asked), None)
    if chosen is None:
        session.notify(error_message(
            "page_not_found",
            f"Page not found: this app has no page at /{asked}. Its main page is shown.",
        ))
        chosen = default
    chosen._runnable.add(run)

    infos = [page._info(section) for section, page in listed]
    current = infos[[page for _, page in listed].index(chosen)]
    previous = registry(run)
    found = Registry(pages=infos, current=current, from_folder=from_folder, sections=list(sections))
    if previous is not None:
        found.title_shown, found.icon_shown = previous.title_shown, previous.icon_shown
    session.navigation = found
    session.set_location(chosen.url_path)
    _show_title(run, found, chosen)
    if position != "hidden" and sum(not info.hidden for info in infos) >= 2:
        place = _SIDEBAR if position == "sidebar" else _MAIN
        e.navigation.navigation(
            place, infos, current=current, position=position, expanded=expanded, visible_items=visible_items
        )
    return chosen


def _sections(pages: Any) -> dict[str, list[Page]]:
    if isinstance(pages, Mapping):
        return {str(section): [_page(p) for p in members] for section, members in pages.items()}
    if isinstance(pages, (str, bytes)) or not isinstance(pages, Sequence):
        raise PorchAPIError(
            f"Invalid `pages` type. Expected one of: list, dict. Provided type: {type(pages).__name__}."
        )
    return {"": [_page(p) for p in pages]}


def _page(page: Any) -> Page:
    if isinstance(page, Page):
        return page
    if isinstance(page, (str, PurePath)) or callable(page):
        return Page(page)
    raise PorchAPIError(
        f"Invalid `pages` type. Expected one of: str, Path, callable, st.Page. Provided type: {type(page).__name__}."
    )


def _show_title(run: Run, found: Registry, page: Page) -> None:
    """The tab shows the page's title (and emoji icon), unless ``set_page_config`` set its own, which wins."""
    session = run.session
    title = session.page.get("title")
    if title is None or title == found.title_shown:
        session.set_page({"title": page.title})
        found.title_shown = page.title
    icon = session.page.get("icon")
    if page.icon and is_emoji(page.icon) and not session.page.get("icon_url") and icon in (None, "", found.icon_shown):
        session.set_page({"icon": page.icon})
        found.icon_shown = page.icon


def _duplicate(first: tuple[str, Page], second: tuple[str, Page], directory: str) -> PorchAPIError:
    def describe(section: str, page: Page) -> str:
        if page._external is not None:
            text = f"external URL `{page._external}`"
        elif isinstance(page._source, str):
            shown = os.path.relpath(page._source, directory) if page._source.startswith(directory) else page._source
            text = f"`{shown}`"
        else:
            text = f'callable titled "{page.title}"'
        context = [f'section "{section}"'] if section else []
        context += ["hidden"] if page.visibility == "hidden" else []
        context += ["default page"] if page._default else []
        return text + (f" ({', '.join(context)})" if context else "")

    note = (
        " The default page is served at the app root, but it still reserves this pathname."
        if first[1]._default or second[1]._default
        else ""
    )
    return PorchAPIError(
        f"Two pages resolve to the URL pathname `/{second[1]._url_path}`: {describe(*first)} and {describe(*second)}. "
        "Each page passed to `st.navigation` needs a unique URL pathname, including pages in different sections, "
        "hidden pages, and external URL pages. Streamlit infers the pathname from the filename, callable name, or the "
        f"title of an external URL page.{note} Set a unique `url_path` in `st.Page` for one of these pages."
    )


def _visible_items(expanded: Any) -> int | None:
    if isinstance(expanded, bool):
        return None
    if isinstance(expanded, int):
        if expanded < 0:
            raise PorchAPIError(
                "Invalid `expanded` value. Supported values: True, False, a non-negative integer. "
                f"Provided value: {expanded!r}."
            )
        return expanded or None
    raise PorchAPIError(
        f"Invalid `expanded` type. Expected one of: bool, int. Provided type: {type(expanded).__name__}."
    )


def _sanitize(title: str) -> str:
    """An external page's path from its title, as Streamlit makes it."""
    path = re.sub(r"\s+", "_", title.lower())
    path = re.sub(r"[&#?/\\:*\"<>|']", "", path).strip("_")
    return re.sub(r"_+", "_", path)


def _single_segment(path: str) -> str:
    if "/" in path:
        raise PorchAPIError(
            f"The `url_path` `{path}` cannot include `/`. Streamlit does not support nested URL pathnames yet, so "
            "use a single path segment (e.g. `foo_bar`)."
        )
    return path


def _directory() -> str:
    """Where a page's relative path starts: the app's script's folder (the working folder outside a run)."""
    run = current_run.get()
    return run.session.script.directory if run is not None else os.getcwd()


def _execute(run: Run, path: str) -> None:
    """Run a page's script as if it were the app's: its own ``__file__``, ``__name__ == "__main__"``, magic."""
    session = run.session
    if path == session.script.path:
        code = session.script.code()
    else:
        with _SCRIPTS_LOCK:
            script = _SCRIPTS.get(path)
            if script is None or script.magic != session.script.magic:
                script = _SCRIPTS[path] = Script(path, magic=session.script.magic)
        code = script.code()
    namespace = {"__name__": "__main__", "__file__": path, "__builtins__": builtins, MAGIC_NAME: session.hooks.magic}
    exec(code, namespace)


def _has_pages_folder(script: Script) -> bool:
    known = _HAS_FOLDER.get(script)
    if known is None:
        known = _HAS_FOLDER[script] = os.path.isfile(script.path) and os.path.isdir(
            os.path.join(os.path.dirname(script.path), "pages")
        )
    return known


def _option(run: Run, name: str) -> Any:
    from .options import get_option

    return get_option(name)
