"""``page_link``: a link to a page of a multipage app (``porch.navigation``), or to an external page.

No widget: a click on a link to one of the app's pages is a navigation, as a click in the menu is (the client pushes
the page's URL and sends ``rerun`` with ``page`` and the link's query); the browser follows an external link in a
new tab. The link is a real ``<a href>``, so it opens in a new tab on request too.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, Literal, TypedDict

from .. import markdown_html
from ..errors import PorchAPIError
from ..protocol import ROOT_SIDEBAR
from ._layout import Width, container_width
from ._pages import PageLike, check_icon, help_text, is_url, query_from, registry, script_page
from ._place import Block, show, target


class Props(TypedDict):
    label: str
    #: ``label`` as Streamlit draws it: a label's Markdown (inline, raw HTML escaped, links as their text).
    label_html: str
    #: An emoji or icon name, or None.
    icon: str | None
    #: "left" or "right" of the label.
    icon_position: str
    help: str | None
    #: ``help`` rendered as Markdown (the tooltip shows it), or None.
    help_html: str | None
    disabled: bool
    #: The app's page it opens (its path under the base path, ``""`` for the default page), or None for ``url``.
    page: str | None
    #: The external page it opens in a new tab (an http(s) URL), or None.
    url: str | None
    #: The query parameters the page opens with (``query_params``; otherwise none but the embedding ones).
    query: dict[str, list[str]]
    #: Whether it links to the page shown now (drawn as the current one).
    current: bool
    width: str | int


def page_link(
    place: Block,
    page: str | PurePath | PageLike,
    *,
    label: str | None = None,
    icon: str | None = None,
    icon_position: Literal["left", "right"] = "left",
    help: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: Width = "content",
    query_params: Any = None,
) -> Block:
    """Show a link to a page of this multipage app, or to an external page.

    ``page`` is a page (``porch.Page``, as given to ``porch.navigation``), the path of a page's script (relative to
    the app's script, as given to ``porch.Page``, or a file of the ``pages/`` folder), or an http(s) URL. A click on
    an app's page shows that page, as choosing it in the menu does (the script reruns on it; the address and the
    browser's history follow); a URL opens in a new tab, and the run goes on. A link to a page that calls a
    function must be given the page itself.

    ``label`` is the text (a page's title when None; required for a URL), Markdown as in a widget's label (inline:
    bold, italics, code, colours, icons; a link's text without the link), ``icon`` an emoji or Material icon before it
    (a page's own when None; ``""`` for none), ``icon_position`` its side, ``help`` a tooltip in Markdown (a page's
    ``help`` when None). ``disabled`` shows the link without letting it be followed. ``query_params`` (a dict, or (name, value) pairs;
    a list value repeats the name) is the query the page opens with; None opens it with none. ``width`` is "content",
    "stretch" or pixels (``use_container_width=True`` is "stretch"); in the sidebar a link is always as wide as it. The
    link to the page shown now is drawn as the current one.
    """
    call = f"page_link({page!r})"
    run, block = target(place)
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    shown_width = "stretch" if block._path[0] == ROOT_SIDEBAR else container_width(None, width, call, default="content")
    if icon_position not in ("left", "right"):
        raise PorchAPIError(f"{call}: icon_position must be 'left' or 'right', not {icon_position!r}")
    title: str | None = None
    page_icon = ""
    page_help = ""
    url: str | None = None
    target_page: str | None = None
    if isinstance(page, (str, PurePath)):
        text = str(page)
        if isinstance(page, str) and is_url(text):
            if not label:
                raise PorchAPIError(
                    "The `label` parameter is required. Streamlit cannot infer a label for an external URL."
                )
            url = text
        else:
            info = script_page(run, page, call)
            title, page_help, target_page = info.title, info.help, info.url_path
    else:
        title, page_icon, page_help = page.title, page.icon, page.help
        if page.external_url is not None:
            url = page.external_url
        else:
            target_page = page.url_path
    found = registry(run)
    current = found.current.url_path if found is not None else run.session.page_path
    shown_label = str(label) if label is not None else str(title or "")
    shown_help = (help_text(help) if help is not None else page_help) or None
    props: Props = {
        "label": shown_label,
        "label_html": markdown_html.render_label(shown_label, links=False),
        "icon": (check_icon(icon, call) if icon is not None else page_icon) or None,
        "icon_position": icon_position,
        "help": shown_help,
        "help_html": None if shown_help is None else markdown_html.render(shown_help),
        "disabled": bool(disabled),
        "page": target_page,
        "url": url,
        "query": query_from(query_params, call, run.session.query) if url is None else {},
        "current": target_page is not None and target_page == current,
        "width": shown_width,
    }
    return show(place, "page_link", props)
