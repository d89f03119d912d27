"""The browser client: static HTML, CSS and ES modules served by the engine. No Python logic lives here."""

from pathlib import Path

STATIC_DIR = Path(__file__).parent
