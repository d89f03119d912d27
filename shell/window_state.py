"""The desktop window's size and position, remembered per app in the platformdirs config folder
(``<config folder>/windows/<hash of the script path>.json``, see ``settings.config_folder``), so an app reopens where it was closed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("porch.window")

DEFAULT_SIZE = (1024, 768)
MIN_SIZE = (320, 240)
MAX_SIDE = 16384


@dataclass
class WindowGeometry:
    width: int = DEFAULT_SIZE[0]
    height: int = DEFAULT_SIZE[1]
    x: int | None = None
    y: int | None = None

    # pywebview event handlers (called on a pywebview thread; plain attribute writes are enough)
    def on_resized(self, width: int, height: int) -> None:
        if MIN_SIZE[0] <= width <= MAX_SIDE and MIN_SIZE[1] <= height <= MAX_SIDE:
            self.width, self.height = int(width), int(height)

    def on_moved(self, x: int, y: int) -> None:
        if -MAX_SIDE < x < MAX_SIDE and -MAX_SIDE < y < MAX_SIDE:
            self.x, self.y = int(x), int(y)


def state_file(script_path: str) -> Path:
    from .settings import config_folder

    digest = hashlib.sha256(os.path.abspath(script_path).encode()).hexdigest()[:16]
    return config_folder() / "windows" / f"{digest}.json"


def load(script_path: str) -> WindowGeometry:
    """The remembered geometry, or the default one when there is none (or it is unreadable)."""
    geometry = WindowGeometry()
    try:
        data = json.loads(state_file(script_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return geometry
    if isinstance(data, dict):
        if isinstance(data.get("width"), int) and isinstance(data.get("height"), int):
            geometry.on_resized(data["width"], data["height"])
        if isinstance(data.get("x"), int) and isinstance(data.get("y"), int):
            geometry.on_moved(data["x"], data["y"])
    return geometry


def save(script_path: str, geometry: WindowGeometry) -> None:
    path = state_file(script_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"script": os.path.abspath(script_path), **asdict(geometry)}), "utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("could not remember the window's size and position: %s", exc)
