"""cache_data's copies of large frames and arrays (issue 10): the entry keeps the pickle with the blocks of arrays and
frames beside it (protocol 5's out-of-band buffers), and every hit copies each block once into fresh memory. What
Streamlit promises stays: each caller gets a copy of its own, equal to what the function returned, that it may change
without the cache or another caller seeing it."""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import porch as st
from porch.api import _cache_copies, _cache_store, _private_maps, cache
from porch.testing import AppTest


def app(source: str) -> AppTest:
    """Run a script given as the lines after ``import porch as st`` (a first import of pandas may take a while)."""
    return AppTest.from_string("import porch as st\n" + source).run(timeout=60)


@pytest.fixture(autouse=True)
def fresh_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(_cache_store, "cache_folder", lambda: tmp_path / "cache-folder")
    st.cache_data.clear()
    yield
    st.cache_data.clear()


#: A frame of 3.2 MB of floats (over the out-of-band bound), an integer column, an object column of lists, an index.
FRAME = (
    "import numpy as np\nimport pandas as pd\n"
    "@st.cache_data\ndef load():\n"
    "    data = np.arange(100_000 * 4, dtype=float).reshape(100_000, 4)\n"
    "    frame = pd.DataFrame(data, columns=list('abcd'), index=pd.RangeIndex(5, 100_005))\n"
    "    frame['n'] = np.arange(100_000)\n"
    "    frame['tags'] = [[i] for i in range(100_000)]\n"
    "    return frame\n"
)


def test_each_hit_of_a_large_frame_is_a_copy_of_its_own_that_the_caller_may_change() -> None:
    at = app(
        FRAME
        + "first = load()\n"
        "first.loc[5, 'a'] = -1.0\n"
        "first['b'] *= 2\n"
        "first.loc[6, 'tags'].append('changed')\n"  # an object cell: pickled, so copied too
        "second = load()\n"
        "st.text(f\"{second.loc[5, 'a']} {second.loc[6, 'b']} {second.loc[6, 'tags']} {first is not second}\")\n"
        "st.text(f\"{second.equals(load())} {len(second)} {second['n'].sum()} {second.index[0]}\")\n"
        "second['c'] += 1\n"
        "st.text(str(load()['c'].iloc[-1]))\n"
    )
    assert not at.exception, at.exception
    texts = at.text.values
    assert texts[0] == "0.0 5.0 [1] True"
    assert texts[1] == f"True 100000 {sum(range(100_000))} 5"
    assert texts[2] == f"{100_000 * 4 - 2:.1f}"


def test_read_only_arrays_come_back_read_only_and_writable_ones_writable() -> None:
    at = app(
        "import numpy as np\n"
        "@st.cache_data\ndef arrays():\n"
        "    frozen = np.ones(300_000)\n"
        "    frozen.flags.writeable = False\n"
        "    return frozen, np.zeros(300_000, dtype=np.int32)\n"
        "frozen, plain = arrays()\n"
        "plain[0] = 7\n"
        "st.write(frozen.flags.writeable, plain.flags.writeable, int(arrays()[1][0]), frozen.dtype.name,\n"
        "         plain.dtype.name, float(frozen.sum()))\n"
    )
    assert not at.exception, at.exception
    assert at.markdown.rendered_texts == ["False True 0 float64 int32 300000.0"]


@pytest.mark.parametrize("mapped", [True, False])
def test_the_entry_keeps_the_blocks_of_a_frame_beside_its_pickle(mapped: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mapped: in a memory file, each hit a private copy-on-write mapping (Linux); else kept as bytes and copied."""
    import numpy as np
    import pandas as pd

    if not mapped:
        monkeypatch.setattr(_private_maps, "available", lambda: False)
    frame = pd.DataFrame(np.random.default_rng(0).random((100_000, 5)), columns=list("abcde"))
    kept = cache._pickle(frame, "load()")
    assert isinstance(kept, _cache_copies.Pickled)
    assert len(kept.stream) < 10_000  # the frame's 4 MB of floats are not in the stream
    assert kept.size - len(kept.stream) == frame.memory_usage(index=False).sum()
    assert (kept.maps is not None, len(kept.buffers)) == ((True, 0) if mapped else (False, 1))
    first, second = cache._unpickle(kept, None), cache._unpickle(kept, None)
    assert first.equals(frame) and second.equals(frame)
    first.iloc[0, 0] = -1.0
    first["b"] = first["b"] * 0  # a whole block written
    assert second.iloc[0, 0] == frame.iloc[0, 0] != -1.0 and second["b"].equals(frame["b"])
    assert cache._unpickle(kept, None).equals(frame)
    # Arrow tables hand pickle their buffers too.
    import pyarrow as pa

    table = pa.table({"x": np.arange(200_000, dtype=float), "s": [str(i) for i in range(200_000)]})
    arrow = cache._pickle(table, "load()")
    assert len(arrow.stream) < 10_000 and cache._unpickle(arrow, None).equals(table)
    # Small values keep everything in their stream, as before.
    small = cache._pickle({"rows": [1, 2]}, "rows()")
    assert small.buffers == () and small.maps is None and pickle.loads(small.stream) == {"rows": [1, 2]}


def test_a_mapped_value_holds_one_descriptor_and_its_copies_none() -> None:
    """Many sessions hold copies: each must not keep a file descriptor (or a mapping once it is collected)."""
    import numpy as np

    def descriptors() -> int:
        return len(os.listdir("/proc/self/fd"))

    def mappings() -> int:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            return sum("porch-cache" in line for line in maps)

    gc.collect()  # what earlier tests left
    before, mapped_before = descriptors(), mappings()
    kept = cache._pickle(np.ones(500_000), "load()")
    assert kept.maps is not None and descriptors() == before + 1
    copies = [cache._unpickle(kept, None) for _ in range(200)]
    assert descriptors() == before + 1 and mappings() == mapped_before + 200
    copies[7][:] = 2.0
    assert all(float(c.sum()) == 500_000.0 for i, c in enumerate(copies) if i != 7)
    del copies, kept
    gc.collect()
    assert descriptors() == before and mappings() == mapped_before


def test_large_frames_persisted_to_disk_come_back_whole() -> None:
    at = app(
        "import numpy as np\n"
        "@st.cache_data(persist='disk')\ndef load():\n"
        "    return np.arange(400_000, dtype=float)\n"
        "first = load()\nfirst[:] = 0\n"
        "st.write(float(load().sum()))\n"
    )
    assert not at.exception, at.exception
    expected = f"{float(sum(range(400_000)))}"
    assert at.markdown.rendered_texts == [expected]
    cache._registries["cache_data"]._global.clear()  # as after a restart: only the disk entry is left
    at.run()
    assert at.markdown.rendered_texts == [expected]


def test_max_size_counts_the_blocks_kept_beside_the_pickle() -> None:
    at = app(
        "import numpy as np\n"
        "@st.cache_data(max_size='1MB')\ndef load(n):\n"
        "    return np.zeros(n)\n"
        "small, big = load(1_000), load(200_000)\n"  # 8 kB, and 1.6 MB: more than the cache may hold
        "st.write(len(small), len(big))\n"
    )
    assert not at.exception, at.exception
    caches: list[Any] = list(cache._registries["cache_data"]._global.values())
    sizes = [entry.size for entry in caches[0].memory._entries.values()]
    assert len(sizes) == 1 and sizes[0] >= 1_600_000  # the large one alone: its blocks count
