"""``porch.connection`` and the connection classes (``porch.connections``), as Streamlit 1.67's ``st.connection``.

``connection(name, type=None, ...)`` returns a connection object made once and kept by ``cache_resource`` (shared by
every session, or one per session for a class whose ``scope()`` is ``"session"``), configured by the keyword
arguments and by the secrets' ``[connections.<name>]`` table. ``type`` is ``"sql"`` (:class:`SQLConnection`, on
SQLAlchemy), ``"snowflake"`` or ``"snowflake-callers-rights"`` (:mod:`porch.connections_snowflake`, on Snowflake's
own package, imported only then), a class deriving from :class:`BaseConnection`, or the dotted path of one; without
it, a name of a first-party type is its own type, else the table's ``type`` says.
"""

from __future__ import annotations

import builtins
import datetime
import importlib
import os
import re
import uuid
from abc import ABC, abstractmethod
from collections import ChainMap
from copy import deepcopy
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast, overload

from ..errors import PorchAPIError
from .cache import cache_data, cache_resource
from .secrets import Section, secrets

if TYPE_CHECKING:
    from pandas import DataFrame
    from sqlalchemy.engine import Connection as SQLAlchemyConnection, Engine
    from sqlalchemy.orm import Session

    from ..connections_snowflake import SnowflakeCallersRightsConnection, SnowflakeConnection

__all__ = ["BaseConnection", "ExperimentalBaseConnection", "SQLConnection", "connection"]

RawConnectionT = TypeVar("RawConnectionT")
ConnectionClass = TypeVar("ConnectionClass", bound="BaseConnection[Any]")

#: Packages to install, by the module a connection could not import (as Streamlit names them).
PACKAGES = {
    "MySQLdb": "mysqlclient", "psycopg2": "psycopg2-binary", "sqlalchemy": "sqlalchemy",
    "snowflake": "snowflake-connector-python", "snowflake.connector": "snowflake-connector-python",
    "snowflake.snowpark": "snowflake-snowpark-python",
}
#: The first-party types of porch.connections_snowflake (imported when one is named), and the one Streamlit removed.
SNOWFLAKE = ("snowflake", "snowflake-callers-rights")
SNOWPARK = "snowpark"
SNOWPARK_REMOVED = (
    "The Snowpark connection was removed in favor of the Snowflake connection. "
    'Update your app to use `st.connection("<name>", type="snowflake")` with `SnowflakeConnection` instead.'
)


class _Unset:
    """``ttl`` not given: the option ``runner.connectionDefaultTTL`` decides (None: kept until cleared)."""

    def __repr__(self) -> str:
        return "<unset>"


TTL_UNSET: Any = _Unset()


class BaseConnection(ABC, Generic[RawConnectionT]):
    """The base of every connection: a subclass implements ``_connect(**kwargs)``, which returns the underlying
    connection object (``self._instance`` then gives it, made again after :meth:`reset`), and reads its configuration
    from ``self._secrets``, the secrets' ``[connections.<name>]`` table. ``scope()`` returns ``"global"`` (one
    connection for the whole app, the default) or ``"session"`` (one per session)."""

    def __init__(self, connection_name: str, **kwargs: Any) -> None:
        self._connection_name = connection_name
        self._kwargs = kwargs
        self._connection_instance_id = uuid.uuid4()
        self._secrets_seen = self._secrets.to_dict()
        self._raw_instance: RawConnectionT | None = self._connect(**kwargs)

    def __getattribute__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            raw = object.__getattribute__(self, "_raw_instance") if name != "_raw_instance" else None
            if raw is not None and hasattr(raw, name):
                raise AttributeError(
                    f"`{name}` doesn't exist here, but you can call `._instance.{name}` instead"
                ) from None
            raise

    @property
    def _secrets(self) -> Section:
        """The secrets' ``[connections.<name>]`` table (empty when there is none)."""
        section = secrets.get("connections") if secrets.load_if_toml_exists() else None
        table = section.get(self._connection_name) if isinstance(section, Section) else None
        if isinstance(table, Section):
            return table
        return Section({}, f"connections.{self._connection_name}")

    def reset(self) -> None:
        """Forget the underlying connection: the next use makes a new one (a stale connection, an expired token)."""
        self._raw_instance = None

    @property
    def _instance(self) -> RawConnectionT:
        current = self._secrets.to_dict()
        if current != self._secrets_seen:  # the secrets file changed: connect with the new configuration
            self._secrets_seen = current
            self.reset()
        if self._raw_instance is None:
            self._raw_instance = self._connect(**self._kwargs)
        return self._raw_instance

    @abstractmethod
    def _connect(self, **kwargs: Any) -> RawConnectionT:
        """Make the underlying connection object, from ``kwargs`` and ``self._secrets``."""
        raise NotImplementedError

    @classmethod
    def scope(cls) -> Literal["global", "session"]:
        return "global"

    def close(self) -> None:
        """Release what the connection holds; called when it leaves the cache. Subclasses override it."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._connection_name!r}>"


ExperimentalBaseConnection = BaseConnection

_CONNECTION_PARAMS = ("url", "driver", "dialect", "username", "password", "host", "port", "database", "query")
_REQUIRED_PARAMS = ("dialect", "username", "host")


class SQLConnection(BaseConnection["Engine"]):
    """A connection to a SQL database through SQLAlchemy (``pip install sqlalchemy``, and the database's driver).

    Configured by ``url`` (``"sqlite:///app.db"``, ``"postgresql+psycopg2://user:pw@host/db"``) or by ``dialect``,
    ``driver``, ``username``, ``password``, ``host``, ``port``, ``database`` and ``query``, as keyword arguments of
    ``connection()`` or in the secrets' ``[connections.<name>]`` table (keyword arguments win); the table's
    ``create_engine_kwargs`` and any other keyword arguments go to ``sqlalchemy.create_engine``. ``autocommit=True``
    commits each statement. ``query()`` reads into a pandas DataFrame, cached; ``session`` is a SQLAlchemy
    Session for writes; ``engine`` and ``connect()`` are SQLAlchemy's own.
    """

    def _connect(self, autocommit: bool = False, **kwargs: Any) -> Engine:
        import sqlalchemy
        from sqlalchemy.engine import URL, make_url

        kwargs = deepcopy(kwargs)
        given = {key: kwargs.pop(key) for key in _CONNECTION_PARAMS if key in kwargs}
        params = ChainMap(given, self._secrets.to_dict())
        if not params:
            raise PorchAPIError(
                "Missing SQL DB connection configuration. Did you forget to set this in the secrets "
                f"([connections.{self._connection_name}]) or as keyword arguments of `connection()`?"
            )
        if "url" in params:
            url = make_url(params["url"])
        else:
            for required in _REQUIRED_PARAMS:
                if required not in params:
                    raise PorchAPIError(
                        f"Missing required parameter `{required}` of the SQL connection {self._connection_name!r}: "
                        "set it in the secrets or pass it as a keyword argument of `connection()`."
                    )
            url = URL.create(
                drivername=params["dialect"] + (f"+{params['driver']}" if "driver" in params else ""),
                username=params["username"],
                password=params.get("password"),
                host=params["host"],
                port=int(params["port"]) if "port" in params else None,
                database=params.get("database"),
                query=params.get("query", {}),
            )
        engine_kwargs = ChainMap(kwargs, dict(self._secrets.get("create_engine_kwargs", {})))
        engine = sqlalchemy.create_engine(url, **engine_kwargs)
        return cast("Engine", engine.execution_options(isolation_level="AUTOCOMMIT")) if autocommit else engine

    def query(
        self,
        sql: str,
        *,
        show_spinner: bool | str = "Running `sql.query(...)`.",
        ttl: float | int | datetime.timedelta | None = None,
        index_col: str | list[str] | None = None,
        chunksize: int | None = None,
        params: Any | None = None,
        **kwargs: Any,
    ) -> DataFrame:
        """Run a read query and return a pandas DataFrame, cached as ``cache_data`` caches (``ttl`` seconds, or
        until cleared) by the query and its arguments. ``params`` are bound to the query's ``:name`` placeholders;
        ``index_col``, ``chunksize`` and other keyword arguments go to ``pandas.read_sql``. A database error is tried
        twice more, reconnecting between tries."""
        from sqlalchemy import text
        from sqlalchemy.exc import DatabaseError, InternalError, OperationalError

        def _query(
            instance_id: uuid.UUID, sql: str, index_col: Any = None, chunksize: int | None = None,
            params: Any = None, **kwargs: Any,
        ) -> DataFrame:
            import pandas as pd

            for attempt in range(3):
                try:
                    with self._instance.connect() as live:
                        return cast("DataFrame", pd.read_sql(
                            text(sql), live, index_col=index_col, chunksize=chunksize, params=params, **kwargs
                        ))
                except (DatabaseError, InternalError, OperationalError):
                    if attempt == 2:
                        raise
                    self.reset()
            raise AssertionError("unreachable")

        _query.__qualname__ = f"{_query.__qualname__}_{self._connection_name}_{str(ttl).replace('.', '_')}"
        cached = cache_data(show_spinner=show_spinner, ttl=ttl)(_query)
        return cached(
            self._connection_instance_id, sql, index_col=index_col, chunksize=chunksize, params=params, **kwargs
        )

    def connect(self) -> SQLAlchemyConnection:
        """A new SQLAlchemy Connection from the engine (close it, or use it in a ``with`` block)."""
        return self._instance.connect()

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy Engine."""
        return self._instance

    @property
    def driver(self) -> str:
        """The name of the database driver (``pysqlite``, ``psycopg2``...)."""
        return self._instance.driver

    @property
    def session(self) -> Session:
        """A new SQLAlchemy Session on the engine, for writes (``with conn.session as s: ...; s.commit()``)."""
        from sqlalchemy.orm import Session

        return Session(self._instance)

    def close(self) -> None:
        if self._raw_instance is not None:
            self._raw_instance.dispose()


FIRST_PARTY: dict[str, type[BaseConnection[Any]]] = {"sql": SQLConnection}


def _first_party(name: str) -> type[BaseConnection[Any]]:
    """The class of a first-party type: ``"sql"``, or Snowflake's (whose module is imported only for them)."""
    if name in SNOWFLAKE:
        from ..connections_snowflake import SnowflakeCallersRightsConnection, SnowflakeConnection

        return SnowflakeConnection if name == "snowflake" else SnowflakeCallersRightsConnection
    return FIRST_PARTY[name]


@overload
def connection(
    name: str, type: Literal["sql"], max_entries: int | None = None,
    ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> SQLConnection: ...
@overload
def connection(
    name: Literal["snowflake"], type: Literal["snowflake"] | None = None, max_entries: int | None = None,
    ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> SnowflakeConnection: ...
@overload
def connection(
    name: Literal["snowflake-callers-rights"], type: Literal["snowflake-callers-rights"] | None = None,
    max_entries: int | None = None, ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> SnowflakeCallersRightsConnection: ...
@overload
def connection(
    name: str, type: Literal["snowflake"], max_entries: int | None = None,
    ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> SnowflakeConnection: ...
@overload
def connection(
    name: str, type: Literal["snowflake-callers-rights"], max_entries: int | None = None,
    ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> SnowflakeCallersRightsConnection: ...
@overload
def connection(
    name: str, type: type[ConnectionClass], max_entries: int | None = None,
    ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> ConnectionClass: ...
@overload
def connection(
    name: str, type: str | None = None, max_entries: int | None = None,
    ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> BaseConnection[Any]: ...
def connection(
    name: str, type: Any = None, max_entries: int | None = None,
    ttl: float | datetime.timedelta | None = TTL_UNSET, **kwargs: Any,
) -> Any:
    """Make a connection to a data source, or give the one made before with the same arguments: it is kept by
    ``cache_resource`` (``max_entries`` connections at most, each for ``ttl`` seconds; None: until cleared; not
    given: the option ``runner.connectionDefaultTTL``, by default None).

    ``name`` is the connection's table in the secrets (``[connections.<name>]``); ``"env:VARIABLE"`` takes the name
    from an environment variable. ``type`` is ``"sql"`` (:class:`SQLConnection`), ``"snowflake"``
    (:class:`~porch.connections.SnowflakeConnection`), ``"snowflake-callers-rights"``, a class deriving from
    :class:`BaseConnection`, or the dotted path of one (``"mypackage.MyConnection"``); None: the name itself when it
    is one of the first three, else the table's ``type`` (``"snowpark"``, which Streamlit removed, says so). Other
    keyword arguments go to the connection class (for SQL: the URL's parts and ``create_engine``'s arguments; for
    Snowflake: ``snowflake.connector.connect``'s), over what the secrets say. A module the connection needs and cannot
    import is named with the package to install.
    """
    if name.startswith("env:"):
        name = os.environ[name.removeprefix("env:")]
    connection_class = type
    if connection_class is None:
        if name == SNOWPARK:
            raise PorchAPIError(SNOWPARK_REMOVED)
        if name in SNOWFLAKE or name in FIRST_PARTY:
            connection_class = name
        else:
            table = secrets.get("connections") if secrets.load_if_toml_exists() else None
            declared = table.get(name) if isinstance(table, Section) else None
            connection_class = declared.get("type") if isinstance(declared, Section) else None
            if connection_class is None:
                raise PorchAPIError(
                    f"connection({name!r}): say which type of connection it is: type='sql', a class deriving from "
                    f"BaseConnection, or `type = ...` in the secrets' [connections.{name}] table."
                )
    if isinstance(connection_class, str):
        if connection_class == SNOWPARK:
            raise PorchAPIError(SNOWPARK_REMOVED)
        if "." in connection_class:
            module, _, class_name = connection_class.rpartition(".")
            connection_class = getattr(importlib.import_module(module), class_name)
        elif connection_class in FIRST_PARTY or connection_class in SNOWFLAKE:
            connection_class = _first_party(connection_class)
        else:
            raise PorchAPIError(f"connection({name!r}): unknown connection type {connection_class!r}")
    if not (isinstance(connection_class, builtins.type) and issubclass(connection_class, BaseConnection)):
        raise PorchAPIError(f"{connection_class} is not a subclass of BaseConnection!")
    scope = connection_class.scope()
    if scope not in ("global", "session"):
        raise PorchAPIError(f"Connection class {connection_class.__name__} has scope {scope!r}: 'global' or 'session'")
    from ..connections_snowflake import SnowflakeCallersRightsConnection

    if issubclass(connection_class, SnowflakeCallersRightsConnection):
        # on every call, not only when it is made: a cached one handed to a module being imported is shared as well
        connection_class._raise_if_module_being_imported()
    if ttl is TTL_UNSET:
        from .options import get_option

        ttl = get_option("runner.connectionDefaultTTL")
    seconds = ttl.total_seconds() if isinstance(ttl, datetime.timedelta) else ttl

    def _create_connection(name: str, connection_class: type[BaseConnection[Any]], **kwargs: Any) -> Any:
        return connection_class(connection_name=name, **kwargs)

    _create_connection.__qualname__ += f"_{str(seconds).replace('.', '_')}_{max_entries}"
    cached = cache_resource(
        max_entries=max_entries, ttl=seconds, show_spinner="Running `porch.connection(...)`.", scope=scope,
        on_release=lambda made: made.close(),
    )(_create_connection)
    try:
        return cached(name, connection_class, **kwargs)
    except ModuleNotFoundError as exc:
        missing = re.search(r"No module named '(.+)'", str(exc))
        package = PACKAGES.get(missing.group(1)) if missing else None
        hint = (
            f"You need to install the '{package}' package to use this connection." if package
            else "You may be missing a dependency required to use this connection."
        )
        raise ModuleNotFoundError(f"{exc}. {hint}") from None
