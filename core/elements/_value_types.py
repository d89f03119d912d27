"""What kind of value ``write`` (and ``json``) was given, told as Streamlit 1.67's ``type_util`` and
``dataframe_util`` tell it: by the module and name of the value's type, never by importing a library to test it (a
value of pandas exists only once the script imported pandas, so ``sys.modules`` already holds whatever an
``isinstance`` needs). ``write`` stays as cheap for a string or a number as it ever was, and Porch needs none of
these libraries.
"""

from __future__ import annotations

import array
import dataclasses
import inspect
import re
import sys
import types
from collections import ChainMap, UserDict, UserList, deque
from collections.abc import ItemsView, KeysView, Mapping, ValuesView
from enum import EnumMeta
from typing import Any

#: What ``write`` shows as help, besides classes and dataclasses (Streamlit's ``HELP_TYPES``).
HELP_TYPES: tuple[type[Any], ...] = (
    types.BuiltinFunctionType,
    types.BuiltinMethodType,
    types.FunctionType,
    types.MethodType,
    types.ModuleType,
)

#: What ``write`` shows as JSON, besides namedtuples, Pydantic models and Porch's own mappings.
JSON_TYPES: tuple[type[Any], ...] = (
    dict, list, map, enumerate, types.MappingProxyType, UserDict, ChainMap, UserList, ItemsView, KeysView, ValuesView,
)

#: Types of other libraries that Streamlit shows as a table, by ``module.qualname`` (modin, Snowflake, PySpark,
#: xarray, Dask, polars); pandas, NumPy and pyarrow are told by ``isinstance`` against their loaded modules.
_TABLE_TYPES = frozenset({
    "polars.dataframe.frame.DataFrame",
    "polars.lazyframe.frame.LazyFrame",
    "polars.series.series.Series",
    "modin.pandas.dataframe.DataFrame",
    "modin.pandas.series.Series",
    "snowflake.snowpark.modin.pandas.dataframe.DataFrame",
    "snowflake.snowpark.modin.pandas.series.Series",
    "snowflake.snowpark.modin.pandas.indexing.Index",
    "snowflake.snowpark.table.Table",
    "snowflake.snowpark.dataframe.DataFrame",
    "pyspark.sql.dataframe.DataFrame",
    "pyspark.sql.connect.dataframe.DataFrame",
    "xarray.core.dataset.Dataset",
    "xarray.core.dataarray.DataArray",
    "dask.dataframe.dask_expr._collection.DataFrame",
    "dask.dataframe.dask_expr._collection.Series",
    "dask.dataframe.dask_expr._collection.Index",
    "dask.dataframe.core.DataFrame",
    "dask.dataframe.core.Series",
    "dask.dataframe.core.Index",
})
_ALTAIR_CHART = re.compile(r"^altair\.vegalite\.v\d+\.api\.\w*Chart$")
_GRAPHVIZ_TYPES = frozenset({
    "graphviz.dot.Graph", "graphviz.dot.Digraph", "graphviz.graphs.Graph", "graphviz.graphs.Digraph",
    "graphviz.sources.Source",
})
_KERAS_MODELS = frozenset({
    "keras.engine.sequential.Sequential", "keras.engine.training.Model",
    "tensorflow.python.keras.engine.sequential.Sequential", "tensorflow.python.keras.engine.training.Model",
})
_LIST_LIKE: tuple[type[Any], ...] = (
    list, set, tuple, frozenset, array.ArrayType, deque, EnumMeta, enumerate, ItemsView, KeysView, map, range, UserList,
    ValuesView,
)
_PLOTLY_DICT_KEYS = frozenset({"config", "data", "frames", "layout"})
#: ``str()`` of an object that says nothing but where it lives in memory: ``<foo.Bar object at 0x7f...>``.
_MEMORY_ADDRESS = re.compile(r"^<[a-zA-Z_]+[a-zA-Z0-9<>._ ]* at 0x[0-9a-fA-F]+>$")


def type_name(value: Any) -> str:
    """``module.qualname`` of the value's type (``pandas.core.frame.DataFrame``)."""
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def _instance_of(value: Any, module: str, *names: str) -> bool:
    """Whether ``value`` is an instance of ``module.<name>`` for one of ``names``, if that module is loaded at all."""
    loaded = sys.modules.get(module)
    if loaded is None:
        return False
    found = tuple(kind for kind in (_attribute(loaded, name) for name in names) if isinstance(kind, type))
    return bool(found) and isinstance(value, found)


def _attribute(module: types.ModuleType, dotted: str) -> Any:
    found: Any = module
    for part in dotted.split("."):
        found = getattr(found, part, None)
    return found


def has_callable_attr(value: Any, name: str) -> bool:
    """Whether ``value`` has a method ``name``; an attribute that fails to read counts as none."""
    try:
        return callable(getattr(value, name, None))
    except Exception:  # a property or ``__getattr__`` that raises
        return False


def is_dataframe_like(value: Any) -> bool:
    """What Streamlit shows with ``dataframe``: pandas frames, series, indexes, Stylers and extension arrays, NumPy
    arrays, pyarrow tables and arrays, polars, modin, Snowflake, PySpark, xarray and Dask objects, DB-API cursors,
    and dicts of pandas Series. Lists, dicts and tuples are not (they are JSON, or text)."""
    if value is None or isinstance(value, (tuple, set, str, bytes, int, float, bool)):
        return False
    if _instance_of(value, "pandas", "DataFrame", "Series", "Index", "api.extensions.ExtensionArray"):
        return True
    if type_name(value) == "pandas.io.formats.style.Styler" or type_name(value) in _TABLE_TYPES:
        return True
    if _instance_of(value, "numpy", "ndarray") or _instance_of(value, "pyarrow", "Table", "Array"):
        return True
    if _is_snowpark_rows(value) or _is_dbapi_cursor(value):
        return True
    return _is_mapping_of_series(value)


def _is_snowpark_rows(value: Any) -> bool:
    return (
        isinstance(value, list) and len(value) > 0 and type_name(value[0]) == "snowflake.snowpark.row.Row"
        and has_callable_attr(value[0], "as_dict")
    )


def _is_dbapi_cursor(value: Any) -> bool:
    """A DB-API 2.0 cursor (PEP 249): ``description``, ``fetchmany`` and ``fetchall``."""
    return (
        not isinstance(value, type) and hasattr(value, "description") and has_callable_attr(value, "fetchmany")
        and has_callable_attr(value, "fetchall")
    )


def _is_mapping_of_series(value: Any) -> bool:
    """A dict (or another plain mapping) whose first value is a pandas Series: a frame's columns."""
    if not isinstance(value, Mapping) or not value or isinstance(value, (ChainMap, UserDict, types.MappingProxyType)):
        return False
    if is_custom_dict(value) or is_pydantic_model(value) or sys.modules.get("pandas") is None:
        return False
    return _instance_of(next(iter(value.values())), "pandas", "Series")


def is_altair_chart(value: Any) -> bool:
    return _ALTAIR_CHART.match(type_name(value)) is not None


def is_matplotlib_figure(value: Any) -> bool:
    return type_name(value) == "matplotlib.figure.Figure"


def is_plotly_chart(value: Any) -> bool:
    """A plotly Figure, a list of plotly traces, or a dict of a figure's parts holding plotly objects."""
    if type_name(value) == "plotly.graph_objs._figure.Figure" or _is_plotly_list(value):
        return True
    if not isinstance(value, dict) or not value or any(key not in _PLOTLY_DICT_KEYS for key in value):
        return False
    return any(_is_plotly_object(item) or _is_plotly_list(item) for item in value.values())


def _is_plotly_object(value: Any) -> bool:
    return type(value).__module__.startswith("plotly.graph_objs")


def _is_plotly_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(_is_plotly_object(item) for item in value)


def is_graphviz_chart(value: Any) -> bool:
    return type_name(value) in _GRAPHVIZ_TYPES


def is_sympy_expression(value: Any) -> bool:
    return type(value).__module__.startswith("sympy") and _instance_of(value, "sympy", "Expr")


def is_pillow_image(value: Any) -> bool:
    return type(value).__module__.startswith("PIL.")


def is_keras_model(value: Any) -> bool:
    return type_name(value) in _KERAS_MODELS


def is_pydeck(value: Any) -> bool:
    return type_name(value) == "pydeck.bindings.deck.Deck"


def is_namedtuple(value: Any) -> bool:
    return isinstance(value, tuple) and has_callable_attr(value, "_asdict")


def is_pydantic_model(value: Any) -> bool:
    """An instance (not the class) of a Pydantic model."""
    if isinstance(value, type):
        return False
    return any(f"{kind.__module__}.{kind.__qualname__}" == "pydantic.main.BaseModel" for kind in type(value).__mro__)


def is_list_like(value: Any) -> bool:
    """What ``json`` shows as a list (Streamlit's ``is_list_like``): tuples, sets, maps, enumerations, dict views,
    ranges, deques, arrays, ``UserList``, an Enum's members."""
    return not isinstance(value, str) and isinstance(value, _LIST_LIKE)


def is_sequence_of_pydantic_models(value: Any) -> bool:
    return isinstance(value, (list, tuple, set, frozenset)) and len(value) > 0 and is_pydantic_model(next(iter(value)))


def is_custom_dict(value: Any) -> bool:
    """One of Porch's own mappings with a ``to_dict``: ``session_state``, ``query_params``, ``user``, ``context``'s
    headers and cookies, the secrets (Streamlit's "custom dicts", told by their package as Streamlit tells its own)."""
    module = type(value).__module__
    return (
        isinstance(value, Mapping) and (module == "porch" or module.startswith("porch."))
        and has_callable_attr(value, "to_dict")
    )


def is_json_like(value: Any) -> bool:
    """What Streamlit shows with ``json``: dicts, lists, their views and wrappers, maps and enumerations, namedtuples,
    Pydantic models and Porch's own mappings. A plain tuple or set is not (it is text)."""
    return (
        isinstance(value, JSON_TYPES) or is_custom_dict(value) or is_namedtuple(value) or is_pydantic_model(value)
        or is_sequence_of_pydantic_models(value)
    )


def is_stream(value: Any) -> bool:
    """A generator (or generator function, sync or async) or an OpenAI stream: shown with ``write_stream``."""
    return (
        inspect.isgenerator(value) or inspect.isgeneratorfunction(value) or inspect.isasyncgenfunction(value)
        or inspect.isasyncgen(value) or type_name(value) == "openai.Stream"
    )


def shows_help(value: Any) -> bool:
    """A function, method, builtin, module, class or dataclass: shown with ``help``."""
    return isinstance(value, HELP_TYPES) or dataclasses.is_dataclass(value) or inspect.isclass(value)


def is_table_convertible(value: Any) -> bool:
    """An object that converts itself to a frame: ``to_pandas()`` or the interchange protocol's ``__dataframe__``."""
    return has_callable_attr(value, "to_pandas") or has_callable_attr(value, "__dataframe__")


def is_memory_address(text: str) -> bool:
    """Whether ``str()`` of an object says only where it lives (``<foo.Bar object at 0x7f...>``)."""
    return _MEMORY_ADDRESS.match(text) is not None
