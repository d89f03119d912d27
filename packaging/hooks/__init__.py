"""PyInstaller hooks for Porch apps, registered through the ``pyinstaller40`` entry point."""

from pathlib import Path


def hook_dirs() -> list[str]:
    return [str(Path(__file__).parent)]
