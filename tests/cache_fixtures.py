"""Fixtures the cache tests share: empty caches with a folder of their own, and a counter of real computations.

A test module takes them by importing them (pytest finds fixtures in a module's namespace, ``autouse`` included).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import porch as st
from porch.api import _cache_store


@pytest.fixture(autouse=True)
def fresh_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test starts with empty caches and a cache folder of its own (the disk entries of persist="disk")."""
    folder = tmp_path / "cache-folder"
    monkeypatch.setattr(_cache_store, "cache_folder", lambda: folder)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield folder
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def counter(tmp_path: Path) -> Path:
    """A file a script appends one character to each time a cached function really runs."""
    path = tmp_path / "calls"
    path.write_text("")
    return path


def calls(counter: Path) -> int:
    """How many times the cached functions counting into ``counter`` really ran."""
    return len(counter.read_text())
