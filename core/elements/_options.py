"""Options of choice widgets (radio, selectbox, multiselect, select_slider): any iterable, shown by ``format_func``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..errors import PorchAPIError

#: Maps an option to the label shown for it; the value returned is the option itself.
Format = Callable[[Any], Any]


def options_list(options: Iterable[Any]) -> list[Any]:
    """Options as a list: any iterable, a pandas Series, or a DataFrame's first column."""
    if hasattr(options, "columns") and hasattr(options, "iloc"):
        return list(options.iloc[:, 0].tolist())
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
