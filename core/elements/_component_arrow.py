"""Data frames between a script and a custom component's frame, as Streamlit 1.67 sends them (its
``components.v1.component_arrow``).

A frame argument goes to the frame as three Arrow IPC streams: the data, the index and the column labels, each a
table (:func:`to_streams`); component-lib's ``ArrowTable`` reads them. A value the frame sets with an ``ArrowTable``
(``setComponentValue(table)``, ``dataType: "dataframe"``) comes back as the same three streams and becomes a pandas
DataFrame, built as Streamlit builds it (:func:`from_streams`). A pandas Styler goes as its data, with its looks
beside them as Streamlit's ``ArrowTableStyler`` has them (:func:`styling_of`): its uuid, its caption, its CSS and its
display values, which component-lib's ``ArrowTable`` reads into its ``styles``. A ``components.v2`` component gets a
data frame as one stream (:func:`arrow_stream`).

The streams a client sends are read only within bounds, since they come from a browser tab: no compressed buffers
(a few kilobytes could inflate to gigabytes; Arrow JS, which component-lib uses, never compresses), only flat
columns and lists or structs of them (no run-end encoding, list views or unions, whose values are not their bytes),
at most :data:`VALUES_PER_BYTE` values for each byte received (so a small stream cannot declare millions of rows of
nulls), and fully validated before pandas sees them. Each stream is at most what the protocol takes as one string
(``MAX_STRING_VALUE`` characters of base64); beyond that, or failing any check, the value is refused with the reason.

pyarrow and pandas are imported only when a frame is sent or received (Streamlit requires both for components).
"""

from __future__ import annotations

import inspect
import re
import struct
import sys
from collections import defaultdict
from collections.abc import Mapping
from enum import Enum
from typing import Any, TypedDict

from ..errors import PorchAPIError
from ._frames import backend_of
from ._preview import evaluated, is_unevaluated, type_name

#: The values (cells, list items, dictionary entries) a client's stream may hold per byte of it: one bit each, the
#: least any value takes but a null column's (which the fixed :data:`SLACK_VALUES` covers).
VALUES_PER_BYTE = 8
SLACK_VALUES = 4096
_MESSAGE_SCHEMA, _MESSAGE_DICTIONARY, _MESSAGE_BATCH = 1, 2, 3


def is_frame(value: Any) -> bool:
    """Whether a component argument goes to the frame as a data frame (Streamlit's ``is_dataframe_like``): a pandas,
    polars or pyarrow object, a NumPy array, a mapping of pandas Series, an object with ``__dataframe__`` or
    ``to_pandas()``, or an unevaluated frame (a DB-API cursor, a polars LazyFrame, a Spark, Snowpark, Dask or Modin
    frame: sent as its preview, ``_preview``). Lists, dicts and tuples of plain values stay JSON, and so do a
    generator function and a DuckDB relation (not frames to Streamlit's test either)."""
    module = type(value).__module__.split(".")[0]
    if module in ("pandas", "polars", "pyarrow") or (module == "numpy" and type(value).__name__ == "ndarray"):
        return True
    if isinstance(value, Mapping):
        pd = sys.modules.get("pandas")
        return bool(value) and pd is not None and all(isinstance(item, pd.Series) for item in value.values())
    if isinstance(value, (str, bytes, bytearray, memoryview, list, tuple, set, frozenset, int, float, bool)):
        return False
    if is_unevaluated(value) and not inspect.isgeneratorfunction(value):
        return "duckdb" not in type_name(value).lower()
    return hasattr(value, "__dataframe__") or callable(getattr(value, "to_pandas", None))


def to_streams(value: Any, call: str) -> tuple[bytes, bytes, bytes]:
    """A frame argument as Streamlit sends it: Arrow IPC streams of its data, its index and its column labels."""
    try:
        import pandas as pd
        import pyarrow  # noqa: F401  (the streams are Arrow's)
    except ImportError:
        raise PorchAPIError(f"{call}: a data frame argument needs pandas and pyarrow installed (pip install pyarrow "
                            "pandas), as in Streamlit") from None
    if isinstance(value, Mapping):
        value = pd.DataFrame(dict(value))
    frame = backend_of(value, call)[0].to_pandas()

    def labels(values: Any) -> Any:
        return pd.DataFrame([list(item) if isinstance(item, tuple) else item for item in values])

    return _ipc(frame, call), _ipc(labels(frame.index.values), call), _ipc(labels(frame.columns.values), call)


class Styling(TypedDict):
    """A pandas Styler's looks, as Streamlit 1.67 sends them beside its data (``ArrowTableStyler``)."""

    #: The Styler's uuid: its CSS selects the table as ``#T_<uuid>``.
    uuid: str
    #: Its caption ("" for none).
    caption: str
    #: Its table styles and cell styles as CSS rules, one a line ("" for none).
    styles: str
    #: An Arrow IPC stream of its cells as the Styler shows them (its formats applied), all text.
    display_values: bytes


#: A cell's id in pandas' translated Styler (``row<i>_col<j>``).
_CELL_ID = re.compile(r"row(\d+)_col(\d+)")


def styling_of(value: Any, call: str) -> Styling | None:
    """The looks of ``value`` when it is a pandas Styler (None for any other frame), computed as Streamlit's
    ``pandas_styler_utils.marshall_styler`` computes them: refused beyond pandas' ``styler.render.max_elements``
    cells, as Streamlit refuses them, with the way to raise that limit.

    Unlike Streamlit 1.67, the display values go as standard-width text (pandas 3 makes them ``large_string``, which
    the Arrow JS that published components bundle may not read), as Streamlit already sends the data."""
    style = sys.modules.get("pandas.io.formats.style")  # imported with any Styler, by the script or pandas
    if style is None or not isinstance(value, style.Styler):
        return None
    import pandas as pd

    data = value.data
    limit = int(pd.options.styler.render.max_elements)
    if data.size > limit:
        raise PorchAPIError(
            f"{call}: the dataframe has `{data.size}` cells, but the maximum number of cells allowed to be rendered "
            f"by Pandas Styler is configured to `{limit}`. To allow more cells to be styled, you can change the "
            f'`"styler.render.max_elements"` config. For example: '
            f'`pd.set_option("styler.render.max_elements", {data.size})`'
        )
    # As Streamlit: pandas' private members are the only way to the computed styles.
    value._compute()
    translated = value._translate(False, False)
    caption = value.caption
    if isinstance(caption, (tuple, list)):  # pandas' (HTML caption, LaTeX caption): HTML's, as pandas shows it
        caption = caption[0] if caption else None
    uuid = str(value.uuid)
    rules = [_css_rule(style_, [style_["selector"]], uuid, " ") for style_ in _trimmed(translated.get("table_styles"))]
    rules += [_css_rule(style_, style_["selectors"], uuid, "_") for style_ in _trimmed(translated.get("cellstyle"))]
    return {
        "uuid": uuid,
        "caption": "" if caption is None else str(caption),
        "styles": "\n".join(rules),
        "display_values": _ipc(_display_values(data, translated), call),
    }


def _trimmed(styles: Any) -> list[Any]:
    """The translated styles that set something (every cell has an entry, often only ``[("", "")]``)."""
    return [style for style in styles or [] if any(any(part) for part in style["props"])]


def _css_rule(style: Mapping[str, Any], selectors: list[str], uuid: str, separator: str) -> str:
    """One translated style as a CSS rule under the table's id (``#T_<uuid> th``, ``#T_<uuid>_row0_col1``)."""
    declarations = "; ".join(f"{str(name).strip()}: {str(value).strip()}" for name, value in style["props"])
    return ", ".join(f"#T_{uuid}{separator}{selector}" for selector in selectors) + " { " + declarations + " }"


def _display_values(data: Any, translated: Mapping[str, Any]) -> Any:
    """The Styler's data as text, each cell it translated replaced with the text it shows (Streamlit's
    ``_use_display_values``)."""
    shown = data.astype(str)
    by_column: defaultdict[int, dict[int, str]] = defaultdict(dict)
    for row in translated.get("body", []):
        for cell in row:
            match = _CELL_ID.match(cell.get("id") or "")
            if match:
                text = cell.get("display_value")
                row_at, column_at = map(int, match.groups())
                by_column[column_at][row_at] = str(text.value if isinstance(text, Enum) else text)
    for column_at, texts in by_column.items():
        shown.iloc[list(texts), column_at] = list(texts.values())
    return shown


def _ipc(frame: Any, call: str) -> bytes:
    import pyarrow as pa

    failures = (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError, OverflowError)
    try:
        table = pa.Table.from_pandas(frame)
    except failures:
        # Streamlit's fix for columns Arrow cannot take (mixed types): such columns go as their text.
        fixed = frame.copy()
        for name in fixed.columns[fixed.dtypes.astype(str) == "object"]:
            fixed[name] = fixed[name].astype("string")
        try:
            table = pa.Table.from_pandas(fixed)
        except failures as exc:
            raise PorchAPIError(f"{call}: a data frame argument could not be converted to Arrow: {exc}") from None
    return _stream(table)


def arrow_stream(value: Any, call: str) -> bytes:
    """A data frame as one Arrow IPC stream, as Streamlit's ``convert_anything_to_arrow_bytes`` makes it (what a
    ``components.v2`` component gets as its ``data``): a pyarrow table as it is, a polars frame by its own Arrow,
    anything else by pandas, with its index."""
    try:
        import pyarrow as pa
    except ImportError:
        raise PorchAPIError(f"{call}: a data frame needs pyarrow installed (pip install pyarrow)") from None
    # A LazyFrame as Streamlit's ``convert_anything_to_arrow_bytes`` collects it (captioned beyond its preview only).
    value = evaluated(value, as_arrow=True)
    if isinstance(value, pa.Table):
        return _stream(value)
    if type(value).__module__.split(".")[0] == "polars" and type(value).__name__ in ("DataFrame", "Series"):
        return _stream((value.to_frame() if type(value).__name__ == "Series" else value).to_arrow())
    return _ipc(backend_of(value, call)[0].to_pandas(), call)


def _stream(table: Any) -> bytes:
    """``table`` as an Arrow IPC stream. As Streamlit 1.67: large types become their standard-width kinds, which the
    Arrow JS of published components reads (pandas 3 keeps its text as large_string)."""
    import pyarrow as pa

    fields = [field.with_type(_standard_width(field.type)) for field in table.schema]
    if any(field.type != old.type for field, old in zip(fields, table.schema)):
        table = table.cast(pa.schema(fields, metadata=table.schema.metadata))
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def _standard_width(kind: Any) -> Any:
    import pyarrow as pa

    if pa.types.is_large_string(kind):
        return pa.string()
    if pa.types.is_large_binary(kind):
        return pa.binary()
    if pa.types.is_large_list(kind) or pa.types.is_list(kind):
        return pa.list_(kind.value_field.with_type(_standard_width(kind.value_type)))
    return kind


def from_streams(data: bytes, index: bytes, columns: bytes) -> Any:
    """The DataFrame a frame's ``ArrowTable`` value stands for, built as Streamlit builds it. Raises ``ValueError``
    with the reason for streams that are malformed or beyond the bounds (see the module's docstring)."""
    try:
        import pandas as pd
        import pyarrow  # noqa: F401
    except ImportError:
        raise ValueError("a data frame value needs pandas and pyarrow installed (pip install pyarrow pandas)") from None
    tables = [_read(stream, name) for stream, name in ((data, "data"), (index, "index"), (columns, "columns"))]
    try:
        frames = [table.to_pandas() for table in tables]
        return pd.DataFrame(
            frames[0].to_numpy(), index=frames[1].to_numpy().T.tolist(), columns=frames[2].to_numpy().T.tolist()
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, ArithmeticError) as exc:
        raise ValueError(f"the data frame's data, index and columns do not fit together: {exc}") from None
    except Exception as exc:  # pyarrow's own errors, pandas' metadata: a stream a client made
        raise ValueError(f"the data frame could not be read: {exc}") from None


def _read(stream: bytes, part: str) -> Any:
    """The Arrow table of one IPC stream a client sent, checked before it is decoded."""
    import pyarrow as pa

    try:
        for message in pa.ipc.MessageReader.open_stream(stream):
            kind, compressed = _message_kind(message.metadata.to_pybytes())
            if kind not in (_MESSAGE_SCHEMA, _MESSAGE_DICTIONARY, _MESSAGE_BATCH):
                raise ValueError(f"its {part} stream holds a message of kind {kind}, not a table's")
            if compressed:
                raise ValueError(f"its {part} stream is compressed (send it uncompressed, as Arrow JS writes it)")
        table = pa.ipc.open_stream(stream).read_all()
        limit = VALUES_PER_BYTE * len(stream) + SLACK_VALUES
        values = sum(_values(chunk) for column in table.columns for chunk in column.chunks)
        if values > limit:
            raise ValueError(f"its {part} stream holds {values} values in {len(stream)} bytes (at most {limit})")
        table.validate(full=True)
        return table
    except (pa.ArrowException, struct.error, IndexError, OSError) as exc:
        raise ValueError(f"its {part} stream is not an Arrow IPC stream Porch reads: {exc}") from None


def _values(array: Any) -> int:
    """The values ``array`` holds, its children's included; raises ``ValueError`` for a type that is not read."""
    import pyarrow as pa

    kind = array.type
    if isinstance(kind, pa.ExtensionType):
        return _values(array.storage)
    if pa.types.is_dictionary(kind):
        return len(array) + _values(array.dictionary)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_fixed_size_list(kind):
        return len(array) + _values(array.values)
    if pa.types.is_struct(kind):
        return len(array) + sum(_values(array.field(i)) for i in range(kind.num_fields))
    flat = (
        pa.types.is_null(kind) or pa.types.is_boolean(kind) or pa.types.is_integer(kind)
        or pa.types.is_floating(kind) or pa.types.is_decimal(kind) or pa.types.is_temporal(kind)
        or pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind)
    )
    if not flat:
        raise ValueError(f"a column of type {kind} is not read from a client (flat columns, lists and structs are)")
    return len(array)


def _message_kind(metadata: bytes) -> tuple[int, bool]:
    """The kind of an IPC message (1 schema, 2 dictionary batch, 3 record batch...) and whether its body is
    compressed, from its flatbuffer metadata (Arrow's Message.fbs: Message.header_type is field 1, header field 2;
    RecordBatch.compression is field 3; DictionaryBatch.data field 1). Raises ``IndexError`` for metadata that
    points outside itself."""
    root = _table(metadata, 0)
    kind_at = _field(metadata, root, 1)
    kind = _unpack("<B", metadata, kind_at) if kind_at is not None else 0
    header_at = _field(metadata, root, 2)
    if kind not in (_MESSAGE_DICTIONARY, _MESSAGE_BATCH) or header_at is None:
        return kind, False
    batch = _table(metadata, header_at)
    if kind == _MESSAGE_DICTIONARY:
        data_at = _field(metadata, batch, 1)
        if data_at is None:
            return kind, False
        batch = _table(metadata, data_at)
    return kind, _field(metadata, batch, 3) is not None


def _unpack(layout: str, buffer: bytes, at: int) -> int:
    if not 0 <= at <= len(buffer) - struct.calcsize(layout):
        raise IndexError("the message's metadata points outside itself")
    return int(struct.unpack_from(layout, buffer, at)[0])


def _table(buffer: bytes, at: int) -> int:
    """Where the flatbuffer table that the offset at ``at`` points to starts."""
    return at + _unpack("<I", buffer, at)


def _field(buffer: bytes, table: int, index: int) -> int | None:
    """Where field ``index`` of the flatbuffer table at ``table`` is, or None when it is absent."""
    vtable = table - _unpack("<i", buffer, table)
    size = _unpack("<H", buffer, vtable)
    at = 4 + 2 * index
    if at + 2 > size:
        return None
    offset = _unpack("<H", buffer, vtable + at)
    return table + offset if offset else None
