"""The hash of a cached function's arguments, as Streamlit hashes them (``runtime/caching/hashing.py``), and the key of
the function itself.

A hash must be the same in every process, since ``persist="disk"`` reads entries back after a restart: strings are
hashed by their bytes (never ``hash()``, which is salted per process), sets by their items' hashes in sorted order,
functions by their code. Values are hashed by content: pandas, polars and pyarrow frames, NumPy arrays and PIL images
by their data, dataclasses by their fields, anything else by what pickle would save of it (``__reduce_ex__``). Those
libraries are looked up in ``sys.modules`` and never imported here: a value can only be one of their objects if its
library is loaded already.

Where Porch differs from Streamlit 1.67, it is to avoid a wrong hit or a key that changes between processes: large
frames and arrays are hashed whole (Streamlit samples 10,000 rows of a frame with 50,000 or more, and 100,000 items of
an array with 500,000 or more, so frames that differ outside the sample share a key); object arrays by their items,
not by their pointers; sets in a stable order; functions by their code, not only by their name; ``hash_funcs`` also
apply to subclasses of the type they name.
"""

from __future__ import annotations

import array
import dataclasses
import datetime
import enum
import hashlib
import importlib
import inspect
import io
import os
import pathlib
import pickle
import re
import struct
import sys
import types
import weakref
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, Set, ValuesView
from typing import Any, Protocol, Union

from ..errors import PorchAPIError

#: ``hash_funcs``: a type, or its full name (``"datetime.datetime"``), mapped to a function whose result is hashed in
#: place of the value.
HashFuncs = Mapping[Union[str, type], Callable[[Any], Any]]


class _Hash(Protocol):
    def update(self, data: bytes | bytearray | memoryview, /) -> None: ...

    def digest(self) -> bytes: ...


class UnhashableTypeError(Exception):
    """A value Porch cannot hash: not a known type, and pickle cannot save it either."""

    def __init__(self, value: Any, reason: str = "") -> None:
        self.type_name = full_name(type(value))
        super().__init__(f"cannot hash an object of type {self.type_name}" + (f": {reason}" if reason else ""))


class UserHashError(PorchAPIError):
    """A function given in ``hash_funcs`` raised."""


def full_name(kind: type) -> str:
    """``module.QualifiedName`` of a type, as ``hash_funcs`` keys name it (``builtins.int``, ``datetime.datetime``)."""
    return f"{kind.__module__}.{kind.__qualname__}"


def new_hash() -> _Hash:
    return hashlib.blake2b(digest_size=16)


_CYCLE = b"<cycle>"
#: Code objects hashed so far: a cached function is decorated again on every run of the script, with the same code.
_code_digests: weakref.WeakKeyDictionary[types.CodeType, bytes] = weakref.WeakKeyDictionary()


class Hasher:
    """Feeds values into one hash. Not thread-safe: make one per key (they are cheap)."""

    def __init__(self, hash_funcs: HashFuncs | None = None) -> None:
        self._funcs = {k if isinstance(k, str) else full_name(k): v for k, v in (hash_funcs or {}).items()}
        self._open: set[int] = set()  # ids of the containers being hashed, to cut cycles
        self._hash: _Hash = new_hash()

    def hexdigest(self) -> str:
        return self._hash.digest().hex()

    def add_name(self, name: str | None) -> None:
        """A parameter's name: hashed as it is, whatever ``hash_funcs`` say about strings."""
        self._hash.update(b"name:")
        if name is not None:
            _str(self._hash, name)

    def add(self, value: Any) -> None:
        try:
            self._feed(self._hash, value)
        except RecursionError:
            raise UnhashableTypeError(value, "it is nested too deeply") from None

    # -- one value ----------------------------------------------------------------------------------------------

    def _feed(self, h: _Hash, value: Any, *, user: bool = True) -> None:
        """Tagged, length-prefixed bytes, so that no two different values write the same stream. ``user``: whether
        ``hash_funcs`` apply (not to what a hash function returned of the same type: ``{str: str.lower}``)."""
        kind = type(value)
        h.update(_tag(kind))
        if kind in _PLAIN and not self._funcs:
            _PLAIN[kind](h, value)
            return
        if self._funcs:
            hash_func = self._user_function(kind) if user else None
            if hash_func is not None:
                try:
                    result = hash_func(value)
                except Exception as exc:
                    name = getattr(hash_func, "__qualname__", repr(hash_func))
                    raise UserHashError(
                        f"The hash function {name} given in hash_funcs for {full_name(kind)} raised "
                        f"{type(exc).__name__}: {exc}"
                    ) from exc
                self._feed(h, result, user=type(result) is not kind)
                return
            if kind in _PLAIN:
                _PLAIN[kind](h, value)
                return
        if id(value) in self._open:
            h.update(_CYCLE)
            return
        self._open.add(id(value))
        try:
            self._feed_object(h, value)
        finally:
            self._open.discard(id(value))

    def _user_function(self, kind: type) -> Callable[[Any], Any] | None:
        for base in kind.__mro__:
            found = self._funcs.get(full_name(base))
            if found is not None:
                return found
        return None

    def _items(self, h: _Hash, items: Any) -> None:
        count = 0
        for item in items:
            self._feed(h, item)
            count += 1
        _int(h, count)

    def _feed_object(self, h: _Hash, value: Any) -> None:
        by_name = _PLAIN_BY_NAME.get(full_name(type(value)))
        if by_name is not None:
            by_name(h, value)
        elif isinstance(value, (list, tuple)):
            self._items(h, value)
        elif isinstance(value, dict):
            self._items(h, value.items())
        elif isinstance(value, (Set, KeysView)):
            digests = []
            for item in value:
                inner = new_hash()
                self._feed(inner, item)
                digests.append(inner.digest())
            self._items(h, sorted(digests))
        elif isinstance(value, (Mapping, ItemsView, ValuesView, types.MappingProxyType)):
            self._items(h, value.items() if isinstance(value, Mapping) else value)
        elif _library(value) is not None:
            self._feed_library(h, value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            self._items(h, ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value)))
        elif isinstance(value, enum.Enum):
            self._feed(h, (full_name(type(value)), value.name))
        elif isinstance(value, types.FunctionType):
            self._feed_function(h, value)
        elif isinstance(value, types.MethodType):
            self._feed(h, (value.__func__, value.__self__))
        elif isinstance(value, (types.BuiltinFunctionType, types.BuiltinMethodType)):
            _str(h, f"{getattr(value, '__module__', None)}.{value.__qualname__}")
        elif isinstance(value, type):
            _str(h, full_name(value))
        elif isinstance(value, types.ModuleType):
            _str(h, value.__name__)
        elif isinstance(value, types.CodeType):
            h.update(_code_digest(value))
        elif isinstance(value, re.Pattern):
            self._feed(h, (value.pattern, value.flags))
        elif isinstance(value, (io.BytesIO, io.StringIO)):  # UploadedFile too: its name, then its bytes
            self._feed(h, (getattr(value, "name", None), value.tell(), value.getvalue()))
        elif isinstance(value, io.IOBase) and isinstance(getattr(value, "name", None), (str, bytes, os.PathLike)):
            name = value.name  # type: ignore[attr-defined]
            self._feed(h, (os.fsdecode(name), os.path.getmtime(name), value.tell()))
        elif full_name(type(value)).startswith("unittest.mock."):
            _int(h, id(value))  # a mock answers every attribute: hashing it never ends
        elif "pydantic" in sys.modules and hasattr(value, "model_dump_json"):
            _str(h, value.model_dump_json())
        else:
            self._feed_reduced(h, value)

    def _feed_function(self, h: _Hash, function: types.FunctionType) -> None:
        """A function by what it does: its module, name, code (constants and names included) and defaults."""
        _str(h, f"{function.__module__}.{function.__qualname__}")
        h.update(_code_digest(function.__code__))
        self._feed(h, function.__defaults__)
        self._feed(h, function.__kwdefaults__)

    def _feed_reduced(self, h: _Hash, value: Any) -> None:
        """The last resort, as Streamlit's: what pickle would save of the object."""
        try:
            reduced: Any = value.__reduce_ex__(4)
        except Exception as exc:
            raise UnhashableTypeError(value, str(exc)) from exc
        if isinstance(reduced, str):
            _str(h, reduced)
            return
        parts = [list(part) if isinstance(part, Iterator) else part for part in reduced]  # list and dict items
        self._items(h, parts)

    def _feed_library(self, h: _Hash, value: Any) -> None:
        """A frame, array or image of a library the script loaded, hashed by its data."""
        name = _library(value)
        if name == "numpy":
            numpy = sys.modules["numpy"]
            if isinstance(value, numpy.ndarray):
                _str(h, value.dtype.str)
                self._feed(h, value.shape)
                if value.dtype.hasobject:
                    self._items(h, value.ravel(order="C").tolist())
                else:
                    _bytes(h, numpy.ascontiguousarray(value).tobytes())
            elif isinstance(value, numpy.generic):
                _str(h, value.dtype.str)
                if value.dtype.hasobject:
                    self._feed(h, value.item())
                else:
                    _bytes(h, value.tobytes())
            else:
                self._feed_reduced(h, value)
        elif name == "pandas":
            self._feed_pandas(h, value)
        elif name == "polars":
            self._feed_polars(h, value)
        elif name == "pyarrow":
            self._feed_arrow(h, value)
        elif name == "PIL":
            image = value
            self._feed(h, (image.mode, image.size, image.getpalette() if image.mode == "P" else None))
            _bytes(h, image.tobytes())

    def _feed_pandas(self, h: _Hash, value: Any) -> None:
        pandas = sys.modules["pandas"]
        if not isinstance(value, (pandas.DataFrame, pandas.Series, pandas.Index)):
            self._feed_reduced(h, value)
            return
        if isinstance(value, pandas.DataFrame):
            self._feed(h, [str(c) for c in value.columns])
            self._feed(h, [str(t) for t in value.dtypes])
        else:
            self._feed(h, (str(value.name), str(value.dtype)))
        _int(h, len(value))
        try:
            rows = pandas.util.hash_pandas_object(value, index=not isinstance(value, pandas.Index))
            _bytes(h, rows.to_numpy().tobytes())
        except TypeError:  # cells pandas cannot hash (lists, dicts): what pickle saves of the frame
            _bytes(h, pickle.dumps(value, protocol=4))

    def _feed_polars(self, h: _Hash, value: Any) -> None:
        polars = sys.modules["polars"]
        if isinstance(value, polars.DataFrame):
            self._feed(h, [(name, str(kind)) for name, kind in value.schema.items()])
            rows = value.hash_rows(seed=0)
        elif isinstance(value, polars.Series):
            self._feed(h, (value.name, str(value.dtype)))
            rows = value.hash(seed=0)
        else:
            self._feed_reduced(h, value)
            return
        _int(h, len(value))
        _bytes(h, array.array("Q", rows.to_list()).tobytes())

    def _feed_arrow(self, h: _Hash, value: Any) -> None:
        pa = sys.modules["pyarrow"]
        if isinstance(value, pa.Array):
            value = pa.RecordBatch.from_arrays([value], ["value"])
        elif isinstance(value, pa.ChunkedArray):
            value = pa.table({"value": value})
        if not isinstance(value, (pa.Table, pa.RecordBatch)):
            self._feed_reduced(h, value)
            return
        ipc = importlib.import_module("pyarrow.ipc")  # pyarrow is loaded already; its ipc submodule may not be

        sink = pa.BufferOutputStream()
        with ipc.new_stream(sink, value.schema) as writer:
            writer.write(value)
        _bytes(h, sink.getvalue().to_pybytes())


def _code_digest(code: types.CodeType) -> bytes:
    """A code object's bytecode, constants (nested functions' code included) and the names it uses."""
    found = _code_digests.get(code)
    if found is not None:
        return found
    h = new_hash()
    _bytes(h, code.co_code)
    constants = Hasher()  # plain values only, and no hash_funcs: the digest is shared by every key
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            h.update(_code_digest(const))
        else:
            constants._feed(h, const)
    constants._feed(h, (code.co_names, code.co_varnames, code.co_freevars, code.co_argcount, code.co_kwonlyargcount))
    digest = h.digest()
    _code_digests[code] = digest
    return digest


def function_key(kind: str, function: Callable[..., Any]) -> str:
    """The key of a cached function's cache: the decorator, the function's module, qualified name and source, so
    that editing the function starts a new cache, as Streamlit's ``_make_function_key`` does. Without a source file
    (a script given as text, a function made by ``exec``), its code stands for its source."""
    hasher = Hasher()
    hasher.add((kind, getattr(function, "__module__", None), getattr(function, "__qualname__", repr(function))))
    code = getattr(function, "__code__", None)
    source: str | bytes | None = None
    # A script given as text ("<app>") has no file: the line cache under its name may hold another script by now.
    if not (isinstance(code, types.CodeType) and code.co_filename.startswith("<")):
        try:
            source = inspect.getsource(function)
        except (OSError, TypeError):
            pass
    if source is None:
        source = _code_digest(code) if isinstance(code, types.CodeType) else repr(function)
    hasher.add(source)
    return hasher.hexdigest()


# -- plain values ----------------------------------------------------------------------------------------------------


_tags: dict[type, bytes] = {}


def _tag(kind: type) -> bytes:
    tag = _tags.get(kind)
    if tag is None:
        name = full_name(kind).encode()
        tag = b"%d:%s" % (len(name), name)
        if len(_tags) < 4096:
            _tags[kind] = tag
    return tag


def _bytes(h: _Hash, data: bytes | bytearray | memoryview) -> None:
    h.update(b"%d:" % len(data))
    h.update(data)


def _str(h: _Hash, text: str) -> None:
    _bytes(h, text.encode("utf-8", "surrogatepass"))


def _int(h: _Hash, number: int) -> None:
    _bytes(h, number.to_bytes((number.bit_length() + 8) // 8, "little", signed=True))


def _float(h: _Hash, number: float) -> None:
    h.update(struct.pack("<d", number))


_PLAIN: dict[type, Callable[[_Hash, Any], None]] = {
    type(None): lambda h, v: None,
    bool: lambda h, v: h.update(b"1" if v else b"0"),
    int: _int,
    float: _float,
    complex: lambda h, v: h.update(struct.pack("<dd", v.real, v.imag)),
    str: _str,
    bytes: _bytes,
    bytearray: _bytes,
    memoryview: lambda h, v: _bytes(h, v.tobytes()),
    type(...): lambda h, v: None,
    range: lambda h, v: _str(h, repr(v)),
    slice: lambda h, v: _str(h, repr(v)),
    datetime.datetime: lambda h, v: _str(h, v.isoformat()),
    datetime.date: lambda h, v: _str(h, v.isoformat()),
    datetime.time: lambda h, v: _str(h, v.isoformat()),
    datetime.timedelta: lambda h, v: _str(h, repr((v.days, v.seconds, v.microseconds))),
    datetime.timezone: lambda h, v: _str(h, repr(v)),
    pathlib.PurePosixPath: lambda h, v: _str(h, str(v)),
    pathlib.PureWindowsPath: lambda h, v: _str(h, str(v)),
    pathlib.PosixPath: lambda h, v: _str(h, str(v)),
    pathlib.WindowsPath: lambda h, v: _str(h, str(v)),
}

#: Plain values of modules a script may never load, by type name, so that hashing imports none of them.
_PLAIN_BY_NAME: dict[str, Callable[[_Hash, Any], None]] = {
    "uuid.UUID": lambda h, v: h.update(v.bytes),
    "decimal.Decimal": lambda h, v: _str(h, str(v)),
    "fractions.Fraction": lambda h, v: _str(h, str(v)),
}

_LIBRARIES = ("numpy", "pandas", "polars", "pyarrow", "PIL")


def _library(value: Any) -> str | None:
    """Which of the data libraries ``value`` belongs to, by its type's module (no import needed to ask)."""
    module = type(value).__module__
    top = module.partition(".")[0]
    if top in _LIBRARIES:
        if top == "PIL":
            image = sys.modules.get("PIL.Image")
            return "PIL" if image is not None and isinstance(value, image.Image) else None
        return top
    return None
