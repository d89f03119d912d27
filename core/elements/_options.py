"""Options of choice widgets (radio, selectbox, multiselect, select_slider): any iterable, shown by ``format_func``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..errors import PorchAPIError
from ..widgets import Codec
from ._preview import evaluated

#: Maps an option to the label shown for it; the value returned is the option itself.
Format = Callable[[Any], Any]


def options_list(given: Iterable[Any]) -> list[Any]:
    """Options as a list: any iterable, a pandas Series, or a DataFrame's first column (pandas or polars). An
    unevaluated object (a cursor, a LazyFrame, a generator function...) gives its preview's, as Streamlit's
    ``convert_anything_to_list``: its first 10,000 rows, with Streamlit's caption when it has that many."""
    options: Any = evaluated(given)
    if hasattr(options, "columns") and hasattr(options, "iloc"):
        return list(options.iloc[:, 0].tolist())
    if hasattr(options, "columns") and callable(getattr(options, "to_series", None)):  # a polars DataFrame
        return list(options.to_series(0).to_list()) if options.width else []
    if hasattr(options, "tolist"):
        return list(options.tolist())
    if isinstance(options, (str, bytes)):
        raise PorchAPIError("options must be a list or other iterable of options, not a single string")
    return list(options)


def labels(options: list[Any], format_func: Format) -> list[str]:
    return [str(format_func(option)) for option in options]


def option_at(options: list[Any], index: int | None, kind: str) -> Any:
    """The option at ``index`` (None for no selection), refusing an index that is not one."""
    if index is None:
        return None
    if isinstance(index, bool) or not isinstance(index, int):
        raise PorchAPIError(f"{kind} index must be an int or None, not {index!r}")
    if not options:
        return None
    if not 0 <= index < len(options):
        raise PorchAPIError(f"{kind} index {index} is out of range for {len(options)} options")
    return options[index]


#: How typing in a selectbox or multiselect filters its options: "fuzzy" (the typed letters in order, anywhere),
#: "contains", "prefix", or None (no typing: the options are only picked from the list).
FILTER_MODES = ("fuzzy", "contains", "prefix", None)


def choice_codec(options: list[Any], shown: list[str], *, empty: bool, clearable: bool, accept_new: bool) -> Codec:
    """One choice (selectbox): the wire carries the option's index, null, or with ``accept_new`` the text of a new
    option. Text equal to an option's label picks that option. ``empty``: None is a value (the widget started with
    none); ``clearable``: a client may empty it again."""

    def to_wire(value: Any) -> int | str | None:
        if value is None:
            if empty:
                return None
            raise ValueError("a selection is required")
        found = index_of(options, value)
        if found is not None:
            return found
        if accept_new and isinstance(value, str) and value:
            return value
        raise ValueError(f"{value!r} is not one of the options")

    def from_wire(wire: Any) -> Any:
        if wire is None:
            if clearable:
                return None
            raise ValueError("this selectbox cannot be emptied")
        return _chosen(options, shown, wire, accept_new)

    return Codec(to_wire=to_wire, from_wire=from_wire)


def choices_codec(options: list[Any], shown: list[str], *, max_selections: int | None, accept_new: bool) -> Codec:
    """Several choices (multiselect): a list of option indices and, with ``accept_new``, new options' texts. The
    value is the list of options (and new texts) in the order chosen."""

    def check(values: list[Any]) -> list[Any]:
        if max_selections is not None and len(values) > max_selections:
            raise ValueError(f"more than {max_selections} selections")
        return values

    def to_wire(values: Any) -> list[int | str]:
        wire: list[int | str] = []
        for value in values:
            found = index_of(options, value)
            if found is None and not (accept_new and isinstance(value, str) and value):
                raise ValueError(f"{value!r} is not one of the options")
            item: int | str = value if found is None else found
            if item in wire:
                raise ValueError(f"{value!r} is chosen twice")
            wire.append(item)
        check(wire)
        return wire

    def from_wire(wire: Any) -> list[Any]:
        if not isinstance(wire, list):
            raise ValueError("expected a list")
        chosen = [_chosen(options, shown, item, accept_new) for item in wire]
        keys = [index_of(options, value) if index_of(options, value) is not None else value for value in chosen]
        if len(set(map(repr, keys))) != len(keys):
            raise ValueError("an option is chosen twice")
        return check(chosen)

    return Codec(to_wire=to_wire, from_wire=from_wire)


def _chosen(options: list[Any], shown: list[str], wire: Any, accept_new: bool) -> Any:
    """The option (or new text) a wire item names: an index, or a text when new options are accepted."""
    if isinstance(wire, str):
        if not accept_new or not wire:
            raise ValueError("expected the index of an option")
        return options[shown.index(wire)] if wire in shown else wire
    if isinstance(wire, bool) or not isinstance(wire, int) or not 0 <= wire < len(options):
        raise ValueError(f"index {wire!r} is not one of {len(options)} options")
    return options[wire]


def index_of(options: list[Any], value: Any) -> int | None:
    """The index of ``value`` among ``options`` (equal and of the same type, or the very object), or None."""
    for index, option in enumerate(options):
        if option is value:
            return index
        try:
            if type(option) is type(value) and bool(option == value):
                return index
        except Exception:  # e.g. NumPy arrays, whose == is elementwise
            continue
    return None
