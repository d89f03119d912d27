"""Base maps under ``map`` and ``pydeck_chart``: which raster styles the engine serves, what a deck's ``map_style``
asks for, and where a tile of a style is, upstream and on the app's own origin.

The page loads nothing from another origin, so the engine fetches the tiles itself and serves them at
``_porch/basemap/<style>/<z>/<x>/<y>.png`` (``porch.http.basemap``). The styles are Carto's raster basemaps that
match the vector styles Streamlit and pydeck name (positron is ``light``, dark-matter ``dark``, voyager ``road``, and
their variants without labels), and Mapbox styles (``mapbox/<owner>/<id>``) when the engine has a Mapbox token. The
element and the endpoint both read this module: the element asks only for what the endpoint serves.

Before this module, the layers were always drawn on a plain background.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Porch's style names -> Carto's raster style (the ``{style}`` of ``EngineConfig.map_tile_url``).
CARTO_STYLES: Mapping[str, str] = {
    "light": "light_all",
    "dark": "dark_all",
    "road": "rastertiles/voyager",
    "light_no_labels": "light_nolabels",
    "dark_no_labels": "dark_nolabels",
    "road_no_labels": "rastertiles/voyager_nolabels",
}
#: Carto's vector (GL) styles, as pydeck's and Streamlit's URLs name them
#: (``https://basemaps.cartocdn.com/gl/<name>-gl-style/style.json``) -> Porch's style names.
CARTO_GL_STYLES: Mapping[str, str] = {
    "positron": "light",
    "dark-matter": "dark",
    "voyager": "road",
    "positron-nolabels": "light_no_labels",
    "dark-matter-nolabels": "dark_no_labels",
    "voyager-nolabels": "road_no_labels",
}
_CARTO_GL = re.compile(r"^https?://(?:[a-z0-9-]+\.)*basemaps\.cartocdn\.com/gl/([a-z-]+)-gl-style/style\.json$")
#: A Mapbox style URL; its owner and id become the endpoint's ``mapbox/<owner>/<id>``.
_MAPBOX = re.compile(r"^mapbox://styles/([A-Za-z0-9_-]{1,64})/([A-Za-z0-9_-]{1,64})/?$")
#: pydeck's ``map_provider=None``: no base map at all.
NO_BASE_MAP = "__MAP_STYLE__"
#: The zooms served (Mapbox's deepest; Carto's stop at 20, deeper ones are the upstream's 404).
MAX_ZOOM = 22
#: Where the endpoint is, relative to the page's base.
TILE_PATH = "_porch/basemap/"
#: A path under ``TILE_PATH``: a style, a zoom, a column and a row.
_TILE = re.compile(
    r"^(?P<style>[a-z_]{1,32}|mapbox/[A-Za-z0-9_-]{1,64}/[A-Za-z0-9_-]{1,64})/(?P<z>[0-9]{1,2})/(?P<x>[0-9]{1,8})/"
    r"(?P<y>[0-9]{1,8})\.png$"
)
#: The engine's options (``Session.options``, which reach a session in a process of its own too) say whether it
#: serves base maps (``EngineConfig.map_tiles``) under this name, and Mapbox styles under Streamlit's ``mapbox.token``.
#: Absent (AppTest without an engine): served, as by default.
MAP_TILES_OPTION = "porch.mapTiles"
#: What the map shows under itself while tiles are drawn (the tiles' licences ask for it).
CARTO_ATTRIBUTION = "Base map © CARTO, © OpenStreetMap contributors"
MAPBOX_ATTRIBUTION = "Base map © Mapbox, © OpenStreetMap contributors"


@dataclass(frozen=True)
class Wanted:
    """The base map a deck asks for: the endpoint's style in a light colour scheme and in a dark one (the same
    style unless the map follows the page's scheme, as Streamlit's default map does)."""

    light: str
    dark: str

    @property
    def mapbox(self) -> bool:
        return self.light.startswith("mapbox/")


def wanted(spec: Mapping[str, Any]) -> Wanted | str | None:
    """The base map the deck's ``mapStyle`` asks for: a :class:`Wanted`; None for none (pydeck's
    ``map_provider=None``); else the style as text, which the engine cannot serve (a Google style, a style given as
    a dict, an unknown URL). No ``mapStyle`` (``map``, ``map_style=None``) is Carto's light or dark style, as the
    page's scheme is (Streamlit's default)."""
    if "mapStyle" not in spec or spec.get("mapStyle") in (None, ""):
        return Wanted("light", "dark")
    style = spec["mapStyle"]
    if style == NO_BASE_MAP:
        return None
    if not isinstance(style, str):
        return "a style given as a dict" if isinstance(style, Mapping) else repr(style)
    text = style.strip()
    if text in CARTO_STYLES:  # pydeck's names, as map_provider="maplibre" or "carto" do not turn them into URLs
        return Wanted(text, text)
    found = _CARTO_GL.match(text)
    if found is not None and found.group(1) in CARTO_GL_STYLES:
        name = CARTO_GL_STYLES[found.group(1)]
        return Wanted(name, name)
    mapbox = _MAPBOX.match(text)
    if mapbox is not None:
        name = f"mapbox/{mapbox.group(1)}/{mapbox.group(2)}"
        return Wanted(name, name)
    return text


def template(style: str) -> str:
    """The URL template (relative to the page's base) of a style's tiles on the app's own origin."""
    return f"{TILE_PATH}{style}/{{z}}/{{x}}/{{y}}.png"


@dataclass(frozen=True)
class Tile:
    """One tile the endpoint was asked for, checked."""

    style: str
    z: int
    x: int
    y: int

    @property
    def mapbox(self) -> bool:
        return self.style.startswith("mapbox/")

    @property
    def key(self) -> str:
        """Its path in the tile cache (made only of checked parts)."""
        return f"{self.style}/{self.z}/{self.x}/{self.y}"


class BadTile(ValueError):
    """A tile path the endpoint does not serve; the message says which part is wrong."""


def parse_tile(path: str) -> Tile:
    """A path under ``TILE_PATH`` (``light/3/4/2.png``) as a :class:`Tile`: a known style (or a Mapbox style's owner
    and id), a zoom from 0 to :data:`MAX_ZOOM`, a column and a row within that zoom's 2**z."""
    found = _TILE.match(path)
    if found is None:
        raise BadTile(
            f"a base-map tile is <style>/<z>/<x>/<y>.png (style one of {', '.join(CARTO_STYLES)}, or "
            f"mapbox/<owner>/<id>), not {path[:120]!r}"
        )
    style = found.group("style")
    if not style.startswith("mapbox/") and style not in CARTO_STYLES:
        raise BadTile(f"no base-map style {style!r}: the styles are {', '.join(CARTO_STYLES)} and mapbox/<owner>/<id>")
    z, x, y = int(found.group("z")), int(found.group("x")), int(found.group("y"))
    if z > MAX_ZOOM:
        raise BadTile(f"zoom {z} is out of range: base-map tiles have zooms 0 to {MAX_ZOOM}")
    side = 2**z
    if x >= side or y >= side:
        raise BadTile(f"tile {x}/{y} is out of range at zoom {z}: columns and rows run from 0 to {side - 1}")
    return Tile(style, z, x, y)


def upstream_url(tile: Tile, *, carto: str, mapbox: str, token: str) -> str:
    """The upstream's URL of a tile: ``carto`` (``EngineConfig.map_tile_url``) or ``mapbox``
    (``EngineConfig.mapbox_tile_url``) with its placeholders filled in."""
    if tile.mapbox:
        url, style = mapbox, tile.style.removeprefix("mapbox/")
    else:
        url, style = carto, CARTO_STYLES[tile.style]
    for name, value in (("style", style), ("z", str(tile.z)), ("x", str(tile.x)), ("y", str(tile.y)),
                        ("token", token)):
        url = url.replace("{" + name + "}", value)
    return url
