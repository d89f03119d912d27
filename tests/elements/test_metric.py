"""``metric``: st.metric, its texts, the delta's arrow and colour, number formats and the sparkline."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from typing import Any

import pytest
from playwright.sync_api import expect

import porch
from engine_harness import running_engine
from porch.elements.metric import format_number
from support import REPO, app, kinds


def test_the_signature_is_streamlits() -> None:
    reference = json.loads((REPO.parent / "shared" / "reference" / "streamlit-1.67-api.json").read_text())
    expected = [p["name"] for p in reference["names"]["st.metric"]["params"]]
    params = inspect.signature(porch.metric).parameters
    assert list(params) == expected
    assert [p.name for p in params.values() if p.kind is inspect.Parameter.KEYWORD_ONLY] == expected[4:]


def test_label_value_and_delta_are_shown_as_streamlit_shows_them() -> None:
    at = app(
        'st.metric("Temperature", "70 °F", "1.2 °F")\n'
        'st.metric("Wind", 9, -8)\n'
        'st.metric("Ratio", 1.50, 0.25)\n'
        "import decimal\n"
        'st.metric("Price", decimal.Decimal("4.50"))\n'
        'st.metric("Nothing", None)\n'
        'st.metric("**Bold** label", "*big*")\n'
    )
    assert [m.label for m in at.metric] == ["Temperature", "Wind", "Ratio", "Price", "Nothing", "**Bold** label"]
    assert [m.value for m in at.metric] == ["70 °F", "9", "1.5", "4.50", "—", "*big*"]
    assert at.metric[5].rendered_label == "Bold label" and at.metric[5].rendered_value == "big"
    assert [m.delta for m in at.metric] == ["1.2 °F", "-8", "0.25", "", "", ""]
    assert at.metric[3].props["delta_html"] is None
    assert "<strong>Bold</strong>" in at.metric[5].props["label_html"]


def test_numpy_numbers_are_shown_as_their_python_values() -> None:
    import numpy as np
    at = app("import numpy as np\nst.metric('n', np.int64(3), np.float64(-0.5))")
    assert (at.metric[0].value, at.metric[0].delta) == ("3", "-0.5")
    assert at.metric[0].direction == "down"
    assert np is not None


@pytest.mark.parametrize(
    "delta, color_mode, colour, direction",
    [
        ("1.2 °F", "normal", "green", "up"),
        ("-8%", "normal", "red", "down"),
        (5, "normal", "green", "up"),
        (-0.5, "normal", "red", "down"),
        (-0.5, "inverse", "green", "down"),
        (3, "inverse", "red", "up"),
        (3, "off", "gray", "up"),
        (0, "normal", "gray", None),
        (0.0, "inverse", "gray", None),
        ("0", "normal", "gray", None),
        ("0%", "normal", "green", "up"),
        ("-0.0%", "normal", "red", "down"),
        (None, "normal", "gray", None),
        ("", "inverse", "gray", None),
        (-2, "blue", "blue", "down"),
        (2, "grey", "gray", "up"),
        (2, "primary", "primary", "up"),
        (0, "violet", "violet", None),
    ],
)
def test_the_delta_sets_the_arrow_and_delta_color_the_colour(
    delta: Any, color_mode: str, colour: str, direction: str | None
) -> None:
    at = app("st.metric('m', 10, delta, delta_color)", delta=delta, delta_color=color_mode)
    assert (at.metric[0].color, at.metric[0].direction) == (colour, direction)


@pytest.mark.parametrize("arrow, direction", [("auto", "down"), ("up", "up"), ("down", "down"), ("off", None)])
def test_delta_arrow_forces_or_hides_the_arrow(arrow: str, direction: str | None) -> None:
    at = app("st.metric('m', 10, -3, delta_arrow=arrow, delta_description='vs. last week')", arrow=arrow)
    assert at.metric[0].direction == direction
    assert at.metric[0].color == "red"
    assert at.metric[0].props["delta_description"] == "vs. last week"


def test_a_metric_carries_its_help_icon_border_and_size() -> None:
    at = app(
        "st.metric('m', 1, help='How many', icon='🔥', border=True, width=240, height='stretch',"
        " label_visibility='collapsed')\nst.metric('plain', 2)"
    )
    props = at.metric[0].props
    assert (props["help"], props["icon"], props["border"]) == ("How many", "🔥", True)
    assert (props["width"], props["height"], props["label_visibility"]) == (240, "stretch", "collapsed")
    other = at.metric[1].props
    assert (other["icon"], other["border"], other["width"], other["height"]) == (None, False, "stretch", "content")


@pytest.mark.parametrize(
    "fmt, value, delta, shown",
    [
        ("plain", 1234.567, -2, ("1234.567", "-2")),
        ("localized", 1234.567, 1000, ("1,234.567", "1,000")),
        ("percent", 0.256, -0.01, ("25.60%", "-1.00%")),
        ("dollar", 1234.567, -0.5, ("$1,234.57", "-$0.50")),
        ("euro", "1234.567", None, ("€1,234.57", "")),
        ("yen", 1234.567, None, ("¥1,235", "")),
        ("accounting", -1234.5, None, ("(1,234.50)", "")),
        ("bytes", 1234.567, None, ("1.2KB", "")),
        ("compact", 1234567, None, ("1.2M", "")),
        ("scientific", 1234.567, None, ("1.235E3", "")),
        ("engineering", 12345.6, None, ("12.346E3", "")),
        ("%d", 1234.567, None, ("1234", "")),
        ("%.2f", 3.14159, 0.5, ("3.14", "0.50")),
        ("%,d", 1234567, None, ("1,234,567", "")),
        ("%.1f kg", 70.26, None, ("70.3 kg", "")),
        ("dollar", "n/a", "+5%", ("n/a", "+5%")),
    ],
)
def test_format_shows_numbers_and_leaves_other_text(fmt: str, value: Any, delta: Any, shown: tuple[str, str]) -> None:
    at = app("st.metric('m', value, delta, format=fmt)", value=value, delta=delta, fmt=fmt)
    assert (at.metric[0].rendered_value, at.metric[0].rendered_delta) == shown


def test_a_formatted_delta_keeps_its_direction_from_the_number() -> None:
    at = app("st.metric('m', 1, -0.5, format='accounting')")
    assert (at.metric[0].rendered_delta, at.metric[0].direction, at.metric[0].color) == ("(0.50)", "down", "red")
    assert format_number(0, "scientific") == "0E0"


FAKES = """
class Seriesish:
    # What a pandas Series offers the metric: tolist.
    def __init__(self, values):
        self.values = values

    def tolist(self):
        return list(self.values)


class Frameish:
    # What a pandas DataFrame offers: columns and iloc[:, 0].
    columns = ["a", "b"]

    class _ILoc:
        def __getitem__(self, key):
            assert key == (slice(None), 0)
            return Seriesish([5, 6, 7])

    iloc = _ILoc()
"""


@pytest.mark.parametrize(
    "data, expected",
    [
        ("[1, 2, 3]", [1.0, 2.0, 3.0]),
        ("(4, 5.5)", [4.0, 5.5]),
        ("range(3)", [0.0, 1.0, 2.0]),
        ("(x * 2 for x in [1, 2])", [2.0, 4.0]),
        ("[1, float('nan'), float('inf'), 2]", [1.0, None, None, 2.0]),
        ("{'x': [1, 2]}", [1.0, 2.0]),
        ("Seriesish([1, 2.5])", [1.0, 2.5]),
        ("Frameish()", [5.0, 6.0, 7.0]),
        ("[]", None),
    ],
)
def test_chart_data_accepts_sequences_series_and_frames(data: str, expected: list[float | None] | None) -> None:
    at = app(FAKES + f"st.metric('m', 1, chart_data={data}, chart_type='area')")
    assert at.metric[0].chart_data == expected
    assert at.metric[0].props["chart_type"] == "area"


def test_chart_data_from_numpy_and_pandas() -> None:
    import numpy as np
    at = app("import numpy as np\nst.metric('a', 1, chart_data=np.array([1, 2, 3]))\n"
             "st.metric('b', 1, chart_data=np.array([[1, 9], [2, 9]]))")
    assert [m.chart_data for m in at.metric] == [[1.0, 2.0, 3.0], [1.0, 2.0]]
    assert np is not None
    import pandas  # noqa: F401  (installed with the test extra)
    at = app("import pandas as pd\nst.metric('s', 1, chart_data=pd.Series([3, 4]))\n"
             "st.metric('f', 1, chart_data=pd.DataFrame({'x': [5, 6], 'y': [0, 0]}))")
    assert [m.chart_data for m in at.metric] == [[3.0, 4.0], [5.0, 6.0]]


def test_a_metric_with_a_chart_imports_neither_numpy_nor_pandas() -> None:
    code = (
        "import sys\n"
        "from porch.testing import AppTest\n"
        "at = AppTest.from_string('import porch as st\\nst.metric(\"m\", 1, 2, chart_data=[1, 2, 3])').run(timeout=60)\n"
        "assert at.metric[0].chart_data == [1.0, 2.0, 3.0], at.exception\n"
        "print(sorted(m for m in ('numpy', 'pandas') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "call, message",
    [
        ("st.metric('m', 1, 2, 'green-ish')", "delta_color must be one of"),
        ("st.metric('m', 1, delta_arrow='sideways')", "delta_arrow must be one of"),
        ("st.metric('m', 1, chart_data=[1], chart_type='pie')", "chart_type must be one of"),
        ("st.metric('m', 1, label_visibility='gone')", "label_visibility must be one of"),
        ("st.metric('m', [1, 2])", "value must be a number, a string or None"),
        ("st.metric('m', 1, object())", "delta must be a number, a string or None"),
        ("st.metric('m', 1, chart_data=[1, 'x'])", "chart_data must hold numbers only"),
        ("st.metric('m', 1, chart_data=[1, None])", "chart_data must hold numbers only"),
        ("st.metric('m', 1, chart_data='123')", "chart_data must be a sequence of numbers"),
        ("st.metric('m', 1, chart_data=5)", "chart_data must be a sequence of numbers"),
        ("st.metric('m', 1, format='fancy')", "format must be one of"),
        ("st.metric('m', 1, width=0)", "width must be"),
        ("st.metric('m', 1, icon=5)", "icon must be a string"),
    ],
)
def test_bad_arguments_are_clear_errors_naming_the_call(call: str, message: str) -> None:
    at = app(call)
    assert at.run_status == "error"
    assert at.exception[0].props["type"] == "PorchAPIError"
    assert "metric()" in at.exception[0].message and message in at.exception[0].message
    assert len(at.metric) == 0


def test_a_metric_is_replaced_in_place_and_works_in_columns() -> None:
    at = app(
        "a, b = st.columns(2)\n"
        "slot = a.metric('Users', 10, 1)\n"
        "slot.metric('Users', 12, 2)\n"
        "b.metric('Errors', 3, -1, delta_color='inverse')\n"
    )
    assert [(m.label, m.value, m.color) for m in at.metric] == [("Users", "12", "green"), ("Errors", "3", "green")]
    assert kinds(at.columns[0]) == ["metric"]


@pytest.mark.browser
def test_metrics_render_with_arrows_colours_and_sparklines(context: Any) -> None:
    source = (
        "import porch as st\n"
        "n = st.number_input('Visitors', value=120)\n"
        "st.metric('Visitors', n, n - 100, border=True, chart_data=[3, 5, 4, n / 10], help='Per day')\n"
        "st.metric('Cost', '$4', -0.5, delta_color='inverse', chart_data=[1, 3, 2], chart_type='bar')\n"
        "st.metric('Flat', 7, 0, delta_description='since Monday', chart_data=[1, float('nan'), 3, 4], chart_type='area')\n"
    )
    with running_engine(source) as server:
        page = context.new_page()
        page.goto(server.url)
        visitors = page.locator(".metric").nth(0)
        expect(visitors.locator(".metric-value")).to_have_text("120")
        expect(visitors.locator(".metric-delta")).to_have_text("20")
        expect(visitors.locator(".metric-delta")).to_have_attribute("data-direction", "up")
        expect(visitors.locator(".metric-arrow")).to_have_attribute("aria-label", "up")
        expect(visitors).to_have_attribute("data-color", "green")
        assert "metric-border" in (visitors.get_attribute("class") or "")
        expect(visitors.locator(".metric-line")).to_have_count(1)
        expect(visitors.locator(".metric-chart")).to_have_attribute("aria-label", "Trend of 4 values, from 3 to 12")
        # A person changes the number; the metric follows the script.
        field = page.get_by_label("Visitors")
        field.fill("90")
        field.press("Enter")
        expect(visitors.locator(".metric-value")).to_have_text("90")
        expect(visitors.locator(".metric-delta")).to_have_text("-10")
        expect(visitors).to_have_attribute("data-color", "red")
        expect(visitors.locator(".metric-delta")).to_have_attribute("data-direction", "down")
        expect(visitors.locator(".metric-chart")).to_have_attribute("aria-label", "Trend of 4 values, from 3 to 9")
        cost = page.locator(".metric").nth(1)
        expect(cost).to_have_attribute("data-color", "green")
        expect(cost.locator(".metric-bar")).to_have_count(3)
        flat = page.locator(".metric").nth(2)
        expect(flat.locator(".metric-delta-description")).to_have_text("since Monday")
        expect(flat.locator(".metric-arrow")).to_be_hidden()
        expect(flat.locator(".metric-area")).to_have_count(1)
        # The line breaks at the gap: two runs, each its own move.
        assert (flat.locator(".metric-line").get_attribute("d") or "").count("M") == 2
        colours = page.eval_on_selector_all(
            ".metric-delta", "nodes => nodes.map(n => getComputedStyle(n).color)"
        )
        assert len(set(colours)) == 3, colours


def test_apptest_reads_label_value_and_delta_as_the_script_gave_them_as_streamlit_does() -> None:
    at = app('st.metric("**Revenue** :red[EU]", "*big*", "**+3**")\nst.metric("Cost", 1234.5, -2, format="dollar")\n'
             'st.metric("None", None)')
    assert [(m.label, m.value, m.delta) for m in at.metric] == [
        ("**Revenue** :red[EU]", "*big*", "**+3**"), ("Cost", "1234.5", "-2"), ("None", "—", "")
    ]
    assert [m.rendered_text for m in at.metric] == ["Revenue EU big +3", "Cost $1,234.50 -$2.00", "None —"]
