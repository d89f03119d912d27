"""Widgets a person clicks: ``button`` and ``form_submit_button``, ``download_button``, ``link_button``,
``pagination`` and ``menu_button``. A click reaches the script with the next ``run()``, whose value shows it."""

from __future__ import annotations

from typing import Any, TypeVar

from .base import W, AppTestError, Widget


B = TypeVar("B", bound="Button")  # what submit() returns: click() is a Button's


class Button(Widget):
    """``button`` and ``form_submit_button``: ``click()`` (or ``set_value(True)``) presses it for the next run;
    ``value`` is True in the run the click caused (and from the click until that run)."""

    @property
    def value(self) -> bool:
        return self.id in (self._at._trigger, self._at._last_trigger)

    @property
    def icon(self) -> str:
        """The icon the script gave, "" for none (as Streamlit's AppTest reads it)."""
        return _icon(self.props)

    def set_value(self: W, value: Any) -> W:
        self._assert_can_interact()
        if value:
            self._at._click(self)
        elif self._at._trigger == self.id:
            self._at._trigger = None
        return self

    def click(self: W) -> W:
        return self.set_value(True)

    def submit(self: B) -> B:
        return self.click()


class DownloadButton(Button):
    """A download_button: ``click()`` as for a button; ``file_name``, ``data`` and ``mime`` are what it downloads
    (reading ``data`` of a button whose data is a function calls it, as a browser's download does)."""

    @property
    def file_name(self) -> str:
        return str(self.props["file_name"])

    @property
    def data(self) -> bytes:
        return self._at.download(str(self.props["url"]))

    @property
    def mime(self) -> str:
        return self._at.media(str(self.props["url"])).content_type


class LinkButton(Widget):
    """A link_button: ``value`` is its label, as in Streamlit's AppTest; its ``url`` (None when the script's URL may
    not be a link), ``type`` and ``icon``. Porch's own: one whose ``on_click`` is "rerun" or a function reaches the
    script when clicked, so ``click()`` works for that one (Streamlit's AppTest refuses it), and ``clicked`` is True in
    the run its click caused (always False for a plain link)."""

    @property
    def url(self) -> str | None:
        url = self.props.get("url")
        return None if url is None else str(url)

    @property
    def button_type(self) -> str:
        """"primary", "secondary" or "tertiary" (the ``type`` the script gave; ``type`` is the element's)."""
        return str(self.props["type"])

    @property
    def icon(self) -> str:
        return _icon(self.props)

    @property
    def value(self) -> str:
        return self.label

    def set_value(self: W, value: Any) -> W:
        raise AppTestError(
            f"set_value() is not supported for link_button {self.label!r}: click() one whose on_click reaches the "
            "script, as a person would"
        )

    @property
    def clicked(self) -> bool:
        return self.node.id is not None and self._at._last_trigger == self.id

    def click(self: W) -> W:
        if self.node.id is None:
            raise ValueError(
                f"the link_button {self.label!r} has on_click='ignore': its click opens the link and never reaches "
                "the script"
            )
        self._at._click(self)
        return self


class Pagination(Widget):
    """A pagination: ``value`` is the current page (from 1); ``set_value(page)`` and ``select(page)`` choose a page
    as a click on its button does, refusing one that is not a page. ``num_pages`` and ``default`` are the script's."""

    @property
    def num_pages(self) -> int:
        return int(self.props["num_pages"])

    @property
    def default(self) -> int:
        return int(self._at._spec(self).default)

    def set_value(self: W, value: int) -> W:
        pages = int(self.props["num_pages"])
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= pages:
            raise ValueError(f"cannot set the pagination to {value!r}: a page is a whole number from 1 to {pages}")
        return Widget.set_value(self, value)

    def select(self: W, page: int) -> W:
        return Pagination.set_value(self, page)


MB = TypeVar("MB", bound="MenuButton")


class MenuButton(Widget):
    """A menu_button: ``click(option)`` (or ``set_value``) chooses an option as a person does from its menu, and
    ``click_index(i)`` the option at index ``i``; ``value`` is that option in the run the choice caused, None in
    others. ``options`` are the labels shown; ``type`` is the element's ("menu_button"), ``button_type`` the one the
    script gave, ``icon`` "" for none (as Streamlit's AppTest)."""

    @property
    def options(self) -> list[str]:
        return list(self.props["options"])

    @property
    def button_type(self) -> str:
        """"primary", "secondary" or "tertiary"."""
        return str(self.props["type"])

    @property
    def icon(self) -> str:
        icon = self.props.get("icon")
        return "" if icon is None else str(icon)

    @property
    def value(self) -> Any:
        at = self._at
        return at._payloads.get(self.id) if self.id in (at._trigger, at._last_trigger) else None

    def click(self: MB, option: Any) -> MB:
        at = self._at
        wire = at._spec(self).codec.to_wire(option)
        at._payloads[self.id] = at._spec(self).codec.from_wire(wire)
        at._pending[self.id] = wire
        at._click(self)
        return self

    def set_value(self: MB, value: Any) -> MB:
        return self.click(value)

    def click_index(self: MB, index: int) -> MB:
        return self.click(self._at._option_at(self, index))


def _icon(props: dict[str, Any]) -> str:
    icon = props.get("icon")
    return "" if icon is None else str(icon)
