"""A bundle of a data app (examples/data_app: pandas, a built-in chart, an Altair chart, a dataframe) works offline,
charts included, and leaves out the large libraries its libraries import only optionally (polars, matplotlib...).

One PyInstaller build per test session (two to four minutes on two cores: pandas and pyarrow are most of it); its
size is printed (``-s``) and recorded in docs/packaging.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bundle_harness import Bundle, built, serve_offline
from support import REPO

pytestmark = [pytest.mark.bundle, pytest.mark.slow, pytest.mark.timeout(600)]

EXAMPLE = REPO / "examples" / "data_app" / "app.py"
NAME = "Harvest"

#: Run in Chromium once the page's run has finished: the charts draw after their library loads, so wait for marks.
CHARTS_DRAWN = "; ".join([
    "page.wait_for_selector('.chart svg g.mark-line path', timeout=30000)",
    "page.wait_for_selector('.chart svg g.mark-rect path', timeout=30000)",
    "checked = {'lines': page.locator('.chart svg g.mark-line path').count(), "
    "'bars': page.locator('.chart svg g.mark-rect path').count(), "
    "'requests': [r for r in page.evaluate('performance.getEntriesByType(\"resource\").map(e => e.name)') "
    "if not r.startswith('http://127.0.0.1:')]}",
])


@pytest.fixture(scope="module")
def data_bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return built(EXAMPLE, NAME, tmp_path_factory.mktemp("data-bundle"), tmp_path_factory.mktemp("data-cache"))


def test_the_build_carries_pandas_altair_and_pyarrow_and_says_what_it_left_out(data_bundle: Bundle) -> None:
    internal = data_bundle.folder / "_internal"
    for library in ("pandas", "altair", "pyarrow", "numpy"):  # packages with files besides their modules
        assert (internal / library).is_dir(), library
    assert (internal / "app" / "harvest.csv").is_file()
    left_out = next(line for line in data_bundle.output.splitlines() if "left out, as the app does not import" in line)
    for library in ("polars", "matplotlib"):
        assert library in left_out and not (internal / library).exists(), library
    assert not (internal / "_polars_runtime_32").exists()


def test_the_data_app_bundle_shows_its_table_and_charts_offline(data_bundle: Bundle, tmp_path: Path) -> None:
    shown = serve_offline(data_bundle, tmp_path, check=CHARTS_DRAWN)
    assert "Harvest" in shown.text and "Tonnes picked" in shown.text, shown.text
    assert "24 rows of 48, read from harvest.csv with pandas" in shown.text, shown.text
    assert "apples" in shown.text and "pears" in shown.text, shown.text
    assert shown.checked["lines"] >= 2 and shown.checked["bars"] >= 2, shown.checked  # a line and a bar per crop
    assert shown.checked["requests"] == [], shown.checked
    print(f"\n[data bundle] offline: first rendered page {shown.seconds:.2f} s after start, "
          f"size {data_bundle.size / 1e6:.0f} MB")
