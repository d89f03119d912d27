"""Built-in line and area charts of many points are thinned on the server (issue 10, ``elements._chart_thinning``: M4,
each pixel column's extremes kept) and draw the same picture: the lowest and highest pixel of every column, rasterised
here as a canvas would draw the line, are those of the whole data. In Chromium, a chart of 100,000 points shows."""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from engine_harness import running_engine
from porch.elements import _chart_thinning
from porch.elements._builtin_charts import AREA, BAR, LINE, SCATTER, Kind, builtin_spec
from porch.elements._chart_thinning import BUCKETS, MOST_PER_LINE, THIN_ABOVE, thinned_rows
from porch.testing import AppTest

Column = tuple[int, int]


def extremes(x: np.ndarray, y: np.ndarray, width: int, height: int, domain: tuple[float, float],
             y_domain: tuple[float, float]) -> list[Column | None]:
    """The line through (x, y), in x order, drawn on ``width`` pixel columns (x from ``domain``) and ``height`` rows:
    per column, the lowest and highest pixel row it covers (None: the line does not cross it). Each segment covers,
    in each column it crosses, the y values between its ends clipped to the column, as a canvas strokes it."""
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    low, high = domain
    px = (x - low) / (high - low) * width
    py = (y - y_domain[0]) / (y_domain[1] - y_domain[0]) * height
    found: list[list[float] | None] = [None] * width

    def cover(column: int, a: float, b: float) -> None:
        if not 0 <= column < width:
            return
        span = found[column]
        lo, hi = min(a, b), max(a, b)
        found[column] = [lo, hi] if span is None else [min(span[0], lo), max(span[1], hi)]

    for i in range(len(px)):
        cover(min(int(px[i]), width - 1), py[i], py[i])
        if i == 0:
            continue
        x0, y0, x1, y1 = px[i - 1], py[i - 1], px[i], py[i]
        first, last = min(int(x0), width - 1), min(int(x1), width - 1)
        for edge in range(first + 1, last + 1):  # where the segment crosses a column's left edge
            at = y0 + (y1 - y0) * (edge - x0) / (x1 - x0)
            cover(edge - 1, at, at)
            cover(edge, at, at)
    return [None if span is None else (int(span[0]), int(span[1])) for span in found]


def drawn(values: list[dict[str, Any]], x: str, y: str, series: tuple[str, str] | None = None) -> dict[Any, Any]:
    """The sent rows as (x, y) arrays, per series (the melted table's series column, or one series)."""
    lines: dict[Any, list[tuple[float, float]]] = {}
    for row in values:
        name = row[series[0]] if series else None
        lines.setdefault(name, []).append((row[x], row[series[1] if series else y]))
    return {name: (np.array([p[0] for p in points], float), np.array([p[1] for p in points], float))
            for name, points in lines.items()}


def walk(n: int, seed: int) -> np.ndarray:
    return np.cumsum(np.random.default_rng(seed).standard_normal(n))


def spiky(n: int) -> np.ndarray:
    """A quiet sine with single-point spikes up and down: what a sampled line would lose."""
    y = np.sin(np.arange(n) / 5000)
    rng = np.random.default_rng(3)
    y[rng.choice(n, 40, replace=False)] += rng.choice([-8.0, 8.0], 40)
    return y


@pytest.mark.parametrize("series", ["walk", "spiky"])
@pytest.mark.parametrize("width", [500, 1000, 2000])
def test_columns_on_the_spans_edges_draw_the_same_extremes(series: str, width: int) -> None:
    n = 100_000
    y = walk(n, 1) if series == "walk" else spiky(n)
    x = np.arange(n, dtype=float)
    rows = thinned_rows(x.tolist(), [y.tolist()])
    assert rows is not None and len(rows) <= MOST_PER_LINE
    kept = np.array(rows)
    domain, y_domain = (0.0, float(n - 1)), (float(y.min()), float(y.max()))
    full = extremes(x, y, width, 400, domain, y_domain)
    thin = extremes(x[kept], y[kept], width, 400, domain, y_domain)
    assert thin == full


@pytest.mark.parametrize("width", [333, 704, 1280])
def test_columns_anywhere_draw_spikes_the_same_and_noise_within_a_span_s_height(width: int) -> None:
    """Vega rounds the axis to nice numbers and charts have any width, so a pixel column may cut a span: there, the
    line between two kept rows may miss or overshoot what the rows between them drew in that column, by at most
    the span's own height. Spikes draw the same (their steep neighbours are kept); on a random walk most columns
    are the same, the others within a span's height."""
    n = 100_000
    x = np.arange(n, dtype=float)
    domain = (-1234.0, 101_000.0)  # a nice domain, wider than the data
    for name, y in (("spiky", spiky(n)), ("walk", walk(n, 2))):
        rows = thinned_rows(x.tolist(), [y.tolist()])
        assert rows is not None
        kept = np.array(rows)
        y_domain = (float(y.min()), float(y.max()))
        full = extremes(x, y, width, 400, domain, y_domain)
        thin = extremes(x[kept], y[kept], width, 400, domain, y_domain)
        assert [a is None for a in full] == [b is None for b in thin]
        differences = [max(abs(a[0] - b[0]), abs(a[1] - b[1])) for a, b in zip(full, thin) if a and b]
        if name == "spiky":
            assert differences == [0] * len(differences)
            continue
        spans = np.minimum((x * BUCKETS / (n - 1)).astype(int), BUCKETS - 1)
        starts = np.concatenate(([0], np.flatnonzero(np.diff(spans)) + 1))
        heights = np.maximum.reduceat(y, starts) - np.minimum.reduceat(y, starts)
        span_pixels = float(heights.max()) / (y_domain[1] - y_domain[0]) * 400
        assert max(differences) <= math.ceil(span_pixels) + 1
        assert differences.count(0) > len(differences) / 2


def spec_of(kind: Kind, data: Any, **options: Any) -> tuple[list[dict[str, Any]], str | None]:
    arguments: dict[str, Any] = {"x": None, "y": None, "x_label": None, "y_label": None, "color": None}
    spec, note = builtin_spec(kind, data, **{**arguments, **options})
    values: list[dict[str, Any]] = spec["data"]["values"]
    return values, note


def test_a_line_chart_of_100000_points_sends_a_few_thousand_and_draws_the_same() -> None:
    import pandas as pd

    y = walk(100_000, 4)
    values, note = spec_of(LINE, pd.DataFrame({"value": y}))
    assert note is None and BUCKETS < len(values) <= MOST_PER_LINE
    assert all(row["value"] == y[row["(index)"]] for row in values)  # the data's own rows, whole
    (x, thin_y), = drawn(values, "(index)", "value").values()
    x_all = np.arange(len(y), dtype=float)
    domain, y_domain = (0.0, len(y) - 1.0), (float(y.min()), float(y.max()))
    assert extremes(x, thin_y, 1000, 400, domain, y_domain) == extremes(x_all, y, 1000, 400, domain, y_domain)


def test_each_line_of_a_wide_frame_and_of_a_colour_column_keeps_its_extremes() -> None:
    import pandas as pd

    a, b = walk(50_000, 5), spiky(50_000)
    values, _ = spec_of(LINE, pd.DataFrame({"a": a, "b": b}))
    lines = drawn(values, "(index)", "", series=("(series)", "(value)"))
    assert set(lines) == {"a", "b"} and len(values) <= 2 * 2 * MOST_PER_LINE
    long = pd.DataFrame({"t": np.tile(np.arange(50_000), 2), "v": np.concatenate([a, b]),
                         "name": ["a"] * 50_000 + ["b"] * 50_000})
    grouped, _ = spec_of(LINE, long, x="t", y="v", color="name")
    by_name: dict[str, list[dict[str, Any]]] = {}
    for row in grouped:
        by_name.setdefault(row["name"], []).append(row)
    for name, y in (("a", a), ("b", b)):
        x_all = np.arange(len(y), dtype=float)
        domain, y_domain = (0.0, len(y) - 1.0), (float(y.min()), float(y.max()))
        want = extremes(x_all, y, 500, 300, domain, y_domain)
        (x, thin), = drawn(by_name[name], "t", "v").values()
        assert extremes(x, thin, 500, 300, domain, y_domain) == want
        wide_x, wide_y = lines[name]
        assert extremes(wide_x, wide_y, 500, 300, domain, y_domain) == want


def test_stacked_areas_of_a_colour_column_keep_the_same_x_in_every_layer() -> None:
    import pandas as pd

    n = 30_000
    long = pd.DataFrame({"t": np.tile(np.arange(n), 2), "v": np.abs(np.concatenate([walk(n, 6), walk(n, 7)])),
                         "name": ["a"] * n + ["b"] * n})
    values, _ = spec_of(AREA, long, x="t", y="v", color="name")
    assert len(values) < 2 * n
    xs = {name: {row["t"] for row in values if row["name"] == name} for name in ("a", "b")}
    assert xs["a"] == xs["b"]


def test_1000000_points_are_thinned_rather_than_cut_at_100000() -> None:
    values, note = spec_of(LINE, {"y": walk(1_000_000, 8)})
    assert note is None and len(values) <= MOST_PER_LINE
    assert max(row["(index)"] for row in values) == 999_999


def test_dates_along_x_are_thinned_too() -> None:
    import pandas as pd

    frame = pd.DataFrame({"when": pd.date_range("2024-01-01", periods=20_000, freq="min"), "v": walk(20_000, 9)})
    values, note = spec_of(LINE, frame, x="when", y="v")
    assert note is None and len(values) < 20_000
    assert values[0]["when"] == "2024-01-01T00:00:00.000"


@pytest.mark.parametrize("kind", [BAR, SCATTER])
def test_bars_of_categories_scatter_plots_and_short_lines_send_every_row(kind: Kind) -> None:
    data = {"y": walk(20_000, 10).tolist()}
    assert len(spec_of(kind, data)[0]) == 20_000
    assert len(spec_of(LINE, {"y": walk(THIN_ABOVE, 11).tolist()})[0]) == THIN_ABOVE
    assert len(spec_of(LINE, {"x": [f"k{i}" for i in range(20_000)], "y": list(range(20_000))}, x="x")[0]) == 20_000


def test_bars_along_dates_keep_each_span_s_tallest_and_lowest() -> None:
    import pandas as pd

    y = walk(20_000, 12)
    frame = pd.DataFrame({"when": pd.date_range("2024-01-01", periods=20_000, freq="h"), "v": y})
    values, note = spec_of(BAR, frame, x="when", y="v")
    assert note is None and len(values) < 20_000
    kept = {row["v"] for row in values}
    spans = np.minimum((np.arange(20_000) * BUCKETS / 19_999).astype(int), BUCKETS - 1)
    for span in range(0, BUCKETS, 97):
        inside = y[spans == span]
        assert inside.max() in kept and inside.min() in kept


def test_thinning_needs_no_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    x = list(range(50_000))
    y = [math.sin(i / 300) + (5 if i == 12_345 else 0) for i in x]
    with_numpy = thinned_rows(x, [y])
    monkeypatch.setattr(_chart_thinning, "sys", SimpleNamespace(modules={}))  # as if NumPy were not loaded
    without = _chart_thinning.thinned_rows(x, [y])
    assert with_numpy is not None and without is not None and sorted(set(with_numpy)) == sorted(set(without))
    assert 12_345 in without


def test_the_chart_element_sends_the_thinned_rows() -> None:
    at = AppTest.from_string(
        "import numpy as np\nimport porch as st\n"
        "st.line_chart(np.cumsum(np.random.default_rng(0).standard_normal(100_000)))"
    ).run(timeout=60)  # a first import of numpy, on a loaded machine
    chart = at.vega_lite_chart[0]
    assert chart.note is None and len(chart.data) <= MOST_PER_LINE


# -- in Chromium ------------------------------------------------------------------------------------------------------

DRAWN = """
() => [...document.querySelectorAll('canvas.marks')].some((canvas) => {
  if (!canvas.width || !canvas.height) return false;
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let coloured = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 128 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) coloured++;
  }
  return coloured > 2000;
})
"""


@pytest.mark.browser
def test_a_line_chart_of_100000_points_shows_in_chromium(context: Any) -> None:
    source = (
        "import numpy as np\nimport porch as st\n"
        "st.line_chart(np.cumsum(np.random.default_rng(0).standard_normal(100_000)), height=400, alt='A walk')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        figure = page.get_by_role("figure", name="A walk")
        figure.wait_for(timeout=30_000)
        page.wait_for_function(DRAWN, timeout=60_000)  # the line, in colour, on the chart's canvas
        assert figure.locator(".chart-error").is_hidden()
        assert figure.locator(".chart-note, .vega_lite_chart-note").evaluate_all("(n) => n.every((e) => e.hidden)")
