"""``max_chart_points`` (issue 12, "limits are configuration"): the most points a chart sends is the engine's setting,
not a constant. A chart of more than the session's setting draws the first ones with a note naming the setting and
how to raise it; a higher setting draws them all. It reaches sessions in the engine's process and, with
``isolation = "process"``, in their own; AppTest's sessions get the default. Its layers: file, env, flag."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine_harness import ProtocolClient, running_engine
from porch.config import EngineConfig
from porch.shell import settings as launch
from porch.shell.errors import LaunchError
from porch.shell.serve import engine_config
from porch.testing import AppTest

#: 80 points drawn five ways: a scatter chart, a bar chart of two series (160 points), a vega_lite_chart of records,
#: one of a dict of columns, and a map.
CHARTS = (
    "import porch as st\n"
    "n = 80\n"
    "st.scatter_chart({'y': list(range(n))})\n"
    "st.bar_chart({'a': list(range(n)), 'b': list(range(n))})\n"
    "st.vega_lite_chart([{'v': i} for i in range(n)], {'mark': 'point', 'encoding': {'y': {'field': 'v'}}})\n"
    "st.vega_lite_chart({'v': list(range(n))}, {'mark': 'point', 'encoding': {'y': {'field': 'v'}}})\n"
    "st.map({'lat': [0.0] * n, 'lon': [float(i) for i in range(n)]})\n"
)
#: The points each chart of CHARTS has.
POINTS = [80, 160, 80, 80, 80]
NAMED = "(the max_chart_points setting). Raise it with --max-chart-points, PORCH_MAX_CHART_POINTS"


def drawn(kind: str, props: dict[str, Any]) -> int:
    """The points a chart's element carries."""
    spec = props["spec"]
    if kind == "deck_gl_chart":
        return len(spec["layers"][0]["data"])
    return len(spec["data"]["values"])


def charts_of(at: AppTest) -> list[tuple[str, dict[str, Any]]]:
    return [("vega_lite_chart", c.props) for c in at.vega_lite_chart] + [("deck_gl_chart", c.props)
                                                                         for c in at.deck_gl_chart]


def apptest(points: int | None) -> AppTest:
    at = AppTest.from_string(CHARTS)
    if points is not None:
        at._session.max_chart_points = points  # AppTest has no config of its own: its session's, as the engine sets it
    at.run(timeout=60)
    assert not at.exception, at.exception
    return at


def test_apptest_sessions_get_the_default() -> None:
    at = apptest(None)
    assert at._session.max_chart_points == EngineConfig.max_chart_points == 100_000
    assert [drawn(kind, props) for kind, props in charts_of(at)] == POINTS
    assert all(not props.get("note") or "max_chart_points" not in props["note"] for _, props in charts_of(at))


def test_a_chart_of_more_points_than_the_setting_is_cut_with_a_note_naming_it() -> None:
    at = apptest(50)
    charts = charts_of(at)
    assert [drawn(kind, props) for kind, props in charts] == [50, 50, 50, 50, 50], "two series: 25 rows of each"
    for _, props in charts:
        assert "a chart draws at most 50 points " + NAMED in props["note"], props["note"]
    assert charts[0][1]["note"].startswith("Showing the first 50 of 80 rows")
    assert charts[1][1]["note"].startswith("Showing the first 25 of 80 rows"), "the bar chart's rows, of two series"
    assert {row["(index)"] for row in charts[1][1]["spec"]["data"]["values"]} == set(range(25))


def test_a_higher_setting_draws_every_point() -> None:
    at = apptest(160)
    charts = charts_of(at)
    assert [drawn(kind, props) for kind, props in charts] == POINTS
    assert all(not props.get("note") or "max_chart_points" not in props["note"] for _, props in charts)


def engine_charts(client: ProtocolClient) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if child.kind in ("vega_lite_chart", "deck_gl_chart"):
                found.append((child.kind, child.props))
            walk(child)

    for root in client.view.tree.roots:
        walk(root)
    return sorted(found, key=lambda chart: chart[0] == "deck_gl_chart")  # the map last, as in charts_of


@pytest.fixture(scope="module")
def process_engines() -> dict[int, list[tuple[str, dict[str, Any]]]]:
    """What a session in a process of its own (``isolation = "process"``) draws, for a low and a high setting."""
    shown: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    for points in (50, 160):
        with running_engine(CHARTS, isolation="process", max_chart_points=points) as server:
            client = ProtocolClient(server.ws_url, first_frame_timeout=60)
            client.until_finished(timeout=60, status="ok")
            shown[points] = engine_charts(client)
    return shown


def test_a_session_in_its_own_process_cuts_at_the_engines_setting(
    process_engines: dict[int, list[tuple[str, dict[str, Any]]]],
) -> None:
    charts = process_engines[50]
    assert [drawn(kind, props) for kind, props in charts] == [50, 50, 50, 50, 50]
    for _, props in charts:
        assert "a chart draws at most 50 points " + NAMED in props["note"], props["note"]


def test_a_session_in_its_own_process_draws_every_point_under_a_higher_setting(
    process_engines: dict[int, list[tuple[str, dict[str, Any]]]],
) -> None:
    charts = process_engines[160]
    assert [drawn(kind, props) for kind, props in charts] == POINTS
    assert all(not props.get("note") or "max_chart_points" not in props["note"] for _, props in charts)


# -- the setting's layers -------------------------------------------------------------------------------------------


@pytest.fixture
def app_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PORCH_APP_NAME", raising=False)
    app = tmp_path / "app"
    (app / ".porch").mkdir(parents=True)
    return app


def test_the_setting_is_layered_file_env_flag_and_reaches_the_engine(app_dir: Path) -> None:
    default = launch.load(app_dir, environ={})
    assert default.max_chart_points == 100_000 and default.source("max_chart_points") == "default"
    assert engine_config(default).max_chart_points == EngineConfig().max_chart_points == 100_000
    (app_dir / ".porch" / "config.toml").write_text("max_chart_points = 250000\n")
    from_file = launch.load(app_dir, environ={})
    assert from_file.max_chart_points == 250_000
    assert from_file.source("max_chart_points") == str(app_dir / ".porch" / "config.toml")
    from_env = launch.load(app_dir, environ={"PORCH_MAX_CHART_POINTS": "300000"})
    assert from_env.max_chart_points == 300_000 and from_env.source("max_chart_points") == "env PORCH_MAX_CHART_POINTS"
    from porch.shell.cli import _cli_settings, build_parser

    given = _cli_settings(build_parser().parse_args(["run", "app.py", "--max-chart-points", "500000"]))
    from_flag = launch.load(app_dir, given, environ={"PORCH_MAX_CHART_POINTS": "300000"})
    assert from_flag.max_chart_points == 500_000 and from_flag.source("max_chart_points") == "command line"
    assert engine_config(from_flag).max_chart_points == 500_000


@pytest.mark.parametrize(("env", "message"), [
    ({"PORCH_MAX_CHART_POINTS": "0"}, "max_chart_points must be more than 0"),
    ({"PORCH_MAX_CHART_POINTS": "many"}, "PORCH_MAX_CHART_POINTS='many' is not an integer"),
])
def test_a_bad_setting_is_a_one_line_error(app_dir: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(LaunchError, match=message):
        launch.load(app_dir, environ=env)
