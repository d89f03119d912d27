"""What ``cache_data`` keeps of a value, and the copy each hit gets (since issue 10).

A value is pickled with protocol 5, its large buffers (the blocks of NumPy arrays, pandas frames, Arrow tables: each
library hands them to pickle as ``PickleBuffer``) kept beside the pickle stream rather than inside it. Each hit
unpickles the stream over copies of its own of those buffers: private copy-on-write mappings of a memory file that
holds them (``_private_maps``, Linux, for values of ``MAPPED_BYTES`` or more), which copy a page only when the script
writes to it; elsewhere, a copy of each buffer in fresh memory (NumPy's allocator when NumPy is loaded: it asks the
kernel for huge pages, so 80 MB is a memcpy rather than 20,000 page faults). What Streamlit promises is kept: every
caller gets a copy of its own, equal to what the function returned, read-only arrays read-only, objects inside (an
object column's lists) unpickled afresh.

Measured on a 1,000,000 x 10 float frame (80 MB) on the 2-core reference VM, a hit: unpickling one in-band pickle
(as before, and as Streamlit does) 40-65 ms; copying the buffers 8-12 ms; ``DataFrame.copy(deep=True)`` 7.5 ms (but
it shares the Python objects of object columns between copies, and exists only for pandas); mapping them 0.07 ms, and
8.5 ms more for a script that then reads every value (the pages come in as they are read).
"""

from __future__ import annotations

import io
import logging
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._private_maps import PrivateMaps

log = logging.getLogger("porch.cache")

#: Buffers smaller than this stay inside the pickle stream: for them one copy out of the stream costs no more.
OUT_OF_BAND_BYTES = 64 * 1024
#: Out-of-band buffers of at least this many bytes in all go to a memory file, mapped copy-on-write by each hit
#: (``_private_maps``, on Linux); fewer are copied (a file descriptor per small value would cost more than it saves).
MAPPED_BYTES = 1024 * 1024


@dataclass(frozen=True, eq=False)
class Pickled:
    """A pickled value: its protocol 5 stream and the out-of-band buffers it refers to, in order: as ``buffers``
    (copied by each load) or in ``maps`` (mapped by each load)."""

    stream: bytes
    buffers: tuple[bytes, ...] = ()
    #: Per buffer: whether it was read-only (a read-only array comes back read-only, as from an in-band pickle).
    readonly: tuple[bool, ...] = ()
    maps: PrivateMaps | None = None

    @property
    def size(self) -> int:
        """The bytes it holds (what counts against ``max_size``)."""
        kept = sum(self.maps.lengths) if self.maps is not None else sum(len(buffer) for buffer in self.buffers)
        return len(self.stream) + kept

    def load(self) -> Any:
        """A new copy of the value: the stream unpickled over a private mapping or a fresh copy of each buffer (the
        caller sets up whatever the stream's classes need to be found, as for ``pickle.loads``)."""
        if self.maps is not None:
            views = self.maps.copies()
        else:
            views = [_fresh_copy(buffer) for buffer in self.buffers]
        copies = [view.toreadonly() if readonly else view for view, readonly in zip(views, self.readonly)]
        return pickle.loads(self.stream, buffers=copies)


def dump(value: Any, pickler: Callable[..., pickle.Pickler]) -> Pickled:
    """Pickle ``value`` with ``pickler`` (a ``pickle.Pickler`` class, or anything taking its ``file``, ``protocol``
    and ``buffer_callback``); large contiguous buffers are kept out of band. Raises what pickling raises."""
    buffers: list[bytes] = []
    readonly: list[bool] = []

    def keep(buffer: pickle.PickleBuffer) -> bool:
        """False: out of band (kept here); True: in the stream."""
        try:
            raw = buffer.raw()  # a non-contiguous buffer has no flat view: it goes in the stream
        except BufferError:
            return True
        with raw:
            if raw.nbytes < OUT_OF_BAND_BYTES:
                return True
            buffers.append(raw.tobytes())
            readonly.append(raw.readonly)
        return False

    file = io.BytesIO()
    pickler(file, protocol=5, buffer_callback=keep).dump(value)
    maps = _mapped(buffers) if sum(len(buffer) for buffer in buffers) >= MAPPED_BYTES else None
    if maps is not None:
        return Pickled(file.getvalue(), (), tuple(readonly), maps)
    return Pickled(file.getvalue(), tuple(buffers), tuple(readonly))


def _mapped(buffers: list[bytes]) -> PrivateMaps | None:
    """The buffers in a memory file, or None where there is none (or it cannot be made: they are copied then)."""
    from . import _private_maps as private_maps  # ctypes, loaded only for a value this large

    if not private_maps.available():
        return None
    try:
        return private_maps.PrivateMaps(buffers)
    except OSError as exc:  # no descriptor or memory left for the file: said once, the values are copied instead
        if not _warned:
            _warned.append(True)
            log.warning(
                "cache_data keeps large values' buffers in memory and copies them on each hit, as a memory file "
                "could not be made (%s; raise the open files limit, ulimit -n, if descriptors ran out)", exc,
            )
        return None


#: Whether the warning above was logged (once a process).
_warned: list[bool] = []


def _fresh_copy(data: bytes) -> memoryview:
    numpy = sys.modules.get("numpy")  # loaded when the buffers came from arrays; never imported here
    target = memoryview(numpy.empty(len(data), dtype=numpy.uint8) if numpy is not None else bytearray(len(data)))
    target[:] = data
    return target
