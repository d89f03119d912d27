"""The links between an app's pages: ``page_link`` and the menu ``navigation`` shows. Both are read-only: a test goes
to another page with ``AppTest.switch_page``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .base import AppTestError, Element


class PageLink(Element):
    """A ``page_link``: ``value`` (and ``label``) its text, ``page`` the path of the app's page it opens (None for an
    external link, whose address is ``url``), ``query`` the query that page opens with, ``current`` whether it links
    to the page shown. Read-only, as in Streamlit: go to another page with ``AppTest.switch_page``."""

    @property
    def value(self) -> str:
        return str(self.props["label"])

    def _unsupported(self, method: str) -> Callable[..., Any]:
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            raise AppTestError(
                f"{method}() is not supported for page_link. Switch pages with AppTest.switch_page(page_path)."
            )

        return refuse


class Navigation(Element):
    """The menu ``porch.navigation`` shows: ``value`` the path of the page shown (``""`` for the default page),
    ``titles`` the pages' titles in the menu's order, ``pages`` their descriptions (title, icon, page, section...)."""

    @property
    def value(self) -> str:
        return str(self.props["current"])

    @property
    def titles(self) -> list[str]:
        return [str(page["title"]) for page in self.props["pages"]]
