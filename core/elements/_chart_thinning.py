"""Thinning the lines and areas (and bars along dates) of built-in charts before they are sent (since issue 10): a
line of 100,000 points on a chart a thousand pixels wide draws a hundred points into each pixel column, of which the
browser shows only the column's lowest and highest pixel and where the line enters and leaves it.

This is M4 (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014): the x range is cut
into ``BUCKETS`` equal spans and each series keeps, in each span, its rows of least and greatest x (where the line
enters and leaves) and of least and greatest y (its extremes). The line between two kept rows of a span stays within
the span's least and greatest y, and the segment between two spans joins rows that were next to each other, so a
pixel column made of whole spans is drawn with the same lowest and highest pixel as from every row: where the chart's
columns fall on the spans' edges the picture is the same, elsewhere a column that cuts a span may differ where it cuts
it, by at most the span's own height (tests/test_chart_thinning.py compares the two pictures). A span's extreme whose
neighbour is far below or above it (a spike) keeps that neighbour too, so that the line rises to it where the data
does rather than slanting to it across columns. ``BUCKETS`` is a wide screen's chart width in pixels, so a series
sends at most four times that many rows, and up to twice that with spikes (``MOST_PER_LINE``).

Rows are kept whole (every column of a kept row), so colours, sizes and tooltips stay those of the data; the rows of
several series are the union of each one's, so stacked areas still meet at the same x. The script's data itself is
never changed. Zooming into a thinned chart shows the thinned rows (the spans widen with the zoom).

Works on the Python values of a ``_chart_data.Table``; NumPy is used when it is loaded (it is whenever the data came
from pandas, polars' ``to_numpy`` or an array), never imported for this.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

#: The spans the x range is cut into: about the pixel columns of a chart across a wide screen.
BUCKETS = 2_000
#: A series of more rows than this is thinned (fewer would keep about as many).
THIN_ABOVE = 4 * BUCKETS
#: The most rows a thinned line keeps: four a span, and the steep neighbours of its two extremes (spikes).
MOST_PER_LINE = 8 * BUCKETS


def number(value: Any) -> float | None:
    """A value as a position on a continuous axis (dates and times as seconds), or None: missing, NaN, or none."""
    if value is None or isinstance(value, (str, bytes, bool)):
        return None
    if isinstance(value, (int, float, Decimal)):
        found = float(value)
    elif isinstance(value, datetime):
        found = value.timestamp() if value.tzinfo is not None else (value - datetime(1970, 1, 1)).total_seconds()
    elif isinstance(value, date):
        found = float(value.toordinal() * 86_400)
    elif isinstance(value, time):
        found = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    elif isinstance(value, timedelta):
        found = value.total_seconds()
    elif type(value).__module__ == "numpy" and hasattr(value, "item"):
        return number(value.item())
    else:
        return None
    return found if math.isfinite(found) else None


def thinned_rows(
    xs: Sequence[Any], series: Sequence[Sequence[Any]], groups: Sequence[Any] | None = None
) -> list[int] | None:
    """The rows to draw of a chart whose rows have the x values ``xs`` and, per series drawn, the y values in
    ``series`` (one sequence per y column, as long as ``xs``); ``groups``, when given, splits the rows into lines
    of their own (a colour column's values). None when nothing needs thinning: no line has more than ``THIN_ABOVE``
    rows, or x is no continuous axis (text, categories)."""
    count = len(xs)
    if count <= THIN_ABOVE or not series:
        return None
    members: dict[Any, list[int]] = {}
    if groups is None:
        members[None] = list(range(count))
    else:
        for row, key in enumerate(groups):
            members.setdefault(group_key(key), []).append(row)
    if all(len(rows) <= THIN_ABOVE for rows in members.values()):
        return None
    x = floats(xs)
    present = [value for value in x if not math.isnan(value)]
    if len(present) < count // 2:  # mostly no numbers: a discrete axis, drawn as it is
        return None
    low, high = min(present), max(present)
    if not high > low:
        return None
    numpy = sys.modules.get("numpy")
    m4: _M4 | _M4Numpy = _M4Numpy(numpy, x, low, high) if numpy is not None else _M4(x, low, high)
    kept: set[int] = set()
    for ys in series:
        y = floats(ys)
        for rows in members.values():
            kept.update(rows if len(rows) <= THIN_ABOVE else m4.rows(rows, y))
    return sorted(kept)


def floats(values: Sequence[Any]) -> list[float]:
    """Values as positions on a continuous axis (``number``), NaN for none."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        try:  # numbers and None: NumPy converts them at once
            found: list[float] = numpy.asarray(values, dtype=float).tolist()
            return found
        except (TypeError, ValueError):
            pass
    nan = math.nan
    return [nan if (found_ := number(value)) is None else found_ for value in values]


def group_key(value: Any) -> Any:
    """A value as a key of the rows it groups: itself, its text when it cannot be hashed, None for NaN."""
    try:
        hash(value)
    except TypeError:
        return repr(value)
    if isinstance(value, float) and math.isnan(value):
        return None  # every NaN one group, as None
    return value


class _M4:
    """M4 in plain Python: of a line's rows, in each span the rows of least and greatest x, of least and greatest y,
    and the steep neighbours of those two (``_steep``); rows without an x or a y are not drawn, so not kept."""

    def __init__(self, x: list[float], low: float, high: float) -> None:
        self.x = x
        scale = BUCKETS / (high - low)
        self.spans = [-1 if math.isnan(value) else min(int((value - low) * scale), BUCKETS - 1) for value in x]

    def rows(self, rows: list[int], y: list[float]) -> list[int]:
        x, spans = self.x, self.spans
        line = sorted((row for row in rows if spans[row] >= 0 and y[row] == y[row]), key=x.__getitem__)
        # span -> [place in line of least x, of greatest x, of least y, of greatest y]
        best: dict[int, list[int]] = {}
        for place, row in enumerate(line):
            found = best.get(spans[row])
            if found is None:
                best[spans[row]] = [place, place, place, place]
                continue
            found[1] = place  # the line is in x order: the first and last of a span are its least and greatest x
            if y[row] < y[line[found[2]]]:
                found[2] = place
            elif y[row] > y[line[found[3]]]:
                found[3] = place
        kept: list[int] = []
        for first, last, least, most in best.values():
            kept += (first, last, least, most)
            height = y[line[most]] - y[line[least]]
            for extreme in (least, most):
                for near in (extreme - 1, extreme + 1):
                    if 0 <= near < len(line) and _steep(y[line[extreme]], y[line[near]], height):
                        kept.append(near)
        return [line[place] for place in kept]


class _M4Numpy:
    """The same with NumPy: a line's rows sorted by x (and, within each span, by y), the first and last of each span
    kept, and the steep neighbours of its extremes."""

    def __init__(self, numpy: Any, x: list[float], low: float, high: float) -> None:
        self.np = numpy
        self.x = numpy.asarray(x, dtype=float)
        scaled = numpy.floor((numpy.nan_to_num(self.x, nan=low) - low) * (BUCKETS / (high - low)))
        self.spans = numpy.where(numpy.isnan(self.x), -1, numpy.minimum(scaled, BUCKETS - 1)).astype(numpy.int64)

    def rows(self, rows: list[int], y: list[float]) -> list[int]:
        np = self.np
        ys = np.asarray(y, dtype=float)
        chosen = np.arange(len(y)) if len(rows) == len(y) else np.asarray(rows, dtype=np.int64)  # all, or a group's
        chosen = chosen[(self.spans[chosen] >= 0) & ~np.isnan(ys[chosen])]
        if chosen.size == 0:
            return []
        spans = self.spans[chosen]
        line = chosen[np.lexsort((self.x[chosen], spans))]  # in x order (spans follow x)
        by_y = np.lexsort((ys[line], self.spans[line]))  # places in line: by span, then y
        ordered = self.spans[line]
        cuts = np.flatnonzero(np.diff(ordered)) + 1
        firsts = np.concatenate(([0], cuts))
        lasts = np.concatenate((cuts, [ordered.size])) - 1
        least, most = by_y[firsts], by_y[lasts]
        extremes = np.concatenate((least, most))
        height = np.tile(ys[line[most]] - ys[line[least]], 2)
        near = [firsts, lasts, extremes]
        for step in (-1, 1):
            places = np.clip(extremes + step, 0, line.size - 1)
            near.append(places[_steep(ys[line[extremes]], ys[line[places]], height)])
        found: list[int] = line[np.concatenate(near)].tolist()
        return found


def _steep(extreme: Any, neighbour: Any, height: Any) -> Any:
    """Whether the line from a span's extreme to its neighbour (in x order) climbs more than half the span's height:
    a spike, whose neighbour is kept too, so that the line rises to it where the data does (without it, the line
    would slant to the spike from the last kept row, across pixel columns that never reach its height). Numbers or
    NumPy arrays."""
    return abs(extreme - neighbour) > height / 2
