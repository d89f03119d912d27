"""The rows a sorted ``data_editor`` shows: the data's rows in the order of their values *as edited*, the deleted rows
left out, as Streamlit 1.67's client sorts (glide's ``useColumnSort`` over the cells it shows, edits applied).

Streamlit makes its order when a sort is picked and again when the number of rows changes, not when a cell is
edited: an edited row stays where it was until the sort is picked again or rows are deleted (so the row being edited
does not jump away). Porch's server does the same. The frame stays on the server (``porch.frames``), which sorts it
and keeps the order it made; the edits are the widget's value, known to the run that shows the editor. Each run
holds the frame under an :class:`EditedTable` carrying the run's edit state: an order is made from the edits of the
latest run, and the table's ``signature`` changes with the deleted rows only, so the store makes its kept order
again (``SessionFrames.place``) when rows are deleted, not when cells are edited. The client asks for its rows again
after each run. Rows deleted in the page and not yet sent (a form not submitted, ``on_change="ignore"``) stay in
view, struck through, until they are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ._edited import typed
from ._frames import Frame, python_order


class EditedTable:
    """A :class:`porch.frames.Table` over an editor's frame: windows of the data's rows as they are (the client
    applies its edits), sorted orders of the rows as edited, without the deleted ones. ``names`` and ``kinds``: each
    shown column's name in the edit state and its data's type."""

    def __init__(self, frame: Frame, names: Sequence[str], kinds: Sequence[str]) -> None:
        self.frame = frame
        self.source = frame.source
        self.row_count = frame.row_count
        self.column_count = frame.column_count
        self._names = list(names)
        self._kinds = list(kinds)
        self._cells: dict[str, dict[int, Any]] = {}
        self._deleted: frozenset[int] = frozenset()
        self._key = ""

    def set_edits(self, state: Mapping[str, Any]) -> None:
        """Take the run's edit state (already checked by the element's codec). Called before the table is placed."""
        cells: dict[str, dict[int, Any]] = {}
        for row, changes in (state.get("edited_rows") or {}).items():
            for name, value in changes.items():
                cells.setdefault(name, {})[int(row)] = value
        deleted = frozenset(int(row) for row in state.get("deleted_rows") or [])
        self._cells, self._deleted = cells, deleted
        self._key = json.dumps(sorted(deleted))

    @property
    def left_out(self) -> int:
        """How many of the data's rows a sorted order leaves out (the deleted ones)."""
        return len(self._deleted)

    @property
    def signature(self) -> object:
        return (self.frame.signature, self._key)

    def window(self, positions: Sequence[int]) -> dict[str, Any]:
        return self.frame.window(positions)

    def order(self, sort: Sequence[tuple[int, bool]]) -> Sequence[int]:
        """The data's rows but the deleted ones, in the order of ``sort`` over their values as edited (stable;
        missing values last either way)."""
        edited = [j for j, _ in sort if self._cells.get(self._names[j])]
        gone = self._deleted
        if not edited:
            base = self.frame.order(sort)
            if not gone:
                return base
            return [int(p) for p in base if int(p) not in gone]
        order: list[int] = [p for p in range(self.row_count) if p not in gone]
        backend = self.frame.backend
        for j, descending in reversed(sort):
            values = backend.values(self.frame.shown[j].source, order)
            changes = self._cells.get(self._names[j], {})
            kind = self._kinds[j]
            values = [typed(changes[p], kind) if p in changes else v for p, v in zip(order, values)]
            local = python_order(values, descending)
            order = [order[i] for i in local]
        return order
