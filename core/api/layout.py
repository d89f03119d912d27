"""Layout: containers a script opens and writes into (columns, tabs, expander, form, container, empty)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

from ..errors import PorchAPIError
from .base import Block

B = TypeVar("B", bound=Block)
GAPS = ("small", "medium", "large")
ALIGNMENTS = ("top", "center", "bottom")


class LayoutElements(Block):
    def container(self: B, *, border: bool | None = None, height: int | None = None, key: str | None = None) -> B:
        return self._block("container", key or "", {"border": bool(border or height), "height": height})

    def columns(
        self: B,
        spec: int | Sequence[float],
        *,
        gap: Literal["small", "medium", "large"] = "small",
        vertical_alignment: Literal["top", "center", "bottom"] = "top",
        border: bool = False,
    ) -> list[B]:
        if isinstance(spec, int):
            if spec < 1:
                raise PorchAPIError(f"columns({spec}): the number of columns must be at least 1")
            widths: list[float] = [1.0] * spec
        else:
            widths = [float(w) for w in spec]
            if not widths or any(w <= 0 for w in widths):
                raise PorchAPIError("columns(spec): every width must be a positive number")
        if gap not in GAPS:
            raise PorchAPIError(f"columns gap must be one of {GAPS}, not {gap!r}")
        if vertical_alignment not in ALIGNMENTS:
            raise PorchAPIError(f"columns vertical_alignment must be one of {ALIGNMENTS}, not {vertical_alignment!r}")
        row = self._block("columns", "", {"gap": gap, "vertical_alignment": vertical_alignment, "border": border})
        total = sum(widths)
        return [row._block("column", str(i), {"width": w / total}) for i, w in enumerate(widths)]

    def tabs(self: B, tabs: Sequence[str]) -> list[B]:
        labels = [str(t) for t in tabs]
        if not labels:
            raise PorchAPIError("tabs() needs at least one tab label")
        group = self._block("tabs", "|".join(labels), {})
        return [group._block("tab", label, {"label": label}) for label in labels]

    def expander(self: B, label: str, expanded: bool = False, *, icon: str | None = None) -> B:
        return self._block("expander", str(label), {"label": str(label), "expanded": bool(expanded), "icon": icon})

    def form(self: B, key: str, clear_on_submit: bool = False, *, enter_to_submit: bool = True, border: bool = True) -> B:
        run, target = self._target()
        if target._form is not None:
            raise PorchAPIError(f"form({key!r}) is inside the form {target._form!r}: forms cannot be nested.")
        if key in run.forms:
            raise PorchAPIError(f"There are two forms with the key {key!r}. Give each form a unique key.")
        run.forms[key] = bool(clear_on_submit)
        block = self._block(
            "form", f"form:{key}", {"form": key, "border": bool(border), "clear_on_submit": bool(clear_on_submit)},
            form=key,
        )
        block._opens_form = key
        return block

