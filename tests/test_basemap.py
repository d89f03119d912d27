"""The base-map tile endpoint (``_porch/basemap/<style>/<z>/<x>/<y>.png``, ``porch.http.basemap``): every part of the
path checked, tiles fetched from the upstream (``tile_server``, a stand-in for Carto and Mapbox on loopback: never
the real internet) and kept on disk, so a second request does not reach the upstream; an upstream that is down, too
large, not an image or without the tile answered with a clear reason; the switch that fetches nothing; Mapbox's
token kept on the server; the desktop secret and the base path; the settings that configure it all, and the disk
cache's bound.
"""

from __future__ import annotations

import asyncio
import logging
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from engine_harness import running_engine
from porch.basemap import BadTile, Wanted, parse_tile, wanted
from porch.config import EngineConfig
from porch.http.basemap import TileSource
from porch.security import AccessPolicy
from porch.shell import settings as launch_settings
from porch.shell.serve import engine_config
from porch.testing import AppTest
from porch.tile_cache import TileCache
from support import run_coroutine
from tile_server import COLOURS, TileServer, closed_port, png, running_tile_server


def fetch(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET ``url``: its status, headers and body, errors included."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def tiles(upstream: TileServer, folder: Path, prefix: str = "", **config: Any) -> Any:
    """An engine whose base maps come from ``upstream`` and are kept in ``folder``."""
    return running_engine("import porch as st\n", map_tile_url=upstream.url(prefix), map_tile_cache=str(folder),
                          **config)


@pytest.fixture
def upstream() -> Any:
    with running_tile_server() as server:
        yield server


# -- the path ----------------------------------------------------------------------------------------------------------


def test_a_tile_path_is_a_known_style_and_a_tile_of_its_zoom() -> None:
    assert parse_tile("light/0/0/0.png").key == "light/0/0/0"
    assert parse_tile("road_no_labels/22/4194303/0.png").z == 22
    assert parse_tile("mapbox/acme/ckx1-a_b/3/7/7.png").style == "mapbox/acme/ckx1-a_b"


@pytest.mark.parametrize(("path", "reason"), [
    ("sepia/1/0/0.png", "no base-map style 'sepia': the styles are light, dark, road"),
    ("light/23/0/0.png", "zoom 23 is out of range: base-map tiles have zooms 0 to 22"),
    ("light/3/8/0.png", "tile 8/0 is out of range at zoom 3: columns and rows run from 0 to 7"),
    ("light/3/0/8.png", "tile 0/8 is out of range at zoom 3"),
    ("light/1/0/0.jpg", "a base-map tile is <style>/<z>/<x>/<y>.png"),
    ("light/1/-1/0.png", "a base-map tile is <style>/<z>/<x>/<y>.png"),
    ("../../etc/1/0/0.png", "a base-map tile is"),
    ("mapbox/a/b/../1/0/0.png", "a base-map tile is"),
    ("mapbox/a b/c/1/0/0.png", "a base-map tile is"),
])
def test_a_bad_tile_path_is_refused_naming_the_part(path: str, reason: str) -> None:
    with pytest.raises(BadTile) as refused:
        parse_tile(path)
    assert reason in str(refused.value)


def test_the_styles_a_deck_names_are_streamlit_s_and_pydeck_s() -> None:
    carto = "https://basemaps.cartocdn.com/gl/{}-gl-style/style.json"
    assert wanted({}) == Wanted("light", "dark"), "no style: light or dark as the page's scheme, as Streamlit"
    assert wanted({"mapStyle": carto.format("dark-matter")}) == Wanted("dark", "dark"), "pydeck's default"
    assert wanted({"mapStyle": carto.format("positron-nolabels")}) == Wanted("light_no_labels", "light_no_labels")
    assert wanted({"mapStyle": carto.format("voyager")}) == Wanted("road", "road")
    mapbox = wanted({"mapStyle": "mapbox://styles/mapbox/light-v9"})
    assert mapbox == Wanted("mapbox/mapbox/light-v9", "mapbox/mapbox/light-v9") and mapbox.mapbox
    assert wanted({"mapStyle": "__MAP_STYLE__"}) is None, "pydeck's map_provider=None: no base map"
    assert wanted({"mapStyle": "satellite"}) == "satellite"
    assert wanted({"mapStyle": {"version": 8}}) == "a style given as a dict"


# -- serving -----------------------------------------------------------------------------------------------------------


def test_a_tile_is_fetched_once_then_served_from_the_disk(upstream: TileServer, tmp_path: Path) -> None:
    with tiles(upstream, tmp_path) as server:
        status, headers, body = fetch(server.url + "_porch/basemap/light/2/1/3.png")
        assert status == 200 and body == png(COLOURS["light_all"])
        assert headers["Content-Type"] == "image/png"
        assert headers["Cache-Control"] == "private, max-age=86400"
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert upstream.asked == ["/light_all/2/1/3.png"], "Carto's name of the style, upstream"
        again = fetch(server.url + "_porch/basemap/light/2/1/3.png")
        assert again[0] == 200 and again[2] == body
        road = fetch(server.url + "_porch/basemap/road/0/0/0.png")
        assert road[2] == png(COLOURS["rastertiles/voyager"])
        assert upstream.asked == ["/light_all/2/1/3.png", "/rastertiles/voyager/0/0/0.png"], "the second light "\
            "tile did not reach the upstream"
    assert (tmp_path / "light" / "2" / "1" / "3.png").read_bytes() == body
    with tiles(upstream, tmp_path) as server:
        assert fetch(server.url + "_porch/basemap/light/2/1/3.png")[2] == body
    assert len(upstream.asked) == 2, "a new launch serves the tiles its folder kept"


def test_a_bad_path_is_a_404_with_its_reason_and_asks_nothing(upstream: TileServer, tmp_path: Path) -> None:
    with tiles(upstream, tmp_path) as server:
        status, _headers, body = fetch(server.url + "_porch/basemap/light/5/32/0.png")
        assert status == 404 and b"tile 32/0 is out of range at zoom 5" in body
        status, _headers, body = fetch(server.url + "_porch/basemap/sepia/1/0/0.png")
        assert status == 404 and b"no base-map style 'sepia'" in body
    assert upstream.asked == []


def test_an_upstream_that_is_down_is_a_502_saying_so_logged_once(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="porch.basemap")
    down = f"http://127.0.0.1:{closed_port()}/{{style}}/{{z}}/{{x}}/{{y}}.png"
    with running_engine("import porch as st\n", map_tile_url=down, map_tile_cache=str(tmp_path)) as server:
        for tile in ("0/0/0", "1/0/0", "1/1/1"):
            status, _headers, body = fetch(server.url + f"_porch/basemap/dark/{tile}.png")
            assert status == 502, body
            assert b"could not be reached" in body and b"127.0.0.1" in body
    logged = [r for r in caplog.records if r.name == "porch.basemap" and r.levelno == logging.WARNING]
    assert len(logged) == 1, "once, not once per tile"
    assert "maps are drawn without them until it answers" in logged[0].getMessage()


@pytest.mark.parametrize(("prefix", "reason"), [
    ("/big", b"sent a tile larger than 20,000 bytes: raise the map_tile_max_kb setting"),
    ("/stream", b"sent a tile larger than 20,000 bytes"),
    ("/text", b"sent text/html, not a PNG, JPEG or WebP image"),
    ("/fake", b"sent image/png, not a PNG, JPEG or WebP image"),
])
def test_what_is_too_large_or_no_image_is_refused(upstream: TileServer, tmp_path: Path, prefix: str,
                                                 reason: bytes) -> None:
    with tiles(upstream, tmp_path, prefix, map_tile_max_bytes=20_000) as server:
        status, _headers, body = fetch(server.url + "_porch/basemap/light/1/1/0.png")
    assert status == 502 and reason in body, body
    assert not list(tmp_path.rglob("*.png")), "nothing refused is kept"


def test_a_tile_the_upstream_does_not_have_is_a_404(upstream: TileServer, tmp_path: Path) -> None:
    with tiles(upstream, tmp_path, "/missing") as server:
        status, _headers, body = fetch(server.url + "_porch/basemap/light/1/1/0.png")
    assert status == 404 and b"has no tile light/1/1/0" in body


def test_with_map_tiles_off_nothing_is_fetched(upstream: TileServer, tmp_path: Path) -> None:
    with tiles(upstream, tmp_path, map_tiles=False) as server:
        status, _headers, body = fetch(server.url + "_porch/basemap/light/1/1/0.png")
    assert status == 404 and b"Base-map tiles are turned off (map_tiles = false)" in body
    assert upstream.asked == []


def test_mapbox_styles_need_the_token_which_stays_on_the_server(upstream: TileServer, tmp_path: Path) -> None:
    mapbox = f"http://127.0.0.1:{upstream.port}/mb/{{style}}/{{z}}/{{x}}/{{y}}.png?access_token={{token}}"
    with tiles(upstream, tmp_path, mapbox_tile_url=mapbox) as server:
        status, _headers, body = fetch(server.url + "_porch/basemap/mapbox/acme/streets/1/0/1.png")
    assert status == 404 and b"Mapbox styles need a Mapbox token" in body and upstream.asked == []
    with tiles(upstream, tmp_path, mapbox_tile_url=mapbox, mapbox_token="pk.secret-token") as server:
        status, headers, body = fetch(server.url + "_porch/basemap/mapbox/acme/streets/1/0/1.png")
    assert status == 200 and body == png((128, 128, 128))
    assert upstream.asked == ["/mb/acme/streets/1/0/1.png?access_token=pk.secret-token"]
    assert "pk.secret-token" not in str(headers)


def test_a_map_of_a_mapbox_style_names_the_endpoint_never_the_token() -> None:
    source = ("import porch as st\nimport pydeck as pdk\n"
              "st.pydeck_chart(pdk.Deck(map_provider='mapbox', map_style='light'))\n")
    at = AppTest.from_string(source)
    at._session.options["mapbox.token"] = "pk.secret-token"  # as the engine's options carry it
    at.run(timeout=60)
    props = at.deck_gl_chart[0].props
    assert props["tiles"] == "_porch/basemap/mapbox/mapbox/light-v9/{z}/{x}/{y}.png" and props["note"] is None
    assert props["attribution"] == "Base map © Mapbox, © OpenStreetMap contributors"
    assert "pk.secret-token" not in str(at.deck_gl_chart[0].proto)


def test_fetches_are_bounded_and_a_tile_asked_for_at_once_is_fetched_once(upstream: TileServer,
                                                                            tmp_path: Path) -> None:
    source = TileSource(EngineConfig(map_tile_url=upstream.url("/hold"), map_tile_cache=str(tmp_path),
                                     map_tile_fetches=2))
    asked = [parse_tile(f"light/3/{x}/0.png") for x in range(5)] + [parse_tile("light/3/0/0.png")] * 3

    async def ask_all() -> list[Any]:
        tasks = [asyncio.ensure_future(source.tile(tile)) for tile in asked]
        deadline = time.monotonic() + 60
        while not (len(source._fetching) == 5 and upstream.held == 2) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)  # polling a condition, with a generous deadline
        assert (len(source._fetching), upstream.held) == (5, 2), "five tiles to fetch, two fetched at once"
        upstream.release()
        return list(await asyncio.gather(*tasks))

    found = run_coroutine(ask_all())
    assert all(tile.body == png(COLOURS["light_all"]) for tile in found)
    assert upstream.most_at_once == 2, "never more than map_tile_fetches at once"
    assert sorted(upstream.asked) == [f"/hold/light_all/3/{x}/0.png" for x in range(5)], "light/3/0/0 once"


# -- access ------------------------------------------------------------------------------------------------------------


def test_in_desktop_mode_a_tile_needs_the_secret(upstream: TileServer, tmp_path: Path) -> None:
    access = AccessPolicy(token="s3cret", loopback_only=True)
    with tiles(upstream, tmp_path, access=access) as server:
        url = server.url + "_porch/basemap/dark/0/0/0.png"
        status, _headers, _body = fetch(url)
        assert status in (401, 403)
        assert upstream.asked == [], "refused before anything is fetched"
        status, _headers, body = fetch(url, cookie="porch_token=s3cret")
        assert status == 200 and body == png(COLOURS["dark_all"])


def test_the_endpoint_is_under_the_base_path(upstream: TileServer, tmp_path: Path) -> None:
    with tiles(upstream, tmp_path, base_path="/apps/maps") as server:
        assert server.url.endswith("/apps/maps/")
        assert fetch(server.url + "_porch/basemap/light/0/0/0.png")[0] == 200
        assert fetch(server.url.replace("/apps/maps/", "/") + "_porch/basemap/light/0/0/0.png")[0] == 404


# -- the disk cache ----------------------------------------------------------------------------------------------------


def test_the_disk_cache_keeps_its_bound_removing_the_oldest(tmp_path: Path) -> None:
    tile = png((1, 2, 3))
    cache = TileCache(tmp_path, max_bytes=3 * len(tile))
    for n in range(5):
        cache.put(f"light/3/{n}/0", tile, "image/png")
        assert cache.size <= 3 * len(tile)
    assert [cache.get(f"light/3/{n}/0") is not None for n in range(5)] == [False, False, True, True, True]
    assert len(list(tmp_path.rglob("*.png"))) == 3
    assert TileCache(tmp_path, max_bytes=3 * len(tile)).size == 3 * len(tile), "an earlier launch's tiles count"
    cache.put("light/0/0/0", b"\0" * (4 * len(tile)), "image/png")
    assert cache.get("light/0/0/0") is None, "a tile larger than the cache is not kept"


# -- settings ----------------------------------------------------------------------------------------------------------


def test_the_settings_reach_the_engine_and_the_token_is_never_shown(tmp_path: Path) -> None:
    streamlit = tmp_path / ".streamlit"
    streamlit.mkdir()
    (streamlit / "config.toml").write_text('[mapbox]\ntoken = "pk.from-streamlit"\n')
    settings = launch_settings.load(tmp_path, environ={"PORCH_MAP_TILES": "0", "PORCH_MAP_TILE_CACHE_MB": "5"})
    config = engine_config(settings)
    assert config.mapbox_token == "pk.from-streamlit" and config.map_tiles is False
    assert config.map_tile_cache_bytes == 5 * 1024 * 1024
    assert config.map_tile_url == EngineConfig.map_tile_url
    shown = launch_settings.describe(settings)
    assert "pk.from-streamlit" not in shown and "mapbox_token" in shown
    from_env = launch_settings.load(tmp_path / "none", environ={"MAPBOX_API_KEY": "pk.env"})
    assert from_env.mapbox_token == "pk.env" and from_env.source("mapbox_token") == "env MAPBOX_API_KEY"
    ours = launch_settings.load(tmp_path / "none", environ={"MAPBOX_API_KEY": "pk.env", "PORCH_MAPBOX_TOKEN": "pk.p"})
    assert ours.mapbox_token == "pk.p"
