"""Buffers kept in an anonymous memory file, handed out as private copy-on-write mappings (Linux, since issue 10).

``cache_data`` must give every hit a copy of its own. A private mapping (``MAP_PRIVATE``) of a memory file
(``memfd_create``) is one without copying: it reads the file's pages until the holder writes to one, and the kernel
then copies that page for it alone. A hit of a 1,000,000 x 10 float frame costs a ``mmap`` per block instead of an
80 MB copy; what the script reads, it reads from pages that stay shared; what it changes is its own.

The mappings are made with libc's ``mmap`` through ctypes rather than with the ``mmap`` module: before Python 3.13
(``trackfd=False``), a ``mmap.mmap`` keeps a duplicate of the file descriptor for as long as it lives, so every live
copy in every session would hold a descriptor. Here a stored value holds one descriptor (closed when the value is
dropped) and each copy holds none: a mapping is unmapped when the last array over it is collected (``weakref.finalize``
on the ctypes block every view of it refers to).

Where there is no ``memfd_create`` or no libc to call (macOS, Windows), :func:`available` is False and ``cache_data``
copies the buffers instead (``_cache_copies``).
"""

from __future__ import annotations

import ctypes
import mmap
import os
import weakref
from typing import Any

_PAGE = mmap.ALLOCATIONGRANULARITY


def _libc() -> Any:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mmap.restype = ctypes.c_void_p
        libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                              ctypes.c_int64]
        libc.munmap.restype = ctypes.c_int
        libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    except (OSError, AttributeError):
        return None
    return libc


_LIBC = _libc() if hasattr(os, "memfd_create") and hasattr(mmap, "MAP_PRIVATE") else None
_FAILED = ctypes.c_void_p(-1).value


def available() -> bool:
    return _LIBC is not None


class PrivateMaps:
    """Buffers written once to a memory file, each at a page boundary; :meth:`copies` maps them anew."""

    def __init__(self, buffers: list[bytes]) -> None:
        self.lengths = [len(buffer) for buffer in buffers]
        self.offsets: list[int] = []
        fd = os.memfd_create("porch-cache", getattr(os, "MFD_CLOEXEC", 0))
        weakref.finalize(self, os.close, fd)
        self._fd = fd
        at = 0
        for buffer in buffers:
            self.offsets.append(at)
            view = memoryview(buffer)
            written = 0
            while written < len(view):
                written += os.pwrite(fd, view[written:], at + written)
            at += -(-len(buffer) // _PAGE) * _PAGE

    def copies(self) -> list[memoryview]:
        """One private, writable mapping per buffer (length 0: an empty buffer)."""
        return [_private(self._fd, offset, length) for offset, length in zip(self.offsets, self.lengths)]


def _private(fd: int, offset: int, length: int) -> memoryview:
    libc: Any = _LIBC  # available(): PrivateMaps are made only then
    if length == 0:
        return memoryview(bytearray())
    address = libc.mmap(None, length, mmap.PROT_READ | mmap.PROT_WRITE, mmap.MAP_PRIVATE, fd, offset)
    if address is None or address == _FAILED:
        error = ctypes.get_errno()
        raise OSError(error, f"mmap of a cached value failed: {os.strerror(error)}")
    block = (ctypes.c_ubyte * length).from_address(address)
    weakref.finalize(block, libc.munmap, address, length)  # once no view refers to the block
    return memoryview(block).cast("B")
