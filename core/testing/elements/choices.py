"""Widgets that choose: ``color_picker``, ``checkbox`` and ``toggle``, ``radio``, ``selectbox``, ``multiselect``,
``select_slider``, ``pills`` and ``segmented_control`` (a button group), ``feedback``."""

from __future__ import annotations

from typing import Any, TypeVar

from ...elements._icons import material_names
from ...elements._pages import is_emoji
from .base import W, Widget, _text


class ColorPicker(Widget):
    """A color_picker: ``value`` is ``"#rrggbb"``; ``pick("#abc")`` sets it as a person picking a colour would (the
    "#" may be left out, as in Streamlit)."""

    none_means = "keep"

    def pick(self: W, color: str) -> W:
        return self.set_value(color if color.startswith("#") else f"#{color}")


class Checkbox(Widget):
    """A checkbox: ``check()``, ``uncheck()``, ``set_value(bool)``."""

    none_means = "keep"

    def check(self: W) -> W:
        return self.set_value(True)

    def uncheck(self: W) -> W:
        return self.set_value(False)


class Toggle(Checkbox):
    """A toggle: ``set_value(bool)`` (and ``check()``/``uncheck()`` as for a checkbox)."""


class Choice(Widget):
    """radio, selectbox, select_slider, multiselect: ``options`` are the labels shown; ``value`` the option itself.
    ``set_value`` takes an option, or (as Streamlit's AppTest, which finds options by label) a label or a value that
    reads as one: ``set_value("Female")`` picks "female" shown as "Female", ``set_value("3")`` the option 3."""

    def set_value(self: W, value: Any) -> W:
        if isinstance(value, (list, tuple)) and not Choice._fits(self, value):
            value = type(value)(Choice._by_label(self, item) for item in value)  # a multiselect's list, a range
        else:
            value = Choice._by_label(self, value)
        return Widget.set_value(self, value)

    @staticmethod
    def _fits(widget: Widget, value: Any) -> bool:
        try:
            widget._at._spec(widget).codec.to_wire(value)
        except (ValueError, TypeError, IndexError):
            return False
        return True

    @staticmethod
    def _by_label(widget: Widget, item: Any) -> Any:
        """``item`` when it is an option (alone, in a multiselect's list or at a range's end) or None; else the one
        option whose label reads as ``str(item)``; else ``item`` itself, which the widget then refuses."""
        if item is None or any(Choice._fits(widget, shaped) for shaped in (item, [item], (item, item))):
            return item
        labels = [str(label) for label in widget.props["options"]]
        text = str(item)
        if labels.count(text) != 1:
            return item
        codec, index = widget._at._spec(widget).codec, labels.index(text)
        for wire in (index, [index], [index, index]):  # the shapes of a single choice, a list and a range
            try:
                chosen = codec.from_wire(wire)
            except (ValueError, TypeError, IndexError):
                continue
            return chosen[0] if isinstance(wire, list) else chosen
        return item

    @property
    def options(self) -> list[str]:
        return list(self.props["options"])

    @property
    def index(self) -> int | None:
        """The index of the option chosen (None for none, or for a new option typed in)."""
        if self.value is None:
            return None
        wire = self._at._spec(self).codec.to_wire(self.value)
        return wire if isinstance(wire, int) and not isinstance(wire, bool) else None

    def select(self: W, value: Any) -> W:
        return self.set_value(value)

    def select_index(self: W, index: int | None) -> W:
        return self.set_value(None if index is None else self._at._option_at(self, index))


class Radio(Choice):
    """A radio: ``options``, ``index``, ``horizontal``; ``set_value(option)`` (``select``, ``select_index`` too)."""

    none_means = "default"

    @property
    def horizontal(self) -> bool:
        return bool(self.props.get("horizontal"))


class Selectbox(Choice):
    """A selectbox: ``select(option)``, ``select_index(i)`` (None: no selection), ``set_value``; ``options``,
    ``index``, ``placeholder``, ``icon`` ("" for none)."""

    none_means = "default"

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))

    @property
    def icon(self) -> str:
        """The icon the script gave, "" for none (as Streamlit's AppTest reads it)."""
        return _text(self.props.get("icon"))


MS = TypeVar("MS", bound="Multiselect")


class Multiselect(Choice):
    """A multiselect: ``value`` is the list of options chosen, ``indices`` their indices, ``values`` their labels;
    ``select(option)`` adds one, ``unselect(option)`` removes it, ``set_value(list)``; ``max_selections`` (0: no
    limit, as in Streamlit), ``placeholder``."""

    none_means = "keep"

    @property
    def index(self) -> int | None:
        return None

    @property
    def indices(self) -> list[int]:
        wire = self._at._spec(self).codec.to_wire(self.value)
        return [item for item in wire if isinstance(item, int) and not isinstance(item, bool)]

    @property
    def values(self) -> list[str]:
        """The labels of the options chosen (a new option typed in: its text)."""
        wire = self._at._spec(self).codec.to_wire(self.value)
        options = self.options
        return [options[item] if isinstance(item, int) else str(item) for item in wire]

    @property
    def max_selections(self) -> int:
        return int(self.props.get("max_selections") or 0)

    @property
    def placeholder(self) -> str:
        return _text(self.props.get("placeholder"))

    def select(self: MS, value: Any) -> MS:
        current = list(self.value)
        return self if value in current else self.set_value([*current, value])

    def unselect(self: MS, value: Any) -> MS:
        current = list(self.value)
        return self if value not in current else self.set_value([v for v in current if v != value])


class SelectSlider(Choice):
    """A select_slider: ``set_value(option)``, or ``set_range(lower, upper)`` for one with two handles."""

    none_means = "keep"

    @property
    def index(self) -> int | None:
        wire = self._at._spec(self).codec.to_wire(self.value)
        return wire if isinstance(wire, int) and not isinstance(wire, bool) else None

    def set_range(self: W, lower: Any, upper: Any) -> W:
        return self.set_value((lower, upper))


class ButtonGroup(Widget):
    """pills and segmented_control: ``options`` are the labels shown, less an icon that starts one (an emoji or
    ``:material/name:``, which the button shows apart, as Streamlit's AppTest gives them). ``select`` chooses an
    option (in multi mode, adds it to the list) and ``unselect`` clears it (removes it); ``set_value`` takes an option
    or None, or a list."""

    @property
    def options(self) -> list[str]:
        return [_without_leading_icon(str(label)) for label in self.props["options"]]

    @property
    def indices(self) -> list[int]:
        """The indices of the chosen options."""
        return list(self._at._spec(self).codec.to_wire(self.value))

    def set_value(self: W, value: Any) -> W:
        if value is None and self.props.get("selection_mode") == "multi":
            value = []  # nothing chosen: Streamlit's AppTest clears a multi group with None too
        return Widget.set_value(self, value)

    def select(self: W, value: Any) -> W:
        if self.props.get("selection_mode") != "multi":
            return self.set_value(value)
        current = list(self.value)
        return self if value in current else self.set_value([*current, value])

    def unselect(self: W, value: Any) -> W:
        if self.props.get("selection_mode") != "multi":
            return self.set_value(None) if self.value == value else self
        return self.set_value([v for v in self.value if v != value])


class Feedback(Widget):
    """A feedback widget: ``value`` is the index chosen (0 the least satisfied) or None; ``set_value(i)`` chooses,
    ``set_value(None)`` clears. ``options`` is "thumbs", "faces" or "stars"."""

    @property
    def options(self) -> str:
        return str(self.props["options"])


def _without_leading_icon(label: str) -> str:
    """``label`` less its first word when that word is an icon alone (Streamlit's ``content_icon`` of an option)."""
    first, _, rest = label.partition(" ")
    if is_emoji(first):
        return rest
    if first.startswith(":material/") and first.endswith(":") and first[10:-1] in material_names():
        return rest
    return label
