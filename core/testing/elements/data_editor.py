"""A ``data_editor`` as Streamlit's AppTest shows it: a ``Dataframe`` (its type is "dataframe", and it is in
``at.dataframe`` as well as ``at.data_editor``) whose ``value`` is the table the script gave, without edits."""

from __future__ import annotations

from typing import Any

from .base import Widget
from .data import DataFrameElement


class DataEditor(DataFrameElement, Widget):
    """``value`` is the input table as a pandas DataFrame (Streamlit's AppTest reads the table it sent), and
    ``editing_mode`` its ``num_rows`` ("fixed", "dynamic", "add" or "delete"). A test edits it as Streamlit's
    documents: ``at.session_state[key] = {"edited_rows": ..., "added_rows": ..., "deleted_rows": ...}`` before
    ``run()``. Porch's own: ``edit_state`` (the edits the script gets) and ``set_value(edit_state)``, which sets the
    edits of an editor with no key too (Streamlit's AppTest refuses ``set_value`` here)."""

    @property
    def type(self) -> str:
        return "dataframe"

    @property
    def value(self) -> Any:
        table = self._frame()
        if table is None:
            raise LookupError(f"the data_editor {self.key or ''!r} holds no table")
        frame = table.frame.backend.to_pandas()
        return frame

    @property
    def editing_mode(self) -> str:
        return str(self.props.get("num_rows") or "fixed")

    @property
    def edit_state(self) -> Any:
        return self._at._widget_value(self)

    def _repr_fields(self) -> dict[str, Any]:
        return {"key": self.key, "editing_mode": self.editing_mode, "rows": self.props.get("rows")}
