"""``navigation``: the menu of a multipage app's pages, which ``porch.navigation`` shows (``api/navigation.py``).

It is no widget: choosing a page is a navigation, not a value. The client pushes the page's URL into the history and
sends ``rerun`` with ``page`` (and the query the page opens with, its embedding parameters only), and the run shows
that page. Links are real links (``<base>/<url path>``), so a page opens in a new tab too; an external page opens in
a new tab.
"""

from __future__ import annotations

from typing import TypedDict

from .. import markdown_html
from ._pages import PageInfo
from ._place import Block, show

#: Where the menu goes: at the top of the sidebar, or above the main area's content.
POSITIONS = ("sidebar", "top")


class NavPage(TypedDict):
    title: str
    #: ``title`` as Streamlit's menu draws it: a label's Markdown (inline, raw HTML escaped, links as their text).
    title_html: str
    #: An emoji or icon name, or None.
    icon: str | None
    #: Its path under the app's base path (``""``: the default page); the client's link and its ``rerun`` carry it.
    page: str
    #: The menu section it is in (``""``: before the sections, without a header).
    section: str
    #: An external page's URL (opened in a new tab), or None.
    external: str | None
    help: str | None
    #: ``help`` rendered as Markdown, or None.
    help_html: str | None


class Props(TypedDict):
    #: "sidebar" or "top".
    position: str
    #: False: a long menu shows its first ``visible_items`` (10 when None) pages and a "View more" button.
    expanded: bool
    visible_items: int | None
    #: The section headers in order (``""`` for the pages that have none).
    sections: list[str]
    #: The pages the menu shows (hidden pages are left out), in order.
    pages: list[NavPage]
    #: The path of the page shown.
    current: str


def navigation(
    place: Block,
    pages: list[PageInfo],
    *,
    current: PageInfo,
    position: str = "sidebar",
    expanded: bool = False,
    visible_items: int | None = None,
) -> Block:
    """Show the menu of ``pages`` (the visible ones, by section, in order), with ``current`` marked as the page
    shown: at the top of the sidebar (``position="sidebar"``, ``place`` the sidebar) or above the page
    (``position="top"``, ``place`` the main area, sections as drop-down menus). ``expanded`` False shows a long menu
    (more than ``visible_items`` + 2 pages, 10 when None) shortened, with a button that shows the rest."""
    shown = [page for page in pages if not page.hidden]
    sections: list[str] = []
    for page in shown:
        if page.section not in sections:
            sections.append(page.section)
    props: Props = {
        "position": position,
        "expanded": bool(expanded),
        "visible_items": visible_items,
        "sections": sections,
        "pages": [
            {
                "title": page.title,
                "title_html": markdown_html.render_label(page.title, links=False),
                "icon": page.icon or None,
                "page": page.url_path,
                "section": page.section,
                "external": page.external,
                "help": page.help or None,
                "help_html": markdown_html.render(page.help) if page.help else None,
            }
            for page in shown
        ],
        "current": current.url_path,
    }
    return show(place, "navigation", props)
