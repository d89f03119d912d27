"""Data elements, as Streamlit's API reference groups them: ``json``, ``metric``, ``dataframe`` and ``table``, and the
charts (all Vega-Lite specs on the wire). A dataframe and a chart with ``on_select`` take a selection as a widget
does."""

from __future__ import annotations

import json
import warnings
from types import SimpleNamespace
from typing import Any

from .base import AppTestError, Element, Widget, _text, plain


class Json(Element):
    """``json``: ``value`` is the JSON text, as Streamlit's AppTest gives it (the string the script gave, else the
    value as ``json.dumps`` writes it; ``json.loads`` reads it back);
    ``parsed`` (Porch's own) is the value it holds; ``expanded`` True, False or a number of levels."""

    @property
    def value(self) -> str:
        text = self.props.get("text")
        return json.dumps(self.props["value"]) if text is None else str(text)

    @property
    def parsed(self) -> Any:
        return self.props["value"]


class Metric(Element):
    """A ``metric``: ``value``, ``label`` and ``delta`` as the script gave them, as Streamlit's AppTest reads them
    (markdown as written, numbers as ``str()`` gives them before ``format``, "—" for no value, ``delta`` "" when there
    is none); ``rendered_label``, ``rendered_value``, ``rendered_delta`` and ``rendered_text`` (Porch's own) as a
    reader sees them. ``color`` (red, green, gray, or the
    colour asked for), ``direction`` ("up", "down" or None), ``chart_data``, ``icon`` ("" for none)."""

    @property
    def value(self) -> str:
        return str(self.props["body"])

    @property
    def format(self) -> str:
        """The ``format`` the script gave, "" for none."""
        return str(self.props.get("format") or "")

    @property
    def label(self) -> str:
        return str(self.props["label"])

    @property
    def delta(self) -> str:
        return _text(self.props.get("delta"))

    @property
    def icon(self) -> str:
        """The icon the script gave, "" for none (as Streamlit's AppTest reads it)."""
        return _text(self.props.get("icon"))

    @property
    def rendered_label(self) -> str:
        """Porch's own: the label as a reader sees it (markdown rendered)."""
        return plain(self.props["label_html"])

    @property
    def rendered_value(self) -> str:
        """Porch's own: the value as a reader sees it (markdown rendered, ``format`` applied)."""
        return plain(self.props["value_html"])

    @property
    def rendered_delta(self) -> str:
        """Porch's own: the delta as a reader sees it ("" for none)."""
        return plain(self.props.get("delta_html"))

    @property
    def rendered_text(self) -> str:
        """Porch's own: label, value and delta as a reader sees them, one after another."""
        shown = (self.rendered_label, self.rendered_value, self.rendered_delta)
        return " ".join(text for text in shown if text)

    @property
    def color(self) -> str:
        return str(self.props["color"])

    @property
    def direction(self) -> str | None:
        direction = self.props.get("direction")
        return None if direction is None else str(direction)

    @property
    def chart_data(self) -> list[float | None] | None:
        data = self.props.get("chart_data")
        return None if data is None else list(data)


def _labels(names: list[Any]) -> Any:
    """A table's column labels as Streamlit's AppTest gives them: the names the data gave (the element's ``names``;
    a MultiIndex's tuples as lists), through :func:`_as_sent`."""
    import pandas as pd

    if names and all(isinstance(name, list) for name in names):
        return _as_sent(pd.MultiIndex.from_tuples([tuple(name) for name in names]))
    return _as_sent(pd.Index(names, tupleize_cols=False))


def _as_sent(labels: Any) -> Any:
    """Column labels as they come back from the Arrow table Streamlit sends and its AppTest reads: so ``None`` among
    text is NaN and mixed names are text, as pyarrow's pandas metadata restores them."""
    import pandas as pd

    try:
        import pyarrow as pa
    except ImportError:
        return labels
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' "column names of mixed type" warning: Streamlit's turns them to text
        try:
            return pa.Table.from_pandas(pd.DataFrame([[0] * len(labels)], columns=labels)).to_pandas().columns
        except (pa.ArrowException, ValueError, TypeError):
            return labels


class DataFrameElement(Element):
    """A ``dataframe`` (Streamlit's ``Dataframe``) or ``table``: ``value`` is the data as a pandas DataFrame, as
    Streamlit's AppTest gives it (a dataframe's: the frame the server holds, not a copy, when the script gave a pandas
    one; a table's: the rows it shows), its column labels as Streamlit's Arrow round trip gives them back. Porch's
    own: ``columns`` (the shown columns' headers), ``row_count``, ``cells`` (the rows the element carries), and for a
    ``dataframe`` :meth:`rows` (ask for a window, as the page does when it scrolls or sorts), ``selection`` and
    :meth:`select` (with ``on_select``)."""

    @property
    def value(self) -> Any:
        table = self._frame()
        if table is not None:
            frame = table.backend.to_pandas()
            labels = _as_sent(frame.columns)
            if not labels.equals(frame.columns) or labels.dtype != frame.columns.dtype:
                frame = frame.copy(deep=False)  # the script's own frame keeps its labels
                frame.columns = labels
            return frame
        import pandas as pd  # a table: its rows are in the element

        columns = self.props["columns"]
        data = [c for c in range(len(columns)) if not columns[c]["index"]]
        index = [c for c in range(len(columns)) if columns[c]["index"]]
        rows = self.cells
        names = self.props.get("names") or [column["label"] for column in columns]
        frame = pd.DataFrame([[row[c] for c in data] for row in rows], columns=_labels([names[c] for c in data]))
        if index:
            frame.index = pd.Index([row[index[0]] for row in rows], name=columns[index[0]]["label"] or None)
        return frame

    @property
    def placeholder(self) -> str:
        """The text the script gave for a missing value, "" for none (the page shows "None")."""
        return str(self.props.get("placeholder") or "")

    @property
    def form_id(self) -> str:
        """The form it is in ("" for none: a dataframe's selection is no form's)."""
        return str(self.props.get("form") or "")

    @property
    def editing_mode(self) -> str:
        """"read_only", as Streamlit's ``Dataframe`` says of a ``dataframe`` (a ``data_editor`` says its ``num_rows``)."""
        return "read_only"

    def _frame(self) -> Any:
        data_id = self.props.get("data")
        if data_id is None:
            return None
        return self._at._session.frames.table(str(data_id))

    @property
    def columns(self) -> list[str]:
        return [str(column["label"]) for column in self.props["columns"]]

    def _repr_fields(self) -> dict[str, Any]:
        return {"key": self.key, "columns": self.columns, "rows": self.props["rows"]}

    @property
    def row_count(self) -> int:
        return int(self.props["rows"])

    @property
    def cells(self) -> list[list[Any]]:
        """The rows the element carries (a ``dataframe``'s first rows, a ``table``'s rows), as the wire has them."""
        return [list(row) for row in self.props["window"]["cells"]]

    def rows(self, start: int = 0, count: int = 50, sort: list[tuple[int, str]] | None = None) -> dict[str, Any]:
        """Ask for ``count`` rows from ``start`` sorted by ``sort`` ((shown column index, "asc" or "desc") pairs), as
        the page does; return the server's ``rows`` message (``cells``, ``pos``, ``total``; or ``missing``)."""
        from ...protocol import Rows

        keys = tuple((column, direction == "desc") for column, direction in (sort or []))
        at = self._at
        seen = len(at.messages)
        at.send(Rows(id=str(self.props["data"]), start=start, count=count, sort=keys))
        replies = [m for m in at.messages[seen:] if m["type"] in ("rows", "error")]
        if not replies:
            raise LookupError("the server did not answer the rows request")
        reply: dict[str, Any] = replies[-1]
        return reply

    @property
    def selection(self) -> Any:
        """The selection the script gets (with ``on_select``), or None."""
        if self.node.id is None:
            return None
        return self._at._widget_value(Widget(self.node, self._at))

    def select(self, rows: list[int] | None = None, columns: list[str] | None = None,
               cells: list[tuple[int, str]] | None = None) -> DataFrameElement:
        """Select these rows (positions in the data), columns (names) and cells, as a person would; the next
        ``run()`` sends the selection."""
        if self.node.id is None:
            raise AppTestError("select() needs a dataframe with on_select='rerun' or a function")
        value = {"selection": {"rows": rows or [], "columns": columns or [], "cells": cells or []}}
        self._at._set_widget_value(Widget(self.node, self._at), value)
        return self


class VegaLiteChart(Element):
    """A chart (``line_chart``, ``bar_chart``... ``vega_lite_chart``, ``altair_chart``; Streamlit's type
    ``vega_lite_chart``, and ``get("arrow_vega_lite_chart")`` finds it too): ``spec`` is the Vega-Lite spec it draws,
    its data inline, and ``value`` too (with ``on_select``, the selection, as Streamlit's); ``proto`` Streamlit's fields (``spec`` as JSON text). Porch's own:
    ``data`` (the rows of the spec's ``data``), ``note`` (the note under a chart that draws only part of its data),
    and with ``on_select`` ``selection`` (what the script gets) and :meth:`select`."""

    @property
    def form_id(self) -> str:
        """The form it is in ("" for none: a chart's selection is no form's)."""
        return str(self.props.get("form") or "")

    @property
    def value(self) -> Any:
        """With ``on_select``, the selection state the script gets, as Streamlit's AppTest reads it; else None, as
        there (the chart is in ``spec``)."""
        return None if self.node.id is None else self.selection

    @property
    def spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = self.props["spec"]
        return spec

    @property
    def data(self) -> list[dict[str, Any]]:
        data = self.spec.get("data") or {}
        return list(data.get("values") or [])

    @property
    def selection(self) -> Any:
        """The selection state the script gets (``{"selection": {parameter: ...}}``), or None without on_select."""
        if self.node.id is None:
            return None
        return self._at._widget_value(Widget(self.node, self._at))

    def select(self, selection: dict[str, Any]) -> VegaLiteChart:
        """Select as a person would, by parameter: a point selection's list of points (dicts of field values), an
        interval's dict of field -> [low, high]; the next ``run()`` sends it."""
        if self.node.id is None:
            raise AppTestError("select() needs a chart with on_select='rerun' or a function")
        self._at._set_widget_value(Widget(self.node, self._at), {"selection": selection})
        return self

    @property
    def proto(self) -> SimpleNamespace:
        """Streamlit's fields of the chart (its AppTest has no class for it: an ``UnknownElement`` whose ``proto``
        holds them): ``spec`` as JSON text (its data inline here), ``theme`` ("" for none), ``id``,
        ``selection_mode``, ``form_id``, ``use_container_width`` (whether it takes the container's width)."""
        return SimpleNamespace(
            spec=json.dumps(self.spec), theme=self.props.get("theme") or "", id=self.node.id or "",
            selection_mode=list(self.props.get("selection_mode") or []), form_id=self.props.get("form") or "",
            use_container_width=self.props.get("width") == "stretch",
        )

    def _repr_fields(self) -> dict[str, Any]:
        return {"key": self.key, "rows": len(self.data), "note": self.props.get("note")}


class PlotlyChart(Element):
    """A ``plotly_chart`` (Streamlit's AppTest has no class for it: an ``UnknownElement`` whose ``proto`` holds the
    figure as JSON text). ``spec`` is the figure plotly.js draws (``data``, ``layout``, ``frames``), ``config`` the
    plotly.js config, ``proto`` Streamlit's fields (``spec`` and ``config`` as JSON text, ``theme``, ``id``,
    ``selection_mode``). With ``on_select``: ``value`` and ``selection`` are what the script gets, and
    :meth:`set_value` (a whole selection state) or :meth:`select` sets what the next ``run()`` sends."""

    @property
    def spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = self.props["spec"]
        return spec

    @property
    def figure(self) -> dict[str, Any]:
        return self.spec

    @property
    def config(self) -> dict[str, Any]:
        config: dict[str, Any] = self.props["config"]
        return config

    @property
    def proto(self) -> SimpleNamespace:
        return SimpleNamespace(
            spec=json.dumps(self.spec), config=json.dumps(self.config), theme=self.props["theme"] or "",
            id=self.node.id or "", selection_mode=list(self.props["selection_mode"]),
            form_id=self.props.get("form") or "",
        )

    @property
    def value(self) -> Any:
        """The selection the script gets with ``on_select``, else None, as in Streamlit's AppTest (the figure is in
        ``spec``)."""
        return None if self.node.id is None else self.selection

    @property
    def selection(self) -> Any:
        """The selection state the script gets (``{"selection": {"points": ..., ...}}``), or None without
        on_select."""
        if self.node.id is None:
            return None
        return self._at._widget_value(Widget(self.node, self._at))

    def set_value(self, value: Any) -> PlotlyChart:
        """Set the whole selection state, ``{"selection": {"points": [...], "point_indices": [...], "box": [...],
        "lasso": [...]}}`` (missing lists are empty), as the browser would send it."""
        if self.node.id is None:
            raise AppTestError("set_value() needs a plotly_chart with on_select='rerun' or a function")
        self._at._set_widget_value(Widget(self.node, self._at), value)
        return self

    def select(self, points: list[dict[str, Any]] | None = None, *, point_indices: list[int] | None = None,
               box: list[dict[str, Any]] | None = None, lasso: list[dict[str, Any]] | None = None) -> PlotlyChart:
        """Select as a person would: ``points`` (dicts such as ``{"curve_number": 0, "point_index": 2, "x": 3,
        "y": 4}``; ``point_indices`` default to their ``point_index``), a ``box`` or a ``lasso`` (``{"xref": "x",
        "yref": "y", "x": [...], "y": [...]}``)."""
        points = list(points or [])
        if point_indices is None:
            point_indices = [p["point_index"] for p in points if isinstance(p.get("point_index"), int)]
        return self.set_value({"selection": {"points": points, "point_indices": point_indices, "box": box or [],
                                             "lasso": lasso or []}})

    def _repr_fields(self) -> dict[str, Any]:
        traces = self.spec.get("data") or []
        return {"key": self.key, "traces": len(traces), "selection_mode": self.props.get("selection_mode") or None}


class DeckGlChart(Element):
    """A ``map`` or ``pydeck_chart`` (Streamlit's AppTest has no class for them: an ``UnknownElement`` whose ``proto``
    holds the deck as JSON text). ``spec`` is the deck as pydeck's JSON describes it (``initialViewState``,
    ``layers``...), ``tooltip`` pydeck's tooltip dict, ``note`` the line under the map, ``proto`` Streamlit's fields
    (``json`` and ``tooltip`` as JSON text, ``id``, ``selection_mode``). With ``on_select``: ``value`` and
    ``selection`` are what the script gets, and :meth:`set_value` (a whole selection state) or :meth:`select` sets
    what the next ``run()`` sends."""

    @property
    def spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = self.props["spec"]
        return spec

    @property
    def tooltip(self) -> dict[str, Any] | None:
        tooltip: dict[str, Any] | None = self.props["tooltip"]
        return tooltip

    @property
    def note(self) -> str | None:
        note: str | None = self.props["note"]
        return note

    @property
    def proto(self) -> SimpleNamespace:
        mode = self.props["selection_mode"]
        return SimpleNamespace(
            json=json.dumps(self.spec), tooltip=json.dumps(self.tooltip) if self.tooltip else "",
            id=self.node.id or "", selection_mode=[mode] if mode else [], form_id=self.props.get("form") or "",
        )

    @property
    def value(self) -> Any:
        """The selection the script gets with ``on_select``, else None, as in Streamlit's AppTest (the deck's JSON is
        in ``spec``)."""
        return None if self.node.id is None else self.selection

    @property
    def selection(self) -> Any:
        """The selection state the script gets (``{"selection": {"indices": ..., "objects": ...}}``), or None
        without on_select."""
        if self.node.id is None:
            return None
        return self._at._widget_value(Widget(self.node, self._at))

    def set_value(self, value: Any) -> DeckGlChart:
        """Set the whole selection state, ``{"selection": {"indices": {layer_id: [...]}, "objects": {layer_id:
        [...]}}}``, as the browser would send it."""
        if self.node.id is None:
            raise AppTestError("set_value() needs a pydeck_chart with on_select='rerun' or a function")
        self._at._set_widget_value(Widget(self.node, self._at), value)
        return self

    def select(self, layer: str, indices: list[int], objects: list[Any] | None = None) -> DeckGlChart:
        """Select as a person would, clicking objects of one layer: their ``indices`` in its data (``objects``
        default to those rows of the layer's data)."""
        if objects is None:
            found = next((entry for entry in self.spec.get("layers") or [] if str(entry.get("id")) == layer), None)
            rows = found.get("data") if isinstance(found, dict) else None
            objects = [rows[i] if isinstance(rows, list) and i < len(rows) else None for i in indices]
        return self.set_value({"selection": {"indices": {layer: list(indices)}, "objects": {layer: objects}}})

    def _repr_fields(self) -> dict[str, Any]:
        layers = self.spec.get("layers") or []
        return {"key": self.key, "layers": len(layers), "selection_mode": self.props.get("selection_mode")}
